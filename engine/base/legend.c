/* legend.c - code legends in question texts ("(0=En ole käyttänyt,
 * 1=Ei vaikutusta, ..., 5=Erittäin merkittävä vaikutus)", "asteikolla 1–5,
 * jossa 1 = täysin eri mieltä ja 5 = täysin samaa mieltä"): found by their
 * "CODE = label" entries, taken out of the text, labels checked against the
 * lexicon's non-substantive answers. */
#include "ky_legend.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ky_buf.h"
#include "ky_scale.h"

#define MAX_ENTRIES 16
#define MAX_LABEL 120

struct raw {
	size_t start;             /* where the code begins */
	long code;
	size_t lab, lab_end;      /* the label [lab, lab_end) */
};

static int is_word_byte(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/* Words that join a legend's entries ("1 = x ja 5 = y"). */
static const char *const joiners[] = { "ja", "och", "and", "tai", "eller", "or", "-",
				       "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\xA6", "...", "/" };

/* "CODE = label" at T[I]: the code (one to three digits, maybe after a
 * minus sign, not part of a longer number or word), '=' (or ': '), a label
 * starting with a letter. */
static int entry_at(const char *t, size_t i, struct raw *r)
{
	const unsigned char *u = (const unsigned char *)t;
	size_t j = i;
	int neg = 0;
	if (u[j] == '-' && isdigit(u[j + 1]))           /* "-2 = haittaa paljon" */
		neg = 1, j++;
	else if (u[j] == 0xE2 && u[j + 1] == 0x88 && u[j + 2] == 0x92 && isdigit(u[j + 3]))
		neg = 1, j += 3;                        /* U+2212 minus sign */
	if (!isdigit(u[j]))
		return 0;
	if (i > 0 && (isalnum(u[i - 1]) || u[i - 1] == '_' || (!neg && u[i - 1] == '-') ||
		      ((u[i - 1] == '.' || u[i - 1] == ',') && i > 1 && isdigit(u[i - 2]))))
		return 0;
	size_t d = j;
	long code = 0;
	while (isdigit(u[j]) && j - d < 3)
		code = code * 10 + (u[j++] - '0');
	if (neg)
		code = -code;
	if (isdigit(u[j]))
		return 0;
	while (u[j] == ' ')
		j++;
	if (u[j] == ':' && u[j + 1] == ' ')     /* "1: huono" (never "Q1:Statement") */
		j++;
	else if (u[j] == '=')
		j++;
	else
		return 0;
	while (u[j] == ' ')
		j++;
	size_t lab = j;
	if (u[j] == '"' || u[j] == '\'')
		j++;
	else if (u[j] == 0xE2 && u[j + 1] == 0x80 && (u[j + 2] == 0x9C || u[j + 2] == 0x9D))
		j += 3;                                     /* “ ” */
	if (!(isalpha(u[j]) || u[j] >= 0xC0))
		return 0;
	r->start = i;
	r->code = code;
	r->lab = lab;
	return 1;
}

/* Length of a joiner word at T (followed by a space), or 0. */
static size_t joiner_at(const char *t)
{
	for (size_t k = 0; k < sizeof(joiners) / sizeof(joiners[0]); k++) {
		size_t n = strlen(joiners[k]);
		if (!strncmp(t, joiners[k], n) && (t[n] == ' ' || isdigit((unsigned char)t[n])))
			return n;
	}
	return 0;
}

/* Where the label starting at LAB ends: at punctuation, an ellipsis, or a
 * space before the next entry (possibly after a joiner word). */
static size_t label_end(const char *t, size_t lab)
{
	const unsigned char *u = (const unsigned char *)t;
	size_t j = lab;
	struct raw dummy;
	for (; u[j]; j++) {
		unsigned char c = u[j];
		if (strchr(",;()[]:\n\r\t.?!", c))
			break;
		if (c == 0xE2 && u[j + 1] == 0x80 && (u[j + 2] == 0xA6 || u[j + 2] == 0x9D) && j > lab)
			break;                                  /* … or a closing ” */
		if (c == '"' && j > lab)
			break;
		if (c == ' ') {
			size_t k = j + 1;
			size_t w = joiner_at(t + k);
			if (w) {
				k += w;
				while (u[k] == ' ')
					k++;
			}
			if (entry_at(t, k, &dummy))
				break;
		}
	}
	if (u[lab] == '"' || u[lab] == '\'') {          /* a quoted label: keep the quote's end */
		if (u[j] == u[lab])
			j++;
	} else if (u[lab] == 0xE2 && u[j] == 0xE2 && u[j + 1] == 0x80 && u[j + 2] == 0x9D) {
		j += 3;
	}
	while (j > lab && u[j - 1] == ' ')
		j--;
	return j;
}

/* Whether T[A, B) holds only separators between two entries. */
static int only_joiners(const char *t, size_t a, size_t b)
{
	size_t i = a;
	while (i < b) {
		unsigned char c = (unsigned char)t[i];
		if (c == ' ' || c == ',' || c == ';' || c == '.') {
			i++;
			continue;
		}
		size_t w = 0;
		for (size_t k = 0; k < sizeof(joiners) / sizeof(joiners[0]) && !w; k++) {
			size_t n = strlen(joiners[k]);
			if (i + n <= b && !strncmp(t + i, joiners[k], n) &&
			    (i + n == b || !is_word_byte((unsigned char)t[i + n])))
				w = n;
		}
		if (!w)
			return 0;
		i += w;
	}
	return 1;
}

static const char *const scale_words[] = { "asteikolla", "asteikossa", "asteikko", "asteikon",
					   "skalan", "skala", "scale" };

/* A stated range before the entries: "asteikolla 1–5, jossa", "on a scale
 * of 1 to 5, where", "på en skala 1–5 där".  Returns where it starts (or
 * START when there is none) and sets *LO, *HI. */
static size_t preamble(const char *t, size_t start, long *lo, long *hi)
{
	const unsigned char *u = (const unsigned char *)t;
	for (size_t w = 0; w < sizeof(scale_words) / sizeof(scale_words[0]); w++) {
		size_t n = strlen(scale_words[w]);
		for (size_t i = start; i-- > 0;) {
			if (strncasecmp(t + i, scale_words[w], n) || (i && is_word_byte(u[i - 1])))
				continue;
			size_t j = i + n;
			while (u[j] == ' ')
				j++;
			for (const char *skip[] = { "from ", "of ", "från ", NULL }, **s = skip; *s; s++)
				if (!strncasecmp(t + j, *s, strlen(*s)))
					j += strlen(*s);
			if (!isdigit(u[j]))
				break;
			long a = strtol(t + j, NULL, 10);
			while (isdigit(u[j]))
				j++;
			while (u[j] == ' ')
				j++;
			if (u[j] == '-')
				j++;
			else if (u[j] == 0xE2 && u[j + 1] == 0x80 && (u[j + 2] == 0x93 || u[j + 2] == 0x94))
				j += 3;
			else if (!strncasecmp(t + j, "to ", 3) || !strncasecmp(t + j, "till ", 5))
				j += u[j] == 't' && u[j + 1] == 'o' ? 3 : 5;
			else
				break;
			while (u[j] == ' ')
				j++;
			if (!isdigit(u[j]))
				break;
			long b = strtol(t + j, NULL, 10);
			while (isdigit(u[j]))
				j++;
			while (u[j] == ' ' || u[j] == ',' || u[j] == ':' || u[j] == '(')
				j++;
			for (const char *rel[] = { "jossa", "missä", "där", "where", "when", NULL },
			     **s = rel; *s; s++)
				if (!strncasecmp(t + j, *s, strlen(*s))) {
					j += strlen(*s);
					break;
				}
			while (u[j] == ' ' || u[j] == ':' || u[j] == ',')
				j++;
			if (j != start || a >= b)
				break;
			*lo = a;
			*hi = b;
			/* "on a scale", "på en skala", "arvioi asteikolla" keeps its verb */
			size_t k = i;
			for (const char *pre[] = { "on a ", "on ", "på en ", "på ", NULL }, **s = pre; *s; s++) {
				size_t m = strlen(*s);
				if (k >= m && !strncasecmp(t + k - m, *s, m) &&
				    (k == m || !is_word_byte(u[k - m - 1]))) {
					k -= m;
					break;
				}
			}
			return k;
		}
	}
	return start;
}

static char *trimmed(const char *s, size_t n)
{
	while (n && (s[n - 1] == ' '))
		n--;
	while (n && *s == ' ')
		s++, n--;
	return ky_xstrndup(s, n);
}

void ky_legend_free(struct ky_legend *lg)
{
	if (!lg)
		return;
	for (size_t i = 0; i < lg->n; i++)
		free(lg->e[i].label);
	free(lg->e);
	free(lg->text);
	free(lg->header);
	free(lg);
}

/* The text without [A, B): the two sides joined, the separators left at
 * the join dropped. */
static char *cut_out(const char *t, size_t a, size_t b)
{
	size_t left = a;
	while (left && (t[left - 1] == ' ' || t[left - 1] == ',' || t[left - 1] == ';' ||
			t[left - 1] == '-'))
		left--;
	if (left >= 3 && !memcmp(t + left - 3, "\xE2\x80\x93", 3))
		left -= 3;
	while (left && t[left - 1] == ' ')
		left--;
	const char *r = t + b;
	while (*r == ' ')
		r++;
	if (!left)
		while (*r == ',' || *r == ';' || *r == '.' || *r == ' ')
			r++;
	struct ky_buf out = KY_BUF_INIT;
	char *head = ky_xstrndup(t, left);
	ky_buf_adds(&out, head);
	free(head);
	if (left && *r && !strchr(":.,;?!)", *r))
		ky_buf_addch(&out, ' ');
	ky_buf_adds(&out, r);
	return ky_buf_detach(&out, NULL);
}

struct ky_legend *ky_legend_parse(const char *t, char **stripped)
{
	*stripped = NULL;
	if (!t || (!strchr(t, '=') && !strstr(t, ": ")))
		return NULL;
	struct raw r[MAX_ENTRIES];
	size_t n = 0, i = 0, len = strlen(t);
	size_t best_n = 0;
	while (i < len) {
		struct raw e;
		if (!entry_at(t, i, &e)) {
			i++;
			continue;
		}
		e.lab_end = label_end(t, e.lab);
		/* a run goes on while codes increase and only joiners stand between */
		if (n && (n == MAX_ENTRIES || e.code <= r[n - 1].code ||
			  !only_joiners(t, r[n - 1].lab_end, e.start))) {
			if (n >= 2) {         /* the first run of two or more is the legend */
				best_n = n;
				break;
			}
			n = 0;
		}
		if (e.lab_end - e.lab <= MAX_LABEL)
			r[n++] = e;
		else
			n = 0;
		i = e.lab_end > i ? e.lab_end : i + 1;
	}
	if (!best_n && n >= 2)
		best_n = n;
	if (best_n < 2)
		return NULL;
	n = best_n;
	struct ky_legend *lg = ky_xcalloc(1, sizeof(*lg));
	lg->e = ky_xcalloc(n, sizeof(*lg->e));
	lg->n = n;
	struct ky_buf b = KY_BUF_INIT;
	long lo = 0, hi = 0;
	size_t n_subst = 0;
	for (size_t k = 0; k < n; k++) {
		struct ky_legend_entry *e = &lg->e[k];
		e->code = r[k].code;
		e->label = trimmed(t + r[k].lab, r[k].lab_end - r[k].lab);
		/* quotes around a label are not part of it */
		size_t m = strlen(e->label);
		if (m >= 2 && (e->label[0] == '"' || e->label[0] == '\'') && e->label[m - 1] == e->label[0]) {
			memmove(e->label, e->label + 1, m - 2);
			e->label[m - 2] = 0;
		} else if (m >= 6 && !memcmp(e->label, "\xE2\x80\x9C", 3) &&
			   !memcmp(e->label + m - 3, "\xE2\x80\x9D", 3)) {
			memmove(e->label, e->label + 3, m - 6);
			e->label[m - 6] = 0;
		}
		const char *norm = ky_label_normalize(&b, e->label);
		const char *bare = ky_label_strip_number(norm);
		e->nonsub = ky_label_is_nonsubstantive(norm) || (bare && ky_label_is_nonsubstantive(bare));
		if (!e->nonsub) {
			if (!n_subst || e->code < lo)
				lo = e->code;
			if (!n_subst || e->code > hi)
				hi = e->code;
			n_subst++;
		}
	}
	ky_buf_release(&b);
	size_t a = r[0].start, z = r[n - 1].lab_end;
	long plo = 0, phi = 0;
	size_t pa = preamble(t, a, &plo, &phi);
	if (pa != a && (!n_subst || (plo <= lo && phi >= hi))) {
		a = pa;
		lo = plo;
		hi = phi;
		n_subst = n_subst ? n_subst : 2;
	}
	/* enclosing parentheses go with it */
	size_t pa2 = a;
	while (pa2 && t[pa2 - 1] == ' ')
		pa2--;
	size_t z2 = z;
	while (t[z2] == ' ')
		z2++;
	if (pa2 && (t[pa2 - 1] == '(' || t[pa2 - 1] == '[') &&
	    t[z2] == (t[pa2 - 1] == '(' ? ')' : ']')) {
		a = pa2 - 1;
		z = z2 + 1;
	}
	if (n_subst < 2 || hi - lo > 10 || hi <= lo) {
		ky_legend_free(lg);
		return NULL;
	}
	lg->lo = lo;
	lg->hi = hi;
	for (long c = lo; c <= hi; c++)
		if (!ky_legend_find(lg, c))
			lg->ends_only = 1;
	lg->text = ky_xstrndup(t + a, z - a);
	lg->header = ky_xstrdup(t);
	*stripped = cut_out(t, a, z);
	return lg;
}

struct ky_legend *ky_legend_copy(const struct ky_legend *lg, const char *header)
{
	struct ky_legend *c = ky_xcalloc(1, sizeof(*c));
	*c = *lg;
	c->e = ky_xcalloc(lg->n + 1, sizeof(*c->e));
	for (size_t i = 0; i < lg->n; i++) {
		c->e[i] = lg->e[i];
		c->e[i].label = ky_xstrdup(lg->e[i].label);
	}
	c->text = ky_xstrdup(lg->text);
	c->header = ky_xstrdup(header);
	return c;
}

const struct ky_legend_entry *ky_legend_find(const struct ky_legend *lg, long code)
{
	for (size_t i = 0; lg && i < lg->n; i++)
		if (lg->e[i].code == code)
			return &lg->e[i];
	return NULL;
}

int ky_legend_equal(const struct ky_legend *a, const struct ky_legend *b)
{
	if (!a || !b)
		return a == b;
	if (a->n != b->n || a->lo != b->lo || a->hi != b->hi)
		return 0;
	struct ky_buf x = KY_BUF_INIT, y = KY_BUF_INIT;
	int same = 1;
	for (size_t i = 0; i < a->n && same; i++)
		same = a->e[i].code == b->e[i].code &&
		       !strcmp(ky_label_normalize(&x, a->e[i].label), ky_label_normalize(&y, b->e[i].label));
	ky_buf_release(&x);
	ky_buf_release(&y);
	return same;
}
