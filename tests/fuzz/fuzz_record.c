/* Field values as petition-add checks them: a record whose fields come
 * from the input, one NUL-separated value per field, against a real store. */
#include "fuzz.h"
#include "petition.h"

static pt_db *db;

static void open_store(void)
{
	char path[64];
	pt_options o = {.now = "2017-06-01T10:00:00+08:00", .actor = "fuzz"};
	pt_err e;

	snprintf(path, sizeof path, "/tmp/petition-fuzz-%d.db", (int)getpid());
	unlink(path);
	o.db_path = path;
	if (!getenv("PETITION_SHARE"))
		setenv("PETITION_SHARE", "share/petition", 1);
	if (pt_open(&o, &db, &e) || pt_begin(db, &e))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pt_record *r = pt_record_new(&pt_case_schema);
	pt_errlist *errs = pt_errlist_new();
	size_t start = 0;
	int f = 0;
	int64_t id;

	if (!db)
		open_store();
	for (size_t i = 0; i <= size && f < PT_NCASE_FIELDS; i++)
		if (i == size || data[i] == 0) {
			pt_record_set(r, f, (const char *)data + start, i - start,
			              (enum pt_kind)(f % 3));
			f++;
			start = i + 1;
		}
	(void)pt_case_add(db, r, "fuzz", errs, &id);   /* inside one transaction, never committed */
	pt_errlist_free(errs);
	pt_record_free(r);
	return 0;
}
