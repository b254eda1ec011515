/* ingest_sav.c - placeholder until the XLSX reader lands. */
#include "ingest_int.h"

struct ky_sav *ky_sav_open(const char *path, const struct ky_reader_options *opts,
			     struct ky_error *err)
{
	(void)opts;
	ky_error_set(err, KY_ERR_PARSE, path, 0, 0, "SPSS files are not read yet");
	return 0;
}
int ky_sav_next(struct ky_sav *x, struct ky_record *rec, struct ky_error *err)
{
	(void)x; (void)rec; (void)err;
	return -1;
}
const char *ky_sav_encoding(const struct ky_sav *x) { (void)x; return 0; }
void ky_sav_free(struct ky_sav *x) { (void)x; }
