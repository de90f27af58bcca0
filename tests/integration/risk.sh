#!/usr/bin/env bash
# risk.sh - `seawall risk` and `seawall plan` on the sample port: the CCTV and
# vendor-VPN scenarios carry a non-zero expected annual loss, residual never
# exceeds inherent, a KEV vulnerability raises a likelihood, the plan stays
# within budget and lowers the loss, the same seed gives the same bytes, and
# bad files and options are refused with their exit codes.
. "$(dirname "$0")/lib.sh"
MODEL=$SEAWALL_SRC/examples/aurora/port.yaml
DB=$TMP/seawall.db
J() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); $2" "$1"; }
cd "$TMP" || exit 1
unset SEAWALL_DB

# Model alone (no database): exit 1 because R-03 is over the appetite.
expect_exit 1 "risk on the sample port (a risk over appetite)" "$SEAWALL" risk --model "$MODEL"
"$SEAWALL" risk --model "$MODEL" --json >"$TMP/r0.json"
check "CCTV and vendor-VPN scenarios have a non-zero EAL from attack paths" J "$TMP/r0.json" "
r={x['id']:x for x in d['risks']}
assert r['R-01']['entry_points']==['quay-camera'] and r['R-01']['target']=='sts-t2-01-plc'
assert r['R-02']['entry_points']==['vendor-vpn'] and r['R-02']['target']=='sts-t1-01-plc'
for k in ('R-01','R-02'):
  assert r[k]['likelihood_source']=='attack-paths' and r[k]['p_success']>0, r[k]
  assert r[k]['residual_loss']['eal']>0 and r[k]['inherent_loss']['eal']>0, r[k]"
check "residual <= inherent for every risk and the total (EAL and percentiles)" J "$TMP/r0.json" "
for x in d['risks']+[d['total']]:
  for q in ('eal','p50','p90','p99','max'):
    assert x['residual_loss'][q] <= x['inherent_loss'][q]+1e-6, (x.get('id'), q)"
check "percentiles ordered and the exceedance curve falls" J "$TMP/r0.json" "
for x in d['risks']:
  s=x['residual_loss']; assert s['p50']<=s['p90']<=s['p99']<=s['max']
  c=s['exceedance_curve']
  assert all(c[i]['loss']<c[i+1]['loss'] and c[i]['p']>=c[i+1]['p'] for i in range(len(c)-1))
assert d['simulation']=={'seed':20260601,'trials':10000}"
# The analytic mean of a compound Poisson year (E[rate] x p x in-place x
# E[loss]) is the oracle for the simulated EAL: within 5% at 10,000 trials,
# or four standard errors for rare scenarios (the generated ones share an
# entry point's attempts): the relative error of the mean of N years at
# lam loss events a year is sqrt((1 + cv^2)/(N lam)), with cv^2 < 2 for
# these PERT losses and the PERT rate.
check "simulated EAL agrees with the analytic mean" J "$TMP/r0.json" "
import math
for x in d['risks']:
  want=x['threat_events_per_year']*x['p_success']*x['controls_in_place_factor']*x['loss_per_event']['mean']
  got=x['residual_loss']['eal']
  lam=want/x['loss_per_event']['mean']
  tol=max(0.05, 4*math.sqrt(3/(10000*lam)))
  assert abs(got-want)<=tol*want, (x['id'],got,want,tol)"
check "R-02 loss derived from business impact (TEU, money, safety)" J "$TMP/r0.json" "
l=[x for x in d['risks'] if x['id']=='R-02'][0]['loss_per_event']
assert l['source']=='business-impact' and l['safety'] and l['min']<l['likely']<l['max'], l"
check "the 5x5 placement follows the file's bands" J "$TMP/r0.json" "
b=[0.05,0.2,1,5]; ib=[1e5,1e6,5e6,2e7]
band=lambda bs,v: 1+sum(v>=x for x in bs)
for x in d['risks']:
  p=x['residual']; assert p['likelihood']==band(b,p['loss_events_per_year']) and p['impact']==band(ib,x['loss_per_event']['mean'])"

# Determinism: same seed, same bytes; another seed, other draws.
"$SEAWALL" risk --model "$MODEL" --json >"$TMP/r1.json"
check "same seed gives the same output" cmp -s "$TMP/r0.json" "$TMP/r1.json"
"$SEAWALL" risk --model "$MODEL" --json --seed 7 >"$TMP/r7.json"
check "another seed changes the draws" bash -c "! cmp -s '$TMP/r0.json' '$TMP/r7.json'"

# Vulnerabilities: the KEV CVE on sts-t1-01-plc raises R-02's likelihood.
"$SEAWALL" init --db "$DB" "$MODEL" >/dev/null 2>&1
"$SEAWALL" vulns import --db "$DB" "$SEAWALL_SRC"/tests/data/vulns/*.json >/dev/null
"$SEAWALL" risk --db "$DB" --json >"$TMP/rv.json"
check "a KEV vulnerability on the path raises R-02's likelihood" python3 -c "
import json
a={x['id']:x for x in json.load(open('$TMP/r0.json'))['risks']}
b={x['id']:x for x in json.load(open('$TMP/rv.json'))['risks']}
assert b['R-02']['p_success']>a['R-02']['p_success'], (a['R-02']['p_success'], b['R-02']['p_success'])
s=b['R-02']['best_path'][-1]
assert s['to']=='sts-t1-01-plc' and s['vulnerability']=='CVE-2016-8562' and s['p']==0.95, s
assert all(x['vulnerability'] is None for x in a['R-02']['best_path'])
p=1
for x in b['R-02']['best_path']: p*=x['p']
assert abs(p-b['R-02']['p_success'])<1e-3"

# Plan: within budget, lower loss, deterministic.
"$SEAWALL" plan --db "$DB" --budget 150000 --json >"$TMP/p.json"
check "plan picks within budget and lowers the EAL" J "$TMP/p.json" "
assert d['exact'] and 0 < d['cost'] <= 150000
assert sum(c['cost'] for c in d['controls'] if c['chosen'])==d['cost']
assert d['eal_analytic']['after'] < d['eal_analytic']['before']
assert d['after']['residual_loss']['eal'] < d['before']['residual_loss']['eal']"
# Interaction: closing conduit w2 alone (C-02) cuts nothing, because the VPN
# also lands in crane-t1 with an equally likely step; sums of single gains
# would mislead. (The choice against brute force is in tests/unit/test_risk.c.)
check "C-02 alone cuts nothing: a parallel path remains" J "$TMP/p.json" "
cs=d['controls']
assert all(c['eal_reduction_alone']>=-1e-6 for c in cs)
assert [c for c in cs if c['id']=='C-02'][0]['eal_reduction_alone']==0"
"$SEAWALL" plan --db "$DB" --budget 150000 --json >"$TMP/p2.json"
check "plan is deterministic" cmp -s "$TMP/p.json" "$TMP/p2.json"
"$SEAWALL" plan --db "$DB" --budget 150000 --exact-max 0 --json >"$TMP/pg.json"
check "greedy + 1-opt is within budget and no better than exact" python3 -c "
import json
e=json.load(open('$TMP/p.json')); g=json.load(open('$TMP/pg.json'))
assert not g['exact'] and g['cost']<=150000 and g['eal_analytic']['after']>=e['eal_analytic']['after']-1e-6"
"$SEAWALL" plan --db "$DB" --budget 0 --json >"$TMP/p0.json"
check "budget 0 buys nothing" J "$TMP/p0.json" "assert d['cost']==0 and not any(c['chosen'] for c in d['controls'])"

# Bad input.
expect_exit 2 "plan without --budget" "$SEAWALL" plan --db "$DB"
expect_exit 2 "plan with a negative budget" "$SEAWALL" plan --db "$DB" --budget -5
expect_exit 2 "risk with --trials 5" "$SEAWALL" risk --db "$DB" --trials 5
sed 's/target: sts-t2-01-plc/target: no-such-plc/' "$SEAWALL_SRC/examples/aurora/risks.yaml" >"$TMP/bad.yaml"
expect_exit 1 "an unknown target is an error" "$SEAWALL" risk --db "$DB" --risks "$TMP/bad.yaml"
check "... at its line" grep -q "bad.yaml:[0-9]*:[0-9]*.*no-such-plc" "$TMP/last.err"
sed 's/likely: 0.5, max: 2/likely: 5, max: 2/' "$SEAWALL_SRC/examples/aurora/risks.yaml" >"$TMP/inv.yaml"
expect_exit 1 "an inverted range is an error" "$SEAWALL" risk --db "$DB" --risks "$TMP/inv.yaml"
expect_exit 3 "a missing register file" "$SEAWALL" risk --db "$DB" --risks "$TMP/none.yaml"
done_testing
