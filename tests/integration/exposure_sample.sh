#!/usr/bin/env bash
# exposure_sample.sh - the quality bar of `seawall exposure` on the sample
# port: the CCTV -> engineering workstation -> crane PLC path (w1 + w7) and
# the vendor VPN path (w2), each step with its means, and the choke points,
# which are derived by hand below from examples/aurora/port.yaml.
. "$(dirname "$0")/lib.sh"
MODEL=$SEAWALL_SRC/examples/aurora/port.yaml
J() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); $2" "$1"; }
cd "$TMP" || exit 1
unset SEAWALL_DB        # model only: no flows, no vulnerabilities

expect_exit 0 "the sample port checks clean (w7 included)" "$SEAWALL" check "$MODEL"
check "w7 conduit declared: crane-t2 -> eng-ws over smb" grep -q "id: w7-crane-t2-ews-smb" "$MODEL"

"$SEAWALL" exposure --model "$MODEL" --from quay-camera --to sts-t2-01-plc --k 10 --json >"$TMP/cam.json"

# The path camera -> engineering workstation -> crane PLC, by hand:
#  1. entry point quay-camera (physical, p 0.2) reaches cam-sts-t2-01-ptz, a
#     crane camera on the T2 crane VLAN (w1);
#  2. w7: conduit crane-t2 -> eng-ws allows smb (a remote service, p 0.5), so
#     the camera reaches ews-02 and ews-05 over SMB;
#  3. both are in sts-t2-01-plc's may_write and conduit eng-ws -> crane-t2
#     carries enip: engineering access (p 0.9).
#  Likelihood 0.2 x 0.5 x 0.9 = 0.09.
check "CCTV -> eng workstation -> crane PLC path, with each step's means" J "$TMP/cam.json" "
ps=d['targets'][0]['paths']
hits=[p for p in ps if p['chain'][:2]==['quay-camera','cam-sts-t2-01-ptz'] and len(p['chain'])==4
      and p['chain'][2] in ('ews-02','ews-05') and p['chain'][3]=='sts-t2-01-plc']
assert len(hits)==2, [p['chain'] for p in ps]
for p in hits:
  s=p['steps']
  assert [x['means'] for x in s]==['entry','remote-service','ics-engineering'], s
  assert s[0]['entry_point']=='quay-camera' and abs(s[0]['p']-0.2)<1e-9
  assert s[1]['service']=='smb' and s[1]['conduit']=='w7-crane-t2-ews-smb' and abs(s[1]['p']-0.5)<1e-9, s[1]
  assert s[2]['conduit']=='eng-ws->crane-t2' and abs(s[2]['p']-0.9)<1e-9, s[2]
  assert abs(p['likelihood']-0.09)<1e-9, p['likelihood']"
# Ranking: four in-zone paths through a PLC writer on crane-t2 (telnet-class
# 0.7 x may_write 0.9 = 0.126) and the direct ICS step (0.6 -> 0.12) outrank it.
check "the ranking is by likelihood and the eng-workstation paths follow the in-zone ones" J "$TMP/cam.json" "
ps=d['targets'][0]['paths']
l=[p['likelihood'] for p in ps]
assert l==sorted(l,reverse=True), l
r=[p['rank'] for p in ps if len(p['chain'])==4 and p['chain'][2] in ('ews-02','ews-05')]
assert r==[6,7], r"

# Asset choke point, by hand: quay-camera reaches only cam-sts-t2-01-ptz and
# every path leaves from it, so {cam-sts-t2-01-ptz} is a vertex cut of size 1,
# and no smaller one exists.
check "CCTV choke point (assets): the crane camera alone, cutting every path" J "$TMP/cam.json" "
c=d['targets'][0]['choke_points']['assets']
assert c['cut_exists'] and [i['id'] for i in c['items']]==['cam-sts-t2-01-ptz'], c
assert c['items'][0]['paths_cut']==len(d['targets'][0]['paths'])"
# Edge choke points, by hand: the camera's foothold is the zone crane-t2 (not
# cuttable), so a cut must separate crane-t2 from the PLC. Units leaving
# crane-t2 that lead to the PLC: four conduits - w1 back to cctv (its
# tcp/1024-65535 covers enip 44818 into the PLC), w7 to eng-ws (may_write
# hosts), crane-t2 -> tos (the reverse of the bidirectional TOS conduit; the
# TOS reaches the CMS, a may_write host) and crane-t2 -> ot-services (the
# historian reaches the CMS over opcua) - and five in-zone exposures: the PLC
# itself and its four writers on the VLAN (crane-ctl-t2-01, ros-t2-01,
# ros-t2-02, sts-t2-01-hmi). 9 units; the PLC's own in-units are also 9
# (crane-t2, six may_write hosts, the eng-ws and w1 conduits), so 9 is the
# minimum and the cut nearest the entry is the one above.
check "CCTV choke points (edges): w1, w7, the two other crane-t2 conduits and five in-zone exposures" J "$TMP/cam.json" "
c=d['targets'][0]['choke_points']['edges']
assert c['cut_exists']
conduits=sorted(i['id'] for i in c['items'] if i['kind']=='conduit')
edges=sorted((i['from'],i['to']) for i in c['items'] if i['kind']=='edge')
assert conduits==sorted(['w1-cctv-crane-t2','w7-crane-t2-ews-smb','tos->crane-t2','crane-t2->ot-services']), conduits
assert edges==sorted(('crane-t2',a) for a in ['sts-t2-01-plc','crane-ctl-t2-01','ros-t2-01','ros-t2-02','sts-t2-01-hmi']), edges
w7=[i for i in c['items'] if i.get('id')=='w7-crane-t2-ews-smb'][0]
assert w7['paths_cut']==2, w7"

"$SEAWALL" exposure --model "$MODEL" --from quay-camera --to sts-t2-01-plc --k 10 >"$TMP/cam.txt"
check "human output shows the eng-workstation path and w7" grep -q "quay-camera -> cam-sts-t2-01-ptz -> ews-02 -> sts-t2-01-plc (crown jewel)" "$TMP/cam.txt"
check "human output names conduit w7 as a choke point" grep -q "conduit w7-crane-t2-ews-smb .*cuts 2 of 10" "$TMP/cam.txt"

# The vendor VPN path (w2), by hand: vendor-vpn (remote-access, p 0.4)
# lands in vendor-dmz, and conduit w2-vendor-crane-t1 carries s7comm to
# sts-t1-01-plc (ICS unauthenticated, p 0.6): 0.24. It also lands in crane-t1
# itself, where the PLC is exposed with no asset in between.
"$SEAWALL" exposure --model "$MODEL" --from vendor-vpn --to sts-t1-01-plc --k 8 --json >"$TMP/vpn.json"
check "vendor VPN path: vendor-dmz -> s7comm over w2 -> T1 PLC" J "$TMP/vpn.json" "
ps=d['targets'][0]['paths']
p=[p for p in ps if p['chain']==['vendor-vpn','vendor-dmz','sts-t1-01-plc']]
assert len(p)==1, [x['chain'] for x in ps]
s=p[0]['steps']
assert [x['means'] for x in s]==['entry','ics-unauthorised'] and s[1]['conduit']=='w2-vendor-crane-t1' and s[1]['service']=='s7comm', s
assert abs(p[0]['likelihood']-0.24)<1e-9"
check "vendor VPN: no asset cut (the VPN lands in the PLC's zone)" J "$TMP/vpn.json" "
assert not d['targets'][0]['choke_points']['assets']['cut_exists']"
# Edge cut, by hand: the entry lands in two zones. From vendor-dmz three
# conduits lead on (w2 into crane-t1, vendor-dmz -> ot-dmz RDP to the jump
# hosts and on to the engineering workstations, vendor-dmz -> soc whose
# administration reaches ot-dmz); from crane-t1 the PLC and its two writers
# on the VLAN (crane-ctl-t1-01, sts-t1-01-hmi) plus the two conduits out of
# crane-t1 that come back (to tos, to ot-services). 3 + 5 = 8.
check "vendor VPN choke points (edges): the eight units, w2 cutting the most listed paths" J "$TMP/vpn.json" "
c=d['targets'][0]['choke_points']['edges']['items']
conduits=sorted(i['id'] for i in c if i['kind']=='conduit')
edges=sorted((i['from'],i['to']) for i in c if i['kind']=='edge')
assert conduits==sorted(['w2-vendor-crane-t1','vendor-dmz->ot-dmz','vendor-dmz->soc','tos->crane-t1','crane-t1->ot-services']), conduits
assert edges==sorted(('crane-t1',a) for a in ['sts-t1-01-plc','crane-ctl-t1-01','sts-t1-01-hmi']), edges
assert max(c,key=lambda i:i['paths_cut'])['id']=='w2-vendor-crane-t1'"
# With observed flows: the simulator's camera-chain scenario (a crane camera
# RDPs to an engineering workstation, then writes to crane PLCs; ground
# truth names the hosts) puts an observed policy violation camera -> eng
# workstation (p 0.8) in the store; the chain to that PLC is then the most
# likely path from the quay camera: 0.2 x 0.7 (in-zone, to the scenario's
# camera) x 0.8 x 0.9 = 0.1008, above the w7 paths (0.09).
DB=$TMP/s.db
expect_exit 0 "init" "$SEAWALL" init --db "$DB" "$MODEL"
expect_exit 0 "simulate 10 minutes" "$SEAWALL" sim --model "$MODEL" --seed 7 --duration 10m --out "$TMP/s"
expect_exit 0 "sense --store" "$SEAWALL" sense --model "$MODEL" --store --db "$DB" --pcap "$TMP/s/traffic.pcap" --no-progress
read -r CAM EWS PLC < <(python3 -c "
import json; d=json.load(open('$TMP/s/ground-truth.json'))
s=[s for s in d['scenarios'] if s['id']=='camera-chain'][0]
r={}
for h in s['hosts']: r.setdefault(h['role'],h['asset'])
print(r['attacker'], r['pivot'], r['target'])")
"$SEAWALL" exposure --db "$DB" --from quay-camera --to "$PLC" --k 5 --json >"$TMP/obs.json"
check "observed camera-chain: camera -> eng workstation -> crane PLC is the top path" J "$TMP/obs.json" "
p=d['targets'][0]['paths'][0]
assert p['chain'][-3:]==['$CAM','$EWS','$PLC'], (p['chain'], '$CAM $EWS $PLC')
s=p['steps']
assert s[-2]['means']=='observed-policy-violation' and s[-2]['observed']['dst_port']==3389, s[-2]
assert s[-1]['means']=='ics-engineering', s[-1]
assert abs(p['likelihood']-0.2*0.7*0.8*0.9)<1e-9, p['likelihood']"
done_testing
