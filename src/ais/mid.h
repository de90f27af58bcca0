/* mid.h - what an MMSI says about its station: the ITU Maritime
 * Identification Digits (data/mid.tsv, compiled in) and the station kind
 * its prefix implies (ITU-R M.585-9 Annexes 1-4). Pure lookups. */
#ifndef SW_AIS_MID_H
#define SW_AIS_MID_H
#include <stdbool.h>
#include <stdint.h>

typedef struct ais_mid {
    uint16_t mid;            /* 201..775 */
    const char *iso;         /* ISO 3166-1 alpha-2 of the country or territory */
    const char *country;     /* as the ITU list writes it */
} ais_mid;

/* NULL when the ITU has not allocated the MID. */
const ais_mid *ais_mid_lookup(unsigned mid);
/* The whole table, ascending by MID. */
const ais_mid *ais_mid_table(unsigned *n);

/* MMSI forms below: MID the three-digit country code, n any digit. */
typedef enum ais_station_kind {
    AIS_STATION_INVALID = 0,    /* no valid MMSI form (>999999999, 1nnnnnnnn but not 111, ...) */
    AIS_STATION_SHIP,           /* MIDnnnnnn, MID 2..7 */
    AIS_STATION_GROUP,          /* 0MIDnnnnn: a group call, never a transmitter */
    AIS_STATION_COAST,          /* 00MIDnnnn: coast and base stations */
    AIS_STATION_SAR_AIRCRAFT,   /* 111MIDnnn */
    AIS_STATION_HANDHELD,       /* 8MIDnnnnn: handheld VHF with DSC, not AIS */
    AIS_STATION_SART,           /* 970xxyyyy AIS-SART */
    AIS_STATION_MOB,            /* 972xxyyyy man overboard */
    AIS_STATION_EPIRB,          /* 974xxyyyy EPIRB-AIS */
    AIS_STATION_CRAFT,          /* 98MIDnnnn craft associated with a parent ship */
    AIS_STATION_ATON,           /* 99MIDnnnn aid to navigation */
    AIS_STATION__COUNT
} ais_station_kind;

/* The station kind and, where the form carries one, its MID (0 otherwise:
 * SART, MOB and EPIRB carry a manufacturer id instead). */
ais_station_kind ais_mmsi_kind(uint32_t mmsi, unsigned *mid);
const char *ais_station_kind_name(ais_station_kind k);   /* "ship", "base-station", ... */

#endif
