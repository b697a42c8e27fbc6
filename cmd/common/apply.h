/* apply.h - the shared main loop of the lifecycle tools. */
#ifndef PT_APPLY_H
#define PT_APPLY_H

#include "cli.h"

struct pt_apply {
	pt_action action;
	bool keep_going, dry_run, quiet;
	int verbs;               /* how many actions the options named */
};

/* The options every lifecycle tool has: -k, -n, -q, --handler, --leader. */
#define PT_APPLY_OPTS \
	{"handler", 'H', "NAME", "set the handler (承办人)", NULL}, \
	{"leader", 'L', "NAME", "set the lead leader (包案领导)", NULL}, \
	{"keep-going", 'k', NULL, "apply what can be applied, report each refusal, exit 1", NULL}, \
	{"dry-run", 'n', NULL, "check and print the changed cases, write nothing", NULL}, \
	{"quiet", 'q', NULL, "print nothing on success", NULL}

/* Handles one of PT_APPLY_OPTS: 0 done, -1 not one of them. */
int pt_apply_opt(struct pt_apply *ap, int key, const char *arg);
/* Sets the verb, refusing a second one. */
int pt_apply_verb(struct pt_cli *c, struct pt_apply *ap, enum pt_verb v);

/* Applies ap->action to every case of argv[i..] (or stdin when none),
 * all or nothing unless keep_going; prints the changed cases. Returns the
 * exit status. */
int pt_apply_main(struct pt_cli *c, struct pt_apply *ap, int argc, char **argv, int i);

#endif
