/* petition-review - appeals: request a review or re-review, decide it */
#include "apply.h"

static const struct pt_enum request_kinds[] = {
	{"review", "复查"}, {"rereview", "复核"}, {NULL, NULL},
};

static int request(struct pt_cli *c, const struct pt_opt *o, const char *arg)
{
	int kind;

	if (pt_cli_enum(c, o, arg, &kind))
		return PT_EUSAGE;
	return pt_apply_verb(c, o->var, kind ? PT_REQUEST_REREVIEW : PT_REQUEST_REVIEW);
}

int main(int argc, char **argv)
{
	struct pt_apply ap = {0};
	const struct pt_opt opts[] = {
		{.name = "request", .arg = "KIND", .values = request_kinds, .kind = PT_OPT_K_CALLBACK,
		 .fn = request, .var = &ap,
		 .help = "the petitioner asks for a review (复查) or rereview (复核)"},
		PT_OPT_CMDMODE("decide", &ap.verb, PT_DECIDE, "decide the review or re-review; needs --result and --text"),
		PT_OPT_STRING_OF("result", 0, "R", &ap.action.result, pt_review_results, "upheld or changed"),
		PT_OPT_STRING("text", 0, "TEXT", &ap.action.text, "the opinion"),
		PT_APPLY_OPTS(&ap),
		PT_OPT_END,
	};
	struct pt_cli c = {
		.prog = "petition-review",
		.out = {.title = "cases", .title_zh = "信访件"},
		.about = "review (复查) and re-review (复核) of petition cases",
		.synopsis = "(--request review|rereview | --decide --result upheld|changed --text TEXT)"
		            " [--handler NAME] [--leader NAME] [-k] [-n] [-q] [OPTIONS] [CASE...]",
		.opts = opts,
	};
	int i = pt_cli_parse(&c, argc, argv);

	return pt_apply_main(&c, &ap, argc, argv, i);
}
