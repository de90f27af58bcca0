/* fuzz_net_packet.c - bytes as frames of one link type through decode, flows,
 * reassembly and parsers, with small tables so caps and timeouts are reached.
 * Input: link byte, then (time step u8, length u16le, frame) records. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "net/engine.h"

static void check_observation(void *user, const net_observation *o)
{
    size_t *n = user;
    ++*n;
    if (o->kind == OBS_IDENTITY) {
        const obs_identity *id = &o->u.identity;
        const char *f[] = { id->vendor, id->product, id->firmware, id->serial, id->model, id->name, id->url };
        for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
            if (f[i] && strlen(f[i]) > 255) abort();
    }
    if (o->kind == OBS_ICS_OP && (!o->u.ics.protocol || !o->u.ics.function_name)) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    net_engine_config cfg;
    net_engine_config_default(&cfg);
    cfg.flow.capacity = 16;
    cfg.flow.hash_seed = 1;
    cfg.frag.max_sets = 4;
    cfg.frag.max_datagram = 65535;
    cfg.tcp.memcap = 64 * 1024;
    cfg.tcp.stream_cap = 8 * 1024;
    cfg.app_memcap = 256 * 1024;     /* a few slabs: the parser-state pool runs out too */
    size_t observed = 0;
    obs_sink sink = { check_observation, &observed, OBS_MASK_ALL };
    net_engine *e = net_engine_create(&cfg, &sink);
    if (!e) abort();
    net_link link = (net_link)(data[0] % NET_LINK__COUNT);
    size_t pos = 1;
    sw_time_us ts = 1700000000 * SW_US_PER_SEC;
    uint64_t frame = 0;
    while (pos + 3 <= size) {
        ts += (sw_time_us)data[pos] * 250000;   /* up to ~64 s per step: timeouts fire */
        size_t len = (size_t)data[pos + 1] | (size_t)data[pos + 2] << 8;
        pos += 3;
        if (len > size - pos) len = size - pos;
        /* a private copy, so a read past the frame is caught by ASan */
        uint8_t *frame_copy = malloc(len ? len : 1);
        memcpy(frame_copy, data + pos, len);
        net_engine_packet(e, link, ts, ++frame, frame_copy, (uint32_t)len, (uint32_t)len);
        free(frame_copy);
        pos += len;
        net_engine_stats st;
        net_engine_get_stats(e, &st);
        if (st.flows->active > cfg.flow.capacity) abort();
    }
    net_engine_flush(e);
    net_engine_stats st;
    net_engine_get_stats(e, &st);
    if (st.flows->active != 0 || st.tcp->chunks_in_use != 0 || st.app_state->in_use != 0) abort();   /* everything given back */
    net_engine_destroy(e);
    return 0;
}
