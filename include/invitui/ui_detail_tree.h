/* ui_detail_tree: the detail pane's tree for one invitation.
 *
 * Contract: parses inv->raw (the provider's object as compact JSON) with
 * jansson and adds the sections under the tree's root: the common fields,
 * then for Hybridbox one collapsed node per assignment ("role: editor", its
 * fields under it, readable in a narrow pane) and the
 * permission_context (subject, bundles, direct capabilities, resolved
 * capabilities grouped by resource with the ones that did not come directly
 * tagged TREE_TAG_BUNDLED and valued with their source note, owner
 * assignments). The API gives no per-capability source: the note names the
 * role, group or grant only when it is the invitation's single assignment,
 * else it says "[via role or group]"; for Marketplace the user,
 * account, groups, modules with settings, buyers, invitation and audit
 * objects. A raw text that does not parse adds a note instead. No curses;
 * UI thread (it translates labels). */
#ifndef INVITUI_UI_DETAIL_TREE_H
#define INVITUI_UI_DETAIL_TREE_H

#include <time.h>

#include "invitui/model.h"
#include "invitui/profile.h"
#include "invitui/tree.h"

/* An assignment node whose value is a group id (the node's id is that
 * id too): the detail pane shows the group's name there when it knows it. */
#define UI_DETAIL_TAG_GROUP TREE_TAG_USER

struct provider_ops;
/* The sections are ops->detail_keys in order, then (detail_others) the
 * members not listed there under "Other fields". */
void ui_detail_tree_build_ops(struct tree *t, const struct invitation *inv,
                              const struct provider_ops *ops, time_t now);
/* ui_detail_tree_build_ops with provider_for(kind). */
void ui_detail_tree_build(struct tree *t, const struct invitation *inv, enum provider_kind kind,
                          time_t now);

#endif
