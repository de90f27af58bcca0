/* test_store_alert_page.c - the API's alert pages against a brute-force
 * oracle: 600 alerts whose times disagree with their row ids, every filter
 * combination, paged 7 at a time by the (ts, id) cursor; the pages must
 * join into exactly the oracle's filtered, newest-first list. And the
 * alert_slots summary the overview reads against a count over alerts,
 * through inserts, ignored duplicates, deletes and updates. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "model/model.h"
#include "store/store.h"
#include "store/store_alert_stats.h"
#include "store/store_observe.h"
#include "store/store_sql.h"
#include "tmpdb.h"

#define N 600

static const char PORT[] =
    "port: {name: Testhaven}\n"
    "zones:\n"
    "  - {id: corp-it, domain: it, security_level: 1, networks: [10.10.0.0/16]}\n"
    "  - {id: crane, domain: ot, security_level: 3, networks: [10.40.1.0/24]}\n"
    "assets:\n"
    "  - {id: plc, kind: plc, zone: crane, ip: 10.40.1.11, criticality: high}\n"
    "  - {id: ews, kind: eng-workstation, zone: corp-it, ip: 10.10.5.20, criticality: medium}\n";

static const char *const SEV[] = { "low", "medium", "high", "critical" };
static const char *const RULES[] = { "SW-A", "SW-B", "SW-C" };
static const char *const ZONES[] = { "corp-it", "crane", NULL };
static const char *const ASSETS[] = { "plc", "ews", NULL };

typedef struct row {
    int64_t id, ts;
    int rule, sev, sz, dz, sa, da;
} row;
static row rows[N];

typedef struct got {
    int64_t ts[N + 1], id[N + 1];
    int n;
} got;

static int collect(void *ctx, const store_alert_row *r)
{
    got *g = ctx;
    if (g->n <= N) g->ts[g->n] = r->ts, g->id[g->n] = r->id, g->n++;
    return 0;
}

static int newest_first(const void *a, const void *b)
{
    const row *x = a, *y = b;
    if (x->ts != y->ts) return x->ts < y->ts ? 1 : -1;
    return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

static void fill(store *s)
{
    tmpdb_sync_model(s, PORT);
    sw_error err = { 0 };
    assert_int_equal(store_exec(s, "BEGIN", &err), SW_OK);
    uint32_t h = 12345;
    for (int i = 0; i < N; i++) {
        row *r = &rows[i];
        h = h * 1103515245u + 12345u;
        r->rule = (h >> 8) % 3;
        r->sev = (h >> 12) % 4;
        r->sz = (h >> 16) % 3;
        r->dz = (h >> 20) % 3;
        r->sa = (h >> 24) % 3;
        r->da = (h >> 28) % 3;
        /* Times repeat (ties broken by id) and run against the ids. */
        r->ts = 1000000 + (int64_t)((h >> 4) % 97) * 1000;
        r->id = i + 1;
        char sql[1024];
        snprintf(sql, sizeof sql,
                 "INSERT INTO alerts (id, ts, rule_id, rule_name, severity, dataset, src_zone_id, dst_zone_id,"
                 " src_asset_id, dst_asset_id, ecs, dedup_key) VALUES (%d, %lld, '%s', 'n', '%s', 'seawall.net',"
                 " %s%s%s, %s%s%s, %s%s%s, %s%s%s, '{}', 'k%d')",
                 i + 1, (long long)r->ts, RULES[r->rule], SEV[r->sev], ZONES[r->sz] ? "'" : "",
                 ZONES[r->sz] ? ZONES[r->sz] : "NULL", ZONES[r->sz] ? "'" : "", ZONES[r->dz] ? "'" : "",
                 ZONES[r->dz] ? ZONES[r->dz] : "NULL", ZONES[r->dz] ? "'" : "", ASSETS[r->sa] ? "'" : "",
                 ASSETS[r->sa] ? ASSETS[r->sa] : "NULL", ASSETS[r->sa] ? "'" : "", ASSETS[r->da] ? "'" : "",
                 ASSETS[r->da] ? ASSETS[r->da] : "NULL", ASSETS[r->da] ? "'" : "", i);
        if (store_exec(s, sql, &err) != SW_OK) fail_msg("insert: %s", err.msg);
    }
    assert_int_equal(store_exec(s, "COMMIT", &err), SW_OK);
    qsort(rows, N, sizeof rows[0], newest_first);
}

static bool either(int a, int b, int want) { return want < 0 || (want < 2 && (a == want || b == want)); }

static void test_pages_match_oracle(void **state)
{
    tmpdb_fixture *f = *state;
    sw_error err = { 0 };
    store *s = store_open(f->db, STORE_CREATE, &err);
    if (!s) fail_msg("open: %s", err.msg);
    fill(s);
    int combos = 0;
    /* -1: no filter; rule 0..2, severity 0..3, zone and asset 0..1 (a real id). */
    for (int rule = -1; rule < 3; rule++)
        for (int sev = -1; sev < 4; sev++)
            for (int zone = -1; zone < 2; zone++)
                for (int asset = -1; asset < 2; asset++)
                    for (int since = 0; since < 2; since++) {
                        store_alert_page p = {
                            .rule = rule >= 0 ? RULES[rule] : NULL, .min_severity = sev >= 0 ? SEV[sev] : NULL,
                            .zone = zone >= 0 ? ZONES[zone] : NULL, .asset = asset >= 0 ? ASSETS[asset] : NULL,
                            .since = since ? 1000000 + 50 * 1000 : 0, .limit = 7,
                        };
                        got g = { .n = 0 };
                        for (int pages = 0; pages < N; pages++) {
                            int before = g.n;
                            if (store_list_alert_page(s, &p, collect, &g, &err) != SW_OK) fail_msg("%s", err.msg);
                            if (g.n - before < 7) break;
                            p.before_ts = g.ts[g.n - 1];
                            p.before_id = g.id[g.n - 1];
                        }
                        int k = 0;
                        for (int i = 0; i < N; i++) {
                            const row *r = &rows[i];
                            if ((rule >= 0 && r->rule != rule) || (sev >= 0 && r->sev < sev) ||
                                !either(r->sz, r->dz, zone) || !either(r->sa, r->da, asset) ||
                                (since && r->ts < p.since))
                                continue;
                            if (k >= g.n || g.id[k] != r->id)
                                fail_msg("rule %d sev %d zone %d asset %d since %d: row %d is id %lld, want %lld",
                                         rule, sev, zone, asset, since, k, k < g.n ? (long long)g.id[k] : -1LL,
                                         (long long)r->id);
                            k++;
                        }
                        if (k != g.n) fail_msg("rule %d sev %d zone %d asset %d: %d rows, want %d", rule, sev, zone,
                                               asset, g.n, k);
                        combos++;
                    }
    assert_int_equal(combos, 4 * 5 * 3 * 3 * 2);
    /* The live stream's tail: oldest first by id above after_id. */
    store_alert_page tail = { .after_id = N - 5, .limit = 100 };
    got g = { .n = 0 };
    assert_int_equal(store_list_alert_page(s, &tail, collect, &g, &err), SW_OK);
    assert_int_equal(g.n, 5);
    for (int i = 0; i < 5; i++) assert_int_equal(g.id[i], N - 4 + i);
    store_alert_page bad = { .min_severity = "severe", .limit = 1 };
    assert_int_equal(store_list_alert_page(s, &bad, collect, &g, &err), SW_ERR_INVALID);
    store_close(s);
}

static int64_t q(store *s, const char *sql)
{
    int64_t v = -1;
    sw_error err = { 0 };
    if (store_query_int(s, sql, &v, &err) != SW_OK) fail_msg("%s: %s", sql, err.msg);
    return v;
}

typedef struct sums {
    int64_t by_bucket[64];
    int64_t ais, phys, total;
} sums;

static int sum_row(void *ctx, const store_alert_bucket_row *r)
{
    sums *x = ctx;
    if (r->bucket >= 0 && r->bucket < 64) x->by_bucket[r->bucket] += r->count;
    x->total += r->count;
    if (r->rule_id && !strncmp(r->rule_id, "SW-AIS-", 7)) x->ais += r->count;
    if (r->rule_id && !strncmp(r->rule_id, "SW-PHYS-", 8)) x->phys += r->count;
    return 0;
}

static void test_alert_slots(void **state)
{
    tmpdb_fixture *f = *state;
    sw_error err = { 0 };
    store *s = store_open(f->db, STORE_CREATE, &err);
    if (!s) fail_msg("open: %s", err.msg);
    static const char *const rules[] = { "SW-AIS-DARK", "SW-PHYS-CAMERA-DOWN", "SW-SEG-SERVICE", "SW-CORR-X" };
    static const char *const sets[] = { "seawall.ais", "seawall.phys", "seawall.net", "seawall.correlate" };
    assert_int_equal(store_exec(s, "BEGIN", &err), SW_OK);
    for (int i = 0; i < 400; i++) {
        char sql[512];
        /* One every 97 s from 01:00 UTC on 2026-11-28: spread over slots. */
        snprintf(sql, sizeof sql,
                 "INSERT INTO alerts (ts, rule_id, rule_name, severity, dataset, ecs, dedup_key)"
                 " VALUES (%lld, '%s', 'n', 'low', '%s', '{}', 'd%d') ON CONFLICT(dedup_key) DO NOTHING",
                 1795827600000000LL + (long long)i * 97000000LL + (i % 7) * 1000, rules[i % 4], sets[(i / 4) % 4],
                 i % 350);   /* the last 50 are duplicates, ignored */
        if (store_exec(s, sql, &err) != SW_OK) fail_msg("%s", err.msg);
    }
    assert_int_equal(store_exec(s, "COMMIT", &err), SW_OK);
    assert_int_equal(q(s, "SELECT count(*) FROM alerts"), 350);
    assert_int_equal(store_exec(s, "DELETE FROM alerts WHERE id % 5 = 0", &err), SW_OK);
    assert_int_equal(store_exec(s, "UPDATE alerts SET ts = ts + 3600000000, rule_id = 'SW-AIS-X' WHERE id % 7 = 0",
                                &err), SW_OK);
    static const char mismatch[] =
        "SELECT count(*) FROM (SELECT ts - ts % 300000000 AS slot, dataset,"
        " CASE WHEN rule_id LIKE 'SW-AIS-%' THEN 'SW-AIS-' WHEN rule_id LIKE 'SW-PHYS-%' THEN 'SW-PHYS-' ELSE '' END"
        " AS rule_prefix, count(*) AS alerts FROM alerts GROUP BY 1, 2, 3"
        " EXCEPT SELECT slot, dataset, rule_prefix, alerts FROM alert_slots WHERE alerts > 0)";
    assert_int_equal(q(s, mismatch), 0);
    assert_int_equal(q(s, "SELECT sum(alerts) FROM alert_slots"), q(s, "SELECT count(*) FROM alerts"));
    /* Half-hour buckets from the slots, and unaligned ones from the alerts, agree with the table. */
    int64_t start = 1795827600000000LL, width = 1800000000LL;
    sums a = { { 0 }, 0, 0, 0 }, b = { { 0 }, 0, 0, 0 };
    assert_int_equal(store_alert_bucket_counts(s, start, start + 24 * width, width, sum_row, &a, &err), SW_OK);
    assert_int_equal(store_alert_bucket_counts(s, start + 1, start + 24 * width + 1, width, sum_row, &b, &err), SW_OK);
    assert_int_equal(a.total, 280);
    assert_int_equal(a.ais, q(s, "SELECT count(*) FROM alerts WHERE rule_id LIKE 'SW-AIS-%'"));
    assert_int_equal(a.phys, q(s, "SELECT count(*) FROM alerts WHERE rule_id LIKE 'SW-PHYS-%'"));
    for (int i = 0; i < 24; i++) {
        char sql[160];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM alerts WHERE ts >= %lld AND ts < %lld",
                 (long long)(start + i * width), (long long)(start + (i + 1) * width));
        assert_int_equal(a.by_bucket[i], q(s, sql));
    }
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM alerts WHERE ts >= %lld AND ts < %lld", (long long)(start + 1),
             (long long)(start + 24 * width + 1));
    assert_int_equal(b.total, q(s, sql));
    assert_int_equal(b.total, 279);   /* the first alert is at start itself */
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_pages_match_oracle, tmpdb_setup, tmpdb_teardown),
        cmocka_unit_test_setup_teardown(test_alert_slots, tmpdb_setup, tmpdb_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
