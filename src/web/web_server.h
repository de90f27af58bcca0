/* web_server.h - `seawall serve`'s HTTP server on libmicrohttpd: a pool of
 * polling threads, connection limits and timeouts, a request body cap,
 * optional TLS, a pool of store connections and the live alert streams. */
#ifndef SW_WEB_SERVER_H
#define SW_WEB_SERVER_H
#include <stdint.h>
#include "web/web.h"

typedef struct web_server_opts {
    const char *listen;            /* "127.0.0.1:8080", "[::1]:8443"; port 0 picks a free one */
    const char *db_path;
    const char *tls_cert_pem, *tls_key_pem;   /* file contents; both or neither */
    unsigned threads;              /* 0: 4 */
} web_server_opts;

typedef struct web_server web_server;

web_server *web_server_start(web_app *app, const web_server_opts *o, sw_error *err);
/* The port actually bound (useful with port 0). */
uint16_t web_server_port(const web_server *srv);
/* Ends live streams, stops accepting, waits for requests in flight, frees. */
void web_server_stop(web_server *srv);

/* Splits "ADDR:PORT" or "[V6]:PORT"; false when malformed. */
bool web_parse_listen(const char *s, char *addr, size_t cap, uint16_t *port);

#endif
