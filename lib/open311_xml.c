/* open311_xml.c - Open311 documents in XML (libxml2): <service_requests>
 * of <request>s, <services> of <service>s. Read without the network,
 * without a DOCTYPE (so no entity is ever declared or expanded) and within
 * libxml2's default size limits. */
#include "open311.h"
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

struct pt_o311_writer {
	FILE *out;
	xmlBufferPtr buf;
	xmlTextWriterPtr w;
	const struct pt_o311_kind *kind;
	bool failed;
};

/* Moves what the writer holds to out. */
static void drain(pt_o311_writer *x)
{
	if (xmlTextWriterFlush(x->w) < 0)
		x->failed = true;
	if (xmlBufferLength(x->buf) &&
	    fwrite(xmlBufferContent(x->buf), 1, (size_t)xmlBufferLength(x->buf), x->out) !=
	    (size_t)xmlBufferLength(x->buf))
		x->failed = true;
	xmlBufferEmpty(x->buf);
}

pt_o311_writer *pt_o311_xml_new(FILE *out, const struct pt_o311_kind *k)
{
	pt_o311_writer *x = calloc(1, sizeof *x);

	if (!x || !(x->buf = xmlBufferCreate()) || !(x->w = xmlNewTextWriterMemory(x->buf, 0))) {
		if (x)
			xmlBufferFree(x->buf);
		free(x);
		return NULL;
	}
	x->out = out, x->kind = k;
	xmlTextWriterSetIndent(x->w, 1);
	xmlTextWriterSetIndentString(x->w, BAD_CAST "  ");
	if (xmlTextWriterStartDocument(x->w, NULL, "UTF-8", NULL) < 0 ||
	    xmlTextWriterStartElement(x->w, BAD_CAST k->root) < 0)
		x->failed = true;
	return x;
}

int pt_o311_xml_put(pt_o311_writer *x, const char *const *v)
{
	if (xmlTextWriterStartElement(x->w, BAD_CAST x->kind->item) < 0)
		x->failed = true;
	for (int i = 0; i < x->kind->nkeys; i++)
		if (xmlTextWriterWriteElement(x->w, BAD_CAST x->kind->keys[i],
		                              BAD_CAST(v[i] ? v[i] : "")) < 0)
			x->failed = true;
	if (xmlTextWriterEndElement(x->w) < 0)
		x->failed = true;
	drain(x);
	return x->failed ? -1 : 0;
}

int pt_o311_xml_close(pt_o311_writer *x)
{
	bool failed;

	if (xmlTextWriterEndDocument(x->w) < 0)    /* closes the root */
		x->failed = true;
	drain(x);
	failed = x->failed || fflush(x->out) != 0;
	xmlFreeTextWriter(x->w);
	xmlBufferFree(x->buf);
	free(x);
	return failed ? -1 : 0;
}

/* --- reading --------------------------------------------------------------- */

static bool named(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* agency_responsible: its text, or its <recipient>'s (the first). */
static const xmlNode *agency_node(const xmlNode *n)
{
	const xmlNode *first = NULL;

	for (const xmlNode *c = n->children; c; c = c->next) {
		if (named(c, "recipient"))
			return c;
		if (c->type == XML_ELEMENT_NODE && !first)
			first = c;
	}
	return first ? first : n;
}

static int take_field(struct pt_o311_req *q, int f, const xmlNode *n, pt_err *e)
{
	xmlChar *text = xmlNodeGetContent(f == PT_O_AGENCY ? agency_node(n) : n);
	int rc = text && pt_o311_set(q, f, (const char *)text, strlen((const char *)text)) ?
	         pt_error(e, PT_EDB, "out of memory") : PT_OK;

	xmlFree(text);
	return rc;
}

static int take_request(const xmlNode *req, struct pt_open311_requests *l, pt_err *e)
{
	struct pt_o311_req *q = pt_o311_push(l);
	int rc;

	if (!q)
		return pt_error(e, PT_EDB, "out of memory");
	for (const xmlNode *c = req->children; c; c = c->next) {
		int f = c->type == XML_ELEMENT_NODE ? pt_o311_field((const char *)c->name) : -1;
		if (f >= 0 && (rc = take_field(q, f, c, e)))
			return rc;
	}
	return PT_OK;
}

static int take_document(const xmlDoc *doc, struct pt_open311_requests *l, pt_err *e)
{
	const xmlNode *root = xmlDocGetRootElement(doc);
	int rc;

	if (doc->intSubset || doc->extSubset)
		return pt_error(e, PT_EINPUT, "input: a DOCTYPE is not taken");
	if (!root || !named(root, pt_o311_requests.root))
		return pt_error(e, PT_EINPUT, "input: the root element is not <service_requests>");
	for (const xmlNode *c = root->children; c; c = c->next)
		if (named(c, pt_o311_requests.item) && (rc = take_request(c, l, e)))
			return rc;
	return PT_OK;
}

int pt_o311_xml_read(const char *buf, size_t n, struct pt_open311_requests *l, pt_err *e)
{
	/* no network, no entity substitution, no DTD loaded, no message printed */
	const int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
	xmlDocPtr doc;
	int rc;

	if (n > (size_t)INT_MAX)
		return pt_error(e, PT_EINPUT, "input: too large");
	if (!(doc = xmlReadMemory(buf, (int)n, NULL, "UTF-8", opts))) {
		const xmlError *x = xmlGetLastError();
		return pt_error(e, PT_EINPUT, "input: line %d: not well-formed XML", x ? x->line : 0);
	}
	rc = take_document(doc, l, e);
	xmlFreeDoc(doc);
	return rc;
}
