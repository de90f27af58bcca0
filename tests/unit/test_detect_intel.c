/* test_detect_intel.c - the indicator match table (normal forms, domain
 * suffixes, longest-prefix addresses, URLs, validity windows, capacity) and
 * the SW-INTEL-* rules over DNS, TLS and HTTP metadata and flow addresses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "detect/intel.h"

static void add(detect_intel *t, detect_ioc_type type, const char *value, const char *source, sw_time_us from,
                sw_time_us until)
{
    detect_indicator ind = { type, value, source, "test", NULL, NULL, from, until };
    const char *why = NULL;
    if (!detect_intel_add(t, &ind, &why)) fail_msg("adding %s: %s", value, why);
}

static const char *norm(detect_ioc_type type, const char *in)
{
    static char out[DETECT_IOC_MAX];
    const char *why;
    return detect_ioc_normalise(&type, in, strlen(in), out, &why) ? out : NULL;
}

static void test_normal_forms(void **state)
{
    (void)state;
    assert_string_equal(norm(IOC_DOMAIN, "Evil.Example."), "evil.example");
    assert_string_equal(norm(IOC_DOMAIN, "*.evil.example"), "evil.example");
    assert_null(norm(IOC_DOMAIN, "example"));            /* one label: a whole TLD */
    assert_null(norm(IOC_DOMAIN, "a..b"));
    assert_null(norm(IOC_DOMAIN, "a b.c"));
    assert_null(norm(IOC_DOMAIN, "1.2.3.4"));
    assert_string_equal(norm(IOC_IPV4, "192.0.2.1"), "192.0.2.1");
    assert_string_equal(norm(IOC_IPV4, "192.0.2.1/32"), "192.0.2.1");
    assert_string_equal(norm(IOC_IPV4, "10.0.0.0/8"), "10.0.0.0/8");
    assert_null(norm(IOC_IPV4, "10.0.0.1/8"));           /* host bits */
    assert_null(norm(IOC_IPV4, "2001:db8::1"));          /* wrong family */
    assert_string_equal(norm(IOC_IPV6, "2001:DB8::/32"), "2001:db8::/32");
    assert_string_equal(norm(IOC_URL, "HTTP://User@Evil.Example:80/a/b?c=d#frag"), "http://evil.example/a/b?c=d");
    assert_string_equal(norm(IOC_URL, "https://evil.example:8443"), "https://evil.example:8443/");
    assert_string_equal(norm(IOC_URL, "http://[2001:db8::1]:8080/x"), "http://[2001:db8::1]:8080/x");
    assert_null(norm(IOC_URL, "evil.example/a"));
    assert_null(norm(IOC_URL, "http:///a"));
    assert_null(norm(IOC_URL, "http://evil.example:99999/"));
    detect_ioc_type t;
    assert_true(detect_ioc_type_parse("ipv6-addr", &t) && t == IOC_IPV6);
    assert_false(detect_ioc_type_parse("file", &t));
}

static void test_domains(void **state)
{
    (void)state;
    detect_intel *t = detect_intel_create(16);
    add(t, IOC_DOMAIN, "evil.example", "feed", 0, 0);
    assert_non_null(detect_intel_match_domain(t, "evil.example", 1));
    assert_non_null(detect_intel_match_domain(t, "A.b.EVIL.example.", 1));
    assert_null(detect_intel_match_domain(t, "notevil.example", 1));
    assert_null(detect_intel_match_domain(t, "example", 1));
    assert_null(detect_intel_match_domain(t, "evil.example.org", 1));
    assert_null(detect_intel_match_domain(t, "", 1));
    /* a value not in normal form is refused */
    detect_indicator bad = { IOC_DOMAIN, "Evil.Example", "feed", NULL, NULL, NULL, 0, 0 };
    const char *why;
    assert_false(detect_intel_add(t, &bad, &why));
    detect_intel_destroy(t);
}

static void test_addresses(void **state)
{
    (void)state;
    detect_intel *t = detect_intel_create(16);
    add(t, IOC_IPV4, "10.0.0.0/8", "wide", 0, 0);
    add(t, IOC_IPV4, "10.1.0.0/16", "narrow", 0, 0);
    add(t, IOC_IPV4, "10.1.2.3", "host", 0, 0);
    add(t, IOC_IPV6, "2001:db8::/32", "v6", 0, 0);
    ip_addr a;
    ip_parse("10.1.2.3", &a);
    assert_string_equal(detect_intel_match_addr(t, &a, 1)->source, "host");
    ip_parse("10.1.9.9", &a);
    assert_string_equal(detect_intel_match_addr(t, &a, 1)->source, "narrow");
    ip_parse("10.200.0.1", &a);
    assert_string_equal(detect_intel_match_addr(t, &a, 1)->source, "wide");
    ip_parse("11.0.0.1", &a);
    assert_null(detect_intel_match_addr(t, &a, 1));
    ip_parse("2001:db8:ffff::7", &a);
    assert_string_equal(detect_intel_match_addr(t, &a, 1)->source, "v6");
    ip_parse("2001:db9::7", &a);
    assert_null(detect_intel_match_addr(t, &a, 1));
    detect_intel_destroy(t);
}

static void test_validity_and_sources(void **state)
{
    (void)state;
    detect_intel *t = detect_intel_create(16);
    add(t, IOC_DOMAIN, "evil.example", "old", 100, 200);
    add(t, IOC_DOMAIN, "evil.example", "new", 300, 0);
    assert_null(detect_intel_match_domain(t, "evil.example", 50));
    assert_string_equal(detect_intel_match_domain(t, "evil.example", 150)->source, "old");
    assert_null(detect_intel_match_domain(t, "evil.example", 250));    /* valid_until is exclusive */
    assert_string_equal(detect_intel_match_domain(t, "evil.example", 400)->source, "new");
    detect_intel_destroy(t);
}

static void test_urls_and_capacity(void **state)
{
    (void)state;
    detect_intel *t = detect_intel_create(16);
    add(t, IOC_URL, "http://evil.example/payload.bin", "feed", 0, 0);
    assert_non_null(detect_intel_match_url(t, "Evil.Example:80", "/payload.bin", 1));
    assert_null(detect_intel_match_url(t, "evil.example", "/payload.bin?x", 1));
    assert_null(detect_intel_match_url(t, "evil.example:8080", "/payload.bin", 1));
    char v[32];
    for (int i = 0; i < 15; i++) {
        snprintf(v, sizeof v, "192.0.2.%d", i);
        add(t, IOC_IPV4, v, "feed", 0, 0);
    }
    assert_int_equal(detect_intel_count(t), 16);
    detect_indicator more = { IOC_IPV4, "192.0.2.99", "feed", NULL, NULL, NULL, 0, 0 };
    const char *why;
    assert_false(detect_intel_add(t, &more, &why));
    assert_non_null(strstr(why, "full"));
    detect_intel_destroy(t);
}

/* --- the rules, through the engine ------------------------------------------ */

static const char model_yaml[] =
    "port: {name: Testport, timezone: UTC}\n"
    "zones:\n"
    "  - {id: corp, domain: it, security_level: 2, networks: [10.10.0.0/16]}\n"
    "  - {id: crane, domain: ot, security_level: 3, networks: [10.31.0.0/24]}\n"
    "  - {id: internet, domain: it, security_level: 0, networks: [0.0.0.0/0]}\n"
    "conduits:\n"
    "  - {from: corp, to: internet, services: [https, dns], justification: browsing}\n"
    "assets:\n"
    "  - {id: ws-01, kind: workstation, zone: corp, ip: 10.10.2.5}\n"
    "  - {id: dc-01, kind: server, zone: corp, ip: 10.10.1.10}\n"
    "  - {id: plc-01, kind: plc, zone: crane, ip: 10.31.0.21}\n";

typedef struct fixture {
    port_model *m;
    detect_engine *e;
    detect_intel *t;
    detect_alert got[32];
    size_t n;
} fixture;

static void collect(void *user, const detect_alert *a)
{
    fixture *f = user;
    if (f->n < 32 && (a->rule == RULE_INTEL_DOMAIN || a->rule == RULE_INTEL_ADDRESS)) f->got[f->n++] = *a;
}

static bool has_tech(const detect_alert *a, const char *id)
{
    for (size_t i = 0; i < a->n_extra; i++)
        if (!strcmp(a->extra_techniques[i], id)) return true;
    return false;
}

static net_flow mkflow(const char *client, const char *server, uint16_t sport, uint8_t proto)
{
    net_flow fl;
    memset(&fl, 0, sizeof fl);
    ip_parse(client, &fl.client);
    ip_parse(server, &fl.server);
    fl.client_port = 51000;
    fl.server_port = sport;
    fl.ip_proto = proto;
    fl.first_ts = fl.last_ts = 1000000;
    fl.app = -1;
    return fl;
}

static void meta(fixture *f, const net_flow *fl, const char *proto, const char *k1, const char *v1, const char *k2,
                 const char *v2)
{
    net_observation o;
    memset(&o, 0, sizeof o);
    o.kind = OBS_APP_META;
    o.ts = 5000000;
    o.frame = 77;
    o.flow = fl;
    o.u.meta.protocol = proto;
    o.u.meta.kv[0].key = k1;
    o.u.meta.kv[0].value = v1;
    o.u.meta.n = 1;
    if (k2) { o.u.meta.kv[1].key = k2; o.u.meta.kv[1].value = v2; o.u.meta.n = 2; }
    detect_observe(f->e, &o);
}

static void first_packet(fixture *f, net_flow *fl)
{
    net_packet p;
    memset(&p, 0, sizeof p);
    p.l3 = NET_L3_IPV4;
    p.src = fl->client;
    p.dst = fl->server;
    fl->pkts[0] = 1;
    net_observation o;
    memset(&o, 0, sizeof o);
    o.kind = OBS_PACKET;
    o.ts = 6000000;
    o.frame = 88;
    o.packet = &p;
    o.flow = fl;
    detect_observe(f->e, &o);
    fl->pkts[0] = 2;                   /* later packets of the flow are not looked at */
    o.frame = 89;
    detect_observe(f->e, &o);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    diag_list d;
    diag_init(&d, "t.yaml");
    f->m = model_load_buffer(model_yaml, sizeof model_yaml - 1, "t.yaml", &d);
    diag_free(&d);
    if (!f->m) return -1;
    f->e = detect_create(f->m, NULL, collect, f);
    f->t = detect_intel_create(64);
    add(f->t, IOC_DOMAIN, "evil.example", "cert-feed", 0, 0);
    add(f->t, IOC_IPV4, "203.0.113.0/24", "cert-feed", 0, 0);
    add(f->t, IOC_URL, "http://files.example/drop.exe", "url-feed", 0, 0);
    *state = f;
    return f->e && f->t ? 0 : -1;
}

static int teardown(void **state)
{
    fixture *f = *state;
    detect_destroy(f->e);
    detect_intel_destroy(f->t);
    model_free(f->m);
    free(f);
    return 0;
}

static void test_rules(void **state)
{
    fixture *f = *state;
    net_flow dns = mkflow("10.10.2.5", "10.10.1.10", 53, 17);
    /* nothing before the table is handed over */
    meta(f, &dns, "dns", "dns.query", "c2.evil.example", NULL, NULL);
    assert_int_equal(f->n, 0);
    detect_set_intel(f->e, f->t);
    meta(f, &dns, "dns", "dns.query", "c2.evil.example", NULL, NULL);
    assert_int_equal(f->n, 1);
    const detect_alert *a = &f->got[0];
    assert_int_equal(a->rule, RULE_INTEL_DOMAIN);
    assert_int_equal(a->frames[0], 77);
    assert_string_equal(a->asset_src->id, "ws-01");
    assert_true(has_tech(a, "T1071") && has_tech(a, "T1071.004"));
    assert_non_null(strstr(a->message, "cert-feed"));
    assert_non_null(strstr(a->message, "evil.example"));
    /* the same pair and indicator: deduplicated */
    meta(f, &dns, "dns", "dns.query", "c2.evil.example", NULL, NULL);
    assert_int_equal(f->n, 1);
    /* an A answer in a listed network */
    meta(f, &dns, "dns", "dns.query", "benign.example", "dns.answer", "203.0.113.9");
    assert_int_equal(f->n, 2);
    assert_int_equal(f->got[1].rule, RULE_INTEL_ADDRESS);
    /* TLS SNI from an OT host: ATT&CK for ICS */
    net_flow tls = mkflow("10.31.0.21", "198.51.100.7", 443, 6);
    meta(f, &tls, "tls", "tls.sni", "www.evil.example", NULL, NULL);
    assert_int_equal(f->n, 3);
    assert_true(has_tech(&f->got[2], "T0869"));
    /* HTTP: the host matches a domain, the URL a URL indicator */
    net_flow http = mkflow("10.10.2.5", "198.51.100.8", 80, 6);
    meta(f, &http, "http", "http.host", "files.example", "http.uri", "/drop.exe");
    assert_int_equal(f->n, 4);
    assert_non_null(strstr(f->got[3].message, "http://files.example/drop.exe"));
    /* flow addresses, once per flow: out to a listed host, and in from one to OT */
    net_flow out = mkflow("10.10.2.5", "203.0.113.50", 443, 6);
    first_packet(f, &out);
    assert_int_equal(f->n, 5);
    assert_int_equal(f->got[4].rule, RULE_INTEL_ADDRESS);
    assert_int_equal(f->got[4].frames[0], 88);
    assert_true(has_tech(&f->got[4], "T1071"));
    net_flow in = mkflow("203.0.113.51", "10.31.0.21", 502, 6);
    first_packet(f, &in);
    assert_int_equal(f->n, 6);
    assert_true(has_tech(&f->got[5], "T0883"));
    assert_int_equal(f->got[5].framework, DF_ICS);
    /* benign names and addresses stay quiet */
    net_flow ok = mkflow("10.10.2.5", "198.51.100.9", 443, 6);
    first_packet(f, &ok);
    meta(f, &ok, "tls", "tls.sni", "example.org", NULL, NULL);
    assert_int_equal(f->n, 6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normal_forms),
        cmocka_unit_test(test_domains),
        cmocka_unit_test(test_addresses),
        cmocka_unit_test(test_validity_and_sources),
        cmocka_unit_test(test_urls_and_capacity),
        cmocka_unit_test_setup_teardown(test_rules, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
