/* petition-notice - the written notice of a decision, from a template */
#include "cli.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct notice_opts { const char *kind, *dir; bool list; };

static bool known_kind(const char *k)
{
	const char *kind, *title;

	for (int i = 0; pt_notice_kind(i, &kind, &title) == 0; i++)
		if (!strcmp(kind, k))
			return true;
	return false;
}

/* One notice; a form feed before every one but the first printed. */
static int printed;
static FILE *out;               /* stdout, or held back until the access is recorded */

static int notice(struct pt_cli *c, pt_db *db, const char *key, const char *where,
                  void *ctx)
{
	const struct notice_opts *n = ctx;
	char *text = NULL;
	size_t len = 0;
	FILE *mem;
	pt_err e = {0};
	int64_t id;
	int rc = pt_cli_reveal_lock(c, db);

	if (rc)
		return rc;
	mem = open_memstream(&text, &len);
	rc = mem ? pt_case_resolve(db, key, &id, &e) : pt_error(&e, PT_EDB, "out of memory");
	if (!rc)
		rc = pt_notice(db, id, n->kind, n->dir, c->out.personal, mem, &e);
	if (!rc && (rc = pt_cli_accessed(c, db, id))) {
		fclose(mem);
		free(text);
		return rc;
	}
	if (mem)
		fclose(mem);
	if (rc)
		pt_cli_error_at(c, rc, where, e.msg);
	else {
		if (printed++)
			fputs("\f\n", out);
		fwrite(text, 1, len, out);
	}
	free(text);
	return rc;
}

int main(int argc, char **argv)
{
	struct notice_opts n = {0};
	const struct pt_opt opts[] = {
		PT_OPT_STRING("kind", 0, "KIND", &n.kind, "accept, decline, transfer, extend, reply, review or rereview"),
		PT_OPT_FLAG("list", 0, &n.list, "list the kinds of notice"),
		PT_OPT_STRING("templates", 0, "DIR", &n.dir, "templates from DIR (default: share/petition/templates)"),
		PT_OPT_END,
	};
	struct pt_cli c = {
		.prog = "petition-notice",
		.about = "print the written notice of a decision on a petition case (告知书, 意见书)",
		.synopsis = "--kind KIND [--templates DIR] [OPTIONS] [CASE...] | --list",
		.opts = opts,
	};
	int i = pt_cli_parse(&c, argc, argv), rc = PT_OK, worst = PT_OK;
	const char *kind, *title;
	pt_db *db;

	if ((rc = pt_cli_text_only(&c, "petition-notice")))
		return rc;
	if (n.list) {
		for (int k = 0; pt_notice_kind(k, &kind, &title) == 0; k++)
			printf("%-10s %s\n", kind, title);
		return pt_cli_exit(&c, PT_OK);
	}
	if (!n.kind)
		return pt_cli_error(&c, PT_EUSAGE, "--kind: needed (see --list)");
	if (!known_kind(n.kind))
		return pt_cli_error(&c, PT_EUSAGE, "--kind: \"%s\" is not a kind of notice"
		                    " (see --list)", n.kind);
	if (i == argc && !pt_cli_stdin_has_input())
		return pt_cli_error(&c, PT_EUSAGE, "no case given (see --help)");
	if (!(db = pt_cli_open(&c, &rc)))
		return rc;
	if (!(out = pt_cli_reveal(&c, &rc))) {
		pt_close(db);
		return rc;
	}
	if (i == argc)                 /* cases from stdin, as any tool prints them */
		worst = pt_cli_each_key(&c, db, notice, &n);
	for (; i < argc && rc != PT_EDB; i++)
		if ((rc = notice(&c, db, argv[i], NULL, &n)) > worst)
			worst = rc;
	worst = pt_cli_reveal_done(&c, db, out, worst);
	pt_close(db);
	return pt_cli_exit(&c, worst);
}
