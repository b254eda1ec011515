/* ingest_xlsx.c - placeholder until the XLSX reader lands. */
#include "ingest_int.h"

struct ky_xlsx *ky_xlsx_open(const char *path, const struct ky_reader_options *opts,
			     struct ky_error *err)
{
	(void)opts;
	ky_error_set(err, KY_ERR_PARSE, path, 0, 0, "XLSX files are not read yet");
	return 0;
}
int ky_xlsx_next(struct ky_xlsx *x, struct ky_record *rec, struct ky_error *err)
{
	(void)x; (void)rec; (void)err;
	return -1;
}
const char *ky_xlsx_sheet(const struct ky_xlsx *x) { (void)x; return 0; }
void ky_xlsx_free(struct ky_xlsx *x) { (void)x; }
