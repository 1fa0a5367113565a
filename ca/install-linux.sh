#!/bin/sh
# Install (or remove) the vscmirror CA in the Linux system trust store.
#   Debian/Ubuntu: /usr/local/share/ca-certificates/ + update-ca-certificates
#   RHEL/Fedora/CentOS/Alma/Rocky: /etc/pki/ca-trust/source/anchors/ + update-ca-trust extract
#   openSUSE/SLES: /etc/pki/trust/anchors/ + update-ca-certificates
# This covers curl, wget, OpenSSL/GnuTLS programs, the `code` Rust CLI and the Remote-SSH install
# script. Chromium/Electron on Linux also reads the NSS database and Node needs NODE_EXTRA_CA_CERTS:
# see ca/README.md.
#
# Usage: sudo ./install-linux.sh [CA_FILE]        install CA_FILE (default: the data directory's ca/ca.crt)
#        sudo ./install-linux.sh --remove         remove what an earlier install added
# Exit codes: 0 done, 1 failure, 2 bad usage.
set -eu

NAME=vscmirror-ca
usage() {
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
}

remove=0
ca_file=""
while [ $# -gt 0 ]; do
    case "$1" in
        --remove) remove=1 ;;
        -h|--help) usage; exit 0 ;;
        -*) echo "install-linux.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
        *) [ -z "$ca_file" ] || { echo "install-linux.sh: only one CA_FILE" >&2; exit 2; }; ca_file=$1 ;;
    esac
    shift
done

if [ "$(id -u)" -ne 0 ]; then
    echo "install-linux.sh: the system trust store needs root; run it with sudo" >&2
    exit 1
fi

if [ -d /usr/local/share/ca-certificates ] && command -v update-ca-certificates >/dev/null 2>&1; then
    family=debian; target=/usr/local/share/ca-certificates/$NAME.crt
elif [ -d /etc/pki/ca-trust/source/anchors ] && command -v update-ca-trust >/dev/null 2>&1; then
    family=rhel; target=/etc/pki/ca-trust/source/anchors/$NAME.crt
elif [ -d /etc/pki/trust/anchors ] && command -v update-ca-certificates >/dev/null 2>&1; then
    family=suse; target=/etc/pki/trust/anchors/$NAME.crt
else
    echo "install-linux.sh: no supported trust store found (expected update-ca-certificates with" \
        "/usr/local/share/ca-certificates, or update-ca-trust with /etc/pki/ca-trust/source/anchors)" >&2
    exit 1
fi

refresh() {
    case "$family" in
        debian|suse) update-ca-certificates >/dev/null ;;
        rhel) update-ca-trust extract ;;
    esac
}

if [ "$remove" -eq 1 ]; then
    if [ ! -e "$target" ]; then
        echo "install-linux.sh: $target is not installed; nothing to remove"
        exit 0
    fi
    rm -f "$target"
    refresh
    echo "removed $target and refreshed the $family trust store"
    exit 0
fi

if [ -z "$ca_file" ]; then
    data_dir=${VSCMIRROR_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/vscmirror}
    ca_file=$data_dir/ca/ca.crt
fi
if [ ! -r "$ca_file" ]; then
    echo "install-linux.sh: cannot read $ca_file (create it with 'vscmirror ca init', or pass the ca.crt path)" >&2
    exit 1
fi
if ! grep -q -- '-----BEGIN CERTIFICATE-----' "$ca_file"; then
    echo "install-linux.sh: $ca_file is not a PEM certificate (use ca.crt, not ca.cer or ca.key)" >&2
    exit 1
fi
if command -v openssl >/dev/null 2>&1; then
    openssl x509 -in "$ca_file" -noout >/dev/null 2>&1 || {
        echo "install-linux.sh: $ca_file is not a valid certificate" >&2; exit 1; }
    echo "installing $(openssl x509 -in "$ca_file" -noout -subject)"
    echo "  $(openssl x509 -in "$ca_file" -noout -fingerprint -sha256)"
fi
# Write through a temp file so a failure never leaves half a certificate in the store.
tmp=$target.tmp.$$
cp "$ca_file" "$tmp"
chmod 644 "$tmp"
mv -f "$tmp" "$target"
refresh
echo "installed $target and refreshed the $family trust store"
echo "remove with: sudo $0 --remove"
