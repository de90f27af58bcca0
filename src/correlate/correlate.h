/* correlate.h - the correlation engine: alerts from every domain (network,
 * AIS, physical) in, incident candidates out. Pure (no I/O), streaming,
 * deterministic, and bounded by configuration (docs/correlate.md). */
#ifndef SW_CORRELATE_H
#define SW_CORRELATE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/error.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "model/model.h"
#include "model/model_id.h"

typedef enum corr_domain { CORR_NET, CORR_AIS, CORR_PHYS, CORR_OTHER, CORR_DOMAIN__COUNT } corr_domain;

/* What an alert names. Zones link only across domains (a door's room and a
 * network alert in the zone it houses); the rest link whenever shared. */
typedef enum corr_entity_kind { CE_ASSET, CE_IP, CE_MAC, CE_PERSON, CE_MMSI, CE_ZONE, CE__COUNT } corr_entity_kind;
typedef enum corr_role { CR_SOURCE, CR_TARGET, CR_SUBJECT } corr_role;

#define CORR_VALUE_MAX 48
/* Entities carry asset, person, zone and area ids whole. */
_Static_assert(CORR_VALUE_MAX > MODEL_ID_MAX, "a port-model id fits a correlation entity");
#define CORR_RULE_MAX 48
#define CORR_REF_MAX 64
#define CORR_TECH_MAX 12
#define CORR_MAX_TECH 8
#define CORR_MAX_ENTITIES 16

typedef struct corr_entity {
    uint8_t kind, role;          /* corr_entity_kind, corr_role */
    char value[CORR_VALUE_MAX];  /* asset/person/zone id, address text, lower-case MAC, MMSI digits */
} corr_entity;

/* One alert, domain-neutral. `key` is a stable hash of everything but
 * `ref`: the tie-breaker and the duplicate test (corr_alert_finish sets it). */
typedef struct corr_alert {
    sw_time_us ts;
    corr_domain domain;
    uint8_t severity;                        /* 0 low, 1 medium, 2 high, 3 critical */
    char rule[CORR_RULE_MAX];
    char tech[CORR_MAX_TECH][CORR_TECH_MAX];
    size_t n_tech;
    corr_entity ent[CORR_MAX_ENTITIES];
    size_t n_ent;
    int zone_src, zone_dst;                  /* model zone indexes, -1 unknown */
    char area[CORR_VALUE_MAX];               /* access area id (physical alerts), "" none */
    char ref[CORR_REF_MAX];                  /* where it came from: "alerts.id 12", "eve.json:40" */
    uint64_t key;
} corr_alert;

/* Thresholds and capacities; corr_config_default documents each default. */
typedef struct corr_config {
    sw_time_us window;            /* alerts link when this close; candidates close this long after their last alert (30 min) */
    sw_time_us reorder;           /* arrivals up to this late are put back in time order (2 min) */
    uint32_t reorder_capacity;    /* alerts held for reordering (8192, ~1.1 KB each) */
    uint32_t groups;              /* open groups, linked or not (32768) */
    uint32_t entities;            /* entity index slots (131072, power of two) */
    uint32_t evidence;            /* evidence records shared by all groups (131072) */
    uint32_t max_evidence;        /* evidence kept per candidate; more are counted (256) */
    uint32_t min_rules;           /* distinct rules (or domains) a group needs to become a candidate (2) */
    bool clocked;                 /* arrivals wait until corr_advance's clock, not the newest arrival, is `reorder`
                                   * past them: a sensor that reads whole file feeds before its capture (false) */
} corr_config;

void corr_config_default(corr_config *cfg);

typedef struct corr_stats {
    uint64_t alerts, duplicates, late, reorder_forced;
    uint64_t linked, merges, groups_opened, candidates;
    uint64_t group_evictions, entity_evictions, evidence_dropped, rules_overflow;
    size_t memory;                /* bytes allocated at creation: the bound */
} corr_stats;

typedef struct corr_engine corr_engine;
typedef struct corr_group corr_candidate;

typedef enum corr_emit { CORR_EMIT_UPDATE, CORR_EMIT_FINAL, CORR_EMIT_MERGED } corr_emit;
/* Called when a candidate appears or grows (UPDATE), when it closes
 * (FINAL: its window passed, it was evicted, or the input was flushed),
 * and when an alert joined it to an older candidate that absorbed it
 * (MERGED: forget this id; the older one carries its evidence on). */
typedef void (*corr_candidate_fn)(void *user, const corr_engine *e, const corr_candidate *c, corr_emit kind);

/* NULL when out of memory or the config is unusable (err says which). The
 * model (may be NULL: no zones, assets or people) must outlive the engine. */
corr_engine *corr_create(const port_model *m, const corr_config *cfg, corr_candidate_fn fn, void *user,
                         sw_error *err);
void corr_destroy(corr_engine *e);
/* Takes a copy. Alerts are released to the linker in (time, key) order once
 * they are `reorder` older than the newest one seen. */
void corr_add(corr_engine *e, const corr_alert *a);
/* The input's clock is at `now` (a sensor's packet time): alerts held for
 * reordering that are `reorder` older than it are linked now, as if a
 * newer alert had arrived. A sensor calls it so candidates need not wait
 * for the next alert; an alert raised later with a time before the last
 * one released counts as late, as always. */
void corr_advance(corr_engine *e, sw_time_us now);
/* Calls fn (CORR_EMIT_UPDATE) for each open candidate that grew or absorbed
 * another since the last snapshot: what a live store must rewrite. */
void corr_snapshot(corr_engine *e, corr_candidate_fn fn, void *user);
/* Releases everything held and closes every open candidate (FINAL). */
void corr_flush(corr_engine *e);
const corr_stats *corr_get_stats(const corr_engine *e);
const port_model *corr_model(const corr_engine *e);

/* --- building alerts (alert.c) ------------------------------------------- */
void corr_alert_init(corr_alert *a);
/* Adds an entity; false when full or the value does not fit (skipped). */
bool corr_alert_add_entity(corr_alert *a, corr_entity_kind kind, corr_role role, const char *value);
bool corr_alert_add_technique(corr_alert *a, const char *id);
/* Fills what the model knows (assets of addresses, zones of assets and
 * addresses, people of accounts and badges, the AIS receivers for AIS
 * alerts, an access area's zone) and computes the key. */
void corr_alert_finish(corr_alert *a, const port_model *m);
const char *corr_domain_name(corr_domain d);                  /* "net" "ais" "phys" "other" */
const char *corr_entity_kind_name(corr_entity_kind k);
const char *corr_role_name(corr_role r);                      /* "source" "target" "subject" */

/* One ECS JSON line (DESIGN.md "Output contracts") into an alert, not yet
 * finished. SW_ERR_PARSE with a message for lines that are not JSON
 * objects or lack @timestamp or rule.id. docs/correlate.md lists the fields. */
sw_code corr_alert_from_ecs(const char *line, size_t len, corr_alert *out, sw_error *err);

/* --- ATT&CK for ICS tactics (tactics.c) ---------------------------------- */
typedef enum corr_tactic {
#define CORR_TACTIC(e, name) TACTIC_##e,
#include "correlate/tactics.def"
#undef CORR_TACTIC
    TACTIC__COUNT
} corr_tactic;
const char *corr_tactic_name(corr_tactic t);
/* Bit mask of the tactics a technique id belongs to (0 when unknown). */
uint32_t corr_technique_tactics(const char *technique);

/* --- reading candidates (render.c) --------------------------------------- */
typedef struct corr_summary {
    char id[24];                 /* "C-" and 16 hex digits */
    sw_time_us first, last;
    unsigned score;              /* 0..100 */
    uint8_t severity;            /* highest alert severity */
    uint32_t alerts, rules;
    uint32_t tactics;            /* mask, bit per corr_tactic */
    uint32_t domains;            /* mask, bit per corr_domain */
} corr_summary;

void corr_candidate_summary(const corr_engine *e, const corr_candidate *c, corr_summary *out);
/* The whole candidate as one JSON object: evidence, assets at stake with
 * their business impact, tactics in kill-chain order, every link explained. */
void corr_candidate_json(const corr_engine *e, const corr_candidate *c, strbuf *out);
/* "Discovery > Lateral Movement > Impair Process Control" */
void corr_tactics_text(uint32_t mask, strbuf *out);
/* Asset ids at stake, most critical first, comma separated. */
void corr_candidate_assets_text(const corr_engine *e, const corr_candidate *c, strbuf *out);
/* Every link sentence, in evidence order, one a line (no trailing newline). */
void corr_candidate_explanation_text(const corr_engine *e, const corr_candidate *c, strbuf *out);
/* The rule ids of the candidate's alerts (distinct, first seen first). */
size_t corr_candidate_rules(const corr_engine *e, const corr_candidate *c, const char **out, size_t max);

#endif
