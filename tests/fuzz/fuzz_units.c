/* The unit loader as petition-unit --load runs it: CSV over the unit schema,
 * each record put into a store (pt_units_put). */
#include "store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fmemopen((void *)data, size ? size : 1, "r");
	pt_record *r = pt_record_new(&pt_unit_schema);
	pt_errlist *errs = pt_errlist_new();
	pt_db *db = fuzz_store();
	pt_reader *rd;
	pt_err e;
	int n;

	if (!f || !r || !errs)
		abort();
	if (!size)
		fgetc(f);
	rd = pt_reader_new(f, &pt_unit_schema, PT_FMT_CSV);
	while ((n = pt_reader_next(rd, r, &e)) != 0 && n != -2)
		if (n == 1)
			(void)pt_units_put(db, r, "fuzz", errs);  /* never committed */
	pt_reader_free(rd);
	pt_errlist_free(errs);
	pt_record_free(r);
	fclose(f);
	return 0;
}
