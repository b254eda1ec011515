/* input.c - what `analyze` and `inspect` read: an export, or a survey
 * definition that names its export and completes the options. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ky_buf.h"
#include "ky_def.h"

int ky_cli_reports(const char *list, unsigned *mask)
{
	static const char *const name[] = { "html", "md", "pptx", "docx" };
	*mask = 0;
	for (const char *p = list; *p;) {
		p += strspn(p, " ");
		size_t n = strcspn(p, ",| ");
		size_t i = 0;
		while (i < 4 && !(strlen(name[i]) == n && !strncmp(p, name[i], n)))
			i++;
		if (i == 4)
			return -1;
		*mask |= 1u << i;
		p += n;
		p += strspn(p, " ");
		p += *p == ',' || *p == '|';
	}
	return *mask ? 0 : -1;
}

int ky_cli_template(const char *path, const char **pptx, const char **docx)
{
	static char abs_pptx[4096], abs_docx[4096];
	const char *dot = strrchr(path, '.');
	int is_pptx = dot && !strcmp(dot, ".pptx"), is_docx = dot && !strcmp(dot, ".docx");
	if (!is_pptx && !is_docx) {
		fprintf(stderr, "kysely: --template takes a .pptx (slide master) or a .docx "
				"(styles): %s\n", path);
		return -1;
	}
	char *abs = realpath(path, NULL);
	FILE *f = abs ? fopen(abs, "rb") : NULL;
	if (!f) {
		fprintf(stderr, "kysely: %s: cannot read the template\n", path);
		free(abs);
		return -1;
	}
	fclose(f);
	char *dst = is_pptx ? abs_pptx : abs_docx;
	snprintf(dst, 4096, "%s", abs);
	free(abs);
	*(is_pptx ? pptx : docx) = dst;
	return 0;
}

struct ky_survey *ky_cli_read(const char *input, struct ky_survey_options *so, int min_n_set,
			      struct ky_cli_defaults *def, struct ky_error *err)
{
	memset(def, 0, sizeof(*def));
	if (!ky_def_sniff(input))
		return ky_survey_read(input, so, err);
	struct ky_def *d = ky_def_read(input, err);
	if (!d)
		return NULL;
	if (!d->export_path) {
		ky_error_set(err, KY_ERR_USAGE, input, ky_def_line(d, "survey", NULL), 0,
			     "the definition names no export: add export = FILE to [survey]");
		ky_def_free(d);
		return NULL;
	}
	so->def = d;
	if (!min_n_set && d->min_n >= 0)
		so->min_n = (unsigned)d->min_n;
	if (!so->population)
		so->population = d->population;
	if (d->lang)
		snprintf(def->lang, sizeof(def->lang), "%s", d->lang);
	if (d->report)
		snprintf(def->report, sizeof(def->report), "%s", d->report);
	struct ky_survey *s = d->exports.n > 1
		? ky_survey_read_audiences((const char *const *)d->exports.s,
					   d->audiences.n ? (const char *const *)d->audiences.s
							  : NULL, d->exports.n, so, err)
		: ky_survey_read(d->export_path, so, err);
	so->def = NULL;
	ky_def_free(d);
	return s;
}

struct ky_survey *ky_cli_read_many(const char *const *inputs, size_t n,
				   struct ky_survey_options *so, int min_n_set,
				   struct ky_cli_defaults *def, struct ky_error *err)
{
	if (n == 1)
		return ky_cli_read(inputs[0], so, min_n_set, def, err);
	memset(def, 0, sizeof(*def));
	struct ky_def **defs = calloc(n, sizeof(*defs));
	const char **paths = calloc(n, sizeof(*paths)), **names = calloc(n, sizeof(*names));
	struct ky_survey *s = NULL;
	size_t k = 0;
	for (; k < n; k++) {
		paths[k] = inputs[k];
		if (!ky_def_sniff(inputs[k]))
			continue;
		if (!(defs[k] = ky_def_read(inputs[k], err)))
			break;
		if (!defs[k]->export_path) {
			ky_error_set(err, KY_ERR_USAGE, inputs[k], ky_def_line(defs[k], "survey", NULL),
				     0, "the definition names no export: add export = FILE to [survey]");
			break;
		}
		paths[k] = defs[k]->export_path;
		names[k] = defs[k]->audience;
	}
	if (k == n) {
		const struct ky_def *d = defs[0];   /* the first one's settings apply */
		so->def = d;
		if (d && !min_n_set && d->min_n >= 0)
			so->min_n = (unsigned)d->min_n;
		if (d && !so->population)
			so->population = d->population;
		if (d && d->lang)
			snprintf(def->lang, sizeof(def->lang), "%s", d->lang);
		if (d && d->report)
			snprintf(def->report, sizeof(def->report), "%s", d->report);
		s = ky_survey_read_audiences(paths, names, n, so, err);
		so->def = NULL;
	}
	for (size_t i = 0; i < n; i++)
		ky_def_free(defs[i]);
	free(defs);
	free(paths);
	free(names);
	return s;
}

int ky_cli_limit(const char *opt, const char *arg, struct ky_reader_options *ro)
{
	char *end;
	int bytes = strcmp(opt, "max-columns") != 0;
	unsigned long long v = strtoull(arg, &end, 10), mul = 1;
	if (bytes && *end && !end[1])
		mul = *end == 'k' ? 1024ull : *end == 'M' ? 1024ull * 1024 : *end == 'G'
		      ? 1024ull * 1024 * 1024 : 0, end += mul != 0;
	if (!*arg || arg[0] == '-' || *end || !v || !mul || v > (1ull << 40) / mul) {
		fprintf(stderr, "kysely: --%s takes a positive whole number%s\n", opt,
			bytes ? " of bytes (k, M or G may follow)" : "");
		return 2;
	}
	v *= mul;
	if (!strcmp(opt, "max-cell"))
		ro->max_cell = (size_t)v;
	else if (!strcmp(opt, "max-columns"))
		ro->max_columns = (size_t)v;
	else
		ro->max_unzipped = v;
	return 0;
}

/* The path of TARGET as seen from the folder of FILE (which need not
 * exist yet); TARGET itself when no relative path can be made. */
char *ky_cli_relative(const char *target, const char *file)
{
	char *t = realpath(target, NULL);
	const char *slash = strrchr(file, '/');
	char *dir0 = slash ? strndup(file, (size_t)(slash - file) + (slash == file)) : strdup(".");
	char *d = realpath(dir0, NULL);
	free(dir0);
	if (!t || !d) {
		free(t);
		free(d);
		return strdup(target);
	}
	size_t common = 0;
	for (size_t i = 0; t[i] && t[i] == d[i]; i++)
		if (t[i] == '/')
			common = i;
	if (!d[strlen(d)] && !strncmp(t, d, strlen(d)) && t[strlen(d)] == '/')
		common = strlen(d);
	struct ky_buf b = KY_BUF_INIT;
	for (const char *p = d + common; *p; p++)
		if (*p == '/')
			ky_buf_adds(&b, "../");
	ky_buf_adds(&b, t + common + 1);
	free(t);
	free(d);
	return ky_buf_detach(&b, NULL);
}

const char *ky_cli_plots_dir(void)
{
	const char *env = getenv("KYSELY_PLOTS");
	return env && *env ? env : KY_PLOTS_DIR;
}
