/* records.h - the body of the JSON Lines and CSV harnesses: FUZZ_FORMAT says which. */
#include "fuzz.h"
#include "petition.h"

static void read_all(const uint8_t *data, size_t size, enum pt_format fmt)
{
	FILE *f = fmemopen((void *)data, size, "r");
	pt_reader *rd;
	pt_record *r = pt_record_new(&pt_case_schema);
	const char *key;
	pt_err e;
	int n;

	if (!f || !r)
		abort();
	rd = pt_reader_new(f, &pt_case_schema, fmt);
	while ((n = pt_reader_next(rd, r, &e)) != 0 && n != -2)
		for (int i = 0; n == 1 && i < PT_NCASE_FIELDS; i++)
			(void)pt_record_get(r, i);
	pt_reader_free(rd);
	rewind(f);
	rd = pt_reader_new(f, &pt_case_schema, PT_FMT_KEYS);
	while ((n = pt_reader_next_key(rd, r, &key, &e)) != 0 && n != -2)
		;
	pt_reader_free(rd);
	pt_record_free(r);
	fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size)
		read_all(data, size, FUZZ_FORMAT);
	return 0;
}
