/* mp_fields: ASP.NET-style validation answers of the Marketplace routes
 * (400 problem details whose `errors` map is keyed by field path), shared
 * by create and the group routes so both answer alike.
 *
 * Contract: messages are kept in insertion order and grouped by field in
 * the answer; mp_field_errors_respond fills resp; the caller frees e. */
#ifndef INVITUI_SANDBOX_MP_FIELDS_H
#define INVITUI_SANDBOX_MP_FIELDS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "data.h"
#include "server.h"

struct mp_field_errors {
    struct strvec fields, messages;
};

void mp_field_error(struct mp_field_errors *e, const char *field, const char *msg);
void mp_field_errors_respond(struct sb_response *resp, struct mp_field_errors *e);
void mp_field_errors_free(struct mp_field_errors *e);
/* The request body as JSON, or NULL with the 400 already answered (an
 * error on "$", as ASP.NET words a body it cannot parse). */
json_t *mp_parse_body(struct sb_request *req, struct sb_response *resp);
/* s is PREFIX-NNNN-NNNN ("UGR", "ACC"). */
bool mp_id_matches(const char *s, const char *prefix);

/* A UserGroupDto's id (`{"id": "UGR-…"}`) at field path `field`: the
 * group's index in a, or -1 with an error added (wrong form, or not a
 * group of a). */
int mp_check_group(struct mp_field_errors *e, json_t *dto, const struct mp_account *a,
                   const char *field);
/* A list of UserGroupDtos at field path `field` ("groups", or "$" for a
 * body that is the list): their mask in a; BR-003, at least one group, is
 * an error on `field` itself. a NULL checks the form only (mask 0). */
uint32_t mp_check_group_list(struct mp_field_errors *e, json_t *list, const struct mp_account *a,
                             const char *field);

#endif
