/* event_id.c - an exchanged event's id: the SHA-256 of its canonical
 * content (petition(7), "Bundles"), the same at every office. */
#include "pt_priv.h"
#include <cjson/cJSON.h>
#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>

void pt_sha256_digest_hex(struct sha256_ctx *h, char out[65])
{
	static const char digits[] = "0123456789abcdef";
	uint8_t d[SHA256_DIGEST_SIZE];

	sha256_digest(h, sizeof d, d);
	for (int i = 0; i < SHA256_DIGEST_SIZE; i++) {
		out[2 * i] = digits[d[i] >> 4];
		out[2 * i + 1] = digits[d[i] & 15];
	}
	out[64] = '\0';
}

void pt_sha256_hex(const void *p, size_t n, char out[65])
{
	struct sha256_ctx h;

	sha256_init(&h);
	sha256_update(&h, n, p);
	pt_sha256_digest_hex(&h, out);
}

const char *pt_json_str(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

int64_t pt_json_int(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsNumber(v) ? (int64_t)v->valuedouble : 0;
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

/* A part of the content that is an object, by reference: absent if NULL. */
static bool add_ref(cJSON *o, const char *k, const cJSON *v)
{
	return !v || cJSON_AddItemReferenceToObject(o, k, (cJSON *)v);
}

/*
 * The canonical content: an object of uuid, origin, lamport, at, actor,
 * unit, action, from_status, to_status, details, then the sets, clocks
 * and seen of the changes, printed by cJSON without spaces.
 */
static char *canonical(const char *uuid, const struct pt_event_in *ev, const cJSON *details,
                       const cJSON *sets, const cJSON *clocks, const cJSON *seen)
{
	cJSON *o = cJSON_CreateObject();
	char *s = NULL;

	if (o && add(o, "uuid", cJSON_CreateString(uuid)) &&
	    add(o, "origin", text_or_null(ev->origin)) &&
	    add(o, "lamport", cJSON_CreateNumber((double)ev->lamport)) &&
	    add(o, "at", text_or_null(ev->at)) && add(o, "actor", text_or_null(ev->actor)) &&
	    add(o, "unit", text_or_null(ev->unit)) && add(o, "action", text_or_null(ev->action)) &&
	    add(o, "from_status", text_or_null(ev->from)) &&
	    add(o, "to_status", text_or_null(ev->to)) &&
	    (details ? add_ref(o, "details", details) : add(o, "details", cJSON_CreateNull())) &&
	    add_ref(o, "sets", sets) && add_ref(o, "clocks", clocks) && add_ref(o, "seen", seen))
		s = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return s;
}

static const cJSON *part(const cJSON *o, const char *k)
{
	return cJSON_GetObjectItemCaseSensitive(o, k);
}

char *pt_event_canonical(const char *uuid, const struct pt_event_in *ev)
{
	cJSON *d = ev->details ? cJSON_Parse(ev->details) : NULL;
	cJSON *c = ev->changes ? cJSON_Parse(ev->changes) : NULL;
	char *s = NULL;

	if ((!ev->details || d) && (!ev->changes || c))
		s = canonical(uuid, ev, d, part(c, "sets"), part(c, "clocks"), part(c, "seen"));
	cJSON_Delete(d);
	cJSON_Delete(c);
	return s;
}

/* The same of an event line as a bundle carries it (its parts in place). */
char *pt_event_canonical_line(const char *uuid, const cJSON *line,
                              const struct pt_event_in *ev)
{
	const cJSON *d = part(line, "details");

	return canonical(uuid, ev, cJSON_IsObject(d) ? d : NULL, part(line, "sets"),
	                 part(line, "clocks"), part(line, "seen"));
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
