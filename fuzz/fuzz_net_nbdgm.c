/* fuzz_net_nbdgm.c - arbitrary bytes through the nbdgm probe and parser, as whole and
 * length-prefixed datagrams of both directions; every app meta
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
    const proto_fuzz_opts o = { check_observation, .datagrams = true };
    return proto_fuzz_one_with("nbdgm", data, size, &o);
}
