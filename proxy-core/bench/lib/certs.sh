# Test certificates for the benchmarks (sourced). EC P-256 throughout, like the mirror's minted leaves.

# make_ca DIR NAME: DIR/ca.key, DIR/ca.crt (EC P-256, self-signed, 2 days).
make_ca() {
  local dir=$1 name=$2
  mkdir -p "$dir"
  openssl ecparam -name prime256v1 -genkey -noout -out "$dir/ca.key" 2>/dev/null
  openssl req -x509 -new -key "$dir/ca.key" -sha256 -days 2 -subj "/CN=$name" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out "$dir/ca.crt" 2>/dev/null
}

# make_leaf CADIR OUTPREFIX HOST...: OUTPREFIX.key, OUTPREFIX.crt (leaf only) for the hosts (SAN), signed by CADIR.
make_leaf() {
  local cadir=$1 out=$2; shift 2
  local san="" h
  for h in "$@"; do san="${san:+$san,}DNS:$h"; done
  openssl ecparam -name prime256v1 -genkey -noout -out "$out.key" 2>/dev/null
  openssl req -new -key "$out.key" -subj "/CN=$1" -out "$out.csr" 2>/dev/null
  printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n' \
    "$san" >"$out.ext"
  openssl x509 -req -in "$out.csr" -CA "$cadir/ca.crt" -CAkey "$cadir/ca.key" -CAcreateserial -days 2 -sha256 \
    -extfile "$out.ext" -out "$out.crt" 2>/dev/null
  rm -f "$out.csr" "$out.ext"
}

# negotiated HOST PORT SNI: "PROTOCOL CIPHER" the server picks for OpenSSL's default client offer (what wrk sends).
negotiated() {
  timeout 10 openssl s_client -connect "$1:$2" -servername "$3" </dev/null 2>/dev/null |
    sed -n 's/^New, \(TLSv[0-9.]*\), Cipher is \(.*\)$/\1 \2/p' | head -1
}

# peer_cert OUTPREFIX HOST DATADIR: OUTPREFIX.crt (chain) and OUTPREFIX.key for a peer server: minted by the
# mirror's own CA (`vscmirror ca issue`, the same EC P-256 leaf and chain the mirror sends) when the built jar has
# it, else openssl (EC P-256, leaf only). Sets PEER_CERT_NOTE.
peer_cert() {
  local out=$1 host=$2 data=$3
  if mirror_has ca issue && java -jar "$(mirror_jar)" ca issue "$host" --data-dir "$data" --out "$out.crt" \
      --key-out "$out.key" >"$out.issue.log" 2>&1 && [ -s "$out.crt" ] && [ -s "$out.key" ]; then
    PEER_CERT_NOTE="minted by \`vscmirror ca issue\` (EC P-256 leaf + issuing CA, as the mirror sends)"
  else
    make_ca "$out-ca" "vscmirror bench peer CA"
    make_leaf "$out-ca" "$out" "$host"
    PEER_CERT_NOTE="openssl EC P-256 leaf ($(mirror_has ca issue && echo "vscmirror ca issue failed: $(tail -1 "$out.issue.log")" || echo "no \`vscmirror ca issue\` in this build"))"
  fi
}
