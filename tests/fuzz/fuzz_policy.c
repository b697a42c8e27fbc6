/* The policy file and the holiday calendar file. */
#include "fuzz.h"
#include "pt_priv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(data, size);
	pt_calendar *c = NULL;
	pt_policy p;
	pt_err e;

	pt_policy_defaults(&p);
	(void)pt_policy_load(&p, path, &e);
	if (pt_calendar_load(&c, path, &e) == 0) {
		for (int32_t d = 17000; d < 17400; d++)
			if (pt_calendar_knows(c, d))
				(void)pt_is_working_day(c, d);
		pt_calendar_free(c);
	}
	return 0;
}
