/* fuzz_net_bacnet.c - arbitrary bytes through the BACnet/IP probe and
 * parser as datagrams of both directions (a length byte before each, so
 * one input is a short exchange), with gaps and the flow's end. */
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
        if (strcmp(op->protocol, "bacnet") != 0 || !op->function_name || op->function > 0x4ff) abort();
        if (op->bacnet.pdu_type > 15) abort();
    } else if (o->kind == OBS_IDENTITY) {
        const obs_identity *id = &o->u.identity;
        const char *f[] = { id->vendor, id->product, id->firmware, id->model, id->name, id->url };
        for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
            if (f[i] && strlen(f[i]) > 255) abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const proto_fuzz_opts o = { check_observation, .datagrams = true };
    return proto_fuzz_one_with("bacnet", data, size, &o);
}
