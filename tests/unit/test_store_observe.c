/* test_store_observe.c - schema v2 and the batched observation writer:
 * migrating from v1 (rows kept) and from empty, counters adding up on
 * conflict, bounded batches, one transaction per batch, and observations
 * surviving a model re-load that drops their asset (links set NULL). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "model/model.h"
#include "store/store.h"
#include "tmpdb.h"
#include "store/store_observe.h"
#include "store/store_sql.h"

typedef tmpdb_fixture fixture;

static int64_t q(store *s, const char *sql)
{
    int64_t v = -1;
    sw_error err = { 0 };
    assert_int_equal(store_query_int(s, sql, &v, &err), SW_OK);
    return v;
}

static const char PORT[] =
    "port: {name: Testhaven}\n"
    "zones:\n"
    "  - {id: corp-it, domain: it, security_level: 1, networks: [10.10.0.0/16]}\n"
    "  - {id: crane, domain: ot, security_level: 3, networks: [10.40.1.0/24]}\n"
    "conduits:\n"
    "  - {from: corp-it, to: crane, services: [modbus]}\n"
    "assets:\n"
    "  - {id: plc, kind: plc, zone: crane, ip: 10.40.1.11, criticality: high}\n"
    "  - {id: ews, kind: eng-workstation, zone: corp-it, ip: 10.10.5.20, criticality: medium}\n";
static const char PORT_NO_PLC[] =
    "port: {name: Testhaven}\n"
    "zones:\n"
    "  - {id: corp-it, domain: it, security_level: 1, networks: [10.10.0.0/16]}\n"
    "assets:\n"
    "  - {id: ews, kind: eng-workstation, zone: corp-it, ip: 10.10.5.20, criticality: medium}\n";


static store *open_db(const fixture *f)
{
    sw_error err = { 0 };
    store *s = store_open(f->db, STORE_CREATE, &err);
    if (!s) fail_msg("open: %s", err.msg);
    return s;
}

static const char ECS[] =
    "{\"@timestamp\":\"2026-01-01T00:00:00Z\",\"rule\":{\"id\":\"SW-ICS-UNAUTH-WRITE\"},"
    "\"threat\":{\"technique\":{\"id\":[\"T0855\",\"T0836\"]}},"
    "\"seawall\":{\"evidence\":{\"pcap\":\"a.pcap\",\"frames\":[%d]}}}";

static void add_alert(store_observer *w, int frame, const char *dst_asset, const char *dst_zone)
{
    char ecs[512];
    snprintf(ecs, sizeof ecs, ECS, frame);
    store_alert_rec r = { .ts = 1000 + frame, .rule_id = "SW-ICS-UNAUTH-WRITE", .rule_name = "write",
                          .severity = "critical", .dataset = "seawall.net", .src_ip = "10.10.5.20",
                          .dst_ip = "10.40.1.11", .src_port = 50000, .dst_port = 502, .protocol = "modbus",
                          .src_zone = "corp-it", .dst_zone = dst_zone, .src_asset = "ews", .dst_asset = dst_asset,
                          .ecs = ecs };
    sw_error err = { 0 };
    assert_int_equal(store_observer_alert(w, &r, &err), SW_OK);
}

/* --- migrations ----------------------------------------------------------------- */

static void test_migrate_from_empty(void **state)
{
    fixture *f = *state;
    store *s = open_db(f);
    assert_int_equal(store_schema_version(s), store_schema_latest());
    assert_true(store_schema_latest() >= 2);
    assert_int_equal(q(s, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
                          "('alerts', 'ics_operations', 'observed_identities', 'observed_flows')"), 4);
    assert_int_equal(q(s, "SELECT count(*) FROM pragma_table_info('observed_flows') WHERE name IN "
                          "('src_port', 'src_asset_id', 'dst_asset_id', 'flows')"), 4);
    assert_int_equal(q(s, "SELECT count(*) FROM pragma_table_xinfo('observed_flows') WHERE name = 'hour'"), 1);
    store_close(s);
}

/* A v1 database with observations, built with v1's own SQL, migrates and keeps them. */
static void test_migrate_from_v1(void **state)
{
    fixture *f = *state;
    extern const store_migration store_migration_0001_port_model;
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA foreign_keys=ON; BEGIN", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, store_migration_0001_port_model.sql, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT;"
        "INSERT INTO schema_migrations VALUES (1, 'v1', 0);"
        "INSERT INTO observed_flows(src_ip, dst_ip, ip_proto, dst_port, service, first_seen, last_seen, packets, bytes)"
        " VALUES ('10.10.5.20', '10.40.1.11', 6, 502, 'modbus', 7200000000123, 7200000009999, 10, 1000);"
        "INSERT INTO observed_hosts(ip, first_seen, last_seen, packets) VALUES ('10.40.1.11', 1, 2, 3);"
        "PRAGMA user_version = 1; PRAGMA application_id = 1398227276; COMMIT", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);

    store *s = open_db(f);
    assert_int_equal(store_schema_version(s), store_schema_latest());
    assert_int_equal(q(s, "SELECT count(*) FROM observed_flows WHERE src_port = 0 AND packets = 10 AND bytes = 1000"
                          " AND hour = 7200000000000 AND service = 'modbus'"), 1);
    assert_int_equal(q(s, "SELECT count(*) FROM observed_hosts WHERE packets = 3"), 1);
    assert_int_equal(q(s, "SELECT count(*) FROM schema_migrations"), store_schema_latest());
    /* the flow adds up with a v2 write of the same 5-tuple and hour */
    sw_error err = { 0 };
    store_observer *w = store_observer_open(s, 0, &err);
    assert_non_null(w);
    store_flow_rec r = { .src_ip = "10.10.5.20", .dst_ip = "10.40.1.11", .src_port = 0, .dst_port = 502,
                         .ip_proto = 6, .first_seen = 7200000500000, .last_seen = 7200000600000, .packets = 5,
                         .bytes = 50 };
    assert_int_equal(store_observer_flow(w, &r, &err), SW_OK);
    assert_int_equal(store_observer_flush(w, &err), SW_OK);
    assert_int_equal(q(s, "SELECT packets FROM observed_flows"), 15);
    assert_int_equal(q(s, "SELECT first_seen FROM observed_flows"), 7200000000123);
    store_observer_close(w);
    assert_int_equal(q(s, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"), 0);
    store_close(s);
}

/* --- the writer ------------------------------------------------------------------- */

static void test_writes_accumulate(void **state)
{
    fixture *f = *state;
    store *s = open_db(f);
    tmpdb_sync_model(s, PORT);
    sw_error err = { 0 };
    store_observer *w = store_observer_open(s, 0, &err);
    assert_non_null(w);
    for (int i = 0; i < 2; i++) {
        store_host_rec h = { .ip = "10.40.1.11", .mac = "00:1b:1b:12:34:56", .first_seen = 100 + i, .last_seen = 200 + i,
                             .packets = 4, .bytes = 400 };
        assert_int_equal(store_observer_host(w, &h, &err), SW_OK);
        /* same 5-tuple, same hour: one row; the next hour: another */
        store_flow_rec fl = { .src_ip = "10.10.5.20", .dst_ip = "10.40.1.11", .src_port = 50000, .dst_port = 502,
                              .ip_proto = 6, .service = i ? "modbus" : NULL, .first_seen = 1000 + i,
                              .last_seen = 2000 + i, .packets = 3, .bytes = 30, .packets_to_server = 2,
                              .bytes_to_server = 20, .src_zone = "corp-it", .dst_zone = "no-such-zone" };
        assert_int_equal(store_observer_flow(w, &fl, &err), SW_OK);
        store_ics_rec c = { "10.10.5.20", "10.40.1.11", "modbus", "write_single_register", 6, 1000 + i, 1500 + i,
                            2, 2, 0 };
        assert_int_equal(store_observer_ics(w, &c, &err), SW_OK);
        store_identity_rec d = { "10.40.1.11", "modbus", "Schneider", i ? NULL : "M580", i ? "3.10" : NULL, NULL,
                                 NULL, 100 + i };
        assert_int_equal(store_observer_identity(w, &d, &err), SW_OK);
    }
    store_flow_rec later = { .src_ip = "10.10.5.20", .dst_ip = "10.40.1.11", .src_port = 50000, .dst_port = 502,
                             .ip_proto = 6, .first_seen = 3600000000 + 5, .last_seen = 3600000000 + 9, .packets = 1,
                             .bytes = 10 };
    assert_int_equal(store_observer_flow(w, &later, &err), SW_OK);
    add_alert(w, 1, "plc", "crane");
    add_alert(w, 1, "plc", "crane");  /* the same document: stored once */
    add_alert(w, 2, "not-an-asset", "crane");
    assert_int_equal(q(s, "SELECT count(*) FROM observed_flows"), 0);  /* held until the flush */
    assert_int_equal(store_observer_flush(w, &err), SW_OK);
    assert_int_equal(store_observer_pending(w), 0);
    assert_int_equal(store_observer_stats(w)->batches, 1);

    assert_int_equal(q(s, "SELECT packets FROM observed_hosts WHERE asset_id = 'plc' AND first_seen = 100 "
                          "AND last_seen = 201"), 8);
    assert_int_equal(q(s, "SELECT count(*) FROM observed_flows"), 2);
    assert_int_equal(q(s, "SELECT packets FROM observed_flows WHERE hour = 0 AND flows = 2 AND service = 'modbus'"
                          " AND src_zone_id = 'corp-it' AND dst_zone_id IS NULL AND src_asset_id = 'ews'"
                          " AND dst_asset_id = 'plc' AND packets_to_server = 4"), 6);
    assert_int_equal(q(s, "SELECT count FROM ics_operations WHERE function = 6 AND writes = 4 AND first_seen = 1000"
                          " AND last_seen = 1501"), 4);
    assert_int_equal(q(s, "SELECT count(*) FROM observed_identities WHERE vendor = 'Schneider' AND product = 'M580'"
                          " AND firmware = '3.10' AND first_seen = 100 AND last_seen = 101"), 1);
    assert_int_equal(q(s, "SELECT count(*) FROM alerts"), 2);
    assert_int_equal(q(s, "SELECT count(*) FROM alerts WHERE dst_asset_id IS NULL"), 1);
    assert_int_equal(q(s, "SELECT count(*) FROM alerts WHERE json_array_length(technique_ids) = 2 "
                          "AND json_extract(evidence, '$.frames[0]') = 1"), 1);
    store_observer_close(w);
    store_close(s);
}

static int count_rows(void *ctx, const store_alert_row *r)
{
    (void)r;
    ++*(int *)ctx;
    return 0;
}

static void test_bounded_batches(void **state)
{
    fixture *f = *state;
    store *s = open_db(f);
    tmpdb_sync_model(s, PORT);
    sw_error err = { 0 };
    store_observer *w = store_observer_open(s, 16, &err);
    assert_non_null(w);
    for (int i = 0; i < 100; i++) {
        add_alert(w, 10 + i, "plc", "crane");
        assert_true(store_observer_pending(w) <= 16);
    }
    /* 6 full batches went out on the way; the rest waits for the flush */
    assert_int_equal(store_observer_stats(w)->batches, 6);
    assert_int_equal(q(s, "SELECT count(*) FROM alerts"), 96);
    assert_int_equal(store_observer_flush(w, &err), SW_OK);
    assert_int_equal(q(s, "SELECT count(*) FROM alerts"), 100);
    assert_int_equal(store_observer_stats(w)->batches, 7);
    /* closing drops what was not flushed, and leaves no transaction open */
    add_alert(w, 999, "plc", "crane");
    store_observer_close(w);
    assert_int_equal(q(s, "SELECT count(*) FROM alerts"), 100);
    assert_true(sqlite3_get_autocommit(store_db(s)));

    store_alert_filter fl = { .rule = "SW-ICS-UNAUTH-WRITE", .min_severity = "high", .limit = 5 };
    int n = 0;
    assert_int_equal(store_list_alerts(s, &fl, count_rows, &n, &err), SW_OK);
    assert_int_equal(n, 5);
    fl.min_severity = NULL;
    fl.limit = 0;
    fl.since = 1000 + 10 + 90;
    n = 0;
    assert_int_equal(store_list_alerts(s, &fl, count_rows, &n, &err), SW_OK);
    assert_int_equal(n, 10);
    store_close(s);
}

/* A failing batch rolls back whole and the writer stays usable. */
static void test_failed_batch_rolls_back(void **state)
{
    fixture *f = *state;
    store *s = open_db(f);
    tmpdb_sync_model(s, PORT);
    sw_error err = { 0 };
    store_observer *w = store_observer_open(s, 0, &err);
    add_alert(w, 1, "plc", "crane");
    store_alert_rec bad = { .ts = 1, .rule_id = "X", .rule_name = "x", .severity = "apocalyptic", .ecs = "{}" };
    assert_int_equal(store_observer_alert(w, &bad, &err), SW_OK);
    assert_int_not_equal(store_observer_flush(w, &err), SW_OK);
    assert_int_equal(q(s, "SELECT count(*) FROM alerts"), 0);
    add_alert(w, 2, "plc", "crane");
    assert_int_equal(store_observer_flush(w, &err), SW_OK);
    assert_int_equal(q(s, "SELECT count(*) FROM alerts"), 1);
    store_observer_close(w);
    store_close(s);
}

/* Re-loading a model without the PLC and its zone keeps every observation, unlinked. */
static void test_reinit_keeps_observations(void **state)
{
    fixture *f = *state;
    store *s = open_db(f);
    tmpdb_sync_model(s, PORT);
    sw_error err = { 0 };
    store_observer *w = store_observer_open(s, 0, &err);
    store_host_rec h = { .ip = "10.40.1.11", .mac = "", .first_seen = 1, .last_seen = 2, .packets = 3, .bytes = 4 };
    assert_int_equal(store_observer_host(w, &h, &err), SW_OK);
    store_flow_rec fl = { .src_ip = "10.10.5.20", .dst_ip = "10.40.1.11", .dst_port = 502, .ip_proto = 6,
                          .first_seen = 1, .last_seen = 2, .packets = 1, .src_zone = "corp-it", .dst_zone = "crane" };
    assert_int_equal(store_observer_flow(w, &fl, &err), SW_OK);
    add_alert(w, 1, "plc", "crane");
    assert_int_equal(store_observer_flush(w, &err), SW_OK);
    store_observer_close(w);
    assert_int_equal(q(s, "SELECT count(*) FROM alerts WHERE dst_asset_id = 'plc' AND dst_zone_id = 'crane'"), 1);

    tmpdb_sync_model(s, PORT);          /* unchanged: links stay */
    assert_int_equal(q(s, "SELECT count(*) FROM alerts WHERE dst_asset_id = 'plc'"), 1);
    assert_int_equal(q(s, "SELECT count(*) FROM observed_flows WHERE dst_asset_id = 'plc'"), 1);

    tmpdb_sync_model(s, PORT_NO_PLC);   /* the PLC and its zone are gone */
    assert_int_equal(q(s, "SELECT count(*) FROM alerts WHERE dst_asset_id IS NULL AND dst_zone_id IS NULL "
                          "AND src_asset_id = 'ews'"), 1);
    assert_int_equal(q(s, "SELECT count(*) FROM observed_flows WHERE dst_asset_id IS NULL AND dst_zone_id IS NULL"
                          " AND src_zone_id = 'corp-it'"), 1);
    assert_int_equal(q(s, "SELECT count(*) FROM observed_hosts WHERE asset_id IS NULL"), 1);
    assert_int_equal(q(s, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_migrate_from_empty, tmpdb_setup, tmpdb_teardown),
        cmocka_unit_test_setup_teardown(test_migrate_from_v1, tmpdb_setup, tmpdb_teardown),
        cmocka_unit_test_setup_teardown(test_writes_accumulate, tmpdb_setup, tmpdb_teardown),
        cmocka_unit_test_setup_teardown(test_bounded_batches, tmpdb_setup, tmpdb_teardown),
        cmocka_unit_test_setup_teardown(test_failed_batch_rolls_back, tmpdb_setup, tmpdb_teardown),
        cmocka_unit_test_setup_teardown(test_reinit_keeps_observations, tmpdb_setup, tmpdb_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
