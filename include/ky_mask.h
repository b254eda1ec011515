/* ky_mask.h - masking personal data in open answers.
 *
 * Finds e-mail addresses, phone numbers (starting with 0 or +, 7-15 digits
 * in groups separated by single spaces, hyphens, slashes or brackets) and
 * Finnish personal identity codes (DDMMYY, century sign, three digits, check
 * character; the check character itself is not verified, so mistyped codes
 * are masked too) and replaces each with its placeholder.
 */
#ifndef KY_MASK_H
#define KY_MASK_H

#include "ky_buf.h"

struct ky_mask_words {
	const char *email, *phone, *hetu;   /* placeholders, e.g. "[sähköposti]" */
};

/* Appends S to OUT with personal data replaced; returns how many were. */
unsigned ky_mask_personal(struct ky_buf *out, const char *s, const struct ky_mask_words *w);

#endif
