/* link_int.h - what the two chunks of a split pass share (parallel.c sets
 * it up, link.c answers survey.c's questions about it). */
#ifndef KY_LINK_INT_H
#define KY_LINK_INT_H

#include <stdatomic.h>

#include "survey_int.h"

/* A column passes KY_MAX_DISTINCT distinct texts within chunk 2 (an open
 * question, in any large file).  A sequential pass counts each of its later
 * cells under a text of chunk 1 when it is one, else as beyond the limit;
 * chunk 2 cannot tell which, unless it looks them up among chunk 1's texts
 * once those are final: when chunk 1 has reached the limit itself in that
 * column (its texts no longer change) or has read up to the split.  Chunk
 * 2 waits for that, then counts such a cell under KY_MAX_DISTINCT + chunk
 * 1's id (the merge maps it back), or as beyond the limit.  Chunk 1's dict
 * is then only read, by both threads, until the merge after the join. */
struct ky_link {
	struct ky_survey *main;           /* chunk 1's survey */
	atomic_uchar *final;              /* [column] chunk 1's texts will not change */
	atomic_int done;                  /* chunk 1 has read up to the split */
	atomic_int *cancel;               /* chunk 2 is to stop */
};

#endif
