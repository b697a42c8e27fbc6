/*
 * input_keys.c - case keys from a JSON line without building it: the lines
 * any tool prints are flat objects of plain values, and a batch action reads
 * only their id, case_no or uuid. A line this scanner does not fully know
 * (a nested value, a \u or unknown escape, a key with an escape, a number
 * cJSON might read otherwise, spacing JSON does not name) is left to the
 * full parse, which then says what it says of it: the scanner only ever
 * takes lines the full parse reads the same way.
 */
#include "pt_priv.h"
#include <ctype.h>
#include <string.h>

enum { MEMBERS_MAX = 128, KEY_MAX = 128, NUMBER_MAX = 32 };
enum kind { K_STRING, K_NUMBER, K_BOOL, K_NULL };

struct member {
	const char *k, *v;
	size_t klen, vlen;
	enum kind kind;
	bool escaped, plain_int;    /* a string with escapes; -?[1-9][0-9]{0,14} or 0 */
};

struct scan {
	const char *p, *end;
	struct member m[MEMBERS_MAX];
	int n;
};

static void ws(struct scan *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\r' || *s->p == '\n'))
		s->p++;
}

/* A string after its quote; false for what the scanner leaves to cJSON. */
static bool string(struct scan *s, const char **v, size_t *n, bool *escaped)
{
	const char *start = s->p;

	*escaped = false;
	for (; s->p < s->end && *s->p != '"'; s->p++) {
		if ((unsigned char)*s->p < 0x20)
			return false;
		if (*s->p == '\\') {
			if (++s->p == s->end || !strchr("\"\\/bfnrt", *s->p))
				return false;
			*escaped = true;
		}
	}
	if (s->p == s->end)
		return false;
	*v = start;
	*n = (size_t)(s->p++ - start);
	return true;
}

static size_t digits(const char *p, const char *end)
{
	size_t n = 0;

	while (p + n < end && isdigit((unsigned char)p[n]))
		n++;
	return n;
}

/* A number as JSON writes it, short enough for cJSON's buffer. */
static bool number(struct scan *s, struct member *m)
{
	const char *p = s->p, *int_start;
	size_t d;

	p += *p == '-';
	int_start = p;
	if ((d = digits(p, s->end)) == 0 || (*p == '0' && d > 1))
		return false;
	p += d;
	m->plain_int = (size_t)(p - int_start) <= 15 && !(*int_start == '0' && p > s->p + 1);
	if (p < s->end && *p == '.') {
		if ((d = digits(++p, s->end)) == 0)
			return false;
		p += d, m->plain_int = false;
	}
	if (p < s->end && (*p == 'e' || *p == 'E')) {
		p += 1 + (p + 1 < s->end && (p[1] == '+' || p[1] == '-'));
		if ((d = digits(p, s->end)) == 0)
			return false;
		p += d, m->plain_int = false;
	}
	if (p - s->p > NUMBER_MAX)
		return false;
	m->v = s->p, m->vlen = (size_t)(p - s->p);
	s->p = p;
	return true;
}

static bool literal(struct scan *s, const char *word, enum kind k, struct member *m)
{
	size_t n = strlen(word);

	if ((size_t)(s->end - s->p) < n || memcmp(s->p, word, n))
		return false;
	m->kind = k, m->v = s->p, m->vlen = n;
	s->p += n;
	return true;
}

static bool value(struct scan *s, struct member *m)
{
	if (s->p == s->end)
		return false;
	switch (*s->p) {
	case '"':
		s->p++;
		m->kind = K_STRING;
		return string(s, &m->v, &m->vlen, &m->escaped);
	case 't': return literal(s, "true", K_BOOL, m);
	case 'f': return literal(s, "false", K_BOOL, m);
	case 'n': return literal(s, "null", K_NULL, m);
	default:
		m->kind = K_NUMBER;
		return (*s->p == '-' || isdigit((unsigned char)*s->p)) && number(s, m);
	}
}

static bool member(struct scan *s)
{
	struct member *m = &s->m[s->n];
	bool esc;

	memset(m, 0, sizeof *m);
	if (s->n == MEMBERS_MAX || s->p == s->end || *s->p++ != '"' ||
	    !string(s, &m->k, &m->klen, &esc) || esc || m->klen >= KEY_MAX)
		return false;
	ws(s);
	if (s->p == s->end || *s->p++ != ':')
		return false;
	ws(s);
	if (!value(s, m))
		return false;
	s->n++;
	ws(s);
	return true;
}

/* The whole line one flat object, spaces after it only (as json_record). */
static bool scan(struct scan *s)
{
	ws(s);
	if (s->p == s->end || *s->p++ != '{')
		return false;
	ws(s);
	if (s->p < s->end && *s->p == '}')
		s->p++;
	else
		for (;;) {
			if (!member(s) || s->p == s->end)
				return false;
			if (*s->p++ == '}')
				break;
			if (s->p[-1] != ',')
				return false;
			ws(s);
		}
	for (; s->p < s->end; s->p++)
		if (!isspace((unsigned char)*s->p))
			return false;
	return true;
}

static bool key_field(int col)
{
	return col == PT_F_ID || col == PT_F_CASE_NO || col == PT_F_UUID;
}

/* A key field the scanner takes as it is: a plain string, or an id in digits. */
static bool plain_key(const struct member *m, int col)
{
	if (m->kind == K_STRING)
		return !m->escaped;
	return m->kind == K_NUMBER && col == PT_F_ID && m->plain_int;
}

/* The columns of the members, or false when a key field is not plain. */
static bool columns(const pt_schema *sc, const struct scan *s, int *cols)
{
	char k[KEY_MAX];

	for (int i = 0, next = 0; i < s->n; i++) {
		memcpy(k, s->m[i].k, s->m[i].klen);
		k[s->m[i].klen] = '\0';
		cols[i] = pt_schema_lookup_next(sc, k, next);
		next = cols[i] + 1;
		if (cols[i] >= 0 && key_field(cols[i]) && s->m[i].kind != K_NULL &&
		    !plain_key(&s->m[i], cols[i]))
			return false;
	}
	return true;
}

/* 0: the keys of a flat line in r; -1: a field given twice (message in e);
 * 1: not a line for the scanner, r untouched. */
int pt_keys_line(const pt_schema *sc, const char *line, size_t len, long lineno,
                 pt_record *r, pt_err *e)
{
	struct scan s = {.p = line, .end = line + len};
	int cols[MEMBERS_MAX];

	if (!scan(&s) || !columns(sc, &s, cols))
		return 1;
	for (int i = 0; i < s.n; i++) {
		const struct member *m = &s.m[i];
		bool key = cols[i] >= 0 && key_field(cols[i]);
		if (cols[i] < 0)
			continue;
		if (pt_record_get(r, cols[i]))
			return pt_error(e, PT_EINPUT, "line %ld: %s: given twice", lineno,
			                pt_schema_name(sc, cols[i])), -1;
		/* any other field only marked given, as json_value marks it */
		if (m->kind != K_NULL &&
		    pt_record_set(r, cols[i], key ? m->v : "", key ? m->vlen : 0,
		                  key && m->kind == K_NUMBER ? PT_V_NUMBER : PT_V_TEXT) < 0)
			return pt_error(e, PT_EDB, "out of memory"), -1;
	}
	return 0;
}
