#!/usr/bin/env bash
# deps.sh - installs the Debian packages Seawall builds and tests with.
# As root it runs apt-get; otherwise it prints the exact command to run.
# Usage: scripts/deps.sh [build|test|all]   (default: all)
set -eu

build_pkgs=(gcc make pkg-config libyaml-dev libsqlite3-dev libpcap-dev libjansson-dev)
build_pkgs+=(libmicrohttpd-dev libsodium-dev)
test_pkgs=(libcmocka-dev clang libclang-rt-dev tshark sqlite3 python3 python3-yaml jq curl)
# python3-networkx: the independent oracle for attack paths and minimum cuts
# (tests/integration/exposure_oracle.sh) and the peer in bench/exposure.
test_pkgs+=(python3-networkx)
# gpsdecode: the independent oracle for the AIS decoder and the simulator's AIS encoder.
test_pkgs+=(gpsd-clients)
# The board report's PDF (headless chromium, also the browser tests' browser), and its checks:
# pdfinfo/pdftotext/pdftoppm, and OCR of the rendered pages.
test_pkgs+=(chromium poppler-utils tesseract-ocr)
# The dashboard's browser tests: the same chromium driven by playwright-core (tests/browser, npm ci).
test_pkgs+=(nodejs)
# npm only where node came without one (a NodeSource nodejs bundles npm and conflicts with Debian's).
command -v npm >/dev/null 2>&1 || test_pkgs+=(npm)
# openssl: makes the self-signed certificate tests/integration/web_tls.sh serves HTTPS with.
test_pkgs+=(openssl)
# ss (iproute2): the UDP feed test waits for the listener's socket (tests/integration/phys_udp.sh).
test_pkgs+=(iproute2)

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
