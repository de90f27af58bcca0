/* proto_rtsp.c - RTSP from recording servers to cameras: OPTIONS, DESCRIBE (SDP),
 * SETUP with RTP interleaved on the TCP connection, PLAY, then the
 * camera's recording sub-stream as '$'-framed RTP (H.264 FU-A fragments). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "sim/plan.h"

typedef struct rtsp_state {
    uint16_t cseq, rtp_seq;
    bool authed;                        /* a scenario's login: requests carry its Basic credentials */
    uint32_t rtp_ts, ssrc, session;
    char url[64];
} rtsp_state;

/* A scenario's login plays 20 frames (5 s), then tears down. */
#define RTSP_LOGIN_FRAMES 20

static void request(sim_session *s, sim_buf *b, rtsp_state *st, const char *method, const char *extra)
{
    const sim_login *lg = SIM_LOGIN(s);
    sim_buf_printf(b, "%s %s RTSP/1.0\r\nCSeq: %u\r\nUser-Agent: %s\r\n", method, st->url, ++st->cseq,
                   lg ? "LIVE555 Streaming Media v2020.08.19" : "VMS Recorder");
    if (lg && st->authed) {
        char cred[128], b64[200];
        snprintf(cred, sizeof cred, "%s:%s", lg->user ? lg->user : "", lg->password ? lg->password : "");
        sim_base64(cred, b64, sizeof b64);
        sim_buf_printf(b, "Authorization: Basic %s\r\n", b64);
    }
    sim_buf_printf(b, "%s\r\n", extra);
}

/* A scenario's login: DESCRIBE without credentials meets the camera's
 * challenge, then the script goes on with them (RFC 2326 section 10.2) and
 * ends with a TEARDOWN. Returns 1 when it wrote the message, 0 when the
 * conversation is over, -1 to run the script's step *k. */
static int rtsp_login_step(sim_session *s, rtsp_state *st, sim_msg *m, sim_buf *out, uint64_t *k)
{
    const sim_login *lg = SIM_LOGIN(s);
    const sim_host *cam = &s->ctx->hosts[s->server];
    uint64_t n = s->n_msgs;
    if (n < 2) { *k = n; return -1; }
    if (n == 2) { m->dir = SIM_C2S; m->delay = SIM_MS(1); request(s, out, st, "DESCRIBE", "Accept: application/sdp\r\n"); return 1; }
    if (n == 3 || (n == 5 && lg->refused)) {
        m->dir = SIM_S2C; m->delay = SIM_MS(3);
        sim_buf_printf(out, "RTSP/1.0 401 Unauthorized\r\nCSeq: %u\r\nWWW-Authenticate: Basic realm=\"%s\"\r\n\r\n", st->cseq,
                       cam->asset && cam->asset->product ? cam->asset->product : cam->id);
        st->authed = true;
        return 1;
    }
    *k = n - 2;
    if (lg->refused || *k > 9 + RTSP_LOGIN_FRAMES) { m->dir = SIM_C2S; m->delay = SIM_MS(5); return 0; }
    if (*k == 8 + RTSP_LOGIN_FRAMES) { m->dir = SIM_C2S; m->delay = SIM_MS(40); request(s, out, st, "TEARDOWN", ""); return 1; }
    if (*k == 9 + RTSP_LOGIN_FRAMES) {
        m->dir = SIM_S2C; m->delay = SIM_MS(2);
        sim_buf_printf(out, "RTSP/1.0 200 OK\r\nCSeq: %u\r\nSession: %08X\r\n\r\n", st->cseq, st->session);
        return 1;
    }
    return -1;
}

/* One video frame of n bytes as a single FU-A fragment (start and end
 * bits set), so a dissector sees a complete, well-formed NAL unit header. */
static void rtp_frame(sim_session *s, rtsp_state *st, sim_buf *b, size_t n)
{
    sim_buf_u8(b, '$');
    sim_buf_u8(b, 0);                   /* channel 0: RTP */
    sim_buf_be16(b, (uint16_t)(12 + 2 + n));
    sim_buf_u8(b, 0x80);                /* version 2 */
    sim_buf_u8(b, 0x80 | 96);           /* marker: last packet of the frame; PT 96 */
    sim_buf_be16(b, st->rtp_seq++);
    sim_buf_be32(b, st->rtp_ts);
    sim_buf_be32(b, st->ssrc);
    sim_buf_u8(b, 0x7c);                /* FU indicator: NRI 3, type 28 (FU-A) */
    sim_buf_u8(b, 0xc1);                /* FU header: start, end, type 1 (non-IDR slice) */
    sim_buf_random(b, &s->rng, n);
    st->rtp_ts += 90000 / 4;            /* 4 frames a second on a 90 kHz clock */
}

static bool rtsp_next(sim_session *s, sim_msg *m, sim_buf *out)
{
    rtsp_state *st = SIM_PSTATE(s, rtsp_state);
    const sim_host *cam = &s->ctx->hosts[s->server];
    char ip[IP_STR_MAX];
    ip_addr a;
    uint64_t k = s->n_msgs;
    if (s->arg) {
        int r = rtsp_login_step(s, st, m, out, &k);
        if (r >= 0) return r == 1;
    }
    switch (k) {
    case 0:
        ip_from_v4(&a, cam->ip);
        snprintf(st->url, sizeof st->url, "rtsp://%s/axis-media/media.amp", ip_fmt(&a, ip));
        st->ssrc = (uint32_t)prng_next(&s->rng);
        st->session = (uint32_t)prng_next(&s->rng);
        st->rtp_seq = (uint16_t)prng_next(&s->rng);
        m->dir = SIM_C2S; m->delay = SIM_MS(1);
        request(s, out, st, "OPTIONS", "");
        return true;
    case 1:
        m->dir = SIM_S2C; m->delay = SIM_MS(2);
        sim_buf_printf(out, "RTSP/1.0 200 OK\r\nCSeq: %u\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN\r\n\r\n", st->cseq);
        return true;
    case 2: m->dir = SIM_C2S; m->delay = SIM_MS(1); request(s, out, st, "DESCRIBE", "Accept: application/sdp\r\n"); return true;
    case 3: {
        char sdp[320];
        ip_from_v4(&a, cam->ip);
        int n = snprintf(sdp, sizeof sdp,
                         "v=0\r\no=- %u 1 IN IP4 %s\r\ns=Media Presentation\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n"
                         "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=control:trackID=1\r\n",
                         st->session, ip_fmt(&a, ip));
        m->dir = SIM_S2C; m->delay = SIM_MS(4);
        sim_buf_printf(out, "RTSP/1.0 200 OK\r\nCSeq: %u\r\nContent-Base: %s/\r\nContent-Type: application/sdp\r\n"
                            "Content-Length: %d\r\n\r\n%s", st->cseq, st->url, n, sdp);
        return true;
    }
    case 4: {
        char extra[96];
        snprintf(extra, sizeof extra, "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n");
        size_t l = strlen(st->url);
        snprintf(st->url + l, sizeof st->url - l, "/trackID=1");
        m->dir = SIM_C2S; m->delay = SIM_MS(1);
        request(s, out, st, "SETUP", extra);
        return true;
    }
    case 5:
        m->dir = SIM_S2C; m->delay = SIM_MS(3);
        sim_buf_printf(out, "RTSP/1.0 200 OK\r\nCSeq: %u\r\nSession: %08X;timeout=60\r\n"
                            "Transport: RTP/AVP/TCP;unicast;interleaved=0-1;ssrc=%08X\r\n\r\n", st->cseq, st->session, st->ssrc);
        return true;
    case 6: {
        char extra[64];
        snprintf(extra, sizeof extra, "Session: %08X\r\nRange: npt=0.000-\r\n", st->session);
        m->dir = SIM_C2S; m->delay = SIM_MS(1);
        request(s, out, st, "PLAY", extra);
        return true;
    }
    case 7:
        m->dir = SIM_S2C; m->delay = SIM_MS(2);
        sim_buf_printf(out, "RTSP/1.0 200 OK\r\nCSeq: %u\r\nSession: %08X\r\n\r\n", st->cseq, st->session);
        return true;
    }
    m->dir = SIM_S2C;
    m->delay = sim_uniform(&s->rng, SIM_MS(245), SIM_MS(255));
    rtp_frame(s, st, out, 600 + (size_t)prng_below(&s->rng, 800));
    return true;
}

/* Does `text` name `word` as a whole word ("Recording server (T1)" names t1)? */
static bool names_word(const char *text, const char *word)
{
    size_t n = strlen(word);
    if (!text || !n) return false;
    for (const char *t = text; *t; t++) {
        if (strncasecmp(t, word, n) != 0) continue;
        bool left = t == text || !isalnum((unsigned char)t[-1]), right = !isalnum((unsigned char)t[n]);
        if (left && right) return true;
    }
    return false;
}

/* The site a camera watches: a tag naming a site, else its zone's site. */
static const model_site *camera_site(const sim_ctx *c, const sim_host *cam)
{
    for (size_t s = 0; s < c->m->n_sites; s++)
        for (size_t t = 0; t < cam->asset->tags.len; t++)
            if (c->m->sites[s].id && strcasecmp(cam->asset->tags.items[t], c->m->sites[s].id) == 0) return &c->m->sites[s];
    const model_zone *z = sim_host_zone(c, cam);
    return z && z->site_index >= 0 && (size_t)z->site_index < c->m->n_sites ? &c->m->sites[z->site_index] : NULL;
}

/* A recording server dedicated to a site names it in a tag, its id or its name. */
static bool nvr_serves_site(const sim_host *nvr, const model_site *site)
{
    if (!site || !site->id) return false;
    const model_asset *a = nvr->asset;
    for (size_t t = 0; t < a->tags.len; t++)
        if (strcasecmp(a->tags.items[t], site->id) == 0) return true;
    return names_word(a->id, site->id) || names_word(a->name, site->id) || (site->name && names_word(a->name, site->name));
}

/* Recording servers pull the streams, as in a Milestone or Genetec
 * deployment; each camera goes to a recorder that may reach it, the one
 * for its site first, else the least loaded. Models without recorders
 * fall back on the VMS. */
static void rtsp_plan(sim_ctx *c, const sim_profile *p)
{
    size_t *load = calloc(c->n_hosts ? c->n_hosts : 1, sizeof *load);
    if (!load) return;
    for (size_t i = 0; i < c->n_hosts; i++) {
        if (!sim_is_camera(c, &c->hosts[i])) continue;
        const model_site *site = camera_site(c, &c->hosts[i]);
        int rec = -1;
        bool rec_site = false;
        for (size_t k = 0; k < c->n_hosts; k++) {
            if (!sim_is_nvr(c, &c->hosts[k]) || !sim_allowed(c, (int)k, (int)i, p->ip_proto, p->port, p->name)) continue;
            bool same = nvr_serves_site(&c->hosts[k], site);
            if (rec < 0 || (same && !rec_site) || (same == rec_site && load[k] < load[rec])) { rec = (int)k; rec_site = same; }
        }
        for (size_t k = 0; k < c->n_hosts && rec < 0; k++)
            if (sim_is_vms(c, &c->hosts[k]) && sim_allowed(c, (int)k, (int)i, p->ip_proto, p->port, p->name)) rec = (int)k;
        if (rec < 0) continue;
        load[rec]++;
        sim_add_flow(c, p, rec, (int)i, 0, 0);
    }
    free(load);
}

const sim_profile sim_profile_rtsp = {
    "rtsp", "recording servers (else the VMS) pull each camera they may reach: RTSP setup, then RTP interleaved over TCP (4 fps sub-stream)",
    6, 554, rtsp_plan, rtsp_next, 0,
};
