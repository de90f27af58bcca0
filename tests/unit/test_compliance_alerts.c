/* test_compliance_alerts.c - the live checks judged from stored alerts, on a
 * store written through the observation writer: default-credentials is
 * not met citing each SW-CRED-DEFAULT flow (per zone too), and unassessed
 * without one, its reason giving the traffic covered; segmentation, which
 * shares the alert scan, still calls no alert over traffic met. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "analysis/compliance_checks.h"
#include "core/timeutil.h"
#include "model/model.h"
#include "store/store.h"
#include "store/store_observe.h"
#include "tmpdb.h"

typedef tmpdb_fixture fixture;

#define DAY_US (86400LL * 1000000)

static const char PORT[] =
    "port: {name: Testhaven}\n"
    "zones:\n"
    "  - {id: corp-it, domain: it, security_level: 1, networks: [10.10.0.0/16]}\n"
    "  - {id: bms, domain: ot, security_level: 2, networks: [10.42.0.0/24]}\n"
    "  - {id: crane, domain: ot, security_level: 3, networks: [10.40.1.0/24]}\n"
    "  - {id: dmz, domain: it, security_level: 2, networks: [10.20.0.0/24]}\n"
    "assets:\n"
    "  - {id: ews, kind: eng-workstation, zone: corp-it, ip: 10.10.5.20, criticality: medium}\n"
    "  - {id: bms-ctl, kind: bms-controller, zone: bms, ip: 10.42.0.41, criticality: medium}\n"
    "  - {id: plc, kind: plc, zone: crane, ip: 10.40.1.11, criticality: high}\n";

static int64_t now_us(void)
{
    sw_time_us t;
    assert_true(time_parse_rfc3339("2026-03-01T00:00:00Z", &t));
    return t;
}

static store *open_port(const tmpdb_fixture *f) { return tmpdb_open_model(f, PORT); }

/* n flow summaries, each its own hour, `days_ago` days before now. */
static void add_flows(store_observer *w, int n, int days_ago)
{
    sw_error err = { 0 };
    for (int i = 0; i < n; i++) {
        int64_t t = now_us() - days_ago * DAY_US + i * 3600LL * 1000000;
        store_flow_rec r = { .src_ip = "10.10.5.20", .dst_ip = "10.42.0.41", .src_port = 50000 + i, .dst_port = 47808,
                             .ip_proto = 17, .service = "bacnet", .first_seen = t, .last_seen = t + 1000,
                             .packets = 2, .bytes = 200, .src_zone = "corp-it", .dst_zone = "bms" };
        assert_int_equal(store_observer_flow(w, &r, &err), SW_OK);
    }
}

static int alert_seq;

static void add_alert(store_observer *w, const char *rule, int64_t ts, const char *dst_ip, int dst_port,
                      const char *protocol, const char *dst_zone, const char *entry)
{
    char ecs[512];
    snprintf(ecs, sizeof ecs,
             "{\"@timestamp\":\"x\",\"rule\":{\"id\":\"%s\"},\"message\":\"vendor default %s for account admin\","
             "\"threat\":{\"technique\":{\"id\":[\"T0812\"]}},\"seawall\":{\"evidence\":{\"pcap\":\"a.pcap\",\"frames\":[%d]}}}",
             rule, entry, ++alert_seq);
    store_alert_rec r = { .ts = ts, .rule_id = rule, .rule_name = "Vendor default credentials used on the wire",
                          .severity = "high", .dataset = "seawall.net", .src_ip = "10.10.5.20", .dst_ip = dst_ip,
                          .src_port = 50123, .dst_port = dst_port, .protocol = protocol, .src_zone = "corp-it",
                          .dst_zone = dst_zone, .ecs = ecs };
    sw_error err = { 0 };
    assert_int_equal(store_observer_alert(w, &r, &err), SW_OK);
}

static void run(store *s, const char *check, const char *zone, comp_result *r)
{
    comp_check_ctx c = { .s = s, .now_us = now_us(), .window_days = 30, .zone = zone };
    const comp_check *k = comp_check_find(check);
    assert_non_null(k);
    sw_error err = { 0 };
    if (comp_check_run(k, &c, r, &err) != SW_OK) fail_msg("%s: %s", check, err.msg);
}

/* The store of the not-met tests: 5 flow summaries; on the flow
 * ews -> bms-ctl:80 two table entries (two alerts, one flow), one SNMP
 * community to the PLC, and alerts the check must not count: another rule,
 * one before the window, one after now. */
static store *store_with_alerts(const fixture *f)
{
    store *s = open_port(f);
    sw_error err = { 0 };
    store_observer *w = store_observer_open(s, 0, &err);
    assert_non_null(w);
    add_flows(w, 5, 2);
    int64_t t = now_us() - DAY_US;
    add_alert(w, "SW-CRED-DEFAULT", t, "10.42.0.41", 80, "http", "bms", "admin-admin");
    add_alert(w, "SW-CRED-DEFAULT", t + 1000000, "10.42.0.41", 80, "http", "bms", "admin-empty");
    add_alert(w, "SW-CRED-DEFAULT", t + 2000000, "10.40.1.11", 161, "snmp", "crane", "snmp-public");
    add_alert(w, "SW-SEG-CROSS-ZONE", t, "10.40.1.11", 502, "modbus", "crane", "-");
    add_alert(w, "SW-CRED-DEFAULT", now_us() - 40 * DAY_US, "10.20.0.5", 21, "ftp", "dmz", "root-root");
    add_alert(w, "SW-CRED-DEFAULT", now_us() + DAY_US, "10.20.0.5", 23, "telnet", "dmz", "root-root");
    assert_int_equal(store_observer_flush(w, &err), SW_OK);
    store_observer_close(w);
    return s;
}

static bool cites(const comp_result *r, const char *what)
{
    for (size_t i = 0; i < r->n_items; i++)
        if (strstr(r->items[i], what)) return true;
    return false;
}

static void test_alerts_not_met(void **state)
{
    store *s = store_with_alerts(*state);
    comp_result r;
    run(s, "default-credentials", NULL, &r);
    assert_int_equal(r.status, COMP_NOT_MET);
    assert_int_equal(r.counts[0], 3);       /* alerts */
    assert_int_equal(r.counts[1], 2);       /* distinct flows */
    assert_int_equal(r.counts[2], 5);       /* stored flow summaries */
    assert_int_equal(r.n_total, 2);
    assert_int_equal(r.n_items, 2);
    assert_true(cites(&r, "SW-CRED-DEFAULT 10.10.5.20 -> 10.42.0.41:80 http (corp-it -> bms)"));
    assert_true(cites(&r, "SW-CRED-DEFAULT 10.10.5.20 -> 10.40.1.11:161 snmp (corp-it -> crane)"));
    assert_true(cites(&r, "2026-02-28T00:00:00Z"));
    assert_false(cites(&r, "10.20.0.5"));   /* outside the window either way */
    assert_string_equal(r.reason, "3 vendor default credential (SW-CRED-DEFAULT) alerts on 2 distinct flows in the last 30 days");
    store_close(s);
}

static void test_zone_filter(void **state)
{
    store *s = store_with_alerts(*state);
    comp_result r;
    run(s, "default-credentials", "bms", &r);
    assert_int_equal(r.status, COMP_NOT_MET);
    assert_int_equal(r.counts[0], 2);
    assert_int_equal(r.counts[1], 1);
    assert_int_equal(r.n_items, 1);
    assert_true(cites(&r, "10.42.0.41:80 http"));
    assert_non_null(strstr(r.reason, "touching zone bms"));

    run(s, "default-credentials", "crane", &r);
    assert_int_equal(r.status, COMP_NOT_MET);
    assert_int_equal(r.counts[0], 1);
    assert_true(cites(&r, "10.40.1.11:161 snmp"));
    assert_false(cites(&r, "10.42.0.41"));

    /* The source zone counts too: both flows start in corp-it. */
    run(s, "default-credentials", "corp-it", &r);
    assert_int_equal(r.counts[0], 3);

    /* dmz's alerts lie outside the window, and no stored traffic touches dmz:
     * the other zones' traffic says nothing of it. */
    run(s, "default-credentials", "dmz", &r);
    assert_int_equal(r.status, COMP_UNASSESSED);
    assert_int_equal(r.n_total, 0);
    assert_int_equal(r.counts[2], 0);
    assert_string_equal(r.reason, "no traffic to or from zone dmz stored in the 30 days up to 2026-03-01T00:00:00Z: "
                                  "no sensor sees it, or nothing talked to it");
    run(s, "segmentation", "dmz", &r);               /* quiet for want of a sensor is not met */
    assert_int_equal(r.status, COMP_UNASSESSED);
    /* bms has traffic (corp-it -> bms): silence there is judged as before */
    run(s, "segmentation", "bms", &r);
    assert_int_equal(r.status, COMP_MET);
    assert_int_equal(r.counts[2], 5);
    /* crane has alerts but no stored flow summary: the alert still proves the gap */
    run(s, "segmentation", "crane", &r);
    assert_int_equal(r.status, COMP_NOT_MET);
    assert_int_equal(r.counts[2], 0);
    store_close(s);
}

static void test_no_alert_unassessed(void **state)
{
    store *s = open_port(*state);
    sw_error err = { 0 };
    store_observer *w = store_observer_open(s, 0, &err);
    assert_non_null(w);
    add_flows(w, 7, 3);
    add_alert(w, "SW-SEG-CROSS-ZONE", now_us() - DAY_US, "10.40.1.11", 502, "modbus", "crane", "-");
    assert_int_equal(store_observer_flush(w, &err), SW_OK);
    store_observer_close(w);
    comp_result r;
    run(s, "default-credentials", NULL, &r);
    assert_int_equal(r.status, COMP_UNASSESSED);
    assert_int_equal(r.counts[0], 0);
    assert_int_equal(r.counts[1], 0);
    assert_int_equal(r.counts[2], 7);
    assert_int_equal(r.n_total, 0);
    assert_string_equal(r.reason, "no default credential seen on 7 stored flow summaries in the last 30 days; "
                                  "the wire cannot show defaults that are never used in clear, so the assessment by hand stands");
    store_close(s);
}

static void test_no_traffic(void **state)
{
    store *s = open_port(*state);
    comp_result r;
    run(s, "default-credentials", NULL, &r);
    assert_int_equal(r.status, COMP_UNASSESSED);
    assert_string_equal(r.reason, "no traffic stored yet: run seawall sense --store");

    /* Traffic, and an alert, only before the window: still no coverage. */
    sw_error err = { 0 };
    store_observer *w = store_observer_open(s, 0, &err);
    assert_non_null(w);
    add_flows(w, 3, 60);
    add_alert(w, "SW-CRED-DEFAULT", now_us() - 59 * DAY_US, "10.42.0.41", 80, "http", "bms", "admin-admin");
    assert_int_equal(store_observer_flush(w, &err), SW_OK);
    store_observer_close(w);
    run(s, "default-credentials", NULL, &r);
    assert_int_equal(r.status, COMP_UNASSESSED);
    assert_int_equal(r.n_total, 0);
    assert_non_null(strstr(r.reason, "no traffic stored in the 30 days up to 2026-03-01T00:00:00Z"));
    store_close(s);
}

/* Segmentation shares the scan but not the blind spot: no SW-SEG alert over
 * traffic is met, one is not met; SW-CRED-DEFAULT alerts are not its own. */
static void test_segmentation_unchanged(void **state)
{
    store *s = store_with_alerts(*state);
    comp_result r;
    run(s, "segmentation", NULL, &r);
    assert_int_equal(r.status, COMP_NOT_MET);
    assert_int_equal(r.counts[0], 1);
    assert_true(cites(&r, "SW-SEG-CROSS-ZONE 10.10.5.20 -> 10.40.1.11:502 modbus (corp-it -> crane)"));
    run(s, "segmentation", "bms", &r);
    assert_int_equal(r.status, COMP_MET);
    assert_string_equal(r.reason, "no conduit-violation (SW-SEG-*) alert in the last 30 days over 5 stored flow summaries (zone bms)");
    run(s, "cleartext-credentials", NULL, &r);
    assert_int_equal(r.status, COMP_MET);
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_alerts_not_met, tmpdb_setup, tmpdb_teardown),
        cmocka_unit_test_setup_teardown(test_zone_filter, tmpdb_setup, tmpdb_teardown),
        cmocka_unit_test_setup_teardown(test_no_alert_unassessed, tmpdb_setup, tmpdb_teardown),
        cmocka_unit_test_setup_teardown(test_no_traffic, tmpdb_setup, tmpdb_teardown),
        cmocka_unit_test_setup_teardown(test_segmentation_unchanged, tmpdb_setup, tmpdb_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
