/* scn_cvg_cctv_chain.c - converged CCTV chain: a camera that watches a
 * critical asset drops offline in the VMS feed, then its address sweeps a
 * crane network, opens RDP to an engineering workstation and writes to
 * crane PLCs (the camera-chain steps), so video, IT and OT alerts tell one story. */
#include <string.h>
#include "phys/phys.h"
#include "sim/scenario.h"

/* Does the camera watch an asset of high or crown-jewel criticality? The
 * covered asset's host is returned through target (-1 when not on the wire). */
static bool covers_critical(const sim_ctx *c, const sim_host *h, int *target)
{
    const model_asset *a = h->asset;
    *target = -1;
    for (size_t k = 0; a && a->covers_index && k < a->covers.len; k++) {
        int i = a->covers_index[k];
        if (i < 0 || c->m->assets[i].criticality < CRIT_HIGH) continue;
        *target = sim_host_by_asset(c, c->m->assets[i].id);
        return true;
    }
    return false;
}

static bool inject(sim_ctx *c, sim_scenario_run *run, sw_error *err)
{
    int zone = scn_zone_like(c, "crane");
    if (zone < 0) zone = scn_busiest_control_zone(c);
    if (zone < 0) { sw_fail(err, SW_ERR_INVALID, "no crane-control or controller zone"); return false; }
    /* The camera: one on the crane segment that watches a critical asset;
     * else any camera watching a controller (its zone is then the one swept);
     * else any camera watching a critical asset. */
    int cam = -1, routed = -1, any = -1;
    for (size_t i = 0; i < c->n_hosts && cam < 0; i++) {
        const sim_host *h = &c->hosts[i];
        int t;
        if (!sim_is_camera(c, h) || h->external || !covers_critical(c, h, &t)) continue;
        if (h->zone == zone) cam = (int)i;
        else if (routed < 0 && t >= 0 && sim_is_plc(c, &c->hosts[t]) && c->hosts[t].zone >= 0) routed = (int)i;
        else if (any < 0) any = (int)i;
    }
    if (cam < 0 && routed >= 0) {
        int t;
        cam = routed;
        covers_critical(c, &c->hosts[cam], &t);
        zone = c->hosts[t].zone;
    }
    if (cam < 0) cam = any;
    if (cam < 0) { sw_fail(err, SW_ERR_INVALID, "no camera covers a high or crown-jewel asset"); return false; }
    /* The VMS loses the camera a minute and a half before its address starts to sweep. */
    scn_phys(run, run->planned - SIM_S(90), PHYS_CAMERA_OFFLINE, NULL, NULL, c->hosts[cam].asset->id);
    scn_expect(run, "camera-offline", "SW-PHYS-CAMERA-DOWN", "T0815");
    return scn_camera_chain_from(c, run, cam, zone, err);
}

static const char *const techniques[] = { "T0815", "T0846", "T0888", "T0886", "T0855", "T0836", NULL };
static const char *const hints[] = {
    "VMS: the camera watching a high or crown-jewel asset goes offline (Communication Stopped)",
    "90 s later the camera's address sweeps a crane network and asks every EtherNet/IP device for its identity",
    "then RDP from the camera to an engineering workstation and S7/Modbus writes from it to crane PLCs",
    "one candidate joins the video alert and the network alerts by the camera asset",
    NULL,
};

const sim_scenario sim_scenario_cvg_cctv_chain = {
    "converged-cctv-chain", "Converged: camera offline in the VMS, then its address scans, pivots and writes to crane PLCs",
    "A camera that covers a critical asset drops offline in the VMS feed (vms.syslog); 90 s later its address "
    "sweeps a crane control network, sends EtherNet/IP ListIdentity to the controllers, opens RDP to an "
    "engineering workstation and through it writes to crane PLCs (S7 write var, Modbus FC16).",
    techniques, hints, inject, SIM_S(120),
};
