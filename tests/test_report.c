/* test_report.c - what keeps the report safe and readable: masking of
 * personal data, escaping of input text in HTML, Markdown and CSV, base64
 * for embedded charts, the three languages' wording, effect-size words. */
#include <stdlib.h>
#include <string.h>

#include "ky_doc.h"
#include "ky_lang.h"
#include "ky_mask.h"
#include "ky_report.h"
#include "ky_test.h"

static char *masked(const char *s, unsigned *n)
{
	static const struct ky_mask_words w = { "[email]", "[phone]", "[hetu]" };
	struct ky_buf b = KY_BUF_INIT;
	*n = ky_mask_personal(&b, s, &w);
	ky_buf_addch(&b, '\0');
	return b.buf;
}

static void test_mask(void **state)
{
	(void)state;
	static const struct { const char *in, *out; unsigned n; } cases[] = {
		{ "Yhteydenotto: etunimi.sukunimi@example.fi tai 040 123 4567, kiitos.",
		  "Yhteydenotto: [email] tai [phone], kiitos.", 2 },
		{ "Soita +358 40 123 4567 tai (09) 123 4567!", "Soita [phone] tai [phone]!", 2 },
		{ "numero 040-1234567.", "numero [phone].", 1 },
		{ "hetu 131052-308T ja 010101A123N", "hetu [hetu] ja [hetu]", 2 },
		{ "vanha 311299+999x", "vanha [hetu]", 1 },
		{ "mail TEST.user+tag@sub.domain.co.uk.", "mail [email].", 1 },
		/* not personal data: years, counts, times, dates, decimals, prices */
		{ "Vuosina 2023 2024 jonotin 40 minuuttia, paino -6 kg",
		  "Vuosina 2023 2024 jonotin 40 minuuttia, paino -6 kg", 0 },
		{ "klo 08.00-16.00, 12.3.2024, 0,5 %, 1 250 000 euroa",
		  "klo 08.00-16.00, 12.3.2024, 0,5 %, 1 250 000 euroa", 0 },
		{ "a@b ei osoite, @handle, x@y.z1", "a@b ei osoite, @handle, x@y.z1", 0 },
		{ "tunnus 321299-123A ei ole päivä", "tunnus 321299-123A ei ole päivä", 0 },
		{ "id ABC131052-308T jatkuu", "id ABC131052-308T jatkuu", 0 },
		{ "", "", 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		unsigned n;
		char *got = masked(cases[i].in, &n);
		if (strcmp(got, cases[i].out) || n != cases[i].n)
			fail_msg("mask(%s) = %s (%u), want %s (%u)", cases[i].in, got, n, cases[i].out,
				 cases[i].n);
		free(got);
	}
}

static char *escaped(void (*f)(struct ky_buf *, const char *), const char *s)
{
	struct ky_buf b = KY_BUF_INIT;
	f(&b, s);
	ky_buf_addch(&b, '\0');
	return b.buf;
}

static void test_html_escape(void **state)
{
	(void)state;
	char *h = escaped(ky_html_escape, "<script>alert('x')</script> & \"q\"\n<img src=x onerror=y>");
	assert_string_equal(h, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot; "
			       "&lt;img src=x onerror=y&gt;");
	free(h);
	char *m = escaped(ky_md_escape, "[link](javascript:x) *b* <b> | # `c` !");
	assert_string_equal(m, "\\[link\\](javascript:x) \\*b\\* \\<b\\> \\| \\# \\`c\\` \\!");
	free(m);
}

/* Every text piece of a document goes through the format's escaping. */
/* The escapes' rules byte by byte, as they were written before the tables. */
static void ref_html(struct ky_buf *out, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '&': ky_buf_adds(out, "&amp;"); break;
		case '<': ky_buf_adds(out, "&lt;"); break;
		case '>': ky_buf_adds(out, "&gt;"); break;
		case '"': ky_buf_adds(out, "&quot;"); break;
		case '\'': ky_buf_adds(out, "&#39;"); break;
		default: ky_buf_addch(out, *p < 0x20 || *p == 0x7f ? ' ' : (char)*p);
		}
	}
}

static void ref_md(struct ky_buf *out, const char *s)
{
	for (const char *p = s; *p; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			ky_buf_addch(out, ' ');
		} else if (strchr("\\`*_[]|<>#!~&", *p)) {
			ky_buf_addch(out, '\\');
			ky_buf_addch(out, *p);
		} else {
			ky_buf_addch(out, *p);
		}
	}
}

static void test_escape_rules(void **state)
{
	(void)state;
	uint64_t r = 0x243F6A8885A308D3ULL;
	char s[40];
	for (int i = 0; i < 200000; i++) {
		size_t n = 0, len = (size_t)(i % 37);
		while (n < len) {
			r ^= r << 13, r ^= r >> 7, r ^= r << 17;
			s[n++] = r % 4 ? (char)(1 + (r >> 8) % 255) : "&<>\"'|*_`#a\\"[(r >> 8) % 11];
		}
		s[n] = '\0';
		struct ky_buf a = KY_BUF_INIT, b = KY_BUF_INIT;
		ky_buf_adds(&a, "x");
		ky_buf_adds(&b, "x");
		ky_html_escape(&a, s);
		ref_html(&b, s);
		assert_string_equal(a.buf, b.buf);
		ky_buf_reset(&a);
		ky_buf_reset(&b);
		ky_md_escape(&a, s);
		ref_md(&b, s);
		assert_string_equal(a.buf, b.buf);
		ky_buf_release(&a);
		ky_buf_release(&b);
	}
}

static void test_doc_hostile(void **state)
{
	(void)state;
	static const char hostile[] = "</td></table><script>alert(1)</script><a href=\"x\">";
	for (int fmt = 0; fmt < 2; fmt++) {
		struct ky_buf out = KY_BUF_INIT;
		struct ky_doc d;
		ky_doc_begin(&d, fmt ? KY_DOC_HTML : KY_DOC_MARKDOWN, &out, "fi\"><script>", hostile);
		ky_doc_heading(&d, 2, hostile);
		ky_doc_para(&d, hostile);
		const char *head[] = { hostile, "n" };
		ky_doc_table_begin(&d, 2, head, "lr");
		ky_doc_cell(&d, hostile);
		ky_doc_cellf(&d, "%s", hostile);
		ky_doc_row_end(&d);
		ky_doc_table_end(&d);
		ky_doc_item_begin(&d);
		ky_doc_text(&d, hostile);
		ky_doc_item_end(&d);
		ky_doc_image(&d, hostile, "charts/x.png", "/nonexistent/x.png", "image/png");
		ky_doc_end(&d);
		/* every '<' of the input is escaped: &lt; in HTML, \< in Markdown */
		for (const char *p = strstr(out.buf, "<script"); p; p = strstr(p + 1, "<script"))
			assert_true(!fmt && p > out.buf && p[-1] == '\\');
		for (const char *p = strstr(out.buf, "<a href"); p; p = strstr(p + 1, "<a href"))
			assert_true(!fmt && p > out.buf && p[-1] == '\\');
		if (fmt) {   /* the image could not be read: reported, alt text as text */
			assert_true(d.failed);
			assert_non_null(strstr(out.buf, "default-src 'none'"));
			assert_non_null(strstr(out.buf, "&lt;script&gt;alert(1)&lt;/script&gt;"));
		} else {
			assert_non_null(strstr(out.buf, "\\<script\\>"));
			assert_non_null(strstr(out.buf, "\\</td\\>"));
		}
		ky_buf_release(&out);
	}
}

/* Cells a spreadsheet would run as a formula start with a quote. */
static void test_csv_formula(void **state)
{
	(void)state;
	static const struct { const char *in, *out; } cases[] = {
		{ "=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"" },
		{ "+1+1", "\"'+1+1\"" },
		{ "-2+3", "\"'-2+3\"" },
		{ "@SUM(A1)", "\"'@SUM(A1)\"" },
		{ "Täysin samaa mieltä", "Täysin samaa mieltä" },
		{ "a,b", "\"a,b\"" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = escaped(ky_csv_text, cases[i].in);
		assert_string_equal(got, cases[i].out);
		free(got);
	}
}

static void test_base64(void **state)
{
	(void)state;
	static const char *const want[] = { "", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=",
					    "Zm9vYmFy" };
	for (size_t n = 0; n <= 6; n++) {
		struct ky_buf b = KY_BUF_INIT;
		ky_base64(&b, (const unsigned char *)"foobar", n);
		ky_buf_addch(&b, '\0');
		assert_string_equal(b.buf, want[n]);
		ky_buf_release(&b);
	}
}

/* The printf conversions of a string (%% skipped), as a signature. */
static void conversions(const char *s, char *sig, size_t cap)
{
	size_t n = 0;
	for (const char *p = s; *p && n + 4 < cap; p++) {
		if (*p != '%')
			continue;
		if (p[1] == '%') {
			p++;
			continue;
		}
		const char *q = p + 1;
		while (*q && strchr("0123456789.-+lz", *q))
			q++;
		if (!((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z')))
			continue;   /* "95 %:n", "% of": text in a string that is not a format */
		for (p++; p <= q && n + 2 < cap; p++)
			sig[n++] = *p;
		p = q;
		sig[n++] = ';';
	}
	sig[n] = '\0';
}

/* Every wording exists in every language, with the same printf arguments. */
static void test_words(void **state)
{
	(void)state;
	const struct ky_words *w[3] = { ky_words(KY_LANG_FI), ky_words(KY_LANG_SV),
					ky_words(KY_LANG_EN) };
	size_t n = sizeof(struct ky_words) / sizeof(const char *);
	for (size_t i = 0; i < n; i++) {
		char sig[3][64];
		for (int l = 0; l < 3; l++) {
			const char *s = ((const char *const *)(const void *)w[l])[i];
			if (!s || !*s)
				fail_msg("word %zu missing in %s", i, w[l]->code);
			conversions(s, sig[l], sizeof(sig[l]));
		}
		if (strcmp(sig[0], sig[1]) || strcmp(sig[0], sig[2]))
			fail_msg("word %zu: formats differ: fi '%s' sv '%s' en '%s'", i, sig[0], sig[1],
				 sig[2]);
	}
	enum ky_lang l;
	assert_int_equal(ky_lang_parse("sv", &l), 0);
	assert_int_equal(l, KY_LANG_SV);
	assert_int_equal(ky_lang_parse("de", &l), -1);
	assert_string_equal(ky_words(KY_LANG_FI)->effect_word[1], "pieni ero");
}

static void test_effect_words(void **state)
{
	(void)state;
	assert_int_equal(ky_effect_size_class(KY_TEST_MANN_WHITNEY, 0.05), 0);
	assert_int_equal(ky_effect_size_class(KY_TEST_MANN_WHITNEY, -0.1), 1);
	assert_int_equal(ky_effect_size_class(KY_TEST_MANN_WHITNEY, 0.35), 2);
	assert_int_equal(ky_effect_size_class(KY_TEST_MANN_WHITNEY, -0.9), 3);
	assert_int_equal(ky_effect_size_class(KY_TEST_WELCH_T, 0.49), 1);
	assert_int_equal(ky_effect_size_class(KY_TEST_WELCH_T, 0.8), 3);
	assert_int_equal(ky_effect_size_class(KY_TEST_KRUSKAL_WALLIS, 0.009), 0);
	assert_int_equal(ky_effect_size_class(KY_TEST_KRUSKAL_WALLIS, 0.1), 2);
	assert_int_equal(ky_effect_size_class(KY_TEST_CHI_SQUARE, 0.5), 3);
	assert_int_equal(ky_effect_size_class(KY_TEST_CHI_SQUARE, NAN), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mask),        cmocka_unit_test(test_html_escape),
		cmocka_unit_test(test_doc_hostile), cmocka_unit_test(test_csv_formula),
		cmocka_unit_test(test_base64),      cmocka_unit_test(test_words),
		cmocka_unit_test(test_effect_words), cmocka_unit_test(test_escape_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
