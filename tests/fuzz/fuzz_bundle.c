/* The bundle reader as petition-import runs it: a bundle merged into a
 * store whose office is 510802 (the corpus's bundles are for it). */
#include "store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fmemopen((void *)data, size ? size : 1, "r");
	pt_db *db = fuzz_store();
	pt_import_stats st;
	pt_err e;

	if (!f || pt_office_set(db, "510802", &e))
		abort();
	if (!size)
		fgetc(f);
	(void)pt_import(db, f, &st, &e);     /* never committed */
	fclose(f);
	return 0;
}
