/* words_int.h - normalised word lists (engine-internal; words.c). */
#ifndef KY_WORDS_INT_H
#define KY_WORDS_INT_H

#include <stddef.h>

struct ky_buf;

/* Whether TEXT, normalised and without trailing ':' or '.', is one of WORDS
 * (normalised, NULL-terminated). */
int ky_word_in(const char *text, const char *const *words);
/* The same in two steps, for a text tested against several lists: its key
 * (normalised into B, trailing ':' and '.' left out: the first LEN bytes of
 * B->buf), then whether the key is one of WORDS. */
size_t ky_word_key(struct ky_buf *b, const char *text);
int ky_word_is(const char *key, size_t len, const char *const *words);

/* Whether a header names respondent metadata (id, timestamps, e-mail). */
int ky_header_is_metadata(const char *header);

#endif
