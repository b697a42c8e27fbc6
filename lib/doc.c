/* doc.c - documents of several tables (workbooks, pages): the formats' table */
#include "pt_priv.h"
#include <stdlib.h>
#include <string.h>

static const struct pt_doc_ops *const doc_formats[] = {
	[PT_FMT_XLSX] = NULL,
	[PT_FMT_HTML] = NULL,
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
