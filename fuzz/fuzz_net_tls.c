/* fuzz_net_tls.c - arbitrary bytes through the TLS probe and parser, cut
 * into deliveries of both directions with gaps, and straight into the hello
 * decoder and the fingerprints. First byte: the cut pattern. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "net/proto/proto.h"
#include "proto_fuzz.h"
#include "net/proto/tls.h"

static void check_observation(void *user, const net_observation *o)
{
    if (o->kind != OBS_APP_META) abort();
    const obs_app_meta *m = &o->u.meta;
    if (m->n > OBS_META_MAX || strcmp(m->protocol, "tls")) abort();
    for (size_t i = 0; i < m->n; i++) {
        if (!m->kv[i].key || !m->kv[i].value || strlen(m->kv[i].value) >= TLS_JA3_MAX) abort();
        if (!strcmp(m->kv[i].key, "tls.ja4") && strlen(m->kv[i].value) != TLS_JA4_LEN - 1) abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    tls_hello h;
    char ja3[TLS_JA3_MAX], ja4[TLS_JA4_LEN];
    if (tls_parse_hello(data + 1, size - 1, data[0] & 1, &h)) {
        tls_ja3_string(&h, ja3, sizeof ja3);
        tls_ja4(&h, ja4);
        if (strlen(ja4) != TLS_JA4_LEN - 1) abort();
    }
    const proto_fuzz_opts o = { check_observation, .stride = 53, .jitter = 3 };
    return proto_fuzz_one_with("tls", data, size, &o);
}
