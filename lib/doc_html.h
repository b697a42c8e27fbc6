/* doc_html.h - an HTML page's pieces (lib/doc_html.c, lib/doc_svg.c),
 * written through libxml2's writer */
#ifndef PT_DOC_HTML_H
#define PT_DOC_HTML_H
#include "pt_priv.h"
#include <libxml/xmlwriter.h>
enum { PT_HTML_MAX_COLS = 128 };
/* v as page text into out (n bytes): bad UTF-8 and control characters as U+FFFD */
void pt_html_clean(const char *v, char *out, size_t n);
/* <name class="cls">text</name>; cls may be NULL. 0, or -1 when the writer failed. */
int pt_html_element(xmlTextWriterPtr w, const char *name, const char *cls, const char *text);
/* A row of n cells, each a td or th (cell), those numeric right-aligned. */
int pt_html_tr(xmlTextWriterPtr w, const char *cell, int n, const char *const *cells,
               const bool *numeric);
/* A value as a page shows it (*out: v, a label, or buf): rates in %, codes
 * by their Chinese labels with zh, times to the minute. */
void pt_html_cell(const struct pt_column *c, const char *v, bool zh, char *buf, size_t n,
                  const char **out);
/* A chart's rows, kept until it is drawn: cells as shown, row by row. */
struct pt_grid { char **cell; int ncols; size_t n, cap; };
int pt_grid_add(struct pt_grid *g, int ncols, const char *const *cells);
void pt_grid_free(struct pt_grid *g);
/* The chart of c over the rows g (of schema s), then their table. */
int pt_svg_section(xmlTextWriterPtr w, const pt_schema *s, const pt_chart *c,
                   const struct pt_grid *g, bool zh);
#endif
