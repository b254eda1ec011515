/* ky_doc.h - one report, two renderings: Markdown and self-contained HTML.
 *
 * The report's content is written once through these calls; the document
 * escapes every piece of text for its format, so text from an input can
 * never become markup (HTML tags, Markdown links, table cells).  The HTML
 * page carries its own style, embeds charts as data: URIs and forbids
 * scripts and network access in its Content-Security-Policy.
 */
#ifndef KY_DOC_H
#define KY_DOC_H

#include <stddef.h>

#include "ky_buf.h"

enum ky_doc_format { KY_DOC_MARKDOWN, KY_DOC_HTML };

struct ky_doc {
	enum ky_doc_format fmt;
	struct ky_buf *out;
	const char *lang;            /* html lang attribute */
	int in_table, n_cols, col, in_list, in_para, in_section;
	char align[65];              /* per column 'l' or 'r' (at most 64 columns) */
	int pandoc;                  /* Markdown for pandoc: table column widths */
	int failed;                  /* an embedded chart could not be read */
	char failed_path[512];
};

void ky_doc_begin(struct ky_doc *d, enum ky_doc_format fmt, struct ky_buf *out,
		  const char *lang, const char *title);
void ky_doc_end(struct ky_doc *d);

/* A heading (level 1..3); in HTML a level 2 heading opens a <section>. */
void ky_doc_heading(struct ky_doc *d, int level, const char *text);
void ky_doc_headingf(struct ky_doc *d, int level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Paragraphs: text pieces between para_begin and para_end. */
void ky_doc_para_begin(struct ky_doc *d);
void ky_doc_para_end(struct ky_doc *d);
void ky_doc_text(struct ky_doc *d, const char *s);
void ky_doc_textf(struct ky_doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ky_doc_strong(struct ky_doc *d, const char *s);
void ky_doc_em(struct ky_doc *d, const char *s);
/* A whole paragraph of text. */
void ky_doc_para(struct ky_doc *d, const char *s);

/* Tables: N columns with HEAD texts; ALIGN has one 'l' or 'r' per column. */
void ky_doc_table_begin(struct ky_doc *d, int n, const char *const *head, const char *align);
void ky_doc_cell(struct ky_doc *d, const char *s);
void ky_doc_cellf(struct ky_doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* One cell of the N texts in PARTS one after the other (no printf). */
void ky_doc_cell_parts(struct ky_doc *d, size_t n, const char *const *parts);
/* Cells left in the row are written empty. */
void ky_doc_row_end(struct ky_doc *d);
void ky_doc_table_end(struct ky_doc *d);

/* Bulleted lists: item_begin, text pieces, item_end. */
void ky_doc_item_begin(struct ky_doc *d);
void ky_doc_item_end(struct ky_doc *d);

/* A chart: Markdown links REL (relative to the report); HTML embeds the
 * file at PATH as a data: URI of type MIME (on a read error the alt text is
 * written, d->failed set and the path kept in d->failed_path). */
void ky_doc_image(struct ky_doc *d, const char *alt, const char *rel, const char *path,
		  const char *mime);

/* Escaping used by the renderings, exposed for tests: S as HTML text (also
 * safe inside a quoted attribute) and as one line of Markdown. */
void ky_html_escape(struct ky_buf *out, const char *s);
void ky_md_escape(struct ky_buf *out, const char *s);
/* Base64 (RFC 4648, with padding). */
void ky_base64(struct ky_buf *out, const unsigned char *data, size_t n);

#endif
