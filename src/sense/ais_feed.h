/* ais_feed.h - where AIS sentences come from: a file or stdin, a UDP port
 * (udp://[host]:port, as AIS receivers and OpenCPN forward) or a TCP
 * server (tcp://host:port, reconnected with backoff). Cuts the bytes into
 * lines; non-blocking with poll, so a stop request is seen within the
 * poll timeout. */
#ifndef SW_SENSE_AIS_FEED_H
#define SW_SENSE_AIS_FEED_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/error.h"

typedef enum { AIS_FEED_FILE, AIS_FEED_UDP, AIS_FEED_TCP } ais_feed_kind;

#define AIS_FEED_LINE_MAX 4096       /* longer lines are cut here (and fail to parse) */
#define AIS_FEED_BUF (64 * 1024)

typedef struct ais_feed_stats {
    uint64_t bytes, lines, datagrams, connects, disconnects, cut_lines;
} ais_feed_stats;

typedef struct ais_feed {
    ais_feed_kind kind;
    const char *spec;
    char host[256], port[16];
    int fd;                          /* -1 when not connected */
    bool own_fd, eof, connecting;
    int backoff_ms;
    int64_t next_connect_ms;         /* monotonic */
    size_t have;                     /* bytes of an unfinished line in buf */
    bool skipping;                   /* dropping the rest of an overlong line */
    char buf[AIS_FEED_BUF + AIS_FEED_LINE_MAX];
    ais_feed_stats stats;
    char last_error[160];            /* the latest connect/read problem, for the report */
} ais_feed;

typedef void (*ais_feed_line_fn)(void *user, const char *line, size_t len);

/* "-" is stdin, udp://HOST:PORT or udp://:PORT binds, tcp://HOST:PORT
 * connects; anything else is a file path. SW_ERR_USAGE for a malformed
 * URL, SW_ERR_IO when a file cannot be opened or a UDP port bound. */
sw_code ais_feed_open(ais_feed *f, const char *spec, sw_error *err);
bool ais_feed_is_live(const ais_feed *f);
/* Waits up to timeout_ms for input and hands every complete line to fn.
 * Returns 1 when input came, 0 on timeout, -1 at the end of a file. A
 * network feed never ends: TCP reconnects after errors with backoff
 * from 0.5 s doubling to 30 s. */
int ais_feed_poll(ais_feed *f, int timeout_ms, ais_feed_line_fn fn, void *user);
void ais_feed_close(ais_feed *f);

#endif
