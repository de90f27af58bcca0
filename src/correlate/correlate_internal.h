/* correlate_internal.h - the engine's tables, shared by the linker
 * (engine.c), the model graph (graph.c), scoring and rendering. */
#ifndef SW_CORRELATE_INTERNAL_H
#define SW_CORRELATE_INTERNAL_H
#include "correlate/correlate.h"

#define CORR_GROUP_RULES 24
#define CORR_GROUP_ASSETS 12
#define CORR_MAX_WHY 3
#define CORR_RULE_TABLE 4096      /* distinct rule ids interned; more share "(other)" */
#define CORR_NONE UINT32_MAX

typedef enum corr_why_kind {
    WHY_ENTITY,      /* the same entity in the same or another role */
    WHY_PIVOT,       /* a host that was a target became a source */
    WHY_GRAPH,       /* one conduit step closer to a crown jewel from where the last alert landed */
    WHY_ZONE,        /* a physical or AIS alert and a network alert in the zone it concerns */
} corr_why_kind;

typedef struct corr_why {
    uint8_t kind, ekind, role_then, role_now;
    uint16_t rule_then;
    sw_time_us ts_then;
    char value[CORR_VALUE_MAX];  /* the entity; for WHY_GRAPH the zone stepped from */
    char value2[CORR_VALUE_MAX]; /* WHY_GRAPH: the zone stepped to; WHY_ZONE: the other alert's asset or zone */
} corr_why;

typedef struct corr_evidence {
    sw_time_us ts;
    uint64_t key;
    uint16_t rule;
    uint8_t domain, severity, n_why;
    uint32_t tactics;
    uint32_t next;
    corr_why why[CORR_MAX_WHY];
    char ref[CORR_REF_MAX];
} corr_evidence;

struct corr_group {
    uint64_t id_key;             /* key of the first alert: the candidate id */
    uint32_t gen;                /* bumped when the slot is freed: stale references see it */
    uint32_t forward;            /* merged into this slot, or CORR_NONE */
    uint32_t forward_gen;        /* that slot's generation then */
    bool live, promoted, pivot, graph;
    bool changed;                /* grew or absorbed a group since the last corr_snapshot */
    sw_time_us first_ts, last_ts;
    uint32_t n_alerts, n_ev, ev_dropped;
    uint32_t ev_head, ev_tail;
    uint16_t rules[CORR_GROUP_RULES];
    uint32_t rule_count[CORR_GROUP_RULES];
    uint8_t rule_sev[CORR_GROUP_RULES];
    uint32_t n_rules, rules_dropped;
    uint32_t tactics, domains;
    int first_tactic;            /* lowest kill-chain tactic of the first alert that had one, -1 none */
    bool progressed;             /* a later alert reached a later tactic */
    int32_t assets[CORR_GROUP_ASSETS];
    uint32_t n_assets;
    int hops;                    /* conduit steps from a targeted zone to a crown jewel's zone, -1 unknown */
    bool crown_jewel;            /* a crown-jewel asset itself is at stake */
    uint8_t max_sev;
    uint32_t free_next;
};

typedef struct corr_entity_slot {
    uint64_t h;
    sw_time_us last;             /* 0: never used */
    uint32_t group, gen;
    uint16_t rule;
    uint8_t kind, role, domain, used;
    char value[CORR_VALUE_MAX];
} corr_entity_slot;

typedef struct corr_zone_mark {   /* the last network alert that targeted a zone */
    sw_time_us ts;
    uint32_t group, gen;
    uint16_t rule;
} corr_zone_mark;

struct corr_engine {
    const port_model *m;
    corr_config cfg;
    corr_candidate_fn fn;
    void *user;
    corr_stats st;

    corr_alert *heap;            /* reorder buffer: min-heap on (ts, key) */
    uint32_t n_heap;
    sw_time_us newest, released; /* newest arrival; last released time */
    sw_time_us clock;            /* the input's clock (corr_advance): releases like a newest arrival */
    uint64_t released_key;
    bool any_released;

    struct corr_group *groups;
    uint32_t free_group;
    sw_time_us next_sweep;

    corr_entity_slot *ents, *ents_scratch;
    uint32_t ent_mask, ent_used;

    corr_evidence *ev;
    uint32_t free_ev;

    char (*rule_names)[CORR_RULE_MAX];
    uint32_t n_rule_names;
    uint16_t *rule_slots;        /* open addressing over rule_names, 2 x CORR_RULE_TABLE */

    /* the attack graph (graph.c) */
    size_t n_zones, n_jewel_zones;
    int *jewel_zone;             /* zone index of each crown-jewel zone */
    int *dist;                   /* [jewel][zone] conduit steps to that jewel's zone, -1 unreachable */
    uint8_t *adjacent;           /* [from][to] a conduit lets from reach to */
    corr_zone_mark *zone_mark;
};

/* graph.c */
bool corr_graph_build(corr_engine *e);
void corr_graph_free(corr_engine *e);
/* Zone `to` is one conduit step from `from` and one step closer to some crown jewel. */
bool corr_graph_closer(const corr_engine *e, int from, int to, int *jewel_zone);
/* Fewest conduit steps from zone z to any crown-jewel zone, -1 when none reachable. */
int corr_graph_hops(const corr_engine *e, int z);

/* score.c */
unsigned corr_group_score(const corr_engine *e, const struct corr_group *g);

#endif
