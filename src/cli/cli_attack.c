/* cli_attack.c - flows and vulnerabilities from the store as one
 * exposure_input (cli_attack.h). */
#include "cli/cli_attack.h"
#include <stdlib.h>
#include <string.h>
#include "analysis/vuln_exposure.h"
#include "store/store_observe.h"

static const char *keep(arena *a, const char *s) { return s ? arena_strdup(a, s) : NULL; }

static int flow_row(void *ctx, const store_flow_row *r)
{
    cli_attack_input *l = ctx;
    if (l->n_flows == l->cap_flows) {
        size_t cap = l->cap_flows ? l->cap_flows * 2 : 64;
        exposure_flow *n = realloc(l->flows, cap * sizeof *n);
        if (!n) { l->oom = true; return 1; }
        l->flows = n;
        l->cap_flows = cap;
    }
    l->flows[l->n_flows++] = (exposure_flow){
        .src_ip = keep(&l->mem, r->src_ip), .dst_ip = keep(&l->mem, r->dst_ip),
        .src_asset = keep(&l->mem, r->src_asset), .dst_asset = keep(&l->mem, r->dst_asset),
        .src_zone = keep(&l->mem, r->src_zone), .dst_zone = keep(&l->mem, r->dst_zone),
        .service = keep(&l->mem, r->service), .ip_proto = (uint8_t)r->ip_proto,
        .dst_port = (uint16_t)(r->dst_port >= 0 && r->dst_port <= 65535 ? r->dst_port : 0),
        .flows = r->flows, .first_seen = r->first_seen, .last_seen = r->last_seen,
        .violation = r->violation != NULL,
    };
    return 0;
}

sw_code cli_attack_input_load(store *s, const port_model *m, cli_attack_input *a, sw_error *err)
{
    memset(a, 0, sizeof *a);
    arena_init(&a->mem, 64 * 1024);
    a->in.m = m;
    if (!s) return SW_OK;
    if (store_list_flows(s, NULL, flow_row, a, err) != SW_OK) return err->code ? err->code : SW_ERR_IO;
    if (a->oom) return sw_fail(err, SW_ERR_NOMEM, "out of memory reading flows");
    sw_code rc = cli_vuln_assess_store(s, m, &a->vdata, &a->assessment, err);
    if (rc != SW_OK) return rc;
    a->assessed = true;
    /* Every certain, remote finding is a step; KEV and CVSS set its
     * probability (vuln_step_probability). */
    if (!vuln_exposure_vulns(&a->assessment, false, &a->vulns, &a->n_vulns))
        return sw_fail(err, SW_ERR_NOMEM, "out of memory");
    a->in.flows = a->flows;
    a->in.n_flows = a->n_flows;
    a->in.vulns = a->vulns;
    a->in.n_vulns = a->n_vulns;
    return SW_OK;
}

void cli_attack_input_free(cli_attack_input *a)
{
    free(a->vulns);
    if (a->assessed) vuln_assessment_free(&a->assessment);
    vuln_loaded_free(&a->vdata);
    free(a->flows);
    arena_free(&a->mem);
    memset(a, 0, sizeof *a);
}
