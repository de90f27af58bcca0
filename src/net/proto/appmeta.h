/* appmeta.h - building an OBS_APP_META observation key by key, for the IT
 * protocol parsers (DNS, TLS, HTTP, DHCP). Values must outlive the emit. */
#ifndef SW_NET_PROTO_APPMETA_H
#define SW_NET_PROTO_APPMETA_H
#include <string.h>
#include "net/proto/proto.h"

static inline void appmeta_init(net_observation *o, const char *protocol, const char *event)
{
    memset(o, 0, sizeof *o);
    o->kind = OBS_APP_META;
    o->u.meta.protocol = protocol;
    o->u.meta.event = event;
}

/* Adds a pair when there is room and a value; false when full. */
static inline bool appmeta_add(net_observation *o, const char *key, const char *value)
{
    obs_app_meta *m = &o->u.meta;
    if (!value) return true;
    if (m->n == OBS_META_MAX) return false;
    m->kv[m->n].key = key;
    m->kv[m->n].value = value;
    m->n++;
    return true;
}

/* A login with a vendor default whose answer was never read (the flow
 * ended, or the bytes were lost): reported, but not as accepted. */
static inline void appmeta_default_unanswered(const proto_ctx *ctx, const char *protocol, const struct defcred *d)
{
    if (!d) return;
    net_observation o;
    appmeta_init(&o, protocol, "login_unanswered");
    o.u.meta.default_credential = d;
    proto_emit(ctx, NET_DIR_TO_SERVER, &o);
}

#endif
