/* web_api_drills.c - GET /api/v1/drills (the stored drills and exercises,
 * newest first, as `seawall drill list --json`) and /api/v1/drills/{id}
 * (one of them with its full scoring, as `seawall drill show --json`). */
#include <stdlib.h>
#include <string.h>
#include "cli/cli_drill.h"
#include "store/store_drills.h"
#include "web/web_api.h"

static int list_row(void *ctx, const store_drill_rec *r)
{
    json_writer *w = ctx;
    jw_object_begin(w);
    drill_list_fields_jw(w, r);
    jw_object_end(w);
    return 0;
}

void web_h_drills(web_call *c)
{
    json_writer w;
    sw_error err = { 0 };
    web_list_begin(c, &w);
    web_list_end(c, &w, store_drill_list(c->db, list_row, &w, &err), &err);
}

typedef struct one_drill { store_drill_rec rec; char *result, *scenario, *playbook, *kind; } one_drill;

static int keep_row(void *ctx, const store_drill_rec *r)
{
    one_drill *d = ctx;
    d->rec = *r;
    d->result = strdup(r->result ? r->result : "{}");
    d->scenario = strdup(r->scenario ? r->scenario : "");
    d->playbook = strdup(r->playbook ? r->playbook : "");
    d->kind = strdup(r->kind ? r->kind : "drill");
    d->rec.result = d->result;
    d->rec.scenario = d->scenario;
    d->rec.playbook = d->playbook;
    d->rec.kind = d->kind;
    return 1;
}

void web_h_drill(web_call *c)
{
    const char *v = c->var;
    if (!v || !*v || strlen(v) > 18 || strspn(v, "0123456789") != strlen(v) || v[0] == '0')
        return web_fail(c, 400, "bad_parameter", "a drill id is a positive whole number");
    one_drill d;
    memset(&d, 0, sizeof d);
    bool found = false;
    sw_error err = { 0 };
    sw_code rc = store_drill_get(c->db, strtoll(v, NULL, 10), keep_row, &d, &found, &err);
    if (rc != SW_OK) web_fail(c, 503, "store_unavailable", "%s", err.msg);
    else if (!found) web_fail(c, 404, "not_found", "no drill %s", v);
    else if (!d.result || !d.scenario || !d.playbook || !d.kind) web_fail(c, 503, "store_unavailable", "out of memory");
    else {
        json_writer w;
        web_json(c, 200, &w);
        jw_object_begin(&w);
        drill_list_fields_jw(&w, &d.rec);
        jw_key(&w, "result");
        jw_raw(&w, d.result);
        jw_object_end(&w);
    }
    free(d.result);
    free(d.scenario);
    free(d.playbook);
    free(d.kind);
}
