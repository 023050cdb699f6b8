#include "config.h"

#include "mp_fields.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "marketplace.h"

void mp_field_error(struct mp_field_errors *e, const char *field, const char *msg)
{
    strvec_push(&e->fields, field);
    strvec_push(&e->messages, msg);
}

void mp_field_errors_free(struct mp_field_errors *e)
{
    strvec_free(&e->fields);
    strvec_free(&e->messages);
}

void mp_field_errors_respond(struct sb_response *resp, struct mp_field_errors *e)
{
    struct strbuf sb;
    struct jsonw w;

    strbuf_init(&sb);
    jsonw_init(&w, &sb);
    mp_problem_begin(&w, 400, "One or more validation errors occurred.", NULL,
                     resp->instance);
    jsonw_key(&w, "errors");
    jsonw_obj_begin(&w);
    for (size_t i = 0; i < e->fields.n; i++) {
        bool seen = false;
        for (size_t k = 0; k < i; k++)
            seen |= strcmp(e->fields.v[k], e->fields.v[i]) == 0;
        if (seen)
            continue;
        jsonw_key(&w, e->fields.v[i]);
        jsonw_arr_begin(&w);
        for (size_t k = i; k < e->fields.n; k++)
            if (strcmp(e->fields.v[k], e->fields.v[i]) == 0)
                jsonw_str(&w, e->messages.v[k]);
        jsonw_arr_end(&w);
    }
    jsonw_obj_end(&w);
    jsonw_obj_end(&w);
    sb_respond(resp, 400, &sb, "application/problem+json");
}

json_t *mp_parse_body(struct sb_request *req, struct sb_response *resp)
{
    json_error_t jerr;
    json_t *root = json_loadb(req->body ? req->body : "", req->body_len, 0, &jerr);

    if (!root) {
        struct mp_field_errors e = { { 0 }, { 0 } };
        char *msg = xasprintf("The JSON value could not be parsed: %s", jerr.text);
        mp_field_error(&e, "$", msg);
        free(msg);
        mp_field_errors_respond(resp, &e);
        mp_field_errors_free(&e);
    }
    return root;
}

bool mp_id_matches(const char *s, const char *prefix)
{
    size_t p = strlen(prefix);

    if (strlen(s) != p + 10 || strncmp(s, prefix, p) != 0 || s[p] != '-' || s[p + 5] != '-')
        return false;
    for (size_t i = p + 1; i < p + 10; i++)
        if (i != p + 5 && !isdigit((unsigned char)s[i]))
            return false;
    return true;
}

int mp_check_group(struct mp_field_errors *e, json_t *dto, const struct mp_account *a,
                   const char *field)
{
    json_t *id = json_is_object(dto) ? json_object_get(dto, "id") : NULL;
    int gi = -1;

    if (!json_is_string(id) || !mp_id_matches(json_string_value(id), "UGR"))
        mp_field_error(e, field, "The field Id must match the regular expression "
                                 "'^UGR-\\d{4}-\\d{4}$'.");
    else if (a && !data_mp_group((struct mp_account *)a, json_string_value(id), &gi))
        mp_field_error(e, field, "The user group does not exist in the account.");
    return a ? gi : -1;
}

uint32_t mp_check_group_list(struct mp_field_errors *e, json_t *list, const struct mp_account *a,
                             const char *field)
{
    uint32_t mask = 0;

    if (!json_is_array(list) || json_array_size(list) == 0) {
        mp_field_error(e, field, "At least one user group is required.");
        return 0;
    }
    for (size_t i = 0; i < json_array_size(list); i++) {
        char *path = xasprintf("%s[%zu].id", field, i);
        int gi = mp_check_group(e, json_array_get(list, i), a, path);
        if (gi >= 0)
            mask |= 1u << gi;
        free(path);
    }
    return mask;
}
