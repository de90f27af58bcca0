/* scn_cvg_door_rogue.c - converged: the door of a crane electrical room is
 * forced (access-control feed), then an unknown laptop appears on the crane
 * network that room houses and polls its controller (the rogue-device steps). */
#include <string.h>
#include "phys/phys.h"
#include "sim/scenario.h"

/* A badge reader on a room of this kind that houses a zone, or NULL. */
static const model_asset *room_reader(const sim_ctx *c, const char *kind)
{
    for (size_t i = 0; i < c->m->n_assets; i++) {
        const model_asset *a = &c->m->assets[i];
        if (!a->kind || strcmp(a->kind, "badge-reader") || a->area_index < 0) continue;
        const model_access_area *ar = &c->m->access_areas[a->area_index];
        if (ar->zone_index >= 0 && (!kind || (ar->kind && !strcmp(ar->kind, kind)))) return a;
    }
    return NULL;
}

static bool inject(sim_ctx *c, sim_scenario_run *run, sw_error *err)
{
    const model_asset *door = room_reader(c, "electrical-room");
    if (!door) door = room_reader(c, "ot-room");
    if (!door) { sw_fail(err, SW_ERR_INVALID, "no electrical or OT room with a reader that houses a network zone"); return false; }
    int zone = c->m->access_areas[door->area_index].zone_index;
    scn_phys(run, run->planned, PHYS_FORCED, NULL, door->id, NULL);
    scn_expect(run, "door-forced", "SW-PHYS-DOOR-FORCED-OT", "");
    /* Three minutes to open the cabinet and plug in. */
    sw_time_us planned = run->planned;
    run->planned += SIM_S(180);
    bool ok = scn_rogue_device_in(c, run, zone, err);
    run->planned = planned;
    return ok;
}

static const char *const techniques[] = { "T0864", "T0848", NULL };
static const char *const hints[] = {
    "access control: door forced at a crane electrical room whose area houses the crane's network zone",
    "3 min later a laptop unknown to the model appears in that zone (DHCP, ARP probe and announcement)",
    "and polls the room's controller as a rogue master; one candidate joins them by the zone the room houses",
    NULL,
};

const sim_scenario sim_scenario_cvg_door_rogue = {
    "converged-door-rogue", "Converged: forced door at a crane electrical room, then a rogue device on that crane's network",
    "The door of a crane electrical room is forced (access.csv, DoorForced); three minutes later a Windows laptop "
    "unknown to the model joins the crane control zone the room houses (DHCP DISCOVER, ARP probe and announcement) "
    "and polls the crane controller as a rogue master.",
    techniques, hints, inject, SIM_S(240),
};
