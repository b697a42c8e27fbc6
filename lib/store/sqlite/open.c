/* open.c - the SQLite engine: opening the file (created under the write
 * lock, read-only, or a private copy for a dry run), transactions, closing. */
#include "sqlite.h"
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const sql_text[ST__COUNT] = {
	[ST_BEGIN] = "BEGIN IMMEDIATE",
	[ST_COMMIT] = "COMMIT",
	[ST_ROLLBACK] = "ROLLBACK",
};

static int create_file(const char *path, pt_err *e)
{
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd >= 0) {
		close(fd);
		return PT_OK;
	}
	if (errno == EEXIST)
		return PT_OK;
	return pt_error(e, PT_EDB, "%s: %s", path, strerror(errno));
}

static pt_sq_key_fn *const key_fns[] = {pt_phone_key, pt_accused_key};

/* pt_phone_key(x), pt_accused_key(x): the C keys, for the migration */
static void sql_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	pt_sq_key_fn *key = *(pt_sq_key_fn *const *)sqlite3_user_data(ctx);
	const char *v = (const char *)sqlite3_value_text(argv[0]);
	char k[PT_SQ_KEY_MAX];

	(void)argc;
	if (!v) {
		sqlite3_result_null(ctx);
		return;
	}
	key(v, k, sizeof k);
	sqlite3_result_text(ctx, k, -1, SQLITE_TRANSIENT);
}

/* pt_event_hash(prev, uuid, at, actor, action, from, to, details) in SQL */
static void sql_event_hash(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const char *f[PT_EVENT_FIELDS];
	size_t n[PT_EVENT_FIELDS];
	char out[PT_HASH_HEX];

	for (int i = 0; i < PT_EVENT_FIELDS && i + 1 < argc; i++) {
		f[i] = (const char *)sqlite3_value_text(argv[i + 1]);
		n[i] = (size_t)sqlite3_value_bytes(argv[i + 1]);
	}
	pt_event_hash((const char *)sqlite3_value_text(argv[0]), f, n, out);
	sqlite3_result_text(cx, out, -1, SQLITE_TRANSIENT);
}

int pt_sq_key_functions(pt_db *db, pt_err *e)
{
	int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY;
	sqlite3 *sql = pt_sq(db);

	if (sqlite3_create_function(sql, "pt_phone_key", 1, flags, (void *)&key_fns[0],
	                            sql_key, NULL, NULL) ||
	    sqlite3_create_function(sql, "pt_accused_key", 1, flags, (void *)&key_fns[1],
	                            sql_key, NULL, NULL) ||
	    sqlite3_create_function(sql, "pt_event_hash", 1 + PT_EVENT_FIELDS,
	                            SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	                            sql_event_hash, NULL, NULL))
		return pt_sq_err(db, e, "open");
	return PT_OK;
}

/* Can this process write the file, and make its -wal and -shm beside it? */
static bool writable(const char *path)
{
	const char *slash = strrchr(path, '/');
	char dir[4096];

	if (faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) < 0)
		return false;
	if (!slash)
		return faccessat(AT_FDCWD, ".", W_OK, AT_EACCESS) == 0;
	snprintf(dir, sizeof dir, "%.*s", (int)(slash - path) + (slash == path), path);
	return faccessat(AT_FDCWD, dir, W_OK, AT_EACCESS) == 0;
}

/* "file:PATH?immutable=1", the path percent-encoded where a URI needs it */
static char *immutable_uri(const char *path)
{
	pt_buf b = {0};
	char hex[4];
	int bad = pt_buf_adds(&b, "file:");

	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#' || *p <= ' ' || *p >= 0x7f) {
			snprintf(hex, sizeof hex, "%%%02X", *p);
			bad |= pt_buf_adds(&b, hex);
		} else {
			bad |= pt_buf_add(&b, (const char *)p, 1);
		}
	}
	if ((bad | pt_buf_adds(&b, "?immutable=1")) < 0) {
		pt_buf_free(&b);
		return NULL;
	}
	return b.p;
}

/*
 * The statements of opening, tried again while the file is busy: a new
 * file's first openers race to create its WAL and switch journal mode, and
 * SQLite answers that at once with SQLITE_BUSY, not through the busy
 * handler (it would deadlock). They wait as any writer does.
 */
static int open_exec(pt_db *db, const char *sql, pt_err *e)
{
	for (int waited = 0;; waited += 10) {
		int rc = sqlite3_exec(pt_sq(db), sql, NULL, NULL, NULL);

		if (rc == SQLITE_OK)
			return PT_OK;
		if ((rc & 0xff) != SQLITE_BUSY || waited >= BUSY_TIMEOUT_MS)
			return pt_sq_err(db, e, "open");
		usleep(10000);
	}
}

static int open_connection(pt_db *db, const char *name, int flags, pt_err *e)
{
	if (sqlite3_open_v2(name, &db->store->sql, flags | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK)
		return pt_sq_err(db, e, "open");
	sqlite3_extended_result_codes(pt_sq(db), 1);
	sqlite3_busy_timeout(pt_sq(db), BUSY_TIMEOUT_MS);
	if (pt_sq_key_functions(db, e))
		return PT_EDB;
	/* user_version: the first read, where a file that cannot be read fails */
	return open_exec(db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;"
	                 " PRAGMA cache_size = -8192; PRAGMA temp_store = FILE;"
	                 " PRAGMA user_version", e);
}

/*
 * A database that cannot be written (a read-only mount or directory, an
 * immutable file): read as it is. A WAL database there has no -shm file
 * and can make none, so it is read as immutable, which is what it is.
 */
static int open_readonly(pt_db *db, int *version, pt_err *e)
{
	char *uri;
	int rc;

	rc = open_connection(db, db->path, SQLITE_OPEN_READONLY, e);
	if (!rc)
		return pt_sq_schema_version(db, version, e);
	if (!pt_sq(db) || (sqlite3_errcode(pt_sq(db)) & 0xff) != SQLITE_CANTOPEN)
		return rc;
	sqlite3_close(pt_sq(db));
	db->store->sql = NULL;
	if (!(uri = immutable_uri(db->path)))
		return pt_error(e, PT_EDB, "out of memory");
	rc = open_connection(db, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, e);
	free(uri);
	return rc ? rc : pt_sq_schema_version(db, version, e);
}

/*
 * A dry run on a database it cannot write works on a private copy (a
 * temporary file, deleted at close): what it does is rolled back anyway.
 */
static int work_on_copy(pt_db *db, pt_err *e)
{
	sqlite3 *orig = pt_sq(db);
	sqlite3_backup *b;
	int rc;

	db->store->sql = NULL;
	if ((rc = open_connection(db, "", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, e))) {
		sqlite3_close(orig);
		return rc;
	}
	if (!(b = sqlite3_backup_init(pt_sq(db), "main", orig, "main"))) {
		rc = pt_sq_err(db, e, "copy");
	} else {
		sqlite3_backup_step(b, -1);
		if (sqlite3_backup_finish(b) != SQLITE_OK)
			rc = pt_sq_err(db, e, "copy");
	}
	sqlite3_close(orig);
	return rc;
}

/* Returns 1 for a new database, whose transaction the caller seeds and commits. */
/*
 * The library's settings for the process, before its first use (later
 * calls are refused, harmlessly). A temporary b-tree (an IN list, a
 * partial index's WHERE, a CHECK) gets no page cache in bulk, which cost
 * a malloc and free of some 80 KB each time. The statement journal's
 * spill size stays SQLite's own: raised, the sorter of a large index
 * build (a million cases) fails with "database or disk is full".
 */
static void sq_configure(void)
{
	sqlite3_config(SQLITE_CONFIG_PAGECACHE, NULL, 0, 0);
}

int pt_sq_open(pt_db *db, const pt_options *o, pt_err *e)
{
	int rc, version = 0, newest = pt_sq_schema_newest();
	bool fresh = false;

	sq_configure();
	if (!(db->store = calloc(1, sizeof *db->store)))
		return pt_error(e, PT_EDB, "out of memory");
	if (!o->readonly && (rc = create_file(db->path, e)))
		return rc;
	if (o->readonly && access(db->path, F_OK) < 0)
		return pt_error(e, PT_EDB, "%s: no such database", db->path);
	if (!writable(db->path)) {
		if ((rc = open_readonly(db, &version, e)))
			return rc;
		if (o->dry_run && (rc = work_on_copy(db, e)))
			return rc;
		if (!o->dry_run && version < newest)
			return pt_error(e, PT_EDB, "%s: cannot be written, and its schema"
			                " (version %d) needs migrating to version %d",
			                db->path, version, newest);
	} else if ((rc = open_connection(db, db->path, SQLITE_OPEN_READWRITE, e)) ||
	           (rc = open_exec(db, "PRAGMA journal_mode = WAL", e)) ||
	           (rc = pt_sq_schema_version(db, &version, e))) {
		return rc;
	}
	if (o->readonly && version == 0)
		return pt_error(e, PT_EDB, "%s: not a petition database (no schema)", db->path);
	if ((rc = pt_sq_migrate(db, version, &fresh, e)))
		return rc;
	return fresh ? 1 : PT_OK;
}

void pt_sq_close(pt_db *db)
{
	if (!db->store)
		return;
	for (int i = 0; i < ST__COUNT; i++)
		sqlite3_finalize(db->store->st[i]);
	sqlite3_close(pt_sq(db));
	free(db->store);
	db->store = NULL;
}

static int run_cached(pt_db *db, enum pt_sq_stmt id, const char *where, pt_err *e)
{
	sqlite3_stmt *s = SQ_STMT(db, id, e);

	return s ? pt_sq_run(db, s, e, where) : PT_EDB;
}

int pt_sq_begin(pt_db *db, pt_err *e)
{
	return run_cached(db, ST_BEGIN, "begin", e);
}

int pt_sq_commit(pt_db *db, pt_err *e)
{
	int rc = pt_sq_bulk_end(db, e);

	return rc ? rc : run_cached(db, ST_COMMIT, "commit", e);
}

void pt_sq_rollback(pt_db *db)
{
	run_cached(db, ST_ROLLBACK, "rollback", NULL);
	db->store->bulk = false;
}
