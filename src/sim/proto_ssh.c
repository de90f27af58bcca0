/* proto_ssh.c - SSH administration sessions: IT admin desks and the PAM
 * vault to the Linux servers and network devices their conduits open to
 * ssh, engineering workstations to OT servers where a conduit allows ssh.
 * Banners, both KEXINITs, curve25519 key exchange, NEWKEYS, then an
 * encrypted shell session (RFC 4253 framing throughout). */
#include <string.h>
#include "sim/plan.h"

#define SSH_MAX_SERVERS_PER_ADMIN 3

static const char *const kex_lists[10] = {
    "curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,diffie-hellman-group14-sha256",
    "ssh-ed25519,ecdsa-sha2-nistp256,rsa-sha2-512,rsa-sha2-256",
    "chacha20-poly1305@openssh.com,aes128-ctr,aes256-ctr,aes128-gcm@openssh.com",
    "chacha20-poly1305@openssh.com,aes128-ctr,aes256-ctr,aes128-gcm@openssh.com",
    "umac-64-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-256",
    "umac-64-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-256",
    "none,zlib@openssh.com", "none,zlib@openssh.com", "", "",
};

/* One binary packet before keys are in force: padded to 8, no MAC. */
static void ssh_packet(sim_buf *b, prng *r, const uint8_t *payload, size_t n)
{
    size_t pad = 4;
    while ((n + 5 + pad) % 8) pad++;
    sim_buf_be32(b, (uint32_t)(n + pad + 1));
    sim_buf_u8(b, (uint8_t)pad);
    sim_buf_put(b, payload, n);
    sim_buf_random(b, r, pad);
}

static void ssh_kexinit(sim_buf *b, prng *r)
{
    sim_buf p = { 0 };
    sim_buf_u8(&p, 20);
    sim_buf_random(&p, r, 16);
    for (int i = 0; i < 10; i++) {
        sim_buf_be32(&p, (uint32_t)strlen(kex_lists[i]));
        sim_buf_puts(&p, kex_lists[i]);
    }
    sim_buf_u8(&p, 0);                  /* first_kex_packet_follows */
    sim_buf_be32(&p, 0);
    if (!p.oom) ssh_packet(b, r, p.p, p.len);
    sim_buf_free(&p);
}

/* An SSH string of n random bytes. */
static void ssh_random_string(sim_buf *b, prng *r, size_t n)
{
    sim_buf_be32(b, (uint32_t)n);
    sim_buf_random(b, r, n);
}

/* An "ssh-ed25519" structure (RFC 8709): a public key or a signature. */
static void ssh_ed25519(sim_buf *b, prng *r, size_t n)
{
    sim_buf_be32(b, (uint32_t)(4 + 11 + 4 + n));
    sim_buf_be32(b, 11);
    sim_buf_puts(b, "ssh-ed25519");
    ssh_random_string(b, r, n);
}

/* RFC 5656 7.1 with curve25519 (RFC 8731): the client's ephemeral key. */
static void ssh_ecdh_init(sim_buf *b, prng *r)
{
    sim_buf p = { 0 };
    sim_buf_u8(&p, 30);
    ssh_random_string(&p, r, 32);
    if (!p.oom) ssh_packet(b, r, p.p, p.len);
    sim_buf_free(&p);
}

/* The reply: host key, the server's ephemeral key, the exchange hash's signature. */
static void ssh_ecdh_reply(sim_buf *b, prng *r)
{
    sim_buf p = { 0 };
    sim_buf_u8(&p, 31);
    ssh_ed25519(&p, r, 32);
    ssh_random_string(&p, r, 32);
    ssh_ed25519(&p, r, 64);
    if (!p.oom) ssh_packet(b, r, p.p, p.len);
    sim_buf_free(&p);
}

static void ssh_newkeys(sim_buf *b, prng *r)
{
    const uint8_t code = 21;
    ssh_packet(b, r, &code, 1);
}

/* An encrypted packet: chacha20-poly1305 length, a multiple of 8, and a 16-byte tag. */
static void ssh_encrypted(sim_buf *b, prng *r, size_t payload)
{
    size_t n = 4 + ((payload + 5 + 7) / 8) * 8 + 16;
    sim_buf_random(b, r, n);
}

/* The server's banner: OpenSSH at the version its CPE names, else what the
 * kind of device usually runs. */
static void server_banner(sim_buf *b, const sim_host *h)
{
    const model_asset *a = h->asset;
    const char *cpe = a ? a->cpe : NULL;
    const char *at = cpe ? strstr(cpe, "openssh:openssh:") : NULL;
    if (at) {
        char ver[24] = "", upd[16] = "";
        const char *v = at + 16, *e = strchr(v, ':');
        size_t n = e ? (size_t)(e - v) : strlen(v);
        if (n < sizeof ver) { memcpy(ver, v, n); ver[n] = '\0'; }
        if (e && e[1] && e[1] != '*' && e[1] != ':') {
            const char *u = e + 1, *ue = strchr(u, ':');
            size_t un = ue ? (size_t)(ue - u) : strlen(u);
            if (un < sizeof upd) { memcpy(upd, u, un); upd[un] = '\0'; }
        }
        sim_buf_printf(b, "SSH-2.0-OpenSSH_%s%s\r\n", ver, upd);
        return;
    }
    if (sim_host_kind(h, "switch") || sim_host_kind(h, "router")) { sim_buf_puts(b, "SSH-2.0-Cisco-1.25\r\n"); return; }
    if (sim_host_kind(h, "firewall") || sim_host_kind(h, "vpn-gateway")) { sim_buf_puts(b, "SSH-2.0-FortiSSH_7.2\r\n"); return; }
    sim_buf_puts(b, "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n");
}

static bool ssh_next(sim_session *s, sim_msg *m, sim_buf *out)
{
    const sim_host *cl = &s->ctx->hosts[s->client], *sv = &s->ctx->hosts[s->server];
    switch (s->n_msgs) {
    case 0:
        m->dir = SIM_C2S; m->delay = SIM_MS(1);
        sim_buf_puts(out, cl->windows ? "SSH-2.0-PuTTY_Release_0.80\r\n" : "SSH-2.0-OpenSSH_9.6\r\n");
        return true;
    case 1: m->dir = SIM_S2C; m->delay = SIM_MS(2); server_banner(out, sv); return true;
    case 2: m->dir = SIM_C2S; m->delay = SIM_MS(1); ssh_kexinit(out, &s->rng); return true;
    case 3: m->dir = SIM_S2C; m->delay = SIM_MS(1); ssh_kexinit(out, &s->rng); return true;
    case 4: m->dir = SIM_C2S; m->delay = SIM_MS(1); ssh_ecdh_init(out, &s->rng); return true;
    case 5:
        m->dir = SIM_S2C; m->delay = SIM_MS(3);
        ssh_ecdh_reply(out, &s->rng);
        ssh_newkeys(out, &s->rng);
        return true;
    case 6:
        m->dir = SIM_C2S; m->delay = SIM_MS(1);
        ssh_newkeys(out, &s->rng);
        ssh_encrypted(out, &s->rng, 28);             /* SSH_MSG_SERVICE_REQUEST "ssh-userauth" */
        return true;
    }
    /* authentication, a shell, a few commands and their output, then exit */
    if (s->n_msgs > 40) { m->dir = SIM_C2S; m->delay = SIM_MS(200); return false; }
    if (s->n_msgs % 2 == 1) {
        m->dir = SIM_C2S; m->delay = sim_uniform(&s->rng, SIM_MS(150), SIM_MS(3000));
        ssh_encrypted(out, &s->rng, 20 + prng_below(&s->rng, 60));
    } else {
        m->dir = SIM_S2C; m->delay = sim_uniform(&s->rng, SIM_MS(2), SIM_MS(60));
        ssh_encrypted(out, &s->rng, 40 + prng_below(&s->rng, 1200));
    }
    return true;
}

/* Hosts that run an SSH daemon: non-Windows servers and network devices. */
static bool is_ssh_server(const sim_ctx *c, const sim_host *h)
{
    (void)c;
    static const char *const kinds[] = { "server", "database", "web-server", "tos-server", "historian", "siem",
                                         "backup-server", "firewall", "switch", "router", "vpn-gateway",
                                         "scada-server", "vts-server", "file-server" };
    if (!h->asset || h->external || h->windows) return false;
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (sim_host_kind(h, kinds[i])) return true;
    return false;
}

/* Who administers over SSH: the PAM vault, SOC and administrator desks in
 * IT, and engineering workstations in OT. */
static bool is_ssh_admin(const sim_ctx *c, const sim_host *h)
{
    if (!h->asset || h->external || h->zone < 0) return false;
    if (sim_host_kind(h, "eng-workstation")) return c->m->zones[h->zone].domain == DOMAIN_OT;
    if (c->m->zones[h->zone].domain != DOMAIN_IT) return false;
    if (sim_host_is(h, "privileged access") || sim_host_is(h, "pam")) return true;
    bool desk = sim_host_kind(h, "workstation") || sim_host_kind(h, "laptop");
    return desk && (sim_host_is(h, "administrator") || sim_host_is(h, "soc"));
}

/* Each admin keeps up to three servers its conduits open to ssh, spread by
 * its own index so that several admins do not all pick the same ones. */
static void ssh_plan(sim_ctx *c, const sim_profile *p)
{
    for (size_t i = 0; i < c->n_hosts; i++) {
        if (!is_ssh_admin(c, &c->hosts[i])) continue;
        int cand[64];
        size_t n = 0;
        for (size_t k = 0; k < c->n_hosts && n < 64; k++)
            if (k != i && is_ssh_server(c, &c->hosts[k]) && sim_allowed(c, (int)i, (int)k, p->ip_proto, p->port, p->name))
                cand[n++] = (int)k;
        size_t want = n < SSH_MAX_SERVERS_PER_ADMIN ? n : SSH_MAX_SERVERS_PER_ADMIN;
        for (size_t j = 0; j < want; j++) sim_add_flow(c, p, (int)i, cand[(i + j * (n / want)) % n], SIM_S(120), 0);
    }
}

const sim_profile sim_profile_ssh = {
    "ssh", "admins (PAM vault, SOC and admin desks, OT engineering workstations) open SSH shells to the servers their conduits allow",
    6, 22, ssh_plan, ssh_next, 0,
};
