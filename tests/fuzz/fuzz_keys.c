/* Case keys as the lifecycle tools read them on stdin (pt_cli_each_key):
 * bare ids, case numbers and uuids, or JSON Lines / CSV records holding
 * one, each resolved against a store. */
#include "store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fmemopen((void *)data, size ? size : 1, "r");
	pt_record *r = pt_record_new(&pt_case_schema);
	pt_db *db = fuzz_store();
	pt_reader *rd;
	const char *key;
	int64_t id;
	pt_err e;
	int n;

	if (!f || !r)
		abort();
	if (!size)
		fgetc(f);            /* an empty stream: fmemopen wants a size */
	rd = pt_reader_new(f, &pt_case_schema, PT_FMT_KEYS);
	while ((n = pt_reader_next_key(rd, r, &key, &e)) != 0 && n != -2)
		if (n == 1)
			(void)pt_case_resolve(db, key, &id, &e);
	pt_reader_free(rd);
	pt_record_free(r);
	fclose(f);
	return 0;
}
