/* petition-verify - check the history's hash chain and every case against its events */
#include "cli.h"
#include <inttypes.h>
#include <string.h>

/* --head: a hash printed by an earlier run */
static int head_opt(struct pt_cli *c, const struct pt_opt *o, const char *arg)
{
	if (strlen(arg) != 64 || strspn(arg, "0123456789abcdef") != 64)
		return pt_cli_error(c, PT_EUSAGE, "--head: not 64 lowercase hex digits");
	*(const char **)o->var = arg;
	return PT_OK;
}

static void fault(void *arg, const char *msg)
{
	pt_cli_error(arg, PT_EINPUT, "%s", msg);
}

int main(int argc, char **argv)
{
	const char *head = NULL;
	const struct pt_opt opts[] = {
		PT_OPT_CALLBACK("head", 0, "HASH", head_opt, &head, "a head printed by an earlier run: the chain must still hold it"),
		PT_OPT_END,
	};
	struct pt_cli c = {
		.prog = "petition-verify",
		.about = "check the history's hash chain and every case against its events",
		.synopsis = "[--head HASH] [OPTIONS]",
		.opts = opts,
	};
	int i = pt_cli_parse(&c, argc, argv), rc;
	pt_verify_result r;
	pt_err e = {0};
	pt_db *db;

	if (i < argc)
		return pt_cli_error(&c, PT_EUSAGE, "no operands are taken (see --help)");
	if ((rc = pt_cli_text_only(&c, "petition-verify")))
		return rc;
	c.open.readonly = true;
	if (!(db = pt_cli_open(&c, &rc)))
		return rc;
	rc = pt_verify(db, head, fault, &c, &r, &e);
	if (rc == PT_EDB)
		pt_cli_error(&c, rc, "%s", e.msg);
	else if (rc == PT_OK)
	{
		printf("intact: %" PRId64 " events in one chain, %" PRId64 " cases agree with"
		       " their events\n", r.events, r.cases);
		if (r.events)
			printf("head %s\n", r.head);
	}
	pt_close(db);
	return pt_cli_exit(&c, rc);
}
