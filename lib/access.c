/* access.c - who saw a petitioner's personal data: "access" events */
#include "pt_priv.h"
#include <cjson/cJSON.h>
#include <stdlib.h>

int pt_case_accessed(pt_db *db, int64_t id, const char *tool, pt_err *e)
{
	pt_record *r = pt_record_new(&pt_case_schema);
	cJSON *d = cJSON_CreateObject();
	char *details = NULL;
	int rc = PT_OK;

	if (!r || !d || !cJSON_AddStringToObject(d, "tool", tool) ||
	    !(details = cJSON_PrintUnformatted(d)))
		rc = pt_error(e, PT_EDB, "out of memory");
	if (!rc && !db->in_tx)
		rc = pt_begin(db, e);
	if (!rc)
		rc = pt_case_get(db, id, r, e);
	if (!rc)
		rc = pt_store_event_add(db, id, "access", pt_record_get(r, PT_F_STATUS),
		                        pt_record_get(r, PT_F_STATUS), details, e);
	free(details);
	cJSON_Delete(d);
	pt_record_free(r);
	return rc;
}
