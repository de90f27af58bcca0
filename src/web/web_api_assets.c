/* web_api_assets.c - GET /api/v1/assets/{id}: one declared asset with its
 * inventory judgement, the observed hosts that are it (with the services
 * they offer and use), its alerts by severity and its vulnerabilities:
 * the objects of `seawall assets`, `hosts` and `vulns --json`. */
#include <string.h>
#include "cli/cli_inventory.h"
#include "cli/cli_vulns.h"
#include "store/store_alert_stats.h"
#include "store/store_inventory.h"
#include "store/store_query.h"
#include "web/web_api.h"

typedef struct asset_find {
    const char *id;
    bool found;
    json_writer *w;
    store_inventory *inv;
    sw_code rc;
    sw_error err;
} asset_find;

static int declared_row(void *ctx, const store_asset_row *a)
{
    asset_find *f = ctx;
    if (strcmp(a->id, f->id)) return 0;
    store_inv_asset j;
    if ((f->rc = store_inventory_asset(f->inv, a->id, &j, &f->err)) != SW_OK) return 1;
    f->found = true;
    json_writer *w = f->w;
    jw_key(w, "asset");
    cli_inv_jw_asset(w, a, &j);
    return 1;
}

static int host_row(void *ctx, const store_inv_host_row *h)
{
    asset_find *f = ctx;
    if (h->asset && !strcmp(h->asset, f->id)) cli_inv_jw_host(f->w, h);
    return 0;
}

void web_h_asset(web_call *c)
{
    if (!web_check_id(c, "asset id", c->var)) return;
    port_model *m = web_load_model(c);
    if (!m) return;
    json_writer w;
    web_json(c, 200, &w);
    jw_object_begin(&w);
    asset_find f = { .id = c->var, .w = &w };
    sw_error err = { 0 };
    sw_code rc = SW_OK;
    vuln_loaded vd;
    vuln_assessment as;
    memset(&vd, 0, sizeof vd);
    memset(&as, 0, sizeof as);
    if (!(f.inv = store_inventory_open(c->db, &err))) rc = SW_ERR_DB;
    if (rc == SW_OK && (rc = store_list_assets(c->db, NULL, declared_row, &f, &err)) == SW_OK && f.rc)
        rc = f.rc, err = f.err;
    if (rc == SW_OK && !f.found) {
        web_fail(c, 404, "not_found", "no asset '%s' in the port model", c->var);
        goto done;
    }
    if (rc == SW_OK) {
        jw_key(&w, "hosts");
        jw_array_begin(&w);
        store_inv_host_filter hf = { .state = -1 };
        rc = store_inventory_hosts(f.inv, &hf, host_row, &f, &err);
        jw_array_end(&w);
    }
    int64_t sev[4];
    if (rc == SW_OK && (rc = store_alert_severity_counts(c->db, c->var, sev, &err)) == SW_OK) {
        jw_key(&w, "alerts");
        jw_object_begin(&w);
        jw_kv_int(&w, "total", sev[0] + sev[1] + sev[2] + sev[3]);
        jw_kv_int(&w, "low", sev[0]);
        jw_kv_int(&w, "medium", sev[1]);
        jw_kv_int(&w, "high", sev[2]);
        jw_kv_int(&w, "critical", sev[3]);
        jw_object_end(&w);
    }
    if (rc == SW_OK && (rc = cli_vuln_assess_store(c->db, m, &vd, &as, &err)) == SW_OK) {
        const model_asset *a = model_asset_by_id(m, c->var);
        jw_key(&w, "vulnerabilities");
        jw_array_begin(&w);
        for (size_t i = 0; a && i < as.n; i++)
            if (&m->assets[as.items[i].asset] == a) cli_vuln_finding_jw(&w, m, &as.items[i], c->now / 1000000);
        jw_array_end(&w);
    }
    if (rc) web_fail(c, 503, "store_unavailable", "%s", err.msg);
    else jw_object_end(&w);
done:
    vuln_assessment_free(&as);
    vuln_loaded_free(&vd);
    store_inventory_close(f.inv);
    model_free(m);
}
