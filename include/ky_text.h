/* ky_text.h - words of open answers: base forms (terms) and people's names.
 *
 * Finnish words are analysed with Voikko (libvoikko1 + voikko-fi): their
 * base form (palvelun, palveluista -> palvelu) and whether Voikko knows them
 * as a first name, a surname, a place name or an ordinary word.  Swedish and
 * English words are stemmed with the Snowball stemmers (libstemmer0d).  Both
 * libraries are opened with dlopen() on first use (ky_text_load), so a run
 * without open answers never loads them.  Every distinct word form is
 * analysed once: the results are kept in a cache of at most
 * KY_TEXT_CACHE_MAX forms (beyond it, forms are analysed each time).
 *
 * One struct ky_text is used by one thread at a time.
 */
#ifndef KY_TEXT_H
#define KY_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "ky_buf.h"
#include "ky_error.h"
#include "ky_lang.h"

#define KY_TEXT_CACHE_MAX 262144

struct ky_text;

/* A new analyser; nothing is loaded yet. */
struct ky_text *ky_text_new(void);
void ky_text_free(struct ky_text *t);

/* At most MAX distinct word forms cached (default KY_TEXT_CACHE_MAX). */
void ky_text_set_cache_max(struct ky_text *t, size_t max);
/* Bytes held by the cache (word forms, their analyses and base forms). */
size_t ky_text_cache_bytes(const struct ky_text *t);

/* Opens Voikko with its Finnish dictionary and libstemmer (once).  Returns
 * 0; or -1 with ERR (KY_ERR_TOOL, PATH the export) saying what is missing
 * and which Debian package provides it.  NEED_VOIKKO 0: a missing Voikko is
 * not an error; Finnish words are then stemmed with Snowball's Finnish
 * stemmer and ky_text_has_voikko() tells so. */
int ky_text_load(struct ky_text *t, int need_voikko, const char *path, struct ky_error *err);
int ky_text_has_voikko(const struct ky_text *t);

/* The language an answer is most likely written in: DEF unless the
 * function words of another of fi/sv/en are more frequent in it (at least
 * two of them; one in an answer of at most five words). */
enum ky_lang ky_text_guess_lang(const char *s, enum ky_lang def);

/* A word of an answer (ky_text_words). */
struct ky_word {
	size_t off, len;             /* bytes of the word in the text */
	int upper;                   /* starts with a capital letter */
	int all_upper;               /* every letter a capital (an acronym) */
	int sentence_start;          /* the first word of a sentence */
	int digit;                   /* contains a digit */
	int tight_prev;              /* only spaces between it and the word before */
};
/* The words of S (letters and digits, with hyphens and apostrophes inside a
 * word).  Text in square brackets that is one of SKIP's placeholders (a
 * NULL-terminated list, e.g. "[nimi]") is not a word.  Returns how many;
 * *WORDS is grown as needed (caller frees). */
size_t ky_text_words(const char *s, const char *const *skip, struct ky_word **words,
		     size_t *cap);

/* What Voikko knows of a word form (KY_WF_* bits). */
enum {
	KY_WF_FIRST = 1,             /* a first name (etunimi) */
	KY_WF_SUR = 2,               /* a surname (sukunimi) */
	KY_WF_PLACE = 4,             /* a place name (paikannimi) */
	KY_WF_OTHER = 8,             /* an ordinary word (any other class) */
	KY_WF_KNOWN = 16,            /* Voikko recognised it at all */
	KY_WF_NUMBER = 32,           /* a number word (lukusana) */
	KY_WF_VERB = 64,             /* a verb form (teonsana) */
	KY_WF_FUNCTION = 128,        /* an adverb, pronoun, conjunction, adposition
					or interjection */
	KY_WF_NONVERB = 256,         /* an ordinary reading that is not a verb */
	KY_WF_LOCAL = 512,           /* a reading in the inessive, elative or
					illative (Kokkolassa, -sta, -an): a place */
	KY_WF_NOUN = 1024,           /* a common noun (nimisana) */
	KY_WF_ADJ = 2048,            /* an adjective (laatusana, nimisana_laatusana) */
	KY_WF_ALLATIVE = 4096,       /* a name reading in the allative (Matille) */
	KY_WF_NOMINATIVE = 8192      /* a name reading in the nominative (Niemi) */
};
unsigned ky_text_flags(struct ky_text *t, const char *w, size_t len);
/* Voikko's base form of the first ordinary reading of W (else the first
 * reading), into OUT; 0, or -1 when Voikko does not know W. */
int ky_text_lemma(struct ky_text *t, const char *w, size_t len, struct ky_buf *out);

/* The term key of word W in language LANG, into KEY: for Finnish Voikko's
 * base form of its first ordinary reading (lower case; a name or place keeps
 * its capital), for Swedish, English and words Voikko does not know the
 * Snowball stem of the lower-cased word, prefixed "~fi:", "~sv:", "~en:".
 * Returns 0, or -1 when the word is a stop word (or has no letters). */
int ky_text_term(struct ky_text *t, enum ky_lang lang, const char *w, size_t len,
		 struct ky_buf *key);

/* Lower-cases W into OUT (UTF-8). */
void ky_text_lower(struct ky_buf *out, const char *w, size_t len);

/* Appends S to OUT with people's names replaced by PLACEHOLDER ("[nimi]");
 * consecutive name words become one placeholder.  Finnish names are those
 * Voikko knows; capitalised words next to a title (hoitaja, lääkäri, Dr,
 * nurse, sjuksköterska ...) and Swedish and English given names from the
 * list in engine/model/names.c are masked in every language.  SKIP as for
 * ky_text_words.  Returns how many placeholders were written. */
unsigned ky_text_mask_names(struct ky_text *t, struct ky_buf *out, const char *s,
			    enum ky_lang def, const char *placeholder, const char *const *skip);

#endif
