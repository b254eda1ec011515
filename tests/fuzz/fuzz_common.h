/* fuzz_common.h - shared by the libFuzzer harnesses: the input bytes become a
 * file (an anonymous memfd, named /proc/self/fd/N), because every kysely
 * reader opens a path. */
#ifndef KY_FUZZ_COMMON_H
#define KY_FUZZ_COMMON_H

#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

/* Writes DATA to a fresh memfd; its path goes into PATH.  Returns the fd
 * (close it when done) or -1. */
static int fuzz_file(const uint8_t *data, size_t size, char *path, size_t n)
{
	int fd = memfd_create("kysely-fuzz", 0);
	if (fd < 0)
		return -1;
	size_t done = 0;
	while (done < size) {
		ssize_t w = write(fd, data + done, size - done);
		if (w <= 0) {
			close(fd);
			return -1;
		}
		done += (size_t)w;
	}
	snprintf(path, n, "/proc/self/fd/%d", fd);
	return fd;
}

#include "ky_buf.h"
#include "ky_doc.h"
#include "ky_lang.h"
#include "ky_report.h"
#include "ky_survey.h"

/* Every table, both reports and summary.json of S, into a scratch buffer. */
static inline void fuzz_all_outputs(const struct ky_survey *s)
{
	static void (*const fn[])(const struct ky_survey *, struct ky_buf *) = {
		ky_report_frequencies_csv, ky_report_descriptives_csv, ky_report_comparisons_csv,
		ky_report_reliability_csv, ky_report_scales_csv, ky_report_multiselect_csv,
		ky_report_ranking_csv, ky_report_nps_csv,
	};
	struct ky_buf b = KY_BUF_INIT;
	for (size_t i = 0; i < sizeof(fn) / sizeof(fn[0]); i++) {
		ky_buf_reset(&b);
		fn[i](s, &b);
	}
	struct ky_report_opts ro = { .lang = KY_LANG_FI, .mask = 1 };
	for (int html = 0; html <= 1; html++) {
		ky_buf_reset(&b);
		struct ky_doc d;
		ky_doc_begin(&d, html ? KY_DOC_HTML : KY_DOC_MARKDOWN, &b, "fi", "fuzz");
		ky_report_document(s, &ro, &d);
	}
	struct ky_error err;
	ky_error_clear(&err);
	ky_buf_reset(&b);
	(void)ky_report_summary_json(s, NULL, 0, &ro, &b, &err);
	ky_buf_release(&b);
}

#endif
