/* event_id.c - an exchanged event's id: the SHA-256 of its canonical
 * content (petition(7), "Bundles"), the same at every office. */
#include "pt_priv.h"
#include <cjson/cJSON.h>
#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>

void pt_sha256_hex(const void *p, size_t n, char out[65])
{
	static const char digits[] = "0123456789abcdef";
	struct sha256_ctx h;
	uint8_t d[SHA256_DIGEST_SIZE];

	sha256_init(&h);
	sha256_update(&h, n, p);
	sha256_digest(&h, sizeof d, d);
	for (int i = 0; i < SHA256_DIGEST_SIZE; i++) {
		out[2 * i] = digits[d[i] >> 4];
		out[2 * i + 1] = digits[d[i] & 15];
	}
	out[64] = '\0';
}

static cJSON *text_or_null(const char *v)
{
	return v ? cJSON_CreateString(v) : cJSON_CreateNull();
}

static bool add(cJSON *o, const char *k, cJSON *v)
{
	if (!v)
		return false;
	cJSON_AddItemToObject(o, k, v);
	return true;
}

/* The parts of the changes ({"sets", "clocks", "seen"}) in that order. */
static bool add_changes(cJSON *o, const char *changes)
{
	static const char *const parts[] = {"sets", "clocks", "seen"};
	cJSON *c = changes ? cJSON_Parse(changes) : NULL;
	bool ok = !changes || c;

	for (size_t i = 0; ok && c && i < sizeof parts / sizeof parts[0]; i++) {
		cJSON *p = cJSON_DetachItemFromObjectCaseSensitive(c, parts[i]);
		if (p)
			cJSON_AddItemToObject(o, parts[i], p);
	}
	cJSON_Delete(c);
	return ok;
}

/*
 * The canonical content: an object of uuid, origin, lamport, at, actor,
 * unit, action, from_status, to_status, details, then the changes' sets,
 * clocks and seen, printed by cJSON without spaces. The caller frees it.
 */
char *pt_event_canonical(const char *uuid, const struct pt_event_in *ev)
{
	cJSON *o = cJSON_CreateObject(), *d = NULL;
	char *s = NULL;

	if (ev->details && !(d = cJSON_Parse(ev->details)))
		goto done;
	if (!o || !add(o, "uuid", cJSON_CreateString(uuid)) ||
	    !add(o, "origin", text_or_null(ev->origin)) ||
	    !add(o, "lamport", cJSON_CreateNumber((double)ev->lamport)) ||
	    !add(o, "at", text_or_null(ev->at)) || !add(o, "actor", text_or_null(ev->actor)) ||
	    !add(o, "unit", text_or_null(ev->unit)) ||
	    !add(o, "action", text_or_null(ev->action)) ||
	    !add(o, "from_status", text_or_null(ev->from)) ||
	    !add(o, "to_status", text_or_null(ev->to)))
		goto done;
	if (!add(o, "details", d ? d : cJSON_CreateNull()))
		goto done;
	d = NULL;
	if (add_changes(o, ev->changes))
		s = cJSON_PrintUnformatted(o);
done:
	cJSON_Delete(d);
	cJSON_Delete(o);
	return s;
}

int pt_event_id(const char *uuid, const struct pt_event_in *ev, char out[65], pt_err *e)
{
	char *s = pt_event_canonical(uuid, ev);

	if (!s)
		return pt_error(e, PT_EDB, "event id: out of memory or bad JSON");
	pt_sha256_hex(s, strlen(s), out);
	free(s);
	return PT_OK;
}
