/* fuzz_net_ssh.c - arbitrary bytes through the ssh probe and parser, cut
 * into deliveries of both directions with gaps between them, the way
 * reassembly hands a stream over. First byte: the cut pattern. Every app
 * meta value must be short printable text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "net/proto/proto.h"
#include "proto_fuzz.h"

static void check_observation(void *user, const net_observation *o)
{
    (void)user;
    proto_fuzz_check_text(o, "ssh");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const proto_fuzz_opts o = { check_observation, .stride = 13, .jitter = 7, .gap_jitter = 15 };
    return proto_fuzz_one_with("ssh", data, size, &o);
}
