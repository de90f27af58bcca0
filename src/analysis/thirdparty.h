/* thirdparty.h - vendors and partners as a compliance register: the port
 * model's vendors plus third-parties.yaml (kind, contract security clauses,
 * questionnaire score and date, remote-access method, partners' assets and
 * entry point), and what each one touches and exposes, derived from the
 * model: assets, zones, conduits into those zones, entry point, window,
 * and the most likely attack path from its entry point to each crown jewel. */
#ifndef SW_THIRDPARTY_H
#define SW_THIRDPARTY_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "analysis/exposure.h"
#include "core/arena.h"
#include "core/diag.h"
#include "model/model.h"

typedef struct tp_clause { const char *id, *summary; } tp_clause;

typedef struct tp_party {
    const char *id, *name, *kind;
    const char *access_method;      /* remote_access: how they connect, in words */
    const char *mfa;                /* second factor on that access: none, otp, push, phishing-resistant; NULL not recorded */
    const char *entry_point;        /* entry point id: the vendor's remote_access, or the partner's */
    const char **assets; size_t n_assets;   /* partners' own list; vendors use the model's */
    tp_clause *clauses; size_t n_clauses;
    int score;                      /* questionnaire 0..100; -1 none */
    int32_t assessed;               /* days since 1970; 0 never */
    int vendor;                     /* index into the model's vendors, -1 for a partner */
    bool in_file;                   /* described in third-parties.yaml */
    model_pos pos;
} tp_party;

/* The values `mfa:` takes, NULL-terminated. */
extern const char *const tp_mfa_kinds[];

typedef struct tp_register {
    arena mem;
    tp_party *items; size_t n;
} tp_register;

/* Every vendor of the model, then the file's partners, merged by id. data
 * may be NULL (no file). Problems (unknown assets or entry points, bad
 * scores or dates, duplicate ids) go to d with their line; false on any. */
bool tp_load(tp_register *r, const port_model *m, const char *data, size_t len, diag_list *d);
void tp_free(tp_register *r);
const tp_party *tp_find(const tp_register *r, const char *id);

/* What a party touches: model asset indexes, zone ids, conduit indexes. */
typedef struct tp_reach {
    size_t *assets; size_t n_assets;
    const char **zones; size_t n_zones;
    size_t *conduits; size_t n_conduits;
    int entry;                      /* entry point index, -1 none */
} tp_reach;
bool tp_reach_of(const tp_party *p, const port_model *m, tp_reach *out);
void tp_reach_free(tp_reach *r);

/* The most likely path from the party's entry point to one crown jewel. */
typedef struct tp_path {
    size_t target;                  /* model asset index */
    double p;                       /* probability, exp(-cost) */
    char *text;                     /* "vendor-vpn > vendor-dmz > ... > sts-t1-01-plc" (malloc'd) */
    bool through_own_assets;        /* passes one of the party's assets */
} tp_path;

/* One path per reachable crown jewel, most likely first; *n = 0 when the
 * party has no entry point. False when out of memory. */
bool tp_exposure(const exposure *x, const tp_party *p, const tp_reach *reach, tp_path **out, size_t *n);
void tp_paths_free(tp_path *paths, size_t n);

#endif
