/* web_server.c - libmicrohttpd glue: reads a request (raw target, headers,
 * body up to WEB_BODY_MAX), hands it to web_dispatch with a pooled store
 * connection, and writes the response with the security headers. Live alert
 * streams suspend their connection between events and a poller thread
 * resumes them, so a stream never holds a worker thread while it waits. */
#include "web/web_server.h"
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/timeutil.h"
#include "store/store_observe.h"
#include "web/web_app.h"

#define POOL_MAX 16
#define SSE_BATCH 64                    /* events per read from the store */
#define SSE_KEEPALIVE_US (15 * 1000000LL)

typedef struct sse_client {
    web_server *srv;
    struct MHD_Connection *conn;
    int64_t last_id, last_write;
    const web_sse_source *source;
    strbuf out;
    size_t sent;
    bool used, suspended;
} sse_client;

struct web_server {
    web_app *app;
    struct MHD_Daemon *d;
    uint16_t port;
    store *pool[POOL_MAX];
    bool busy[POOL_MAX];
    size_t npool;
    pthread_mutex_t pool_mu;
    pthread_cond_t pool_cv;
    /* live streams */
    pthread_mutex_t sse_mu;
    pthread_cond_t sse_cv;
    pthread_t poller;
    bool poller_running, stopping;
    sse_client *sse;
    size_t sse_cap, sse_live;
};

/* Per request: the raw target (from the URI log callback) and the body. */
typedef struct web_conn {
    char *uri;
    char *body;
    size_t body_len;
    bool started, too_large;
} web_conn;

static store *pool_get(web_server *srv)
{
    pthread_mutex_lock(&srv->pool_mu);
    for (;;) {
        for (size_t i = 0; i < srv->npool; i++)
            if (!srv->busy[i]) {
                srv->busy[i] = true;
                pthread_mutex_unlock(&srv->pool_mu);
                return srv->pool[i];
            }
        pthread_cond_wait(&srv->pool_cv, &srv->pool_mu);
    }
}

static void pool_put(web_server *srv, store *s)
{
    pthread_mutex_lock(&srv->pool_mu);
    for (size_t i = 0; i < srv->npool; i++)
        if (srv->pool[i] == s) srv->busy[i] = false;
    pthread_cond_signal(&srv->pool_cv);
    pthread_mutex_unlock(&srv->pool_mu);
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    web_conn *wc = calloc(1, sizeof *wc);
    if (wc) wc->uri = strdup(uri ? uri : "");
    return wc;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **req_cls, enum MHD_RequestTerminationCode toe)
{
    web_conn *wc = *req_cls;
    if (!wc) return;
    free(wc->uri);
    free(wc->body);
    free(wc);
    *req_cls = NULL;
}

/* csp: a response's own policy (which may let its own origin frame it), or
 * NULL for the default that forbids framing. */
static void add_common_headers(web_server *srv, struct MHD_Response *r, bool api, const char *csp)
{
    MHD_add_response_header(r, "Content-Security-Policy",
                            csp ? csp : "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "X-Frame-Options", csp && strstr(csp, "frame-ancestors 'self'") ? "SAMEORIGIN" : "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
    if (api) MHD_add_response_header(r, "Cache-Control", "no-store");
    if (srv->app->cfg.tls) MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
}

static enum MHD_Result send_response(web_server *srv, struct MHD_Connection *conn, web_call *c);

static enum MHD_Result send_error(web_server *srv, struct MHD_Connection *conn, int status, const char *code,
                                  const char *msg)
{
    web_call c;
    web_call_init(&c, srv->app, NULL, 0);
    web_fail(&c, status, code, "%s", msg);
    enum MHD_Result rc = send_response(srv, conn, &c);
    web_call_free(&c);
    return rc;
}

/* --- live alert streams ----------------------------------------------------------- */

typedef struct alert_fill { strbuf *out; int64_t *last_id; } alert_fill;

static int sse_alert(void *ctx, const store_alert_row *a)
{
    alert_fill *f = ctx;
    /* ECS documents are one line of JSON, so one data: line each. */
    strbuf_printf(f->out, "id: %lld\nevent: alert\ndata: %s\n\n", (long long)a->id, a->ecs ? a->ecs : "{}");
    *f->last_id = a->id;
    return 0;
}

static sw_code alert_fill_fn(store *db, int64_t *last_id, strbuf *out, size_t max, sw_error *err)
{
    store_alert_page p = { .after_id = *last_id, .limit = (int64_t)max };
    alert_fill f = { out, last_id };
    return store_list_alert_page(db, &p, sse_alert, &f, err);
}

static const web_sse_source alert_stream = { ": seawall alert stream", alert_fill_fn };

static ssize_t sse_read(void *cls, uint64_t pos, char *buf, size_t max)
{
    sse_client *cl = cls;
    web_server *srv = cl->srv;
    if (cl->sent == cl->out.len) {
        strbuf_reset(&cl->out);
        cl->sent = 0;
        if (srv->stopping) return MHD_CONTENT_READER_END_OF_STREAM;
        store *db = pool_get(srv);
        sw_error err = { 0 };
        sw_code rc = cl->source->fill(db, &cl->last_id, &cl->out, SSE_BATCH, &err);
        pool_put(srv, db);
        if (rc) return MHD_CONTENT_READER_END_WITH_ERROR;
        int64_t now = time_now_us();
        if (!cl->out.len && now - cl->last_write >= SSE_KEEPALIVE_US) strbuf_puts(&cl->out, ": keepalive\n\n");
        if (!cl->out.len) {
            /* Nothing to say: park the connection until the poller's next tick. */
            pthread_mutex_lock(&srv->sse_mu);
            cl->suspended = true;
            MHD_suspend_connection(cl->conn);
            pthread_mutex_unlock(&srv->sse_mu);
            return 0;
        }
        cl->last_write = now;
    }
    size_t n = cl->out.len - cl->sent;
    if (n > max) n = max;
    memcpy(buf, cl->out.data + cl->sent, n);
    cl->sent += n;
    return (ssize_t)n;
}

static void sse_free(void *cls)
{
    sse_client *cl = cls;
    web_server *srv = cl->srv;
    pthread_mutex_lock(&srv->sse_mu);
    strbuf_free(&cl->out);
    cl->used = false;
    cl->suspended = false;
    cl->conn = NULL;
    srv->sse_live--;
    pthread_cond_broadcast(&srv->sse_cv);
    pthread_mutex_unlock(&srv->sse_mu);
}

/* Wakes every parked stream once a second to look for new alerts; one
 * indexed query per stream per second, bounded by sse_max_clients. */
static void *sse_poller(void *arg)
{
    web_server *srv = arg;
    pthread_mutex_lock(&srv->sse_mu);
    while (!srv->stopping) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_sec += 1;
        pthread_cond_timedwait(&srv->sse_cv, &srv->sse_mu, &ts);
        for (size_t i = 0; i < srv->sse_cap; i++)
            if (srv->sse[i].used && srv->sse[i].suspended) {
                srv->sse[i].suspended = false;
                MHD_resume_connection(srv->sse[i].conn);
            }
    }
    pthread_mutex_unlock(&srv->sse_mu);
    return NULL;
}

static enum MHD_Result start_stream(web_server *srv, struct MHD_Connection *conn, web_call *c)
{
    pthread_mutex_lock(&srv->sse_mu);
    sse_client *cl = NULL;
    for (size_t i = 0; i < srv->sse_cap && !srv->stopping; i++)
        if (!srv->sse[i].used) { cl = &srv->sse[i]; break; }
    if (cl) {
        memset(cl, 0, sizeof *cl);
        cl->used = true;
        cl->srv = srv;
        cl->conn = conn;
        cl->last_id = c->res.sse_from;
        cl->last_write = time_now_us();
        strbuf_init(&cl->out);
        cl->source = c->res.sse_source ? c->res.sse_source : &alert_stream;
        strbuf_printf(&cl->out, "retry: 3000\n%s\n\n", cl->source->banner);
        srv->sse_live++;
    }
    pthread_mutex_unlock(&srv->sse_mu);
    if (!cl) return send_error(srv, conn, 503, "too_many_streams", "the live stream limit is reached; try later");
    struct MHD_Response *r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, sse_read, cl, sse_free);
    if (!r) {
        sse_free(cl);
        return MHD_NO;
    }
    MHD_add_response_header(r, "Content-Type", "text/event-stream");
    add_common_headers(srv, r, true, NULL);
    enum MHD_Result rc = MHD_queue_response(conn, 200, r);
    MHD_destroy_response(r);
    return rc;
}

/* --- requests --------------------------------------------------------------------- */

static enum MHD_Result send_response(web_server *srv, struct MHD_Connection *conn, web_call *c)
{
    struct MHD_Response *r;
    if (c->res.static_body)
        r = MHD_create_response_from_buffer(c->res.static_len, (void *)c->res.static_body, MHD_RESPMEM_PERSISTENT);
    else
        r = MHD_create_response_from_buffer(c->res.body.len, c->res.body.data, MHD_RESPMEM_MUST_COPY);
    if (!r) return MHD_NO;
    if (c->res.status != 204) MHD_add_response_header(r, "Content-Type", c->res.content_type);
    add_common_headers(srv, r, !c->res.static_body, c->res.csp[0] ? c->res.csp : NULL);
    if (c->res.set_cookie[0]) MHD_add_response_header(r, "Set-Cookie", c->res.set_cookie);
    if (c->res.allow) MHD_add_response_header(r, "Allow", c->res.allow);
    if (c->res.retry_after > 0) {
        char s[16];
        snprintf(s, sizeof s, "%d", c->res.retry_after);
        MHD_add_response_header(r, "Retry-After", s);
    }
    enum MHD_Result rc = MHD_queue_response(conn, (unsigned)c->res.status, r);
    MHD_destroy_response(r);
    return rc;
}

static void client_address(struct MHD_Connection *conn, char *out, size_t cap)
{
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    snprintf(out, cap, "?");
    if (!ci || !ci->client_addr) return;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out, (socklen_t)cap);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out, (socklen_t)cap);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_size, void **req_cls)
{
    web_server *srv = cls;
    web_conn *wc = *req_cls;
    if (!wc || !wc->uri) return MHD_NO;
    if (!wc->started) {
        wc->started = true;
        const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl && strtoull(cl, NULL, 10) > WEB_BODY_MAX)
            return send_error(srv, conn, 413, "body_too_large", "request bodies are limited to 64 KiB");
        return MHD_YES;
    }
    if (*upload_size) {
        if (!wc->too_large) {
            if (wc->body_len + *upload_size > WEB_BODY_MAX) {
                wc->too_large = true;
                free(wc->body);
                wc->body = NULL;
            } else {
                char *nb = realloc(wc->body, wc->body_len + *upload_size + 1);
                if (!nb) return MHD_NO;
                memcpy(nb + wc->body_len, upload_data, *upload_size);
                wc->body = nb;
                wc->body_len += *upload_size;
                wc->body[wc->body_len] = '\0';
            }
        }
        *upload_size = 0;
        return MHD_YES;
    }
    if (wc->too_large) return send_error(srv, conn, 413, "body_too_large", "request bodies are limited to 64 KiB");

    web_target *t = malloc(sizeof *t);
    if (!t) return MHD_NO;
    sw_error err = { 0 };
    sw_code prc = web_parse_target(wc->uri, strlen(wc->uri), t, &err);
    if (prc) {
        free(t);
        return send_error(srv, conn, prc == SW_ERR_LIMIT ? 414 : 400, prc == SW_ERR_LIMIT ? "uri_too_long" : "bad_target",
                          err.msg);
    }
    char source[INET6_ADDRSTRLEN + 1];
    client_address(conn, source, sizeof source);
    store *db = pool_get(srv);
    web_call c;
    web_call_init(&c, srv->app, db, time_now_us());
    c.method = method;
    c.body = wc->body;
    c.body_len = wc->body_len;
    c.source = source;
    c.cookie = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_COOKIE);
    c.authorization = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
    c.csrf_header = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-CSRF-Token");
    c.content_type = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    c.last_event_id = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Last-Event-ID");
    web_dispatch(&c, t);
    pool_put(srv, db);
    enum MHD_Result rc = c.res.sse ? start_stream(srv, conn, &c) : send_response(srv, conn, &c);
    web_call_free(&c);
    free(t);
    return rc;
}

/* --- lifecycle ---------------------------------------------------------------------- */

bool web_parse_listen(const char *s, char *addr, size_t cap, uint16_t *port)
{
    const char *colon;
    size_t alen;
    if (s[0] == '[') {
        const char *close = strchr(s, ']');
        if (!close || close[1] != ':') return false;
        alen = (size_t)(close - s - 1);
        s++;
        colon = close + 1;
    } else {
        colon = strrchr(s, ':');
        if (!colon) return false;
        alen = (size_t)(colon - s);
    }
    if (alen == 0 || alen >= cap) return false;
    memcpy(addr, s, alen);
    addr[alen] = '\0';
    char *end;
    long p = strtol(colon + 1, &end, 10);
    if (!colon[1] || *end || p < 0 || p > 65535) return false;
    *port = (uint16_t)p;
    return true;
}

web_server *web_server_start(web_app *app, const web_server_opts *o, sw_error *err)
{
    char host[128];
    uint16_t port;
    if (!web_parse_listen(o->listen, host, sizeof host, &port))
        return sw_fail(err, SW_ERR_USAGE, "--listen wants ADDRESS:PORT, e.g. 127.0.0.1:8080 or [::1]:8080"), NULL;
    struct addrinfo hints = { .ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE, .ai_socktype = SOCK_STREAM };
    struct addrinfo *ai = NULL;
    char ps[8];
    snprintf(ps, sizeof ps, "%u", port);
    if (getaddrinfo(host, ps, &hints, &ai) != 0 || !ai)
        return sw_fail(err, SW_ERR_USAGE, "--listen: '%s' is not a numeric IPv4 or IPv6 address", host), NULL;

    web_server *srv = calloc(1, sizeof *srv);
    if (!srv) { freeaddrinfo(ai); return sw_fail(err, SW_ERR_NOMEM, "server"), NULL; }
    srv->app = app;
    unsigned threads = o->threads ? o->threads : 4;
    srv->npool = threads + 2 < POOL_MAX ? threads + 2 : POOL_MAX;
    pthread_mutex_init(&srv->pool_mu, NULL);
    pthread_cond_init(&srv->pool_cv, NULL);
    pthread_mutex_init(&srv->sse_mu, NULL);
    pthread_cond_init(&srv->sse_cv, NULL);
    for (size_t i = 0; i < srv->npool; i++)
        if (!(srv->pool[i] = store_open(o->db_path, 0, err))) {
            srv->npool = i;
            freeaddrinfo(ai);
            web_server_stop(srv);
            return NULL;
        }
    srv->sse_cap = app->cfg.sse_max_clients;
    srv->sse = calloc(srv->sse_cap ? srv->sse_cap : 1, sizeof *srv->sse);

    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
    if (ai->ai_family == AF_INET6) flags |= MHD_USE_IPv6;
    if (o->tls_cert_pem) {
        if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
            freeaddrinfo(ai);
            web_server_stop(srv);
            return sw_fail(err, SW_ERR_USAGE, "this libmicrohttpd was built without TLS"), NULL;
        }
        flags |= MHD_USE_TLS;
    }
    struct MHD_OptionItem opts[16];
    size_t n = 0;
    opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_SOCK_ADDR, 0, ai->ai_addr };
    opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_THREAD_POOL_SIZE, threads, NULL };
    opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_CONNECTION_LIMIT, 512, NULL };
    opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_PER_IP_CONNECTION_LIMIT, 128, NULL };
    opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_CONNECTION_TIMEOUT, 30, NULL };
    /* Headers and the target must fit in 32 KiB; MHD answers 431/414 past it. */
    opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_CONNECTION_MEMORY_LIMIT, 32 * 1024, NULL };
    opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_URI_LOG_CALLBACK, (intptr_t)on_uri, srv };
    opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)on_completed, srv };
    if (o->tls_cert_pem) {
        opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_HTTPS_MEM_CERT, 0, (void *)o->tls_cert_pem };
        opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_HTTPS_MEM_KEY, 0, (void *)o->tls_key_pem };
    }
    opts[n++] = (struct MHD_OptionItem){ MHD_OPTION_END, 0, NULL };
    srv->d = MHD_start_daemon(flags, port, NULL, NULL, on_request, srv, MHD_OPTION_ARRAY, opts, MHD_OPTION_END);
    freeaddrinfo(ai);
    if (!srv->d) {
        int e = errno;
        web_server_stop(srv);
        return sw_fail(err, SW_ERR_IO, "cannot listen on %s: %s", o->listen, e ? strerror(e) : "libmicrohttpd refused"),
               NULL;
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(srv->d, MHD_DAEMON_INFO_BIND_PORT);
    srv->port = di ? di->port : port;
    if (pthread_create(&srv->poller, NULL, sse_poller, srv) == 0) srv->poller_running = true;
    return srv;
}

uint16_t web_server_port(const web_server *srv) { return srv->port; }

void web_server_stop(web_server *srv)
{
    if (!srv) return;
    pthread_mutex_lock(&srv->sse_mu);
    srv->stopping = true;
    pthread_cond_broadcast(&srv->sse_cv);
    pthread_mutex_unlock(&srv->sse_mu);
    if (srv->poller_running) pthread_join(srv->poller, NULL);
    if (srv->d) {
        /* Wake parked streams so they end; MHD must not stop with any suspended. */
        struct timespec limit;
        clock_gettime(CLOCK_REALTIME, &limit);
        limit.tv_sec += 5;
        pthread_mutex_lock(&srv->sse_mu);
        while (srv->sse_live > 0) {
            for (size_t i = 0; i < srv->sse_cap; i++)
                if (srv->sse[i].used && srv->sse[i].suspended) {
                    srv->sse[i].suspended = false;
                    MHD_resume_connection(srv->sse[i].conn);
                }
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            if (ts.tv_sec >= limit.tv_sec) break;
            ts.tv_nsec += 100 * 1000000L;
            if (ts.tv_nsec >= 1000000000L) { ts.tv_sec++; ts.tv_nsec -= 1000000000L; }
            pthread_cond_timedwait(&srv->sse_cv, &srv->sse_mu, &ts);
        }
        pthread_mutex_unlock(&srv->sse_mu);
        MHD_stop_daemon(srv->d);
    }
    for (size_t i = 0; i < srv->npool; i++) store_close(srv->pool[i]);
    free(srv->sse);
    pthread_mutex_destroy(&srv->pool_mu);
    pthread_cond_destroy(&srv->pool_cv);
    pthread_mutex_destroy(&srv->sse_mu);
    pthread_cond_destroy(&srv->sse_cv);
    free(srv);
}
