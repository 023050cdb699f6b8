/* ui_detail_tree: the detail pane's tree for one invitation.
 *
 * Contract: parses inv->raw (the provider's object as compact JSON) with
 * jansson and adds the sections under the tree's root: the common fields,
 * then for Hybridbox the assignments as a small table and the
 * permission_context (subject, bundles, direct capabilities, resolved
 * capabilities grouped by resource with the ones that did not come directly
 * tagged TREE_TAG_BUNDLED, owner assignments); for Marketplace the user,
 * account, groups, modules with settings, buyers, invitation and audit
 * objects. A raw text that does not parse adds a note instead. No curses;
 * UI thread (it translates labels). */
#ifndef INVITUI_UI_DETAIL_TREE_H
#define INVITUI_UI_DETAIL_TREE_H

#include <time.h>

#include "invitui/model.h"
#include "invitui/profile.h"
#include "invitui/tree.h"

struct provider_ops;
/* The sections are ops->detail_keys in order, then (detail_others) the
 * members not listed there under "Other fields". */
void ui_detail_tree_build_ops(struct tree *t, const struct invitation *inv,
                              const struct provider_ops *ops, time_t now);
/* ui_detail_tree_build_ops with provider_for(kind). */
void ui_detail_tree_build(struct tree *t, const struct invitation *inv, enum provider_kind kind,
                          time_t now);

#endif
