/* fold.h - a case replayed from its events (lib/fold.c), for the import
 * (lib/merge.c) and the check that a case is its events (petition-verify). */
#ifndef PT_FOLD_H
#define PT_FOLD_H

#include "pt_priv.h"

struct cJSON;

/* A field's value and the event that set it; strings point into the lines. */
struct pt_fold_value {
	const char *value, *origin;
	int64_t lamport;
	const char *event_id, *at;
	bool set;
};

struct pt_fold {
	pt_db *db;
	const char *office;             /* this store's: its own case_no stays */
	pt_err *e;
	struct pt_fold_value f[PT_NCASE_FIELDS];
	struct cJSON *clocks;           /* clock: {start, due, rule, duty, stopped_at} */
	struct cJSON *conflicts;        /* {field, kept, other, at} */
	const char *registrar;          /* the office that registered the case */
	const char *origin_case_no;     /* the number it gave the case, if not this one */
};

/* Replays lines (event lines in replay order) into x, whose db, office and
 * e the caller sets; pt_fold_free frees what it made, not x. */
int pt_fold(struct pt_fold *x, const struct cJSON *lines);
void pt_fold_free(struct pt_fold *x);
/* The case's events this store has, as lines (office: this store's), into lines. */
int pt_fold_load(pt_db *db, const char *office, int64_t id, struct cJSON *lines, pt_err *e);

#endif
