/* registry.c - the table of application parsers, built from parsers.def,
 * and the lookups the engine and the command line need. */
#include "net/proto/proto.h"
#include <string.h>

#define PROTO_PARSER(sym) extern const proto_parser sym;
#include "net/proto/parsers.def"
#undef PROTO_PARSER

#define PROTO_PARSER(sym) &sym,
const proto_parser *const proto_parsers[] = {
#include "net/proto/parsers.def"
};
#undef PROTO_PARSER
const size_t proto_n_parsers = sizeof proto_parsers / sizeof proto_parsers[0];

const proto_parser *proto_find(const char *name)
{
    int i = proto_index(name);
    return i < 0 ? NULL : proto_parsers[i];
}

int proto_index(const char *name)
{
    for (size_t i = 0; i < proto_n_parsers; i++)
        if (strcmp(proto_parsers[i]->name, name) == 0) return (int)i;
    return -1;
}

size_t proto_max_state_size(void)
{
    size_t m = 0;
    for (size_t i = 0; i < proto_n_parsers; i++)
        if (proto_parsers[i]->state_size > m) m = proto_parsers[i]->state_size;
    return m;
}

bool proto_is_default_port(uint8_t transport, uint16_t port)
{
    if (port == 0) return false;
    for (size_t i = 0; i < proto_n_parsers; i++) {
        if (proto_parsers[i]->transport != transport) continue;
        for (int k = 0; k < PROTO_MAX_PORTS; k++)
            if (proto_parsers[i]->ports[k] == port) return true;
    }
    return false;
}

void proto_emit(const proto_ctx *ctx, net_dir dir, net_observation *o)
{
    o->ts = ctx->ts;
    o->frame = ctx->frame;
    o->flow = ctx->flow;
    o->dir = dir;
    obs_sink_emit(ctx->sink, o);
}
