/* db.c - opening the store: path, policy, clock and actor */
#include "pt_priv.h"
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *env(const char *name)
{
	const char *v = getenv(name);
	return v && *v ? v : NULL;
}

static int mkdirs(char *path, pt_err *e)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(path, 0700) < 0 && errno != EEXIST) {
			pt_error(e, PT_EDB, "%s: %s", path, strerror(errno));
			*p = '/';
			return PT_EDB;
		}
		*p = '/';
	}
	return PT_OK;
}

/* --db, else $PETITION_DB, else $XDG_DATA_HOME/petition/petition.db */
static int default_path(const char *given, char **out, pt_err *e)
{
	char buf[PATH_MAX];
	const char *home;

	if (!given)
		given = env("PETITION_DB");
	if (given) {
		*out = strdup(given);
		return *out ? PT_OK : pt_error(e, PT_EDB, "out of memory");
	}
	if ((home = env("XDG_DATA_HOME")))
		snprintf(buf, sizeof buf, "%s/petition/petition.db", home);
	else if ((home = env("HOME")))
		snprintf(buf, sizeof buf, "%s/.local/share/petition/petition.db", home);
	else
		return pt_error(e, PT_EUSAGE, "--db: no database given and no $HOME");
	if (mkdirs(buf, e))
		return PT_EDB;
	*out = strdup(buf);
	return *out ? PT_OK : pt_error(e, PT_EDB, "out of memory");
}

static char *login_name(void)
{
	struct passwd *pw = getpwuid(geteuid());
	const char *user = env("USER");

	return strdup(pw && pw->pw_name ? pw->pw_name : user ? user : "unknown");
}

static int set_actor(pt_db *db, const char *given, pt_err *e)
{
	const char *opt = "--actor";

	if (!given && (given = getenv("PETITION_ACTOR")))
		opt = "PETITION_ACTOR";
	if (given && (!*given || strlen(given) > 100 || !pt_utf8_valid(given, strlen(given))))
		return pt_error(e, PT_EUSAGE, "%s: not a name of 1 to 100 bytes of UTF-8", opt);
	db->actor = given ? strdup(given) : login_name();
	return db->actor ? PT_OK : pt_error(e, PT_EDB, "out of memory");
}

static int set_now(pt_db *db, const char *given, pt_err *e)
{
	const char *opt = "--now";

	if (!given && (given = env("PETITION_NOW")))
		opt = "PETITION_NOW";
	if (!given) {
		db->now = (int64_t)time(NULL);
		return PT_OK;
	}
	if (pt_time_parse(given, &db->now))
		return pt_error(e, PT_EUSAGE, "%s: \"%.64s\" is not a date or time", opt, given);
	db->now_is_date = !strpbrk(given, "T ");
	return PT_OK;
}

static int load_policy(pt_db *db, const char *given, pt_err *e)
{
	char path[PATH_MAX];

	pt_policy_defaults(&db->policy);
	if (!given)
		given = env("PETITION_POLICY");
	if (!given) {
		snprintf(path, sizeof path, "%s/policy.conf", pt_share_dir());
		if (access(path, R_OK) < 0)
			return PT_OK;      /* no policy file: the defaults */
		given = path;
	}
	return pt_policy_load(&db->policy, given, e);
}

/* A new database gets the units of share/petition/units.csv, if there is one. */
static int seed(pt_db *db, pt_err *e)
{
	char units[PATH_MAX];
	int rc;

	snprintf(units, sizeof units, "%s/units.csv", pt_share_dir());
	if (!access(units, R_OK) && (rc = pt_units_seed(db, units, e)))
		return rc;
	return pt_commit(db, e);
}

int pt_open(const pt_options *o, pt_db **out, pt_err *e)
{
	pt_db *db = calloc(1, sizeof *db);
	int rc;

	*out = NULL;
	if (!db)
		return pt_error(e, PT_EDB, "out of memory");
	if ((rc = load_policy(db, o->policy_path, e)))
		goto fail;
	pt_set_timezone(db->policy.timezone);
	if ((rc = set_now(db, o->now, e)) || (rc = set_actor(db, o->actor, e)) ||
	    (rc = default_path(o->db_path, &db->path, e)))
		goto fail;
	if ((rc = pt_store_open(db, o, e)) == 1)
		rc = seed(db, e);     /* in the transaction that made the schema */
	if (rc)
		goto fail;
	*out = db;
	return PT_OK;
fail:
	pt_close(db);
	return rc;
}

void pt_close(pt_db *db)
{
	if (!db)
		return;
	pt_rollback(db);
	pt_change_reset(db);
	pt_store_close(db);
	pt_units_forget(db);
	pt_calendar_free(db->calendar);
	free(db->path);
	free(db->actor);
	free(db);
}

const char *pt_db_path(const pt_db *db) { return db->path; }
int64_t pt_db_now(const pt_db *db) { return db->now; }
