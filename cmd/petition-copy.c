/* petition-copy - copy a whole store, history included, into a new one */
#include "cli.h"
#include <inttypes.h>
#include <stdio.h>

static pt_db *open_store(struct pt_cli *c, const char *path, bool readonly, int *rc)
{
	c->open.db_path = path;
	c->open.readonly = readonly;
	return pt_cli_open(c, rc);
}

/* One row a kind: how many rows were copied, and their checksum. */
static void summary(struct pt_cli *c, const struct pt_copy_stats *s)
{
	pt_record *r = pt_record_new(&pt_copy_summary_schema);
	pt_writer *w = r ? pt_writer_new(stdout, &pt_copy_summary_schema, &c->out) : NULL;

	for (int k = 0; w && k < PT_COPY__COUNT; k++) {
		pt_record_clear(r);
		if (pt_record_sets(r, 0, pt_copy_kind_name(k)) || pt_record_set_int(r, 1, s->rows[k]) ||
		    pt_record_sets(r, 2, s->sum[k]) || pt_writer_put(w, r) < 0)
			break;
	}
	if (w)
		pt_writer_close(w);
	pt_record_free(r);
}

int main(int argc, char **argv)
{
	const char *from = NULL, *to = NULL;
	const struct pt_opt opts[] = {
		PT_OPT_STRING("from", 0, "DB", &from, "the store to copy: a file, or a postgresql:// URL"),
		PT_OPT_STRING("to", 0, "DB", &to, "the new store to copy into: it must hold no cases"),
		PT_OPT_END,
	};
	struct pt_cli c = {
		.prog = "petition-copy",
		.out = {.title = "copied", .title_zh = "复制"},
		.about = "copy a whole store, history included, into a new one",
		.synopsis = "--from DB --to DB [OPTIONS]",
		.opts = opts,
	};
	int i = pt_cli_parse(&c, argc, argv), rc;
	struct pt_copy_stats s;
	pt_db *src = NULL, *dst = NULL;
	pt_err e = {0};

	if (i < argc)
		return pt_cli_error(&c, PT_EUSAGE, "no operands are taken (see --help)");
	if (!from || !to)
		return pt_cli_error(&c, PT_EUSAGE, "%s: required (see --help)",
		                    from ? "--to" : "--from");
	if (c.open.db_path)
		return pt_cli_error(&c, PT_EUSAGE, "--db: not taken: give --from and --to");
	if ((src = open_store(&c, from, true, &rc)) && (dst = open_store(&c, to, false, &rc))) {
		if ((rc = pt_copy(src, dst, &s, &e)))
			pt_cli_error(&c, rc, "%s", e.msg);
		else
			c.committed = true, summary(&c, &s);   /* pt_cli_exit reports a failed write */
	}
	pt_close(dst);
	pt_close(src);
	return pt_cli_exit(&c, rc);
}
