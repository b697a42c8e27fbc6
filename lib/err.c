/* err.c - errors and error lists */
#include "pt_priv.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int pt_error(pt_err *e, int code, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return code;
	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return code;
}

struct pt_errlist {
	char **msg;
	size_t kept, count;
	int code;
};

pt_errlist *pt_errlist_new(void)
{
	return calloc(1, sizeof(pt_errlist));
}

void pt_errlist_free(pt_errlist *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->kept; i++)
		free(l->msg[i]);
	free(l->msg);
	free(l);
}

size_t pt_errlist_count(const pt_errlist *l) { return l->count; }
size_t pt_errlist_kept(const pt_errlist *l) { return l->kept; }
const char *pt_errlist_get(const pt_errlist *l, size_t i) { return l->msg[i]; }
int pt_errlist_code(const pt_errlist *l) { return l->code; }

void pt_errlist_add(pt_errlist *l, int code, const char *fmt, ...)
{
	va_list ap;
	char buf[1024];
	char **m;

	l->count++;
	if (code > l->code)
		l->code = code;
	if (l->kept >= PT_MAX_ERRORS)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	m = realloc(l->msg, (l->kept + 1) * sizeof *m);
	if (!m)
		return;
	l->msg = m;
	if ((l->msg[l->kept] = strdup(buf)))
		l->kept++;
}

int pt_buf_add(pt_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *p;

		while (cap < b->len + n + 1)
			cap *= 2;
		if (!(p = realloc(b->p, cap)))
			return -1;
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = 0;
	return 0;
}

int pt_buf_adds(pt_buf *b, const char *s)
{
	return pt_buf_add(b, s, strlen(s));
}

void pt_buf_free(pt_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}
