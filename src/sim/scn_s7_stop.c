/* scn_s7_stop.c - at night (port local time), an engineering workstation
 * that is not in a Siemens PLC's may_write stops the CPU and downloads a
 * new OB1. */
#include <string.h>
#include "sim/scenario.h"

/* Lower is better: a Siemens CPU (kind plc) on a crane network. */
static int plc_score(const sim_ctx *c, const sim_host *h)
{
    int score = sim_host_kind(h, "plc") ? 0 : 2;
    const model_zone *z = h->zone >= 0 ? &c->m->zones[h->zone] : NULL;
    if (!z || !z->id || !(strstr(z->id, "crane") || strstr(z->id, "sts"))) score += 1;
    return score;
}

/* Lower is better: an engineering workstation inside the plant (not a
 * vendor's remote box) that has an S7 path to the PLC but no write right. */
static int ews_score(sim_ctx *c, int h, int plc, const int *remote, size_t n_remote)
{
    if (sim_may_write(c, h, plc)) return -1;
    const sim_host *x = &c->hosts[h];
    int score;
    if (sim_host_kind(x, "eng-workstation")) score = 0;
    else if (sim_host_kind(x, "workstation") || sim_host_kind(x, "hmi")) score = 8;
    else return -1;
    for (size_t k = 0; k < n_remote; k++)
        if (x->zone == remote[k]) score += 4;
    if (!sim_allowed(c, h, plc, 6, 102, "s7comm")) score += 2;
    return score;
}

static bool at_night(const tz_local *lt, const void *arg)
{
    (void)arg;
    return lt->minute >= 22 * 60 || lt->minute < 6 * 60;
}

extern const sim_scenario sim_scenario_s7_stop;

static bool inject(sim_ctx *c, sim_scenario_run *run, sw_error *err)
{
    int plc = -1, best = 1 << 30;
    for (size_t i = 0; i < c->n_hosts; i++)
        if (sim_is_siemens_plc(c, &c->hosts[i]) && plc_score(c, &c->hosts[i]) < best) {
            best = plc_score(c, &c->hosts[i]);
            plc = (int)i;
        }
    if (plc < 0) { sw_fail(err, SW_ERR_INVALID, "no Siemens PLC in the model"); return false; }
    int remote[8];
    size_t nr = scn_entry_zones(c, "remote-access", remote, 8);
    int ews = -1;
    best = 1 << 30;
    for (size_t i = 0; i < c->n_hosts; i++) {
        int sc = ews_score(c, (int)i, plc, remote, nr);
        if (sc >= 0 && sc < best) { best = sc; ews = (int)i; }
    }
    if (ews < 0) { sw_fail(err, SW_ERR_INVALID, "every workstation may write to %s", c->hosts[plc].id); return false; }
    const sim_profile *p = sim_profile_find("s7-stop-download");
    if (!p) { sw_fail(err, SW_ERR_INVALID, "s7-stop-download profile missing"); return false; }
    /* The first night minute (22:00-06:00 in port.timezone) from its slot on. */
    sw_time_us t = scn_find_local(c, run->planned, scn_latest_start(c, sim_scenario_s7_stop.span), at_night, NULL);
    if (t < 0) { sw_fail(err, SW_ERR_INVALID, "the run has no night time (22:00-06:00 local) left for it; use --start"); return false; }
    run->planned = t;
    sim_run_add_host(c, run, ews, "attacker");
    sim_run_add_host(c, run, plc, "target");
    sim_session_start(c, p, ews, plc, run->planned, 0, run);
    scn_expect(run, "stop", "SW-ICS-CPU-STOP", "T0816 T0858 T0855");
    scn_expect(run, "download", "SW-ICS-PROGRAM-DOWNLOAD", "T0843 T0855");
    return true;
}

static const char *const techniques[] = { "T0816", "T0843", NULL };
static const char *const hints[] = {
    "S7comm PLC STOP (function 0x29) from a host not in may_write",
    "S7comm block download sequence (0x1a request download, 0x1b download block, 0x1c download ended)",
    NULL,
};

const sim_scenario sim_scenario_s7_stop = {
    "s7-stop-download", "Unauthorised PLC STOP and program download at night",
    "At night in the port's time zone, an engineering workstation that is not in the Siemens PLC's may_write sends "
    "PLC STOP, then downloads OB1 (request download, download block, download ended).",
    techniques, hints, inject, SIM_S(30),
};
