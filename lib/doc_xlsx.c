/*
 * doc_xlsx.c - Excel workbooks (libxlsxwriter): a sheet per table, its
 * header row frozen; times and dates as Excel dates in the office's zone,
 * integers as numbers, rates as percentages, every other value written as
 * a string (never a formula). constant_memory mode: a row is on disk once
 * the next one begins, so memory stays flat however long the list.
 */
#include "pt_priv.h"
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <xlsxwriter.h>

enum { NAME_UNITS = 31, NAME_BYTES = 31 * 4 + 1, MAX_WIDTH = 60, STR_MAX = 32767 };

struct sheet {
	lxw_worksheet *ws;
	char name[NAME_BYTES];   /* as in the workbook, unique */
	char *title;             /* the table's title, before it was made a name */
	char *signature;         /* the column names: a later table of the same is appended */
	const pt_schema *s;      /* while open */
	int pii;
	bool zh;
	lxw_row_t row;           /* the next row */
	int ncols;
	int *width;              /* the widest cell of each column */
};

struct xlsx {
	lxw_workbook *wb;
	char path[PATH_MAX];     /* the workbook, until it is copied out */
	lxw_format *head, *date, *time, *rate;
	struct sheet *sh;
	int n, cap;
	struct pt_doc_stack open;
	char err[256];           /* the first error, told by write */
};

static int fail(struct xlsx *x, const char *fmt, const char *what)
{
	if (!x->err[0])
		snprintf(x->err, sizeof x->err, fmt, what);
	return -1;
}

static lxw_format *num_format(lxw_workbook *wb, const char *f)
{
	lxw_format *fmt = workbook_add_format(wb);

	if (fmt)
		format_set_num_format(fmt, f);
	return fmt;
}

static int x_open(pt_doc *d, pt_err *e)
{
	const char *tmp = getenv("TMPDIR");
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
	struct xlsx *x = calloc(1, sizeof *x);
	int fd;

	if (!x)
		return pt_error(e, PT_EDB, "xlsx: out of memory");
	d->impl = x;
	opt.tmpdir = (char *)(tmp && *tmp ? tmp : "/tmp");
	snprintf(x->path, sizeof x->path, "%s/petition-xlsx.XXXXXX", opt.tmpdir);
	if ((fd = mkstemp(x->path)) < 0) {
		x->path[0] = 0;
		return pt_error(e, PT_EDB, "xlsx: temporary file in %s: %s", opt.tmpdir,
		                strerror(errno));
	}
	close(fd);
	if (!(x->wb = workbook_new_opt(x->path, &opt)) || !(x->head = workbook_add_format(x->wb)))
		return pt_error(e, PT_EDB, "xlsx: out of memory");
	format_set_bold(x->head);
	format_set_bottom(x->head, LXW_BORDER_THIN);
	x->date = num_format(x->wb, "yyyy-mm-dd");
	x->time = num_format(x->wb, "yyyy-mm-dd hh:mm:ss");
	x->rate = num_format(x->wb, "0.0%");
	if (!x->date || !x->time || !x->rate)
		return pt_error(e, PT_EDB, "xlsx: out of memory");
	return PT_OK;
}

/* The UTF-16 units of a code point: Excel counts a sheet name's so. */
static int units_of(uint32_t cp)
{
	return cp > 0xFFFF ? 2 : 1;
}

void pt_xlsx_sheet_name(const char *title, int max, char *out)
{
	size_t len = strlen(title), i = 0, o = 0, start;
	uint32_t cp;
	int used = 0;

	while (i < len && used + 1 <= max) {
		start = i;
		if (pt_utf8_decode(title, len, &i, &cp)) {
			i = start + 1;
			cp = '_';
		}
		if (used + units_of(cp) > max)
			break;
		used += units_of(cp);
		if (cp < 0x20 || cp == 0x7F || (cp < 0x80 && strchr("[]:*?/\\", (int)cp)) ||
		    (cp == '\'' && (start == 0 || i == len))) {
			out[o++] = '_';
		} else {
			memcpy(out + o, title + start, i - start);
			o += i - start;
		}
	}
	while (o > 0 && out[o - 1] == '\'')
		out[o - 1] = '_';
	out[o] = 0;
	if (!o)
		strcpy(out, "Sheet");
}

static bool name_taken(const struct xlsx *x, const char *name)
{
	for (int i = 0; i < x->n; i++)
		if (!strcasecmp(x->sh[i].name, name))
			return true;
	return false;
}

/* title as a sheet name no other sheet has: "title (2)" and so on. */
static void unique_name(const struct xlsx *x, const char *title, char out[NAME_BYTES])
{
	char base[NAME_BYTES], suffix[16];

	pt_xlsx_sheet_name(title, NAME_UNITS, out);
	for (int k = 2; name_taken(x, out); k++) {
		int n = snprintf(suffix, sizeof suffix, " (%d)", k);
		pt_xlsx_sheet_name(title, NAME_UNITS - n, base);
		size_t b = strlen(base);          /* at most 4 bytes a unit: it fits */
		memcpy(out, base, b);
		memcpy(out + b, suffix, (size_t)n + 1);
	}
}

/* A sheet already holding a table of this title and these columns. */
static int same_table(const struct xlsx *x, const char *title, const char *sig, bool zh)
{
	for (int i = 0; i < x->n; i++)
		if (!strcmp(x->sh[i].title, title) && !strcmp(x->sh[i].signature, sig) &&
		    x->sh[i].zh == zh)
			return i;
	return -1;
}

static int header(struct xlsx *x, struct sheet *sh, const pt_schema *s)
{
	for (int i = 0; i < s->ncols; i++) {
		const char *h = sh->zh ? s->cols[i].zh : s->cols[i].name;
		sh->width[i] = pt_text_width(h);
		if (worksheet_write_string(sh->ws, 0, (lxw_col_t)i, h, x->head))
			return fail(x, "xlsx: %s: cannot write the header", sh->name);
	}
	worksheet_freeze_panes(sh->ws, 1, 0);
	sh->row = 1;
	return 0;
}

static int new_sheet(struct xlsx *x, const char *title, char *sig, const pt_schema *s,
                     bool zh)
{
	struct sheet *sh;

	if (x->n == x->cap) {
		int cap = x->cap ? 2 * x->cap : 8;
		struct sheet *p = realloc(x->sh, (size_t)cap * sizeof *p);
		if (!p) {
			free(sig);
			return -1;
		}
		x->sh = p;
		x->cap = cap;
	}
	sh = &x->sh[x->n];
	*sh = (struct sheet){.signature = sig, .zh = zh, .ncols = s->ncols};
	unique_name(x, title, sh->name);
	sh->title = strdup(title);
	sh->width = calloc((size_t)s->ncols + 1, sizeof *sh->width);
	x->n++;
	if (!sh->title || !sh->width)
		return -1;
	if (!(sh->ws = workbook_add_worksheet(x->wb, sh->name)))
		return fail(x, "xlsx: %s: cannot add the sheet", sh->name);
	return header(x, sh, s) ? -2 : x->n - 1;
}

static int x_begin(pt_doc *d, const pt_schema *s, const pt_write_options *o)
{
	struct xlsx *x = d->impl;
	const char *title = o->zh_header && o->title_zh ? o->title_zh :
	                    o->title ? o->title : d->title;
	char *sig = pt_doc_signature(s);
	int i = sig ? same_table(x, title, sig, o->zh_header) : -1;

	if (x->err[0]) {
		free(sig);
		return -1;
	}
	if (!sig) {
		free(sig);
		return fail(x, "%s", "xlsx: out of memory");
	}
	if (i >= 0)
		free(sig);
	else if ((i = new_sheet(x, title, sig, s, o->zh_header)) < 0)
		return i == -1 ? fail(x, "%s", "xlsx: out of memory") : -1;
	x->sh[i].s = s;
	x->sh[i].pii = pt_pii_of(o);
	return pt_doc_push(&x->open, i, s) ? fail(x, "%s", "xlsx: out of memory") : 0;
}

/* The sheet of r: the last open one of its schema, else the last open. */
static struct sheet *sheet_of(struct xlsx *x, const pt_record *r)
{
	const pt_schema *s = pt_record_schema(r);

	int i = pt_doc_table_of(&x->open, s);

	return i >= 0 ? &x->sh[i] : NULL;
}

/* v as a whole number (or a decimal, for a rate) and nothing else */
static bool number_of(const char *v, double *n)
{
	char *end;

	errno = 0;
	*n = strtod(v, &end);
	return end != v && !*end && !errno && strspn(v, "-0123456789.") == strlen(v);
}

/* "YYYY-MM-DD" and, for a time, "THH:MM:SS" after it (the local form) */
static bool datetime_of(const char *v, bool time, lxw_datetime *t)
{
	int sec = 0, n;

	*t = (lxw_datetime){0};
	if (time)
		n = sscanf(v, "%4d-%2d-%2dT%2d:%2d:%2d", &t->year, &t->month, &t->day,
		           &t->hour, &t->min, &sec) == 6;
	else
		n = strlen(v) == 10 && sscanf(v, "%4d-%2d-%2d", &t->year, &t->month, &t->day) == 3;
	t->sec = sec;
	return n && t->year >= 1900 && t->year <= 9999 && t->month >= 1 &&
	       t->month <= 12 && t->day >= 1 && t->day <= 31;
}

/* The byte length of v's first STR_MAX characters: the longest cell. */
static size_t cell_bytes(const char *v)
{
	size_t n = 0, chars = 0;

	for (; v[n] && chars <= STR_MAX; n++)
		if (((unsigned char)v[n] & 0xC0) != 0x80 && ++chars > STR_MAX)
			break;
	return n;
}

/* Text as a string cell, never a formula; cut at Excel's longest. */
static lxw_error put_string(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *v)
{
	size_t n = cell_bytes(v);
	char *cut;
	lxw_error err;

	if (!v[n])
		return worksheet_write_string(ws, row, col, v, NULL);
	if (!(cut = strndup(v, n)))
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	err = worksheet_write_string(ws, row, col, cut, NULL);
	free(cut);
	return err;
}

/* One cell; *w is how wide it shows. */
static lxw_error put_cell(struct xlsx *x, struct sheet *sh, const struct pt_column *c,
                          lxw_col_t col, const char *v, int *w)
{
	const struct pt_enum *en;
	lxw_datetime t;
	double n;

	if ((c->type == PT_T_TIME || c->type == PT_T_DATE) &&
	    datetime_of(v, c->type == PT_T_TIME, &t)) {
		*w = c->type == PT_T_TIME ? 19 : 10;
		return worksheet_write_datetime(sh->ws, sh->row, col, &t,
		                                c->type == PT_T_TIME ? x->time : x->date);
	}
	*w = pt_text_width(v);
	if (c->type == PT_T_INT && number_of(v, &n))
		return worksheet_write_number(sh->ws, sh->row, col, n,
		                              c->flags & PT_C_RATE ? x->rate : NULL);
	if (c->type == PT_T_BOOL)
		return worksheet_write_boolean(sh->ws, sh->row, col, strcmp(v, "false") != 0, NULL);
	if (sh->zh && c->type == PT_T_ENUM && (en = pt_enum_find(c->values, v))) {
		*w = pt_text_width(en->zh);
		return put_string(sh->ws, sh->row, col, en->zh);
	}
	return put_string(sh->ws, sh->row, col, v);
}

static int x_put(pt_doc *d, const pt_record *r)
{
	struct xlsx *x = d->impl;
	struct sheet *sh = sheet_of(x, r);
	const pt_schema *s = pt_record_schema(r);
	char buf[1024];
	const char *v;
	int w;

	if (!sh || s->ncols != sh->ncols)
		return fail(x, "%s", "xlsx: a record of no table");
	if (sh->row >= LXW_ROW_MAX)
		return fail(x, "xlsx: %s: more rows than a sheet holds (1048575)", sh->name);
	for (int i = 0; i < s->ncols; i++) {
		pt_display_value(&s->cols[i], pt_record_get(r, i), sh->pii, i, buf, sizeof buf, &v);
		if (!v)
			continue;
		lxw_error err = put_cell(x, sh, &s->cols[i], (lxw_col_t)i, v, &w);
		if (err)
			return fail(x, "xlsx: %s", lxw_strerror(err));
		if (w > sh->width[i])
			sh->width[i] = w;
	}
	sh->row++;
	return 0;
}

static int x_end(pt_doc *d)
{
	struct xlsx *x = d->impl;

	int i = pt_doc_pop(&x->open);

	if (i >= 0)
		x->sh[i].s = NULL;
	return 0;
}

/* Column widths that fit what they hold (a CJK character counts 2). */
static void widths(struct xlsx *x)
{
	for (int i = 0; i < x->n; i++)
		for (int k = 0; k < x->sh[i].ncols; k++) {
			int w = x->sh[i].width[k];
			worksheet_set_column(x->sh[i].ws, (lxw_col_t)k, (lxw_col_t)k,
			                     (w > MAX_WIDTH ? MAX_WIDTH : w < 4 ? 4 : w) + 2, NULL);
		}
}

static int copy_out(const char *path, FILE *out)
{
	FILE *f = fopen(path, "rb");
	char buf[65536];
	size_t n;
	int rc = f ? 0 : -1;

	while (f && (n = fread(buf, 1, sizeof buf, f)) > 0)
		if (fwrite(buf, 1, n, out) != n) {
			rc = -1;
			break;
		}
	if (f && ferror(f))
		rc = -1;
	if (f)
		fclose(f);
	return rc || fflush(out) || ferror(out) ? -1 : 0;
}

static int x_write(pt_doc *d, FILE *out, pt_err *e)
{
	struct xlsx *x = d->impl;
	lxw_doc_properties props = {.title = d->title, .created = (time_t)d->time};
	lxw_error err;

	if (x->err[0])
		return pt_error(e, PT_EDB, "%s", x->err);
	if (!x->n && !workbook_add_worksheet(x->wb, NULL))
		return pt_error(e, PT_EDB, "xlsx: out of memory");
	widths(x);
	workbook_set_properties(x->wb, &props);
	err = workbook_close(x->wb);
	x->wb = NULL;
	if (err)
		return pt_error(e, PT_EDB, "xlsx: %s", lxw_strerror(err));
	if (copy_out(x->path, out))
		return pt_error(e, PT_EDB, "stdout: %s", strerror(errno));
	return PT_OK;
}

static void x_free(pt_doc *d)
{
	struct xlsx *x = d->impl;

	if (!x)
		return;
	if (x->wb)
		workbook_close(x->wb);       /* libxlsxwriter's way to let go of its files */
	if (x->path[0])
		unlink(x->path);
	for (int i = 0; i < x->n; i++) {
		free(x->sh[i].title);
		free(x->sh[i].signature);
		free(x->sh[i].width);
	}
	free(x->sh);
	free(x->open.v);
	free(x);
	d->impl = NULL;
}

const struct pt_doc_ops pt_xlsx_ops = {
	x_open, x_begin, x_put, x_end, x_write, x_free,
};
