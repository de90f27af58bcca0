/* ais_mmsi.c - SW-AIS-MMSI-INVALID: the MMSI's form and MID (ITU-R M.585
 * prefixes, the ITU MID table) and whether its station kind may send the
 * message type (a type 4 only from 00MID, a type 21 only from 99MID, ...). */
#include <stdio.h>
#include "ais/mid.h"
#include "detect/ais_internal.h"

/* May a station of kind k send message type t? Types any station may send
 * (binary, safety text, acknowledgements, interrogations) are not judged. */
static bool type_fits(ais_station_kind k, unsigned t)
{
    switch (t) {
    case 1: case 2: case 3:
        return k == AIS_STATION_SHIP || k == AIS_STATION_SART || k == AIS_STATION_MOB || k == AIS_STATION_EPIRB ||
               k == AIS_STATION_CRAFT;
    case 5: case 27:
        return k == AIS_STATION_SHIP || k == AIS_STATION_CRAFT;
    case 18: case 19: case 24:
        return k == AIS_STATION_SHIP || k == AIS_STATION_CRAFT || k == AIS_STATION_SART;
    case 4: case 16: case 17: case 20: case 22: case 23:
        return k == AIS_STATION_COAST;
    case 9: return k == AIS_STATION_SAR_AIRCRAFT;
    case 21: return k == AIS_STATION_ATON;
    default: return k != AIS_STATION_INVALID && k != AIS_STATION_GROUP && k != AIS_STATION_HANDHELD;
    }
}

static const char *why_kind(ais_station_kind k)
{
    switch (k) {
    case AIS_STATION_GROUP: return "0MID is a group call, never a transmitter";
    case AIS_STATION_HANDHELD: return "8MID is a handheld VHF, not an AIS station";
    default: return "no valid MMSI form";
    }
}

static void check_mmsi(ais_detect *e, void *state, const ais_ctx *c, void *vs)
{
    const ais_msg *m = c->m;
    unsigned t = m->type;
    /* Each type is judged once per vessel: the verdict cannot change. */
    if (t < 32 && (c->v->types_seen & (1u << t))) return;
    unsigned mid = 0;
    ais_station_kind k = ais_mmsi_kind(m->mmsi, &mid);
    ais_alert a;
    ais_alert_init(&a, AIS_CHECK_MMSI_INVALID, c);
    ais_alert_line(&a, c->meta ? c->meta->line_first : 0);
    ais_alert_line(&a, c->meta ? c->meta->line_last : 0);
    if (k == AIS_STATION_INVALID || k == AIS_STATION_GROUP || k == AIS_STATION_HANDHELD) {
        snprintf(a.message, sizeof a.message, "MMSI %09u: %s (message type %u)", m->mmsi, why_kind(k), t);
    } else if (mid && !ais_mid_lookup(mid)) {
        snprintf(a.message, sizeof a.message, "MMSI %09u (%s): MID %03u is not allocated by the ITU (message type %u)",
                 m->mmsi, ais_station_kind_name(k), mid, t);
    } else if (!type_fits(k, t)) {
        snprintf(a.message, sizeof a.message, "MMSI %09u is a %s MMSI but sent message type %u", m->mmsi,
                 ais_station_kind_name(k), t);
    } else {
        return;
    }
    ais_raise(e, &a, c->index);
}

const ais_family ais_family_mmsi = { "mmsi", 0, NULL, check_mmsi, NULL };
