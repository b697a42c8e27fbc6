/* petition-notice - the written notice of a decision, from a template */
#include "cli.h"
#include <stdio.h>

enum { O_KIND = 300, O_LIST, O_TEMPLATES };

struct notice_opts { const char *kind, *dir; bool list; };

static const struct pt_opt opts[] = {
	{"kind", O_KIND, "KIND", "accept, decline, transfer, extend, reply, review or rereview"},
	{"list", O_LIST, NULL, "list the kinds of notice"},
	{"templates", O_TEMPLATES, "DIR", "templates from DIR (default: share/petition/templates)"},
	{0},
};

static int on_opt(struct pt_cli *c, int key, const char *arg)
{
	struct notice_opts *n = c->data;

	switch (key) {
	case O_KIND: n->kind = arg; return 0;
	case O_LIST: n->list = true; return 0;
	case O_TEMPLATES: n->dir = arg; return 0;
	}
	return PT_EUSAGE;
}

int main(int argc, char **argv)
{
	struct notice_opts n = {0};
	struct pt_cli c = {
		.prog = "petition-notice",
		.synopsis = "--kind KIND [--templates DIR] [OPTIONS] CASE... | --list",
		.opts = opts, .on_opt = on_opt, .data = &n,
	};
	int i = pt_cli_parse(&c, argc, argv), rc = PT_OK, worst = PT_OK;
	const char *kind, *title;
	pt_err e = {0};
	int64_t id;
	pt_db *db;

	if (n.list) {
		for (int k = 0; pt_notice_kind(k, &kind, &title) == 0; k++)
			printf("%-10s %s\n", kind, title);
		return pt_cli_exit(&c, PT_OK);
	}
	if (!n.kind || i == argc)
		return pt_cli_error(&c, PT_EUSAGE, "give --kind and a case (see --help)");
	if (!(db = pt_cli_open(&c, &rc)))
		return rc;
	for (int first = i; i < argc && rc != PT_EDB && rc != PT_EUSAGE; i++) {
		if (i > first)
			fputs("\f\n", stdout);            /* one notice a page */
		rc = pt_case_resolve(db, argv[i], &id, &e);
		if (!rc)
			rc = pt_notice(db, id, n.kind, n.dir, c.out.personal, stdout, &e);
		if (rc)
			pt_cli_error(&c, rc, "%s", e.msg);
		worst = rc > worst ? rc : worst;
	}
	pt_close(db);
	return pt_cli_exit(&c, worst);
}
