/* test_dynlib.c - ky_dynlib_load (engine/base/dynlib.c), how the XLSX and SPSS
 * readers open libxml2, libzip and ReadStat: a library that is found gives
 * its symbols; a missing library or symbol is an error value naming the
 * library, the reason and the package, and the outcome is kept. */
#include <stdio.h>
#include <string.h>

#include "ingest/ingest_int.h"
#include "ky_test.h"

static void test_found(void **state)
{
	(void)state;
	void *f = NULL;
	const struct ky_dynsym syms[] = { { "cos", &f } };
	static const char *const names[] = { "libm-none.so.99", "libm.so.6", NULL };
	struct ky_dynlib lib = { "libm", "libc6", names, syms, 1, 0, "" };
	struct ky_error e;
	ky_error_clear(&e);
	assert_int_equal(ky_dynlib_load(&lib, "a.xlsx", "XLSX workbooks", &e), 0);
	assert_int_equal(e.code, KY_OK);
	assert_non_null(f);
	assert_int_equal(ky_dynlib_load(&lib, "a.xlsx", "XLSX workbooks", &e), 0);
}

static void test_missing_library(void **state)
{
	(void)state;
	void *f = NULL;
	const struct ky_dynsym syms[] = { { "cos", &f } };
	static const char *const names[] = { "libkysely-none.so.1", "libkysely-none.so", NULL };
	struct ky_dynlib lib = { "libnone", "libnone1", names, syms, 1, 0, "" };
	for (int round = 0; round < 2; round++) {          /* the outcome is kept */
		struct ky_error e;
		ky_error_clear(&e);
		assert_int_equal(ky_dynlib_load(&lib, "a.sav", "SPSS files", &e), -1);
		assert_int_equal(e.code, KY_ERR_TOOL);
		assert_string_equal(e.path, "a.sav");
		assert_non_null(strstr(e.msg, "reading SPSS files needs libnone"));
		assert_non_null(strstr(e.msg, "libkysely-none.so.1"));
		assert_non_null(strstr(e.msg, "install the package libnone1"));
		assert_null(f);
	}
}

static void test_missing_symbol(void **state)
{
	(void)state;
	void *f = NULL, *g = NULL;
	const struct ky_dynsym syms[] = { { "cos", &f }, { "ky_no_such_function", &g } };
	static const char *const names[] = { "libm.so.6", NULL };
	struct ky_dynlib lib = { "libm", "libc6", names, syms, 2, 0, "" };
	struct ky_error e;
	ky_error_clear(&e);
	assert_int_equal(ky_dynlib_load(&lib, "a.xlsx", "XLSX workbooks", &e), -1);
	assert_int_equal(e.code, KY_ERR_TOOL);
	assert_non_null(strstr(e.msg, "ky_no_such_function"));
	assert_null(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_found),
		cmocka_unit_test(test_missing_library),
		cmocka_unit_test(test_missing_symbol),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
