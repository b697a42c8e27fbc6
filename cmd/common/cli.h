/*
 * cli.h - the command-line layer shared by the binaries: one declaration
 * per option (from which --help is printed), the common options of every
 * tool, error messages "program: where: what" and exit handling.
 * Linked by the binaries only: the library (lib/) never prints or exits.
 */
#ifndef PT_CLI_H
#define PT_CLI_H

#include "petition.h"

struct pt_opt {
	const char *name;     /* long name */
	int key;              /* short letter, or a value >= 256 */
	const char *arg;      /* metavariable, NULL for a flag */
	const char *help;     /* NULL: hidden */
	const struct pt_enum *values;   /* the codes the value takes, when fixed */
};

/* The values of --format; those of petition-add --input-format (no table). */
extern const struct pt_enum pt_cli_formats[];
#define PT_CLI_INPUT_FORMATS (pt_cli_formats + 1)

struct pt_cli {
	const char *prog;
	const char *about;               /* what it does, one line: as in its man page's NAME */
	const char *synopsis;            /* after the program name */
	const struct pt_opt *opts;       /* the tool's own, ending with {0} */
	pt_options open;
	pt_write_options out;
	enum pt_format input_format;     /* PT_FMT_AUTO unless --input-format */
	int (*on_opt)(struct pt_cli *, int key, const char *arg);
	void *data;
	bool committed;                  /* something was committed: see pt_cli_exit */
};

/* Parses argv; returns the index of the first operand, or exits. */
int pt_cli_parse(struct pt_cli *c, int argc, char **argv);
/* Prints "prog: msg" on stderr and returns code. */
int pt_cli_error(const struct pt_cli *c, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Opens the store; prints the error and returns NULL on failure. */
pt_db *pt_cli_open(struct pt_cli *c, int *code);
/* Prints every message of an error list (and how many were not kept). */
void pt_cli_errors(const struct pt_cli *c, const pt_errlist *l);
/* Flushes stdout, reports a write error (a closed pipe is quiet): after a
 * commit that is PT_EOUTPUT, the changes stand but were not all printed. */
int pt_cli_exit(const struct pt_cli *c, int code);
/* Commits, and remembers that it did for pt_cli_exit. */
int pt_cli_commit(struct pt_cli *c, pt_db *db, pt_err *e);
/* rc is a failed write to stdout, which pt_cli_exit reports (quiet for a
 * reader that went away, as `| head -1`): the caller prints nothing */
bool pt_cli_write_failed(int rc);
/* True when stdin is a pipe or a file to read records or keys from. */
bool pt_cli_stdin_has_input(void);
/* Copies a temporary file, from its start, to stdout: what a tool prints
 * after its commit. -1 on an error. */
int pt_cli_copy(FILE *from);
/* --for-unit U: checks U and withholds the petitioner's identity. */
int pt_cli_for_unit(struct pt_cli *c, pt_db *db, const char *unit);
/* With --with-personal-data: records that case id was shown unmasked. */
int pt_cli_accessed(struct pt_cli *c, pt_db *db, int64_t id);
/* Commits what pt_cli_accessed recorded; returns the exit status. */
int pt_cli_finish(struct pt_cli *c, pt_db *db, int rc);
/* Where a reading tool prints: with personal data to show, a temporary
 * file printed by pt_cli_reveal_done only once the access events are
 * committed; else stdout. NULL on an error, printed, its status in *rc. */
FILE *pt_cli_reveal(struct pt_cli *c, int *rc);
/* With personal data to show: takes the write lock before a case is read
 * (a read upgraded to a write fails at once when another process writes,
 * instead of waiting for it). Lazily, so that a tool upstream in a pipeline
 * can commit before it prints what we read. */
int pt_cli_reveal_lock(struct pt_cli *c, pt_db *db);
/* Commits the access events (pt_cli_finish), then prints what was held
 * back in out and closes it; returns the exit status. */
int pt_cli_reveal_done(struct pt_cli *c, pt_db *db, FILE *out, int rc);
/* Calls fn for every case key on stdin (ids, case numbers or uuids, plain
 * or in the records any tool prints), where = "line N" for its messages.
 * Returns the worst status; a database or usage error stops the loop. */
typedef int (*pt_key_fn)(struct pt_cli *c, pt_db *db, const char *key,
                         const char *where, void *ctx);
int pt_cli_each_key(struct pt_cli *c, pt_db *db, pt_key_fn fn, void *ctx);
/* "where: msg" on stderr, or "msg" when where is NULL; returns code. */
int pt_cli_error_at(const struct pt_cli *c, int code, const char *where, const char *msg);
/* A number option: a whole number in [lo, hi], else a usage error. */
int pt_cli_number(const struct pt_cli *c, const char *opt, const char *arg,
                  long lo, long hi, long *out);

#endif
