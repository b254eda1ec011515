/* plot.c - one gnuplot process per run, fed through a pipe.
 *
 * C sends only numbers (datablocks) and strings quoted by ky_plot_quote() as
 * variable assignments, then loads a template from the plots directory; the
 * templates hold all styling.  After each chart a sentinel `print` comes back
 * on gnuplot's stderr: any other text before it is that chart's error.
 */
#define _GNU_SOURCE
#include "ky_plot.h"

#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#define WRAP_WIDTH 34           /* characters per line of a bar label */
#define TITLE_WIDTH 80
#define NOTE_WIDTH 120          /* the footnote, in the small font */
#define CHART_TIMEOUT_MS 60000

static volatile pid_t sig_child;    /* the running gnuplot, for a signal handler */

void ky_plot_kill_from_signal(void)
{
	if (sig_child > 0)
		kill(sig_child, SIGKILL);
}

struct ky_plotter {
	pid_t pid;
	int in, err;                /* gnuplot's stdin (write) and stderr (read) */
	char *plots_dir;
	unsigned long n_charts;
	struct sigaction old_pipe;
};

/* A gnuplot string expression with S's text.  A quote closes the literal and
 * is appended as "'" (gnuplot 5.4 mis-reads a literal that starts with the
 * doubled quote ''); single-quoted literals expand no escapes, and backquotes
 * and @ inside them are inert.  TIC: the string becomes a tic label, which
 * gnuplot reads as a format (its number is printed where a % stands), so % is
 * doubled. */
static void quote(struct ky_buf *out, const char *s, int tic)
{
	ky_buf_addch(out, '\'');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\'')
			ky_buf_adds(out, "'.\"'\".'");
		else if (*p == '%' && tic)
			ky_buf_adds(out, "%%");
		else if (*p < 0x20 || *p == 0x7f)
			ky_buf_addch(out, ' ');
		else
			ky_buf_addch(out, (char)*p);
	}
	ky_buf_addch(out, '\'');
}

void ky_plot_quote(struct ky_buf *out, const char *s)
{
	quote(out, s, 0);
}

void ky_plot_sanitize_id(struct ky_buf *out, const char *id)
{
	ky_buf_reset(out);
	for (const unsigned char *p = (const unsigned char *)id; *p && out->len < 64; p++) {
		unsigned char c = *p;
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')
			ky_buf_addch(out, (char)c);
		else if (out->len && out->buf[out->len - 1] != '-')
			ky_buf_addch(out, '-');
	}
	while (out->len && out->buf[out->len - 1] == '-')
		out->buf[--out->len] = '\0';
	if (!out->len)
		ky_buf_adds(out, "chart");
}

/* Appends S as a gnuplot string expression wrapped at word boundaries into
 * lines of at most WIDTH characters: 'line 1'."\n".'line 2'. */
static void quote_wrapped(struct ky_buf *out, const char *s, size_t width, int tic)
{
	struct ky_buf line = KY_BUF_INIT;
	size_t chars = 0, lines = 0;
	const char *p = s;
	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		const char *w = p;
		size_t wchars = 0;
		while (*p && *p != ' ') {
			if (((unsigned char)*p & 0xC0) != 0x80)
				wchars++;
			p++;
		}
		while (wchars > width) {   /* a word longer than a line is cut into lines */
			const char *cut = w;
			for (size_t k = 0; k <= width; cut++)
				if (((unsigned char)*cut & 0xC0) != 0x80 && ++k > width)
					break;
			if (chars) {
				if (lines++)
					ky_buf_adds(out, ".\"\\n\".");
				quote(out, line.buf, tic);
				ky_buf_reset(&line);
				chars = 0;
			}
			ky_buf_add(&line, w, (size_t)(cut - w));
			if (lines++)
				ky_buf_adds(out, ".\"\\n\".");
			quote(out, line.buf, tic);
			ky_buf_reset(&line);
			wchars -= width;
			w = cut;
		}
		if (chars && chars + 1 + wchars > width) {
			if (lines++)
				ky_buf_adds(out, ".\"\\n\".");
			quote(out, line.buf, tic);
			ky_buf_reset(&line);
			chars = 0;
		}
		if (chars) {
			ky_buf_addch(&line, ' ');
			chars++;
		}
		ky_buf_add(&line, w, (size_t)(p - w));
		chars += wchars;
	}
	if (lines++)
		ky_buf_adds(out, ".\"\\n\".");
	quote(out, line.buf, tic);
	ky_buf_release(&line);
}

/* Lines S takes as a wrapped bar label. */
static size_t wrapped_lines(const char *s)
{
	struct ky_buf b = KY_BUF_INIT;
	quote_wrapped(&b, s, WRAP_WIDTH, 1);
	size_t n = 1;
	for (const char *p = strstr(b.buf, "\"\\n\""); p; p = strstr(p + 1, "\"\\n\""))
		n++;
	ky_buf_release(&b);
	return n;
}

static int send_all(struct ky_plotter *p, const struct ky_buf *b, struct ky_error *err)
{
	size_t done = 0;
	while (done < b->len) {
		ssize_t w = write(p->in, b->buf + done, b->len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return ky_error_set(err, KY_ERR_TOOL, NULL, 0, 0,
					    "gnuplot stopped unexpectedly (%s)", strerror(errno));
		done += (size_t)w;
	}
	return 0;
}

/* Reads gnuplot's stderr up to the line "ky-done N"; other text is an error. */
static int wait_sentinel(struct ky_plotter *p, const char *what, struct ky_error *err)
{
	char want[64];
	snprintf(want, sizeof(want), "ky-done %lu\n", p->n_charts);
	struct ky_buf got = KY_BUF_INIT;
	int rc = 0;
	for (;;) {
		char *hit = strstr(got.buf, want);
		if (hit) {
			*hit = '\0';
			got.len = (size_t)(hit - got.buf);
			break;
		}
		struct pollfd pfd = { .fd = p->err, .events = POLLIN };
		int r = poll(&pfd, 1, CHART_TIMEOUT_MS);
		if (r == 0) {
			rc = ky_error_set(err, KY_ERR_TOOL, NULL, 0, 0,
					  "gnuplot did not finish chart '%s' within %d s", what,
					  CHART_TIMEOUT_MS / 1000);
			break;
		}
		char buf[4096];
		ssize_t n = r < 0 ? -1 : read(p->err, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			rc = ky_error_set(err, KY_ERR_TOOL, NULL, 0, 0,
					  "gnuplot exited while drawing chart '%s': %s", what,
					  got.len ? got.buf : "no message");
			break;
		}
		ky_buf_add(&got, buf, (size_t)n);
	}
	if (rc == 0 && got.len) {
		for (char *c = got.buf; *c; c++)
			if (*c == '\n')
				*c = ' ';
		rc = ky_error_set(err, KY_ERR_TOOL, NULL, 0, 0, "gnuplot failed on chart '%s': %s",
				  what, got.buf);
	}
	ky_buf_release(&got);
	return rc;
}

/* The PNG encoder setting for gnuplot (plots/kysely-png.c): the library
 * named by KYSELY_PNG_SHIM (empty: none), else kysely-png.so next to the
 * kysely binary (the build tree) or in ../lib/kysely from it (an install).
 * NULL if there is none, or its path would not survive LD_PRELOAD's
 * splitting at spaces and colons; gnuplot then writes PNGs with libpng's
 * defaults (the same pixels, slower). */
static char *png_shim(void)
{
	const char *env = getenv("KYSELY_PNG_SHIM");
	struct ky_buf b = KY_BUF_INIT;
	if (env) {
		ky_buf_adds(&b, env);
	} else {
		char exe[4096];
		ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
		if (n <= 0)
			return NULL;
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (!slash)
			return NULL;
		*slash = '\0';
		ky_buf_addf(&b, "%s/kysely-png.so", exe);
		if (access(b.buf, R_OK)) {
			ky_buf_reset(&b);
			ky_buf_addf(&b, "%s/../lib/kysely/kysely-png.so", exe);
		}
	}
	if (!b.len || strpbrk(b.buf, " \t\n:") || access(b.buf, R_OK)) {
		ky_buf_release(&b);
		return NULL;
	}
	return ky_buf_detach(&b, NULL);
}

/* The environment for gnuplot: kysely's, with SHIM put first in LD_PRELOAD.
 * Built before fork (the child only execs). */
static char **child_env(const char *shim, char **keep)
{
	extern char **environ;
	size_t n = 0;
	while (environ[n])
		n++;
	char **env = ky_xcalloc(n + 2, sizeof(*env));
	const char *old = NULL;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (!strncmp(environ[i], "LD_PRELOAD=", 11))
			old = environ[i] + 11;
		else
			env[k++] = environ[i];
	}
	struct ky_buf b = KY_BUF_INIT;
	ky_buf_addf(&b, "LD_PRELOAD=%s%s%s", shim, old && *old ? ":" : "", old ? old : "");
	*keep = NULL;
	env[k++] = *keep = ky_buf_detach(&b, NULL);
	env[k] = NULL;
	return env;
}

struct ky_plotter *ky_plot_open(const char *gnuplot, const char *plots_dir, struct ky_error *err)
{
	int in[2], er[2], ex[2];
	if (!gnuplot)
		gnuplot = "gnuplot";
	if (pipe2(in, O_CLOEXEC) || pipe2(er, O_CLOEXEC) || pipe2(ex, O_CLOEXEC)) {
		ky_error_set(err, KY_ERR_TOOL, NULL, 0, 0, "cannot create pipes: %s", strerror(errno));
		return NULL;
	}
	char *shim = png_shim(), *preload = NULL;
	char **env = shim ? child_env(shim, &preload) : NULL;
	char *const argv[] = { (char *)gnuplot, NULL };
	pid_t pid = fork();
	if (pid < 0) {
		ky_error_set(err, KY_ERR_TOOL, NULL, 0, 0, "cannot start gnuplot: %s", strerror(errno));
		free(shim);
		free(preload);
		free(env);
		return NULL;
	}
	if (pid == 0) {
		/* gnuplot must not go on writing charts once kysely is gone */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() == 1)
			_exit(127);
		dup2(in[0], 0);
		dup2(er[1], 2);
		int devnull = open("/dev/null", O_WRONLY);
		if (devnull >= 0)
			dup2(devnull, 1);
		if (env)
			execvpe(gnuplot, argv, env);
		else
			execvp(gnuplot, argv);
		int e = errno;
		if (write(ex[1], &e, sizeof(e)) < 0)
			_exit(127);
		_exit(127);
	}
	free(shim);
	free(preload);
	free(env);
	close(in[0]);
	close(er[1]);
	close(ex[1]);
	int e = 0;
	ssize_t n = read(ex[0], &e, sizeof(e));
	close(ex[0]);
	if (n > 0) {
		waitpid(pid, NULL, 0);
		close(in[1]);
		close(er[0]);
		ky_error_set(err, KY_ERR_TOOL, NULL, 0, 0,
			     "cannot run '%s': %s (install gnuplot, e.g. apt-get install gnuplot-nox, "
			     "or use --no-charts)", gnuplot, strerror(e));
		return NULL;
	}
	struct ky_plotter *p = ky_xcalloc(1, sizeof(*p));
	p->pid = pid;
	sig_child = pid;
	p->in = in[1];
	p->err = er[0];
	p->plots_dir = ky_xstrdup(plots_dir);
	struct sigaction ign = { .sa_handler = SIG_IGN };
	sigaction(SIGPIPE, &ign, &p->old_pipe);
	/* check that gnuplot answers and the templates are there */
	struct ky_buf b = KY_BUF_INIT;
	ky_buf_adds(&b, "set print '-'\nset print\nky_plots = ");
	ky_plot_quote(&b, plots_dir);
	ky_buf_adds(&b, "\nload ky_plots.'/common.gp'\nprint 'ky-done 0'\n");
	if (send_all(p, &b, err) < 0 || wait_sentinel(p, "setup", err) < 0) {
		ky_buf_release(&b);
		ky_plot_close(p, NULL);
		return NULL;
	}
	ky_buf_release(&b);
	return p;
}

/* Dot charts: means by group, and the dumbbell of rounds (dots joined). */
static int is_dots(const struct ky_chart *c)
{
	return c->kind == KY_CHART_MEANS || c->kind == KY_CHART_DUMBBELL;
}

/* Whether C shows the grey panel of non-substantive answers (ky_has_ns). */
static int has_ns(const struct ky_chart *c)
{
	int any_ns = 0;
	for (size_t i = 0; i < c->n_rows; i++)
		any_ns |= c->rows[i].n_nonsub > 0;
	return c->nonsub_label && any_ns && !is_dots(c);
}

/* Dots: the height of an item's band (grows with the number of series), and
 * where series K sits in it relative to the band's middle (first on top). */
static double means_band(const struct ky_chart *c)
{
	return 1.0 + 0.16 * (double)c->n_levels;
}

static double series_offset(const struct ky_chart *c, size_t k)
{
	double spread = 0.5 * means_band(c) / (double)(c->n_levels + 1);
	return spread * ((double)(c->n_levels - 1) / 2 - (double)k);
}

/* Bar positions: rows of one item close together, a gap between items.  For
 * dots (KY_CHART_MEANS) one row per item, its series spread around it. */
static double *row_positions(const struct ky_chart *c, double *top)
{
	double *y = ky_xcalloc(c->n_rows + 1, sizeof(double));
	double pos = 0;
	if (is_dots(c)) {
		double step = means_band(c);
		size_t i = c->n_rows;
		while (i > 0) {
			size_t end = i;
			while (i > 0 && (i == end || !strcmp(c->rows[i - 1].label, c->rows[end - 1].label)))
				i--;
			pos += step / 2;
			for (size_t j = i; j < end; j++)   /* first series on top */
				y[j] = pos + series_offset(c, c->rows[j].series);
			pos += step / 2;
		}
		*top = pos - 0.6;
		return y;
	}
	for (size_t i = c->n_rows; i-- > 0;) {
		int new_item = i == 0 || strcmp(c->rows[i - 1].label, c->rows[i].label) != 0;
		/* a label of many lines, centred on its bar, needs room on both sides */
		double extra = new_item ? 0.2 * fmax(0, (double)wrapped_lines(c->rows[i].label) - 2) : 0;
		if (i + 1 < c->n_rows)
			pos += extra;
		y[i] = pos;
		pos += new_item ? 1.6 + extra : 1.0;
	}
	*top = pos - 0.6;
	return y;
}

/* The y of each item's label for dots: the middle of its band. */
static double item_centre(const struct ky_chart *c, const double *y, size_t i)
{
	if (!is_dots(c))
		return y[i];
	return y[i] - series_offset(c, c->rows[i].series);
}

/* Segment [x0, x1] of level K in row R. */
static void segment(const struct ky_chart *c, const struct ky_chart_row *r, size_t k,
		    double *x0, double *x1)
{
	size_t L = c->n_levels;
	if (c->kind == KY_CHART_STACKED100 || c->kind == KY_CHART_BARS) {
		double a = 0;
		for (size_t j = 0; j < k; j++)
			a += r->pct[j];
		*x0 = a;
		*x1 = a + r->pct[k];
		return;
	}
	size_t half = L / 2;                  /* levels 0..half-1 negative */
	double neutral = L % 2 ? r->pct[half] : 0;
	if (L % 2 && k == half) {
		*x0 = -neutral / 2;
		*x1 = neutral / 2;
	} else if (k < half) {
		double a = -neutral / 2;
		for (size_t j = half; j-- > k + 1;)
			a -= r->pct[j];
		*x1 = a;
		*x0 = a - r->pct[k];
	} else {
		double a = neutral / 2;
		for (size_t j = L % 2 ? half + 1 : half; j < k; j++)
			a += r->pct[j];
		*x0 = a;
		*x1 = a + r->pct[k];
	}
}

static void add_num(struct ky_buf *b, double x)
{
	ky_buf_addf(b, "%.17g", x == 0 ? 0.0 : x);
}

/* One dot of a datablock: "POS est low high" (an interval not known is the
 * dot itself). */
static void dot_line(struct ky_buf *b, double pos, const struct ky_chart_row *r)
{
	add_num(b, pos);
	ky_buf_addch(b, ' ');
	add_num(b, r->est);
	ky_buf_addch(b, ' ');
	add_num(b, isfinite(r->est_lo) ? r->est_lo : r->est);
	ky_buf_addch(b, ' ');
	add_num(b, isfinite(r->est_hi) ? r->est_hi : r->est);
	ky_buf_addch(b, '\n');
}

/* Dots: one datablock index per series, "y est lo hi"; a series without any
 * dot gets one far outside the axis (gnuplot warns about empty indexes). */
static void means_data(struct ky_buf *b, const struct ky_chart *c, const double *y)
{
	ky_buf_adds(b, "$ky_data << EOD\n");
	for (size_t k = 0; k < c->n_levels; k++) {
		int any = 0;
		for (size_t i = 0; i < c->n_rows; i++) {
			const struct ky_chart_row *r = &c->rows[i];
			if (r->series != k || r->suppressed || !isfinite(r->est))
				continue;
			dot_line(b, y[i], r);
			any = 1;
		}
		if (!any)
			ky_buf_adds(b, "0 -1e9 -1e9 -1e9\n");
		ky_buf_adds(b, "\n\n");
	}
	/* the dumbbell's bars: per item its dots in series order */
	ky_buf_adds(b, "EOD\n$ky_link << EOD\n");
	for (size_t i = 0; i < c->n_rows; i++) {
		const struct ky_chart_row *r = &c->rows[i];
		if (i > 0 && strcmp(c->rows[i - 1].label, r->label))
			ky_buf_adds(b, "\n");
		if (r->suppressed || !isfinite(r->est))
			continue;
		add_num(b, y[i]);
		ky_buf_addch(b, ' ');
		add_num(b, r->est);
		ky_buf_addch(b, '\n');
	}
	ky_buf_adds(b, "0 -1e9\nEOD\n$ky_ns << EOD\n0 0 0\nEOD\n");
}

static void chart_data(struct ky_buf *b, const struct ky_chart *c, const double *y,
		       double *xmin, double *xmax)
{
	if (is_dots(c)) {
		*xmin = c->axis_min;
		*xmax = c->axis_max;
		means_data(b, c, y);
		return;
	}
	*xmin = c->kind == KY_CHART_DIVERGING ? -50 : 0;
	*xmax = c->kind == KY_CHART_DIVERGING ? 50
		: c->kind == KY_CHART_BARS && c->axis_max > 0 ? c->axis_max : 100;
	ky_buf_adds(b, "$ky_data << EOD\n");
	for (size_t k = 0; k < c->n_levels; k++) {
		for (size_t i = 0; i < c->n_rows; i++) {
			double x0, x1;
			segment(c, &c->rows[i], k, &x0, &x1);
			if (x0 < *xmin)
				*xmin = x0;
			if (x1 > *xmax)
				*xmax = x1;
			add_num(b, y[i]);
			ky_buf_addch(b, ' ');
			add_num(b, x0);
			ky_buf_addch(b, ' ');
			add_num(b, x1);
			ky_buf_addch(b, ' ');
			add_num(b, c->rows[i].pct[k]);
			ky_buf_addch(b, '\n');
		}
		ky_buf_adds(b, "\n\n");
	}
	if (c->kind == KY_CHART_DIVERGING) {      /* symmetric, in steps of 20 % */
		double m = fmax(-*xmin, *xmax);
		m = fmin(100, 20 * ceil(m / 20 - 1e-9));
		*xmin = -m;
		*xmax = m;
	}
	ky_buf_adds(b, "EOD\n$ky_ns << EOD\n");
	for (size_t i = 0; i < c->n_rows; i++) {
		add_num(b, y[i]);
		ky_buf_addch(b, ' ');
		add_num(b, c->rows[i].nonsub_pct);
		ky_buf_addf(b, " %llu\n", (unsigned long long)c->rows[i].n_nonsub);
	}
	ky_buf_adds(b, "EOD\n");
}

static void chart_labels(struct ky_buf *b, const struct ky_chart *c, const double *y)
{
	ky_buf_addf(b, "ky_nlev = %zu\narray ky_lev[%zu]\n", c->n_levels, c->n_levels);
	for (size_t k = 0; k < c->n_levels; k++) {
		ky_buf_addf(b, "ky_lev[%zu] = ", k + 1);
		ky_plot_quote(b, c->level_label[k]);
		ky_buf_addch(b, '\n');
	}
	ky_buf_addf(b, "ky_nrows = %zu\narray ky_ylab[%zu]\narray ky_ypos[%zu]\n", c->n_rows,
		    c->n_rows, c->n_rows);
	struct ky_buf text = KY_BUF_INIT;
	for (size_t i = 0; i < c->n_rows; i++) {
		const struct ky_chart_row *r = &c->rows[i];
		int first = i == 0 || strcmp(c->rows[i - 1].label, r->label) != 0;
		ky_buf_addf(b, "ky_ypos[%zu] = ", i + 1);
		/* dots: the item's label once, other rows' (empty) tics off the axis */
		add_num(b, !is_dots(c) ? y[i] : first ? item_centre(c, y, i) : -1e6);
		ky_buf_addf(b, "\nky_ylab[%zu] = ", i + 1);
		if (is_dots(c)) {   /* the item once; n is in the legend */
			quote_wrapped(b, first ? r->label : "", WRAP_WIDTH, 1);
			ky_buf_addch(b, '\n');
			continue;
		}
		ky_buf_reset(&text);
		if (r->group)
			ky_buf_addf(&text, "%s, ", r->group);
		if (r->suppressed)
			ky_buf_adds(&text, c->suppressed_text ? c->suppressed_text : "suppressed");
		else
			ky_buf_addf(&text, "n = %llu", (unsigned long long)r->n_valid);
		if (r->tail && !r->suppressed)
			ky_buf_addf(&text, ", %s", r->tail);
		if (first && r->label[0]) {
			quote_wrapped(b, r->label, WRAP_WIDTH, 1);
			ky_buf_adds(b, ".\"\\n\".");
		}
		quote(b, text.buf, 1);
		ky_buf_addch(b, '\n');
	}
	ky_buf_release(&text);
	ky_buf_adds(b, "ky_title = ");
	quote_wrapped(b, c->title && !c->slide ? c->title : "", TITLE_WIDTH, 0);
	ky_buf_adds(b, "\nky_note = ");
	quote_wrapped(b, c->note && !c->slide ? c->note : "", NOTE_WIDTH, 0);
	ky_buf_addf(b, "\nky_slide = %d", c->slide != 0);
	ky_buf_adds(b, "\nky_ns_label = ");
	ky_plot_quote(b, c->nonsub_label ? c->nonsub_label : "");
	ky_buf_addf(b, "\nky_has_ns = %d\n", has_ns(c));
	ky_buf_adds(b, "ky_xlabel = ");
	ky_plot_quote(b, c->xlabel && !c->slide ? c->xlabel : "");
	ky_buf_addf(b, "\nky_dark_first = %d\nky_xstep = ", c->dark_first);
	add_num(b, c->axis_step > 0 ? c->axis_step : 1);
	ky_buf_addch(b, '\n');
}

static int wants(const char *formats, const char *f)
{
	size_t n = strlen(f);
	for (const char *p = formats; *p;) {
		size_t m = strcspn(p, ",");
		if (m == n && !strncmp(p, f, n))
			return 1;
		p += m + (p[m] == ',');
	}
	return 0;
}

/* cairo 1.16 stamps each PDF with the time it was written ("/CreationDate
 * (D:YYYYMMDDHHMMSS"), and ignores SOURCE_DATE_EPOCH; the same input must give
 * the same bytes, so the stamp is set to 1970-01-01 in place (same length:
 * the PDF's offsets stay valid). */
static int fix_pdf_date(const char *path, struct ky_error *err)
{
	static const char key[] = "/CreationDate (D:";
	FILE *f = fopen(path, "r+b");
	if (!f)
		return ky_error_set(err, KY_ERR_IO, path, 0, 0, "cannot open the chart: %s",
				    strerror(errno));
	struct ky_buf b = KY_BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		ky_buf_add(&b, chunk, n);
	int rc = 0;
	char *hit = memmem(b.buf, b.len, key, sizeof(key) - 1);
	if (hit && (size_t)(hit - b.buf) + sizeof(key) - 1 + 14 <= b.len) {
		long at = (long)(hit - b.buf) + (long)sizeof(key) - 1;
		if (fseek(f, at, SEEK_SET) || fwrite("19700101000000", 1, 14, f) != 14)
			rc = ky_error_set(err, KY_ERR_IO, path, 0, 0, "cannot write the chart");
	}
	if (fclose(f) && rc == 0)
		rc = ky_error_set(err, KY_ERR_IO, path, 0, 0, "cannot write the chart");
	ky_buf_release(&b);
	return rc;
}

/* Trend lines: one datablock index per item, "x mean low high" with x the
 * round's position 1..n_levels; the items' labels and the rounds' names. */
static void trend_data(struct ky_buf *b, const struct ky_chart *c)
{
	ky_buf_adds(b, "$ky_data << EOD\n");
	size_t n_items = 0;
	for (size_t i = 0; i < c->n_rows;) {
		size_t j = i;
		while (j < c->n_rows && !strcmp(c->rows[j].label, c->rows[i].label))
			j++;
		int any = 0;
		for (size_t k = i; k < j; k++) {
			const struct ky_chart_row *r = &c->rows[k];
			if (r->suppressed || !isfinite(r->est))
				continue;
			dot_line(b, (double)(r->series + 1), r);
			any = 1;
		}
		if (!any)
			ky_buf_adds(b, "0 -1e9 -1e9 -1e9\n");
		ky_buf_adds(b, "\n\n");
		n_items++;
		i = j;
	}
	ky_buf_addf(b, "EOD\nky_nitems = %zu\narray ky_item[%zu]\n", n_items, n_items);
	size_t it = 0;
	for (size_t i = 0; i < c->n_rows; i++)
		if (i == 0 || strcmp(c->rows[i - 1].label, c->rows[i].label)) {
			ky_buf_addf(b, "ky_item[%zu] = ", ++it);
			ky_plot_quote(b, c->rows[i].label);
			ky_buf_addch(b, '\n');
		}
	ky_buf_addf(b, "ky_nlev = %zu\narray ky_lev[%zu]\n", c->n_levels, c->n_levels);
	for (size_t k = 0; k < c->n_levels; k++) {
		ky_buf_addf(b, "ky_lev[%zu] = ", k + 1);
		quote(b, c->level_label[k], 1);
		ky_buf_addch(b, '\n');
	}
	ky_buf_adds(b, "ky_title = ");
	quote_wrapped(b, c->title ? c->title : "", TITLE_WIDTH, 0);
	ky_buf_adds(b, "\nky_note = ");
	quote_wrapped(b, c->note ? c->note : "", NOTE_WIDTH, 0);
	ky_buf_adds(b, "\nky_xlabel = ");
	ky_plot_quote(b, c->xlabel ? c->xlabel : "");
	ky_buf_adds(b, "\nky_ymin = ");
	add_num(b, c->axis_min);
	ky_buf_adds(b, "\nky_ymax = ");
	add_num(b, c->axis_max);
	ky_buf_adds(b, "\nky_ystep = ");
	add_num(b, c->axis_step > 0 ? c->axis_step : 1);
	ky_buf_addch(b, '\n');
}

/* A slide chart's height in px (layout.gp: 10 on top, 60 with the grey
 * panel, whose label stands above it; 175 below the bars,
 * 66 per row unit) and the most that fits: the reference deck's content
 * area is 9.4 x 4.3 in (room for a footer below) and the chart 1540 px
 * wide, so it is shown at 164 px per inch or less, where its smallest text
 * (8 pt x fontscale 2.6 at 96 px per inch = 27.7 px; DejaVu Sans 'H'
 * measured 21 px tall) is 12.2 pt. */
#define SLIDE_TOP_PX 10
#define SLIDE_TOP_NS_PX 60
#define SLIDE_BOTTOM_PX 175
#define SLIDE_UNIT_PX 66
#define SLIDE_MAX_PX 705

int ky_plot_slide_fits(const struct ky_chart *c)
{
	if (!c->n_rows || c->kind == KY_CHART_TREND)
		return 1;
	double top;
	free(row_positions(c, &top));
	double top_px = has_ns(c) ? SLIDE_TOP_NS_PX : SLIDE_TOP_PX;
	return top_px + SLIDE_BOTTOM_PX + SLIDE_UNIT_PX * (top + 1.6) <= SLIDE_MAX_PX;
}

/* Lines the chart's title wraps to (as layout.gp counts them). */
static size_t title_lines(const char *title)
{
	struct ky_buf b = KY_BUF_INIT;
	quote_wrapped(&b, title ? title : "", TITLE_WIDTH, 0);
	size_t n = 1;
	for (const char *p = strstr(b.buf, "\"\\n\""); p; p = strstr(p + 1, "\"\\n\""))
		n++;
	ky_buf_release(&b);
	return n;
}

/* A chart's height as layout.gp makes it: 170 px on top (and 45 more for
 * each line of the title beyond two), 350 below the bars, 78 per row unit. */
int ky_plot_page_fits(const struct ky_chart *c)
{
	if (!c->n_rows || c->kind == KY_CHART_TREND)
		return 1;
	double top;
	free(row_positions(c, &top));
	size_t lines = title_lines(c->title);
	double top_px = 170 + 45.0 * (double)(lines > 2 ? lines - 2 : 0);
	return top_px + 350 + 78 * (top + 1.6) <= 1150;
}

int ky_plot_render(struct ky_plotter *p, const struct ky_chart *c, const char *out_dir,
		   const char *formats, struct ky_error *err)
{
	if (c->slide)
		formats = "png";
	if (!c->n_rows || !c->n_levels)
		return 0;
	double top, xmin, xmax;
	double *y = NULL;
	struct ky_buf b = KY_BUF_INIT, stem = KY_BUF_INIT, path = KY_BUF_INIT;
	ky_plot_sanitize_id(&stem, c->id);
	if (c->kind == KY_CHART_TREND) {
		trend_data(&b, c);
	} else {
		y = row_positions(c, &top);
		chart_data(&b, c, y, &xmin, &xmax);
		chart_labels(&b, c, y);
		ky_buf_addf(&b, "ky_ytop = %.17g\nky_xmin = %.17g\nky_xmax = %.17g\nky_diverging = %d\n"
				"ky_qual = %d\n", top, xmin, xmax, c->kind == KY_CHART_DIVERGING,
			    is_dots(c));
	}
	static const char *const template[] = { "diverging", "stacked100", "means", "dumbbell", "trend",
						"bars" };
	static const char *const fmts[] = { "png", "svg", "pdf" };
	int rc = 0;
	for (size_t f = 0; f < 3 && rc == 0; f++) {
		if (!wants(formats, fmts[f]))
			continue;
		ky_buf_reset(&path);
		/* a relative path gets "./" so it can never start with '|' (a pipe) */
		ky_buf_addf(&path, "%s%s/%s.%s", out_dir[0] == '/' ? "" : "./", out_dir, stem.buf,
			    fmts[f]);
		ky_buf_addf(&b, "ky_format = '%s'\nky_output = ", fmts[f]);
		ky_plot_quote(&b, path.buf);
		ky_buf_addf(&b, "\nload ky_plots.'/%s.gp'\nunset multiplot\nset output\nprint 'ky-done %lu'\n",
			    template[c->kind],
			    ++p->n_charts);
		rc = send_all(p, &b, err);
		if (rc == 0)
			rc = wait_sentinel(p, stem.buf, err);
		if (rc == 0 && !strcmp(fmts[f], "pdf"))
			rc = fix_pdf_date(path.buf, err);
		ky_buf_reset(&b);
	}
	free(y);
	ky_buf_release(&b);
	ky_buf_release(&stem);
	ky_buf_release(&path);
	return rc;
}

int ky_plot_close(struct ky_plotter *p, struct ky_error *err)
{
	if (!p)
		return 0;
	const char quit[] = "exit\n";
	if (write(p->in, quit, sizeof(quit) - 1) < 0) {
		/* gnuplot already gone: waitpid tells how */
	}
	close(p->in);
	int status = 0, rc = 0;
	waitpid(p->pid, &status, 0);
	sig_child = 0;
	close(p->err);
	sigaction(SIGPIPE, &p->old_pipe, NULL);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		rc = ky_error_set(err, KY_ERR_TOOL, NULL, 0, 0, "gnuplot exited with status %d",
				  WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	free(p->plots_dir);
	free(p);
	return rc;
}
