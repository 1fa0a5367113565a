#!/usr/bin/env bash
# Makes the fake upstream's own test CA and one server certificate for every Microsoft name it answers.
# Usage: make-certs.sh DIR   -> DIR/ca.crt (trust this), DIR/server.crt, DIR/server.key
set -euo pipefail
dir="$1"; mkdir -p "$dir"; cd "$dir"
openssl ecparam -name prime256v1 -genkey -noout -out ca.key 2>/dev/null
openssl req -x509 -new -key ca.key -sha256 -days 2 -subj "/CN=vscmirror acceptance fake upstream CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out ca.crt 2>/dev/null
openssl ecparam -name prime256v1 -genkey -noout -out server.key 2>/dev/null
openssl req -new -key server.key -subj "/CN=marketplace.visualstudio.com" -out server.csr 2>/dev/null
cat > server.ext <<'X'
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=DNS:marketplace.visualstudio.com,DNS:*.gallery.vsassets.io,DNS:*.gallerycdn.vsassets.io,DNS:update.code.visualstudio.com,DNS:vscode.download.prss.microsoft.com,DNS:az764295.vo.msecnd.net,DNS:main.vscode-cdn.net,DNS:www.vscode-unpkg.net,DNS:*.vscode-unpkg.net,DNS:mobile.events.data.microsoft.com
X
openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -sha256 -extfile server.ext -out server.crt 2>/dev/null
rm -f server.csr server.ext ca.srl
