/* petition-review - appeals: request a review or re-review, decide it */
#include "apply.h"
#include <string.h>

enum { O_REQUEST = 300, O_DECIDE, O_RESULT, O_TEXT };

static const struct pt_opt opts[] = {
	{"request", O_REQUEST, "KIND", "the petitioner asks for a review (复查) or rereview (复核)", NULL},
	{"decide", O_DECIDE, NULL, "decide the review or re-review; needs --result and --text", NULL},
	{"result", O_RESULT, "R", "upheld or changed", pt_review_results},
	{"text", O_TEXT, "TEXT", "the opinion", NULL},
	PT_APPLY_OPTS,
	{0},
};

static int on_opt(struct pt_cli *c, int key, const char *arg)
{
	struct pt_apply *ap = c->data;

	switch (key) {
	case O_REQUEST:
		if (!strcmp(arg, "review"))
			return pt_apply_verb(c, ap, PT_REQUEST_REVIEW);
		if (!strcmp(arg, "rereview"))
			return pt_apply_verb(c, ap, PT_REQUEST_REREVIEW);
		return pt_cli_error(c, PT_EUSAGE, "--request: \"%s\" is not review or rereview", arg);
	case O_DECIDE: return pt_apply_verb(c, ap, PT_DECIDE);
	case O_RESULT: ap->action.result = arg; return 0;
	case O_TEXT: ap->action.text = arg; return 0;
	}
	return pt_apply_opt(ap, key, arg) ? PT_EUSAGE : 0;
}

int main(int argc, char **argv)
{
	struct pt_apply ap = {0};
	struct pt_cli c = {
		.prog = "petition-review",
		.about = "review (复查) and re-review (复核) of petition cases",
		.synopsis = "(--request review|rereview | --decide --result upheld|changed --text TEXT)"
		            " [--handler NAME] [--leader NAME] [-k] [-n] [-q] [OPTIONS] [CASE...]",
		.opts = opts, .on_opt = on_opt, .data = &ap,
	};
	int i = pt_cli_parse(&c, argc, argv);

	return pt_apply_main(&c, &ap, argc, argv, i);
}
