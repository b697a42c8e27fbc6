/* case.c - registering a case: validation, numbering, deadlines, repeats */
#include "pt_priv.h"
#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct ctx {
	pt_db *db;
	pt_record *r;
	const char *where;
	pt_errlist *errs;
	int bad;
};

static void bad(struct ctx *c, int f, const char *fmt, const char *v)
{
	const struct pt_column *col = pt_column(&pt_case_schema, f);
	char shown[96];

	c->bad++;
	/* personal data never goes into a message */
	if (col->flags & PT_C_PERSONAL || !v || !pt_text_showable(v))
		shown[0] = 0;
	else
		snprintf(shown, sizeof shown, "\"%s\" ", v);
	pt_errlist_add(c->errs, PT_EINPUT, "%s%s%s: %s%s", c->where ? c->where : "",
	               c->where ? ": " : "", col->name, shown, fmt);
}

/* A unit that no code or name matches, or a name that several units bear. */
static void unknown_unit(struct ctx *c, int f, const char *v)
{
	char list[512], msg[560];

	if (pt_unit_namesakes(c->db, v, list, sizeof list) < 2)
		return bad(c, f, "is not a known unit", v);
	snprintf(msg, sizeof msg, "names several units: %s; give the code", list);
	bad(c, f, msg, v);
}

static void check_text(struct ctx *c, int f, const char *v, size_t n)
{
	const struct pt_column *col = pt_column(&pt_case_schema, f);

	const char *fault = pt_text_fault(v, n, col->flags & PT_C_TEXTAREA);

	if (fault)
		bad(c, f, fault, NULL);
	else if (col->flags & PT_C_TEXTAREA ? n > (size_t)col->max :
	         pt_utf8_chars(v, n) > (size_t)col->max) {
		char msg[64];
		snprintf(msg, sizeof msg, "is longer than %d %s", col->max,
		         col->flags & PT_C_TEXTAREA ? "bytes" : "characters");
		bad(c, f, msg, NULL);
	}
}

static const char *bool_value(const char *v)
{
	static const char *const yes[] = {"true", "1", "yes", "y", "是", "TRUE", NULL};
	static const char *const no[] = {"false", "0", "no", "n", "否", "FALSE", NULL};

	for (int i = 0; yes[i]; i++)
		if (!strcmp(v, yes[i]))
			return "1";
	for (int i = 0; no[i]; i++)
		if (!strcmp(v, no[i]))
			return "0";
	return NULL;
}

bool pt_phone_value(const char *v, char *out, size_t n)
{
	size_t o = 0, digits = 0;

	for (size_t i = 0; v[i]; i++) {
		if (v[i] == ' ' || v[i] == '-' || v[i] == '(' || v[i] == ')')
			continue;
		if (!(isdigit((unsigned char)v[i]) || (v[i] == '+' && o == 0)) || o + 1 >= n)
			return false;
		digits += v[i] != '+';
		out[o++] = v[i];
	}
	out[o] = 0;
	return digits >= 5 && digits <= 20;
}

/* 15 digits, or 17 digits and a check character (ISO 7064 MOD 11-2). */
static bool id_number_value(const char *v, char *out)
{
	static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	size_t n = strlen(v);
	int sum = 0;

	if (n == 15 && strspn(v, "0123456789") == 15) {
		strcpy(out, v);
		return true;
	}
	if (n != 18 || strspn(v, "0123456789") < 17)
		return false;
	for (int i = 0; i < 17; i++)
		sum += (v[i] - '0') * w[i];
	memcpy(out, v, 18);
	out[17] = (char)toupper((unsigned char)v[17]);
	out[18] = 0;
	return out[17] == "10X98765432"[sum % 11];
}

static bool int_value(const char *v, long lo, long hi, long *out)
{
	char *end;

	if (!*v || strspn(v, "0123456789") != strlen(v) || strlen(v) > 9)
		return false;
	*out = strtol(v, &end, 10);
	return *out >= lo && *out <= hi;
}

static void bad_enum(struct ctx *c, int f, const char *v)
{
	pt_buf b = {0};

	pt_buf_adds(&b, "is not one of ");
	pt_enum_codes(pt_column(&pt_case_schema, f)->values, &b);
	bad(c, f, b.p ? b.p : "is not a known value", v);
	pt_buf_free(&b);
}

/* Checks one input field and puts its storage form back into the record. */
static void check_field(struct ctx *c, int f)
{
	const struct pt_column *col = pt_column(&pt_case_schema, f);
	char buf[64], val[256];
	const char *v = pt_record_get(c->r, f), *norm = NULL;
	const struct pt_enum *en;
	const struct pt_unit *u;
	int64_t t;
	long n;
	size_t len = pt_record_len(c->r, f);

	if (col->type != PT_T_BOOL && col->type != PT_T_INT &&
	    pt_record_kind(c->r, f) != PT_V_TEXT) {
		bad(c, f, "expected a string", NULL);
		return;
	}
	if (col->type != PT_T_TEXT && (len >= sizeof val || !pt_utf8_valid(v, len))) {
		bad(c, f, "is not valid", NULL);
		return;
	}
	switch (col->type) {
	case PT_T_TEXT:
		check_text(c, f, v, len);
		if (f == PT_F_CASE_NO && !pt_case_no_parse(v, NULL))
			bad(c, f, "is not a case number (PREFIX-YYYY-NNNNNN)", v);
		return;
	case PT_T_TIME:
		if (pt_time_parse(v, &t))
			return bad(c, f, "is not a date", v);
		if (pt_local_day(t) > pt_local_day(c->db->now))
			return bad(c, f, "is in the future", v);
		pt_time_format_utc(t, buf);
		norm = buf;
		break;
	case PT_T_ENUM:
		if (!(en = pt_enum_find(col->values, v)))
			return bad_enum(c, f, v);
		norm = en->code;
		break;
	case PT_T_BOOL:
		if (!(norm = bool_value(v)))
			return bad(c, f, "is not true or false", v);
		break;
	case PT_T_INT:
		if (!int_value(v, 1, 100000, &n))
			return bad(c, f, "is not a whole number from 1 to 100000", v);
		snprintf(buf, sizeof buf, "%ld", n);
		norm = buf;
		break;
	case PT_T_UNIT:
		if (!(u = pt_unit_find(c->db, v)))
			return unknown_unit(c, f, v);
		norm = u->code;
		break;
	case PT_T_PHONE:
		if (!pt_phone_value(v, val, sizeof val))
			return bad(c, f, "is not a phone number", NULL);
		norm = val;
		break;
	case PT_T_IDNUM:
		if (!id_number_value(v, buf))
			return bad(c, f, "is not a valid ID number", NULL);
		norm = buf;
		break;
	case PT_T_UUID:
		if (!pt_is_uuid(v))
			return bad(c, f, "is not a UUID", v);
		for (int i = 0; i < 36; i++)
			buf[i] = (char)tolower((unsigned char)v[i]);
		buf[36] = 0;
		norm = buf;
		break;
	default:
		return;
	}
	if (norm != v && pt_record_sets(c->r, f, norm) < 0)
		bad(c, f, "out of memory", NULL);
}

/* An input field: blank is absent, required ones must be there. */
static void check_input(struct ctx *c, int f)
{
	const struct pt_column *col = pt_column(&pt_case_schema, f);
	const char *v = pt_record_get(c->r, f);

	if (v && pt_record_kind(c->r, f) == PT_V_TEXT && pt_text_blank(v, strlen(v))) {
		pt_record_unset(c->r, f);
		v = NULL;
	}
	if (!v) {
		if (col->flags & PT_C_REQUIRED)
			bad(c, f, "is required", NULL);
		return;
	}
	check_field(c, f);
}

static void check_fields(struct ctx *c)
{
	for (int f = 0; f < PT_NCASE_FIELDS; f++) {
		if (!(pt_column(&pt_case_schema, f)->flags & PT_C_INPUT))
			pt_record_unset(c->r, f);      /* computed by the tools */
		else
			check_input(c, f);
	}
}

int pt_case_check_fields(pt_db *db, pt_record *r, const int *fields, int n,
                         const char *where, pt_errlist *errs)
{
	struct ctx c = {db, r, where, errs, 0};

	for (int i = 0; i < n; i++)
		check_input(&c, fields[i]);
	return c.bad ? PT_EINPUT : PT_OK;
}

/* --- completing a valid record --- */

static struct pt_seq *seq_slot(pt_db *db, int year, pt_err *e)
{
	struct pt_seq *q;
	int i;

	for (i = 0; i < db->nseq; i++)
		if (db->seq[i].year == year)
			return &db->seq[i];
	if (db->nseq == (int)(sizeof db->seq / sizeof db->seq[0])) {
		for (i = 0; i < db->nseq; i++)     /* full: write back, start over */
			if (db->seq[i].dirty &&
			    pt_store_seq_put(db, db->policy.case_prefix, db->seq[i].year,
			                     db->seq[i].last, e))
				return NULL;
		db->nseq = 0;
	}
	q = &db->seq[db->nseq++];
	*q = (struct pt_seq){.year = year};
	if (pt_store_seq_get(db, db->policy.case_prefix, year, &q->last, e))
		return NULL;
	q->free_to = q->last;
	return q;
}

/* Moves the sequence past a given case number of ours. */
static int number_given(pt_db *db, const char *given, pt_err *e)
{
	struct pt_case_no no;
	struct pt_seq *q;

	if (!pt_case_no_parse(given, &no) || strcmp(no.prefix, db->policy.case_prefix))
		return PT_OK;
	if (!(q = seq_slot(db, no.year, e)))
		return PT_EDB;
	if (no.seq > q->last) {
		q->last = no.seq;
		q->dirty = true;
	}
	return PT_OK;
}

enum { NO_MAX = 96, NOS_AHEAD = 256 };

static void format_no(pt_db *db, int year, int64_t seq, char no[NO_MAX])
{
	snprintf(no, NO_MAX, "%s-%04d-%06" PRId64, db->policy.case_prefix, year, seq);
}

/*
 * Which numbers from q->last on are free, up to NOS_AHEAD in one look. It
 * stays true in the transaction, whose every number stored is at most
 * q->last (a given one moves it, number_given). The look grows with the
 * cases added: a single add looks at one number.
 */
static int look_ahead(pt_db *db, struct pt_seq *q, pt_err *e)
{
	char nos[NOS_AHEAD][NO_MAX];
	const char *v[NOS_AHEAD];
	int n = 0, first, rc;
	int want = db->added < 1 ? 1 : db->added > NOS_AHEAD ? NOS_AHEAD : (int)db->added;

	for (; n < want && q->last + n <= PT_CASE_SEQ_MAX; n++)
		format_no(db, q->year, q->last + n, nos[n]), v[n] = nos[n];
	if ((rc = pt_store_case_nos_first_taken(db, v, n, &first, e)))
		return rc;
	q->free_to = q->last + first - 1;
	return PT_OK;
}

/* Gives the next free case number of the year: past any number an imported
 * case already has. */
int pt_case_number(pt_db *db, pt_record *r, int year, pt_err *e)
{
	const char *given = pt_record_get(r, PT_F_CASE_NO);
	char no[NO_MAX];
	struct pt_seq *q;
	int rc;

	if (given)
		return number_given(db, given, e);
	if (!(q = seq_slot(db, year, e)))
		return PT_EDB;
	do {
		if (q->last >= PT_CASE_SEQ_MAX)
			return pt_error(e, PT_EINPUT, "case_no: the case numbers of %d are used up", year);
		q->last++;
		q->dirty = true;
		format_no(db, year, q->last, no);
		if (!pt_case_no_parse(no, NULL))
			return pt_error(e, PT_EINPUT, "case_no: \"%.64s\" is not a case number"
			                " (see case_prefix in the policy)", no);
		if (q->last > q->free_to && (rc = look_ahead(db, q, e)))
			return rc;
	} while (q->last > q->free_to);
	return pt_record_sets(r, PT_F_CASE_NO, no) < 0 ? pt_error(e, PT_EDB, "out of memory") : PT_OK;
}

/* Gives back the number of a record that was not inserted. */
static void unnumber(pt_db *db, const pt_record *r)
{
	struct pt_case_no no;

	if (!pt_case_no_parse(pt_record_get(r, PT_F_CASE_NO), &no))
		return;
	for (int i = 0; i < db->nseq; i++)
		if (db->seq[i].year == no.year && db->seq[i].last == no.seq)
			db->seq[i].last--;
}

/*
 * The latest earlier case of the same phone or accused (compared as
 * pt_phone_key and pt_accused_key) within the window of local days,
 * or a final case of the same phone and accused at any age (art. 36).
 * *repeats counts the earlier petitions of the matter.
 */
static int find_repeat(pt_db *db, pt_record *r, int64_t received, int *repeats,
                       pt_err *e)
{
	struct pt_repeat best = {0}, found[PT_REPEAT_LOOKS];
	char since[21], until[21];
	int rc;

	/* the window counts local days, like every other period */
	pt_time_format_utc(pt_local_midnight(pt_local_day(received) -
	                                     db->policy.repeat_window_days), since);
	pt_time_format_utc(received, until);
	if ((rc = pt_store_repeat_look(db, pt_record_get(r, PT_F_PETITIONER_PHONE),
	                               pt_record_get(r, PT_F_ACCUSED), since, until, found, e)))
		return rc;
	/* the latest in the window; a final case, however old, wins */
	for (int i = PT_REPEAT_PHONE; i <= PT_REPEAT_ACCUSED; i++)
		if (*found[i].case_no && strcmp(found[i].received_at, best.received_at) > 0)
			best = found[i];
	if (*found[PT_REPEAT_FINAL].case_no)
		best = found[PT_REPEAT_FINAL];
	*repeats = *best.case_no ? best.repeats + 1 : 0;
	if (*best.case_no && pt_record_sets(r, PT_F_REPEAT_OF, best.case_no) < 0)
		return pt_error(e, PT_EDB, "out of memory");
	return PT_OK;
}

static char *event_details(const pt_record *r)
{
	cJSON *o;
	char *s;

	if (!pt_record_get(r, PT_F_REPEAT_OF) &&
	    strcmp(pt_record_get(r, PT_F_COLLECTIVE), "1"))
		return NULL;
	if (!(o = cJSON_CreateObject()))
		return NULL;
	if (pt_record_get(r, PT_F_REPEAT_OF))
		cJSON_AddStringToObject(o, "repeat_of", pt_record_get(r, PT_F_REPEAT_OF));
	if (!strcmp(pt_record_get(r, PT_F_COLLECTIVE), "1"))
		cJSON_AddTrueToObject(o, "collective");
	s = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return s;
}

bool pt_case_collective(pt_db *db, const char *channel, long headcount)
{
	return !strcmp(channel, "visit") && headcount >= db->policy.collective_headcount;
}

struct completion {
	int64_t received;
	int repeats;
	int32_t day;
	char start[11], due[11], rule[160];
};

static int complete(pt_db *db, pt_record *r, struct completion *k, pt_err *e)
{
	/* decided before any set: a set may move the record's values */
	long heads = pt_record_get(r, PT_F_HEADCOUNT) ?
		strtol(pt_record_get(r, PT_F_HEADCOUNT), NULL, 10) : 1;
	bool collective = pt_case_collective(db, pt_record_get(r, PT_F_CHANNEL), heads);
	char uuid[37];
	int y, m, d, rc;

	pt_time_parse(pt_record_get(r, PT_F_RECEIVED_AT), &k->received);
	k->day = pt_local_day(k->received);
	pt_civil_from_days(k->day, &y, &m, &d);
	if ((rc = pt_due_date(db, k->day, db->policy.accept_days, "received",
	                      k->start, k->due, k->rule, sizeof k->rule, e)))
		return rc;
	if (!pt_record_get(r, PT_F_UUID)) {
		pt_uuid_v7(db, uuid);
		pt_record_sets(r, PT_F_UUID, uuid);
	}
	if (!pt_record_get(r, PT_F_ANONYMOUS))
		pt_record_sets(r, PT_F_ANONYMOUS, "0");
	if (!pt_record_get(r, PT_F_HEADCOUNT))
		pt_record_sets(r, PT_F_HEADCOUNT, "1");
	pt_record_sets(r, PT_F_COLLECTIVE, collective ? "1" : "0");
	pt_record_sets(r, PT_F_STATUS, "registered");
	pt_record_sets(r, PT_F_ACCEPT_DUE, k->due);
	pt_record_sets(r, PT_F_NEXT_DUE, k->due);      /* the one clock that runs */
	pt_record_sets(r, PT_F_NEXT_CLOCK, "accept");
	if ((rc = pt_case_number(db, r, y, e)) || (rc = find_repeat(db, r, k->received, &k->repeats, e)))
		return rc;
	return PT_OK;
}

int pt_case_check(pt_db *db, pt_record *r, const char *where, pt_errlist *errs)
{
	struct ctx c = {db, r, where, errs, 0};

	check_fields(&c);
	return c.bad ? PT_EINPUT : PT_OK;
}

/*
 * A large import into a table not much larger than it drops the indexes
 * no insert needs and builds them again at commit.
 */
int pt_case_bulk_tick(pt_db *db, pt_err *e)
{
	enum { BULK_AFTER = 20000 };
	int rc;

	if (db->added == 0 && (rc = pt_store_case_count(db, &db->before, e)))
		return rc;
	if (++db->added == BULK_AFTER && db->added * 2 >= db->before)
		return pt_store_bulk(db, e);
	return PT_OK;
}

int pt_case_add(pt_db *db, pt_record *r, const char *where, pt_errlist *errs,
                int64_t *id)
{
	struct completion k;
	pt_err e = {0};
	char *details;
	int rc;

	if ((rc = pt_case_check(db, r, where, errs)))
		return rc;
	bool numbered = !pt_record_get(r, PT_F_CASE_NO);
	/* a number given here is seen free (pt_case_number), a uuid made here is new */
	bool checked = numbered && !pt_record_get(r, PT_F_UUID);

	if ((rc = pt_case_bulk_tick(db, &e)) || (rc = complete(db, r, &k, &e)))
		goto fail;
	if ((rc = pt_store_case_insert(db, r, k.repeats, checked, id, &e))) {
		if (numbered)
			unnumber(db, r);     /* no gap in the numbers for a refused record */
		goto fail;
	}
	/* the clock first: the registration event carries it (lib/change.c) */
	if ((rc = pt_store_deadline_add(db, *id, "accept", k.start, k.due, k.rule, true, &e)))
		goto fail;
	details = event_details(r);
	rc = pt_store_event_add(db, *id, "register", NULL, "registered", details, &e);
	free(details);
	if (rc)
		goto fail;
	return PT_OK;
fail:
	pt_errlist_add(errs, rc, "%s%s%s", where ? where : "", where ? ": " : "", e.msg);
	return rc;
}
