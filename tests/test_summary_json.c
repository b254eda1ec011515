/* test_summary_json.c - summary.json is written without jansson's tree, so
 * jansson checks it: every summary of the sample and of every tests/data CSV
 * (with and without a grouping, masked or not, both languages) parses with
 * json_loads and dumps again with json_dumps(JSON_INDENT(2) |
 * JSON_REAL_PRECISION(15)) to the same bytes; the writer's reals and
 * strings equal what json_dumps makes of json_real and json_string on
 * random doubles and random byte strings (including which strings jansson
 * refuses as not UTF-8); ky_utf8_repair against a byte-by-byte reference;
 * and texts that are not UTF-8 are written with U+FFFD, dropping nothing. */
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ky_buf.h"
#include "ky_report.h"
#include "ky_survey.h"
#include "ky_test.h"

static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static char *jansson_dump(json_t *v, size_t flags)
{
	char *t = json_dumps(v, flags);
	json_decref(v);
	assert_non_null(t);
	return t;
}

static void check_real(double x)
{
	json_t *a = json_array();
	json_array_append_new(a, json_real(x));
	char *want = jansson_dump(a, JSON_COMPACT | JSON_REAL_PRECISION(15));
	char got[48];
	got[0] = '[';
	size_t n = ky_fmt_json_real(got + 1, x);
	memcpy(got + 1 + n, "]", 2);
	if (strcmp(got, want))
		fail_msg("%a: writer \"%s\", jansson \"%s\"", x, got, want);
	free(want);
}

static void test_reals(void **state)
{
	(void)state;
	static const double special[] = { 0.0, -0.0, 1, -1, 2.5, 0.1, 1e15, 1e16, 1e-5, 1e-4,
					  1.5e-5, 1e-7, 1e100, 1e-100, 1e300, 5e-324, 123456789012345,
					  999999999999999.5, 0.30000000000000004, 100.0 / 3 };
	for (size_t i = 0; i < sizeof(special) / sizeof(special[0]); i++) {
		check_real(special[i]);
		check_real(-special[i]);
	}
	for (int i = 0; i < 300000; i++) {
		uint64_t bits = next();
		double x;
		memcpy(&x, &bits, sizeof(x));
		if (isfinite(x))
			check_real(x);
		x = ldexp((double)(next() >> 11), (int)(next() % 160) - 120);
		check_real(x);
		check_real((double)(next() % 100000) / 100);
		check_real((double)(next() % 2000000000000000ULL));
	}
}

static void check_string(const char *s, size_t n)
{
	json_t *js = json_string(s);
	int ok = ky_utf8_strict(s, n);
	if (!js != !ok)
		fail_msg("string of %zu bytes: jansson %s it, ky_utf8_strict %s", n,
			 js ? "accepts" : "refuses", ok ? "accepts" : "refuses");
	struct ky_buf one = KY_BUF_INIT, two = KY_BUF_INIT;   /* the one-pass writer */
	ky_buf_adds(&one, "[");
	ky_buf_adds(&two, "[");
	assert_int_equal(ky_buf_add_json_utf8(&one, s, n), ok);
	if (ok)
		ky_buf_add_json_string(&two, s, n);
	assert_int_equal(one.len, two.len);
	assert_memory_equal(one.buf, two.buf, one.len + 1);
	ky_buf_release(&one);
	ky_buf_release(&two);
	if (!js)
		return;
	json_t *a = json_array();
	json_array_append_new(a, js);
	char *want = jansson_dump(a, JSON_COMPACT);
	struct ky_buf b = KY_BUF_INIT;
	ky_buf_addch(&b, '[');
	ky_buf_add_json_string(&b, s, n);
	ky_buf_addch(&b, ']');
	assert_string_equal(b.buf, want);
	free(want);
	ky_buf_release(&b);
}

static void test_strings(void **state)
{
	(void)state;
	static const char *const pieces[] = { "a", "ä", "\"", "\\", "/", "\n", "\r", "\t", "\b",
					      "\f", "\x01", "\x1f", "\x7f", " ", "€", "𝄞", "\xed\x9f\xbf",
					      "\xee\x80\x80", "\xf4\x8f\xbf\xbf" };
	char s[64];
	for (int i = 0; i < 300000; i++) {
		size_t n = 0, len = next() % 24;
		while (n < len) {
			uint64_t r = next();
			if (r % 3) {   /* a piece: valid text */
				const char *p = pieces[(r >> 8) % (sizeof(pieces) / sizeof(pieces[0]))];
				size_t k = strlen(p);
				memcpy(s + n, p, k);
				n += k;
			} else {       /* a random byte, never NUL: mostly invalid UTF-8 */
				s[n++] = (char)(1 + (r >> 8) % 255);
			}
		}
		s[n] = '\0';
		check_string(s, n);
	}
	/* the boundaries of strict UTF-8 */
	static const char *const edge[] = { "\xc0\x80", "\xc1\xbf", "\xc2\x80", "\xdf\xbf",
					    "\xe0\x9f\xbf", "\xe0\xa0\x80", "\xed\xa0\x80",
					    "\xed\xbf\xbf", "\xef\xbf\xbf", "\xf0\x8f\xbf\xbf",
					    "\xf0\x90\x80\x80", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80",
					    "\xff", "\x80", "\xc3", "\xe2\x82", "\xf0\x9d\x84",
					    "abcdefgh\xc3", "abcdefghijklmno\xe2\x82\xac" };
	for (size_t i = 0; i < sizeof(edge) / sizeof(edge[0]); i++)
		check_string(edge[i], strlen(edge[i]));
}

static char *summary(const struct ky_survey *s, enum ky_lang lang, int mask)
{
	struct ky_report_opts o = { .lang = lang, .mask = mask };
	struct ky_buf b = KY_BUF_INIT;
	struct ky_error err;
	ky_error_clear(&err);
	assert_int_equal(ky_report_summary_json(s, NULL, 0, &o, &b, &err), 0);
	return ky_buf_detach(&b, NULL);
}

/* TEXT parses and dumps again to the same bytes; returns the parsed root. */
static json_t *same_as_jansson(const char *text, const char *what)
{
	json_error_t e;
	json_t *root = json_loads(text, 0, &e);
	if (!root)
		fail_msg("%s: summary.json does not parse: %s at line %d", what, e.text, e.line);
	char *again = json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
	assert_non_null(again);
	size_t n = strlen(again);
	if (strlen(text) != n + 1 || memcmp(text, again, n) || text[n] != '\n') {
		size_t i = 0;
		while (text[i] && text[i] == again[i])
			i++;
		fail_msg("%s: summary.json differs from jansson's dump at byte %zu: \"%.40s\" vs \"%.40s\"",
			 what, i, text + i, again + i);
	}
	free(again);
	return root;
}

static struct ky_survey *read_survey(const char *path, const char *group)
{
	const char *groups[] = { group };
	struct ky_survey_options o = { .n_groups = group ? 1 : 0, .groups = groups, .min_n = 5 };
	struct ky_error err;
	ky_error_clear(&err);
	return ky_survey_read(path, &o, &err);
}

static void check_file(const char *path, size_t *n_checked)
{
	for (int g = 0; g < 2; g++) {
		struct ky_survey *s = read_survey(path, g ? "3" : NULL);
		if (!s)
			continue;   /* not analysable, or no column 3 to group by */
		for (int v = 0; v < 4; v++) {
			char *t = summary(s, v & 1 ? KY_LANG_EN : KY_LANG_FI, v >> 1);
			char what[600];
			snprintf(what, sizeof(what), "%s%s (variant %d)", path, g ? " --group 3" : "", v);
			json_decref(same_as_jansson(t, what));
			free(t);
		}
		ky_survey_free(s);
		(*n_checked)++;
	}
}

static void test_surveys(void **state)
{
	(void)state;
	const char *src = getenv("KY_SRCDIR") ? getenv("KY_SRCDIR") : ".";
	char path[4096];
	size_t n = 0;
	snprintf(path, sizeof(path), "%s/surveys/asukas-henkilosto-2024.csv", src);
	check_file(path, &n);
	assert_int_equal(n, 2);
	char dir[2048];
	snprintf(dir, sizeof(dir), "%s/tests/data", src);
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t k = strlen(e->d_name);
		if (k < 5 || strcmp(e->d_name + k - 4, ".csv"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		check_file(path, &n);
	}
	closedir(d);
	print_message("summary.json equal to jansson's dump: %zu surveys x 4 variants\n", n);
	assert_true(n > 5);
}

static size_t array_size(json_t *root, const char *key)
{
	json_t *a = json_object_get(root, key);
	assert_true(json_is_array(a));
	return json_array_size(a);
}

/* The reference rule, byte by byte: a strict UTF-8 sequence is kept, any
 * other byte becomes U+FFFD. */
static void check_repair(const char *s, size_t n)
{
	struct ky_buf b = KY_BUF_INIT, want = KY_BUF_INIT;
	ky_buf_adds(&b, "x");   /* appends */
	ky_utf8_repair(&b, s, n);
	ky_buf_adds(&want, "x");
	for (size_t i = 0; i < n;) {
		size_t k = 1;
		while (k <= 4 && i + k <= n && !ky_utf8_strict(s + i, k))
			k++;
		if (k <= 4 && i + k <= n) {
			ky_buf_add(&want, s + i, k);
			i += k;
		} else {
			ky_buf_adds(&want, "\xef\xbf\xbd");
			i++;
		}
	}
	assert_int_equal(b.len, want.len);
	assert_memory_equal(b.buf, want.buf, b.len);
	assert_true(ky_utf8_strict(b.buf, b.len));
	json_t *js = json_string(b.buf);   /* jansson takes it */
	assert_non_null(js);
	json_decref(js);
	if (ky_utf8_strict(s, n))
		assert_true(b.len == n + 1 && !memcmp(b.buf + 1, s, n));
	ky_buf_release(&b);
	ky_buf_release(&want);
}

static void test_repair(void **state)
{
	(void)state;
	static const char *const pieces[] = { "a", "ä", "€", "𝄞", "\xc3", "\xe2\x82", "\xf0\x9d\x84",
					      "\xed\xa0\x80", "\xc0\x80", "\xf4\x90\x80\x80", "\xff",
					      "\x80", "\xbf" };
	char s[96];
	for (int i = 0; i < 200000; i++) {
		size_t n = 0, len = next() % 24;
		while (n < len) {
			uint64_t r = next();
			if (r % 3) {
				const char *p = pieces[(r >> 8) % (sizeof(pieces) / sizeof(pieces[0]))];
				size_t k = strlen(p);
				memcpy(s + n, p, k);
				n += k;
			} else {
				s[n++] = (char)(1 + (r >> 8) % 255);
			}
		}
		s[n] = '\0';
		check_repair(s, n);
	}
	struct ky_buf b = KY_BUF_INIT;
	ky_utf8_repair(&b, "lat\xe4.csv \xe2\x82x \xf0\x9d\x84\x9e", 18);
	assert_string_equal(b.buf, "lat\xef\xbf\xbd.csv \xef\xbf\xbd\xef\xbf\xbdx 𝄞");
	ky_buf_release(&b);
}

/* Text that is not UTF-8 is written with U+FFFD for each bad byte; nothing
 * that holds it is dropped any more (the old jansson code dropped the whole
 * "input" for a path, the column and the item for a header, one warning). */
static void test_not_utf8(void **state)
{
	(void)state;
	const char *src = getenv("KY_SRCDIR") ? getenv("KY_SRCDIR") : ".";
	char path[4096];
	snprintf(path, sizeof(path), "%s/surveys/asukas-henkilosto-2024.csv", src);
	struct ky_survey *s = read_survey(path, NULL);
	assert_non_null(s);
	char *t = summary(s, KY_LANG_FI, 1);
	json_t *good = same_as_jansson(t, "sample");
	free(t);
	assert_non_null(json_object_get(good, "input"));
	size_t n_cols = array_size(good, "columns"), n_items = array_size(good, "items"),
	       n_warn = array_size(good, "warnings");

	char bad[] = "lat\xe4.csv";
	const char *fixed = "lat\xef\xbf\xbd.csv";
	char *keep = s->path;
	s->path = bad;
	t = summary(s, KY_LANG_FI, 1);
	json_t *root = same_as_jansson(t, "path not UTF-8");
	json_t *input = json_object_get(root, "input");
	assert_non_null(input);
	assert_string_equal(json_string_value(json_object_get(input, "path")), fixed);
	assert_int_equal(array_size(root, "columns"), n_cols);
	json_decref(root);
	free(t);
	s->path = keep;

	size_t item = (size_t)-1;
	for (size_t i = 0; i < s->n_columns && item == (size_t)-1; i++)
		if (s->col[i].type != KY_COL_OPEN && ky_column_is_item(&s->col[i]))
			item = i;
	assert_true(item != (size_t)-1);
	keep = s->col[item].header;
	s->col[item].header = bad;
	t = summary(s, KY_LANG_FI, 1);
	root = same_as_jansson(t, "header not UTF-8");
	assert_int_equal(array_size(root, "columns"), n_cols);
	assert_int_equal(array_size(root, "items"), n_items);
	assert_non_null(strstr(t, "\"lat\xef\xbf\xbd.csv\""));
	json_decref(root);
	free(t);
	s->col[item].header = keep;

	if (n_warn) {
		keep = s->warning[0];
		s->warning[0] = bad;
		t = summary(s, KY_LANG_FI, 1);
		root = same_as_jansson(t, "warning not UTF-8");
		assert_int_equal(array_size(root, "warnings"), n_warn);
		assert_string_equal(json_string_value(json_array_get(json_object_get(root, "warnings"), 0)),
				    fixed);
		json_decref(root);
		free(t);
		s->warning[0] = keep;
	}
	json_decref(good);
	ky_survey_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reals),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_surveys),
		cmocka_unit_test(test_repair),
		cmocka_unit_test(test_not_utf8),
	};
	return cmocka_run_group_tests_name("summary_json", tests, NULL, NULL);
}
