/* test_detect.c - the detectors on a hand-built model and hand-built
 * observations: each rule fires, allowed traffic stays quiet, repeats are
 * deduplicated, tables stay bounded under floods, alerts render as ECS. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "detect/detect.h"
#include "net/proto/defcred.h"

static const char model_yaml[] =
    "port: {name: Testport, timezone: UTC}\n"
    "zones:\n"
    "  - {id: corp, domain: it, security_level: 2, networks: [10.10.0.0/16]}\n"
    "  - {id: vendor, domain: ot, security_level: 2, networks: [10.15.0.0/24]}\n"
    "  - {id: eng, domain: ot, security_level: 3, networks: [10.22.0.0/24]}\n"
    "  - {id: crane, domain: ot, security_level: 3, networks: [10.31.0.0/24]}\n"
    "  - {id: tos, domain: ot, security_level: 3, networks: [10.21.0.0/24]}\n"
    "  - {id: internet, domain: it, security_level: 0, networks: [0.0.0.0/0]}\n"
    "conduits:\n"
    "  - {from: eng, to: crane, services: [s7comm, modbus], justification: programming}\n"
    "  - {from: vendor, to: crane, services: [s7comm, vnc], justification: vendor service}\n"
    "  - {from: corp, to: tos, services: [https], justification: office users}\n"
    "  - {from: corp, to: internet, services: [https], justification: browsing}\n"
    "entry_points:\n"
    "  - {id: vendor-vpn, kind: remote-access, reaches: [vendor]}\n"
    "assets:\n"
    "  - {id: ews-01, kind: eng-workstation, zone: eng, ip: 10.22.0.11}\n"
    "  - {id: ews-02, kind: eng-workstation, zone: eng, ip: 10.22.0.12}\n"
    "  - {id: rsp-01, kind: eng-workstation, zone: vendor, ip: 10.15.0.20}\n"
    "  - {id: plc-01, kind: plc, zone: crane, ip: 10.31.0.21, criticality: crown-jewel, may_write: [ews-01]}\n"
    "  - {id: hmi-01, kind: hmi, zone: crane, ip: 10.31.0.31}\n"
    "  - {id: cam-01, kind: camera, zone: crane, ip: 10.31.0.61}\n"
    "  - {id: ws-01, kind: workstation, zone: corp, ip: 10.10.2.5}\n"
    "  - {id: db-01, kind: server, zone: tos, ip: 10.21.0.20}\n"
    "vendors:\n"
    "  - {id: oem, remote_access: vendor-vpn, access_window: \"Mon-Fri 07:00-19:00\", access_from: [vendor],\n"
    "     assets: [plc-01, rsp-01]}\n";

typedef struct fixture {
    port_model *m;
    detect_engine *e;
    detect_alert got[256];
    size_t n;
    size_t total;
} fixture;

static void collect(void *user, const detect_alert *a)
{
    fixture *f = user;
    f->total++;
    if (f->n < 256) f->got[f->n++] = *a;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    diag_list d;
    diag_init(&d, "t.yaml");
    f->m = model_load_buffer(model_yaml, sizeof model_yaml - 1, "t.yaml", &d);
    if (!f->m || d.errors) { diag_print(&d, stderr); return -1; }
    diag_free(&d);
    detect_config cfg;
    detect_config_default(&cfg);
    cfg.dedup_capacity = 64;        /* small: floods must evict, not grow */
    cfg.scan_sources = 16;
    f->e = detect_create(f->m, &cfg, collect, f);
    *state = f;
    return f->e ? 0 : -1;
}

static int teardown(void **state)
{
    fixture *f = *state;
    detect_destroy(f->e);
    model_free(f->m);
    free(f);
    return 0;
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
    fl.first_frame = fl.last_frame = 7;
    fl.tcp_flags_seen[0] = 0x02;
    fl.pkts[0] = 1;
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

static void ics_op(fixture *f, const net_flow *fl, const char *fn, bool write, bool control, sw_time_us ts)
{
    net_observation o;
    memset(&o, 0, sizeof o);
    o.kind = OBS_ICS_OP;
    o.ts = ts;
    o.frame = 42;
    o.flow = fl;
    o.dir = NET_DIR_TO_SERVER;
    o.u.ics.protocol = "s7comm";
    o.u.ics.function_name = fn;
    o.u.ics.is_write = write;
    o.u.ics.is_control = control;
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

static void test_rule_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < RULE__COUNT; i++) {
        assert_non_null(detect_rules[i].id);
        assert_true(strncmp(detect_rules[i].id, "SW-", 3) == 0);
        for (size_t j = 0; j < i; j++) assert_string_not_equal(detect_rules[i].id, detect_rules[j].id);
    }
}

static void test_segmentation_allowed_is_quiet(void **state)
{
    fixture *f = *state;
    net_flow a = mkflow("10.22.0.11", 40000, "10.31.0.21", 102, 6);     /* eng -> crane s7comm */
    net_flow b = mkflow("10.10.2.5", 40001, "10.21.0.20", 443, 6);     /* corp -> tos https */
    net_flow c = mkflow("10.31.0.31", 40002, "10.31.0.21", 502, 6);    /* inside a zone */
    net_flow d = mkflow("10.22.0.11", 40003, "10.31.0.21", 5020, 6);   /* modbus on another port, named */
    net_flow e = mkflow("10.10.2.5", 68, "255.255.255.255", 67, 17);   /* broadcast */
    flow_end(f, &a, "s7comm");
    flow_end(f, &b, "tls");
    flow_end(f, &c, NULL);
    flow_end(f, &d, "modbus");
    flow_end(f, &e, NULL);
    assert_int_equal(f->n, 0);
}

static void test_segmentation_violations(void **state)
{
    fixture *f = *state;
    net_flow nc = mkflow("10.10.2.5", 40000, "10.31.0.21", 102, 6);    /* corp -> crane: no conduit */
    net_flow sv = mkflow("10.22.0.11", 40001, "10.31.0.21", 80, 6);    /* eng -> crane http: not a service */
    net_flow dir = mkflow("10.31.0.21", 40002, "10.22.0.11", 102, 6);  /* crane -> eng s7comm: wrong way */
    net_flow rdp = mkflow("10.10.2.5", 40003, "10.21.0.20", 3389, 6);  /* corp -> tos rdp */
    net_flow out = mkflow("10.31.0.31", 40004, "198.51.100.7", 443, 6); /* OT -> internet */
    net_flow in = mkflow("203.0.113.9", 40005, "10.15.0.20", 22, 6);   /* internet -> OT */
    flow_end(f, &nc, NULL);
    flow_end(f, &sv, "http");
    flow_end(f, &dir, "s7comm");
    flow_end(f, &rdp, NULL);
    flow_end(f, &out, "tls");
    flow_end(f, &in, NULL);
    assert_int_equal(count_rule(f, RULE_SEG_NO_CONDUIT), 1);
    assert_int_equal(count_rule(f, RULE_SEG_SERVICE), 1);
    assert_int_equal(count_rule(f, RULE_SEG_DIRECTION), 1);
    assert_int_equal(count_rule(f, RULE_SEG_REMOTE_SERVICE), 1);
    assert_int_equal(count_rule(f, RULE_SEG_OT_INTERNET), 1);
    assert_int_equal(count_rule(f, RULE_SEG_INTERNET_OT), 1);
    const detect_alert *a = find_rule(f, RULE_SEG_NO_CONDUIT);
    assert_string_equal(a->zone_src->id, "corp");
    assert_string_equal(a->zone_dst->id, "crane");
    assert_string_equal(a->asset_dst->id, "plc-01");
    assert_int_equal(a->severity, SEV_HIGH);                  /* crown jewel raises medium */
    assert_int_equal(a->framework, DF_ICS);
    /* The same conversation again, from another client port: deduplicated. */
    net_flow again = nc;
    again.client_port = 41000;
    flow_end(f, &again, NULL);
    assert_int_equal(count_rule(f, RULE_SEG_NO_CONDUIT), 1);
    assert_true(detect_get_stats(f->e)->suppressed >= 1);
}

static void test_ics_unauthorised_write(void **state)
{
    fixture *f = *state;
    net_flow ok = mkflow("10.22.0.11", 40000, "10.31.0.21", 102, 6);
    ics_op(f, &ok, "write_var", true, false, 1000000);        /* ews-01 is in may_write */
    ics_op(f, &ok, "read_var", false, false, 1000000);
    assert_int_equal(f->n, 0);
    net_flow vendor = mkflow("10.15.0.20", 40001, "10.31.0.21", 102, 6);
    ics_op(f, &vendor, "read_var", false, false, 1000000);    /* reads are fine */
    assert_int_equal(f->n, 0);
    ics_op(f, &vendor, "write_var", true, false, 2000000);
    ics_op(f, &vendor, "write_var", true, false, 3000000);    /* deduplicated */
    assert_int_equal(count_rule(f, RULE_ICS_UNAUTH_WRITE), 1);
    const detect_alert *a = find_rule(f, RULE_ICS_UNAUTH_WRITE);
    assert_int_equal(a->n_extra, 1);
    assert_string_equal(a->extra_techniques[0], "T0886");     /* from the remote-access zone */
    assert_int_equal(a->severity, SEV_CRITICAL);
    assert_int_equal(a->frames[0], 42);
    /* A write to a non-controller with no may_write is not judged. */
    net_flow hmi = mkflow("10.22.0.12", 40002, "10.31.0.31", 102, 6);
    ics_op(f, &hmi, "write_var", true, false, 1000000);
    assert_int_equal(f->n, 1);
}

static void test_ics_program_and_run_state(void **state)
{
    fixture *f = *state;
    net_flow fl = mkflow("10.22.0.12", 40000, "10.31.0.21", 102, 6);   /* ews-02: not in may_write */
    ics_op(f, &fl, "plc_stop", false, true, 1000000);
    ics_op(f, &fl, "request_download", true, true, 2000000);
    ics_op(f, &fl, "download_block", true, true, 2000100);
    ics_op(f, &fl, "download_ended", true, true, 2000200);
    ics_op(f, &fl, "start_upload", false, true, 3000000);
    assert_int_equal(count_rule(f, RULE_ICS_CPU_STOP), 1);
    assert_int_equal(count_rule(f, RULE_ICS_PROGRAM_DOWNLOAD), 1);
    assert_int_equal(count_rule(f, RULE_ICS_PROGRAM_UPLOAD), 1);
    assert_int_equal(count_rule(f, RULE_ICS_UNAUTH_CONTROL) + count_rule(f, RULE_ICS_UNAUTH_WRITE), 0);
    const detect_alert *a = find_rule(f, RULE_ICS_PROGRAM_DOWNLOAD);
    assert_int_equal(a->severity, SEV_CRITICAL);               /* unauthorised: raised */
    assert_string_equal(a->extra_techniques[0], "T0855");
    /* An authorised download still alerts (change management), one level lower. */
    net_flow ok = mkflow("10.22.0.11", 40001, "10.31.0.21", 102, 6);
    ics_op(f, &ok, "request_download", true, true, 4000000);
    assert_int_equal(count_rule(f, RULE_ICS_PROGRAM_DOWNLOAD), 2);
    assert_int_equal(f->got[f->n - 1].severity, SEV_HIGH);
    /* DNP3-style restart names map without protocol code. */
    ics_op(f, &ok, "cold_restart", false, true, 5000000);
    assert_int_equal(count_rule(f, RULE_ICS_RESTART), 1);
}

static void test_rogue_master_and_asset(void **state)
{
    fixture *f = *state;
    net_flow fl = mkflow("10.31.0.177", 40000, "10.31.0.21", 44818, 6);
    ics_op(f, &fl, "list_identity", false, false, 1000000);
    assert_int_equal(count_rule(f, RULE_ICS_ROGUE_MASTER), 1);
    net_packet p;
    memset(&p, 0, sizeof p);
    p.l3 = NET_L3_IPV4;
    ip_parse("10.31.0.177", &p.src);
    ip_parse("10.31.0.21", &p.dst);
    p.has_mac = true;
    memcpy(p.src_mac, "\xb8\x27\xeb\x01\x02\x03", 6);
    net_observation o;
    memset(&o, 0, sizeof o);
    o.kind = OBS_PACKET;
    o.ts = 900000;
    o.frame = 5;
    o.packet = &p;
    o.flow = &fl;
    detect_observe(f->e, &o);
    assert_int_equal(count_rule(f, RULE_ASSET_ROGUE), 1);
    assert_true(find_rule(f, RULE_ASSET_ROGUE)->has_src_mac);
    /* A declared host is no rogue. */
    ip_parse("10.31.0.31", &p.src);
    net_flow fl2 = mkflow("10.31.0.31", 40001, "10.31.0.21", 502, 6);
    o.flow = &fl2;
    detect_observe(f->e, &o);
    assert_int_equal(count_rule(f, RULE_ASSET_ROGUE), 1);
}

static void probe(fixture *f, const char *src, const char *dst, uint16_t port, sw_time_us ts)
{
    net_flow fl = mkflow(src, 50000, dst, port, 6);
    fl.first_ts = fl.last_ts = ts;
    flow_end(f, &fl, NULL);
}

static void test_scans(void **state)
{
    fixture *f = *state;
    char ip[32];
    for (int h = 1; h <= 12; h++) {                              /* camera sweeps 12 hosts on 502 */
        snprintf(ip, sizeof ip, "10.31.0.%d", 100 + h);
        probe(f, "10.31.0.61", ip, 502, 1000000 + h);
    }
    assert_int_equal(count_rule(f, RULE_SCAN_HORIZONTAL), 1);
    assert_int_equal(count_rule(f, RULE_SCAN_VERTICAL), 0);
    static const uint16_t ports[] = { 21, 22, 23, 80, 102, 443, 502, 2404, 3389, 5900, 44818 };
    for (size_t i = 0; i < sizeof ports / sizeof *ports; i++) probe(f, "10.31.0.61", "10.31.0.21", ports[i], 2000000);
    assert_int_equal(count_rule(f, RULE_SCAN_VERTICAL), 1);
    /* An engineering workstation may scan. */
    for (int h = 1; h <= 12; h++) {
        snprintf(ip, sizeof ip, "10.31.0.%d", 100 + h);
        probe(f, "10.22.0.11", ip, 102, 3000000);
    }
    assert_int_equal(count_rule(f, RULE_SCAN_HORIZONTAL), 1);
    /* Probes spread beyond the window do not add up. */
    for (int h = 1; h <= 12; h++) {
        snprintf(ip, sizeof ip, "10.31.0.%d", 100 + h);
        probe(f, "10.31.0.31", ip, 80, (sw_time_us)h * 61 * 1000000);
    }
    assert_int_equal(count_rule(f, RULE_SCAN_HORIZONTAL), 1);
    /* Connections that carried data are no probes. */
    for (int h = 1; h <= 12; h++) {
        snprintf(ip, sizeof ip, "10.31.0.%d", 100 + h);
        net_flow fl = mkflow("10.31.0.31", 50000, ip, 443, 6);
        fl.payload_bytes[0] = fl.payload_bytes[1] = 100;
        flow_end(f, &fl, NULL);
    }
    assert_int_equal(count_rule(f, RULE_SCAN_HORIZONTAL), 1);
}

static void test_flood_stays_bounded(void **state)
{
    fixture *f = *state;
    size_t mem = detect_get_stats(f->e)->memory;
    char src[32], dst[32];
    for (int i = 0; i < 20000; i++) {                             /* 20000 sources, 20000 violations */
        snprintf(src, sizeof src, "10.10.%d.%d", (i >> 8) & 255, i & 255);
        snprintf(dst, sizeof dst, "10.31.0.%d", 1 + i % 200);
        probe(f, src, dst, 502, 1000000 + i);
    }
    assert_int_equal(detect_get_stats(f->e)->memory, mem);
    assert_true(detect_get_stats(f->e)->dedup_evictions > 0);
    assert_true(detect_get_stats(f->e)->scan_evictions > 0);
    assert_true(f->total >= 20000 - 200);    /* each new conversation alerts (no conduit corp -> crane) */
}

static void test_remote_cleartext(void **state)
{
    fixture *f = *state;
    net_flow fl = mkflow("10.15.0.20", 40000, "10.31.0.21", 5900, 6);    /* VNC allowed by the conduit */
    net_packet p;
    memset(&p, 0, sizeof p);
    p.l3 = NET_L3_IPV4;
    p.payload_len = 12;
    fl.payload_bytes[1] = 12;
    net_observation o;
    memset(&o, 0, sizeof o);
    o.kind = OBS_PACKET;
    o.ts = 1000000;
    o.frame = 9;
    o.packet = &p;
    o.flow = &fl;
    o.dir = NET_DIR_TO_CLIENT;
    fl.pkts[1] = 1;
    detect_observe(f->e, &o);
    assert_int_equal(count_rule(f, RULE_REMOTE_CLEAR), 1);
    assert_int_equal(count_rule(f, RULE_SEG_SERVICE) + count_rule(f, RULE_SEG_NO_CONDUIT), 0);
    /* Inside the zone: not remote access into it. */
    net_flow in = mkflow("10.31.0.31", 40001, "10.31.0.21", 23, 6);
    in.payload_bytes[1] = 12;
    o.flow = &in;
    detect_observe(f->e, &o);
    assert_int_equal(count_rule(f, RULE_REMOTE_CLEAR), 1);
}

static void login_meta(fixture *f, const net_flow *fl, const char *proto, const defcred *d, sw_time_us ts)
{
    net_observation o;
    memset(&o, 0, sizeof o);
    o.kind = OBS_APP_META;
    o.ts = ts;
    o.frame = 11;
    o.flow = fl;
    o.dir = NET_DIR_TO_SERVER;
    o.u.meta.protocol = proto;
    o.u.meta.event = "login";
    o.u.meta.cleartext_credentials = true;
    o.u.meta.default_credential = d;
    detect_observe(f->e, &o);
}

/* SW-CRED-DEFAULT: any zone, one alert per client, server, port and table
 * entry; ATT&CK for ICS T0812 in OT, Enterprise T1078.001 in IT. */
static void test_default_credentials(void **state)
{
    fixture *f = *state;
    const defcred *hik = defcred_match(DEFCRED_LOGIN, "admin", "12345", 5);
    const defcred *pub = defcred_match(DEFCRED_SNMP, NULL, "public", 6);
    assert_non_null(hik);
    assert_non_null(pub);
    net_flow cam = mkflow("10.31.0.31", 40010, "10.31.0.61", 80, 6);     /* inside the crane zone */
    login_meta(f, &cam, "http", NULL, 1000000);                            /* not a default: quiet */
    assert_int_equal(count_rule(f, RULE_CRED_DEFAULT), 0);
    login_meta(f, &cam, "http", hik, 2000000);
    login_meta(f, &cam, "http", hik, 3000000);                             /* the same: one alert */
    assert_int_equal(count_rule(f, RULE_CRED_DEFAULT), 1);
    const detect_alert *a = find_rule(f, RULE_CRED_DEFAULT);
    assert_int_equal(a->framework, DF_ICS);
    assert_int_equal(a->n_extra, 1);
    assert_string_equal(a->extra_techniques[0], "T0812");
    assert_string_equal(a->protocol, "http");
    assert_int_equal(a->dst_port, 80);
    assert_ptr_equal(a->asset_dst, model_asset_by_id(f->m, "cam-01"));
    assert_non_null(strstr(a->message, "account admin"));
    assert_non_null(strstr(a->message, "cam-01"));
    assert_non_null(strstr(a->message, "Hikvision"));
    assert_true(a->n_frames >= 1 && a->frames[a->n_frames - 1] == 11);   /* the login's own frame */
    /* another entry on the same flow is another finding */
    login_meta(f, &cam, "snmp", pub, 4000000);
    assert_int_equal(count_rule(f, RULE_CRED_DEFAULT), 2);
    /* in IT: the Enterprise technique */
    net_flow corp = mkflow("10.10.2.5", 40011, "10.10.9.9", 21, 6);
    login_meta(f, &corp, "ftp", hik, 5000000);
    assert_int_equal(count_rule(f, RULE_CRED_DEFAULT), 3);
    a = &f->got[f->n - 1];
    assert_int_equal(a->rule, RULE_CRED_DEFAULT);
    assert_int_equal(a->framework, DF_ENTERPRISE);
    assert_string_equal(a->extra_techniques[0], "T1078.001");
    assert_non_null(strstr(a->message, "undeclared"));
    /* an observation with no flow cannot be placed: quiet */
    login_meta(f, NULL, "ftp", hik, 6000000);
    assert_int_equal(count_rule(f, RULE_CRED_DEFAULT), 3);
}

static void test_render_ecs(void **state)
{
    fixture *f = *state;
    net_flow fl = mkflow("10.15.0.20", 40001, "10.31.0.21", 102, 6);
    ics_op(f, &fl, "write_var", true, false, 1767225600000000);
    assert_int_equal(f->n, 1);
    strbuf sb;
    strbuf_init(&sb);
    uint64_t frames[] = { 42 };
    detect_alert_render(&f->got[0], "x \"y\".pcap", frames, 1, &sb);
    strbuf_putc(&sb, '\0');
    const char *j = sb.data;
    assert_non_null(strstr(j, "\"@timestamp\":\"2026-01-01T00:00:00.000000Z\""));
    assert_non_null(strstr(j, "\"kind\":\"alert\""));
    assert_non_null(strstr(j, "\"dataset\":\"seawall.net\""));
    assert_non_null(strstr(j, "\"id\":\"SW-ICS-UNAUTH-WRITE\""));
    assert_non_null(strstr(j, "\"id\":[\"T0855\",\"T0836\",\"T0886\"]"));
    assert_non_null(strstr(j, "\"framework\":\"MITRE ATT&CK for ICS\""));
    assert_non_null(strstr(j, "\"zone\":{\"src\":\"vendor\",\"dst\":\"crane\"}"));
    assert_non_null(strstr(j, "\"asset\":{\"src\":\"rsp-01\",\"dst\":\"plc-01\"}"));
    assert_non_null(strstr(j, "\"evidence\":{\"pcap\":\"x \\\"y\\\".pcap\",\"frames\":[42]}"));
    assert_non_null(strstr(j, "\"transport\":\"tcp\""));
    assert_non_null(strstr(j, "\"protocol\":\"s7comm\""));
    strbuf_free(&sb);
}

static bool message_has(const fixture *f, detect_rule_id r, const char *word)
{
    for (size_t i = 0; i < f->n; i++)
        if (f->got[i].rule == r && strstr(f->got[i].message, word)) return true;
    return false;
}

/* The first packet of a flow, client to server, carrying `payload` bytes. */
static void first_packet(fixture *f, net_flow *fl, sw_time_us ts, size_t payload)
{
    net_packet p;
    memset(&p, 0, sizeof p);
    p.l3 = NET_L3_IPV4;
    p.src = fl->client;
    p.dst = fl->server;
    p.payload_len = payload;
    fl->first_ts = fl->last_ts = ts;
    fl->pkts[0] = 1;
    fl->payload_bytes[0] = payload;
    net_observation o;
    memset(&o, 0, sizeof o);
    o.kind = OBS_PACKET;
    o.ts = ts;
    o.frame = 9;
    o.packet = &p;
    o.flow = fl;
    o.dir = NET_DIR_TO_SERVER;
    detect_observe(f->e, &o);
}

#define SUNDAY_0240 1767494400LL     /* 2026-01-04T02:40:00Z */
#define MONDAY_1000 1767607200LL     /* 2026-01-05T10:00:00Z */

static void test_vendor_window(void **state)
{
    fixture *f = *state;
    net_flow in = mkflow("10.15.0.20", 40000, "10.31.0.21", 102, 6);
    first_packet(f, &in, MONDAY_1000 * 1000000, 0);
    assert_int_equal(count_rule(f, RULE_REMOTE_VENDOR_WINDOW), 0);        /* Monday 10:00 UTC: agreed */
    net_flow out = mkflow("10.15.0.20", 40001, "10.31.0.21", 102, 6);
    first_packet(f, &out, SUNDAY_0240 * 1000000, 0);
    assert_int_equal(count_rule(f, RULE_REMOTE_VENDOR_WINDOW), 1);
    const detect_alert *a = find_rule(f, RULE_REMOTE_VENDOR_WINDOW);
    if (!a) fail();
    assert_true(message_has(f, RULE_REMOTE_VENDOR_WINDOW, "Sun 02:40"));
    assert_int_equal(a->severity, SEV_CRITICAL);                          /* high, +1 for a crown jewel */
    /* Not the vendor's asset, or not from its path: quiet. */
    net_flow other = mkflow("10.15.0.20", 40002, "10.31.0.31", 5900, 6);
    first_packet(f, &other, SUNDAY_0240 * 1000000, 0);
    net_flow local = mkflow("10.31.0.31", 40003, "10.31.0.21", 102, 6);
    first_packet(f, &local, SUNDAY_0240 * 1000000, 0);
    assert_int_equal(count_rule(f, RULE_REMOTE_VENDOR_WINDOW), 1);
}

static void test_beacon(void **state)
{
    fixture *f = *state;
    /* An OT HMI to one internet address every 60 s +- 3 s: a beacon at the 7th connection. */
    sw_time_us t = 1000000000;
    static const int jitter[] = { 0, 2, -3, 1, 3, -2, 0, 1 };
    for (int i = 0; i < 8; i++) {
        t += (60 + jitter[i]) * 1000000LL;
        net_flow fl = mkflow("10.31.0.31", (uint16_t)(50000 + i), "198.51.100.77", 443, 6);
        first_packet(f, &fl, t, 0);
        assert_int_equal(count_rule(f, RULE_C2_BEACON), i < 6 ? 0 : 1);
    }
    const detect_alert *a = find_rule(f, RULE_C2_BEACON);
    if (!a) fail();
    assert_string_equal(a->extra_techniques[0], "T0885");
    /* An IT desk browsing at irregular gaps is no beacon; at regular ones it is the IT rule. */
    static const int gaps[] = { 12, 95, 31, 7, 240, 44, 18, 63, 150, 9 };
    t = 1000000000;
    for (int i = 0; i < 10; i++) {
        t += gaps[i] * 1000000LL;
        net_flow fl = mkflow("10.10.2.5", (uint16_t)(51000 + i), "203.0.113.10", 443, 6);
        first_packet(f, &fl, t, 0);
    }
    assert_int_equal(count_rule(f, RULE_C2_BEACON_IT), 0);
    /* Inside the port (no beacon_internal): never watched. */
    t = 1000000000;
    for (int i = 0; i < 10; i++) {
        t += 30 * 1000000LL;
        net_flow fl = mkflow("10.31.0.31", (uint16_t)(52000 + i), "10.21.0.20", 443, 6);
        first_packet(f, &fl, t, 0);
    }
    assert_int_equal(count_rule(f, RULE_C2_BEACON) + count_rule(f, RULE_C2_BEACON_IT), 1);
}

static void test_pivot_write(void **state)
{
    fixture *f = *state;
    /* ews-01 may write plc-01: quiet on its own. */
    net_flow w = mkflow("10.22.0.11", 40000, "10.31.0.21", 102, 6);
    ics_op(f, &w, "write_var", true, false, 2000000);
    assert_int_equal(count_rule(f, RULE_ICS_PIVOT_WRITE) + count_rule(f, RULE_ICS_UNAUTH_WRITE), 0);
    /* A half-open probe from the camera takes nothing over. */
    net_flow probe_fl = mkflow("10.31.0.61", 40001, "10.22.0.11", 3389, 6);
    first_packet(f, &probe_fl, 3000000, 0);
    ics_op(f, &w, "write_var", true, false, 4000000);
    assert_int_equal(count_rule(f, RULE_ICS_PIVOT_WRITE), 0);
    /* An RDP session from the camera to the workstation, then a write: pivot. */
    net_flow rdp = mkflow("10.31.0.61", 40002, "10.22.0.11", 3389, 6);
    first_packet(f, &rdp, 5000000, 19);
    ics_op(f, &w, "write_var", true, false, 20000000);
    assert_int_equal(count_rule(f, RULE_ICS_PIVOT_WRITE), 1);
    assert_int_equal(count_rule(f, RULE_ICS_UNAUTH_WRITE), 0);
    assert_true(message_has(f, RULE_ICS_PIVOT_WRITE, "cam-01"));
    /* After the pivot window, the workstation's writes are its own again. */
    net_flow w2 = mkflow("10.22.0.11", 40003, "10.31.0.21", 102, 6);
    ics_op(f, &w2, "write_var", true, false, 5000000 + 3601 * 1000000LL);
    assert_int_equal(count_rule(f, RULE_ICS_PIVOT_WRITE), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rule_table),
        cmocka_unit_test_setup_teardown(test_segmentation_allowed_is_quiet, setup, teardown),
        cmocka_unit_test_setup_teardown(test_segmentation_violations, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ics_unauthorised_write, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ics_program_and_run_state, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rogue_master_and_asset, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scans, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flood_stays_bounded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_remote_cleartext, setup, teardown),
        cmocka_unit_test_setup_teardown(test_render_ecs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_vendor_window, setup, teardown),
        cmocka_unit_test_setup_teardown(test_beacon, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pivot_write, setup, teardown),
        cmocka_unit_test_setup_teardown(test_default_credentials, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
