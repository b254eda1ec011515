/* lexmask_int.h - the built-in scales a normalised label belongs to. */
#ifndef KY_LEXMASK_INT_H
#define KY_LEXMASK_INT_H

#include <stdint.h>

/* Bit L set when NORM is an alias of a level of ky_lexicon_get(L). */
uint64_t ky_lex_mask(const char *norm);

#endif
