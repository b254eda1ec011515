/* doc.c - the report's two renderings (ky_doc.h).  Markdown: blocks
 * separated by blank lines, text escaped so that it stays text.  HTML: one
 * page with its own print-ready style, charts embedded, nothing fetched. */
#include "ky_doc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char css[] =
	"@page{size:A4;margin:15mm 14mm}\n"
	"body{font-family:'DejaVu Sans','Segoe UI',Arial,sans-serif;font-size:10.5pt;"
	"line-height:1.45;color:#222;max-width:190mm;margin:1.5em auto;padding:0 1em}\n"
	"h1{font-size:19pt;margin:0 0 .4em}\n"
	"h2{font-size:14pt;margin:1.8em 0 .5em;padding-bottom:.2em;border-bottom:1px solid #bbb;"
	"break-after:avoid}\n"
	"h3{font-size:11.5pt;margin:1.3em 0 .4em;break-after:avoid}\n"
	"p{margin:.45em 0}\n"
	"figure{margin:.8em 0;break-inside:avoid}\n"
	"img{display:block;max-width:100%;max-height:240mm;width:auto;height:auto;margin:0 auto}\n"
	"table{border-collapse:collapse;width:100%;font-size:8.8pt;margin:.5em 0 1em}\n"
	"th,td{padding:2px 5px;border-bottom:1px solid #e2e2e2;vertical-align:top;"
	"text-align:left}\n"
	"th{background:#f0f0f0;font-weight:600}\n"
	".r{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}\n"
	"tr{break-inside:avoid}thead{display:table-header-group}\n"
	"ul{padding-left:1.3em}li{margin:.2em 0}\n"
	"footer{margin-top:2em;color:#666;font-size:8.5pt}\n"
	"@media print{body{margin:0;max-width:none;padding:0}}\n";

/* ky_md_escape: 0 copied, 1 a control (written as a space), 2 escaped with a
 * backslash (\\`*_[]|<>#!~&), 3 the NUL that ends the text */
static const unsigned char md_class[256] = {
	3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 2, 0, 2, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 0, 2,
	2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2, 1,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* ky_html_escape: 0 copied, 1 a control (a space), 2-6 & < > " ' (an entity
 * from html_entity), 7 the NUL that ends the text */
static const unsigned char html_class[256] = {
	7, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 0, 5, 0, 0, 0, 2, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 4, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};
static const char *const html_entity[] = { "", " ", "&amp;", "&lt;", "&gt;", "&quot;", "&#39;" };
static const unsigned char html_entity_len[] = { 0, 1, 5, 4, 4, 6, 5 };

/* Both escapes copy runs of plain bytes at once; the tables give the same
 * output as the byte-by-byte rules in their comments. */
void ky_html_escape(struct ky_buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *run = p;
	for (;; p++) {
		unsigned k = html_class[*p];
		if (!k)
			continue;
		ky_buf_add(out, run, (size_t)(p - run));
		if (k == 7)
			return;
		ky_buf_add(out, html_entity[k], html_entity_len[k]);
		run = p + 1;
	}
}

void ky_md_escape(struct ky_buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *run = p;
	for (;; p++) {
		unsigned k = md_class[*p];
		if (!k)
			continue;
		ky_buf_add(out, run, (size_t)(p - run));
		if (k == 3)
			return;
		if (k == 1) {
			ky_buf_addch(out, ' ');
		} else {
			char e[2] = { '\\', (char)*p };
			ky_buf_add(out, e, 2);
		}
		run = p + 1;
	}
}

void ky_base64(struct ky_buf *out, const unsigned char *data, size_t n)
{
	static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	ky_buf_grow(out, (n + 2) / 3 * 4 + 1);
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)data[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)data[i + 1] << 8;
		if (i + 2 < n)
			v |= data[i + 2];
		char q[4] = { a[v >> 18 & 63], a[v >> 12 & 63], i + 1 < n ? a[v >> 6 & 63] : '=',
			      i + 2 < n ? a[v & 63] : '=' };
		ky_buf_add(out, q, 4);
	}
}

static void esc(struct ky_doc *d, const char *s)
{
	if (d->fmt == KY_DOC_HTML)
		ky_html_escape(d->out, s);
	else
		ky_md_escape(d->out, s);
}

/* A list ends at the next block: everything that starts one calls this. */
static void list_end(struct ky_doc *d)
{
	if (!d->in_list)
		return;
	if (d->fmt == KY_DOC_HTML)
		ky_buf_adds(d->out, "</ul>\n");
	d->in_list = 0;
}

/* Markdown blocks are separated by one blank line. */
static void md_block(struct ky_doc *d)
{
	if (d->out->len)
		ky_buf_addch(d->out, '\n');
}

void ky_doc_begin(struct ky_doc *d, enum ky_doc_format fmt, struct ky_buf *out, const char *lang,
		  const char *title)
{
	memset(d, 0, sizeof(*d));
	d->fmt = fmt;
	d->out = out;
	d->lang = lang;
	if (fmt != KY_DOC_HTML)
		return;
	ky_buf_adds(out, "<!DOCTYPE html>\n<html lang=\"");
	ky_html_escape(out, lang);
	ky_buf_adds(out, "\">\n<head>\n<meta charset=\"utf-8\">\n"
			 "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
			 "img-src data:; style-src 'unsafe-inline'\">\n"
			 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			 "<title>");
	ky_html_escape(out, title);
	ky_buf_adds(out, "</title>\n<style>\n");
	ky_buf_adds(out, css);
	ky_buf_adds(out, "</style>\n</head>\n<body>\n");
}

static void close_section(struct ky_doc *d)
{
	if (d->in_section)
		ky_buf_adds(d->out, "</section>\n");
	d->in_section = 0;
}

void ky_doc_end(struct ky_doc *d)
{
	list_end(d);
	if (d->fmt == KY_DOC_HTML) {
		close_section(d);
		ky_buf_adds(d->out, "</body>\n</html>\n");
	}
}

void ky_doc_heading(struct ky_doc *d, int level, const char *text)
{
	if (level < 1)
		level = 1;
	if (level > 3)
		level = 3;
	list_end(d);
	if (d->fmt == KY_DOC_HTML) {
		if (level <= 2)
			close_section(d);
		if (level == 2) {
			ky_buf_adds(d->out, "<section>\n");
			d->in_section = 1;
		}
		ky_buf_addf(d->out, "<h%d>", level);
		ky_html_escape(d->out, text);
		ky_buf_addf(d->out, "</h%d>\n", level);
		return;
	}
	md_block(d);
	for (int i = 0; i < level; i++)
		ky_buf_addch(d->out, '#');
	ky_buf_addch(d->out, ' ');
	ky_md_escape(d->out, text);
	ky_buf_addch(d->out, '\n');
}

void ky_doc_headingf(struct ky_doc *d, int level, const char *fmt, ...)
{
	struct ky_buf b = KY_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	ky_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	ky_doc_heading(d, level, b.buf);
	ky_buf_release(&b);
}

void ky_doc_para_begin(struct ky_doc *d)
{
	list_end(d);
	d->in_para = 1;
	if (d->fmt == KY_DOC_HTML)
		ky_buf_adds(d->out, "<p>");
	else
		md_block(d);
}

void ky_doc_para_end(struct ky_doc *d)
{
	d->in_para = 0;
	ky_buf_adds(d->out, d->fmt == KY_DOC_HTML ? "</p>\n" : "\n");
}

void ky_doc_text(struct ky_doc *d, const char *s)
{
	esc(d, s);
}

void ky_doc_textf(struct ky_doc *d, const char *fmt, ...)
{
	struct ky_buf b = KY_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	ky_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	esc(d, b.buf);
	ky_buf_release(&b);
}

static void wrap(struct ky_doc *d, const char *s, const char *md, const char *tag)
{
	if (d->fmt == KY_DOC_HTML)
		ky_buf_addf(d->out, "<%s>", tag);
	else
		ky_buf_adds(d->out, md);
	esc(d, s);
	if (d->fmt == KY_DOC_HTML)
		ky_buf_addf(d->out, "</%s>", tag);
	else
		ky_buf_adds(d->out, md);
}

void ky_doc_strong(struct ky_doc *d, const char *s)
{
	wrap(d, s, "**", "strong");
}

void ky_doc_em(struct ky_doc *d, const char *s)
{
	wrap(d, s, "*", "em");
}

void ky_doc_para(struct ky_doc *d, const char *s)
{
	ky_doc_para_begin(d);
	ky_doc_text(d, s);
	ky_doc_para_end(d);
}

void ky_doc_table_begin(struct ky_doc *d, int n, const char *const *head, const char *align)
{
	list_end(d);
	if (n > 64)
		n = 64;
	d->in_table = 1;
	d->n_cols = n;
	d->col = 0;
	for (int i = 0; i < n; i++)
		d->align[i] = align[i] == 'r' ? 'r' : 'l';
	d->align[n] = '\0';
	if (d->fmt == KY_DOC_HTML) {
		ky_buf_adds(d->out, "<table>\n<thead><tr>");
		for (int i = 0; i < n; i++) {
			ky_buf_adds(d->out, align[i] == 'r' ? "<th class=\"r\">" : "<th>");
			ky_html_escape(d->out, head[i]);
			ky_buf_adds(d->out, "</th>");
		}
		ky_buf_adds(d->out, "</tr></thead>\n<tbody>\n");
		return;
	}
	md_block(d);
	ky_buf_addch(d->out, '|');
	for (int i = 0; i < n; i++) {
		ky_buf_addch(d->out, ' ');
		ky_md_escape(d->out, head[i]);
		ky_buf_adds(d->out, " |");
	}
	ky_buf_adds(d->out, "\n|");
	for (int i = 0; i < n; i++) {
		/* for pandoc the dashes give the columns' relative widths: text
		 * columns wider than numbers, the first one widest */
		int dashes = !d->pandoc ? 3 : align[i] == 'r' ? 6 : i == 0 ? 14 : 8;
		for (int k = 0; k < dashes; k++)
			ky_buf_addch(d->out, '-');
		ky_buf_adds(d->out, align[i] == 'r' ? ":|" : "|");
	}
	ky_buf_addch(d->out, '\n');
}

static void cell_open(struct ky_doc *d)
{
	if (d->fmt == KY_DOC_HTML) {
		if (d->col == 0)
			ky_buf_adds(d->out, "<tr>");
		ky_buf_adds(d->out, d->align[d->col] == 'r' ? "<td class=\"r\">" : "<td>");
	} else {
		ky_buf_adds(d->out, d->col == 0 ? "| " : " ");
	}
}

static void cell_close(struct ky_doc *d)
{
	ky_buf_adds(d->out, d->fmt == KY_DOC_HTML ? "</td>" : " |");
	d->col++;
}

void ky_doc_cell(struct ky_doc *d, const char *s)
{
	if (d->col >= d->n_cols)
		return;
	cell_open(d);
	esc(d, s);
	cell_close(d);
}

/* The escapes work byte by byte, so the pieces escaped in turn are the
 * whole escaped. */
void ky_doc_cell_parts(struct ky_doc *d, size_t n, const char *const *parts)
{
	if (d->col >= d->n_cols)
		return;
	cell_open(d);
	for (size_t i = 0; i < n; i++)
		esc(d, parts[i]);
	cell_close(d);
}

void ky_doc_cellf(struct ky_doc *d, const char *fmt, ...)
{
	struct ky_buf b = KY_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	ky_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	ky_doc_cell(d, b.buf);
	ky_buf_release(&b);
}

void ky_doc_row_end(struct ky_doc *d)
{
	while (d->col < d->n_cols)
		ky_doc_cell(d, "");
	ky_buf_adds(d->out, d->fmt == KY_DOC_HTML ? "</tr>\n" : "\n");
	d->col = 0;
}

void ky_doc_table_end(struct ky_doc *d)
{
	if (d->col)
		ky_doc_row_end(d);
	if (d->fmt == KY_DOC_HTML)
		ky_buf_adds(d->out, "</tbody>\n</table>\n");
	d->in_table = 0;
}

void ky_doc_item_begin(struct ky_doc *d)
{
	if (!d->in_list) {
		if (d->fmt == KY_DOC_HTML)
			ky_buf_adds(d->out, "<ul>\n");
		else
			md_block(d);
		d->in_list = 1;
	}
	ky_buf_adds(d->out, d->fmt == KY_DOC_HTML ? "<li>" : "- ");
}

void ky_doc_item_end(struct ky_doc *d)
{
	ky_buf_adds(d->out, d->fmt == KY_DOC_HTML ? "</li>\n" : "\n");
}

void ky_doc_image(struct ky_doc *d, const char *alt, const char *rel, const char *path,
		  const char *mime)
{
	list_end(d);
	if (d->fmt != KY_DOC_HTML) {
		md_block(d);
		ky_buf_adds(d->out, "![");
		ky_md_escape(d->out, alt);
		ky_buf_adds(d->out, "](");
		ky_buf_adds(d->out, rel);   /* built from sanitised chart ids only */
		ky_buf_adds(d->out, ")\n");
		return;
	}
	FILE *f = fopen(path, "rb");
	struct ky_buf data = KY_BUF_INIT;
	if (f) {
		char chunk[65536];
		size_t n;
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			ky_buf_add(&data, chunk, n);
		if (ferror(f))
			ky_buf_reset(&data);
		fclose(f);
	}
	if (!data.len) {
		d->failed = 1;
		snprintf(d->failed_path, sizeof(d->failed_path), "%s", path);
		ky_doc_para(d, alt);
		ky_buf_release(&data);
		return;
	}
	ky_buf_adds(d->out, "<figure><img alt=\"");
	ky_html_escape(d->out, alt);
	ky_buf_addf(d->out, "\" src=\"data:%s;base64,", mime);
	ky_base64(d->out, (const unsigned char *)data.buf, data.len);
	ky_buf_adds(d->out, "\"></figure>\n");
	ky_buf_release(&data);
}
