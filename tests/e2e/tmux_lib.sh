# Helpers for the end-to-end tests: the real invitui in a private tmux
# server against a private sandbox. Sourced after tests/lib.sh.
# Nothing here sleeps for a fixed time: every wait polls for text on the
# screen with a deadline, and dumps the screen when the deadline passes.

command -v tmux >/dev/null 2>&1 || skip_all "tmux is not installed"
[ -x "$INVITUI" ] || skip_all "invitui is not built"

# A private server (lib.sh's cleanup kills it through TMUX_SOCK). Each
# start takes a socket of its own: a server told to exit by kill-server
# still accepts a connection for a moment, and a new-session sent to it
# then dies with it ("server exited unexpectedly").
TMUX_SOCK="invitui-e2e-$$-0"
tm() { tmux -L "$TMUX_SOCK" -f /dev/null "$@"; }

# write_config: $TMPD/config with one profile per provider on the sandbox,
# the token coming from the environment (never from argv). The hybridbox
# profiles name $HB_ACCOUNTS, else the sandbox's accounts (see lib.sh).
write_config() {
    _accounts=${HB_ACCOUNTS:-$(sandbox_hb_accounts)}
    cat >"$TMPD/config" <<CONF
[defaults]
profile = hb

[profile hb]
provider = hybridbox
base_url = $SANDBOX_URL
accounts = $_accounts
token_env = E2E_TOKEN

[profile mp]
provider = marketplace
base_url = $SANDBOX_URL
token_env = E2E_TOKEN

[profile prod]
provider = hybridbox
base_url = $SANDBOX_URL
accounts = $_accounts
token_env = E2E_TOKEN
read_only = true
production = true
CONF
    chmod 600 "$TMPD/config"
}

# The pane runs this wrapper: invitui, then its exit status and the tty
# modes it left behind, so tests can see the terminal was restored.
_write_runner() {
    cat >"$TMPD/run.sh" <<'RUN'
#!/bin/sh
trap "" INT  # the shell must outlive a Ctrl-C that invitui handles
"$@"
echo "invitui exited with $?"
printf 'tty modes: %s.\n' "$(stty -a | tr ' ;' '\n\n' | grep -E '^-?(icanon|echo)$' | tr '\n' ' ')"
exec sleep 3600
RUN
    chmod +x "$TMPD/run.sh"
}

# start_tui COLS ROWS [INVITUI ARGS...]: starts invitui in session "t".
# Each start has an empty cache directory of its own, so that no test sees
# the list a previous start kept (tests/e2e/cache.sh sets one in E2E_ENV).
TUI_STARTS=0
start_tui() {
    cols=$1 rows=$2
    shift 2
    _write_runner
    tm kill-server >/dev/null 2>&1 # a previous start's, if any
    TUI_STARTS=$((TUI_STARTS + 1))
    TMUX_SOCK="invitui-e2e-$$-$TUI_STARTS"
    tm new-session -d -x "$cols" -y "$rows" -s t \
        "env TERM=xterm-256color LC_ALL=C.UTF-8 LANGUAGE= TZ=UTC HOME=$TMPD \
XDG_CACHE_HOME=$TMPD/cache.$TUI_STARTS \
INPUTRC=/dev/null ESCDELAY=25 E2E_TOKEN=$SANDBOX_TOKEN ${E2E_ENV:-} \
$TMPD/run.sh $INVITUI $*" || return 1
    # A detached session could take another size (tmux#2772, #4268): pin it.
    tm set-option -g window-size manual >/dev/null 2>&1
    tm resize-window -t t -x "$cols" -y "$rows" >/dev/null 2>&1
    tm has-session -t t 2>/dev/null || { diag "tmux did not start invitui"; return 1; }
}

# restart_tui COLS ROWS [ARGS...]: a fresh session in place of the old one.
restart_tui() { start_tui "$@"; }

screen() { tm capture-pane -p -t t; }
screen_e() { tm capture-pane -p -e -t t; }
# screen_lacks_re REGEX: no line of the screen as it is now matches.
screen_lacks_re() { ! screen | grep -qE -- "$1"; }
pane_size() { tm display -p -t t '#{window_width}x#{window_height}'; }
keys() { tm send-keys -t t "$@"; }
literal() { tm send-keys -t t -l "$1"; }

# wait_for TEXT [SECONDS]: until TEXT (fixed string) is on the screen.
wait_for() {
    _end=$(( $(date +%s) + ${2:-10} ))
    until screen | grep -qF -- "$1"; do
        if [ "$(date +%s)" -ge "$_end" ]; then
            diag "timed out waiting for: $1" "screen was:"
            screen | sed 's/^/# | /'
            return 1
        fi
        sleep 0.05
    done
}

# wait_gone TEXT [SECONDS]: until TEXT is no longer on the screen.
wait_gone() {
    _end=$(( $(date +%s) + ${2:-10} ))
    while screen | grep -qF -- "$1"; do
        if [ "$(date +%s)" -ge "$_end" ]; then
            diag "timed out waiting for this to go: $1"
            screen | sed 's/^/# | /'
            return 1
        fi
        sleep 0.05
    done
}

# wait_re REGEX [SECONDS]: until an extended regex matches a screen line.
wait_re() {
    _end=$(( $(date +%s) + ${2:-10} ))
    until screen | grep -qE -- "$1"; do
        if [ "$(date +%s)" -ge "$_end" ]; then
            diag "timed out waiting for /$1/"
            screen | sed 's/^/# | /'
            return 1
        fi
        sleep 0.05
    done
}

# The pid of invitui inside the pane (a child of the runner script).
tui_pid() {
    _pane=$(tm display -p -t t '#{pane_pid}')
    pgrep -P "$_pane" -x invitui | head -n 1
}

# tty_sane: the runner printed "icanon" and "echo" (not "-icanon"). Its
# line comes a moment after "invitui exited with": wait for the line itself.
tty_sane() {
    wait_re "^tty modes: .*\.$" 10 &&
        screen | grep -qE '^tty modes: (.* )?icanon ' && screen | grep -qE '^tty modes: (.* )?echo '
}
