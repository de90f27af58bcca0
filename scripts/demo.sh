#!/usr/bin/env bash
# demo.sh - `make demo`: the sample port end to end. Each step is one `step`
# line; add a step by adding a line (the database is build/demo/seawall.db).
set -euo pipefail
cd "$(dirname "$0")/.."

SEAWALL=${SEAWALL:-build/seawall}
PORT=examples/aurora/port.yaml
DEMO=build/demo
export SEAWALL_DB="$DEMO/seawall.db"

# step "what this shows" COMMAND... : prints a header, then runs the command.
bold='' plain=''
if [ -t 1 ]; then bold=$'\033[1m' plain=$'\033[0m'; fi
step() {
  local what=$1; shift
  printf '\n%s== %s%s\n$ %s\n' "$bold" "$what" "$plain" "$*"
  "$@"
}

# step_findings: the same, for commands that exit 1 to say they found something.
step_findings() {
  local what=$1; shift
  printf '\n%s== %s%s\n$ %s\n' "$bold" "$what" "$plain" "$*"
  "$@" || [ $? -eq 1 ]
}

# A fresh database each run, so the demo shows a first load.
rm -rf "$DEMO"
mkdir -p "$DEMO"

step "validate the sample port model" "$SEAWALL" check "$PORT"
step "load it into $SEAWALL_DB" "$SEAWALL" init "$PORT"
step "the port at a glance" "$SEAWALL" summary
step "its IEC 62443 zones" "$SEAWALL" zones
step "the crown jewels" "$SEAWALL" assets --criticality crown-jewel
step "simulate 5 minutes of its traffic (seed 1)" "$SEAWALL" sim --model "$PORT" --seed 1 --duration 5m --out "$DEMO/sim"
step "what the passive sensor sees in it" "$SEAWALL" sense --no-progress --pcap "$DEMO/sim/traffic.pcap"
step "store what it saw in $SEAWALL_DB" "$SEAWALL" sense --no-progress --model "$PORT" --store --pcap "$DEMO/sim/traffic.pcap"
step "declared assets the wire contradicts (weakness w6)" "$SEAWALL" assets --state mismatch
step "devices on the port's networks that nobody declared" "$SEAWALL" assets --state shadow
step "the inventory from the wire: crane-t2" "$SEAWALL" hosts --zone crane-t2
step_findings "attack paths from the crane camera to a T2 crane PLC (w1 + w7: CCTV -> engineering workstation -> PLC)" "$SEAWALL" exposure --from quay-camera --to sts-t2-01-plc
step_findings "attack paths from the vendor VPN to a T1 crane PLC (w2)" "$SEAWALL" exposure --from vendor-vpn --to sts-t1-01-plc
