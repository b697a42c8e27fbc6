/* units.c - the offices at four levels, each with a parent */
#include "pt_priv.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct pt_units {
	struct pt_unit *v;
	size_t n, cap;
};

static void unit_free(struct pt_unit *u)
{
	free(u->code);
	free(u->name);
	free(u->parent);
	free(u->level);
}

/* Forgets the units read; the next pt_unit_find reads them again. */
void pt_units_forget(pt_db *db)
{
	if (!db->units)
		return;
	for (size_t i = 0; i < db->units->n; i++)
		unit_free(&db->units->v[i]);
	free(db->units->v);
	free(db->units);
	db->units = NULL;
}

/* One row of the store, copied into the cache. */
static int keep_row(void *ctx, const char *code, const char *name, const char *level,
                    const char *parent, pt_err *e)
{
	struct pt_units *c = ctx;
	struct pt_unit *u;

	if (c->n == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 64;
		if (!(u = realloc(c->v, cap * sizeof *u)))
			return pt_error(e, PT_EDB, "out of memory");
		c->v = u;
		c->cap = cap;
	}
	u = &c->v[c->n];
	*u = (struct pt_unit){strdup(code), strdup(name), parent ? strdup(parent) : NULL,
	                      strdup(level)};
	if (!u->code || !u->name || !u->level || (parent && !u->parent)) {
		unit_free(u);
		return pt_error(e, PT_EDB, "out of memory");
	}
	c->n++;
	return PT_OK;
}

int pt_units_ready(pt_db *db, pt_err *e)
{
	int rc;

	if (db->units)
		return PT_OK;
	if (!(db->units = calloc(1, sizeof *db->units)))
		return pt_error(e, PT_EDB, "out of memory");
	if ((rc = pt_store_units_load(db, keep_row, db->units, e)))
		pt_units_forget(db);
	return rc;
}

const struct pt_unit *pt_units_all(pt_db *db, size_t *n)
{
	*n = db->units ? db->units->n : 0;
	return db->units ? db->units->v : NULL;
}

/* A code names one unit; a name only when no other unit bears it (see pt_unit_must). */
static int by_code(const void *key, const void *u)
{
	return strcmp(key, ((const struct pt_unit *)u)->code);
}

/* By code (the cache is ordered by code), else by a name only one unit bears. */
const struct pt_unit *pt_unit_find(pt_db *db, const char *key)
{
	const struct pt_unit *named = NULL, *all, *u;
	size_t n = 0, count;

	if (pt_units_ready(db, NULL))
		return NULL;
	all = pt_units_all(db, &count);
	if (count && (u = bsearch(key, all, count, sizeof *all, by_code)))
		return u;
	for (size_t i = 0; i < count; i++)
		if (!strcmp(all[i].name, key) && n++ == 0)
			named = &all[i];
	return n == 1 ? named : NULL;
}

static int rank(const char *level)
{
	static const char *const levels[] = {"national", "province", "city", "county", NULL};

	for (int i = 0; levels[i]; i++)
		if (!strcmp(levels[i], level))
			return i;
	return -1;
}

/*
 * The code of a parent given by code or unique name; it must be a known unit
 * of a higher level: no cycles, no county under a county. A county may be
 * directly under a province (省直管县), a city under the national level.
 */
static const char *parent_code(pt_db *db, const struct pt_enum *lv, const char *parent,
                               pt_err *e)
{
	const struct pt_unit *p = pt_unit_must(db, parent, "parent", PT_EINPUT, e);

	if (p && rank(p->level) >= rank(lv->code)) {
		pt_error(e, PT_EINPUT, "parent: a %s unit cannot be under %s (%s)", lv->code,
		         p->name, p->level);
		return NULL;
	}
	return p ? p->code : NULL;
}

/*
 * A unit beside the others: a key (code or name) names one unit only, so a
 * name may not be another unit's code nor a code another unit's name; and
 * a unit keeps above the units under it (a city with counties stays a city).
 */
static bool clashes(pt_db *db, const char *code, const char *name,
                    const struct pt_enum *lv, pt_err *e)
{
	const struct pt_unit *all;
	size_t count;

	if (pt_units_ready(db, e))
		return true;
	all = pt_units_all(db, &count);
	for (size_t i = 0; i < count; i++) {
		const struct pt_unit *u = &all[i];

		if (strcmp(u->code, code) && !strcmp(u->code, name)) {
			pt_error(e, PT_EINPUT, "name: \"%.64s\" is the code of %s", name, u->name);
			return true;
		}
		if (strcmp(u->code, code) && !strcmp(u->name, code)) {
			pt_error(e, PT_EINPUT, "code: \"%.64s\" is another unit's name", code);
			return true;
		}
		if (u->parent && !strcmp(u->parent, code) && rank(u->level) <= rank(lv->code)) {
			pt_error(e, PT_EINPUT, "level: a %s cannot have %s (%s) under it",
			         lv->code, u->name, u->level);
			return true;
		}
	}
	return false;
}

bool pt_unit_lookalike(pt_db *db, const char *to)
{
	size_t b = strspn(to, " \t\r\n\f\v"), n = strlen(to + b);
	char key[256];

	while (n && strchr(" \t\r\n\f\v", to[b + n - 1]))
		n--;
	if (!n || strspn(to + b, "0123456789") >= n)
		return true;
	if (n >= sizeof key)
		return false;
	memcpy(key, to + b, n);
	key[n] = 0;
	return pt_unit_find(db, key) != NULL;
}

int pt_units_put(pt_db *db, pt_record *r, const char *where, pt_errlist *errs)
{
	const char *code = pt_record_get(r, 0), *name = pt_record_get(r, 1),
		*level = pt_record_get(r, 2), *parent = pt_record_get(r, 3);
	const struct pt_enum *lv = level ? pt_enum_find(pt_column(&pt_unit_schema, 2)->values, level) : NULL;
	const char *pfx = where ? where : "", *sep = where ? ": " : "";
	const char *up = NULL;
	pt_err e = {0};
	int rc;

	if (!code || !*code || strspn(code, "0123456789") != strlen(code) || strlen(code) > 32)
		pt_errlist_add(errs, PT_EINPUT, "%s%scode: is not a code of digits", pfx, sep);
	else if (!name || !*name || !pt_utf8_valid(name, strlen(name)) || strlen(name) > 100)
		pt_errlist_add(errs, PT_EINPUT, "%s%sname: is required (UTF-8, at most 100 bytes)", pfx, sep);
	else if (!lv)
		pt_errlist_add(errs, PT_EINPUT, "%s%slevel: is not national, province, city or county", pfx, sep);
	else if (parent && *parent && !(up = parent_code(db, lv, parent, &e)))
		pt_errlist_add(errs, PT_EINPUT, "%s%s%s", pfx, sep, e.msg);
	else if ((!parent || !*parent) && strcmp(lv->code, "national"))
		pt_errlist_add(errs, PT_EINPUT, "%s%sparent: a %s unit needs a parent", pfx, sep, lv->code);
	else if (clashes(db, code, name, lv, &e))
		pt_errlist_add(errs, e.code, "%s%s%s", pfx, sep, e.msg);
	else if ((rc = pt_store_unit_put(db, code, name, lv->code, up, &e)))
		pt_errlist_add(errs, rc, "%s%s%s", pfx, sep, e.msg);
	else {
		pt_units_forget(db);
		return PT_OK;
	}
	return pt_errlist_code(errs);
}

/* Puts the units of a CSV file, in the transaction open. */
int pt_units_seed(pt_db *db, const char *path, pt_err *e)
{
	FILE *f = fopen(path, "r");
	pt_record *r = pt_record_new(&pt_unit_schema);
	pt_reader *rd = f && r ? pt_reader_new(f, &pt_unit_schema, PT_FMT_CSV) : NULL;
	pt_errlist *errs = pt_errlist_new();
	char where[64];
	int rc = PT_OK, n;

	if (!f)
		rc = pt_error(e, PT_EINPUT, "%s: %s", path, strerror(errno));
	else if (!rd || !errs)
		rc = pt_error(e, PT_EDB, "out of memory");
	else {
		while ((n = pt_reader_next(rd, r, e)) == 1) {
			snprintf(where, sizeof where, "%s: line %ld", path, pt_reader_line(rd));
			if (pt_units_put(db, r, where, errs))
				break;
		}
		if (n < 0)
			rc = e->code;
		else if (pt_errlist_count(errs))
			rc = pt_error(e, pt_errlist_code(errs), "%s", pt_errlist_get(errs, 0));
	}
	pt_errlist_free(errs);
	pt_reader_free(rd);
	pt_record_free(r);
	if (f)
		fclose(f);
	return rc;
}

size_t pt_unit_namesakes(pt_db *db, const char *key, char *buf, size_t size)
{
	size_t n = 0, len = 0, count;
	const struct pt_unit *all = pt_units_all(db, &count);

	buf[0] = 0;
	for (size_t i = 0; i < count; i++) {
		const struct pt_unit *u = &all[i], *p;

		if (strcmp(u->name, key))
			continue;
		p = u->parent ? pt_unit_find(db, u->parent) : NULL;
		if (len < size)
			len += (size_t)snprintf(buf + len, size - len, "%s%s (%.64s)", n ? ", " : "",
			                        u->code, p ? p->name : "-");
		n++;
	}
	return n;
}

int pt_unit_ambiguous(pt_db *db, const char *key, const char *where, int code, pt_err *e)
{
	char list[512];
	int rc;

	if ((rc = pt_units_ready(db, e)))
		return rc;
	if (pt_unit_find(db, key) || pt_unit_namesakes(db, key, list, sizeof list) < 2)
		return PT_OK;
	return pt_error(e, code, "%s: \"%.64s\" names several units: %s; give the code",
	                where, key, list);
}

const struct pt_unit *pt_unit_must(pt_db *db, const char *key, const char *where, int code,
                                   pt_err *e)
{
	const struct pt_unit *u = pt_unit_find(db, key);

	if (!u && !pt_unit_ambiguous(db, key, where, code, e))
		pt_error(e, code, "%s: \"%.64s\" is not a known unit", where, key);
	return u;
}

int pt_units_query(pt_db *db, const char *key, bool under, pt_cursor **out,
                   pt_err *e)
{
	const struct pt_unit *u = NULL;

	*out = NULL;
	if (key && under && !(u = pt_unit_must(db, key, "--under", PT_EUSAGE, e)))
		return e->code;
	if (key && !under && !(u = pt_unit_find(db, key)))
		return pt_unit_ambiguous(db, key, "unit", PT_EINPUT, e) ? e->code :
			pt_error(e, PT_EINPUT, "%s: not a known unit", key);
	return pt_store_units_query(db, u ? u->code : NULL, under, out, e);
}

int pt_unit_check(pt_db *db, const char *key, const char *where, int code, pt_err *e)
{
	return pt_unit_must(db, key, where, code, e) ? PT_OK : e->code;
}

bool pt_unit_within(pt_db *db, const char *code, const char *top)
{
	const struct pt_unit *u = pt_unit_find(db, code);

	for (int depth = 0; u && depth < 16; depth++) {
		if (!strcmp(u->code, top))
			return true;
		u = u->parent ? pt_unit_find(db, u->parent) : NULL;
	}
	return false;
}
