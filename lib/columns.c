/* columns.c - the output tables beside the record formats of schema.c:
 * escalation actions, the report's lists and dimensions; and the list of
 * every table, in which one English name has one Chinese header */
#include "pt_priv.h"

static const struct pt_column escalation_cols[] = {
	[PT_EA_ACTION] = {"action", "操作", PT_T_TEXT, 0, 0, 9, NULL},
	[PT_EA_CASE_NO] = {"case_no", "信访件编号", PT_T_TEXT, 0, 0, 14, NULL},
	[PT_EA_UNIT] = {"unit", "单位代码", PT_T_TEXT, 0, 0, 8, NULL},
	[PT_EA_PARENT] = {"parent_unit", "上级单位", PT_T_TEXT, 0, 0, 11, NULL},
	[PT_EA_HANDLER] = {"handler", "承办人", PT_T_TEXT, 0, 0, 8, NULL},
	[PT_EA_LEADER] = {"leader", "包案领导", PT_T_TEXT, 0, 0, 8, NULL},
	[PT_EA_CLOCK] = {"clock", "时限", PT_T_TEXT, 0, 0, 8, NULL},
	[PT_EA_DUE] = {"due", "期限", PT_T_DATE, 0, 0, 10, NULL},
	[PT_EA_DAYS] = {"days_overdue", "超期天数", PT_T_INT, 0, 0, 12, NULL},
	[PT_EA_RULE] = {"rule", "依据", PT_T_TEXT, PT_C_FLEX, 0, 30, NULL},
};
_Static_assert(PT_NCOLS(escalation_cols) == PT_EA__COUNT, "escalation columns");
const pt_schema pt_escalation_schema = {escalation_cols, PT_EA__COUNT};

#define REPORT_LIST_COLS \
	[PT_RL_CASE_NO] = {"case_no", "信访件编号", PT_T_TEXT, 0, 0, 14, NULL}, \
	[PT_RL_UNIT] = {"unit", "单位代码", PT_T_TEXT, 0, 0, 8, NULL}, \
	[PT_RL_UNIT_NAME] = {"unit_name", "单位", PT_T_TEXT, 0, 0, 16, NULL}, \
	[PT_RL_HANDLER] = {"handler", "承办人", PT_T_TEXT, 0, 0, 8, NULL}, \
	[PT_RL_LEADER] = {"leader", "包案领导", PT_T_TEXT, 0, 0, 8, NULL}, \
	[PT_RL_CLOCK] = {"clock", "时限", PT_T_TEXT, 0, 0, 8, NULL}, \
	[PT_RL_DUE] = {"due", "期限", PT_T_DATE, 0, 0, 10, NULL}, \
	[PT_RL_DAYS_OVERDUE] = {"days_overdue", "超期天数", PT_T_INT, 0, 0, 12, NULL}, \
	[PT_RL_AGE_DAYS] = {"age_days", "已办天数", PT_T_INT, 0, 0, 8, NULL}, \
	[PT_RL_LAST_SUPERVISION] = {"last_supervision", "最近督办", PT_T_TEXT, PT_C_FLEX, 0, 20, NULL}, \
	[PT_RL_STATUS] = {"status", "状态", PT_T_ENUM, 0, 0, 11, pt_statuses}
static const struct pt_column report_list_cols[] = {
	REPORT_LIST_COLS,
};
_Static_assert(PT_NCOLS(report_list_cols) == PT_RL__COUNT, "report list columns");
const pt_schema pt_report_list_schema = {report_list_cols, PT_RL__COUNT};

/* petition-report --backlog: the list's columns, then the case's file */
static const struct pt_column backlog_list_cols[] = {
	REPORT_LIST_COLS,
	[PT_BL_TEAM] = {"team", "班子成员", PT_T_TEXT, 0, 0, 12, NULL},
	[PT_BL_STEPS] = {"steps", "方案步骤数", PT_T_INT, 0, 0, 10, NULL},
	[PT_BL_STEPS_DONE] = {"steps_done", "已完成步骤数", PT_T_INT, 0, 0, 12, NULL},
	[PT_BL_NEXT_STEP] = {"next_step", "下一步骤", PT_T_TEXT, PT_C_FLEX, 0, 16, NULL},
	[PT_BL_NEXT_STEP_DUE] = {"next_step_due", "下一步骤期限", PT_T_DATE, 0, 0, 13, NULL},
	[PT_BL_RESOLUTION] = {"resolution", "化解情况", PT_T_ENUM, 0, 0, 10, pt_backlog_states},
};
_Static_assert(PT_NCOLS(backlog_list_cols) == PT_BL__COUNT, "backlog list columns");
const pt_schema pt_backlog_list_schema = {backlog_list_cols, PT_BL__COUNT};

static const struct pt_column report_new_cols[] = {
	{"list", "类别", PT_T_TEXT, 0, 0, 10, NULL},
	{"case_no", "信访件编号", PT_T_TEXT, 0, 0, 14, NULL},
	{"unit", "单位代码", PT_T_TEXT, 0, 0, 8, NULL},
	{"unit_name", "单位", PT_T_TEXT, 0, 0, 16, NULL},
	{"received_at", "登记时间", PT_T_TIME, 0, 0, 16, NULL},
	{"subject", "事由", PT_T_TEXT, PT_C_FLEX, 0, 24, NULL},
};
const pt_schema pt_report_new_schema = {report_new_cols, PT_NCOLS(report_new_cols)};

/* The report's dimensions; a unit is followed by its name (PT_DIM__COUNT). */
static const struct pt_column report_dim_cols[] = {
	[PT_DIM_UNIT] = {"unit", "单位代码", PT_T_TEXT, 0, 0, 8, NULL},
	[PT_DIM_CHANNEL] = {"channel", "渠道", PT_T_ENUM, 0, 0, 9, pt_channels},
	[PT_DIM_POLLUTION] = {"pollution_type", "污染类型", PT_T_ENUM, 0, 0, 14, pt_pollution_types},
	[PT_DIM_CATEGORY] = {"category", "分类", PT_T_ENUM, 0, 0, 12, pt_categories},
	[PT_DIM_STATUS] = {"status", "状态", PT_T_ENUM, 0, 0, 11, pt_statuses},
	[PT_DIM_MONTH] = {"month", "月份", PT_T_TEXT, 0, 0, 7, NULL},
	[PT_DIM_WEEK] = {"week", "周(周一)", PT_T_TEXT, 0, 0, 10, NULL},
	[PT_DIM_DAY] = {"day", "日期", PT_T_TEXT, 0, 0, 10, NULL},
	[PT_DIM_YEAR] = {"year", "年份", PT_T_TEXT, 0, 0, 6, NULL},
	[PT_DIM__COUNT] = {"unit_name", "单位", PT_T_TEXT, 0, 0, 16, NULL},
};
_Static_assert(PT_NCOLS(report_dim_cols) == PT_DIM__COUNT + 1, "report dimensions");
const pt_schema pt_report_dim_schema = {report_dim_cols, PT_NCOLS(report_dim_cols)};

/* petition-copy's summary: the rows of each kind copied, and their checksum. */
static const struct pt_column copy_summary_cols[] = {
	{"copied", "复制内容", PT_T_TEXT, 0, 0, 12, NULL},
	{"rows", "行数", PT_T_INT, 0, 0, 10, NULL},
	{"sha256", "校验和", PT_T_TEXT, PT_C_FLEX, 0, 64, NULL},
};
const pt_schema pt_copy_summary_schema = {copy_summary_cols, PT_NCOLS(copy_summary_cols)};

/* petition-import's summary: one row a bundle. */
static const struct pt_column import_summary_cols[] = {
	{"from", "发送单位", PT_T_TEXT, 0, 0, 10, NULL},
	{"events", "事件数", PT_T_INT, 0, 0, 8, NULL},
	{"known", "已有事件", PT_T_INT, 0, 0, 8, NULL},
	{"cases", "信访件数", PT_T_INT, 0, 0, 8, NULL},
	{"new_cases", "新信访件", PT_T_INT, 0, 0, 9, NULL},
	{"conflicts", "冲突", PT_T_INT, 0, 0, 9, NULL},
};
const pt_schema pt_import_summary_schema = {import_summary_cols, PT_NCOLS(import_summary_cols)};

const pt_schema *const pt_output_schemas[] = {
	&pt_case_schema, &pt_event_schema, &pt_deadline_schema, &pt_unit_schema,
	&pt_supervision_schema, &pt_escalation_schema, &pt_report_list_schema,
	&pt_report_new_schema, &pt_report_dim_schema, &pt_copy_summary_schema,
	&pt_import_summary_schema, &pt_visit_schema, &pt_schedule_schema,
	&pt_visit_report_schema, &pt_backlog_list_schema, &pt_order_schema, &pt_risk_schema,
	&pt_risk_event_schema, &pt_risk_report_schema, &pt_dispute_schema,
	&pt_dispute_event_schema, &pt_roster_schema, &pt_roster_report_schema,
	&pt_dispute_report_schema, NULL,
};
