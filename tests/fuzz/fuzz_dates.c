/* Dates and times as every option and field takes them. */
#include "fuzz.h"
#include "petition.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size), out[26];
	int32_t d;
	int64_t t;

	pt_set_timezone("Asia/Shanghai");
	if (pt_date_parse(s, &d) == 0) {
		pt_date_format(d, out);
		if (strcmp(out, s))          /* a date reads back as itself */
			abort();
	}
	if (pt_time_parse(s, &t) == 0) {
		pt_time_format_utc(t, out);
		pt_time_format_local(t, out);
		(void)pt_local_day(t);
	}
	(void)pt_utf8_valid(s, size);
	(void)pt_text_width(s);
	pt_mask(PT_F_PETITIONER_NAME, s, out, sizeof out);
	pt_mask(PT_F_PETITIONER_ADDRESS, s, out, sizeof out);
	free(s);
	return 0;
}
