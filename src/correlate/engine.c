/* engine.c - the linker: puts arriving alerts back in (time, key) order,
 * joins each to the open groups it shares an entity with, pivots through,
 * or advances from along the attack graph, merges groups an alert bridges,
 * and closes groups a window after their last alert. Every table is sized
 * at creation; nothing grows with the input. */
#include <stdlib.h>
#include <string.h>
#include "correlate/correlate_internal.h"

void corr_config_default(corr_config *cfg)
{
    *cfg = (corr_config){
        .window = 30 * 60 * SW_US_PER_SEC,
        .reorder = 2 * 60 * SW_US_PER_SEC,
        .reorder_capacity = 8192,
        .groups = 32768,
        .entities = 131072,
        .evidence = 131072,
        .max_evidence = 256,
        .min_rules = 2,
    };
}

/* --- rule ids, interned so evidence and entity slots hold two bytes ------ */

static uint64_t str_hash(const char *s)
{
    return hash_bytes(s, strlen(s));
}

static uint16_t rule_intern(corr_engine *e, const char *rule)
{
    uint32_t mask = 2 * CORR_RULE_TABLE - 1;
    for (uint32_t i = (uint32_t)str_hash(rule) & mask;; i = (i + 1) & mask) {
        uint16_t s = e->rule_slots[i];
        if (!s) {
            if (e->n_rule_names >= CORR_RULE_TABLE) {
                e->st.rules_overflow++;
                return 0;
            }
            uint16_t idx = (uint16_t)e->n_rule_names++;
            strcpy(e->rule_names[idx], rule);
            e->rule_slots[i] = (uint16_t)(idx + 1);
            return idx;
        }
        if (!strcmp(e->rule_names[s - 1], rule)) return (uint16_t)(s - 1);
    }
}

/* --- the reorder heap ------------------------------------------------------ */

static bool before(const corr_alert *a, const corr_alert *b)
{
    return a->ts < b->ts || (a->ts == b->ts && a->key < b->key);
}

/* The heap's order: exact copies (same time and key) by where they came
 * from, so the copy that is kept does not depend on arrival order. */
static bool heap_before(const corr_alert *a, const corr_alert *b)
{
    if (a->ts != b->ts || a->key != b->key) return before(a, b);
    return strcmp(a->ref, b->ref) < 0;
}

static void heap_push(corr_engine *e, const corr_alert *a)
{
    uint32_t i = e->n_heap++;
    e->heap[i] = *a;
    while (i) {
        uint32_t p = (i - 1) / 2;
        if (!heap_before(&e->heap[i], &e->heap[p])) break;
        corr_alert t = e->heap[i];
        e->heap[i] = e->heap[p];
        e->heap[p] = t;
        i = p;
    }
}

static void heap_pop(corr_engine *e, corr_alert *out)
{
    *out = e->heap[0];
    e->heap[0] = e->heap[--e->n_heap];
    uint32_t i = 0;
    for (;;) {
        uint32_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < e->n_heap && heap_before(&e->heap[l], &e->heap[m])) m = l;
        if (r < e->n_heap && heap_before(&e->heap[r], &e->heap[m])) m = r;
        if (m == i) break;
        corr_alert t = e->heap[i];
        e->heap[i] = e->heap[m];
        e->heap[m] = t;
        i = m;
    }
}

/* --- groups ----------------------------------------------------------------- */

static uint32_t resolve(const corr_engine *e, uint32_t slot, uint32_t gen)
{
    /* Forward chains are short (one per merge) and never cycle: a slot only
     * forwards to an older, live group. */
    for (int hops = 0; slot != CORR_NONE && hops < 64; hops++) {
        const struct corr_group *g = &e->groups[slot];
        if (!g->live || g->gen != gen) return CORR_NONE;
        if (g->forward == CORR_NONE) return slot;
        gen = g->forward_gen;
        slot = g->forward;
    }
    return CORR_NONE;
}

static void free_evidence(corr_engine *e, struct corr_group *g)
{
    for (uint32_t i = g->ev_head; i != CORR_NONE;) {
        uint32_t next = e->ev[i].next;
        e->ev[i].next = e->free_ev;
        e->free_ev = i;
        i = next;
    }
    g->ev_head = g->ev_tail = CORR_NONE;
    g->n_ev = 0;
}

static void close_group(corr_engine *e, uint32_t slot)
{
    struct corr_group *g = &e->groups[slot];
    if (g->forward == CORR_NONE && g->promoted && e->fn) e->fn(e->user, e, g, CORR_EMIT_FINAL);
    free_evidence(e, g);
    uint32_t gen = g->gen + 1;
    memset(g, 0, sizeof *g);
    g->gen = gen;
    g->forward = CORR_NONE;
    g->ev_head = g->ev_tail = CORR_NONE;
    g->free_next = e->free_group;
    e->free_group = slot;
}

/* Closes every group (and forwarder) last touched at or before `cutoff`. */
static void close_older(corr_engine *e, sw_time_us cutoff, bool eviction)
{
    for (uint32_t i = 0; i < e->cfg.groups; i++) {
        struct corr_group *g = &e->groups[i];
        if (!g->live || g->last_ts > cutoff) continue;
        if (eviction && g->forward == CORR_NONE) e->st.group_evictions++;
        close_group(e, i);
    }
}

static uint32_t group_alloc(corr_engine *e, sw_time_us now)
{
    if (e->free_group == CORR_NONE) {
        /* Full: close the oldest eighth of the time span held, at least one group. */
        sw_time_us oldest = now;
        for (uint32_t i = 0; i < e->cfg.groups; i++)
            if (e->groups[i].live && e->groups[i].last_ts < oldest) oldest = e->groups[i].last_ts;
        close_older(e, oldest + (now - oldest) / 8, true);
    }
    uint32_t slot = e->free_group;
    if (slot == CORR_NONE) return CORR_NONE;
    e->free_group = e->groups[slot].free_next;
    struct corr_group *g = &e->groups[slot];
    g->live = true;
    g->forward = CORR_NONE;
    g->ev_head = g->ev_tail = CORR_NONE;
    g->first_tactic = -1;
    g->hops = -1;
    return slot;
}

/* --- the entity index -------------------------------------------------------- */

static uint64_t entity_hash(uint8_t kind, uint8_t cls, const char *value)
{
    uint64_t h = str_hash(value);
    return h ^ ((uint64_t)kind << 56) ^ ((uint64_t)cls << 48) ^ 0x9e3779b97f4a7c15ULL * (kind + 1u);
}

static bool slot_is(const corr_entity_slot *s, uint64_t h, uint8_t kind, uint8_t cls, const char *value)
{
    return s->used && s->h == h && s->kind == kind && s->domain == cls && !strcmp(s->value, value);
}

static corr_entity_slot *entity_find(corr_engine *e, uint8_t kind, uint8_t cls, const char *value)
{
    uint64_t h = entity_hash(kind, cls, value);
    for (uint32_t i = (uint32_t)h & e->ent_mask;; i = (i + 1) & e->ent_mask) {
        corr_entity_slot *s = &e->ents[i];
        if (!s->used) return NULL;
        if (slot_is(s, h, kind, cls, value)) return s;
    }
}

static void entity_rebuild(corr_engine *e, sw_time_us now)
{
    uint32_t cap = e->ent_mask + 1, room = cap / 2, live = 0, kept;
    sw_time_us cutoff = now - e->cfg.window;
    for (uint32_t i = 0; i < cap; i++) live += e->ents[i].used && e->ents[i].last >= cutoff;
    kept = live;
    /* Too many live entities for the table: keep the most recent by
     * raising the cutoff until they fit (counted as evictions). */
    while (kept > room) {
        cutoff += (now - cutoff) / 2 + 1;
        kept = 0;
        for (uint32_t i = 0; i < cap; i++) kept += e->ents[i].used && e->ents[i].last >= cutoff;
    }
    e->st.entity_evictions += live - kept;
    uint32_t n = 0;
    for (uint32_t i = 0; i < cap; i++)
        if (e->ents[i].used && e->ents[i].last >= cutoff) e->ents_scratch[n++] = e->ents[i];
    memset(e->ents, 0, (size_t)cap * sizeof *e->ents);
    e->ent_used = n;
    for (uint32_t k = 0; k < n; k++) {
        const corr_entity_slot *s = &e->ents_scratch[k];
        uint32_t i = (uint32_t)s->h & e->ent_mask;
        while (e->ents[i].used) i = (i + 1) & e->ent_mask;
        e->ents[i] = *s;
    }
}

static void entity_put(corr_engine *e, uint8_t kind, uint8_t cls, const char *value, uint8_t role, uint32_t group,
                       uint16_t rule, sw_time_us ts)
{
    if (e->ent_used >= (e->ent_mask + 1) / 4 * 3) entity_rebuild(e, ts);
    uint64_t h = entity_hash(kind, cls, value);
    corr_entity_slot *reuse = NULL, *s;
    sw_time_us cutoff = ts - e->cfg.window;
    uint32_t i = (uint32_t)h & e->ent_mask;
    for (;; i = (i + 1) & e->ent_mask) {
        s = &e->ents[i];
        if (!s->used) break;
        if (slot_is(s, h, kind, cls, value)) { reuse = s; break; }
        if (!reuse && s->last < cutoff) reuse = s;   /* expired: free for the taking if the key is absent */
    }
    if (reuse && !slot_is(reuse, h, kind, cls, value)) {
        /* an expired slot earlier in the chain: the key may still sit further on */
        for (uint32_t j = i; e->ents[j].used; j = (j + 1) & e->ent_mask)
            if (slot_is(&e->ents[j], h, kind, cls, value)) { reuse = &e->ents[j]; break; }
    }
    if (!reuse) {
        reuse = s;
        e->ent_used++;
    }
    reuse->h = h;
    reuse->kind = kind;
    reuse->domain = cls;
    reuse->used = 1;
    reuse->last = ts;
    reuse->group = group;
    reuse->gen = e->groups[group].gen;
    reuse->rule = rule;
    reuse->role = role;
    if (reuse->value != value) {
        size_t n = strlen(value);
        memcpy(reuse->value, value, n + 1);
    }
}

/* Zones link across domains only: a network alert in a zone with a
 * physical or AIS alert about that zone. The class keeps the two apart. */
static uint8_t zone_class(corr_domain d)
{
    return d == CORR_NET ? 1 : 2;
}

/* --- linking ------------------------------------------------------------------- */

typedef struct link {
    uint32_t root;
    corr_why why;
} link;

#define MAX_LINKS 16

static int why_rank(const corr_why *w)
{
    /* for one group, the most telling reason wins the explanation */
    if (w->kind == WHY_PIVOT) return 0;
    if (w->kind == WHY_ENTITY) return w->ekind == CE_IP ? 1 : w->ekind == CE_PERSON ? 2 : 3;
    return 4;
}

static void add_link(link *links, size_t *n, uint32_t root, const corr_why *w)
{
    for (size_t i = 0; i < *n; i++)
        if (links[i].root == root) {
            if (why_rank(w) < why_rank(&links[i].why)) links[i].why = *w;
            return;
        }
    if (*n < MAX_LINKS) links[(*n)++] = (link){ root, *w };
}

static void set_value(char *dst, const char *src)
{
    size_t n = strlen(src);
    if (n >= CORR_VALUE_MAX) n = CORR_VALUE_MAX - 1;
    memcpy(dst, src, n);
    dst[n] = 0;
}

static size_t find_links(corr_engine *e, const corr_alert *a, sw_time_us now, link *links)
{
    size_t n = 0;
    /* Both ways: a late alert (past the reorder delay) must not join one
     * that came more than a window after it. */
    sw_time_us cutoff = now - e->cfg.window, horizon = now + e->cfg.window;
    for (size_t i = 0; i < a->n_ent; i++) {
        const corr_entity *x = &a->ent[i];
        uint8_t cls = 0;
        if (x->kind == CE_ZONE) {
            /* look for the other side: network alerts find physical/AIS ones and back */
            if (a->domain == CORR_NET && x->role == CR_SUBJECT) continue;
            if (a->domain != CORR_NET && x->role != CR_SUBJECT) continue;
            cls = a->domain == CORR_NET ? 2 : 1;
        }
        corr_entity_slot *s = entity_find(e, x->kind, cls, x->value);
        if (!s || s->last < cutoff || s->last > horizon) continue;
        uint32_t root = resolve(e, s->group, s->gen);
        if (root == CORR_NONE) continue;
        corr_why w = { .kind = WHY_ENTITY, .ekind = x->kind, .role_then = s->role, .role_now = x->role,
                       .rule_then = s->rule, .ts_then = s->last };
        if (x->kind == CE_ZONE) w.kind = WHY_ZONE;
        else if (s->role == CR_TARGET && x->role == CR_SOURCE && x->kind != CE_PERSON && x->kind != CE_MMSI)
            w.kind = WHY_PIVOT;
        set_value(w.value, x->value);
        add_link(links, &n, root, &w);
    }
    if (a->domain == CORR_NET && a->zone_src >= 0 && a->zone_dst >= 0 && e->zone_mark) {
        const corr_zone_mark *mk = &e->zone_mark[a->zone_src];
        int jewel;
        if (mk->group != CORR_NONE && mk->ts >= cutoff && mk->ts <= horizon && corr_graph_closer(e, a->zone_src, a->zone_dst, &jewel)) {
            uint32_t root = resolve(e, mk->group, mk->gen);
            if (root != CORR_NONE) {
                corr_why w = { .kind = WHY_GRAPH, .rule_then = mk->rule, .ts_then = mk->ts,
                               .role_then = CR_TARGET, .role_now = CR_TARGET };
                set_value(w.value, e->m->zones[a->zone_src].id);
                set_value(w.value2, e->m->zones[a->zone_dst].id);
                add_link(links, &n, root, &w);
            }
        }
    }
    return n;
}

/* --- growing a group ------------------------------------------------------------ */

static int lowest_bit(uint32_t m)
{
    for (int i = 0; i < 32; i++)
        if (m & (1u << i)) return i;
    return -1;
}

static int highest_bit(uint32_t m)
{
    for (int i = 31; i >= 0; i--)
        if (m & (1u << i)) return i;
    return -1;
}

static void note_tactics(struct corr_group *g, uint32_t mask)
{
    if (!mask) return;
    if (g->first_tactic < 0) g->first_tactic = lowest_bit(mask);
    else if (highest_bit(mask) > g->first_tactic) g->progressed = true;
    g->tactics |= mask;
}

static void add_rule(corr_engine *e, struct corr_group *g, uint16_t rule, uint8_t sev, uint32_t count)
{
    for (uint32_t i = 0; i < g->n_rules; i++)
        if (g->rules[i] == rule) {
            g->rule_count[i] += count;
            if (sev > g->rule_sev[i]) g->rule_sev[i] = sev;
            return;
        }
    if (g->n_rules >= CORR_GROUP_RULES) {
        g->rules_dropped++;
        return;
    }
    g->rules[g->n_rules] = rule;
    g->rule_count[g->n_rules] = count;
    g->rule_sev[g->n_rules++] = sev;
    (void)e;
}

static int asset_rank(const model_asset *x)
{
    return (int)x->criticality * 4 + (x->impact.safety ? 2 : 0) + (x->impact.teu_per_hour > 0 ? 1 : 0);
}

static void add_asset(corr_engine *e, struct corr_group *g, int32_t idx)
{
    for (uint32_t i = 0; i < g->n_assets; i++)
        if (g->assets[i] == idx) return;
    if (g->n_assets < CORR_GROUP_ASSETS) {
        g->assets[g->n_assets++] = idx;
        return;
    }
    /* full: the least critical gives way */
    uint32_t worst = 0;
    for (uint32_t i = 1; i < g->n_assets; i++)
        if (asset_rank(&e->m->assets[g->assets[i]]) < asset_rank(&e->m->assets[g->assets[worst]])) worst = i;
    if (asset_rank(&e->m->assets[idx]) > asset_rank(&e->m->assets[g->assets[worst]])) g->assets[worst] = idx;
}

static void note_hops(struct corr_group *g, int hops)
{
    if (hops >= 0 && (g->hops < 0 || hops < g->hops)) g->hops = hops;
}

static void note_alert(corr_engine *e, struct corr_group *g, const corr_alert *a, uint16_t rule, uint32_t tactics)
{
    if (!g->n_alerts || a->ts < g->first_ts) g->first_ts = a->ts;
    if (a->ts > g->last_ts) g->last_ts = a->ts;
    g->n_alerts++;
    g->domains |= 1u << a->domain;
    if (a->severity > g->max_sev) g->max_sev = a->severity;
    add_rule(e, g, rule, a->severity, 1);
    note_tactics(g, tactics);
    if (!e->m) return;
    for (size_t i = 0; i < a->n_ent; i++) {
        const corr_entity *x = &a->ent[i];
        if (x->kind == CE_ASSET) {
            const model_asset *m = model_asset_by_id(e->m, x->value);
            if (!m) continue;
            add_asset(e, g, (int32_t)(m - e->m->assets));
            if (x->role != CR_SOURCE && m->criticality == CRIT_CROWN_JEWEL) g->crown_jewel = true;
        } else if (x->kind == CE_ZONE && x->role != CR_SOURCE) {
            const model_zone *z = model_zone_by_id(e->m, x->value);
            if (z) note_hops(g, corr_graph_hops(e, (int)(z - e->m->zones)));
        }
    }
    note_hops(g, corr_graph_hops(e, a->zone_dst));
}

static void add_evidence(corr_engine *e, struct corr_group *g, const corr_alert *a, uint16_t rule, uint32_t tactics,
                         const corr_why *whys, size_t n_why)
{
    if (g->n_ev >= e->cfg.max_evidence || e->free_ev == CORR_NONE) {
        g->ev_dropped++;
        e->st.evidence_dropped++;
        return;
    }
    uint32_t i = e->free_ev;
    corr_evidence *v = &e->ev[i];
    e->free_ev = v->next;
    memset(v, 0, sizeof *v);
    v->ts = a->ts;
    v->key = a->key;
    v->rule = rule;
    v->domain = (uint8_t)a->domain;
    v->severity = a->severity;
    v->tactics = tactics;
    v->next = CORR_NONE;
    for (size_t k = 0; k < n_why && k < CORR_MAX_WHY; k++) v->why[v->n_why++] = whys[k];
    memcpy(v->ref, a->ref, sizeof v->ref);
    v->ref[CORR_REF_MAX - 1] = 0;
    if (g->ev_tail == CORR_NONE) g->ev_head = i;
    else e->ev[g->ev_tail].next = i;
    g->ev_tail = i;
    g->n_ev++;
}

/* Appends `o`'s evidence list to `p`'s in time order (both lists are
 * sorted: alerts are added in time order). */
static void merge_evidence(corr_engine *e, struct corr_group *p, struct corr_group *o)
{
    uint32_t a = p->ev_head, b = o->ev_head, head = CORR_NONE, tail = CORR_NONE, n = 0;
    while (a != CORR_NONE || b != CORR_NONE) {
        uint32_t take;
        if (b == CORR_NONE || (a != CORR_NONE && (e->ev[a].ts < e->ev[b].ts ||
                                                  (e->ev[a].ts == e->ev[b].ts && e->ev[a].key <= e->ev[b].key)))) {
            take = a;
            a = e->ev[a].next;
        } else {
            take = b;
            b = e->ev[b].next;
        }
        if (n >= e->cfg.max_evidence) {
            e->ev[take].next = e->free_ev;
            e->free_ev = take;
            p->ev_dropped++;
            e->st.evidence_dropped++;
            continue;
        }
        e->ev[take].next = CORR_NONE;
        if (tail == CORR_NONE) head = take;
        else e->ev[tail].next = take;
        tail = take;
        n++;
    }
    p->ev_head = head;
    p->ev_tail = tail;
    p->n_ev = n;
    o->ev_head = o->ev_tail = CORR_NONE;
    o->n_ev = 0;
}

static void merge_into(corr_engine *e, uint32_t ps, uint32_t os)
{
    struct corr_group *p = &e->groups[ps], *o = &e->groups[os];
    merge_evidence(e, p, o);
    p->ev_dropped += o->ev_dropped;
    if (o->first_ts < p->first_ts) p->first_ts = o->first_ts;
    if (o->last_ts > p->last_ts) p->last_ts = o->last_ts;
    p->n_alerts += o->n_alerts;
    p->domains |= o->domains;
    if (o->max_sev > p->max_sev) p->max_sev = o->max_sev;
    for (uint32_t i = 0; i < o->n_rules; i++) add_rule(e, p, o->rules[i], o->rule_sev[i], o->rule_count[i]);
    p->rules_dropped += o->rules_dropped;
    if (p->first_tactic < 0) p->first_tactic = o->first_tactic;
    else if (o->tactics && highest_bit(o->tactics) > p->first_tactic) p->progressed = true;
    p->progressed |= o->progressed;
    p->tactics |= o->tactics;
    for (uint32_t i = 0; i < o->n_assets; i++) add_asset(e, p, o->assets[i]);
    note_hops(p, o->hops);
    p->crown_jewel |= o->crown_jewel;
    p->pivot |= o->pivot;
    p->graph |= o->graph;
    if (o->promoted && e->fn) e->fn(e->user, e, o, CORR_EMIT_MERGED);
    o->promoted = false;
    p->changed = true;
    o->forward = ps;
    o->forward_gen = p->gen;
    e->st.merges++;
}

static uint32_t popcount(uint32_t m)
{
    uint32_t n = 0;
    for (; m; m &= m - 1) n++;
    return n;
}

static int link_cmp_age(const corr_engine *e, uint32_t a, uint32_t b)
{
    const struct corr_group *x = &e->groups[a], *y = &e->groups[b];
    if (x->first_ts != y->first_ts) return x->first_ts < y->first_ts ? -1 : 1;
    return x->id_key < y->id_key ? -1 : x->id_key > y->id_key;
}

static void sweep(corr_engine *e, sw_time_us now)
{
    close_older(e, now - e->cfg.window - 1, false);
    e->next_sweep = now + (e->cfg.window / 8 > 0 ? e->cfg.window / 8 : 1);
}

static void process(corr_engine *e, const corr_alert *a)
{
    if (e->any_released && a->ts == e->released && a->key == e->released_key) {
        e->st.duplicates++;
        return;
    }
    if (!e->any_released || a->ts >= e->released) {
        e->released = a->ts;
        e->released_key = a->key;
    }
    e->any_released = true;
    sw_time_us now = e->released;
    if (now >= e->next_sweep) sweep(e, now);

    link links[MAX_LINKS];
    size_t n = find_links(e, a, a->ts, links);
    /* oldest group first: it keeps its id and absorbs the others */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && link_cmp_age(e, links[j].root, links[j - 1].root) < 0; j--) {
            link t = links[j];
            links[j] = links[j - 1];
            links[j - 1] = t;
        }
    uint32_t ps;
    if (n) {
        ps = links[0].root;
        for (size_t i = 1; i < n; i++) merge_into(e, ps, links[i].root);
        e->st.linked++;
    } else {
        ps = group_alloc(e, now);
        if (ps == CORR_NONE) return;
        e->groups[ps].id_key = a->key;
        e->st.groups_opened++;
    }
    struct corr_group *g = &e->groups[ps];
    uint16_t rule = rule_intern(e, a->rule);
    uint32_t tactics = 0;
    for (size_t i = 0; i < a->n_tech; i++) tactics |= corr_technique_tactics(a->tech[i]);
    corr_why whys[CORR_MAX_WHY];
    size_t n_why = 0;
    for (size_t i = 0; i < n && n_why < CORR_MAX_WHY; i++) {
        whys[n_why++] = links[i].why;
        if (links[i].why.kind == WHY_PIVOT) g->pivot = true;
        if (links[i].why.kind == WHY_GRAPH) g->graph = true;
    }
    note_alert(e, g, a, rule, tactics);
    add_evidence(e, g, a, rule, tactics, whys, n_why);

    for (size_t i = 0; i < a->n_ent; i++) {
        const corr_entity *x = &a->ent[i];
        uint8_t cls = 0;
        if (x->kind == CE_ZONE) {
            if (a->domain == CORR_NET ? x->role == CR_SUBJECT : x->role != CR_SUBJECT) continue;
            cls = zone_class(a->domain);
        }
        entity_put(e, x->kind, cls, x->value, x->role, ps, rule, a->ts);
    }
    if (a->domain == CORR_NET && a->zone_dst >= 0 && e->zone_mark)
        e->zone_mark[a->zone_dst] = (corr_zone_mark){ a->ts, ps, g->gen, rule };

    if (!g->promoted && (g->n_rules + g->rules_dropped >= e->cfg.min_rules ||
                         (g->n_alerts >= 2 && popcount(g->domains) >= 2))) {
        g->promoted = true;
        e->st.candidates++;
    }
    g->changed = true;
    if (g->promoted && e->fn) e->fn(e->user, e, g, CORR_EMIT_UPDATE);
}

/* --- the public face ----------------------------------------------------------- */

corr_engine *corr_create(const port_model *m, const corr_config *cfg, corr_candidate_fn fn, void *user, sw_error *err)
{
    corr_config c;
    if (cfg) c = *cfg;
    else corr_config_default(&c);
    if (c.window <= 0 || c.reorder < 0 || c.reorder_capacity < 1 || c.groups < 16 || c.groups >= CORR_NONE ||
        c.evidence < 16 || c.evidence >= CORR_NONE || c.entities < 64 || c.entities > (1u << 30) ||
        c.max_evidence < 1 || c.min_rules < 1) {
        sw_fail(err, SW_ERR_USAGE, "correlation limits out of range (window > 0, groups and evidence >= 16, "
                                   "entities 64..2^30, reorder capacity, max evidence and min rules >= 1)");
        return NULL;
    }
    uint32_t ents = 64;
    while (ents < c.entities) ents <<= 1;
    c.entities = ents;
    corr_engine *e = calloc(1, sizeof *e);
    if (!e) goto nomem;
    e->m = m;
    e->cfg = c;
    e->fn = fn;
    e->user = user;
    e->heap = malloc((size_t)c.reorder_capacity * sizeof *e->heap);
    e->groups = calloc(c.groups, sizeof *e->groups);
    e->ents = calloc(ents, sizeof *e->ents);
    e->ents_scratch = malloc((size_t)ents / 2 * sizeof *e->ents_scratch);
    e->ev = malloc((size_t)c.evidence * sizeof *e->ev);
    e->rule_names = malloc(CORR_RULE_TABLE * sizeof *e->rule_names);
    e->rule_slots = calloc(2 * CORR_RULE_TABLE, sizeof *e->rule_slots);
    if (!e->heap || !e->groups || !e->ents || !e->ents_scratch || !e->ev || !e->rule_names || !e->rule_slots ||
        !corr_graph_build(e)) {
        corr_destroy(e);
        goto nomem;
    }
    e->ent_mask = ents - 1;
    strcpy(e->rule_names[0], "(other)");     /* index 0: what the rule table had no room for */
    e->n_rule_names = 1;
    e->free_group = CORR_NONE;
    for (uint32_t i = c.groups; i-- > 0;) {
        e->groups[i].forward = CORR_NONE;
        e->groups[i].free_next = e->free_group;
        e->free_group = i;
    }
    e->free_ev = CORR_NONE;
    for (uint32_t i = c.evidence; i-- > 0;) {
        e->ev[i].next = e->free_ev;
        e->free_ev = i;
    }
    e->st.memory = sizeof *e + (size_t)c.reorder_capacity * sizeof *e->heap + (size_t)c.groups * sizeof *e->groups +
                   (size_t)ents * sizeof *e->ents * 3 / 2 + (size_t)c.evidence * sizeof *e->ev +
                   CORR_RULE_TABLE * (sizeof *e->rule_names + 2 * sizeof *e->rule_slots) +
                   e->n_zones * e->n_zones + e->n_zones * sizeof *e->zone_mark +
                   e->n_jewel_zones * e->n_zones * sizeof *e->dist;
    return e;
nomem:
    sw_fail(err, SW_ERR_NOMEM, "out of memory for the correlation tables");
    return NULL;
}

void corr_destroy(corr_engine *e)
{
    if (!e) return;
    corr_graph_free(e);
    free(e->heap);
    free(e->groups);
    free(e->ents);
    free(e->ents_scratch);
    free(e->ev);
    free(e->rule_names);
    free(e->rule_slots);
    free(e);
}

/* Processes what the reorder buffer holds that is `reorder` older than `now`. */
static void release_until(corr_engine *e, sw_time_us now)
{
    corr_alert x;
    while (e->n_heap && e->heap[0].ts <= now - e->cfg.reorder) {
        heap_pop(e, &x);
        process(e, &x);
    }
}

void corr_add(corr_engine *e, const corr_alert *a)
{
    corr_alert x;
    e->st.alerts++;
    if (e->any_released && before(a, &(corr_alert){ .ts = e->released, .key = e->released_key })) e->st.late++;
    if (e->n_heap == e->cfg.reorder_capacity) {
        heap_pop(e, &x);
        e->st.reorder_forced++;
        process(e, &x);
    }
    heap_push(e, a);
    if (a->ts > e->newest || e->n_heap == 1) e->newest = a->ts > e->newest ? a->ts : e->newest;
    release_until(e, e->cfg.clocked || e->clock > e->newest ? e->clock : e->newest);
}

void corr_advance(corr_engine *e, sw_time_us now)
{
    if (now > e->clock) e->clock = now;
    release_until(e, e->clock);
}

void corr_snapshot(corr_engine *e, corr_candidate_fn fn, void *user)
{
    for (uint32_t i = 0; i < e->cfg.groups; i++) {
        struct corr_group *g = &e->groups[i];
        if (!g->live || g->forward != CORR_NONE || !g->changed) continue;
        g->changed = false;
        if (g->promoted && fn) fn(user, e, g, CORR_EMIT_UPDATE);
    }
}

/* Bottom-up merge sort of group slots by age (qsort has no context). */
static void sort_by_age(const corr_engine *e, uint32_t *v, uint32_t *tmp, uint32_t n)
{
    for (uint32_t w = 1; w < n; w *= 2) {
        for (uint32_t lo = 0; lo < n; lo += 2 * w) {
            uint32_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            uint32_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) tmp[k++] = link_cmp_age(e, v[j], v[i]) < 0 ? v[j++] : v[i++];
            while (i < mid) tmp[k++] = v[i++];
            while (j < hi) tmp[k++] = v[j++];
        }
        memcpy(v, tmp, (size_t)n * sizeof *v);
    }
}

void corr_flush(corr_engine *e)
{
    corr_alert x;
    while (e->n_heap) {
        heap_pop(e, &x);
        process(e, &x);
    }
    /* close in age order so the last emissions do not depend on slot layout */
    uint32_t *order = malloc(2 * (size_t)e->cfg.groups * sizeof *order), n = 0;
    if (order) {
        for (uint32_t i = 0; i < e->cfg.groups; i++)
            if (e->groups[i].live && e->groups[i].forward == CORR_NONE) order[n++] = i;
        sort_by_age(e, order, order + e->cfg.groups, n);
        for (uint32_t i = 0; i < n; i++) close_group(e, order[i]);
        free(order);
    }
    close_older(e, INT64_MAX, false);           /* the forwarders */
    e->next_sweep = 0;
}

const corr_stats *corr_get_stats(const corr_engine *e)
{
    return &e->st;
}

const port_model *corr_model(const corr_engine *e)
{
    return e->m;
}
