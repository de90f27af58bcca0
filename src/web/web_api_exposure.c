/* web_api_exposure.c - attack paths and business impact:
 * GET /api/v1/exposure?from=&to=&k= (seawall exposure --json: the same
 * attack input, graph, analysis and printer) and GET /api/v1/impact
 * (every asset's roll-up, or ?lose=&hours= what-if, as seawall impact). */
#include <stdlib.h>
#include <string.h>
#include "analysis/impact.h"
#include "cli/cli_attack.h"
#include "cli/cli_exposure.h"
#include "cli/cli_impact.h"
#include "web/web_api.h"

#define WEB_LIST_MAX 64   /* ids in one from/to/lose list */

/* "a,b,c" -> indices of entry points (entries) or assets in m; false after
 * answering 400 for a bad or unknown id. Absent: every entry point, or
 * the crown jewels (as the CLI). */
static bool pick(web_call *c, const char *key, const port_model *m, bool entries, size_t *out, size_t cap, size_t *n)
{
    const char *v = web_param(c->target, key);
    *n = 0;
    if (!v) {
        if (entries)
            for (size_t i = 0; i < m->n_entry_points && *n < cap; i++) out[(*n)++] = i;
        else
            for (size_t i = 0; i < m->n_assets && *n < cap; i++)
                if (m->assets[i].criticality == CRIT_CROWN_JEWEL) out[(*n)++] = i;
        return true;
    }
    char tok[MODEL_ID_MAX + 1];
    for (const char *p = v;;) {
        size_t len = strcspn(p, ",");
        if (len == 0 || len > MODEL_ID_MAX) {
            web_fail(c, 400, "bad_parameter", "%s wants comma-separated ids of 1 to %d bytes", key, MODEL_ID_MAX);
            return false;
        }
        memcpy(tok, p, len);
        tok[len] = '\0';
        if (!web_check_id(c, key, tok)) return false;
        long idx = -1;
        if (entries) {
            for (size_t i = 0; i < m->n_entry_points; i++)
                if (!strcmp(m->entry_points[i].id, tok)) idx = (long)i;
        } else {
            const model_asset *a = model_asset_by_id(m, tok);
            if (a) idx = a - m->assets;
        }
        if (idx < 0) {
            web_fail(c, 400, "bad_parameter", "%s: no %s '%s' in the port model", key, entries ? "entry point" : "asset", tok);
            return false;
        }
        bool dup = false;
        for (size_t i = 0; i < *n; i++) dup |= out[i] == (size_t)idx;
        if (!dup) {
            if (*n == cap) {
                web_fail(c, 400, "bad_parameter", "%s names more than %zu ids", key, cap);
                return false;
            }
            out[(*n)++] = (size_t)idx;
        }
        if (!p[len]) break;
        p += len + 1;
    }
    return true;
}

void web_h_exposure(web_call *c)
{
    double k = 3;
    bool has_k;
    if (!web_param_number(c, "k", 1, 100, true, &k, &has_k)) return;
    port_model *m = web_load_model(c);
    if (!m) return;
    size_t cap_e = m->n_entry_points ? m->n_entry_points : 1, cap_t = m->n_assets ? m->n_assets : 1;
    size_t *entries = malloc(cap_e * sizeof *entries), *targets = malloc(cap_t * sizeof *targets);
    size_t ne = 0, nt = 0;
    cli_attack_input ai;
    memset(&ai, 0, sizeof ai);
    exposure *x = NULL;
    exposure_report rep = { 0 };
    sw_error err = { 0 };
    if (!entries || !targets) {
        web_fail(c, 503, "busy", "out of memory");
        goto done;
    }
    if (!pick(c, "from", m, true, entries, cap_e, &ne) || !pick(c, "to", m, false, targets, cap_t, &nt)) goto done;
    if (!ne || !nt) {
        /* As the CLI: nothing to analyse is an empty report, not an error. */
        json_writer w;
        web_json(c, 200, &w);
        jw_raw(&w, "{\"port\":null,\"targets\":[]}");
        goto done;
    }
    if (cli_attack_input_load(c->db, m, &ai, &err) != SW_OK || !(x = exposure_build(&ai.in, &err))) {
        web_fail(c, 503, "store_unavailable", "%s", err.msg[0] ? err.msg : "out of memory");
        goto done;
    }
    if (!exposure_analyse(x, entries, ne, targets, nt, (int)k, &rep)) {
        web_fail(c, 503, "busy", "out of memory analysing the attack graph");
        goto done;
    }
    web_capture cap;
    FILE *f = web_capture_begin(c, &cap);
    if (f) {
        cli_exposure_json(f, x, &rep, (int)k);
        web_capture_end(c, &cap, true);
    }
done:
    exposure_report_free(&rep);
    exposure_free(x);
    cli_attack_input_free(&ai);
    free(entries);
    free(targets);
    model_free(m);
}

static void impact_what_if(web_call *c, const port_model *m, const impact_graph *g, double hours)
{
    size_t cap = m->n_assets ? m->n_assets : 1, n = 0;
    size_t *idx = malloc(cap * sizeof *idx);
    uint32_t *lost = malloc(cap * sizeof *lost);
    if (!idx || !lost) {
        web_fail(c, 503, "busy", "out of memory");
    } else if (pick(c, "lose", m, false, idx, cap, &n)) {
        for (size_t i = 0; i < n; i++) lost[i] = (uint32_t)idx[i];
        impact_result r;
        sw_error err = { 0 };
        if (impact_outage(g, lost, n, hours, &r, &err) != SW_OK) {
            web_fail(c, err.code == SW_ERR_INVALID ? 400 : 503, err.code == SW_ERR_INVALID ? "bad_parameter" : "busy",
                     "%s", err.msg);
        } else {
            json_writer w;
            web_json(c, 200, &w);
            jw_object_begin(&w);
            jw_key(&w, "lost");
            jw_array_begin(&w);
            for (size_t i = 0; i < n; i++) jw_string(&w, m->assets[idx[i]].id);
            jw_array_end(&w);
            cli_impact_result_jw(&w, g, m, &r);
            jw_object_end(&w);
            impact_result_free(&r);
        }
    }
    free(idx);
    free(lost);
}

static void impact_per_asset(web_call *c, const port_model *m, const impact_graph *g)
{
    cli_impact_rollup *all = calloc(m->n_assets ? m->n_assets : 1, sizeof *all);
    if (!all) return web_fail(c, 503, "busy", "out of memory");
    size_t done = 0;
    sw_error err = { 0 };
    sw_code rc = SW_OK;
    for (; done < m->n_assets; done++) {
        uint32_t one = (uint32_t)done;
        all[done].asset = one;
        if ((rc = impact_outage(g, &one, 1, 1, &all[done].r, &err)) != SW_OK) break;
    }
    if (rc != SW_OK) {
        web_fail(c, 503, "analysis_unavailable", "%s", err.msg);
    } else {
        qsort(all, m->n_assets, sizeof *all, cli_impact_rollup_cmp);
        json_writer w;
        web_json(c, 200, &w);
        jw_object_begin(&w);
        jw_key(&w, "items");
        jw_array_begin(&w);
        for (size_t i = 0; i < m->n_assets; i++) cli_impact_rollup_jw(&w, m->assets[all[i].asset].id, &all[i].r);
        jw_array_end(&w);
        jw_key(&w, "next_cursor");
        jw_null(&w);
        jw_object_end(&w);
    }
    for (size_t a = 0; a < done; a++) impact_result_free(&all[a].r);
    free(all);
}

void web_h_impact(web_call *c)
{
    double hours = 1;
    bool has_hours;
    if (!web_param_number(c, "hours", 0.001, 24 * 365, false, &hours, &has_hours)) return;
    const char *lose = web_param(c->target, "lose");
    if (has_hours && !lose) return web_fail(c, 400, "bad_parameter", "hours goes with lose=ASSET[,ASSET...]");
    port_model *m = web_load_model(c);
    if (!m) return;
    impact_graph g;
    if (!impact_graph_from_model(m, &g)) {
        model_free(m);
        return web_fail(c, 503, "busy", "out of memory");
    }
    if (lose) impact_what_if(c, m, &g, hours);
    else impact_per_asset(c, m, &g);
    free((void *)g.nodes);
    model_free(m);
}
