/* record.c - a record: optional string values, one per schema column */
#include "pt_priv.h"
#include <stdlib.h>
#include <string.h>

struct pt_record {
	const pt_schema *schema;
	pt_buf data;        /* values, each NUL-terminated */
	size_t *off;        /* offset of each value in data */
	size_t *len;
	unsigned char *kind;
	bool *set;
};

pt_record *pt_record_new(const pt_schema *s)
{
	pt_record *r = calloc(1, sizeof *r);
	size_t n = s->ncols;

	if (!r)
		return NULL;
	r->schema = s;
	r->off = calloc(n, sizeof *r->off);
	r->len = calloc(n, sizeof *r->len);
	r->kind = calloc(n, 1);
	r->set = calloc(n, sizeof *r->set);
	if (!r->off || !r->len || !r->kind || !r->set) {
		pt_record_free(r);
		return NULL;
	}
	return r;
}

void pt_record_free(pt_record *r)
{
	if (!r)
		return;
	pt_buf_free(&r->data);
	free(r->off);
	free(r->len);
	free(r->kind);
	free(r->set);
	free(r);
}

void pt_record_clear(pt_record *r)
{
	r->data.len = 0;
	memset(r->set, 0, r->schema->ncols * sizeof *r->set);
}

const pt_schema *pt_record_schema(const pt_record *r) { return r->schema; }

int pt_record_set(pt_record *r, int col, const char *v, size_t len, enum pt_kind k)
{
	size_t off = r->data.len;

	if (pt_buf_add(&r->data, v, len) < 0 || pt_buf_add(&r->data, "", 1) < 0)
		return -1;
	r->off[col] = off;
	r->len[col] = len;
	r->kind[col] = k;
	r->set[col] = true;
	return 0;
}

int pt_record_sets(pt_record *r, int col, const char *v)
{
	if (!v) {
		pt_record_unset(r, col);
		return 0;
	}
	return pt_record_set(r, col, v, strlen(v), PT_V_TEXT);
}

int pt_record_set_int(pt_record *r, int col, int64_t v)
{
	char b[24];
	int n = snprintf(b, sizeof b, "%" PRId64, v);

	return pt_record_set(r, col, b, (size_t)n, PT_V_NUMBER);
}

void pt_record_unset(pt_record *r, int col)
{
	r->set[col] = false;
}

const char *pt_record_get(const pt_record *r, int col)
{
	return r->set[col] ? r->data.p + r->off[col] : NULL;
}

size_t pt_record_len(const pt_record *r, int col)
{
	return r->set[col] ? r->len[col] : 0;
}

enum pt_kind pt_record_kind(const pt_record *r, int col)
{
	return r->kind[col];
}
