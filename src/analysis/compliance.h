/* compliance.h - control catalogues (one YAML file per framework in
 * data/frameworks, format in docs/compliance.md) loaded and validated: ids
 * unique, parents present, mappings resolving across catalogues, citations. */
#ifndef SW_COMPLIANCE_H
#define SW_COMPLIANCE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "core/arena.h"
#include "core/diag.h"
#include "core/error.h"
#include "core/hashmap.h"
#include "model/model.h"

#define COMP_MAX_FRAMEWORKS 32
#define COMP_MAX_REQUIREMENTS 4096      /* per catalogue */
#define COMP_SUMMARY_MAX 400            /* a paraphrase, never a clause copied whole */
#define COMP_MAX_FILE_BYTES (4u << 20)

typedef struct comp_ref {
    const char *text;                   /* as written: "nis2:21(2)(d)" */
    model_pos pos;
} comp_ref;

/* An NIS2 Article 23 reporting stage: its name and deadline in hours (0 = on
 * request). The clock starts when the entity becomes aware of the incident,
 * or, with `after`, when the named stage of the same catalogue is submitted
 * (Art. 23(4)(d): the final report runs from the notification). */
typedef struct comp_stage {
    const char *name;
    int hours;
    const char *after;                  /* another stage's name, or NULL */
    model_pos after_pos;
} comp_stage;

typedef struct comp_req {
    const char *id, *parent, *title, *summary, *citation;
    const char *evidence;               /* a live check name (compliance_checks.def), or NULL */
    const char *due;                    /* YYYY-MM-DD a regulation fixes, or NULL */
    unsigned sl_mask;                   /* bit n set: applies at target SL n (1..4); 0 = not zoned */
    int interval_days;                  /* recurring activity (drills), 0 = none */
    comp_stage stage;                   /* name NULL when not a reporting stage */
    comp_ref *mappings;
    size_t n_mappings;
    comp_ref *csf;                      /* NIST CSF 2.0 categories ("ID.AM") */
    size_t n_csf;
    model_pos pos, parent_pos, evidence_pos;
    int parent_index;                   /* -1 for a top-level requirement */
    int depth;                          /* 0 at the top */
} comp_req;

typedef struct comp_framework {
    const char *file;                   /* as given to the loader */
    const char *id, *name, *source, *version, *scope;
    /* A newer edition's framework id: this one is kept for assessments made
     * under it and shown only when asked for by name. */
    const char *superseded_by;
    model_pos superseded_pos;
    bool paraphrase;
    comp_req *reqs;                     /* file order */
    size_t n_reqs;
    hashmap by_id;                      /* requirement id -> comp_req * */
    model_pos pos;
} comp_framework;

typedef struct comp_catalog {
    arena mem;
    comp_framework *fw[COMP_MAX_FRAMEWORKS];
    size_t n;
    hashmap by_id;                      /* framework id -> comp_framework * */
} comp_catalog;

/* Parses one catalogue's bytes (pure: no I/O). Problems go to diags with
 * their file:line:col; returns NULL when the file has errors. Strings live
 * in mem. Mappings to other catalogues are checked by comp_catalog_validate. */
comp_framework *comp_framework_parse(arena *mem, const char *file, const char *data, size_t len, diag_list *diags);

void comp_catalog_init(comp_catalog *c);
void comp_catalog_free(comp_catalog *c);
/* Adds a parsed framework; an id already present is an error in diags. */
bool comp_catalog_add(comp_catalog *c, comp_framework *fw, diag_list *diags);
/* Cross-catalogue checks: every mapping "framework:requirement" names a
 * loaded framework and one of its requirements. diags[i] belongs to c->fw[i]. */
size_t comp_catalog_validate(const comp_catalog *c, diag_list *diags);

/* Loads every *.yaml in dir (sorted by name), parses and validates them. All
 * diagnostics are printed to `out` as file:line:col. SW_ERR_IO when the
 * folder cannot be read, SW_ERR_INVALID when any file has errors. */
sw_code comp_catalog_load_dir(comp_catalog *c, const char *dir, FILE *out, sw_error *err);
/* The default catalogue folder: $SEAWALL_DATA/frameworks, next to the
 * binary (../data/frameworks, ../share/seawall/frameworks), then ./data/frameworks. */
const char *comp_default_dir(char *buf, size_t size);

const comp_framework *comp_catalog_find(const comp_catalog *c, const char *framework_id);
const comp_req *comp_framework_req(const comp_framework *fw, const char *req_id);
/* Splits "fw:req" at the first colon into the catalogue's requirement. */
const comp_req *comp_catalog_resolve(const comp_catalog *c, const char *ref, const comp_framework **fw_out);

/* True when the requirement applies to a zone with target security level sl. */
bool comp_req_applies_at(const comp_req *r, int sl);

#endif
