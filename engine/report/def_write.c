/* def_write.c - a survey definition from what detection found
 * (`kysely inspect --write-definition`). */
#include <stdlib.h>
#include <string.h>

#include "ky_buf.h"
#include "ky_def.h"
#include "ky_survey.h"

/* A list entry must not hold '|', start a comment with ';' or break a line;
 * and a line is kept short enough to read (KY_DEF_WRITE_WIDTH). */
static int listable(const char *s)
{
	return !strchr(s, '|') && !strchr(s, ';') && !strchr(s, '#') && !strchr(s, '\n') &&
	       !strchr(s, '\r') && strlen(s) <= 150;
}

/* KEY = the entries, continued over indented lines to stay short. */
static void put_list(struct ky_buf *out, const char *prefix, const char *key,
		     const char *const *e, size_t n)
{
	ky_buf_addf(out, "%s%s = ", prefix, key);
	size_t col = strlen(prefix) + strlen(key) + 3;
	for (size_t i = 0; i < n; i++) {
		size_t w = strlen(e[i]) + 3;
		if (i && col + w > KY_DEF_WRITE_WIDTH - 10) {
			ky_buf_addf(out, "\n%s  | ", prefix);
			col = strlen(prefix) + 4;
		} else if (i) {
			ky_buf_adds(out, " | ");
		}
		ky_buf_adds(out, e[i]);
		col += w;
	}
	ky_buf_addch(out, '\n');
}

/* A single-line text value, or NULL when it cannot be written as one. */
static const char *text_value(const char *s)
{
	return listable(s) && strlen(s) < KY_DEF_WRITE_WIDTH - 12 ? s : NULL;
}

static void put_survey(const struct ky_survey *s, const char *export, struct ky_buf *out)
{
	const char *base = strrchr(s->path, '/');
	base = base ? base + 1 : s->path;
	ky_buf_addf(out, "; Survey definition written by `kysely inspect` from %s.\n"
		    "; Edit it, then run: kysely analyze THIS-FILE.ini\n"
		    "; Lists are separated by |; long lists go on over indented lines.\n\n"
		    "[survey]\n", base);
	if (s->n_paths > 1) {       /* EXPORT: one per audience, joined by " | " */
		char *copy = ky_xstrdup(export), **e = calloc(s->n_paths + 1, sizeof(*e));
		size_t n = 0;
		for (char *q = copy; q && n < s->n_paths;) {
			e[n++] = q;
			q = strstr(q, " | ");
			if (q) {
				*q = 0;
				q += 3;
			}
		}
		put_list(out, "", "exports", (const char *const *)e, n);
		free(e);
		free(copy);
	} else {
		ky_buf_addf(out, "export = %s\n", export);
	}
	ky_buf_addf(out, "title = %.*s\n; round = 2024\n"
		    "; population = 0            ; how many were invited\n"
		    "lang = fi\n", (int)strcspn(base, "."), base);
	if (s->n_paths > 1 && s->audience && s->audience->n == s->n_paths) {
		int ok = 1;    /* one per export, in their order */
		for (size_t a = 0; a < s->audience->n; a++)
			ok &= listable(s->audience->name[a]);
		if (ok)
			put_list(out, "", "audiences", (const char *const *)s->audience->name,
				 s->audience->n);
	}
	const char **g = calloc(s->n_groupings + 1, sizeof(*g));
	for (size_t i = 0; i < s->n_groupings; i++)
		g[i] = s->col[s->grouping[i].column].id;
	if (s->n_groupings)
		put_list(out, "", "group", g, s->n_groupings);
	else
		ky_buf_adds(out, "; group = Q3                ; background column(s) to compare by\n");
	free(g);
	ky_buf_addf(out, "min_n = %u\n", s->min_n);
	if (s->header_rows > 1)
		ky_buf_addf(out, "header_rows = %u\n", s->header_rows);
	const char **ig = calloc(s->n_columns + 1, sizeof(*ig));
	size_t n_ig = 0;
	for (size_t i = 0; i < s->n_columns; i++)
		if (s->col[i].type == KY_COL_METADATA)
			ig[n_ig++] = s->col[i].id;
	if (n_ig)
		put_list(out, "", "ignore", ig, n_ig);
	free(ig);
}

static int same_scale(const struct ky_scale *a, const struct ky_scale *b)
{
	if (strcmp(a->id, b->id) || a->n_levels != b->n_levels)
		return 0;
	for (size_t k = 0; k < a->n_levels; k++)
		if (strcmp(a->label[k], b->label[k]))
			return 0;
	return 1;
}

/* [scale] for a labelled block scale (numbers need none: detected). */
static void put_scale(const struct ky_survey *s, const struct ky_block *b, struct ky_buf *out)
{
	const struct ky_column *c = &s->col[b->items[0]];
	ky_buf_addf(out, "\n[scale %s]\nkind = %s\n", c->scale.id,
		    c->scale.polarity == KY_BIPOLAR ? "bipolar" : "unipolar");
	put_list(out, "", "labels", (const char *const *)c->scale.label, c->scale.n_levels);
	const char **ns = calloc(64, sizeof(*ns));
	size_t n = 0;
	for (size_t i = 0; i < b->n_items; i++) {
		const struct ky_column *ci = &s->col[b->items[i]];
		for (size_t k = 0; k < ci->n_nonsub && n < 63; k++) {
			int dup = !listable(ci->nonsub_label[k]);
			for (size_t j = 0; j < n && !dup; j++)
				dup = !strcmp(ns[j], ci->nonsub_label[k]);
			if (!dup)
				ns[n++] = ci->nonsub_label[k];
		}
	}
	if (n)
		put_list(out, "", "nonsubstantive", ns, n);
	free(ns);
}

static int labels_listable(const struct ky_scale *sc)
{
	for (size_t k = 0; k < sc->n_levels; k++)
		if (!listable(sc->label[k]))
			return 0;
	return 1;
}

static void put_blocks(const struct ky_survey *s, struct ky_buf *out)
{
	for (size_t i = 0; i < s->n_blocks; i++) {
		const struct ky_block *b = &s->block[i];
		const struct ky_column *c = &s->col[b->items[0]];
		int labelled = c->type == KY_COL_SCALE && labels_listable(&c->scale);
		int first_use = labelled;
		for (size_t j = 0; j < i && first_use; j++) {
			const struct ky_column *cj = &s->col[s->block[j].items[0]];
			first_use = !(cj->type == KY_COL_SCALE && same_scale(&cj->scale, &c->scale));
		}
		if (first_use)
			put_scale(s, b, out);
		ky_buf_addf(out, "\n[block %s]\n", b->id);
		if (b->title && text_value(b->title))
			ky_buf_addf(out, "title = %s\n", b->title);
		if (labelled)
			ky_buf_addf(out, "scale = %s\n", c->scale.id);
		const char **ids = calloc(b->n_items + 1, sizeof(*ids)),
			   **rev = calloc(b->n_items + 1, sizeof(*rev));
		size_t n_rev = 0;
		for (size_t j = 0; j < b->n_items; j++) {
			ids[j] = s->col[b->items[j]].id;
			if (s->col[b->items[j]].reversed)
				rev[n_rev++] = ids[j];
		}
		put_list(out, "", "items", ids, b->n_items);
		if (n_rev)
			put_list(out, "", "reverse", rev, n_rev);
		else
			ky_buf_adds(out, "; reverse = (reverse-keyed items, for reliability)\n");
		free(ids);
		free(rev);
	}
}

/* Categorical columns that share one set of 2-11 labels: one candidate
 * scale, written commented out (the order is not known). */
static void put_candidates(const struct ky_survey *s, struct ky_buf *out)
{
	unsigned char *done = calloc(s->n_columns + 1, 1);
	size_t n_cand = 0;
	for (size_t i = 0; i < s->n_columns; i++) {
		const struct ky_column *c = &s->col[i];
		if (done[i] || c->type != KY_COL_CATEGORICAL || c->scale.n_levels < 2 ||
		    c->scale.n_levels > 11 || !labels_listable(&c->scale))
			continue;
		const char **ids = calloc(s->n_columns + 1, sizeof(*ids));
		size_t n = 0;
		for (size_t j = i; j < s->n_columns; j++) {
			const struct ky_column *cj = &s->col[j];
			if (done[j] || cj->type != KY_COL_CATEGORICAL ||
			    cj->scale.n_levels != c->scale.n_levels)
				continue;
			int same = 1;
			for (size_t k = 0; k < c->scale.n_levels && same; k++) {
				same = 0;
				for (size_t m = 0; m < cj->scale.n_levels && !same; m++)
					same = !strcmp(c->scale.label[k], cj->scale.label[m]);
			}
			if (same) {
				done[j] = 1;
				ids[n++] = cj->id;
			}
		}
		if (n >= 2) {
			n_cand++;
			ky_buf_addf(out, "\n; Candidate scale: %zu columns share these labels. Put the "
				    "labels in order,\n; lowest first, and remove the ; to analyse "
				    "them as one scale.\n; [scale candidate%zu]\n; kind = unipolar\n",
				    n, n_cand);
			put_list(out, "; ", "labels", (const char *const *)c->scale.label,
				 c->scale.n_levels);
			ky_buf_addf(out, "; [block candidate%zu]\n; scale = candidate%zu\n", n_cand,
				    n_cand);
			put_list(out, "; ", "items", ids, n);
		}
		free(ids);
	}
	free(done);
}

void ky_def_write(const struct ky_survey *s, const char *export, struct ky_buf *out)
{
	put_survey(s, export, out);
	put_blocks(s, out);
	put_candidates(s, out);
}
