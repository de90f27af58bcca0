/* scn_s7_stop.c - an engineering workstation that is not in a Siemens
 * PLC's may_write stops the CPU and downloads a new OB1. */
#include "sim/scenario.h"

static bool inject(sim_ctx *c, sim_scenario_run *run, sw_error *err)
{
    int zone = scn_zone_like(c, "crane");
    int plc = zone >= 0 ? scn_host_in_zone(c, zone, sim_is_siemens_plc) : -1;
    if (plc < 0) plc = sim_pick(c, sim_is_siemens_plc);
    if (plc < 0) { sw_fail(err, SW_ERR_INVALID, "no Siemens PLC in the model"); return false; }
    /* An engineering workstation without write rights on this PLC, else any desk. */
    int ews = -1;
    for (size_t i = 0; i < c->n_hosts && ews < 0; i++)
        if (sim_host_kind(&c->hosts[i], "eng-workstation") && !sim_may_write(c, (int)i, plc)) ews = (int)i;
    for (size_t i = 0; i < c->n_hosts && ews < 0; i++)
        if ((sim_host_kind(&c->hosts[i], "workstation") || sim_host_kind(&c->hosts[i], "hmi")) && !sim_may_write(c, (int)i, plc))
            ews = (int)i;
    if (ews < 0) { sw_fail(err, SW_ERR_INVALID, "every workstation may write to %s", c->hosts[plc].id); return false; }
    const sim_profile *p = sim_profile_find("s7-stop-download");
    if (!p) { sw_fail(err, SW_ERR_INVALID, "s7-stop-download profile missing"); return false; }
    sim_run_add_host(c, run, ews, "attacker");
    sim_run_add_host(c, run, plc, "target");
    sim_session_start(c, p, ews, plc, run->planned, 0, run);
    return true;
}

static const char *const techniques[] = { "T0816", "T0843", NULL };
static const char *const hints[] = {
    "S7comm PLC STOP (function 0x29) from a host not in may_write",
    "S7comm block download sequence (0x1a request download, 0x1b download block, 0x1c download ended)",
    NULL,
};

const sim_scenario sim_scenario_s7_stop = {
    "s7-stop-download", "Unauthorised PLC STOP and program download",
    "An engineering workstation that is not in the Siemens PLC's may_write sends PLC STOP, then downloads OB1 "
    "(request download, download block, download ended).",
    techniques, hints, inject,
};
