/* The Open311 reader as petition-import --open311 runs it: a JSON or XML
 * document (detected), each request registered into a store. */
#include "store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fmemopen((void *)data, size ? size : 1, "r");
	pt_errlist *errs = pt_errlist_new();
	pt_db *db = fuzz_store();
	pt_open311_requests *l = NULL;
	int64_t added, present;
	pt_err e;

	if (!f || !errs)
		abort();
	if (!size)
		fgetc(f);
	if (pt_open311_read(f, PT_O311_AUTO, &l, &e) == PT_OK)
		(void)pt_open311_import(db, l, "510800", errs, &added, &present);  /* never committed */
	pt_open311_requests_free(l);
	pt_errlist_free(errs);
	fclose(f);
	return 0;
}
