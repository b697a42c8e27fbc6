/* petition-assign - decide and route cases: accept, decline, transfer, assign, object */
#include "apply.h"

enum { O_ACCEPT = 300, O_DECLINE, O_TRANSFER, O_ASSIGN, O_OBJECT, O_CATEGORY,
       O_REASON, O_TO, O_REPORT_BY, O_NEW_FACTS };

static const struct pt_opt opts[] = {
	{"accept", O_ACCEPT, NULL, "accept the case (受理); needs --category", NULL},
	{"category", O_CATEGORY, "C", "enforcement, litigation, petition or out_of_scope", pt_categories},
	{"decline", O_DECLINE, NULL, "decline the case (不予受理); needs --reason", NULL},
	{"transfer", O_TRANSFER, NULL, "transfer it (转送) --to a unit or another agency", NULL},
	{"assign", O_ASSIGN, NULL, "assign it (交办) --to a unit under this one", NULL},
	{"object", O_OBJECT, NULL, "object to a transfer outside this unit's remit; needs --reason", NULL},
	{"to", O_TO, "UNIT", "where to transfer or assign; declining out_of_scope: the competent department", NULL},
	{"report-by", O_REPORT_BY, "DATE", "the assigned unit reports back by DATE (default: the reply due date)", NULL},
	{"reason", O_REASON, "TEXT", "why (told to the petitioner)", NULL},
	{"new-facts", O_NEW_FACTS, "TEXT", "accepting a repeat of a final case: the new facts or reasons", NULL},
	PT_APPLY_OPTS,
	{0},
};

static int on_opt(struct pt_cli *c, int key, const char *arg)
{
	struct pt_apply *ap = c->data;

	switch (key) {
	case O_ACCEPT: return pt_apply_verb(c, ap, PT_ACCEPT);
	case O_DECLINE: return pt_apply_verb(c, ap, PT_DECLINE);
	case O_TRANSFER: return pt_apply_verb(c, ap, PT_TRANSFER);
	case O_ASSIGN: return pt_apply_verb(c, ap, PT_ASSIGN);
	case O_OBJECT: return pt_apply_verb(c, ap, PT_OBJECT);
	case O_CATEGORY: ap->action.category = arg; return 0;
	case O_REASON: ap->action.reason = arg; return 0;
	case O_TO: ap->action.to = arg; return 0;
	case O_REPORT_BY: ap->action.report_by = arg; return 0;
	case O_NEW_FACTS: ap->action.new_facts = arg; return 0;
	}
	return pt_apply_opt(ap, key, arg) ? PT_EUSAGE : 0;
}

int main(int argc, char **argv)
{
	struct pt_apply ap = {0};
	struct pt_cli c = {
		.prog = "petition-assign",
		.about = "accept, decline, transfer and assign petition cases (受理, 转送, 交办)",
		.synopsis = "(--accept --category C [--new-facts TEXT] | --decline --reason TEXT"
		            " [--category C] [--to DEPT] | --transfer --to UNIT"
		            " | --assign --to UNIT [--report-by DATE] | --object --reason TEXT)"
		            " [--handler NAME] [--leader NAME] [-k] [-n] [-q] [OPTIONS] [CASE...]",
		.opts = opts, .on_opt = on_opt, .data = &ap,
	};
	int i = pt_cli_parse(&c, argc, argv);

	return pt_apply_main(&c, &ap, argc, argv, i);
}
