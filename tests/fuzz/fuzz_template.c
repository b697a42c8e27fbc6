/* Notice templates: any text, rendered for a case with a decision. */
#include "fuzz.h"
#include "petition.h"
#include <errno.h>
#include <sys/stat.h>

static pt_db *db;
static char dir[64];

static void setup(void)
{
	char path[96];
	pt_options o = {.now = "2017-06-01T10:00:00+08:00", .actor = "fuzz"};
	pt_record *r = pt_record_new(&pt_case_schema);
	pt_errlist *errs = pt_errlist_new();
	pt_action a = {.verb = PT_DECLINE, .reason = "理由", .category = "litigation"};
	pt_err e;
	int64_t id;

	snprintf(dir, sizeof dir, "/tmp/petition-fuzz-tpl-%d", (int)getpid());
	snprintf(path, sizeof path, "%s.db", dir);
	unlink(path);
	if (mkdir(dir, 0700) && errno != EEXIST)
		abort();
	o.db_path = path;
	if (!getenv("PETITION_SHARE"))
		setenv("PETITION_SHARE", "share/petition", 1);
	if (pt_open(&o, &db, &e) || pt_begin(db, &e))
		abort();
	pt_record_sets(r, PT_F_RECEIVED_AT, "2017-05-01");
	pt_record_sets(r, PT_F_CHANNEL, "web");
	pt_record_sets(r, PT_F_UNIT, "510802");
	pt_record_sets(r, PT_F_SUBJECT, "噪声");
	pt_record_sets(r, PT_F_PETITIONER_NAME, "张三");
	if (pt_case_add(db, r, NULL, errs, &id) || pt_case_apply(db, id, &a, &e) ||
	    pt_commit(db, &e))
		abort();
	pt_record_free(r);
	pt_errlist_free(errs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[96];
	FILE *f, *out = fopen("/dev/null", "w");
	pt_err e;

	if (!db)
		setup();
	snprintf(path, sizeof path, "%s/decline.txt", dir);
	if (!(f = fopen(path, "wb")) || !out)
		abort();
	fwrite(data, 1, size, f);
	fclose(f);
	(void)pt_notice(db, 1, "decline", dir, true, out, &e);
	fclose(out);
	return 0;
}
