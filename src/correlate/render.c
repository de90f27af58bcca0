/* render.c - a candidate for people and machines: the summary row, the
 * JSON document (evidence, assets at stake, tactics in kill-chain order),
 * and a plain sentence for every link. */
#include <stdio.h>
#include <string.h>
#include "core/ipaddr.h"
#include "core/json.h"
#include "correlate/correlate_internal.h"

static const char *const severity_names[] = { "low", "medium", "high", "critical" };

void corr_candidate_summary(const corr_engine *e, const corr_candidate *g, corr_summary *out)
{
    memset(out, 0, sizeof *out);
    snprintf(out->id, sizeof out->id, "C-%016llx", (unsigned long long)g->id_key);
    out->first = g->first_ts;
    out->last = g->last_ts;
    out->score = corr_group_score(e, g);
    out->severity = g->max_sev;
    out->alerts = g->n_alerts;
    out->rules = g->n_rules + g->rules_dropped;
    out->tactics = g->tactics;
    out->domains = g->domains;
}

void corr_tactics_text(uint32_t mask, strbuf *out)
{
    bool first = true;
    for (int t = 0; t < TACTIC__COUNT; t++)
        if (mask & (1u << t)) {
            if (!first) strbuf_puts(out, " > ");
            strbuf_puts(out, corr_tactic_name((corr_tactic)t));
            first = false;
        }
}

static int asset_order(const port_model *m, int32_t a, int32_t b)
{
    const model_asset *x = &m->assets[a], *y = &m->assets[b];
    if (x->criticality != y->criticality) return x->criticality > y->criticality ? -1 : 1;
    if (x->impact.safety != y->impact.safety) return x->impact.safety ? -1 : 1;
    if (x->impact.teu_per_hour != y->impact.teu_per_hour) return x->impact.teu_per_hour > y->impact.teu_per_hour ? -1 : 1;
    return strcmp(x->id, y->id);
}

static size_t sorted_assets(const corr_engine *e, const corr_candidate *g, int32_t *out)
{
    size_t n = g->n_assets;
    memcpy(out, g->assets, n * sizeof *out);
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && asset_order(e->m, out[j], out[j - 1]) < 0; j--) {
            int32_t t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
        }
    return n;
}

void corr_candidate_assets_text(const corr_engine *e, const corr_candidate *g, strbuf *out)
{
    int32_t v[CORR_GROUP_ASSETS];
    size_t n = e->m ? sorted_assets(e, g, v) : 0;
    for (size_t i = 0; i < n; i++) {
        if (i) strbuf_puts(out, ", ");
        strbuf_puts(out, e->m->assets[v[i]].id);
    }
}

size_t corr_candidate_rules(const corr_engine *e, const corr_candidate *g, const char **out, size_t max)
{
    size_t n = 0;
    for (uint32_t i = 0; i < g->n_rules && n < max; i++) out[n++] = e->rule_names[g->rules[i]];
    return n;
}

static const char *hms(sw_time_us t, char buf[SW_TIME_STR_MAX])
{
    /* within a candidate's window the time of day is what a reader needs */
    time_fmt_rfc3339(t, 0, buf);
    memmove(buf, buf + 11, 8);
    buf[8] = 0;
    return buf;
}

static void role_phrase(strbuf *out, uint8_t role)
{
    strbuf_puts(out, role == CR_SOURCE ? "the source of " : role == CR_TARGET ? "the target of " : "named in ");
}

static void entity_text(const corr_engine *e, const corr_why *w, strbuf *out)
{
    if (w->ekind == CE_IP && e->m) {
        ip_addr ip;
        const model_asset *a = ip_parse(w->value, &ip) ? model_asset_for_ip(e->m, &ip) : NULL;
        strbuf_puts(out, w->value);
        if (a) strbuf_printf(out, " (%s)", a->id);
        return;
    }
    if (w->ekind == CE_PERSON) strbuf_puts(out, "person ");
    else if (w->ekind == CE_MMSI) strbuf_puts(out, "MMSI ");
    else if (w->ekind == CE_MAC) strbuf_puts(out, "MAC ");
    else if (w->ekind == CE_ASSET) strbuf_puts(out, "asset ");
    if (!strncmp(w->value, "acct:", 5)) strbuf_printf(out, "account %s", w->value + 5);
    else if (!strncmp(w->value, "badge:", 6)) strbuf_printf(out, "badge %s", w->value + 6);
    else strbuf_puts(out, w->value);
}

static void why_text(const corr_engine *e, const corr_evidence *v, const corr_why *w, strbuf *out)
{
    char t1[SW_TIME_STR_MAX], t2[SW_TIME_STR_MAX];
    const char *then = e->rule_names[w->rule_then], *now = e->rule_names[v->rule];
    hms(w->ts_then, t1);
    hms(v->ts, t2);
    strbuf_puts(out, "linked because ");
    switch (w->kind) {
    case WHY_ENTITY:
    case WHY_PIVOT:
        entity_text(e, w, out);
        strbuf_puts(out, " was ");
        role_phrase(out, w->role_then);
        strbuf_printf(out, "%s at %s and ", then, t1);
        role_phrase(out, w->role_now);
        strbuf_printf(out, "%s at %s", now, t2);
        if (w->kind == WHY_PIVOT) strbuf_puts(out, " (a pivot: the target became a source)");
        break;
    case WHY_GRAPH:
        strbuf_printf(out, "%s at %s went from zone %s, where %s at %s landed, into zone %s: "
                      "one conduit step closer to a crown jewel", now, t2, w->value, then, t1, w->value2);
        break;
    case WHY_ZONE:
        strbuf_printf(out, "%s at %s and %s at %s both concern zone %s", then, t1, now, t2, w->value);
        break;
    }
}

void corr_candidate_explanation_text(const corr_engine *e, const corr_candidate *g, strbuf *out)
{
    bool first = true;
    for (uint32_t i = g->ev_head; i != CORR_NONE; i = e->ev[i].next)
        for (uint8_t k = 0; k < e->ev[i].n_why; k++) {
            if (!first) strbuf_putc(out, '\n');
            why_text(e, &e->ev[i], &e->ev[i].why[k], out);
            first = false;
        }
}

static void asset_json(json_writer *w, const port_model *m, const model_asset *a)
{
    jw_object_begin(w);
    jw_kv_string(w, "id", a->id);
    jw_kv_string(w, "name", a->name);
    jw_kv_string(w, "kind", a->kind);
    jw_kv_string(w, "zone", a->zone);
    jw_kv_string(w, "criticality", model_criticality_name(a->criticality));
    jw_key(w, "impact");
    jw_object_begin(w);
    if (a->impact.has_teu) jw_kv_double(w, "teu_per_hour", a->impact.teu_per_hour, 1);
    if (a->impact.has_delay) jw_kv_double(w, "vessel_delay_hours", a->impact.vessel_delay_hours, 2);
    if (a->impact.has_cost) jw_kv_double(w, "cost_per_hour", a->impact.cost_per_hour, 0);
    jw_kv_bool(w, "safety", a->impact.safety);
    jw_object_end(w);
    if (a->rto_hours >= 0) jw_kv_double(w, "rto_hours", a->rto_hours, 1);
    if (a->depends_on.len) {
        jw_key(w, "depends_on");
        jw_array_begin(w);
        for (size_t i = 0; i < a->depends_on.len; i++) jw_string(w, a->depends_on.items[i]);
        jw_array_end(w);
    }
    jw_object_end(w);
    (void)m;
}

static void tactics_json(json_writer *w, uint32_t mask)
{
    jw_array_begin(w);
    for (int t = 0; t < TACTIC__COUNT; t++)
        if (mask & (1u << t)) jw_string(w, corr_tactic_name((corr_tactic)t));
    jw_array_end(w);
}

void corr_candidate_json(const corr_engine *e, const corr_candidate *g, strbuf *out)
{
    corr_summary s;
    corr_candidate_summary(e, g, &s);
    char t[SW_TIME_STR_MAX];
    strbuf line;
    strbuf_init(&line);
    json_writer w;
    jw_init(&w, out);
    jw_object_begin(&w);
    jw_kv_string(&w, "id", s.id);
    jw_kv_string(&w, "first", time_fmt_rfc3339(s.first, 6, t));
    jw_kv_string(&w, "last", time_fmt_rfc3339(s.last, 6, t));
    jw_kv_uint(&w, "score", s.score);
    jw_kv_string(&w, "severity", severity_names[s.severity & 3]);
    jw_kv_uint(&w, "alerts", s.alerts);
    jw_key(&w, "domains");
    jw_array_begin(&w);
    for (int d = 0; d < CORR_DOMAIN__COUNT; d++)
        if (g->domains & (1u << d)) jw_string(&w, corr_domain_name((corr_domain)d));
    jw_array_end(&w);
    jw_key(&w, "tactics");
    tactics_json(&w, g->tactics);
    jw_kv_bool(&w, "tactic_progression", g->progressed);
    jw_key(&w, "rules");
    jw_array_begin(&w);
    for (uint32_t i = 0; i < g->n_rules; i++) {
        jw_object_begin(&w);
        jw_kv_string(&w, "id", e->rule_names[g->rules[i]]);
        jw_kv_uint(&w, "alerts", g->rule_count[i]);
        jw_kv_string(&w, "severity", severity_names[g->rule_sev[i] & 3]);
        jw_object_end(&w);
    }
    jw_array_end(&w);
    if (g->rules_dropped) jw_kv_uint(&w, "rules_not_kept", g->rules_dropped);
    jw_key(&w, "assets");
    jw_array_begin(&w);
    int32_t v[CORR_GROUP_ASSETS];
    size_t n = e->m ? sorted_assets(e, g, v) : 0;
    for (size_t i = 0; i < n; i++) asset_json(&w, e->m, &e->m->assets[v[i]]);
    jw_array_end(&w);
    jw_kv_bool(&w, "crown_jewel_at_stake", g->crown_jewel);
    if (g->hops >= 0) jw_kv_int(&w, "conduit_steps_to_crown_jewel", g->hops);
    else {
        jw_key(&w, "conduit_steps_to_crown_jewel");
        jw_null(&w);
    }
    jw_kv_bool(&w, "pivot", g->pivot);
    jw_kv_bool(&w, "attack_graph", g->graph);

    jw_key(&w, "evidence");
    jw_array_begin(&w);
    for (uint32_t i = g->ev_head; i != CORR_NONE; i = e->ev[i].next) {
        const corr_evidence *x = &e->ev[i];
        jw_object_begin(&w);
        jw_kv_string(&w, "@timestamp", time_fmt_rfc3339(x->ts, 6, t));
        jw_kv_string(&w, "rule", e->rule_names[x->rule]);
        jw_kv_string(&w, "domain", corr_domain_name((corr_domain)x->domain));
        jw_kv_string(&w, "severity", severity_names[x->severity & 3]);
        if (x->ref[0]) jw_kv_string(&w, "ref", x->ref);
        jw_key(&w, "tactics");
        tactics_json(&w, x->tactics);
        jw_key(&w, "linked_because");
        jw_array_begin(&w);
        for (uint8_t k = 0; k < x->n_why; k++) {
            strbuf_reset(&line);
            why_text(e, x, &x->why[k], &line);
            jw_string(&w, strbuf_cstr(&line));
        }
        jw_array_end(&w);
        jw_object_end(&w);
    }
    jw_array_end(&w);
    if (g->ev_dropped) jw_kv_uint(&w, "evidence_not_kept", g->ev_dropped);

    jw_key(&w, "explanation");
    jw_array_begin(&w);
    for (uint32_t i = g->ev_head; i != CORR_NONE; i = e->ev[i].next)
        for (uint8_t k = 0; k < e->ev[i].n_why; k++) {
            strbuf_reset(&line);
            why_text(e, &e->ev[i], &e->ev[i].why[k], &line);
            jw_string(&w, strbuf_cstr(&line));
        }
    jw_array_end(&w);
    jw_object_end(&w);
    strbuf_free(&line);
}
