#!/bin/sh
# Install (or remove) the vscmirror CA in the macOS keychain, trusted as a root for TLS.
# VS Code desktop (Chromium network stack), Safari, curl (SecureTransport builds) and the `code` CLI
# use the keychain. Node-based processes need NODE_EXTRA_CA_CERTS as well: see ca/README.md.
#
# Usage: sudo ./install-macos.sh [CA_FILE]           System keychain (all users)
#        ./install-macos.sh --user [CA_FILE]         your login keychain only (no sudo)
#        sudo ./install-macos.sh --remove [CA_FILE]  remove it again (add --user for the login keychain)
# CA_FILE defaults to ~/.local/share/vscmirror/ca/ca.crt (or $VSCMIRROR_DATA_DIR/ca/ca.crt).
# Exit codes: 0 done, 1 failure, 2 bad usage.
set -eu

usage() {
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
}

remove=0
user=0
ca_file=""
while [ $# -gt 0 ]; do
    case "$1" in
        --remove) remove=1 ;;
        --user) user=1 ;;
        -h|--help) usage; exit 0 ;;
        -*) echo "install-macos.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
        *) ca_file=$1 ;;
    esac
    shift
done

if [ "$user" -eq 1 ]; then
    keychain=$HOME/Library/Keychains/login.keychain-db
    domain_flag=""
else
    keychain=/Library/Keychains/System.keychain
    domain_flag="-d"
    if [ "$(id -u)" -ne 0 ]; then
        echo "install-macos.sh: the System keychain needs root; run it with sudo (or use --user)" >&2
        exit 1
    fi
fi

if [ -z "$ca_file" ]; then
    ca_file=${VSCMIRROR_DATA_DIR:-$HOME/.local/share/vscmirror}/ca/ca.crt
fi

if [ "$remove" -eq 1 ]; then
    if [ -r "$ca_file" ]; then
        sha1=$(openssl x509 -in "$ca_file" -noout -fingerprint -sha1 | sed 's/.*=//; s/://g')
        security remove-trusted-cert $domain_flag "$ca_file" 2>/dev/null || true
        security delete-certificate -Z "$sha1" "$keychain"
        echo "removed the CA $sha1 from $keychain"
    else
        # Without the file: every certificate named like a vscmirror root.
        found=0
        for sha1 in $(security find-certificate -a -c "vscmirror root CA" -Z "$keychain" | awk '/SHA-1/{print $3}'); do
            security delete-certificate -Z "$sha1" "$keychain"
            found=1
            echo "removed the CA $sha1 from $keychain"
        done
        [ "$found" -eq 1 ] || echo "no vscmirror CA in $keychain; nothing to remove"
    fi
    exit 0
fi

if [ ! -r "$ca_file" ]; then
    echo "install-macos.sh: cannot read $ca_file (create it with 'vscmirror ca init', or pass the ca.crt path)" >&2
    exit 1
fi
openssl x509 -in "$ca_file" -noout >/dev/null 2>&1 || {
    echo "install-macos.sh: $ca_file is not a PEM certificate (use ca.crt)" >&2; exit 1; }
echo "installing $(openssl x509 -in "$ca_file" -noout -subject)"
security add-trusted-cert $domain_flag -r trustRoot -p ssl -k "$keychain" "$ca_file"
echo "installed into $keychain (trusted for SSL)"
echo "remove with: $( [ "$user" -eq 1 ] || printf 'sudo ')$0 --remove$( [ "$user" -eq 0 ] || printf ' --user') $ca_file"
