/* test_dict.c - string interning (engine/base/dict.c): ids in first-seen order,
 * found again by exact bytes (length included, embedded NULs, prefixes) both
 * while the dict is small enough to be scanned and once it is hashed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/dict_int.h"
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

/* A small dict compares strings by their length and words (the first 24
 * bytes and the last 8, the rest by bytes): strings of every length up to
 * 40 that differ from the stored ones in a single byte, anywhere, are not
 * found; the stored ones are, by either lookup. */
static void test_small_words(void **state)
{
	(void)state;
	char base[48], probe[48];
	for (size_t i = 0; i < sizeof(base); i++)
		base[i] = (char)('a' + i % 26);
	for (size_t len = 0; len <= 40; len++) {
		struct ky_dict d;
		ky_dict_init(&d);
		/* six strings of this length, differing in their last byte, and
		 * two shorter ones (the same bytes) */
		for (int k = 0; k < 6; k++) {
			memcpy(probe, base, len);
			if (len)
				probe[len - 1] = (char)('0' + k);
			assert_int_equal(ky_dict_intern(&d, probe, len, NULL), len ? (size_t)k : 0);
		}
		size_t n = d.n;
		if (len >= 2) {
			assert_int_equal(ky_dict_intern(&d, base, len - 1, NULL), n);
			assert_int_equal(ky_dict_intern(&d, base, len - 2, NULL), n + 1);
		}
		for (int k = 0; k < 6; k++) {
			memcpy(probe, base, len);
			if (len)
				probe[len - 1] = (char)('0' + k);
			size_t want = len ? (size_t)k : 0;
			assert_int_equal(ky_dict_find(&d, probe, len), want);
			assert_int_equal(ky_dict_find_small(&d, probe, len), want);
			for (size_t at = 0; at + 1 < len; at++) {
				char was = probe[at];
				probe[at] = '#';
				assert_int_equal(ky_dict_find(&d, probe, len), (size_t)-1);
				assert_int_equal(ky_dict_find_small(&d, probe, len), (size_t)-1);
				probe[at] = was;
			}
		}
		if (len >= 2)
			assert_int_equal(ky_dict_find_small(&d, base, len - 2), n + 1);
		ky_dict_release(&d);
	}
}

/* ky_dict_lookup + ky_dict_add: the same ids as ky_dict_intern, through
 * the small dict, the table's growth steps and after. */
static void test_lookup_add(void **state)
{
	(void)state;
	struct ky_dict d;
	ky_dict_init(&d);
	char buf[32];
	for (size_t i = 0; i < 3000; i++) {
		int n = snprintf(buf, sizeof(buf), "key-%zu", i * 7919);
		struct ky_dict_hint hint;
		assert_int_equal(ky_dict_lookup(&d, buf, (size_t)n, &hint), (size_t)-1);
		assert_int_equal(ky_dict_add(&d, buf, (size_t)n, &hint), i);
		assert_int_equal(ky_dict_lookup(&d, buf, (size_t)n, &hint), i);
		if (i % 101 == 0)
			for (size_t j = 0; j <= i; j++) {
				int m = snprintf(buf, sizeof(buf), "key-%zu", j * 7919);
				assert_int_equal(ky_dict_find(&d, buf, (size_t)m), j);
			}
	}
	assert_int_equal(ky_dict_intern(&d, "key-0", 5, NULL), 0);
	ky_dict_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_small_and_large),
		cmocka_unit_test(test_small_words),
		cmocka_unit_test(test_lookup_add),
	};
	return cmocka_run_group_tests_name("dict", tests, NULL, NULL);
}
