/* pass.c - the streaming pass over an export's data rows: the rows read
 * ahead with the header first, then the rest, on two cores when the file
 * is a large UTF-8 CSV (parallel.c), one record at a time otherwise
 * (ky_survey_count_record in survey.c). */
#include <stdlib.h>

#include "ky_buf.h"
#include "ingest/ingest_int.h"
#include "survey_int.h"

/* One record: a weighted run first takes its weight (weight.c) into
 * s->record_w, which counting adds to the weighted sums. */
static int count(struct ky_survey *s, const struct ky_record *rec, struct ky_scanbuf *b,
		 struct ky_error *err)
{
	if (s->weighting && !ky_record_blank(rec) && rec->n_fields >= s->n_columns &&
	    ky_weight_record(s, rec, err) < 0)
		return -1;
	return ky_survey_count_record(s, rec, b, err);
}

int ky_survey_scan(struct ky_survey *s, struct ky_reader *r, struct ky_held *pending,
		   const struct ky_reader_options *ropts, struct ky_error *err)
{
	struct ky_scanbuf b;
	b.slots = ky_xmalloc((s->n_groupings + 1) * sizeof(*b.slots));
	b.gid = ky_xmalloc((s->n_groupings + 1) * sizeof(*b.gid));
	b.vid = ky_xmalloc(s->n_columns * sizeof(*b.vid));
	b.unchecked = 0;       /* the held records were checked by the reader */
	struct ky_record rec;
	int rc = 0;
	for (int k = 0; k < 2 && rc == 0 && pending[k].used; k++) {
		rec.n_fields = pending[k].n;
		rec.field = (const char *const *)pending[k].field;
		rec.len = pending[k].len;
		rec.line = pending[k].line;
		rec.number = pending[k].number;
		rc = count(s, &rec, &b, err);
	}
	b.unchecked = ky_reader_defer_checks(r);
	/* a large UTF-8 CSV: its second half tallied in a thread (parallel.c);
	 * a weighted one by this reader alone, its sums added in file order */
	if (rc == 0 && !s->weighting && (rc = ky_parallel_scan(s, r, ropts, &b, err)) > 0)
		rc = 0;
	else
		while (rc == 0 && (rc = ky_reader_next(r, &rec, err)) > 0)
			rc = count(s, &rec, &b, err);
	free(b.slots);
	free(b.gid);
	free(b.vid);
	if (rc < 0)
		return -1;
	if (s->n_respondents == 0)
		return ky_error_set(err, KY_ERR_DATA, s->path, s->header_rows, 0,
				    "no answers: the file has %s but no data rows",
				    s->header_rows > 1 ? "header rows" : "a header row");
	/* every column has a counter for every slot */
	for (size_t i = 0; i < s->n_columns; i++)
		ky_survey_col_slot(&s->col[i], s->n_slots - 1);
	return ky_weight_finish(s, err);
}
