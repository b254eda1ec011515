/* fuzz_audience.c - several audiences end to end without charts: the input
 * is cut at its first form feed (else in the middle) into two exports read
 * with ky_survey_read_audiences() (headers matched, records mapped onto
 * the union), then every table, summary.json and both report renderings
 * into memory. */
#include "fuzz_common.h"

#include <string.h>

#include "ky_buf.h"
#include "ky_doc.h"
#include "ky_lang.h"
#include "ky_report.h"
#include "ky_survey.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	/* the first byte picks the options: a grouping named or not, min_n */
	unsigned flags = data[0];
	data++, size--;
	const uint8_t *ff = memchr(data, '\f', size);
	size_t cut = ff ? (size_t)(ff - data) : size / 2;
	char path[2][64];
	int fd[2];
	fd[0] = fuzz_file(data, cut, path[0], sizeof(path[0]));
	fd[1] = fuzz_file(data + cut + (ff != NULL), size - cut - (ff != NULL), path[1],
			  sizeof(path[1]));
	if (fd[0] >= 0 && fd[1] >= 0) {
		static const char *const groups[] = { "1" };
		static const char *const names[] = { "a", "b" };
		const char *const paths[] = { path[0], path[1] };
		struct ky_survey_options so = {
			.reader = { .max_cell = 1 << 16, .max_columns = 500,
				    .max_unzipped = 8u << 20 },
			.n_groups = flags & 1, .groups = groups, .min_n = flags & 2 ? 0 : 5,
		};
		struct ky_error err;
		ky_error_clear(&err);
		struct ky_survey *s = ky_survey_read_audiences(paths, flags & 4 ? names : NULL, 2,
							       &so, &err);
		if (s) {
			fuzz_all_outputs(s);
			ky_survey_free(s);
		} else if (!err.code) {
			abort();
		}
	}
	for (int i = 0; i < 2; i++)
		if (fd[i] >= 0)
			close(fd[i]);
	return 0;
}
