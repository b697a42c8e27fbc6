/* output.c - writing records: JSON Lines (cJSON), CSV (libcsv), tables */
#include "pt_priv.h"
#include <cjson/cJSON.h>
#include <csv.h>
#include <stdlib.h>
#include <string.h>

struct pt_writer {
	FILE *out;
	const pt_schema *s;
	pt_write_options o;
	bool started, failed;
	pt_buf row;
	char *cell;         /* CSV quoting buffer */
	size_t cellcap;
};

pt_writer *pt_writer_new(FILE *out, const pt_schema *s, const pt_write_options *o)
{
	pt_writer *w = calloc(1, sizeof *w);

	if (!w)
		return NULL;
	w->out = out;
	w->s = s;
	w->o = *o;
	if (w->o.width <= 0)
		w->o.width = 120;
	if (o->doc && o->doc->ops->begin(o->doc, s, o)) {
		free(w);
		return NULL;
	}
	return w;
}

/*
 * The display form of a stored value: local times, true/false, masked
 * personal data. *out points at v or into buf.
 */
int pt_pii_of(const pt_write_options *o)
{
	return o->withhold ? PT_PII_WITHHOLD : o->personal ? PT_PII_SHOW : PT_PII_MASK;
}

void pt_display_value(const struct pt_column *c, const char *v, int pii,
                      int field, char *buf, size_t n, const char **out)
{
	int64_t t;

	*out = v;
	if (!v)
		return;
	if (c->flags & PT_C_PERSONAL && pii == PT_PII_WITHHOLD) {
		*out = NULL;              /* not even masked: an export for another unit */
	} else if (c->flags & PT_C_PERSONAL && pii == PT_PII_MASK) {
		/* another table's personal text (the people a leader met): as a name,
		 * or as a phone */
		bool own = field < PT_NCASE_FIELDS && pt_column(&pt_case_schema, field) == c;
		pt_mask(own ? field : c->type == PT_T_PHONE ? PT_F_PETITIONER_PHONE :
		        PT_F_PETITIONER_NAME, v, buf, n);
		*out = buf;
	} else if (c->type == PT_T_TIME && n >= 26 && !pt_time_parse(v, &t)) {
		pt_time_format_local(t, buf);
		*out = buf;
	} else if (c->type == PT_T_BOOL) {
		*out = strcmp(v, "0") ? "true" : "false";
	}
}

/* A stored integer, as the JSON number it already spells. */
static bool plain_integer(const char *v)
{
	size_t n = strspn(v + (*v == '-'), "0123456789");

	return n > 0 && n < 19 && !v[(*v == '-') + n];
}

/*
 * A value as a cJSON item. With borrow, a value owned by the record is
 * referenced rather than copied: the item must not outlive the record.
 */
static cJSON *value_item(const struct pt_column *c, const char *v, bool owned_by_record,
                         bool borrow)
{
	if (!v)
		return cJSON_CreateNull();
	if (c->type == PT_T_INT)
		return plain_integer(v) ? cJSON_CreateRaw(v) : cJSON_CreateNumber(strtod(v, NULL));
	if (c->type == PT_T_BOOL)
		return cJSON_CreateBool(!strcmp(v, "true"));
	if (c->type == PT_T_JSON) {
		cJSON *item = cJSON_Parse(v);
		if (item)
			return item;
	}
	return borrow && owned_by_record ? cJSON_CreateStringReference(v) : cJSON_CreateString(v);
}

static cJSON *record_json(const pt_record *r, int pii, bool borrow)
{
	const pt_schema *s = pt_record_schema(r);
	cJSON *o = cJSON_CreateObject();
	char buf[1024];

	for (int i = 0; o && i < s->ncols; i++) {
		const struct pt_column *c = &s->cols[i];
		const char *stored = pt_record_get(r, i), *v;
		cJSON *item;

		pt_display_value(c, stored, pii, i, buf, sizeof buf, &v);
		item = value_item(c, v, v == stored, borrow);
		/* the column names are the schema's, static for the program's life */
		if (!item || !cJSON_AddItemToObjectCS(o, c->name, item)) {
			cJSON_Delete(item);
			cJSON_Delete(o);
			o = NULL;
		}
	}
	return o;
}

/* A record as a JSON object in display form; NULL when out of memory. */
cJSON *pt_record_json(const pt_record *r, int pii)
{
	return record_json(r, pii, false);
}

int pt_json_print(FILE *out, cJSON *o)
{
	char *text = o ? cJSON_PrintUnformatted(o) : NULL;
	int rc = -1;

	if (text && fputs(text, out) >= 0 && putc('\n', out) >= 0)
		rc = 0;
	free(text);
	return rc;
}

/* One line a record, printed into the writer's buffer kept between rows. */
static int put_json(pt_writer *w, const pt_record *r)
{
	cJSON *o = record_json(r, pt_pii_of(&w->o), true);
	int rc = -1;

	if (!o)
		return -1;
	for (;;) {
		if (w->cellcap && cJSON_PrintPreallocated(o, w->cell, (int)w->cellcap, false)) {
			size_t n = strlen(w->cell);
			if (fwrite(w->cell, 1, n, w->out) == n && putc('\n', w->out) != EOF)
				rc = 0;
			break;
		}
		size_t cap = w->cellcap ? w->cellcap * 2 : 16384;
		char *p = cap <= (1u << 30) ? realloc(w->cell, cap) : NULL;
		if (!p)
			break;
		w->cell = p;
		w->cellcap = cap;
	}
	cJSON_Delete(o);
	return rc;
}

/* Appends one field, quoted by libcsv; absent values stay empty. */
static int csv_cell(pt_writer *w, const char *v, bool first)
{
	size_t n, need;

	if (!first && pt_buf_add(&w->row, ",", 1) < 0)
		return -1;
	if (!v)
		return 0;
	n = strlen(v);
	need = 2 * n + 2;
	if (need > w->cellcap) {
		char *p = realloc(w->cell, need);
		if (!p)
			return -1;
		w->cell = p;
		w->cellcap = need;
	}
	n = csv_write(w->cell, w->cellcap, v, n);
	return pt_buf_add(&w->row, w->cell, n);
}

static int end_row(pt_writer *w)
{
	if (pt_buf_add(&w->row, "\r\n", 2) < 0 ||
	    fwrite(w->row.p, 1, w->row.len, w->out) != w->row.len)
		return -1;
	w->row.len = 0;
	return 0;
}

static const char *heading(const pt_writer *w, int i)
{
	return w->o.zh_header ? w->s->cols[i].zh : w->s->cols[i].name;
}

static int csv_header(pt_writer *w)
{
	if (w->o.bom && fputs("\xEF\xBB\xBF", w->out) < 0)
		return -1;
	for (int i = 0; i < w->s->ncols; i++)
		if (csv_cell(w, heading(w, i), i == 0))
			return -1;
	return end_row(w);
}

bool pt_csv_formula_start(char c)
{
	return c && strchr("=+-@\t\r", c);
}

/*
 * The Excel form (--bom): a time as local "YYYY-MM-DD HH:MM:SS", which Excel
 * reads as a date, and a cell a spreadsheet would take for a formula
 * behind a ' (OWASP, CSV injection). Integers are the tools' own numbers.
 */
static const char *excel_value(const struct pt_column *c, const char *v, char *buf,
                               size_t n)
{
	int64_t t;

	if (!v || c->type == PT_T_INT)
		return v;
	if (c->type == PT_T_TIME && !pt_time_parse(v, &t)) {
		char local[26];
		pt_time_format_local(t, local);
		local[10] = ' ';
		snprintf(buf, n, "%.19s", local);
		return buf;
	}
	if (!pt_csv_formula_start(*v))
		return v;
	if (snprintf(buf, n, "'%s", v) >= (int)n) {      /* a long text: its own copy */
		char *p = malloc(strlen(v) + 2);
		if (!p)
			return NULL;
		p[0] = '\'';
		strcpy(p + 1, v);
		return p;
	}
	return buf;
}

static int put_csv(pt_writer *w, const pt_record *r)
{
	char buf[1024], xbuf[1024];
	const char *v, *x;
	int rc;

	if (!w->started && csv_header(w))
		return -1;
	for (int i = 0; i < w->s->ncols; i++) {
		pt_display_value(&w->s->cols[i], pt_record_get(r, i), pt_pii_of(&w->o), i,
		                 buf, sizeof buf, &v);
		x = w->o.bom ? excel_value(&w->s->cols[i], v, xbuf, sizeof xbuf) : v;
		if (v && !x)
			return -1;
		rc = csv_cell(w, x, i == 0);
		if (x != v && x != xbuf)
			free((char *)x);
		if (rc)
			return -1;
	}
	return end_row(w);
}

/* Table widths: the fixed ones, and the FLEX column takes what is left. */
static int cell_width(const pt_writer *w, int i)
{
	const struct pt_column *c = &w->s->cols[i];
	int used = 0;

	if (!(c->flags & PT_C_FLEX))
		return c->width;
	for (int k = 0; k < w->s->ncols; k++)
		if (w->s->cols[k].width && k != i)
			used += w->s->cols[k].width + 2;
	used = w->o.width - used;
	return used > 80 ? 80 : used > c->width ? used : c->width;
}

static int last_column(const pt_writer *w)
{
	int last = -1;

	for (int k = 0; k < w->s->ncols; k++)
		if (w->s->cols[k].width)
			last = k;
	return last;
}

/* A table cell; the last one of a line is not padded. */
static void table_cell(const pt_writer *w, int i, const char *v)
{
	char buf[32];
	int width = cell_width(w, i);

	/* a time, not the column's heading (紧急报告时间 is as long) */
	if (w->s->cols[i].type == PT_T_TIME && v && strlen(v) >= 16 && v[4] == '-' &&
	    v[10] == 'T') {
		snprintf(buf, sizeof buf, "%.10s %.5s", v, v + 11);   /* date and hh:mm */
		v = buf;
	}
	if (i == last_column(w) && pt_text_width(v) <= width)
		fputs(v, w->out);
	else
		pt_put_cell(w->out, v, width);
}

static const char *table_value(const pt_writer *w, int i, const char *v)
{
	const struct pt_column *c = &w->s->cols[i];
	const struct pt_enum *en;

	if (v && w->o.zh_header && c->type == PT_T_ENUM &&
	    (en = pt_enum_find(c->values, v)))
		return en->zh;
	if (v && w->o.zh_header && c->type == PT_T_BOOL)
		return strcmp(v, "true") ? "否" : "是";
	return v ? v : "";
}

static int put_table(pt_writer *w, const pt_record *r)
{
	char buf[1024];
	const char *v;
	const char *sep = "";

	if (!w->started) {
		for (int i = 0; i < w->s->ncols; i++) {
			if (!w->s->cols[i].width)
				continue;
			fputs(sep, w->out);
			table_cell(w, i, heading(w, i));
			sep = "  ";
		}
		fputc('\n', w->out);
		sep = "";
	}
	for (int i = 0; i < w->s->ncols; i++) {
		if (!w->s->cols[i].width)
			continue;
		pt_display_value(&w->s->cols[i], pt_record_get(r, i), pt_pii_of(&w->o), i,
		                 buf, sizeof buf, &v);
		fputs(sep, w->out);
		table_cell(w, i, table_value(w, i, v));
		sep = "  ";
	}
	return putc('\n', w->out) < 0 ? -1 : 0;
}

int pt_writer_put(pt_writer *w, const pt_record *r)
{
	int rc;

	if (w->failed)
		return -1;
	if (w->o.doc) {
		w->failed = w->o.doc->ops->put(w->o.doc, r) != 0;
		return w->failed ? -1 : 0;
	}
	switch (w->o.format) {
	case PT_FMT_CSV: rc = put_csv(w, r); break;
	case PT_FMT_TABLE: rc = put_table(w, r); break;
	default: rc = put_json(w, r); break;
	}
	w->started = true;
	if (rc || ferror(w->out))
		w->failed = true;
	return w->failed ? -1 : 0;
}

int pt_writer_close(pt_writer *w)
{
	int rc;

	if (!w)
		return 0;
	if (w->o.doc && w->o.doc->ops->end(w->o.doc))
		w->failed = true;
	if (!w->started && w->o.format == PT_FMT_CSV && csv_header(w))
		w->failed = true;
	rc = w->failed || fflush(w->out) || ferror(w->out) ? -1 : 0;
	pt_buf_free(&w->row);
	free(w->cell);
	free(w);
	return rc;
}
