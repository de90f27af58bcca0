/* dns.h - DNS message parts that tests and other parsers (mDNS, LLMNR,
 * NetBIOS) reuse: bounded name decompression and the type names. */
#ifndef SW_NET_PROTO_DNS_H
#define SW_NET_PROTO_DNS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/cursor.h"

#define DNS_PORT 53
#define MDNS_PORT 5353
#define DNS_HEADER_LEN 12
#define DNS_NAME_MAX 255         /* wire octets of a name (RFC 1035 3.1) */
#define DNS_LABELS_MAX 127
#define DNS_NAME_TEXT_MAX 1024   /* presentation form, escapes included */

/* Reads the name at `c` (advancing it past the name's own octets) from the
 * message `msg` of `len` bytes, following compression pointers only
 * backwards, so no loop can form. Writes the dotted form ("." for the root,
 * \DDD for octets that are not printable or are '.' or '\\') into out.
 * False on a truncated or invalid name. */
bool dns_read_name(const uint8_t *msg, size_t len, cursor *c, char *out, size_t cap);
const char *dns_type_name(uint16_t type);
const char *dns_rcode_name(uint8_t rcode);

#endif
