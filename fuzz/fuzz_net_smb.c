/* fuzz_net_smb.c - arbitrary bytes through the smb probe and parser, cut into
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
    proto_fuzz_check_text(o, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const proto_fuzz_opts o = { check_observation, .stride = 29, .jitter = 7, .gap_jitter = 63 };
    return proto_fuzz_one_with("smb", data, size, &o);
}
