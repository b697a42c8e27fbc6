/* Option values as the tools take them: filters, actions, periods, report
 * dimensions, checked against a real store (NUL-separated values). */
#include "store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pt_db *db = fuzz_store();
	const char *v[12] = {0};
	char *s = fuzz_string(data, size), *p = s, from[11], to[11];
	FILE *out = fopen("/dev/null", "w");
	pt_write_options o = {.format = PT_FMT_CSV};
	pt_filter f = {0};
	pt_cursor *c = NULL;
	pt_err e;
	int n = 0;

	while (n < 12 && p <= s + size) {
		v[n++] = p;
		p += strlen(p) + 1;
	}
	f.status = v[0]; f.channel = v[1]; f.pollution_type = v[2]; f.unit = v[3];
	f.from = v[4]; f.to = v[5]; f.due_before = v[6]; f.sort = v[7]; f.text = v[8];
	if (pt_cases_query(db, &f, &c, &e) == 0)
		pt_cursor_close(c);
	for (int verb = PT_ACCEPT; verb <= PT_DECIDE; verb++) {
		pt_action a = {.verb = (enum pt_verb)verb, .category = v[0], .reason = v[1],
		               .to = v[2], .report_by = v[3], .text = v[4], .outcome = v[5],
		               .result = v[6], .rating = v[7], .handler = v[8], .leader = v[9]};
		(void)pt_action_check(&a, &e);
	}
	for (int k = PT_DAY; k <= PT_MONTH; k++)
		if (v[0])
			(void)pt_period((enum pt_period)k, v[0], from, to, &e);
	if (v[9] && strlen(v[9]) < 64) {
		pt_report_spec r = {.by = v[9], .from = v[4], .to = v[5], .unit = v[3]};
		(void)pt_report(db, &r, out, &o, &e);
	}
	(void)pt_report_measure(s);
	fclose(out);
	free(s);
	return 0;
}
