/* ais.h - decoded AIS messages (ITU-R M.1371-5 types 1-27 and the type 6/8
 * application messages gpsd knows) as plain structs, plus the pure decoder
 * from an assembled bit buffer. A tracker consumes ais_msg directly; JSON
 * and CSV rendering (ais_json.c) is a separate step. Field names follow
 * gpsd's AIS JSON names; values are the raw integers of the message (see
 * the AIS_*_DIV constants to scale them). */
#ifndef SW_AIS_H
#define SW_AIS_H
#include <stdbool.h>
#include <stdint.h>
#include "ais/bits.h"

/* Scaling of raw positions: 1/10000 minute (28/27-bit fields) and others. */
#define AIS_LATLON_DIV 600000.0      /* types 1-4, 9, 11, 18, 19, 21 */
#define AIS_LATLON3_DIV 60000.0      /* 25/24-bit 1/1000 minute fields */
#define AIS_LATLON4_DIV 600000.0     /* 28/27-bit route waypoints */
#define AIS_LATLON_10MIN_DIV 600.0   /* 1/10 minute: types 17, 22, 23, 27 */
#define AIS_LON_NOT_AVAILABLE 0x6791AC0   /* 181 degrees */
#define AIS_LAT_NOT_AVAILABLE 0x3412140   /* 91 degrees */
#define AIS_SPEED_NOT_AVAILABLE 1023
#define AIS_COURSE_NOT_AVAILABLE 3600
#define AIS_HEADING_NOT_AVAILABLE 511
#define AIS_TURN_NOT_AVAILABLE (-128)

#define AIS_TEXT_MAX 162        /* longest decoded text field + NUL */
#define AIS_BINARY_MAX_BYTES 128

typedef enum {
    AIS_OK = 0,
    AIS_ERR_LENGTH,      /* bit length outside what the type allows */
    AIS_ERR_TYPE,        /* message type 0 or 28..63 */
    AIS_ERR_SUBTYPE,     /* type 24 part number 2 or 3 */
} ais_status;

typedef enum { AIS24_BOTH = 0, AIS24_A = 1, AIS24_B = 2 } ais24_part;

/* Raw binary payload (types 6, 8, 17, 25, 26 when not structured). */
typedef struct ais_blob {
    uint16_t bitcount;
    uint8_t data[AIS_BINARY_MAX_BYTES];
} ais_blob;

typedef struct ais_tidal {
    int32_t lon, lat;
    uint8_t from_hour, from_min, to_hour, to_min;
    uint16_t cdir, cspeed;
} ais_tidal;

typedef struct ais_waypoint { int32_t lon, lat; } ais_waypoint;

typedef struct ais_route {
    uint16_t linkage;
    uint8_t sender, rtype, month, day, hour, minute, waycount;
    uint32_t duration;
    ais_waypoint waypoints[16];
} ais_route;

/* Met/hydro (DAC 1 FID 11 of IMO 236 and FID 31 of IMO 289). */
typedef struct ais_methydro {
    int32_t lat, lon;
    bool accuracy;                  /* FID 31 only */
    uint8_t day, hour, minute;
    uint16_t wspeed, wgust, wdir, wgustdir;
    int32_t airtemp;                /* FID 11 unsigned with offset, FID 31 signed */
    uint16_t humidity;
    int32_t dewpoint;
    uint16_t pressure;
    uint8_t pressuretend;
    bool visgreater;                /* FID 31 only */
    uint16_t visibility;
    int32_t waterlevel;
    uint8_t leveltrend;
    uint16_t cspeed, cdir, cspeed2, cdir2, cdepth2, cspeed3, cdir3, cdepth3;
    uint16_t waveheight, waveperiod, wavedir, swellheight, swellperiod, swelldir;
    uint8_t seastate;
    int32_t watertemp;
    uint8_t preciptype;
    uint16_t salinity;
    uint8_t ice;
} ais_methydro;

/* Type 6 and type 8 application payloads, keyed by (dac, fid). */
typedef union ais_app {
    struct { char country[3], locode[4], section[6], terminal[6], hectometre[6];
             uint8_t month, day, hour, minute, tugs, status; uint16_t airdraught; } inland_eta; /* 200/21, 200/22 */
    struct { uint16_t crew, passengers, personnel; } inland_pob;          /* 200/55 */
    struct { uint16_t ana_int, ana_ext1, ana_ext2; uint8_t racon, light, stat_ext;
             bool alarm, off_pos; } gla_aton;                              /* 235|250/10 */
    struct { char lastport[6]; uint8_t lmonth, lday, lhour, lminute;
             char nextport[6]; uint8_t nmonth, nday, nhour, nminute;
             char dangerous[21], imdcat[5]; uint16_t unid, amount; uint8_t unit; } dangerous_cargo; /* 1/12 */
    struct { uint8_t month, day, ntidals; ais_tidal tidals[4]; } tidal_window;  /* 1/14, 1/32 */
    struct { uint16_t airdraught; } ext_static;                           /* 1/15 */
    struct { uint16_t persons; } pob;                                     /* 1/16 */
    struct { uint16_t linkage; uint8_t month, day, hour, minute;
             char portname[21], destination[6]; int32_t lon, lat; } clearance; /* 1/18 */
    struct { uint16_t linkage, berth_length, berth_depth; uint8_t position, month, day, hour, minute,
             availability, agent, fuel, chandler, stevedore, electrical, water, customs, cartage,
             crane, lift, medical, navrepair, provisions, shiprepair, surveyor, steam, tugs,
             solidwaste, liquidwaste, hazardouswaste, ballast, additional, regional1, regional2,
             future1, future2; char berth_name[21]; int32_t berth_lon, berth_lat; } berthing; /* 1/20 */
    struct { uint8_t unit; uint16_t amount; uint8_t ncargos;
             struct { uint8_t code; uint16_t subtype; } cargos[28]; } cargo_indication; /* 1/25 */
    ais_route route;                                                      /* 1/27, 1/28 */
    struct { uint16_t linkage; char text[AIS_TEXT_MAX]; } text;           /* 1/29, 1/30 */
    ais_methydro methydro;                                                /* 1/11, 1/31 */
    struct { char reason[21], closefrom[21], closeto[21]; uint16_t radius; uint8_t extunit,
             fday, fmonth, fhour, fminute, tday, tmonth, thour, tminute; } fairway_closed; /* 1/13 */
    struct { uint8_t ntargets; struct { uint8_t idtype; uint64_t id; char idtext[8];
             int32_t lat, lon; uint16_t course, speed; uint8_t second; } targets[4]; } vts_targets; /* 1/17 */
    struct { uint16_t linkage; char station[21]; int32_t lon, lat; uint8_t status, signal,
             hour, minute, nextsignal; } traffic_signal;                  /* 1/19 */
    struct { char vin[9]; uint16_t length, beam, shiptype, draught; uint8_t hazard, loaded;
             bool speed_q, course_q, heading_q; } inland_static;          /* 200/10 */
    struct { uint8_t start_year, start_month, start_day, end_year, end_month, end_day,
             start_hour, start_minute, end_hour, end_minute, type, intensity, wind;
             int32_t start_lon, start_lat, end_lon, end_lat; int16_t min, max; } emma; /* 200/23 */
    struct { char country[3]; uint8_t ngauges; struct { uint16_t id; int16_t level; } gauges[4]; } water_level; /* 200/24 */
    struct { int32_t lon, lat; uint8_t form, direction; uint16_t facing; uint32_t status; } signal_status; /* 200/40 */
} ais_app;

typedef struct ais_msg {
    uint8_t type, repeat;
    uint32_t mmsi;
    uint16_t bitlen;                 /* payload length in bits */
    union {
        struct { uint8_t status, maneuver, second; int16_t turn; uint16_t speed, course, heading;
                 bool accuracy, raim; int32_t lon, lat; uint32_t radio; } pos;          /* 1, 2, 3 */
        struct { uint16_t year; uint8_t month, day, hour, minute, second, epfd;
                 bool accuracy, raim; int32_t lon, lat; uint32_t radio; } base;         /* 4, 11 */
        struct { uint8_t ais_version, shiptype, to_port, to_starboard, epfd, month, day, hour,
                 minute, draught, dte; uint16_t to_bow, to_stern; uint32_t imo;
                 char callsign[8], shipname[21], destination[21]; } voyage;             /* 5 */
        struct { uint8_t seqno; uint32_t dest_mmsi; bool retransmit; uint16_t dac; uint8_t fid;
                 bool structured; ais_blob blob; ais_app app; } binary;                 /* 6 (dest used), 8 */
        struct { uint32_t mmsi[4]; uint8_t seqno[4]; } ack;                            /* 7, 13 */
        struct { uint16_t alt, speed, course; bool accuracy, raim, assigned; uint8_t second,
                 regional, dte; int32_t lon, lat; uint32_t radio; } sar;               /* 9 */
        struct { uint32_t dest_mmsi; } inquiry;                                        /* 10 */
        struct { uint8_t seqno; uint32_t dest_mmsi; bool retransmit; char text[AIS_TEXT_MAX]; } safety; /* 12, 14 */
        struct { uint32_t mmsi1, mmsi2; uint8_t type1_1, type1_2, type2_1;
                 uint16_t offset1_1, offset1_2, offset2_1; } interrogation;            /* 15 */
        struct { uint32_t mmsi1, mmsi2; uint16_t offset1, increment1, offset2, increment2; } assigned; /* 16 */
        struct { int32_t lon, lat; ais_blob blob; } dgnss;                            /* 17 */
        struct { uint8_t reserved, regional, second, shiptype, to_port, to_starboard, epfd;
                 uint16_t speed, course, heading, to_bow, to_stern; bool accuracy, cs, display,
                 dsc, band, msg22, assigned, raim, dte; int32_t lon, lat; uint32_t radio;
                 char shipname[21]; } classb;                                           /* 18, 19 */
        struct { uint16_t offset[4], increment[4]; uint8_t number[4], timeout[4]; } datalink; /* 20 */
        struct { uint8_t aid_type, to_port, to_starboard, epfd, second, regional; uint16_t to_bow,
                 to_stern; bool accuracy, off_position, raim, virtual_aid, assigned;
                 int32_t lon, lat; char name[37]; } aton;                               /* 21 */
        struct { uint16_t channel_a, channel_b; uint8_t txrx, zonesize; bool power, addressed,
                 band_a, band_b; int32_t ne_lon, ne_lat, sw_lon, sw_lat;
                 uint32_t dest1, dest2; } chanmgmt;                                     /* 22 */
        struct { int32_t ne_lon, ne_lat, sw_lon, sw_lat; uint8_t stationtype, shiptype, txrx,
                 interval, quiet; } group;                                              /* 23 */
        struct { ais24_part part; char shipname[21]; uint8_t shiptype, model, to_port,
                 to_starboard; char vendorid[8], callsign[8]; uint32_t serial, mothership_mmsi;
                 uint16_t to_bow, to_stern; } static24;                                 /* 24 */
        struct { bool addressed, structured; uint32_t dest_mmsi; uint16_t app_id; uint32_t radio;
                 ais_blob blob; } slotbin;                                             /* 25, 26 */
        struct { bool accuracy, raim, gnss; uint8_t status, speed; uint16_t course;
                 int32_t lon, lat; } longrange;                                         /* 27 */
    } u;
} ais_msg;

/* Auxiliary craft MMSIs (98MIDnnnn) carry a mothership MMSI in type 24B. */
static inline bool ais_mmsi_is_auxiliary(uint32_t mmsi) { return mmsi / 10000000 == 98; }

/* Pairs type 24 part A (name) with the following part B of the same MMSI,
 * as gpsd does: a ring of the last 8 part A reports. One per channel. */
#define AIS24_QUEUE_LEN 8
typedef struct ais24_queue {
    struct { uint32_t mmsi; char shipname[21]; } ships[AIS24_QUEUE_LEN];
    unsigned next;
} ais24_queue;

/* Decodes one assembled message. q may be NULL (no 24A/24B pairing).
 * Returns AIS_OK and fills *m, or an error (m partly filled: type, mmsi).
 * Lengths accepted per type follow gpsd's real-world tolerances (for
 * example type 5 from 420 bits); see docs/ais.md. */
ais_status ais_decode(ais_bits *b, ais_msg *m, ais24_queue *q);
const char *ais_status_name(ais_status s);

#endif
