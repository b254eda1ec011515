/* dict_int.h - string interning: distinct strings -> dense ids 0..n-1 in
 * first-seen order.  Used for the distinct cell texts of a column and the
 * values of a grouping column, so that counting a cell is one hash lookup. */
#ifndef KY_DICT_INT_H
#define KY_DICT_INT_H

#include <stddef.h>
#include <stdint.h>

struct ky_dict {
	char **str;          /* [n] owned copies, NUL-terminated */
	size_t *len;         /* [n] */
	size_t n, cap;
	uint32_t *slot;      /* open addressing: id + 1, 0 = empty */
	size_t n_slots;      /* power of two */
};

void ky_dict_init(struct ky_dict *d);
void ky_dict_release(struct ky_dict *d);
/* Returns the id of S (LEN bytes), adding it if new; *ADDED tells which. */
size_t ky_dict_intern(struct ky_dict *d, const char *s, size_t len, int *added);
/* Returns the id of S or (size_t)-1. */
size_t ky_dict_find(const struct ky_dict *d, const char *s, size_t len);

#endif
