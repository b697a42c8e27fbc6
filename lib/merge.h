/* merge.h - petition-import's parts: reading a bundle (merge.c) and
 * merging each case's events into the store (merge_case.c). */
#ifndef PT_MERGE_H
#define PT_MERGE_H

#include "fold.h"
#include <nettle/sha2.h>

struct cJSON;

struct import {
	pt_db *db;
	FILE *in;
	const char *office;
	pt_import_stats *st;
	pt_err *e;
	struct sha256_ctx sum;
	char *buf;
	size_t cap;
	long line;
	int64_t lines;              /* the header's count */
	char sha[65];
	struct cJSON *group;        /* the lines of one case, in the bundle's order */
	char uuid[37];
};

bool pt_known_unit(pt_db *db, const char *code);
/* A line's event as the store keeps it; *details and *changes are the
 * caller's to free. */
int pt_merge_event_of(struct import *x, const struct cJSON *o, struct pt_event_in *ev,
                      char **details, char **changes);
/* Merges the group's new events, replays the case, writes it; empties the group. */
int pt_merge_group(struct import *x);

#endif
