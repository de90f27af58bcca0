/* test_sim_select.c - the simulator picks who serves and who asks from the
 * model's facts: ICS protocols by kind, vendor, product and conduits, RTSP
 * pulled by the recording servers of the camera's site. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "model/model.h"
#include "sim/plan.h"
#include "sim/sim.h"

static const char model_yaml[] =
    "port: {name: Selecthaven, timezone: UTC}\n"
    "sites:\n"
    "  - {id: hq, name: Headquarters}\n"
    "  - {id: t1, name: Terminal 1}\n"
    "zones:\n"
    "  - {id: eng, domain: ot, security_level: 3, networks: [10.22.0.0/24], site: hq}\n"
    "  - {id: crane, domain: ot, security_level: 3, networks: [10.31.0.0/24], site: t1}\n"
    "  - {id: power, domain: ot, security_level: 3, networks: [10.41.0.0/24], site: hq}\n"
    "  - {id: yard, domain: ot, security_level: 3, networks: [10.34.0.0/24], site: t1}\n"
    "  - {id: bms, domain: ot, security_level: 2, networks: [10.42.0.0/24], site: hq}\n"
    "  - {id: cctv, domain: phys, security_level: 2, networks: [10.50.0.0/16], site: hq}\n"
    "conduits:\n"
    "  - {from: eng, to: crane, services: [s7comm, enip], justification: programming}\n"
    "  - {from: eng, to: power, services: [iec104, s7comm], justification: programming}\n"
    "  - {from: eng, to: yard, services: [modbus], justification: programming}\n"
    "assets:\n"
    "  - {id: ews-01, kind: eng-workstation, zone: eng, ip: 10.22.0.11}\n"
    "  - {id: cms-01, kind: crane-controller, zone: crane, ip: 10.31.0.10, vendor: Liebherr,\n"
    "     product: Crane Management System on Windows Server 2016}\n"
    "  - {id: crane-plc, kind: plc, zone: crane, ip: 10.31.0.21, vendor: Siemens, product: SIMATIC S7-1500,\n"
    "     may_write: [cms-01, crane-hmi]}\n"
    "  - {id: crane-hmi, kind: hmi, zone: crane, ip: 10.31.0.31, vendor: Siemens, product: SIMATIC WinCC 7.5}\n"
    "  - {id: spr-plc, kind: plc, zone: crane, ip: 10.31.0.41, vendor: Rockwell Automation, product: CompactLogix 5380,\n"
    "     may_write: [crane-plc]}\n"
    "  - {id: scada-01, kind: scada-server, zone: power, ip: 10.41.0.10, vendor: Hitachi Energy, product: MicroSCADA X}\n"
    "  - {id: rtu-sicam, kind: rtu, zone: power, ip: 10.41.0.21, vendor: Siemens, product: SICAM A8000 CP-8050,\n"
    "     may_write: [scada-01]}\n"
    "  - {id: rtu-abb, kind: rtu, zone: power, ip: 10.41.0.22, vendor: ABB, product: RTU560, may_write: [scada-01]}\n"
    "  - {id: sp-plc, kind: plc, zone: power, ip: 10.41.0.41, vendor: Siemens, product: SIMATIC S7-1500,\n"
    "     may_write: [scada-01]}\n"
    "  - {id: rtac-01, kind: rtu, zone: power, ip: 10.41.0.33, vendor: Schweitzer Engineering Laboratories,\n"
    "     product: SEL-3505 RTAC, may_write: [scada-01]}\n"
    "  - {id: rly-01, kind: relay, zone: power, ip: 10.41.0.34, vendor: Schweitzer Engineering Laboratories,\n"
    "     product: SEL-751, may_write: [scada-01]}\n"
    "  - {id: rtu-ge, kind: rtu, zone: power, ip: 10.41.0.35, vendor: GE Vernova, product: D400, tags: [dnp3]}\n"
    "  - {id: fm-01, kind: server, zone: yard, ip: 10.34.0.10}\n"
    "  - {id: chg-plc, kind: plc, zone: yard, ip: 10.34.0.20, vendor: Schneider Electric, product: Modicon M340,\n"
    "     may_write: [fm-01]}\n"
    "  - {id: aux-plc, kind: plc, zone: yard, ip: 10.34.0.21, vendor: Beckhoff, product: CX2040, may_write: [fm-01]}\n"
    "  - {id: agv-01, kind: agv, zone: yard, ip: 10.34.0.101, vendor: Kalmar, may_write: [fm-01]}\n"
    "  - {id: bms-srv, kind: server, name: BMS supervisor, zone: bms, ip: 10.42.0.10, tags: [bms, bacnet]}\n"
    "  - {id: pxc-01, kind: bms-controller, zone: bms, ip: 10.42.0.21, vendor: Siemens, product: Desigo PXC5}\n"
    "  - {id: vms-01, kind: vms, zone: cctv, ip: 10.50.0.10}\n"
    "  - {id: nvr-hq, kind: nvr, name: Recording server (HQ), zone: cctv, ip: 10.50.0.21}\n"
    "  - {id: nvr-t1, kind: nvr, name: Recording server (T1), zone: cctv, ip: 10.50.0.22}\n"
    "  - {id: cam-hq-01, kind: camera, zone: cctv, ip: 10.50.1.11, tags: [hq]}\n"
    "  - {id: cam-t1-01, kind: camera, zone: cctv, ip: 10.50.2.11, tags: [t1]}\n"
    "  - {id: cam-t1-02, kind: camera, zone: cctv, ip: 10.50.2.12, tags: [t1]}\n";

static port_model *load(void)
{
    diag_list d;
    diag_init(&d, "select.yaml");
    port_model *m = model_load_buffer(model_yaml, sizeof model_yaml - 1, "select.yaml", &d);
    assert_non_null(m);
    assert_int_equal(d.errors, 0);
    diag_free(&d);
    return m;
}

static int setup(void **state)
{
    sim_ctx *c = calloc(1, sizeof *c);
    if (!c) return -1;
    c->m = load();
    arena_init(&c->mem, 16 * 1024);
    sw_error err = { 0 };
    if (sim_hosts_build(c, &err) != SW_OK) return -1;
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    sim_ctx *c = *state;
    free(c->hosts);
    arena_free(&c->mem);
    model_free((port_model *)c->m);
    free(c);
    return 0;
}

static const sim_host *host(const sim_ctx *c, const char *id)
{
    int h = sim_host_by_asset(c, id);
    assert_true(h >= 0);
    return &c->hosts[h];
}

/* Exactly the protocols listed (comma separated) among the six ICS ones. */
static void assert_serves_only(const sim_ctx *c, const char *id, const char *want)
{
    static const char *const protos[] = { "s7comm", "enip", "modbus", "iec104", "bacnet", "dnp3" };
    for (size_t i = 0; i < sizeof protos / sizeof *protos; i++) {
        bool listed = strstr(want, protos[i]) != NULL;
        if (sim_serves(c, host(c, id), protos[i]) != listed) fail_msg("%s serves %s: expected %d", id, protos[i], listed);
    }
}

static void test_ics_servers_follow_vendor_and_kind(void **state)
{
    const sim_ctx *c = *state;
    assert_serves_only(c, "crane-plc", "s7comm");
    assert_serves_only(c, "sp-plc", "s7comm");
    assert_serves_only(c, "rtu-sicam", "iec104");     /* a Siemens RTU is not an S7 PLC */
    assert_serves_only(c, "rtu-abb", "iec104");
    assert_serves_only(c, "rtac-01", "dnp3");         /* an SEL RTU speaks DNP3, not IEC 104 */
    assert_serves_only(c, "rly-01", "dnp3");          /* a relay is a field device */
    assert_serves_only(c, "rtu-ge", "dnp3");          /* the tag says so */
    assert_serves_only(c, "spr-plc", "enip");
    assert_serves_only(c, "chg-plc", "modbus");
    assert_serves_only(c, "aux-plc", "modbus");       /* no native protocol; its zone's conduit names modbus */
    assert_serves_only(c, "pxc-01", "bacnet");        /* a Siemens BMS controller is not an S7 PLC either */
    /* Clients and PCs answer no ICS protocol. */
    assert_serves_only(c, "crane-hmi", "");
    assert_serves_only(c, "cms-01", "");
    assert_serves_only(c, "scada-01", "");
    assert_serves_only(c, "bms-srv", "");
    assert_serves_only(c, "agv-01", "");
    assert_true(sim_is_master(c, host(c, "cms-01")));
    assert_false(sim_is_plc(c, host(c, "cms-01")));
}

typedef struct capture { uint8_t *data; size_t len, cap; } capture;

static void sink(void *user, sw_time_us ts, const uint8_t *frame, size_t len)
{
    (void)ts;
    capture *c = user;
    if (c->len + len + 2 > c->cap) {
        c->cap = (c->cap + len + 2) * 2;
        c->data = realloc(c->data, c->cap);
        assert_non_null(c->data);
    }
    c->data[c->len] = (uint8_t)(len >> 8);
    c->data[c->len + 1] = (uint8_t)len;
    memcpy(c->data + c->len + 2, frame, len);
    c->len += 2 + len;
}

static uint32_t be32(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }
static uint16_t be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t ip4(int a, int b, int c, int d) { return (uint32_t)a << 24 | (uint32_t)b << 16 | (uint32_t)c << 8 | (uint32_t)d; }

/* On the wire: who opens which ICS and RTSP connection to whom. */
static void test_traffic_roles(void **state)
{
    const sim_ctx *ctx = *state;
    sim_options o;
    sim_options_default(&o);
    o.duration = 20 * SW_US_PER_SEC;
    o.scenarios = false;
    capture cap = { 0 };
    sim_result res;
    sw_error err = { 0 };
    assert_int_equal(sim_run(ctx->m, &o, sink, &cap, &res, &err), SW_OK);
    size_t dnp3_relay = 0, s7_sicam = 0, iec104_sicam = 0, s7_crane = 0, modbus_aux = 0, rtsp_nvr = 0, rtsp_other = 0;
    bool cam_to[3][2] = { { false } };       /* camera x recorder (hq, t1) */
    for (size_t off = 0; off < cap.len;) {
        size_t len = be16(cap.data + off);
        const uint8_t *f = cap.data + off + 2;
        off += 2 + len;
        if (be16(f + 12) != 0x0800 || f[23] != 6) continue;
        const uint8_t *ip = f + 14, *tcp = ip + 20;
        if (tcp[13] != 0x02) continue;       /* count connection openings: SYN only */
        uint32_t sip = be32(ip + 12), dip = be32(ip + 16);
        uint16_t dport = be16(tcp + 2);
        if (dport == 102 && dip == ip4(10, 41, 0, 21)) s7_sicam++;
        if (dport == 2404 && dip == ip4(10, 41, 0, 21)) iec104_sicam++;
        if (dport == 20000 && sip == ip4(10, 41, 0, 10) && dip == ip4(10, 41, 0, 34)) dnp3_relay++;
        if (dport == 20000) assert_int_equal(sip, ip4(10, 41, 0, 10));   /* only the SCADA polls DNP3 */
        if (dport == 2404) assert_true(dip != ip4(10, 41, 0, 33) && dip != ip4(10, 41, 0, 34));
        if (dport == 102 && dip == ip4(10, 31, 0, 21)) s7_crane++;
        if (dport == 502 && dip == ip4(10, 34, 0, 21)) modbus_aux++;
        /* Nothing but controllers is opened on an ICS port. */
        if (dport == 502 || dport == 102 || dport == 44818 || dport == 2404) {
            assert_int_not_equal(dip, ip4(10, 31, 0, 31));   /* the HMI */
            assert_int_not_equal(dip, ip4(10, 31, 0, 10));   /* the crane management server */
        }
        if (dport == 554) {
            bool nvr = sip == ip4(10, 50, 0, 21) || sip == ip4(10, 50, 0, 22);
            rtsp_nvr += nvr;
            rtsp_other += !nvr;
            int cam = dip == ip4(10, 50, 1, 11) ? 0 : dip == ip4(10, 50, 2, 11) ? 1 : dip == ip4(10, 50, 2, 12) ? 2 : -1;
            if (nvr && cam >= 0) cam_to[cam][sip == ip4(10, 50, 0, 22)] = true;
        }
    }
    assert_int_equal(s7_sicam, 0);
    assert_true(iec104_sicam > 0);
    assert_int_equal(dnp3_relay, 1);                  /* one long session */
    assert_true(s7_crane > 0);
    assert_true(modbus_aux > 0);
    assert_int_equal(rtsp_nvr, 3);
    assert_int_equal(rtsp_other, 0);
    /* Each camera is recorded by its own site's recorder. */
    assert_true(cam_to[0][0] && !cam_to[0][1]);
    assert_true(cam_to[1][1] && !cam_to[1][0]);
    assert_true(cam_to[2][1] && !cam_to[2][0]);
    free(cap.data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ics_servers_follow_vendor_and_kind),
        cmocka_unit_test(test_traffic_roles),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
