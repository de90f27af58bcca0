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

# The per-step probabilities (docs/exposure.md "Probabilities") that decide
# the ranking below: entry physical 0.2; SMB (remote service) 0.5; VNC on an
# HMI (cleartext remote service) 0.7; engineering access from an engineering
# workstation in the PLC's may_write 0.9; operator control from another
# may_write host (operator station, HMI, CMS) 0.6; an ICS protocol from a
# host with neither trust nor the project 0.4.
#
# The DEFAULT output (every entry point, every crown jewel, k=3 per target):
# for each T2 STS PLC the camera -> engineering workstation -> PLC path is
# among the three listed. By hand, for sts-t2-0N-plc:
#  1. usb-media (removable media, 0.2) -> ews-05 -> PLC (engineering, 0.9)
#     = 0.18;
#  2. quay-camera (physical, 0.2) reaches cam-sts-t2-01-ptz, a crane camera on
#     the T2 crane VLAN (w1); w7 (conduit crane-t2 -> eng-ws, smb) lets it
#     reach ews-02 and ews-05 over SMB (0.5); both are in every T2 STS PLC's
#     may_write and conduit eng-ws -> crane-t2 carries enip: engineering
#     access (0.9). 0.2 x 0.5 x 0.9 = 0.09, through either workstation: one
#     route, listed once with 1 variant;
#  3. usb-media -> ews-05 -> ews-02 (SMB in eng-ws, 0.5) -> PLC (0.9) = 0.09.
#  The staff and vendor VPN routes through the OT DMZ also come to 0.09
#  (0.4 x 0.5 x 0.5 x 0.9) but take four steps; on equal likelihood fewer
#  steps rank first.
"$SEAWALL" exposure --model "$MODEL" --json >"$TMP/all.json"
"$SEAWALL" exposure --model "$MODEL" >"$TMP/all.txt"
check "default output: camera -> eng workstation -> PLC is listed for every T2 STS PLC, with each step's means" J "$TMP/all.json" "
assert d['k']==3
for plc in ['sts-t2-01-plc','sts-t2-02-plc','sts-t2-03-plc','sts-t2-04-plc']:
  t=[t for t in d['targets'] if t['asset']==plc][0]
  ps=[p for p in t['paths'] if p['rank']<=3]
  assert abs(ps[0]['likelihood']-0.18)<1e-9 and ps[0]['chain']==['usb-media','ews-05',plc], ps[0]
  p=ps[1]
  assert p['chain'][:2]==['quay-camera','cam-sts-t2-01-ptz'] and p['chain'][2] in ('ews-02','ews-05') and p['chain'][3]==plc, p['chain']
  s=p['steps']
  assert [x['means'] for x in s]==['entry','remote-service','ics-engineering'], s
  assert s[0]['entry_point']=='quay-camera' and abs(s[0]['p']-0.2)<1e-9
  assert s[1]['service']=='smb' and s[1]['conduit']=='w7-crane-t2-ews-smb' and abs(s[1]['p']-0.5)<1e-9, s[1]
  assert s[2]['conduit']=='eng-ws->crane-t2' and abs(s[2]['p']-0.9)<1e-9, s[2]
  assert abs(p['likelihood']-0.09)<1e-9 and p['variants']==1, p"
check "default human output prints the CCTV -> eng workstation -> crane PLC chain in the top 3" python3 -c "
import re,sys
txt=open(sys.argv[1]).read()
block=txt.split('sts-t2-01-plc  ')[1].split('choke points')[0]
top=[l for l in block.splitlines() if re.match(r'\s+[123]\. ', l)]
assert any(re.search(r'0\.0900  quay-camera -> cam-sts-t2-01-ptz -> ews-0[25] -> sts-t2-01-plc', l) for l in top), top" "$TMP/all.txt"

# From the quay camera alone (the default k=3), by hand:
#  1. camera -> ews-02/05 (SMB over w7, 0.5) -> PLC (engineering, 0.9) = 0.09;
#  2. camera -> an operator host on the crane VLAN: ros-t2-01, ros-t2-02 or
#     sts-t2-01-hmi (VNC on an HMI, in-zone, 0.7) -> PLC (operator control,
#     0.6) = 0.084, one route through three sibling hosts (2 variants);
#  3. camera -> PLC directly (enip from the camera's zone, 0.4) = 0.08.
#  crane-ctl-t2-01 (a Windows server: SMB 0.5, then operator 0.6 = 0.06)
#  comes next. The engineering workstation leads because it holds the PLC
#  projects and Studio 5000: from it the PLC is reprogrammed, not only
#  commanded.
"$SEAWALL" exposure --model "$MODEL" --from quay-camera --to sts-t2-01-plc --json >"$TMP/cam.json"
check "from the camera: eng workstation first, then the operator stations, then the direct ICS step" J "$TMP/cam.json" "
ps=d['targets'][0]['paths']
got=[(p['chain'][2:], round(p['likelihood'],6), p['variants'], [x['means'] for x in p['steps']]) for p in ps]
assert len(ps)==3, got
assert ps[0]['chain'][2] in ('ews-02','ews-05') and abs(ps[0]['likelihood']-0.09)<1e-9 and ps[0]['variants']==1, got
assert ps[1]['chain'][2] in ('ros-t2-01','ros-t2-02','sts-t2-01-hmi') and abs(ps[1]['likelihood']-0.084)<1e-9 and ps[1]['variants']==2, got
assert [x['means'] for x in ps[1]['steps']]==['entry','cleartext-remote-service','ics-operator'] and ps[1]['steps'][1]['service']=='vnc', got
assert ps[2]['chain'][2:]==['sts-t2-01-plc'] and abs(ps[2]['likelihood']-0.08)<1e-9, got
assert [x['means'] for x in ps[2]['steps']]==['entry','ics-unauthorised'], got"

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
assert w7['paths_cut']==1, w7"

# Of the three listed routes, w7 cuts the engineering one (its ews-05
# variant crosses w7 too), the PLC's in-zone exposure the direct one and
# ros-t2-01's the operator one.
"$SEAWALL" exposure --model "$MODEL" --from quay-camera --to sts-t2-01-plc >"$TMP/cam.txt"
check "human output: the eng-workstation path ranks first, its sibling noted" python3 -c "
import re,sys
t=open(sys.argv[1]).read()
assert re.search(r'  1\. 0\.0900  quay-camera -> cam-sts-t2-01-ptz -> ews-0[25] -> sts-t2-01-plc \(crown jewel\)\n +\(the same route through 1 other host of the same zones: not listed\)', t), t" "$TMP/cam.txt"
check "human output: each step of it with its means" python3 -c "
import re,sys
t=open(sys.argv[1]).read().split('  2. ')[0]
assert re.search(r'cam-sts-t2-01-ptz -> ews-0[25] +remote service +p=0\.50\n +smb; conduit w7-crane-t2-ews-smb', t), t
assert re.search(r'ews-0[25] -> sts-t2-01-plc \(crown jewel\) +engineering access \(may_write\) +p=0\.90\n +conduit eng-ws->crane-t2', t), t" "$TMP/cam.txt"
check "human output names conduit w7 as a choke point" grep -q "conduit w7-crane-t2-ews-smb .*cuts 1 of 3" "$TMP/cam.txt"

# The vendor VPN path (w2), by hand. In the DEFAULT output, for each T1 STS
# PLC after usb-media -> ews-05 (0.2 x 0.9 = 0.18): vendor-vpn (remote
# access, no MFA, 0.4) lands in crane-t1 itself, whose HMI answers VNC (0.7)
# and may command the PLC (operator control, 0.6): 0.168; and, tied, through
# the vendor DMZ and conduit w2 (vnc) to the crane management server, also a
# may_write host: 0.168.
check "default output: the vendor VPN paths into T1 crane control (w2) follow the USB one" J "$TMP/all.json" "
t=[t for t in d['targets'] if t['asset']=='sts-t1-01-plc'][0]
ps=[p for p in t['paths'] if p['rank']<=3]
assert ps[1]['chain']==['vendor-vpn','crane-t1','sts-t1-01-hmi','sts-t1-01-plc'], ps[1]['chain']
assert [x['means'] for x in ps[1]['steps']]==['entry','cleartext-remote-service','ics-operator'] and abs(ps[1]['likelihood']-0.168)<1e-9, ps[1]
assert ps[2]['chain'][:2]==['vendor-vpn','vendor-dmz'] and ps[2]['steps'][1]['conduit']=='w2-vendor-crane-t1' and abs(ps[2]['likelihood']-0.168)<1e-9, ps[2]"
# And w2's own S7 path: from the vendor DMZ, conduit w2-vendor-crane-t1
# carries s7comm to sts-t1-01-plc (ICS, no trust and no project, 0.4):
# 0.4 x 0.4 = 0.16.
"$SEAWALL" exposure --model "$MODEL" --from vendor-vpn --to sts-t1-01-plc --k 8 --json >"$TMP/vpn.json"
check "vendor VPN path: vendor-dmz -> s7comm over w2 -> T1 PLC" J "$TMP/vpn.json" "
ps=d['targets'][0]['paths']
p=[p for p in ps if p['chain']==['vendor-vpn','vendor-dmz','sts-t1-01-plc']]
assert len(p)==1, [x['chain'] for x in ps]
s=p[0]['steps']
assert [x['means'] for x in s]==['entry','ics-unauthorised'] and s[1]['conduit']=='w2-vendor-crane-t1' and s[1]['service']=='s7comm', s
assert abs(p[0]['likelihood']-0.16)<1e-9"
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
# camera: its web administration) x 0.8 x 0.9 = 0.1008, above the w7 paths
# (0.09).
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
