/* fuzz_legend.c - ky_legend_parse() (engine/base/legend.c) on arbitrary
 * bytes as a question text: a found legend is a piece of the text with two
 * or more entries in increasing code order, its range within eleven
 * points, and the text without it is no longer than the text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ky_legend.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = 0;
	char *stripped = NULL;
	struct ky_legend *lg = ky_legend_parse(text, &stripped);
	if (lg) {
		if (!stripped || strlen(stripped) > strlen(text) || !strstr(text, lg->text) ||
		    strcmp(lg->header, text) || lg->n < 2 || lg->hi <= lg->lo || lg->hi - lg->lo > 10)
			abort();
		for (size_t i = 1; i < lg->n; i++)
			if (lg->e[i].code <= lg->e[i - 1].code)
				abort();
		struct ky_legend *c = ky_legend_copy(lg, stripped);
		if (!ky_legend_equal(lg, c))
			abort();
		ky_legend_free(c);
		ky_legend_free(lg);
	} else if (stripped) {
		abort();
	}
	free(stripped);
	free(text);
	return 0;
}
