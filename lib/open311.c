/* open311.c - Open311 GeoReport v2: a case as a service request, the
 * services list, and requests from outside systems registered as cases
 * (the XML side is in open311_xml.c, the JSON side in open311_json.c). */
#include "open311.h"
#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>

static const char *const request_keys[PT_O__COUNT] = {
	"service_request_id", "status", "status_notes", "service_name", "service_code",
	"description", "agency_responsible", "service_notice", "requested_datetime",
	"updated_datetime", "expected_datetime", "address", "address_id", "zipcode",
	"lat", "long", "media_url",
};
static const char *const service_keys[PT_OS__COUNT] = {
	"service_code", "service_name", "description", "metadata", "type", "keywords", "group",
};
const struct pt_o311_kind pt_o311_requests = {"service_requests", "request", request_keys,
                                              PT_O__COUNT};
const struct pt_o311_kind pt_o311_services = {"services", "service", service_keys,
                                              PT_OS__COUNT};

static const struct pt_column summary_cols[] = {
	{"added", "新增", PT_T_INT, 0, 0, 8, NULL},
	{"present", "已有", PT_T_INT, 0, 0, 8, NULL},
};
const pt_schema pt_open311_summary_schema = {summary_cols, PT_NCOLS(summary_cols)};

enum { MAX_INPUT = 64 << 20 };   /* bytes of one document */

int pt_o311_field(const char *key)
{
	for (int i = 0; i < PT_O__COUNT; i++)
		if (!strcmp(key, request_keys[i]))
			return i;
	return -1;
}

struct pt_o311_req *pt_o311_push(struct pt_open311_requests *l)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		struct pt_o311_req *r = realloc(l->r, cap * sizeof *r);
		if (!r)
			return NULL;
		l->r = r, l->cap = cap;
	}
	memset(&l->r[l->n], 0, sizeof l->r[l->n]);
	return &l->r[l->n++];
}

int pt_o311_set(struct pt_o311_req *q, int field, const char *v, size_t n)
{
	free(q->v[field]);
	q->v[field] = NULL;
	if (!v || !n)
		return 0;
	if (!(q->v[field] = malloc(n + 1)))
		return -1;
	memcpy(q->v[field], v, n);
	q->v[field][n] = 0;
	return 0;
}

void pt_open311_requests_free(pt_open311_requests *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		for (int f = 0; f < PT_O__COUNT; f++)
			free(l->r[i].v[f]);
	free(l->r);
	free(l);
}

size_t pt_open311_count(const pt_open311_requests *l) { return l ? l->n : 0; }

/* --- a case as a service request ----------------------------------------- */

/* Open while the office still works on it; answered, declined, transferred,
 * final or closed is closed (status_notes keeps the exact status). */
static const char *open_or_closed(const char *status)
{
	for (int i = 0; pt_open_statuses[i]; i++)
		if (!strcmp(status, pt_open_statuses[i]))
			return "open";
	return "closed";
}

/* A stored UTC time as a local ISO 8601 time with its offset. */
static const char *local_time(const char *utc, char out[26])
{
	int64_t t;

	if (!utc || pt_time_parse(utc, &t))
		return NULL;
	pt_time_format_local(t, out);
	return out;
}

/* A due date: the last second of that local day. */
static const char *due_time(const char *date, char out[26])
{
	int32_t day;

	if (!date || pt_date_parse(date, &day))
		return NULL;
	pt_time_format_local(pt_local_midnight(day + 1) - 1, out);
	return out;
}

/* The latest of the times the case record holds (no history read). */
static const char *updated_at(const pt_record *r)
{
	static const int fields[] = {PT_F_REPLIED_AT, PT_F_DELIVERED_AT, PT_F_CLOSED_AT};
	const char *latest = pt_record_get(r, PT_F_RECEIVED_AT);

	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		const char *v = pt_record_get(r, fields[i]);
		if (v && latest && strcmp(v, latest) > 0)
			latest = v;
	}
	return latest;
}

struct times { char requested[26], updated[26], expected[26]; };

/* The request of a case: v[i] points into r, t or the enum tables. */
static void request_of(const pt_record *r, struct times *t, const char *v[PT_O__COUNT])
{
	const char *origin = pt_record_get(r, PT_F_ORIGIN_CASE_NO);
	const char *type = pt_record_get(r, PT_F_POLLUTION_TYPE);
	const struct pt_enum *en = pt_enum_find(pt_pollution_types, type ? type : "other");
	const char *due = pt_record_get(r, PT_F_REPLY_DUE);

	memset(v, 0, PT_O__COUNT * sizeof *v);
	v[PT_O_ID] = origin ? origin : pt_record_get(r, PT_F_CASE_NO);
	v[PT_O_STATUS] = open_or_closed(pt_record_get(r, PT_F_STATUS));
	v[PT_O_STATUS_NOTES] = pt_record_get(r, PT_F_STATUS);
	v[PT_O_SERVICE_NAME] = en ? en->zh : NULL;
	v[PT_O_SERVICE_CODE] = en ? en->code : NULL;
	v[PT_O_DESCRIPTION] = pt_record_get(r, PT_F_SUBJECT);
	v[PT_O_AGENCY] = pt_record_get(r, PT_F_UNIT_NAME);
	v[PT_O_REQUESTED] = local_time(pt_record_get(r, PT_F_RECEIVED_AT), t->requested);
	v[PT_O_UPDATED] = local_time(updated_at(r), t->updated);
	v[PT_O_EXPECTED] = due_time(due ? due : pt_record_get(r, PT_F_ACCEPT_DUE), t->expected);
	v[PT_O_ADDRESS] = pt_record_get(r, PT_F_LOCATION);
}

/* A document writer of either format. */
struct out {
	pt_o311_writer *xml;
	FILE *json;
	const struct pt_o311_kind *kind;
	long n;
};

static int out_put(struct out *o, const char *const *v)
{
	if (o->xml)
		return pt_o311_xml_put(o->xml, v);
	return pt_o311_json_put(o->json, o->kind, v, o->n++);
}

static int out_close(struct out *o)
{
	if (o->xml)
		return pt_o311_xml_close(o->xml);
	return pt_o311_json_end(o->json, o->n);
}

static int export_services(struct out *o)
{
	char desc[128], keys[128];
	const char *v[PT_OS__COUNT];

	for (const struct pt_enum *t = pt_pollution_types; t->code; t++) {
		snprintf(desc, sizeof desc, "环境信访：%s", t->zh);
		snprintf(keys, sizeof keys, "%s,%s", t->code, t->zh);
		v[PT_OS_CODE] = t->code, v[PT_OS_NAME] = t->zh, v[PT_OS_DESCRIPTION] = desc;
		v[PT_OS_METADATA] = "false", v[PT_OS_TYPE] = "realtime";
		v[PT_OS_KEYWORDS] = keys, v[PT_OS_GROUP] = "环境信访";
		if (out_put(o, v) < 0)
			return -1;
	}
	return 0;
}

static int export_requests(pt_db *db, const pt_filter *f, struct out *o, pt_err *e)
{
	pt_record *r = pt_record_new(&pt_case_schema);
	pt_cursor *cur = NULL;
	const char *v[PT_O__COUNT];
	struct times t;
	int rc = r ? pt_cases_query(db, f, &cur, e) : pt_error(e, PT_EDB, "out of memory");
	int n = 0;

	while (!rc && (n = pt_cursor_next(cur, r, e)) == 1) {
		if (!pt_status_counted(pt_record_get(r, PT_F_STATUS)))
			continue;                  /* a voided registration is no request */
		request_of(r, &t, v);
		if (out_put(o, v) < 0) {
			rc = pt_error(e, PT_EDB, "output: write error");
			break;
		}
	}
	pt_cursor_close(cur);
	pt_record_free(r);
	return rc ? rc : n < 0 ? e->code : PT_OK;
}

int pt_open311_export(pt_db *db, enum pt_open311_kind k, const pt_filter *f,
                      enum pt_open311_format fmt, FILE *out, pt_err *e)
{
	pt_filter all = {0};
	struct out o = {.json = out, .kind = k == PT_O311_SERVICES ? &pt_o311_services :
	                                                              &pt_o311_requests};
	int rc;

	if (fmt == PT_O311_XML && !(o.xml = pt_o311_xml_new(out, o.kind)))
		return pt_error(e, PT_EDB, "out of memory");
	if (fmt != PT_O311_XML && pt_o311_json_begin(out) < 0)
		return pt_error(e, PT_EDB, "output: write error");
	if (k == PT_O311_SERVICES)
		rc = export_services(&o) < 0 ? pt_error(e, PT_EDB, "output: write error") : PT_OK;
	else
		rc = export_requests(db, f ? f : &all, &o, e);
	if (out_close(&o) < 0 && !rc)
		rc = pt_error(e, PT_EDB, "output: write error");
	return rc;
}

/* --- reading a document --------------------------------------------------- */

static int slurp(FILE *in, pt_buf *b, pt_err *e)
{
	char chunk[65536];
	size_t got;

	while ((got = fread(chunk, 1, sizeof chunk, in)) > 0) {
		if (b->len + got > MAX_INPUT)
			return pt_error(e, PT_EINPUT, "input: larger than %d MiB", MAX_INPUT >> 20);
		if (pt_buf_add(b, chunk, got) < 0)
			return pt_error(e, PT_EDB, "out of memory");
	}
	return ferror(in) ? pt_error(e, PT_EDB, "input: read error") : PT_OK;
}

/* JSON or XML by the first byte after blanks (and a UTF-8 BOM). */
static int detect(const char *p, size_t n, enum pt_open311_format *fmt, pt_err *e)
{
	size_t i = n >= 3 && !memcmp(p, "\xef\xbb\xbf", 3) ? 3 : 0;

	while (i < n && strchr(" \t\r\n", p[i]))
		i++;
	if (i < n && p[i] == '<')
		*fmt = PT_O311_XML;
	else if (i < n && (p[i] == '[' || p[i] == '{'))
		*fmt = PT_O311_JSON;
	else
		return pt_error(e, PT_EINPUT, "input: neither JSON nor XML");
	return PT_OK;
}

int pt_open311_read(FILE *in, enum pt_open311_format fmt, pt_open311_requests **out,
                    pt_err *e)
{
	pt_open311_requests *l = calloc(1, sizeof *l);
	pt_buf b = {0};
	int rc;

	*out = NULL;
	if (!l)
		return pt_error(e, PT_EDB, "out of memory");
	if ((rc = slurp(in, &b, e)) || (b.len == 0 && fmt == PT_O311_AUTO))
		goto done;                     /* nothing at all: no request */
	if (fmt == PT_O311_AUTO && (rc = detect(b.p, b.len, &fmt, e)))
		goto done;
	rc = fmt == PT_O311_XML ? pt_o311_xml_read(b.p ? b.p : "", b.len, l, e) :
	                          pt_o311_json_read(b.p ? b.p : "", b.len, l, e);
done:
	pt_buf_free(&b);
	if (rc)
		pt_open311_requests_free(l);
	else
		*out = l;
	return rc;
}

/* --- requests registered as cases --------------------------------------- */

/* A name-based UUID (version 8) of SHA-256("open311:" id). */
static void request_uuid(const char *id, char out[37])
{
	static const char digits[] = "0123456789abcdef";
	uint8_t d[SHA256_DIGEST_SIZE];
	struct sha256_ctx h;
	int o = 0;

	sha256_init(&h);
	sha256_update(&h, 8, (const uint8_t *)"open311:");
	sha256_update(&h, strlen(id), (const uint8_t *)id);
	sha256_digest(&h, sizeof d, d);
	d[6] = (uint8_t)((d[6] & 0x0f) | 0x80);
	d[8] = (uint8_t)((d[8] & 0x3f) | 0x80);
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = digits[d[i] >> 4];
		out[o++] = digits[d[i] & 15];
	}
	out[o] = 0;
}

/* One line of text: blanks and line breaks become one space, cut to max
 * characters (the last one "…" when cut). Returns out. */
static char *one_line(const char *s, int max, char *out, size_t size)
{
	size_t o = 0, i = 0, n = strlen(s);
	int chars = 0;
	uint32_t cp;

	while (i < n && o + 8 < size) {
		size_t at = i;
		if (pt_utf8_decode(s, n, &i, &cp) < 0)
			cp = 0xfffd, i = at + 1;
		bool blank = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r';
		if (blank && (o == 0 || out[o - 1] == ' '))
			continue;
		if (++chars == max && i < n) {
			memcpy(out + o, "…", 3), o += 3;
			break;
		}
		if (blank)
			out[o++] = ' ';
		else
			memcpy(out + o, s + at, i - at), o += i - at;
	}
	while (o && out[o - 1] == ' ')
		o--;
	out[o] = 0;
	return out;
}

/* The unit of a request: agency_responsible's, else --unit. */
static const char *unit_of(pt_db *db, const struct pt_o311_req *q, const char *unit)
{
	const struct pt_unit *u = q->v[PT_O_AGENCY] ? pt_unit_find(db, q->v[PT_O_AGENCY]) : NULL;

	return u ? u->code : unit;
}

/* The case record of a request. */
static int case_of(pt_db *db, const struct pt_o311_req *q, const char *unit,
                   const char *uuid, pt_record *r)
{
	char subject[1024], location[1024];
	const char *desc = q->v[PT_O_DESCRIPTION] ? q->v[PT_O_DESCRIPTION] : q->v[PT_O_SERVICE_NAME];
	const char *code = q->v[PT_O_SERVICE_CODE];
	int rc = 0;

	pt_record_clear(r);
	rc |= pt_record_sets(r, PT_F_UUID, uuid);
	rc |= pt_record_sets(r, PT_F_ORIGIN_CASE_NO, q->v[PT_O_ID]);
	rc |= pt_record_sets(r, PT_F_CHANNEL, "web");
	rc |= pt_record_sets(r, PT_F_UNIT, unit_of(db, q, unit));
	rc |= pt_record_sets(r, PT_F_POLLUTION_TYPE,
	                     code && pt_enum_find(pt_pollution_types, code) ? code : "other");
	if (q->v[PT_O_REQUESTED])
		rc |= pt_record_sets(r, PT_F_RECEIVED_AT, q->v[PT_O_REQUESTED]);
	if (desc) {
		rc |= pt_record_sets(r, PT_F_SUBJECT, one_line(desc, 200, subject, sizeof subject));
		if (strcmp(subject, desc))
			rc |= pt_record_sets(r, PT_F_CONTENT, desc);   /* all of it, kept */
	}
	if (q->v[PT_O_ADDRESS])
		rc |= pt_record_sets(r, PT_F_LOCATION,
		                     one_line(q->v[PT_O_ADDRESS], 200, location, sizeof location));
	return rc ? PT_EDB : PT_OK;
}

/* Registers one request, unless its case is there. */
static int import_one(pt_db *db, const struct pt_o311_req *q, const char *unit,
                      const char *where, pt_errlist *errs, pt_record *r, int64_t *added,
                      int64_t *present)
{
	char uuid[37];
	int64_t id;
	pt_err e = {0};

	if (!q->v[PT_O_ID]) {
		pt_errlist_add(errs, PT_EINPUT, "%s: service_request_id: is required", where);
		return PT_EINPUT;
	}
	request_uuid(q->v[PT_O_ID], uuid);
	if (pt_case_resolve(db, uuid, &id, &e) == PT_OK)
		return ++*present, PT_OK;
	if (!unit_of(db, q, unit)) {
		pt_errlist_add(errs, PT_EUSAGE, "%s: agency_responsible: names no known unit:"
		               " give --unit", where);
		return PT_EUSAGE;
	}
	if (case_of(db, q, unit, uuid, r)) {
		pt_errlist_add(errs, PT_EDB, "out of memory");
		return PT_EDB;
	}
	if (pt_case_add(db, r, where, errs, &id) == PT_OK)
		++*added;
	return pt_errlist_code(errs);
}

int pt_open311_import(pt_db *db, const pt_open311_requests *l, const char *unit,
                      pt_errlist *errs, int64_t *added, int64_t *present)
{
	pt_record *r = pt_record_new(&pt_case_schema);
	char where[48];

	*added = *present = 0;
	if (!r) {
		pt_errlist_add(errs, PT_EDB, "out of memory");
		return PT_EDB;
	}
	for (size_t i = 0; l && i < l->n && pt_errlist_code(errs) != PT_EDB; i++) {
		snprintf(where, sizeof where, "request %zu", i + 1);
		import_one(db, &l->r[i], unit, where, errs, r, added, present);
	}
	pt_record_free(r);
	return pt_errlist_count(errs) ? pt_errlist_code(errs) : PT_OK;
}
