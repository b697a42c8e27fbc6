/* petition-escalate - the morning run: remind, supervise, escalate, file backlog */
#include "cli.h"
#include <stdio.h>

struct esc_opts { const char *unit, *replay; };

/* Prints what the runs of a date recorded: read only, no transaction. */
static int replay(struct pt_cli *c, const struct esc_opts *o)
{
	pt_writer *w;
	pt_err e = {0};
	long n = 0;
	pt_db *db;
	int rc;

	c->open.readonly = true;
	if (!(db = pt_cli_open(c, &rc)))
		return rc;
	if (!(w = pt_writer_new(stdout, &pt_escalation_schema, &c->out)))
		rc = pt_error(&e, PT_EDB, "out of memory");
	else
		rc = pt_escalate_replay(db, o->replay, o->unit, w, &n, &e);
	pt_writer_close(w);
	if (rc && !ferror(stdout))
		pt_cli_error(c, rc, "%s", e.msg);
	pt_close(db);
	return pt_cli_exit(c, rc && ferror(stdout) ? PT_OK : rc);
}

int main(int argc, char **argv)
{
	struct esc_opts o = {0};
	struct pt_cli c = {
		.prog = "petition-escalate",
		.out = {.title = "reminders", .title_zh = "期限提醒"},
		.about = "the morning run: deadline reminders, supervision (督办), escalation and backlog cases (积案)",
		.synopsis = "[--unit U] [--dry-run | --replay DATE] [OPTIONS]",
	};
	const struct pt_opt opts[] = {
		PT_OPT_STRING("unit", 'u', "U", &o.unit, "only this unit and the units under it"),
		PT_OPT_FLAG("dry-run", 'n', &c.open.dry_run, "print what would be done, record nothing"),
		PT_OPT_STRING("replay", 0, "DATE", &o.replay, "print again what the runs of DATE recorded, change nothing"),
		PT_OPT_END,
	};
	int i = (c.opts = opts, pt_cli_parse(&c, argc, argv)), rc;
	FILE *tmp = NULL;
	pt_writer *w = NULL;
	pt_err e = {0};
	long n = 0;
	pt_db *db;

	if (i < argc)
		return pt_cli_error(&c, PT_EUSAGE, "%s: unexpected operand (see --help)", argv[i]);
	if (o.replay && c.open.dry_run)
		return pt_cli_error(&c, PT_EUSAGE, "--replay and --dry-run: one at a time");
	if (o.replay)
		return replay(&c, &o);
	if (!(db = pt_cli_open(&c, &rc)))
		return rc;
	if (!(tmp = tmpfile()) || !(w = pt_writer_new(tmp, &pt_escalation_schema, &c.out)))
		rc = pt_error(&e, PT_EDB, "temporary file: out of space or memory");
	else if (!(rc = pt_begin(db, &e)) && !(rc = pt_escalate(db, o.unit, w, &n, &e)) &&
	         !c.open.dry_run)
		rc = pt_cli_commit(&c, db, &e);
	if (pt_writer_close(w) < 0 && !rc)
		rc = pt_error(&e, PT_EDB, "temporary file: write error");
	if (rc)
		pt_cli_error(&c, rc, "%s", e.msg);
	else if (n)
		pt_cli_copy(tmp);     /* after the commit: what is printed was done */
	pt_close(db);             /* rolls back a dry run, or a failed one */
	if (tmp)
		fclose(tmp);
	return pt_cli_exit(&c, rc);
}
