/* track.c - the vessel table: fixed slots, an open-addressing MMSI index
 * with backward-shift deletion, and an intrusive LRU list (track.h). */
#include "ais/track.h"
#include <stdlib.h>
#include <string.h>

struct ais_tracker {
    ais_vessel *v;                  /* capacity slots */
    uint32_t *index;                /* mask+1 entries: slot + 1, 0 empty */
    uint32_t mask, capacity, used;
    uint32_t lru_old, lru_new;      /* ends of the list */
    ais_evict_fn on_evict;
    void *user;
    ais_tracker_stats stats;
};

const char *ais_class_name(ais_class c)
{
    static const char *const names[AIS_CLASS__COUNT] = { "unknown", "A", "B-SO", "B-CS", "base", "aton", "sar" };
    return (unsigned)c < AIS_CLASS__COUNT ? names[c] : "unknown";
}

static bool latlon_ok(int32_t lat, int32_t lon, double div)
{
    double la = lat / div, lo = lon / div;
    return la >= -90.0 && la <= 90.0 && lo >= -180.0 && lo <= 180.0;
}

bool ais_msg_position(const ais_msg *m, ais_fix *f)
{
    memset(f, 0, sizeof *f);
    f->sog = AIS_SPEED_NOT_AVAILABLE;
    f->cog = AIS_COURSE_NOT_AVAILABLE;
    f->second = 60;
    f->type = m->type;
    switch (m->type) {
    case 1: case 2: case 3:
        f->lat = m->u.pos.lat; f->lon = m->u.pos.lon;
        f->sog = m->u.pos.speed; f->cog = m->u.pos.course; f->second = m->u.pos.second;
        break;
    case 4: case 11:
        f->lat = m->u.base.lat; f->lon = m->u.base.lon; f->second = m->u.base.second;
        break;
    case 9:
        f->lat = m->u.sar.lat; f->lon = m->u.sar.lon; f->cog = m->u.sar.course; f->second = m->u.sar.second;
        /* knots, not tenths: aircraft fly faster than the field's tenths allow */
        if (m->u.sar.speed < 1023) f->sog = (uint16_t)(m->u.sar.speed > 102 ? 1022 : m->u.sar.speed * 10);
        break;
    case 18: case 19:
        f->lat = m->u.classb.lat; f->lon = m->u.classb.lon;
        f->sog = m->u.classb.speed; f->cog = m->u.classb.course; f->second = m->u.classb.second;
        break;
    case 21:
        f->lat = m->u.aton.lat; f->lon = m->u.aton.lon; f->sog = 0; f->second = m->u.aton.second;
        break;
    case 27:
        /* 1/10 minute, whole knots and degrees */
        if (m->u.longrange.lat == 91 * 600 || m->u.longrange.lon == 181 * 600) return false;
        f->lat = m->u.longrange.lat * 1000; f->lon = m->u.longrange.lon * 1000;
        if (m->u.longrange.speed < 63) f->sog = (uint16_t)(m->u.longrange.speed * 10);
        if (m->u.longrange.course < 360) f->cog = (uint16_t)(m->u.longrange.course * 10);
        break;
    default:
        return false;
    }
    if (f->lat == AIS_LAT_NOT_AVAILABLE || f->lon == AIS_LON_NOT_AVAILABLE) return false;
    return latlon_ok(f->lat, f->lon, AIS_LATLON_DIV);
}

ais_class ais_msg_class(const ais_msg *m)
{
    switch (m->type) {
    case 1: case 2: case 3: case 5: return AIS_CLASS_A;
    case 18: return m->u.classb.cs ? AIS_CLASS_B_CS : AIS_CLASS_B_SO;
    case 19: return AIS_CLASS_B_SO;
    case 4: return AIS_CLASS_BASE;
    case 21: return AIS_CLASS_ATON;
    case 9: return AIS_CLASS_SAR;
    default: return AIS_CLASS_UNKNOWN;
    }
}

const ais_fix *ais_vessel_last_fix(const ais_vessel *v)
{
    if (!v->nfix) return NULL;
    return &v->fixes[(v->fix_head + v->nfix - 1u) % AIS_TRACK_FIXES];
}

static uint32_t hash_mmsi(uint32_t mmsi)
{
    uint32_t h = mmsi * 0x9E3779B1u;
    return h ^ (h >> 15);
}

ais_tracker *ais_tracker_create(uint32_t capacity, ais_evict_fn on_evict, void *user)
{
    if (capacity == 0 || capacity > (1u << 28)) return NULL;
    ais_tracker *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    uint32_t n = 16;
    while (n < capacity * 2u) n <<= 1;      /* load factor at most 1/2 */
    t->v = calloc(capacity, sizeof *t->v);
    t->index = calloc(n, sizeof *t->index);
    if (!t->v || !t->index) { ais_tracker_destroy(t); return NULL; }
    t->mask = n - 1;
    t->capacity = capacity;
    t->lru_old = t->lru_new = AIS_TRACK_NONE;
    t->on_evict = on_evict;
    t->user = user;
    t->stats.capacity = capacity;
    t->stats.memory = sizeof *t + (size_t)capacity * sizeof *t->v + (size_t)n * sizeof *t->index;
    return t;
}

void ais_tracker_destroy(ais_tracker *t)
{
    if (!t) return;
    free(t->v);
    free(t->index);
    free(t);
}

const ais_tracker_stats *ais_tracker_get_stats(const ais_tracker *t) { return &t->stats; }
uint32_t ais_tracker_index(const ais_tracker *t, const ais_vessel *v) { return (uint32_t)(v - t->v); }
ais_vessel *ais_tracker_at(ais_tracker *t, uint32_t i) { return i < t->used ? &t->v[i] : NULL; }
ais_vessel *ais_tracker_oldest(ais_tracker *t) { return t->lru_old == AIS_TRACK_NONE ? NULL : &t->v[t->lru_old]; }

ais_vessel *ais_tracker_newer(ais_tracker *t, const ais_vessel *v)
{
    return v->lru_next == AIS_TRACK_NONE ? NULL : &t->v[v->lru_next];
}

static uint32_t *index_probe(ais_tracker *t, uint32_t mmsi)
{
    uint32_t i = hash_mmsi(mmsi) & t->mask;
    for (;;) {
        uint32_t s = t->index[i];
        if (s == 0 || t->v[s - 1].mmsi == mmsi) return &t->index[i];
        i = (i + 1) & t->mask;
    }
}

ais_vessel *ais_tracker_find(ais_tracker *t, uint32_t mmsi)
{
    uint32_t s = *index_probe(t, mmsi);
    return s ? &t->v[s - 1] : NULL;
}

/* Backward-shift deletion keeps every probe chain unbroken without tombstones. */
static void index_remove(ais_tracker *t, uint32_t mmsi)
{
    uint32_t i = (uint32_t)(index_probe(t, mmsi) - t->index);
    if (!t->index[i]) return;
    t->index[i] = 0;
    for (uint32_t j = (i + 1) & t->mask; t->index[j]; j = (j + 1) & t->mask) {
        uint32_t home = hash_mmsi(t->v[t->index[j] - 1].mmsi) & t->mask;
        /* move j back to i when its home is not in the cyclic range (i, j] */
        bool in_range = i <= j ? (home > i && home <= j) : (home > i || home <= j);
        if (!in_range) {
            t->index[i] = t->index[j];
            t->index[j] = 0;
            i = j;
        }
    }
}

static void lru_unlink(ais_tracker *t, ais_vessel *v)
{
    if (v->lru_prev != AIS_TRACK_NONE) t->v[v->lru_prev].lru_next = v->lru_next;
    else t->lru_old = v->lru_next;
    if (v->lru_next != AIS_TRACK_NONE) t->v[v->lru_next].lru_prev = v->lru_prev;
    else t->lru_new = v->lru_prev;
}

static void lru_push_new(ais_tracker *t, ais_vessel *v, uint32_t idx)
{
    v->lru_prev = t->lru_new;
    v->lru_next = AIS_TRACK_NONE;
    if (t->lru_new != AIS_TRACK_NONE) t->v[t->lru_new].lru_next = idx;
    else t->lru_old = idx;
    t->lru_new = idx;
}

ais_vessel *ais_tracker_get(ais_tracker *t, uint32_t mmsi, bool *created)
{
    uint32_t *slot = index_probe(t, mmsi);
    if (*slot) {
        uint32_t idx = *slot - 1;
        ais_vessel *v = &t->v[idx];
        if (t->lru_new != idx) {
            lru_unlink(t, v);
            lru_push_new(t, v, idx);
        }
        *created = false;
        return v;
    }
    uint32_t idx, gen = 0;
    if (t->used < t->capacity) {
        idx = t->used++;
        t->stats.live++;
    } else {
        idx = t->lru_old;
        ais_vessel *old = &t->v[idx];
        if (t->on_evict) t->on_evict(t->user, old);
        t->stats.evicted++;
        gen = old->gen + 1;
        index_remove(t, old->mmsi);
        lru_unlink(t, old);
        slot = index_probe(t, mmsi);   /* the removal may have moved entries */
    }
    ais_vessel *v = &t->v[idx];
    memset(v, 0, sizeof *v);
    v->mmsi = mmsi;
    v->gen = gen;
    v->first_seen_ms = v->last_seen_ms = AIS_NO_TIME;
    v->heading = AIS_HEADING_NOT_AVAILABLE;
    v->nav_status = 15;
    *slot = idx + 1;
    lru_push_new(t, v, idx);
    t->stats.created++;
    *created = true;
    return v;
}

/* An empty field says "not available": it never erases what was known. */
static void copy_text(char *dst, size_t cap, const char *src)
{
    size_t n = strnlen(src, cap - 1);
    if (!n) return;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static void set_dims(ais_vessel *v, uint16_t bow, uint16_t stern, uint8_t port, uint8_t starboard)
{
    if (!bow && !stern && !port && !starboard) return;
    v->to_bow = bow; v->to_stern = stern;
    v->to_port = port; v->to_starboard = starboard;
}

static void apply_static(ais_vessel *v, const ais_msg *m, uint64_t line)
{
    bool said;   /* the message carried some identity (the line evidence points at) */
    switch (m->type) {
    case 5: {
        const __typeof__(m->u.voyage) *p = &m->u.voyage;
        said = p->shipname[0] || p->callsign[0] || p->imo;
        copy_text(v->name, sizeof v->name, p->shipname);
        copy_text(v->callsign, sizeof v->callsign, p->callsign);
        copy_text(v->destination, sizeof v->destination, p->destination);
        if (p->imo) v->imo = p->imo;
        if (p->shiptype) v->shiptype = p->shiptype;
        set_dims(v, p->to_bow, p->to_stern, p->to_port, p->to_starboard);
        if (p->draught) v->draught = p->draught;
        v->eta_month = p->month; v->eta_day = p->day; v->eta_hour = p->hour; v->eta_minute = p->minute;
        break;
    }
    case 19:
        said = m->u.classb.shipname[0] != '\0';
        copy_text(v->name, sizeof v->name, m->u.classb.shipname);
        if (m->u.classb.shiptype) v->shiptype = m->u.classb.shiptype;
        set_dims(v, m->u.classb.to_bow, m->u.classb.to_stern, m->u.classb.to_port, m->u.classb.to_starboard);
        break;
    case 24: {
        const __typeof__(m->u.static24) *p = &m->u.static24;
        said = (p->part != AIS24_B && p->shipname[0]) || (p->part != AIS24_A && (p->callsign[0] || p->shiptype));
        if (p->part != AIS24_B) copy_text(v->name, sizeof v->name, p->shipname);
        if (p->part != AIS24_A) {
            copy_text(v->callsign, sizeof v->callsign, p->callsign);
            if (p->shiptype) v->shiptype = p->shiptype;
            if (!ais_mmsi_is_auxiliary(m->mmsi)) set_dims(v, p->to_bow, p->to_stern, p->to_port, p->to_starboard);
        }
        break;
    }
    case 21:
        said = m->u.aton.name[0] != '\0';
        copy_text(v->name, sizeof v->name, m->u.aton.name);
        v->shiptype = m->u.aton.aid_type;
        v->to_bow = m->u.aton.to_bow; v->to_stern = m->u.aton.to_stern;
        v->to_port = m->u.aton.to_port; v->to_starboard = m->u.aton.to_starboard;
        break;
    default:
        return;
    }
    v->has_static = true;
    if (said || !v->static_line) v->static_line = line;
}

void ais_tracker_apply(ais_tracker *t, ais_vessel *v, const ais_msg *m, const ais_meta *meta, int64_t t_ms)
{
    t->stats.updates++;
    uint64_t line = meta ? meta->line_last : 0;
    if (!v->messages) v->first_line = line;
    v->messages++;
    v->last_line = line;
    v->dirty = true;
    if (m->type < 32) v->types_seen |= 1u << m->type;
    if (t_ms != AIS_NO_TIME) {
        if (v->first_seen_ms == AIS_NO_TIME || t_ms < v->first_seen_ms) v->first_seen_ms = t_ms;
        if (v->last_seen_ms == AIS_NO_TIME || t_ms > v->last_seen_ms) v->last_seen_ms = t_ms;
    }
    ais_class c = ais_msg_class(m);
    if (c != AIS_CLASS_UNKNOWN) v->cls = c;
    ais_fix f;
    if (ais_msg_position(m, &f)) {
        f.t_ms = t_ms;
        f.line = line;
        if (v->nfix < AIS_TRACK_FIXES) v->nfix++;
        else v->fix_head = (uint8_t)((v->fix_head + 1u) % AIS_TRACK_FIXES);
        v->fixes[(v->fix_head + v->nfix - 1u) % AIS_TRACK_FIXES] = f;
        v->positions++;
        if (m->type <= 3) {
            v->heading = m->u.pos.heading;
            v->nav_status = m->u.pos.status;
        } else if (m->type == 18 || m->type == 19) {
            v->heading = m->u.classb.heading;
        }
    }
    apply_static(v, m, line);
}
