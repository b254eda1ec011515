/* test_numfmt.c - ky_fmt_g15 and ky_fmt_u64 against snprintf "%.15g" and
 * "%llu", byte for byte: edge cases (powers of ten and their neighbours,
 * values that round up to the next power, exact ties, the ends of the fixed
 * style, integers near 10^15), the kinds of numbers the reports print
 * (percentages a/b, means, p-values) and millions of random doubles, both
 * uniformly in the exponent range the fast path covers and as random bits.
 * ky_fmt_fixed likewise against "%.*f". */
#include <float.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ky_buf.h"
#include "ky_test.h"

static unsigned long n_checked;

static void check(double x)
{
	char want[64], got[64];
	snprintf(want, sizeof(want), "%.15g", x);
	memset(got, 'x', sizeof(got));
	size_t n = ky_fmt_g15(got, x);
	n_checked++;
	if (n != strlen(want) || strcmp(got, want) != 0)
		fail_msg("%a (%.17g): ky_fmt_g15 gave \"%s\" (%zu), snprintf \"%s\"", x, x, got, n,
			 want);
}

static void check_both(double x)
{
	check(x);
	check(-x);
	check(nextafter(x, 0));
	check(nextafter(x, INFINITY));
}

static uint64_t rng = 88172645463325252ULL;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void test_edges(void **state)
{
	(void)state;
	static const double special[] = { 0.0, -0.0, INFINITY, -INFINITY, NAN, DBL_MIN, DBL_MAX,
					  DBL_TRUE_MIN, 1e-5, 1e-4, 9.99999999999999e-5,
					  9.999999999999995e-5, 9.9999999999999995e-5, 1e15, 1e15 - 1,
					  1e15 - 0.5, 999999999999999.4, 999999999999999.5,
					  999999999999999.6, 99999999999999.95, 0.1, 0.2, 0.3, 1.0 / 3,
					  2.0 / 3, 100.0 / 3, 200.0 / 3, 0.5, 1.5, 2.5, 12.5, 0.125,
					  33.33333333333333, 66.66666666666667, 4.35, 1.005, 0.045 };
	for (size_t i = 0; i < sizeof(special) / sizeof(special[0]); i++)
		check_both(special[i]);
	/* powers of ten, their neighbours, and 9.99..95 just below them */
	for (int e = -26; e <= 17; e++) {
		double p = pow(10, e);
		check_both(p);
		check_both(p * 0.999999999999999);
		check_both(p * 0.9999999999999995);
		check_both(p * 0.99999999999999995);
		check_both(p * 1.00000000000001);
		check_both(p * 1.000000000000005);
		for (int k = 1; k < 10; k++)
			check_both(k * p);
	}
	/* integers around every power of two and ten up to 2^60 */
	for (int b = 0; b <= 60; b++) {
		double p = ldexp(1, b);
		for (int d = -3; d <= 3; d++)
			check_both(p + d);
	}
	for (uint64_t v = 1; v < 1000000; v++)
		check((double)v);
	/* exact ties at the 16th significant digit: N + 0.5 with 15 digits,
	 * N/4 and N/8 with 16 or 17 digits */
	for (int i = 0; i < 30000; i++) {
		uint64_t n = 100000000000000ULL + next() % 900000000000000ULL;
		check_both((double)n + 0.5);
		check_both((double)(n / 10) + 0.25);
		check_both((double)(n / 10) + 0.75);
		check_both((double)(n / 100) + 0.125);
		check_both((double)(n / 100) + 0.375);
		check_both((double)(n / 1000) + 0.0625);
		check_both(ldexp((double)(n | 1), -(int)(next() % 70)));
	}
}

static void test_report_numbers(void **state)
{
	(void)state;
	/* percentages, means of 0..10 scales, sds, p-values */
	for (uint64_t b = 1; b <= 3000; b++)
		for (uint64_t a = 0; a <= b; a += 1 + b / 200) {
			check(100.0 * (double)a / (double)b);
			check((double)a / (double)b);
			check(5.0 * (double)a / (double)b + 1);
			check(sqrt((double)a / (double)b));
		}
	for (int i = 0; i < 100000; i++) {
		double u = (double)(next() >> 11) / 9007199254740992.0;
		check(exp(-40 * u));             /* p-values down to 4e-18 */
		check(u * 10);
		check(u * 100);
		check(round(u * 1e6) / 1e4);     /* two-decimal percentages */
	}
}

static void test_random(void **state)
{
	(void)state;
	for (int i = 0; i < 500000; i++) {   /* uniform over the exponents -27 .. 21 */
		uint64_t bits = next();
		int e = (int)(next() % 160) - 90;
		double x = ldexp((double)((bits >> 11) | (1ULL << 52)) / 9007199254740992.0, e);
		check(x);
		check(-x);
	}
	for (int i = 0; i < 500000; i++) {   /* random bit patterns */
		uint64_t bits = next();
		double x;
		memcpy(&x, &bits, sizeof(x));
		check(x);
	}
	for (int i = 0; i < 500000; i++) {   /* short decimals: k / 10^j */
		double x = (double)(next() % 100000000) / pow(10, (double)(next() % 12));
		check(x);
	}
	print_message("ky_fmt_g15: %lu values compared with snprintf\n", n_checked);
}

static void check_fixed(double x, int dec)
{
	char want[400], got[400];
	int k = snprintf(want, sizeof(want), "%.*f", dec, x);
	size_t n = ky_fmt_fixed(got, sizeof(got), x, dec);
	if (n != (size_t)k || strcmp(got, want) != 0)
		fail_msg("%a (%.17g) with %d decimals: ky_fmt_fixed gave \"%s\", snprintf \"%s\"", x, x,
			 dec, got, want);
}

static void test_fixed(void **state)
{
	(void)state;
	static const double special[] = { 0.0, -0.0, 0.5, 1.5, 2.5, -0.5, -2.5, 0.125, 0.375,
					  0.0005, 0.0015, 0.0025, 1.005, 2.675, 1e-300, -1e-300,
					  DBL_TRUE_MIN, 1e12, 1e12 - 0.5, 999999999999.5, 1e15, 1e22,
					  DBL_MAX, INFINITY, -INFINITY, NAN, 0.001, 0.0049999999999999999,
					  99.5, 100.0 / 3, -0.004, -0.0004 };
	for (int dec = 0; dec <= 8; dec++)
		for (size_t i = 0; i < sizeof(special) / sizeof(special[0]); i++) {
			check_fixed(special[i], dec);
			check_fixed(nextafter(special[i], 0), dec);
			check_fixed(nextafter(special[i], INFINITY), dec);
		}
	for (int i = 0; i < 150000; i++) {
		int dec = (int)(next() % 7);
		uint64_t n = next() % 100000000;
		check_fixed((double)n / 1000, dec);   /* ties at 3 decimals and beyond */
		check_fixed((double)n / 8 / pow(10, (double)(next() % 6)), dec);
		check_fixed(-(double)n / 16, dec);
		check_fixed(ldexp((double)(next() >> 11), (int)(next() % 100) - 100), dec);
		uint64_t bits = next();
		double x;
		memcpy(&x, &bits, sizeof(x));
		check_fixed(x, dec);
		check_fixed(100.0 * (double)(next() % 5000) / (double)(1 + next() % 5000), dec);
	}
}

static void test_u64(void **state)
{
	(void)state;
	char want[32], got[32];
	uint64_t v[] = { 0, 1, 9, 10, 99, 100, UINT32_MAX, (uint64_t)UINT32_MAX + 1,
			 10000000000000000000ULL, UINT64_MAX, UINT64_MAX - 1 };
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]) + 1000000; i++) {
		uint64_t x = i < sizeof(v) / sizeof(v[0]) ? v[i] : next() >> (next() % 64);
		snprintf(want, sizeof(want), "%llu", (unsigned long long)x);
		size_t n = ky_fmt_u64(got, x);
		assert_string_equal(got, want);
		assert_int_equal(n, strlen(want));
	}
	/* every digit count's and bit length's ends: 10^k - 1, 10^k, 2^j +- 1 */
	for (int k = 0; k < 64 * 3; k++) {
		uint64_t p = 1;
		for (int j = 0; j < k / 3 % 20; j++)
			p *= 10;
		if (k >= 60)
			p = 1ULL << (k / 3);
		uint64_t x = p + (uint64_t)(k % 3) - 1;
		snprintf(want, sizeof(want), "%llu", (unsigned long long)x);
		size_t n = ky_fmt_u64(got, x);
		assert_string_equal(got, want);
		assert_int_equal(n, strlen(want));
	}
	/* the buffer appenders: "-0" and NaN as before */
	struct ky_buf b = KY_BUF_INIT;
	ky_buf_add_double(&b, -0.0);
	ky_buf_add_double(&b, NAN);
	ky_buf_addch(&b, ',');
	ky_buf_add_double(&b, -2.5);
	ky_buf_addch(&b, ',');
	ky_buf_add_u64(&b, 18446744073709551615ULL);
	assert_string_equal(b.buf, "0,-2.5,18446744073709551615");
	assert_int_equal(b.len, strlen(b.buf));
	ky_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_report_numbers),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_fixed),
		cmocka_unit_test(test_u64),
	};
	return cmocka_run_group_tests_name("numfmt", tests, NULL, NULL);
}
