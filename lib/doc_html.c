/*
 * doc_html.c - one self-contained HTML page (written through libxml2's
 * writer): a section per table, a chart of inline SVG (lib/doc_svg.c) above
 * a table that asks for one, then the same numbers as a table. No script,
 * a Content-Security-Policy that allows no request, A4 when printed. Each
 * section is written to a temporary file as its rows come (a long list
 * stays on disk, not in memory); a chart's rows are kept until it is drawn.
 */
#include "doc_html.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char csp[] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
static const char css[] =
	"@page{size:A4;margin:14mm}"
	"body{font-family:'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC',"
	"'WenQuanYi Micro Hei',sans-serif;font-size:10.5pt;color:#222;margin:0 auto;"
	"max-width:182mm;padding:6mm}"
	"h1{font-size:17pt;margin:0 0 2mm}h2{font-size:12.5pt;margin:7mm 0 2mm;"
	"border-bottom:1px solid #999}"
	"section{break-inside:avoid-page}svg{display:block;width:100%;height:auto}"
	"table{border-collapse:collapse;margin:2mm 0;font-size:9pt}"
	"th,td{border:1px solid #bbb;padding:1px 5px}th{background:#eee}"
	"td.n{text-align:right;font-variant-numeric:tabular-nums}td:first-child{white-space:nowrap}"
	"p.empty{color:#777}";

struct section {
	FILE *f;                 /* its HTML so far */
	xmlTextWriterPtr w;
	char *title, *signature;
	bool zh;
	const pt_schema *s;      /* while open */
	int pii;
	pt_chart chart;          /* .values NULL: none */
	struct pt_grid grid;     /* a chart's rows, as shown */
	long rows;
	pt_buf row;              /* the row being written: its cells, each ends in NUL */
	size_t *off;             /* where each cell begins in row */
	const char **cells;
	bool numeric[PT_HTML_MAX_COLS];   /* a column of numbers: right-aligned */
};

struct html {
	struct section *sec;
	int n, cap;
	struct pt_doc_stack open;
	char tmpdir[256];
	char err[256];
};

static int fail(struct html *h, const char *what)
{
	if (!h->err[0])
		snprintf(h->err, sizeof h->err, "html: %s", what);
	return -1;
}

/* libxml2 would print its I/O errors: the library tells them as its own */
static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void quiet_structured(void *ctx, xmlError *err)
{
	(void)ctx;
	(void)err;
}

static int h_open(pt_doc *d, pt_err *e)
{
	const char *tmp = getenv("TMPDIR");
	struct html *h = calloc(1, sizeof *h);

	if (!h)
		return pt_error(e, PT_EDB, "html: out of memory");
	d->impl = h;
	xmlSetGenericErrorFunc(NULL, quiet);
	xmlSetStructuredErrorFunc(NULL, quiet_structured);
	snprintf(h->tmpdir, sizeof h->tmpdir, "%s", tmp && *tmp ? tmp : "/tmp");
	if (access(h->tmpdir, W_OK | X_OK))
		return pt_error(e, PT_EDB, "html: temporary file in %s: %s", h->tmpdir,
		                strerror(errno));
	return PT_OK;
}

/* A temporary file, gone from the directory at once. */
static FILE *scratch(const struct html *h)
{
	char path[300];
	int fd;
	FILE *f;

	snprintf(path, sizeof path, "%s/petition-html.XXXXXX", h->tmpdir);
	if ((fd = mkstemp(path)) < 0)
		return NULL;
	unlink(path);
	if (!(f = fdopen(fd, "w+b")))
		close(fd);
	return f;
}

/* Text as a page may hold it: bad UTF-8 and control characters as U+FFFD. */
void pt_html_clean(const char *v, char *out, size_t n)
{
	size_t len = strlen(v), i = 0, o = 0, start;
	uint32_t cp;

	while (i < len && o + 4 < n) {
		start = i;
		if (pt_utf8_decode(v, len, &i, &cp) || (cp < 0x20 && cp != '\n' && cp != '\t') ||
		    cp == 0x7F) {
			i = start + 1;
			memcpy(out + o, "\xEF\xBF\xBD", 3);
			o += 3;
			continue;
		}
		memcpy(out + o, v + start, i - start);
		o += i - start;
	}
	out[o] = 0;
}

int pt_html_element(xmlTextWriterPtr w, const char *name, const char *cls, const char *text)
{
	char buf[4096];

	pt_html_clean(text ? text : "", buf, sizeof buf);
	if (xmlTextWriterStartElement(w, BAD_CAST name) < 0 ||
	    (cls && xmlTextWriterWriteAttribute(w, BAD_CAST "class", BAD_CAST cls) < 0) ||
	    xmlTextWriterWriteString(w, BAD_CAST buf) < 0)
		return -1;
	return xmlTextWriterFullEndElement(w) < 0 ? -1 : 0;
}

static const char *title_of(const pt_doc *d, const pt_write_options *o)
{
	return o->zh_header && o->title_zh ? o->title_zh : o->title ? o->title : d->title;
}

static int header_row(struct section *sc)
{
	bool plain[PT_HTML_MAX_COLS] = {false};

	for (int i = 0; i < sc->s->ncols && i < PT_HTML_MAX_COLS; i++)
		sc->cells[i] = sc->zh ? sc->s->cols[i].zh : sc->s->cols[i].name;
	return xmlTextWriterStartElement(sc->w, BAD_CAST "thead") < 0 ||
	       pt_html_tr(sc->w, "th", sc->s->ncols, sc->cells, plain) ||
	       xmlTextWriterFullEndElement(sc->w) < 0 ||
	       xmlTextWriterStartElement(sc->w, BAD_CAST "tbody") < 0 ? -1 : 0;
}

/* <section><h2>title</h2> and, unless a chart comes first, <table><thead>. */
static int section_start(struct html *h, struct section *sc)
{
	if (!(sc->f = scratch(h)))
		return fail(h, "cannot make a temporary file");
	if (!(sc->w = xmlNewTextWriter(xmlOutputBufferCreateFile(sc->f, NULL))))
		return fail(h, "out of memory");
	if (sc->s->ncols > PT_HTML_MAX_COLS)
		return fail(h, "a table of too many columns");
	if (!(sc->off = calloc((size_t)sc->s->ncols + 1, sizeof *sc->off)) ||
	    !(sc->cells = calloc((size_t)sc->s->ncols + 1, sizeof *sc->cells)))
		return fail(h, "out of memory");
	for (int i = 0; i < sc->s->ncols; i++)
		sc->numeric[i] = sc->s->cols[i].type == PT_T_INT;
	if (xmlTextWriterStartElement(sc->w, BAD_CAST "section") < 0 ||
	    pt_html_element(sc->w, "h2", NULL, sc->title))
		return fail(h, "cannot write a section");
	if (sc->chart.values)
		return 0;
	return xmlTextWriterStartElement(sc->w, BAD_CAST "table") < 0 || header_row(sc) ?
	       fail(h, "cannot write a table") : 0;
}

static int new_section(struct html *h, const char *title, char *sig, const pt_write_options *o)
{
	struct section *sc;

	if (h->n == h->cap) {
		int cap = h->cap ? 2 * h->cap : 8;
		struct section *p = realloc(h->sec, (size_t)cap * sizeof *p);
		if (!p) {
			free(sig);
			return fail(h, "out of memory");
		}
		h->sec = p;
		h->cap = cap;
	}
	sc = &h->sec[h->n++];
	*sc = (struct section){.signature = sig, .zh = o->zh_header, .title = strdup(title)};
	if (o->chart)
		sc->chart = *o->chart;
	return sc->title ? h->n - 1 : fail(h, "out of memory");
}

/* A section already holding a table of this title and these columns. */
static int same_section(const struct html *h, const char *title, const char *sig, bool zh)
{
	for (int i = 0; i < h->n; i++)
		if (!h->sec[i].chart.values && !strcmp(h->sec[i].title, title) &&
		    !strcmp(h->sec[i].signature, sig) && h->sec[i].zh == zh)
			return i;
	return -1;
}

static int h_begin(pt_doc *d, const pt_schema *s, const pt_write_options *o)
{
	struct html *h = d->impl;
	const char *title = title_of(d, o);
	char *sig = pt_doc_signature(s);
	int i = sig && !o->chart ? same_section(h, title, sig, o->zh_header) : -1;

	if (h->err[0] || !sig) {
		free(sig);
		return h->err[0] ? -1 : fail(h, "out of memory");
	}
	if (i >= 0)
		free(sig);
	else if ((i = new_section(h, title, sig, o)) < 0)
		return -1;
	h->sec[i].s = s;
	h->sec[i].pii = pt_pii_of(o);
	if (!h->sec[i].w && section_start(h, &h->sec[i]))
		return -1;
	return pt_doc_push(&h->open, i, s) ? fail(h, "out of memory") : 0;
}

static struct section *section_of(struct html *h, const pt_record *r)
{
	const pt_schema *s = pt_record_schema(r);

	int i = pt_doc_table_of(&h->open, s);

	return i >= 0 ? &h->sec[i] : NULL;
}

/* A value as the page shows it: labels of codes in Chinese, rates in %. */
void pt_html_cell(const struct pt_column *c, const char *v, bool zh, char *buf, size_t n,
                  const char **out)
{
	const struct pt_enum *en;

	*out = v ? v : "";
	if (!v)
		return;
	if (c->flags & PT_C_RATE && *v) {
		snprintf(buf, n, "%.1f%%", strtod(v, NULL) * 100);
		*out = buf;
	} else if (zh && c->type == PT_T_ENUM && (en = pt_enum_find(c->values, v))) {
		*out = en->zh;
	} else if (c->type == PT_T_TIME && strlen(v) >= 16 && v[10] == 'T') {
		snprintf(buf, n, "%.10s %.5s", v, v + 11);     /* the local minute */
		*out = buf;
	}
}

int pt_html_tr(xmlTextWriterPtr w, const char *cell, int n, const char *const *cells,
               const bool *numeric)
{
	if (xmlTextWriterStartElement(w, BAD_CAST "tr") < 0)
		return -1;
	for (int i = 0; i < n; i++)
		if (pt_html_element(w, cell, numeric[i] ? "n" : NULL, cells[i]))
			return -1;
	return xmlTextWriterFullEndElement(w) < 0 || xmlTextWriterWriteRaw(w, BAD_CAST "\n") < 0 ?
	       -1 : 0;
}

static int h_put(pt_doc *d, const pt_record *r)
{
	struct html *h = d->impl;
	struct section *sc = section_of(h, r);
	const pt_schema *s = pt_record_schema(r);
	char shown[1024], buf[64];
	const char *v;
	int rc = 0;

	if (!sc || s->ncols != sc->s->ncols)
		return fail(h, "a record of no table");
	sc->row.len = 0;
	for (int i = 0; !rc && i < s->ncols; i++) {
		pt_display_value(&s->cols[i], pt_record_get(r, i), sc->pii, i, shown,
		                 sizeof shown, &v);
		pt_html_cell(&s->cols[i], v, sc->zh, buf, sizeof buf, &v);
		sc->off[i] = sc->row.len;
		rc = pt_buf_add(&sc->row, v, strlen(v) + 1);
	}
	for (int i = 0; !rc && i < s->ncols; i++)
		sc->cells[i] = sc->row.p + sc->off[i];
	if (!rc)
		rc = sc->chart.values ? pt_grid_add(&sc->grid, s->ncols, sc->cells) :
		     pt_html_tr(sc->w, "td", s->ncols, sc->cells, sc->numeric);
	sc->rows++;
	return rc ? fail(h, "cannot write a row") : 0;
}

static int h_end(pt_doc *d)
{
	struct html *h = d->impl;
	struct section *sc;
	int i = pt_doc_pop(&h->open);

	if (i < 0)
		return 0;
	sc = &h->sec[i];
	if (sc->chart.values && !h->err[0] && pt_svg_section(sc->w, sc->s, &sc->chart,
	                                                     &sc->grid, sc->zh))
		return fail(h, "cannot draw a chart");
	sc->s = NULL;
	return 0;
}

/* Closes a section's elements (a list's tbody and table, or a chart's
 * section) and appends its HTML to w. */
static int section_out(struct section *sc, xmlTextWriterPtr w)
{
	char buf[65536];
	size_t n;

	if (!sc->chart.values &&
	    (xmlTextWriterFullEndElement(sc->w) < 0 || xmlTextWriterFullEndElement(sc->w) < 0 ||
	     (!sc->rows && pt_html_element(sc->w, "p", "empty", sc->zh ? "无" : "none"))))
		return -1;
	if (xmlTextWriterFullEndElement(sc->w) < 0 || xmlTextWriterWriteRaw(sc->w, BAD_CAST "\n") < 0 ||
	    xmlTextWriterFlush(sc->w) < 0)
		return -1;
	xmlFreeTextWriter(sc->w);
	sc->w = NULL;
	if (fflush(sc->f) || fseek(sc->f, 0, SEEK_SET))
		return -1;
	while ((n = fread(buf, 1, sizeof buf, sc->f)) > 0)
		if (xmlTextWriterWriteRawLen(w, BAD_CAST buf, (int)n) < 0)
			return -1;
	return ferror(sc->f) ? -1 : 0;
}

static int head(xmlTextWriterPtr w, const char *title)
{
	return xmlTextWriterWriteDTD(w, BAD_CAST "html", NULL, NULL, NULL) < 0 ||
	       xmlTextWriterWriteRaw(w, BAD_CAST "\n") < 0 ||
	       xmlTextWriterStartElement(w, BAD_CAST "html") < 0 ||
	       xmlTextWriterWriteAttribute(w, BAD_CAST "lang", BAD_CAST "zh-CN") < 0 ||
	       xmlTextWriterStartElement(w, BAD_CAST "head") < 0 ||
	       xmlTextWriterStartElement(w, BAD_CAST "meta") < 0 ||
	       xmlTextWriterWriteAttribute(w, BAD_CAST "charset", BAD_CAST "utf-8") < 0 ||
	       xmlTextWriterEndElement(w) < 0 ||
	       xmlTextWriterStartElement(w, BAD_CAST "meta") < 0 ||
	       xmlTextWriterWriteAttribute(w, BAD_CAST "http-equiv",
	                                   BAD_CAST "Content-Security-Policy") < 0 ||
	       xmlTextWriterWriteAttribute(w, BAD_CAST "content", BAD_CAST csp) < 0 ||
	       xmlTextWriterEndElement(w) < 0 ||
	       pt_html_element(w, "title", NULL, title) ||
	       xmlTextWriterStartElement(w, BAD_CAST "style") < 0 ||
	       xmlTextWriterWriteRaw(w, BAD_CAST css) < 0 ||      /* a constant: raw text */
	       xmlTextWriterFullEndElement(w) < 0 ||
	       xmlTextWriterFullEndElement(w) < 0 ||
	       xmlTextWriterStartElement(w, BAD_CAST "body") < 0 ||
	       pt_html_element(w, "h1", NULL, title) ? -1 : 0;
}

static int h_write(pt_doc *d, FILE *out, pt_err *e)
{
	struct html *h = d->impl;
	xmlTextWriterPtr w;
	int rc = 0;

	if (h->err[0])
		return pt_error(e, PT_EDB, "%s", h->err);
	if (!(w = xmlNewTextWriter(xmlOutputBufferCreateFile(out, NULL))))
		return pt_error(e, PT_EDB, "html: out of memory");
	rc = head(w, d->title);
	for (int i = 0; !rc && i < h->n; i++)
		rc = section_out(&h->sec[i], w);
	if (!rc)
		rc = xmlTextWriterEndDocument(w) < 0 || xmlTextWriterWriteRaw(w, BAD_CAST "\n") < 0;
	if (xmlTextWriterFlush(w) < 0)
		rc = -1;
	xmlFreeTextWriter(w);
	if (rc || fflush(out) || ferror(out))
		return pt_error(e, PT_EDB, "stdout: %s", strerror(errno ? errno : EIO));
	return PT_OK;
}

static void h_free(pt_doc *d)
{
	struct html *h = d->impl;

	if (!h)
		return;
	for (int i = 0; i < h->n; i++) {
		if (h->sec[i].w)
			xmlFreeTextWriter(h->sec[i].w);
		if (h->sec[i].f)
			fclose(h->sec[i].f);
		free(h->sec[i].title);
		free(h->sec[i].signature);
		pt_grid_free(&h->sec[i].grid);
		pt_buf_free(&h->sec[i].row);
		free(h->sec[i].off);
		free(h->sec[i].cells);
	}
	free(h->sec);
	free(h->open.v);
	free(h);
	d->impl = NULL;
}

const struct pt_doc_ops pt_html_ops = {
	h_open, h_begin, h_put, h_end, h_write, h_free,
};
