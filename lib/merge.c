/*
 * merge.c - petition-import: a bundle merged into the store in one
 * transaction. The merge is a union of events by event id; each case the
 * bundle brings events of is then replayed from all its events (fold.c).
 * A bundle that is not whole, not for this office or not from a known one
 * is refused whole.
 */
#include "merge.h"
#include "store/store.h"
#include <cjson/cJSON.h>
#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>


static int bad(struct import *x, const char *what)
{
	return pt_error(x->e, PT_EINPUT, "line %ld: %s", x->line, what);
}

/* The next line, whole: 1, 0 at the end, -1 an error (in x->e). */
static int next_line(struct import *x, size_t *len)
{
	ssize_t n = getline(&x->buf, &x->cap, x->in);

	if (n < 0 && !ferror(x->in))
		return 0;
	if (n < 0)
		pt_error(x->e, PT_EINPUT, "the bundle cannot be read");
	else if (x->line++, (size_t)n > PT_MAX_LINE)
		bad(x, "longer than 16 MiB");
	else if (x->buf[n - 1] != '\n')
		bad(x, "the bundle is cut short (a line without its end)");
	else {
		*len = (size_t)n;
		return 1;
	}
	return -1;
}

static bool hex64(const char *s)
{
	return s && strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

static bool whole(const cJSON *v, double lo)
{
	return cJSON_IsNumber(v) && v->valuedouble >= lo && v->valuedouble <= 9007199254740991.0 &&
	       v->valuedouble == (double)(int64_t)v->valuedouble;
}

/* A unit code of the list, exactly. */
bool pt_known_unit(pt_db *db, const char *code)
{
	const struct pt_unit *u = code ? pt_unit_find(db, code) : NULL;
	return u && !strcmp(u->code, code);
}

static int check_header(struct import *x, cJSON *h)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(h, "version");
	const char *from = pt_json_str(h, "from"), *to = pt_json_str(h, "to");
	const char *sha = pt_json_str(h, "sha256"), *format = pt_json_str(h, "format");

	if (!cJSON_IsObject(h) || !format || strcmp(format, PT_BUNDLE_FORMAT))
		return bad(x, "not a petition bundle (its first line names no format "
		           PT_BUNDLE_FORMAT ")");
	if (!whole(v, 1))
		return bad(x, "version: not a version number");
	if (v->valuedouble > PT_BUNDLE_VERSION)
		return bad(x, "version: newer than this program reads");
	if (!from || !pt_known_unit(x->db, from))
		return bad(x, "from: not an office of the unit list");
	if (!to || strcmp(to, x->office))
		return bad(x, "to: the bundle is for another office");
	if (!whole(cJSON_GetObjectItemCaseSensitive(h, "lines"), 0) || !hex64(sha))
		return bad(x, "lines and sha256: missing or malformed");
	x->lines = (int64_t)cJSON_GetObjectItemCaseSensitive(h, "lines")->valuedouble;
	snprintf(x->sha, sizeof x->sha, "%s", sha);
	snprintf(x->st->from, sizeof x->st->from, "%s", from);
	return PT_OK;
}

static int read_header(struct import *x)
{
	size_t n;
	int rc = next_line(x, &n);
	cJSON *h;

	if (rc <= 0)
		return rc ? x->e->code : pt_error(x->e, PT_EINPUT, "the bundle is empty");
	if (!(h = cJSON_ParseWithLength(x->buf, n)))
		return bad(x, "the header is not JSON");
	rc = check_header(x, h);
	cJSON_Delete(h);
	return rc;
}

/* --- one event line --- */

static const char *fault_of_value(struct import *x, int f, const char *v)
{
	const struct pt_column *c = pt_column(&pt_case_schema, f);
	int32_t day;
	int64_t t;

	if (!v)
		return f == PT_F_STATUS || f == PT_F_UNIT || f == PT_F_RECEIVED_AT ||
		       f == PT_F_CHANNEL || f == PT_F_SUBJECT ? "cannot be empty" : NULL;
	switch (c->type) {
	case PT_T_ENUM: return pt_enum_find(c->values, v) ? NULL : "not one of its codes";
	case PT_T_DATE: return pt_date_parse(v, &day) ? "not a date" : NULL;
	case PT_T_TIME: return pt_time_parse(v, &t) ? "not a time" : NULL;
	case PT_T_BOOL: return strcmp(v, "0") && strcmp(v, "1") ? "not 0 or 1" : NULL;
	case PT_T_INT: return v[strspn(v, "0123456789")] || !*v || strlen(v) > 9 ? "not a count" : NULL;
	case PT_T_UNIT: return pt_known_unit(x->db, v) ? NULL : "not a unit of the list";
	default:
		if (c->max && pt_utf8_chars(v, strlen(v)) > (size_t)c->max)
			return "too long";
		return pt_text_fault(v, strlen(v), c->flags & PT_C_TEXTAREA);
	}
}

static int check_sets(struct import *x, const cJSON *sets)
{
	const cJSON *kv;
	char msg[160];

	if (sets && !cJSON_IsObject(sets))
		return bad(x, "sets: not an object");
	cJSON_ArrayForEach(kv, sets) {
		int f = pt_schema_column(&pt_case_schema, kv->string);
		const char *v = cJSON_IsString(kv) ? kv->valuestring : NULL, *why;
		if (!cJSON_IsString(kv) && !cJSON_IsNull(kv))
			why = "not a string";
		else if (!strcmp(kv->string, "case_no"))
			why = v && pt_case_no_parse(v, NULL) ? NULL : "not a case number";
		else if (f < 0 || !pt_change_field(f))
			return bad(x, "sets: a field an event does not set");
		else
			why = fault_of_value(x, f, v);
		if (why) {
			snprintf(msg, sizeof msg, "sets: %.40s: %s",
			         f >= 0 ? pt_schema_name(&pt_case_schema, f) : "case_no", why);
			return bad(x, msg);
		}
	}
	return PT_OK;
}

static bool clock_name(const char *s)
{
	size_t n = strlen(s);
	return n && n <= 32 && strspn(s, "abcdefghijklmnopqrstuvwxyz_") == n;
}

static int check_clock(struct import *x, const cJSON *k)
{
	const char *start = pt_json_str(k, "start"), *due = pt_json_str(k, "due");
	const char *rule = pt_json_str(k, "rule");
	int32_t d;

	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(k, "stop")) && cJSON_GetArraySize(k) == 1)
		return PT_OK;
	if (!start || !due || !rule || pt_date_parse(start, &d) || pt_date_parse(due, &d) ||
	    strlen(rule) > 500 || pt_text_fault(rule, strlen(rule), false) ||
	    !cJSON_IsBool(cJSON_GetObjectItemCaseSensitive(k, "duty")) || cJSON_GetArraySize(k) != 4)
		return bad(x, "clocks: a clock is {start, due, rule, duty} or {stop}");
	return PT_OK;
}

static int check_changes(struct import *x, const cJSON *o)
{
	const cJSON *clocks = cJSON_GetObjectItemCaseSensitive(o, "clocks"), *kv;
	const cJSON *seen = cJSON_GetObjectItemCaseSensitive(o, "seen");
	int rc = check_sets(x, cJSON_GetObjectItemCaseSensitive(o, "sets"));

	if (rc || (clocks && !cJSON_IsObject(clocks)) || (seen && !cJSON_IsObject(seen)))
		return rc ? rc : bad(x, "clocks and seen: not objects");
	cJSON_ArrayForEach(kv, clocks)
		if (!clock_name(kv->string) || !cJSON_IsObject(kv) || (rc = check_clock(x, kv)))
			return rc ? rc : bad(x, "clocks: not a clock");
	cJSON_ArrayForEach(kv, seen)
		if (!pt_known_unit(x->db, kv->string) || !whole(kv, 1))
			return bad(x, "seen: an office and a clock each");
	return PT_OK;
}

static bool status_or_null(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsNull(v) || (cJSON_IsString(v) && pt_enum_find(pt_statuses, v->valuestring));
}

static bool short_text(const char *s, size_t max)
{
	return s && *s && strlen(s) <= max && !pt_text_fault(s, strlen(s), false);
}

static int check_event(struct import *x, const cJSON *o)
{
	const char *at = pt_json_str(o, "at"), *action = pt_json_str(o, "action");
	const char *uuid = pt_json_str(o, "uuid");
	char norm[21];
	int64_t t;

	if (!cJSON_IsObject(o) || !hex64(pt_json_str(o, "event_id")) || !uuid || !pt_is_uuid(uuid))
		return bad(x, "not an event (event_id and uuid)");
	if (!pt_known_unit(x->db, pt_json_str(o, "origin")))
		return bad(x, "origin: not an office of the unit list");
	if (!whole(cJSON_GetObjectItemCaseSensitive(o, "lamport"), 1))
		return bad(x, "lamport: not a clock");
	if (!at || pt_time_parse(at, &t) || (pt_time_format_utc(t, norm), strcmp(norm, at)))
		return bad(x, "at: not a UTC time");
	if (!short_text(pt_json_str(o, "actor"), 200) || !pt_known_unit(x->db, pt_json_str(o, "unit")))
		return bad(x, "actor and unit: missing or unknown");
	if (!action || !clock_name(action) || !status_or_null(o, "from_status") ||
	    !status_or_null(o, "to_status"))
		return bad(x, "action and statuses: not codes");
	if (!cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(o, "details")) &&
	    !cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(o, "details")))
		return bad(x, "details: not an object");
	return check_changes(x, o);
}

static int check_personal(struct import *x, const cJSON *p)
{
	const cJSON *kv;

	if (p && !cJSON_IsObject(p))
		return bad(x, "personal: not an object");
	cJSON_ArrayForEach(kv, p) {
		int f = pt_schema_column(&pt_case_schema, kv->string);
		if (f < 0 || !(pt_column(&pt_case_schema, f)->flags & PT_C_PERSONAL) ||
		    !cJSON_IsString(kv) || fault_of_value(x, f, kv->valuestring))
			return bad(x, "personal: a petitioner's field, as text");
	}
	return PT_OK;
}

static struct pt_event_in scalars_of(const cJSON *o)
{
	return (struct pt_event_in){
		.action = pt_json_str(o, "action"), .from = pt_json_str(o, "from_status"),
		.to = pt_json_str(o, "to_status"),
		.at = pt_json_str(o, "at"), .actor = pt_json_str(o, "actor"), .unit = pt_json_str(o, "unit"),
		.event_id = pt_json_str(o, "event_id"), .origin = pt_json_str(o, "origin"),
		.lamport = (int64_t)cJSON_GetObjectItemCaseSensitive(o, "lamport")->valuedouble,
	};
}

/* The event as stored: its details and changes as text. */
int pt_merge_event_of(struct import *x, const cJSON *o, struct pt_event_in *ev, char **details,
                      char **changes)
{
	static const char *const parts[] = {"sets", "clocks", "seen"};
	cJSON *c = cJSON_CreateObject();
	const cJSON *d = cJSON_GetObjectItemCaseSensitive(o, "details");

	*details = cJSON_IsObject(d) ? cJSON_PrintUnformatted(d) : NULL;
	for (size_t i = 0; c && i < sizeof parts / sizeof parts[0]; i++) {
		const cJSON *p = cJSON_GetObjectItemCaseSensitive(o, parts[i]);
		if (p && !cJSON_AddItemReferenceToObject(c, parts[i], (cJSON *)p))
			break;
	}
	*changes = c ? cJSON_PrintUnformatted(c) : NULL;
	cJSON_Delete(c);
	*ev = scalars_of(o);
	ev->details = *details;
	ev->changes = *changes;
	return *changes && (*details || !cJSON_IsObject(d)) ? PT_OK
	                                                     : pt_error(x->e, PT_EDB, "out of memory");
}

/* The event's id is the hash of what it says: else it was changed. */
static int check_id(struct import *x, const cJSON *o)
{
	struct pt_event_in ev = scalars_of(o);
	char *canon = pt_event_canonical_line(pt_json_str(o, "uuid"), o, &ev), id[65];

	if (!canon)
		return pt_error(x->e, PT_EDB, "out of memory");
	pt_sha256_hex(canon, strlen(canon), id);
	free(canon);
	return strcmp(id, ev.event_id) ? bad(x, "event_id: not the hash of the event (changed on"
	                                     " the way?)") : PT_OK;
}

static bool in_group(const struct import *x, const char *event_id)
{
	const cJSON *l;

	cJSON_ArrayForEach(l, x->group)
		if (!strcmp(pt_json_str(l, "event_id"), event_id))
			return true;
	return false;
}

static int take_line(struct import *x, size_t n)
{
	cJSON *o = cJSON_ParseWithLength(x->buf, n);
	int rc;

	if (!o)
		return bad(x, "not JSON");
	if ((rc = check_event(x, o)) ||
	    (rc = check_personal(x, cJSON_GetObjectItemCaseSensitive(o, "personal"))) ||
	    (rc = check_id(x, o)))
		goto done;
	if (strcmp(x->uuid, pt_json_str(o, "uuid")) && (rc = pt_merge_group(x)))
		goto done;
	snprintf(x->uuid, sizeof x->uuid, "%s", pt_json_str(o, "uuid"));
	x->st->events++;
	if (in_group(x, pt_json_str(o, "event_id"))) {    /* the same line twice */
		x->st->known++;
		goto done;
	}
	cJSON_AddItemToArray(x->group, o);
	return PT_OK;
done:
	cJSON_Delete(o);
	return rc;
}

static int read_events(struct import *x)
{
	size_t n;
	int rc;

	while ((rc = next_line(x, &n)) == 1) {
		sha256_update(&x->sum, n, (const uint8_t *)x->buf);
		if (x->line - 1 > x->lines)
			return bad(x, "more lines than the header counts");
		if ((rc = take_line(x, n)))
			return rc;
	}
	return rc ? x->e->code : pt_merge_group(x);
}

/* The lines the header counts are all there, and are what it hashed. */
static int check_whole(struct import *x)
{
	char hex[65];

	if (x->line - 1 != x->lines)
		return pt_error(x->e, PT_EINPUT, "the bundle is cut short: %ld of %" PRId64
		                " lines", x->line - 1, x->lines);
	pt_sha256_digest_hex(&x->sum, hex);
	if (strcmp(hex, x->sha))
		return pt_error(x->e, PT_EINPUT, "sha256: the lines are not those the header"
		                " hashed (changed on the way?)");
	return PT_OK;
}

int pt_import(pt_db *db, FILE *in, pt_import_stats *st, pt_err *e)
{
	struct import x = {.db = db, .in = in, .st = st, .e = e};
	int64_t newest;
	int rc;

	memset(st, 0, sizeof *st);
	sha256_init(&x.sum);
	if (!(x.office = pt_office(db, e)))
		return PT_EDB;
	if (!*x.office)
		return pt_error(e, PT_EUSAGE, "this store has no office: set it once with"
		                " petition-unit --office CODE");
	if ((rc = pt_units_ready(db, e)) || (rc = read_header(&x)))
		goto done;
	if (!(x.group = cJSON_CreateArray())) {
		rc = pt_error(e, PT_EDB, "out of memory");
		goto done;
	}
	if ((!db->in_tx && (rc = pt_begin(db, e))) ||
	    (rc = db->engine->lamport_max(db, &newest, e)))
		goto done;
	db->lamport_read = true;
	db->lamport = newest;
	if (!(rc = read_events(&x)))
		rc = check_whole(&x);
done:
	cJSON_Delete(x.group);
	free(x.buf);
	return rc;
}

int pt_import_row(const pt_import_stats *st, pt_record *r)
{
	const int64_t n[] = {st->events, st->known, st->cases, st->new_cases, st->conflicts};

	pt_record_clear(r);
	if (pt_record_sets(r, 0, st->from) < 0)
		return -1;
	for (int i = 0; i < 5; i++)
		if (pt_record_set_int(r, i + 1, n[i]) < 0)
			return -1;
	return 0;
}
