/* store_fx.h - the cmocka fixture of a unit test on a new store: a SQLite
 * file in a temporary directory, its clock fixed, removed after the test.
 * Included by a test's one source file. */
#ifndef PT_STORE_FX_H
#define PT_STORE_FX_H

struct fx { char dir[64], path[96]; pt_db *db; };

static int setup(void **state)
{
	struct fx *x = calloc(1, sizeof *x);
	pt_options o = {.now = "2017-06-01T10:00:00+08:00", .actor = "unit-test"};
	pt_err e = {0};

	strcpy(x->dir, "/tmp/petition-unit-XXXXXX");
	if (!mkdtemp(x->dir))
		return -1;
	snprintf(x->path, sizeof x->path, "%s/t.db", x->dir);
	o.db_path = x->path;
	if (!getenv("PETITION_SHARE"))
		setenv("PETITION_SHARE", "share/petition", 1);
	if (pt_open(&o, &x->db, &e)) {
		fprintf(stderr, "%s\n", e.msg);
		return -1;
	}
	*state = x;
	return 0;
}

static int teardown(void **state)
{
	struct fx *x = *state;
	char cmd[160];

	pt_close(x->db);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", x->dir);
	if (system(cmd))
		return -1;
	free(x);
	return 0;
}

#endif
