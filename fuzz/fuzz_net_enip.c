/* fuzz_net_enip.c - arbitrary bytes through the EtherNet/IP probes and
 * parsers (TCP stream in random splits of both directions with gaps, the
 * same cuts as UDP datagrams, the CIP I/O probe). First byte: the cut pattern. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "net/proto/proto.h"
#include "proto_fuzz.h"

static void check_observation(void *user, const net_observation *o)
{
    (void)user;
    if (o->kind == OBS_ICS_OP) {
        const obs_ics_op *op = &o->u.ics;
        bool cip = strcmp(op->protocol, "cip") == 0;
        if (!cip && strcmp(op->protocol, "enip") != 0) abort();
        if (cip && op->function > 127) abort();
        if (!op->function_name) abort();
        if (op->cip.tag && strlen(op->cip.tag) > 63) abort();
    } else if (o->kind == OBS_IDENTITY) {
        const obs_identity *id = &o->u.identity;
        const char *f[] = { id->vendor, id->product, id->firmware, id->model, id->name, id->url, id->serial, id->device_type };
        for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
            if (f[i] && strlen(f[i]) > 255) abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const proto_fuzz_opts o = { check_observation, .stride = 29, .jitter = 15, .gap_jitter = 0x3f };
    const proto_parser *io = proto_find("cip-io");
    if (!io || size < 1) return 0;
    for (int d = 0; d < NET_DIR_COUNT; d++) io->probe(data + 1, size - 1, (net_dir)d);
    proto_fuzz_one_with("enip", data, size, &o);
    return proto_fuzz_one_with("enip-udp", data, size, &o);
}
