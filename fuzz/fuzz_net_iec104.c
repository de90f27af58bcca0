/* fuzz_net_iec104.c - arbitrary bytes through the IEC 60870-5-104 probe
 * and parser, cut into deliveries of both directions with gaps between
 * them, the way reassembly hands a stream over. First byte: the cut pattern. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "net/proto/iec104.h"
#include "net/proto/proto.h"
#include "proto_fuzz.h"

static void check_observation(void *user, const net_observation *o)
{
    (void)user;
    if (o->kind != OBS_ICS_OP) abort();          /* IEC 104 reveals no identity */
    const obs_ics_op *op = &o->u.ics;
    if (strcmp(op->protocol, "iec104") != 0 || !op->function_name) abort();
    if (op->function > IEC104_FN_NO_ASDU) abort();
    if (op->iec104.format != 'I' && op->iec104.format != 'S' && op->iec104.format != 'U') abort();
    if (op->iec104.cause > 63 || op->iec104.n_objects > 127) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const proto_fuzz_opts o = { check_observation, .stride = 37, .jitter = 3 };
    return proto_fuzz_one_with("iec104", data, size, &o);
}
