/* web_ratelimit.c - login failures per account and per source address in a
 * bounded table (see web_auth.h). Logins are rare next to argon2id's cost,
 * so a linear scan under one mutex is the simple, predictable choice. */
#include <stdlib.h>
#include <string.h>
#include "web/web_auth.h"

static uint64_t key_hash(const char *key)
{
    uint64_t h = 1469598103934665603ull;          /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)key; *p; p++) h = (h ^ *p) * 1099511628211ull;
    return h | 1;                                  /* 0 marks a free slot */
}

sw_code web_ratelimit_init(web_ratelimit *rl, size_t cap, int max_failures, int64_t window_us, sw_error *err)
{
    memset(rl, 0, sizeof *rl);
    rl->e = calloc(cap, sizeof *rl->e);
    if (!rl->e) return sw_fail(err, SW_ERR_NOMEM, "rate limiter table");
    rl->cap = cap;
    rl->max_failures = max_failures;
    rl->window_us = window_us;
    pthread_mutex_init(&rl->mu, NULL);
    return SW_OK;
}

void web_ratelimit_free(web_ratelimit *rl)
{
    if (!rl->e) return;
    pthread_mutex_destroy(&rl->mu);
    free(rl->e);
    rl->e = NULL;
}

/* The key's entry, or NULL; the key is compared in full, not by hash only. */
static web_rl_entry *find(web_ratelimit *rl, const char *key, uint64_t h)
{
    for (size_t i = 0; i < rl->cap; i++)
        if (rl->e[i].hash == h && strncmp(rl->e[i].key, key, sizeof rl->e[i].key - 1) == 0) return &rl->e[i];
    return NULL;
}

bool web_ratelimit_check(web_ratelimit *rl, const char *key, int64_t now, int *retry_after_s)
{
    pthread_mutex_lock(&rl->mu);
    web_rl_entry *e = find(rl, key, key_hash(key));
    bool ok = true;
    if (e && now - e->window_start < rl->window_us && e->failures >= rl->max_failures) {
        ok = false;
        int64_t left = e->window_start + rl->window_us - now;
        if (retry_after_s) *retry_after_s = (int)((left + 999999) / 1000000);
    }
    pthread_mutex_unlock(&rl->mu);
    return ok;
}

void web_ratelimit_fail(web_ratelimit *rl, const char *key, int64_t now)
{
    uint64_t h = key_hash(key);
    pthread_mutex_lock(&rl->mu);
    web_rl_entry *e = find(rl, key, h);
    if (!e) {
        e = &rl->e[0];
        for (size_t i = 0; i < rl->cap; i++) {
            if (!rl->e[i].hash) { e = &rl->e[i]; break; }
            if (rl->e[i].last < e->last) e = &rl->e[i];
        }
        memset(e, 0, sizeof *e);
        e->hash = h;
        strncpy(e->key, key, sizeof e->key - 1);
        e->window_start = now;
    }
    if (now - e->window_start >= rl->window_us) {
        e->window_start = now;
        e->failures = 0;
    }
    e->failures++;
    e->last = now;
    pthread_mutex_unlock(&rl->mu);
}

void web_ratelimit_clear(web_ratelimit *rl, const char *key)
{
    pthread_mutex_lock(&rl->mu);
    web_rl_entry *e = find(rl, key, key_hash(key));
    if (e) memset(e, 0, sizeof *e);
    pthread_mutex_unlock(&rl->mu);
}
