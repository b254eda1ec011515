/* kysely-png.c - build/kysely-png.so, preloaded (LD_PRELOAD) into the
 * gnuplot that kysely starts, so that its PNG charts cost less to write.
 *
 * pngcairo hands each chart to cairo_surface_write_to_png_stream(), which
 * writes it with libpng's defaults: every row is filtered five ways and the
 * smallest sum of absolute differences wins (libpng's adaptive filtering),
 * then deflated at zlib level 6.  On kysely's charts (A4 width at 200 dpi,
 * large flat areas in a few colours) that filter search was half of
 * gnuplot's work per chart, and the rows compress better without any filter
 * (bench/NOTES.md, "charts").  cairo calls png_set_IHDR() once per image
 * before any row is written; this wraps it and turns filtering off for the
 * image.  PNG is lossless: the pixels are the same, only the encoding
 * differs.
 *
 * Nothing is linked in: libpng's functions are looked up in the process at
 * run time, so the library is inert in a process without libpng (the shell
 * of a --gnuplot wrapper script) and needs no libpng headers to build. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdint.h>
#include <string.h>

#define KY_PNG_FILTER_TYPE_BASE 0       /* png.h: PNG_FILTER_TYPE_BASE */
#define KY_PNG_FILTER_NONE 0x08         /* png.h: PNG_FILTER_NONE */

typedef void (*ihdr_fn)(void *png, void *info, uint32_t width, uint32_t height, int bit_depth,
			int colour_type, int interlace, int compression, int filter);
typedef void (*filter_fn)(void *png, int method, int filters);

static void *next_sym(const char *name)
{
	return dlsym(RTLD_NEXT, name);
}

void png_set_IHDR(void *png, void *info, uint32_t width, uint32_t height, int bit_depth,
		  int colour_type, int interlace, int compression, int filter)
{
	ihdr_fn real;
	filter_fn set_filter;
	void *a = next_sym("png_set_IHDR"), *b = next_sym("png_set_filter");
	memcpy(&real, &a, sizeof(real));
	memcpy(&set_filter, &b, sizeof(set_filter));
	if (real)
		real(png, info, width, height, bit_depth, colour_type, interlace, compression,
		     filter);
	if (real && set_filter)
		set_filter(png, KY_PNG_FILTER_TYPE_BASE, KY_PNG_FILTER_NONE);
}
