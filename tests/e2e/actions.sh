#!/bin/sh
# Single-row actions against the sandbox: resend with a chosen locale
# (Hybridbox), send-new on an expired Marketplace user, refusals for a
# wrong state and for a read-only profile, the greyed key line, rows
# updated in place, and nothing sent without `y`.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/e2e/tmux_lib.sh"

REC="$TMPD/actions.jsonl"
: >"$REC"
start_sandbox --record "$REC" || { not_ok "sandbox starts"; done_testing; }
write_config

# recorded ACTION FIELD...: a recorded line of that action has every field.
recorded() {
    _a=$1
    shift
    grep "\"action\":\"$_a\"" "$REC" | {
        while IFS= read -r _l; do
            _all=1
            for _f in "$@"; do
                printf '%s\n' "$_l" | grep -qF -- "$_f" || _all=0
            done
            [ $_all = 1 ] && exit 0
        done
        exit 1
    }
}
count_recorded() { grep -c "\"action\":\"$1\"" "$REC"; }

JOURNAL="$TMPD/state/invitui/journal.jsonl"
# journaled FIELD...: one journal line has every field.
journaled() {
    [ -f "$JOURNAL" ] || return 1
    while IFS= read -r _l; do
        _all=1
        for _f in "$@"; do
            printf '%s\n' "$_l" | grep -qF -- "$_f" || _all=0
        done
        [ $_all = 1 ] && return 0
    done <"$JOURNAL"
    return 1
}

# select_email TEXT: filter the table down to that e-mail, first row
# (sorted by e-mail, so "expired.fixture" comes before "old-expired.fixture").
select_email() {
    keys /
    literal "$1"
    keys Enter
    wait_re "\[1 all [12]\]" && keys g && wait_re "^. .*$1"
}

E2E_ENV="XDG_STATE_HOME=$TMPD/state"
start_tui 120 40 --config "$TMPD/config"
check "hybridbox: the table is loaded" wait_re " 1/40 *$"

check "the expired fixture is found" select_email expired.fixture@example.com
check "resend is greyed for an expired invitation" wait_re "^\[r resend\]"
check "send new is greyed on Hybridbox" wait_for "[n send new]"
keys r
check "r says why it does not apply" \
    wait_for "Only pending invitations can be resent (this one is expired)"
check "and nothing was sent" test "$(count_recorded resend)" = 0
keys n
check "n says Hybridbox has no send new" wait_for "Hybridbox has no 'send new invitation'"

keys Escape
check "Esc clears the message" wait_gone "Hybridbox has no"
keys Escape
check "Esc clears the filter" wait_for "[1 all 40]"
check "the pending fixture is found" select_email pending.fixture@example.com
check "resend is offered (not greyed)" wait_re "^r resend  \[n send new\]"
keys r
check "r opens the locale picker" wait_for "Locale of the invitation e-mail"
keys Escape
check "Esc cancels the picker" wait_for "Nothing was sent."
keys r
check "the picker is back" wait_for "Locale of the invitation e-mail"
keys g j
check "the cursor moves to the first locale" wait_re "▸ [a-z]"
loc=$(screen | sed -n 's/.*▸ \([A-Za-z-]*\).*/\1/p' | head -n 1)
keys Enter
check "the confirmation names the e-mail" \
    wait_for "Resend the invitation e-mail to pending.fixture@example.com?"
check "the account" wait_re "Account: .+ \([0-9a-f-]{36}\)"
check "the profile" wait_for "Profile: hb (hybridbox)"
check "and the chosen locale ($loc)" wait_for "Locale: $loc"
keys n
check "n cancels" wait_for "Nothing was sent."
check "nothing was recorded" test "$(count_recorded resend)" = 0
keys r
check "a cancelled choice is not remembered (no profile locale)" wait_re "▸ none"
tm resize-window -t t -x 80 -y 24
check "the picker survives a resize" wait_re "▸ none"
tm resize-window -t t -x 120 -y 40
keys j Enter
check "confirm again" wait_for "Locale: $loc"
tm resize-window -t t -x 70 -y 24
check "the confirmation is wrapped anew after a resize" wait_for "Locale: $loc"
check "and still names the e-mail" wait_for "pending.fixture@example.com?"
tm resize-window -t t -x 120 -y 40
check "and back" wait_for "Profile: hb (hybridbox)"
keys y
check "y sends and says so" wait_for "The invitation was resent to pending.fixture@example.com (locale $loc)."
check "the sandbox recorded the resend with the locale" \
    recorded resend '"email":"pending.fixture@example.com"' "\"locale\":\"$loc\"" '"status":200'
check "the row is still selected, updated in place" wait_re "pending.fixture@example.com +. pending +expires in (6d|7d|167h|168h)"
check "exactly one resend" test "$(count_recorded resend)" = 1
check "the resend is journaled with its locale and result" \
    journaled '"profile":"hb"' '"provider":"hybridbox"' '"email":"pending.fixture@example.com"' \
    '"action":"resend"' "\"locale\":\"$loc\"" '"result":"ok"'
check "one journal line so far" test "$(wc -l <"$JOURNAL")" -eq 1

# Hybridbox bulk resend: two pending rows and an expired one marked.
keys Escape
keys Escape
check "the filter is cleared" wait_for "[1 all 40]"
keys 2
check "the pending tab" wait_re "\[2 pending [0-9]+\]"
keys g Space
check "Space marks a row" wait_for "1 marked"
keys Space
check "and the next one" wait_for "2 marked"
keys 3
check "the expired tab" wait_re "\[3 expired [0-9]+\]"
keys g Space
check "an expired row marked too" wait_for "3 marked"
# Actions take the marked rows the view shows: the all tab shows all three.
keys 1
check "the all tab" wait_re "\[1 all [0-9]+\]"
keys r
check "bulk resend asks for the locale, the last one used first" wait_re "▸ $loc"
keys Enter
check "one question for the marked rows" wait_for "Resend 2 invitation e-mails?"
check "the expired one will be skipped" \
    wait_for "1 marked invitation is not eligible and will be skipped."
check "with the locale" wait_for "Locale: $loc"
keys y
check "the run finishes" wait_for "Resend: finished"
check "both sent, one skipped" wait_for "ok 2, failed 0, unknown 0, skipped 1, stopped 0"
check "the skipped one says why" wait_re "skipped +[^ ]+@[^:]+: Only pending invitations can be resent"
check "no retry offered when nothing failed" sh -c "
    ! tmux -L '$TMUX_SOCK' capture-pane -p -t t | grep -qF 'retry failed'"
check "the sandbox got two more resends, with the locale" \
    test "$(grep '"action":"resend"' "$REC" | grep -c "\"locale\":\"$loc\"")" = 3
check "three journal lines" test "$(wc -l <"$JOURNAL")" -eq 3
keys q
check "the sent ones are unmarked, the skipped one stays" wait_for "1 marked"
keys u
check "u clears it" wait_gone "1 marked"
# Typed ahead, * marks what the new tab shows, not the old tab's rows.
P=$(screen | sed -n 's/.*2 pending \([0-9]*\).*/\1/p' | head -n 1)
keys 2 '*'
check "2* marks the $P pending rows" wait_for "$P marked"
keys u
check "and u clears them" wait_gone "$P marked"

keys q
check "q quits" wait_for "invitui exited with 0"

# Marketplace: send-new on an expired user, refusal on an invited one.
restart_tui 120 40 --config "$TMPD/config" --profile mp
check "marketplace: the table is loaded" wait_re " 1/40 *$"
keys o o
check "sorted by e-mail" wait_for "sort: email"
check "the invited fixture is found" select_email invited.fixture@example.com
check "send new is greyed while Invited, resend labelled deprecated" wait_re "^r resend \(deprecated\)  \[n send new\]"
keys n
check "n says why, by the server's status" wait_for "The server says Invited: resend it"
keys r
check "resend-invite is labelled deprecated" wait_for "(resend-invite, deprecated)"
keys Escape
check "Esc cancels" wait_for "Nothing was sent."
keys Escape
keys Escape
check "the filter is cleared" wait_for "[1 all 40]"
check "the expired fixture is found" select_email expired.fixture@example.com
check "resend is greyed, send new offered" wait_re "^\[r resend \(deprecated\)\]  n send new"
keys r
check "r says to send a new one" wait_for "send a new invitation instead of resending"
keys n
check "n asks" wait_for "Send a new invitation (send-new-invite) to expired.fixture@example.com?"
check "the confirmation names the profile" wait_for "Profile: mp (marketplace)"
keys y
check "the new invitation is sent" wait_for "A new invitation was sent to expired.fixture@example.com."
check "the sandbox recorded it" \
    recorded send-new '"email":"expired.fixture@example.com"' '"status":200'
check "the row is pending now, in place" wait_re "expired.fixture@example.com .* pending +expires in"
check "send new is greyed now" wait_for "[n send new]"
check "the send-new is journaled" \
    journaled '"profile":"mp"' '"email":"expired.fixture@example.com"' '"action":"send-new"' \
    '"locale":null' '"result":"ok"'
check "the journal never holds the token" sh -c "! grep -qF '$SANDBOX_TOKEN' '$JOURNAL'"
check "the journal file is private (0600)" test "$(stat -c %a "$JOURNAL")" = 600
keys J
check "J shows the journal" wait_for "Journal, newest first (4 entries)"
# line_of REGEX: the number of the first screen line matching, or nothing.
line_of() { screen | grep -nE -- "$1" | head -n 1 | cut -d: -f1; }
newest_first() {
    _new=$(line_of 'send-new  ok  expired\.fixture@example\.com  mp')
    _old=$(line_of "resend  ok  pending\.fixture@example\.com  hb  $loc")
    [ -n "$_new" ] && [ -n "$_old" ] && [ "$_new" -lt "$_old" ]
}
check "newest first: the send-new above the resend" newest_first
keys q
check "q closes the journal" wait_gone "Journal, newest first"
keys q
check "q quits" wait_for "invitui exited with 0"

# A read-only profile refuses every action.
restart_tui 120 40 --config "$TMPD/config" --profile prod
check "read-only: the table is loaded" wait_re " 1/40 *$"
check "read-only: both actions are greyed" wait_re "^\[r resend\]  \[n send new\]"
keys r
check "read-only: r is refused with the reason" wait_for "Profile prod is read-only"
n_before=$(wc -l <"$REC")
keys n
check "read-only: n too" wait_for "Profile prod is read-only"
check "read-only: nothing was sent" test "$(wc -l <"$REC")" = "$n_before"
keys q
check "q quits" wait_for "invitui exited with 0"

# A profile's locale is the picker's default (before the last one used).
cat >>"$TMPD/config" <<CONF

[profile hbfr]
provider = hybridbox
base_url = $SANDBOX_URL
accounts = $(sandbox_hb_accounts)
token_env = E2E_TOKEN
locale = fr
CONF
restart_tui 120 40 --config "$TMPD/config" --profile hbfr
check "hbfr: the table is loaded" wait_re " 1/40 *$"
check "the pending fixture is found" select_email pending.fixture@example.com
keys r
check "the profile's locale is preselected" wait_re "▸ fr"
keys Escape
check "Esc cancels" wait_for "Nothing was sent."
keys q
check "q quits" wait_for "invitui exited with 0"
done_testing
