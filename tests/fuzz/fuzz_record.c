/* Field values as petition-add checks them: a record whose fields come
 * from the input, one NUL-separated value per field, against a real store. */
#include "store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pt_record *r = pt_record_new(&pt_case_schema);
	pt_errlist *errs = pt_errlist_new();
	size_t start = 0;
	int f = 0;
	pt_db *db = fuzz_store();
	int64_t id;

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
