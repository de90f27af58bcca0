/* test_model.c - the port-model loader and validator: parsed values, resolved
 * indexes, lookups (most specific zone wins), conduit services, and every kind
 * of diagnostic at its exact line:col. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model/model.h"
#include "core/strbuf.h"
#include "model/model_service.h"

typedef struct loaded {
    port_model *m;
    diag_list d;
} loaded;

static loaded load(const char *yaml)
{
    loaded l;
    diag_init(&l.d, "t.yaml");
    l.m = model_load_buffer(yaml, strlen(yaml), "t.yaml", &l.d);
    assert_non_null(l.m);
    return l;
}

static void unload(loaded *l)
{
    model_free(l->m);
    diag_free(&l->d);
}

static void dump(const loaded *l)
{
    diag_print(&l->d, stderr);
}

/* Fails unless a diagnostic of severity sev at line:col contains text. */
static void expect_diag(const loaded *l, unsigned line, unsigned col, diag_severity sev, const char *text)
{
    for (size_t i = 0; i < l->d.len; i++) {
        const diag *g = &l->d.items[i];
        if (g->line == line && g->col == col && g->severity == sev && strstr(g->message, text)) return;
    }
    dump(l);
    fail_msg("no %s at %u:%u containing \"%s\"", sev == DIAG_ERROR ? "error" : "warning", line, col, text);
}

static void expect_clean(const loaded *l)
{
    if (l->d.len) {
        dump(l);
        fail_msg("expected no diagnostics, got %zu", l->d.len);
    }
}

static const char *const port_yaml =
    "port: {name: Port of Aurora, timezone: Europe/Lisbon, jurisdictions: [us-cg, eu-nis2]}\n"     /* 1 */
    "sites:\n"                                                                                      /* 2 */
    "  - {id: t1, name: Container Terminal 1}\n"                                                    /* 3 */
    "zones:\n"                                                                                      /* 4 */
    "  - id: corp-it\n"                                                                             /* 5 */
    "    domain: it\n"                                                                              /* 6 */
    "    security_level: 1\n"                                                                       /* 7 */
    "    networks: [10.10.0.0/16]\n"                                                                /* 8 */
    "  - {id: crane-control, domain: ot, security_level: 3, networks: [10.40.1.0/24], site: t1}\n"  /* 9 */
    "  - {id: tos, domain: ot, security_level: 3, networks: [10.30.0.0/24, \"2001:db8:30::/48\"]}\n" /* 10 */
    "  - {id: cctv, domain: phys, networks: [10.60.0.0/22]}\n"                                      /* 11 */
    "  - {id: internet, domain: it, security_level: 0, networks: [0.0.0.0/0, \"::/0\"]}\n"         /* 12 */
    "conduits:\n"                                                                                   /* 13 */
    "  - from: tos\n"                                                                               /* 14 */
    "    to: crane-control\n"                                                                       /* 15 */
    "    services: [modbus, s7comm, tcp/44818, udp/47808, tcp/8000-8100, icmp, any, Modbus]\n"      /* 16 */
    "    justification: TOS dispatches crane jobs\n"                                                /* 17 */
    "  - {id: cam-feed, from: cctv, to: corp-it, services: [rtsp], bidirectional: true}\n"         /* 18 */
    "assets:\n"                                                                                     /* 19 */
    "  - id: sts01-plc\n"                                                                           /* 20 */
    "    kind: plc\n"                                                                               /* 21 */
    "    zone: crane-control\n"                                                                     /* 22 */
    "    ip: 10.40.1.11\n"                                                                          /* 23 */
    "    mac: 00:1b:1b:12:34:56\n"                                                                  /* 24 */
    "    cpe: \"cpe:2.3:o:siemens:simatic_s7-1500_cpu_firmware:2.9.4:*:*:*:*:*:*:*\"\n"             /* 25 */
    "    criticality: crown-jewel\n"                                                                /* 26 */
    "    impact: {teu_per_hour: 28, safety: true, cost_per_hour: 1.5e4}\n"                          /* 27 */
    "    depends_on: [crane-ctl-srv]\n"                                                             /* 28 */
    "    rto_hours: 4\n"                                                                            /* 29 */
    "    owner: ot-lead\n"                                                                          /* 30 */
    "    may_write: [crane-ctl-srv, eng-ws-01]\n"                                                   /* 31 */
    "  - {id: crane-ctl-srv, kind: server, zone: tos, ips: [10.30.0.5, \"2001:db8:30::5\"]}\n"     /* 32 */
    "  - {id: eng-ws-01, kind: eng-workstation, zone: tos, ip: 10.30.0.6, criticality: high}\n"    /* 33 */
    "entry_points:\n"                                                                               /* 34 */
    "  - {id: vendor-vpn, kind: remote-access, reaches: [tos, eng-ws-01]}\n"                        /* 35 */
    "people:\n"                                                                                     /* 36 */
    "  - {id: ot-lead, name: Ana, roles: [ot-engineer], badge: \"40121\"}\n"                        /* 37 */
    "vendors:\n"                                                                                    /* 38 */
    "  - {id: crane-oem, remote_access: vendor-vpn, assets: [sts01-plc]}\n";                        /* 39 */

static void test_parses_every_contract_field(void **state)
{
    loaded l = load(port_yaml);
    expect_clean(&l);
    port_model *m = l.m;
    assert_string_equal(m->path, "t.yaml");
    assert_string_equal(m->port.name, "Port of Aurora");
    assert_string_equal(m->port.timezone, "Europe/Lisbon");
    assert_int_equal(m->port.jurisdictions.len, 2);
    assert_string_equal(m->port.jurisdictions.items[1], "eu-nis2");

    assert_int_equal(m->n_sites, 1);
    assert_int_equal(m->n_zones, 5);
    assert_int_equal(m->n_conduits, 2);
    assert_int_equal(m->n_assets, 3);
    assert_int_equal(m->n_entry_points, 1);
    assert_int_equal(m->n_people, 1);
    assert_int_equal(m->n_vendors, 1);

    const model_zone *cc = &m->zones[1];
    assert_string_equal(cc->id, "crane-control");
    assert_int_equal(cc->domain, DOMAIN_OT);
    assert_int_equal(cc->security_level, 3);
    assert_int_equal(cc->site_index, 0);
    assert_int_equal(cc->n_networks, 1);
    char buf[64];
    assert_string_equal(ip_net_fmt(&cc->networks[0], buf), "10.40.1.0/24");
    assert_false(cc->catch_all);
    assert_int_equal(cc->pos.line, 9);
    assert_int_equal(cc->pos.col, 5);       /* the '{' of the flow mapping */
    assert_int_equal(m->zones[0].pos.line, 5);
    assert_int_equal(m->zones[0].pos.col, 5);
    assert_int_equal(m->zones[0].network_pos[0].line, 8);
    assert_int_equal(m->zones[0].network_pos[0].col, 16);
    assert_int_equal(m->zones[0].site_index, -1);
    assert_int_equal(m->zones[3].domain, DOMAIN_PHYS);
    assert_int_equal(m->zones[3].security_level, 1);   /* the default */
    assert_true(m->zones[4].catch_all);
    assert_int_equal(m->zones[4].security_level, 0);
    assert_string_equal(ip_net_fmt(&m->zones[2].networks[1], buf), "2001:db8:30::/48");

    const model_conduit *c = &m->conduits[0];
    assert_string_equal(c->id, "tos->crane-control");   /* default id */
    assert_int_equal(c->from_index, 2);
    assert_int_equal(c->to_index, 1);
    assert_false(c->bidirectional);
    assert_string_equal(c->justification, "TOS dispatches crane jobs");
    assert_int_equal(c->n_services, 8);
    assert_string_equal(c->services[0].name, "modbus");
    assert_int_equal(c->services[0].ip_proto, 6);
    assert_int_equal(c->services[0].port_lo, 502);
    assert_int_equal(c->services[0].port_hi, 502);
    assert_int_equal(c->services[1].port_lo, 102);
    assert_null(c->services[2].name);
    assert_string_equal(c->services[2].text, "tcp/44818");
    assert_int_equal(c->services[2].port_lo, 44818);
    assert_int_equal(c->services[3].ip_proto, 17);
    assert_int_equal(c->services[3].port_lo, 47808);
    assert_int_equal(c->services[4].port_lo, 8000);
    assert_int_equal(c->services[4].port_hi, 8100);
    assert_int_equal(c->services[5].ip_proto, 1);
    assert_int_equal(c->services[6].ip_proto, 0);
    assert_int_equal(c->services[6].port_hi, 0);
    assert_string_equal(c->services[7].name, "modbus");   /* names ignore case */
    assert_string_equal(c->services[7].text, "Modbus");
    assert_int_equal(c->services[2].pos.line, 16);
    assert_int_equal(c->services[2].pos.col, 32);
    assert_string_equal(m->conduits[1].id, "cam-feed");
    assert_true(m->conduits[1].bidirectional);

    const model_asset *a = &m->assets[0];
    assert_string_equal(a->id, "sts01-plc");
    assert_string_equal(a->kind, "plc");
    assert_int_equal(a->zone_index, 1);
    assert_int_equal(a->n_ips, 1);
    assert_string_equal(ip_fmt(&a->ips[0], buf), "10.40.1.11");
    assert_int_equal(a->ip_pos[0].line, 23);
    assert_int_equal(a->ip_pos[0].col, 9);
    assert_true(a->has_mac);
    const uint8_t mac[6] = { 0x00, 0x1b, 0x1b, 0x12, 0x34, 0x56 };   /* unquoted: YAML 1.1 sexagesimal, read as text */
    assert_memory_equal(a->mac, mac, 6);
    assert_string_equal(a->cpe, "cpe:2.3:o:siemens:simatic_s7-1500_cpu_firmware:2.9.4:*:*:*:*:*:*:*");
    assert_int_equal(a->criticality, CRIT_CROWN_JEWEL);
    assert_true(a->impact.has_teu);
    assert_true(a->impact.teu_per_hour == 28.0);
    assert_true(a->impact.safety);
    assert_true(a->impact.has_cost);
    assert_true(a->impact.cost_per_hour == 15000.0);
    assert_false(a->impact.has_delay);
    assert_false(a->impact.environment);
    assert_int_equal(a->depends_on.len, 1);
    assert_int_equal(a->depends_on_index[0], 1);
    assert_int_equal(a->may_write.len, 2);
    assert_int_equal(a->may_write_index[0], 1);
    assert_int_equal(a->may_write_index[1], 2);
    assert_true(a->rto_hours == 4.0);
    assert_int_equal(a->owner_index, 0);
    assert_int_equal(a->pos.line, 20);
    assert_int_equal(a->pos.col, 5);

    const model_asset *srv = &m->assets[1];
    assert_int_equal(srv->n_ips, 2);
    assert_false(srv->ips[1].v4);
    assert_false(srv->has_mac);
    assert_true(srv->rto_hours < 0);                  /* unset */
    assert_int_equal(srv->criticality, CRIT_MEDIUM);  /* the default */
    assert_int_equal(srv->owner_index, -1);
    assert_int_equal(m->assets[2].criticality, CRIT_HIGH);

    assert_int_equal(m->entry_points[0].reaches.len, 2);
    assert_string_equal(m->people[0].badge, "40121");
    assert_string_equal(m->people[0].status, "active");
    assert_string_equal(m->vendors[0].remote_access, "vendor-vpn");
    unload(&l);
}

static void test_lookups_and_most_specific_zone(void **state)
{
    loaded l = load(port_yaml);
    expect_clean(&l);
    const port_model *m = l.m;
    assert_ptr_equal(model_zone_by_id(m, "tos"), &m->zones[2]);
    assert_null(model_zone_by_id(m, "nope"));
    assert_null(model_zone_by_id(m, NULL));
    assert_ptr_equal(model_asset_by_id(m, "eng-ws-01"), &m->assets[2]);
    assert_null(model_asset_by_id(m, "tos"));
    assert_ptr_equal(model_person_by_id(m, "ot-lead"), &m->people[0]);

    ip_addr ip;
    assert_true(ip_parse("10.40.1.200", &ip));
    assert_string_equal(model_zone_for_ip(m, &ip)->id, "crane-control");   /* /24 beats 0.0.0.0/0 */
    assert_true(ip_parse("8.8.8.8", &ip));
    assert_string_equal(model_zone_for_ip(m, &ip)->id, "internet");
    assert_true(ip_parse("2001:db8:30::99", &ip));
    assert_string_equal(model_zone_for_ip(m, &ip)->id, "tos");
    assert_true(ip_parse("2001:db9::1", &ip));
    assert_string_equal(model_zone_for_ip(m, &ip)->id, "internet");

    assert_true(ip_parse("10.30.0.5", &ip));
    assert_ptr_equal(model_asset_for_ip(m, &ip), &m->assets[1]);
    assert_true(ip_parse("2001:db8:30::5", &ip));
    assert_ptr_equal(model_asset_for_ip(m, &ip), &m->assets[1]);
    assert_true(ip_parse("10.30.0.7", &ip));
    assert_null(model_asset_for_ip(m, &ip));
    unload(&l);

    /* With no catch-all zone, an outside address is in no zone. */
    l = load("zones: [{id: a, domain: it, networks: [10.0.0.0/8]}, {id: b, domain: ot, networks: [192.168.0.0/16]}]\n");
    assert_true(ip_parse("172.16.0.1", &ip));
    assert_null(model_zone_for_ip(l.m, &ip));
    assert_true(ip_parse("192.168.3.4", &ip));
    assert_string_equal(model_zone_for_ip(l.m, &ip)->id, "b");
    unload(&l);
}

/* The address index must agree with a plain scan of every zone, nested and
 * duplicated networks included (models with overlap errors still load). */
static void test_zone_index_agrees_with_scan(void **state)
{
    strbuf sb;
    strbuf_init(&sb);
    strbuf_puts(&sb, "zones:\n  - {id: inet, domain: it, networks: [0.0.0.0/0]}\n");
    unsigned seed = 12345;
    for (int z = 0; z < 60; z++) {
        seed = seed * 1103515245u + 12345u;
        unsigned prefix = 8 + (seed >> 16) % 20;
        unsigned addr = (10u << 24) | ((seed >> 3) & 0x00ffff00u);
        addr &= prefix == 0 ? 0 : ~0u << (32 - prefix);
        strbuf_printf(&sb, "  - {id: z%d, domain: ot, networks: [%u.%u.%u.%u/%u, 10.%d.0.0/16]}\n", z, addr >> 24,
                      (addr >> 16) & 255, (addr >> 8) & 255, addr & 255, prefix, z % 7);
    }
    loaded l = load(strbuf_cstr(&sb));
    strbuf_free(&sb);
    port_model *m = l.m;
    assert_true(m->net_index_ready);
    assert_int_equal(m->n_zones, 61);
    for (unsigned i = 0; i < 20000; i++) {
        seed = seed * 1103515245u + 12345u;
        ip_addr ip;
        ip_from_v4(&ip, (i & 1) ? ((10u << 24) | (seed & 0x00ffffffu)) : seed);
        const model_zone *fast = model_zone_for_ip(m, &ip);
        m->net_index_ready = false;
        const model_zone *slow = model_zone_for_ip(m, &ip);
        m->net_index_ready = true;
        if (fast != slow) {
            char buf[IP_STR_MAX];
            fail_msg("%s: index says %s, scan says %s", ip_fmt(&ip, buf), fast ? fast->id : "-", slow ? slow->id : "-");
        }
    }
    unload(&l);
}

static void test_enum_names(void **state)
{
    for (int i = 0; i < DOMAIN__COUNT; i++) {
        model_domain d;
        assert_true(model_domain_parse(model_domain_name((model_domain)i), &d));
        assert_int_equal(d, i);
    }
    for (int i = 0; i < CRIT__COUNT; i++) {
        model_criticality c;
        assert_true(model_criticality_parse(model_criticality_name((model_criticality)i), &c));
        assert_int_equal(c, i);
    }
    model_domain d;
    assert_false(model_domain_parse("OT", &d));
    assert_false(model_domain_parse(NULL, &d));
    assert_string_equal(model_criticality_name(CRIT_CROWN_JEWEL), "crown-jewel");
    assert_string_equal(model_domain_name(DOMAIN_PHYS), "phys");
    assert_true(model_asset_kind_known("badge-reader"));
    assert_false(model_asset_kind_known("toaster"));
}

static void test_service_parser(void **state)
{
    model_service s;
    const char *why, *near;
    assert_true(model_service_parse("dnp3", &s, &why, &near));
    assert_int_equal(s.port_lo, 20000);
    assert_true(model_service_parse("cip-io", &s, &why, &near));
    assert_int_equal(s.ip_proto, 17);
    assert_int_equal(s.port_lo, 2222);
    assert_true(model_service_parse("udp/1-65535", &s, &why, &near));
    assert_int_equal(s.port_hi, 65535);
    assert_true(model_service_parse("TCP/502", &s, &why, &near));
    assert_true(model_service_parse("tcp", &s, &why, &near));
    assert_int_equal(s.ip_proto, 6);
    assert_int_equal(s.port_hi, 0);

    assert_false(model_service_parse("dnp", &s, &why, &near));
    assert_string_equal(near, "dnp3");
    assert_false(model_service_parse("totally-unknown-proto", &s, &why, &near));
    assert_null(near);
    assert_false(model_service_parse("tcp/0", &s, &why, &near));
    assert_false(model_service_parse("tcp/65536", &s, &why, &near));
    assert_false(model_service_parse("tcp/0502", &s, &why, &near));
    assert_false(model_service_parse("tcp/", &s, &why, &near));
    assert_false(model_service_parse("tcp/1-", &s, &why, &near));
    assert_false(model_service_parse("tcp/9-1", &s, &why, &near));
    assert_false(model_service_parse("sctp/5", &s, &why, &near));
    assert_false(model_service_parse("", &s, &why, &near));
    assert_false(model_service_parse("tcp/1 ", &s, &why, &near));
    assert_non_null(model_service_lookup("iec104"));
    assert_string_equal(model_ip_proto_name(17), "udp");
}

/* One broken snippet per row: the diagnostic it must produce, and where. */
typedef struct diag_case {
    const char *yaml;
    unsigned line, col;
    diag_severity sev;
    const char *text;
} diag_case;

#define Z "zones:\n  - {id: ops, domain: ot, networks: [10.1.0.0/24]}\n"   /* lines 1-2 */
static const diag_case diag_cases[] = {
    /* unknown references, with did-you-mean */
    { Z "assets:\n  - {id: a, kind: plc, zone: opz}\n", 4, 30, DIAG_ERROR, "unknown zone 'opz'; did you mean 'ops'?" },
    { Z "conduits:\n  - {from: ops, to: nowhere-zone, services: [ssh]}\n", 4, 21, DIAG_ERROR, "unknown zone 'nowhere-zone'" },
    { Z "assets:\n  - {id: a, kind: plc, zone: ops, depends_on: [b]}\n", 4, 48, DIAG_ERROR, "unknown asset 'b'" },
    { Z "assets:\n  - {id: a, kind: plc, zone: ops, owner: bob}\n", 4, 42, DIAG_WARNING, "unknown person 'bob'" },
    { Z "entry_points:\n  - {id: e, reaches: [opss]}\n", 4, 23, DIAG_ERROR, "unknown zone or asset 'opss'; did you mean 'ops'?" },
    { Z "people:\n  - {id: p, vendor: acme}\n", 4, 21, DIAG_ERROR, "unknown vendor 'acme'" },
    { Z "vendors:\n  - {id: v, remote_access: vpn}\n", 4, 28, DIAG_WARNING, "unknown entry point 'vpn'" },
    /* addresses */
    { Z "assets:\n  - {id: a, kind: plc, zone: ops, ip: 10.1.1.1}\n", 4, 39, DIAG_ERROR, "address 10.1.1.1 is outside zone 'ops' (10.1.0.0/24)" },
    { Z "assets:\n  - {id: a, kind: plc, zone: ops, ip: 10.1.0.1}\n  - {id: b, kind: plc, zone: ops, ip: 10.1.0.1}\n",
      5, 39, DIAG_ERROR, "duplicate address 10.1.0.1: asset 'a' (line 4:5)" },
    { Z "assets:\n  - {id: a, kind: plc, zone: ops, ip: 10.1.0.999}\n", 4, 39, DIAG_ERROR, "'10.1.0.999' is not an IP address" },
    { Z "assets:\n  - {id: a, kind: plc, zone: ops, ip: 10.1.0.0/24}\n", 4, 39, DIAG_ERROR, "is a network" },
    { Z "assets:\n  - {id: a, kind: plc, zone: ops, ip: [10.1.0.1]}\n", 4, 39, DIAG_ERROR, "'ip' must be one address" },
    { Z "assets:\n  - {id: a, kind: plc, zone: ops, mac: 001b1b123456}\n", 4, 40, DIAG_ERROR, "not a MAC address" },
    { Z "assets:\n  - {id: a, kind: plc, zone: ops, mac: \"00:1b:1b:12:34:56\"}\n  - {id: b, kind: plc, zone: ops, mac: 00:1B:1B:12:34:56}\n",
      5, 40, DIAG_WARNING, "MAC 00:1b:1b:12:34:56 is also on asset 'a'" },
    /* ids and keys */
    { Z "  - {id: ops, domain: it, networks: [10.2.0.0/24]}\n", 3, 10, DIAG_ERROR, "duplicate zone id 'ops' (first defined at line 2:10)" },
    { Z "sites: [{id: s}, {id: s}]\n", 3, 23, DIAG_ERROR, "duplicate site id 's'" },
    { Z "assets:\n  - {id: a, kind: plc, zone: ops, kind: hmi}\n", 4, 35, DIAG_ERROR, "duplicate key 'kind' (first at line 4:13)" },
    { Z "assets:\n  - {id: 'a b', kind: plc, zone: ops}\n", 4, 10, DIAG_ERROR, "asset id \"a b\" has ' ' at 2" },
    { Z "assets:\n  - {id: '', kind: plc, zone: ops}\n", 4, 10, DIAG_ERROR, "asset id is empty" },
    /* networks */
    { Z "  - {id: b, domain: ot, networks: [10.1.0.128/25]}\n", 3, 36, DIAG_ERROR, "network 10.1.0.128/25 of zone 'b' overlaps 10.1.0.0/24 of zone 'ops' (line 2:38)" },
    { "zones:\n  - {id: b, domain: ot, networks: [10.1.0.128/25]}\n  - {id: a, domain: ot, networks: [10.0.0.0/8]}\n",
      3, 36, DIAG_ERROR, "network 10.0.0.0/8 of zone 'a' overlaps 10.1.0.128/25 of zone 'b' (line 2:36)" },
    { Z "  - {id: b, domain: ot, networks: [10.1.0.0/24]}\n", 3, 36, DIAG_ERROR, "overlaps 10.1.0.0/24 of zone 'ops'" },
    { Z "  - {id: b, domain: ot, networks: [10.9.0.1/16]}\n", 3, 36, DIAG_ERROR, "host bits set; did you mean 10.9.0.0/16?" },
    { Z "  - {id: b, domain: ot, networks: [10.9.0.0/33]}\n", 3, 36, DIAG_ERROR, "'10.9.0.0/33' is not a network" },
    { Z "  - {id: b, domain: ot, networks: [potato]}\n", 3, 36, DIAG_ERROR, "'potato' is not a network" },
    { Z "  - {id: inet, domain: it, networks: [0.0.0.0/0]}\nassets:\n  - {id: a, kind: server, zone: inet, ip: 10.1.0.5}\n",
      5, 43, DIAG_WARNING, "address 10.1.0.5 belongs to zone 'ops', which is more specific than 'inet'" },
    /* conduits and services */
    { Z "conduits:\n  - {from: ops, to: ops, services: [modbus, dnp]}\n", 4, 45, DIAG_ERROR, "unknown service 'dnp'; did you mean 'dnp3'?" },
    { Z "conduits:\n  - {from: ops, to: ops, services: [modbus, udp/8-1]}\n", 4, 45, DIAG_ERROR, "bad service 'udp/8-1'" },
    { Z "conduits:\n  - {from: ops, to: ops, services: modbus}\n", 4, 36, DIAG_ERROR, "'services' must be a list of services, not a single value; write [modbus]" },
    { Z "conduits:\n  - {from: ops, to: ops, services: [ssh]}\n", 4, 21, DIAG_WARNING, "conduit from zone 'ops' to itself" },
    { Z "conduits:\n  - {id: c, from: ops, to: ops, services: [ssh]}\n  - {id: c, from: ops, to: ops, services: [ssh]}\n",
      5, 10, DIAG_ERROR, "duplicate conduit id 'c'" },
    /* cycles */
    { Z "assets:\n  - {id: a, kind: plc, zone: ops, depends_on: [a]}\n", 4, 48, DIAG_ERROR, "dependency cycle: a -> a" },
    { Z "assets:\n  - {id: a, kind: plc, zone: ops, depends_on: [b]}\n  - {id: b, kind: plc, zone: ops, depends_on: [x, a]}\n",
      5, 51, DIAG_ERROR, "dependency cycle: a -> b -> a" },
    /* types and ranges */
    { "zones:\n  - {id: z, domain: ot, security_level: 5, networks: [10.0.0.0/8]}\n", 2, 41, DIAG_ERROR, "'security_level' 5 is out of range" },
    { "zones:\n  - {id: z, domain: ot, security_level: -1, networks: [10.0.0.0/8]}\n", 2, 41, DIAG_ERROR, "out of range" },
    { "zones:\n  - {id: z, domain: ot, security_level: \"3\", networks: [10.0.0.0/8]}\n", 2, 41, DIAG_ERROR, "must be a whole number" },
    { "zones:\n  - {id: z, domain: ot, security_level: 2.5, networks: [10.0.0.0/8]}\n", 2, 41, DIAG_ERROR, "must be a whole number" },
    { "zones:\n  - {id: z, domain: ot, security_level: [3], networks: [10.0.0.0/8]}\n", 2, 41, DIAG_ERROR, "not a list" },
    { "zones:\n  - {id: z, domain: xx, networks: [10.0.0.0/8]}\n", 2, 21, DIAG_ERROR, "unknown domain 'xx'" },
    { "zones:\n  - {id: z, domain: {it: 1}, networks: [10.0.0.0/8]}\n", 2, 21, DIAG_ERROR, "'domain' must be it, ot or phys, not a mapping" },
    { Z "assets:\n  - {id: a, kind: plc, zone: ops, criticality: hihg}\n", 4, 48, DIAG_ERROR, "unknown criticality 'hihg'; did you mean 'high'?" },
    { Z "assets:\n  - {id: a, kind: plc, zone: ops, rto_hours: soon}\n", 4, 46, DIAG_ERROR, "'rto_hours' must be a number, not 'soon'" },
    { Z "assets:\n  - {id: a, kind: plc, zone: ops, rto_hours: -2}\n", 4, 46, DIAG_ERROR, "must not be negative" },
    { Z "assets:\n  - {id: a, kind: plc, zone: ops, rto_hours: .nan}\n", 4, 46, DIAG_ERROR, "must be a number" },
    { Z "assets:\n  - {id: a, kind: plc, zone: ops, impact: {teu_per_hour: many}}\n", 4, 58, DIAG_ERROR, "'teu_per_hour' must be a number" },
    { Z "assets:\n  - {id: a, kind: plc, zone: ops, impact: {safety: 1}}\n", 4, 52, DIAG_ERROR, "'safety' must be true or false, not '1'" },
    { Z "assets:\n  - {id: a, kind: plc, zone: ops, impact: 3}\n", 4, 43, DIAG_ERROR, "'impact' must be a mapping" },
    { Z "assets:\n  - {id: a, kind: plc, zone: ops, name: [x]}\n", 4, 41, DIAG_ERROR, "'name' must be a single value, not a list" },
    { Z "assets:\n  - {id: a, kind: plc, zone: ops, tags: {x: 1}}\n", 4, 41, DIAG_ERROR, "'tags' must be a list, not a mapping" },
    { Z "assets:\n  - {id: a, kind: plc, zone: ops, depends_on: [[b]]}\n", 4, 48, DIAG_ERROR, "each entry of 'depends_on' must be a single value" },
    { Z "assets: {id: a}\n", 3, 9, DIAG_ERROR, "'assets' must be a list of asset entries" },
    { Z "assets:\n  - just-a-name\n", 4, 5, DIAG_ERROR, "each entry of 'assets' must be a mapping of asset fields" },
    { "- a\n- b\n", 1, 1, DIAG_ERROR, "the top level of a port model must be a mapping" },
    { Z "assets:\n  - {id: a, kind: plc, zone: ops, cpe: \"cpe:2.3:o:siemens:s7:1:*:*:*:*:*:*\"}\n", 4, 40, DIAG_ERROR, "has 12" },
    /* missing required fields, reported at the object */
    { "zones:\n  - {id: z, networks: [10.0.0.0/8]}\n", 2, 5, DIAG_ERROR, "zone 'z' is missing required field 'domain'" },
    { "zones:\n  - {id: z, domain: ot}\n", 2, 5, DIAG_ERROR, "zone 'z' is missing required field 'networks'" },
    { "zones:\n  - {domain: ot, networks: [10.0.0.0/8]}\n", 2, 5, DIAG_ERROR, "zone is missing required field 'id'" },
    { Z "assets:\n  - {id: a, zone: ops}\n", 4, 5, DIAG_ERROR, "asset 'a' is missing required field 'kind'" },
    { Z "assets:\n  - id: a\n    kind: plc\n    zone:\n", 4, 5, DIAG_ERROR, "asset 'a' is missing required field 'zone'" },
    { Z "conduits:\n  - {to: ops, services: [ssh]}\n", 4, 5, DIAG_ERROR, "conduit is missing required field 'from'" },
    { Z "sites:\n  - {name: x}\n", 4, 5, DIAG_ERROR, "site is missing required field 'id'" },
    /* warnings */
    { Z "assets:\n  - {id: a, kind: plc, zone: ops, crticality: high}\n", 4, 35, DIAG_WARNING, "unknown field 'crticality' in asset; did you mean 'criticality'?" },
    { Z "zonez: []\n", 3, 1, DIAG_WARNING, "unknown field 'zonez' in port model; did you mean 'zones'?" },
    { Z "assets:\n  - {id: a, kind: camra, zone: ops}\n", 4, 19, DIAG_WARNING, "unknown asset kind 'camra'; did you mean 'camera'?" },
    { Z "assets:\n  - {id: a, kind: plc, zone: ops, criticality: crown-jewel}\n", 4, 5, DIAG_WARNING, "crown-jewel asset 'a' has no rto_hours" },
    { Z "entry_points:\n  - {id: e, kind: wify}\n", 4, 19, DIAG_WARNING, "unknown entry point kind 'wify'; did you mean 'wifi'?" },
    { Z "people:\n  - {id: p, status: gone}\n", 4, 5, DIAG_WARNING, "unknown status 'gone'" },
    /* YAML itself */
    { Z "assets: [\n", 4, 1, DIAG_ERROR, "YAML syntax error" },
    { "zones:\n\t- {id: a}\n", 2, 1, DIAG_ERROR, "YAML syntax error" },
    { Z "assets:\n  - {id: a, kind: plc, zone: *nope}\n", 4, 30, DIAG_ERROR, "alias '*nope' names no anchor" },
    { Z "---\nzones: []\n", 3, 1, DIAG_ERROR, "a port model is one YAML document" },
    { "", 1, 1, DIAG_ERROR, "the file is empty" },
    { "# only a comment\n", 1, 1, DIAG_ERROR, "the file is empty" },
};

static void test_each_diagnostic_at_its_position(void **state)
{
    for (size_t i = 0; i < sizeof diag_cases / sizeof diag_cases[0]; i++) {
        const diag_case *c = &diag_cases[i];
        loaded l = load(c->yaml);
        print_message("case %zu: %s\n", i, c->text);
        expect_diag(&l, c->line, c->col, c->sev, c->text);
        if (c->sev == DIAG_WARNING && l.d.errors) {
            dump(&l);
            fail_msg("case %zu: a warning case produced errors", i);
        }
        unload(&l);
    }
}

static void test_reports_every_problem_at_once_in_order(void **state)
{
    loaded l = load(Z
                    "assets:\n"
                    "  - {id: a, kind: plc, zone: nope, ip: 1.2.3.4.5}\n"
                    "  - {id: a, kind: plk, zone: ops, crticality: high}\n");
    assert_int_equal(l.d.errors, 3);   /* unknown zone, bad IP, duplicate id */
    assert_int_equal(l.d.warnings, 2); /* unknown kind, unknown field */
    for (size_t i = 1; i < l.d.len; i++) {
        const diag *p = &l.d.items[i - 1], *q = &l.d.items[i];
        assert_true(p->line < q->line || (p->line == q->line && p->col <= q->col));
    }
    unload(&l);
}

static void test_merge_keys_and_anchors(void **state)
{
    loaded l = load(Z
                    "x-plc: &plc {kind: plc, zone: ops, criticality: high, crticality: low}\n"   /* 3 */
                    "assets:\n"
                    "  - {<<: *plc, id: a, criticality: low}\n"
                    "  - {id: b, <<: [*plc, {kind: hmi, rto_hours: 2}]}\n"
                    "  - {id: c, zone: &z ops, kind: rtu}\n"
                    "  - {id: d, zone: *z, kind: rtu}\n");
    /* The merged mapping's unknown field is reported once, not once per use. */
    assert_int_equal(l.d.warnings, 1);
    expect_diag(&l, 3, 55, DIAG_WARNING, "unknown field 'crticality'");
    assert_int_equal(l.d.errors, 0);
    const port_model *m = l.m;
    assert_int_equal(m->n_assets, 4);
    assert_string_equal(m->assets[0].kind, "plc");
    assert_int_equal(m->assets[0].criticality, CRIT_LOW);     /* explicit key wins */
    assert_int_equal(m->assets[0].zone_index, 0);
    assert_string_equal(m->assets[1].kind, "plc");            /* first merged mapping wins */
    assert_true(m->assets[1].rto_hours == 2.0);               /* later ones fill the gaps */
    assert_int_equal(m->assets[1].criticality, CRIT_HIGH);
    assert_int_equal(m->assets[3].zone_index, 0);
    unload(&l);
}

static void test_hostile_input_is_bounded(void **state)
{
    /* Deep nesting stops at the depth limit. */
    char deep[400];
    memset(deep, '[', 300);
    deep[300] = '\0';
    loaded l = load(deep);
    expect_diag(&l, 1, 65, DIAG_ERROR, "nests deeper than 64 levels");
    unload(&l);

    /* Exponential merges stop at the visit budget. */
    strbuf sb;
    strbuf_init(&sb);
    strbuf_puts(&sb, "x-0: &m0 {kind: plc}\n");
    for (int i = 1; i <= 9; i++) {
        strbuf_printf(&sb, "x-%d: &m%d {<<: [", i, i);
        for (int k = 0; k < 10; k++) strbuf_printf(&sb, "%s*m%d", k ? ", " : "", i - 1);
        strbuf_puts(&sb, "]}\n");
    }
    strbuf_puts(&sb, "assets: [{id: a, zone: z, <<: *m9}]\n");
    l = load(strbuf_cstr(&sb));
    strbuf_free(&sb);
    assert_true(l.d.errors >= 1);
    int found = 0;
    for (size_t i = 0; i < l.d.len; i++) found |= strstr(l.d.items[i].message, "expands to more than") != NULL;
    assert_true(found);
    unload(&l);

    /* Many keys in one mapping: duplicates are still found (hashed path). */
    l = load("port: {name: a, timezone: b, currency: c, x-1: 1, x-2: 2, x-3: 3, x-4: 4, x-5: 5, x-6: 6, name: d}\n");
    expect_diag(&l, 1, 91, DIAG_ERROR, "duplicate key 'name' (first at line 1:8)");
    unload(&l);

    /* Quoted user text is cut short and cannot forge lines: one huge
     * scalar named by many aliases costs its size once, not per message. */
    strbuf_init(&sb);
    strbuf_puts(&sb, "x-big: &big \"");
    for (int i = 0; i < 100000; i++) strbuf_putc(&sb, 'z');
    strbuf_puts(&sb, "\"\nzones: [{id: \"a\\nb\", domain: ot, networks: [10.0.0.0/8]}]\nassets:\n");
    for (int i = 0; i < 300; i++) strbuf_printf(&sb, "  - {id: a%d, kind: plc, zone: *big}\n", i);
    l = load(strbuf_cstr(&sb));
    strbuf_free(&sb);
    assert_int_equal(l.d.errors, 301);
    for (size_t i = 0; i < l.d.len; i++) {
        assert_true(strlen(l.d.items[i].message) <= 400);
        assert_null(strchr(l.d.items[i].message, '\n'));
    }
    expect_diag(&l, 2, 14, DIAG_ERROR, "zone id \"a\\nb\" has '\\n' at 2");
    unload(&l);

    /* Defaults merged into many assets report their own problems once, so
     * they cannot fill the diagnostics list and hide the others. */
    strbuf_init(&sb);
    strbuf_puts(&sb, Z "x-d: &d {kind: plc, zone: ops, colour: red}\nassets:\n");
    for (int i = 0; i < 1500; i++) strbuf_printf(&sb, "  - {id: a%d, <<: *d}\n", i);
    strbuf_puts(&sb, "  - {id: last, kind: plc, zone: nowhere}\n");
    l = load(strbuf_cstr(&sb));
    strbuf_free(&sb);
    assert_int_equal(l.d.warnings, 1);
    assert_int_equal(l.d.errors, 1);
    assert_false(l.d.truncated);
    expect_diag(&l, 3, 32, DIAG_WARNING, "unknown field 'colour'");
    expect_diag(&l, 1505, 33, DIAG_ERROR, "unknown zone 'nowhere'");
    assert_int_equal(l.m->n_assets, 1501);
    assert_int_equal(l.m->assets[1499].zone_index, 0);
    unload(&l);

    /* Thousands of warnings do not crowd out an error found after them. */
    strbuf_init(&sb);
    strbuf_puts(&sb, Z "assets:\n");
    for (int i = 0; i < 2000; i++) strbuf_printf(&sb, "  - {id: a%d, kind: plc, zone: ops, owner: nobody}\n", i);
    strbuf_puts(&sb, "  - {id: a0, kind: plc, zone: ops}\n");
    l = load(strbuf_cstr(&sb));
    strbuf_free(&sb);
    assert_int_equal(l.d.warnings, 2000);
    assert_int_equal(l.d.errors, 1);
    assert_true(l.d.truncated);
    expect_diag(&l, 2004, 10, DIAG_ERROR, "duplicate asset id 'a0'");
    unload(&l);

    /* Embedded NULs and invalid UTF-8 are errors, never crashes. */
    static const char junk[] = "zones: [\0\xff\xfe]\n";
    diag_list d;
    diag_init(&d, "junk");
    port_model *m = model_load_buffer(junk, sizeof junk - 1, "junk", &d);
    assert_non_null(m);
    assert_true(d.errors > 0);
    model_free(m);
    diag_free(&d);
}

static void test_load_file(void **state)
{
    diag_list d;
    diag_init(&d, "/nonexistent/port.yaml");
    assert_null(model_load_file("/nonexistent/port.yaml", &d));
    assert_int_equal(d.errors, 1);
    assert_non_null(strstr(d.items[0].message, "cannot open"));
    diag_free(&d);

    char path[] = "/tmp/test_model_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs(port_yaml, f);
    fclose(f);
    diag_init(&d, path);
    port_model *m = model_load_file(path, &d);
    assert_non_null(m);
    assert_int_equal(d.len, 0);
    assert_int_equal(m->n_assets, 3);
    assert_string_equal(m->path, path);
    model_free(m);
    diag_free(&d);
    remove(path);

    model_free(NULL);   /* harmless */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parses_every_contract_field),
        cmocka_unit_test(test_lookups_and_most_specific_zone),
        cmocka_unit_test(test_zone_index_agrees_with_scan),
        cmocka_unit_test(test_enum_names),
        cmocka_unit_test(test_service_parser),
        cmocka_unit_test(test_each_diagnostic_at_its_position),
        cmocka_unit_test(test_reports_every_problem_at_once_in_order),
        cmocka_unit_test(test_merge_keys_and_anchors),
        cmocka_unit_test(test_hostile_input_is_bounded),
        cmocka_unit_test(test_load_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
