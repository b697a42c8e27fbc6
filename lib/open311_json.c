/* open311_json.c - Open311 documents in JSON (cJSON): an array of service
 * requests or services; read as GeoReport v2 servers send them. */
#include "open311.h"
#include <cjson/cJSON.h>
#include <math.h>
#include <string.h>

int pt_o311_json_begin(FILE *out)
{
	return fputs("[", out) < 0 ? -1 : 0;
}

/* Every key, absent ones null; metadata a boolean, as in the spec. */
int pt_o311_json_put(FILE *out, const struct pt_o311_kind *k, const char *const *v, long n)
{
	cJSON *o = cJSON_CreateObject();
	bool ok = o != NULL;

	for (int i = 0; ok && i < k->nkeys; i++) {
		if (!v[i])
			ok = cJSON_AddNullToObject(o, k->keys[i]) != NULL;
		else if (!strcmp(k->keys[i], "metadata"))
			ok = cJSON_AddBoolToObject(o, k->keys[i], !strcmp(v[i], "true")) != NULL;
		else
			ok = cJSON_AddStringToObject(o, k->keys[i], v[i]) != NULL;
	}
	char *s = ok ? cJSON_PrintUnformatted(o) : NULL;
	int rc = s && fprintf(out, "%s\n%s", n ? "," : "", s) >= 0 ? 0 : -1;

	cJSON_free(s);
	cJSON_Delete(o);
	return rc;
}

int pt_o311_json_end(FILE *out, long n)
{
	return fputs(n ? "\n]\n" : "]\n", out) < 0 || fflush(out) ? -1 : 0;
}

/* A number as a string: ids that servers send as numbers. */
static int number_text(double d, char *out, size_t n)
{
	if (!isfinite(d))
		return -1;
	if (d == floor(d) && fabs(d) < 1e15)
		snprintf(out, n, "%.0f", d);
	else
		snprintf(out, n, "%.17g", d);
	return 0;
}

/* agency_responsible: a string, {"recipient": ...}, or a list of either (the first). */
static const cJSON *agency_value(const cJSON *v)
{
	if (cJSON_IsArray(v))
		v = cJSON_GetArrayItem(v, 0);
	if (cJSON_IsObject(v))
		v = cJSON_GetObjectItemCaseSensitive(v, "recipient");
	return v;
}

static int take_value(struct pt_o311_req *q, int f, const cJSON *v, const char *where,
                      pt_err *e)
{
	char num[64];

	if (f == PT_O_AGENCY && !(v = agency_value(v)))
		return PT_OK;
	if (cJSON_IsNull(v))
		return PT_OK;
	if (cJSON_IsNumber(v) && number_text(v->valuedouble, num, sizeof num) == 0)
		return pt_o311_set(q, f, num, strlen(num)) ? pt_error(e, PT_EDB, "out of memory") : PT_OK;
	if (!cJSON_IsString(v))
		return pt_error(e, PT_EINPUT, "%s: %s: expected a string", where, v->string ?
		                v->string : "agency_responsible");
	return pt_o311_set(q, f, v->valuestring, strlen(v->valuestring)) ?
	       pt_error(e, PT_EDB, "out of memory") : PT_OK;
}

static int take_request(const cJSON *o, struct pt_open311_requests *l, pt_err *e)
{
	char where[48];
	struct pt_o311_req *q;
	const cJSON *v;
	int rc;

	snprintf(where, sizeof where, "request %zu", l->n + 1);
	if (!cJSON_IsObject(o))
		return pt_error(e, PT_EINPUT, "%s: not an object", where);
	if (!(q = pt_o311_push(l)))
		return pt_error(e, PT_EDB, "out of memory");
	cJSON_ArrayForEach(v, o) {
		int f = v->string ? pt_o311_field(v->string) : -1;
		if (f >= 0 && (rc = take_value(q, f, v, where, e)))
			return rc;
	}
	return PT_OK;
}

/* An item of the list: a request, or {"request": a request or a list of them}. */
static int take_item(const cJSON *it, struct pt_open311_requests *l, pt_err *e)
{
	const cJSON *inner = cJSON_IsObject(it) ? cJSON_GetObjectItemCaseSensitive(it, "request") : NULL;
	const cJSON *x;
	int rc;

	if (!inner)
		return take_request(it, l, e);
	if (!cJSON_IsArray(inner))
		return take_request(inner, l, e);
	cJSON_ArrayForEach(x, inner)
		if ((rc = take_request(x, l, e)))
			return rc;
	return PT_OK;
}

/* [requests], {"service_requests": [...]} or one request object. */
int pt_o311_json_read(const char *buf, size_t n, struct pt_open311_requests *l, pt_err *e)
{
	const char *end = NULL;
	cJSON *doc = cJSON_ParseWithLengthOpts(buf, n, &end, 0), *list, *it;
	int rc = PT_OK;

	while (doc && end && end < buf + n && strchr(" \t\r\n", *end) && *end)
		end++;
	if (!doc || !end || end != buf + n) {
		cJSON_Delete(doc);
		return pt_error(e, PT_EINPUT, "input: not well-formed JSON");
	}
	list = cJSON_IsObject(doc) ? cJSON_GetObjectItemCaseSensitive(doc, "service_requests") : doc;
	if (cJSON_IsObject(doc) && !list)
		rc = take_request(doc, l, e);
	else if (!cJSON_IsArray(list))
		rc = pt_error(e, PT_EINPUT, "input: service_requests: expected a list");
	else
		cJSON_ArrayForEach(it, list)
			if ((rc = take_item(it, l, e)))
				break;
	cJSON_Delete(doc);
	return rc;
}
