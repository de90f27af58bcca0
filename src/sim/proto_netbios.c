/* proto_netbios.c - NetBIOS over TCP/IP broadcasts of Windows hosts in IT
 * zones (RFC 1001/1002, MS-BRWS): at boot each registers its workstation
 * name, its server name and its domain group on UDP 137; it then announces
 * itself to the domain's browsers on UDP 138 every 12 minutes and now and
 * then asks the segment for the file server's name. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "sim/plan.h"

#define NB_PORT_NS 137
#define NB_PORT_DGM 138
#define ANNOUNCE_EVERY SIM_S(720)
#define QUERY_EVERY SIM_S(300)

typedef struct netbios_state {
    int host, file_server;
    uint32_t bcast;
    uint16_t tid;
    int step;
    uint8_t update_count;
    sw_time_us next_announce, next_query;
} netbios_state;

static void upper15(char *out, const char *s)
{
    size_t k = 0;
    for (; s && *s && k < 15; s++) out[k++] = (char)toupper((unsigned char)*s);
    out[k] = '\0';
}

static void domain_of(const sim_ctx *c, char out[16])
{
    const char *name = c->m->port.name ? c->m->port.name : "PORT", *last = name;
    for (const char *p = name; *p; p++)
        if (*p == ' ' && p[1]) last = p + 1;
    upper15(out, last);
}

/* First-level encoding (RFC 1001 14.1): 15 characters space-padded and the
 * type, each byte as two letters 'A'+nibble. */
static void put_name(sim_buf *b, const char *name, uint8_t type)
{
    uint8_t raw[16];
    memset(raw, ' ', 15);
    memcpy(raw, name, strlen(name) < 15 ? strlen(name) : 15);
    raw[15] = type;
    sim_buf_u8(b, 32);
    for (int i = 0; i < 16; i++) { sim_buf_u8(b, (uint8_t)('A' + (raw[i] >> 4))); sim_buf_u8(b, (uint8_t)('A' + (raw[i] & 15))); }
    sim_buf_u8(b, 0);
}

/* NAME REGISTRATION REQUEST, broadcast (RFC 1002 4.2.2). */
static void registration(sim_buf *b, uint16_t tid, const char *name, uint8_t type, bool group, uint32_t ip)
{
    sim_buf_be16(b, tid);
    sim_buf_be16(b, 0x2910);                       /* opcode 5, RD, B */
    sim_buf_be16(b, 1); sim_buf_be16(b, 0); sim_buf_be16(b, 0); sim_buf_be16(b, 1);
    put_name(b, name, type);
    sim_buf_be16(b, 0x20); sim_buf_be16(b, 1);      /* NB, IN */
    sim_buf_be16(b, 0xc00c);                        /* the question's name */
    sim_buf_be16(b, 0x20); sim_buf_be16(b, 1);
    sim_buf_be32(b, 300000);                        /* TTL, as Windows sends it */
    sim_buf_be16(b, 6);
    sim_buf_be16(b, group ? 0x8000 : 0x0000);       /* B-node, unique or group */
    sim_buf_be32(b, ip);
}

/* NAME QUERY REQUEST, broadcast (RFC 1002 4.2.12). */
static void query(sim_buf *b, uint16_t tid, const char *name, uint8_t type)
{
    sim_buf_be16(b, tid);
    sim_buf_be16(b, 0x0110);                        /* opcode 0, RD, B */
    sim_buf_be16(b, 1); sim_buf_be16(b, 0); sim_buf_be16(b, 0); sim_buf_be16(b, 0);
    put_name(b, name, type);
    sim_buf_be16(b, 0x20); sim_buf_be16(b, 1);
}

/* A DIRECT_GROUP datagram to DOMAIN<1d> carrying an SMB Transaction on
 * \MAILSLOT\BROWSE with a HostAnnouncement (MS-BRWS 2.2.1). */
static void host_announcement(sim_buf *b, const sim_host *h, const char *host, const char *domain, uint16_t id,
                              uint8_t update_count)
{
    static const char mailslot[] = "\\MAILSLOT\\BROWSE";
    uint8_t announce[64];
    size_t an = 0;
    announce[an++] = 1;                             /* HostAnnouncement */
    announce[an++] = update_count;
    uint32_t period = (uint32_t)(ANNOUNCE_EVERY / 1000);
    for (int i = 0; i < 4; i++) announce[an++] = (uint8_t)(period >> (8 * i));
    memset(announce + an, 0, 16);
    memcpy(announce + an, host, strlen(host));
    an += 16;
    announce[an++] = 10; announce[an++] = 0;        /* OS 10.0 */
    uint32_t type = 0x00001003u;                    /* workstation, server, NT workstation */
    for (int i = 0; i < 4; i++) announce[an++] = (uint8_t)(type >> (8 * i));
    announce[an++] = 15; announce[an++] = 1;        /* browser version 15.1 */
    announce[an++] = 0x55; announce[an++] = 0xaa;   /* signature */
    announce[an++] = 0;                             /* empty comment */

    size_t smb_len = 32 + 1 + 17 * 2 + 2 + sizeof mailslot + an;
    sim_buf_u8(b, 0x11);                            /* DIRECT_GROUP */
    sim_buf_u8(b, 0x02);                            /* first fragment, B node */
    sim_buf_be16(b, id);
    sim_buf_be32(b, h->ip);
    sim_buf_be16(b, NB_PORT_DGM);
    sim_buf_be16(b, (uint16_t)(34 + 34 + smb_len));
    sim_buf_be16(b, 0);
    put_name(b, host, 0x00);
    put_name(b, domain, 0x1d);
    sim_buf_put(b, "\xffSMB", 4);
    sim_buf_u8(b, 0x25);                            /* SMB_COM_TRANSACTION */
    sim_buf_zero(b, 4 + 1 + 2 + 2 + 8 + 2 + 2 + 2 + 2 + 2);
    sim_buf_u8(b, 17);
    uint16_t data_off = (uint16_t)(32 + 1 + 34 + 2 + sizeof mailslot);
    /* Transaction words (MS-CIFS 2.2.4.33.1): no parameters, the
     * announcement as data, setup = mailslot write (1), priority 1, class 2 */
    const uint16_t words[17] = { 0, (uint16_t)an, 0, 0, 0, 0, 0, 0, 0, 0, data_off, (uint16_t)an, data_off, 3, 1, 1, 2 };
    for (int i = 0; i < 17; i++) sim_buf_le16(b, words[i]);
    sim_buf_le16(b, (uint16_t)(sizeof mailslot + an));
    sim_buf_put(b, mailslot, sizeof mailslot);
    sim_buf_put(b, announce, an);
}

static sw_time_us netbios_step(sim_ctx *c, void *state, sw_time_us now)
{
    static const uint8_t bcast_mac[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
    netbios_state *st = state;
    const sim_host *h = &c->hosts[st->host];
    char host[16], domain[16];
    upper15(host, h->id);
    domain_of(c, domain);
    sim_buf b = { 0 };
    sw_time_us next;
    if (st->step < 3) {                            /* boot: workstation, server, domain group */
        const bool group = st->step == 2;
        registration(&b, ++st->tid, group ? domain : host, st->step == 1 ? 0x20 : 0x00, group, h->ip);
        sim_emit_udp_raw(c, now, st->host, bcast_mac, h->ip, st->bcast, NB_PORT_NS, NB_PORT_NS, b.p, b.len);
        st->step++;
        next = now + SIM_MS(750);
        if (st->step == 3) {
            st->next_announce = now + SIM_S(60);
            st->next_query = now + SIM_S(20) + sim_uniform(&c->setup, 0, QUERY_EVERY);
            next = st->next_announce < st->next_query ? st->next_announce : st->next_query;
        }
    } else {
        if (now >= st->next_announce) {
            host_announcement(&b, h, host, domain, ++st->tid, st->update_count++);
            sim_emit_udp_raw(c, now, st->host, bcast_mac, h->ip, st->bcast, NB_PORT_DGM, NB_PORT_DGM, b.p, b.len);
            st->next_announce = now + ANNOUNCE_EVERY;
        } else if (st->file_server >= 0) {
            char fs[16];
            upper15(fs, c->hosts[st->file_server].id);
            query(&b, ++st->tid, fs, 0x20);
            sim_emit_udp_raw(c, now, st->host, bcast_mac, h->ip, st->bcast, NB_PORT_NS, NB_PORT_NS, b.p, b.len);
            st->next_query = now + QUERY_EVERY;
        } else {
            st->next_query = c->end + 1;
        }
        next = st->next_announce < st->next_query ? st->next_announce : st->next_query;
    }
    sim_buf_free(&b);
    return next <= c->end ? next : -1;
}

/* The directed broadcast of the zone network holding h, or 0. */
static uint32_t broadcast_of(const sim_ctx *c, const sim_host *h)
{
    if (h->zone < 0) return 0;
    const model_zone *z = &c->m->zones[h->zone];
    ip_addr a;
    ip_from_v4(&a, h->ip);
    for (size_t i = 0; i < z->n_networks; i++) {
        const ip_net *n = &z->networks[i];
        if (n->prefix < 8 || n->prefix > 30 || !ip_net_contains(n, &a)) continue;
        return h->ip | (0xffffffffu >> n->prefix);
    }
    return 0;
}

/* Windows members of the IT domain on a LAN segment (a VPN pool carries no
 * broadcasts). */
static void netbios_plan(sim_ctx *c, const sim_profile *p)
{
    (void)p;
    for (size_t i = 0; i < c->n_hosts; i++) {
        const sim_host *h = &c->hosts[i];
        if (h->external || !sim_is_windows_member(c, h)) continue;
        const model_zone *z = sim_host_zone(c, h);
        if (!z || (z->id && strstr(z->id, "vpn")) || (z->name && strstr(z->name, "VPN"))) continue;
        uint32_t bcast = broadcast_of(c, h);
        if (!bcast) continue;
        netbios_state *st = arena_alloc(&c->mem, sizeof *st);
        if (!st) return;
        memset(st, 0, sizeof *st);
        st->host = (int)i;
        st->bcast = bcast;
        st->tid = (uint16_t)prng_next(&c->setup);
        st->file_server = -1;
        for (size_t k = 0; k < c->n_hosts && st->file_server < 0; k++)
            if (sim_is_file_server(c, &c->hosts[k]) && (int)k != (int)i) st->file_server = (int)k;
        sim_actor_start(c, netbios_step, st, c->opt.start + sim_uniform(&c->setup, 0, SIM_S(30)), NULL);
    }
}

const sim_profile sim_profile_netbios = {
    "netbios", "Windows hosts in IT zones register their NetBIOS names at boot, announce themselves to the domain browser and query the file server's name (broadcasts on UDP 137/138)",
    17, 137, netbios_plan, NULL, 0,
};
