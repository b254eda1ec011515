/* text.c - the words of open answers (ky_text.h): a tokenizer, a guess of
 * the language, stop words, and Voikko's and Snowball's analyses of each
 * distinct word form, kept in a bounded cache. */
#include "ky_text.h"

#include <libstemmer.h>
#include <libvoikko/voikko.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "base/dict_int.h"
#include "base/dynlib_int.h"

/* Voikko and libstemmer are opened on the first open answers
 * (ky_dynlib_load), not linked: a run without open answers does not load
 * them nor Voikko's dictionary. */
#define VOIKKO_FUNCS(F) \
	F(voikkoInit) F(voikkoTerminate) F(voikkoAnalyzeWordCstr) F(voikko_free_mor_analysis) \
	F(voikko_mor_analysis_value_cstr) F(voikko_free_mor_analysis_value_cstr)
#define STEM_FUNCS(F) F(sb_stemmer_new) F(sb_stemmer_delete) F(sb_stemmer_stem) F(sb_stemmer_length)
static struct {
#define SLOT(f) __typeof__(f) *f;
	VOIKKO_FUNCS(SLOT)
	STEM_FUNCS(SLOT)
#undef SLOT
} lib;
#define SYM(f) { #f, (void **)&lib.f },
static const struct ky_dynsym voikko_syms[] = { VOIKKO_FUNCS(SYM) };
static const struct ky_dynsym stem_syms[] = { STEM_FUNCS(SYM) };
#undef SYM
#ifndef KY_SONAME_VOIKKO              /* the Makefile passes the build's sonames */
#define KY_SONAME_VOIKKO "libvoikko.so.1"
#endif
#ifndef KY_SONAME_STEMMER
#define KY_SONAME_STEMMER "libstemmer.so.0d"
#endif
static const char *const voikko_names[] = { KY_SONAME_VOIKKO, "libvoikko.so.1", "libvoikko.so",
					    NULL };
static const char *voikko_env[2];   /* KYSELY_VOIKKO_LIB: only this one */
static const char *const stem_names[] = { KY_SONAME_STEMMER, "libstemmer.so.0d", "libstemmer.so.0",
					  "libstemmer.so", NULL };
static struct ky_dynlib voikko_lib = { "Voikko", "libvoikko1 (and voikko-fi)", voikko_names, voikko_syms,
				       sizeof(voikko_syms) / sizeof(voikko_syms[0]), 0, "" };
static struct ky_dynlib stem_lib = { "libstemmer (Snowball)", "libstemmer0d", stem_names,
				     stem_syms, sizeof(stem_syms) / sizeof(stem_syms[0]), 0, "" };

/* ---- stop words ------------------------------------------------------- */

/* Finnish: base forms as Voikko gives them, and colloquial forms it does
 * not know. */
static const char *const stop_fi[] = {
	"ei", "olla", "voida", "ja", "tai", "sekä", "eli", "että", "kun", "jos", "mutta", "vaan",
	"koska", "kuin", "niin", "myös", "vain", "jo", "vielä", "nyt", "sitten", "siis",
	"kuitenkin", "aina", "ehkä", "minä", "sinä", "hän", "me", "te", "he", "se", "ne", "tämä",
	"tuo", "nämä", "nuo", "joka", "mikä", "kuka", "itse", "oma", "muu", "kaikki", "jokin",
	"joku", "mikään", "kukaan", "moni", "paljon", "kovin", "erittäin", "todella", "tosi",
	"melko", "hieman", "ihan", "aivan", "juuri", "kyllä", "joo", "näin", "noin", "siellä",
	"täällä", "tässä", "siinä", "missä", "miten", "miksi", "milloin", "kuinka", "koko",
	"jokainen", "kanssa", "mukaan", "kautta", "takia", "vuoksi", "avulla", "osalta",
	"välillä", "lisäksi", "jälkeen", "ennen", "aikana", "asti", "saakka", "yli", "alla",
	"myöskin", "enemmän", "eniten", "vähemmän", "mm", "esim", "ym", "yms", "jne", "ns",
	"mä", "sä", "mun", "sun", "mulle", "sulle", "mulla", "sulla", "multa", "tää", "toi",
	"noi", "sit", "kans", "ku", "ois", "niinku", "vaa", "tosiaan", "siten", "sillä",
	"jotta", "jotka", "joita", "joiden", "mitä", "siitä", "sen", "sitä", "eikä", "ettei",
	"kuten", "ilman", "sekin", "tämäkin", "ollut", "olisi", "oli", "ovat", "ole", "on",
	"kyseinen", "eri", "yksi", "kaksi", "tulla", "liika", "pitää", "täytyä",
};
static const char *const stop_sv[] = {
	"och", "i", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till", "den",
	"har", "de", "inte", "om", "ett", "han", "men", "var", "jag", "sig", "från", "vi", "så",
	"kan", "man", "när", "också", "efter", "eller", "nu", "sin", "där", "vid", "mot", "ska",
	"skulle", "kunde", "blev", "bli", "blir", "få", "får", "fick", "ha", "hade", "hon",
	"honom", "henne", "hans", "hennes", "dem", "deras", "denna", "detta", "dessa", "vara",
	"varit", "mycket", "mer", "mest", "bara", "alla", "allt", "andra", "annat", "någon",
	"något", "några", "inga", "ingen", "inget", "hur", "vad", "vem", "vilken", "vilket",
	"vilka", "varför", "här", "då", "sedan", "än", "samt", "utan", "under", "över",
	"mellan", "genom", "hos", "åt", "ut", "upp", "in", "ner", "ju", "väl", "nog", "jo", "ja",
	"nej", "min", "mitt", "mina", "din", "ditt", "dina", "vår", "vårt", "våra", "er", "ert",
	"era", "oss", "mig", "dig", "du", "ni", "sina", "sitt", "själv", "alltid", "aldrig",
	"redan", "fortfarande", "väldigt", "ganska", "lite", "även", "eftersom", "både", "varje",
	"sådan", "sådant", "sådana", "finns", "är", "gör", "göra", "gjorde", "kommer", "måste",
	"vill", "skall", "dock", "dvs", "bl", "a", "t", "ex",
};
static const char *const stop_en[] = {
	"a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for",
	"with", "about", "as", "from", "into", "than", "then", "so", "too", "very", "is", "are",
	"was", "were", "be", "been", "being", "am", "do", "does", "did", "done", "have", "has",
	"had", "having", "i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your",
	"yours", "he", "him", "his", "she", "her", "hers", "it", "its", "they", "them", "their",
	"theirs", "this", "that", "these", "those", "there", "here", "what", "which", "who",
	"whom", "whose", "when", "where", "why", "how", "not", "no", "nor", "can", "could",
	"will", "would", "shall", "should", "may", "might", "must", "also", "just", "only",
	"all", "any", "some", "more", "most", "other", "such", "own", "same", "each", "both",
	"few", "out", "up", "down", "over", "under", "again", "further", "once", "i'm", "it's",
	"don't", "didn't", "doesn't", "can't", "won't", "isn't", "wasn't", "aren't", "i've",
	"i'd", "we're", "they're", "there's", "that's", "really", "quite", "much", "many",
	"get", "got", "because", "while", "during", "before", "after", "above", "below",
	"between", "through", "off", "yes", "yet", "still", "always", "never", "even", "every",
	"etc", "e.g", "eg", "ie", "something", "anything", "nothing", "lot", "lots", "bit",
};

/* Function words that tell the languages apart (none shared). */
static const char *const fn_fi[] = { "ja", "on", "ei", "että", "oli", "se", "ole", "kun",
				     "mutta", "myös", "olisi", "ovat", "tai", "jos", "niin",
				     "hyvin", "erittäin", "todella", "kiitos", "minä", "olen",
				     "ollut", "sekä", "vaan", "kuin", "eikä", "joka", NULL };
static const char *const fn_sv[] = { "och", "är", "att", "det", "inte", "jag", "som", "har",
				     "för", "med", "på", "till", "var", "av", "mycket", "bra",
				     "tack", "vi", "de", "den", "ett", "kan", "när", "också",
				     "hade", "skulle", "bara", NULL };
static const char *const fn_en[] = { "the", "and", "is", "to", "of", "was", "it", "not",
				     "with", "for", "very", "are", "have", "this", "that",
				     "good", "thanks", "thank", "you", "we", "they", "be",
				     "but", "would", "could", "my", "were", NULL };

/* ---- the analyser ----------------------------------------------------- */

struct winfo {
	unsigned flags;
	size_t lemma;                /* offset into lemmas, or (size_t)-1: none */
};

struct ky_text {
	int loaded, has_voikko;
	struct VoikkoHandle *voikko;
	struct sb_stemmer *stem[3];  /* by enum ky_lang */
	struct ky_dict stop[3];
	struct ky_dict words;        /* cache: word forms analysed */
	struct winfo *info;
	size_t info_cap;
	struct ky_buf lemmas;        /* NUL-terminated base forms */
	struct ky_buf lower, tmp;
	size_t spare_mark;           /* lemmas.len before an uncached analysis */
	size_t cache_max;            /* word forms cached at most */
};

struct ky_text *ky_text_new(void)
{
	struct ky_text *t = ky_xcalloc(1, sizeof(*t));
	t->cache_max = KY_TEXT_CACHE_MAX;
	ky_dict_init(&t->words);
	for (int l = 0; l < 3; l++)
		ky_dict_init(&t->stop[l]);
	ky_buf_init(&t->lemmas);
	ky_buf_init(&t->lower);
	ky_buf_init(&t->tmp);
	return t;
}

void ky_text_free(struct ky_text *t)
{
	if (!t)
		return;
	if (t->voikko)
		lib.voikkoTerminate(t->voikko);
	for (int l = 0; l < 3; l++) {
		if (t->stem[l])
			lib.sb_stemmer_delete(t->stem[l]);
		ky_dict_release(&t->stop[l]);
	}
	ky_dict_release(&t->words);
	free(t->info);
	ky_buf_release(&t->lemmas);
	ky_buf_release(&t->lower);
	ky_buf_release(&t->tmp);
	free(t);
}

void ky_text_set_cache_max(struct ky_text *t, size_t max)
{
	t->cache_max = max;
}

size_t ky_text_cache_bytes(const struct ky_text *t)
{
	size_t n = t->lemmas.len + t->info_cap * sizeof(*t->info);
	for (size_t i = 0; i < t->words.n; i++)
		n += t->words.len[i] + 1;
	return n;
}

int ky_text_has_voikko(const struct ky_text *t)
{
	return t->has_voikko;
}

int ky_text_load(struct ky_text *t, int need_voikko, const char *path, struct ky_error *err)
{
	if (t->loaded)
		return need_voikko && !t->has_voikko
			? ky_error_set(err, KY_ERR_TOOL, path, 0, 0,
				       "masking names in open answers needs Voikko with its Finnish "
				       "dictionary: install the packages libvoikko1 and voikko-fi, or "
				       "run with --no-mask")
			: 0;
	const char *env = getenv("KYSELY_VOIKKO_LIB");   /* a Voikko installed elsewhere */
	if (env && *env && !voikko_lib.state) {
		voikko_env[0] = env;
		voikko_lib.sonames = voikko_env;
	}
	if (ky_dynlib_load(&stem_lib, path, "open answers (their terms)", err) < 0)
		return -1;
	static const char *const algo[3] = { "finnish", "swedish", "english" };
	for (int l = 0; l < 3; l++) {
		t->stem[l] = lib.sb_stemmer_new(algo[l], "UTF_8");
		if (!t->stem[l])
			return ky_error_set(err, KY_ERR_TOOL, path, 0, 0,
					    "libstemmer has no %s stemmer: install the package "
					    "libstemmer0d", algo[l]);
	}
	static const char *const *const stops[3] = { stop_fi, stop_sv, stop_en };
	static const size_t n_stops[3] = { sizeof(stop_fi) / sizeof(*stop_fi),
					   sizeof(stop_sv) / sizeof(*stop_sv),
					   sizeof(stop_en) / sizeof(*stop_en) };
	for (int l = 0; l < 3; l++)
		for (size_t i = 0; i < n_stops[l]; i++) {
			int added;
			ky_dict_intern(&t->stop[l], stops[l][i], strlen(stops[l][i]), &added);
		}
	struct ky_error verr;
	ky_error_clear(&verr);
	if (ky_dynlib_load(&voikko_lib, path, "open answers (names and base forms)", &verr) == 0) {
		const char *why = NULL;
		t->voikko = lib.voikkoInit(&why, "fi", NULL);
		if (!t->voikko && need_voikko)
			return ky_error_set(err, KY_ERR_TOOL, path, 0, 0,
					    "masking names in open answers needs Voikko's Finnish "
					    "dictionary (%s): install the package voikko-fi, or run "
					    "with --no-mask", why ? why : "not found");
	} else if (need_voikko) {
		*err = verr;
		ky_buf_reset(&t->tmp);
		ky_buf_addf(&t->tmp, "%s, or run with --no-mask", err->msg);
		snprintf(err->msg, sizeof(err->msg), "%s", t->tmp.buf);
		return -1;
	}
	t->has_voikko = t->voikko != NULL;
	t->loaded = 1;
	return 0;
}

/* ---- characters -------------------------------------------------------- */

static size_t next_cp(const char *s, size_t n, size_t i, int32_t *cp)
{
	utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
					      (utf8proc_ssize_t)(n - i), cp);
	if (k <= 0) {
		*cp = -1;
		return 1;
	}
	return (size_t)k;
}

static int is_letter(int32_t cp)
{
	if (cp < 0)
		return 0;
	if (cp < 128)
		return (cp | 32) >= 'a' && (cp | 32) <= 'z';
	utf8proc_category_t c = utf8proc_category(cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_MN) ||
	       c == UTF8PROC_CATEGORY_MC;
}

static int is_digit(int32_t cp)
{
	return cp >= 0 && (cp < 128 ? cp >= '0' && cp <= '9'
				    : utf8proc_category(cp) == UTF8PROC_CATEGORY_ND);
}

void ky_text_lower(struct ky_buf *out, const char *w, size_t len)
{
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)w[i];
		if (c < 128) {
			ky_buf_addch(out, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c));
			i++;
			continue;
		}
		int32_t cp;
		size_t k = next_cp(w, len, i, &cp);
		if (cp < 0) {
			ky_buf_add(out, w + i, k);
		} else {
			utf8proc_uint8_t b[4];
			ky_buf_add(out, b, (size_t)utf8proc_encode_char(utf8proc_tolower(cp), b));
		}
		i += k;
	}
}

/* ---- words ------------------------------------------------------------- */

static int abbreviation(const char *w, size_t len)
{
	static const char *const ab[] = { "dr", "tri", "mr", "mrs", "ms", "prof", "esim", "ns",
					  "mm", "yms", "jne", "st", "ym", "ca", "n", "vs", "bl",
					  "t", "ex", "e", "g", "i", "etc", "klo", NULL };
	if (len == 1)
		return 1;   /* an initial: "M. Virtanen" */
	for (size_t i = 0; ab[i]; i++)
		if (strlen(ab[i]) == len && !strncasecmp(ab[i], w, len))
			return 1;
	return 0;
}

size_t ky_text_words(const char *s, const char *const *skip, struct ky_word **words,
		     size_t *cap)
{
	size_t n = 0, len = strlen(s), i = 0;
	int boundary = 1, tight = 0;
	while (i < len) {
		if (s[i] == '[' && skip) {
			size_t k = 0;
			for (; skip[k]; k++)
				if (!strncmp(s + i, skip[k], strlen(skip[k])))
					break;
			if (skip[k]) {
				i += strlen(skip[k]);
				tight = 0;
				continue;
			}
		}
		int32_t cp;
		size_t k = next_cp(s, len, i, &cp);
		if (!is_letter(cp) && !is_digit(cp)) {
			if (cp == '.' || cp == '!' || cp == '?' || cp == '\n' || cp == ';' ||
			    cp == 0x2022 /* • */) {
				if (!(cp == '.' && n && !boundary &&
				      words[0][n - 1].off + words[0][n - 1].len == i &&
				      abbreviation(s + words[0][n - 1].off, words[0][n - 1].len)))
					boundary = 1;
			}
			if (cp != ' ')   /* a tab separates as a comma does */
				tight = 0;
			i += k;
			continue;
		}
		struct ky_word w = { .off = i, .sentence_start = boundary,
				     .tight_prev = n && tight };
		w.upper = cp >= 0 && utf8proc_isupper(cp);
		int lower_seen = 0, letters = 0;
		size_t j = i;
		for (;;) {
			int32_t c;
			size_t kk = next_cp(s, len, j, &c);
			if (is_letter(c)) {
				letters++;
				lower_seen |= !utf8proc_isupper(c);
			} else if (is_digit(c)) {
				w.digit = 1;
			} else if (c == '-' || c == '\'' || c == 0x2019) {
				int32_t d;
				if (j + kk >= len)
					break;
				next_cp(s, len, j + kk, &d);
				if (!is_letter(d) && !is_digit(d))
					break;
			} else {
				break;
			}
			j += kk;
			if (j >= len)
				break;
		}
		w.len = j - i;
		w.all_upper = letters > 1 && !lower_seen;
		if (n == *cap)
			ky_xgrow((void **)words, cap, n + 1, sizeof(**words));
		words[0][n++] = w;
		boundary = 0;
		tight = 1;
		i = j;
	}
	return n;
}

/* ---- the language of an answer ------------------------------------------ */

/* The function words as one dict: id -> the languages it belongs to. */
static struct ky_dict fn_dict;
static unsigned char *fn_lang;
static pthread_once_t fn_once = PTHREAD_ONCE_INIT;

static void fn_init(void)
{
	static const char *const *const lists[3] = { fn_fi, fn_sv, fn_en };
	ky_dict_init(&fn_dict);
	fn_lang = ky_xcalloc(128, 1);
	for (int l = 0; l < 3; l++)
		for (size_t i = 0; lists[l][i]; i++) {
			int added;
			size_t id = ky_dict_intern(&fn_dict, lists[l][i], strlen(lists[l][i]), &added);
			fn_lang[id] |= (unsigned char)(1u << l);
		}
}

enum ky_lang ky_text_guess_lang(const char *s, enum ky_lang def)
{
	pthread_once(&fn_once, fn_init);
	int hits[3] = { 0, 0, 0 }, n_words = 0;
	char low[16];
	/* words of 1-12 ASCII or Nordic letters, lower-cased by hand: the
	 * function words are all such */
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		if (!((*p | 32) >= 'a' && (*p | 32) <= 'z') && *p < 0xC3) {
			p++;
			continue;
		}
		size_t n = 0;
		int ok = 1;
		const unsigned char *q = p;
		while (*q && (((*q | 32) >= 'a' && (*q | 32) <= 'z') || *q >= 0x80)) {
			if (n + 2 >= sizeof(low))
				ok = 0;
			else if (*q < 0x80)
				low[n++] = (char)(*q | 32);
			else if (*q == 0xC3 && q[1] >= 0x80 && q[1] <= 0xBF) {   /* Ä Ö Å -> ä ö å */
				low[n++] = (char)0xC3;
				low[n++] = (char)(q[1] >= 0x80 && q[1] <= 0x9E ? q[1] + 0x20 : q[1]);
				q++;
			} else
				ok = 0;
			q++;
		}
		n_words++;
		if (ok && n) {
			size_t id = ky_dict_find(&fn_dict, low, n);
			if (id != (size_t)-1)
				for (int l = 0; l < 3; l++)
					hits[l] += (fn_lang[id] >> l) & 1;
		}
		p = q;
	}
	/* two function words of another language, more than of DEF's; in an
	 * answer of at most five words one is enough ("Bra personal.") */
	enum ky_lang best = def;
	for (int l = 0; l < 3; l++)
		if ((hits[l] >= 2 || (hits[l] == 1 && n_words <= 5)) && hits[l] > hits[best])
			best = (enum ky_lang)l;
	return best;
}

/* ---- Voikko ------------------------------------------------------------- */

/* Common Finnish surnames that Voikko (voikko-fi 2.5) knows only as a place
 * or an ordinary word: a reading with one of these base forms counts as a
 * surname too (Niemiselle, Salolle; Lahti and Koski, towns and words far
 * more often than names here, are left out). */
static int extra_surname(const char *base)
{
	static const char *const sur[] = { "nieminen", "mäkelä", "salo", "mikkola", "peltola",
					   "salmi", "rinne", "kärki", "kokko", "tuomi", "mäkipää",
					   NULL };
	for (size_t i = 0; sur[i]; i++)
		if ((base[0] | 32) == sur[i][0] && !strcmp(base + 1, sur[i] + 1))
			return 1;
	return 0;
}

static void analyse(struct ky_text *t, const char *w, struct winfo *out)
{
	out->flags = 0;
	out->lemma = (size_t)-1;
	if (!t->voikko)
		return;
	struct voikko_mor_analysis **a = lib.voikkoAnalyzeWordCstr(t->voikko, w);
	size_t first_other = (size_t)-1, first_any = (size_t)-1, first_place = (size_t)-1;
	for (size_t k = 0; a && a[k]; k++) {
		char *cls = lib.voikko_mor_analysis_value_cstr(a[k], "CLASS");
		unsigned f = 0;
		if (!cls)
			f = KY_WF_OTHER | KY_WF_NONVERB;
		else if (!strcmp(cls, "etunimi"))
			f = KY_WF_FIRST;
		else if (!strcmp(cls, "sukunimi"))
			f = KY_WF_SUR;
		else if (!strcmp(cls, "paikannimi"))
			f = KY_WF_PLACE;
		else if (!strcmp(cls, "lukusana"))
			f = KY_WF_OTHER | KY_WF_NUMBER | KY_WF_NONVERB;
		else if (!strcmp(cls, "teonsana"))
			f = KY_WF_OTHER | KY_WF_VERB;
		else if (!strcmp(cls, "seikkasana") || !strcmp(cls, "asemosana") ||
			 !strcmp(cls, "sidesana") || !strcmp(cls, "suhdesana") ||
			 !strcmp(cls, "huudahdussana") || !strcmp(cls, "kieltosana"))
			f = KY_WF_OTHER | KY_WF_FUNCTION | KY_WF_NONVERB;
		else if (!strcmp(cls, "nimisana"))
			f = KY_WF_OTHER | KY_WF_NONVERB | KY_WF_NOUN;
		else if (!strcmp(cls, "laatusana") || !strcmp(cls, "nimisana_laatusana"))
			f = KY_WF_OTHER | KY_WF_NONVERB | KY_WF_ADJ;
		else
			f = KY_WF_OTHER | KY_WF_NONVERB;
		if (cls)
			lib.voikko_free_mor_analysis_value_cstr(cls);
		if (!(f & (KY_WF_FIRST | KY_WF_SUR))) {   /* a surname Voikko misses */
			char *b = lib.voikko_mor_analysis_value_cstr(a[k], "BASEFORM");
			if (b && extra_surname(b))
				f |= KY_WF_SUR;
			if (b)
				lib.voikko_free_mor_analysis_value_cstr(b);
		}
		if (f & (KY_WF_PLACE | KY_WF_FIRST | KY_WF_SUR)) {
			char *cs = lib.voikko_mor_analysis_value_cstr(a[k], "SIJAMUOTO");
			if (cs && (!strcmp(cs, "sisaolento") || !strcmp(cs, "sisaeronto") ||
				   !strcmp(cs, "sisatulento")))
				f |= KY_WF_LOCAL;
			if (cs && !strcmp(cs, "ulkotulento") && (f & (KY_WF_FIRST | KY_WF_SUR)))
				f |= KY_WF_ALLATIVE;
			if (cs && !strcmp(cs, "nimento") && (f & (KY_WF_FIRST | KY_WF_SUR)))
				f |= KY_WF_NOMINATIVE;
			if (cs)
				lib.voikko_free_mor_analysis_value_cstr(cs);
		}
		out->flags |= f | KY_WF_KNOWN;
		if ((f & KY_WF_OTHER) && first_other == (size_t)-1)
			first_other = k;
		if (first_any == (size_t)-1)
			first_any = k;
		if ((f & KY_WF_PLACE) && first_place == (size_t)-1)
			first_place = k;
	}
	/* the base form: of a capitalised word the place it names (Lahdessa ->
	 * Lahti, not lahti), else the first ordinary reading (Palvelut ->
	 * palvelu), else the first */
	int32_t cp;
	utf8proc_iterate((const utf8proc_uint8_t *)w, -1, &cp);
	int upper = cp >= 0 && utf8proc_isupper(cp);
	size_t pick = upper && first_place != (size_t)-1 ? first_place
		      : first_other != (size_t)-1 ? first_other : first_any;
	if (pick != (size_t)-1) {
		char *base = lib.voikko_mor_analysis_value_cstr(a[pick], "BASEFORM");
		if (base) {
			out->lemma = t->lemmas.len;
			ky_buf_add(&t->lemmas, base, strlen(base) + 1);
			lib.voikko_free_mor_analysis_value_cstr(base);
		}
	}
	if (a)
		lib.voikko_free_mor_analysis(a);
}

/* The cached analysis of W (LEN bytes); a word beyond the cache's bound is
 * analysed into SPARE. */
static const struct winfo *lookup(struct ky_text *t, const char *w, size_t len,
				  struct winfo *spare)
{
	struct ky_dict_hint hint = { 0 };
	size_t id = ky_dict_lookup(&t->words, w, len, &hint);
	if (id != (size_t)-1)
		return &t->info[id];
	ky_buf_reset(&t->tmp);
	ky_buf_add(&t->tmp, w, len);
	ky_buf_addch(&t->tmp, '\0');
	if (t->words.n >= t->cache_max) {
		/* its base form is dropped from the pool once read (drop_spare) */
		t->spare_mark = t->lemmas.len;
		analyse(t, t->tmp.buf, spare);
		return spare;
	}
	struct winfo wi;
	analyse(t, t->tmp.buf, &wi);
	id = ky_dict_add(&t->words, w, len, &hint);
	if (id >= t->info_cap)
		ky_xgrow((void **)&t->info, &t->info_cap, id + 1, sizeof(*t->info));
	t->info[id] = wi;
	return &t->info[id];
}

static void drop_spare(struct ky_text *t, const struct winfo *wi, const struct winfo *spare)
{
	if (wi == spare)
		t->lemmas.len = t->spare_mark;
}

unsigned ky_text_flags(struct ky_text *t, const char *w, size_t len)
{
	struct winfo spare;
	const struct winfo *wi = lookup(t, w, len, &spare);
	unsigned f = wi->flags;
	drop_spare(t, wi, &spare);
	return f;
}

int ky_text_lemma(struct ky_text *t, const char *w, size_t len, struct ky_buf *out)
{
	struct winfo spare;
	const struct winfo *wi = lookup(t, w, len, &spare);
	int rc = -1;
	if (wi->lemma != (size_t)-1) {
		ky_buf_adds(out, t->lemmas.buf + wi->lemma);
		rc = 0;
	}
	drop_spare(t, wi, &spare);
	return rc;
}

static int stopped(const struct ky_text *t, enum ky_lang l, const char *w, size_t len)
{
	return ky_dict_find(&t->stop[l], w, len) != (size_t)-1;
}

int ky_text_term(struct ky_text *t, enum ky_lang lang, const char *w, size_t len,
		 struct ky_buf *key)
{
	ky_buf_reset(key);
	ky_buf_reset(&t->lower);
	ky_text_lower(&t->lower, w, len);
	if (stopped(t, lang, t->lower.buf, t->lower.len) || len < 2)
		return -1;
	if (lang == KY_LANG_FI && t->voikko) {
		struct winfo spare;
		const struct winfo *wi = lookup(t, w, len, &spare);
		int rc = 1;
		if (wi->flags & KY_WF_NUMBER) {
			rc = -1;
		} else if (wi->lemma != (size_t)-1) {
			const char *lemma = t->lemmas.buf + wi->lemma;
			rc = stopped(t, KY_LANG_FI, lemma, strlen(lemma)) ? -1 : 0;
			if (rc == 0)
				ky_buf_adds(key, lemma);
		}
		drop_spare(t, wi, &spare);
		if (rc <= 0)
			return rc;
	}
	const sb_symbol *st = lib.sb_stemmer_stem(t->stem[lang],
						  (const sb_symbol *)t->lower.buf,
						  (int)t->lower.len);
	static const char *const prefix[3] = { "~fi:", "~sv:", "~en:" };
	ky_buf_adds(key, prefix[lang]);
	if (st)
		ky_buf_add(key, st, (size_t)lib.sb_stemmer_length(t->stem[lang]));
	else
		ky_buf_add(key, t->lower.buf, t->lower.len);
	return 0;
}
