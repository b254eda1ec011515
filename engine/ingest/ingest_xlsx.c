/* ingest_xlsx.c - the first worksheet of an Office Open XML workbook.
 *
 * The workbook is a zip (libzip).  Its parts are XML, always streamed: every
 * part is decompressed with zip_fread() straight into libxml2 (the
 * xmlTextReader pull parser through xmlReaderForIO(), and a bare SAX push
 * parser for the pass that finds merged cells), so no part is ever held
 * whole in memory.  Only the shared strings, the date-ness of each cell
 * style and the merged ranges of the first rows are kept.
 *
 * Order of work at open: workbook.xml (first sheet's name, r:id, date1904)
 * -> workbook.xml.rels (the sheet's part) -> sharedStrings.xml -> styles.xml
 * -> a first pass over the sheet for <mergeCells> (they follow <sheetData>)
 * -> the first non-empty row, so that an empty sheet fails at open like an
 * empty CSV file does.  ky_xlsx_next() then pulls one <row> at a time.
 *
 * Every decompressed byte is counted against max_unzipped (the second pass
 * over the sheet part re-reads bytes that were already counted, so each part
 * counts once); a part whose declared size is over the remaining budget is
 * rejected before it is opened.
 */
#include "ingest_int.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <zip.h>

#include "ky_buf.h"

#define FALLBACK_SHEET "xl/worksheets/sheet1.xml"
#define MERGE_ROWS 3            /* merged ranges kept: those starting in rows 1..3 */
#define CHUNK 65536

#if LIBXML_VERSION >= 21200
typedef const xmlError *xml_error_ptr;
#else
typedef xmlErrorPtr xml_error_ptr;
#endif

/* libxml2 and libzip are opened on the first workbook (ky_dynlib_load),
 * not linked: a run on CSV files then never loads them nor what they pull in
 * (ICU, libstdc++, libcrypto).  Every function used is called through LIB;
 * xmlFree is a variable (a function pointer), so its slot points to it. */
#define XML_FUNCS(F) \
	F(xmlGetProp) F(xmlFree) F(xmlTextReaderCurrentDoc) F(xmlDocGetRootElement) \
	F(xmlLastElementChild) F(xmlReaderForIO) \
	F(xmlTextReaderSetStructuredErrorHandler) F(xmlFreeTextReader) F(xmlFreeDoc) \
	F(xmlTextReaderRead) F(xmlTextReaderConstLocalName) F(xmlTextReaderNodeType) \
	F(xmlTextReaderIsEmptyElement) F(xmlTextReaderConstValue) \
	F(xmlTextReaderMoveToNextAttribute) F(xmlTextReaderIsNamespaceDecl) \
	F(xmlTextReaderMoveToElement) F(xmlParseChunk) F(xmlCreatePushParserCtxt) \
	F(xmlCtxtUseOptions) F(xmlFreeParserCtxt) F(xmlInitParser)
#define ZIP_FUNCS(F) \
	F(zip_fread) F(zip_file_strerror) F(zip_name_locate) F(zip_stat_init) \
	F(zip_stat_index) F(zip_fopen_index) F(zip_strerror) F(zip_fclose) F(zip_open) \
	F(zip_error_init_with_code) F(zip_error_strerror) F(zip_error_fini) \
	F(zip_discard)
static struct {
#define SLOT(f) __typeof__(f) *f;
	XML_FUNCS(SLOT)
	ZIP_FUNCS(SLOT)
#undef SLOT
} lib;

#define SYM(f) { #f, (void **)&lib.f },
static const struct ky_dynsym xml_syms[] = { XML_FUNCS(SYM) };
static const struct ky_dynsym zip_syms[] = { ZIP_FUNCS(SYM) };
#undef SYM
#ifndef KY_SONAME_XML2                /* the Makefile passes the build's sonames */
#define KY_SONAME_XML2 "libxml2.so.2"
#endif
#ifndef KY_SONAME_ZIP
#define KY_SONAME_ZIP "libzip.so.4"
#endif
static const char *const xml_names[] = { KY_SONAME_XML2, "libxml2.so.2", "libxml2.so", NULL };
static const char *const zip_names[] = { KY_SONAME_ZIP, "libzip.so.4", "libzip.so", NULL };
static struct ky_dynlib xml_lib = { "libxml2", "libxml2", xml_names, xml_syms,
				    sizeof(xml_syms) / sizeof(xml_syms[0]), 0, "" };
static struct ky_dynlib zip_lib = { "libzip", "libzip4", zip_names, zip_syms,
				    sizeof(zip_syms) / sizeof(zip_syms[0]), 0, "" };

/* A zip entry being decompressed into an XML parser. */
struct part {
	struct ky_xlsx *x;
	const char *name;
	zip_file_t *zf;
	xmlTextReaderPtr rd;
	xmlDocPtr doc;                  /* kept from the reader after an error */
	zip_uint64_t pos;               /* bytes decompressed so far */
	zip_uint64_t counted;           /* bytes already counted by an earlier pass */
};

/* A merged range, 1-based rows, 0-based columns. */
struct merge {
	unsigned long r1, r2;
	size_t c1, c2;
	char *text;                     /* the top-left cell's text, once seen */
};

/* A non-empty cell of the current row: its text in row_text. */
struct cell {
	size_t col, off, len;
};

struct ky_xlsx {
	char *path;
	zip_t *zip;
	char *sheet;                    /* the sheet's name */
	char *part_name;                /* its part, e.g. xl/worksheets/sheet1.xml */
	int date1904;
	size_t max_cell, max_columns;
	unsigned long long max_unzipped, unzipped;
	zip_uint64_t sheet_counted;     /* bytes of the sheet part counted by pass 1 */

	/* why a read callback failed, and the parser's message */
	int over_limit, zip_failed;
	char zip_msg[160];
	char xml_msg[200];
	int xml_level, xml_line;

	/* shared strings: NUL-separated texts; len SIZE_MAX = over max_cell */
	int have_sst;
	struct ky_buf sst;
	size_t *sst_off, *sst_len, n_sst, cap_sst, cap_sst_len;

	/* styles: whether cellXfs entry i shows a date */
	unsigned char *xf_date;
	size_t n_xf, cap_xf;

	struct merge *merge;
	size_t n_merge, cap_merge;

	/* the sheet stream and the parse state */
	struct part sp;
	int in_data, in_row, in_cell, in_v, in_is, in_t, in_rph, done, failed, pending;
	unsigned long row;              /* the current row number */
	size_t col;                     /* 1-based column of the last cell started */
	char ctype[16];                 /* the current cell's t= */
	long cstyle;                    /* its s=, -1 when none */
	struct ky_buf raw;              /* the current cell's XML text */
	struct ky_buf row_text;         /* the row's decoded cell texts */
	struct cell *cells;
	size_t n_cells, cap_cells;

	/* the record handed out */
	const char **ptr;
	size_t *len, cap_rec;
	size_t width;                   /* header width (0 before the header) */
	unsigned long number;
	struct ky_record rec;
	struct ky_error first_err;      /* repeated by later calls after a failure */
	struct ky_error *err;
};

enum ev { EV_START, EV_END, EV_TEXT };

/* A node handler: NAME is the element's local name or the text.  Returns 0
 * to go on, 1 to stop the walk, -1 on error (ERR set). */
typedef int (*node_fn)(struct ky_xlsx *x, enum ev ev, const char *name, size_t n,
		       xmlTextReaderPtr rd, void *ctx);

/* ---- errors -------------------------------------------------------------- */

/* "sheet 'NAME': " once the sheet is known, else "". */
static const char *sheet_prefix(struct ky_xlsx *x, char *buf, size_t n)
{
	if (!x->sheet)
		return "";
	snprintf(buf, n, "sheet '%s': ", x->sheet);
	return buf;
}

static size_t ref_column(const char **s, size_t limit);

/* The number in the attribute "r" of NODE (column letters skipped), 0 when
 * there is none. */
static unsigned long node_ref(xmlNodePtr node, int column, size_t limit)
{
	xmlChar *r = lib.xmlGetProp(node, (const xmlChar *)"r");
	const char *s = (const char *)r;
	unsigned long n = 0;
	if (s && column)
		n = ref_column(&s, limit);
	else if (s)
		n = strtoul(s, NULL, 10);
	(*lib.xmlFree)(r);
	return n;
}

/* After an XML error in the sheet part P: the position of the last cell the
 * parser had started.  It parses ahead of the reader, so the reader's own
 * position (kept when the cells have no r=) can lag a few rows behind. */
static void parser_position(struct ky_xlsx *x, struct part *p, unsigned long *line,
			    unsigned long *col)
{
	p->doc = lib.xmlTextReaderCurrentDoc(p->rd);   /* freed by part_close() */
	xmlNodePtr row = NULL, c = NULL;
	for (xmlNodePtr n = p->doc ? lib.xmlDocGetRootElement(p->doc) : NULL; n;
	     n = lib.xmlLastElementChild(n)) {
		if (!strcmp((const char *)n->name, "row"))
			row = n;
		else if (row && !strcmp((const char *)n->name, "c"))
			c = n;
	}
	unsigned long r = row ? node_ref(row, 0, 0) : 0;
	unsigned long k = c ? node_ref(c, 1, x->max_columns) : 0;
	if (r && (k || !c)) {
		*line = r;
		*col = k;
	}
}

/* Reports why reading part P stopped: the unzip limit, a zip error or the
 * XML parser's message, at LINE/COL (for the sheet, where the parser
 * stopped).  Returns -1. */
static int part_error(struct ky_xlsx *x, struct part *p, unsigned long line,
		      unsigned long col)
{
	char pre[300];
	const char *s = sheet_prefix(x, pre, sizeof(pre));
	if (p == &x->sp && p->rd && !x->over_limit && !x->zip_failed)
		parser_position(x, p, &line, &col);
	if (x->over_limit)
		return ky_error_set(x->err, KY_ERR_LIMIT, x->path, line, col,
				    "%sthe workbook decompresses to more than %llu bytes (limit)",
				    s, x->max_unzipped);
	if (x->zip_failed)
		return ky_error_set(x->err, KY_ERR_PARSE, x->path, line, col,
				    "not an XLSX workbook: cannot decompress %s: %s", p->name,
				    x->zip_msg);
	return ky_error_set(x->err, KY_ERR_PARSE, x->path, line, col,
			    "%smalformed XML in %s (XML line %d): %s", s, p->name, x->xml_line,
			    x->xml_msg[0] ? x->xml_msg : "unexpected end of the part");
}

/* libxml2's structured error handler: keeps the first of the most severe
 * messages, on one line, instead of printing it. */
static void on_xml_error(void *ctx, xml_error_ptr e)
{
	struct ky_xlsx *x = ctx;
	if (!e || (int)e->level <= x->xml_level)
		return;
	x->xml_level = (int)e->level;
	x->xml_line = e->line;
	const char *m = e->message ? e->message : "error";
	if (e->code == XML_ERR_DOCUMENT_END)   /* push mode's word for a cut part */
		m = "the XML ends too early (truncated?) or has content after its end";
	snprintf(x->xml_msg, sizeof(x->xml_msg), "%s", m);
	size_t n = strlen(x->xml_msg);
	for (size_t i = 0; i < n; i++)
		if (x->xml_msg[i] == '\n' || x->xml_msg[i] == '\r')
			x->xml_msg[i] = ' ';
	while (n && x->xml_msg[n - 1] == ' ')
		x->xml_msg[--n] = '\0';
}

/* ---- parts ----------------------------------------------------------------- */

/* xmlInputReadCallback: decompresses up to LEN bytes of the part, counting
 * them against max_unzipped.  Returns the byte count, 0 at the end, -1 on a
 * zip error or when over the limit (the reason kept in X). */
static int part_read(void *ctx, char *buf, int len)
{
	struct part *p = ctx;
	struct ky_xlsx *x = p->x;
	if (x->over_limit || x->zip_failed)
		return -1;
	zip_int64_t n = lib.zip_fread(p->zf, buf, (zip_uint64_t)len);
	if (n < 0) {
		x->zip_failed = 1;
		snprintf(x->zip_msg, sizeof(x->zip_msg), "%s", lib.zip_file_strerror(p->zf));
		return -1;
	}
	zip_uint64_t end = p->pos + (zip_uint64_t)n;
	if (end > p->counted) {
		x->unzipped += end - (p->pos > p->counted ? p->pos : p->counted);
		if (x->unzipped > x->max_unzipped) {
			x->over_limit = 1;
			return -1;
		}
	}
	p->pos = end;
	return (int)n;
}

/* Opens the zip entry NAME into P (COUNTED bytes of it already counted).
 * Returns 1 when opened, 0 when the workbook has no such entry, -1 on error
 * (a declared size over the remaining budget, an unreadable entry). */
static int part_open(struct ky_xlsx *x, struct part *p, const char *name,
		     zip_uint64_t counted)
{
	memset(p, 0, sizeof(*p));
	x->xml_level = 0;
	x->xml_msg[0] = '\0';
	p->x = x;
	p->name = name;
	p->counted = counted;
	zip_int64_t idx = lib.zip_name_locate(x->zip, name, ZIP_FL_NOCASE);
	if (idx < 0)
		return 0;
	zip_stat_t st;
	lib.zip_stat_init(&st);
	if (!counted && lib.zip_stat_index(x->zip, (zip_uint64_t)idx, 0, &st) == 0 &&
	    (st.valid & ZIP_STAT_SIZE) && st.size > x->max_unzipped - x->unzipped) {
		char pre[300];
		return ky_error_set(x->err, KY_ERR_LIMIT, x->path, 0, 0,
				    "%s%s decompresses to %llu bytes: over the limit of %llu bytes "
				    "for the whole workbook", sheet_prefix(x, pre, sizeof(pre)), name,
				    (unsigned long long)st.size, x->max_unzipped);
	}
	p->zf = lib.zip_fopen_index(x->zip, (zip_uint64_t)idx, 0);
	if (!p->zf)
		return ky_error_set(x->err, KY_ERR_PARSE, x->path, 0, 0,
				    "not an XLSX workbook: cannot open %s: %s", name,
				    lib.zip_strerror(x->zip));
	return 1;
}

/* Puts an xmlTextReader on the opened part P.  Returns 0 or -1. */
static int part_reader(struct ky_xlsx *x, struct part *p)
{
	p->rd = lib.xmlReaderForIO(part_read, NULL, p, p->name, NULL, XML_PARSE_NONET);
	if (!p->rd)
		return ky_error_set(x->err, KY_ERR_INTERNAL, x->path, 0, 0,
				    "cannot start the XML parser for %s", p->name);
	lib.xmlTextReaderSetStructuredErrorHandler(p->rd, on_xml_error, x);
	return 0;
}

static void part_close(struct part *p)
{
	if (p->rd)
		lib.xmlFreeTextReader(p->rd);
	if (p->doc)
		lib.xmlFreeDoc(p->doc);
	if (p->zf)
		lib.zip_fclose(p->zf);
	p->rd = NULL;
	p->doc = NULL;
	p->zf = NULL;
}

/* Reads one node of P and hands it to FN (an empty element as START then
 * END).  Returns 1 to go on, 2 when FN stopped, 0 at the end of the part,
 * -1 on error; a parser or zip failure is reported at LINE/COL. */
static int part_step(struct ky_xlsx *x, struct part *p, node_fn fn, void *ctx,
		     unsigned long line, unsigned long col)
{
	int rc = lib.xmlTextReaderRead(p->rd);
	if (rc < 0 || x->over_limit || x->zip_failed)
		return part_error(x, p, line, col);
	if (rc == 0)
		return 0;
	const char *name = (const char *)lib.xmlTextReaderConstLocalName(p->rd);
	int r = 0;
	switch (lib.xmlTextReaderNodeType(p->rd)) {
	case XML_READER_TYPE_ELEMENT:
		r = fn(x, EV_START, name, 0, p->rd, ctx);
		if (!r && lib.xmlTextReaderIsEmptyElement(p->rd))
			r = fn(x, EV_END, name, 0, p->rd, ctx);
		break;
	case XML_READER_TYPE_END_ELEMENT:
		r = fn(x, EV_END, name, 0, p->rd, ctx);
		break;
	case XML_READER_TYPE_TEXT:
	case XML_READER_TYPE_CDATA:
	case XML_READER_TYPE_WHITESPACE:
	case XML_READER_TYPE_SIGNIFICANT_WHITESPACE: {
		const char *v = (const char *)lib.xmlTextReaderConstValue(p->rd);
		if (v)
			r = fn(x, EV_TEXT, v, strlen(v), p->rd, ctx);
		break;
	}
	default:
		break;
	}
	return r < 0 ? -1 : r > 0 ? 2 : 1;
}

/* Streams the whole part NAME through FN.  Returns 1 when done, 0 when the
 * workbook has no such part, -1 on error. */
static int walk_part(struct ky_xlsx *x, const char *name, node_fn fn, void *ctx)
{
	struct part p;
	int rc = part_open(x, &p, name, 0);
	if (rc <= 0)
		return rc;
	if (part_reader(x, &p) < 0) {
		part_close(&p);
		return -1;
	}
	while ((rc = part_step(x, &p, fn, ctx, 0, 0)) == 1)
		;
	part_close(&p);
	return rc < 0 ? -1 : 1;
}

/* Copies the value of the current element's attribute with local name
 * LOCAL into BUF (truncated to N - 1 bytes).  Returns 1 if present. */
static int get_attr(xmlTextReaderPtr rd, const char *local, char *buf, size_t n)
{
	int found = 0;
	buf[0] = '\0';
	while (!found && lib.xmlTextReaderMoveToNextAttribute(rd) == 1) {
		if (lib.xmlTextReaderIsNamespaceDecl(rd) == 1 ||
		    strcmp((const char *)lib.xmlTextReaderConstLocalName(rd), local))
			continue;
		const char *v = (const char *)lib.xmlTextReaderConstValue(rd);
		snprintf(buf, n, "%s", v ? v : "");
		found = 1;
	}
	lib.xmlTextReaderMoveToElement(rd);
	return found;
}

/* The attribute LOCAL of the current element as a new string, or NULL. */
static char *dup_attr(xmlTextReaderPtr rd, const char *local)
{
	char *s = NULL;
	while (!s && lib.xmlTextReaderMoveToNextAttribute(rd) == 1) {
		if (lib.xmlTextReaderIsNamespaceDecl(rd) == 1 ||
		    strcmp((const char *)lib.xmlTextReaderConstLocalName(rd), local))
			continue;
		const char *v = (const char *)lib.xmlTextReaderConstValue(rd);
		s = ky_xstrdup(v ? v : "");
	}
	lib.xmlTextReaderMoveToElement(rd);
	return s;
}

/* ---- text ------------------------------------------------------------------ */

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The code unit of an "_xHHHH_" escape at S (N bytes left), or -1. */
static long escape_at(const char *s, size_t n)
{
	if (n < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_')
		return -1;
	long u = 0;
	for (int i = 2; i < 6; i++) {
		int h = hexval(s[i]);
		if (h < 0)
			return -1;
		u = u * 16 + h;
	}
	return u;
}

/* Appends code point CP as UTF-8; a '\n' after a '\r' of this cell (from
 * START on) replaces the '\r'. */
static void put_cp(struct ky_buf *b, size_t start, unsigned long cp)
{
	char u[4];
	size_t n;
	if (cp == '\n' && b->len > start && b->buf[b->len - 1] == '\r') {
		b->buf[b->len - 1] = '\n';
		return;
	}
	if (cp < 0x80) {
		u[0] = (char)cp, n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | cp >> 6), u[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | cp >> 12), u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
	} else {
		u[0] = (char)(0xF0 | cp >> 18), u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), u[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
	}
	ky_buf_add(b, u, n);
}

/* Decodes one "_xHHHH_" escape (or a surrogate pair of two) at S.  Returns
 * the bytes consumed, 0 when S is not a decodable escape (then it is text:
 * NUL and lone surrogates stay literal). */
static size_t put_escape(struct ky_buf *b, size_t start, const char *s, size_t n)
{
	long u = escape_at(s, n);
	if (u <= 0 || (u >= 0xDC00 && u <= 0xDFFF))
		return 0;
	if (u < 0xD800 || u > 0xDBFF) {
		put_cp(b, start, (unsigned long)u);
		return 7;
	}
	long lo = escape_at(s + 7, n - 7);
	if (lo < 0xDC00 || lo > 0xDFFF)
		return 0;
	put_cp(b, start, 0x10000 + (((unsigned long)u - 0xD800) << 10) +
			 ((unsigned long)lo - 0xDC00));
	return 14;
}

/* Appends the XML text S[0..N) to B as a cell's text: "_xHHHH_" escapes
 * decoded, "\r\n" turned into "\n".  Returns the bytes appended. */
static size_t add_text(struct ky_buf *b, const char *s, size_t n)
{
	size_t start = b->len;
	for (size_t i = 0; i < n;) {
		size_t k = s[i] == '_' ? put_escape(b, start, s + i, n - i) : 0;
		if (k) {
			i += k;
		} else if (s[i] == '\n') {
			put_cp(b, start, '\n');
			i++;
		} else {
			ky_buf_addch(b, s[i]);
			i++;
		}
	}
	return b->len - start;
}

/* The byte budget for a cell's undecoded XML text (escapes shrink it). */
static size_t raw_limit(const struct ky_xlsx *x)
{
	return x->max_cell > SIZE_MAX / 8 ? SIZE_MAX : x->max_cell * 7;
}

/* ---- workbook.xml and its relationships --------------------------------- */

struct book {
	char *rid;
	char *target;
};

/* workbook.xml: date1904, and the first <sheet>'s name and r:id. */
static int on_workbook(struct ky_xlsx *x, enum ev ev, const char *name, size_t n,
		       xmlTextReaderPtr rd, void *ctx)
{
	struct book *b = ctx;
	char v[16];
	(void)n;
	if (ev != EV_START)
		return 0;
	if (!strcmp(name, "workbookPr") && get_attr(rd, "date1904", v, sizeof(v)))
		x->date1904 = !strcmp(v, "1") || !strcmp(v, "true");
	if (strcmp(name, "sheet"))
		return 0;
	x->sheet = dup_attr(rd, "name");
	b->rid = dup_attr(rd, "id");
	return 1;
}

/* workbook.xml.rels: the Target of the relationship with Id == rid. */
static int on_rels(struct ky_xlsx *x, enum ev ev, const char *name, size_t n,
		   xmlTextReaderPtr rd, void *ctx)
{
	struct book *b = ctx;
	(void)x, (void)n;
	if (ev != EV_START || strcmp(name, "Relationship"))
		return 0;
	char *id = dup_attr(rd, "Id");
	int match = id && !strcmp(id, b->rid);
	free(id);
	if (!match)
		return 0;
	b->target = dup_attr(rd, "Target");
	return 1;
}

/* The zip entry name of a relationship target in xl/_rels/workbook.xml.rels:
 * "/xl/worksheets/s.xml" is absolute, "worksheets/s.xml" relative to xl/. */
static char *resolve_target(const char *t)
{
	if (t[0] == '/')
		return ky_xstrdup(t + 1);
	while (!strncmp(t, "./", 2))
		t += 2;
	if (!strncmp(t, "../", 3))
		return ky_xstrdup(t + 3);
	struct ky_buf b = KY_BUF_INIT;
	ky_buf_addf(&b, "xl/%s", t);
	return ky_buf_detach(&b, NULL);
}

/* Finds the first sheet's name and part (falling back to sheet1.xml).
 * Returns 0 or -1 (no worksheet, unreadable parts). */
static int find_sheet(struct ky_xlsx *x)
{
	struct book b = { NULL, NULL };
	int rc = walk_part(x, "xl/workbook.xml", on_workbook, &b);
	if (rc > 0 && b.rid)
		rc = walk_part(x, "xl/_rels/workbook.xml.rels", on_rels, &b);
	if (rc >= 0 && b.target) {
		x->part_name = resolve_target(b.target);
		if (lib.zip_name_locate(x->zip, x->part_name, ZIP_FL_NOCASE) < 0) {
			free(x->part_name);
			x->part_name = NULL;
		}
	}
	free(b.rid);
	free(b.target);
	if (rc < 0)
		return -1;
	if (!x->part_name && lib.zip_name_locate(x->zip, FALLBACK_SHEET, ZIP_FL_NOCASE) >= 0)
		x->part_name = ky_xstrdup(FALLBACK_SHEET);
	if (!x->part_name)
		return ky_error_set(x->err, KY_ERR_PARSE, x->path, 0, 0,
				    "no worksheet in the workbook (not an XLSX file?)");
	if (!x->sheet)
		x->sheet = ky_xstrdup("Sheet1");
	return 0;
}

/* ---- shared strings ------------------------------------------------------ */

struct sst_state {
	int in_t, in_rph, over;
	struct ky_buf s;
};

/* Stores the collected <si> text as shared string n_sst. */
static void sst_store(struct ky_xlsx *x, struct sst_state *st)
{
	ky_xgrow((void **)&x->sst_off, &x->cap_sst, x->n_sst + 1, sizeof(*x->sst_off));
	ky_xgrow((void **)&x->sst_len, &x->cap_sst_len, x->n_sst + 1, sizeof(*x->sst_len));
	size_t off = x->sst.len, len = SIZE_MAX;
	if (!st->over) {
		len = add_text(&x->sst, st->s.buf, st->s.len);
		if (len > x->max_cell) {
			x->sst.len = off;
			len = SIZE_MAX;
		}
	}
	ky_buf_addch(&x->sst, '\0');
	x->sst_off[x->n_sst] = off;
	x->sst_len[x->n_sst++] = len;
	ky_buf_reset(&st->s);
	st->over = 0;
}

/* sharedStrings.xml: every <si>, all its <t> outside <rPh>. */
static int on_sst(struct ky_xlsx *x, enum ev ev, const char *name, size_t n,
		  xmlTextReaderPtr rd, void *ctx)
{
	struct sst_state *st = ctx;
	(void)rd;
	if (ev == EV_TEXT) {
		if (!st->in_t || st->in_rph || st->over)
			return 0;
		if (n > raw_limit(x) - st->s.len)
			st->over = 1;
		else
			ky_buf_add(&st->s, name, n);
	} else if (!strcmp(name, "t")) {
		st->in_t = ev == EV_START;
	} else if (!strcmp(name, "rPh")) {
		st->in_rph = ev == EV_START;
	} else if (!strcmp(name, "si") && ev == EV_END) {
		sst_store(x, st);
	}
	return 0;
}

static int load_sst(struct ky_xlsx *x)
{
	struct sst_state st = { 0, 0, 0, KY_BUF_INIT };
	int rc = walk_part(x, "xl/sharedStrings.xml", on_sst, &st);
	ky_buf_release(&st.s);
	x->have_sst = rc > 0;
	return rc < 0 ? -1 : 0;
}

/* ---- styles ------------------------------------------------------------------ */

struct fmt {
	long id;
	int date;
};

struct styles {
	int in_numfmts, in_cellxfs;
	struct fmt *fmt;
	size_t n_fmt, cap_fmt;
};

/* Whether a number format code shows a date or time: d, m, y, h or s outside
 * quoted text and [...] brackets, skipping the character after a backslash
 * (escape), '_' (padding) or '*' (fill). */
static int format_is_date(const char *code)
{
	for (const char *s = code; *s; s++) {
		if (*s == '"') {
			s = strchr(s + 1, '"');
			if (!s)
				return 0;
		} else if (*s == '[') {
			s = strchr(s + 1, ']');
			if (!s)
				return 0;
		} else if (*s == '\\' || *s == '_' || *s == '*') {
			if (!*++s)
				return 0;
		} else if (strchr("dmyhsDMYHS", *s)) {
			return 1;
		}
	}
	return 0;
}

/* Whether number format ID is a date: a custom <numFmt> first, then the
 * built-in date formats 14-22 and 45-47. */
static int fmt_is_date(const struct styles *st, long id)
{
	for (size_t i = 0; i < st->n_fmt; i++)
		if (st->fmt[i].id == id)
			return st->fmt[i].date;
	return (id >= 14 && id <= 22) || (id >= 45 && id <= 47);
}

static void add_numfmt(struct styles *st, xmlTextReaderPtr rd)
{
	char id[24];
	if (!get_attr(rd, "numFmtId", id, sizeof(id)))
		return;
	char *code = dup_attr(rd, "formatCode");
	ky_xgrow((void **)&st->fmt, &st->cap_fmt, st->n_fmt + 1, sizeof(*st->fmt));
	st->fmt[st->n_fmt].id = strtol(id, NULL, 10);
	st->fmt[st->n_fmt++].date = code && format_is_date(code);
	free(code);
}

static void add_xf(struct ky_xlsx *x, struct styles *st, xmlTextReaderPtr rd)
{
	char id[24];
	long v = get_attr(rd, "numFmtId", id, sizeof(id)) ? strtol(id, NULL, 10) : 0;
	ky_xgrow((void **)&x->xf_date, &x->cap_xf, x->n_xf + 1, 1);
	x->xf_date[x->n_xf++] = (unsigned char)fmt_is_date(st, v);
}

/* styles.xml: <numFmts><numFmt> codes, then <cellXfs><xf numFmtId>. */
static int on_styles(struct ky_xlsx *x, enum ev ev, const char *name, size_t n,
		     xmlTextReaderPtr rd, void *ctx)
{
	struct styles *st = ctx;
	(void)n;
	if (ev == EV_TEXT)
		return 0;
	if (!strcmp(name, "numFmts"))
		st->in_numfmts = ev == EV_START;
	else if (!strcmp(name, "cellXfs"))
		st->in_cellxfs = ev == EV_START;
	else if (ev == EV_START && st->in_numfmts && !strcmp(name, "numFmt"))
		add_numfmt(st, rd);
	else if (ev == EV_START && st->in_cellxfs && !strcmp(name, "xf"))
		add_xf(x, st, rd);
	return 0;
}

static int load_styles(struct ky_xlsx *x)
{
	struct styles st = { 0, 0, NULL, 0, 0 };
	int rc = walk_part(x, "xl/styles.xml", on_styles, &st);
	free(st.fmt);
	return rc < 0 ? -1 : 0;
}

/* ---- cell references ----------------------------------------------------- */

/* Parses the column letters at *S into a 1-based index (saturating above
 * LIMIT), advancing *S.  Returns 0 when there are no letters. */
static size_t ref_column(const char **s, size_t limit)
{
	size_t col = 0;
	for (; (**s >= 'A' && **s <= 'Z') || (**s >= 'a' && **s <= 'z'); (*s)++)
		if (col <= limit && col < SIZE_MAX / 32)
			col = col * 26 + (size_t)((**s | 0x20) - 'a' + 1);
	return col;
}

/* Parses "B3" into 1-based column and row.  Returns 0 if malformed. */
static int parse_ref(const char **s, size_t limit, size_t *col, unsigned long *row)
{
	char *end;
	*col = ref_column(s, limit);
	if (!*col || **s < '0' || **s > '9')
		return 0;
	*row = strtoul(*s, &end, 10);
	*s = end;
	return *row > 0;
}

/* ---- merged cells (first pass over the sheet) ---------------------------- */

/* Keeps the range REF ("A1:C2") when it starts in the first rows. */
static void add_merge(struct ky_xlsx *x, const char *ref)
{
	struct merge m = { 0, 0, 0, 0, NULL };
	size_t c1, c2;
	if (!parse_ref(&ref, x->max_columns, &c1, &m.r1) || *ref++ != ':' ||
	    !parse_ref(&ref, x->max_columns, &c2, &m.r2) || *ref)
		return;
	if (m.r1 > MERGE_ROWS || m.r2 < m.r1 || c2 < c1 || c1 > x->max_columns)
		return;
	m.c1 = c1 - 1;
	m.c2 = (c2 > x->max_columns ? x->max_columns : c2) - 1;
	ky_xgrow((void **)&x->merge, &x->cap_merge, x->n_merge + 1, sizeof(*x->merge));
	x->merge[x->n_merge++] = m;
}

/* SAX startElementNs for the merge pass: only <mergeCell ref=...>. */
static void merge_start(void *ctx, const xmlChar *local, const xmlChar *prefix,
			const xmlChar *uri, int nb_ns, const xmlChar **ns, int nb_attr,
			int nb_default, const xmlChar **attr)
{
	struct ky_xlsx *x = ctx;
	(void)prefix, (void)uri, (void)nb_ns, (void)ns, (void)nb_default;
	if (strcmp((const char *)local, "mergeCell"))
		return;
	for (int i = 0; i < nb_attr; i++, attr += 5) {
		if (strcmp((const char *)attr[0], "ref"))
			continue;
		size_t n = (size_t)(attr[4] - attr[3]);
		char ref[48];
		if (n < sizeof(ref)) {
			memcpy(ref, attr[3], n);
			ref[n] = '\0';
			add_merge(x, ref);
		}
	}
}

/* Pushes part P through the SAX parser CTXT until its end or the first XML
 * error: malformed XML is left for the second pass to report with its row
 * and column.  Returns -1 only for the unzip limit or a zip error. */
static int push_part(struct ky_xlsx *x, struct part *p, xmlParserCtxtPtr ctxt)
{
	char *buf = ky_xmalloc(CHUNK);
	int n, rc = 0;
	while (!rc && (n = part_read(p, buf, CHUNK)) > 0)
		rc = lib.xmlParseChunk(ctxt, buf, n, 0);
	if (!rc && n == 0)
		lib.xmlParseChunk(ctxt, NULL, 0, 1);
	free(buf);
	return x->over_limit || x->zip_failed ? part_error(x, p, 0, 0) : 0;
}

/* The cheap first pass: a SAX parse of the sheet part that only looks at
 * <mergeCell>.  Returns 0 or -1. */
static int load_merges(struct ky_xlsx *x)
{
	struct part p;
	int rc = part_open(x, &p, x->part_name, 0);
	if (rc <= 0)
		return rc < 0 ? -1 : ky_error_set(x->err, KY_ERR_PARSE, x->path, 0, 0,
						  "no worksheet in the workbook");
	xmlSAXHandler sax;
	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = merge_start;
	sax.serror = on_xml_error;
	xmlParserCtxtPtr ctxt = lib.xmlCreatePushParserCtxt(&sax, x, NULL, 0, p.name);
	if (!ctxt) {
		part_close(&p);
		return ky_error_set(x->err, KY_ERR_INTERNAL, x->path, 0, 0,
				    "cannot start the XML parser");
	}
	lib.xmlCtxtUseOptions(ctxt, XML_PARSE_NONET);
	rc = push_part(x, &p, ctxt);
	lib.xmlFreeParserCtxt(ctxt);
	x->sheet_counted = p.pos;
	part_close(&p);
	return rc;
}

/* ---- cells ----------------------------------------------------------------- */

/* Days since 1970-01-01 -> civil date (H. Hinnant's algorithm). */
static void civil_from_days(long long z, long long *y, unsigned *m, unsigned *d)
{
	z += 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (long long)yoe + era * 400 + (*m <= 2);
}

/* Writes the date serial V as "YYYY-MM-DD" (integral after rounding to the
 * second) or "YYYY-MM-DD HH:MM:SS"; in the 1900 system a time under one day
 * is "HH:MM:SS" and serial 60 is Excel's 1900-02-29.  Returns 0 when V is
 * no date Excel shows (negative, after 9999). */
static int format_date(const struct ky_xlsx *x, double v, char *out, size_t n)
{
	if (!(v >= 0) || v >= 2958466)
		return 0;
	long long secs = llround(v * 86400.0), days = secs / 86400, sod = secs % 86400;
	long long y = 1900;
	unsigned m = 2, d = 29;
	if (!x->date1904 && days == 0) {
		snprintf(out, n, "%02lld:%02lld:%02lld", sod / 3600, sod / 60 % 60, sod % 60);
		return 1;
	}
	if (x->date1904)
		civil_from_days(days - 24107, &y, &m, &d);
	else if (days != 60)
		civil_from_days(days - (days > 60) - 25568, &y, &m, &d);
	int k = snprintf(out, n, "%04lld-%02u-%02u", y, m, d);
	if (sod && k > 0 && (size_t)k < n)
		snprintf(out + k, n - (size_t)k, " %02lld:%02lld:%02lld", sod / 3600,
			 sod / 60 % 60, sod % 60);
	return 1;
}

/* Appends a numeric cell: a date when its style is one, else "%.15g"; text
 * that is no number is kept as it is. */
static void add_number(struct ky_xlsx *x, const char *s, size_t n)
{
	char out[64], *end;
	double v = strtod(s, &end);
	if (end == s || (size_t)(end - s) != n || !isfinite(v)) {
		ky_buf_add(&x->row_text, s, n);
		return;
	}
	int date = x->cstyle >= 0 && (size_t)x->cstyle < x->n_xf && x->xf_date[x->cstyle];
	if (!date || !format_date(x, v, out, sizeof(out)))
		snprintf(out, sizeof(out), "%.15g", v);
	ky_buf_adds(&x->row_text, out);
}

/* Appends the shared string whose index is the text S.  Returns 0 or -1. */
static int add_shared(struct ky_xlsx *x, const char *s)
{
	char pre[300], *end;
	const char *p = sheet_prefix(x, pre, sizeof(pre));
	if (!x->have_sst)
		return ky_error_set(x->err, KY_ERR_PARSE, x->path, x->row, x->col,
				    "%scell refers to shared string '%s' but the workbook has no "
				    "shared strings", p, s);
	unsigned long long i = strtoull(s, &end, 10);
	if (end == s || *end || s[0] == '-' || i >= x->n_sst)
		return ky_error_set(x->err, KY_ERR_PARSE, x->path, x->row, x->col,
				    "%sshared string index '%s' out of range (the workbook has "
				    "%zu)", p, s, x->n_sst);
	if (x->sst_len[i] == SIZE_MAX)
		return ky_error_set(x->err, KY_ERR_LIMIT, x->path, x->row, x->col,
				    "%scell is larger than the limit of %zu bytes", p, x->max_cell);
	ky_buf_add(&x->row_text, x->sst.buf + x->sst_off[i], x->sst_len[i]);
	return 0;
}

/* Appends an ISO 8601 t="d" cell with a space for the 'T' and no 'Z'. */
static void add_iso(struct ky_xlsx *x, const char *s, size_t n)
{
	size_t start = x->row_text.len;
	if (n && s[n - 1] == 'Z')
		n--;
	ky_buf_add(&x->row_text, s, n);
	char *t = memchr(x->row_text.buf + start, 'T', n);
	if (t)
		*t = ' ';
}

/* Converts the collected cell (raw) by its type into row_text.  Returns 0
 * or -1. */
static int convert_cell(struct ky_xlsx *x)
{
	const char *t = x->ctype, *s = x->raw.buf;
	size_t n = x->raw.len;
	if (!n)
		return 0;
	if (!strcmp(t, "s"))
		return add_shared(x, s);
	if (!strcmp(t, "inlineStr") || !strcmp(t, "str"))
		add_text(&x->row_text, s, n);
	else if (!strcmp(t, "b"))
		ky_buf_adds(&x->row_text, !strcmp(s, "1") || !strcmp(s, "true") ? "TRUE" : "FALSE");
	else if (!strcmp(t, "e"))
		ky_buf_add(&x->row_text, s, n);
	else if (!strcmp(t, "d"))
		add_iso(x, s, n);
	else
		add_number(x, s, n);
	return 0;
}

/* </c>: converts the cell and keeps it when non-empty.  Returns 0 or -1. */
static int end_cell(struct ky_xlsx *x)
{
	size_t off = x->row_text.len;
	x->in_cell = x->in_v = x->in_is = x->in_t = x->in_rph = 0;
	if (convert_cell(x) < 0)
		return -1;
	size_t len = x->row_text.len - off;
	if (len > x->max_cell) {
		char pre[300];
		return ky_error_set(x->err, KY_ERR_LIMIT, x->path, x->row, x->col,
				    "%scell is larger than the limit of %zu bytes",
				    sheet_prefix(x, pre, sizeof(pre)), x->max_cell);
	}
	ky_buf_addch(&x->row_text, '\0');
	if (!len)
		return 0;
	ky_xgrow((void **)&x->cells, &x->cap_cells, x->n_cells + 1, sizeof(*x->cells));
	x->cells[x->n_cells++] = (struct cell){ x->col - 1, off, len };
	return 0;
}

/* <c r= t= s=>: the cell's column (r, else the one after the previous
 * cell), checked against max_columns.  Returns 0 or -1. */
static int start_cell(struct ky_xlsx *x, xmlTextReaderPtr rd)
{
	char r[32], s[24];
	const char *p = r;
	size_t col = 0;
	if (get_attr(rd, "r", r, sizeof(r)))
		col = ref_column(&p, x->max_columns);
	x->col = col ? col : x->col + 1;
	get_attr(rd, "t", x->ctype, sizeof(x->ctype));
	x->cstyle = get_attr(rd, "s", s, sizeof(s)) ? strtol(s, NULL, 10) : -1;
	x->in_cell = 1;
	ky_buf_reset(&x->raw);
	if (x->col > x->max_columns) {
		char pre[300];
		return ky_error_set(x->err, KY_ERR_LIMIT, x->path, x->row, x->col,
				    "%scell %s is beyond the limit of %zu columns",
				    sheet_prefix(x, pre, sizeof(pre)), r[0] ? r : "?", x->max_columns);
	}
	return 0;
}

/* <row r=>: the row number (r, else the one after the previous row). */
static void start_row(struct ky_xlsx *x, xmlTextReaderPtr rd)
{
	char r[24], *end;
	unsigned long n = 0;
	if (get_attr(rd, "r", r, sizeof(r)))
		n = strtoul(r, &end, 10);
	x->row = n ? n : x->row + 1;
	x->col = 0;
	x->in_row = 1;
	x->n_cells = 0;
	ky_buf_reset(&x->row_text);
}

/* Text inside <v> or an inline string's <t>: collected into raw. */
static int cell_text(struct ky_xlsx *x, const char *s, size_t n)
{
	if (!x->in_cell || !(x->in_v || (x->in_is && x->in_t && !x->in_rph)))
		return 0;
	if (n > raw_limit(x) - x->raw.len) {
		char pre[300];
		return ky_error_set(x->err, KY_ERR_LIMIT, x->path, x->row, x->col,
				    "%scell is larger than the limit of %zu bytes",
				    sheet_prefix(x, pre, sizeof(pre)), x->max_cell);
	}
	ky_buf_add(&x->raw, s, n);
	return 0;
}

/* Sets the flag for the element NAME inside a cell (v, is, t, rPh). */
static void cell_element(struct ky_xlsx *x, const char *name, int on)
{
	if (!strcmp(name, "v"))
		x->in_v = on;
	else if (!strcmp(name, "is"))
		x->in_is = on;
	else if (!strcmp(name, "t"))
		x->in_t = on;
	else if (!strcmp(name, "rPh"))
		x->in_rph = on;
}

/* The sheet's node handler: stops (1) at </row> and </sheetData>. */
static int on_sheet(struct ky_xlsx *x, enum ev ev, const char *name, size_t n,
		    xmlTextReaderPtr rd, void *ctx)
{
	(void)ctx;
	if (ev == EV_TEXT)
		return cell_text(x, name, n);
	if (!strcmp(name, "sheetData")) {
		x->in_data = ev == EV_START;
		x->done = ev == EV_END;
		return x->done;
	}
	if (!x->in_data)
		return 0;
	if (!strcmp(name, "row")) {
		if (ev == EV_START)
			start_row(x, rd);
		x->in_row = ev == EV_START;
		return ev == EV_END;
	}
	if (!strcmp(name, "c") && x->in_row)
		return ev == EV_START ? start_cell(x, rd) : end_cell(x);
	if (x->in_cell)
		cell_element(x, name, ev == EV_START);
	return 0;
}

/* ---- records ---------------------------------------------------------------- */

/* Makes room for W fields, all empty. */
static void clear_fields(struct ky_xlsx *x, size_t w)
{
	if (w > x->cap_rec) {
		size_t cap = x->cap_rec;
		ky_xgrow((void **)&x->ptr, &cap, w, sizeof(*x->ptr));
		ky_xgrow((void **)&x->len, &x->cap_rec, w, sizeof(*x->len));
	}
	for (size_t i = 0; i < w; i++) {
		x->ptr[i] = ky_buf_empty;
		x->len[i] = 0;
	}
}

/* Drops the merged ranges that end above the current row. */
static void prune_merges(struct ky_xlsx *x)
{
	for (size_t i = 0; i < x->n_merge;) {
		if (x->merge[i].r2 >= x->row) {
			i++;
			continue;
		}
		free(x->merge[i].text);
		x->merge[i] = x->merge[--x->n_merge];
	}
}

/* Fills the current row's cells covered by merged ranges with the text of
 * their top-left cell (kept from the range's first row). */
static void fill_merges(struct ky_xlsx *x)
{
	for (size_t i = 0; i < x->n_merge; i++) {
		struct merge *m = &x->merge[i];
		if (x->row < m->r1)
			continue;
		if (x->row == m->r1) {
			free(m->text);
			m->text = ky_xstrdup(x->ptr[m->c1]);
		}
		if (!m->text)
			continue;
		for (size_t c = m->c1; c <= m->c2; c++) {
			x->ptr[c] = m->text;
			x->len[c] = strlen(m->text);
		}
	}
}

/* Lays out the row's cells as fields.  Returns the number of fields, 0 when
 * the row is empty. */
static size_t build_fields(struct ky_xlsx *x)
{
	size_t w = x->width;
	prune_merges(x);
	for (size_t i = 0; i < x->n_cells; i++)
		w = x->cells[i].col + 1 > w ? x->cells[i].col + 1 : w;
	for (size_t i = 0; i < x->n_merge; i++)
		if (x->row >= x->merge[i].r1 && x->merge[i].c2 + 1 > w)
			w = x->merge[i].c2 + 1;
	clear_fields(x, w);
	for (size_t i = 0; i < x->n_cells; i++) {
		x->ptr[x->cells[i].col] = x->row_text.buf + x->cells[i].off;
		x->len[x->cells[i].col] = x->cells[i].len;
	}
	fill_merges(x);
	size_t last = w;
	while (last && !x->len[last - 1])
		last--;
	if (!last)
		return 0;
	if (!x->width)
		x->width = last;
	return last > x->width ? last : x->width;
}

/* Reads up to the next non-empty row into x->rec.  Returns 1, 0 at the end
 * of the sheet data, -1 on error. */
static int read_row(struct ky_xlsx *x)
{
	while (!x->done) {
		int rc = part_step(x, &x->sp, on_sheet, NULL, x->row, x->col);
		if (rc < 0)
			return -1;
		if (rc == 0)
			x->done = 1;
		if (rc != 2 || x->done)
			continue;
		size_t n = build_fields(x);
		if (!n)
			continue;
		x->rec.n_fields = n;
		x->rec.field = x->ptr;
		x->rec.len = x->len;
		x->rec.line = x->row;
		x->rec.number = ++x->number;
		return 1;
	}
	return 0;
}

/* ---- interface ---------------------------------------------------------- */

/* Opens the zip, or reports it as no workbook.  Returns 0 or -1. */
static int open_zip(struct ky_xlsx *x)
{
	int code = 0;
	x->zip = lib.zip_open(x->path, ZIP_RDONLY, &code);
	if (x->zip)
		return 0;
	zip_error_t ze;
	lib.zip_error_init_with_code(&ze, code);
	int io = code == ZIP_ER_OPEN || code == ZIP_ER_READ;
	ky_error_set(x->err, io ? KY_ERR_IO : KY_ERR_PARSE, x->path, 0, 0,
		     io ? "cannot open: %s" : "not an XLSX workbook: %s",
		     lib.zip_error_strerror(&ze));
	lib.zip_error_fini(&ze);
	return -1;
}

/* Everything open does before the first row.  Returns 0 or -1. */
static int open_parts(struct ky_xlsx *x)
{
	if (open_zip(x) < 0 || find_sheet(x) < 0 || load_sst(x) < 0 || load_styles(x) < 0 ||
	    load_merges(x) < 0)
		return -1;
	if (part_open(x, &x->sp, x->part_name, x->sheet_counted) <= 0)
		return x->err->code ? -1 : ky_error_set(x->err, KY_ERR_PARSE, x->path, 0, 0,
							 "no worksheet in the workbook");
	if (part_reader(x, &x->sp) < 0)
		return -1;
	int rc = read_row(x);
	if (rc == 0)
		return ky_error_set(x->err, KY_ERR_DATA, x->path, 0, 0,
				    "the first sheet '%s' is empty", x->sheet);
	x->pending = rc > 0;
	return rc < 0 ? -1 : 0;
}

/* Opens PATH's first worksheet and reads its first non-empty row (the
 * header).  Returns NULL with ERR set on failure: not a zip, no worksheet,
 * malformed parts, an empty sheet, a limit. */
struct ky_xlsx *ky_xlsx_open(const char *path, const struct ky_reader_options *opts,
			     struct ky_error *err)
{
	if (ky_dynlib_load(&xml_lib, path, "XLSX workbooks", err) < 0 ||
	    ky_dynlib_load(&zip_lib, path, "XLSX workbooks", err) < 0)
		return NULL;
	struct ky_xlsx *x = ky_xcalloc(1, sizeof(*x));
	x->path = ky_xstrdup(path);
	x->err = err;
	x->max_cell = opts && opts->max_cell ? opts->max_cell : KY_DEFAULT_MAX_CELL;
	x->max_columns = opts && opts->max_columns ? opts->max_columns : KY_DEFAULT_MAX_COLUMNS;
	x->max_unzipped = opts && opts->max_unzipped ? opts->max_unzipped
						     : KY_DEFAULT_MAX_UNZIPPED;
	ky_buf_init(&x->sst);
	ky_buf_init(&x->raw);
	ky_buf_init(&x->row_text);
	lib.xmlInitParser();
	if (open_parts(x) < 0) {
		ky_xlsx_free(x);
		return NULL;
	}
	return x;
}

/* The next non-empty row as a record: 1, 0 at the end, -1 on error (and
 * again -1 with the same error on every later call). */
int ky_xlsx_next(struct ky_xlsx *x, struct ky_record *rec, struct ky_error *err)
{
	if (x->failed) {
		if (!err->code)
			*err = x->first_err;
		return -1;
	}
	int rc = 1;
	x->err = err;
	if (x->pending)
		x->pending = 0;
	else
		rc = read_row(x);
	if (rc > 0)
		*rec = x->rec;
	if (rc < 0) {
		x->failed = 1;
		x->first_err = *err;
	}
	return rc;
}

const char *ky_xlsx_sheet(const struct ky_xlsx *x)
{
	return x->sheet;
}

void ky_xlsx_free(struct ky_xlsx *x)
{
	if (!x)
		return;
	part_close(&x->sp);
	if (x->zip)
		lib.zip_discard(x->zip);
	for (size_t i = 0; i < x->n_merge; i++)
		free(x->merge[i].text);
	free(x->merge);
	ky_buf_release(&x->sst);
	ky_buf_release(&x->raw);
	ky_buf_release(&x->row_text);
	free(x->sst_off);
	free(x->sst_len);
	free(x->xf_date);
	free(x->cells);
	free(x->ptr);
	free(x->len);
	free(x->sheet);
	free(x->part_name);
	free(x->path);
	free(x);
}
