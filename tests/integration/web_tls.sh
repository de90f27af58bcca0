#!/usr/bin/env bash
# web_tls.sh - `seawall serve --tls-cert --tls-key` with a self-signed
# certificate made by openssl: curl trusting that certificate gets the API
# over HTTPS, an untrusting client and plain HTTP on the same port get
# nothing, and the TLS-only protections (HSTS, __Host- Secure cookie) are on.
. "$(dirname "$0")/lib.sh"
DB="$TMP/tls.db"
SERVER_PID=
trap '[ -n "$SERVER_PID" ] && kill -TERM "$SERVER_PID" 2>/dev/null; rm -rf "$TMP"' EXIT
command -v openssl >/dev/null || { echo "1..0 # SKIP openssl is not installed"; exit 0; }
command -v curl >/dev/null || { echo "1..0 # SKIP curl is not installed"; exit 0; }

# self_signed NAME SUBJECT [EXTENSION]: NAME.pem and NAME-key.pem, P-256, two days.
self_signed() {
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "$2" ${3:+-addext "$3"} \
    -keyout "$TMP/$1-key.pem" -out "$TMP/$1.pem" -batch >/dev/null 2>&1
}
check "openssl makes a self-signed certificate for 127.0.0.1" self_signed cert "/CN=127.0.0.1" "subjectAltName=IP:127.0.0.1"
check "and another one" self_signed other "/CN=other"

expect_exit 3 "a certificate file that is not there is unreadable input" \
  "$SEAWALL" serve --db "$DB" --listen 127.0.0.1:0 --tls-cert "$TMP/none.pem" --tls-key "$TMP/cert-key.pem"
users=$(sqlite3 "$DB" 'SELECT count(*) FROM web_users' 2>/dev/null || echo 0)
[ "$users" = 0 ] && ! grep -q 'one-time password' "$TMP/last.out" \
  && ok "a start refused for its TLS files creates no account and spends no one-time password" \
  || not_ok "a refused start created $users account(s)"
expect_exit 3 "a key that does not match the certificate is refused" \
  "$SEAWALL" serve --db "$TMP/mismatch.db" --listen 127.0.0.1:0 --tls-cert "$TMP/cert.pem" --tls-key "$TMP/other-key.pem"

start_server() {
  "$SEAWALL" serve --db "$DB" --listen 127.0.0.1:0 --tls-cert "$TMP/cert.pem" --tls-key "$TMP/cert-key.pem" >"$1" 2>"$1.err" &
  SERVER_PID=$!
  PORT=
  for _ in $(seq 1 100); do
    PORT=$(sed -n 's/^seawall serve: listening on https:\/\/127\.0\.0\.1:\([0-9]*\) .*/\1/p' "$1")
    [ -n "$PORT" ] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}
check "seawall serve starts with the certificate and says https" start_server "$TMP/serve.out"
OTP=$(sed -n 's/^seawall serve: one-time password: //p' "$TMP/serve.out")
URL="https://127.0.0.1:$PORT"

st=$(curl -s --cacert "$TMP/cert.pem" -o "$TMP/openapi.json" -D "$TMP/h1" -w '%{http_code}' "$URL/api/openapi.json")
[ "$st" = 200 ] && ok "curl --cacert gets /api/openapi.json over HTTPS" || not_ok "HTTPS with the CA gave '$st'"
grep -q '"openapi":"3.1.0"' "$TMP/openapi.json" && ok "the document arrives whole" || not_ok "no OpenAPI document"
grep -qi '^strict-transport-security: max-age=' "$TMP/h1" && ok "HSTS is sent over TLS" || not_ok "no HSTS header"

curl -s -o /dev/null "$URL/api/openapi.json"; rc=$?
[ "$rc" -eq 60 ] && ok "a client that does not trust the certificate refuses it (curl exit 60)" \
  || not_ok "untrusting client: curl exit $rc, want 60"
curl -s -o /dev/null --cacert "$TMP/other.pem" "$URL/api/openapi.json"; rc=$?
[ "$rc" -eq 60 ] && ok "another certificate as the CA does not verify it" || not_ok "wrong CA: curl exit $rc"

st=$(curl -s -o "$TMP/plain.out" -w '%{http_code}' --max-time 10 "http://127.0.0.1:$PORT/api/openapi.json"); rc=$?
# Exit 7 would be a refused connection: the server must have accepted and then refused to talk.
kill -0 "$SERVER_PID" 2>/dev/null && [ "$rc" -ne 0 ] && [ "$rc" -ne 7 ] && [ "$st" = 000 ] && [ ! -s "$TMP/plain.out" ] \
  && ok "plain HTTP on the TLS port gets no HTTP answer (curl exit $rc)" \
  || not_ok "plain HTTP got status '$st' (curl exit $rc)"

curl -s --cacert "$TMP/cert.pem" -D "$TMP/h2" -o "$TMP/login.json" -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$OTP\"}" "$URL/api/v1/login"
grep -i "^set-cookie:" "$TMP/h2" >"$TMP/cookie"
grep -q '__Host-sw_session=' "$TMP/cookie" && grep -qi 'secure' "$TMP/cookie" && grep -qi 'httponly' "$TMP/cookie" \
  && ok "login over TLS sets a __Host- cookie that is Secure and HttpOnly" || not_ok "cookie: $(cat "$TMP/cookie")"
COOKIE=$(sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\);.*/\1/p' "$TMP/cookie")
st=$(curl -s --cacert "$TMP/cert.pem" -o "$TMP/me.json" -w '%{http_code}' -H "Cookie: $COOKIE" "$URL/api/v1/me")
[ "$st" = 200 ] && grep -q '"role":"cso"' "$TMP/me.json" && ok "the session works over TLS" || not_ok "/me over TLS: $st"

kill -TERM "$SERVER_PID"
for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
wait "$SERVER_PID"; rc=$?; SERVER_PID=
[ "$rc" -eq 0 ] && ok "SIGTERM stops the TLS server cleanly" || not_ok "exit $rc after SIGTERM"
done_testing
