/* fold: text folded for searching, so that a filter finds "Müller" whether the user types
 * "müller", "MULLER", "muller" or "mueller".
 *
 * Contract:
 * - fold_append() appends the search form of s: Unicode case folding, compatibility mapping
 *   (fullwidth letters, ligatures), decomposed with the marks stripped (utf8proc: DECOMPOSE |
 *   COMPAT | CASEFOLD | STRIPMARK | IGNORE), so "Élodie" folds to "elodie" and "Straße" to
 *   "strasse". ASCII takes a fast path with the same result. Bytes below 0x20 are dropped, so
 *   a folded text never contains the separator FOLD_SEP. An invalid byte is kept as it is.
 * - fold_append_translit() appends the German transliteration's search form (ä ae, ö oe, ü ue,
 *   ß ss, in either case, precomposed or not) and returns true, or appends nothing and returns
 *   false when s has none of those letters. A haystack holds both forms; a needle is folded
 *   with fold_append() only: "mueller" then matches the transliteration, "muller" the stripped
 *   form.
 * - Pure functions, no locale, no state: safe on any thread. */
#ifndef INVITUI_FOLD_H
#define INVITUI_FOLD_H

#include <stdbool.h>

#include "invitui/util.h"

/* Between the fields of one haystack: no folded text contains it. */
#define FOLD_SEP '\n'

void fold_append(struct strbuf *out, const char *s);
bool fold_append_translit(struct strbuf *out, const char *s);
/* fold_append into a new string (NULL folds as ""). */
char *fold_string(const char *s);
/* A row's haystack, a new string: the folded e-mail, name and id separated by FOLD_SEP, then
 * the transliterations of e-mail and name that have any (each followed by FOLD_SEP). A needle
 * folded with fold_string() and found in it by strstr() never spans two fields. An id that
 * fold_is_own_fold may be left out (NULL): the searcher then reads the id itself. */
char *fold_haystack(const char *email, const char *name, const char *id);
/* Whether fold_append(s) appends s itself (printable ASCII without capitals: a UUID). */
bool fold_is_own_fold(const char *s);

#endif
