/* input.c - reading records: JSON Lines (cJSON) and CSV (libcsv), streamed */
#include "pt_priv.h"
#include <cjson/cJSON.h>
#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_COLS 256

struct pt_reader {
	FILE *in;
	const pt_schema *schema;
	enum pt_format fmt;
	bool keys;            /* PT_FMT_KEYS: ids from any tool's output */
	bool bare;            /* keys mode, one key a line */
	int key_col;
	pt_buf line;
	char buf[65536];
	size_t bpos, blen;
	bool have_line;       /* line holds an unread line */
	bool too_long, eof;
	long lineno, rec_line;
	/* CSV */
	struct csv_parser csv;
	bool csv_init;
	char *head[MAX_COLS];
	int map[MAX_COLS], nhead, field, extra;
	bool header_done, rec_ready, rec_bad, bare_cr;
	bool excel;           /* a BOM: the Excel form, formula-like cells behind a ' */
	size_t rec_bytes;
	pt_record *rec;
	pt_err *err;
};

pt_reader *pt_reader_new(FILE *in, const pt_schema *s, enum pt_format f)
{
	pt_reader *rd = calloc(1, sizeof *rd);

	if (!rd)
		return NULL;
	rd->in = in;
	rd->schema = s;
	rd->keys = f == PT_FMT_KEYS;
	rd->fmt = rd->keys ? PT_FMT_AUTO : f;
	rd->key_col = 0;
	return rd;
}

void pt_reader_free(pt_reader *rd)
{
	if (!rd)
		return;
	if (rd->csv_init)
		csv_free(&rd->csv);
	for (int i = 0; i < rd->nhead; i++)
		free(rd->head[i]);
	pt_buf_free(&rd->line);
	free(rd);
}

void pt_reader_set_key_col(pt_reader *rd, int col) { rd->key_col = col; }
long pt_reader_line(const pt_reader *rd) { return rd->rec_line; }
enum pt_format pt_reader_format(const pt_reader *rd) { return rd->fmt; }

/* Refills the read buffer; false at the end of input. */
static bool refill(pt_reader *rd)
{
	rd->bpos = 0;
	rd->blen = fread(rd->buf, 1, sizeof rd->buf, rd->in);
	return rd->blen > 0;
}

/*
 * Reads one line (with its newline) into rd->line; 0 at the end of input.
 * Input that never ends must end too (cat /dev/zero): a line longer than
 * PT_MAX_LINE (too_long) and a line with a NUL byte (cut after it) are the
 * last read; their readers report them and stop.
 */
static int read_line(pt_reader *rd)
{
	bool any = false;

	if (rd->have_line) {
		rd->have_line = false;
		return 1;
	}
	rd->line.len = 0;
	rd->too_long = false;
	while (!rd->eof) {
		if (rd->bpos == rd->blen && !refill(rd)) {
			rd->eof = true;
			break;
		}
		char *start = rd->buf + rd->bpos;
		size_t avail = rd->blen - rd->bpos;
		char *nl = memchr(start, '\n', avail), *nul;
		size_t n = nl ? (size_t)(nl - start) + 1 : avail;
		if ((nul = memchr(start, 0, n))) {
			n = (size_t)(nul - start) + 1;
			nl = NULL;
			rd->eof = true;
		}
		any = true;
		if (rd->line.len + n > PT_MAX_LINE)
			rd->too_long = rd->eof = true;
		if (!rd->too_long && pt_buf_add(&rd->line, start, n) < 0)
			rd->too_long = rd->eof = true;
		rd->bpos += n;
		if (nl)
			break;
	}
	if (!any)
		return 0;
	if (!rd->line.p)
		pt_buf_add(&rd->line, "", 0);
	rd->lineno++;
	return 1;
}

static bool blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isspace((unsigned char)s[i]))
			return false;
	return true;
}

static void strip_bom(pt_reader *rd)
{
	pt_buf *b = &rd->line;

	if (b->len >= 3 && !memcmp(b->p, "\xEF\xBB\xBF", 3)) {
		memmove(b->p, b->p + 3, b->len - 3 + 1);
		b->len -= 3;
		rd->excel = true;
	}
}

/* The first non-blank line decides: '{' is JSON Lines, anything else CSV. */
static int detect(pt_reader *rd)
{
	while (read_line(rd)) {
		if (rd->lineno == 1)
			strip_bom(rd);
		if (rd->too_long || !blank(rd->line.p, rd->line.len)) {
			size_t i = strspn(rd->line.p, " \t");
			rd->have_line = true;
			if (rd->fmt == PT_FMT_AUTO)
				rd->fmt = rd->line.p[i] == '{' ? PT_FMT_JSONL : PT_FMT_CSV;
			return 1;
		}
	}
	return 0;
}

/* \u0000 in a JSON string would cut the C string short: refuse it. */
static bool has_nul_escape(const char *s, size_t n)
{
	for (size_t i = 0; i + 6 <= n; i++) {
		if (s[i] != '\\')
			continue;
		if (!strncmp(s + i + 1, "u0000", 5))
			return true;
		i++;                      /* skip the escaped character */
	}
	return false;
}

/* The columns a case key is read from (pt_reader_next_key). */
static bool key_field(int col)
{
	return col == PT_F_ID || col == PT_F_CASE_NO || col == PT_F_UUID;
}

static int json_value(pt_reader *rd, pt_record *r, int col, const cJSON *v,
                      pt_err *e)
{
	char num[64];
	const char *name = pt_schema_name(rd->schema, col);

	if (pt_record_get(r, col))
		return pt_error(e, PT_EINPUT, "line %ld: %s: given twice", rd->lineno, name);
	if (rd->keys && !key_field(col))   /* only marked given: no key is read from it */
		return cJSON_IsString(v) || cJSON_IsBool(v) || cJSON_IsNumber(v) ?
			pt_record_set(r, col, "", 0, PT_V_TEXT) : 0;
	if (cJSON_IsString(v))
		return pt_record_sets(r, col, v->valuestring) < 0 ?
			pt_error(e, PT_EDB, "out of memory") : 0;
	if (cJSON_IsNull(v))
		return 0;
	if (cJSON_IsBool(v))
		return pt_record_set(r, col, cJSON_IsTrue(v) ? "true" : "false",
		                     cJSON_IsTrue(v) ? 4 : 5, PT_V_BOOL);
	if (cJSON_IsNumber(v)) {
		double d = v->valuedouble;
		if (d == floor(d) && fabs(d) < 1e15)
			snprintf(num, sizeof num, "%lld", (long long)d);
		else
			snprintf(num, sizeof num, "%.17g", d);
		return pt_record_set(r, col, num, strlen(num), PT_V_NUMBER);
	}
	if (rd->keys)
		return 0;
	return pt_error(e, PT_EINPUT, "line %ld: %s: expected a string, got %s",
	                rd->lineno, name, cJSON_IsArray(v) ? "an array" : "an object");
}

/* An unknown column or key is echoed only when it looks like a field name
 * misspelt: the first line of a CSV without a header may be a name. */
static bool looks_like_name(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_");

	return n > 0 && n <= 64 && !s[n];
}

static int json_record(pt_reader *rd, pt_record *r, pt_err *e)
{
	const char *end = NULL;
	cJSON *obj, *v;
	int rc = 0, next = 0;

	if (memchr(rd->line.p, 0, rd->line.len) ||
	    has_nul_escape(rd->line.p, rd->line.len))
		return pt_error(e, PT_EINPUT, "line %ld: contains a NUL byte", rd->lineno);
	obj = cJSON_ParseWithLengthOpts(rd->line.p, rd->line.len, &end, 0);
	if (!obj)
		return pt_error(e, PT_EINPUT, "line %ld: malformed JSON near byte %ld",
		                rd->lineno, (long)(cJSON_GetErrorPtr() ?
		                cJSON_GetErrorPtr() - rd->line.p + 1 : 0));
	if (!blank(end, rd->line.len - (size_t)(end - rd->line.p)))
		rc = pt_error(e, PT_EINPUT, "line %ld: text after the JSON value", rd->lineno);
	else if (!cJSON_IsObject(obj))
		rc = pt_error(e, PT_EINPUT, "line %ld: not a JSON object", rd->lineno);
	for (v = obj->child; !rc && cJSON_IsObject(obj) && v; v = v->next) {
		/* any tool writes the fields in the schema's order: the next first */
		int col = pt_schema_lookup_next(rd->schema, v->string, next);
		next = col + 1;
		if (col < 0 && rd->keys)
			continue;
		if (col < 0 && !pt_utf8_valid(v->string, strlen(v->string)))
			rc = pt_error(e, PT_EINPUT, "line %ld: a key is not valid UTF-8", rd->lineno);
		else if (col < 0 && looks_like_name(v->string))
			rc = pt_error(e, PT_EINPUT, "line %ld: \"%s\" is not a field",
			              rd->lineno, v->string);
		else if (col < 0)
			rc = pt_error(e, PT_EINPUT, "line %ld: a key is not a field name", rd->lineno);
		else
			rc = json_value(rd, r, col, v, e);
	}
	cJSON_Delete(obj);
	return rc;
}

static int next_jsonl(pt_reader *rd, pt_record *r, pt_err *e)
{
	for (;;) {
		if (!read_line(rd))
			return 0;
		rd->rec_line = rd->lineno;
		if (rd->too_long)
			return pt_error(e, PT_EINPUT, "line %ld: longer than %u bytes",
			                rd->lineno, PT_MAX_LINE), -2;
		if (!blank(rd->line.p, rd->line.len))
			break;
	}
	return json_record(rd, r, e) ? (rd->eof ? -2 : -1) : 1;
}

/* --- CSV through libcsv's callbacks --- */

static void on_field(void *s, size_t len, void *data)
{
	pt_reader *rd = data;
	int i;

	if ((rd->header_done && !rd->rec) || rd->rec_ready) {
		rd->bare_cr = true;       /* a second record in one line: a lone CR */
		return;
	}
	i = rd->field++;

	if (!rd->header_done) {
		if (i < MAX_COLS) {
			rd->head[i] = strndup(s ? s : "", len);
			rd->nhead = i + 1;
		}
		return;
	}
	if (i >= rd->nhead) {
		rd->extra++;
		return;
	}
	if (!s || rd->map[i] < 0 || rd->rec_bad)
		return;
	if (memchr(s, 0, len)) {
		pt_error(rd->err, PT_EINPUT, "line %ld: %s: contains a NUL byte",
		         rd->rec_line, pt_schema_name(rd->schema, rd->map[i]));
		rd->rec_bad = true;
		return;
	}
	const char *v = s;
	if (rd->excel && len >= 2 && *v == '\'' && pt_csv_formula_start(v[1]))
		v++, len--;               /* written by --bom: the ' is not the value's */
	if (pt_record_set(rd->rec, rd->map[i], v, len, PT_V_TEXT) < 0) {
		pt_error(rd->err, PT_EDB, "out of memory");
		rd->rec_bad = true;
	}
}

static void on_record(int c, void *data)
{
	pt_reader *rd = data;

	(void)c;
	if ((rd->header_done && !rd->rec) || rd->rec_ready) {
		rd->bare_cr = true;
		return;
	}
	if (!rd->header_done) {
		rd->header_done = true;
		rd->field = 0;
		return;
	}
	if (!rd->rec_bad && rd->field != rd->nhead) {
		pt_error(rd->err, PT_EINPUT, "line %ld: expected %d fields, got %d",
		         rd->rec_line, rd->nhead, rd->field);
		rd->rec_bad = true;
	}
	rd->rec_ready = true;
}

static int map_header(pt_reader *rd, pt_err *e)
{
	bool any_key = false;

	if (rd->nhead >= MAX_COLS)
		return pt_error(e, PT_EINPUT, "line 1: more than %d columns", MAX_COLS - 1);
	for (int i = 0; i < rd->nhead; i++) {
		int col = pt_schema_lookup(rd->schema, rd->head[i]);
		if (col < 0 && !rd->keys && !pt_utf8_valid(rd->head[i], strlen(rd->head[i])))
			return pt_error(e, PT_EINPUT, "line 1: a column name is not valid UTF-8");
		if (col < 0 && !rd->keys && looks_like_name(rd->head[i]))
			return pt_error(e, PT_EINPUT, "line 1: \"%s\" is not a field",
			                rd->head[i]);
		if (col < 0 && !rd->keys)     /* a headerless file: that may be a name */
			return pt_error(e, PT_EINPUT, "line 1: column %d is not a field name"
			                " (the first line names the fields)", i + 1);
		for (int j = 0; col >= 0 && j < i; j++)
			if (rd->map[j] == col)
				return pt_error(e, PT_EINPUT, "line 1: %s: given twice",
				                pt_schema_name(rd->schema, col));
		rd->map[i] = col;
		any_key |= col == rd->key_col || (rd->keys && col >= 0);
	}
	if (rd->keys && !any_key)
		rd->bare = true;
	return PT_OK;
}

static int feed(pt_reader *rd, const char *s, size_t n, pt_err *e)
{
	if (csv_parse(&rd->csv, s, n, on_field, on_record, rd) != n)
		return pt_error(e, PT_EINPUT, "line %ld: malformed CSV: %s", rd->lineno,
		                csv_strerror(csv_error(&rd->csv)));
	if (rd->bare_cr)
		return pt_error(e, PT_EINPUT, "line %ld: malformed CSV: a carriage return"
		                " ends a record inside a line (lines must end in LF or CRLF)",
		                rd->lineno);
	return PT_OK;
}

static int csv_header(pt_reader *rd, pt_err *e)
{
	if (csv_init(&rd->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL))
		return pt_error(e, PT_EDB, "out of memory");
	csv_set_blk_size(&rd->csv, 65536);   /* big fields grow in big steps, not 128 bytes */
	rd->csv_init = true;
	rd->err = e;
	while (!rd->header_done && read_line(rd)) {
		if (rd->too_long)
			return pt_error(e, PT_EINPUT, "line %ld: longer than %u bytes",
			                rd->lineno, PT_MAX_LINE);
		if (memchr(rd->line.p, 0, rd->line.len))
			return pt_error(e, PT_EINPUT, "line %ld: contains a NUL byte", rd->lineno);
		if (feed(rd, rd->line.p, rd->line.len, e))
			return PT_EINPUT;
	}
	if (!rd->header_done)
		return pt_error(e, PT_EINPUT, "line %ld: the CSV header is not closed",
		                rd->lineno);
	return map_header(rd, e);
}

/* A CSV record cut at a NUL byte: the field that holds it named if it can be. */
static int nul_record(pt_reader *rd, pt_err *e)
{
	if (!rd->rec_bad && !rd->rec_ready)
		csv_fini(&rd->csv, on_field, on_record, rd);
	if (!rd->rec_bad)
		pt_error(e, PT_EINPUT, "line %ld: contains a NUL byte", rd->lineno);
	rd->rec_ready = true;
	return -2;
}

static int next_csv(pt_reader *rd, pt_record *r, pt_err *e)
{
	rd->rec = r;
	rd->err = e;
	rd->field = rd->extra = 0;
	rd->rec_ready = rd->rec_bad = false;
	rd->rec_line = 0;
	rd->rec_bytes = 0;
	while (!rd->rec_ready) {
		if (!read_line(rd)) {
			if (csv_fini(&rd->csv, on_field, on_record, rd))
				return pt_error(e, PT_EINPUT, "line %ld: malformed CSV: %s",
				                rd->rec_line ? rd->rec_line : rd->lineno,
				                "a quoted field is not closed"), -2;
			if (!rd->rec_ready)
				return 0;
			break;
		}
		if (!rd->rec_line) {
			if (blank(rd->line.p, rd->line.len))
				continue;
			rd->rec_line = rd->lineno;
		}
		rd->rec_bytes += rd->line.len;
		if (rd->too_long || rd->rec_bytes > PT_MAX_LINE)
			return pt_error(e, PT_EINPUT, "line %ld: record longer than %u bytes",
			                rd->rec_line, PT_MAX_LINE), -2;
		if (feed(rd, rd->line.p, rd->line.len, e))
			return -2;
		if (memchr(rd->line.p, 0, rd->line.len))
			return nul_record(rd, e);
	}
	return rd->rec_bad ? -1 : 1;
}

static int next_bare(pt_reader *rd, pt_record *r, pt_err *e)
{
	char *s;
	size_t n;

	do {
		if (!read_line(rd))
			return 0;
		rd->rec_line = rd->lineno;
		if (rd->too_long)
			return pt_error(e, PT_EINPUT, "line %ld: longer than %u bytes",
			                rd->lineno, PT_MAX_LINE), -2;
	} while (blank(rd->line.p, rd->line.len));
	if (memchr(rd->line.p, 0, rd->line.len))
		return pt_error(e, PT_EINPUT, "line %ld: contains a NUL byte", rd->lineno), -2;
	s = rd->line.p + strspn(rd->line.p, " \t\r\n");
	n = strcspn(s, " \t\r\n");
	if (pt_record_set(r, rd->key_col, s, n, PT_V_TEXT) < 0)
		return pt_error(e, PT_EDB, "out of memory"), -2;
	return 1;
}

int pt_reader_next(pt_reader *rd, pt_record *r, pt_err *e)
{
	pt_record_clear(r);
	if (rd->lineno == 0 && !rd->have_line) {
		if (!detect(rd))
			return 0;
		if (rd->fmt == PT_FMT_CSV) {
			if (csv_header(rd, e))
				return -2;
			if (rd->bare)            /* keys: the "header" was a key: read it again */
				rd->have_line = true;
		}
	}
	if (rd->bare)
		return next_bare(rd, r, e);
	if (rd->fmt == PT_FMT_JSONL)
		return next_jsonl(rd, r, e);
	return next_csv(rd, r, e);
}

int pt_format_parse(const char *s, enum pt_format *f)
{
	if (!strcmp(s, "jsonl") || !strcmp(s, "json"))
		*f = PT_FMT_JSONL;
	else if (!strcmp(s, "csv"))
		*f = PT_FMT_CSV;
	else if (!strcmp(s, "table"))
		*f = PT_FMT_TABLE;
	else if (!strcmp(s, "xlsx"))
		*f = PT_FMT_XLSX;
	else if (!strcmp(s, "html"))
		*f = PT_FMT_HTML;
	else
		return -1;
	return 0;
}

/* The next case key (id, else case_no, else uuid) from any tool's output. */
int pt_reader_next_key(pt_reader *rd, pt_record *r, const char **key, pt_err *e)
{
	static const int cols[] = {PT_F_ID, PT_F_CASE_NO, PT_F_UUID};
	int rc;

	while ((rc = pt_reader_next(rd, r, e)) == 1) {
		for (int i = 0; i < 3; i++) {
			const char *k = pt_record_get(r, cols[i]);
			enum pt_kind kind = pt_record_kind(r, cols[i]);
			if (!k || !*k)
				continue;
			/* an id may be a JSON number; a case number or uuid is text */
			if (kind == PT_V_BOOL || (kind == PT_V_NUMBER && cols[i] != PT_F_ID))
				return pt_error(e, PT_EINPUT, "line %ld: %s: expected %s", rd->rec_line,
				                pt_schema_name(rd->schema, cols[i]),
				                cols[i] == PT_F_ID ? "a number" : "a string"), -1;
			if (!pt_utf8_valid(k, strlen(k)))
				return pt_error(e, PT_EINPUT, "line %ld: %s: is not valid UTF-8",
				                rd->rec_line, pt_schema_name(rd->schema, cols[i])), -1;
			*key = k;
			return 1;
		}
		pt_error(e, PT_EINPUT, "line %ld: no id, case_no or uuid", rd->rec_line);
		return -1;
	}
	return rc;
}

/*
 * Opens a file of settings (a policy, a calendar) to read: a regular file
 * only, as a FIFO could block for ever and a device never end. NULL with
 * errno set (EINVAL: not a regular file).
 */
FILE *pt_fopen_regular(const char *path)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC), err = 0;
	struct stat st;
	FILE *f = NULL;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0)
		err = errno;
	else if (!S_ISREG(st.st_mode))
		err = EINVAL;
	else if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) < 0 ||
	         !(f = fdopen(fd, "r")))
		err = errno;
	if (err) {
		close(fd);
		errno = err;
	}
	return f;
}

const char *pt_fopen_strerror(int err)
{
	return err == EINVAL ? "not a regular file" : strerror(err);
}
