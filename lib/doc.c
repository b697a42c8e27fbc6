/* doc.c - documents of several tables (workbooks, pages): the formats' table */
#include "pt_priv.h"
#include <stdlib.h>
#include <string.h>

static const struct pt_doc_ops *const doc_formats[] = {
	[PT_FMT_XLSX] = &pt_xlsx_ops,
	[PT_FMT_HTML] = &pt_html_ops,
};

pt_doc *pt_doc_new(enum pt_format f, const char *title, pt_err *e)
{
	const struct pt_doc_ops *ops = (size_t)f < PT_NCOLS(doc_formats) ? doc_formats[f] : NULL;
	pt_doc *d;

	if (!ops) {
		pt_error(e, PT_EUSAGE, "format: not a document format in this build");
		return NULL;
	}
	d = calloc(1, sizeof *d);
	if (!d || !(d->title = strdup(title ? title : ""))) {
		free(d);
		pt_error(e, PT_EDB, "format: out of memory");
		return NULL;
	}
	d->ops = ops;
	d->format = f;
	if (ops->open(d, e)) {
		pt_doc_free(d);
		return NULL;
	}
	return d;
}

pt_write_options pt_titled(const pt_write_options *o, const char *title, const char *title_zh)
{
	pt_write_options t = *o;

	t.title = title;
	t.title_zh = title_zh;
	return t;
}

int pt_put_one(FILE *out, const pt_record *r, const pt_write_options *o, pt_err *e)
{
	pt_writer *w = pt_writer_new(out, pt_record_schema(r), o);
	int rc = w ? PT_OK : pt_error(e, PT_EDB, "out of memory");

	if (!rc && pt_writer_put(w, r) < 0)
		rc = pt_error(e, PT_EDB, "write error");
	if (pt_writer_close(w) < 0 && !rc)
		rc = pt_error(e, PT_EDB, "write error");
	return rc;
}

int pt_doc_write(pt_doc *d, FILE *out, pt_err *e)
{
	return d->ops->write(d, out, e);
}

void pt_doc_free(pt_doc *d)
{
	if (!d)
		return;
	d->ops->free(d);
	free(d->title);
	free(d);
}

char *pt_doc_signature(const pt_schema *s)
{
	pt_buf b = {0};

	for (int i = 0; i < s->ncols; i++)
		if (pt_buf_adds(&b, s->cols[i].name) || pt_buf_add(&b, "\x1f", 1)) {
			pt_buf_free(&b);
			return NULL;
		}
	if (pt_buf_add(&b, "", 1)) {
		pt_buf_free(&b);
		return NULL;
	}
	return b.p;
}

int pt_doc_retitle(pt_doc *d, const char *title, pt_err *e)
{
	char *t = strdup(title);

	if (!t)
		return pt_error(e, PT_EDB, "out of memory");
	free(d->title);
	d->title = t;
	return PT_OK;
}

int pt_doc_push(struct pt_doc_stack *st, int table, const pt_schema *s)
{
	if (st->n == st->cap) {
		int cap = st->cap ? 2 * st->cap : 8;
		struct pt_doc_open *v = realloc(st->v, (size_t)cap * sizeof *v);
		if (!v)
			return -1;
		st->v = v;
		st->cap = cap;
	}
	st->v[st->n++] = (struct pt_doc_open){table, s};
	return 0;
}

int pt_doc_table_of(const struct pt_doc_stack *st, const pt_schema *s)
{
	for (int k = st->n - 1; k >= 0; k--)
		if (st->v[k].s == s)
			return st->v[k].table;
	return st->n ? st->v[st->n - 1].table : -1;
}

int pt_doc_pop(struct pt_doc_stack *st)
{
	return st->n > 0 ? st->v[--st->n].table : -1;
}

void pt_doc_set_time(pt_doc *d, int64_t t)
{
	d->time = t;
}
