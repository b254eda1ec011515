/* ky_error.h - errors as values.
 *
 * Every fallible function in the engine takes a `struct ky_error *` and, on
 * failure, records the first error there and returns -1 (or NULL).  Library
 * code never prints and never exits; only the CLI formats and reports.
 *
 * Positions: `line` is the 1-based physical line of the input file where the
 * offending record starts (CSV) or the definition line (INI); `column` is the
 * 1-based field index within the record (CSV) or the byte column (INI).
 * 0 means "unknown / not applicable".
 */
#ifndef KY_ERROR_H
#define KY_ERROR_H

enum ky_code {
	KY_OK = 0,
	KY_ERR_USAGE,     /* bad command line */
	KY_ERR_IO,        /* cannot open, read or write a file */
	KY_ERR_PARSE,     /* malformed input (CSV syntax, encoding) */
	KY_ERR_DATA,      /* well-formed but unusable input (empty, nothing to analyse) */
	KY_ERR_LIMIT,     /* an input exceeds a documented limit */
	KY_ERR_TOOL,      /* an external tool (gnuplot) failed */
	KY_ERR_INTERNAL
};

struct ky_error {
	enum ky_code code;              /* KY_OK == 0 */
	unsigned long line, column;     /* 1-based; 0 = unknown */
	char path[256], msg[512];       /* owned copies: no free, safe to copy by value */
};

/* Resets ERR to "no error". */
void ky_error_clear(struct ky_error *err);

/* Records the first error only (later calls are ignored while ERR->code is set).
 * PATH may be NULL.  Always returns -1 so callers can `return ky_error_set(...)`. */
int ky_error_set(struct ky_error *err, enum ky_code code, const char *path,
		 unsigned long line, unsigned long column, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Formats ERR as "path:line:column: message" (omitting unknown parts) into
 * OUT of size N.  Returns OUT. */
char *ky_error_format(const struct ky_error *err, char *out, unsigned long n);

/* The documented process exit status for an error code (see README). */
int ky_error_exit_status(enum ky_code code);

#endif
