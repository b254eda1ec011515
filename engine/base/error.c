/* error.c - the error value: first error wins, formatted as path:line:column. */
#include "ky_error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void ky_error_clear(struct ky_error *err)
{
	memset(err, 0, sizeof(*err));
}

int ky_error_set(struct ky_error *err, enum ky_code code, const char *path,
		 unsigned long line, unsigned long column, const char *fmt, ...)
{
	if (!err || err->code != KY_OK)
		return -1;
	err->code = code == KY_OK ? KY_ERR_INTERNAL : code;
	err->line = line;
	err->column = column;
	snprintf(err->path, sizeof(err->path), "%s", path ? path : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

char *ky_error_format(const struct ky_error *err, char *out, unsigned long n)
{
	if (!err->path[0])
		snprintf(out, n, "%s", err->msg);
	else if (err->line && err->column)
		snprintf(out, n, "%s:%lu:%lu: %s", err->path, err->line, err->column, err->msg);
	else if (err->line)
		snprintf(out, n, "%s:%lu: %s", err->path, err->line, err->msg);
	else
		snprintf(out, n, "%s: %s", err->path, err->msg);
	return out;
}

int ky_error_exit_status(enum ky_code code)
{
	switch (code) {
	case KY_OK: return 0;
	case KY_ERR_USAGE: return 2;
	case KY_ERR_IO: return 3;
	case KY_ERR_PARSE: return 4;
	case KY_ERR_DATA: return 5;
	case KY_ERR_LIMIT: return 6;
	case KY_ERR_TOOL: return 7;
	default: return 70;
	}
}
