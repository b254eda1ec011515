/* test_normalize.c - ky_label_normalize (engine/base/scale.c) gives exactly what
 * utf8proc's NFKC + case folding followed by the whitespace and apostrophe
 * rules gives, also on the texts its own fast path handles without utf8proc
 * (ASCII and U+00C0..U+00FF but U+00DF): every such code point, every pair
 * of them, and random texts mixing them with others and with broken UTF-8. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "ky_buf.h"
#include "ky_scale.h"
#include "ky_test.h"

/* The normalisation as it was before the fast path: utf8proc for all. */
static const char *reference(struct ky_buf *out, const char *s)
{
	utf8proc_uint8_t *mapped = NULL;
	ky_buf_reset(out);
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &mapped,
					  UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
					  UTF8PROC_COMPAT | UTF8PROC_CASEFOLD);
	const char *src = n >= 0 ? (const char *)mapped : s;
	int space = 0;
	for (const char *p = src; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == 0xE2 && (unsigned char)p[1] == 0x80 &&
		    ((unsigned char)p[2] == 0x99 || (unsigned char)p[2] == 0x98)) {
			c = '\'';
			p += 2;
		}
		if (isspace(c)) {
			space = out->len > 0;
			continue;
		}
		if (space)
			ky_buf_addch(out, ' ');
		space = 0;
		ky_buf_addch(out, (char)c);
	}
	free(mapped);
	return out->buf;
}

static void check(const char *s)
{
	struct ky_buf a = KY_BUF_INIT, b = KY_BUF_INIT;
	const char *got = ky_label_normalize(&a, s), *want = reference(&b, s);
	if (strcmp(got, want)) {
		char hex[512] = "";
		for (size_t i = 0; s[i] && i < 100; i++)
			snprintf(hex + strlen(hex), sizeof(hex) - strlen(hex), "%02x ",
				 (unsigned char)s[i]);
		fail_msg("input %s: \"%s\", expected \"%s\"", hex, got, want);
	}
	ky_buf_release(&a);
	ky_buf_release(&b);
}

static size_t put(char *p, unsigned cp)
{
	if (cp < 0x80) {
		p[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		p[0] = (char)(0xC0 | cp >> 6);
		p[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	p[0] = (char)(0xE0 | cp >> 12);
	p[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
	p[2] = (char)(0x80 | (cp & 0x3F));
	return 3;
}

static int in_fast_set(unsigned cp)
{
	return (cp >= 1 && cp < 0x80) || (cp >= 0xC0 && cp <= 0xFF && cp != 0xDF);
}

static void test_fast_set_and_pairs(void **state)
{
	(void)state;
	char s[16];
	for (unsigned a = 1; a <= 0xFF; a++) {
		if (!in_fast_set(a))
			continue;
		s[put(s, a)] = 0;
		check(s);
		for (unsigned b = 1; b <= 0xFF; b++) {
			if (!in_fast_set(b))
				continue;
			size_t n = put(s, a);
			s[n + put(s + n, b)] = 0;
			check(s);
		}
	}
}

static void test_edges(void **state)
{
	(void)state;
	static const char *const cases[] = {
		"", " ", "  \t\n", "  Täysin  SAMAA\tmieltä  ", "ÄÖÅ äöå Éé",
		"Straße", "a\xcc\x88", "A\xcc\x88iti", "\xc2\xaa", "\xc2\xa0x\xc2\xa0",
		"don\xe2\x80\x99t know", "\xe2\x80\x98quoted\xe2\x80\x99", "ﬁ ligature", "Ⅻ",
		"\xc3", "x\xc3", "\xc3\x28", "\xc3\xc3\xa4", "\xff", "\x80", "\xc3\x9f",
		"ÆØÞ×÷ÿ", "E\xcc\x81", "Ångström\xe2\x80\x8b", "İ", "ſ",
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check(cases[i]);
}

static void test_random(void **state)
{
	(void)state;
	static const unsigned alphabet[] = {
		'a', 'Z', ' ', '\t', '\n', '\r', '.', ':', '-', '\'', '1', 0xC4, 0xE4, 0xD6, 0xF6,
		0xC5, 0xE5, 0xC9, 0xDF, 0xD7, 0xA0, 0xB5, 0x308, 0x301, 0x2019, 0x2018, 0x1E9E,
		0x130, 0xFB01, 0x212B, 0xAA,
	};
	const size_t n_alpha = sizeof(alphabet) / sizeof(alphabet[0]);
	unsigned long x = 12345;
	char s[256];
	for (int round = 0; round < 20000; round++) {
		size_t len = 0, n;
		x = x * 6364136223846793005UL + 1442695040888963407UL;
		n = (x >> 33) % 20;
		for (size_t k = 0; k < n; k++) {
			x = x * 6364136223846793005UL + 1442695040888963407UL;
			unsigned r = (unsigned)(x >> 33);
			if (r % 50 == 0)
				s[len++] = (char)(0x80 + r % 0x7F);      /* a broken byte */
			else
				len += put(s + len, alphabet[r % n_alpha]);
		}
		s[len] = 0;
		check(s);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fast_set_and_pairs),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_random),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
