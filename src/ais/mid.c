/* mid.c - the MID table (generated from data/mid.tsv by
 * scripts/mid_table.awk) and MMSI prefix classification. */
#include "ais/mid.h"
#include <stddef.h>

static const ais_mid mid_table[] = {
#include "mid_table.inc"
};
#define N_MIDS (sizeof mid_table / sizeof mid_table[0])

/* MIDs run 201..775: a direct index, built once on first use, makes the
 * lookup one load on the hot path. Building it twice (two threads racing)
 * writes the same bytes, so no lock is needed. */
static int16_t mid_index[800];
static bool mid_index_ready;

static void build_index(void)
{
    for (unsigned i = 0; i < 800; i++) mid_index[i] = -1;
    for (size_t i = 0; i < N_MIDS; i++) mid_index[mid_table[i].mid] = (int16_t)i;
    mid_index_ready = true;
}

const ais_mid *ais_mid_lookup(unsigned mid)
{
    if (!mid_index_ready) build_index();
    if (mid >= 800 || mid_index[mid] < 0) return NULL;
    return &mid_table[mid_index[mid]];
}

const ais_mid *ais_mid_table(unsigned *n)
{
    *n = (unsigned)N_MIDS;
    return mid_table;
}

ais_station_kind ais_mmsi_kind(uint32_t mmsi, unsigned *mid)
{
    unsigned m = 0;
    ais_station_kind k = AIS_STATION_INVALID;
    if (mmsi > 999999999u) {
        /* 30 bits hold more than nine digits */
    } else if (mmsi < 1000000u) {
        /* fewer than three significant digits after 00: no MID */
    } else if (mmsi < 10000000u) {
        k = AIS_STATION_COAST; m = mmsi / 10000u;               /* 00MIDnnnn */
    } else if (mmsi < 100000000u) {
        k = AIS_STATION_GROUP; m = mmsi / 100000u;              /* 0MIDnnnnn */
    } else {
        unsigned d1 = mmsi / 100000000u, d3 = mmsi / 1000000u;
        if (d1 >= 2 && d1 <= 7) { k = AIS_STATION_SHIP; m = d3; }
        else if (d3 == 111) { k = AIS_STATION_SAR_AIRCRAFT; m = (mmsi / 1000u) % 1000u; }
        else if (d1 == 8) { k = AIS_STATION_HANDHELD; m = (mmsi / 100000u) % 1000u; }
        else if (d3 == 970) k = AIS_STATION_SART;
        else if (d3 == 972) k = AIS_STATION_MOB;
        else if (d3 == 974) k = AIS_STATION_EPIRB;
        else if (d1 == 9 && d3 / 10 == 98) { k = AIS_STATION_CRAFT; m = (mmsi / 10000u) % 1000u; }
        else if (d1 == 9 && d3 / 10 == 99) { k = AIS_STATION_ATON; m = (mmsi / 10000u) % 1000u; }
    }
    if (mid) *mid = m;
    return k;
}

const char *ais_station_kind_name(ais_station_kind k)
{
    static const char *const names[AIS_STATION__COUNT] = {
        "invalid", "ship", "group", "base-station", "sar-aircraft", "handheld",
        "sart", "mob", "epirb", "craft", "aton",
    };
    return (unsigned)k < AIS_STATION__COUNT ? names[k] : "invalid";
}
