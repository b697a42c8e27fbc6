/* show.c - one case in full: fields, deadlines with their rules, history */
#include "pt_priv.h"
#include <cjson/cJSON.h>
#include <string.h>

int pt_case_get(pt_db *db, int64_t id, pt_record *r, pt_err *e)
{
	pt_filter f = {0};
	pt_cursor *c;
	int rc;

	f.id = id;
	if ((rc = pt_cases_query(db, &f, &c, e)))
		return rc;
	rc = pt_cursor_next(c, r, e);
	pt_cursor_close(c);
	if (rc == 0)
		return pt_error(e, PT_EINPUT, "%" PRId64 ": no such case", id);
	return rc < 0 ? e->code : PT_OK;
}

typedef int (*query_fn)(pt_db *, int64_t, pt_cursor **, pt_err *);

/* Streams a case's deadlines or events into a writer or a JSON array. */
static int each_row(pt_db *db, int64_t id, query_fn q, const pt_schema *s,
                    pt_writer *w, cJSON *arr, int pii, pt_err *e)
{
	pt_record *r = pt_record_new(s);
	pt_cursor *c = NULL;
	int rc, n;

	if (!r)
		return pt_error(e, PT_EDB, "out of memory");
	if ((rc = q(db, id, &c, e)) == PT_OK) {
		while ((n = pt_cursor_next(c, r, e)) == 1) {
			if (w && pt_writer_put(w, r) < 0)
				break;
			if (arr)
				cJSON_AddItemToArray(arr, pt_record_json(r, pii));
		}
		rc = n < 0 ? e->code : PT_OK;
	}
	pt_cursor_close(c);
	pt_record_free(r);
	return rc;
}

static int show_json(pt_db *db, int64_t id, pt_record *r, FILE *out,
                     const pt_write_options *o, pt_err *e)
{
	cJSON *obj = pt_record_json(r, pt_pii_of(o)), *dl, *ev;
	int rc;

	if (!obj)
		return pt_error(e, PT_EDB, "out of memory");
	cJSON *sv;

	dl = cJSON_AddArrayToObject(obj, "deadlines");
	sv = cJSON_AddArrayToObject(obj, "supervisions");
	ev = cJSON_AddArrayToObject(obj, "history");
	rc = each_row(db, id, pt_deadlines_query, &pt_deadline_schema, NULL, dl,
	              pt_pii_of(o), e);
	if (!rc)
		rc = each_row(db, id, pt_supervisions_query, &pt_supervision_schema, NULL, sv,
		              pt_pii_of(o), e);
	if (!rc)
		rc = each_row(db, id, pt_events_query, &pt_event_schema, NULL, ev,
		              pt_pii_of(o), e);
	if (!rc && pt_json_print(out, obj) < 0)
		rc = pt_error(e, PT_EDB, "write error");
	cJSON_Delete(obj);
	return rc;
}

/* The clock behind a due-date field, for "2017-04-05 (received ... + 15 days)". */
static const char *clock_of(int f, const pt_record *r)
{
	const char *st = pt_record_get(r, PT_F_STATUS);

	switch (f) {
	case PT_F_ACCEPT_DUE: return "accept";
	case PT_F_REPLY_DUE: return "reply";
	case PT_F_REVIEW_DUE:
		return st && (!strcmp(st, "reviewed") || !strcmp(st, "rereviewing") ||
		              !strcmp(st, "final")) ? "rereview_request" : "review_request";
	}
	return NULL;
}

static void show_fields(pt_db *db, int64_t id, pt_record *r, FILE *out,
                        const pt_write_options *o)
{
	char buf[1024];
	const char *v, *clock;
	struct pt_clock k;

	for (int i = 0; i < PT_NCASE_FIELDS; i++) {
		const struct pt_column *c = pt_column(&pt_case_schema, i);
		pt_display_value(c, pt_record_get(r, i), pt_pii_of(o), i, buf, sizeof buf, &v);
		if (!v)
			continue;
		pt_put_cell(out, o->zh_header ? c->zh : c->name, 22);
		fputs("  ", out);
		for (const char *p = v; *p; p++) {   /* keep multi-line text readable */
			putc(*p, out);
			if (*p == '\n')
				fputs("                        ", out);
		}
		if ((clock = clock_of(i, r)) &&
		    pt_store_deadline_get(db, id, clock, &k, NULL) == PT_OK &&
		    !strcmp(k.due, v))
			fprintf(out, "  (%s)", k.rule);
		putc('\n', out);
	}
}

static bool has_rows(pt_db *db, int64_t id)
{
	pt_record *r = pt_record_new(&pt_supervision_schema);
	pt_cursor *c = NULL;
	bool any = r && !pt_supervisions_query(db, id, &c, NULL) && pt_cursor_next(c, r, NULL) == 1;

	pt_cursor_close(c);
	pt_record_free(r);
	return any;
}

static int show_table(pt_db *db, int64_t id, pt_record *r, FILE *out,
                      const pt_write_options *o, pt_err *e)
{
	pt_writer *w;
	int rc;

	show_fields(db, id, r, out, o);
	fputs(o->zh_header ? "\n期限\n" : "\ndeadlines\n", out);
	if (!(w = pt_writer_new(out, &pt_deadline_schema, o)))
		return pt_error(e, PT_EDB, "out of memory");
	rc = each_row(db, id, pt_deadlines_query, &pt_deadline_schema, w, NULL, PT_PII_MASK, e);
	pt_writer_close(w);
	if (rc)
		return rc;
	if (has_rows(db, id)) {
		fputs(o->zh_header ? "\n督查督办\n" : "\nsupervision\n", out);
		if (!(w = pt_writer_new(out, &pt_supervision_schema, o)))
			return pt_error(e, PT_EDB, "out of memory");
		rc = each_row(db, id, pt_supervisions_query, &pt_supervision_schema, w, NULL,
		              PT_PII_MASK, e);
		pt_writer_close(w);
		if (rc)
			return rc;
	}
	fputs(o->zh_header ? "\n办理记录\n" : "\nhistory\n", out);
	if (!(w = pt_writer_new(out, &pt_event_schema, o)))
		return pt_error(e, PT_EDB, "out of memory");
	rc = each_row(db, id, pt_events_query, &pt_event_schema, w, NULL, PT_PII_MASK, e);
	pt_writer_close(w);
	return rc;
}

int pt_show_case(pt_db *db, int64_t id, FILE *out, const pt_write_options *o,
                 pt_writer **events, pt_err *e)
{
	pt_record *r = pt_record_new(&pt_case_schema);
	int rc;

	if (!r)
		return pt_error(e, PT_EDB, "out of memory");
	if ((rc = pt_case_get(db, id, r, e)))
		goto done;
	if (o->format == PT_FMT_TABLE) {
		rc = show_table(db, id, r, out, o, e);
	} else if (o->format == PT_FMT_CSV || o->doc) {
		/* a document: the case a row of its sheet, its events rows of the
		 * history's (the deadlines are fields of the case) */
		pt_write_options h = pt_titled(o, "history", "办理记录");
		if (o->doc && (rc = pt_put_one(out, r, o, e)))
			goto done;
		if (!*events && !(*events = pt_writer_new(out, &pt_event_schema, &h))) {
			rc = pt_error(e, PT_EDB, "out of memory");
			goto done;
		}
		rc = each_row(db, id, pt_events_query, &pt_event_schema, *events, NULL, PT_PII_MASK, e);
	} else {
		rc = show_json(db, id, r, out, o, e);
	}
done:
	pt_record_free(r);
	return rc;
}
