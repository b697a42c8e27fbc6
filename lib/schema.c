/* schema.c - the record formats: case, event, deadline, unit and
 * supervision columns (the other output tables are in columns.c) */
#include "pt_priv.h"
#include <string.h>

const struct pt_enum pt_channels[] = {
	{"letter", "来信"}, {"visit", "来访"}, {"hotline", "12369电话"},
	{"web", "网上投诉"}, {"wechat", "微信"}, {"weibo", "微博"},
	{"mailbox", "领导信箱"}, {"transfer", "上级转办"}, {"media", "媒体"},
	{"other", "其他"}, {NULL, NULL},
};

static const struct pt_enum purposes[] = {
	{"suggestion", "建议意见类"}, {"accusation", "检举控告类"},
	{"appeal", "申诉求决类"}, {NULL, NULL},
};

const struct pt_enum pt_pollution_types[] = {
	{"air", "大气"}, {"water", "水"}, {"noise", "噪声"},
	{"solid_waste", "固废"}, {"radiation", "辐射"}, {"soil", "土壤"},
	{"ecology", "生态"}, {"other", "其他"}, {NULL, NULL},
};

const struct pt_enum pt_statuses[] = {
	{"registered", "已登记"}, {"accepted", "已受理"}, {"declined", "不予受理"},
	{"transferred", "已转送"}, {"replied", "已答复"}, {"delivered", "已送达"},
	{"reviewing", "复查中"}, {"reviewed", "已复查"},
	{"rereviewing", "复核中"}, {"final", "已终结"}, {"closed", "已办结"},
	{"voided", "作废"}, {NULL, NULL},
};

const char *const pt_uncounted_statuses[] = {"voided", NULL};
/* still to be worked on: accepted, answered or decided later */
const char *const pt_open_statuses[] = {"registered", "accepted", "reviewing",
                                        "rereviewing", NULL};
/* the office is done with the case: no escalation and no backlog */
const char *const pt_done_statuses[] = {"declined", "transferred", "final", "closed",
                                        "voided", NULL};
const char *const pt_review_statuses[] = {"reviewing", "rereviewing", NULL};

/* A voided registration (made twice by mistake) counts in no statistic. */
bool pt_status_counted(const char *status)
{
	for (int i = 0; pt_uncounted_statuses[i]; i++)
		if (!strcmp(status, pt_uncounted_statuses[i]))
			return false;
	return true;
}

const struct pt_enum pt_categories[] = {
	{"enforcement", "业务类"}, {"litigation", "复议诉讼类"},
	{"petition", "信访类"}, {"out_of_scope", "非环保部门职责类"},
	{NULL, NULL},
};

const struct pt_enum pt_outcomes[] = {
	{"support", "支持"}, {"explain", "解释说明"}, {"reject", "不予支持"},
	{NULL, NULL},
};

const struct pt_enum pt_satisfactions[] = {
	{"satisfied", "满意"}, {"basically_satisfied", "基本满意"},
	{"unsatisfied", "不满意"}, {NULL, NULL},
};

const struct pt_enum pt_unit_levels[] = {
	{"national", "国家"}, {"province", "省"}, {"city", "市"},
	{"county", "县"}, {NULL, NULL},
};

#define IN PT_C_INPUT
#define REQ (PT_C_INPUT | PT_C_REQUIRED)
#define PII (PT_C_INPUT | PT_C_PERSONAL | PT_C_FACT)
#define FACT (PT_C_INPUT | PT_C_FACT)

static const struct pt_column case_cols[] = {
	{"id", "编号", PT_T_INT, 0, 0, 0, NULL},
	{"case_no", "信访件编号", PT_T_TEXT, IN, 64, 14, NULL},
	{"uuid", "唯一标识", PT_T_UUID, IN, 36, 0, NULL},
	{"received_at", "登记时间", PT_T_TIME, REQ, 0, 16, NULL},
	{"channel", "渠道", PT_T_ENUM, REQ | PT_C_FACT, 0, 9, pt_channels},
	{"petitioner_name", "信访人", PT_T_TEXT, PII, 100, 0, NULL},
	{"petitioner_phone", "联系电话", PT_T_PHONE, PII, 24, 0, NULL},
	{"petitioner_id_number", "身份证号码", PT_T_IDNUM, PII, 18, 0, NULL},
	{"petitioner_address", "住址", PT_T_TEXT, PII, 500, 0, NULL},
	{"anonymous", "匿名", PT_T_BOOL, FACT, 0, 0, NULL},
	{"headcount", "人数", PT_T_INT, FACT, 0, 0, NULL},
	{"collective", "集体访", PT_T_BOOL, 0, 0, 0, NULL},
	{"purpose", "信访目的", PT_T_ENUM, FACT, 0, 0, purposes},
	{"subject", "事由", PT_T_TEXT, REQ | PT_C_FACT | PT_C_FLEX, 200, 24, NULL},
	{"content", "内容", PT_T_TEXT, FACT | PT_C_TEXTAREA, 65536, 0, NULL},
	{"accused", "被投诉对象", PT_T_TEXT, FACT, 200, 0, NULL},
	{"location", "地点", PT_T_TEXT, FACT, 200, 0, NULL},
	{"unit", "单位代码", PT_T_UNIT, REQ, 0, 0, NULL},
	{"unit_name", "单位", PT_T_TEXT, 0, 0, 10, NULL},
	{"pollution_type", "污染类型", PT_T_ENUM, FACT, 0, 14, pt_pollution_types},
	{"status", "状态", PT_T_ENUM, 0, 0, 11, pt_statuses},
	{"category", "分类", PT_T_ENUM, 0, 0, 0, pt_categories},
	{"handler", "承办人", PT_T_TEXT, 0, 100, 0, NULL},
	{"leader", "包案领导", PT_T_TEXT, 0, 100, 0, NULL},
	{"accept_due", "受理期限", PT_T_DATE, 0, 0, 10, NULL},
	{"reply_due", "答复期限", PT_T_DATE, 0, 0, 10, NULL},
	{"extended", "已延期", PT_T_BOOL, 0, 0, 0, NULL},
	{"replied_at", "答复时间", PT_T_TIME, 0, 0, 0, NULL},
	{"outcome", "处理意见", PT_T_ENUM, 0, 0, 0, pt_outcomes},
	{"delivered_at", "送达时间", PT_T_TIME, 0, 0, 0, NULL},
	{"review_due", "申请复查复核期限", PT_T_DATE, 0, 0, 0, NULL},
	{"closed_at", "办结时间", PT_T_TIME, 0, 0, 0, NULL},
	{"satisfaction", "满意度", PT_T_ENUM, 0, 0, 0, pt_satisfactions},
	{"backlog", "积案", PT_T_BOOL, 0, 0, 0, NULL},
	{"risk", "风险", PT_T_BOOL, FACT, 0, 0, NULL},
	{"repeat_of", "重复信访", PT_T_TEXT, 0, 0, 0, NULL},
	{"transferred_from", "转来单位", PT_T_TEXT, IN, 200, 0, NULL},
	/* the earliest open deadline that is the office's duty: kept by the store */
	{"next_due", "下一办理期限", PT_T_DATE, 0, 0, 10, NULL},
	{"next_clock", "下一时限", PT_T_TEXT, 0, 0, 10, NULL},
	/* the number the office that registered the case gave it, elsewhere */
	{"origin_case_no", "原信访件编号", PT_T_TEXT, IN, 64, 0, NULL},
};

_Static_assert(PT_NCOLS(case_cols) == PT_NCASE_FIELDS, "a case column for each enum pt_case_field");
const pt_schema pt_case_schema = { case_cols, PT_NCASE_FIELDS };

static const struct pt_column event_cols[] = {
	{"case_no", "信访件编号", PT_T_TEXT, 0, 0, 14, NULL},
	{"at", "时间", PT_T_TIME, 0, 0, 16, NULL},
	{"actor", "操作人", PT_T_TEXT, 0, 0, 10, NULL},
	{"action", "操作", PT_T_TEXT, 0, 0, 17, NULL},
	{"from_status", "原状态", PT_T_TEXT, 0, 0, 11, NULL},
	{"to_status", "新状态", PT_T_TEXT, 0, 0, 11, NULL},
	{"details", "详情", PT_T_JSON, PT_C_FLEX, 0, 30, NULL},
	/* exchange between offices: who made it, its order, its id */
	{"origin", "来源单位", PT_T_TEXT, 0, 0, 0, NULL},
	{"lamport", "逻辑时钟", PT_T_INT, 0, 0, 0, NULL},
	{"event_id", "事件标识", PT_T_TEXT, 0, 0, 0, NULL},
};

const pt_schema pt_event_schema = { event_cols, PT_NCOLS(event_cols) };

static const struct pt_column deadline_cols[] = {
	{"clock", "时限", PT_T_TEXT, 0, 0, 16, NULL},
	{"start", "起算日", PT_T_DATE, 0, 0, 10, NULL},
	{"due", "期限", PT_T_DATE, 0, 0, 10, NULL},
	{"rule", "依据", PT_T_TEXT, PT_C_FLEX, 0, 40, NULL},
	{"stopped_at", "停止时间", PT_T_TIME, 0, 0, 16, NULL},
};

const pt_schema pt_deadline_schema = { deadline_cols, PT_NCOLS(deadline_cols) };

static const struct pt_column unit_cols[] = {
	{"code", "代码", PT_T_TEXT, REQ, 32, 8, NULL},
	{"name", "名称", PT_T_TEXT, REQ, 100, 20, NULL},
	{"level", "级别", PT_T_ENUM, REQ, 0, 9, pt_unit_levels},
	{"parent", "上级", PT_T_TEXT, IN, 32, 8, NULL},
};

const pt_schema pt_unit_schema = { unit_cols, PT_NCOLS(unit_cols) };

const struct pt_column *pt_column(const pt_schema *s, int col)
{
	return &s->cols[col];
}

int pt_schema_ncols(const pt_schema *s) { return s->ncols; }
const char *pt_schema_name(const pt_schema *s, int col) { return s->cols[col].name; }
const char *pt_schema_zh(const pt_schema *s, int col) { return s->cols[col].zh; }
const struct pt_enum *pt_schema_values(const pt_schema *s, int col) { return s->cols[col].values; }

bool pt_schema_is_input(const pt_schema *s, int col)
{
	return s->cols[col].flags & PT_C_INPUT;
}

/* Headers older versions wrote, still read: the Chinese header a column had. */
static const char *const header_aliases[][2] = {
	{"所在单位", "unit"}, {"单位名称", "unit_name"},
};

static const char *header_of_alias(const char *name)
{
	for (size_t i = 0; i < sizeof header_aliases / sizeof header_aliases[0]; i++)
		if (!strcmp(name, header_aliases[i][0]))
			return header_aliases[i][1];
	return name;
}

int pt_schema_lookup(const pt_schema *s, const char *name)
{
	name = header_of_alias(name);
	for (int i = 0; i < s->ncols; i++)
		if ((s->cols[i].name[0] == name[0] && !strcmp(s->cols[i].name, name)) ||
		    (s->cols[i].zh[0] == name[0] && !strcmp(s->cols[i].zh, name)))
			return i;
	return -1;
}

/* pt_schema_lookup, column `guess` tried first (an English name is no
 * other column's name, nor an alias). */
int pt_schema_lookup_next(const pt_schema *s, const char *name, int guess)
{
	if (guess >= 0 && guess < s->ncols && !strcmp(s->cols[guess].name, name))
		return guess;
	return pt_schema_lookup(s, name);
}

/* A column by its English name only, as machines write it (bundles). */
int pt_schema_column(const pt_schema *s, const char *name)
{
	for (int i = 0; i < s->ncols; i++)
		if (s->cols[i].name[0] == name[0] && !strcmp(s->cols[i].name, name))
			return i;
	return -1;
}

const struct pt_enum pt_review_results[] = {
	{"upheld", "维持原处理意见"}, {"changed", "撤销或者变更原处理意见"}, {NULL, NULL},
};

/* A backlog file is open (未化解) until its resolution: the states after
 * the first are the resolutions (pt_backlog_resolutions). */
const struct pt_enum pt_backlog_states[] = {
	{"open", "未化解"}, {"resolved", "案结事了"}, {"withdrawn", "息诉息访"}, {NULL, NULL},
};

/* Other ways the docs write a label (SPEC: transfer is 上级转办/交办). */
static const char *const label_aliases[][2] = {
	{"上级转办/交办", "上级转办"}, {"上级交办", "上级转办"}, {"交办", "上级转办"},
	{"维持", "维持原处理意见"}, {"撤销或者变更", "撤销或者变更原处理意见"},
	{"变更", "撤销或者变更原处理意见"},
};

/* Equal but for ASCII spaces: "12369 电话" is the label 12369电话. */
static bool same_label(const char *s, const char *label)
{
	for (;; s++, label++) {
		while (*s == ' ')
			s++;
		while (*label == ' ')
			label++;
		if (*s != *label)
			return false;
		if (!*s)
			return true;
	}
}

static const char *label_of_alias(const char *s)
{
	for (size_t i = 0; i < sizeof label_aliases / sizeof label_aliases[0]; i++)
		if (same_label(s, label_aliases[i][0]))
			return label_aliases[i][1];
	return s;
}

/* By code, or by Chinese label as the docs write it (spaces aside). */
const struct pt_enum *pt_enum_find(const struct pt_enum *v, const char *s)
{
	const struct pt_enum *first = v;

	for (; v && v->code; v++)
		if (!strcmp(v->code, s))
			return v;
	s = label_of_alias(s);
	for (v = first; v && v->code; v++)
		if (same_label(s, v->zh))
			return v;
	return NULL;
}

const char *pt_enum_code(const struct pt_enum *v, const char *s)
{
	const struct pt_enum *en = s ? pt_enum_find(v, s) : NULL;
	return en ? en->code : s;
}

int pt_enum_codes(const struct pt_enum *v, pt_buf *out)
{
	for (const struct pt_enum *en = v; en->code; en++)
		if (pt_buf_adds(out, en == v ? "" : ", ") || pt_buf_adds(out, en->code))
			return -1;
	return 0;
}

const char *pt_enum_label(const struct pt_enum *v, const char *code)
{
	const struct pt_enum *en = code ? pt_enum_find(v, code) : NULL;

	return en ? en->zh : "";
}

int pt_enum_refuse(const char *opt, const char *v, const struct pt_enum *values, pt_err *e)
{
	pt_buf b = {0};
	int rc;

	pt_enum_codes(values, &b);
	rc = pt_error(e, PT_EUSAGE, "%s: \"%.64s\" is not one of %s", opt,
	              pt_text_showable(v) ? v : "?", b.p ? b.p : "");
	pt_buf_free(&b);
	return rc;
}

static const struct pt_column supervision_cols[] = {
	{"at", "时间", PT_T_TIME, 0, 0, 16, NULL},
	{"action", "操作", PT_T_TEXT, 0, 0, 9, NULL},
	{"kind", "督办方式", PT_T_TEXT, 0, 0, 10, NULL},
	{"clock", "时限", PT_T_TEXT, 0, 0, 8, NULL},
	{"unit", "单位代码", PT_T_TEXT, 0, 0, 8, NULL},
	{"handler", "承办人", PT_T_TEXT, 0, 0, 0, NULL},
	{"leader", "包案领导", PT_T_TEXT, 0, 0, 0, NULL},
	{"due", "期限", PT_T_DATE, 0, 0, 10, NULL},
	{"days_overdue", "超期天数", PT_T_INT, 0, 0, 0, NULL},
	{"rule", "依据", PT_T_TEXT, PT_C_FLEX, 0, 30, NULL},
};

const pt_schema pt_supervision_schema = { supervision_cols, PT_NCOLS(supervision_cols) };

int pt_case_field(int i, const char **name, const char **zh)
{
	if (i < 0 || i >= pt_case_schema.ncols)
		return -1;
	*name = pt_schema_name(&pt_case_schema, i);
	*zh = pt_schema_zh(&pt_case_schema, i);
	return 0;
}
