# Sourced by the benchmarks: `figure NAME VALUE` keeps a figure of this run for the goals
# table that tests/bench/run.sh prints last (a script run on its own just prints its lines);
# `goals_table` prints that table: each goal of the README's Performance section next to
# what this run measured, as the ratio or time the goal is stated in.
# event_written FILE EVENT [COUNT]: FILE (INVITUI_TIMINGS lines, as timings.c writes them)
# has an EVENT line, with "count" COUNT when given; read with shell builtins only.
event_written() {
    local line
    [ -f "$1" ] || return 1
    while IFS= read -r line; do
        case $line in
        *"\"event\":\"$2\""*)
            [ -z "${3:-}" ] && return 0
            case $line in *"\"count\":$3,"* | *"\"count\":$3}"*) return 0 ;; esac
            ;;
        esac
    done <"$1"
    return 1
}

# wait_event LIMIT FILE EVENT [COUNT]: waits up to LIMIT seconds for event_written. The
# figure is the TUI's own t_ms, so the pace of the polls does not change it; their cost
# does: a poll that ran jq, date and sleep every 50 ms took about a fifth of a core from
# the TUI being measured on a 2-core machine, and curl, its yardstick, had no such guest.
# This one forks once (sleep) four times a second.
wait_event() {
    local end_s=$((SECONDS + $1))
    until event_written "$2" "$3" "${4:-}"; do
        [ "$SECONDS" -lt "$end_s" ] || return 1
        sleep 0.25
    done
}

figure() {
    [ -n "${BENCH_FIGURES:-}" ] && printf '%s %s\n' "$1" "$2" >>"$BENCH_FIGURES"
    return 0
}

goals_table() {
    awk '
    { v[$1] = $2 }
    function has(k) { return (k in v) && v[k] != "" }
    function row(what, got, goal, ok) {
        printf "  %-62s %14s   %-12s %s\n", what, got, goal, ok == "" ? "-" : (ok ? "met" : "NOT met")
    }
    END {
        printf "  %-62s %14s   %-12s %s\n", "what (this machine, sandbox on loopback)", "measured", "goal", ""
        if (has("tui_all_rows_ms") && has("curl_ms"))
            row("TUI, 100,000 Hybridbox rows all shown / curl -o /dev/null",
                sprintf("%.2fx", v["tui_all_rows_ms"] / v["curl_ms"]), "<= 1.5x",
                v["tui_all_rows_ms"] / v["curl_ms"] <= 1.5)
        else row("TUI, 100,000 Hybridbox rows all shown / curl -o /dev/null", "?", "<= 1.5x", "")
        if (has("tui_first_rows_ms") && has("first_byte_ms"))
            row("TUI, first rows painted (fresh), after the first bytes",
                sprintf("%.0f ms", v["tui_first_rows_ms"] - v["first_byte_ms"]), "<= 200 ms",
                v["tui_first_rows_ms"] - v["first_byte_ms"] <= 200)
        else row("TUI, first rows painted (fresh), after the first bytes", "?", "<= 200 ms", "")
        if (has("snapshot_first_paint_ms"))
            row("TUI, 100,000-row snapshot: first paint with rows",
                sprintf("%.0f ms", v["snapshot_first_paint_ms"]), "<= 150 ms",
                v["snapshot_first_paint_ms"] <= 150)
        else row("TUI, 100,000-row snapshot: first paint with rows", "?", "<= 150 ms", "")
        if (has("filter_key_ms"))
            row("Filter keystroke -> frame, median over a typed word, 100,000",
                sprintf("%.1f ms", v["filter_key_ms"]), "<= 5 ms", v["filter_key_ms"] <= 5)
        else row("Filter keystroke -> frame, median over a typed word, 100,000", "?", "<= 5 ms", "")
        if (has("sort_key_ms"))
            row("Sort change -> frame, 100,000 rows",
                sprintf("%.1f ms", v["sort_key_ms"]), "<= 30 ms", v["sort_key_ms"] <= 30)
        else row("Sort change -> frame, 100,000 rows", "?", "<= 30 ms", "")
        if (has("tui_peak_rss_mib"))
            row("Peak RSS of the TUI with 100,000 rows",
                sprintf("%.0f MiB", v["tui_peak_rss_mib"]), "<= 120 MB",
                v["tui_peak_rss_mib"] * 1.048576 <= 120)
        else row("Peak RSS of the TUI with 100,000 rows", "?", "<= 120 MB", "")
        if (has("hb_list_json_s_10000") && has("hb_curl_jq_s_10000") && v["hb_list_json_s_10000"] > 0)
            row("list --json, 10,000 Hybridbox, speed vs curl | jq",
                sprintf("%.2fx", v["hb_curl_jq_s_10000"] / v["hb_list_json_s_10000"]), ">= 1.5x",
                v["hb_curl_jq_s_10000"] / v["hb_list_json_s_10000"] >= 1.5)
        else row("list --json, 10,000 Hybridbox, speed vs curl | jq", "?", ">= 1.5x", "")
        if (has("mp_tui_all_rows_ms") && has("mp_list_json_ms"))
            row("TUI, 10,000 Marketplace users all shown / list --json",
                sprintf("%.2fx", v["mp_tui_all_rows_ms"] / v["mp_list_json_ms"]), "<= 1.2x",
                v["mp_tui_all_rows_ms"] / v["mp_list_json_ms"] <= 1.2)
        else row("TUI, 10,000 Marketplace users all shown / list --json", "?", "<= 1.2x", "")
    }' "$BENCH_FIGURES"
}
