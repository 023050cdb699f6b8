#!/bin/sh
# A server that echoes the request's Authorization header back in its error
# bodies: the token still appears nowhere (stdout, stderr, --json, the trace,
# the journal).
. "${top_srcdir:-.}/tests/lib.sh"
command -v python3 >/dev/null || skip_all "python3 is not installed"
TOKEN=reflected-$$-Zq7Rt2Wv9
ACC=3c90c3cc-0d44-4b50-8888-8dd25736052a
export XDG_STATE_HOME="$TMPD/state"
J="$XDG_STATE_HOME/invitui/journal.jsonl"
TRACE="$TMPD/trace"

cat >"$TMPD/echo.py" <<'PY'
import http.server, json, sys
class Echo(http.server.BaseHTTPRequestHandler):
    def answer(self):
        n = int(self.headers.get("Content-Length") or 0)
        if n:
            self.rfile.read(n)
        auth = self.headers.get("Authorization", "")
        body = json.dumps({"title": "Bad Request " + auth,
                           "detail": "you sent Authorization: " + auth,
                           "errors": {"email": ["not for " + auth]},
                           "traceId": auth}).encode()
        self.send_response(400)
        self.send_header("Content-Type", "application/problem+json")
        self.send_header("X-Echo", auth)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = answer
    def log_message(self, *args):
        pass
srv = http.server.HTTPServer(("127.0.0.1", 0), Echo)
print(srv.server_address[1], flush=True)
srv.serve_forever()
PY
python3 "$TMPD/echo.py" >"$TMPD/port" 2>"$TMPD/echo.err" &
# lib.sh's cleanup stops the server.
SANDBOX_PID=$!
wait_until 60 grep -q '^[0-9]' "$TMPD/port" || { not_ok "the echo server starts"; done_testing; }
CONFIG="$TMPD/config"
export INVITUI_TEST_TOKEN="$TOKEN"
printf '[profile hb]\nprovider = hybridbox\nbase_url = http://127.0.0.1:%s\ntoken_env = INVITUI_TEST_TOKEN\naccounts = %s\n' \
    "$(cat "$TMPD/port")" "$ACC" >"$CONFIG"

cli --trace "$TRACE" create --account "$ACC" --email a@example.com --role viewer --yes --json
cp "$TMPD/out" "$TMPD/create.out"; cp "$TMPD/err" "$TMPD/create.err"
check "the create fails (rc $RC)" test "$RC" -ne 0
check "with the server's error on stderr" grep -q 'you sent Authorization' "$TMPD/create.err"
check "where the token is replaced by ***" grep -q 'Authorization: Bearer \*\*\*' "$TMPD/create.err"
check "the --json error object says so too" grep -q 'Bearer \*\*\*' "$TMPD/create.out"
check "the attempt is journaled" grep -q 'Bearer \*\*\*' "$J"
check "the trace shows the echoed body" grep -q 'you sent Authorization: Bearer \*\*\*' "$TRACE"
check "and the echoed header" grep -qi 'X-Echo: Bearer \*\*\*' "$TRACE"
cli --trace "$TRACE" list --account "$ACC"
cp "$TMPD/out" "$TMPD/list.out"; cp "$TMPD/err" "$TMPD/list.err"
check "a failed list reports the error" grep -q 'you sent' "$TMPD/list.err"
for f in create.out create.err list.out list.err trace state/invitui/journal.jsonl; do
    check "no token in $f" sh -c '! grep -q "$1" "$2"' - "$TOKEN" "$TMPD/$f"
done
done_testing
