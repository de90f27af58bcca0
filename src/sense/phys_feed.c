/* phys_feed.c - physical-security feeds: files and UDP syslog-style
 * senders cut into lines, decoded with a profile and handed to the
 * detectors (phys_feed.h). */
#include "sense/phys_feed.h"
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "detect/phys_detect.h"
#include "phys/phys_lines.h"

static volatile sig_atomic_t feed_stop;
static void on_stop(int sig) { (void)sig; feed_stop = 1; }

static sw_code read_small_file(const char *path, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return SW_ERR_IO;
    char *buf = malloc(65536);
    size_t n = buf ? fread(buf, 1, 65535, f) : 0;
    fclose(f);
    if (!buf) return SW_ERR_NOMEM;
    *out = buf;
    *len = n;
    return SW_OK;
}

sw_code phys_profile_load(const char *name, phys_profile *p, sw_error *err)
{
    char path[4096 + 2600];
    char *text = NULL;
    size_t len = 0;
    bool is_path = strchr(name, '/') || (strlen(name) > 4 && !strcmp(name + strlen(name) - 4, ".ini"));
    if (is_path) {
        snprintf(path, sizeof path, "%s", name);
        if (read_small_file(path, &text, &len)) return sw_fail(err, SW_ERR_IO, "cannot read profile %s: %s", name, strerror(errno));
    } else {
        for (const char *c = name; *c; c++)
            if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-' || *c == '_'))
                return sw_fail(err, SW_ERR_USAGE, "profile name '%s': use letters, digits and '-' (or give a path)", name);
        char exe[2048];
        ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
        exe[n > 0 ? n : 0] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) *slash = '\0';
        const char *env = getenv("SEAWALL_DATA");
        char dirs[4][2200];
        size_t nd = 0;
        if (env && env[0]) snprintf(dirs[nd++], sizeof dirs[0], "%s/phys-profiles", env);
        if (exe[0]) snprintf(dirs[nd++], sizeof dirs[0], "%s/../data/phys-profiles", exe);
        snprintf(dirs[nd++], sizeof dirs[0], "/usr/share/seawall/phys-profiles");
        snprintf(dirs[nd++], sizeof dirs[0], "data/phys-profiles");
        for (size_t i = 0; i < nd && !text; i++) {
            snprintf(path, sizeof path, "%.2199s/%.200s.ini", dirs[i], name);
            read_small_file(path, &text, &len);
        }
        if (!text) return sw_fail(err, SW_ERR_IO, "no profile '%s' (looked for %s.ini in $SEAWALL_DATA/phys-profiles and data/phys-profiles)", name, name);
    }
    unsigned line = 0;
    char why[200];
    bool ok = phys_profile_parse(text, len, p, &line, why, sizeof why);
    free(text);
    if (!ok) return sw_fail(err, SW_ERR_USAGE, "%s:%u: %s", path, line, why);
    return SW_OK;
}

typedef struct feed_ctx {
    const char *spec;
    phys_decoder dec;
    detect_engine *det;
    FILE *diag;
    uint64_t reported, cut;
} feed_ctx;

static void one_line(void *user, const char *line, size_t len, bool cut)
{
    feed_ctx *c = user;
    phys_event ev;
    char why[200];
    phys_line_result r;
    if (cut) {
        c->dec.line++;
        c->dec.stats.lines++;
        c->dec.stats.malformed++;
        c->cut++;
        snprintf(why, sizeof why, "line longer than %d bytes", PHYS_LINE_MAX);
        r = PHYS_LINE_MALFORMED;
    } else {
        r = phys_decode_line(&c->dec, line, len, &ev, why, sizeof why);
    }
    if (r == PHYS_LINE_MALFORMED) {
        if (c->diag && c->reported++ < PHYS_FEED_MAX_REPORTED)
            fprintf(c->diag, "%s:%" PRIu64 ": skipped: %s\n", c->spec, c->dec.line, why);
        return;
    }
    if (r == PHYS_LINE_EVENT && c->det) detect_phys_event(c->det, &ev, c->spec);
}

static sw_code open_udp(const char *spec, int *fd_out, sw_error *err)
{
    const char *rest = spec + 6, *colon = strrchr(rest, ':');
    if (!colon) return sw_fail(err, SW_ERR_USAGE, "%s: want udp://[HOST]:PORT", spec);
    char host[256] = "", port[16];
    size_t hl = (size_t)(colon - rest);
    if (hl >= 2 && rest[0] == '[' && rest[hl - 1] == ']') { rest++; hl -= 2; }
    if (hl >= sizeof host || strlen(colon + 1) >= sizeof port || !colon[1])
        return sw_fail(err, SW_ERR_USAGE, "%s: bad host or port", spec);
    memcpy(host, rest, hl);
    host[hl] = '\0';
    snprintf(port, sizeof port, "%s", colon + 1);
    char *end;
    long pn = strtol(port, &end, 10);
    if (*end || pn < 1 || pn > 65535) return sw_fail(err, SW_ERR_USAGE, "%s: port must be 1-65535", spec);
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_flags = AI_PASSIVE;
    int gai = getaddrinfo(host[0] ? host : NULL, port, &hints, &res);
    if (gai) return sw_fail(err, SW_ERR_IO, "%s: %s", spec, gai_strerror(gai));
    int fd = -1;
    for (struct addrinfo *ai = res; ai && fd < 0; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd >= 0 && bind(fd, ai->ai_addr, ai->ai_addrlen) != 0) { close(fd); fd = -1; }
    }
    freeaddrinfo(res);
    if (fd < 0) return sw_fail(err, SW_ERR_IO, "%s: cannot bind: %s", spec, strerror(errno));
    *fd_out = fd;
    return SW_OK;
}

sw_code phys_feed_run(const char *spec, const phys_profile *prof, const sw_tz *tz, detect_engine *det, FILE *diag_out,
                      phys_feed_result *res, sw_error *err)
{
    memset(res, 0, sizeof *res);
    feed_ctx *c = malloc(sizeof *c);
    phys_line_cutter *lc = malloc(sizeof *lc);
    char *chunk = malloc(65536);
    if (!c || !lc || !chunk) { free(c); free(lc); free(chunk); return sw_fail(err, SW_ERR_NOMEM, "out of memory"); }
    c->spec = spec;
    c->det = det;
    c->diag = diag_out;
    c->reported = c->cut = 0;
    phys_decoder_init(&c->dec, prof, tz);
    phys_lines_init(lc);
    sw_code rc = SW_OK;
    bool udp = !strncmp(spec, "udp://", 6);
    int fd = -1;
    if (udp) rc = open_udp(spec, &fd, err);
    else if (strstr(spec, "://")) rc = sw_fail(err, SW_ERR_USAGE, "%s: feeds are files, '-' or udp://HOST:PORT", spec);
    else if (!strcmp(spec, "-")) fd = STDIN_FILENO;
    else if ((fd = open(spec, O_RDONLY | O_CLOEXEC)) < 0) rc = sw_fail(err, SW_ERR_IO, "cannot open %s: %s", spec, strerror(errno));
    if (rc == SW_OK && udp) {
        struct sigaction sa, oi, ot;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_stop;
        sigaction(SIGINT, &sa, &oi);
        sigaction(SIGTERM, &sa, &ot);
        feed_stop = 0;
        while (!feed_stop) {
            struct pollfd p = { fd, POLLIN, 0 };
            if (poll(&p, 1, 200) <= 0) continue;
            ssize_t r = recv(fd, chunk, 65536, 0);
            if (r <= 0) continue;
            phys_lines_feed(lc, chunk, (size_t)r, true, one_line, c);   /* a datagram ends its last line */
        }
        /* Datagrams already queued when the stop came are still read: nothing sent is lost. */
        ssize_t r;
        while ((r = recv(fd, chunk, 65536, MSG_DONTWAIT)) > 0) phys_lines_feed(lc, chunk, (size_t)r, true, one_line, c);
        res->interrupted = true;
        sigaction(SIGINT, &oi, NULL);
        sigaction(SIGTERM, &ot, NULL);
    } else if (rc == SW_OK) {
        for (;;) {
            ssize_t r = read(fd, chunk, 65536);
            if (r < 0 && errno == EINTR) continue;
            if (r < 0) { rc = sw_fail(err, SW_ERR_IO, "reading %s: %s", spec, strerror(errno)); break; }
            if (r == 0) break;
            phys_lines_feed(lc, chunk, (size_t)r, false, one_line, c);
        }
        phys_lines_feed(lc, NULL, 0, true, one_line, c);
    }
    if (fd >= 0 && fd != STDIN_FILENO) close(fd);
    if (diag_out && c->reported > PHYS_FEED_MAX_REPORTED)
        fprintf(diag_out, "%s: %" PRIu64 " more malformed lines not shown\n", spec, c->reported - PHYS_FEED_MAX_REPORTED);
    res->stats = c->dec.stats;
    res->cut_lines = c->cut;
    free(c);
    free(lc);
    free(chunk);
    return rc;
}
