/* web_cache.c - results too costly to recompute per request (the
 * overview's risk simulation and compliance assessment: ~0.5 billion
 * instructions together), kept for WEB_CACHE_TTL_US. One request refreshes
 * a stale entry while the others keep serving the previous result, so a
 * dashboard wall polling the overview costs one analysis per period. */
#include <stdlib.h>
#include <string.h>
#include "web/web_app.h"

void web_cached_init(web_cached *e)
{
    memset(e, 0, sizeof *e);
    pthread_mutex_init(&e->mu, NULL);
}

void web_cached_free(web_cached *e)
{
    pthread_mutex_destroy(&e->mu);
    free(e->json);
    e->json = NULL;
}

/* Copies the entry's JSON into out; false when there is none. */
static bool take(web_cached *e, json_writer *out, int64_t *at)
{
    if (!e->json) return false;
    jw_raw(out, e->json);
    *at = e->at;
    return true;
}

bool web_cached_json(web_call *c, web_cached *e, web_cache_make make, json_writer *out, int64_t *at)
{
    pthread_mutex_lock(&e->mu);
    bool fresh = e->json && c->now - e->at < WEB_CACHE_TTL_US && c->now >= e->at;
    if (fresh || (e->json && e->refreshing)) {
        bool ok = take(e, out, at);
        pthread_mutex_unlock(&e->mu);
        return ok;
    }
    e->refreshing = true;
    pthread_mutex_unlock(&e->mu);

    strbuf sb;
    strbuf_init(&sb);
    json_writer w;
    jw_init(&w, &sb);
    bool made = make(c, &w);
    char *json = made && sb.len ? strdup(sb.data) : NULL;
    strbuf_free(&sb);

    pthread_mutex_lock(&e->mu);
    e->refreshing = false;
    bool ok;
    if (json) {
        free(e->json);
        e->json = json;
        e->at = c->now;
        ok = take(e, out, at);
    } else {
        /* A failed refresh keeps nothing stale: the caller answers the error. */
        ok = false;
    }
    pthread_mutex_unlock(&e->mu);
    return ok;
}
