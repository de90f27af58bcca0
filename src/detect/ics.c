/* ics.c - ICS write and control requests (SW-ICS-*): writes and commands
 * from hosts not in the target's may_write, program download/upload, CPU
 * stop/start, restarts, firmware, and requests from undeclared masters.
 * Protocol-neutral: it reads obs_ics_op's flags and function names only. */
#include <string.h>
#include "detect/detect_internal.h"

typedef struct ics_function_rule { const char *name; detect_rule_id rule; } ics_function_rule;

static const ics_function_rule function_rules[] = {
#define ICS_FUNCTION(name, rule) { name, RULE_##rule },
#include "detect/ics_functions.def"
#undef ICS_FUNCTION
};

static int function_rule(const obs_ics_op *op)
{
    /* Every request is checked: the first byte rules out nearly every name without a call. */
    if (op->function_name)
        for (size_t i = 0; i < sizeof function_rules / sizeof *function_rules; i++)
            if (op->function_name[0] == function_rules[i].name[0] && !strcmp(op->function_name, function_rules[i].name))
                return (int)function_rules[i].rule;
    /* S7 PI service P_PROGRAM outside a PLC STOP is a (hot or cold) start. */
    if (op->s7.service && !strcmp(op->s7.service, "P_PROGRAM") && op->function_name &&
        !strcmp(op->function_name, "pi_service"))
        return RULE_ICS_CPU_START;
    return -1;
}

static void ics_alert(detect_engine *e, detect_rule_id rule, const net_observation *o, const ip_addr *src,
                      const ip_addr *dst, uint16_t sport, uint16_t dport, bool authorised, const char *what,
                      const char *technique)
{
    const obs_ics_op *op = &o->u.ics;
    const net_flow *f = o->flow;
    detect_alert a;
    detect_alert_init(e, &a, rule, o->ts, src, dst, sport, dport, f->ip_proto);
    detect_alert_add_frame(&a, o->frame);
    a.protocol = op->protocol;
    if (technique) detect_alert_add_technique(&a, technique);
    /* Arriving from a zone remote access lands in: the way in was a remote service. */
    if (a.zone_src && a.zone_src != a.zone_dst && e->remote_zone[a.zone_src - e->m->zones])
        detect_alert_add_technique(&a, "T0886");
    if (!authorised && a.severity < SEV_CRITICAL && rule != RULE_ICS_UNAUTH_WRITE && rule != RULE_ICS_UNAUTH_CONTROL &&
        rule != RULE_ICS_ROGUE_MASTER)
        a.severity++;
    if (a.asset_dst && a.asset_dst->criticality == CRIT_CROWN_JEWEL && a.severity < SEV_CRITICAL &&
        (rule == RULE_ICS_UNAUTH_WRITE || rule == RULE_ICS_UNAUTH_CONTROL))
        a.severity++;
    char sb[IP_STR_MAX], db[IP_STR_MAX];
    snprintf(a.message, sizeof a.message, "%s %s (function %u) from %s (%s) to %s (%s): %s",
             op->protocol ? op->protocol : "ics", op->function_name ? op->function_name : "?", op->function,
             ip_fmt(src, sb), a.asset_src ? a.asset_src->id : "undeclared", ip_fmt(dst, db),
             a.asset_dst ? a.asset_dst->id : "undeclared", what);
    if (e->m->port.has_engineering_hours && (rule == RULE_ICS_CPU_STOP || rule == RULE_ICS_CPU_START ||
        rule == RULE_ICS_PROGRAM_DOWNLOAD || rule == RULE_ICS_PROGRAM_UPLOAD || rule == RULE_ICS_FIRMWARE ||
        rule == RULE_ICS_RESTART)) {
        tz_local lt;
        tz_local_time(e->m->port.tz, o->ts, &lt);
        if (!tz_window_contains(&e->m->port.engineering_window, &lt)) {
            /* Planned engineering happens on shift; the same command at night is more likely an attack. */
            if (a.severity < SEV_CRITICAL) a.severity++;
            char when[32];
            size_t n = strlen(a.message);
            snprintf(a.message + n, sizeof a.message - n, "; outside engineering hours (%s %s)", tz_local_fmt(&lt, when),
                     e->m->port.tz && e->m->port.timezone ? e->m->port.timezone : "UTC");
        }
    }
    uint64_t extra = op->function_name ? detect_hash_bytes(op->function_name, strlen(op->function_name), 3) : 0;
    /* Program transfer and run-state rules: one alert per conversation. */
    if (rule != RULE_ICS_UNAUTH_WRITE && rule != RULE_ICS_UNAUTH_CONTROL) extra = 0;
    detect_raise(e, &a, detect_key(rule, src, dst, dport, extra));
}

static void ics_observe(detect_engine *e, void *state, const net_observation *o)
{
    (void)state;
    const obs_ics_op *op = &o->u.ics;
    const net_flow *f = o->flow;
    if (!f || op->is_response) return;
    /* The flow's initiator is the master even when the controller sends the
     * job (an S7 PLC pulls download blocks from the engineering station). */
    const ip_addr *src = &f->client, *dst = &f->server;
    uint16_t sport = f->client_port, dport = f->server_port;
    detect_host s = detect_lookup(e, src), d = detect_lookup(e, dst);
    if (!s.asset && !(s.zone && s.zone->catch_all && !d.asset) && !detect_addr_unroutable(e, src, s.zone))
        ics_alert(e, RULE_ICS_ROGUE_MASTER, o, src, dst, sport, dport, false,
                  "an ICS master the model does not declare", NULL);
    bool authorised = detect_may_write(e, d.asset, s.asset);
    int fr = function_rule(op);
    if (fr >= 0) {
        /* The specific rule carries the unauthorised-command technique itself. */
        if (!authorised || e->cfg.program_authorised)
            ics_alert(e, (detect_rule_id)fr, o, src, dst, sport, dport, authorised,
                      authorised ? "sender is in the target's may_write" : "sender is not in the target's may_write",
                      authorised || !detect_write_enforced(d.asset) ? NULL : "T0855");
        return;
    }
    if ((op->is_write || op->is_control) && detect_write_enforced(d.asset) && !authorised)
        ics_alert(e, op->is_write ? RULE_ICS_UNAUTH_WRITE : RULE_ICS_UNAUTH_CONTROL, o, src, dst, sport, dport, false,
                  d.asset->may_write.len ? "sender is not in the target's may_write"
                                         : "the target declares no may_write: nobody may write", NULL);
}

const detect_family detect_family_ics = { "ics", OBS_MASK(OBS_ICS_OP), NULL, ics_observe };
