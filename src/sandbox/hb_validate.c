#include "config.h"

#include "hb_validate.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "invitui/util.h"

void hb_validation_init(struct hb_validation *v)
{
    strbuf_init(&v->sb);
    jsonw_init(&v->w, &v->sb);
    v->n = 0;
    jsonw_obj_begin(&v->w);
    jsonw_key(&v->w, "detail");
    jsonw_arr_begin(&v->w);
}

void hb_validation_add(struct hb_validation *v, const char *loc, const char *type,
                       const char *msg)
{
    struct jsonw *w = &v->w;

    jsonw_obj_begin(w);
    jsonw_key(w, "loc");
    jsonw_arr_begin(w);
    for (const char *p = loc; *p;) {
        size_t len = strcspn(p, "/");
        char *part = xstrndup(p, len);
        bool digits = len > 0 && strspn(part, "0123456789") == len;
        if (digits)
            jsonw_int(w, strtoll(part, NULL, 10));
        else
            jsonw_str(w, part);
        free(part);
        p += len + (p[len] == '/');
    }
    jsonw_arr_end(w);
    jsonw_kstr(w, "msg", msg);
    jsonw_kstr(w, "type", type);
    jsonw_obj_end(w);
    v->n++;
}

bool hb_validation_respond(struct hb_validation *v, struct sb_response *resp)
{
    if (!v->n) {
        strbuf_free(&v->sb);
        return false;
    }
    jsonw_arr_end(&v->w);
    jsonw_obj_end(&v->w);
    sb_respond(resp, 422, &v->sb, "application/json");
    return true;
}

void hb_query_long(struct hb_validation *v, const char *raw_query, const char *name, long min,
                   long max, long *out)
{
    char *value = sb_query_get(raw_query, name);
    char *loc = xasprintf("query/%s", name);
    long n;

    if (!value) {
        free(loc);
        return;
    }
    if (util_parse_long(value, -2147483647L, 2147483647L, &n) < 0) {
        hb_validation_add(v, loc, "int_parsing",
                          "Input should be a valid integer, unable to parse string as an integer");
    } else if (n < min) {
        char *msg = xasprintf("Input should be greater than or equal to %ld", min);
        hb_validation_add(v, loc, "greater_than_equal", msg);
        free(msg);
    } else if (n > max) {
        char *msg = xasprintf("Input should be less than or equal to %ld", max);
        hb_validation_add(v, loc, "less_than_equal", msg);
        free(msg);
    } else {
        *out = n;
    }
    free(loc);
    free(value);
}

int hb_check_uuid_path(const char *value, const char *name, struct sb_response *resp)
{
    struct sb_uuid u;
    struct hb_validation v;

    if (data_uuid_parse(value, &u) == 0)
        return 0;
    hb_validation_init(&v);
    char *loc = xasprintf("path/%s", name);
    hb_validation_add(&v, loc, "uuid_parsing", "Input should be a valid UUID");
    free(loc);
    hb_validation_respond(&v, resp);
    return -1;
}

const char *hb_email_problem(const char *email)
{
    const char *at = strchr(email, '@');

    if (!at || strchr(at + 1, '@'))
        return "The email address is not valid. It must have exactly one @-sign.";
    if (at == email)
        return "There must be something before the @-sign.";
    if (!at[1])
        return "There must be something after the @-sign.";
    if (strlen(email) > 254 || at - email > 64)
        return "The email address is too long.";
    for (const unsigned char *p = (const unsigned char *)email; *p; p++)
        if (*p <= ' ' || *p == 0x7f || *p == '"' || *p == '(' || *p == ')' || *p == ',' ||
            *p == ';' || *p == '<' || *p == '>' || *p == '[' || *p == ']' || *p == '\\')
            return "The email address contains invalid characters.";
    const char *domain = at + 1;
    const char *dot = strrchr(domain, '.');
    if (!dot || dot == domain || !dot[1] || strstr(domain, "..") || domain[0] == '.')
        return "The part after the @-sign is not valid. It should have a period.";
    if (email[0] == '.' || at[-1] == '.' || strstr(email, ".."))
        return "The email address contains an invalid use of periods.";
    return NULL;
}

static void optional_string(struct hb_validation *v, json_t *obj, const char *key,
                            const char *loc, char **out)
{
    json_t *j = json_object_get(obj, key);

    if (!j || json_is_null(j))
        return;
    if (!json_is_string(j)) {
        hb_validation_add(v, loc, "string_type", "Input should be a valid string");
        return;
    }
    *out = xstrdup(json_string_value(j));
}

/* Parses the body as a JSON object or reports json_invalid / missing. */
static json_t *load_body(const struct sb_request *req, struct hb_validation *v)
{
    json_error_t jerr;
    json_t *root;

    if (req->body_len == 0) {
        hb_validation_add(v, "body", "missing", "Field required");
        return NULL;
    }
    root = json_loadb(req->body, req->body_len, JSON_DECODE_ANY, &jerr);
    if (!root) {
        char *loc = xasprintf("body/%d", jerr.position);
        hb_validation_add(v, loc, "json_invalid", "JSON decode error");
        free(loc);
        return NULL;
    }
    if (!json_is_object(root)) {
        hb_validation_add(v, "body", "model_attributes_type",
                          "Input should be a valid dictionary or object to extract fields from");
        json_decref(root);
        return NULL;
    }
    return root;
}

static int lookup_group(const struct hb_account *a, const char *id)
{
    struct sb_uuid u;

    if (data_uuid_parse(id, &u) < 0)
        return -1;
    for (size_t i = 0; i < a->n_groups; i++)
        if (data_uuid_eq(&a->groups[i].id, &u))
            return (int)i;
    return -1;
}

/* The optional grant_kind / resource_type / resource_id of an assignment. */
static void parse_scope(struct hb_validation *v, json_t *j, size_t i, const struct hb_account *a,
                        struct hb_assignment *s)
{
    char *loc, *val = NULL;
    int idx;

    loc = xasprintf("body/assignments/%zu/grant_kind", i);
    optional_string(v, j, "grant_kind", loc, &val);
    if (val && (idx = data_lookup(hb_grant_kinds, hb_n_grant_kinds, val)) < 0)
        hb_validation_add(v, loc, "enum",
                          "Input should be 'capability', 'account_owner' or 'super_admin'");
    else if (val)
        s->grant_kind = (uint8_t)idx;
    free(loc);
    free(val);
    val = NULL;
    loc = xasprintf("body/assignments/%zu/resource_type", i);
    optional_string(v, j, "resource_type", loc, &val);
    if (val && (idx = data_lookup(hb_resource_types, hb_n_resource_types, val)) < 0)
        hb_validation_add(v, loc, "enum", "Input should be a known resource type");
    else if (val)
        s->resource_type = (uint8_t)idx;
    free(loc);
    free(val);
    val = NULL;
    loc = xasprintf("body/assignments/%zu/resource_id", i);
    optional_string(v, j, "resource_id", loc, &val);
    if (val && data_uuid_parse(val, &s->resource_id) < 0)
        hb_validation_add(v, loc, "uuid_parsing", "Input should be a valid UUID");
    free(loc);
    free(val);
    if (data_uuid_is_zero(&s->resource_id) && s->kind != HB_ASG_GROUP) {
        s->resource_id = a->id;
        if (s->resource_type == 0xff)
            s->resource_type = 1; /* account */
    }
}

static void parse_assignment(struct hb_validation *v, json_t *j, size_t i,
                             const struct hb_account *a, struct hb_assignment *s)
{
    char *role = NULL, *cap = NULL, *group = NULL, *loc;

    memset(s, 0, sizeof(*s));
    s->grant_kind = s->resource_type = 0xff;
    s->group = -1;
    if (!json_is_object(j)) {
        loc = xasprintf("body/assignments/%zu", i);
        hb_validation_add(v, loc, "model_attributes_type",
                          "Input should be a valid dictionary or object to extract fields from");
        free(loc);
        return;
    }
    loc = xasprintf("body/assignments/%zu/role_key", i);
    optional_string(v, j, "role_key", loc, &role);
    free(loc);
    loc = xasprintf("body/assignments/%zu/capability_key", i);
    optional_string(v, j, "capability_key", loc, &cap);
    free(loc);
    loc = xasprintf("body/assignments/%zu/group_id", i);
    optional_string(v, j, "group_id", loc, &group);
    free(loc);
    int given = (role != NULL) + (cap != NULL) + (group != NULL);
    if (given != 1) {
        loc = xasprintf("body/assignments/%zu", i);
        hb_validation_add(v, loc, "value_error",
                          "Value error, an assignment needs exactly one of role_key, "
                          "capability_key or group_id");
        free(loc);
    } else if (role) {
        int r = data_lookup(hb_roles, hb_n_roles, role);
        s->kind = HB_ASG_ROLE;
        s->role = (uint8_t)(r < 0 ? 0 : r);
        loc = xasprintf("body/assignments/%zu/role_key", i);
        if (r < 0)
            hb_validation_add(v, loc, "value_error", "Value error, unknown role_key");
        free(loc);
    } else if (cap) {
        int c = data_lookup(hb_capabilities, hb_n_capabilities, cap);
        s->kind = HB_ASG_CAPABILITY;
        s->capability = (uint8_t)(c < 0 ? 0 : c);
        s->grant_kind = 0;
        loc = xasprintf("body/assignments/%zu/capability_key", i);
        if (c < 0)
            hb_validation_add(v, loc, "value_error", "Value error, unknown capability_key");
        free(loc);
    } else {
        s->kind = HB_ASG_GROUP;
        s->group = (int16_t)lookup_group(a, group);
        loc = xasprintf("body/assignments/%zu/group_id", i);
        if (s->group < 0)
            hb_validation_add(v, loc, "value_error", "Value error, unknown group_id");
        free(loc);
    }
    parse_scope(v, j, i, a, s);
    if (s->kind == HB_ASG_CAPABILITY && s->grant_kind == 1)
        s->kind = HB_ASG_OWNER;
    free(role);
    free(cap);
    free(group);
}

static void parse_assignments(struct hb_validation *v, json_t *root, const struct hb_account *a,
                              struct hb_create *c)
{
    json_t *arr = json_object_get(root, "assignments");

    if (!arr) {
        hb_validation_add(v, "body/assignments", "missing", "Field required");
        return;
    }
    if (!json_is_array(arr)) {
        hb_validation_add(v, "body/assignments", "list_type", "Input should be a valid list");
        return;
    }
    size_t n = json_array_size(arr);
    if (n == 0) {
        hb_validation_add(v, "body/assignments", "too_short",
                          "List should have at least 1 item after validation, not 0");
        return;
    }
    if (n > 64) {
        hb_validation_add(v, "body/assignments", "too_long",
                          "List should have at most 64 items after validation");
        return;
    }
    c->asg = xcalloc(n, sizeof(*c->asg));
    c->n_asg = n;
    for (size_t i = 0; i < n; i++)
        parse_assignment(v, json_array_get(arr, i), i, a, &c->asg[i]);
}

int hb_parse_create(const struct sb_request *req, const struct hb_account *a,
                    struct hb_create *c, struct sb_response *resp)
{
    struct hb_validation v;
    json_t *root, *email;

    memset(c, 0, sizeof(*c));
    hb_validation_init(&v);
    root = load_body(req, &v);
    if (root) {
        email = json_object_get(root, "email");
        if (!email) {
            hb_validation_add(&v, "body/email", "missing", "Field required");
        } else if (!json_is_string(email)) {
            hb_validation_add(&v, "body/email", "string_type", "Input should be a valid string");
        } else {
            const char *problem = hb_email_problem(json_string_value(email));
            if (problem) {
                char *msg = xasprintf("value is not a valid email address: %s", problem);
                hb_validation_add(&v, "body/email", "value_error", msg);
                free(msg);
            } else {
                c->email = xstrdup(json_string_value(email));
            }
        }
        parse_assignments(&v, root, a, c);
        optional_string(&v, root, "locale", "body/locale", &c->locale);
        optional_string(&v, root, "note", "body/note", &c->note);
        json_decref(root);
    }
    if (hb_validation_respond(&v, resp)) {
        hb_create_free(c);
        return -1;
    }
    return 0;
}

void hb_create_free(struct hb_create *c)
{
    free(c->email);
    free(c->locale);
    free(c->note);
    free(c->asg);
    memset(c, 0, sizeof(*c));
}

int hb_parse_resend(const struct sb_request *req, char **locale, struct sb_response *resp)
{
    struct hb_validation v;
    json_t *root;

    *locale = NULL;
    hb_validation_init(&v);
    root = load_body(req, &v);
    if (root) {
        optional_string(&v, root, "locale", "body/locale", locale);
        json_decref(root);
    }
    if (hb_validation_respond(&v, resp)) {
        free(*locale);
        *locale = NULL;
        return -1;
    }
    return 0;
}
