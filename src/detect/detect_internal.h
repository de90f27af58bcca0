/* detect_internal.h - what detector families share: the engine, the family
 * table, model lookups with a small cache, and raising an alert through the
 * bounded dedup table. Not for use outside src/detect. */
#ifndef SW_DETECT_INTERNAL_H
#define SW_DETECT_INTERNAL_H
#include "detect/detect.h"

struct detect_baseline;
struct detect_learned;
struct detect_intel;

typedef struct detect_family {
    const char *name;
    uint32_t kinds;                                  /* OBS_MASK bits it reads */
    size_t (*state_size)(const detect_config *cfg);  /* NULL: no state */
    void (*observe)(detect_engine *e, void *state, const net_observation *o);
} detect_family;

#define DETECT_FAMILY(sym) extern const detect_family sym;
#include "detect/families.def"
#undef DETECT_FAMILY

/* The model's view of one address, cached by the engine. */
typedef struct detect_host {
    const model_zone *zone;      /* NULL: in no zone */
    const model_asset *asset;    /* NULL: not declared */
} detect_host;

#define DETECT_HOST_CACHE 1024

typedef struct detect_host_slot {
    ip_addr ip;
    bool used;
    detect_host h;
} detect_host_slot;

typedef struct detect_dedup_slot {
    uint64_t key;                /* 0: empty */
    sw_time_us ts;
} detect_dedup_slot;

struct detect_engine {
    const port_model *m;
    detect_config cfg;
    detect_alert_fn fn;
    void *user;
    detect_stats stats;
    detect_dedup_slot *dedup;
    uint32_t dedup_mask;
    detect_host_slot cache[DETECT_HOST_CACHE];
    bool *remote_zone;           /* per zone: reached by a remote-access entry point */
    void **state;                /* per family */
    uint32_t kinds;
    struct detect_baseline *baseline;    /* NULL: the baseline rules are off (baseline.c) */
    void (*learn)(void *user, const struct detect_learned *l);
    void *learn_user;
    const struct detect_intel *intel;    /* NULL: no indicators (intel_match.c) */
    /* Per observation kind, the families that read it, in dispatch order. */
    uint8_t by_kind[OBS__COUNT][32];
    uint8_t n_by_kind[OBS__COUNT];
};

detect_host detect_lookup(detect_engine *e, const ip_addr *ip);
bool detect_zone_is_ot(const model_zone *z);
/* Multicast, broadcast (global or a zone network's last address), unspecified or link-local. */
bool detect_addr_unroutable(const detect_engine *e, const ip_addr *ip, const model_zone *z);
bool detect_asset_is_kind(const model_asset *a, const char *kind);
/* May `writer` (NULL: undeclared) send write/control requests to `target`? */
bool detect_may_write(const detect_engine *e, const model_asset *target, const model_asset *writer);
/* Is the target one whose write rights are enforced (may_write given, or a controller)? */
bool detect_write_enforced(const model_asset *target);

/* Does a conduit allow this flow between the two zones (same zone: yes)? (segmentation.c) */
bool detect_flow_allowed(const detect_engine *e, const model_zone *cz, const model_zone *sz, uint8_t ip_proto,
                         uint16_t port, const char *app);

/* Fills an alert's endpoints: src/dst and their zones and assets. */
void detect_alert_init(detect_engine *e, detect_alert *a, detect_rule_id rule, sw_time_us ts, const ip_addr *src,
                       const ip_addr *dst, uint16_t sport, uint16_t dport, uint8_t ip_proto);
/* The flow's client as source and server as destination, first frame as evidence. */
void detect_alert_from_flow(detect_engine *e, detect_alert *a, detect_rule_id rule, const net_flow *f);
void detect_alert_add_frame(detect_alert *a, uint64_t frame);
void detect_alert_add_technique(detect_alert *a, const char *t);

/* A 64-bit key over the rule and up to two addresses, a port and a word. */
uint64_t detect_key(detect_rule_id rule, const ip_addr *a, const ip_addr *b, uint32_t port, uint64_t extra);
/* Emits the alert unless the same key fired within the dedup window;
 * returns true when emitted. */
bool detect_raise(detect_engine *e, detect_alert *a, uint64_t key);

uint64_t detect_hash_bytes(const void *p, size_t n, uint64_t seed);
/* A family's state (NULL when it has none). */
void *detect_family_state(detect_engine *e, const detect_family *f);

#endif
