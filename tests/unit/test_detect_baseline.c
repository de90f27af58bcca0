/* test_detect_baseline.c - the learned baseline: the fingerprint set, what
 * --learn reports (once per item, OT assets only), and SW-BASE-NEW-TALKER /
 * SW-BASE-NEW-FUNCTION on what the baseline lacks, with their techniques,
 * asset ids, dedup and a full set. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "detect/baseline.h"

static const char model_yaml[] =
    "port: {name: Testport, timezone: UTC}\n"
    "zones:\n"
    "  - {id: corp, domain: it, security_level: 2, networks: [10.10.0.0/16]}\n"
    "  - {id: eng, domain: ot, security_level: 3, networks: [10.22.0.0/24]}\n"
    "  - {id: crane, domain: ot, security_level: 3, networks: [10.31.0.0/24]}\n"
    "  - {id: gate, domain: phys, security_level: 2, networks: [10.50.0.0/24]}\n"
    "  - {id: internet, domain: it, security_level: 0, networks: [0.0.0.0/0]}\n"
    "conduits:\n"
    "  - {from: eng, to: crane, services: [s7comm, modbus], justification: programming}\n"
    "assets:\n"
    "  - {id: ews-01, kind: eng-workstation, zone: eng, ip: 10.22.0.11}\n"
    "  - {id: ews-02, kind: eng-workstation, zone: eng, ip: 10.22.0.12}\n"
    "  - {id: plc-01, kind: plc, zone: crane, ip: 10.31.0.21, may_write: [ews-01]}\n"
    "  - {id: hmi-01, kind: hmi, zone: crane, ip: 10.31.0.31}\n"
    "  - {id: cam-01, kind: camera, zone: gate, ip: 10.50.0.61}\n"
    "  - {id: ws-01, kind: workstation, zone: corp, ip: 10.10.2.5}\n"
    "  - {id: srv-01, kind: server, zone: corp, ip: 10.10.2.9}\n";

typedef struct fixture {
    port_model *m;
    detect_engine *e;
    detect_baseline *b;
    detect_alert got[64];
    size_t n;
    detect_learned learned[64];
    char learned_service[64][16], learned_asset[64][32];
    size_t n_learned;
} fixture;

static void collect(void *user, const detect_alert *a)
{
    fixture *f = user;
    if (f->n < 64) f->got[f->n++] = *a;
}

static void learn(void *user, const detect_learned *l)
{
    fixture *f = user;
    if (f->n_learned == 64) return;
    /* Strings live only during the call: keep copies. */
    size_t i = f->n_learned++;
    f->learned[i] = *l;
    snprintf(f->learned_asset[i], sizeof f->learned_asset[i], "%s",
             l->is_function ? l->function.asset_id : l->talker.asset_id);
    snprintf(f->learned_service[i], sizeof f->learned_service[i], "%s",
             l->is_function ? l->function.protocol : l->talker.service);
}

static fixture *make(uint32_t capacity, bool phys)
{
    fixture *f = calloc(1, sizeof *f);
    diag_list d;
    diag_init(&d, "t.yaml");
    f->m = model_load_buffer(model_yaml, sizeof model_yaml - 1, "t.yaml", &d);
    assert_non_null(f->m);
    assert_int_equal(d.errors, 0);
    diag_free(&d);
    detect_config cfg;
    detect_config_default(&cfg);
    cfg.baseline_phys = phys;
    f->e = detect_create(f->m, &cfg, collect, f);
    f->b = detect_baseline_create(capacity);
    assert_non_null(f->e);
    assert_non_null(f->b);
    return f;
}

static void destroy(fixture *f)
{
    detect_destroy(f->e);
    detect_baseline_destroy(f->b);
    model_free(f->m);
    free(f);
}

static net_flow mkflow(const char *client, uint16_t cport, const char *server, uint16_t sport, uint8_t proto)
{
    net_flow fl;
    memset(&fl, 0, sizeof fl);
    ip_parse(client, &fl.client);
    ip_parse(server, &fl.server);
    fl.client_port = cport;
    fl.server_port = sport;
    fl.ip_proto = proto;
    fl.first_ts = fl.last_ts = 1000000;
    fl.first_frame = 3;
    fl.last_frame = 9;
    fl.payload_bytes[0] = 40;
    fl.app = -1;
    return fl;
}

static void flow_end(fixture *f, const net_flow *fl, const char *app)
{
    net_observation o;
    memset(&o, 0, sizeof o);
    o.kind = OBS_FLOW_END;
    o.ts = fl->last_ts;
    o.frame = fl->last_frame;
    o.flow = fl;
    o.u.flow_end.app = app;
    detect_observe(f->e, &o);
}

static void ics(fixture *f, const net_flow *fl, const char *proto, uint16_t fn, const char *name, bool write,
                int sub)
{
    net_observation o;
    memset(&o, 0, sizeof o);
    o.kind = OBS_ICS_OP;
    o.ts = 2000000;
    o.frame = 42;
    o.flow = fl;
    o.dir = NET_DIR_TO_SERVER;
    o.u.ics.protocol = proto;
    o.u.ics.function = fn;
    o.u.ics.function_name = name;
    o.u.ics.is_write = write;
    if (sub >= 0) { o.u.ics.has_subfunction = true; o.u.ics.subfunction = (uint16_t)sub; }
    detect_observe(f->e, &o);
}

static size_t count_rule(const fixture *f, detect_rule_id r)
{
    size_t n = 0;
    for (size_t i = 0; i < f->n; i++) n += f->got[i].rule == r;
    return n;
}

static const detect_alert *find_rule(const fixture *f, detect_rule_id r)
{
    for (size_t i = 0; i < f->n; i++)
        if (f->got[i].rule == r) return &f->got[i];
    return NULL;
}

static bool has_extra(const detect_alert *a, const char *t)
{
    for (size_t i = 0; i < a->n_extra; i++)
        if (!strcmp(a->extra_techniques[i], t)) return true;
    return false;
}

static void test_set(void **state)
{
    (void)state;
    detect_baseline *b = detect_baseline_create(16);
    detect_talker t = { "plc-01", { { 0 }, false }, true, "s7comm" };
    ip_parse("10.31.0.31", &t.peer);
    assert_false(detect_baseline_has_talker(b, &t));
    assert_true(detect_baseline_add_talker(b, &t));
    assert_true(detect_baseline_add_talker(b, &t));          /* again: no change */
    assert_int_equal(detect_baseline_size(b), 2);            /* the peer and the service */
    assert_true(detect_baseline_has_talker(b, &t));
    assert_true(detect_baseline_has_service(b, "plc-01", true, "s7comm"));
    assert_false(detect_baseline_has_service(b, "plc-01", false, "s7comm"));   /* role matters */
    assert_false(detect_baseline_has_service(b, "plc-0", true, "1s7comm"));    /* fields do not run together */
    detect_talker other = t;
    ip_parse("10.31.0.32", &other.peer);
    assert_false(detect_baseline_has_talker(b, &other));
    detect_function fn = { "plc-01", "modbus", 8, 1 }, fn2 = { "plc-01", "modbus", 8, 4 };
    assert_true(detect_baseline_add_function(b, &fn));
    assert_true(detect_baseline_has_function(b, &fn));
    assert_false(detect_baseline_has_function(b, &fn2));     /* sub-function matters */
    /* Full: adding fails, nothing partial is kept. */
    for (int i = 0; i < 40; i++) {
        detect_function x = { "plc-01", "modbus", i, -1 };
        if (!detect_baseline_add_function(b, &x)) break;
    }
    assert_int_equal(detect_baseline_size(b), 16);
    size_t before = detect_baseline_size(b);
    assert_false(detect_baseline_add_talker(b, &other));
    assert_int_equal(detect_baseline_size(b), before);
    assert_true(detect_baseline_memory(b) >= 32 * sizeof(uint64_t));
    detect_baseline_destroy(b);
}

static void test_learn(void **state)
{
    (void)state;
    fixture *f = make(1024, false);
    detect_set_baseline(f->e, f->b, learn, f);
    net_flow s7 = mkflow("10.31.0.31", 50000, "10.31.0.21", 102, 6);
    flow_end(f, &s7, "s7comm");
    flow_end(f, &s7, "s7comm");                 /* reported once */
    ics(f, &s7, "s7comm", 4, "read_var", false, -1);
    ics(f, &s7, "s7comm", 4, "read_var", false, -1);
    /* both ends are OT assets: each learns its side */
    assert_int_equal(f->n_learned, 3);
    assert_false(f->learned[0].is_function);
    assert_string_equal(f->learned_asset[0], "plc-01");
    assert_true(f->learned[0].talker.asset_is_server);
    assert_string_equal(f->learned_asset[1], "hmi-01");
    assert_false(f->learned[1].talker.asset_is_server);
    assert_true(f->learned[2].is_function);
    assert_int_equal(f->learned[2].function.function, 4);
    assert_int_equal(f->learned[2].function.subfunction, -1);
    /* IT to IT, physical security (off by default) and probes learn nothing */
    net_flow it = mkflow("10.10.2.5", 50001, "10.10.2.9", 443, 6);
    flow_end(f, &it, "tls");
    net_flow cam = mkflow("10.22.0.11", 50002, "10.50.0.61", 554, 6);
    flow_end(f, &cam, "rtsp");
    assert_int_equal(f->n_learned, 4);          /* only ews-01's outbound side */
    assert_string_equal(f->learned_asset[3], "ews-01");
    net_flow probe = mkflow("10.10.2.5", 50003, "10.31.0.21", 80, 6);
    probe.payload_bytes[0] = 0;
    flow_end(f, &probe, NULL);
    assert_int_equal(f->n_learned, 4);
    assert_int_equal(count_rule(f, RULE_BASE_NEW_TALKER) + count_rule(f, RULE_BASE_NEW_FUNCTION), 0);   /* learning never alerts */
    destroy(f);
}

static void test_phys_covered(void **state)
{
    (void)state;
    fixture *f = make(1024, true);
    detect_set_baseline(f->e, f->b, learn, f);
    net_flow cam = mkflow("10.10.2.5", 50002, "10.50.0.61", 554, 6);
    flow_end(f, &cam, NULL);
    assert_int_equal(f->n_learned, 1);
    assert_string_equal(f->learned_service[0], "tcp/554");
    destroy(f);
}

static void test_alerts(void **state)
{
    (void)state;
    fixture *f = make(1024, false);
    /* the baseline: the HMI reads the PLC over S7 */
    detect_talker t = { "plc-01", { { 0 }, false }, true, "s7comm" };
    ip_parse("10.31.0.31", &t.peer);
    detect_baseline_add_talker(f->b, &t);
    detect_function rd = { "plc-01", "s7comm", 4, -1 };
    detect_baseline_add_function(f->b, &rd);
    detect_set_baseline(f->e, f->b, NULL, NULL);

    net_flow known = mkflow("10.31.0.31", 50000, "10.31.0.21", 102, 6);
    flow_end(f, &known, "s7comm");
    ics(f, &known, "s7comm", 4, "read_var", false, -1);
    assert_int_equal(f->n, 0);

    /* a new talker reading what is known: one SW-BASE-NEW-TALKER */
    net_flow ews = mkflow("10.22.0.12", 50001, "10.31.0.21", 102, 6);
    flow_end(f, &ews, "s7comm");
    ics(f, &ews, "s7comm", 4, "read_var", false, -1);
    assert_int_equal(f->n, 1);
    const detect_alert *a = find_rule(f, RULE_BASE_NEW_TALKER);
    assert_non_null(a);
    assert_string_equal(a->asset_dst->id, "plc-01");
    assert_string_equal(a->asset_src->id, "ews-02");
    assert_true(has_extra(a, "T0886"));
    assert_int_equal(a->severity, SEV_HIGH);    /* a controller */
    assert_int_equal(a->frames[0], 3);          /* the flow's first frame */
    assert_non_null(strstr(a->message, "s7comm"));

    /* a new function: a write, with its techniques */
    ics(f, &ews, "s7comm", 5, "write_var", true, -1);
    a = find_rule(f, RULE_BASE_NEW_FUNCTION);
    assert_non_null(a);
    assert_true(has_extra(a, "T0855") && has_extra(a, "T0836"));
    assert_int_equal(a->severity, SEV_HIGH);
    assert_int_equal(a->frames[0], 42);
    /* repeats are deduplicated */
    ics(f, &ews, "s7comm", 5, "write_var", true, -1);
    flow_end(f, &ews, "s7comm");
    assert_int_equal(count_rule(f, RULE_BASE_NEW_FUNCTION), 1);
    assert_int_equal(count_rule(f, RULE_BASE_NEW_TALKER), 1);

    /* a new read function names T0861; an identity request T0888 */
    ics(f, &known, "s7comm", 0x1d, "start_upload", false, -1);
    assert_true(has_extra(&f->got[f->n - 1], "T0861"));
    net_flow mb = mkflow("10.31.0.31", 50004, "10.31.0.21", 502, 6);
    ics(f, &mb, "modbus", 43, "read_device_identification", false, 14);
    assert_true(has_extra(&f->got[f->n - 1], "T0888"));
    assert_int_equal(f->got[f->n - 1].rule, RULE_BASE_NEW_FUNCTION);

    /* a known peer on a new service: no new talker for the pair's s7comm,
     * but the service and the peer-on-service are new */
    size_t before = f->n;
    net_flow http = mkflow("10.31.0.31", 50005, "10.31.0.21", 80, 6);
    flow_end(f, &http, "http");
    assert_int_equal(count_rule(f, RULE_BASE_NEW_TALKER), 2);
    assert_int_equal(f->n, before + 2);
    assert_non_null(strstr(f->got[f->n - 1].message, "offers http"));

    /* an OT asset reaching out to a new peer: T0869, named on the client */
    net_flow out = mkflow("10.31.0.21", 50006, "203.0.113.5", 443, 6);
    flow_end(f, &out, "tls");
    const detect_alert *last = &f->got[f->n - 2];
    assert_int_equal(last->rule, RULE_BASE_NEW_TALKER);
    assert_string_equal(last->asset_src->id, "plc-01");
    assert_true(has_extra(last, "T0869"));
    assert_int_equal(last->framework, DF_ICS);

    /* IT traffic is not the baseline's business */
    before = f->n;
    net_flow it = mkflow("10.10.2.5", 50007, "10.10.2.9", 443, 6);
    flow_end(f, &it, "tls");
    assert_int_equal(f->n, before);
    destroy(f);
}

static void test_no_baseline_no_alerts(void **state)
{
    (void)state;
    fixture *f = make(1024, false);
    net_flow ews = mkflow("10.22.0.12", 50001, "10.31.0.21", 102, 6);
    flow_end(f, &ews, "s7comm");
    ics(f, &ews, "s7comm", 5, "write_var", true, -1);
    assert_int_equal(count_rule(f, RULE_BASE_NEW_TALKER) + count_rule(f, RULE_BASE_NEW_FUNCTION), 0);
    destroy(f);
}

static void test_learn_full(void **state)
{
    (void)state;
    fixture *f = make(16, false);
    detect_set_baseline(f->e, f->b, learn, f);
    char ip[32];
    for (int i = 0; i < 20; i++) {
        snprintf(ip, sizeof ip, "10.10.3.%d", i + 1);
        net_flow fl = mkflow(ip, 50000, "10.31.0.21", 502, 6);
        flow_end(f, &fl, "modbus");
    }
    /* everything is still reported (the store keeps it); the set says it is full */
    assert_int_equal(f->n_learned, 20);
    assert_int_equal(detect_baseline_size(f->b), 16);
    assert_true(detect_get_stats(f->e)->baseline_full > 0);
    destroy(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_set),
        cmocka_unit_test(test_learn),
        cmocka_unit_test(test_phys_covered),
        cmocka_unit_test(test_alerts),
        cmocka_unit_test(test_no_baseline_no_alerts),
        cmocka_unit_test(test_learn_full),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
