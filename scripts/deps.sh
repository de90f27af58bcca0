#!/usr/bin/env bash
# deps.sh - installs the Debian packages Seawall builds and tests with.
# As root it runs apt-get; otherwise it prints the exact command to run.
# Usage: scripts/deps.sh [build|test|all]   (default: all)
set -eu

build_pkgs=(gcc make pkg-config libyaml-dev libsqlite3-dev libpcap-dev libjansson-dev)
build_pkgs+=(libmicrohttpd-dev libsodium-dev)
test_pkgs=(libcmocka-dev clang libclang-rt-dev tshark sqlite3 python3 python3-yaml jq curl)
# gpsdecode: the independent oracle for the AIS decoder and the simulator's AIS encoder.
test_pkgs+=(gpsd-clients)
# openssl: makes the self-signed certificate tests/integration/web_tls.sh serves HTTPS with.
test_pkgs+=(openssl)

case "${1:-all}" in
  build) want=("${build_pkgs[@]}") ;;
  test|all) want=("${build_pkgs[@]}" "${test_pkgs[@]}") ;;
  *) echo "usage: $0 [build|test|all]" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "seawall: missing Debian packages: ${missing[*]}" >&2
  echo "seawall: run as root:  apt-get update && $cmd" >&2
  exit 1
fi
echo "seawall: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; answer for it.
echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections 2>/dev/null || true
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
