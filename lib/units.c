/* units.c - the offices at four levels, each with a parent */
#include "pt_priv.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Forgets the units read; the next pt_unit_find reads them again. */
void pt_units_forget(pt_db *db)
{
	for (size_t i = 0; i < db->nunits; i++) {
		free(db->units[i].code);
		free(db->units[i].name);
		free(db->units[i].parent);
		free(db->units[i].level);
	}
	free(db->units);
	db->units = NULL;
	db->nunits = 0;
	db->units_loaded = false;
}

static int rank(const char *level)
{
	static const char *const levels[] = {"national", "province", "city", "county", NULL};

	for (int i = 0; levels[i]; i++)
		if (!strcmp(levels[i], level))
			return i;
	return -1;
}

/* A parent must be a known unit of a higher level: no cycles, no county under a county. */
static bool bad_parent(pt_db *db, const struct pt_enum *lv, const char *parent, pt_err *e)
{
	const struct pt_unit *p = pt_unit_find(db, parent);

	if (!p) {
		pt_error(e, PT_EINPUT, "\"%.64s\" is not a known unit", parent);
		return true;
	}
	if (rank(p->level) >= rank(lv->code)) {
		pt_error(e, PT_EINPUT, "a %s unit cannot be under %s (%s)", lv->code, p->name, p->level);
		return true;
	}
	return false;
}

int pt_units_put(pt_db *db, pt_record *r, const char *where, pt_errlist *errs)
{
	const char *code = pt_record_get(r, 0), *name = pt_record_get(r, 1),
		*level = pt_record_get(r, 2), *parent = pt_record_get(r, 3);
	const struct pt_enum *lv = level ? pt_enum_find(pt_column(&pt_unit_schema, 2)->values, level) : NULL;
	const char *pfx = where ? where : "", *sep = where ? ": " : "";
	pt_err e = {0};
	int rc;

	if (!code || !*code || strspn(code, "0123456789") != strlen(code) || strlen(code) > 32)
		pt_errlist_add(errs, PT_EINPUT, "%s%scode: is not a code of digits", pfx, sep);
	else if (!name || !*name || !pt_utf8_valid(name, strlen(name)) || strlen(name) > 100)
		pt_errlist_add(errs, PT_EINPUT, "%s%sname: is required (UTF-8, at most 100 bytes)", pfx, sep);
	else if (!lv)
		pt_errlist_add(errs, PT_EINPUT, "%s%slevel: is not national, province, city or county", pfx, sep);
	else if (parent && *parent && bad_parent(db, lv, parent, &e))
		pt_errlist_add(errs, PT_EINPUT, "%s%sparent: %s", pfx, sep, e.msg);
	else if ((!parent || !*parent) && strcmp(lv->code, "national"))
		pt_errlist_add(errs, PT_EINPUT, "%s%sparent: a %s unit needs a parent", pfx, sep, lv->code);
	else if ((rc = pt_store_unit_put(db, code, name, lv->code, parent && *parent ? parent : NULL, &e)))
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

int pt_units_query(pt_db *db, const char *key, bool under, pt_cursor **out,
                   pt_err *e)
{
	const struct pt_unit *u = NULL;

	*out = NULL;
	if (key && !(u = pt_unit_find(db, key)))
		return under ? pt_error(e, PT_EUSAGE, "--under: \"%.64s\" is not a known unit", key) :
			pt_error(e, PT_EINPUT, "%s: not a known unit", key);
	return pt_store_units_query(db, u ? u->code : NULL, under, out, e);
}

bool pt_unit_known(pt_db *db, const char *key)
{
	return pt_unit_find(db, key) != NULL;
}
