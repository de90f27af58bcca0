/* ipaddr.h - IPv4/IPv6 addresses and CIDR networks, parsed strictly.
 * Addresses are kept as 16 bytes (IPv4 as v4-mapped) so one compare works. */
#ifndef SW_IPADDR_H
#define SW_IPADDR_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ip_addr {
    uint8_t b[16];
    bool v4;
} ip_addr;

typedef struct ip_net {
    ip_addr addr;      /* host bits cleared */
    uint8_t prefix;    /* 0..32 for v4, 0..128 for v6 */
} ip_net;

#define IP_STR_MAX 46

bool ip_parse(const char *s, ip_addr *out);
/* "10.0.0.0/8", "2001:db8::/32"; a bare address is a host route.
 * Fails on host bits set unless allow_host_bits. */
bool ip_net_parse(const char *s, ip_net *out, bool allow_host_bits);
void ip_from_v4(ip_addr *out, uint32_t host_order);
uint32_t ip_to_v4(const ip_addr *a);
bool ip_net_contains(const ip_net *n, const ip_addr *a);
bool ip_net_overlaps(const ip_net *a, const ip_net *b);
int  ip_cmp(const ip_addr *a, const ip_addr *b);
bool ip_eq(const ip_addr *a, const ip_addr *b);
const char *ip_fmt(const ip_addr *a, char buf[IP_STR_MAX]);
const char *ip_net_fmt(const ip_net *n, char buf[IP_STR_MAX + 4]);
/* Number of addresses, saturating at UINT64_MAX. */
uint64_t ip_net_size(const ip_net *n);
/* The i-th address of a network (i < size). */
void ip_net_nth(const ip_net *n, uint64_t i, ip_addr *out);

/* "00:1b:1b:12:34:56" or with '-'; strict: six hex pairs. */
bool mac_parse(const char *s, uint8_t out[6]);
const char *mac_fmt(const uint8_t mac[6], char buf[18]);

#endif
