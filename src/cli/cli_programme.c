/* cli_programme.c - loading the programme from the store and crediting its
 * done controls (cli_programme.h). */
#include "cli/cli_programme.h"
#include <stdlib.h>
#include <string.h>
#include "analysis/people.h"
#include "core/timeutil.h"
#include "core/vec.h"
#include "store/store_risk.h"

typedef struct loader { cli_prog *p; VEC(prog_item) v; bool oom; } loader;

static const char *keep(arena *a, const char *s)
{
    return s ? arena_strdup(a, s) : NULL;
}

static int add_row(void *ctx, const store_prog_row *r)
{
    loader *l = ctx;
    prog_item it = { .control = keep(&l->p->mem, r->control), .title = keep(&l->p->mem, r->title), .cost = r->cost,
                     .adopted = r->adopted, .started = r->started, .done = r->done };
    if (!prog_status_parse(r->status, &it.status)) it.status = PROG_PLANNED;
    if (!it.control) { l->oom = true; return 1; }
    if (vec_push(&l->v, it)) { l->oom = true; return 1; }
    l->p->budget = r->budget;
    if (!l->p->currency) l->p->currency = keep(&l->p->mem, r->currency);
    return 0;
}

sw_code cli_prog_load(store *s, cli_prog *out, sw_error *err)
{
    memset(out, 0, sizeof *out);
    arena_init(&out->mem, 4096);
    if (!s) return SW_OK;
    loader l = { .p = out };
    sw_code rc = store_prog_list(s, add_row, &l, err);
    if (rc == SW_OK && l.oom) rc = sw_fail(err, SW_ERR_NOMEM, "out of memory reading the programme");
    out->items = l.v.items;
    out->n = l.v.len;
    return rc;
}

void cli_prog_free(cli_prog *p)
{
    free(p->items);
    arena_free(&p->mem);
    memset(p, 0, sizeof *p);
}

size_t cli_prog_done_mask(const cli_prog *p, const cli_risk_ctx *r, int32_t day, bool *chosen, FILE *warn)
{
    size_t set = 0;
    for (size_t i = 0; i < r->ctl.n; i++) chosen[i] = false;
    for (size_t k = 0; k < p->n; k++) {
        if (!prog_done_by(&p->items[k], day)) continue;
        size_t i = 0;
        while (i < r->ctl.n && strcmp(r->ctl.controls[i].id, p->items[k].control)) i++;
        if (i == r->ctl.n) {
            if (warn) fprintf(warn, "seawall: programme control %s is done but no longer in the candidate controls; not credited\n",
                              p->items[k].control);
            continue;
        }
        chosen[i] = true;
        set++;
    }
    return set;
}

bool cli_day_arg(const char *arg, int32_t *day)
{
    if (!arg) { *day = ppl_day_of_us(time_now_us()); return true; }
    return strlen(arg) == 10 && ppl_parse_day(arg, day);
}
