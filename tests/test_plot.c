/* test_plot.c - user text reaches gnuplot only as inert quoted strings, and
 * charts render through one gnuplot process with Finnish text intact.
 * Needs gnuplot on PATH (installed by .ci/install-deps). */
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ky_buf.h"
#include "ky_plot.h"
#include "ky_test.h"

static const char *srcdir(void)
{
	const char *d = getenv("KY_SRCDIR");
	return d ? d : ".";
}

static char *quoted(const char *s)
{
	struct ky_buf b = KY_BUF_INIT;
	ky_plot_quote(&b, s);
	ky_buf_addch(&b, '\0');
	return b.buf;
}

static void test_quote(void **state)
{
	(void)state;
	static const struct { const char *in, *out; } cases[] = {
		{ "Täysin samaa mieltä", "'Täysin samaa mieltä'" },
		{ "it's", "'it'.\"'\".'s'" },
		{ "''", "''.\"'\".''.\"'\".''" },
		{ "a\nb\r\tc", "'a b  c'" },
		{ "50 % \\n @x $1 `id`", "'50 % \\n @x $1 `id`'" },
		{ "", "''" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *q = quoted(cases[i].in);
		assert_string_equal(q, cases[i].out);
		free(q);
	}
}

static void test_sanitize_id(void **state)
{
	(void)state;
	static const struct { const char *in, *out; } cases[] = {
		{ "Q5", "q5" },
		{ "../../etc/passwd", "etc-passwd" },
		{ "Kysymys 3: Väite", "kysymys-3-v-ite" },
		{ "", "chart" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ky_buf b = KY_BUF_INIT;
		ky_plot_sanitize_id(&b, cases[i].in);
		ky_buf_addch(&b, '\0');
		assert_string_equal(b.buf, cases[i].out);
		ky_buf_release(&b);
	}
	struct ky_buf b = KY_BUF_INIT;
	char long_id[300];
	memset(long_id, 'a', sizeof(long_id) - 1);
	long_id[sizeof(long_id) - 1] = '\0';
	ky_plot_sanitize_id(&b, long_id);
	assert_true(b.len <= 64);
	ky_buf_release(&b);
}

/* Hostile strings go through gnuplot itself: `print` must give them back
 * unchanged (control characters as spaces) and run nothing. */
static void test_gnuplot_round_trip(void **state)
{
	(void)state;
	static const char *const hostile[] = {
		"'; system('touch /tmp/ky_pwned'); print '",
		"'quoted at the start' and a lone ' quote",
		"`touch /tmp/ky_pwned`",
		"@GPVAL_TERM $0 \\' \\\\ %s %n",
		"Täysin samaa mieltä – “lainaus” ✓",
		"\"; set output '/tmp/ky_pwned'",
	};
	unlink("/tmp/ky_pwned");
	char script[] = "/tmp/ky_plot_rt.XXXXXX";
	int fd = mkstemp(script);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	for (size_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		char *q = quoted(hostile[i]);
		fprintf(f, "s = %s\nprint s\n", q);
		free(q);
	}
	fclose(f);
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "gnuplot %s 2>&1", script);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	char line[512];
	for (size_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		assert_non_null(fgets(line, sizeof(line), p));
		line[strcspn(line, "\n")] = '\0';
		assert_string_equal(line, hostile[i]);
	}
	assert_null(fgets(line, sizeof(line), p));
	assert_int_equal(pclose(p), 0);
	unlink(script);
	assert_int_equal(access("/tmp/ky_pwned", F_OK), -1);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct ky_buf b = KY_BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		ky_buf_add(&b, chunk, n);
	fclose(f);
	ky_buf_addch(&b, '\0');
	return b.buf;
}

/* Two charts through one process; SVG text carries the labels (gnuplot
 * escapes & < > in SVG), PNG is a real PNG. */
static void test_render(void **state)
{
	(void)state;
	char dir[] = "/tmp/ky_plot.XXXXXX";
	assert_non_null(mkdtemp(dir));
	char plots[1024];
	snprintf(plots, sizeof(plots), "%s/plots", srcdir());
	struct ky_error err;
	ky_error_clear(&err);
	struct ky_plotter *p = ky_plot_open(NULL, plots, &err);
	if (!p)
		fail_msg("%s", err.msg);

	static const char *const agree[] = { "Täysin eri mieltä", "Jokseenkin eri mieltä",
					     "Ei samaa eikä eri mieltä", "Jokseenkin samaa mieltä",
					     "Täysin samaa mieltä" };
	const double a1[] = { 10, 20, 30, 25, 15 }, a2[] = { 0, 0, 100, 0, 0 };
	struct ky_chart_row rows[] = {
		{ "'Yksi' palvelu on 50 % parempi; \"lainaus\" & <tagi>", NULL, 40, a1, 3, 7.0 },
		{ "Toinen väite, joka on niin pitkä että se rivitetään useammalle riville kaavioon",
		  "Henkilöstö", 1, a2, 0, 0 },
	};
	struct ky_chart c = { KY_CHART_DIVERGING, "../Q1 väite", "Mitä mieltä olet?", "n = 41",
			      5, agree, "En osaa sanoa", 2, rows };
	assert_int_equal(ky_plot_render(p, &c, dir, "png,svg", &err), 0);
	c.kind = KY_CHART_STACKED100;
	c.id = "q2";
	c.nonsub_label = NULL;
	assert_int_equal(ky_plot_render(p, &c, dir, "svg", &err), 0);
	assert_int_equal(ky_plot_close(p, &err), 0);

	char path[1100];
	snprintf(path, sizeof(path), "%s/q1-v-ite.svg", dir);
	char *svg = slurp(path);
	if (!svg)
		fail_msg("no %s", path);
	assert_non_null(strstr(svg, "Täysin samaa mieltä"));
	assert_non_null(strstr(svg, "Mitä mieltä olet?"));
	assert_non_null(strstr(svg, "&amp;"));
	assert_non_null(strstr(svg, "En osaa sanoa"));
	assert_non_null(strstr(svg, "Yksi' palvelu on 50 % parempi;"));   /* tic label: % once */
	free(svg);
	snprintf(path, sizeof(path), "%s/q1-v-ite.png", dir);
	char *png = slurp(path);
	assert_non_null(png);
	assert_memory_equal(png, "\x89PNG", 4);
	free(png);
	snprintf(path, sizeof(path), "%s/q2.svg", dir);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	snprintf(path, sizeof(path), "%s/q2.png", dir);
	assert_int_equal(stat(path, &st), -1);
	char cmd[1100];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

/* A missing gnuplot is an error value, not a crash or an exit. */
static void test_missing_gnuplot(void **state)
{
	(void)state;
	struct ky_error err;
	ky_error_clear(&err);
	char plots[1024];
	snprintf(plots, sizeof(plots), "%s/plots", srcdir());
	struct ky_plotter *p = ky_plot_open("/nonexistent/gnuplot", plots, &err);
	assert_null(p);
	assert_int_equal(err.code, KY_ERR_TOOL);
	assert_non_null(strstr(err.msg, "gnuplot"));
}

int main(void)
{
	gsl_set_error_handler_off();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quote),
		cmocka_unit_test(test_sanitize_id),
		cmocka_unit_test(test_gnuplot_round_trip),
		cmocka_unit_test(test_render),
		cmocka_unit_test(test_missing_gnuplot),
	};
	return cmocka_run_group_tests_name("plot", tests, NULL, NULL);
}
