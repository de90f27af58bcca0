/* ais_identity.c - SW-AIS-IDENTITY-CHANGE: static data (types 5, 19, 24)
 * that contradicts what the same MMSI said before: name, call sign, IMO
 * number, ship type or dimensions. Only values both reports carry are
 * compared (an empty name or IMO 0 says nothing); destination, ETA and
 * draught change on every voyage and are not identity. */
#include <stdio.h>
#include <string.h>
#include "detect/ais_internal.h"

typedef struct ident {
    const char *name, *callsign;
    uint32_t imo;
    int shiptype;                   /* -1 not carried */
    int length, beam;               /* metres, -1 not carried */
} ident;

static void from_msg(const ais_msg *m, ident *d)
{
    d->name = d->callsign = NULL;
    d->imo = 0;
    d->shiptype = d->length = d->beam = -1;
    switch (m->type) {
    case 5:
        d->name = m->u.voyage.shipname;
        d->callsign = m->u.voyage.callsign;
        d->imo = m->u.voyage.imo;
        d->shiptype = m->u.voyage.shiptype;
        d->length = m->u.voyage.to_bow + m->u.voyage.to_stern;
        d->beam = m->u.voyage.to_port + m->u.voyage.to_starboard;
        break;
    case 19:
        d->name = m->u.classb.shipname;
        d->shiptype = m->u.classb.shiptype;
        d->length = m->u.classb.to_bow + m->u.classb.to_stern;
        d->beam = m->u.classb.to_port + m->u.classb.to_starboard;
        break;
    case 24:
        if (m->u.static24.part != AIS24_B) d->name = m->u.static24.shipname;
        if (m->u.static24.part != AIS24_A) {
            d->callsign = m->u.static24.callsign;
            d->shiptype = m->u.static24.shiptype;
            if (!ais_mmsi_is_auxiliary(m->mmsi)) {
                d->length = m->u.static24.to_bow + m->u.static24.to_stern;
                d->beam = m->u.static24.to_port + m->u.static24.to_starboard;
            }
        }
        break;
    default: break;
    }
}

static bool text_differs(const char *old, const char *now)
{
    return old && now && old[0] && now[0] && strcmp(old, now) != 0;
}

static void check_identity(ais_detect *e, void *state, const ais_ctx *c, void *vs)
{
    const ais_vessel *v = c->v;
    unsigned t = c->m->type;
    if (!v->has_static || (t != 5 && t != 19 && t != 24)) return;
    ident n;
    from_msg(c->m, &n);
    char what[240];
    size_t len = 0;
    what[0] = '\0';
#define ADD(...) \
    do { if (len < sizeof what) len += (size_t)snprintf(what + len, sizeof what - len, __VA_ARGS__); } while (0)
    if (text_differs(v->name, n.name)) ADD("%sname '%s' -> '%s'", len ? ", " : "", v->name, n.name);
    if (text_differs(v->callsign, n.callsign)) ADD("%scall sign '%s' -> '%s'", len ? ", " : "", v->callsign, n.callsign);
    if (v->imo && n.imo && v->imo != n.imo) ADD("%sIMO %u -> %u", len ? ", " : "", v->imo, n.imo);
    if (v->shiptype && n.shiptype > 0 && v->shiptype != n.shiptype)
        ADD("%sship type %u -> %d", len ? ", " : "", v->shiptype, n.shiptype);
    int ol = v->to_bow + v->to_stern, ob = v->to_port + v->to_starboard;
    if (ol && ob && n.length > 0 && n.beam > 0 && (ol != n.length || ob != n.beam))
        ADD("%sdimensions %dx%d m -> %dx%d m", len ? ", " : "", ol, ob, n.length, n.beam);
#undef ADD
    if (!len) return;
    ais_alert a;
    ais_alert_init(&a, AIS_CHECK_IDENTITY_CHANGE, c);
    ais_alert_line(&a, v->static_line);
    ais_alert_line(&a, c->meta ? c->meta->line_first : 0);
    ais_alert_line(&a, c->meta ? c->meta->line_last : 0);
    snprintf(a.message, sizeof a.message, "MMSI %09u changed identity: %s", c->m->mmsi, what);
    ais_raise(e, &a, c->index);
}

const ais_family ais_family_identity = { "identity", 0, NULL, check_identity, NULL };
