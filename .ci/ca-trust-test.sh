#!/bin/bash
# End-to-end check of ca/install-linux.sh on this Debian machine (run as root):
#   1. create a CA with the built vscmirror.jar in a temp data dir and mint a leaf with `ca issue`;
#   2. serve the leaf on 127.0.0.1 with `openssl s_server` (nothing leaves the machine);
#   3. curl (no --cacert) fails before the install, succeeds after it, fails again after --remove;
#   4. the system bundle /etc/ssl/certs/ca-certificates.crt is byte-identical to before.
# Prints "ca-trust-test: N passed, M failed" and one "ca-trust-test: PASS" or "ca-trust-test: FAIL: reason" line;
# exit 0 or 1. .ci/run runs it after the Maven build.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$ROOT/proxy-core/target/vscmirror.jar
BUNDLE=/etc/ssl/certs/ca-certificates.crt
JAVA_CACERTS=/etc/ssl/certs/java/cacerts
HOST=marketplace.visualstudio.com
WORK=$(mktemp -d)
SERVER_PID=""
INSTALLED=0

PASSED=0
ok() { PASSED=$((PASSED + 1)); }
fail() {
    echo "ca-trust-test: $PASSED passed, 1 failed"
    echo "ca-trust-test: FAIL: $*"
    exit 1
}

cleanup() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null
        wait "$SERVER_PID" 2>/dev/null
    fi
    if [ "$INSTALLED" -eq 1 ]; then
        "$ROOT/ca/install-linux.sh" --remove >/dev/null 2>&1
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

[ "$(id -u)" -eq 0 ] || fail "needs root (it installs into the system trust store)"
command -v update-ca-certificates >/dev/null || fail "update-ca-certificates is missing (this test is for Debian/Ubuntu)"
for tool in curl openssl java; do
    command -v "$tool" >/dev/null || fail "$tool is missing"
done
[ ! -e /usr/local/share/ca-certificates/vscmirror-ca.crt ] \
    || fail "a vscmirror CA is already installed; remove it first with: sudo ca/install-linux.sh --remove"
if [ ! -f "$JAR" ]; then
    (cd "$ROOT" && ./mvnw -B -q -DskipTests package) || fail "could not build $JAR"
fi

cp "$BUNDLE" "$WORK/bundle.before"
[ -f "$JAVA_CACERTS" ] && cp "$JAVA_CACERTS" "$WORK/java-cacerts.before"
certs_dir() { find /etc/ssl/certs -maxdepth 1 -printf '%f -> %l\n' | sort; } # names and link targets
certs_dir > "$WORK/certs-dir.before"

# 1. CA and leaf, made by the product itself
DATA=$WORK/data
java -jar "$JAR" ca init --data-dir "$DATA" > "$WORK/init.log" 2>&1 || fail "ca init: $(cat "$WORK/init.log")"
java -jar "$JAR" ca issue "$HOST" --out "$WORK/chain.pem" --key-out "$WORK/leaf.key" --data-dir "$DATA" \
    > "$WORK/issue.log" 2>&1 || fail "ca issue: $(cat "$WORK/issue.log")"
sed -n '1,/-----END CERTIFICATE-----/p' "$WORK/chain.pem" > "$WORK/leaf.pem"
sed -n '/-----END CERTIFICATE-----/,$p' "$WORK/chain.pem" | tail -n +2 > "$WORK/issuing.pem"

# 2. a local TLS server with that leaf; port 0 lets the OS pick a free one
openssl s_server -accept 127.0.0.1:0 -cert "$WORK/leaf.pem" -key "$WORK/leaf.key" \
    -cert_chain "$WORK/issuing.pem" -www > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
PORT=""
for _ in $(seq 1 100); do
    PORT=$(sed -n 's/^ACCEPT .*:\([0-9][0-9]*\)$/\1/p' "$WORK/server.log")
    [ -n "$PORT" ] && break
    sleep 0.1
done
[ -n "$PORT" ] || fail "openssl s_server did not start: $(cat "$WORK/server.log")"

probe() { # curl with the system trust store only; prints curl's exit code
    curl -sS -o /dev/null --noproxy '*' --max-time 20 --resolve "$HOST:$PORT:127.0.0.1" "https://$HOST:$PORT/" \
        2>>"$WORK/curl.log"
    echo $?
}

# 3. not trusted before, trusted after install, not trusted after removal
rc=$(probe)
[ "$rc" = 60 ] || fail "before the install curl should fail with 60 (untrusted), got $rc: $(cat "$WORK/curl.log")"
ok
"$ROOT/ca/install-linux.sh" "$DATA/ca/ca.crt" > "$WORK/install.log" 2>&1 || fail "install: $(cat "$WORK/install.log")"
INSTALLED=1
rc=$(probe)
[ "$rc" = 0 ] || fail "after the install curl failed with $rc: $(tail -1 "$WORK/curl.log")"
ok
"$ROOT/ca/install-linux.sh" --remove > "$WORK/remove.log" 2>&1 || fail "remove: $(cat "$WORK/remove.log")"
INSTALLED=0
rc=$(probe)
[ "$rc" = 60 ] || fail "after --remove curl should fail with 60 again, got $rc"
ok

# 4. the trust store is as it was
cmp -s "$BUNDLE" "$WORK/bundle.before" || fail "$BUNDLE differs from before the install"
ok
certs_dir | diff - "$WORK/certs-dir.before" > "$WORK/certs-dir.diff" || fail "/etc/ssl/certs changed: $(cat "$WORK/certs-dir.diff")"
ok
if [ -f "$WORK/java-cacerts.before" ] && ! cmp -s "$JAVA_CACERTS" "$WORK/java-cacerts.before"; then
    # ca-certificates-java's hook rewrites the JKS file; same entries, different bytes is expected there
    keytool -list -cacerts -storepass changeit 2>/dev/null | grep -c trustedCertEntry > "$WORK/java.after"
    keytool -list -keystore "$WORK/java-cacerts.before" -storepass changeit 2>/dev/null | grep -c trustedCertEntry > "$WORK/java.before"
    cmp -s "$WORK/java.after" "$WORK/java.before" || fail "the Java cacerts entry count changed"
fi

echo "ca-trust-test: $PASSED passed, 0 failed"
echo "ca-trust-test: PASS (curl trusted the minted leaf on 127.0.0.1:$PORT only while the CA was installed; $BUNDLE restored byte-identical)"
