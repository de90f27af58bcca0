/* model_service.h - conduit services: a named protocol ("modbus", "s7comm")
 * from a table of well-known transports, or "tcp/502", "udp/47808",
 * "tcp/8000-8100", "tcp", "udp", "icmp" and "any". */
#ifndef SW_MODEL_SERVICE_H
#define SW_MODEL_SERVICE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "model/model.h"

typedef struct model_service_name {
    const char *name;
    uint8_t ip_proto;          /* 6 tcp, 17 udp, 1 icmp */
    uint16_t port;
    const char *what;          /* one line for docs and listings */
} model_service_name;

extern const model_service_name model_service_names[];
extern const size_t model_n_service_names;

/* Fills out (name, ip_proto, port range; text and pos are left to the caller).
 * On failure returns false and sets *why to a static reason, and *suggest to
 * the closest protocol name or NULL. */
bool model_service_parse(const char *text, model_service *out, const char **why, const char **suggest);
/* The table entry for a named protocol, or NULL. */
const model_service_name *model_service_lookup(const char *name);
/* "tcp", "udp", "icmp" or "any". */
const char *model_ip_proto_name(uint8_t ip_proto);

#endif
