/*
 * cli.h - the command-line layer shared by the binaries: one declaration
 * per option (from which --help is printed), the common options of every
 * tool, error messages "program: where: what" and exit handling.
 * Linked by the binaries only: the library (lib/) never prints or exits.
 */
#ifndef PT_CLI_H
#define PT_CLI_H

#include "petition.h"

struct pt_cli;
struct pt_opt;
typedef int (*pt_opt_fn)(struct pt_cli *c, const struct pt_opt *o, const char *arg);
/* The i-th value a completion offers (code, label without spaces); -1 past the last. */
typedef int (*pt_opt_values_fn)(int i, const char **code, const char **label);

enum pt_opt_kind { PT_OPT_K_FLAG, PT_OPT_K_STRING, PT_OPT_K_NUMBER, PT_OPT_K_ENUM,
                   PT_OPT_K_MODE, PT_OPT_K_CALLBACK };

/* One option: its row declares it for getopt, --help and the completions,
 * and binds where its value goes (as git's parse-options.h). */
struct pt_opt {
	const char *name;     /* long name */
	int key;              /* short letter, or 0 */
	const char *arg;      /* metavariable, NULL for a flag */
	const char *help;     /* NULL: hidden */
	const struct pt_enum *values;   /* the codes the value takes, when fixed */
	pt_opt_values_fn more;          /* or the library's list of them */
	enum pt_opt_kind kind;
	void *var;            /* bool *, const char **, long *, int * (ENUM: the index) */
	long lo, hi;          /* NUMBER: the range; CALLBACK: lo is the callback's own */
	int *mode, mode_value;          /* non-NULL: a mode (a verb): *mode = mode_value */
	pt_opt_fn fn;         /* CALLBACK */
};

/* type checks: the pointer given must be of the type named */
#define PT_OPT_PTR_(type, p) (1 ? (p) : (type *)0)
#define PT_OPT_FLAG(n, s, v, h) \
	{.name = n, .key = s, .help = h, .kind = PT_OPT_K_FLAG, .var = PT_OPT_PTR_(bool, v)}
#define PT_OPT_STRING(n, s, meta, v, h) \
	{.name = n, .key = s, .arg = meta, .help = h, .kind = PT_OPT_K_STRING, \
	 .var = PT_OPT_PTR_(const char *, v)}
/* A string of fixed values (or lists of them) that the library checks. */
#define PT_OPT_STRING_OF(n, s, meta, v, vals, h) \
	{.name = n, .key = s, .arg = meta, .help = h, .values = vals, .kind = PT_OPT_K_STRING, \
	 .var = PT_OPT_PTR_(const char *, v)}
/* The same, its values listed by a library function. */
#define PT_OPT_STRING_FROM(n, s, meta, v, fn_, h) \
	{.name = n, .key = s, .arg = meta, .help = h, .more = fn_, .kind = PT_OPT_K_STRING, \
	 .var = PT_OPT_PTR_(const char *, v)}
/* A whole number from lo to hi. */
#define PT_OPT_NUMBER(n, s, meta, v, lo_, hi_, h) \
	{.name = n, .key = s, .arg = meta, .help = h, .kind = PT_OPT_K_NUMBER, \
	 .var = PT_OPT_PTR_(long, v), .lo = lo_, .hi = hi_}
/* One of vals, checked here: *v is its index. */
#define PT_OPT_ENUM(n, s, meta, v, vals, h) \
	{.name = n, .key = s, .arg = meta, .help = h, .values = vals, .kind = PT_OPT_K_ENUM, \
	 .var = PT_OPT_PTR_(int, v)}
/* One of the mutually exclusive modes (verbs): a second is a usage error. */
#define PT_OPT_CMDMODE(n, m, value, h) \
	{.name = n, .help = h, .kind = PT_OPT_K_MODE, .mode = PT_OPT_PTR_(int, m), \
	 .mode_value = value}
/* A mode that takes a value: a string (vals: its codes, or NULL) or a number. */
#define PT_OPT_CMDMODE_STRING(n, meta, v, vals, m, value, h) \
	{.name = n, .arg = meta, .help = h, .values = vals, .kind = PT_OPT_K_STRING, \
	 .var = PT_OPT_PTR_(const char *, v), .mode = PT_OPT_PTR_(int, m), .mode_value = value}
/* ... a string that completes from fn_ (as PT_OPT_STRING_FROM) */
#define PT_OPT_CMDMODE_STRING_FROM(n, meta, v, fn_, m, value, h) \
	{.name = n, .arg = meta, .help = h, .more = fn_, .kind = PT_OPT_K_STRING, \
	 .var = PT_OPT_PTR_(const char *, v), .mode = PT_OPT_PTR_(int, m), .mode_value = value}
#define PT_OPT_CMDMODE_NUMBER(n, meta, v, lo_, hi_, m, value, h) \
	{.name = n, .arg = meta, .help = h, .kind = PT_OPT_K_NUMBER, .var = PT_OPT_PTR_(long, v), \
	 .lo = lo_, .hi = hi_, .mode = PT_OPT_PTR_(int, m), .mode_value = value}
/* What needs code: fn(c, row, arg); data in v, an integer in lo. */
#define PT_OPT_CALLBACK(n, s, meta, fn_, v, h) \
	{.name = n, .key = s, .arg = meta, .help = h, .kind = PT_OPT_K_CALLBACK, .fn = fn_, .var = v}
#define PT_OPT_END {0}

/* The values of --format; those of petition-add --input-format (jsonl, csv). */
extern const struct pt_enum pt_cli_formats[];
extern const struct pt_enum pt_cli_input_formats[];
#define PT_CLI_INPUT_FORMATS pt_cli_input_formats

struct pt_cli {
	const char *prog;
	const char *about;               /* what it does, one line: as in its man page's NAME */
	const char *synopsis;            /* after the program name */
	const struct pt_opt *opts;       /* the tool's own, ending with {0} */
	pt_options open;
	pt_write_options out;
	enum pt_format input_format;     /* PT_FMT_AUTO unless --input-format */
	int modes;                       /* how many mode options were given */
	bool modes_later;                /* a second mode is refused by the tool, not at once */
	int header;                      /* --header: 0 en, 1 zh */
	bool committed;                  /* something was committed: see pt_cli_exit */
};

/* Parses argv; returns the index of the first operand, or exits. */
int pt_cli_parse(struct pt_cli *c, int argc, char **argv);
/* A mode given by a callback: counts it, refusing a second (PT_EUSAGE). */
int pt_cli_mode(struct pt_cli *c);
/* arg is one of o->values: its index in *i, else a usage error. */
int pt_cli_enum(const struct pt_cli *c, const struct pt_opt *o, const char *arg, int *i);
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
/* What prints text, not tables (a count, a notice): PT_OK, or with a
 * document format (--format xlsx) a usage error naming what. */
int pt_cli_text_only(const struct pt_cli *c, const char *what);
/* register.c: runs change(c, db, arg, doc, e) in one transaction (doc: a
 * temporary file when with_doc, else NULL), rolled back on an error,
 * which is printed and returned; once committed, doc is copied to stdout. */
typedef int (*pt_change_fn)(struct pt_cli *c, pt_db *db, void *arg, FILE *doc, pt_err *e);
int pt_cli_transaction(struct pt_cli *c, pt_db *db, pt_change_fn change, void *arg,
                       bool with_doc);
/* Prints the record get reads of id in the schema s and c's format (after
 * a commit: the entry as it is now); an error printed and returned. */
typedef int (*pt_get_fn)(pt_db *db, int64_t id, pt_record *r, pt_err *e);
int pt_cli_put_one(struct pt_cli *c, pt_db *db, const pt_schema *s, pt_get_fn get,
                   int64_t id);
/* Prints the entry of a register that key names (resolve) with its history
 * (show); an error printed and returned, a failed write left to pt_cli_exit. */
typedef int (*pt_resolve_fn)(pt_db *db, const char *key, int64_t *id, pt_err *e);
typedef int (*pt_show_fn)(pt_db *db, int64_t id, FILE *out, const pt_write_options *o,
                          pt_err *e);
int pt_cli_show(struct pt_cli *c, pt_db *db, const char *key, pt_resolve_fn resolve,
                pt_show_fn show);
/* Prints every record of cur in the schema s and c's format, and closes
 * it; rc is the status of the query that opened it (with its message in
 * e). Prints the error and returns it, else PT_OK. */
int pt_cli_put_cursor(struct pt_cli *c, const pt_schema *s, pt_cursor *cur, int rc,
                      pt_err *e);
/* A number option: a whole number in [lo, hi], else a usage error. */
int pt_cli_number(const struct pt_cli *c, const char *opt, const char *arg,
                  long lo, long hi, long *out);

#endif
