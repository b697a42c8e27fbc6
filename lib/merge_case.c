/*
 * merge_case.c - one case of a bundle: its new events added to those the
 * store has, the case replayed from all of them and written back, and
 * each conflict the replay found recorded once.
 */
#include "merge.h"
#include "store/store.h"
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

static bool is_new(const cJSON *l)
{
	return !cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(l, "known"));
}

/* Marks the lines of a case this store has that are events it has too;
 * *news: how many are not, or carry the petitioner's identity. */
static int mark_known(struct import *x, int *news)
{
	cJSON *l;
	bool known;
	int rc;

	*news = 0;
	cJSON_ArrayForEach(l, x->group) {
		if ((rc = x->db->engine->event_known(x->db, pt_json_str(l, "event_id"), x->office,
		                                     pt_json_str(l, "origin"),
		                                     pt_json_int(l, "lamport"), &known, x->e)))
			return rc;
		if (known && !cJSON_AddTrueToObject(l, "known"))
			return pt_error(x->e, PT_EDB, "out of memory");
		x->st->known += known;
		*news += !known || cJSON_GetObjectItemCaseSensitive(l, "personal");
	}
	return PT_OK;
}

static int add_event(struct import *x, int64_t id, const cJSON *o)
{
	struct pt_event_in ev;
	char *details, *changes, now[21];
	int rc = pt_merge_event_of(x, o, &ev, &details, &changes);

	pt_time_format_utc(x->db->now, now);
	ev.case_id = id;
	ev.arrived_at = now;
	if (!rc && !(rc = x->db->engine->event_add(x->db, &ev, x->e)))
		pt_lamport_seen(x->db, ev.lamport);
	free(details);
	free(changes);
	return rc;
}

/* The replay's next deadline of the office: its earliest open duty clock
 * (by due date, then name), as the store keeps it on the case record. */
static void next_clock(const struct pt_fold *f, pt_record *r)
{
	const cJSON *k, *best = NULL;

	cJSON_ArrayForEach(k, f->clocks) {
		const char *due = pt_json_str(k, "due");
		if (pt_json_str(k, "stopped_at") || !due ||
		    !cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(k, "duty")))
			continue;
		if (pt_clock_first(due, k->string, best ? pt_json_str(best, "due") : NULL,
		                   best ? best->string : NULL))
			best = k;
	}
	if (best) {
		pt_record_sets(r, PT_F_NEXT_DUE, pt_json_str(best, "due"));
		pt_record_sets(r, PT_F_NEXT_CLOCK, best->string);
	}
}

/* A case this store has not had: numbered here, made from the replay. */
static int insert_case(struct import *x, struct pt_fold *f, int64_t *id)
{
	pt_record *r = pt_record_new(&pt_case_schema);
	int64_t t;
	int rc = r ? PT_OK : pt_error(x->e, PT_EDB, "out of memory"), y, m, d;

	for (int i = 0; !rc && i < PT_NCASE_FIELDS; i++)
		if (f->f[i].value && pt_change_field(i) && pt_record_sets(r, i, f->f[i].value) < 0)
			rc = pt_error(x->e, PT_EDB, "out of memory");
	if (rc)
		goto done;
	if (!f->registrar || !f->f[PT_F_RECEIVED_AT].value || !f->f[PT_F_SUBJECT].value ||
	    !f->f[PT_F_CHANNEL].value || !f->f[PT_F_UNIT].value || !f->f[PT_F_STATUS].value) {
		rc = pt_error(x->e, PT_EINPUT, "line %ld: case %s: its registration is not in the"
		              " bundle", x->line, x->uuid);
		goto done;
	}
	pt_record_sets(r, PT_F_UUID, x->uuid);
	next_clock(f, r);
	if (f->origin_case_no)
		pt_record_sets(r, PT_F_ORIGIN_CASE_NO, f->origin_case_no);
	pt_time_parse(f->f[PT_F_RECEIVED_AT].value, &t);
	pt_civil_from_days(pt_local_day(t), &y, &m, &d);
	if (!(rc = pt_case_bulk_tick(x->db, x->e)) && !(rc = pt_case_number(x->db, r, y, x->e)) &&
	    !(rc = x->db->engine->case_insert(x->db, r, 0, false, id, x->e)))
		x->st->new_cases++;
done:
	pt_record_free(r);
	return rc;
}

/* The replay's fields where the stored case differs. */
static int write_fields(struct import *x, struct pt_fold *f, int64_t id)
{
	pt_record *r = pt_record_new(&pt_case_schema);
	int fields[PT_NCASE_FIELDS], n = 0;
	const char *values[PT_NCASE_FIELDS];
	int rc = r ? pt_case_get(x->db, id, r, x->e) : pt_error(x->e, PT_EDB, "out of memory");

	for (int i = 0; !rc && i < PT_NCASE_FIELDS; i++) {
		const char *v = i == PT_F_ORIGIN_CASE_NO ? f->origin_case_no : f->f[i].value;
		const char *have = pt_record_get(r, i);
		bool given = i == PT_F_ORIGIN_CASE_NO ? v != NULL : f->f[i].set;
		if (!pt_change_field(i) || !given || i == PT_F_CASE_NO)
			continue;
		if (v == have || (v && have && !strcmp(v, have)))
			continue;
		fields[n] = i;
		values[n++] = v;
	}
	if (!rc && n)
		rc = x->db->engine->case_set(x->db, id, fields, values, n, x->e);
	pt_record_free(r);
	return rc;
}

static int write_clocks(struct import *x, struct pt_fold *f, int64_t id, bool made)
{
	const cJSON *k;
	int rc = PT_OK;

	cJSON_ArrayForEach(k, f->clocks)
		if ((rc = x->db->engine->deadline_put(x->db, id, k->string, pt_json_str(k, "start"),
		        pt_json_str(k, "due"), pt_json_str(k, "rule"),
		        cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(k, "duty")),
		        pt_json_str(k, "stopped_at"), x->e)))
			return rc;
	/* a case made here has its next deadline from the replay already */
	return f->clocks->child && !made ? x->db->engine->next_due_update(x->db, id, x->e) : PT_OK;
}

/* The petitioner's identity, when the bundle carries it. */
static int write_personal(struct import *x, int64_t id)
{
	int fields[4], n = 0, rc = PT_OK;
	const char *values[4];
	const cJSON *l, *kv;

	cJSON_ArrayForEach(l, x->group) {
		cJSON_ArrayForEach(kv, cJSON_GetObjectItemCaseSensitive(l, "personal")) {
			if (n == 4)
				break;
			fields[n] = pt_schema_column(&pt_case_schema, kv->string);
			values[n++] = kv->valuestring;
		}
		if (n && (rc = x->db->engine->case_set(x->db, id, fields, values, n, x->e)))
			return rc;
		n = 0;
	}
	return rc;
}

static int add_conflict(struct import *x, int64_t id, const char *status, cJSON *c)
{
	cJSON *at = cJSON_DetachItemFromObjectCaseSensitive(c, "at");
	cJSON_Delete(cJSON_DetachItemFromObjectCaseSensitive(c, "lamports"));
	char *details = cJSON_PrintUnformatted(c), eid[65];
	struct pt_event_in ev = {.case_id = id, .action = "conflict", .from = status,
	                         .to = status, .details = details, .at = at->valuestring,
	                         .actor = "petition-import", .unit = x->office,
	                         .origin = x->office};
	bool known = false;
	int rc = details ? pt_event_id(x->uuid, &ev, eid, x->e) : pt_error(x->e, PT_EDB, "out of memory");

	ev.event_id = eid;
	ev.arrived_at = at->valuestring;
	if (!rc && !(rc = x->db->engine->event_known(x->db, eid, x->office, "", 0, &known, x->e)) &&
	    !known && !(rc = x->db->engine->event_add(x->db, &ev, x->e)))
		x->st->conflicts++;
	free(details);
	cJSON_Delete(at);
	return rc;
}

static int write_case(struct import *x, struct pt_fold *f, int64_t id, bool made)
{
	const cJSON *l;
	cJSON *c;
	int rc = PT_OK;

	cJSON_ArrayForEach(l, x->group)
		if (is_new(l) && (rc = add_event(x, id, l)))
			return rc;
	if ((!made && (rc = write_fields(x, f, id))) || (rc = write_clocks(x, f, id, made)) ||
	    (rc = write_personal(x, id)))
		return rc;
	cJSON_ArrayForEach(c, f->conflicts)
		if ((rc = add_conflict(x, id, f->f[PT_F_STATUS].value, c)))
			break;
	x->st->cases++;
	return rc;
}

/* Every event of the case, the stored and the new, in the order of replay. */
static int all_lines(struct import *x, int64_t id, cJSON **out)
{
	cJSON *lines = cJSON_CreateArray(), *l;
	int rc = lines ? PT_OK : pt_error(x->e, PT_EDB, "out of memory");

	if (!rc && id)
		rc = pt_fold_load(x->db, x->office, id, lines, x->e);
	cJSON_ArrayForEach(l, x->group)
		if (!rc && is_new(l) && !cJSON_AddItemReferenceToArray(lines, l))
			rc = pt_error(x->e, PT_EDB, "out of memory");
	if (!rc && pt_lines_sort(lines))
		rc = pt_error(x->e, PT_EDB, "out of memory");
	*out = lines;
	return rc;
}

static int merge(struct import *x)
{
	struct pt_fold f = {.db = x->db, .office = x->office, .e = x->e};
	pt_err none = {0};
	cJSON *lines = NULL;
	int64_t id = 0;
	int rc = x->db->engine->case_find(x->db, PT_KEY_UUID, x->uuid, &id, &none);

	int news = 1;

	if (rc == PT_EDB)
		return *x->e = none, rc;
	if (rc)
		id = 0;     /* a case new here: none of its events can be */
	bool made = !id;

	if (id && ((rc = mark_known(x, &news)) || !news))
		return rc;
	if (!(rc = all_lines(x, id, &lines)) && !(rc = pt_fold(&f, lines)) &&
	    (id || !(rc = insert_case(x, &f, &id))))
		rc = write_case(x, &f, id, made);
	pt_fold_free(&f);
	cJSON_Delete(lines);
	return rc;
}

int pt_merge_group(struct import *x)
{
	int rc = cJSON_GetArraySize(x->group) ? merge(x) : PT_OK;
	cJSON *l;

	while ((l = x->group->child)) {
		cJSON_DetachItemViaPointer(x->group, l);
		cJSON_Delete(l);
	}
	return rc;
}
