/* forms.c - personal data out of the model, and Microsoft Forms' fixed
 * columns recognised by position and content.
 *
 * Columns holding e-mail addresses, names, IP addresses or respondent ids
 * are dropped at ingestion: those found by their header are never counted;
 * those found only by position (the Forms block ID, Start time, Completion
 * time, Email, Name, in any UI language) or by content (cells that are
 * e-mail or IP addresses) lose their counted texts right after the pass,
 * before anything is classified.  What was dropped and why stays in
 * s->dropped for summary.json. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/dict_int.h"
#include "ky_buf.h"
#include "count/survey_int.h"

static const char *const EMAIL_W[] = { "email", "e-mail", "email address", "e-mail address",
				       "sähköposti", "sähköpostiosoite", "e-post",
				       "e-postadress", "respondent email", NULL };
static const char *const NAME_W[] = { "name", "nimi", "namn", "full name", "first name",
				      "last name", "etunimi", "sukunimi", "vastaajan nimi",
				      "förnamn", "efternamn", "respondent name", NULL };
static const char *const IP_W[] = { "ip address", "ip-osoite", "ipaddr", "ip", "ip-adress", NULL };
static const char *const ID_W[] = { "id", "respondent id", "respondentid", "respondent number",
				    "response id", "responseid", "vastaajanumero",
				    "vastaajan numero", "vastaajatunnus", "vastaajan tunnus",
				    "vastaus id", "vastaustunnus", "tunnus", "tunniste", "svars-id",
				    NULL };

static void drop(struct ky_survey *s, size_t col, const char *why)
{
	struct ky_column *c = &s->col[col];
	if (c->dropped)
		return;
	c->dropped = why;
	s->dropped = ky_xrealloc(s->dropped, (s->n_dropped + 1) * sizeof(*s->dropped));
	s->dropped[s->n_dropped++] = col;
}

void ky_personal_by_header(struct ky_survey *s)
{
	struct ky_buf b = KY_BUF_INIT;
	for (size_t i = 0; i < s->n_columns; i++) {
		if (s->col[i].type == KY_COL_GROUP)
			continue;
		size_t len = ky_word_key(&b, s->col[i].header);
		if (ky_word_is(b.buf, len, EMAIL_W))
			drop(s, i, "e-mail address (personal data, by its header)");
		else if (ky_word_is(b.buf, len, NAME_W))
			drop(s, i, "name (personal data, by its header)");
		else if (ky_word_is(b.buf, len, IP_W))
			drop(s, i, "IP address (personal data, by its header)");
		else if (ky_word_is(b.buf, len, ID_W))
			drop(s, i, "respondent id (personal data, by its header)");
	}
	ky_buf_release(&b);
}

static int is_email(const char *v)
{
	const char *at = strchr(v, '@');
	if (!at || at == v || strchr(at + 1, '@') || strpbrk(v, " \t;,"))
		return 0;
	const char *dot = strrchr(at, '.');
	return dot && dot > at + 1 && dot[1];
}

static int is_anonymous(const char *v)
{
	return !strcmp(v, "anonymous") || !strcmp(v, "Anonymous") || !strcmp(v, "anonyymi") ||
	       !strcmp(v, "Anonyymi") || !strcmp(v, "anonym");
}

static int is_ipv4(const char *v)
{
	int parts = 0, digits = 0;
	for (const char *p = v;; p++) {
		if (isdigit((unsigned char)*p)) {
			if (++digits > 3)
				return 0;
		} else if ((*p == '.' || !*p) && digits) {
			parts++;
			digits = 0;
			if (!*p)
				break;
		} else {
			return 0;
		}
	}
	return parts == 4;
}

/* A date or time: digits with '-' '.' or '/' and a ':' (ISO text from XLSX
 * cells, Forms' US-locale CSV copies, Finnish d.m.yyyy H:mm). */
static int is_timestamp(const char *v)
{
	if (!isdigit((unsigned char)v[0]))
		return 0;
	return (strchr(v, '-') || strchr(v, '.') || strchr(v, '/')) && strchr(v, ':');
}

static int is_integer(const char *v)
{
	if (!*v)
		return 0;
	for (const char *p = v; *p; p++)
		if (!isdigit((unsigned char)*p))
			return 0;
	return 1;
}

/* Share of column C's respondents (slot 0) whose text passes TEST; 0 with
 * no answers. */
static double share(const struct ky_column *c, int (*test)(const char *), uint64_t *answered)
{
	const struct ky_dict *d = c->values;
	uint64_t yes = 0, all = 0;
	for (size_t v = 0; v < d->n; v++) {
		uint64_t n = c->slot_cap && v < c->slot[0].cap ? c->slot[0].count[v] : 0;
		all += n;
		if (test(d->str[v]))
			yes += n;
	}
	if (answered)
		*answered = all + c->n_overflow;
	return all ? (double)yes / (double)(all + c->n_overflow) : 0;
}

static int email_or_anonymous(const char *v)
{
	return is_email(v) || is_anonymous(v);
}

/* Forgets what was counted of column C. */
static void forget(struct ky_column *c)
{
	ky_dict_release(c->values);
	ky_dict_init(c->values);
	free(c->first_line);
	c->first_line = NULL;
	for (size_t i = 0; i < c->slot_cap; i++) {
		uint64_t n = 0;
		for (size_t v = 0; v < c->slot[i].cap; v++)
			n += c->slot[i].count[v];
		free(c->slot[i].count);
		c->slot[i].count = NULL;
		c->slot[i].cap = 0;
		c->slot[i].n_missing += n;
	}
	c->n_overflow = 0;
}

void ky_personal_by_content(struct ky_survey *s)
{
	/* Microsoft Forms' fixed block, in any language: an integer id, two
	 * timestamps, then Email and Name */
	if (s->n_columns >= 5 && share(&s->col[1], is_timestamp, NULL) >= 0.9 &&
	    share(&s->col[2], is_timestamp, NULL) >= 0.9 &&
	    (s->col[0].dropped || share(&s->col[0], is_integer, NULL) >= 0.9)) {
		uint64_t n3, n4;
		double e3 = share(&s->col[3], email_or_anonymous, &n3);
		share(&s->col[4], is_anonymous, &n4);
		if (s->col[3].dropped || e3 >= 0.9 || n3 == 0) {
			if (s->col[0].type != KY_COL_GROUP)
				drop(s, 0, "respondent id (Microsoft Forms' first column)");
			if (s->col[3].type != KY_COL_GROUP)
				drop(s, 3, "e-mail address (Microsoft Forms' fourth column)");
			if (s->col[4].type != KY_COL_GROUP)
				drop(s, 4, "name (Microsoft Forms' fifth column)");
		}
	}
	for (size_t i = 0; i < s->n_columns; i++) {
		struct ky_column *c = &s->col[i];
		if (c->type == KY_COL_GROUP || c->dropped)
			continue;
		uint64_t n;
		if (share(c, is_email, &n) >= 0.5 && n)
			drop(s, i, "e-mail addresses (personal data, by content)");
		else if (share(c, is_ipv4, &n) >= 0.9 && n)
			drop(s, i, "IP addresses (personal data, by content)");
	}
	for (size_t k = 0; k < s->n_dropped; k++)
		forget(&s->col[s->dropped[k]]);
}
