/* ais_enc.h - the AIS encoder the simulator transmits with: ITU-R M.1371-5
 * messages packed into a bit buffer, six-bit armoured into !AIVDM
 * sentences (split into fragments when long) with NMEA 4.10 tag blocks
 * (s: source, c: UNIX time, g: group for multi-sentence messages). */
#ifndef SW_SIM_AIS_ENC_H
#define SW_SIM_AIS_ENC_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/strbuf.h"

#define AIS_ENC_MAX_BITS 1008        /* five slots */

typedef struct ais_enc {
    uint8_t bits[AIS_ENC_MAX_BITS / 8 + 1];
    unsigned n;                      /* bits written */
    bool overflow;
} ais_enc;

void ais_enc_reset(ais_enc *e);
/* Appends the low `width` (1..32) bits of v, most significant first. */
void ais_enc_u(ais_enc *e, unsigned width, uint32_t v);
void ais_enc_s(ais_enc *e, unsigned width, int32_t v);
/* `chars` six-bit characters of text (ITU-R M.1371 Table 47), upper-cased,
 * padded with '@'; characters outside the table become '?'. */
void ais_enc_text(ais_enc *e, unsigned chars, const char *text);
#define AIS_ENC_MAX_CHARS ((AIS_ENC_MAX_BITS + 5) / 6)
/* Armours the buffer into out (NUL-terminated, AIS_ENC_MAX_CHARS + 1 bytes);
 * returns the fill bits and sets *len. */
unsigned ais_enc_armour(const ais_enc *e, char *out, size_t *len);

/* ---- message fields, in the units people think in ---- */

#define AIS_SOG_NA -1.0              /* speed or course not available */
#define AIS_HEADING_NA 511

typedef struct ais_pos_report {      /* types 1, 2, 3 (class A) and 18 (class B) */
    unsigned type;
    uint32_t mmsi;
    unsigned status;                 /* navigation status 0..15 (class A) */
    int rot;                         /* raw ROT field, -128 = not available */
    double sog_kn, cog_deg;          /* AIS_SOG_NA when unknown */
    unsigned heading;                /* 0..359 or AIS_HEADING_NA */
    double lat, lon;
    bool accuracy;
    unsigned second;                 /* UTC second of the fix, 60 = not available */
    uint32_t radio;
} ais_pos_report;

typedef struct ais_static {          /* types 5 and 24 */
    uint32_t mmsi, imo;
    const char *callsign, *shipname, *destination;
    unsigned shiptype;
    unsigned to_bow, to_stern, to_port, to_starboard;
    double draught_m;
    unsigned eta_month, eta_day, eta_hour, eta_minute;   /* 0/0/24/60 = not available */
    const char *vendorid;            /* type 24 part B, three characters */
} ais_static;

void ais_enc_position(ais_enc *e, const ais_pos_report *r);
/* Type 4 base station report for the UTC time t (seconds since the epoch). */
void ais_enc_base_station(ais_enc *e, uint32_t mmsi, int64_t t, double lat, double lon);
void ais_enc_static_voyage(ais_enc *e, const ais_static *s);        /* type 5 */
void ais_enc_static_b(ais_enc *e, const ais_static *s, unsigned part); /* type 24 part 0 (A) or 1 (B) */
/* Type 21 aid-to-navigation report; aid_type per ITU-R M.1371 Table 74. */
void ais_enc_aton(ais_enc *e, uint32_t mmsi, unsigned aid_type, const char *name, double lat, double lon,
                  unsigned second, bool virtual_aton, bool off_position);

/* The NMEA writer: one state per feed, for the sequential message id and
 * the tag-block group numbers. */
typedef struct ais_nmea_writer {
    const char *source;              /* tag block s:, e.g. the receiving station */
    unsigned seq;                    /* next sequential message id 0..9 */
    unsigned group;                  /* next g: group id */
    uint64_t sentences;
} ais_nmea_writer;

/* Writes the message as one or more !AIVDM lines (each ending "\r\n") to
 * out, with a tag block carrying c:time_s (and g: when fragmented).
 * Payloads above max_chars characters (at most 60; 0 = 60) are fragmented. */
void ais_nmea_write(ais_nmea_writer *w, const ais_enc *e, int64_t time_s, char channel, size_t max_chars, strbuf *out);

#endif
