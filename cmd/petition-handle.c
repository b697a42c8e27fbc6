/* petition-handle - work a case: extend, reply, deliver, rate, note, close;
 * correct its facts or void it; settle a conflict an import recorded; keep
 * a backlog case's file (team, plan, resolution) */
#include "apply.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static char *reply_text;     /* read from --reply-file */
static const char *sets[17]; /* --set, one more than the library takes */

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t n = 0, got;

	if (!f)
		return NULL;
	buf = malloc(65537);
	if (buf) {
		got = fread(buf, 1, 65537, f);
		n = got > 65536 ? 65537 : got;
		buf[n > 65536 ? 65536 : n] = 0;
		if (n > 65536 || memchr(buf, 0, n)) {
			free(buf);
			buf = NULL;
			errno = EFBIG;
		}
	}
	fclose(f);
	return buf;
}

static int reply_file(struct pt_cli *c, const struct pt_opt *o, const char *arg)
{
	struct pt_apply *ap = o->var;

	free(reply_text);
	if (!(ap->action.text = reply_text = slurp(arg)))
		return pt_cli_error(c, PT_EUSAGE, "--reply-file: %s: %s", arg,
		                    errno == EFBIG ? "not text of at most 65536 bytes" :
		                    strerror(errno));
	return pt_apply_verb(c, ap, PT_REPLY);
}

/* --set repeats: one verb however many */
static int set(struct pt_cli *c, const struct pt_opt *o, const char *arg)
{
	struct pt_apply *ap = o->var;

	if (ap->action.nsets < (int)(sizeof sets / sizeof sets[0]))
		sets[ap->action.nsets] = arg;
	ap->action.sets = sets;
	return ap->action.nsets++ ? 0 : pt_apply_verb(c, ap, PT_CORRECT);
}

int main(int argc, char **argv)
{
	struct pt_apply ap = {0};
	pt_action *a = &ap.action;
	const struct pt_opt opts[] = {
		PT_OPT_CMDMODE_NUMBER("extend", "DAYS", &a->days, 1, 3650, &ap.verb, PT_EXTEND, "extend the reply deadline once, by at most 30 days; needs --reason"),
		PT_OPT_STRING("reason", 0, "TEXT", &a->reason, "why (told to the petitioner)"),
		PT_OPT_CMDMODE_STRING("reply", "TEXT", &a->text, NULL, &ap.verb, PT_REPLY, "record the reply (信访处理意见书)"),
		PT_OPT_CALLBACK("reply-file", 0, "FILE", reply_file, &ap, "the reply's text from FILE"),
		PT_OPT_STRING_OF("outcome", 0, "O", &a->outcome, pt_outcomes, "the reply decides: support, explain or reject"),
		PT_OPT_CMDMODE("deliver", &ap.verb, PT_DELIVER, "the reply was delivered: the 30-day review window opens"),
		PT_OPT_CMDMODE_STRING("rate", "R", &a->rating, pt_satisfactions, &ap.verb, PT_RATE, "satisfied, basically_satisfied or unsatisfied"),
		PT_OPT_CMDMODE_STRING("note", "TEXT", &a->text, NULL, &ap.verb, PT_NOTE, "add a progress note to the history"),
		PT_OPT_CMDMODE("close", &ap.verb, PT_CLOSE, "close the case (after delivery)"),
		PT_OPT_CALLBACK("set", 0, "FIELD=VALUE", set, &ap, "correct a fact of the complaint (repeats); needs --reason"),
		PT_OPT_CMDMODE("void", &ap.verb, PT_VOID, "void a registration made twice by mistake; needs --reason"),
		PT_OPT_CMDMODE_STRING_FROM("resolve", "FIELD", &a->field, pt_case_field, &ap.verb, PT_RESOLVE, "settle the conflict an import recorded on FIELD, keeping the value it applied"),
		PT_OPT_CMDMODE_STRING("team", "NAMES", &a->team, NULL, &ap.verb, PT_TEAM, "a backlog case's team (一个班子), names between commas"),
		PT_OPT_CMDMODE_STRING("plan-step", "DATE:TEXT", &a->step, NULL, &ap.verb, PT_PLAN_STEP, "add a dated step to a backlog case's plan (一套方案)"),
		PT_OPT_CMDMODE_NUMBER("step-done", "N", &a->step_no, 1, 100000, &ap.verb, PT_STEP_DONE, "step N of the plan is done"),
		PT_OPT_CMDMODE_STRING("backlog-resolution", "R", &a->resolution, pt_backlog_resolutions, &ap.verb, PT_BACKLOG_RESOLUTION, "resolved (案结事了) or withdrawn (息诉息访); needs --reason"),
		PT_APPLY_OPTS(&ap),
		PT_OPT_END,
	};
	struct pt_cli c = {
		.prog = "petition-handle",
		.out = {.title = "cases", .title_zh = "信访件"},
		.about = "extend, reply to, deliver, rate, annotate, close, correct and void petition cases, settle conflicts, keep backlog files (办理, 答复, 送达, 积案)",
		.synopsis = "(--extend DAYS --reason TEXT | --reply TEXT | --reply-file FILE"
		            " [--outcome O] | --deliver | --rate R | --note TEXT | --close"
		            " | --set FIELD=VALUE... --reason TEXT | --void --reason TEXT"
		            " | --resolve FIELD [--reason TEXT] | --team NAMES | --plan-step DATE:TEXT"
		            " | --step-done N | --backlog-resolution R --reason TEXT)"
		            " [--handler NAME] [--leader NAME] [-k] [-n] [-q] [OPTIONS] [CASE...]",
		.opts = opts,
	};
	int i = pt_cli_parse(&c, argc, argv), rc;

	rc = pt_apply_main(&c, &ap, argc, argv, i);
	free(reply_text);
	return rc;
}
