/* stream.h - the AIS feed pipeline for one receiver stream: line parsing,
 * multi-sentence assembly and decoding, with counters for every reason a
 * line or message is dropped. Fixed memory: the fragment table has
 * AIS_FRAG_SLOTS entries and evicts the oldest, so floods of fragments
 * that never complete cannot grow it. No allocation per line. */
#ifndef SW_AIS_STREAM_H
#define SW_AIS_STREAM_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ais/ais.h"
#include "ais/nmea.h"

#define AIS_FRAG_SLOTS 64
#define AIS_FRAG_CHARS (AIS_BITS_MAX / 6)   /* armoured characters per message */
/* A partial message older than this many lines, or (when sentences carry
 * times) this many seconds, is dropped as timed out. */
#define AIS_FRAG_MAX_LINES 100
#define AIS_FRAG_MAX_SECONDS 60

/* Where a decoded message came from, for evidence and tracking. */
typedef struct ais_meta {
    uint64_t line_first, line_last;  /* 1-based line numbers of its sentences */
    bool has_time;
    int64_t time_ms;                 /* reception time (ms since epoch) */
    char channel;                    /* 'A', 'B', '1', '2' or 0 */
    char talker[3];
    bool own;                        /* from a VDO sentence */
    uint8_t sentences;
    char source[16];                 /* tag block station, "" if none */
} ais_meta;

typedef struct ais_stats {
    uint64_t lines;
    uint64_t line_kind[AIS_LINE_KIND_COUNT];  /* by ais_line_kind */
    uint64_t bad_payload;            /* invalid armour characters or overlong */
    uint64_t fragments;              /* sentences of multi-sentence messages */
    uint64_t frag_evicted;           /* partial messages dropped: table full */
    uint64_t frag_timed_out;         /* partial messages dropped: too old */
    uint64_t frag_restarted;         /* partial message replaced by a repeat fragment */
    uint64_t frag_mismatch;          /* fragment total disagreed with its group */
    uint64_t frag_incomplete;        /* partial messages left at the end */
    uint64_t messages;               /* decoded */
    uint64_t decode_error[4];        /* by ais_status (index 0 unused) */
    uint64_t by_type[28];            /* decoded, by message type */
} ais_stats;

typedef struct ais_frag_slot {
    bool used;
    char channel;
    int8_t seqid;
    uint8_t total, have;             /* fragments expected and received */
    uint16_t mask;                   /* bit k set: fragment k+1 present */
    uint32_t group_id;               /* tag block group id, when keyed by it */
    bool by_group;
    uint64_t first_line, last_line;
    bool has_time;
    int64_t time_ms;
    ais_sentence head;               /* metadata of the first fragment (payload pointer unused) */
    uint16_t off[9], len[9];
    uint8_t fill[9];
    uint16_t used_chars;
    char chars[AIS_FRAG_CHARS];
} ais_frag_slot;

typedef struct ais_stream {
    uint64_t line_no;
    ais_frag_slot slots[AIS_FRAG_SLOTS];
    unsigned nslots_used;
    ais24_queue q24[2];              /* per channel, like gpsd */
    bool pending_time;               /* a $PGHP dated the next sentence */
    int64_t pending_time_ms;
    ais_bits bits;
    ais_stats stats;
} ais_stream;

void ais_stream_init(ais_stream *s);
/* Feeds one line. Returns true when it completes a message: *out and *meta
 * are filled (a line completes at most one message). */
bool ais_stream_line(ais_stream *s, const char *line, size_t len, ais_msg *out, ais_meta *meta);
/* Counts partial messages still waiting as incomplete and clears them. */
void ais_stream_finish(ais_stream *s);

#endif
