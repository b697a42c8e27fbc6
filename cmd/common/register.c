/* register.c - what the tools of a register that is not cases (risks,
 * disputes) do alike: one change in one transaction, with the document it
 * writes printed once committed; an entry, a list, an entry with its
 * history printed. */
#include "cli.h"
#include <stdio.h>

int pt_cli_transaction(struct pt_cli *c, pt_db *db, pt_change_fn change, void *arg,
                       bool with_doc)
{
	FILE *doc = with_doc ? tmpfile() : NULL;
	pt_err e = {0};
	int rc;

	if (with_doc && !doc)
		return pt_cli_error(c, PT_EDB, "a temporary file: cannot be made");
	if ((rc = pt_begin(db, &e)) || (rc = change(c, db, arg, doc, &e)) ||
	    (rc = pt_cli_commit(c, db, &e))) {
		pt_rollback(db);
		if (doc)
			fclose(doc);
		return pt_cli_error(c, rc, "%s", e.msg);
	}
	if (doc) {
		pt_cli_copy(doc);         /* after the commit: what it says was recorded */
		fclose(doc);
	}
	return PT_OK;
}

int pt_cli_put_one(struct pt_cli *c, pt_db *db, const pt_schema *s, pt_get_fn get,
                   int64_t id)
{
	pt_record *r = pt_record_new(s);
	pt_writer *w = r ? pt_writer_new(stdout, s, &c->out) : NULL;
	pt_err e = {0};
	int rc = w ? get(db, id, r, &e) : pt_error(&e, PT_EDB, "out of memory");

	if (!rc)
		pt_writer_put(w, r);
	if (w)
		pt_writer_close(w);
	pt_record_free(r);
	return rc ? pt_cli_error(c, rc, "%s", e.msg) : PT_OK;
}

int pt_cli_show(struct pt_cli *c, pt_db *db, const char *key, pt_resolve_fn resolve,
                pt_show_fn show)
{
	pt_err e = {0};
	int64_t id;
	int rc = resolve(db, key, &id, &e);

	if (!rc)
		rc = show(db, id, stdout, &c->out, &e);
	if (pt_cli_write_failed(rc))
		return PT_OK;
	return rc ? pt_cli_error(c, rc, "%s", e.msg) : PT_OK;
}

int pt_cli_put_cursor(struct pt_cli *c, const pt_schema *s, pt_cursor *cur, int rc,
                      pt_err *e)
{
	pt_record *r = rc ? NULL : pt_record_new(s);
	pt_writer *w = r ? pt_writer_new(stdout, s, &c->out) : NULL;
	int n = 0;

	if (!rc && !w)
		rc = pt_error(e, PT_EDB, "out of memory");
	while (!rc && (n = pt_cursor_next(cur, r, e)) == 1)
		if (pt_writer_put(w, r) < 0)
			break;
	if (!rc && n < 0)
		rc = e->code;
	if (w)
		pt_writer_close(w);
	pt_cursor_close(cur);
	pt_record_free(r);
	return rc ? pt_cli_error(c, rc, "%s", e->msg) : PT_OK;
}
