/* proto_rtsp.c - RTSP from the VMS to cameras: OPTIONS, DESCRIBE (SDP),
 * SETUP with RTP interleaved on the TCP connection, PLAY, then the
 * camera's recording sub-stream as '$'-framed RTP (H.264 FU-A fragments). */
#include <string.h>
#include "sim/plan.h"

typedef struct rtsp_state {
    uint16_t cseq, rtp_seq;
    uint32_t rtp_ts, ssrc, session;
    char url[64];
} rtsp_state;

static void request(sim_buf *b, rtsp_state *st, const char *method, const char *extra)
{
    sim_buf_printf(b, "%s %s RTSP/1.0\r\nCSeq: %u\r\nUser-Agent: VMS Recorder\r\n%s\r\n", method, st->url, ++st->cseq,
                   extra);
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
    switch (s->n_msgs) {
    case 0:
        ip_from_v4(&a, cam->ip);
        snprintf(st->url, sizeof st->url, "rtsp://%s/axis-media/media.amp", ip_fmt(&a, ip));
        st->ssrc = (uint32_t)prng_next(&s->rng);
        st->session = (uint32_t)prng_next(&s->rng);
        st->rtp_seq = (uint16_t)prng_next(&s->rng);
        m->dir = SIM_C2S; m->delay = SIM_MS(1);
        request(out, st, "OPTIONS", "");
        return true;
    case 1:
        m->dir = SIM_S2C; m->delay = SIM_MS(2);
        sim_buf_printf(out, "RTSP/1.0 200 OK\r\nCSeq: %u\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN\r\n\r\n", st->cseq);
        return true;
    case 2: m->dir = SIM_C2S; m->delay = SIM_MS(1); request(out, st, "DESCRIBE", "Accept: application/sdp\r\n"); return true;
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
        request(out, st, "SETUP", extra);
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
        request(out, st, "PLAY", extra);
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

static void rtsp_plan(sim_ctx *c, const sim_profile *p)
{
    for (size_t i = 0; i < c->n_hosts; i++) {
        if (!sim_is_camera(c, &c->hosts[i])) continue;
        int vms = -1;
        for (size_t k = 0; k < c->n_hosts && vms < 0; k++)
            if (sim_is_vms(c, &c->hosts[k]) && sim_allowed(c, (int)k, (int)i, p->ip_proto, p->port, p->name)) vms = (int)k;
        if (vms >= 0) sim_add_flow(c, p, vms, (int)i, 0, 0);
    }
}

const sim_profile sim_profile_rtsp = {
    "rtsp", "the VMS records each camera it may reach: RTSP setup, then RTP interleaved over TCP (4 fps sub-stream)",
    6, 554, rtsp_plan, rtsp_next, 0,
};
