/* apply.c - the loop of petition-assign, -handle and -review: one action
 * over the cases named by arguments or stdin, in one transaction. */
#include "apply.h"
#include "pt_priv.h"
#include <stdlib.h>
#include <string.h>

struct run {
	struct pt_cli *c;
	struct pt_apply *ap;
	pt_db *db;
	pt_record *r;
	pt_writer *w;           /* into a temporary file, shown after commit */
	int worst;
	long applied, refused;
	bool begun;
};

/*
 * The transaction begins with the first case, not before: in a pipeline
 * the tool upstream writes and commits before it prints what we read.
 */
static int begin(struct run *x)
{
	pt_err e = {0};
	int rc;

	if (x->begun)
		return PT_OK;
	if ((rc = pt_begin(x->db, &e)))
		return pt_cli_error(x->c, rc, "%s", e.msg);
	x->begun = true;
	return PT_OK;
}

/* One case: apply, or report why not; PT_EDB stops everything. */
static int one(struct run *x, const char *key, const char *where)
{
	pt_err e = {0};
	int64_t id;
	int rc = begin(x);

	if (rc)
		return rc;
	rc = pt_case_apply_key(x->db, key, &x->ap->action, &id, &e);
	if (rc) {
		pt_cli_error_at(x->c, rc, where, e.msg);
		x->refused++;
		if (rc > x->worst)
			x->worst = rc;
		return rc == PT_EDB ? rc : PT_OK;
	}
	x->applied++;
	if (x->w && (rc = pt_case_get(x->db, id, x->r, &e)) == PT_OK &&
	    (rc = pt_cli_accessed(x->c, x->db, id)) == PT_OK)
		pt_writer_put(x->w, x->r);
	return rc == PT_EDB ? rc : PT_OK;
}

static int key_fn(struct pt_cli *c, pt_db *db, const char *key, const char *where,
                  void *ctx)
{
	(void)c;
	(void)db;
	return one(ctx, key, where);
}

/* Keys on stdin: a bad line counts as a refusal (nothing written without -k). */
static int from_stdin(struct run *x)
{
	int rc = pt_cli_each_key(x->c, x->db, key_fn, x);

	if (rc == PT_EINPUT) {                     /* unreadable lines */
		x->refused++;
		x->worst = x->worst > rc ? x->worst : rc;
	}
	return rc == PT_EDB || rc == PT_EUSAGE ? rc : PT_OK;
}

static int finish(struct run *x, FILE *tmp)
{
	pt_err e = {0};
	int rc;

	if (!x->begun)
		return x->worst;
	if (x->worst == PT_EDB || (x->refused && !x->ap->keep_going) || !x->applied ||
	    x->ap->dry_run) {
		bool would = x->worst != PT_EDB && x->applied &&
			(!x->refused || x->ap->keep_going);
		pt_rollback(x->db);
		if (x->ap->dry_run && tmp && would)
			pt_cli_copy(tmp);
		return would && x->refused ? PT_PARTIAL : x->worst;
	}
	if ((rc = pt_cli_commit(x->c, x->db, &e)))
		return pt_cli_error(x->c, rc, "%s", e.msg);
	if (tmp)
		pt_cli_copy(tmp);
	return x->refused ? PT_PARTIAL : PT_OK;
}

int pt_apply_verb(struct pt_cli *c, struct pt_apply *ap, enum pt_verb v)
{
	if (pt_cli_mode(c))
		return PT_EUSAGE;
	ap->verb = (int)v;
	return PT_OK;
}

/* Values given by their Chinese labels (--rate 满意) become codes. */
static void codes_of_labels(pt_action *a)
{
	a->category = pt_enum_code(pt_column(&pt_case_schema, PT_F_CATEGORY)->values, a->category);
	a->outcome = pt_enum_code(pt_column(&pt_case_schema, PT_F_OUTCOME)->values, a->outcome);
	a->rating = pt_enum_code(pt_column(&pt_case_schema, PT_F_SATISFACTION)->values, a->rating);
	a->result = pt_enum_code(pt_review_results, a->result);
	a->resolution = pt_enum_code(pt_backlog_resolutions, a->resolution);
}

int pt_apply_main(struct pt_cli *c, struct pt_apply *ap, int argc, char **argv, int i)
{
	struct run x = {.c = c, .ap = ap};
	FILE *tmp = ap->quiet ? NULL : tmpfile();
	pt_err e = {0};
	int rc;

	ap->action.verb = c->modes ? (enum pt_verb)ap->verb : PT_PEOPLE;
	codes_of_labels(&ap->action);
	if ((rc = pt_action_check(&ap->action, &e)))
		return pt_cli_exit(c, pt_cli_error(c, rc, "%s", e.msg));
	if (i == argc && !pt_cli_stdin_has_input())
		return pt_cli_exit(c, pt_cli_error(c, PT_EUSAGE, "no case given (see --help)"));
	c->open.dry_run = ap->dry_run;
	if (!(x.db = pt_cli_open(c, &rc)))
		return rc;
	x.r = pt_record_new(&pt_case_schema);
	x.w = tmp ? pt_writer_new(tmp, &pt_case_schema, &c->out) : NULL;
	{
		bool named = i < argc;
		for (rc = PT_OK; i < argc && !rc; i++)
			rc = one(&x, argv[i], NULL);
		if (!rc && !named)
			rc = from_stdin(&x);
		pt_writer_close(x.w);
		rc = rc ? rc : finish(&x, tmp);
	}
	if (tmp)
		fclose(tmp);
	pt_record_free(x.r);
	pt_close(x.db);
	return pt_cli_exit(c, rc);
}
