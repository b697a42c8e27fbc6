/* open311.h - Open311 GeoReport v2 inside the library: the fields of a
 * service request and of a service, and the JSON and XML readers and
 * writers (lib/open311.c, lib/open311_xml.c); not installed. */
#ifndef PT_OPEN311_H
#define PT_OPEN311_H

#include "pt_priv.h"

/* The 17 fields of a service request, in the spec's order. */
enum pt_o311_field {
	PT_O_ID, PT_O_STATUS, PT_O_STATUS_NOTES, PT_O_SERVICE_NAME, PT_O_SERVICE_CODE,
	PT_O_DESCRIPTION, PT_O_AGENCY, PT_O_SERVICE_NOTICE, PT_O_REQUESTED, PT_O_UPDATED,
	PT_O_EXPECTED, PT_O_ADDRESS, PT_O_ADDRESS_ID, PT_O_ZIPCODE, PT_O_LAT, PT_O_LONG,
	PT_O_MEDIA_URL, PT_O__COUNT
};
/* The 7 fields of a service (GET services). */
enum { PT_OS_CODE, PT_OS_NAME, PT_OS_DESCRIPTION, PT_OS_METADATA, PT_OS_TYPE,
       PT_OS_KEYWORDS, PT_OS_GROUP, PT_OS__COUNT };

/* A document's kind: its field names and its XML element names. */
struct pt_o311_kind {
	const char *root, *item;          /* "service_requests", "request" */
	const char *const *keys;
	int nkeys;
};
extern const struct pt_o311_kind pt_o311_requests, pt_o311_services;

/* One service request as read: each value owned, NULL when absent or empty. */
struct pt_o311_req { char *v[PT_O__COUNT]; };
struct pt_open311_requests { struct pt_o311_req *r; size_t n, cap; };
/* A new, empty request at the end of the list (NULL: out of memory). */
struct pt_o311_req *pt_o311_push(struct pt_open311_requests *l);
/* Sets a value of a request, copying n bytes ("" is absent); -1 out of memory. */
int pt_o311_set(struct pt_o311_req *q, int field, const char *v, size_t n);
/* The field of a request's key, -1 for another key. */
int pt_o311_field(const char *key);

/* Readers of a whole document held in memory: PT_EINPUT for one that is
 * not well-formed or not of service requests, nothing added then. */
int pt_o311_json_read(const char *buf, size_t n, struct pt_open311_requests *l, pt_err *e);
int pt_o311_xml_read(const char *buf, size_t n, struct pt_open311_requests *l, pt_err *e);

/* The JSON writer: "[", each item (n counts those before it), "]". */
int pt_o311_json_begin(FILE *out);
int pt_o311_json_put(FILE *out, const struct pt_o311_kind *k, const char *const *v, long n);
int pt_o311_json_end(FILE *out, long n);

/* A writer of one document of a kind: v[i] the value of key i (NULL: absent). */
typedef struct pt_o311_writer pt_o311_writer;
pt_o311_writer *pt_o311_xml_new(FILE *out, const struct pt_o311_kind *k);
int pt_o311_xml_put(pt_o311_writer *w, const char *const *v);
int pt_o311_xml_close(pt_o311_writer *w);   /* frees w; -1 if a write failed */

#endif
