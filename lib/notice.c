/* notice.c - written notices to the petitioner, from editable templates */
#include "pt_priv.h"
#include <cjson/cJSON.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

static const struct kind {
	const char *kind, *action, *title;
} kinds[] = {
	{"accept", "accept", "受理告知书 (acceptance)"},
	{"decline", "decline", "不予受理告知书 (declining, with the right avenue)"},
	{"transfer", "transfer", "转送告知书 (transfer)"},
	{"extend", "extend", "延期办理告知书 (extension)"},
	{"reply", "reply", "信访处理意见书 (reply)"},
	{"review", "review_decision", "复查意见书 (review opinion)"},
	{"rereview", "rereview_decision", "复核意见书 (re-review opinion)"},
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

/* Values that come from the decision's event, not from the case. */
static const char *const extras[] = {
	"date", "reason", "to", "to_name", "days", "text", "result", "avenue",
	"report_by", "category_name", "outcome_name", "review_request_days",
	"rereview_request_days", NULL,
};

int pt_notice_kind(int i, const char **kind, const char **title)
{
	if (i < 0 || (size_t)i >= NKINDS)
		return -1;
	*kind = kinds[i].kind;
	*title = kinds[i].title;
	return 0;
}

static const struct kind *find_kind(const char *k)
{
	for (size_t i = 0; i < NKINDS; i++)
		if (!strcmp(kinds[i].kind, k))
			return &kinds[i];
	return NULL;
}

struct notice {
	pt_db *db;
	pt_record *r;
	cJSON *details;
	char date[11];
	bool personal;
	char buf[1024];
	char para[1100];
};

void pt_decline_avenue(const char *category, const char *to, const char *final_case,
                       const char *reason, char *out, size_t n)
{
	if (final_case)
		snprintf(out, n, "该信访事项已经复核终结（%s）。您以同一事实和理由再次提出的，"
		         "本机关依法不再受理。", final_case);
	else if (category && !strcmp(category, "litigation"))
		snprintf(out, n, "您可以依法申请行政复议或者提起行政诉讼。");
	else if (category && !strcmp(category, "out_of_scope"))
		snprintf(out, n, "您可以向%s提出。", to && *to ? to : "依法有权处理的其他行政机关");
	else
		snprintf(out, n, "%s", reason ? reason : "");
}

static const char *label(int field, const char *code)
{
	const struct pt_enum *en = code ? pt_enum_find(pt_column(&pt_case_schema, field)->values, code) : NULL;
	return en ? en->zh : code ? code : "";
}

static const char *number(struct notice *n, int v)
{
	snprintf(n->buf, sizeof n->buf, "%d", v);
	return n->buf;
}

static const char *detail(struct notice *n, const char *key)
{
	cJSON *v = cJSON_GetObjectItemCaseSensitive(n->details, key);

	if (cJSON_IsString(v))
		return v->valuestring;
	if (cJSON_IsNumber(v))
		return number(n, v->valueint);
	return NULL;
}

/*
 * {{avenue}} is a paragraph of its own ending in a blank line, or nothing
 * when the reason already says where to go.
 */
static const char *avenue(struct notice *n)
{
	const char *v = detail(n, "avenue"), *reason = detail(n, "reason");
	char computed[512];

	if (!v) {              /* a decision recorded before the event said it */
		pt_decline_avenue(detail(n, "category"), detail(n, "to"), NULL, reason,
		                  computed, sizeof computed);
		v = computed;
	}
	if (!*v || (reason && !strcmp(v, reason)))
		return "";
	snprintf(n->para, sizeof n->para, "%s\n\n", v);
	return n->para;
}

static const char *extra(struct notice *n, const char *name)
{
	const char *v;
	const struct pt_unit *u;

	if (!strcmp(name, "date"))
		return n->date;
	if (!strcmp(name, "avenue"))
		return avenue(n);
	if (!strcmp(name, "review_request_days"))
		return number(n, n->db->policy.review_request_days);
	if (!strcmp(name, "rereview_request_days"))
		return number(n, n->db->policy.rereview_request_days);
	if (!strcmp(name, "category_name"))
		return label(PT_F_CATEGORY, pt_record_get(n->r, PT_F_CATEGORY));
	if (!strcmp(name, "outcome_name"))
		return label(PT_F_OUTCOME, pt_record_get(n->r, PT_F_OUTCOME));
	if (!strcmp(name, "to_name")) {
		v = detail(n, "to");
		return v && (u = pt_unit_find(n->db, v)) ? u->name : v ? v : "";
	}
	if (!strcmp(name, "result")) {
		v = detail(n, "result");
		return !v ? "" : !strcmp(v, "upheld") ? "维持原处理意见" : "撤销或者变更原处理意见";
	}
	v = detail(n, name);
	return v ? v : "";
}

/* The value of {{name}}; NULL when the name is not known. */
static const char *value(void *arg, const char *name)
{
	struct notice *n = arg;
	int f = pt_schema_lookup(&pt_case_schema, name);
	const struct pt_column *c;
	const char *v;
	int64_t t;

	/* what the decision said, as it said it: the reply date told at acceptance */
	if (f >= 0 && !(pt_column(&pt_case_schema, f)->flags & PT_C_PERSONAL) &&
	    f != PT_F_UNIT && (v = detail(n, name)))
		return v;
	if (f == PT_F_UNIT_NAME && detail(n, "unit")) {     /* the unit that decided */
		const struct pt_unit *u = pt_unit_find(n->db, detail(n, "unit"));
		if (u)
			return u->name;
	}
	if (f < 0) {
		for (int i = 0; extras[i]; i++)
			if (!strcmp(extras[i], name))
				return extra(n, name);
		return NULL;
	}
	c = pt_column(&pt_case_schema, f);
	v = pt_record_get(n->r, f);
	if (!v)
		return f == PT_F_PETITIONER_NAME ? "信访人" : "";   /* the greeting */
	if (c->type == PT_T_TIME && !pt_time_parse(v, &t)) {
		pt_date_format(pt_local_day(t), n->buf);
		return n->buf;
	}
	if (c->type == PT_T_ENUM)
		return label(f, v);
	if (c->type == PT_T_BOOL)
		return strcmp(v, "0") ? "是" : "否";
	if (c->flags & PT_C_PERSONAL && !n->personal) {
		pt_mask(f, v, n->buf, sizeof n->buf);
		return n->buf;
	}
	return v;
}

static const char *notice_value(void *arg, const char *name) { return value(arg, name); }

int pt_template_render(const char *tpl, const char *name, pt_template_value_fn value,
                       void *arg, FILE *out, pt_err *e)
{
	const char *p = tpl, *open, *close;
	char key[64];

	while ((open = strstr(p, "{{"))) {
		fwrite(p, 1, (size_t)(open - p), out);
		if (!(close = strstr(open + 2, "}}")) || close - open - 2 >= (long)sizeof key)
			return pt_error(e, PT_EINPUT, "%s: an unclosed or overlong {{", name);
		snprintf(key, sizeof key, "%.*s", (int)(close - open - 2), open + 2);
		const char *v = value(arg, key);
		if (!v)
			return pt_error(e, PT_EINPUT, "%s: {{%s}} is not a field", name, key);
		fputs(v, out);
		p = close + 2;
	}
	fputs(p, out);
	return ferror(out) ? pt_error(e, PT_EDB, "write error") : PT_OK;
}

int pt_template_read(const char *dir, const char *kind, char **out, pt_err *e)
{
	char path[PATH_MAX];
	FILE *f;
	size_t n;

	snprintf(path, sizeof path, "%s/%s.txt", dir ? dir : "", kind);
	if (!dir)
		snprintf(path, sizeof path, "%s/templates/%s.txt", pt_share_dir(), kind);
	if (!(f = fopen(path, "r")))
		return pt_error(e, PT_EINPUT, "%s: %s", path, strerror(errno));
	*out = malloc(65537);
	n = *out ? fread(*out, 1, 65537, f) : 0;
	fclose(f);
	if (!*out)
		return pt_error(e, PT_EDB, "out of memory");
	(*out)[n > 65536 ? 65536 : n] = 0;
	if (n > 65536 || memchr(*out, 0, n) || !pt_utf8_valid(*out, n)) {
		free(*out);
		*out = NULL;
		return pt_error(e, PT_EINPUT, "%s: not UTF-8 text of at most 65536 bytes", path);
	}
	return PT_OK;
}

const char *pt_template_field(const pt_schema *s, const pt_record *r, const char *name)
{
	int f = pt_schema_lookup(s, name);
	const char *v = f < 0 ? NULL : pt_record_get(r, f);

	if (f < 0)
		return NULL;
	if (pt_column(s, f)->values)
		return pt_enum_label(pt_column(s, f)->values, v);
	return v ? v : "";
}

int pt_template_write(const char *dir, const char *kind, pt_template_value_fn value,
                      void *arg, FILE *out, pt_err *e)
{
	char *tpl = NULL, *text = NULL;
	size_t len = 0;
	FILE *mem;
	int rc;

	if ((rc = pt_template_read(dir, kind, &tpl, e)))
		return rc;
	if (!(mem = open_memstream(&text, &len))) {   /* no half-filled document */
		rc = pt_error(e, PT_EDB, "out of memory");
	} else {
		rc = pt_template_render(tpl, kind, value, arg, mem, e);
		fclose(mem);
		if (!rc && fwrite(text, 1, len, out) != len)
			rc = pt_error(e, PT_EDB, "write error");
	}
	free(text);
	free(tpl);
	return rc;
}

int pt_notice(pt_db *db, int64_t id, const char *kind, const char *dir, bool personal,
              FILE *out, pt_err *e)
{
	const struct kind *k = find_kind(kind);
	struct notice n = {.db = db, .personal = personal};
	char *details = NULL;
	int64_t at = 0;
	int rc;

	if (!k)
		return pt_error(e, PT_EUSAGE, "--kind: \"%.64s\" is not a kind of notice"
		                " (see --list)", kind);
	if (!(n.r = pt_record_new(&pt_case_schema)))
		return pt_error(e, PT_EDB, "out of memory");
	if ((rc = pt_case_get(db, id, n.r, e)))
		goto done;
	rc = pt_store_last_event(db, id, k->action, &details, &at, e);
	if (rc == PT_EINPUT)
		rc = pt_error(e, PT_EREFUSED, "%s: no %s to give notice of",
		              pt_record_get(n.r, PT_F_CASE_NO), k->action);
	if (rc)
		goto done;
	n.details = details ? cJSON_Parse(details) : NULL;
	pt_date_format(pt_local_day(at), n.date);
	rc = pt_template_write(dir, k->kind, notice_value, &n, out, e);
done:
	cJSON_Delete(n.details);
	free(details);
	pt_record_free(n.r);
	return rc;
}
