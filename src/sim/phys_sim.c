/* phys_sim.c - access-control and VMS event streams for `seawall sim`,
 * aligned with the network traffic's clock (phys_sim.h). Deterministic:
 * the same model, seed and window give the same lines. */
#include "sim/phys_sim.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/json.h"
#include "core/prng.h"
#include "core/tz.h"

#define SIM_PHYS_MAX_EVENTS 2000000
#define SIM_PHYS_MAX_SCENARIOS 16
#define MIN_US ((sw_time_us)60 * 1000000)

typedef struct sim_phys_event {
    sw_time_us ts;
    uint64_t seq;                     /* insertion order: ties keep it */
    phys_kind kind;
    const model_person *person;
    const model_asset *reader, *camera;
    int scenario;                     /* -1: routine */
    uint64_t line;                    /* in its file, set when written */
} sim_phys_event;

typedef struct phys_scn {
    char id[48], name[96], description[200], rules[160];
} phys_scn;

struct sim_phys {
    const port_model *m;
    sim_options o;
    arena mem;
    const sw_tz *tz;
    prng rng;
    sim_phys_event *ev;
    size_t n, cap;
    phys_scn scn[SIM_PHYS_MAX_SCENARIOS];
    size_t n_scn;
};

sim_phys *sim_phys_create(const port_model *m, const sim_options *o)
{
    sim_phys *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->m = m;
    p->o = *o;
    arena_init(&p->mem, 0);
    sw_error err = { 0 };
    if (m->port.timezone) p->tz = tz_load(&p->mem, m->port.timezone, &err);
    prng_seed(&p->rng, o->seed ^ 0x70687973);   /* "phys": its own stream, so network traffic is unchanged */
    return p;
}

void sim_phys_free(sim_phys *p)
{
    if (!p) return;
    free(p->ev);
    arena_free(&p->mem);
    free(p);
}

static int scenario_index(const sim_phys *p, const char *id)
{
    for (size_t i = 0; id && i < p->n_scn; i++)
        if (!strcmp(p->scn[i].id, id)) return (int)i;
    return -1;
}

static bool push(sim_phys *p, sw_time_us t, phys_kind kind, const model_person *who, const model_asset *reader,
                 const model_asset *camera, int scn)
{
    if (p->n == p->cap) {
        if (p->cap >= SIM_PHYS_MAX_EVENTS) return false;
        size_t cap = p->cap ? p->cap * 2 : 256;
        sim_phys_event *n = realloc(p->ev, cap * sizeof *n);
        if (!n) return false;
        p->ev = n;
        p->cap = cap;
    }
    p->ev[p->n] = (sim_phys_event){ t, p->n, kind, who, reader, camera, scn, 0 };
    p->n++;
    return true;
}

static const model_person *person_by_badge(const port_model *m, const char *badge)
{
    for (size_t i = 0; badge && i < m->n_people; i++)
        if (m->people[i].badge && !strcmp(m->people[i].badge, badge)) return &m->people[i];
    return NULL;
}

bool sim_phys_inject(sim_phys *p, sw_time_us t, phys_kind kind, const char *badge, const char *reader, const char *camera,
                     const char *scenario)
{
    return push(p, t, kind, person_by_badge(p->m, badge), reader ? model_asset_by_id(p->m, reader) : NULL,
                camera ? model_asset_by_id(p->m, camera) : NULL, scenario_index(p, scenario));
}

bool sim_phys_scenario(sim_phys *p, const char *id, const char *name, const char *description, const char *rules)
{
    if (p->n_scn == SIM_PHYS_MAX_SCENARIOS || scenario_index(p, id) >= 0) return false;
    phys_scn *s = &p->scn[p->n_scn++];
    snprintf(s->id, sizeof s->id, "%s", id);
    snprintf(s->name, sizeof s->name, "%s", name);
    snprintf(s->description, sizeof s->description, "%s", description);
    snprintf(s->rules, sizeof s->rules, "%s", rules);
    return true;
}

/* The reader opening into an area of this kind (or this area id), from the person's areas when given. */
static const model_asset *reader_for(const port_model *m, const model_person *who, bool sensitive, const char *kind)
{
    for (size_t i = 0; i < m->n_assets; i++) {
        const model_asset *a = &m->assets[i];
        if (a->area_index < 0 || !a->kind || strcmp(a->kind, "badge-reader")) continue;
        const model_access_area *ar = &m->access_areas[a->area_index];
        if (sensitive != model_area_kind_sensitive(ar->kind)) continue;
        if (kind && (!ar->kind || strcmp(ar->kind, kind))) continue;
        if (!who) return a;
        for (size_t k = 0; k < who->areas.len; k++)
            if (who->areas_index && who->areas_index[k] == a->area_index) return a;
    }
    return NULL;
}

static bool active(const model_person *who) { return who->badge && (!who->status || !strcmp(who->status, "active")); }

static bool person_holds_area(const model_person *who, int area)
{
    for (size_t i = 0; i < who->areas.len; i++)
        if (who->areas_index && who->areas_index[i] == area) return true;
    return false;
}

void sim_phys_routine(sim_phys *p)
{
    const port_model *m = p->m;
    sw_time_us end = p->o.start + p->o.duration;
    /* Cameras report in as the VMS starts recording the window. */
    for (size_t i = 0; i < m->n_assets; i++)
        if (m->assets[i].kind && !strcmp(m->assets[i].kind, "camera"))
            push(p, p->o.start + (sw_time_us)prng_below(&p->rng, 30 * 1000000), PHYS_CAMERA_ONLINE, NULL, &m->assets[i], &m->assets[i], -1);
    /* Each person with a shift badges in at a gate when a shift span starts,
     * then into their first sensitive room half an hour later, and again
     * after the meal break of a shift of six hours or more. */
    int64_t day0 = (p->o.start / 1000000 - 86400) / 86400, day1 = end / 1000000 / 86400 + 1;
    for (size_t i = 0; i < m->n_people; i++) {
        const model_person *who = &m->people[i];
        if (!active(who) || !who->has_shift) continue;
        const model_asset *gate = reader_for(m, who, false, "gate"), *room = reader_for(m, who, true, NULL);
        for (int64_t day = day0; day <= day1; day++) {
            int y, mo, d;
            tz_civil_from_days(day, &y, &mo, &d);
            int wday = (int)(((day % 7) + 11) % 7);   /* 1970-01-01 was a Thursday (4) */
            for (unsigned s = 0; s < who->shift_window.n; s++) {
                if (!(who->shift_window.span[s].days & (1u << wday))) continue;
                unsigned from = who->shift_window.span[s].from, to = who->shift_window.span[s].to;
                sw_time_us t = phys_local_to_utc(p->tz, y, mo, d, (int)(from / 60), (int)(from % 60), 0, 0);
                sw_time_us jitter = (sw_time_us)prng_below(&p->rng, 8 * 60) * 1000000;
                sw_time_us at_gate = t + jitter, at_room = t + 30 * MIN_US + jitter;
                bool room_in_shift = to > from + 45;
                if (gate && at_gate >= p->o.start && at_gate < end) push(p, at_gate, PHYS_GRANTED, who, gate, NULL, -1);
                if (room && room_in_shift && at_room >= p->o.start && at_room < end) push(p, at_room, PHYS_GRANTED, who, room, NULL, -1);
                /* A long shift has a meal break: back in through the gate
                 * around its middle, and into the room again 10 min later. */
                if (to < from + 6 * 60) continue;
                sw_time_us back = t + (sw_time_us)((to - from) / 2) * MIN_US + (sw_time_us)prng_below(&p->rng, 20 * 60) * 1000000;
                if (gate && back >= p->o.start && back < end) push(p, back, PHYS_GRANTED, who, gate, NULL, -1);
                if (room && back + 10 * MIN_US >= p->o.start && back + 10 * MIN_US < end) push(p, back + 10 * MIN_US, PHYS_GRANTED, who, room, NULL, -1);
            }
        }
    }
}

static const char *const phys_scenario_ids[] = {
    "phys-leaver-badge", "phys-forced-eroom", "phys-off-shift", "phys-impossible-travel", "phys-camera-offline",
    "phys-ot-room-alarms",
};

bool sim_phys_is_scenario(const char *id, size_t len)
{
    for (size_t i = 0; i < sizeof phys_scenario_ids / sizeof *phys_scenario_ids; i++)
        if (strlen(phys_scenario_ids[i]) == len && !strncmp(phys_scenario_ids[i], id, len)) return true;
    return false;
}

static bool scenario_wanted(const char *only, const char *id)
{
    if (!only) return true;
    size_t n = strlen(id);
    for (const char *s = only; *s;) {
        size_t l = strcspn(s, ",");
        if (l == n && !strncmp(s, id, n)) return true;
        s += l;
        if (*s) s++;
    }
    return false;
}

static const model_asset *camera_covering_crown_jewel(const port_model *m)
{
    for (size_t i = 0; i < m->n_assets; i++) {
        const model_asset *a = &m->assets[i];
        if (!a->kind || strcmp(a->kind, "camera")) continue;
        for (size_t k = 0; k < a->covers.len; k++)
            if (a->covers_index && a->covers_index[k] >= 0 && m->assets[a->covers_index[k]].criticality == CRIT_CROWN_JEWEL) return a;
    }
    return NULL;
}

/* Two gate readers far enough apart that a minute between them is impossible. */
static bool far_readers(const port_model *m, const model_asset **a, const model_asset **b)
{
    for (size_t i = 0; i < m->n_assets; i++)
        for (size_t j = i + 1; j < m->n_assets; j++) {
            const model_asset *x = &m->assets[i], *y = &m->assets[j];
            if (!x->kind || !y->kind || strcmp(x->kind, "badge-reader") || strcmp(y->kind, "badge-reader")) continue;
            if (!x->position.has_lat || !y->position.has_lat || x->area_index < 0 || y->area_index < 0) continue;
            if (model_area_kind_sensitive(m->access_areas[x->area_index].kind) || model_area_kind_sensitive(m->access_areas[y->area_index].kind)) continue;
            double dlat = (x->position.lat - y->position.lat) * 111195.0, dlon = (x->position.lon - y->position.lon) * 87000.0;
            if (dlat * dlat + dlon * dlon > 1500.0 * 1500.0) { *a = x; *b = y; return true; }
        }
    return false;
}

/* A camera placed in a sensitive area that declares its hours, or NULL. */
static const model_asset *camera_in_timed_room(const port_model *m)
{
    for (size_t i = 0; i < m->n_assets; i++) {
        const model_asset *a = &m->assets[i];
        if (!a->kind || strcmp(a->kind, "camera") || a->area_index < 0) continue;
        const model_access_area *ar = &m->access_areas[a->area_index];
        if (ar->has_hours && model_area_kind_sensitive(ar->kind)) return a;
    }
    return NULL;
}

/* At a sensitive room's reader: the door held open, the reader tampered
 * with, a badge refused for anti-passback; later, motion in a room with
 * hours, at the first minute outside them (left out when the run has none). */
static void ot_room_alarms(sim_phys *p, sw_time_us t0, sw_time_us span)
{
    const port_model *m = p->m;
    const model_asset *door = reader_for(m, NULL, true, "ot-room");
    if (!door) door = reader_for(m, NULL, true, NULL);
    const model_person *who = NULL;
    for (size_t i = 0; i < m->n_people && door && !who; i++)
        if (active(&m->people[i]) && person_holds_area(&m->people[i], door->area_index)) who = &m->people[i];
    const model_asset *cam = camera_in_timed_room(m);
    sw_time_us motion = 0;
    if (cam) {
        const model_access_area *ar = &m->access_areas[cam->area_index];
        for (sw_time_us t = t0 + 3 * span / 4; t < t0 + span; t += MIN_US) {
            tz_local lt;
            tz_local_time(p->tz, t, &lt);
            if (!tz_window_contains(&ar->hours_window, &lt)) { motion = t; break; }
        }
    }
    if (!door || !who) return;
    char rules[160];
    snprintf(rules, sizeof rules, "SW-PHYS-DOOR-HELD-OT SW-PHYS-READER-TAMPER-OT SW-PHYS-ANTI-PASSBACK%s",
             motion ? " SW-PHYS-MOTION-OFF-HOURS" : "");
    if (!sim_phys_scenario(p, "phys-ot-room-alarms", "Alarms at an OT room",
                           "An OT room's door is held open and its reader tampered with, a badge is refused for "
                           "anti-passback there, and a camera in a room with hours sees motion outside them", rules))
        return;
    int s = (int)p->n_scn - 1;
    push(p, t0 + span / 4, PHYS_HELD_OPEN, NULL, door, NULL, s);
    push(p, t0 + span / 4 + MIN_US, PHYS_TAMPER, NULL, door, NULL, s);
    push(p, t0 + span / 4 + 2 * MIN_US, PHYS_ANTI_PASSBACK, who, door, NULL, s);
    if (motion) push(p, motion, PHYS_MOTION, NULL, cam, cam, s);
}

void sim_phys_scenarios(sim_phys *p, const char *only)
{
    const port_model *m = p->m;
    sw_time_us span = p->o.duration, t0 = p->o.start;
    if (scenario_wanted(only, "phys-leaver-badge")) {
        const model_person *who = NULL;
        for (size_t i = 0; i < m->n_people && !who; i++)
            if (m->people[i].badge && m->people[i].status && !strcmp(m->people[i].status, "left")) who = &m->people[i];
        const model_asset *gate = who ? reader_for(m, NULL, false, "gate") : NULL;
        if (who && gate && sim_phys_scenario(p, "phys-leaver-badge", "Leaver's badge at the gate",
                                             "A person who has left still has a working badge and uses it at a gate", "SW-PHYS-BADGE-INACTIVE"))
            push(p, t0 + span / 6, PHYS_GRANTED, who, gate, NULL, (int)p->n_scn - 1);
    }
    if (scenario_wanted(only, "phys-forced-eroom")) {
        const model_asset *door = reader_for(m, NULL, true, "electrical-room");
        if (!door) door = reader_for(m, NULL, true, NULL);
        if (door && sim_phys_scenario(p, "phys-forced-eroom", "Forced door at a crane electrical room",
                                      "The electrical room door is forced open", "SW-PHYS-DOOR-FORCED-OT"))
            push(p, t0 + span / 3, PHYS_FORCED, NULL, door, NULL, (int)p->n_scn - 1);
    }
    if (scenario_wanted(only, "phys-off-shift")) {
        sw_time_us t = t0 + span / 2;
        tz_local lt;
        tz_local_time(p->tz, t, &lt);
        for (size_t i = 0; i < m->n_people; i++) {
            const model_person *who = &m->people[i];
            const model_asset *room = active(who) && who->has_shift ? reader_for(m, who, true, NULL) : NULL;
            if (!room || tz_window_contains(&who->shift_window, &lt)) continue;
            if (sim_phys_scenario(p, "phys-off-shift", "Off-shift entry to an OT room",
                                  "An engineer badges into an OT room outside their shift", "SW-PHYS-OT-ROOM-OFF-SHIFT"))
                push(p, t, PHYS_GRANTED, who, room, NULL, (int)p->n_scn - 1);
            break;
        }
    }
    if (scenario_wanted(only, "phys-impossible-travel")) {
        const model_asset *a, *b;
        const model_person *who = NULL;
        for (size_t i = 0; i < m->n_people && !who; i++)
            if (active(&m->people[i]) && !m->people[i].has_shift) who = &m->people[i];   /* no routine badge use of their own */
        if (who && far_readers(m, &a, &b) &&
            sim_phys_scenario(p, "phys-impossible-travel", "Impossible travel between gates",
                              "One badge used at two distant gates a minute apart: a cloned card", "SW-PHYS-IMPOSSIBLE-TRAVEL")) {
            push(p, t0 + 2 * span / 3, PHYS_GRANTED, who, a, NULL, (int)p->n_scn - 1);
            push(p, t0 + 2 * span / 3 + MIN_US, PHYS_GRANTED, who, b, NULL, (int)p->n_scn - 1);
        }
    }
    if (scenario_wanted(only, "phys-ot-room-alarms")) ot_room_alarms(p, t0, span);
    if (scenario_wanted(only, "phys-camera-offline")) {
        const model_asset *cam = camera_covering_crown_jewel(m);
        if (cam && sim_phys_scenario(p, "phys-camera-offline", "Camera covering a crown jewel goes offline",
                                     "The VMS loses a camera that watches a crown-jewel asset", "SW-PHYS-CAMERA-DOWN"))
            push(p, t0 + 5 * span / 6, PHYS_CAMERA_OFFLINE, NULL, NULL, cam, (int)p->n_scn - 1);
    }
}

static int by_time(const void *a, const void *b)
{
    const sim_phys_event *x = a, *y = b;
    if (x->ts != y->ts) return x->ts < y->ts ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static const char *access_event_name(phys_kind k)
{
    return phys_kind_name(k);   /* the generic-csv profile maps the kind names one to one */
}

static const char *vms_event_name(phys_kind k)
{
    switch (k) {
    case PHYS_CAMERA_ONLINE: return "Communication Started";
    case PHYS_CAMERA_OFFLINE: return "Communication Stopped";
    case PHYS_VIDEO_LOSS: return "Video Signal Lost";
    case PHYS_CAMERA_TAMPER: return "Tampering detected";
    default: return "Motion Started";
    }
}

static const char *vms_host(const port_model *m)
{
    for (size_t i = 0; i < m->n_assets; i++)
        if (m->assets[i].kind && !strcmp(m->assets[i].kind, "vms")) return m->assets[i].id;
    return "vms";
}

sw_code sim_phys_write(sim_phys *p, const char *dir, strbuf *truth, sw_error *err)
{
    char apath[4200], vpath[4200];
    snprintf(apath, sizeof apath, "%s/access.csv", dir);
    snprintf(vpath, sizeof vpath, "%s/vms.syslog", dir);
    FILE *fa = fopen(apath, "w"), *fv = fopen(vpath, "w");
    if (!fa || !fv) {
        if (fa) fclose(fa);
        if (fv) fclose(fv);
        return sw_fail(err, SW_ERR_IO, "cannot write %s or %s", apath, vpath);
    }
    qsort(p->ev, p->n, sizeof *p->ev, by_time);
    fputs("time,event,badge,person,door,reader,controller\n", fa);
    uint64_t aline = 1, vline = 0;
    const char *host = vms_host(p->m);
    for (size_t i = 0; i < p->n; i++) {
        sim_phys_event *e = &p->ev[i];
        char tb[SW_TIME_STR_MAX];
        time_fmt_rfc3339(e->ts, 0, tb);
        if (phys_kind_is_video(e->kind)) {
            e->line = ++vline;
            fprintf(fv, "<14>1 %s %s XProtect - - - Event=\"%s\" Camera=\"%s\"\n", tb, host, vms_event_name(e->kind),
                    e->camera ? e->camera->id : "");
        } else {
            e->line = ++aline;
            const model_asset *r = e->reader;
            const char *area = r && r->area_index >= 0 ? p->m->access_areas[r->area_index].id : "";
            fprintf(fa, "%s,%s,%s,%s,%s,%s,%s\n", tb, access_event_name(e->kind), e->person && e->person->badge ? e->person->badge : "",
                    e->person ? e->person->id : "", area, r ? r->id : "", r && r->depends_on.len ? r->depends_on.items[0] : "");
        }
    }
    bool bad = ferror(fa) || ferror(fv);
    bad |= fclose(fa) != 0;
    bad |= fclose(fv) != 0;
    if (bad) return sw_fail(err, SW_ERR_IO, "writing %s or %s failed", apath, vpath);
    /* "phys_scenarios" goes in before the truth object's closing brace. */
    size_t end = truth->len;
    while (end && (truth->data[end - 1] == '\n' || truth->data[end - 1] == ' ')) end--;
    if (!end || truth->data[end - 1] != '}') return SW_OK;
    truth->len = end - 1;
    strbuf tail;
    strbuf_init(&tail);
    json_writer w;
    jw_init(&w, &tail);
    jw_object_begin(&w);
    jw_kv_string(&w, "access_feed", "access.csv");
    jw_kv_string(&w, "vms_feed", "vms.syslog");
    jw_kv_uint(&w, "access_events", aline - 1);
    jw_kv_uint(&w, "vms_events", vline);
    jw_key(&w, "phys_scenarios");
    jw_array_begin(&w);
    for (size_t s = 0; s < p->n_scn; s++) {
        jw_object_begin(&w);
        jw_kv_string(&w, "id", p->scn[s].id);
        jw_kv_string(&w, "name", p->scn[s].name);
        jw_kv_string(&w, "description", p->scn[s].description);
        jw_key(&w, "rule_hints");
        jw_array_begin(&w);
        for (const char *r = p->scn[s].rules; *r;) {
            size_t l = strcspn(r, " ");
            if (l) jw_string_n(&w, r, l);
            r += l;
            while (*r == ' ') r++;
        }
        jw_array_end(&w);
        const char *feeds[2] = { "access", "vms" };
        for (int f = 0; f < 2; f++) {
            jw_key(&w, feeds[f]);
            jw_array_begin(&w);
            for (size_t i = 0; i < p->n; i++)
                if (p->ev[i].scenario == (int)s && phys_kind_is_video(p->ev[i].kind) == (f == 1)) jw_uint(&w, p->ev[i].line);
            jw_array_end(&w);
        }
        char tb[SW_TIME_STR_MAX];
        for (size_t i = 0; i < p->n; i++)
            if (p->ev[i].scenario == (int)s) { jw_kv_string(&w, "start", time_fmt_rfc3339(p->ev[i].ts, 6, tb)); break; }
        jw_object_end(&w);
    }
    jw_array_end(&w);
    jw_object_end(&w);
    if (truth->len > 1) strbuf_putc(truth, ',');
    strbuf_append(truth, tail.data + 1, tail.len - 1);
    strbuf_putc(truth, '\n');
    strbuf_free(&tail);
    return SW_OK;
}
