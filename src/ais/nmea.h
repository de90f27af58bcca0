/* nmea.h - one line of an AIS feed: NMEA 0183 !xxVDM/!xxVDO with optional
 * NMEA 4.10 tag block, receiver timestamp prefixes and trailing USCG
 * fields. Splits and checks the sentence (checksum, field shape) without
 * copying; the payload is de-armoured later (bits.h). */
#ifndef SW_AIS_NMEA_H
#define SW_AIS_NMEA_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    AIS_LINE_SENTENCE = 0,  /* a well-formed VDM/VDO sentence */
    AIS_LINE_BLANK,         /* empty or a '#' comment */
    AIS_LINE_TIME,          /* a receiver time sentence ($PGHP) that dates the next one */
    AIS_LINE_OTHER_NMEA,    /* a valid-looking NMEA sentence that is not VDM/VDO */
    AIS_LINE_GARBAGE,       /* no sentence found */
    AIS_LINE_BAD_CHECKSUM,
    AIS_LINE_NO_CHECKSUM,
    AIS_LINE_BAD_TAG,       /* tag block malformed or its checksum wrong */
    AIS_LINE_MALFORMED,     /* VDM/VDO with wrong fields */
    AIS_LINE_KIND_COUNT
} ais_line_kind;

const char *ais_line_kind_name(ais_line_kind k);

typedef struct ais_sentence {
    char talker[3];         /* "AI", "AB", "BS", ... */
    bool own;               /* VDO: own-ship report */
    uint8_t total, num;     /* fragment count and number, 1..9 */
    int8_t seqid;           /* sequential message id 0..9, -1 if empty */
    char channel;           /* 'A', 'B', '1', '2', or 0 if empty */
    uint8_t fill;           /* fill bits 0..5 */
    const char *payload;    /* armoured characters, not NUL-terminated */
    size_t payload_len;
    /* Time of reception, from the tag block c:, a timestamp prefix, a
     * trailing USCG field or a preceding $PGHP. Milliseconds since epoch. */
    bool has_time;
    int64_t time_ms;
    /* Tag block group g:num-total-id, for multi-sentence assembly. */
    bool has_group;
    uint8_t group_num, group_total;
    uint32_t group_id;
    char source[16];        /* tag block s: (receiver station), "" if none */
} ais_sentence;

/* Parses one line (without or with its line terminator). On
 * AIS_LINE_SENTENCE, *s points into line. On AIS_LINE_TIME, s->time_ms is
 * the time carried. */
ais_line_kind ais_parse_line(const char *line, size_t len, ais_sentence *s);

/* NMEA checksum (XOR) of n bytes. */
uint8_t ais_nmea_checksum(const char *p, size_t n);

/* Days since 1970-01-01 of a proleptic Gregorian date. */
int64_t ais_days_from_civil(int64_t y, unsigned m, unsigned d);

#endif
