/* groups.c - a report's counts by key, in a small open-addressing table */
#include "pt_priv.h"
#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static struct group *slot(struct groups *t, const char *key)
{
	size_t i = hash(key) & (t->cap - 1);

	while (t->g[i].key && strcmp(t->g[i].key, key))
		i = (i + 1) & (t->cap - 1);
	return &t->g[i];
}

static int grow(struct groups *t)
{
	struct groups n = {calloc(t->cap ? t->cap * 2 : 256, sizeof *n.g), 0,
	                   t->cap ? t->cap * 2 : 256};

	if (!n.g)
		return -1;
	for (size_t i = 0; i < t->cap; i++)
		if (t->g[i].key) {
			*slot(&n, t->g[i].key) = t->g[i];
			n.n++;
		}
	free(t->g);
	*t = n;
	return 0;
}

struct group *pt_groups_find(struct groups *t, const char *key, bool add)
{
	struct group *g;

	if (!t->cap || (add && (t->n + 1) * 2 > t->cap)) {
		if (!add || grow(t))
			return NULL;
	}
	g = slot(t, key);
	if (!g->key && add) {
		if (!(g->key = strdup(key)))
			return NULL;
		t->n++;
	}
	return g->key ? g : NULL;
}

void pt_groups_free(struct groups *t)
{
	for (size_t i = 0; i < t->cap; i++)
		free(t->g[i].key);
	free(t->g);
}

