/* test_dict.c - string interning (engine/dict.c): ids in first-seen order,
 * found again by exact bytes (length included, embedded NULs, prefixes) both
 * while the dict is small enough to be scanned and once it is hashed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict_int.h"
#include "ky_test.h"

static void test_small_and_large(void **state)
{
	(void)state;
	struct ky_dict d;
	ky_dict_init(&d);
	assert_int_equal(ky_dict_find(&d, "a", 1), (size_t)-1);
	char buf[32];
	for (size_t i = 0; i < 1000; i++) {
		int n = snprintf(buf, sizeof(buf), "value %zu", i);
		int added = -1;
		assert_int_equal(ky_dict_intern(&d, buf, (size_t)n, &added), i);
		assert_int_equal(added, 1);
		/* every string seen so far is found with its id, nothing else is */
		if (i < 12 || i % 97 == 0) {
			for (size_t j = 0; j <= i; j++) {
				int m = snprintf(buf, sizeof(buf), "value %zu", j);
				assert_int_equal(ky_dict_find(&d, buf, (size_t)m), j);
				assert_int_equal(ky_dict_find(&d, buf, (size_t)m - 1),
						 j >= 10 && j / 10 <= i ? j / 10 : (size_t)-1);
			}
			assert_int_equal(ky_dict_find(&d, "value x", 7), (size_t)-1);
		}
		n = snprintf(buf, sizeof(buf), "value %zu", i);
		assert_int_equal(ky_dict_intern(&d, buf, (size_t)n, &added), i);
		assert_int_equal(added, 0);
	}
	assert_int_equal(d.n, 1000);
	ky_dict_release(&d);

	/* same bytes up to a NUL, different lengths; the empty string */
	ky_dict_init(&d);
	assert_int_equal(ky_dict_intern(&d, "ab\0c", 4, NULL), 0);
	assert_int_equal(ky_dict_intern(&d, "ab", 2, NULL), 1);
	assert_int_equal(ky_dict_intern(&d, "", 0, NULL), 2);
	assert_int_equal(ky_dict_find(&d, "ab\0c", 4), 0);
	assert_int_equal(ky_dict_find(&d, "ab\0d", 4), (size_t)-1);
	assert_int_equal(ky_dict_find(&d, "ab", 2), 1);
	assert_int_equal(ky_dict_find(&d, "", 0), 2);
	assert_int_equal(ky_dict_find(&d, "ab\0", 3), (size_t)-1);
	ky_dict_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_small_and_large),
	};
	return cmocka_run_group_tests_name("dict", tests, NULL, NULL);
}
