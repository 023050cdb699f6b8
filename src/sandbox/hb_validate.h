/* hb_validate: FastAPI/Pydantic-style request validation for the Hybridbox
 * routes: collects every problem and answers 422 {"detail": [{loc, msg,
 * type}, ...]} the way the real (FastAPI) service would.
 *
 * Contract: a validation collects errors; hb_validation_respond() fills the
 * response and returns true when there were any (and frees the collector in
 * every case). Called with the state mutex held. */
#ifndef INVITUI_SANDBOX_HB_VALIDATE_H
#define INVITUI_SANDBOX_HB_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

#include "data.h"
#include "jsonw.h"
#include "server.h"

struct hb_validation {
    struct strbuf sb;
    struct jsonw w;
    size_t n;
};

void hb_validation_init(struct hb_validation *v);
/* loc is '/'-separated; all-digit parts become integers ("body/assignments/0"). */
void hb_validation_add(struct hb_validation *v, const char *loc, const char *type,
                       const char *msg);
bool hb_validation_respond(struct hb_validation *v, struct sb_response *resp);

/* Reads an optional integer query parameter into *out (unchanged if absent). */
void hb_query_long(struct hb_validation *v, const char *raw_query, const char *name, long min,
                   long max, long *out);
/* 0, or -1 after answering 422 for a path parameter that is not a UUID. */
int hb_check_uuid_path(const char *value, const char *name, struct sb_response *resp);

/* A validated InvitationCreate; assignments have everything but their ids. */
struct hb_create {
    char *email, *locale, *note;
    struct hb_assignment *asg;
    size_t n_asg;
};

int hb_parse_create(const struct sb_request *req, const struct hb_account *a,
                    struct hb_create *c, struct sb_response *resp);
void hb_create_free(struct hb_create *c);
/* ResendRequest {locale?: string|null}; *locale is NULL or owned. */
int hb_parse_resend(const struct sb_request *req, char **locale, struct sb_response *resp);
/* NULL when acceptable, else the reason (static string). */
const char *hb_email_problem(const char *email);

#endif
