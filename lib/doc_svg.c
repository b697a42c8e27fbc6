/*
 * doc_svg.c - a page's charts: bars (grouped, or stacked by a series
 * column) of inline SVG, an axis from zero, an optional target line, a
 * legend; then the same numbers as a table (a stacked chart's as categories
 * by series, with a total). Coordinates are printed to a tenth of a pixel
 * from the numbers alone: the same rows give the same bytes.
 */
#include "doc_html.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { W = 680, LEFT = 52, RIGHT = 14, TOP = 14, PLOT_H = 190, MAX_CATS = 120,
       MAX_SERIES = 16 };
static const char *const palette[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2",
	"#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

int pt_grid_add(struct pt_grid *g, int ncols, const char *const *cells)
{
	if (g->n == g->cap) {
		size_t cap = g->cap ? 2 * g->cap : 32;
		char **p = realloc(g->cell, cap * (size_t)ncols * sizeof *p);
		if (!p)
			return -1;
		g->cell = p;
		g->cap = cap;
	}
	g->ncols = ncols;
	for (int i = 0; i < ncols; i++)
		if (!(g->cell[g->n * (size_t)ncols + (size_t)i] = strdup(cells[i]))) {
			while (i-- > 0)
				free(g->cell[g->n * (size_t)ncols + (size_t)i]);
			return -1;
		}
	g->n++;
	return 0;
}

void pt_grid_free(struct pt_grid *g)
{
	for (size_t i = 0; i < g->n * (size_t)g->ncols; i++)
		free(g->cell[i]);
	free(g->cell);
	*g = (struct pt_grid){0};
}

static const char *at(const struct pt_grid *g, size_t row, int col)
{
	return g->cell[row * (size_t)g->ncols + (size_t)col];
}

/* The chart's numbers: categories by series. */
struct plot {
	const char *cat[MAX_CATS], *ser[MAX_SERIES];
	int ncat, nser;
	double v[MAX_CATS][MAX_SERIES];     /* NAN: no value (a rate over nothing) */
	double max;
	const pt_chart *c;
	bool zh;
};

static int index_of(const char **list, int *n, int cap, const char *v)
{
	for (int i = 0; i < *n; i++)
		if (!strcmp(list[i], v))
			return i;
	if (*n == cap)
		return -1;
	list[*n] = v;
	return (*n)++;
}

static double number(const char *v)
{
	char *end;
	double d = strtod(v, &end);

	return end == v ? NAN : d;
}

/* The value columns named by c->values ("," between), at most max. */
static int value_columns(const pt_schema *s, const char *values, int *cols, int max)
{
	char buf[256], *save = NULL;
	int n = 0;

	snprintf(buf, sizeof buf, "%s", values);
	for (char *t = strtok_r(buf, ",", &save); t && n < max; t = strtok_r(NULL, ",", &save))
		if ((cols[n] = pt_schema_column(s, t)) >= 0)
			n++;
	return n;
}

static const char *label(const pt_schema *s, int col, bool zh)
{
	return zh ? s->cols[col].zh : s->cols[col].name;
}

/* Fills p from the rows; false when there is nothing to draw. */
static bool gather(struct plot *p, const pt_schema *s, const struct pt_grid *g)
{
	int x = pt_schema_column(s, p->c->x), sc = p->c->series ? pt_schema_column(s, p->c->series) : -1;
	int vc[MAX_SERIES], nv = value_columns(s, p->c->values, vc, MAX_SERIES);

	if (x < 0 || !nv || (p->c->series && sc < 0))
		return false;
	if (sc < 0)
		for (int k = 0; k < nv; k++)
			p->ser[p->nser++] = label(s, vc[k], p->zh);
	for (size_t r = 0; r < g->n; r++) {
		int i = index_of(p->cat, &p->ncat, MAX_CATS, at(g, r, x));
		if (i < 0)
			return false;
		for (int k = 0; k < (sc < 0 ? nv : 1); k++) {
			int j = sc < 0 ? k : index_of(p->ser, &p->nser, MAX_SERIES, at(g, r, sc));
			if (j < 0)
				return false;
			p->v[i][j] = number(at(g, r, vc[k]));
		}
	}
	return p->ncat > 0;
}

/* The axis' top: 1, 2 or 5 times a power of ten, at least the largest bar. */
static double axis_max(struct plot *p)
{
	double m = 0, step;

	if (p->c->rates)
		return 100;
	for (int i = 0; i < p->ncat; i++) {
		double sum = 0;
		for (int j = 0; j < p->nser; j++)
			if (!isnan(p->v[i][j]))
				sum = p->c->series ? sum + p->v[i][j] : fmax(sum, p->v[i][j]);
		m = fmax(m, sum);
	}
	if (m <= 1)
		return 1;
	step = pow(10, floor(log10(m)));
	for (int f = 1; f <= 10; f = f == 1 ? 2 : f == 2 ? 5 : 10)
		if (f * step >= m)
			return f * step;
	return 10 * step;
}

static int attr(xmlTextWriterPtr w, const char *name, const char *fmt, double v)
{
	return xmlTextWriterWriteFormatAttribute(w, BAD_CAST name, fmt, v);
}

static int shape(xmlTextWriterPtr w, const char *el, const char *const *kv, const double *v,
                 int n, const char *style)
{
	if (xmlTextWriterStartElement(w, BAD_CAST el) < 0)
		return -1;
	for (int i = 0; i < n; i++)
		if (attr(w, kv[i], "%.1f", v[i]) < 0)
			return -1;
	if (style && xmlTextWriterWriteAttribute(w, BAD_CAST "style", BAD_CAST style) < 0)
		return -1;
	return 0;       /* left open: a title or text may follow */
}

static int text(xmlTextWriterPtr w, double x, double y, const char *anchor, double rotate,
                const char *t)
{
	static const char *const kv[] = {"x", "y"};
	double v[] = {x, y};
	char buf[512];

	pt_html_clean(t, buf, sizeof buf);
	if (shape(w, "text", kv, v, 2, NULL) ||
	    xmlTextWriterWriteAttribute(w, BAD_CAST "text-anchor", BAD_CAST anchor) < 0 ||
	    (rotate && xmlTextWriterWriteFormatAttribute(w, BAD_CAST "transform",
	                                                 "rotate(%.0f %.1f %.1f)", rotate, x, y) < 0))
		return -1;
	return xmlTextWriterWriteString(w, BAD_CAST buf) < 0 || xmlTextWriterFullEndElement(w) < 0;
}

static int line(xmlTextWriterPtr w, double x1, double y1, double x2, double y2,
                const char *style)
{
	static const char *const kv[] = {"x1", "y1", "x2", "y2"};
	double v[] = {x1, y1, x2, y2};

	return shape(w, "line", kv, v, 4, style) || xmlTextWriterEndElement(w) < 0;
}

static int bar(xmlTextWriterPtr w, double x, double y, double wd, double ht, int colour,
               const char *tip)
{
	static const char *const kv[] = {"x", "y", "width", "height"};
	double v[] = {x, y, wd, ht};
	char fill[32], buf[512];

	snprintf(fill, sizeof fill, "fill:%s", palette[colour % 10]);
	pt_html_clean(tip, buf, sizeof buf);
	return shape(w, "rect", kv, v, 4, fill) || xmlTextWriterStartElement(w, BAD_CAST "title") < 0 ||
	       xmlTextWriterWriteString(w, BAD_CAST buf) < 0 ||
	       xmlTextWriterFullEndElement(w) < 0 || xmlTextWriterFullEndElement(w) < 0;
}

static void value_text(const struct plot *p, double v, char *buf, size_t n)
{
	if (p->c->rates)
		snprintf(buf, n, "%.1f%%", v);
	else
		snprintf(buf, n, "%.0f", v);
}

/* Gridlines at whole numbers of cases: 4, 5, 2 or 1 steps up to the top. */
static int steps_of(const struct plot *p)
{
	static const int tries[] = {4, 5, 2, 1};

	for (int i = 0; !p->c->rates && i < 4; i++)
		if (fmod(p->max, tries[i]) == 0)
			return tries[i];
	return 4;
}

static int axis(xmlTextWriterPtr w, const struct plot *p, double right)
{
	int steps = steps_of(p);
	char buf[32];

	for (int k = 0; k <= steps; k++) {
		double y = TOP + PLOT_H - PLOT_H * k / (double)steps;
		value_text(p, p->max * k / steps, buf, sizeof buf);
		if (line(w, LEFT, y, right, y, k ? "stroke:#ddd" : "stroke:#555") ||
		    text(w, LEFT - 4, y + 3.5, "end", 0, buf))
			return -1;
	}
	return 0;
}

static double y_of(const struct plot *p, double v)
{
	return TOP + PLOT_H - PLOT_H * fmin(v, p->max) / p->max;
}

static int bars(xmlTextWriterPtr w, const struct plot *p, double band)
{
	char tip[512], num[32];

	for (int i = 0; i < p->ncat; i++) {
		double x0 = LEFT + band * i, base = 0;
		double wd = p->c->series ? band * 0.7 : band * 0.8 / p->nser;
		for (int j = 0; j < p->nser; j++) {
			double v = p->v[i][j];
			if (isnan(v) || v <= 0)
				continue;
			double x = p->c->series ? x0 + band * 0.15 : x0 + band * 0.1 + wd * j;
			double top = p->c->series ? base + v : v;
			value_text(p, v, num, sizeof num);
			snprintf(tip, sizeof tip, "%s %s: %s", p->cat[i], p->ser[j], num);
			if (bar(w, x, y_of(p, top), wd, y_of(p, p->c->series ? base : 0) - y_of(p, top),
			        j, tip))
				return -1;
			base = top;
		}
	}
	return 0;
}

/* The categories' labels, slanted when they would not fit side by side. */
static int x_labels(xmlTextWriterPtr w, const struct plot *p, double band, bool slant)
{
	for (int i = 0; i < p->ncat; i++) {
		double x = LEFT + band * (i + 0.5), y = TOP + PLOT_H + 13;
		if (text(w, slant ? x + 3 : x, y, slant ? "end" : "middle", slant ? -40 : 0, p->cat[i]))
			return -1;
	}
	return 0;
}

static int legend(xmlTextWriterPtr w, const struct plot *p, double y)
{
	double x = LEFT;

	for (int j = 0; j < p->nser; j++) {
		double wd = 22 + 6.5 * pt_text_width(p->ser[j]);
		if (x + wd > W - RIGHT && x > LEFT) {
			x = LEFT;
			y += 16;
		}
		if (bar(w, x, y - 9, 10, 10, j, p->ser[j]) || text(w, x + 14, y, "start", 0, p->ser[j]))
			return -1;
		x += wd;
	}
	return 0;
}

static int target(xmlTextWriterPtr w, const struct plot *p, double right)
{
	char buf[64];
	double y = y_of(p, p->c->target * 100);

	snprintf(buf, sizeof buf, "%s %.1f%%", p->zh ? "目标" : "target", p->c->target * 100);
	return line(w, LEFT, y, right, y, "stroke:#c00;stroke-dasharray:5 3;stroke-width:1.5") ||
	       text(w, right, y - 3, "end", 0, buf);
}

static int legend_rows(const struct plot *p)
{
	double x = LEFT;
	int rows = 1;

	for (int j = 0; j < p->nser; j++) {
		double wd = 22 + 6.5 * pt_text_width(p->ser[j]);
		if (x + wd > W - RIGHT && x > LEFT) {
			x = LEFT;
			rows++;
		}
		x += wd;
	}
	return rows;
}

static int svg(xmlTextWriterPtr w, const struct plot *p, const char *title)
{
	double right = W - RIGHT, band = (right - LEFT) / p->ncat;
	int widest = 0;

	for (int i = 0; i < p->ncat; i++)
		widest = widest > pt_text_width(p->cat[i]) ? widest : pt_text_width(p->cat[i]);
	bool slant = widest * 6.5 > band * 0.95;
	double legend_y = TOP + PLOT_H + (slant ? 16 + widest * 5.0 : 28) + 12;
	double h = legend_y + 16.0 * legend_rows(p);

	if (xmlTextWriterStartElement(w, BAD_CAST "svg") < 0 ||
	    xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns", BAD_CAST "http://www.w3.org/2000/svg") < 0 ||
	    xmlTextWriterWriteFormatAttribute(w, BAD_CAST "viewBox", "0 0 %d %.0f", W, ceil(h)) < 0 ||
	    xmlTextWriterWriteAttribute(w, BAD_CAST "role", BAD_CAST "img") < 0 ||
	    xmlTextWriterWriteAttribute(w, BAD_CAST "font-size", BAD_CAST "10") < 0 ||
	    xmlTextWriterWriteAttribute(w, BAD_CAST "aria-label", BAD_CAST title) < 0 ||
	    axis(w, p, right) || bars(w, p, band) || x_labels(w, p, band, slant) ||
	    (p->c->target >= 0 && target(w, p, right)) || legend(w, p, legend_y))
		return -1;
	return xmlTextWriterFullEndElement(w) < 0 ? -1 : 0;
}

/* The numbers of a stacked chart: a row per category, a column per series. */
static int pivot(xmlTextWriterPtr w, const struct plot *p, const char *x_label)
{
	const char *cells[MAX_SERIES + 2];
	char num[MAX_SERIES + 1][32];
	bool numeric[MAX_SERIES + 2] = {false};

	cells[0] = x_label;
	for (int j = 0; j < p->nser; j++)
		cells[j + 1] = p->ser[j];
	cells[p->nser + 1] = p->zh ? "合计" : "total";
	if (pt_html_tr(w, "th", p->nser + 2, cells, numeric))
		return -1;
	for (int j = 1; j < p->nser + 2; j++)
		numeric[j] = true;
	for (int i = 0; i < p->ncat; i++) {
		double sum = 0;
		cells[0] = p->cat[i];
		for (int j = 0; j < p->nser; j++) {
			double v = isnan(p->v[i][j]) ? 0 : p->v[i][j];
			snprintf(num[j], sizeof num[j], "%.0f", v);
			cells[j + 1] = num[j];
			sum += v;
		}
		snprintf(num[p->nser], sizeof num[p->nser], "%.0f", sum);
		cells[p->nser + 1] = num[p->nser];
		if (pt_html_tr(w, "td", p->nser + 2, cells, numeric))
			return -1;
	}
	return 0;
}

static int rows_table(xmlTextWriterPtr w, const pt_schema *s, const struct pt_grid *g, bool zh)
{
	const char *cells[PT_HTML_MAX_COLS] = {NULL};
	bool numeric[PT_HTML_MAX_COLS] = {false};
	int n = s->ncols < PT_HTML_MAX_COLS ? s->ncols : PT_HTML_MAX_COLS;

	for (int i = 0; i < n; i++) {
		cells[i] = label(s, i, zh);
		numeric[i] = false;
	}
	if (pt_html_tr(w, "th", n, cells, numeric))
		return -1;
	for (int i = 0; i < n; i++)
		numeric[i] = s->cols[i].type == PT_T_INT;
	for (size_t r = 0; r < g->n; r++) {
		for (int i = 0; i < n; i++)
			cells[i] = at(g, r, i);
		if (pt_html_tr(w, "td", n, cells, numeric))
			return -1;
	}
	return 0;
}

int pt_svg_section(xmlTextWriterPtr w, const pt_schema *s, const pt_chart *c,
                   const struct pt_grid *g, bool zh)
{
	struct plot *p = calloc(1, sizeof *p);
	int rc = 0;
	bool drawn;

	if (!p)
		return -1;
	p->c = c;
	p->zh = zh;
	/* too many categories or series for a chart: the rows alone */
	if ((drawn = gather(p, s, g))) {
		p->max = axis_max(p);
		rc = svg(w, p, c->caption ? c->caption : "");
	}
	if (!rc)
		rc = xmlTextWriterStartElement(w, BAD_CAST "table") < 0;
	if (!rc && drawn && c->series)
		rc = pivot(w, p, label(s, pt_schema_column(s, c->x), zh));
	else if (!rc)
		rc = rows_table(w, s, g, zh);
	free(p);
	return rc || xmlTextWriterFullEndElement(w) < 0 ? -1 : 0;
}
