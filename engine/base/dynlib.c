/* dynlib.c - a shared library opened on its first use instead of being
 * linked (dynlib_int.h): the XLSX and SPSS readers take libxml2, libzip and
 * ReadStat this way, so a run on CSV does not pay for loading them. */
#include "dynlib_int.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t dynlib_mu = PTHREAD_MUTEX_INITIALIZER;

/* Never closed: the symbols stay in use until the process ends. */
static void dynlib_try(struct ky_dynlib *lib)
{
	void *h = NULL;
	for (size_t i = 0; lib->sonames[i] && !h; i++) {
		h = dlopen(lib->sonames[i], RTLD_LAZY | RTLD_LOCAL);
		const char *e = h ? NULL : dlerror();
		if (!h && !i)           /* the first name's reason is the one to tell */
			snprintf(lib->why, sizeof(lib->why), "%s", e ? e : lib->sonames[i]);
	}
	if (!h) {
		lib->state = -1;
		return;
	}
	for (size_t i = 0; i < lib->n_syms; i++) {
		dlerror();
		void *f = dlsym(h, lib->syms[i].name);
		if (!f) {
			snprintf(lib->why, sizeof(lib->why), "it has no %s (too old a version?)",
				 lib->syms[i].name);
			lib->state = -1;
			return;
		}
		*lib->syms[i].slot = f;
	}
	lib->state = 1;
}

int ky_dynlib_load(struct ky_dynlib *lib, const char *path, const char *reading,
		   struct ky_error *err)
{
	pthread_mutex_lock(&dynlib_mu);
	if (!lib->state)
		dynlib_try(lib);
	int ok = lib->state > 0;
	pthread_mutex_unlock(&dynlib_mu);
	if (ok)
		return 0;
	return ky_error_set(err, KY_ERR_TOOL, path, 0, 0,
			    "reading %s needs %s, which cannot be loaded (%s): install the "
			    "package %s", reading, lib->what, lib->why, lib->package);
}
