/* fuzz_net_rtsp.c - arbitrary bytes through the rtsp probe and parser, cut into
 * deliveries of both directions with gaps between them; every app meta
 * value printable and bounded. First byte: the cut pattern. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "net/proto/proto.h"
#include "proto_fuzz.h"

static void check_observation(void *user, const net_observation *o)
{
    (void)user;
    if (o->kind == OBS_IDENTITY) {
        const obs_identity *id = &o->u.identity;
        const char *f[] = { id->vendor, id->product, id->firmware, id->serial, id->name, id->device_type };
        for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
            if (f[i] && strlen(f[i]) > 255) abort();
        return;
    }
    if (o->kind != OBS_APP_META) abort();
    const obs_app_meta *m = &o->u.meta;
    if (m->n > OBS_META_MAX || !m->event) abort();
    for (size_t i = 0; i < m->n; i++) {
        if (!m->kv[i].key || !m->kv[i].value || strlen(m->kv[i].value) > 255) abort();
        for (const char *p = m->kv[i].value; *p; p++)
            if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e) abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const proto_fuzz_opts o = { check_observation, .stride = 29, .jitter = 7, .gap_jitter = 63 };
    return proto_fuzz_one_with("rtsp", data, size, &o);
}
