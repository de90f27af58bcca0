/* fuzz_correlate_eve.c - any bytes, read as ECS JSON alert lines, must give
 * alerts or a parse error, never a crash, hang or unbounded memory; every
 * alert read goes through the engine (small tables, a small port model, so
 * evictions, merges and cross-domain links are reached) and every
 * candidate renders as valid JSON. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "correlate/correlate.h"

static const char model_yaml[] =
    "port: {name: Fuzzport, timezone: UTC}\n"
    "zones:\n"
    "  - {id: corp, domain: it, security_level: 2, networks: [10.10.0.0/16]}\n"
    "  - {id: eng, domain: ot, security_level: 3, networks: [10.22.0.0/24]}\n"
    "  - {id: crane, domain: ot, security_level: 3, networks: [10.31.0.0/24]}\n"
    "  - {id: vts, domain: ot, security_level: 3, networks: [10.40.0.0/24]}\n"
    "  - {id: internet, domain: it, security_level: 0, networks: [0.0.0.0/0]}\n"
    "conduits:\n"
    "  - {from: corp, to: eng, services: [rdp], justification: remote engineering}\n"
    "  - {from: eng, to: crane, services: [s7comm], justification: programming}\n"
    "assets:\n"
    "  - {id: ews-01, kind: eng-workstation, zone: eng, ip: 10.22.0.11}\n"
    "  - {id: plc-01, kind: plc, zone: crane, ip: 10.31.0.21, criticality: crown-jewel, impact: {teu_per_hour: 30}}\n"
    "  - {id: ais-bs-01, kind: ais-base, zone: vts, ip: 10.40.0.31}\n"
    "areas:\n"
    "  - {id: eroom, name: E-room, kind: electrical-room, zone: crane, assets: [plc-01]}\n"
    "people:\n"
    "  - {id: jdoe, name: J Doe, badge: \"40121\", accounts: [jdoe]}\n";

static port_model *model;

static void on_candidate(void *user, const corr_engine *e, const corr_candidate *c, corr_emit kind)
{
    (void)user;
    if (kind == CORR_EMIT_MERGED) return;
    strbuf sb;
    strbuf_init(&sb);
    corr_candidate_json(e, c, &sb);
    json_error_t je;
    json_t *doc = json_loads(strbuf_cstr(&sb), 0, &je);
    if (!doc) abort();
    json_decref(doc);
    strbuf_reset(&sb);
    corr_candidate_explanation_text(e, c, &sb);
    corr_candidate_assets_text(e, c, &sb);
    strbuf_free(&sb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!model) {
        diag_list d;
        diag_init(&d, "fuzz.yaml");
        model = model_load_buffer(model_yaml, sizeof model_yaml - 1, "fuzz.yaml", &d);
        if (!model || d.errors) abort();
        diag_free(&d);
    }
    corr_config cfg;
    corr_config_default(&cfg);
    cfg.groups = 16;
    cfg.entities = 64;
    cfg.evidence = 32;
    cfg.reorder_capacity = 4;
    cfg.max_evidence = 8;
    cfg.window = 60 * SW_US_PER_SEC;
    cfg.reorder = 5 * SW_US_PER_SEC;
    corr_engine *e = corr_create(model, &cfg, on_candidate, NULL, NULL);
    if (!e) abort();
    size_t start = 0;
    while (start < size) {
        const uint8_t *nl = memchr(data + start, '\n', size - start);
        size_t end = nl ? (size_t)(nl - data) : size;
        corr_alert a;
        sw_error err = { 0 };
        if (corr_alert_from_ecs((const char *)data + start, end - start, &a, &err) == SW_OK) {
            if (!a.rule[0] || a.n_ent > CORR_MAX_ENTITIES || a.n_tech > CORR_MAX_TECH) abort();
            corr_alert_finish(&a, model);
            corr_add(e, &a);
        } else if (!err.msg[0]) {
            abort();                       /* an error always says why */
        }
        start = end + 1;
    }
    corr_flush(e);
    corr_destroy(e);
    return 0;
}
