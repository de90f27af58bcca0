/* incident_log.c - the timeline's chain kept in step with the store: the
 * incident row holds the head (count and last hash) that the next entry
 * links to. */
#include <stdio.h>
#include <string.h>
#include "ir/incident_log.h"
#include "store/store_incidents.h"

typedef struct head { int64_t entries; char hash[SHA256_HEX_LEN]; } head;

static int get_head(void *ctx, const store_incident_rec *r)
{
    head *h = ctx;
    h->entries = r->entries;
    snprintf(h->hash, sizeof h->hash, "%s", r->head ? r->head : "");
    return 1;
}

sw_code ir_log_append(store *s, int64_t incident, sw_time_us ts, const char *kind, const char *actor, const char *body,
                      sw_error *err)
{
    head h = { 0 };
    bool found;
    sw_code c = store_incident_get(s, incident, get_head, &h, &found, err);
    if (c != SW_OK) return c;
    if (!found) return sw_fail(err, SW_ERR_INVALID, "no incident %lld", (long long)incident);
    ir_entry e = { incident, h.entries + 1, ts, kind, actor, body };
    char hash[SHA256_HEX_LEN];
    if (!ir_entry_hash(h.hash, &e, hash)) return sw_fail(err, SW_ERR_INVALID, "timeline entry body is not a JSON object");
    store_timeline_rec r = { incident, e.seq, ts, kind, actor, body, h.hash, hash };
    if ((c = store_timeline_insert(s, &r, err)) != SW_OK) return c;
    return store_incident_set_head(s, incident, e.seq, hash, err);
}

static int verify_row(void *ctx, const store_timeline_rec *r)
{
    ir_chain_walk *w = ctx;
    ir_entry e = { r->incident, r->seq, r->ts, r->kind, r->actor, r->body };
    return !ir_chain_walk_step(w, &e, r->prev_hash, r->hash);
}

sw_code ir_log_verify(store *s, int64_t incident, ir_chain_walk *walk, int64_t *entries, bool *found, sw_error *err)
{
    head h = { 0 };
    sw_code c = store_incident_get(s, incident, get_head, &h, found, err);
    if (c != SW_OK || !*found) return c;
    ir_chain_walk_init(walk, incident);
    if ((c = store_timeline_list(s, incident, verify_row, walk, err)) != SW_OK) return c;
    ir_chain_walk_finish(walk, h.entries, h.hash);
    *entries = h.entries;
    return SW_OK;
}
