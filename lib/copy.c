/* copy.c - a whole store into a new one (petition-copy): streamed row by
 * row, in one transaction on the destination, read back and checked
 * before the commit. */
#include "store/store.h"
#include <nettle/sha2.h>
#include <string.h>

static const char *const kind_names[PT_COPY__COUNT] = {
	"units", "cases", "events", "deadlines", "supervisions", "case_numbers", "visits",
	"visit_cases", "reception_schedule", "backlog_files", "backlog_steps", "orders",
	"order_cases", "risks", "risk_events", "risk_cases", "disputes", "dispute_events",
	"dispute_cases", "rosters", "roster_events",
};

const char *pt_copy_kind_name(enum pt_copy_kind k) { return kind_names[k]; }

/* A row's bytes in the checksum: each value as a 4-byte big-endian length
 * and its bytes, a missing one as the length 0xffffffff alone (as the
 * hash chain encodes an event's fields). */
static void sum_row(struct sha256_ctx *h, const pt_record *r)
{
	for (int i = 0; i < pt_schema_ncols(pt_record_schema(r)); i++) {
		const char *v = pt_record_get(r, i);
		uint32_t len = v ? (uint32_t)pt_record_len(r, i) : 0xffffffffu;
		uint8_t be[4] = {len >> 24, len >> 16, len >> 8, len};

		sha256_update(h, sizeof be, be);
		if (v)
			sha256_update(h, len, (const uint8_t *)v);
	}
}

/*
 * Every row of kind k in db, counted and summed; each is inserted into to
 * when to is not NULL.
 */
static int each_row(pt_db *db, enum pt_copy_kind k, pt_db *to, int64_t *rows,
                    char sum[65], pt_err *e)
{
	pt_record *r = pt_record_new(pt_copy_schemas[k]);
	struct sha256_ctx h;
	pt_cursor *c = NULL;
	int rc, got;

	*rows = 0;
	sha256_init(&h);
	if (!r)
		return pt_error(e, PT_EDB, "out of memory");
	if ((rc = pt_store_rows_query(db, k, &c, e)))
		goto done;
	while ((got = pt_cursor_next(c, r, e)) > 0) {
		sum_row(&h, r);
		++*rows;
		if (to && (rc = pt_store_row_insert(to, k, r, e)))
			goto done;
	}
	rc = got < 0 ? PT_EDB : PT_OK;
	pt_sha256_digest_hex(&h, sum);
done:
	pt_cursor_close(c);
	pt_record_free(r);
	return rc;
}

static int has_rows(pt_db *db, enum pt_copy_kind k, bool *any, pt_err *e)
{
	pt_record *r = pt_record_new(pt_copy_schemas[k]);
	pt_cursor *c = NULL;
	int rc = r ? pt_store_rows_query(db, k, &c, e) : pt_error(e, PT_EDB, "out of memory");
	int got = rc ? 0 : pt_cursor_next(c, r, e);

	*any = got > 0;
	pt_cursor_close(c);
	pt_record_free(r);
	return rc ? rc : got < 0 ? PT_EDB : PT_OK;
}

/* Two handles on one store: refused before either is locked. */
static int distinct(pt_db *from, pt_db *to, pt_err *e)
{
	char a[256], b[256];
	int rc;

	if (from->engine != to->engine)
		return PT_OK;
	if ((rc = pt_store_identity(from, a, sizeof a, e)) ||
	    (rc = pt_store_identity(to, b, sizeof b, e)))
		return rc;
	return strcmp(a, b) ? PT_OK : pt_error(e, PT_EUSAGE, "--to: it is the source store");
}

/* A destination that holds anything but the units a new store is seeded
 * with: refused before anything is written. */
static int empty(pt_db *to, pt_err *e)
{
	bool any;
	int rc;

	for (int k = PT_COPY_CASES; k < PT_COPY__COUNT; k++) {
		if ((rc = has_rows(to, k, &any, e)))
			return rc;
		if (any)
			return pt_error(e, PT_EREFUSED, "--to: %s: the store is not empty (it"
			                " has %s)", to->path, kind_names[k]);
	}
	return PT_OK;
}

static int copy_rows(pt_db *from, pt_db *to, struct pt_copy_stats *out, pt_err *e)
{
	int rc;

	if ((rc = pt_store_units_clear(to, e)) || (rc = pt_store_bulk(to, e)))
		return rc;
	pt_units_forget(to);
	for (int k = 0; k < PT_COPY__COUNT; k++)
		if ((rc = each_row(from, k, to, &out->rows[k], out->sum[k], e)))
			return rc;
	return pt_store_rows_inserted(to, e);
}

/* What the destination holds now, read back as the source was read. */
static int check_rows(pt_db *to, const struct pt_copy_stats *want, pt_err *e)
{
	struct pt_copy_stats have;
	int rc;

	for (int k = 0; k < PT_COPY__COUNT; k++) {
		if ((rc = each_row(to, k, NULL, &have.rows[k], have.sum[k], e)))
			return rc;
		if (have.rows[k] != want->rows[k])
			return pt_error(e, PT_EDB, "%s: %s: %" PRId64 " rows written, %" PRId64
			                " read back: nothing was copied", to->path, kind_names[k],
			                want->rows[k], have.rows[k]);
		if (strcmp(have.sum[k], want->sum[k]))
			return pt_error(e, PT_EDB, "%s: %s: the rows read back differ from the"
			                " source's (checksum %.12s, not %.12s): nothing was copied",
			                to->path, kind_names[k], have.sum[k], want->sum[k]);
	}
	return PT_OK;
}

static void no_fault(void *arg, const char *msg)
{
	(void)msg;
	++*(int *)arg;
}

/* The copy's history must verify as petition-verify checks it. */
static int check_history(pt_db *to, pt_err *e)
{
	pt_verify_result v;
	int faults = 0, rc = pt_verify(to, NULL, no_fault, &faults, &v, e);

	if (rc == PT_EINPUT)
		return pt_error(e, PT_EINPUT, "the source's history does not verify (%d"
		                " faults, see petition-verify): nothing was copied", faults);
	return rc;
}

/* The source is read in a transaction of its own: one state of it, which
 * no writer changes under the copy. */
int pt_copy(pt_db *from, pt_db *to, struct pt_copy_stats *out, pt_err *e)
{
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = distinct(from, to, e)) || (rc = pt_begin(from, e)))
		return rc;
	if ((rc = pt_begin(to, e))) {
		pt_rollback(from);
		return rc;
	}
	if ((rc = empty(to, e)) || (rc = copy_rows(from, to, out, e)) ||
	    (rc = check_rows(to, out, e)) || (rc = check_history(to, e)) ||
	    (rc = pt_commit(to, e))) {
		pt_rollback(to);
		pt_units_forget(to);
	}
	pt_rollback(from);
	return rc;
}
