/* history.c - the hash chain over the events, and its check (petition-verify) */
#include "pt_priv.h"
#include <cjson/cJSON.h>
#include <nettle/sha2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The canonical bytes of an event (petition(7), "The history"): the
 * previous event's hash as 32 bytes (zeros for the first event of the
 * store), then each field as a 4-byte big-endian length and its bytes, a
 * NULL as the length 0xffffffff alone.
 */
static void hash_field(struct sha256_ctx *h, const char *v, size_t n)
{
	uint32_t len = v ? (uint32_t)n : 0xffffffffu;
	uint8_t be[4] = {len >> 24, len >> 16, len >> 8, len};

	sha256_update(h, sizeof be, be);
	if (v)
		sha256_update(h, n, (const uint8_t *)v);
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* The previous hash as bytes: zeros unless it is 64 lowercase hex digits. */
static void prev_bytes(const char *hex, uint8_t out[32])
{
	memset(out, 0, 32);
	if (!hex || strlen(hex) != 64)
		return;
	for (int i = 0; i < 32; i++) {
		int hi = hex_digit(hex[2 * i]), lo = hex_digit(hex[2 * i + 1]);
		if (hi < 0 || lo < 0) {
			memset(out, 0, 32);
			return;
		}
		out[i] = (uint8_t)(hi << 4 | lo);
	}
}

void pt_event_hash(const char *prev, const char *const f[PT_EVENT_FIELDS],
                   const size_t n[PT_EVENT_FIELDS], char out[PT_HASH_HEX])
{
	struct sha256_ctx h;
	uint8_t p[32];

	prev_bytes(prev, p);
	sha256_init(&h);
	sha256_update(&h, sizeof p, p);
	for (int i = 0; i < PT_EVENT_FIELDS; i++)
		hash_field(&h, f[i], n[i]);
	pt_sha256_digest_hex(&h, out);
}

/* --- petition-verify --- */

struct verify {
	pt_db *db;
	pt_err *e;
	const char *office;
	int rc;                         /* a store error in the replay */
	const char *head;
	bool head_seen;
	void (*fault)(void *, const char *);
	void *arg;
	int faults;
	pt_verify_result *out;
};

static void fault(struct verify *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fault(struct verify *v, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	v->faults++;
	v->fault(v->arg, msg);
}

/* Every event must follow the one before it: the walk stops at the first
 * that does not, as all after it follow a broken link. */
static int chain_row(void *arg, const struct pt_chain_row *r)
{
	struct verify *v = arg;
	char h[PT_HASH_HEX];

	pt_event_hash(v->out->events ? v->out->head : NULL, r->f, r->n, h);
	if (!r->hash || strcmp(h, r->hash)) {
		fault(v, "event %" PRId64 " (case %s): its hash does not match its content and"
		      " the event before it: it was changed, forged or moved, or an event"
		      " before it was removed", r->id, r->case_no ? r->case_no : "missing");
		return 1;
	}
	if (v->head && !strcmp(v->head, r->hash))
		v->head_seen = true;
	memcpy(v->out->head, h, sizeof h);
	v->out->events++;
	return 0;
}

/* What a case's events say of it, replayed in order (petition(7)). */
struct replay {
	char case_no[64];
	int64_t case_id;
	bool open;                       /* a case being replayed */
	bool merged;                     /* it has another office's events */
	int64_t last;                    /* its latest event */
	char *to;                        /* the status its latest event left */
	char *value[PT_REPLAY__COUNT];   /* NULL: no event set it */
	int64_t by[PT_REPLAY__COUNT];    /* the event that set it */
	char *case_value[PT_REPLAY__COUNT];
};

static const char *const replay_names[PT_REPLAY__COUNT] = {
	"status", "unit", "category", "handler", "leader", "reply_due", "review_due",
	"outcome", "satisfaction", "replied_at", "delivered_at", "closed_at", "extended",
};

/* the detail keys that set a field of the case, as they are named */
static const int detail_fields[] = {
	PT_REPLAY_CATEGORY, PT_REPLAY_HANDLER, PT_REPLAY_LEADER, PT_REPLAY_REPLY_DUE,
	PT_REPLAY_REVIEW_DUE, PT_REPLAY_OUTCOME, PT_REPLAY_SATISFACTION,
};

/* fields a mismatch may be shown for: not names nor free text */
static bool shown(int f)
{
	return f != PT_REPLAY_HANDLER && f != PT_REPLAY_LEADER && f != PT_REPLAY_OUTCOME;
}

static void put(struct replay *p, int f, const char *value, int64_t event)
{
	free(p->value[f]);
	p->value[f] = value ? strdup(value) : NULL;
	p->by[f] = event;
}

static void replay_clear(struct replay *p)
{
	free(p->to);
	for (int i = 0; i < PT_REPLAY__COUNT; i++) {
		free(p->value[i]);
		free(p->case_value[i]);
	}
	memset(p, 0, sizeof *p);
}

struct fold_fault { struct verify *v; const char *case_no; };

static void fold_fault(void *arg, int f)
{
	struct fold_fault *x = arg;

	fault(x->v, "case %s: its %s is not what the replay of its events gives", x->case_no,
	      pt_schema_name(&pt_case_schema, f));
}

/* A case with other offices' events is what their replay, in the order of
 * the Lamport clocks, gives (fold.c), not its history in the order of arrival. */
static int merged_finish(struct verify *v, struct replay *p)
{
	struct fold_fault x = {v, p->case_no};
	int rc = pt_fold_check(v->db, p->case_id, fold_fault, &x, v->e);

	v->out->cases++;
	replay_clear(p);
	return rc;
}

static int replay_finish(struct verify *v, struct replay *p)
{
	if (!p->open)
		return PT_OK;
	if (p->merged)
		return merged_finish(v, p);
	v->out->cases++;
	if (!p->last)
		fault(v, "case %s: it has no events: it was written behind the tools' back",
		      p->case_no);
	put(p, PT_REPLAY_STATUS, p->to, p->last);
	for (int f = 0; f < PT_REPLAY__COUNT; f++) {
		const char *want = p->value[f], *have = p->case_value[f];

		if (!p->by[f] || (want && have && !strcmp(want, have)) || (!want && !have))
			continue;
		if (shown(f))
			fault(v, "case %s: its %s is \"%s\" but its events give \"%s\" (event %"
			      PRId64 ")", p->case_no, replay_names[f], have ? have : "",
			      want ? want : "", p->by[f]);
		else
			fault(v, "case %s: its %s is not what its events give (event %" PRId64 ")",
			      p->case_no, replay_names[f], p->by[f]);
	}
	replay_clear(p);
	return PT_OK;
}

static bool acted_by_unit(const char *action)
{
	static const char *const not[] = {"register", "access", "supervise", "escalate",
	                                  "backlog", NULL};

	for (int i = 0; not[i]; i++)
		if (!strcmp(action, not[i]))
			return false;
	return true;
}

/* The unit: who acted on the event, then where the event moved the case. */
static void replay_unit(struct replay *p, const struct pt_replay_row *r, const cJSON *d)
{
	const char *to = pt_json_str(d, "to"), *back = pt_json_str(d, "returned_to");

	if (acted_by_unit(r->action) && pt_json_str(d, "unit"))
		put(p, PT_REPLAY_UNIT, pt_json_str(d, "unit"), r->event);
	if (pt_json_str(d, "from_unit") && to && strcmp(r->to ? r->to : "", "transferred"))
		put(p, PT_REPLAY_UNIT, to, r->event);
	if (back)
		put(p, PT_REPLAY_UNIT, back, r->event);
}

static void replay_dates(struct replay *p, const struct pt_replay_row *r, const cJSON *d)
{
	static const struct { const char *action; int f; } at[] = {
		{"reply", PT_REPLAY_REPLIED_AT}, {"deliver", PT_REPLAY_DELIVERED_AT},
		{"close", PT_REPLAY_CLOSED_AT},
	};

	for (size_t i = 0; i < sizeof detail_fields / sizeof detail_fields[0]; i++) {
		int f = detail_fields[i];
		if (pt_json_str(d, replay_names[f]))
			put(p, f, pt_json_str(d, replay_names[f]), r->event);
	}
	for (size_t i = 0; i < sizeof at / sizeof at[0]; i++)
		if (!strcmp(r->action, at[i].action))
			put(p, at[i].f, r->at, r->event);
	if (!strcmp(r->action, "extend"))
		put(p, PT_REPLAY_EXTENDED, "1", r->event);
}

static void replay_status(struct verify *v, struct replay *p, const struct pt_replay_row *r)
{
	const char *from = r->from ? r->from : "";

	if (!p->last && (strcmp(r->action, "register") || r->from ||
	                 strcmp(r->to ? r->to : "", "registered")))
		fault(v, "case %s: event %" PRId64 ": its history does not begin with its"
		      " registration", p->case_no, r->event);
	else if (p->last && strcmp(from, p->to ? p->to : ""))
		fault(v, "case %s: event %" PRId64 ": it starts from status \"%s\" but the"
		      " event before it left \"%s\"", p->case_no, r->event, from,
		      p->to ? p->to : "");
	free(p->to);
	p->to = r->to ? strdup(r->to) : NULL;
	p->last = r->event;
}

static void replay_start(struct replay *p, const struct pt_replay_row *r)
{
	snprintf(p->case_no, sizeof p->case_no, "%s", r->case_no ? r->case_no : "");
	p->case_id = r->case_id;
	p->open = true;
	for (int f = 0; f < PT_REPLAY__COUNT; f++)
		p->case_value[f] = r->field[f] ? strdup(r->field[f]) : NULL;
}

static int replay_row(void *arg, const struct pt_replay_row *r)
{
	struct verify *v = ((void **)arg)[0];
	struct replay *p = ((void **)arg)[1];
	cJSON *d;

	if (p->open && strcmp(p->case_no, r->case_no ? r->case_no : "") &&
	    (v->rc = replay_finish(v, p)))
		return 1;
	if (!p->open)
		replay_start(p, r);
	if (r->has_event && r->origin && strcmp(r->origin, v->office))
		p->merged = true;
	if (!r->has_event || p->merged)
		return 0;
	replay_status(v, p, r);
	d = r->details ? cJSON_Parse(r->details) : NULL;
	replay_unit(p, r, d);
	replay_dates(p, r, d);
	cJSON_Delete(d);
	return 0;
}

int pt_verify(pt_db *db, const char *head, void (*fn)(void *, const char *), void *arg,
              pt_verify_result *out, pt_err *e)
{
	struct verify v = {.db = db, .e = e, .head = head, .fault = fn, .arg = arg, .out = out};
	struct replay p = {0};
	void *both[2] = {&v, &p};
	const char *missing;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = pt_store_check_current(db, e)) ||
	    (rc = pt_store_guard_missing(db, &missing, e)))
		return rc;
	if (missing)
		fault(&v, "the trigger %s is missing: the history can be rewritten", missing);
	if ((rc = pt_store_chain_each(db, chain_row, &v, e)))
		return rc;
	if (head && !v.head_seen && !v.faults)
		fault(&v, "the head %.64s recorded earlier is not in the chain: events were"
		      " removed from its end or rewritten", head);
	if (!(v.office = pt_office(db, e)))
		return PT_EDB;
	if (!(rc = pt_store_replay_each(db, replay_row, both, e)))
		rc = v.rc ? v.rc : replay_finish(&v, &p);
	replay_clear(&p);
	if (rc)
		return rc;
	return v.faults ? PT_EINPUT : PT_OK;
}
