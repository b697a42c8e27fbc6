/* petition-handle - work a case: extend, reply, deliver, rate, note, close;
 * correct its facts or void it */
#include "apply.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

enum { O_EXTEND = 300, O_REASON, O_REPLY, O_REPLY_FILE, O_OUTCOME, O_DELIVER,
       O_RATE, O_NOTE, O_CLOSE, O_SET, O_VOID };

static const struct pt_opt opts[] = {
	{"extend", O_EXTEND, "DAYS", "extend the reply deadline once, by at most 30 days; needs --reason", NULL},
	{"reason", O_REASON, "TEXT", "why (told to the petitioner)", NULL},
	{"reply", O_REPLY, "TEXT", "record the reply (信访处理意见书)", NULL},
	{"reply-file", O_REPLY_FILE, "FILE", "the reply's text from FILE", NULL},
	{"outcome", O_OUTCOME, "O", "the reply decides: support, explain or reject", pt_outcomes},
	{"deliver", O_DELIVER, NULL, "the reply was delivered: the 30-day review window opens", NULL},
	{"rate", O_RATE, "R", "satisfied, basically_satisfied or unsatisfied", pt_satisfactions},
	{"note", O_NOTE, "TEXT", "add a progress note to the history", NULL},
	{"close", O_CLOSE, NULL, "close the case (after delivery)", NULL},
	{"set", O_SET, "FIELD=VALUE", "correct a fact of the complaint (repeats); needs --reason", NULL},
	{"void", O_VOID, NULL, "void a registration made twice by mistake; needs --reason", NULL},
	PT_APPLY_OPTS,
	{0},
};

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

static int on_opt(struct pt_cli *c, int key, const char *arg)
{
	struct pt_apply *ap = c->data;
	long n;

	switch (key) {
	case O_EXTEND:
		if (pt_cli_number(c, "--extend", arg, 1, 3650, &n))
			return PT_EUSAGE;
		ap->action.days = n;
		return pt_apply_verb(c, ap, PT_EXTEND);
	case O_REASON: ap->action.reason = arg; return 0;
	case O_REPLY: ap->action.text = arg; return pt_apply_verb(c, ap, PT_REPLY);
	case O_REPLY_FILE:
		free(reply_text);
		if (!(ap->action.text = reply_text = slurp(arg)))
			return pt_cli_error(c, PT_EUSAGE, "--reply-file: %s: %s", arg,
			                    errno == EFBIG ? "not text of at most 65536 bytes" :
			                    strerror(errno));
		return pt_apply_verb(c, ap, PT_REPLY);
	case O_OUTCOME: ap->action.outcome = arg; return 0;
	case O_DELIVER: return pt_apply_verb(c, ap, PT_DELIVER);
	case O_RATE: ap->action.rating = arg; return pt_apply_verb(c, ap, PT_RATE);
	case O_NOTE: ap->action.text = arg; return pt_apply_verb(c, ap, PT_NOTE);
	case O_CLOSE: return pt_apply_verb(c, ap, PT_CLOSE);
	case O_VOID: return pt_apply_verb(c, ap, PT_VOID);
	case O_SET:
		if (ap->action.nsets < (int)(sizeof sets / sizeof sets[0]))
			sets[ap->action.nsets] = arg;
		ap->action.sets = sets;
		return ap->action.nsets++ ? 0 : pt_apply_verb(c, ap, PT_CORRECT);
	}
	return pt_apply_opt(ap, key, arg) ? PT_EUSAGE : 0;
}

int main(int argc, char **argv)
{
	struct pt_apply ap = {0};
	struct pt_cli c = {
		.prog = "petition-handle",
		.about = "extend, reply to, deliver, rate, annotate, close, correct and void petition cases (办理, 答复, 送达)",
		.synopsis = "(--extend DAYS --reason TEXT | --reply TEXT | --reply-file FILE"
		            " [--outcome O] | --deliver | --rate R | --note TEXT | --close"
		            " | --set FIELD=VALUE... --reason TEXT | --void --reason TEXT)"
		            " [--handler NAME] [--leader NAME] [-k] [-n] [-q] [OPTIONS] [CASE...]",
		.opts = opts, .on_opt = on_opt, .data = &ap,
	};
	int i = pt_cli_parse(&c, argc, argv), rc;

	rc = pt_apply_main(&c, &ap, argc, argv, i);
	free(reply_text);
	return rc;
}
