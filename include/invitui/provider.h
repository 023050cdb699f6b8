/* provider: what a helpdesk action means for one API, behind one struct of
 * callbacks (Hybridbox, Marketplace).
 *
 * Contract: every callback is synchronous and may block on the network, so
 * the TUI calls them only from the worker thread; the CLI calls them
 * directly. They return 0, or -1 with err filled. Output structs are owned
 * by the caller. IDs from users or servers are validated (UUID for Hybridbox,
 * AUSR-/USR-/ACC-/UGR- shapes for Marketplace) and percent-encoded before
 * they enter a URL; an invalid id is API_ERR_USAGE without any request.
 * Invite POSTs are never retried. The UI asks `actions` what an invitation
 * in a given state allows instead of knowing provider rules itself.
 * create/resend/send_new refuse before any request: API_ERR_USAGE when the
 * profile is read_only, API_ERR_STATE (with the action_refusal text) when
 * the invitation's state does not allow the action at the time of the call.
 * Lists are all-or-nothing: on -1 nothing was appended to `out`.
 * Marketplace get_invitation takes the AUSR id (or, in the account form, a
 * USR id); Hybridbox has no get-one, so it filters the full list.
 * Everything else that differs is data here, so that no caller asks which
 * provider it is (tests/unit/provider_branches.sh enforces it): the create
 * form is the provider's descriptor (.form, form_desc.h: fields, rows,
 * labels, local checks, body and URL; static, read-only, UI thread), and
 * the registry (provider_for, provider_named) maps a profile's kind or the
 * name after provider = to the ops, whose needs_accounts and
 * takes_user_path are the configuration rules profile.c applies. */
#ifndef INVITUI_PROVIDER_H
#define INVITUI_PROVIDER_H

#include <stdatomic.h>
#include <stdbool.h>
#include <time.h>

#include "invitui/error.h"
#include "invitui/http.h"
#include "invitui/list_progress.h"
#include "invitui/model.h"
#include "invitui/profile.h"

struct form_desc; /* include/invitui/form_desc.h */
struct explain_owned; /* include/invitui/explain.h */

struct provider_ctx {
    const struct profile *profile;
    struct http_client *http;
    const atomic_int *cancel; /* may be NULL */
    /* The TUI's list of invitations: the rows so far while the list still
     * arrives (list_progress.h); NULL elsewhere. */
    struct list_progress *progress;
    /* The TUI's store: rows may keep the provider's object packed
     * (invitation.packed) rather than as text; the CLI wants raw. */
    bool packed_rows;
};

/* Server-side filters where the API has them; the store filters the rest. */
struct invitation_query {
    int status;          /* enum inv_status, or -1 for all */
    const char *email;   /* exact (Hybridbox) / substring (Marketplace ilike) or NULL */
    const char *search;  /* the user's search text (filtered client-side), or NULL */
};

struct create_assignment {
    char *role_key, *capability_key, *group_id, *resource_id; /* each may be NULL */
};

struct create_request {
    char *email;
    char *locale;                          /* Hybridbox */
    char *note;                            /* Hybridbox */
    struct create_assignment *assignments; /* Hybridbox */
    size_t nassignments;
    char *first_name, *last_name;          /* Marketplace */
    struct strvec groups;                  /* Marketplace UGR ids */
};

struct group {
    char *id;
    char *name;
    char *description;
    /* What the group gives, where the API says (a Marketplace user group's
     * modules[]: ids, and their names index for index, "" when unnamed). */
    struct strvec grants, grant_names;
};

struct group_list {
    struct group *v;
    size_t n, cap;
};

enum inv_action {
    INV_ACTION_RESEND = 1 << 0,   /* Hybridbox resend; Marketplace resend-invite (deprecated) */
    INV_ACTION_SEND_NEW = 1 << 1, /* Marketplace send-new-invite */
    INV_ACTION_CREATE = 1 << 2,   /* never in actions(): it needs no invitation */
    INV_ACTION_GROUPS = 1 << 3,   /* change the groups of someone who has not accepted */
    INV_ACTION_REMOVE = 1 << 4,   /* take the member out of the account */
};

/* A group change: ids to add and to remove (UGR-… for the Marketplace). */
struct group_change {
    const struct strvec *add, *remove;
};

/* The fields a create takes (the CLI's options, the create form). */
enum create_field {
    CREATE_FIELD_ASSIGNMENTS = 1 << 0, /* roles, capabilities, groups with a resource */
    CREATE_FIELD_LOCALE = 1 << 1,
    CREATE_FIELD_NOTE = 1 << 2,
    CREATE_FIELD_NAMES = 1 << 3,       /* first and last name */
    CREATE_FIELD_GROUPS = 1 << 4,      /* group ids alone */
};

struct provider_ops {
    const char *name;       /* as a profile's provider = names it; journal entries carry it */
    enum provider_kind kind; /* the profile's key for it (provider_for) */
    /* Configuration rules (invitui.conf(5)), checked by profile.c: */
    bool needs_accounts;    /* a profile must name accounts = (no published way to list them) */
    bool takes_user_path;   /* user_path = applies */
    /* Capabilities, as data: the CLI and the UI offer and word things from
     * these instead of asking which provider it is. */
    bool takes_locale;        /* create and resend send a locale */
    bool resend_deprecated;   /* resend is a deprecated endpoint */
    const char *no_locale;    /* N_(): the confirmation's locale line when !takes_locale */
    bool get_alone;           /* get_invitation finds an id without an account (with the
                               * profile's standalone user path) */
    unsigned create_fields;   /* enum create_field bits: what create_request carries */
    bool has_names;           /* invitations carry the user's name: lists show a column */
    /* The create form: its fields and rows, their labels, local validation,
     * the request and body it builds and the URL it posts to (never NULL;
     * see form_desc.h). form.c and the TUI read only this, so a provider
     * with a different form needs no change outside its own files. */
    const struct form_desc *form;
    /* The server's status word (never NULL) as what it says, before any
     * computed expiry; unknown words are INV_STATUS_OTHER. The model applies
     * the expiry time (inv_status_from). */
    enum inv_status (*status_from_raw)(const char *raw);
    /* The detail pane: the raw object's top-level members shown as sections,
     * in order (NULL-terminated; ui_detail_tree.h knows how each is shown),
     * and whether the members not listed follow under "Other fields". */
    const char *const *detail_keys;
    bool detail_others;
    int (*list_accounts)(const struct provider_ctx *ctx, struct account_list *out,
                         struct api_error *err);
    /* Every invitation of the account (every page), each with account_id set. */
    int (*list_invitations)(const struct provider_ctx *ctx, const char *account_id,
                            const struct invitation_query *q, struct invitation_list *out,
                            struct api_error *err);
    int (*get_invitation)(const struct provider_ctx *ctx, const char *account_id,
                          const char *id, struct invitation *out, struct api_error *err);
    int (*create)(const struct provider_ctx *ctx, const char *account_id,
                  const struct create_request *req, struct invitation *out,
                  struct api_error *err);
    /* locale: Hybridbox only, NULL sends no locale. */
    int (*resend)(const struct provider_ctx *ctx, const struct invitation *target,
                  const char *locale, struct invitation *out, struct api_error *err);
    int (*send_new)(const struct provider_ctx *ctx, const struct invitation *target,
                    struct invitation *out, struct api_error *err);
    int (*list_groups)(const struct provider_ctx *ctx, const char *account_id,
                       struct group_list *out, struct api_error *err);
    /* Which enum inv_action bits apply to this invitation now. */
    unsigned (*actions)(const struct invitation *inv, time_t now);
    /* Why `action` does not apply (translated), or NULL when it does. */
    const char *(*action_refusal)(const struct invitation *inv, enum inv_action action,
                                  time_t now);
    /* Fixing a wrong invitation without a new one; NULL where the API has no
     * such call, and no_groups / no_remove (N_()) say so. change_groups reads
     * the member's groups from the server, applies the change and replaces
     * them in one request; a change that leaves no group (the Marketplace's
     * BR-003) or changes nothing is API_ERR_USAGE without a write. remove
     * takes the member out of the account (the invitation link stops
     * working). Neither is ever retried. */
    int (*change_groups)(const struct provider_ctx *ctx, const struct invitation *target,
                         const struct group_change *change, struct invitation *out,
                         struct api_error *err);
    int (*remove)(const struct provider_ctx *ctx, const struct invitation *target,
                  struct api_error *err);
    const char *no_groups, *no_remove;
    /* The capability explainer (explain.h): what an invitation's raw object
     * says it grants, into a subject of its own (-1 when the raw object is
     * not one the provider can read; NULL where the API says nothing of
     * capabilities), and the documented role keys (NULL-terminated) that
     * an answer may suggest. */
    int (*explain_subject)(const struct invitation *inv, struct explain_owned *out);
    const char *const *documented_roles;
    /* list_groups fills each group's grants: a group's contents are known,
     * and the explainer reads the account's groups (action_learn_groups). */
    bool group_grants;
    /* N_(): what the explainer asks for ("Name a module …"), or NULL for
     * the capability key. */
    const char *explain_prompt;
    /* Reissue (create --from): the create request inv's raw object asks
     * for again -- e-mail, note, every assignment (Hybridbox); e-mail,
     * names and groups (Marketplace). The object carries no locale. -1
     * when the raw object cannot be read. */
    int (*reissue_request)(const struct invitation *inv, struct create_request *out);
    /* Every group the member is in, by name (raw, not display-safe),
     * appended to out; -1 when the raw object cannot be read. NULL where
     * an invitation has no groups of its own (the summary says it all). */
    int (*member_groups)(const struct invitation *inv, struct strvec *out);
};

extern const struct provider_ops provider_hybridbox;
extern const struct provider_ops provider_marketplace;
/* The registry (provider_select.c): the provider a profile's kind or a
 * provider = name stands for. provider_for never returns NULL (an unknown
 * kind gives the first provider); provider_named returns NULL for a name no
 * provider has (compared exactly). */
const struct provider_ops *provider_for(enum provider_kind kind);
const struct provider_ops *provider_named(const char *name);

void create_request_free(struct create_request *req);
void group_list_free(struct group_list *l);
void group_list_push(struct group_list *l, struct group *g); /* moves *g in */
/* Replaces each group's id and name (and its grants' names) by its display copy (sanitize.h), for a
 * list shown and completed from as it is (the create form's): what the
 * user picks is then what is sent (an id with controls is no real id and
 * the server says so). Any thread. */
void group_list_make_shown(struct group_list *l);

#endif
