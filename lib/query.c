/* query.c - checking a case filter before the store runs it */
#include "pt_priv.h"
#include <stdlib.h>
#include <string.h>

/* Checks each value of a comma list against an enumeration; codes out. */
static int check_list(const char *opt, const char *given, const struct pt_enum *vals,
                      char **out, pt_err *e)
{
	pt_buf b = {0};
	char *copy, *save = NULL, *tok;
	const struct pt_enum *en;
	int rc = PT_OK;

	*out = NULL;
	if (!given)
		return PT_OK;
	if (!(copy = strdup(given)))
		return pt_error(e, PT_EDB, "out of memory");
	for (tok = strtok_r(copy, ",", &save); tok && !rc; tok = strtok_r(NULL, ",", &save)) {
		if (!(en = pt_enum_find(vals, tok))) {
			pt_buf c = {0};
			pt_enum_codes(vals, &c);
			rc = pt_error(e, PT_EUSAGE, "%s: \"%.64s\" is not one of %s", opt, tok,
			              c.p ? c.p : "");
			pt_buf_free(&c);
			break;
		}
		pt_buf_adds(&b, b.len ? "," : "");
		pt_buf_adds(&b, en->code);
	}
	free(copy);
	if (!rc && !b.p)
		rc = pt_error(e, PT_EUSAGE, "%s: no value given", opt);
	if (rc) {
		pt_buf_free(&b);
		return rc;
	}
	*out = b.p;
	return PT_OK;
}

static int check_date(const char *opt, const char *v, int32_t *day, pt_err *e)
{
	if (pt_date_parse(v, day))
		return pt_error(e, PT_EUSAGE, "%s: \"%.64s\" is not a date (YYYY-MM-DD)",
		                opt, v);
	return PT_OK;
}

static int check_sort(const char *sort, struct pt_query_spec *qs, pt_err *e)
{
	char buf[256], *save = NULL, *tok;

	if (!sort)
		return PT_OK;
	snprintf(buf, sizeof buf, "%s", sort);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		bool desc = *tok == '-';
		int f = pt_schema_lookup(&pt_case_schema, tok + desc);
		if (f < 0)
			return pt_error(e, PT_EUSAGE, "--sort: \"%.64s\" is not a field", tok + desc);
		if (qs->nsort == 8)
			return pt_error(e, PT_EUSAGE, "--sort: at most 8 fields");
		qs->sort[qs->nsort].field = f;
		qs->sort[qs->nsort++].desc = desc;
	}
	return PT_OK;
}

static int check_dates(pt_db *db, const pt_filter *f, struct pt_query_spec *qs,
                       pt_err *e)
{
	int32_t day, from = 0;
	int rc;

	if (f->from) {
		if ((rc = check_date("--from", f->from, &from, e)))
			return rc;
		pt_time_format_utc(pt_local_midnight(from), qs->received_from);
	}
	if (f->to) {
		if ((rc = check_date("--to", f->to, &day, e)))
			return rc;
		if (f->from && from > day)
			return pt_error(e, PT_EUSAGE, "--from %.10s is after --to %.10s", f->from, f->to);
		pt_time_format_utc(pt_local_midnight(day + 1), qs->received_before);
	}
	if (f->due_before && (rc = check_date("--due-before", f->due_before, &day, e)))
		return rc;
	if (f->due_before)
		pt_date_format(day, qs->due_before);
	if (f->overdue) {
		char today[11];
		pt_date_format(pt_local_day(db->now), today);
		if (!*qs->due_before || strcmp(today, qs->due_before) < 0)
			strcpy(qs->due_before, today);
	}
	return PT_OK;
}

static void spec_free(struct pt_query_spec *qs)
{
	free(qs->status);
	free(qs->channel);
	free(qs->pollution_type);
	free(qs->category);
}

static int check_name(const char *opt, const char *v, pt_err *e)
{
	if (v && (!*v || strlen(v) > 400 || !pt_utf8_valid(v, strlen(v))))
		return pt_error(e, PT_EUSAGE, "%s: not a name", opt);
	return PT_OK;
}

/* The English name of a case field given in either language. */
static int check_field(const char *opt, const char *v, const char **out, pt_err *e)
{
	int f = v ? pt_schema_lookup(&pt_case_schema, v) : -1;

	*out = f >= 0 ? pt_schema_name(&pt_case_schema, f) : NULL;
	if (v && f < 0)
		return pt_error(e, PT_EUSAGE, "%s: \"%.64s\" is not a case field", opt,
		                pt_text_showable(v) ? v : "?");
	return PT_OK;
}

/* The store's query of a filter, every value checked. */
static int spec_of(pt_db *db, const pt_filter *f, struct pt_query_spec *qs, pt_err *e)
{
	const struct pt_unit *u;
	int rc;

	if ((rc = check_list("--status", f->status, pt_statuses, &qs->status, e)) ||
	    (rc = check_list("--channel", f->channel,
	                     pt_column(&pt_case_schema, PT_F_CHANNEL)->values, &qs->channel, e)) ||
	    (rc = check_list("--pollution-type", f->pollution_type,
	                     pt_column(&pt_case_schema, PT_F_POLLUTION_TYPE)->values,
	                     &qs->pollution_type, e)) ||
	    (rc = check_list("--category", f->category,
	                     pt_column(&pt_case_schema, PT_F_CATEGORY)->values, &qs->category, e)) ||
	    (rc = check_name("--handler", f->handler, e)) ||
	    (rc = check_name("--leader", f->leader, e)) ||
	    (rc = check_field("--resolve", f->conflict_field, &qs->conflict_field, e)) ||
	    (rc = check_dates(db, f, qs, e)) || (rc = check_sort(f->sort, qs, e)))
		return rc;
	if (f->unit) {
		if (!(u = pt_unit_must(db, f->unit, "--unit", PT_EUSAGE, e)))
			return e->code;
		qs->unit = u->code;
	}
	if (f->text && !*f->text)
		return pt_error(e, PT_EUSAGE, "--text: empty");
	qs->text = f->text;
	qs->repeat = f->repeat;
	qs->collective = f->collective;
	qs->handler = f->handler;
	qs->leader = f->leader;
	qs->backlog = f->backlog;
	qs->risk = f->risk;
	qs->conflicts = f->conflicts || f->conflict_field;
	qs->limit = f->limit;
	qs->id = f->id;
	qs->id_min = f->id_min;
	qs->id_max = f->id_max;
	return PT_OK;
}

int pt_cases_query(pt_db *db, const pt_filter *f, pt_cursor **out, pt_err *e)
{
	struct pt_query_spec qs = {0};
	int rc;

	*out = NULL;
	if (!(rc = spec_of(db, f, &qs, e)))
		rc = pt_store_cases_query(db, &qs, out, e);
	spec_free(&qs);
	return rc;
}

int pt_cases_count(pt_db *db, const pt_filter *f, int64_t *n, pt_err *e)
{
	struct pt_query_spec qs = {0};
	int rc;

	*n = 0;
	if (!(rc = spec_of(db, f, &qs, e)))
		rc = pt_store_cases_count(db, &qs, n, e);
	spec_free(&qs);
	if (!rc && f->limit > 0 && *n > f->limit)
		*n = f->limit;
	return rc;
}
