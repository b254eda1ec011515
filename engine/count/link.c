/* link.c - a column's texts beyond the distinct limit in a split pass:
 * chunk 1 tells when its texts of a column are final, chunk 2 looks its
 * own beyond-limit texts up among them (link_int.h says why). */
#include <time.h>

#include "base/dict_int.h"
#include "link_int.h"

void ky_parallel_final(struct ky_survey *s, size_t i)
{
	struct ky_link *l = s->link;
	if (l->main == s)
		atomic_store_explicit(&l->final[i], 1, memory_order_release);
}

size_t ky_parallel_other(struct ky_survey *t, size_t i, const char *cell, size_t len)
{
	struct ky_link *l = t->link;
	if (l->main == t)
		return (size_t)-1;
	while (!atomic_load_explicit(&l->final[i], memory_order_acquire) &&
	       !atomic_load_explicit(&l->done, memory_order_acquire)) {
		if (atomic_load_explicit(l->cancel, memory_order_relaxed))
			return (size_t)-1;   /* thrown away anyway */
		struct timespec ts = { 0, 50000 };
		nanosleep(&ts, NULL);
	}
	const struct ky_dict *d = l->main->col[i].values;
	return d ? ky_dict_find(d, cell, len) : (size_t)-1;
}
