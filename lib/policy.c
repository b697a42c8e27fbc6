/* policy.c - the policy file: time limits, numbering, zone */
#include "pt_priv.h"
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void pt_policy_defaults(pt_policy *p)
{
	memset(p, 0, sizeof *p);
	strcpy(p->case_prefix, "GY");
	strcpy(p->timezone, "Asia/Shanghai");
	strcpy(p->calendar, "holidays.conf");
	p->accept_days = 15;
	p->reply_days = 60;
	p->extend_max_days = 30;
	p->review_request_days = 30;
	p->review_days = 30;
	p->rereview_request_days = 30;
	p->rereview_days = 30;
	p->object_working_days = 5;
	p->repeat_window_days = 180;
	p->collective_headcount = 5;
	p->remind_days = 3;
	p->key_remind_days = 7;
	p->escalate_after_days = 15;
	p->backlog_after_days = 90;
	p->backlog_repeats = 3;
	p->mediation_days = 30;
	p->on_time_target = 90;
	strcpy(p->supervision_kind, "individual");
}

const char *pt_share_dir(void)
{
	static char dir[PATH_MAX];
	char exe[PATH_MAX], *slash;
	const char *env = getenv("PETITION_SHARE");
	ssize_t n;

	if (env && *env)
		return env;
	if (*dir)
		return dir;
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = 0;
		if ((slash = strrchr(exe, '/'))) {
			*slash = 0;
			snprintf(dir, sizeof dir, "%.*s/../share/petition",
			         (int)(sizeof dir - 20), exe);
			if (access(dir, R_OK) == 0)
				return dir;
		}
	}
	snprintf(dir, sizeof dir, "%s", PT_SHAREDIR);
	return dir;
}

struct key {
	const char *name;
	size_t off;
	enum { K_INT, K_BOOL, K_STR, K_COUNT, K_PERIODS, K_KIND, K_ZONE, K_FILES } kind;
	size_t size;
};

#define I(f) {#f, offsetof(pt_policy, f), K_INT, 0}
static const struct key keys[] = {
	{"case_prefix", offsetof(pt_policy, case_prefix), K_STR, sizeof ((pt_policy *)0)->case_prefix},
	{"timezone", offsetof(pt_policy, timezone), K_ZONE, sizeof ((pt_policy *)0)->timezone},
	{"calendar", offsetof(pt_policy, calendar), K_FILES, sizeof ((pt_policy *)0)->calendar},
	I(accept_days), I(reply_days), I(extend_max_days), I(review_request_days),
	I(review_days), I(rereview_request_days), I(rereview_days),
	I(object_working_days), I(repeat_window_days), I(collective_headcount),
	I(remind_days), I(key_remind_days), I(escalate_after_days), I(backlog_after_days),
	I(backlog_repeats), I(mediation_days), I(on_time_target),
	{"supervision_kind", offsetof(pt_policy, supervision_kind), K_KIND, 0},
	{"key_periods", 0, K_PERIODS, 0},
	{"day_count", offsetof(pt_policy, working_days), K_COUNT, 0},
	{"roll_to_working_day", offsetof(pt_policy, roll_to_working_day), K_BOOL, 0},
};

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = 0;
	return s;
}

/* "DATE..DATE, DATE..DATE, DATE" */
static int key_periods(pt_policy *p, const char *v)
{
	char buf[1024], *save = NULL, *tok;

	snprintf(buf, sizeof buf, "%s", v);
	p->nkey_periods = 0;
	for (tok = strtok_r(buf, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
		char *dots = strstr(tok, "..");
		int32_t from, to;

		if (dots)
			*dots = 0;
		if (p->nkey_periods == 32 || pt_date_parse(tok, &from) ||
		    pt_date_parse(dots ? dots + 2 : tok, &to) || to < from)
			return -1;
		p->key_periods[p->nkey_periods].from = from;
		p->key_periods[p->nkey_periods++].to = to;
	}
	return 0;
}

/*
 * A zone of the tz database: a TZif file under $TZDIR or /usr/share/zoneinfo,
 * named by parts of letters, digits, "_", "+" and "-" (no "..", no "/" first),
 * so that an unknown name is refused rather than read by tzset as UTC.
 */
static bool known_zone(const char *z)
{
	const char *dir = getenv("TZDIR"), *part = z;
	char path[PATH_MAX], magic[4];
	FILE *f;
	bool ok;

	for (const char *c = z;; c++) {
		if (*c == '/' || !*c) {
			if (c == part || *part == '-')
				return false;
			if (!*c)
				break;
			part = c + 1;
		} else if (!isalnum((unsigned char)*c) && !strchr("_+-", *c))
			return false;
	}
	snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", z);
	if (!(f = fopen(path, "rb")))
		return false;
	ok = fread(magic, 1, 4, f) == 4 && !memcmp(magic, "TZif", 4);
	fclose(f);
	return ok;
}

/* "FILE[, FILE...]": no empty name between the commas. */
static bool file_list(const char *v)
{
	for (;;) {
		size_t name = strcspn(v, ","), blank = strspn(v, " \t");

		if (blank >= name)
			return false;
		if (!v[name])
			return true;
		v += name + 1;
	}
}

static int set_key(pt_policy *p, const struct key *k, const char *v)
{
	char *end;
	long n;

	switch (k->kind) {
	case K_INT:
		errno = 0;
		n = strtol(v, &end, 10);
		if (errno || *end || end == v || n < 0 || n > 3650)
			return -1;
		*(int *)((char *)p + k->off) = (int)n;
		return 0;
	case K_BOOL:
		if (!strcmp(v, "yes") || !strcmp(v, "true"))
			*(bool *)((char *)p + k->off) = true;
		else if (!strcmp(v, "no") || !strcmp(v, "false"))
			*(bool *)((char *)p + k->off) = false;
		else
			return -1;
		return 0;
	case K_COUNT:
		if (strcmp(v, "calendar") && strcmp(v, "working"))
			return -1;
		*(bool *)((char *)p + k->off) = !strcmp(v, "working");
		return 0;
	case K_KIND:
		if (strcmp(v, "special") && strcmp(v, "individual") && strcmp(v, "onsite") &&
		    strcmp(v, "key"))
			return -1;
		strcpy(p->supervision_kind, v);
		return 0;
	case K_PERIODS:
		return key_periods(p, v);
	case K_ZONE:
		if (strlen(v) >= k->size || !known_zone(v))
			return -1;
		strcpy((char *)p + k->off, v);
		return 0;
	case K_FILES:
		if (!file_list(v))
			return -1;
		/* fall through */
	case K_STR:
		if (!*v || strlen(v) >= k->size || !pt_utf8_valid(v, strlen(v)))
			return -1;
		strcpy((char *)p + k->off, v);
		return 0;
	}
	return -1;
}

static int policy_line(pt_policy *p, char *line, const char *path, int lineno,
                       pt_err *e)
{
	char *eq, *name, *val;
	size_t i;

	if ((eq = strchr(line, '#')))
		*eq = 0;
	name = trim(line);
	if (!*name)
		return 0;
	if (!(eq = strchr(name, '=')))
		return pt_error(e, PT_EINPUT, "%s: line %d: expected \"key = value\"",
		                path, lineno);
	*eq = 0;
	name = trim(name);
	val = trim(eq + 1);
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (!strcmp(keys[i].name, name))
			break;
	if (i == sizeof keys / sizeof keys[0])
		return pt_error(e, PT_EINPUT, "%s: line %d: unknown key \"%.64s\"",
		                path, lineno, name);
	if (set_key(p, &keys[i], val))
		return pt_error(e, PT_EINPUT, "%s: line %d: %s: bad value \"%.64s\"",
		                path, lineno, name, val);
	return 0;
}

int pt_policy_load(pt_policy *p, const char *path, pt_err *e)
{
	char line[1024];
	int lineno = 0, rc = 0;
	FILE *f = pt_fopen_regular(path);
	const char *slash = strrchr(path, '/');

	if (!f)
		return pt_error(e, PT_EINPUT, "%s: %s", path, pt_fopen_strerror(errno));
	if (slash)
		snprintf(p->dir, sizeof p->dir, "%.*s", (int)(slash - path), path);
	else
		snprintf(p->dir, sizeof p->dir, ".");
	while (!rc && fgets(line, sizeof line, f)) {
		lineno++;
		if (!strchr(line, '\n') && !feof(f)) {
			rc = pt_error(e, PT_EINPUT, "%s: line %d: too long", path, lineno);
			break;
		}
		rc = policy_line(p, line, path, lineno, e);
	}
	fclose(f);
	if (!rc && p->backlog_repeats < 3)
		rc = pt_error(e, PT_EINPUT, "%s: backlog_repeats: at least 3 (the third petition"
		              " of a matter)", path);
	return rc;
}
