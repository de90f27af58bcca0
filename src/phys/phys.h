/* phys.h - physical-security events (access control and video) and the
 * pure decoders that turn export lines (CSV, JSON lines, syslog RFC 5424 and
 * RFC 3164) into them through a mapping profile. No I/O: a feed reader in
 * src/sense hands lines in; malformed lines come back with a reason. */
#ifndef SW_PHYS_H
#define SW_PHYS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/timeutil.h"
#include "core/tz.h"

typedef enum phys_kind {
    PHYS_NONE,
    /* access control */
    PHYS_GRANTED, PHYS_DENIED, PHYS_FORCED, PHYS_HELD_OPEN, PHYS_TAMPER, PHYS_ANTI_PASSBACK,
    /* video */
    PHYS_CAMERA_ONLINE, PHYS_CAMERA_OFFLINE, PHYS_VIDEO_LOSS, PHYS_CAMERA_TAMPER, PHYS_MOTION,
    PHYS__COUNT
} phys_kind;

/* "granted", "held-open", "camera-offline", ...; NULL for PHYS_NONE. */
const char *phys_kind_name(phys_kind k);
bool phys_kind_parse(const char *s, phys_kind *out);
bool phys_kind_is_video(phys_kind k);

/* The event fields a profile maps vendor columns or keys to. */
typedef enum phys_field {
    PF_TIME, PF_KIND, PF_BADGE, PF_PERSON, PF_DOOR, PF_READER, PF_CAMERA, PF_DEVICE, PF__COUNT
} phys_field;
const char *phys_field_name(phys_field f);   /* "time", "kind", ... */

#define PHYS_VALUE_MAX 96        /* longest kept value (ids, badge numbers, names) */
#define PHYS_LINE_MAX 8192       /* longer lines are malformed */

typedef struct phys_event {
    phys_kind kind;
    sw_time_us ts;
    uint64_t line;                          /* 1-based line (or datagram) number in its feed */
    char value[PF__COUNT][PHYS_VALUE_MAX];  /* as the feed wrote them ("" when absent); PF_KIND holds the vendor's text */
} phys_event;

/* ---- mapping profiles (data/phys-profiles, docs/phys.md) ---------------- */

typedef enum { PHYS_FMT_CSV, PHYS_FMT_JSONL, PHYS_FMT_SYSLOG } phys_format;
typedef enum { PHYS_TIME_ISO8601, PHYS_TIME_EPOCH, PHYS_TIME_EPOCH_MS, PHYS_TIME_PATTERN } phys_time_format;

#define PHYS_NAME_MAX 96
#define PHYS_MAX_KIND_RULES 64

typedef struct phys_kind_rule {
    char pattern[PHYS_NAME_MAX];            /* case-insensitive; '*' matches any run of characters */
    phys_kind kind;                         /* PHYS_NONE: recognised and deliberately ignored */
} phys_kind_rule;

typedef struct phys_profile {
    char name[PHYS_NAME_MAX];
    phys_format format;
    char delimiter;                         /* CSV */
    bool header;                            /* CSV: the first line names the columns */
    phys_time_format time_format;
    char time_pattern[PHYS_NAME_MAX];       /* PHYS_TIME_PATTERN: %Y %m %d %H %M %S %f %b %p, literals */
    bool local_time;                        /* times without an offset are port local time (else UTC) */
    char field[PF__COUNT][PHYS_NAME_MAX];   /* column, key path or syslog source per event field ("" unmapped) */
    phys_kind_rule kinds[PHYS_MAX_KIND_RULES];
    size_t n_kinds;
} phys_profile;

/* Parses a profile. false with *err_line (1-based) and why on the first error. */
bool phys_profile_parse(const char *text, size_t len, phys_profile *p, unsigned *err_line, char *why, size_t why_len);
/* The event kind the vendor text maps to; false when no rule matches. */
bool phys_profile_kind(const phys_profile *p, const char *text, phys_kind *out);
/* Glob with '*' only, ASCII case-insensitive; bounded work (no backtracking blow-up). */
bool phys_glob_match(const char *pattern, const char *text, size_t text_len);

/* ---- one feed's decoder ------------------------------------------------- */

typedef struct phys_stats {
    uint64_t lines, events, malformed, unmapped, skipped;   /* skipped: blank lines and headers */
    uint64_t by_kind[PHYS__COUNT];
} phys_stats;

/* A slice of the line or of the decoder's scratch space. */
typedef struct phys_slice { const char *p; size_t n; bool set; } phys_slice;

typedef struct phys_decoder {
    const phys_profile *prof;
    const sw_tz *tz;                        /* port time zone for local times; NULL: UTC */
    int year_hint;                          /* RFC 3164 timestamps carry no year (default: from the last event) */
    uint64_t line;
    bool header_done;
    int column[PF__COUNT];                  /* CSV: column index per field, -1 unmapped */
    phys_stats stats;
    char reason[160];                       /* a back end's composed error message */
    char scratch[PHYS_LINE_MAX + 64];       /* unescaped values */
    size_t scratch_used;
} phys_decoder;

typedef enum { PHYS_LINE_EVENT, PHYS_LINE_SKIP, PHYS_LINE_UNMAPPED, PHYS_LINE_MALFORMED } phys_line_result;

void phys_decoder_init(phys_decoder *d, const phys_profile *prof, const sw_tz *tz);
/* Decodes the next line (without its newline; a trailing CR and a UTF-8 BOM
 * on the first line are dropped). `why` gets the reason for MALFORMED and
 * the vendor's kind text for UNMAPPED. Counts go to d->stats. */
phys_line_result phys_decode_line(phys_decoder *d, const char *line, size_t len, phys_event *ev, char *why, size_t why_len);

/* Format back ends (phys_csv.c, phys_jsonl.c, phys_syslog.c): fill the raw
 * slices per field; header/time for syslog go through `hdr_time`. Return
 * NULL when fine, else the reason. PHYS_SKIP_LINE means "not an event line". */
extern const char PHYS_SKIP_LINE[];
const char *phys_csv_fields(phys_decoder *d, const char *line, size_t len, phys_slice out[PF__COUNT]);
const char *phys_jsonl_fields(phys_decoder *d, const char *line, size_t len, phys_slice out[PF__COUNT]);
const char *phys_syslog_fields(phys_decoder *d, const char *line, size_t len, phys_slice out[PF__COUNT], sw_time_us *hdr_time,
                               bool *has_hdr_time);
/* Copies into the decoder's scratch space; NULL when it is full. */
const char *phys_scratch_put(phys_decoder *d, const char *p, size_t n);
char *phys_scratch_reserve(phys_decoder *d, size_t n);

/* Times: ISO 8601 / RFC 3339 (offset optional), epoch, or a pattern.
 * Without an offset the time is local in tz (NULL: UTC). */
bool phys_time_parse(const phys_profile *p, const sw_tz *tz, int year_hint, const char *s, size_t n, sw_time_us *out);
/* Local wall-clock time (civil fields) to UTC in tz; NULL tz is UTC. */
sw_time_us phys_local_to_utc(const sw_tz *tz, int y, int mo, int d, int h, int mi, int s, int64_t us);

#endif
