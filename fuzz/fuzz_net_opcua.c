/* fuzz_net_opcua.c - arbitrary bytes through the OPC UA binary probe
 * and parser, cut into deliveries of both directions with gaps between
 * them, the way reassembly hands a stream over. First byte: the cut pattern. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "net/proto/opcua.h"
#include "net/proto/proto.h"
#include "proto_fuzz.h"

static void check_observation(void *user, const net_observation *o)
{
    (void)user;
    if (o->kind == OBS_ICS_OP) {
        const obs_ics_op *op = &o->u.ics;
        if (strcmp(op->protocol, "opcua") != 0 || !op->function_name) abort();
        if (op->opcua.message_type[3] != '\0' || op->opcua.security_mode > 3) abort();
        if (op->opcua.security_policy && strlen(op->opcua.security_policy) > 95) abort();
    } else if (o->kind == OBS_IDENTITY) {
        const obs_identity *id = &o->u.identity;
        const char *f[] = { id->vendor, id->product, id->firmware, id->model, id->name, id->url };
        for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
            if (f[i] && strlen(f[i]) > 255) abort();
    } else {
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const proto_fuzz_opts o = { check_observation, .stride = 37, .jitter = 3 };
    return proto_fuzz_one_with("opcua", data, size, &o);
}
