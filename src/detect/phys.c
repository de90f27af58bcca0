/* phys.c - the physical-security family: badge and video events judged
 * against the model (people's status, shifts and areas; reader areas and
 * positions; camera coverage), joined with remote logins and camera streams
 * the network sensor saw. Fixed tables sized at creation; the model's people
 * and assets are indexed on first use. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "detect/phys_internal.h"
#include "net/proto/proto.h"

#define PHYS_PEOPLE_MAX 8192          /* people tracked for travel and remote logins */
#define PHYS_INDEX_SLOTS 32768        /* badge, account and name index (power of two) */
#define PHYS_CAMERAS_MAX 4096         /* cameras whose wire activity is tracked */
#define US 1000000.0

typedef struct person_state {
    sw_time_us badge_ts;              /* last badge use on site (0: none) */
    int badge_reader;                 /* asset index, -1 when not a modelled reader */
    uint64_t badge_line;
    sw_time_us remote_ts;             /* last remote login (0: none) */
    uint64_t remote_frame;
    ip_addr remote_ip;
    char remote_user[PHYS_VALUE_MAX];
} person_state;

typedef struct camera_state {
    int asset;                        /* -1: empty slot */
    sw_time_us wire_ts;               /* last RTSP/ONVIF activity */
    uint64_t wire_frame;
    sw_time_us stream_ts;             /* last RTSP packet from the camera (0: never streamed) */
    bool silence_reported;
} camera_state;

typedef struct phys_state {
    bool indexed;
    const sw_tz *tz;
    uint32_t badge_slot[PHYS_INDEX_SLOTS];    /* person index + 1 */
    uint32_t account_slot[PHYS_INDEX_SLOTS];  /* person index + 1 */
    uint32_t name_slot[PHYS_INDEX_SLOTS];     /* reader/camera asset index + 1, by name */
    person_state people[PHYS_PEOPLE_MAX];
    camera_state cameras[PHYS_CAMERAS_MAX];
    size_t n_cameras;
    sw_time_us last_sweep;
    sw_time_us last_packet;           /* any packet: a gap this long is the capture's, not the cameras' */
    int rtsp_app;                     /* the RTSP parser's index, -1 when not built in */
} phys_state;

static size_t phys_state_size(const detect_config *cfg)
{
    (void)cfg;
    return sizeof(phys_state);
}

static uint64_t hash_str(const char *s) { return detect_hash_bytes(s, strlen(s), 0x9e3779b9); }

static void index_put(uint32_t *slots, const char *key, uint32_t value)
{
    if (!key || !key[0]) return;
    uint32_t i = (uint32_t)hash_str(key) & (PHYS_INDEX_SLOTS - 1);
    for (uint32_t k = 0; k < PHYS_INDEX_SLOTS / 2; k++, i = (i + 1) & (PHYS_INDEX_SLOTS - 1))
        if (!slots[i]) { slots[i] = value; return; }
}

/* Probes until an empty slot; `match` confirms the candidate (hashes collide). */
static int index_get(const uint32_t *slots, const char *key, bool (*match)(const port_model *, uint32_t, const char *),
                     const port_model *m)
{
    if (!key || !key[0]) return -1;
    uint32_t i = (uint32_t)hash_str(key) & (PHYS_INDEX_SLOTS - 1);
    for (uint32_t k = 0; k < PHYS_INDEX_SLOTS / 2 && slots[i]; k++, i = (i + 1) & (PHYS_INDEX_SLOTS - 1))
        if (match(m, slots[i] - 1, key)) return (int)(slots[i] - 1);
    return -1;
}

const char *detect_phys_account(const char *user, char out[PHYS_VALUE_MAX])
{
    const char *s = user, *bs = strrchr(user, '\\');
    if (bs) s = bs + 1;
    size_t n = strcspn(s, "@");
    if (n >= PHYS_VALUE_MAX) n = PHYS_VALUE_MAX - 1;
    for (size_t i = 0; i < n; i++) out[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    out[n] = '\0';
    return out;
}

static bool badge_match(const port_model *m, uint32_t i, const char *key)
{
    return m->people[i].badge && !strcmp(m->people[i].badge, key);
}

static bool account_match(const port_model *m, uint32_t i, const char *key)
{
    const model_person *p = &m->people[i];
    char buf[PHYS_VALUE_MAX];
    for (size_t k = 0; k < p->accounts.len; k++)
        if (!strcmp(detect_phys_account(p->accounts.items[k], buf), key)) return true;
    return false;
}

static bool name_match(const port_model *m, uint32_t i, const char *key)
{
    return m->assets[i].name && !strcmp(m->assets[i].name, key);
}

static bool phys_kind_asset(const model_asset *a)
{
    return a->kind && (!strcmp(a->kind, "camera") || !strcmp(a->kind, "badge-reader") || !strcmp(a->kind, "door") ||
                       !strcmp(a->kind, "turnstile"));
}

static void build_index(detect_engine *e, phys_state *st)
{
    const port_model *m = e->m;
    for (size_t i = 0; i < m->n_people && i < UINT32_MAX - 1; i++) {
        const model_person *p = &m->people[i];
        if (p->badge && index_get(st->badge_slot, p->badge, badge_match, m) < 0) index_put(st->badge_slot, p->badge, (uint32_t)i + 1);
        for (size_t k = 0; k < p->accounts.len; k++) {
            char buf[PHYS_VALUE_MAX];
            detect_phys_account(p->accounts.items[k], buf);
            if (index_get(st->account_slot, buf, account_match, m) < 0) index_put(st->account_slot, buf, (uint32_t)i + 1);
        }
    }
    for (size_t i = 0; i < m->n_assets && i < UINT32_MAX - 1; i++) {
        const model_asset *a = &m->assets[i];
        if (phys_kind_asset(a) && a->name) index_put(st->name_slot, a->name, (uint32_t)i + 1);
        if (a->kind && !strcmp(a->kind, "camera") && st->n_cameras < PHYS_CAMERAS_MAX) {
            camera_state *c = &st->cameras[st->n_cameras++];
            c->asset = (int)i;
        }
    }
    for (size_t i = 0; i < PHYS_PEOPLE_MAX; i++) st->people[i].badge_reader = -1;
    st->rtsp_app = proto_index("rtsp");
    st->indexed = true;
}

static phys_state *state_of(detect_engine *e)
{
    phys_state *st = detect_family_state(e, &detect_family_phys);
    if (st && !st->indexed) build_index(e, st);
    return st;
}

void detect_phys_set_tz(detect_engine *e, const sw_tz *tz)
{
    phys_state *st = state_of(e);
    if (st) st->tz = tz;
}

/* A reader, door or camera named by id or by name. */
static const model_asset *find_device(detect_engine *e, phys_state *st, const char *v)
{
    if (!v[0]) return NULL;
    const model_asset *a = model_asset_by_id(e->m, v);
    if (a) return a;
    int i = index_get(st->name_slot, v, name_match, e->m);
    return i >= 0 ? &e->m->assets[i] : NULL;
}

static const model_person *find_person(detect_engine *e, phys_state *st, const phys_event *ev)
{
    int i = index_get(st->badge_slot, ev->value[PF_BADGE], badge_match, e->m);
    if (i >= 0) return &e->m->people[i];
    if (ev->value[PF_PERSON][0]) {
        const model_person *p = model_person_by_id(e->m, ev->value[PF_PERSON]);
        if (p) return p;
        for (size_t k = 0; k < e->m->n_people; k++)
            if (e->m->people[k].name && !strcmp(e->m->people[k].name, ev->value[PF_PERSON])) return &e->m->people[k];
    }
    return NULL;
}

static uint64_t str_key(const char *s) { return s && s[0] ? hash_str(s) : 0; }

static void phys_alert_init(detect_alert *a, detect_rule_id rule, const phys_event *ev, const char *feed)
{
    memset(a, 0, sizeof *a);
    a->rule = rule;
    a->severity = detect_rules[rule].severity;
    a->ts = ev->ts;
    a->phys = true;
    a->feed = feed;
    a->lines[a->n_lines++] = ev->line;
    snprintf(a->badge, sizeof a->badge, "%s", ev->value[PF_BADGE]);
    snprintf(a->door, sizeof a->door, "%s", ev->value[PF_DOOR][0] ? ev->value[PF_DOOR] : ev->value[PF_READER]);
}

static void set_device(detect_engine *e, detect_alert *a, const model_asset *dev)
{
    if (!dev) return;
    if (dev->kind && !strcmp(dev->kind, "camera")) a->camera = dev;
    else a->reader = dev;
    a->asset_dst = dev;
    if (dev->zone_index >= 0) a->zone_dst = &e->m->zones[dev->zone_index];
    if (dev->n_ips) { a->has_dst = true; a->dst = dev->ips[0]; }
    if (dev->area_index >= 0) a->area = &e->m->access_areas[dev->area_index];
}

static const char *who(const model_person *p, const phys_event *ev)
{
    if (p) return p->name ? p->name : p->id;
    return ev->value[PF_PERSON][0] ? ev->value[PF_PERSON] : "unknown holder";
}

static double distance_m(const model_position *a, const model_position *b, bool *ok)
{
    *ok = false;
    if (a->has_lat && b->has_lat) {
        double r = 6371008.8, la1 = a->lat * M_PI / 180, la2 = b->lat * M_PI / 180;
        double dla = la2 - la1, dlo = (b->lon - a->lon) * M_PI / 180;
        double h = sin(dla / 2) * sin(dla / 2) + cos(la1) * cos(la2) * sin(dlo / 2) * sin(dlo / 2);
        *ok = true;
        return 2 * r * asin(sqrt(h < 1 ? h : 1));
    }
    if (a->has_x && b->has_x) {
        *ok = true;
        return hypot(a->x - b->x, a->y - b->y);
    }
    return 0;   /* no common frame: a reader in degrees and one on a grid are not compared */
}

static bool person_in_area(const model_person *p, int area)
{
    for (size_t i = 0; i < p->areas.len; i++)
        if (p->areas_index && p->areas_index[i] == area) return true;
    return false;
}

static void check_inactive(detect_engine *e, const phys_event *ev, const char *feed, const model_person *p, const model_asset *dev)
{
    if (!p || !p->status || (strcmp(p->status, "left") && strcmp(p->status, "leave"))) return;
    detect_alert a;
    phys_alert_init(&a, RULE_PHYS_BADGE_INACTIVE, ev, feed);
    set_device(e, &a, dev);
    a.person = p;
    bool left = !strcmp(p->status, "left");
    if (!left) a.severity = SEV_MEDIUM;
    snprintf(a.message, sizeof a.message, "badge %s of %s (%s, status %s) %s at %s", ev->value[PF_BADGE], who(p, ev), p->id,
             p->status, phys_kind_name(ev->kind), a.door[0] ? a.door : "an unnamed door");
    detect_raise(e, &a, detect_key(RULE_PHYS_BADGE_INACTIVE, NULL, NULL, 0, str_key(p->id) ^ str_key(a.door)));
}

static void check_travel(detect_engine *e, phys_state *st, const phys_event *ev, const char *feed, const model_person *p,
                         const model_asset *dev)
{
    size_t pi = (size_t)(p - e->m->people);
    if (pi >= PHYS_PEOPLE_MAX || !dev) return;
    person_state *ps = &st->people[pi];
    int di = (int)(dev - e->m->assets);
    if (ps->badge_ts && ps->badge_reader >= 0 && ps->badge_reader != di && ev->ts >= ps->badge_ts) {
        const model_asset *prev = &e->m->assets[ps->badge_reader];
        bool ok;
        double d = distance_m(&prev->position, &dev->position, &ok);
        double dt = (double)(ev->ts - ps->badge_ts) / US;
        if (ok && d >= e->cfg.phys_min_distance && d > e->cfg.phys_max_speed * dt) {
            detect_alert a;
            phys_alert_init(&a, RULE_PHYS_IMPOSSIBLE_TRAVEL, ev, feed);
            set_device(e, &a, dev);
            a.person = p;
            a.asset_src = prev;
            if (prev->zone_index >= 0) a.zone_src = &e->m->zones[prev->zone_index];
            a.lines[a.n_lines++] = ps->badge_line;
            snprintf(a.message, sizeof a.message,
                     "badge %s of %s at %s then %s: %.0f m in %.0f s (%.1f m/s, more than %.1f m/s)", ev->value[PF_BADGE],
                     who(p, ev), prev->id, dev->id, d, dt, dt > 0 ? d / dt : INFINITY, e->cfg.phys_max_speed);
            detect_raise(e, &a, detect_key(RULE_PHYS_IMPOSSIBLE_TRAVEL, NULL, NULL, 0, str_key(p->id)));
        }
    }
    if (ev->ts >= ps->badge_ts) {
        ps->badge_ts = ev->ts;
        ps->badge_reader = di;
        ps->badge_line = ev->line;
    }
}

static void check_sensitive_entry(detect_engine *e, phys_state *st, const phys_event *ev, const char *feed,
                                  const model_person *p, const model_asset *dev)
{
    if (!p || !dev || dev->area_index < 0) return;
    const model_access_area *area = &e->m->access_areas[dev->area_index];
    if (!model_area_kind_sensitive(area->kind)) return;
    bool unauthorised = p->areas.len && !person_in_area(p, dev->area_index);
    bool off_shift = false;
    tz_local lt;
    tz_local_time(st->tz, ev->ts, &lt);
    if (p->has_shift) off_shift = !tz_window_contains(&p->shift_window, &lt);
    if (!unauthorised && !off_shift) return;
    detect_alert a;
    phys_alert_init(&a, RULE_PHYS_OT_ROOM_OFF_SHIFT, ev, feed);
    set_device(e, &a, dev);
    a.person = p;
    char when[32];
    snprintf(a.message, sizeof a.message, "%s (%s) entered %s (%s) at %s local%s%s%s", who(p, ev), p->id, area->id, area->kind,
             tz_local_fmt(&lt, when), off_shift ? ", outside shift " : "", off_shift ? p->shift : "",
             unauthorised ? ", not an authorised area" : "");
    if (unauthorised && off_shift) a.severity = SEV_HIGH;
    detect_raise(e, &a, detect_key(RULE_PHYS_OT_ROOM_OFF_SHIFT, NULL, NULL, 0, str_key(p->id) ^ str_key(area->id)));
}

static void check_forced(detect_engine *e, const phys_event *ev, const char *feed, const model_asset *dev)
{
    if (!dev || dev->area_index < 0) return;
    const model_access_area *area = &e->m->access_areas[dev->area_index];
    if (!model_area_kind_sensitive(area->kind)) return;
    detect_alert a;
    phys_alert_init(&a, RULE_PHYS_DOOR_FORCED_OT, ev, feed);
    set_device(e, &a, dev);
    snprintf(a.message, sizeof a.message, "door forced at %s (%s, %s)%s%s", dev->id, area->id, area->kind,
             area->zone ? ", housing zone " : "", area->zone ? area->zone : "");
    detect_raise(e, &a, detect_key(RULE_PHYS_DOOR_FORCED_OT, NULL, NULL, 0, str_key(dev->id)));
}

/* The most critical asset a camera covers, or NULL when none is high or crown-jewel. */
static const model_asset *critical_cover(const port_model *m, const model_asset *cam)
{
    const model_asset *best = NULL;
    for (size_t i = 0; i < cam->covers.len; i++) {
        if (!cam->covers_index || cam->covers_index[i] < 0) continue;
        const model_asset *t = &m->assets[cam->covers_index[i]];
        if (t->criticality >= CRIT_HIGH && (!best || t->criticality > best->criticality)) best = t;
    }
    return best;
}

static camera_state *camera_of(phys_state *st, int asset)
{
    for (size_t i = 0; i < st->n_cameras; i++)
        if (st->cameras[i].asset == asset) return &st->cameras[i];
    return NULL;
}

static void check_camera(detect_engine *e, phys_state *st, const phys_event *ev, const char *feed, const model_asset *cam)
{
    if (!cam || !cam->kind || strcmp(cam->kind, "camera")) return;
    const model_asset *target = critical_cover(e->m, cam);
    if (!target) return;
    detect_alert a;
    phys_alert_init(&a, RULE_PHYS_CAMERA_DOWN, ev, feed);
    set_device(e, &a, cam);
    if (target->criticality == CRIT_CROWN_JEWEL) a.severity = SEV_CRITICAL;
    camera_state *cs = camera_of(st, (int)(cam - e->m->assets));
    char wire[96] = "";
    if (cs && cs->wire_ts) {
        char tb[SW_TIME_STR_MAX];
        snprintf(wire, sizeof wire, "; last seen streaming on the wire %s", time_fmt_rfc3339(cs->wire_ts, 0, tb));
        detect_alert_add_frame(&a, cs->wire_frame);
    }
    snprintf(a.message, sizeof a.message, "camera %s %s; it covers %s (%s)%s", cam->id, phys_kind_name(ev->kind), target->id,
             model_criticality_name(target->criticality), wire);
    detect_raise(e, &a, detect_key(RULE_PHYS_CAMERA_DOWN, NULL, NULL, (uint32_t)ev->kind, str_key(cam->id)));
}

static void check_badge_and_remote(detect_engine *e, phys_state *st, const model_person *p, sw_time_us onsite_ts,
                                   uint64_t onsite_line, const phys_event *ev, const char *feed)
{
    size_t pi = (size_t)(p - e->m->people);
    if (pi >= PHYS_PEOPLE_MAX) return;
    person_state *ps = &st->people[pi];
    if (!ps->remote_ts || !onsite_ts) return;
    sw_time_us gap = onsite_ts > ps->remote_ts ? onsite_ts - ps->remote_ts : ps->remote_ts - onsite_ts;
    if (gap > e->cfg.phys_remote_window) return;
    detect_alert a;
    if (ev) phys_alert_init(&a, RULE_PHYS_BADGE_AND_REMOTE, ev, feed);
    else {
        memset(&a, 0, sizeof a);
        a.rule = RULE_PHYS_BADGE_AND_REMOTE;
        a.severity = detect_rules[a.rule].severity;
        a.phys = true;
        a.feed = feed;
        if (onsite_line) a.lines[a.n_lines++] = onsite_line;
    }
    a.ts = onsite_ts > ps->remote_ts ? onsite_ts : ps->remote_ts;
    a.person = p;
    a.has_src = true;
    a.src = ps->remote_ip;
    detect_host h = detect_lookup(e, &ps->remote_ip);
    a.zone_src = h.zone;
    a.asset_src = h.asset;
    detect_alert_add_frame(&a, ps->remote_frame);
    snprintf(a.user_name, sizeof a.user_name, "%s", ps->remote_user);
    if (ps->badge_reader >= 0) set_device(e, &a, &e->m->assets[ps->badge_reader]);
    char rb[IP_STR_MAX];
    snprintf(a.message, sizeof a.message, "%s (%s) badged on site at %s while account %s logged in remotely from %s (%.0f min apart)",
             who(p, NULL), p->id, a.reader ? a.reader->id : "a reader", ps->remote_user, ip_fmt(&ps->remote_ip, rb),
             (double)gap / (60 * US));
    detect_raise(e, &a, detect_key(RULE_PHYS_BADGE_AND_REMOTE, NULL, NULL, 0, str_key(p->id)));
}

void detect_phys_event(detect_engine *e, const phys_event *ev, const char *feed)
{
    phys_state *st = state_of(e);
    if (!st) return;
    const char *devname = ev->value[PF_READER][0] ? ev->value[PF_READER] : ev->value[PF_DOOR];
    if (phys_kind_is_video(ev->kind)) {
        const model_asset *cam = find_device(e, st, ev->value[PF_CAMERA]);
        if (!cam) cam = find_device(e, st, ev->value[PF_DEVICE]);
        if (ev->kind == PHYS_CAMERA_OFFLINE || ev->kind == PHYS_VIDEO_LOSS || ev->kind == PHYS_CAMERA_TAMPER)
            check_camera(e, st, ev, feed, cam);
        if (ev->kind == PHYS_MOTION) detect_phys_alarm(e, ev, feed, cam, NULL, st->tz);
        return;
    }
    const model_asset *dev = find_device(e, st, devname);
    if (!dev && ev->value[PF_DOOR][0]) dev = find_device(e, st, ev->value[PF_DOOR]);
    if (ev->kind == PHYS_FORCED) { check_forced(e, ev, feed, dev); return; }
    if (ev->kind == PHYS_HELD_OPEN || ev->kind == PHYS_TAMPER) { detect_phys_alarm(e, ev, feed, dev, NULL, st->tz); return; }
    if (ev->kind != PHYS_GRANTED && ev->kind != PHYS_DENIED && ev->kind != PHYS_ANTI_PASSBACK) return;
    const model_person *p = find_person(e, st, ev);
    check_inactive(e, ev, feed, p, dev);
    if (ev->kind == PHYS_ANTI_PASSBACK) detect_phys_alarm(e, ev, feed, dev, p, st->tz);
    if (!p || ev->kind != PHYS_GRANTED) return;
    check_sensitive_entry(e, st, ev, feed, p, dev);
    check_travel(e, st, ev, feed, p, dev);
    check_badge_and_remote(e, st, p, ev->ts, ev->line, ev, feed);
}

/* ---- shared with phys_alarms.c (phys_internal.h) ------------------------- */

void detect_phys_alert_init(detect_alert *a, detect_rule_id rule, const phys_event *ev, const char *feed)
{
    phys_alert_init(a, rule, ev, feed);
}

void detect_phys_set_device(detect_engine *e, detect_alert *a, const model_asset *dev) { set_device(e, a, dev); }

const char *detect_phys_who(const model_person *p, const phys_event *ev) { return who(p, ev); }

uint64_t detect_phys_str_key(const char *s) { return str_key(s); }

/* ---- the network side ---------------------------------------------------- */

static const char *meta_get(const obs_app_meta *m, const char *key)
{
    for (size_t i = 0; i < m->n && i < OBS_META_MAX; i++)
        if (m->kv[i].key && !strcmp(m->kv[i].key, key)) return m->kv[i].value;
    return NULL;
}

/* A login from outside: the client is on the internet (a catch-all zone)
 * or in a zone a remote-access entry point lands in. */
static bool remote_client(detect_engine *e, const ip_addr *ip)
{
    detect_host h = detect_lookup(e, ip);
    if (!h.zone) return false;
    if (h.zone->catch_all) return true;
    return e->remote_zone[h.zone - e->m->zones];
}

/* The account of a person who has left (or is on leave) logging in, from
 * anywhere: whoever types it, the directory should have disabled it. */
static void check_account_inactive(detect_engine *e, const net_observation *o, const model_person *p, const char *user)
{
    if (!p->status || (strcmp(p->status, "left") && strcmp(p->status, "leave"))) return;
    detect_alert a;
    memset(&a, 0, sizeof a);
    a.rule = RULE_PHYS_ACCOUNT_INACTIVE;
    a.severity = strcmp(p->status, "left") ? SEV_MEDIUM : detect_rules[a.rule].severity;
    a.ts = o->ts;
    a.person = p;
    a.has_src = a.has_dst = true;
    a.src = o->flow->client;
    a.dst = o->flow->server;
    a.src_port = o->flow->client_port;
    a.dst_port = o->flow->server_port;
    a.ip_proto = o->flow->ip_proto;
    detect_host c = detect_lookup(e, &a.src), s = detect_lookup(e, &a.dst);
    a.zone_src = c.zone;
    a.asset_src = c.asset;
    a.zone_dst = s.zone;
    a.asset_dst = s.asset;
    a.protocol = o->u.meta.protocol;
    detect_alert_add_frame(&a, o->frame);
    snprintf(a.user_name, sizeof a.user_name, "%s", user);
    char cb[IP_STR_MAX], sb[IP_STR_MAX];
    snprintf(a.message, sizeof a.message, "account %s of %s (%s, status %s) logged in over %s from %s to %s", user, who(p, NULL),
             p->id, p->status, o->u.meta.protocol ? o->u.meta.protocol : "the network", ip_fmt(&a.src, cb), ip_fmt(&a.dst, sb));
    detect_raise(e, &a, detect_key(RULE_PHYS_ACCOUNT_INACTIVE, &a.src, &a.dst, 0, str_key(p->id)));
}

static void wire_login(detect_engine *e, phys_state *st, const net_observation *o, const char *user)
{
    if (!o->flow) return;
    char acct[PHYS_VALUE_MAX];
    int i = index_get(st->account_slot, detect_phys_account(user, acct), account_match, e->m);
    if (i < 0 || (size_t)i >= PHYS_PEOPLE_MAX) return;
    check_account_inactive(e, o, &e->m->people[i], user);
    if (!remote_client(e, &o->flow->client)) return;
    person_state *ps = &st->people[i];
    ps->remote_ts = o->ts;
    ps->remote_frame = o->frame;
    ps->remote_ip = o->flow->client;
    snprintf(ps->remote_user, sizeof ps->remote_user, "%s", user);
    check_badge_and_remote(e, st, &e->m->people[i], ps->badge_ts, ps->badge_line, NULL, NULL);
}

static void camera_alive(detect_engine *e, phys_state *st, const net_observation *o, bool streaming)
{
    if (!o->flow) return;
    detect_host h = detect_lookup(e, &o->flow->server);
    if (!h.asset || !h.asset->kind || strcmp(h.asset->kind, "camera")) return;
    camera_state *cs = camera_of(st, (int)(h.asset - e->m->assets));
    if (!cs) return;
    cs->wire_ts = o->ts;
    cs->wire_frame = o->frame;
    if (streaming) {
        cs->stream_ts = o->ts;
        cs->silence_reported = false;
    }
}

/* A gap in the whole capture (rotated files, a sensor restart) is not the
 * cameras' silence: every stream's clock restarts after it. */
static void capture_gap(detect_engine *e, phys_state *st, sw_time_us now)
{
    if (st->last_packet && now - st->last_packet >= e->cfg.phys_camera_silence / 2)
        for (size_t i = 0; i < st->n_cameras; i++)
            if (st->cameras[i].stream_ts && !st->cameras[i].silence_reported) st->cameras[i].stream_ts = now;
    st->last_packet = now;
}

/* Cameras whose RTSP stream was seen and then stopped
 * (phys_camera_silence > 0): only the media packets count, as an ONVIF
 * poll every few minutes says nothing about the video. */
static void sweep_silence(detect_engine *e, phys_state *st, sw_time_us now)
{
    if (!e->cfg.phys_camera_silence || now - st->last_sweep < 10 * (sw_time_us)US) return;
    st->last_sweep = now;
    for (size_t i = 0; i < st->n_cameras; i++) {
        camera_state *cs = &st->cameras[i];
        if (!cs->stream_ts || cs->silence_reported || now - cs->stream_ts < e->cfg.phys_camera_silence) continue;
        const model_asset *cam = &e->m->assets[cs->asset];
        const model_asset *target = critical_cover(e->m, cam);
        cs->silence_reported = true;
        if (!target) continue;
        detect_alert a;
        memset(&a, 0, sizeof a);
        a.rule = RULE_PHYS_CAMERA_DOWN;
        a.severity = detect_rules[a.rule].severity;
        a.ts = now;
        a.phys = true;
        set_device(e, &a, cam);
        detect_alert_add_frame(&a, cs->wire_frame);
        char tb[SW_TIME_STR_MAX];
        snprintf(a.message, sizeof a.message, "camera %s: its RTSP stream stopped on the wire at %s (%.0f s without video); it covers %s (%s)",
                 cam->id, time_fmt_rfc3339(cs->stream_ts, 0, tb), (double)(now - cs->stream_ts) / US, target->id,
                 model_criticality_name(target->criticality));
        detect_raise(e, &a, detect_key(RULE_PHYS_CAMERA_DOWN, NULL, NULL, 0xffff, str_key(cam->id)));
    }
}

static void phys_observe(detect_engine *e, void *state, const net_observation *o)
{
    phys_state *st = state;
    if (!st->indexed) build_index(e, st);
    if (o->kind == OBS_PACKET) {
        if (!e->cfg.phys_camera_silence) return;
        capture_gap(e, st, o->ts);
        /* The camera's side of an RTSP session: interleaved RTP is the video itself. */
        if (o->flow && o->flow->app == st->rtsp_app && st->rtsp_app >= 0 && o->dir == NET_DIR_TO_CLIENT)
            camera_alive(e, st, o, true);
    } else if (o->kind == OBS_APP_META) {
        const char *user = meta_get(&o->u.meta, "user.name");
        if (user && user[0]) wire_login(e, st, o, user);
        if (o->u.meta.protocol && (!strcmp(o->u.meta.protocol, "rtsp") || meta_get(&o->u.meta, "onvif.model") ||
                                   meta_get(&o->u.meta, "rtsp.uri")))
            camera_alive(e, st, o, false);
    } else if (o->kind == OBS_APP_DETECTED && o->u.app.app && !strcmp(o->u.app.app, "rtsp")) {
        camera_alive(e, st, o, false);
    }
    sweep_silence(e, st, o->ts);
}

const detect_family detect_family_phys = {
    "phys", OBS_MASK(OBS_PACKET) | OBS_MASK(OBS_APP_META) | OBS_MASK(OBS_APP_DETECTED), phys_state_size, phys_observe,
};
