/* test_store_inventory.c - declared assets judged against what the writer
 * stored: never-seen, matched, a MAC bound by ARP and not by a router's
 * many addresses, firmware and MAC and address mismatches with their
 * source, shadow versus external hosts, names joined by MAC, services. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "core/ipaddr.h"
#include "model/model.h"
#include "store/store.h"
#include "store/store_inventory.h"
#include "store/store_observe.h"
#include "store/store_sql.h"
#include "tmpdb.h"

static const char PORT[] =
    "port: {name: Testhaven}\n"
    "zones:\n"
    "  - {id: crane, domain: ot, security_level: 3, networks: [10.40.1.0/24]}\n"
    "  - {id: internet, domain: it, security_level: 0, networks: [0.0.0.0/0]}\n"
    "assets:\n"
    "  - {id: plc, kind: plc, zone: crane, ip: 10.40.1.11, mac: \"00:1b:1b:12:34:56\", vendor: Siemens,\n"
    "     product: SIMATIC S7-1500 CPU 1516-3 PN/DP, version: \"2.9.4\", criticality: high}\n"
    "  - {id: hmi, kind: hmi, zone: crane, ip: 10.40.1.20, criticality: high}\n";

static store *open_port(const tmpdb_fixture *f) { return tmpdb_open_model(f, PORT); }

static void host(store_observer *w, const char *ip, const char *mac, uint64_t arp, const char *zone)
{
    store_host_rec h = { .ip = ip, .mac = mac, .first_seen = 10, .last_seen = 20, .packets = 5, .bytes = 500,
                         .arp_packets = arp, .zone = zone, .vendor = NULL };
    sw_error err = { 0 };
    assert_int_equal(store_observer_host(w, &h, &err), SW_OK);
}

static store_inv_asset judge(store *s, store_observer *w, const char *id)
{
    sw_error err = { 0 };
    assert_int_equal(store_observer_flush(w, &err), SW_OK);
    store_inventory *v = store_inventory_open(s, &err);
    assert_non_null(v);
    store_inv_asset a;
    assert_int_equal(store_inventory_asset(v, id, &a, &err), SW_OK);
    /* keep the scalar parts only: strings die with the inventory */
    store_inv_asset out = { .state = a.state, .first_seen = a.first_seen, .last_seen = a.last_seen,
                            .n_mismatches = a.n_mismatches };
    for (size_t i = 0; i < a.n_mismatches && i < STORE_INV_MISMATCH_MAX; i++) {
        static char keep[STORE_INV_MISMATCH_MAX][4][64];
        snprintf(keep[i][0], 64, "%s", a.mismatches[i].field);
        snprintf(keep[i][1], 64, "%s", a.mismatches[i].declared);
        snprintf(keep[i][2], 64, "%s", a.mismatches[i].observed);
        snprintf(keep[i][3], 64, "%s", a.mismatches[i].source);
        out.mismatches[i] = (store_inv_mismatch){ keep[i][0], keep[i][1], keep[i][2], keep[i][3] };
    }
    store_inventory_close(v);
    return out;
}

static void test_states_and_mismatches(void **state)
{
    tmpdb_fixture *f = *state;
    store *s = open_port(f);
    sw_error err = { 0 };
    store_observer *w = store_observer_open(s, 0, &err);
    assert_non_null(w);

    assert_int_equal(judge(s, w, "plc").state, STORE_INV_NEVER_SEEN);

    /* routed traffic: the PLC's address behind a router MAC carrying many addresses binds no MAC */
    host(w, "10.40.1.11", "00:00:0c:07:ac:01", 0, "crane");
    for (int i = 0; i < 6; i++) {
        char ip[IP_STR_MAX];
        snprintf(ip, sizeof ip, "10.40.1.%d", 100 + i);
        host(w, ip, "00:00:0c:07:ac:01", 0, "crane");
    }
    store_inv_asset a = judge(s, w, "plc");
    assert_int_equal(a.state, STORE_INV_MATCHED);
    assert_int_equal(a.last_seen, 20);

    /* ARP binds: the declared MAC is matched (a different one is checked below) */
    host(w, "10.40.1.11", "00:1b:1b:12:34:56", 2, "crane");
    assert_int_equal(judge(s, w, "plc").state, STORE_INV_MATCHED);

    /* the device says it runs other firmware, in another spelling of the vendor */
    store_identity_rec id = { "10.40.1.11", "s7comm", "Siemens AG", "CPU 1516-3 PN/DP", "V2.8.3", "S C-X", NULL, 30 };
    assert_int_equal(store_observer_identity(w, &id, &err), SW_OK);
    a = judge(s, w, "plc");
    assert_int_equal(a.state, STORE_INV_MISMATCH);
    assert_int_equal(a.n_mismatches, 1);
    assert_string_equal(a.mismatches[0].field, "firmware");
    assert_string_equal(a.mismatches[0].declared, "2.9.4");
    assert_string_equal(a.mismatches[0].observed, "V2.8.3");
    assert_string_equal(a.mismatches[0].source, "s7comm");

    /* its MAC answering ARP for an undeclared address: it moved */
    host(w, "10.40.1.99", "00:1b:1b:12:34:56", 1, "crane");
    a = judge(s, w, "plc");
    assert_int_equal(a.n_mismatches, 2);               /* in order: mac, ip, then identity fields */
    assert_string_equal(a.mismatches[0].field, "ip");
    assert_string_equal(a.mismatches[0].declared, "10.40.1.11");
    assert_string_equal(a.mismatches[0].observed, "10.40.1.99");
    assert_string_equal(a.mismatches[0].source, "arp");
    assert_string_equal(a.mismatches[1].field, "firmware");

    /* another NIC now answers ARP for the PLC's address: the MAC differs, ARP says so */
    host(w, "10.40.1.11", "00:0e:8c:00:00:01", 5, "crane");
    a = judge(s, w, "plc");
    assert_int_equal(a.n_mismatches, 3);
    assert_string_equal(a.mismatches[0].field, "mac");
    assert_string_equal(a.mismatches[0].declared, "00:1b:1b:12:34:56");
    assert_string_equal(a.mismatches[0].observed, "00:0e:8c:00:00:01");
    assert_string_equal(a.mismatches[0].source, "arp");

    /* the HMI (no MAC declared) seen with a MAC of its own is matched */
    host(w, "10.40.1.20", "02:53:00:00:00:01", 1, "crane");
    assert_int_equal(judge(s, w, "hmi").state, STORE_INV_MATCHED);
    store_observer_close(w);
    store_close(s);
}

typedef struct seen_hosts {
    char ip[8][16], state[8][16], names[8][64], offers[8][64];
    size_t n;
} seen_hosts;

static int collect(void *ctx, const store_inv_host_row *r)
{
    seen_hosts *h = ctx;
    if (h->n == 8) return 1;
    snprintf(h->ip[h->n], 16, "%s", r->ip);
    snprintf(h->state[h->n], 16, "%s", store_inv_state_name(r->state));
    snprintf(h->names[h->n], 64, "%s/%s", r->n_names ? r->names[0].name : "-", r->n_names ? r->names[0].source : "-");
    snprintf(h->offers[h->n], 64, "%d/%d/%s", r->n_offered ? r->offered[0].ip_proto : 0,
             r->n_offered ? r->offered[0].port : 0, r->n_offered && r->offered[0].app ? r->offered[0].app : "-");
    h->n++;
    return 0;
}

static void test_hosts_shadow_external_names_services(void **state)
{
    tmpdb_fixture *f = *state;
    store *s = open_port(f);
    sw_error err = { 0 };
    store_observer *w = store_observer_open(s, 0, &err);
    assert_non_null(w);
    host(w, "10.40.1.77", "b8:27:eb:01:02:03", 1, "crane");        /* a Raspberry Pi in the crane zone */
    host(w, "198.51.100.7", "00:00:0c:07:ac:01", 0, "internet");    /* an internet server */
    host(w, "192.168.5.5", "00:11:22:33:44:55", 0, "internet");     /* private, outside every drawn zone */
    store_name_rec n = { NULL, "b8:27:eb:01:02:03", "raspberrypi", "dhcp", 5, 6, 3 };
    assert_int_equal(store_observer_name(w, &n, &err), SW_OK);
    store_name_rec bad = { NULL, NULL, "x", "dns", 1, 1, 1 };
    assert_int_equal(store_observer_name(w, &bad, &err), SW_ERR_INVALID);
    store_service_rec sv = { "10.40.1.77", true, 6, 502, "modbus", "10.40.1.11", 1, 2, 4 };
    assert_int_equal(store_observer_service(w, &sv, &err), SW_OK);
    assert_int_equal(store_observer_service(w, &sv, &err), SW_OK);
    assert_int_equal(store_observer_flush(w, &err), SW_OK);

    store_inventory *v = store_inventory_open(s, &err);
    assert_non_null(v);
    seen_hosts h = { 0 };
    assert_int_equal(store_inventory_hosts(v, NULL, collect, &h, &err), SW_OK);
    assert_int_equal(h.n, 3);
    assert_string_equal(h.ip[0], "10.40.1.77");
    assert_string_equal(h.state[0], "shadow");
    assert_string_equal(h.names[0], "raspberrypi/dhcp");         /* joined by the MAC the address ARPed with */
    assert_string_equal(h.offers[0], "6/502/modbus");
    assert_string_equal(h.state[1], "shadow");                    /* 192.168.5.5: private */
    assert_string_equal(h.state[2], "external");                  /* 198.51.100.7 */

    store_inv_host_filter only_external = { NULL, STORE_INV_EXTERNAL, false };
    memset(&h, 0, sizeof h);
    assert_int_equal(store_inventory_hosts(v, &only_external, collect, &h, &err), SW_OK);
    assert_int_equal(h.n, 1);
    assert_string_equal(h.ip[0], "198.51.100.7");
    store_inventory_close(v);
    int64_t flows = 0;
    assert_int_equal(store_query_int(s, "SELECT flows FROM host_services", &flows, &err), SW_OK);
    assert_int_equal(flows, 8);   /* two records of 4 flows: one row */
    store_observer_close(w);
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_states_and_mismatches, tmpdb_setup, tmpdb_teardown),
        cmocka_unit_test_setup_teardown(test_hosts_shadow_external_names_services, tmpdb_setup, tmpdb_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
