/* store.h - a store for the harnesses that write: one per process, in one
 * transaction that is never committed. */
#ifndef PT_FUZZ_STORE_H
#define PT_FUZZ_STORE_H

#include "fuzz.h"
#include "petition.h"

static inline pt_db *fuzz_store(void)
{
	static pt_db *db;
	char path[64];
	pt_options o = {.now = "2017-06-01T10:00:00+08:00", .actor = "fuzz"};
	pt_err e;

	if (db)
		return db;
	snprintf(path, sizeof path, "/tmp/petition-fuzz-%d.db", (int)getpid());
	unlink(path);
	o.db_path = path;
	if (!getenv("PETITION_SHARE"))
		setenv("PETITION_SHARE", "share/petition", 1);
	if (pt_open(&o, &db, &e) || pt_begin(db, &e))
		abort();
	return db;
}

#endif
