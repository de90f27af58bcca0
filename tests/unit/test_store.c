/* test_store.c - the SQLite store: migrations from empty to latest, refusing
 * newer or foreign databases, syncing a port model and re-syncing an edited
 * one (observations survive), foreign keys, and all-or-nothing syncs. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "core/strbuf.h"
#include "store/store.h"
#include "tmpdb.h"
#include "store/store_query.h"
#include "store/store_sql.h"

typedef tmpdb_fixture fixture;

/* --- a small port, and edits of it -------------------------------------- */

static const char PORT_HEAD[] =
    "port: {name: Port of Testhaven, timezone: Europe/Lisbon, jurisdictions: [eu-nis2, isps]}\n"
    "sites:\n"
    "  - {id: t1, name: Terminal 1}\n"
    "zones:\n"
    "  - {id: corp-it, name: Corporate IT, domain: it, security_level: 1, networks: [10.10.0.0/16]}\n"
    "  - {id: crane-control, domain: ot, security_level: 3, networks: [10.40.1.0/24, 10.40.2.0/24], site: t1}\n"
    "  - {id: cctv, domain: phys, security_level: 2, networks: [10.60.0.0/24]}\n"
    "conduits:\n"
    "  - {from: corp-it, to: crane-control, services: [modbus, tcp/44818], justification: engineers}\n"
    "assets:\n";
static const char ASSET_PLC[] =
    "  - {id: sts01-plc, name: STS crane 1 PLC, kind: plc, zone: crane-control, ip: 10.40.1.11,\n"
    "     criticality: crown-jewel, rto_hours: 4, depends_on: [crane-srv], may_write: [crane-srv], owner: ot-lead, tags: [sts]}\n";
static const char ASSET_PLC_RENAMED[] =
    "  - {id: sts01-plc, name: STS crane 1 main PLC, kind: plc, zone: crane-control, ip: 10.40.1.11,\n"
    "     criticality: crown-jewel, rto_hours: 4, depends_on: [crane-srv], may_write: [crane-srv], owner: ot-lead, tags: [sts]}\n";
static const char ASSET_SRV[] =
    "  - {id: crane-srv, name: Crane server, kind: server, zone: crane-control, ip: 10.40.1.5, criticality: high}\n";
static const char ASSET_ERP[] =
    "  - {id: erp, name: ERP, kind: server, zone: corp-it, ips: [10.10.1.10, 10.10.1.11], criticality: medium}\n";
static const char ASSET_CAM[] =
    "  - {id: cam-01, name: Gate camera, kind: camera, zone: cctv, ip: 10.60.0.31, criticality: low}\n";
static const char ASSET_HMI[] =
    "  - {id: sts01-hmi, name: STS crane 1 HMI, kind: hmi, zone: crane-control, ip: 10.40.1.12, criticality: high}\n";
static const char ASSET_BOOM[] =
    "  - {id: boom, name: Fails on insert, kind: server, zone: corp-it, ip: 10.10.9.9, criticality: low}\n";
static const char PORT_TAIL[] =
    "entry_points:\n"
    "  - {id: vendor-vpn, kind: remote-access, reaches: [crane-control, cam-01]}\n"
    "people:\n"
    "  - {id: ot-lead, name: Ana Costa, roles: [ot-engineer], badge: \"40121\"}\n"
    "vendors:\n"
    "  - {id: crane-oem, name: Crane OEM, remote_access: vendor-vpn, assets: [sts01-plc]}\n"
    "  - {id: cctv-co, name: CCTV Co, assets: [cam-01]}\n";

/* Loads PORT_HEAD, the given asset lines (NULL-terminated) and PORT_TAIL;
 * the test fails on any validation error. */
static port_model *load_port(const char *first, ...)
{
    strbuf sb;
    strbuf_init(&sb);
    strbuf_puts(&sb, PORT_HEAD);
    va_list ap;
    va_start(ap, first);
    for (const char *a = first; a; a = va_arg(ap, const char *)) strbuf_puts(&sb, a);
    va_end(ap);
    strbuf_puts(&sb, PORT_TAIL);
    diag_list d;
    diag_init(&d, "test.yaml");
    port_model *m = model_load_buffer(sb.data, sb.len, "test.yaml", &d);
    if (d.errors) diag_print(&d, stderr);
    assert_non_null(m);
    assert_int_equal(d.errors, 0);
    diag_free(&d);
    strbuf_free(&sb);
    return m;
}

static store *open_db(const fixture *f)
{
    sw_error err = { 0 };
    store *s = store_open(f->db, STORE_CREATE, &err);
    if (!s) fprintf(stderr, "store_open: %s\n", err.msg);
    assert_non_null(s);
    return s;
}

static int64_t q(store *s, const char *sql)
{
    int64_t v = -1;
    sw_error err = { 0 };
    if (store_query_int(s, sql, &v, &err)) fprintf(stderr, "%s: %s\n", sql, err.msg);
    assert_int_equal(err.code, SW_OK);
    return v;
}

static void exec_ok(store *s, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(store_db(s), sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) fprintf(stderr, "%s: %s\n", sql, msg ? msg : "?");
    sqlite3_free(msg);
    assert_int_equal(rc, SQLITE_OK);
}

static void sync_ok(store *s, const port_model *m, const char *sha, store_sync_stats *st)
{
    sw_error err = { 0 };
    sw_code rc = store_sync_model(s, m, sha, st, &err);
    if (rc) fprintf(stderr, "sync: %s\n", err.msg);
    assert_int_equal(rc, SW_OK);
}

/* --- migrations ----------------------------------------------------------- */

static void test_migrates_empty_db_to_latest(void **state)
{
    fixture *f = *state;
    store *s = open_db(f);
    assert_true(store_schema_latest() >= 1);
    assert_int_equal(store_schema_version(s), store_schema_latest());
    assert_int_equal(q(s, "SELECT count(*) FROM schema_migrations"), store_schema_latest());
    assert_int_equal(q(s, "SELECT max(version) FROM schema_migrations"), store_schema_latest());
    assert_int_equal(q(s, "PRAGMA foreign_keys"), 1);
    assert_int_equal(q(s, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), 1);
    /* the tables later issues build on exist and are empty */
    assert_int_equal(q(s, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
                          "('port','zones','assets','observed_hosts','observed_flows','model_loads')"), 6);
    bool has = true;
    assert_int_equal(store_has_model(s, &has, NULL), SW_OK);
    assert_false(has);
    store_close(s);
}

static void test_reopen_is_a_no_op(void **state)
{
    fixture *f = *state;
    store *s = open_db(f);
    int64_t applied = q(s, "SELECT sum(applied_at) FROM schema_migrations");
    store_close(s);
    s = open_db(f);
    assert_int_equal(store_schema_version(s), store_schema_latest());
    assert_int_equal(q(s, "SELECT count(*) FROM schema_migrations"), store_schema_latest());
    assert_int_equal(q(s, "SELECT sum(applied_at) FROM schema_migrations"), applied);
    store_close(s);
}

static void test_refuses_newer_database(void **state)
{
    fixture *f = *state;
    store *s = open_db(f);
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", store_schema_latest() + 1);
    exec_ok(s, sql);
    store_close(s);

    sw_error err = { 0 };
    assert_null(store_open(f->db, STORE_CREATE, &err));
    assert_int_equal(err.code, SW_ERR_DB);
    assert_non_null(strstr(err.msg, "newer than this seawall"));
}

static void test_missing_db_is_not_created(void **state)
{
    fixture *f = *state;
    sw_error err = { 0 };
    assert_null(store_open(f->db, 0, &err));
    assert_int_equal(err.code, SW_ERR_IO);
    assert_int_not_equal(access(f->db, F_OK), 0);
}

static void test_refuses_foreign_files(void **state)
{
    fixture *f = *state;
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE payroll(x)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    sw_error err = { 0 };
    assert_null(store_open(f->db, STORE_CREATE, &err));
    assert_int_equal(err.code, SW_ERR_DB);
    assert_non_null(strstr(err.msg, "not a Seawall database"));

    FILE *fp = fopen(f->db, "w");
    assert_non_null(fp);
    for (int i = 0; i < 200; i++) fputs("port: not a database at all\n", fp);
    fclose(fp);
    assert_null(store_open(f->db, STORE_CREATE, &err));
    assert_int_equal(err.code, SW_ERR_DB);
}

/* --- syncing the model ----------------------------------------------------- */

static void test_sync_then_resync_edited_model(void **state)
{
    fixture *f = *state;
    store *s = open_db(f);
    store_sync_stats st;
    port_model *m1 = load_port(ASSET_PLC, ASSET_SRV, ASSET_ERP, ASSET_CAM, NULL);
    sync_ok(s, m1, "sha-one", &st);
    assert_int_equal(st.kind[STORE_KIND_ASSET].added, 4);
    assert_int_equal(st.kind[STORE_KIND_ZONE].added, 3);
    assert_int_equal(st.kind[STORE_KIND_CONDUIT].added, 1);
    assert_int_equal(st.kind[STORE_KIND_VENDOR].added, 2);
    assert_int_equal(q(s, "SELECT count(*) FROM assets"), 4);
    assert_int_equal(q(s, "SELECT count(*) FROM asset_ips WHERE asset_id = 'erp'"), 2);
    assert_int_equal(q(s, "SELECT count(*) FROM asset_depends_on WHERE asset_id = 'sts01-plc' "
                          "AND depends_on_id = 'crane-srv'"), 1);
    assert_int_equal(q(s, "SELECT count(*) FROM entry_point_reaches"), 2);
    assert_int_equal(q(s, "SELECT count(*) FROM conduits WHERE id = 'corp-it->crane-control'"), 1);

    /* What sensors saw: hosts for a kept asset, a to-be-removed one, and nobody. */
    exec_ok(s, "INSERT INTO observed_hosts(ip, mac, first_seen, last_seen, asset_id, packets) VALUES "
               "('10.40.1.11', '00:1b:1b:12:34:56', 1, 2, 'sts01-plc', 10),"
               "('10.10.1.10', '', 1, 2, 'erp', 20),"
               "('10.99.0.1', '', 1, 2, NULL, 30);"
               "INSERT INTO observed_flows(src_ip, dst_ip, ip_proto, dst_port, service, first_seen, last_seen,"
               " src_zone_id, dst_zone_id) VALUES ('10.10.5.20', '10.40.1.11', 6, 502, 'modbus', 1, 2,"
               " 'corp-it', 'crane-control')");

    /* Rename the PLC, drop the ERP, add an HMI. */
    port_model *m2 = load_port(ASSET_PLC_RENAMED, ASSET_SRV, ASSET_CAM, ASSET_HMI, NULL);
    sync_ok(s, m2, "sha-two", &st);
    const store_kind_counts *a = &st.kind[STORE_KIND_ASSET];
    assert_int_equal(a->added, 1);
    assert_int_equal(a->updated, 1);
    assert_int_equal(a->removed, 1);
    assert_int_equal(a->unchanged, 2);
    assert_int_equal(st.kind[STORE_KIND_ZONE].unchanged, 3);
    assert_int_equal(st.kind[STORE_KIND_ZONE].updated, 0);
    assert_int_equal(q(s, "SELECT count(*) FROM assets"), 4);
    assert_int_equal(q(s, "SELECT count(*) FROM assets WHERE name = 'STS crane 1 main PLC'"), 1);
    assert_int_equal(q(s, "SELECT count(*) FROM asset_ips WHERE asset_id = 'erp'"), 0);   /* cascaded */

    /* Observations survive; the removed asset's are unlinked, the kept one's stay linked. */
    assert_int_equal(q(s, "SELECT count(*) FROM observed_hosts"), 3);
    assert_int_equal(q(s, "SELECT count(*) FROM observed_hosts WHERE asset_id = 'sts01-plc' AND packets = 10"), 1);
    assert_int_equal(q(s, "SELECT count(*) FROM observed_hosts WHERE ip = '10.10.1.10' AND asset_id IS NULL"), 1);
    assert_int_equal(q(s, "SELECT count(*) FROM observed_flows WHERE dst_zone_id = 'crane-control'"), 1);

    /* The history records both loads with per-kind counts. */
    assert_int_equal(q(s, "SELECT count(*) FROM model_loads"), 2);
    assert_int_equal(q(s, "SELECT added * 100 + updated * 10 + removed FROM model_load_counts "
                          "WHERE kind = 'assets' AND load_id = (SELECT max(id) FROM model_loads)"), 111);
    assert_int_equal(q(s, "SELECT count(*) FROM port WHERE model_sha256 = 'sha-two'"), 1);

    /* Loading the same model again changes nothing. */
    sync_ok(s, m2, "sha-two", &st);
    for (int k = 0; k < STORE_KIND__COUNT; k++) {
        assert_int_equal(st.kind[k].added + st.kind[k].updated + st.kind[k].removed, 0);
    }
    assert_int_equal(st.kind[STORE_KIND_ASSET].unchanged, 4);
    assert_int_equal(q(s, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    model_free(m1);
    model_free(m2);
    store_close(s);
}

static void test_child_rows_follow_the_model(void **state)
{
    fixture *f = *state;
    store *s = open_db(f);
    port_model *m1 = load_port(ASSET_PLC, ASSET_SRV, ASSET_ERP, ASSET_CAM, NULL);
    sync_ok(s, m1, "1", NULL);
    /* ERP loses an address: only its ips change, and it counts as updated. */
    static const char erp_one_ip[] =
        "  - {id: erp, name: ERP, kind: server, zone: corp-it, ips: [10.10.1.12], criticality: medium}\n";
    port_model *m2 = load_port(ASSET_PLC, ASSET_SRV, erp_one_ip, ASSET_CAM, NULL);
    store_sync_stats st;
    sync_ok(s, m2, "2", &st);
    assert_int_equal(st.kind[STORE_KIND_ASSET].updated, 1);
    assert_int_equal(st.kind[STORE_KIND_ASSET].unchanged, 3);
    assert_int_equal(q(s, "SELECT count(*) FROM asset_ips WHERE asset_id = 'erp'"), 1);
    assert_int_equal(q(s, "SELECT count(*) FROM asset_ips WHERE ip = '10.10.1.12'"), 1);
    model_free(m1);
    model_free(m2);
    store_close(s);
}

static void test_foreign_keys_are_enforced(void **state)
{
    fixture *f = *state;
    store *s = open_db(f);
    port_model *m = load_port(ASSET_PLC, ASSET_SRV, ASSET_CAM, NULL);
    sync_ok(s, m, "1", NULL);
    sw_error err = { 0 };

    /* Observations reference assets immediately. */
    assert_int_not_equal(sqlite3_exec(store_db(s), "INSERT INTO observed_hosts(ip, first_seen, last_seen, asset_id)"
                                      " VALUES ('1.2.3.4', 1, 1, 'no-such-asset')", NULL, NULL, NULL), SQLITE_OK);
    /* Model references are checked at COMMIT. */
    assert_int_equal(store_begin(s, &err), SW_OK);
    exec_ok(s, "INSERT INTO assets(id, kind, zone_id, criticality, fingerprint) "
               "VALUES ('ghost', 'plc', 'no-such-zone', 'low', x'00')");
    assert_int_equal(store_commit(s, &err), SW_ERR_DB);
    assert_non_null(strstr(err.msg, "FOREIGN KEY"));
    assert_int_equal(sqlite3_get_autocommit(store_db(s)), 1);   /* the failed commit was rolled back */
    assert_int_equal(q(s, "SELECT count(*) FROM assets WHERE id = 'ghost'"), 0);

    /* A zone with assets in it cannot simply vanish. */
    assert_int_equal(store_begin(s, &err), SW_OK);
    exec_ok(s, "DELETE FROM zones WHERE id = 'crane-control'");
    assert_int_equal(store_commit(s, &err), SW_ERR_DB);
    assert_int_equal(q(s, "SELECT count(*) FROM zones WHERE id = 'crane-control'"), 1);
    model_free(m);
    store_close(s);
}

static void test_failed_sync_changes_nothing(void **state)
{
    fixture *f = *state;
    store *s = open_db(f);
    port_model *m1 = load_port(ASSET_PLC, ASSET_SRV, ASSET_ERP, ASSET_CAM, NULL);
    sync_ok(s, m1, "sha-one", NULL);
    exec_ok(s, "INSERT INTO observed_hosts(ip, first_seen, last_seen, asset_id) VALUES ('10.10.1.10', 1, 2, 'erp')");
    /* A failure injected mid-way: the renamed PLC, the HMI and the ERP's
     * removal come before it, the entry points and vendors after it. */
    exec_ok(s, "CREATE TRIGGER boom BEFORE INSERT ON assets WHEN NEW.id = 'boom' "
               "BEGIN SELECT RAISE(ABORT, 'simulated failure'); END");
    port_model *m2 = load_port(ASSET_PLC_RENAMED, ASSET_SRV, ASSET_HMI, ASSET_BOOM, ASSET_CAM, NULL);
    store_sync_stats st;
    sw_error err = { 0 };
    assert_int_equal(store_sync_model(s, m2, "sha-two", &st, &err), SW_ERR_DB);
    assert_non_null(strstr(err.msg, "simulated failure"));
    assert_int_equal(st.kind[STORE_KIND_ASSET].added, 0);   /* stats are not half-filled */

    assert_int_equal(sqlite3_get_autocommit(store_db(s)), 1);
    assert_int_equal(q(s, "SELECT count(*) FROM assets"), 4);
    assert_int_equal(q(s, "SELECT count(*) FROM assets WHERE id IN ('sts01-hmi', 'boom')"), 0);
    assert_int_equal(q(s, "SELECT count(*) FROM assets WHERE name = 'STS crane 1 PLC'"), 1);
    assert_int_equal(q(s, "SELECT count(*) FROM observed_hosts WHERE asset_id = 'erp'"), 1);
    assert_int_equal(q(s, "SELECT count(*) FROM model_loads"), 1);
    assert_int_equal(q(s, "SELECT count(*) FROM port WHERE model_sha256 = 'sha-one'"), 1);

    /* Once the cause is gone the same sync goes through. */
    exec_ok(s, "DROP TRIGGER boom");
    sync_ok(s, m2, "sha-two", &st);
    assert_int_equal(st.kind[STORE_KIND_ASSET].added, 2);
    assert_int_equal(q(s, "SELECT count(*) FROM assets"), 5);
    model_free(m1);
    model_free(m2);
    store_close(s);
}

/* --- listings and the summary ------------------------------------------------ */

typedef struct rows { int n; char first[256]; char last[256]; } rows;

static void note_row(rows *r, const char *text)
{
    if (r->n++ == 0) snprintf(r->first, sizeof r->first, "%s", text);
    snprintf(r->last, sizeof r->last, "%s", text);
}

static int zone_row(void *ctx, const store_zone_row *z)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s %s SL%d [%s] %lld", z->id, z->domain, z->security_level, z->networks,
             (long long)z->assets);
    note_row(ctx, buf);
    return 0;
}

static int conduit_row(void *ctx, const store_conduit_row *c)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s %s>%s [%s]", c->id, c->from_zone, c->to_zone, c->services);
    note_row(ctx, buf);
    return 0;
}

static int asset_row(void *ctx, const store_asset_row *a)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s %s %s [%s]", a->id, a->domain ? a->domain : "-", a->criticality, a->ips);
    note_row(ctx, buf);
    return 0;
}

static rows list_assets(store *s, const char *zone, const char *kind, const char *domain, const char *crit)
{
    rows r = { 0 };
    store_asset_filter filter = { zone, kind, domain, crit };
    assert_int_equal(store_list_assets(s, &filter, asset_row, &r, NULL), SW_OK);
    return r;
}

static void test_listings_and_summary(void **state)
{
    fixture *f = *state;
    store *s = open_db(f);
    store_summary sum;
    sw_error err = { 0 };
    assert_int_equal(store_get_summary(s, &sum, &err), SW_ERR_INVALID);
    assert_non_null(strstr(err.msg, "seawall init"));

    port_model *m = load_port(ASSET_PLC, ASSET_SRV, ASSET_ERP, ASSET_CAM, ASSET_HMI, NULL);
    sync_ok(s, m, "abc", NULL);

    rows z = { 0 };
    assert_int_equal(store_list_zones(s, zone_row, &z, NULL), SW_OK);
    assert_int_equal(z.n, 3);
    assert_string_equal(z.first, "corp-it it SL1 [10.10.0.0/16] 1");
    assert_string_equal(z.last, "cctv phys SL2 [10.60.0.0/24] 1");
    rows c = { 0 };
    assert_int_equal(store_list_conduits(s, conduit_row, &c, NULL), SW_OK);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.first, "corp-it->crane-control corp-it>crane-control [modbus,tcp/44818]");

    assert_int_equal(list_assets(s, NULL, NULL, NULL, NULL).n, 5);
    assert_int_equal(list_assets(s, "crane-control", NULL, NULL, NULL).n, 3);
    assert_int_equal(list_assets(s, NULL, "server", NULL, NULL).n, 2);
    assert_int_equal(list_assets(s, NULL, NULL, "ot", NULL).n, 3);
    assert_int_equal(list_assets(s, NULL, "server", "ot", NULL).n, 1);
    assert_int_equal(list_assets(s, "cctv", NULL, "ot", NULL).n, 0);
    rows cj = list_assets(s, NULL, NULL, NULL, "crown-jewel");
    assert_int_equal(cj.n, 1);
    assert_string_equal(cj.first, "sts01-plc ot crown-jewel [10.40.1.11]");
    assert_string_equal(list_assets(s, "corp-it", NULL, NULL, NULL).first, "erp it medium [10.10.1.10,10.10.1.11]");

    assert_int_equal(store_get_summary(s, &sum, &err), SW_OK);
    assert_string_equal(sum.port_name, "Port of Testhaven");
    assert_string_equal(sum.model_sha256, "abc");
    assert_int_equal(sum.zones, 3);
    assert_int_equal(sum.assets, 5);
    assert_int_equal(sum.conduits, 1);
    assert_int_equal(sum.sites, 1);
    assert_int_equal(sum.zones_by_domain_sl[DOMAIN_OT][3], 1);
    assert_int_equal(sum.zones_by_domain_sl[DOMAIN_IT][1], 1);
    assert_int_equal(sum.assets_by_domain_criticality[DOMAIN_OT][CRIT_CROWN_JEWEL], 1);
    assert_int_equal(sum.assets_by_domain_criticality[DOMAIN_OT][CRIT_HIGH], 2);
    assert_int_equal(sum.assets_by_domain_criticality[DOMAIN_PHYS][CRIT_LOW], 1);
    assert_int_equal(sum.assets_by_domain_criticality[DOMAIN__COUNT][CRIT_LOW], 0);
    assert_int_equal(sum.entry_points, 1);
    assert_int_equal(sum.people, 1);
    assert_int_equal(sum.vendors, 2);
    assert_int_equal(sum.vendors_with_remote_access, 1);
    store_summary_free(&sum);
    model_free(m);
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_migrates_empty_db_to_latest, tmpdb_setup, tmpdb_teardown),
        cmocka_unit_test_setup_teardown(test_reopen_is_a_no_op, tmpdb_setup, tmpdb_teardown),
        cmocka_unit_test_setup_teardown(test_refuses_newer_database, tmpdb_setup, tmpdb_teardown),
        cmocka_unit_test_setup_teardown(test_missing_db_is_not_created, tmpdb_setup, tmpdb_teardown),
        cmocka_unit_test_setup_teardown(test_refuses_foreign_files, tmpdb_setup, tmpdb_teardown),
        cmocka_unit_test_setup_teardown(test_sync_then_resync_edited_model, tmpdb_setup, tmpdb_teardown),
        cmocka_unit_test_setup_teardown(test_child_rows_follow_the_model, tmpdb_setup, tmpdb_teardown),
        cmocka_unit_test_setup_teardown(test_foreign_keys_are_enforced, tmpdb_setup, tmpdb_teardown),
        cmocka_unit_test_setup_teardown(test_failed_sync_changes_nothing, tmpdb_setup, tmpdb_teardown),
        cmocka_unit_test_setup_teardown(test_listings_and_summary, tmpdb_setup, tmpdb_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
