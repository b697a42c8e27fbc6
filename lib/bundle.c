/*
 * bundle.c - petition-export: what another office should have of this
 * store's cases, as a bundle of events (petition(7), "Bundles"): a header
 * line, then each case's events in the order they are replayed.
 */
#include "pt_priv.h"
#include "store/store.h"
#include <cjson/cJSON.h>
#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>

struct out_case {
	int64_t id;
	cJSON *lines;              /* the case's event lines, not yet sorted */
	bool relevant;
	char uuid[37], case_no[96], unit[64];
};

struct export {
	pt_db *db;
	const pt_export_spec *spec;
	const char *office;
	const struct pt_unit *to;
	FILE *tmp;
	struct sha256_ctx sum;
	pt_export_stats *st;
	int64_t *accessed;         /* cases whose personal data left */
	size_t naccessed, capaccessed;
	pt_err *e;
};

static cJSON *text(const char *v) { return v ? cJSON_CreateString(v) : cJSON_CreateNull(); }

static bool add(cJSON *o, const char *k, cJSON *v)
{
	return v && cJSON_AddItemToObject(o, k, v);
}

/* A stored row as an event line; an event made before the office was set
 * is this office's, and gets its id here. */
cJSON *pt_row_line(const pt_record *r, const char *office)
{
	const char *origin = pt_record_get(r, PT_X_ORIGIN);
	struct pt_event_in ev = {
		.action = pt_record_get(r, PT_X_ACTION), .from = pt_record_get(r, PT_X_FROM),
		.to = pt_record_get(r, PT_X_TO), .details = pt_record_get(r, PT_X_DETAILS),
		.at = pt_record_get(r, PT_X_AT), .actor = pt_record_get(r, PT_X_ACTOR),
		.unit = pt_record_get(r, PT_X_UNIT), .origin = origin ? origin : office,
		.lamport = strtoll(pt_record_get(r, PT_X_LAMPORT), NULL, 10),
		.changes = pt_record_get(r, PT_X_CHANGES),
	};
	char id[65], *canon = pt_event_canonical(pt_record_get(r, PT_X_UUID), &ev);
	cJSON *o = canon ? cJSON_Parse(canon) : NULL, *line = cJSON_CreateObject();

	if (canon)
		pt_sha256_hex(canon, strlen(canon), id);
	free(canon);
	if (!o || !line || !add(line, "event_id", cJSON_CreateString(
	        pt_record_get(r, PT_X_EVENT_ID) ? pt_record_get(r, PT_X_EVENT_ID) : id))) {
		cJSON_Delete(o);
		cJSON_Delete(line);
		return NULL;
	}
	while (o->child) {
		cJSON *item = o->child;
		cJSON_DetachItemViaPointer(o, item);
		cJSON_AddItemToObject(line, item->string, item);
	}
	cJSON_Delete(o);
	add(line, "case_no", text(pt_record_get(r, PT_X_CASE_NO)));   /* the sender's */
	return line;
}

/* The order of replay: Lamport clock, then office, then event id. */
int pt_line_order(const cJSON *a, const cJSON *b)
{
	int64_t la = pt_json_int(a, "lamport"), lb = pt_json_int(b, "lamport");
	int c;

	if (la != lb)
		return la < lb ? -1 : 1;
	if ((c = strcmp(pt_json_str(a, "origin") ? pt_json_str(a, "origin") : "",
	                pt_json_str(b, "origin") ? pt_json_str(b, "origin") : "")))
		return c;
	return strcmp(pt_json_str(a, "event_id") ? pt_json_str(a, "event_id") : "",
	              pt_json_str(b, "event_id") ? pt_json_str(b, "event_id") : "");
}

static int by_order(const void *a, const void *b)
{
	return pt_line_order(*(cJSON *const *)a, *(cJSON *const *)b);
}

/* Sorts a cJSON array in replay order (a case has few events). */
int pt_lines_sort(cJSON *arr)
{
	int n = cJSON_GetArraySize(arr), i = 0;
	cJSON **v = n ? malloc((size_t)n * sizeof *v) : NULL, *it;

	if (n && !v)
		return -1;
	while ((it = arr->child)) {
		cJSON_DetachItemViaPointer(arr, it);
		v[i++] = it;
	}
	qsort(v, (size_t)n, sizeof *v, by_order);
	for (i = 0; i < n; i++)
		cJSON_AddItemToArray(arr, v[i]);
	free(v);
	return 0;
}

/* What the receiving office should have: a case at or under it, or that it
 * made events of, or that was worked on at or under it. */
static void judge(struct export *x, struct out_case *c, const pt_record *r)
{
	const char *origin = pt_record_get(r, PT_X_ORIGIN), *unit = pt_record_get(r, PT_X_UNIT);

	if (c->relevant)
		return;
	c->relevant = pt_unit_within(x->db, c->unit, x->to->code) ||
	              (origin && !strcmp(origin, x->to->code)) ||
	              (unit && pt_unit_within(x->db, unit, x->to->code));
}

static int emit(struct export *x, const char *s)
{
	size_t n = strlen(s);

	sha256_update(&x->sum, n, (const uint8_t *)s);
	sha256_update(&x->sum, 1, (const uint8_t *)"\n");
	if (fwrite(s, 1, n, x->tmp) != n || putc('\n', x->tmp) == EOF)
		return pt_error(x->e, PT_EOUTPUT, "bundle: %s", "cannot write the temporary file");
	x->st->lines++;
	return PT_OK;
}

static int remember_access(struct export *x, int64_t id)
{
	if (x->naccessed == x->capaccessed) {
		size_t cap = x->capaccessed ? 2 * x->capaccessed : 64;
		int64_t *p = realloc(x->accessed, cap * sizeof *p);
		if (!p)
			return pt_error(x->e, PT_EDB, "out of memory");
		x->accessed = p;
		x->capaccessed = cap;
	}
	x->accessed[x->naccessed++] = id;
	return PT_OK;
}

/* The petitioner's identity never reaches the office complained about. */
static bool accused_is(struct export *x, const pt_record *c)
{
	const char *accused = pt_record_get(c, PT_F_ACCUSED);

	return accused && (strstr(accused, x->to->name) || strstr(accused, x->to->code));
}

static int attach_personal(struct export *x, struct out_case *c, cJSON *first)
{
	static const int fields[] = {PT_F_PETITIONER_NAME, PT_F_PETITIONER_PHONE,
	                             PT_F_PETITIONER_ID_NUMBER, PT_F_PETITIONER_ADDRESS};
	pt_record *r = pt_record_new(&pt_case_schema);
	cJSON *p = cJSON_CreateObject();
	int rc = r && p ? pt_case_get(x->db, c->id, r, x->e) : pt_error(x->e, PT_EDB, "out of memory");

	if (!rc && accused_is(x, r))
		x->st->withheld++;
	else if (!rc) {
		for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
			if (pt_record_get(r, fields[i]))
				add(p, pt_schema_name(&pt_case_schema, fields[i]),
				    cJSON_CreateString(pt_record_get(r, fields[i])));
		if (p->child && (rc = remember_access(x, c->id)) == PT_OK) {
			cJSON_AddItemToObject(first, "personal", p);
			p = NULL;
		}
	}
	cJSON_Delete(p);
	pt_record_free(r);
	return rc;
}

static int flush_case(struct export *x, struct out_case *c)
{
	int rc = PT_OK;
	char *s;

	if (c->lines && c->relevant && cJSON_GetArraySize(c->lines) > 0) {
		if (pt_lines_sort(c->lines))
			rc = pt_error(x->e, PT_EDB, "out of memory");
		if (!rc && x->spec->personal)
			rc = attach_personal(x, c, c->lines->child);
		for (cJSON *l = c->lines->child; !rc && l; l = l->next) {
			if (!(s = cJSON_PrintUnformatted(l)))
				rc = pt_error(x->e, PT_EDB, "out of memory");
			else
				rc = emit(x, s);
			free(s);
		}
		x->st->cases++;
	}
	cJSON_Delete(c->lines);
	c->lines = NULL;
	c->relevant = false;
	return rc;
}

static int take_row(struct export *x, struct out_case *c, const pt_record *r)
{
	int64_t id = strtoll(pt_record_get(r, PT_X_CASE_ID), NULL, 10);
	cJSON *line;
	int rc;

	if (id != c->id) {
		if ((rc = flush_case(x, c)))
			return rc;
		c->id = id;
		snprintf(c->unit, sizeof c->unit, "%s", pt_record_get(r, PT_X_CASE_UNIT));
	}
	if (!c->lines && !(c->lines = cJSON_CreateArray()))
		return pt_error(x->e, PT_EDB, "out of memory");
	judge(x, c, r);
	if (!(line = pt_row_line(r, x->office)))
		return pt_error(x->e, PT_EDB, "out of memory");
	cJSON_AddItemToArray(c->lines, line);
	return PT_OK;
}

static int walk(struct export *x)
{
	pt_record *r = pt_record_new(&pt_exchange_row_schema);
	struct out_case c = {0};
	pt_cursor *cur = NULL;
	int rc, n = 0;

	if (!r)
		return pt_error(x->e, PT_EDB, "out of memory");
	rc = x->db->engine->exchange_rows(x->db, 0, x->spec->after, x->spec->since, &cur, x->e);
	while (!rc && (n = pt_cursor_next(cur, r, x->e)) == 1)
		rc = take_row(x, &c, r);
	if (!rc && n < 0)
		rc = x->e->code ? x->e->code : PT_EDB;
	pt_cursor_close(cur);
	if (!rc)
		rc = flush_case(x, &c);
	cJSON_Delete(c.lines);
	pt_record_free(r);
	return rc;
}

static int header(struct export *x, FILE *out, int64_t through)
{
	char hex[65], now[21], *s;
	cJSON *h = cJSON_CreateObject();
	int rc = PT_OK;

	pt_sha256_digest_hex(&x->sum, hex);
	pt_time_format_utc(x->db->now, now);
	if (!h || !add(h, "format", cJSON_CreateString(PT_BUNDLE_FORMAT)) ||
	    !add(h, "version", cJSON_CreateNumber(PT_BUNDLE_VERSION)) ||
	    !add(h, "from", cJSON_CreateString(x->office)) ||
	    !add(h, "to", cJSON_CreateString(x->to->code)) ||
	    !add(h, "lines", cJSON_CreateNumber((double)x->st->lines)) ||
	    !add(h, "sha256", cJSON_CreateString(hex)) ||
	    !add(h, "cases", cJSON_CreateNumber((double)x->st->cases)) ||
	    !add(h, "through", cJSON_CreateNumber((double)through)) ||
	    !add(h, "made_at", cJSON_CreateString(now)) || !(s = cJSON_PrintUnformatted(h)))
		rc = pt_error(x->e, PT_EDB, "out of memory");
	else {
		if (fprintf(out, "%s\n", s) < 0)
			rc = pt_error(x->e, PT_EOUTPUT, "bundle: cannot be written");
		free(s);
	}
	cJSON_Delete(h);
	return rc;
}

static int copy_out(struct export *x, FILE *out)
{
	char buf[65536];
	size_t n;

	rewind(x->tmp);
	while ((n = fread(buf, 1, sizeof buf, x->tmp)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			return pt_error(x->e, PT_EOUTPUT, "bundle: cannot be written");
	return ferror(x->tmp) ? pt_error(x->e, PT_EOUTPUT, "bundle: the temporary file"
	                                 " cannot be read") : PT_OK;
}

static int record_access(struct export *x)
{
	int rc = PT_OK;

	for (size_t i = 0; !rc && i < x->naccessed; i++)
		rc = pt_case_accessed(x->db, x->accessed[i], "petition-export", x->e);
	return rc;
}

static int start(struct export *x, const pt_export_spec *spec)
{
	int rc;

	if (!(x->office = pt_office(x->db, x->e)))
		return PT_EDB;
	if (!*x->office)
		return pt_error(x->e, PT_EUSAGE, "this store has no office: set it once with"
		                " petition-unit --office CODE");
	if ((rc = pt_units_ready(x->db, x->e)) ||
	    !(x->to = pt_unit_must(x->db, spec->to, "--to", PT_EUSAGE, x->e)))
		return rc ? rc : x->e->code;
	if (!strcmp(x->to->code, x->office))
		return pt_error(x->e, PT_EUSAGE, "--to: %s is this store's own office", x->office);
	if (!(x->tmp = tmpfile()))
		return pt_error(x->e, PT_EOUTPUT, "bundle: no temporary file");
	sha256_init(&x->sum);
	/* the access events are written in the transaction the bundle is read in */
	return spec->personal && !x->db->in_tx ? pt_begin(x->db, x->e) : PT_OK;
}

int pt_export(pt_db *db, const pt_export_spec *spec, FILE *out, pt_export_stats *st,
              pt_err *e)
{
	struct export x = {.db = db, .spec = spec, .st = st, .e = e};
	int64_t through = 0;
	int rc;

	memset(st, 0, sizeof *st);
	if (!(rc = start(&x, spec)) && !(rc = db->engine->events_newest(db, &through, e)) &&
	    !(rc = walk(&x)) && !(rc = header(&x, out, through)) && !(rc = copy_out(&x, out)))
		rc = record_access(&x);
	if (x.tmp)
		fclose(x.tmp);
	free(x.accessed);
	return rc;
}

int pt_bundle_through(pt_db *db, FILE *bundle, int64_t *after, pt_err *e)
{
	const char *office = pt_office(db, e);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, bundle);
	cJSON *h = n > 0 ? cJSON_ParseWithLength(line, (size_t)n) : NULL;
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(h, "through");
	int rc = PT_OK;

	free(line);
	if (!office)
		rc = PT_EDB;
	else if (!h || !pt_json_str(h, "format") || strcmp(pt_json_str(h, "format"), PT_BUNDLE_FORMAT) ||
	         !cJSON_IsNumber(t) || t->valuedouble < 0)
		rc = pt_error(e, PT_EUSAGE, "--since: not a bundle, nor a time");
	else if (!pt_json_str(h, "from") || strcmp(pt_json_str(h, "from"), office))
		rc = pt_error(e, PT_EUSAGE, "--since: a bundle this office did not send");
	else
		*after = (int64_t)t->valuedouble;
	cJSON_Delete(h);
	return rc;
}
