/* proto_snmp.c - SNMP v2c polling: the network monitoring host (else the
 * SIEM) asks each managed device it may reach - switches, firewalls, UPS,
 * wireless controllers, printers - for the system group, then walks the
 * interface names; devices no monitor reaches are polled by a SCADA server
 * in their own zone (a UPS beside the substation RTUs). Answers carry what
 * the model declares: vendor, product, version, the asset id as sysName. */
#include <stdio.h>
#include <string.h>
#include "sim/ber.h"
#include "sim/plan.h"

#define SNMP_COMMUNITY "aur0ra-m0n"      /* a read-only community, not a default one */

enum { SNMP_GET = 0xa0, SNMP_RESPONSE = 0xa2, SNMP_SET = 0xa3, SNMP_GETBULK = 0xa5 };

/* What a scenario's login (sim_login) writes with its SetRequest: sysContact.0. */
#define SNMP_SET_OID "1.3.6.1.2.1.1.4.0"
#define SNMP_SET_VALUE "it-helpdesk@aurora.local"

static const char *const system_oids[] = { "1.3.6.1.2.1.1.1.0", "1.3.6.1.2.1.1.2.0", "1.3.6.1.2.1.1.3.0",
                                           "1.3.6.1.2.1.1.5.0" };   /* sysDescr, sysObjectID, sysUpTime, sysName */

static bool is_managed(const sim_ctx *c, const sim_host *h)
{
    (void)c;
    static const char *const kinds[] = { "switch", "router", "firewall", "ups", "wireless-controller", "printer", "pdu" };
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (sim_host_kind(h, kinds[i])) return true;
    return false;
}

static bool is_monitor(const sim_ctx *c, const sim_host *h)
{
    (void)c;
    return sim_host_is(h, "nms") || sim_host_is(h, "monitoring");
}

static bool is_scada(const sim_ctx *c, const sim_host *h) { (void)c; return sim_host_kind(h, "scada-server"); }

/* The vendor's IANA enterprise number for sysObjectID; 8072 (Net-SNMP) when unknown. */
static unsigned enterprise_of(const sim_host *h)
{
    static const struct { const char *vendor; unsigned pen; } t[] = {
        { "Cisco", 9 }, { "Siemens", 4329 }, { "Palo Alto", 25461 }, { "Fortinet", 12356 }, { "APC", 318 },
        { "HP", 11 }, { "Juniper", 2636 }, { "Hirschmann", 248 }, { "Eaton", 534 }, { "Axis", 368 },
    };
    for (size_t i = 0; i < sizeof t / sizeof *t; i++)
        if (sim_host_vendor(h, t[i].vendor)) return t[i].pen;
    return 8072;
}

typedef struct snmp_state { uint32_t request_id; } snmp_state;

/* The poller's own community, or the one a scenario's login tries. */
static const char *community(const sim_session *s)
{
    const sim_login *lg = SIM_LOGIN(s);
    return lg && lg->password ? lg->password : SNMP_COMMUNITY;
}

static size_t message_open(const sim_session *s, sim_buf *b, uint8_t pdu, uint32_t request_id, size_t *pdu_at,
                           size_t *list_at)
{
    size_t msg = sim_ber_open(b, 0x30);
    sim_ber_small_int(b, 0x02, 1);                   /* version: v2c */
    sim_ber_string(b, 0x04, community(s));
    *pdu_at = sim_ber_open(b, pdu);
    sim_ber_uint(b, 0x02, request_id);
    sim_ber_small_int(b, 0x02, 0);                   /* error-status, or non-repeaters */
    sim_ber_small_int(b, 0x02, pdu == SNMP_GETBULK ? 8 : 0);   /* error-index, or max-repetitions */
    *list_at = sim_ber_open(b, 0x30);
    return msg;
}

static void message_close(sim_buf *b, size_t msg, size_t pdu_at, size_t list_at)
{
    sim_ber_close(b, list_at);
    sim_ber_close(b, pdu_at);
    sim_ber_close(b, msg);
}

static void varbind_null(sim_buf *b, const char *oid)
{
    size_t vb = sim_ber_open(b, 0x30);
    sim_ber_oid(b, oid);
    sim_buf_u8(b, 0x05); sim_buf_u8(b, 0);
    sim_ber_close(b, vb);
}

static void system_response(sim_session *s, sim_buf *b, uint32_t id)
{
    const sim_host *dev = &s->ctx->hosts[s->server];
    const model_asset *a = dev->asset;
    char descr[200], object_id[48];
    snprintf(descr, sizeof descr, "%s %s, version %s", a && a->vendor ? a->vendor : "", a && a->product ? a->product : dev->id,
             a && a->version ? a->version : "unknown");
    snprintf(object_id, sizeof object_id, "1.3.6.1.4.1.%u.1.%u", enterprise_of(dev), 1000 + (unsigned)(dev->ip & 0xff));
    size_t pdu, list, msg = message_open(s, b, SNMP_RESPONSE, id, &pdu, &list);
    size_t vb = sim_ber_open(b, 0x30);
    sim_ber_oid(b, system_oids[0]);
    sim_ber_string(b, 0x04, descr);
    sim_ber_close(b, vb);
    vb = sim_ber_open(b, 0x30);
    sim_ber_oid(b, system_oids[1]);
    sim_ber_oid(b, object_id);
    sim_ber_close(b, vb);
    vb = sim_ber_open(b, 0x30);
    sim_ber_oid(b, system_oids[2]);
    sim_ber_uint(b, 0x43, (uint32_t)(s->now / 10000) + 86400u * 100u * 37u);   /* TimeTicks: up 37 days */
    sim_ber_close(b, vb);
    vb = sim_ber_open(b, 0x30);
    sim_ber_oid(b, system_oids[3]);
    sim_ber_string(b, 0x04, dev->id);
    sim_ber_close(b, vb);
    message_close(b, msg, pdu, list);
}

/* GetBulk from ifDescr: the first interfaces' names. */
static void interfaces_response(sim_session *s, sim_buf *b, uint32_t id)
{
    const sim_host *dev = &s->ctx->hosts[s->server];
    bool network = sim_host_kind(dev, "switch") || sim_host_kind(dev, "router") || sim_host_kind(dev, "firewall");
    int n = network ? 8 : 2;
    size_t pdu, list, msg = message_open(s, b, SNMP_RESPONSE, id, &pdu, &list);
    for (int i = 1; i <= n; i++) {
        char oid[40], name[40];
        snprintf(oid, sizeof oid, "1.3.6.1.2.1.2.2.1.2.%d", i);
        if (network) snprintf(name, sizeof name, "GigabitEthernet1/0/%d", i);
        else snprintf(name, sizeof name, "%s", i == 1 ? "lo" : "eth0");
        size_t vb = sim_ber_open(b, 0x30);
        sim_ber_oid(b, oid);
        sim_ber_string(b, 0x04, name);
        sim_ber_close(b, vb);
    }
    message_close(b, msg, pdu, list);
}

/* The SetRequest a scenario's login sends, or the agent's answer to it (the same varbind). */
static void set_message(sim_session *s, sim_buf *b, uint8_t pdu, uint32_t id)
{
    size_t at, list, msg = message_open(s, b, pdu, id, &at, &list);
    size_t vb = sim_ber_open(b, 0x30);
    sim_ber_oid(b, SNMP_SET_OID);
    sim_ber_string(b, 0x04, SNMP_SET_VALUE);
    sim_ber_close(b, vb);
    message_close(b, msg, at, list);
}

static bool snmp_next(sim_session *s, sim_msg *m, sim_buf *out)
{
    snmp_state *st = SIM_PSTATE(s, snmp_state);
    size_t pdu, list, msg;
    switch (s->n_msgs) {
    case 0:
        st->request_id = (uint32_t)prng_below(&s->rng, 0x7fffff00u) + 1;
        m->dir = SIM_C2S; m->delay = 0;
        msg = message_open(s, out, SNMP_GET, st->request_id, &pdu, &list);
        for (size_t i = 0; i < sizeof system_oids / sizeof *system_oids; i++) varbind_null(out, system_oids[i]);
        message_close(out, msg, pdu, list);
        return true;
    case 1:
        m->dir = SIM_S2C; m->delay = sim_uniform(&s->rng, SIM_MS(1), SIM_MS(4));
        system_response(s, out, st->request_id);
        return true;
    case 2:
        m->dir = SIM_C2S; m->delay = SIM_MS(2);
        if (s->arg && SIM_LOGIN(s)->write) {
            set_message(s, out, SNMP_SET, ++st->request_id);
            return true;
        }
        msg = message_open(s, out, SNMP_GETBULK, ++st->request_id, &pdu, &list);
        varbind_null(out, "1.3.6.1.2.1.2.2.1.2");
        message_close(out, msg, pdu, list);
        return true;
    case 3:
        m->dir = SIM_S2C; m->delay = sim_uniform(&s->rng, SIM_MS(1), SIM_MS(4));
        if (s->arg && SIM_LOGIN(s)->write) set_message(s, out, SNMP_RESPONSE, st->request_id);   /* noError echoes the varbind */
        else interfaces_response(s, out, st->request_id);
        return true;
    }
    return false;
}

/* Every managed device gets one poller: a monitor that may reach it, else
 * a SCADA server beside it; polls every five minutes. */
static void snmp_plan(sim_ctx *c, const sim_profile *p)
{
    for (size_t i = 0; i < c->n_hosts; i++) {
        const sim_host *dev = &c->hosts[i];
        if (dev->external || !is_managed(c, dev)) continue;
        int poller = -1;
        for (size_t k = 0; k < c->n_hosts && poller < 0; k++)
            if (is_monitor(c, &c->hosts[k]) && sim_allowed(c, (int)k, (int)i, p->ip_proto, p->port, p->name)) poller = (int)k;
        for (size_t k = 0; k < c->n_hosts && poller < 0; k++)
            if (is_scada(c, &c->hosts[k]) && c->hosts[k].zone == dev->zone) poller = (int)k;
        if (poller >= 0) sim_add_flow(c, p, poller, (int)i, SIM_S(300), 0);
    }
}

const sim_profile sim_profile_snmp = {
    "snmp", "the monitoring host (else a SCADA server in the zone) polls switches, firewalls, UPS, WLCs and printers: v2c system group and interface names every 5 min",
    17, 161, snmp_plan, snmp_next, 0,
};
