/* dynlib_int.h - shared libraries opened on first use (engine-internal). */
#ifndef KY_DYNLIB_INT_H
#define KY_DYNLIB_INT_H

#include <stddef.h>

#include "ky_error.h"

/* A shared library a reader opens on its first use instead of kysely
 * linking it (dynlib.c): the first of SONAMES that dlopen() finds, and every
 * symbol of SYMS looked up into its slot.  The outcome is kept, so later
 * calls cost a mutex.  Returns 0, or -1 with ERR set (KY_ERR_TOOL, PATH the
 * file being read) naming the library, why it failed and the Debian package
 * that provides it. */
struct ky_dynsym {
	const char *name;
	void **slot;
};
struct ky_dynlib {
	const char *what;               /* "libxml2" */
	const char *package;            /* Debian package: "libxml2" */
	const char *const *sonames;     /* NULL-terminated */
	const struct ky_dynsym *syms;
	size_t n_syms;
	int state;                      /* 0 not tried, 1 loaded, -1 failed */
	char why[320];
};
int ky_dynlib_load(struct ky_dynlib *lib, const char *path, const char *reading,
		   struct ky_error *err);

#endif
