#!/usr/bin/env bash
# risk_generated.sh - risk scenarios generated from the attack graph on the
# sample port (risks.yaml `generated:`): one per (entry point, crown jewel)
# pair with a path that no declared risk covers, its likelihood equal to the
# best path `seawall exposure` finds for that pair (the oracle here), its
# frequency the entry kind's shared among the crown jewels the entry point
# reaches, shown in `seawall risk` with the path cited, KEV and CVSS on it.
. "$(dirname "$0")/lib.sh"
MODEL=$SEAWALL_SRC/examples/aurora/port.yaml
RISKS=$SEAWALL_SRC/examples/aurora/risks.yaml
DB=$TMP/seawall.db
J() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); $2" "$1"; }
cd "$TMP" || exit 1
unset SEAWALL_DB

"$SEAWALL" risk --model "$MODEL" --json >"$TMP/r.json"
"$SEAWALL" exposure --model "$MODEL" --k 1 --json >"$TMP/x.json"
# The register's generated section, read independently of Seawall.
python3 -c "
import json, yaml
g = yaml.safe_load(open('$RISKS'))['generated']
json.dump({k: (v['min'] + 4 * v['likely'] + v['max']) / 6 for k, v in g['frequency'].items()}, open('$TMP/freq.json', 'w'))
json.dump(g['min_likelihood'], open('$TMP/floor.json', 'w'))"

check "generated risks follow the declared ones, each path-based with one entry point" J "$TMP/r.json" "
rs=d['risks']
gen=[r for r in rs if r['generated']]
assert len(gen)>=50, len(gen)
first=[i for i,r in enumerate(rs) if r['generated']][0]
assert all(r['generated'] for r in rs[first:]) and not any(r['generated'] for r in rs[:first])
for r in gen:
  assert r['likelihood_source']=='attack-paths' and len(r['entry_points'])==1, r['id']
  assert r['id']=='G-%s-%s'%(r['entry_points'][0], r['target']), r['id']
  assert r['treatment'] is None and abs(r['controls_in_place_factor']-0.9)<1e-9
  assert r['loss_per_event']['source']=='business-impact' and r['loss_per_event']['mean']>0"

# Best path per (entry point, crown jewel) from seawall exposure, k = 1.
check "each generated likelihood equals exposure's best path for its pair; pairs above the floor are all there" J "$TMP/r.json" "
x=json.load(open('$TMP/x.json')); floor=json.load(open('$TMP/floor.json'))
best={}
for t in x['targets']:
  for p in t['paths']:
    k=(p['entry_point'],t['asset']); best[k]=max(best.get(k,0),p['likelihood'])
declared=[r for r in d['risks'] if not r['generated'] and r['likelihood_source']=='attack-paths']
def covered(e,a):
  return any(r['target']==a and (not r['entry_points'] or e in r['entry_points']) for r in declared)
gen={(r['entry_points'][0],r['target']):r for r in d['risks'] if r['generated']}
for k,r in gen.items():
  assert abs(r['p_success']-best[k])<=1e-4*best[k], (k, r['p_success'], best[k])
  assert r['p_success']>=floor*(1-1e-6) and not covered(*k), k
want={k for k,p in best.items() if p>=floor*(1-1e-6) and not covered(*k)}
assert set(gen)==want, (want-set(gen), set(gen)-want)"
check "declared pairs are not generated again (R-01 quay-camera, R-06 every entry to the substation RTU)" J "$TMP/r.json" "
ids={r['id'] for r in d['risks']}
assert 'G-quay-camera-sts-t2-01-plc' not in ids and 'G-vendor-vpn-sts-t1-01-plc' not in ids
assert not any(i.startswith('G-') and i.endswith('-rtu-sub-main-01') for i in ids)"
check "frequency: the entry kind's, shared among the crown jewels the entry point reaches" J "$TMP/r.json" "
x=json.load(open('$TMP/x.json')); freq=json.load(open('$TMP/freq.json'))
kind={'internet':'internet','phishing':'email','staff-vpn':'remote-access','vendor-vpn':'remote-access','guest-wlan':'wifi',
      'agv-wlan':'wifi','quay-camera':'physical','crane-cabinet':'physical','usb-media':'removable-media','tos-updates':'supply-chain'}
reach={}
for t in x['targets']:
  for e in {p['entry_point'] for p in t['paths']}: reach[e]=reach.get(e,0)+1
for r in d['risks']:
  if not r['generated']: continue
  e=r['entry_points'][0]
  # threat_events_per_year is printed to 4 decimals
  assert abs(r['threat_events_per_year']*reach[e]-freq[kind[e]])<=5e-5*reach[e]+1e-9, (r['id'], r['threat_events_per_year'], reach[e])"

"$SEAWALL" risk --model "$MODEL" >"$TMP/r.txt"
check "human output cites the path of each generated risk" python3 -c "
import json, re
d=json.load(open('$TMP/r.json'))
txt=open('$TMP/r.txt').read()
for r in d['risks']:
  if not r['generated']: continue
  m=re.search(r'^  %s +p=([0-9.]+)  (.*)$' % re.escape(r['id']), txt, re.M)
  assert m, r['id']
  chain=m.group(2).split(' -> ')
  assert chain[0]==r['entry_points'][0] and chain[-1].split(' [')[0]==r['target'], (r['id'], chain)
  assert abs(float(m.group(1))-r['p_success'])<1e-4"

# Known vulnerabilities: the KEV-listed CVE-2016-8562 on sts-t1-01-plc is a
# step at p 0.95 and is cited with KEV and CVSS 7.5 (the NVD sample's score).
"$SEAWALL" init --db "$DB" "$MODEL" >/dev/null 2>&1
"$SEAWALL" vulns import --db "$DB" "$SEAWALL_SRC"/tests/data/vulns/*.json >/dev/null
"$SEAWALL" risk --db "$DB" --json >"$TMP/rv.json"
"$SEAWALL" risk --db "$DB" >"$TMP/rv.txt"
check "a generated risk's path goes through the KEV CVE, with KEV and CVSS in JSON" J "$TMP/rv.json" "
hits=[r for r in d['risks'] if r['generated'] and r['target']=='sts-t1-01-plc']
assert hits
for r in hits:
  s=r['best_path'][-1]
  assert s['vulnerability']=='CVE-2016-8562' and s['kev'] is True and s['cvss']==7.5 and s['p']==0.95, (r['id'], s)
  p=1
  for x in r['best_path']: p*=x['p']
  assert abs(p-r['p_success'])<1e-3, (r['id'], p, r['p_success'])"
check "human output cites the CVE with KEV and CVSS" grep -qE "^  G-[a-z-]+-sts-t1-01-plc +p=.* -> sts-t1-01-plc \[CVE-2016-8562 KEV, CVSS 7.5\]$" "$TMP/rv.txt"
# The plan weighs the generated risks too: within budget, it lowers the
# register's EAL.
"$SEAWALL" plan --db "$DB" --budget 150000 --json >"$TMP/p.json"
check "plan over the register with generated risks: within budget, EAL lowered" J "$TMP/p.json" "
assert 0 < d['cost'] <= 150000 and d['eal_analytic']['after'] < d['eal_analytic']['before']"
done_testing
