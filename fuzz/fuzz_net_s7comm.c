/* fuzz_net_s7comm.c - arbitrary bytes through the S7comm probe and parser
 * (TPKT/COTP framing, S7comm, S7comm-Plus, SZL identity), cut into
 * deliveries of both directions with gaps between them. First byte: the cut. */
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
        bool plus = strcmp(op->protocol, "s7comm-plus") == 0;
        if (!plus && strcmp(op->protocol, "s7comm") != 0) abort();
        if (!plus && op->function > 255) abort();
        if (!op->function_name) abort();
        if (op->s7.service && strlen(op->s7.service) > 16) abort();
        if (op->s7.has_block && strlen(op->s7.block_type) > 3) abort();
    } else if (o->kind == OBS_IDENTITY) {
        const obs_identity *id = &o->u.identity;
        const char *f[] = { id->vendor, id->product, id->firmware, id->serial, id->model, id->name, id->plant };
        for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
            if (f[i] && strlen(f[i]) > 33) abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const proto_fuzz_opts o = { check_observation, .stride = 11, .jitter = 3 };
    return proto_fuzz_one_with("s7comm", data, size, &o);
}
