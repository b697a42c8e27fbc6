/*
 * change.c - what each event of the history set, recorded as it happens,
 * so that another office can rebuild the case from the events alone
 * (petition(7), "Exchange"). The store's writers (store.c) report every
 * field and clock they change; the next event of that case takes them,
 * with the office that made it, its Lamport clock and its content hash.
 */
#include "pt_priv.h"
#include "store/store.h"
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

/* Fields an event carries: the case's own, never its local identity, what
 * the store derives, or personal data (which travels only on request). */
bool pt_change_field(int f)
{
	switch (f) {
	case PT_F_ID: case PT_F_UUID: case PT_F_UNIT_NAME: case PT_F_NEXT_DUE:
	case PT_F_NEXT_CLOCK:
		return false;
	default:
		return !(pt_column(&pt_case_schema, f)->flags & PT_C_PERSONAL);
	}
}

static struct pt_change *change_of(pt_db *db, int64_t id)
{
	struct pt_change *c = &db->change;

	if (c->case_id != id) {
		pt_change_reset(db);
		c->case_id = id;
	}
	return c;
}

void pt_change_reset(pt_db *db)
{
	struct pt_change *c = &db->change;

	cJSON_Delete(c->sets);
	cJSON_Delete(c->clocks);
	memset(c, 0, sizeof *c);
}

static cJSON *object(struct pt_change *c, cJSON **o)
{
	if (!*o && !(*o = cJSON_CreateObject()))
		c->oom = true;
	return *o;
}

static void put(struct pt_change *c, cJSON *o, const char *k, cJSON *v)
{
	if (!o || !v) {
		cJSON_Delete(v);
		c->oom = true;
		return;
	}
	if (cJSON_GetObjectItemCaseSensitive(o, k))
		cJSON_ReplaceItemInObjectCaseSensitive(o, k, v);
	else
		cJSON_AddItemToObject(o, k, v);
}

static cJSON *text(const char *v)
{
	return v ? cJSON_CreateString(v) : cJSON_CreateNull();
}

static void set_field(struct pt_change *c, int f, const char *v)
{
	if (f == PT_F_UNIT && v)
		snprintf(c->unit, sizeof c->unit, "%s", v);
	if (pt_change_field(f))
		put(c, object(c, &c->sets), pt_schema_name(&pt_case_schema, f), text(v));
}

void pt_change_insert(pt_db *db, int64_t id, const pt_record *r)
{
	struct pt_change *c = change_of(db, id);

	c->fresh = true;
	c->keyed = true;
	snprintf(c->uuid, sizeof c->uuid, "%s", pt_record_get(r, PT_F_UUID));
	for (int f = 0; f < PT_NCASE_FIELDS; f++)
		if (pt_record_get(r, f))
			set_field(c, f, pt_record_get(r, f));
	set_field(c, PT_F_UNIT, pt_record_get(r, PT_F_UNIT));
}

/* The case's keys as read before an action: its event need not read them
 * again (a unit the action sets replaces the unit, as set_field does). */
void pt_change_keys(pt_db *db, int64_t id, const pt_record *r)
{
	struct pt_change *c = change_of(db, id);

	if (c->keyed || !pt_record_get(r, PT_F_UUID) || !pt_record_get(r, PT_F_UNIT))
		return;
	snprintf(c->uuid, sizeof c->uuid, "%s", pt_record_get(r, PT_F_UUID));
	snprintf(c->unit, sizeof c->unit, "%s", pt_record_get(r, PT_F_UNIT));
	c->keyed = true;
}

void pt_change_fields(pt_db *db, int64_t id, const int *fields, const char *const *values,
                      int n)
{
	struct pt_change *c = change_of(db, id);

	for (int i = 0; i < n; i++)
		set_field(c, fields[i], values[i]);
}

void pt_change_clock_open(pt_db *db, int64_t id, const char *clock, const char *start,
                          const char *due, const char *rule, bool duty)
{
	struct pt_change *c = change_of(db, id);
	cJSON *k = cJSON_CreateObject();

	if (k && (!cJSON_AddStringToObject(k, "start", start) ||
	          !cJSON_AddStringToObject(k, "due", due) ||
	          !cJSON_AddStringToObject(k, "rule", rule) ||
	          !cJSON_AddBoolToObject(k, "duty", duty))) {
		cJSON_Delete(k);
		k = NULL;
	}
	put(c, object(c, &c->clocks), clock, k);
}

void pt_change_clock_stop(pt_db *db, int64_t id, const char *clock)
{
	struct pt_change *c = change_of(db, id);
	cJSON *k = cJSON_CreateObject();

	if (k && !cJSON_AddBoolToObject(k, "stop", true)) {
		cJSON_Delete(k);
		k = NULL;
	}
	put(c, object(c, &c->clocks), clock, k);
}

/* This store's office (petition-unit --office), read once: "" if none. */
const char *pt_office(pt_db *db, pt_err *e)
{
	bool found;

	if (!db->office_read) {
		if (db->engine->setting_get(db, "office", db->office, sizeof db->office, &found, e))
			return NULL;
		if (!found)
			*db->office = '\0';
		db->office_read = true;
	}
	return db->office;
}

/* The next Lamport clock of this store: past every event it holds. */
static int lamport_next(pt_db *db, int64_t *out, pt_err *e)
{
	int rc;

	if (!db->lamport_read) {
		if ((rc = db->engine->lamport_max(db, &db->lamport, e)))
			return rc;
		db->lamport_read = true;
	}
	*out = ++db->lamport;
	return PT_OK;
}

void pt_lamport_seen(pt_db *db, int64_t l)
{
	if (db->lamport_read && l > db->lamport)
		db->lamport = l;
}

static int seen_one(void *arg, const char *origin, int64_t lamport)
{
	cJSON **o = arg;

	if (!*o && !(*o = cJSON_CreateObject()))
		return -1;
	return cJSON_AddNumberToObject(*o, origin, (double)lamport) ? 0 : -1;
}

/* What the office had of the case's events from other offices: the
 * newest clock of each (petition(7): conflicts). */
static int seen_of(pt_db *db, struct pt_change *c, int64_t id, cJSON **out, pt_err *e)
{
	*out = NULL;
	if (c->fresh)
		return PT_OK;
	return db->engine->seen(db, id, db->office, seen_one, out, e);
}

static int keys_of(pt_db *db, struct pt_change *c, int64_t id, pt_err *e)
{
	if (c->keyed)
		return PT_OK;
	c->keyed = true;
	return db->engine->case_keys(db, id, c->uuid, c->unit, sizeof c->unit, e);
}

static char *changes_json(struct pt_change *c, cJSON *seen)
{
	cJSON *o = cJSON_CreateObject();
	char *s = NULL;

	if (!o)
		return NULL;
	if (c->sets)
		cJSON_AddItemReferenceToObject(o, "sets", c->sets);
	if (c->clocks)
		cJSON_AddItemReferenceToObject(o, "clocks", c->clocks);
	if (seen)
		cJSON_AddItemReferenceToObject(o, "seen", seen);
	if (o->child)
		s = cJSON_PrintUnformatted(o);
	else
		s = strdup("{}");
	cJSON_Delete(o);
	return s;
}

/* The unit an event names: the one its details say acted, else the case's. */
static const char *event_unit(const struct pt_event_in *ev, const char *unit, char *buf,
                              size_t n)
{
	cJSON *d = ev->details ? cJSON_Parse(ev->details) : NULL;
	const cJSON *u = cJSON_GetObjectItemCaseSensitive(d, "unit");

	if (cJSON_IsString(u))
		snprintf(buf, n, "%s", u->valuestring);
	else
		snprintf(buf, n, "%s", unit);
	cJSON_Delete(d);
	return buf;
}

/*
 * Appends a local event: the change its case went through since its last
 * event, the office, the clock and, when the office is set, the event id.
 */
int pt_change_event(pt_db *db, struct pt_event_in *ev, pt_err *e)
{
	struct pt_change *c = change_of(db, ev->case_id);
	char now[21], unit[64], id[PT_HASH_HEX];
	const char *office = pt_office(db, e);
	cJSON *seen = NULL;
	char *changes = NULL;
	int rc;

	if (!office || (rc = lamport_next(db, &ev->lamport, e)) ||
	    (rc = seen_of(db, c, ev->case_id, &seen, e)) || (rc = keys_of(db, c, ev->case_id, e)))
		return pt_change_done(db, seen, PT_EDB);
	if (c->oom || !(changes = changes_json(c, seen)))
		return pt_change_done(db, seen, pt_error(e, PT_EDB, "out of memory"));
	pt_time_format_utc(db->now, now);
	ev->at = now;
	ev->actor = db->actor;
	ev->unit = event_unit(ev, c->unit, unit, sizeof unit);
	ev->changes = changes;
	ev->arrived_at = now;
	if (*office) {
		ev->origin = office;
		if ((rc = pt_event_id(c->uuid, ev, id, e))) {
			free(changes);
			return pt_change_done(db, seen, rc);
		}
		ev->event_id = id;
	}
	rc = db->engine->event_add(db, ev, e);
	free(changes);
	return pt_change_done(db, seen, rc);
}

int pt_change_done(pt_db *db, cJSON *seen, int rc)
{
	cJSON_Delete(seen);
	pt_change_reset(db);
	return rc;
}

int pt_office_set(pt_db *db, const char *key, pt_err *e)
{
	const struct pt_unit *u;
	const char *now;
	int rc;

	if ((rc = pt_units_ready(db, e)) || !(u = pt_unit_must(db, key, "--office", PT_EUSAGE, e)))
		return rc ? rc : e->code;
	if (!(now = pt_office(db, e)))
		return PT_EDB;
	if (!strcmp(now, u->code))
		return db->in_tx ? PT_OK : pt_begin(db, e);   /* nothing to write */
	if (*now)
		return pt_error(e, PT_EREFUSED, "--office: this store is the office %s already:"
		                " its events carry that code", now);
	if ((!db->in_tx && (rc = pt_begin(db, e))) ||
	    (rc = db->engine->setting_put(db, "office", u->code, e)))
		return rc;
	snprintf(db->office, sizeof db->office, "%s", u->code);
	return PT_OK;
}
