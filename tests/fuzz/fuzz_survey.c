/* fuzz_survey.c - end to end without charts: ky_survey_read() on arbitrary
 * CSV (or whatever the bytes are), grouped by the first column, then every
 * table, summary.json and both report renderings into memory. */
#include "fuzz_common.h"

#include "ky_buf.h"
#include "ky_doc.h"
#include "ky_lang.h"
#include "ky_report.h"
#include "ky_survey.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	int fd = fuzz_file(data, size, path, sizeof(path));
	if (fd < 0)
		return 0;
	/* the first byte picks the options: grouped or not, min_n 0 or 5 */
	unsigned flags = size ? data[0] : 0;
	static const char *const groups[] = { "1" };
	struct ky_survey_options so = {
		.reader = { .max_cell = 1 << 16, .max_columns = 500, .max_unzipped = 8u << 20 },
		.n_groups = flags & 1, .groups = groups, .min_n = flags & 2 ? 0 : 5,
	};
	struct ky_error err;
	ky_error_clear(&err);
	struct ky_survey *s = ky_survey_read(path, &so, &err);
	if (s) {
		fuzz_all_outputs(s);
		ky_survey_free(s);
	} else if (!err.code) {
		abort();
	}
	close(fd);
	return 0;
}
