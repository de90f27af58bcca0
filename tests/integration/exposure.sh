#!/usr/bin/env bash
# exposure.sh - `seawall exposure` on the sample port: the CCTV path (quay
# camera -> a host that may program the PLC -> T2 crane PLC, weakness w1) and
# the vendor VPN path (w2) with their choke points, derived from the model
# below; then flows from a simulator run add "observed policy violation" steps.
. "$(dirname "$0")/lib.sh"
MODEL=$SEAWALL_SRC/examples/aurora/port.yaml
DB=$TMP/seawall.db
J() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); $2" "$1"; }

# Model only: no --db and no ./seawall.db, so no flows; exit 1 = findings.
cd "$TMP" || exit 1
unset SEAWALL_DB
expect_exit 1 "exposure on the model alone" "$SEAWALL" exposure --model "$MODEL" --to sts-t2-01-plc
"$SEAWALL" exposure --model "$MODEL" --from quay-camera --to sts-t2-01-plc --k 5 --json >"$TMP/cam.json"
check "quay camera JSON parses" J "$TMP/cam.json" "assert d['targets'][0]['asset']=='sts-t2-01-plc'"

# w1: the quay camera sits on the T2 crane VLAN (zone crane-t2), so from it an
# attacker reaches the remote operator stations, the crane HMIs and the CMS
# server (hosts in the PLC's may_write) and the PLC itself with no conduit in
# between. The best path goes camera -> such a workstation -> PLC.
check "CCTV path: camera -> operator/engineering host in may_write -> crane PLC" J "$TMP/cam.json" "
p=d['targets'][0]['paths'][0]
assert p['chain'][:2]==['quay-camera','cam-sts-t2-01-ptz'], p['chain']
assert p['chain'][-1]=='sts-t2-01-plc'
assert p['chain'][2] in ('ros-t2-01','ros-t2-02','crane-ctl-t2-01','sts-t2-01-hmi','ews-02','ews-05'), p['chain']
assert p['steps'][-1]['means']=='ics-engineering', p['steps'][-1]"
check "CCTV path: the direct enip step from the camera's zone is listed too" J "$TMP/cam.json" "
assert any(p['chain']==['quay-camera','cam-sts-t2-01-ptz','sts-t2-01-plc'] and p['steps'][-1]['means']=='ics-unauthorised' for p in d['targets'][0]['paths'])"
# The entry point reaches only the camera, so hardening that one asset cuts
# every path (vertex cut {cam-sts-t2-01-ptz}); among edges, the PLC's own
# exposure inside crane-t2 must be closed, since the camera shares its zone.
check "CCTV choke point (assets): exactly the crane camera" J "$TMP/cam.json" "
c=d['targets'][0]['choke_points']['assets']
assert c['cut_exists'] and [i['id'] for i in c['items']]==['cam-sts-t2-01-ptz'], c
assert c['items'][0]['paths_cut']==len(d['targets'][0]['paths'])"
check "CCTV choke point (edges): the PLC's exposure inside crane-t2" J "$TMP/cam.json" "
c=d['targets'][0]['choke_points']['edges']
assert c['cut_exists']
assert any(i['kind']=='edge' and i['from']=='crane-t2' and i['to']=='sts-t2-01-plc' for i in c['items']), c"

"$SEAWALL" exposure --model "$MODEL" --from vendor-vpn --to sts-t1-01-plc --k 8 --json >"$TMP/vpn.json"
# w2: vendor-vpn lands in vendor-dmz and straight in crane-t1; conduit
# w2-vendor-crane-t1 carries s7comm from vendor-dmz to the PLCs.
check "vendor VPN path over conduit w2 (s7comm) to the T1 PLC" J "$TMP/vpn.json" "
ps=d['targets'][0]['paths']
assert any(p['chain']==['vendor-vpn','vendor-dmz','sts-t1-01-plc'] and p['steps'][-1].get('conduit')=='w2-vendor-crane-t1'
           and p['steps'][-1]['service']=='s7comm' for p in ps), [p['chain'] for p in ps]"
check "vendor VPN path straight into crane-t1" J "$TMP/vpn.json" "
assert any(p['chain'][:2]==['vendor-vpn','crane-t1'] for p in d['targets'][0]['paths'])"
# Because the VPN reaches the zone crane-t1 itself, no set of assets cuts it:
# only closing w2 together with the PLC's exposure inside crane-t1 does.
check "vendor VPN: no asset cut exists (the VPN lands in the PLC's zone)" J "$TMP/vpn.json" "
assert not d['targets'][0]['choke_points']['assets']['cut_exists']"
check "vendor VPN choke points (edges): conduit w2 and the PLC inside crane-t1" J "$TMP/vpn.json" "
c=d['targets'][0]['choke_points']['edges']['items']
assert any(i['kind']=='conduit' and i['id']=='w2-vendor-crane-t1' and i['paths_cut']>0 for i in c), c
assert any(i['kind']=='edge' and i['from']=='crane-t1' and i['to']=='sts-t1-01-plc' for i in c), c"

"$SEAWALL" exposure --model "$MODEL" --from vendor-vpn --to sts-t1-01-plc --k 8 >"$TMP/vpn.txt"
check "human output shows the chain and choke points" grep -q "vendor-vpn -> \[vendor-dmz\] -> sts-t1-01-plc (crown jewel)" "$TMP/vpn.txt"
check "human output names conduit w2 as a choke point" grep -q "conduit w2-vendor-crane-t1 .*cuts [1-9]" "$TMP/vpn.txt"

# Usage errors.
expect_exit 2 "unknown entry point" "$SEAWALL" exposure --model "$MODEL" --from nowhere
expect_exit 2 "bad --k" "$SEAWALL" exposure --model "$MODEL" --k 0
expect_exit 3 "unreadable model" "$SEAWALL" exposure --db "$TMP/none.db" --model "$TMP/missing.yaml"

# Observed flows: simulate, sense into the store, and analyse from the store.
expect_exit 0 "init" "$SEAWALL" init --db "$DB" "$MODEL"
expect_exit 0 "simulate 10 minutes" "$SEAWALL" sim --model "$MODEL" --seed 7 --duration 10m --out "$TMP/s"
expect_exit 0 "sense --store" "$SEAWALL" sense --model "$MODEL" --store --db "$DB" --pcap "$TMP/s/traffic.pcap" --no-progress
"$SEAWALL" flows --db "$DB" --violations --json >"$TMP/viol.json"
expect_exit 1 "exposure from the store (model path from init)" "$SEAWALL" exposure --db "$DB" --json
"$SEAWALL" exposure --db "$DB" --json >"$TMP/all.json"
check "every crown jewel analysed" J "$TMP/all.json" "assert len(d['targets'])==24 and d['graph']['observed_flows']>0"
# Every stored violation between declared assets whose target is a crown
# jewel must appear as an observed-policy-violation step with its flow count.
check "observed policy violations become path steps" J "$TMP/all.json" "
v=json.load(open('$TMP/viol.json'))
cj={t['asset'] for t in d['targets']}
want=[f for f in v if f.get('dst_asset') in cj]
assert want, 'the simulation produced no violation towards a crown jewel'
for f in want:
  t=[t for t in d['targets'] if t['asset']==f['dst_asset']][0]
  steps=[s for p in t['paths'] for s in p['steps'] if s['means']=='observed-policy-violation']
  assert any(s['observed']['src_ip']==f['src'] and s['observed']['dst_port']==f['dst_port'] and s['observed']['flows']>=1 for s in steps), (f, steps)"
# Known vulnerabilities are steps: after importing the samples, the KEV-listed
# CVE-2016-8562 on the T1 STS-01 PLC (S7-1500 with CP 1543-1 V1.1) is the
# last step of its most likely paths, at KEV's step probability 0.95.
"$SEAWALL" vulns import --db "$DB" "$SEAWALL_SRC"/tests/data/vulns/*.json >/dev/null
"$SEAWALL" exposure --db "$DB" --to sts-t1-01-plc --json >"$TMP/kev.json"
check "KEV CVE on sts-t1-01-plc is a known-vulnerability step" J "$TMP/kev.json" "
ps=d['targets'][0]['paths']
s=ps[0]['steps'][-1]
assert s['means']=='known-vulnerability' and s['vulnerability']=='CVE-2016-8562' and abs(s['p']-0.95)<1e-9, s"
done_testing
