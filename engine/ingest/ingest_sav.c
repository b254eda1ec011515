/* ingest_sav.c - SPSS system files (.sav, .zsav) through ReadStat.
 *
 * ReadStat parses a whole file in one call, handing every value to a
 * callback.  ky_reader pulls one record at a time, so the parse runs in a
 * producer thread and the two sides take turns: the producer fills one row,
 * hands it over and sleeps until the consumer asks for the next one.  Only
 * one side runs at a time (strict alternation under one mutex), so the row
 * buffer needs no further locking, memory is bounded by one row plus the
 * dictionary (variables and value labels), and the file is read once from
 * the start to the end whatever its compression.  ky_sav_free() wakes a
 * sleeping producer with `cancel` set; it aborts the parse from its
 * callback and the thread is joined.
 *
 * Records: the first is the header (each variable's label, else its name);
 * then one per case, `line` = case number + 1.  A value with a value label
 * gives the label; user-missing values give their label, or an empty cell
 * when unlabelled; system-missing values and empty strings give empty cells;
 * numbers in the SPSS date formats (DATE, ADATE, EDATE, SDATE: a day;
 * DATETIME, YMDHMS: a moment; seconds since 1582-10-14) give ISO text;
 * other numbers "%.15g".  Strings lose SPSS's blank padding on the right.
 */
#include "ingest_int.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readstat.h>
#include <utf8proc.h>

#include "ky_buf.h"

/* ReadStat is opened on the first SPSS file (ky_dynlib_load), not linked:
 * a run on CSV files then never loads it nor what it pulls in.  Every
 * function used is called through RS. */
#define RS_FUNCS(F) \
	F(readstat_parser_init) F(readstat_set_metadata_handler) \
	F(readstat_set_variable_handler) F(readstat_set_value_label_handler) \
	F(readstat_set_value_handler) F(readstat_set_error_handler) \
	F(readstat_set_handler_character_encoding) F(readstat_parse_sav) \
	F(readstat_parser_free) F(readstat_error_message) F(readstat_get_file_encoding) \
	F(readstat_get_row_count) F(readstat_get_var_count) \
	F(readstat_variable_get_name) F(readstat_variable_get_label) \
	F(readstat_variable_get_type_class) F(readstat_variable_get_format) \
	F(readstat_variable_get_index) F(readstat_value_type_class) \
	F(readstat_string_value) F(readstat_double_value) \
	F(readstat_value_is_system_missing) F(readstat_value_is_tagged_missing) \
	F(readstat_value_is_defined_missing)
static struct {
#define SLOT(f) __typeof__(f) *f;
	RS_FUNCS(SLOT)
#undef SLOT
} rs;

#define SYM(f) { #f, (void **)&rs.f },
static const struct ky_dynsym rs_syms[] = { RS_FUNCS(SYM) };
#undef SYM
#ifndef KY_SONAME_READSTAT            /* the Makefile passes the build's soname */
#define KY_SONAME_READSTAT "libreadstat.so.1"
#endif
static const char *const rs_names[] = { KY_SONAME_READSTAT, "libreadstat.so.1", "libreadstat.so",
					NULL };
static struct ky_dynlib rs_lib = { "ReadStat", "libreadstat1", rs_names, rs_syms,
				   sizeof(rs_syms) / sizeof(rs_syms[0]), 0, "" };

/* Seconds from 1582-10-14 (the SPSS epoch) to 1970-01-01. */
#define SPSS_EPOCH_TO_UNIX 12219379200.0

enum datekind { D_NONE, D_DAY, D_MOMENT };

struct vlabel {
	double key;             /* numeric sets */
	char *skey;             /* string sets (right blanks trimmed), else NULL */
	char *text;
	size_t len;
};

struct lset {
	char *name;
	int string;
	struct vlabel *v;
	size_t n, cap;
};

struct var {
	char *name, *label;
	int string;
	enum datekind date;
	char *set_name;         /* the value label set it uses, or NULL */
	struct lset *set;       /* resolved when the dictionary is complete */
};

enum turn { T_PRODUCER, T_CONSUMER };
enum state { S_ROW, S_END, S_ERROR };

struct ky_sav {
	char *path;
	size_t max_cell, max_columns;
	char encoding[64];
	long row_count;                 /* declared in the header, -1 unknown */

	/* the dictionary (written by the producer before the first handoff) */
	struct var *var;
	size_t n_var, cap_var;
	struct lset *set;
	size_t n_set, cap_set;
	int dict_done;

	/* the row being built / handed over */
	struct ky_buf text;
	size_t *off, *len;
	const char **ptr;
	size_t n_filled;
	unsigned long cases;            /* cases handed over */
	struct ky_record rec;

	/* the producer's outcome */
	struct ky_error perr;
	char rs_msg[256];               /* ReadStat's last error message */

	/* the handoff */
	pthread_t thread;
	int started;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	enum turn turn;
	enum state state;
	int cancel;

	/* the consumer's side */
	int pending, finished, failed;
	unsigned long number;
	struct ky_error first_err;
};

/* ---- helpers --------------------------------------------------------------- */

static size_t rtrim_len(const char *s, size_t n)
{
	while (n && s[n - 1] == ' ')
		n--;
	return n;
}

/* The kind of date an SPSS print format such as "DATETIME20" or "ADATE10"
 * shows. */
static enum datekind date_kind(const char *fmt)
{
	char word[16];
	size_t n = 0;
	while (fmt && n + 1 < sizeof(word) && ((fmt[n] >= 'A' && fmt[n] <= 'Z') ||
					      (fmt[n] >= 'a' && fmt[n] <= 'z'))) {
		word[n] = (char)(fmt[n] & ~0x20);
		n++;
	}
	word[n] = '\0';
	if (!strcmp(word, "DATE") || !strcmp(word, "ADATE") || !strcmp(word, "EDATE") ||
	    !strcmp(word, "SDATE"))
		return D_DAY;
	if (!strcmp(word, "DATETIME") || !strcmp(word, "YMDHMS"))
		return D_MOMENT;
	return D_NONE;
}

/* Days since 1970-01-01 -> year, month, day (proleptic Gregorian). */
static void days_to_civil(long long days, long long *y, unsigned *m, unsigned *d)
{
	long long z = days + 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (long long)yoe + era * 400 + (*m <= 2);
}

/* Writes V (seconds since 1582-10-14) as "YYYY-MM-DD", with " HH:MM:SS"
 * for a moment whose time of day (to the second) is not midnight, as the
 * XLSX reader does.  Returns 0 when V is outside years 1582..9999. */
static int format_date(double v, enum datekind kind, char *out, size_t n)
{
	/* 9999-12-31 23:59:59 is 264 140 035 199 s after the epoch */
	if (!(v >= 0) || v >= 264140035200.0)
		return 0;
	long long secs = llround(v - SPSS_EPOCH_TO_UNIX);
	long long days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
	long long sod = secs - days * 86400;
	long long y;
	unsigned m, d;
	if (kind == D_DAY) {
		/* a day format shows the day the value falls on, not rounded */
		double dd = floor((v - SPSS_EPOCH_TO_UNIX) / 86400.0);
		days = (long long)dd;
		sod = 0;
	}
	days_to_civil(days, &y, &m, &d);
	int k = snprintf(out, n, "%04lld-%02u-%02u", y, m, d);
	if (kind == D_MOMENT && sod && k > 0 && (size_t)k < n)
		snprintf(out + k, n - (size_t)k, " %02lld:%02lld:%02lld", sod / 3600,
			 sod / 60 % 60, sod % 60);
	return 1;
}

/* The byte offset of the first invalid UTF-8 sequence in S, or N. */
static size_t utf8_bad(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0)
			return i;
		i += (size_t)k;
	}
	return n;
}

static int cmp_vlabel(const void *a, const void *b)
{
	const struct vlabel *x = a, *y = b;
	if (x->skey || y->skey)
		return strcmp(x->skey ? x->skey : "", y->skey ? y->skey : "");
	return x->key < y->key ? -1 : x->key > y->key;
}

static const struct vlabel *find_label(const struct lset *set, double key, const char *skey)
{
	if (!set || !set->n)
		return NULL;
	struct vlabel probe = { key, (char *)skey, NULL, 0 };
	return bsearch(&probe, set->v, set->n, sizeof(*set->v), cmp_vlabel);
}

static struct lset *find_set(struct ky_sav *s, const char *name)
{
	for (size_t i = 0; name && i < s->n_set; i++)
		if (!strcmp(s->set[i].name, name))
			return &s->set[i];
	return NULL;
}

/* ---- the producer ------------------------------------------------------------ */

/* Hands the current row (or the final state ST) to the consumer and waits
 * for its next request.  Returns READSTAT_HANDLER_ABORT when cancelled. */
static int hand_over(struct ky_sav *s, enum state st)
{
	pthread_mutex_lock(&s->mu);
	s->state = st;
	s->turn = T_CONSUMER;
	pthread_cond_broadcast(&s->cv);
	while (s->turn == T_CONSUMER && !s->cancel)
		pthread_cond_wait(&s->cv, &s->mu);
	int cancel = s->cancel;
	pthread_mutex_unlock(&s->mu);
	return cancel ? READSTAT_HANDLER_ABORT : READSTAT_HANDLER_OK;
}

/* Makes room for the row's fields (the variables are known). */
static void row_start(struct ky_sav *s)
{
	ky_buf_reset(&s->text);
	s->n_filled = 0;
}

/* Appends field N_FILLED with text T[0..n), checked against max_cell and
 * for UTF-8.  LINE is the record's line.  Returns 0 or -1 (perr set). */
static int add_field(struct ky_sav *s, const char *t, size_t n, unsigned long line)
{
	size_t col = s->n_filled + 1;
	if (n > s->max_cell)
		return ky_error_set(&s->perr, KY_ERR_LIMIT, s->path, line, col,
				    "variable '%s': cell is larger than the limit of %zu bytes",
				    s->var[s->n_filled].name, s->max_cell);
	size_t bad = utf8_bad(t, n);
	if (bad < n)
		return ky_error_set(&s->perr, KY_ERR_PARSE, s->path, line, col,
				    "variable '%s': not valid UTF-8 after converting from %s "
				    "(byte %zu): is the file's declared encoding right?",
				    s->var[s->n_filled].name, s->encoding, bad + 1);
	if (memchr(t, '\0', n))
		return ky_error_set(&s->perr, KY_ERR_PARSE, s->path, line, col,
				    "variable '%s': a NUL byte in the text", s->var[s->n_filled].name);
	s->off[s->n_filled] = s->text.len;
	s->len[s->n_filled] = n;
	ky_buf_add(&s->text, t, n);
	ky_buf_addch(&s->text, '\0');
	s->n_filled++;
	return 0;
}

/* Points the record at the filled row. */
static void row_finish(struct ky_sav *s, unsigned long line)
{
	for (size_t i = 0; i < s->n_filled; i++)
		s->ptr[i] = s->text.buf + s->off[i];
	s->rec.n_fields = s->n_filled;
	s->rec.field = s->ptr;
	s->rec.len = s->len;
	s->rec.line = line;
}

/* The dictionary is complete: resolves and sorts the value label sets and
 * hands the header over.  Returns a handler code. */
static int finish_dict(struct ky_sav *s)
{
	s->dict_done = 1;
	if (!s->n_var) {
		ky_error_set(&s->perr, KY_ERR_DATA, s->path, 0, 0, "the SPSS file has no variables");
		return READSTAT_HANDLER_ABORT;
	}
	for (size_t i = 0; i < s->n_set; i++)
		qsort(s->set[i].v, s->set[i].n, sizeof(*s->set[i].v), cmp_vlabel);
	for (size_t i = 0; i < s->n_var; i++) {
		struct lset *set = find_set(s, s->var[i].set_name);
		s->var[i].set = set && set->string == s->var[i].string ? set : NULL;
	}
	s->off = ky_xcalloc(s->n_var, sizeof(*s->off));
	s->len = ky_xcalloc(s->n_var, sizeof(*s->len));
	s->ptr = ky_xcalloc(s->n_var, sizeof(*s->ptr));
	row_start(s);
	for (size_t i = 0; i < s->n_var; i++) {
		const char *h = s->var[i].label[0] ? s->var[i].label : s->var[i].name;
		if (add_field(s, h, strlen(h), 1) < 0)
			return READSTAT_HANDLER_ABORT;
	}
	row_finish(s, 1);
	return hand_over(s, S_ROW);
}

static int on_metadata(readstat_metadata_t *md, void *ctx)
{
	struct ky_sav *s = ctx;
	const char *enc = rs.readstat_get_file_encoding(md);
	snprintf(s->encoding, sizeof(s->encoding), "%s", enc && enc[0] ? enc : "undeclared");
	s->row_count = rs.readstat_get_row_count(md);
	long nv = rs.readstat_get_var_count(md);
	if (nv > 0 && (size_t)nv > s->max_columns) {
		ky_error_set(&s->perr, KY_ERR_LIMIT, s->path, 1, s->max_columns + 1,
			     "the file has %ld variables: over the limit of %zu columns", nv,
			     s->max_columns);
		return READSTAT_HANDLER_ABORT;
	}
	return READSTAT_HANDLER_OK;
}

static int on_variable(int index, readstat_variable_t *v, const char *val_labels, void *ctx)
{
	struct ky_sav *s = ctx;
	(void)index;
	if (s->n_var >= s->max_columns) {
		ky_error_set(&s->perr, KY_ERR_LIMIT, s->path, 1, s->max_columns + 1,
			     "more variables than the limit of %zu columns", s->max_columns);
		return READSTAT_HANDLER_ABORT;
	}
	ky_xgrow((void **)&s->var, &s->cap_var, s->n_var + 1, sizeof(*s->var));
	struct var *x = &s->var[s->n_var++];
	const char *name = rs.readstat_variable_get_name(v);
	const char *label = rs.readstat_variable_get_label(v);
	x->name = ky_xstrdup(name ? name : "");
	x->label = ky_xstrdup(label ? label : "");
	x->string = rs.readstat_variable_get_type_class(v) == READSTAT_TYPE_CLASS_STRING;
	x->date = x->string ? D_NONE : date_kind(rs.readstat_variable_get_format(v));
	x->set_name = val_labels && val_labels[0] ? ky_xstrdup(val_labels) : NULL;
	x->set = NULL;
	return READSTAT_HANDLER_OK;
}

static int on_value_label(const char *val_labels, readstat_value_t value, const char *label,
			  void *ctx)
{
	struct ky_sav *s = ctx;
	struct lset *set = find_set(s, val_labels);
	int string = rs.readstat_value_type_class(value) == READSTAT_TYPE_CLASS_STRING;
	if (!set) {
		ky_xgrow((void **)&s->set, &s->cap_set, s->n_set + 1, sizeof(*s->set));
		set = &s->set[s->n_set++];
		memset(set, 0, sizeof(*set));
		set->name = ky_xstrdup(val_labels ? val_labels : "");
		set->string = string;
	}
	if (set->string != string)
		return READSTAT_HANDLER_OK;
	ky_xgrow((void **)&set->v, &set->cap, set->n + 1, sizeof(*set->v));
	struct vlabel *l = &set->v[set->n++];
	memset(l, 0, sizeof(*l));
	if (string) {
		const char *k = rs.readstat_string_value(value);
		l->skey = ky_xstrndup(k ? k : "", rtrim_len(k ? k : "", k ? strlen(k) : 0));
	} else {
		l->key = rs.readstat_double_value(value);
	}
	l->text = ky_xstrdup(label ? label : "");
	l->len = strlen(l->text);
	return READSTAT_HANDLER_OK;
}

/* The text of VALUE of variable X (ReadStat's V) into OUT/N, or its label
 * (*LABEL).  Returns the text. */
static const char *cell_text(const struct var *x, readstat_variable_t *v,
			     readstat_value_t value, char *buf, size_t bufn, size_t *n)
{
	*n = 0;
	if (x->string) {
		const char *t = rs.readstat_string_value(value);
		size_t len = t ? rtrim_len(t, strlen(t)) : 0;
		if (!len)
			return "";
		if (x->set) {
			char *key = ky_xstrndup(t, len);
			const struct vlabel *l = find_label(x->set, 0, key);
			free(key);
			if (l) {
				*n = l->len;
				return l->text;
			}
		}
		if (rs.readstat_value_is_defined_missing(value, v))
			return "";
		*n = len;
		return t;
	}
	if (rs.readstat_value_is_system_missing(value) || rs.readstat_value_is_tagged_missing(value))
		return "";
	double d = rs.readstat_double_value(value);
	if (!isfinite(d))
		return "";
	const struct vlabel *l = find_label(x->set, d, NULL);
	if (l) {
		*n = l->len;
		return l->text;
	}
	if (rs.readstat_value_is_defined_missing(value, v))
		return "";
	if (d == 0)
		d = 0;          /* no "-0" */
	if (x->date == D_NONE || !format_date(d, x->date, buf, bufn))
		snprintf(buf, bufn, "%.15g", d);
	*n = strlen(buf);
	return buf;
}

static int on_value(int obs_index, readstat_variable_t *v, readstat_value_t value, void *ctx)
{
	struct ky_sav *s = ctx;
	(void)obs_index;
	if (!s->dict_done && finish_dict(s) != READSTAT_HANDLER_OK)
		return READSTAT_HANDLER_ABORT;
	int i = rs.readstat_variable_get_index(v);
	if (i == 0)
		row_start(s);
	if (i < 0 || (size_t)i != s->n_filled || (size_t)i >= s->n_var) {
		ky_error_set(&s->perr, KY_ERR_PARSE, s->path, s->cases + 2, s->n_filled + 1,
			     "case %lu: values out of order (variable %d)", s->cases + 1, i + 1);
		return READSTAT_HANDLER_ABORT;
	}
	char buf[64];
	size_t n;
	const char *t = cell_text(&s->var[i], v, value, buf, sizeof(buf), &n);
	if (add_field(s, t, n, s->cases + 2) < 0)
		return READSTAT_HANDLER_ABORT;
	if (s->n_filled < s->n_var)
		return READSTAT_HANDLER_OK;
	s->cases++;
	row_finish(s, s->cases + 1);
	return hand_over(s, S_ROW);
}

static void on_error(const char *msg, void *ctx)
{
	struct ky_sav *s = ctx;
	snprintf(s->rs_msg, sizeof(s->rs_msg), "%s", msg ? msg : "");
	size_t n = strlen(s->rs_msg);
	for (size_t i = 0; i < n; i++)
		if (s->rs_msg[i] == '\n' || s->rs_msg[i] == '\r')
			s->rs_msg[i] = ' ';
	while (n && s->rs_msg[n - 1] == ' ')
		s->rs_msg[--n] = '\0';
}

/* Turns ReadStat's result RC into perr (unless a callback already set it). */
static void parse_error(struct ky_sav *s, readstat_error_t rc)
{
	const char *why = s->rs_msg[0] ? s->rs_msg : rs.readstat_error_message(rc);
	if (rc == READSTAT_ERROR_OPEN) {
		ky_error_set(&s->perr, KY_ERR_IO, s->path, 0, 0, "cannot open: %s", why);
	} else if (!s->dict_done) {
		ky_error_set(&s->perr, KY_ERR_PARSE, s->path, 0, 0,
			     "not a readable SPSS system file (%s): it is damaged, truncated "
			     "in its dictionary, or another format; export it again from SPSS", why);
	} else if (rc == READSTAT_ERROR_READ || rc == READSTAT_ERROR_ROW_COUNT_MISMATCH ||
		   rc == READSTAT_ERROR_PARSE) {
		ky_error_set(&s->perr, KY_ERR_PARSE, s->path, s->cases + 2, 0,
			     "case %lu cannot be read (%s): the file is damaged or truncated",
			     s->cases + 1, why);
	} else {
		ky_error_set(&s->perr, rc == READSTAT_ERROR_MALLOC ? KY_ERR_INTERNAL : KY_ERR_PARSE,
			     s->path, s->cases + 2, 0, "case %lu: %s", s->cases + 1, why);
	}
}

static void *producer(void *arg)
{
	struct ky_sav *s = arg;
	readstat_parser_t *p = rs.readstat_parser_init();
	enum state st = S_ERROR;
	if (!p) {
		ky_error_set(&s->perr, KY_ERR_INTERNAL, s->path, 0, 0, "cannot start ReadStat");
		goto out;
	}
	rs.readstat_set_metadata_handler(p, on_metadata);
	rs.readstat_set_variable_handler(p, on_variable);
	rs.readstat_set_value_label_handler(p, on_value_label);
	rs.readstat_set_value_handler(p, on_value);
	rs.readstat_set_error_handler(p, on_error);
	rs.readstat_set_handler_character_encoding(p, "UTF-8");
	readstat_error_t rc = rs.readstat_parse_sav(p, s->path, s);
	rs.readstat_parser_free(p);
	pthread_mutex_lock(&s->mu);
	int cancelled = s->cancel;
	pthread_mutex_unlock(&s->mu);
	if (cancelled || s->perr.code)
		goto out;
	if (rc != READSTAT_OK) {
		parse_error(s, rc);
		goto out;
	}
	if (s->n_filled && s->n_filled < s->n_var && s->dict_done && s->cases) {
		ky_error_set(&s->perr, KY_ERR_PARSE, s->path, s->cases + 2, s->n_filled + 1,
			     "case %lu ends after %zu of %zu variables: the file is truncated",
			     s->cases + 1, s->n_filled, s->n_var);
		goto out;
	}
	if (!s->dict_done && finish_dict(s) != READSTAT_HANDLER_OK)
		goto out;
	if (s->row_count >= 0 && s->cases < (unsigned long)s->row_count) {
		ky_error_set(&s->perr, KY_ERR_PARSE, s->path, s->cases + 2, 0,
			     "the file ends after case %lu of the %ld it declares: it is truncated",
			     s->cases, s->row_count);
		goto out;
	}
	st = S_END;
out:
	pthread_mutex_lock(&s->mu);
	s->state = st;
	s->turn = T_CONSUMER;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
	return NULL;
}

/* ---- the consumer --------------------------------------------------------------- */

/* Lets the producer make the next row and waits for it.  Returns its state. */
static enum state request(struct ky_sav *s)
{
	pthread_mutex_lock(&s->mu);
	s->turn = T_PRODUCER;
	pthread_cond_broadcast(&s->cv);
	while (s->turn == T_PRODUCER)
		pthread_cond_wait(&s->cv, &s->mu);
	enum state st = s->state;
	pthread_mutex_unlock(&s->mu);
	return st;
}

/* Waits for the producer's first handoff (the header or an error). */
static enum state first(struct ky_sav *s)
{
	pthread_mutex_lock(&s->mu);
	while (s->turn == T_PRODUCER)
		pthread_cond_wait(&s->cv, &s->mu);
	enum state st = s->state;
	pthread_mutex_unlock(&s->mu);
	return st;
}

struct ky_sav *ky_sav_open(const char *path, const struct ky_reader_options *opts,
			   struct ky_error *err)
{
	if (ky_dynlib_load(&rs_lib, path, "SPSS files", err) < 0)
		return NULL;
	struct ky_sav *s = ky_xcalloc(1, sizeof(*s));
	s->path = ky_xstrdup(path);
	s->max_cell = opts && opts->max_cell ? opts->max_cell : KY_DEFAULT_MAX_CELL;
	s->max_columns = opts && opts->max_columns ? opts->max_columns : KY_DEFAULT_MAX_COLUMNS;
	s->row_count = -1;
	snprintf(s->encoding, sizeof(s->encoding), "undeclared");
	ky_buf_init(&s->text);
	ky_error_clear(&s->perr);
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	s->turn = T_PRODUCER;
	if (pthread_create(&s->thread, NULL, producer, s) != 0) {
		ky_error_set(err, KY_ERR_INTERNAL, path, 0, 0, "cannot start the SPSS reader thread");
		ky_sav_free(s);
		return NULL;
	}
	s->started = 1;
	if (first(s) != S_ROW) {
		*err = s->perr;
		ky_sav_free(s);
		return NULL;
	}
	s->pending = 1;
	return s;
}

int ky_sav_next(struct ky_sav *s, struct ky_record *rec, struct ky_error *err)
{
	if (s->failed) {
		if (!err->code)
			*err = s->first_err;
		return -1;
	}
	if (s->finished)
		return 0;
	enum state st = S_ROW;
	if (s->pending)
		s->pending = 0;
	else
		st = request(s);
	if (st == S_END) {
		s->finished = 1;
		return 0;
	}
	if (st == S_ERROR) {
		s->failed = 1;
		s->first_err = s->perr;
		if (!err->code)
			*err = s->perr;
		return -1;
	}
	s->rec.number = ++s->number;
	*rec = s->rec;
	return 1;
}

const char *ky_sav_encoding(const struct ky_sav *s)
{
	return s->encoding;
}

void ky_sav_free(struct ky_sav *s)
{
	if (!s)
		return;
	if (s->started) {
		pthread_mutex_lock(&s->mu);
		s->cancel = 1;
		pthread_cond_broadcast(&s->cv);
		pthread_mutex_unlock(&s->mu);
		pthread_join(s->thread, NULL);
	}
	pthread_mutex_destroy(&s->mu);
	pthread_cond_destroy(&s->cv);
	for (size_t i = 0; i < s->n_var; i++) {
		free(s->var[i].name);
		free(s->var[i].label);
		free(s->var[i].set_name);
	}
	for (size_t i = 0; i < s->n_set; i++) {
		for (size_t j = 0; j < s->set[i].n; j++) {
			free(s->set[i].v[j].skey);
			free(s->set[i].v[j].text);
		}
		free(s->set[i].v);
		free(s->set[i].name);
	}
	free(s->var);
	free(s->set);
	free(s->off);
	free(s->len);
	free(s->ptr);
	ky_buf_release(&s->text);
	free(s->path);
	free(s);
}
