/* The policy file and the holiday calendar file, as holidays.conf and as .ics. */
#include "fuzz.h"
#include "pt_priv.h"

static void calendar(const char *path)
{
	pt_calendar *c = NULL;
	pt_err e;

	if (pt_calendar_load(&c, path, &e) == 0) {
		for (int32_t d = 17000; d < 17400; d++)
			if (pt_calendar_knows(c, d))
				(void)pt_is_working_day(c, d);
		pt_calendar_free(c);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(data, size);
	static char ics[80];
	pt_policy p;
	pt_err e;
	FILE *f;

	pt_policy_defaults(&p);
	(void)pt_policy_load(&p, path, &e);
	calendar(path);
	snprintf(ics, sizeof ics, "%s.ics", path);
	if (!(f = fopen(ics, "wb")))
		abort();
	fwrite(data, 1, size, f);
	fclose(f);
	calendar(ics);
	remove(ics);
	return 0;
}
