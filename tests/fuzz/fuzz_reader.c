/* fuzz_reader.c - ky_reader_open/next on arbitrary bytes: CSV in every
 * encoding it detects (UTF-8, BOM, UTF-16LE/BE, Windows-1252), XLSX, and
 * whatever else the first bytes make it.  Small limits keep each input fast;
 * the harness also checks the reader's promise that every field is
 * NUL-terminated UTF-8 of the stated length. */
#include "fuzz_common.h"

#include <string.h>

#include "ky_ingest.h"

static int valid_utf8(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		size_t k = c < 0x80 ? 0 : c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2
			 : c >= 0xF0 && c <= 0xF4 ? 3 : 9;
		if (k == 9 || i + k >= n + (k == 0))
			return k == 0;
		for (size_t j = 1; j <= k; j++)
			if (((unsigned char)s[i + j] & 0xC0) != 0x80)
				return 0;
		i += k + 1;
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	int fd = fuzz_file(data, size, path, sizeof(path));
	if (fd < 0)
		return 0;
	struct ky_reader_options o = { .max_cell = 1 << 16, .max_columns = 2000,
				       .max_unzipped = 8u << 20 };
	struct ky_error err;
	ky_error_clear(&err);
	struct ky_reader *r = ky_reader_open(path, &o, &err);
	if (r) {
		(void)ky_reader_format(r), (void)ky_reader_encoding(r), (void)ky_reader_sheet(r);
		struct ky_record rec;
		int rc;
		while ((rc = ky_reader_next(r, &rec, &err)) == 1) {
			if (rec.n_fields > o.max_columns)
				abort();
			for (size_t i = 0; i < rec.n_fields; i++)
				if (strlen(rec.field[i]) != rec.len[i] || rec.len[i] > o.max_cell ||
				    !valid_utf8(rec.field[i], rec.len[i]))
					abort();
		}
		if (rc < 0 && !err.code)
			abort();        /* an error must say what it is */
		ky_reader_free(r);
	} else if (!err.code) {
		abort();
	}
	close(fd);
	return 0;
}
