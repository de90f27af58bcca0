/* ais_feed.c - file, UDP and TCP AIS sources behind one poll loop
 * (ais_feed.h). Datagram boundaries end lines; stream bytes are cut at
 * newlines with overlong lines cut at AIS_FEED_LINE_MAX. */
#include "sense/ais_feed.h"
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static sw_code parse_hostport(ais_feed *f, const char *rest, bool host_required, sw_error *err)
{
    const char *colon = strrchr(rest, ':');
    if (!colon) return sw_fail(err, SW_ERR_USAGE, "%s: want HOST:PORT", f->spec);
    size_t hl = (size_t)(colon - rest);
    const char *h = rest;
    if (hl >= 2 && h[0] == '[' && h[hl - 1] == ']') { h++; hl -= 2; }   /* [::1]:port */
    if (hl >= sizeof f->host) return sw_fail(err, SW_ERR_USAGE, "%s: host name too long", f->spec);
    memcpy(f->host, h, hl);
    f->host[hl] = '\0';
    const char *p = colon + 1;
    size_t pl = strlen(p);
    char *end;
    long port = strtol(p, &end, 10);
    if (!pl || pl >= sizeof f->port || *end || port < 1 || port > 65535)
        return sw_fail(err, SW_ERR_USAGE, "%s: port must be 1-65535", f->spec);
    memcpy(f->port, p, pl + 1);
    if (host_required && !f->host[0]) return sw_fail(err, SW_ERR_USAGE, "%s: a TCP feed needs a host", f->spec);
    return SW_OK;
}

static void set_nonblock(int fd)
{
    int fl = fcntl(fd, F_GETFL, 0);
    if (fl >= 0) fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

static sw_code bind_udp(ais_feed *f, sw_error *err)
{
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_flags = AI_PASSIVE;
    int gai = getaddrinfo(f->host[0] ? f->host : NULL, f->port, &hints, &res);
    if (gai) return sw_fail(err, SW_ERR_IO, "%s: %s", f->spec, gai_strerror(gai));
    sw_code rc = SW_ERR_IO;
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        int fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (fd < 0) continue;
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        /* Bursts of small datagrams fill the default buffer after ~256
         * sentences; ask for more (the kernel caps it at rmem_max). */
        int rcvbuf = 8 << 20;
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
        if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
            set_nonblock(fd);
            f->fd = fd;
            rc = SW_OK;
            break;
        }
        snprintf(f->last_error, sizeof f->last_error, "%s", strerror(errno));
        close(fd);
    }
    freeaddrinfo(res);
    if (rc) return sw_fail(err, SW_ERR_IO, "%s: cannot bind: %s", f->spec, f->last_error);
    return SW_OK;
}

sw_code ais_feed_open(ais_feed *f, const char *spec, sw_error *err)
{
    memset(f, 0, offsetof(ais_feed, buf));
    f->spec = spec;
    f->fd = -1;
    f->backoff_ms = 500;
    if (strncmp(spec, "udp://", 6) == 0) {
        f->kind = AIS_FEED_UDP;
        if (parse_hostport(f, spec + 6, false, err)) return SW_ERR_USAGE;
        return bind_udp(f, err);
    }
    if (strncmp(spec, "tcp://", 6) == 0) {
        f->kind = AIS_FEED_TCP;
        return parse_hostport(f, spec + 6, true, err);   /* connects in poll */
    }
    if (strstr(spec, "://")) return sw_fail(err, SW_ERR_USAGE, "%s: feeds are udp://HOST:PORT or tcp://HOST:PORT", spec);
    f->kind = AIS_FEED_FILE;
    if (strcmp(spec, "-") == 0) {
        f->fd = STDIN_FILENO;
        return SW_OK;
    }
    f->fd = open(spec, O_RDONLY | O_CLOEXEC);
    if (f->fd < 0) return sw_fail(err, SW_ERR_IO, "cannot open %s: %s", spec, strerror(errno));
    f->own_fd = true;
    return SW_OK;
}

bool ais_feed_is_live(const ais_feed *f) { return f->kind != AIS_FEED_FILE; }

void ais_feed_close(ais_feed *f)
{
    if (f->fd >= 0 && (f->own_fd || f->kind != AIS_FEED_FILE)) close(f->fd);
    f->fd = -1;
}

/* Hands out complete lines from buf[0..have); keeps the rest. With
 * `final`, the rest is a line too (a datagram's end, a file's end). */
static void cut_lines(ais_feed *f, ais_feed_line_fn fn, void *user, bool final)
{
    size_t pos = 0;
    for (;;) {
        char *nl = memchr(f->buf + pos, '\n', f->have - pos);
        if (!nl) break;
        size_t len = (size_t)(nl - (f->buf + pos));
        if (f->skipping) f->skipping = false;
        else {
            f->stats.lines++;
            fn(user, f->buf + pos, len);
        }
        pos += len + 1;
    }
    size_t rest = f->have - pos;
    if (rest && (final || rest >= AIS_FEED_LINE_MAX)) {
        if (!f->skipping) {
            if (rest >= AIS_FEED_LINE_MAX) {
                f->stats.cut_lines++;
                rest = AIS_FEED_LINE_MAX;
                f->skipping = !final;
            }
            f->stats.lines++;
            fn(user, f->buf + pos, rest);
        }
        pos = f->have;
        rest = 0;
    }
    if (final) f->skipping = false;
    memmove(f->buf, f->buf + pos, rest);
    f->have = rest;
}

static void tcp_drop(ais_feed *f, const char *why)
{
    if (f->fd >= 0) close(f->fd);
    f->fd = -1;
    f->connecting = false;
    f->have = 0;
    f->skipping = false;
    f->stats.disconnects++;
    snprintf(f->last_error, sizeof f->last_error, "%s", why);
    f->next_connect_ms = mono_ms() + f->backoff_ms;
    f->backoff_ms = f->backoff_ms >= 15000 ? 30000 : f->backoff_ms * 2;
}

static void tcp_start(ais_feed *f)
{
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    int gai = getaddrinfo(f->host, f->port, &hints, &res);
    if (gai) { tcp_drop(f, gai_strerror(gai)); return; }
    int fd = socket(res->ai_family, res->ai_socktype | SOCK_CLOEXEC, res->ai_protocol);
    if (fd < 0) { freeaddrinfo(res); tcp_drop(f, strerror(errno)); return; }
    set_nonblock(fd);
    f->fd = fd;
    int rc = connect(fd, res->ai_addr, res->ai_addrlen);
    freeaddrinfo(res);
    if (rc == 0) { f->connecting = false; f->stats.connects++; f->backoff_ms = 500; return; }
    if (errno == EINPROGRESS) { f->connecting = true; return; }
    tcp_drop(f, strerror(errno));
}

int ais_feed_poll(ais_feed *f, int timeout_ms, ais_feed_line_fn fn, void *user)
{
    if (f->kind == AIS_FEED_FILE && f->eof) return -1;
    if (f->kind == AIS_FEED_TCP && f->fd < 0) {
        int64_t wait = f->next_connect_ms - mono_ms();
        if (wait > 0) {
            if (wait > timeout_ms) wait = timeout_ms;
            poll(NULL, 0, (int)wait);
            return 0;
        }
        tcp_start(f);
        if (f->fd < 0) return 0;
    }
    struct pollfd p = { f->fd, (short)(f->connecting ? POLLOUT : POLLIN), 0 };
    int n = poll(&p, 1, timeout_ms);
    if (n <= 0) return 0;
    if (f->connecting) {
        int soerr = 0;
        socklen_t sl = sizeof soerr;
        getsockopt(f->fd, SOL_SOCKET, SO_ERROR, &soerr, &sl);
        if (soerr) { tcp_drop(f, strerror(soerr)); return 0; }
        f->connecting = false;
        f->stats.connects++;
        f->backoff_ms = 500;
        return 0;
    }
    if (f->kind == AIS_FEED_UDP) {
        int got = 0;
        for (int i = 0; i < 64; i++) {   /* drain a burst, then let the caller breathe */
            ssize_t r = recv(f->fd, f->buf, AIS_FEED_BUF, 0);
            if (r < 0) break;
            f->stats.datagrams++;
            f->stats.bytes += (uint64_t)r;
            f->have = (size_t)r;
            cut_lines(f, fn, user, true);
            got = 1;
        }
        return got;
    }
    ssize_t r = read(f->fd, f->buf + f->have, AIS_FEED_BUF);
    if (r < 0) {
        if (errno == EAGAIN || errno == EINTR) return 0;
        if (f->kind == AIS_FEED_TCP) { tcp_drop(f, strerror(errno)); return 0; }
        snprintf(f->last_error, sizeof f->last_error, "%s", strerror(errno));
        f->eof = true;
        cut_lines(f, fn, user, true);
        return -1;
    }
    if (r == 0) {
        cut_lines(f, fn, user, true);
        if (f->kind == AIS_FEED_TCP) { tcp_drop(f, "closed by the server"); return 0; }
        f->eof = true;
        return -1;
    }
    f->stats.bytes += (uint64_t)r;
    f->have += (size_t)r;
    cut_lines(f, fn, user, false);
    return 1;
}
