/* csvcount.c - floor: parse a ';'-separated CSV with libcsv only (strict, as
 * kysely configures it) and print the number of records and fields.  Reads
 * in 1 MB blocks and skips a UTF-8 BOM; no per-field work beyond counting. */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long n_fields, n_records;

static void on_field(void *s, size_t len, void *data)
{
	(void)s, (void)len, (void)data;
	n_fields++;
}

static void on_record(int c, void *data)
{
	(void)c, (void)data;
	n_records++;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: csvcount FILE\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 3;
	}
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return 1;
	csv_set_delim(&p, ';');
	static char buf[1 << 20];
	size_t got, skip = 0;
	for (int first = 1; (got = fread(buf, 1, sizeof(buf), f)) > 0; first = 0, skip = 0) {
		if (first && got >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
			skip = 3;
		if (csv_parse(&p, buf + skip, got - skip, on_field, on_record, NULL) != got - skip) {
			fprintf(stderr, "csvcount: %s\n", csv_strerror(csv_error(&p)));
			return 4;
		}
	}
	csv_fini(&p, on_field, on_record, NULL);
	csv_free(&p);
	fclose(f);
	printf("%llu records %llu fields\n", n_records, n_fields);
	return 0;
}
