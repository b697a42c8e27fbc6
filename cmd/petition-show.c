/* petition-show - one case in full: fields, deadlines and history */
#include "cli.h"
#include <stdlib.h>

static pt_writer *events;       /* CSV: the history of every case, one header */
static FILE *out;               /* stdout, or held back until the access is recorded */

static int show(struct pt_cli *c, pt_db *db, const char *key, const char *where,
                void *ctx)
{
	pt_err e = {0};
	int64_t id;
	int rc = pt_cli_reveal_lock(c, db);

	if (rc)
		return rc;
	if (!(rc = pt_case_resolve(db, key, &id, &e)))
		rc = pt_show_case(db, id, out, &c->out, &events, &e);
	if (!rc && (rc = pt_cli_accessed(c, db, id)))     /* after: not in what it shows */
		return rc;
	if (rc && ferror(out))
		return PT_EDB;          /* reported (or quiet, for a closed pipe) at exit */
	(void)ctx;
	if (rc)
		pt_cli_error_at(c, rc, where, e.msg);
	return rc;
}

int main(int argc, char **argv)
{
	const char *for_unit = NULL;
	const struct pt_opt opts[] = {
		PT_OPT_STRING("for-unit", 0, "U", &for_unit, "an export for unit U: the petitioner's identity left out (art. 30)"),
		PT_OPT_END,
	};
	struct pt_cli c = {
		.prog = "petition-show",
		.out = {.title = "cases", .title_zh = "信访件"},
		.about = "print petition cases with their deadlines and history",
		.synopsis = "[OPTIONS] ID|CASE_NO|UUID...",
		.opts = opts,
	};
	int i = pt_cli_parse(&c, argc, argv), rc, worst = PT_OK;
	pt_db *db;

	if (i == argc && !pt_cli_stdin_has_input())
		return pt_cli_error(&c, PT_EUSAGE, "no case given (see --help)");
	if (!(db = pt_cli_open(&c, &rc)))
		return rc;
	if ((rc = pt_cli_for_unit(&c, db, for_unit)) || !(out = pt_cli_reveal(&c, &rc))) {
		pt_close(db);
		return rc;
	}
	if (i == argc)
		worst = pt_cli_each_key(&c, db, show, NULL);
	for (; i < argc && worst != PT_EDB; i++)
		if ((rc = show(&c, db, argv[i], NULL, NULL)) > worst)
			worst = rc;
	if (pt_cli_write_failed(worst))
		worst = PT_OK;          /* pt_cli_exit tells a closed pipe from a real error */
	if (pt_writer_close(events) < 0 && !worst)
		worst = pt_cli_error(&c, PT_EDB, "stdout: write error");
	worst = pt_cli_reveal_done(&c, db, out, worst);
	pt_close(db);
	return pt_cli_exit(&c, worst);
}
