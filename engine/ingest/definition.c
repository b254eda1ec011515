/* definition.c - reads survey definitions (INI) into struct ky_def.
 *
 * The file is first checked line by line (NUL bytes, UTF-8, a key given
 * twice in a section), then parsed by ini_lines() below: inih's syntax
 * (sections, "key = value" or "key: value", ';' and '#' comment lines, a
 * ';' after a blank starts a comment, indented lines continue a value, a
 * BOM), without inih's fixed buffers, which cut lines at 199 characters and
 * section and key names at 49.  The lines of a multi-line value reach the
 * handler as repeated keys, which are continuations.
 */
#define _XOPEN_SOURCE 700   /* realpath */
#include "ky_def.h"

#include <errno.h>
#include <math.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <utf8proc.h>

#include "ky_buf.h"

enum sect { S_NONE, S_SURVEY, S_SCALE, S_BLOCK, S_ITEM, S_WEIGHTING, S_AUDIENCE };

struct parse {
	struct ky_def *d;
	enum sect sect;
	char *sect_name;               /* raw section text, to notice a change */
	char *last_key;                /* continuation lines repeat it */
	char msg[400];                 /* the handler's first complaint */
};

static void list_add(struct ky_def_list *l, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (!n)
		return;
	l->s = ky_xrealloc(l->s, (l->n + 1) * sizeof(*l->s));
	char *c = ky_xmalloc(n + 1);
	memcpy(c, s, n);
	c[n] = 0;
	l->s[l->n++] = c;
}

/* Appends the `|`-separated entries of VALUE. */
static void list_parse(struct ky_def_list *l, const char *value)
{
	const char *p = value;
	for (;;) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		list_add(l, p, n);
		if (!bar)
			break;
		p = bar + 1;
	}
}

static void list_free(struct ky_def_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->s[i]);
	free(l->s);
	memset(l, 0, sizeof(*l));
}

/* Text keys: a continuation line is joined with a space. */
static void text_set(char **dst, const char *value, int cont)
{
	if (cont && *dst) {
		struct ky_buf b = KY_BUF_INIT;
		ky_buf_addf(&b, "%s %s", *dst, value);
		free(*dst);
		*dst = ky_buf_detach(&b, NULL);
		return;
	}
	free(*dst);
	*dst = ky_xstrdup(value);
}

static int fail(struct parse *p, const char *fmt, const char *a, const char *b)
{
	if (!p->msg[0])
		snprintf(p->msg, sizeof(p->msg), fmt, a, b);
	return 0;
}

static int parse_uint(const char *v, unsigned long long max, unsigned long long *out)
{
	char *end;
	errno = 0;
	if (*v < '0' || *v > '9')
		return -1;
	unsigned long long x = strtoull(v, &end, 10);
	if (errno || *end || x > max)
		return -1;
	*out = x;
	return 0;
}

static int new_section(struct parse *p, const char *section)
{
	struct ky_def *d = p->d;
	free(p->sect_name);
	p->sect_name = ky_xstrdup(section);
	free(p->last_key);
	p->last_key = NULL;
	const char *arg = strchr(section, ' ');
	size_t kw = arg ? (size_t)(arg - section) : strlen(section);
	while (arg && *arg == ' ')
		arg++;
	if (kw == 6 && !strncmp(section, "survey", 6) && !arg) {
		p->sect = S_SURVEY;
		return 1;
	}
	if (kw == 9 && !strncmp(section, "weighting", 9) && !arg) {
		p->sect = S_WEIGHTING;
		return 1;
	}
	if (!arg || !*arg)
		return fail(p, "unknown section [%s]%s (sections: [survey], [scale NAME], "
			    "[block NAME], [item ID], [weighting], [audience NAME])", section, "");
	if (kw == 5 && !strncmp(section, "scale", 5)) {
		if (ky_def_find_scale(d, arg))
			return fail(p, "scale '%s' is defined twice%s", arg, "");
		d->scale = ky_xrealloc(d->scale, (d->n_scales + 1) * sizeof(*d->scale));
		struct ky_def_scale *sc = &d->scale[d->n_scales++];
		memset(sc, 0, sizeof(*sc));
		sc->name = ky_xstrdup(arg);
		p->sect = S_SCALE;
		return 1;
	}
	if (kw == 5 && !strncmp(section, "block", 5)) {
		d->block = ky_xrealloc(d->block, (d->n_blocks + 1) * sizeof(*d->block));
		struct ky_def_block *b = &d->block[d->n_blocks++];
		memset(b, 0, sizeof(*b));
		b->name = ky_xstrdup(arg);
		b->reliability = -1;
		p->sect = S_BLOCK;
		return 1;
	}
	if (kw == 4 && !strncmp(section, "item", 4)) {
		d->item = ky_xrealloc(d->item, (d->n_items + 1) * sizeof(*d->item));
		struct ky_def_item *it = &d->item[d->n_items++];
		memset(it, 0, sizeof(*it));
		it->ref = ky_xstrdup(arg);
		p->sect = S_ITEM;
		return 1;
	}
	if (kw == 8 && !strncmp(section, "audience", 8)) {
		d->aud = ky_xrealloc(d->aud, (d->n_auds + 1) * sizeof(*d->aud));
		struct ky_def_aud *a = &d->aud[d->n_auds++];
		memset(a, 0, sizeof(*a));
		a->name = ky_xstrdup(arg);
		p->sect = S_AUDIENCE;
		return 1;
	}
	return fail(p, "unknown section [%s]%s (sections: [survey], [scale NAME], "
		    "[block NAME], [item ID], [weighting], [audience NAME])", section, "");
}

static int survey_key(struct parse *p, const char *k, const char *v, int cont)
{
	struct ky_def *d = p->d;
	unsigned long long x;
	if (!strcmp(k, "export")) {
		text_set(&d->export_path, v, cont);
	} else if (!strcmp(k, "title")) {
		text_set(&d->title, v, cont);
	} else if (!strcmp(k, "round")) {
		text_set(&d->round, v, cont);
	} else if (!strcmp(k, "series")) {
		text_set(&d->series, v, cont);
	} else if (!strcmp(k, "lang")) {
		if (strcmp(v, "fi") && strcmp(v, "sv") && strcmp(v, "en"))
			return fail(p, "lang = %s: expected fi, sv or en%s", v, "");
		text_set(&d->lang, v, 0);
	} else if (!strcmp(k, "report")) {
		/* html, md, pptx, docx (comma- or |-separated) */
		for (const char *q = v; *q;) {
			q += strspn(q, " ");
			size_t n = strcspn(q, ",| ");
			if (!((n == 4 && (!strncmp(q, "html", 4) || !strncmp(q, "pptx", 4) ||
					  !strncmp(q, "docx", 4))) || (n == 2 && !strncmp(q, "md", 2))))
				return fail(p, "report = %s: expected html, md, pptx or docx, "
					    "comma-separated%s", v, "");
			q += n;
			q += strspn(q, " ");
			q += *q == ',' || *q == '|';
		}
		if (strlen(v) >= 64)
			return fail(p, "report = %s: too long%s", v, "");
		text_set(&d->report, v, 0);
	} else if (!strcmp(k, "population")) {
		if (parse_uint(v, UINT64_MAX, &x) < 0)
			return fail(p, "population = %s: expected a whole number%s", v, "");
		d->population = x;
	} else if (!strcmp(k, "min_n")) {
		if (parse_uint(v, 1000000, &x) < 0)
			return fail(p, "min_n = %s: expected a whole number (0 shows every "
				    "group)%s", v, "");
		d->min_n = (int)x;
	} else if (!strcmp(k, "header_rows")) {
		if (parse_uint(v, 3, &x) < 0 || x < 1)
			return fail(p, "header_rows = %s: expected 1, 2 or 3%s", v, "");
		d->header_rows = (unsigned)x;
	} else if (!strcmp(k, "group")) {
		list_parse(&d->groups, v);
	} else if (!strcmp(k, "ignore")) {
		list_parse(&d->ignore, v);
	} else if (!strcmp(k, "weight")) {
		if (!*v)
			return fail(p, "weight = is empty: name the weight column%s%s", "", "");
		text_set(&d->weight, v, 0);
	} else if (!strcmp(k, "audience")) {
		text_set(&d->audience, v, cont);
	} else if (!strcmp(k, "exports")) {
		list_parse(&d->exports, v);
	} else if (!strcmp(k, "audiences")) {
		list_parse(&d->audiences, v);
	} else {
		return fail(p, "unknown key '%s' in [survey] (keys: export, title, round, "
			    "population, lang, report, group, min_n, ignore, header_rows, weight, "
			    "audience, exports, audiences)%s", k, "");
	}
	return 1;
}

static int scale_key(struct parse *p, const char *k, const char *v)
{
	struct ky_def_scale *sc = &p->d->scale[p->d->n_scales - 1];
	if (!strcmp(k, "kind")) {
		if (strcmp(v, "unipolar") && strcmp(v, "bipolar"))
			return fail(p, "kind = %s: expected unipolar or bipolar%s", v, "");
		sc->bipolar = !strcmp(v, "bipolar");
	} else if (!strcmp(k, "labels")) {
		list_parse(&sc->labels, v);
	} else if (!strcmp(k, "codes")) {
		list_parse(&sc->codes_text, v);
	} else if (!strcmp(k, "nonsubstantive")) {
		list_parse(&sc->nonsub, v);
	} else {
		return fail(p, "unknown key '%s' in [scale] (keys: kind, labels, codes, "
			    "nonsubstantive)%s", k, "");
	}
	return 1;
}

static int block_key(struct parse *p, const char *k, const char *v, int cont)
{
	struct ky_def_block *b = &p->d->block[p->d->n_blocks - 1];
	if (!strcmp(k, "scale")) {
		text_set(&b->scale, v, 0);
	} else if (!strcmp(k, "items")) {
		list_parse(&b->items, v);
	} else if (!strcmp(k, "reverse")) {
		list_parse(&b->reverse, v);
	} else if (!strcmp(k, "title")) {
		text_set(&b->title, v, cont);
	} else if (!strcmp(k, "reliability")) {
		if (strcmp(v, "yes") && strcmp(v, "no"))
			return fail(p, "reliability = %s: expected yes or no%s", v, "");
		b->reliability = !strcmp(v, "yes");
	} else {
		return fail(p, "unknown key '%s' in [block] (keys: scale, items, reverse, "
			    "reliability, title)%s", k, "");
	}
	return 1;
}

static int item_key(struct parse *p, const char *k, const char *v, int cont)
{
	struct ky_def_item *it = &p->d->item[p->d->n_items - 1];
	if (!strcmp(k, "text"))
		text_set(&it->text, v, cont);
	else if (!strcmp(k, "was"))
		list_parse(&it->was, v);
	else if (!strcmp(k, "scale"))
		text_set(&it->scale, v, 0);
	else
		return fail(p, "unknown key '%s' in [item] (keys: text, was, scale)%s", k, "");
	return 1;
}

static int audience_key(struct parse *p, const char *k, const char *v)
{
	struct ky_def_aud *a = &p->d->aud[p->d->n_auds - 1];
	if (!strcmp(k, "items"))
		list_parse(&a->items, v);
	else
		return fail(p, "unknown key '%s' in [audience] (keys: items)%s", k, "");
	return 1;
}

static int on_entry(void *user, const char *section, const char *name, const char *value)
{
	struct parse *p = user;
	if (p->msg[0])
		return 0;
	if (!p->sect_name || strcmp(section, p->sect_name)) {
		if (!new_section(p, section))
			return 0;
	}
	if (!name)             /* a section with no keys yet (not called so today) */
		return 1;
	int cont = p->last_key && !strcmp(p->last_key, name);
	free(p->last_key);
	p->last_key = ky_xstrdup(name);
	switch (p->sect) {
	case S_SURVEY: return survey_key(p, name, value, cont);
	case S_SCALE: return scale_key(p, name, value);
	case S_BLOCK: return block_key(p, name, value, cont);
	case S_ITEM: return item_key(p, name, value, cont);
	case S_AUDIENCE: return audience_key(p, name, value);
	case S_WEIGHTING:
		if (strcmp(name, "margins"))
			return fail(p, "unknown key '%s' in [weighting] (keys: margins)%s", name, "");
		if (!*value)
			return fail(p, "margins = is empty: name the population margins file "
				    "(variable,category,population)%s%s", "", "");
		text_set(&p->d->margins, value, 0);
		return 1;
	default: return fail(p, "'%s' before any section (start with [survey])%s", name, "");
	}
}

/* ---- the INI syntax ----------------------------------------------------- */

typedef int (*ini_handler)(void *user, const char *section, const char *name, const char *value);

static char *rstrip(char *s)
{
	char *p = s + strlen(s);
	while (p > s && isspace((unsigned char)p[-1]))
		*--p = '\0';
	return s;
}

static char *lskip(char *s)
{
	while (*s && isspace((unsigned char)*s))
		s++;
	return s;
}

/* The first of CHARS in S, or a ';' after a blank (an inline comment), or
 * the string's end. */
static char *find_chars_or_comment(char *s, const char *chars)
{
	int was_space = 0;
	while (*s && (!chars || !strchr(chars, *s)) && !(was_space && *s == ';')) {
		was_space = isspace((unsigned char)*s);
		s++;
	}
	return s;
}

/* Parses TEXT (changed in place) line by line as inih does, calling HANDLER
 * for every key (and for every continuation line of a value, with the same
 * key).  Returns 0, or the number of the first line that is not a section,
 * a key, a continuation, a comment or blank, or whose handler returned 0. */
static int ini_lines(char *text, ini_handler handler, void *user)
{
	char *section = ky_xstrdup(""), *prev = ky_xstrdup("");
	int lineno = 0, error = 0;
	char *line = text;
	if (!strncmp(line, "\xEF\xBB\xBF", 3))   /* memcmp would read past a short text */
		line += 3;
	while (*line && !error) {
		char *nl = strchr(line, '\n');
		char *next = nl ? nl + 1 : line + strlen(line);
		if (nl)
			*nl = '\0';
		lineno++;
		char *start = lskip(rstrip(line));
		if (!*start || *start == ';' || *start == '#') {
			/* blank or a comment */
		} else if (*prev && start > line) {        /* a continuation line */
			char *end = find_chars_or_comment(start, NULL);
			*end = '\0';
			rstrip(start);
			if (!handler(user, section, prev, start))
				error = lineno;
		} else if (*start == '[') {
			char *end = find_chars_or_comment(start + 1, "]");
			if (*end == ']') {
				*end = '\0';
				free(section);
				section = ky_xstrdup(start + 1);
				*prev = '\0';
			} else {
				error = lineno;
			}
		} else {
			char *end = find_chars_or_comment(start, "=:");
			if (*end == '=' || *end == ':') {
				*end = '\0';
				char *name = rstrip(start), *value = end + 1;
				end = find_chars_or_comment(value, NULL);
				*end = '\0';
				value = lskip(value);
				rstrip(value);
				free(prev);
				prev = ky_xstrdup(name);
				if (!handler(user, section, name, value))
					error = lineno;
			} else {
				error = lineno;
			}
		}
		line = next;
	}
	free(section);
	free(prev);
	return error;
}

/* ---- the line check before parsing ------------------------------------ */

static char *slurp(const char *path, size_t *len, struct ky_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		ky_error_set(err, KY_ERR_IO, path, 0, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	struct ky_buf b = KY_BUF_INIT;
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (b.len + n > 4u * 1024 * 1024) {
			fclose(f);
			ky_buf_release(&b);
			ky_error_set(err, KY_ERR_LIMIT, path, 0, 0,
				     "a survey definition over 4 MB: is this the right file?");
			return NULL;
		}
		ky_buf_add(&b, chunk, n);
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		ky_buf_release(&b);
		ky_error_set(err, KY_ERR_IO, path, 0, 0, "cannot read");
		return NULL;
	}
	return ky_buf_detach(&b, len);
}

/* The key of a line "key = value" (length in *N), or NULL for other lines. */
static const char *line_key(const char *s, size_t len, size_t *n)
{
	if (!len || s[0] == ' ' || s[0] == '\t' || s[0] == ';' || s[0] == '#' || s[0] == '[')
		return NULL;
	const char *eq = memchr(s, '=', len);
	const char *colon = memchr(s, ':', len);
	if (!eq || (colon && colon < eq))
		eq = colon;
	if (!eq)
		return NULL;
	size_t k = (size_t)(eq - s);
	while (k && (s[k - 1] == ' ' || s[k - 1] == '\t'))
		k--;
	*n = k;
	return s;
}

/* Rejects NUL bytes, invalid UTF-8, a key given twice in one section, a
 * section given twice. */
static int check_lines(const char *path, const char *text, size_t len, struct ky_error *err)
{
	const char *p = text;
	unsigned long line = 0;
	struct ky_buf keys = KY_BUF_INIT, sects = KY_BUF_INIT;
	ky_buf_addch(&keys, '\n');
	ky_buf_addch(&sects, '\n');
	int rc = 0;
	if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	while (p < text + len && rc == 0) {
		line++;
		const char *nl = memchr(p, '\n', (size_t)(text + len - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(text + len - p);
		size_t body = n && p[n - 1] == '\r' ? n - 1 : n;
		if (memchr(p, 0, n))
			rc = ky_error_set(err, KY_ERR_PARSE, path, line, 0, "NUL byte in the definition");
		else if (utf8proc_decompose((const utf8proc_uint8_t *)p, (utf8proc_ssize_t)n, NULL, 0, 0) < 0)
			rc = ky_error_set(err, KY_ERR_PARSE, path, line, 0,
					  "not valid UTF-8 (save the definition as UTF-8)");
		if (rc)
			break;
		size_t kn;
		if (body && p[0] == '[') {
			const char *close = memchr(p, ']', body);
			size_t sn = close ? (size_t)(close - p) + 1 : body;
			struct ky_buf pat = KY_BUF_INIT;
			ky_buf_addch(&pat, '\n');
			ky_buf_add(&pat, p, sn);
			ky_buf_addch(&pat, '\n');
			if (strstr(sects.buf, pat.buf))
				rc = ky_error_set(err, KY_ERR_PARSE, path, line, 1,
						  "section %.*s is given twice", (int)sn, p);
			ky_buf_add(&sects, pat.buf + 1, pat.len - 1);
			ky_buf_release(&pat);
			ky_buf_reset(&keys);
			ky_buf_addch(&keys, '\n');
		} else if (line_key(p, body, &kn)) {
			struct ky_buf pat = KY_BUF_INIT;
			ky_buf_addch(&pat, '\n');
			ky_buf_add(&pat, p, kn);
			ky_buf_addch(&pat, '\n');
			if (strstr(keys.buf, pat.buf))
				rc = ky_error_set(err, KY_ERR_PARSE, path, line, 1,
						  "key '%.*s' is given twice in this section",
						  (int)kn, p);
			ky_buf_add(&keys, pat.buf + 1, pat.len - 1);
			ky_buf_release(&pat);
		}
		p += nl ? n + 1 : n;
	}
	ky_buf_release(&keys);
	ky_buf_release(&sects);
	return rc;
}

/* ---- checks after parsing --------------------------------------------- */

static int check_scale(struct ky_def *d, struct ky_def_scale *sc, struct ky_error *err)
{
	struct ky_buf sect = KY_BUF_INIT;
	ky_buf_addf(&sect, "scale %s", sc->name);
	unsigned long line = ky_def_line(d, sect.buf, NULL);
	int rc = 0;
	if (sc->labels.n < 2)
		rc = ky_error_set(err, KY_ERR_PARSE, d->path, line, 0,
				  "[scale %s] needs labels = (two or more, separated by |)", sc->name);
	else if (sc->labels.n > 64)
		rc = ky_error_set(err, KY_ERR_LIMIT, d->path, line, 0,
				  "[scale %s] has %zu labels; at most 64", sc->name, sc->labels.n);
	else if (sc->codes_text.n && sc->codes_text.n != sc->labels.n)
		rc = ky_error_set(err, KY_ERR_PARSE, d->path, ky_def_line(d, sect.buf, "codes"), 0,
				  "[scale %s] has %zu labels but %zu codes", sc->name,
				  sc->labels.n, sc->codes_text.n);
	sc->line = line;
	sc->codes = rc ? NULL : ky_xcalloc(sc->labels.n, sizeof(double));
	for (size_t k = 0; rc == 0 && k < sc->labels.n; k++) {
		if (!sc->codes_text.n) {
			sc->codes[k] = (double)(k + 1);
			continue;
		}
		char *end;
		sc->codes[k] = strtod(sc->codes_text.s[k], &end);
		if (end == sc->codes_text.s[k] || *end || sc->codes[k] != sc->codes[k])
			rc = ky_error_set(err, KY_ERR_PARSE, d->path,
					  ky_def_line(d, sect.buf, "codes"), 0,
					  "[scale %s] codes: '%s' is not a number", sc->name,
					  sc->codes_text.s[k]);
		else if (k && sc->codes[k] <= sc->codes[k - 1])
			rc = ky_error_set(err, KY_ERR_PARSE, d->path,
					  ky_def_line(d, sect.buf, "codes"), 0,
					  "[scale %s] codes must increase with the labels (lowest "
					  "level first)", sc->name);
	}
	/* non-substantive answers given with their code: "0 = En ole käyttänyt" */
	sc->nonsub_codes = ky_xcalloc(sc->nonsub.n + 1, sizeof(double));
	for (size_t k = 0; k < sc->nonsub.n; k++) {
		char *e = sc->nonsub.s[k], *end;
		sc->nonsub_codes[k] = NAN;
		double code = strtod(e, &end);
		if (end == e || code != code || !(*e == '-' || (*e >= '0' && *e <= '9')))
			continue;
		while (*end == ' ' || *end == '\t')
			end++;
		if (*end != '=')
			continue;
		end++;
		while (*end == ' ' || *end == '\t')
			end++;
		if (rc == 0 && !*end)
			rc = ky_error_set(err, KY_ERR_PARSE, d->path,
					  ky_def_line(d, sect.buf, "nonsubstantive"), 0,
					  "[scale %s] nonsubstantive: '%s' gives a code but no label "
					  "(write CODE = label)", sc->name, e);
		for (size_t j = 0; rc == 0 && sc->codes && j < sc->labels.n; j++)
			if (sc->codes[j] == code)
				rc = ky_error_set(err, KY_ERR_PARSE, d->path,
						  ky_def_line(d, sect.buf, "nonsubstantive"), 0,
						  "[scale %s] nonsubstantive: code %g is also the code "
						  "of level '%s'", sc->name, code, sc->labels.s[j]);
		if (rc)
			break;
		sc->nonsub_codes[k] = code;
		memmove(e, end, strlen(end) + 1);
	}
	ky_buf_release(&sect);
	return rc;
}

static int check_refs(struct ky_def *d, struct ky_error *err)
{
	for (size_t i = 0; i < d->n_blocks; i++) {
		struct ky_def_block *b = &d->block[i];
		struct ky_buf sect = KY_BUF_INIT;
		ky_buf_addf(&sect, "block %s", b->name);
		b->line = ky_def_line(d, sect.buf, NULL);
		int rc = 0;
		if (b->scale && !ky_def_find_scale(d, b->scale))
			rc = ky_error_set(err, KY_ERR_PARSE, d->path, ky_def_line(d, sect.buf, "scale"),
					  0, "[block %s] scale = %s: no [scale %s] in this file",
					  b->name, b->scale, b->scale);
		else if (!b->items.n)
			rc = ky_error_set(err, KY_ERR_PARSE, d->path, b->line, 0,
					  "[block %s] needs items = (column ids or header texts, "
					  "separated by |)", b->name);
		ky_buf_release(&sect);
		if (rc)
			return rc;
	}
	for (size_t i = 0; i < d->n_items; i++) {
		struct ky_def_item *it = &d->item[i];
		struct ky_buf sect = KY_BUF_INIT;
		ky_buf_addf(&sect, "item %s", it->ref);
		it->line = ky_def_line(d, sect.buf, NULL);
		int rc = 0;
		if (it->scale && !ky_def_find_scale(d, it->scale))
			rc = ky_error_set(err, KY_ERR_PARSE, d->path, ky_def_line(d, sect.buf, "scale"),
					  0, "[item %s] scale = %s: no [scale %s] in this file",
					  it->ref, it->scale, it->scale);
		ky_buf_release(&sect);
		if (rc)
			return rc;
	}
	return 0;
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? ky_xstrndup(path, (size_t)(slash - path) + 1) : ky_xstrdup("");
}

/* The export path: relative ones start in the definition's folder; it must
 * exist and must not be the definition itself or another definition. */
static int check_one_export(struct ky_def *d, char **path, unsigned long line,
			    struct ky_error *err);

/* export = one file, or exports = one per audience (the first is also the
 * export_path). */
static int check_export(struct ky_def *d, struct ky_error *err)
{
	if (d->exports.n) {
		unsigned long line = ky_def_line(d, "survey", "exports");
		if (d->export_path)
			return ky_error_set(err, KY_ERR_PARSE, d->path, line, 0, "give either "
					    "export = (one export) or exports = (one per audience)");
		for (size_t i = 0; i < d->exports.n; i++)
			if (check_one_export(d, &d->exports.s[i], line, err) < 0)
				return -1;
		if (d->audiences.n && d->audiences.n != d->exports.n)
			return ky_error_set(err, KY_ERR_PARSE, d->path,
					    ky_def_line(d, "survey", "audiences"), 0, "audiences = "
					    "names %zu audiences for %zu exports", d->audiences.n,
					    d->exports.n);
		d->export_path = ky_xstrdup(d->exports.s[0]);
		return 0;
	}
	if (!d->export_path)
		return 0;
	return check_one_export(d, &d->export_path, ky_def_line(d, "survey", "export"), err);
}

static int check_one_export(struct ky_def *d, char **pathp, unsigned long line,
			    struct ky_error *err)
{
	char *export_path = *pathp;
	if (!*export_path)
		return ky_error_set(err, KY_ERR_PARSE, d->path, line, 0, "export = is empty");
	if (export_path[0] != '/') {
		struct ky_buf b = KY_BUF_INIT;
		ky_buf_addf(&b, "%s%s", d->dir, export_path);
		free(export_path);
		*pathp = export_path = ky_buf_detach(&b, NULL);
	}
	char *a = realpath(export_path, NULL);
	int e = errno;
	char *self = realpath(d->path, NULL);
	struct stat st;
	int rc = 0;
	if (!a)
		rc = ky_error_set(err, KY_ERR_IO, d->path, line, 0, "export = %s: %s",
				  export_path, strerror(e));
	else if (stat(a, &st) == 0 && S_ISDIR(st.st_mode))
		rc = ky_error_set(err, KY_ERR_IO, d->path, line, 0,
				  "export = %s is a folder; name the export file (CSV, XLSX or "
				  ".sav)", export_path);
	else if (self && !strcmp(a, self))
		rc = ky_error_set(err, KY_ERR_PARSE, d->path, line, 0,
				  "export = names this definition itself; name the survey's "
				  "export file (CSV, XLSX or .sav)");
	else if (ky_def_sniff(a))
		rc = ky_error_set(err, KY_ERR_PARSE, d->path, line, 0,
				  "export = %s is itself a survey definition; name the export "
				  "file (CSV, XLSX or .sav)", export_path);
	free(a);
	free(self);
	return rc;
}

/* [audience NAME] sections: two or more, each with items, all as many. */
static int check_audiences(struct ky_def *d, struct ky_error *err)
{
	for (size_t i = 0; i < d->n_auds; i++) {
		struct ky_buf sect = KY_BUF_INIT;
		ky_buf_addf(&sect, "audience %s", d->aud[i].name);
		unsigned long line = ky_def_line(d, sect.buf, NULL);
		ky_buf_release(&sect);
		int rc = 0;
		if (d->n_auds == 1)
			rc = ky_error_set(err, KY_ERR_PARSE, d->path, line, 0, "[audience %s] is "
					  "the only one: declare the block of every audience",
					  d->aud[i].name);
		else if (!d->aud[i].items.n)
			rc = ky_error_set(err, KY_ERR_PARSE, d->path, line, 0, "[audience %s] has "
					  "no items =", d->aud[i].name);
		else if (d->aud[i].items.n != d->aud[0].items.n)
			rc = ky_error_set(err, KY_ERR_PARSE, d->path, line, 0, "[audience %s] has "
					  "%zu items, [audience %s] %zu: item k of each is one "
					  "statement", d->aud[i].name, d->aud[i].items.n,
					  d->aud[0].name, d->aud[0].items.n);
		else if (d->exports.n)
			rc = ky_error_set(err, KY_ERR_PARSE, d->path, line, 0, "[audience] "
					  "sections declare the blocks of one export, not exports =");
		if (rc < 0)
			return -1;
	}
	return 0;
}

int ky_def_sniff(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	char *line = NULL;
	size_t cap = 0;
	int is = 0, first = 1;
	while (getline(&line, &cap, f) > 0) {   /* whole lines, however long */
		char *p = line;
		if (first && !strncmp(p, "\xEF\xBB\xBF", 3))
			p += 3;
		first = 0;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == ';' || *p == '#' || *p == '\n' || *p == '\r' || !*p)
			continue;
		is = *p == '[' && strchr(p, ']') != NULL;
		break;
	}
	free(line);
	fclose(f);
	return is;
}

struct ky_def *ky_def_read(const char *path, struct ky_error *err)
{
	size_t len;
	char *text = slurp(path, &len, err);
	if (!text)
		return NULL;
	if (check_lines(path, text, len, err) < 0) {
		free(text);
		return NULL;
	}
	struct ky_def *d = ky_xcalloc(1, sizeof(*d));
	d->path = ky_xstrdup(path);
	d->dir = dir_of(path);
	d->text = text;
	d->min_n = -1;
	struct parse p = { .d = d };
	char *work = ky_xstrdup(text);
	int line = ini_lines(work, on_entry, &p);
	free(work);
	if (line != 0 || p.msg[0])
		ky_error_set(err, KY_ERR_PARSE, path, line > 0 ? (unsigned long)line : 0, 0, "%s",
			     p.msg[0] ? p.msg : "not an INI file (expected [section] and "
			     "key = value lines)");
	free(p.sect_name);
	free(p.last_key);
	int rc = err->code ? -1 : 0;
	for (size_t i = 0; rc == 0 && i < d->n_scales; i++)
		rc = check_scale(d, &d->scale[i], err);
	if (rc == 0)
		rc = check_refs(d, err);
	if (rc == 0)
		rc = check_export(d, err);
	if (rc == 0)
		rc = check_audiences(d, err);
	if (rc == 0 && d->margins && d->margins[0] != '/') {
		struct ky_buf b = KY_BUF_INIT;
		ky_buf_addf(&b, "%s%s", d->dir, d->margins);
		free(d->margins);
		d->margins = ky_buf_detach(&b, NULL);
	}
	if (rc < 0) {
		ky_def_free(d);
		return NULL;
	}
	return d;
}

const struct ky_def_scale *ky_def_find_scale(const struct ky_def *d, const char *name)
{
	for (size_t i = 0; i < d->n_scales; i++)
		if (!strcmp(d->scale[i].name, name))
			return &d->scale[i];
	return NULL;
}

/* Whether line S (length N) is the section header [SECTION] (blanks around
 * the name allowed, as ini_lines allows them). */
static int is_section(const char *s, size_t n, const char *section)
{
	if (!n || s[0] != '[')
		return 0;
	const char *close = memchr(s, ']', n);
	if (!close)
		return 0;
	const char *a = s + 1, *b = close;
	while (a < b && (*a == ' ' || *a == '\t'))
		a++;
	while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
		b--;
	return (size_t)(b - a) == strlen(section) && !memcmp(a, section, (size_t)(b - a));
}

unsigned long ky_def_line(const struct ky_def *d, const char *section, const char *key)
{
	const char *p = d->text;
	unsigned long line = 0;
	int in = 0;
	while (*p) {
		line++;
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		size_t kn;
		if (n && p[0] == '[') {
			in = is_section(p, n, section);
			if (in && !key)
				return line;
		} else if (in && key && line_key(p, n, &kn) && kn == strlen(key) &&
			   !memcmp(p, key, kn)) {
			return line;
		}
		p += nl ? n + 1 : n;
	}
	return 0;
}

void ky_def_free(struct ky_def *d)
{
	if (!d)
		return;
	free(d->weight);
	free(d->margins);
	for (size_t i = 0; i < d->n_scales; i++) {
		free(d->scale[i].name);
		list_free(&d->scale[i].labels);
		list_free(&d->scale[i].nonsub);
		list_free(&d->scale[i].codes_text);
		free(d->scale[i].codes);
		free(d->scale[i].nonsub_codes);
	}
	for (size_t i = 0; i < d->n_blocks; i++) {
		free(d->block[i].name);
		free(d->block[i].title);
		free(d->block[i].scale);
		list_free(&d->block[i].items);
		list_free(&d->block[i].reverse);
	}
	for (size_t i = 0; i < d->n_items; i++) {
		free(d->item[i].ref);
		free(d->item[i].text);
		free(d->item[i].scale);
		list_free(&d->item[i].was);
	}
	free(d->scale);
	free(d->block);
	free(d->item);
	list_free(&d->groups);
	list_free(&d->ignore);
	free(d->path);
	free(d->dir);
	free(d->export_path);
	free(d->title);
	free(d->round);
	free(d->series);
	free(d->audience);
	list_free(&d->audiences);
	list_free(&d->exports);
	for (size_t i = 0; i < d->n_auds; i++) {
		free(d->aud[i].name);
		list_free(&d->aud[i].items);
	}
	free(d->aud);
	free(d->lang);
	free(d->report);
	free(d->text);
	free(d);
}
