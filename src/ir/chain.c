/* chain.c - canonical JSON of timeline entries and the SHA-256 chain over
 * them; verification names the first entry that does not fit. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include "core/json.h"
#include "ir/chain.h"

const char ir_chain_genesis[SHA256_HEX_LEN] = "0000000000000000000000000000000000000000000000000000000000000000";

bool ir_entry_canonical(const ir_entry *e, strbuf *out)
{
    json_error_t jerr;
    json_t *body = json_loads(e->body ? e->body : "", JSON_REJECT_DUPLICATES, &jerr);
    if (!body || !json_is_object(body)) { json_decref(body); return false; }
    char *canon = json_dumps(body, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENSURE_ASCII);
    json_decref(body);
    if (!canon) return false;
    char ts[SW_TIME_STR_MAX];
    time_fmt_rfc3339(e->ts, 6, ts);
    json_writer w;
    jw_init(&w, out);
    jw_object_begin(&w);
    jw_kv_string(&w, "actor", e->actor);
    jw_key(&w, "body");
    jw_raw(&w, canon);
    jw_kv_int(&w, "incident", e->incident);
    jw_kv_string(&w, "kind", e->kind);
    jw_kv_int(&w, "seq", e->seq);
    jw_kv_string(&w, "ts", ts);
    jw_object_end(&w);
    free(canon);
    return !out->oom;
}

bool ir_entry_hash(const char *prev_hex, const ir_entry *e, char out[SHA256_HEX_LEN])
{
    strbuf sb;
    strbuf_init(&sb);
    if (!ir_entry_canonical(e, &sb)) { strbuf_free(&sb); return false; }
    sha256_ctx c;
    uint8_t d[SHA256_LEN];
    sha256_init(&c);
    sha256_update(&c, prev_hex, strlen(prev_hex));
    sha256_update(&c, sb.data, sb.len);
    sha256_final(&c, d);
    sha256_to_hex(d, out);
    strbuf_free(&sb);
    return true;
}

void ir_chain_walk_init(ir_chain_walk *w, int64_t incident)
{
    memset(w, 0, sizeof *w);
    w->incident = incident;
    w->next_seq = 1;
    memcpy(w->prev, ir_chain_genesis, SHA256_HEX_LEN);
}

static bool fail(ir_chain_walk *w, int64_t seq, const char *why)
{
    w->broken = true;
    w->broken_seq = seq;
    snprintf(w->why, sizeof w->why, "%s", why);
    return false;
}

bool ir_chain_walk_step(ir_chain_walk *w, const ir_entry *e, const char *stored_prev, const char *stored_hash)
{
    if (w->broken) return false;
    if (e->incident != w->incident) return fail(w, e->seq, "belongs to another incident");
    if (e->seq != w->next_seq) return fail(w, w->next_seq, e->seq > w->next_seq ? "is missing" : "is out of order or repeated");
    if (!stored_prev || strcmp(stored_prev, w->prev))
        return fail(w, e->seq, "does not link to the entry before it (prev_hash differs)");
    char h[SHA256_HEX_LEN];
    if (!ir_entry_hash(w->prev, e, h)) return fail(w, e->seq, "has a body that is not a JSON object");
    if (!stored_hash || strcmp(stored_hash, h)) return fail(w, e->seq, "was altered: its content no longer matches its hash");
    memcpy(w->prev, h, SHA256_HEX_LEN);
    w->next_seq++;
    return true;
}

bool ir_chain_walk_finish(ir_chain_walk *w, int64_t head_count, const char *head_hash)
{
    if (w->broken) return false;
    if (head_count != w->next_seq - 1)
        return fail(w, head_count < w->next_seq - 1 ? head_count + 1 : w->next_seq,
                    head_count < w->next_seq - 1 ? "is past the head the incident records" : "is missing (the timeline was cut short)");
    if (!head_hash || strcmp(head_hash, w->prev))
        return fail(w, w->next_seq - 1, "does not end at the head hash the incident records");
    return true;
}
