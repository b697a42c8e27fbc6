/* petition-assign - decide and route cases: accept, decline, transfer, assign, object */
#include "apply.h"

int main(int argc, char **argv)
{
	struct pt_apply ap = {0};
	pt_action *a = &ap.action;
	const struct pt_opt opts[] = {
		PT_OPT_CMDMODE("accept", &ap.verb, PT_ACCEPT, "accept the case (受理); needs --category"),
		PT_OPT_STRING_OF("category", 0, "C", &a->category, pt_categories, "enforcement, litigation, petition or out_of_scope"),
		PT_OPT_CMDMODE("decline", &ap.verb, PT_DECLINE, "decline the case (不予受理); needs --reason"),
		PT_OPT_CMDMODE("transfer", &ap.verb, PT_TRANSFER, "transfer it (转送) --to a unit or another agency"),
		PT_OPT_CMDMODE("assign", &ap.verb, PT_ASSIGN, "assign it (交办) --to a unit under this one"),
		PT_OPT_CMDMODE("object", &ap.verb, PT_OBJECT, "object to a transfer outside this unit's remit; needs --reason"),
		PT_OPT_STRING("to", 0, "UNIT", &a->to, "where to transfer or assign; declining out_of_scope: the competent department"),
		PT_OPT_STRING("report-by", 0, "DATE", &a->report_by, "the assigned unit reports back by DATE (default: the reply due date)"),
		PT_OPT_STRING("reason", 0, "TEXT", &a->reason, "why (told to the petitioner)"),
		PT_OPT_STRING("new-facts", 0, "TEXT", &a->new_facts, "accepting a repeat of a final case: the new facts or reasons"),
		PT_APPLY_OPTS(&ap),
		PT_OPT_END,
	};
	struct pt_cli c = {
		.prog = "petition-assign",
		.out = {.title = "cases", .title_zh = "信访件"},
		.about = "accept, decline, transfer and assign petition cases (受理, 转送, 交办)",
		.synopsis = "(--accept --category C [--new-facts TEXT] | --decline --reason TEXT"
		            " [--category C] [--to DEPT] | --transfer --to UNIT"
		            " | --assign --to UNIT [--report-by DATE] | --object --reason TEXT)"
		            " [--handler NAME] [--leader NAME] [-k] [-n] [-q] [OPTIONS] [CASE...]",
		.opts = opts,
	};
	int i = pt_cli_parse(&c, argc, argv);

	return pt_apply_main(&c, &ap, argc, argv, i);
}
