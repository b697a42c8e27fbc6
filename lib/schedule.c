/* schedule.c - the reception schedule (接访安排): which leader receives
 * where on which days, loaded whole, and its notice to the public */
#include "store/store.h"
#include <stdlib.h>
#include <string.h>

#define REQ (PT_C_INPUT | PT_C_REQUIRED)

static const struct pt_column schedule_cols[] = {
	{"visit_leader", "接访领导", PT_T_TEXT, REQ, 100, 12, NULL},
	{"post", "职务", PT_T_TEXT, PT_C_INPUT, 100, 10, NULL},
	{"unit", "单位代码", PT_T_TEXT, REQ, 0, 8, NULL},
	{"place", "接访地点", PT_T_TEXT, REQ, 200, 12, NULL},
	{"days", "接访日", PT_T_TEXT, REQ, 1000, 16, NULL},
	{"hours", "接访时间", PT_T_TEXT, REQ | PT_C_FLEX, 200, 12, NULL},
};
const pt_schema pt_schedule_schema = {schedule_cols, PT_NCOLS(schedule_cols)};
enum { S_LEADER, S_POST, S_UNIT, S_PLACE, S_DAYS, S_HOURS, S__COUNT };

/* The days a schedule names: weekdays by code or label, or dates. */
static const struct pt_enum days[] = {
	{"mon", "周一"}, {"tue", "周二"}, {"wed", "周三"}, {"thu", "周四"},
	{"fri", "周五"}, {"sat", "周六"}, {"sun", "周日"},
	{"weekdays", "工作日"}, {"daily", "每天"}, {NULL, NULL},
};

/* item of a comma list, at most size - 1 bytes; NULL past the last */
static const char *next_item(const char **p, char *item, size_t size)
{
	size_t n;

	if (!*p)
		return NULL;
	n = strcspn(*p, ",");
	snprintf(item, size, "%.*s", (int)(n < size ? n : size - 1), *p);
	*p = (*p)[n] ? *p + n + 1 : NULL;
	return item;                 /* cut to size - 1 bytes: then no code nor date */
}

/* days as codes and dates into out; else the item that is not one, in
 * bad ("" when out of memory) */
static const char *days_of(const char *v, pt_buf *out, char bad[32])
{
	const char *p = v, *item;
	int32_t d;

	while ((item = next_item(&p, bad, 32))) {
		const struct pt_enum *k = pt_enum_find(days, item);
		if (!k && pt_date_parse(item, &d))
			return item;
		if ((out->len && pt_buf_adds(out, ",")) || pt_buf_adds(out, k ? k->code : item))
			return "";
	}
	return NULL;
}

/* HH:MM of 00:00 to 24:00 in minutes, else -1 */
static int minutes(const char *s, size_t n)
{
	int h, m;

	if (n != 5 || s[2] != ':' || strspn(s, "0123456789:") != 5)
		return -1;
	h = (s[0] - '0') * 10 + s[1] - '0';
	m = (s[3] - '0') * 10 + s[4] - '0';
	return h > 24 || m > 59 || (h == 24 && m) ? -1 : h * 60 + m;
}

static bool hours_ok(const char *v)
{
	const char *p = v, *item;
	char buf[32];

	while ((item = next_item(&p, buf, sizeof buf))) {
		const char *dash = strchr(item, '-');
		int a = dash ? minutes(item, (size_t)(dash - item)) : -1;
		int b = dash ? minutes(dash + 1, strlen(dash + 1)) : -1;
		if (a < 0 || b <= a)
			return false;
	}
	return true;
}

static int row_fault(pt_errlist *errs, const char *where, int col, const char *why,
                     const char *v)
{
	pt_errlist_add(errs, PT_EINPUT, "%s: %s: %s%s%.64s%s", where,
	               pt_schema_name(&pt_schedule_schema, col), why, v ? " (\"" : "",
	               v && pt_text_showable(v) ? v : v ? "?" : "", v ? "\")" : "");
	return PT_EINPUT;
}

/* Checks a row, its unit made a code and its days codes. */
static int row_check(pt_db *db, pt_record *r, const char *where, pt_errlist *errs)
{
	const struct pt_unit *u;
	const char *bad, *fault;
	char item[32];
	pt_buf b = {0};
	pt_err e = {0};
	int rc = PT_OK;

	for (int i = 0; i < S__COUNT; i++) {
		const char *v = pt_record_get(r, i);
		const struct pt_column *c = pt_column(&pt_schedule_schema, i);
		if (!v && c->flags & PT_C_REQUIRED)
			rc = row_fault(errs, where, i, "required", NULL);
		else if (v && (fault = pt_text_fault(v, strlen(v), false)))
			rc = row_fault(errs, where, i, fault, NULL);
		else if (v && c->max && pt_utf8_chars(v, strlen(v)) > (size_t)c->max)
			rc = row_fault(errs, where, i, "too long", NULL);
	}
	if (rc)
		return rc;
	if (!(u = pt_unit_must(db, pt_record_get(r, S_UNIT), "unit", PT_EINPUT, &e)))
		return pt_errlist_add(errs, e.code, "%s: %s", where, e.msg), e.code;
	if ((bad = days_of(pt_record_get(r, S_DAYS), &b, item)))
		rc = row_fault(errs, where, S_DAYS, *bad ? "not a weekday (mon..sun, weekdays,"
		               " daily) or a date" : "out of memory", *bad ? bad : NULL);
	else if (!hours_ok(pt_record_get(r, S_HOURS)))
		rc = row_fault(errs, where, S_HOURS, "not a list of HH:MM-HH:MM", 
		               pt_record_get(r, S_HOURS));
	if (!rc && (pt_record_sets(r, S_UNIT, u->code) || pt_record_sets(r, S_DAYS, b.p)))
		rc = PT_EDB;
	pt_buf_free(&b);
	return rc;
}

static int load_rows(pt_db *db, pt_reader *rd, pt_record *r, pt_errlist *errs, long *rows)
{
	char where[48];
	pt_err e = {0};
	int n;

	while ((n = pt_reader_next(rd, r, &e)) != 0) {
		if (n < 0) {
			pt_errlist_add(errs, e.code, "%s", e.msg);
			if (n == -2)
				return PT_OK;
			continue;
		}
		snprintf(where, sizeof where, "line %ld", pt_reader_line(rd));
		if (row_check(db, r, where, errs) || pt_errlist_count(errs))
			continue;
		if (pt_store_schedule_add(db, r, &e))
			return pt_errlist_add(errs, e.code, "%s", e.msg), e.code;
		++*rows;
	}
	return PT_OK;
}

int pt_schedule_load(pt_db *db, FILE *in, enum pt_format f, pt_errlist *errs)
{
	pt_reader *rd = pt_reader_new(in, &pt_schedule_schema, f);
	pt_record *r = pt_record_new(&pt_schedule_schema);
	pt_err e = {0};
	long rows = 0;
	int rc;

	if (!rd || !r)
		pt_errlist_add(errs, PT_EDB, "out of memory");
	else if ((rc = pt_units_ready(db, &e)) || (rc = pt_store_schedule_clear(db, &e)))
		pt_errlist_add(errs, rc, "%s", e.msg);
	else if (!load_rows(db, rd, r, errs, &rows) && !rows && !pt_errlist_count(errs))
		pt_errlist_add(errs, PT_EINPUT, "no rows: a schedule has one row or more");
	pt_reader_free(rd);
	pt_record_free(r);
	return pt_errlist_count(errs) ? pt_errlist_code(errs) : PT_OK;
}

int pt_schedule_query(pt_db *db, pt_cursor **out, pt_err *e)
{
	return pt_store_schedule_query(db, out, e);
}

/* --- the notice --- */

struct notice {
	pt_db *db;
	const pt_record *row;       /* NULL: the page */
	const char *rows;
	char date[11], buf[2048], first_unit[64];
};

/* The days in words: 周一、周三, 工作日, 每天, dates as written. */
static const char *days_words(struct notice *n, const char *v)
{
	const char *p = v, *item;
	char buf[32];
	size_t len = 0;

	n->buf[0] = 0;
	while ((item = next_item(&p, buf, sizeof buf)) && len < sizeof n->buf) {
		const struct pt_enum *k = pt_enum_find(days, item);
		len += (size_t)snprintf(n->buf + len, sizeof n->buf - len, "%s%s",
		                        len ? "、" : "", k ? k->zh : item);
	}
	return n->buf;
}

static const char *office_name(struct notice *n)
{
	pt_err e = {0};
	const char *office = pt_office(n->db, &e);
	const struct pt_unit *u = office && *office ? pt_unit_find(n->db, office) : NULL;

	if (!u)
		u = pt_unit_find(n->db, n->first_unit);
	return u ? u->name : "";
}

static const char *notice_value(void *arg, const char *key)
{
	struct notice *n = arg;
	int col = n->row ? pt_schema_column(&pt_schedule_schema, key) : -1;
	const struct pt_unit *u;
	const char *v;

	if (!strcmp(key, "date"))
		return n->date;
	if (!n->row)
		return !strcmp(key, "rows") ? n->rows : !strcmp(key, "unit_name") ?
			office_name(n) : NULL;
	if (!strcmp(key, "unit_name"))
		return (u = pt_unit_find(n->db, pt_record_get(n->row, S_UNIT))) ? u->name : "";
	if (!strcmp(key, "leader_post")) {          /* 孙建国（局长）, or the name alone */
		v = pt_record_get(n->row, S_POST);
		snprintf(n->buf, sizeof n->buf, "%s%s%s%s", pt_record_get(n->row, S_LEADER),
		         v ? "（" : "", v ? v : "", v ? "）" : "");
		return n->buf;
	}
	if (col < 0)
		return NULL;
	v = pt_record_get(n->row, col);
	if (col == S_DAYS && v)
		return days_words(n, v);
	if (col == S_HOURS && v) {
		snprintf(n->buf, sizeof n->buf, "%s", v);
		for (char *c = n->buf; *c; c++)
			*c = *c == ',' ? ' ' : *c;
		return n->buf;
	}
	return v ? v : "";
}

/* Every row of the schedule through the row template, into text. */
static int render_rows(struct notice *n, const char *tpl, char **text, size_t *len,
                       pt_err *e)
{
	pt_record *r = pt_record_new(&pt_schedule_schema);
	FILE *mem = open_memstream(text, len);
	pt_cursor *c = NULL;
	int rc = r && mem ? pt_store_schedule_query(n->db, &c, e) :
		pt_error(e, PT_EDB, "out of memory"), got = 0, rows = 0;

	while (!rc && (got = pt_cursor_next(c, r, e)) == 1) {
		if (!rows++)
			snprintf(n->first_unit, sizeof n->first_unit, "%s", pt_record_get(r, S_UNIT));
		n->row = r;
		rc = pt_template_render(tpl, "schedule_row", notice_value, n, mem, e);
	}
	n->row = NULL;
	if (!rc && got < 0)
		rc = e->code;
	if (!rc && !rows)
		rc = pt_error(e, PT_EREFUSED, "no reception schedule: load one with"
		              " --schedule FILE");
	pt_cursor_close(c);
	pt_record_free(r);
	if (mem)
		fclose(mem);
	return rc;
}

int pt_schedule_notice(pt_db *db, const char *dir, FILE *out, pt_err *e)
{
	struct notice n = {.db = db};
	char *page = NULL, *row = NULL, *rows = NULL, *text = NULL;
	size_t nrows = 0, len = 0;
	FILE *mem = NULL;
	int rc;

	pt_date_format(pt_local_day(db->now), n.date);
	if ((rc = pt_units_ready(db, e)) || (rc = pt_template_read(dir, "schedule", &page, e)) ||
	    (rc = pt_template_read(dir, "schedule_row", &row, e)) ||
	    (rc = render_rows(&n, row, &rows, &nrows, e)))
		goto done;
	n.rows = rows;
	if (!(mem = open_memstream(&text, &len)))
		rc = pt_error(e, PT_EDB, "out of memory");
	else if (!(rc = pt_template_render(page, "schedule", notice_value, &n, mem, e)) &&
	         (fclose(mem), mem = NULL, fwrite(text, 1, len, out) != len))
		rc = pt_error(e, PT_EDB, "write error");
done:
	if (mem)
		fclose(mem);
	free(page);
	free(row);
	free(rows);
	free(text);
	return rc;
}
