/* fuzz_def.c - ky_def_read() on arbitrary bytes as a survey definition, then
 * ky_def_line() for what it found (the lookups kysely does afterwards). */
#include "fuzz_common.h"

#include "ky_def.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	int fd = fuzz_file(data, size, path, sizeof(path));
	if (fd < 0)
		return 0;
	struct ky_error err;
	ky_error_clear(&err);
	(void)ky_def_sniff(path);
	struct ky_def *d = ky_def_read(path, &err);
	if (d) {
		for (size_t i = 0; i < d->n_scales; i++)
			(void)ky_def_find_scale(d, d->scale[i].name);
		(void)ky_def_line(d, "survey", "export");
		ky_def_free(d);
	} else if (!err.code) {
		abort();
	}
	close(fd);
	return 0;
}
