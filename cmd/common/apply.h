/* apply.h - the shared main loop of the lifecycle tools. */
#ifndef PT_APPLY_H
#define PT_APPLY_H

#include "cli.h"

struct pt_apply {
	pt_action action;
	bool keep_going, dry_run, quiet;
	int verb;                /* enum pt_verb, when an option named one */
};

/* The options every lifecycle tool has: -k, -n, -q, --handler, --leader. */
#define PT_APPLY_OPTS(ap) \
	PT_OPT_STRING("handler", 'H', "NAME", &(ap)->action.handler, "set the handler (承办人)"), \
	PT_OPT_STRING("leader", 'L', "NAME", &(ap)->action.leader, "set the lead leader (包案领导)"), \
	PT_OPT_FLAG("keep-going", 'k', &(ap)->keep_going, "apply what can be applied, report each refusal, exit 1"), \
	PT_OPT_FLAG("dry-run", 'n', &(ap)->dry_run, "check and print the changed cases, write nothing"), \
	PT_OPT_FLAG("quiet", 'q', &(ap)->quiet, "print nothing on success")

/* Sets the verb (from a callback), refusing a second one. */
int pt_apply_verb(struct pt_cli *c, struct pt_apply *ap, enum pt_verb v);

/* Applies ap->action to every case of argv[i..] (or stdin when none),
 * all or nothing unless keep_going; prints the changed cases. Returns the
 * exit status. */
int pt_apply_main(struct pt_cli *c, struct pt_apply *ap, int argc, char **argv, int i);

#endif
