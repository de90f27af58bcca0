/* tls.h - TLS handshake parts that tests and other parsers reuse: the
 * ClientHello/ServerHello decoders and the JA3, JA3S and JA4 fingerprints. */
#ifndef SW_NET_PROTO_TLS_H
#define SW_NET_PROTO_TLS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TLS_LIST_MAX 128         /* entries kept per list (ciphers, extensions, ...) */
#define TLS_NAME_MAX 256
#define TLS_JA3_MAX 4096
#define TLS_JA4_LEN 37           /* "t13d1516h2_8daaf6152771_b186095e22b6" and the NUL */

typedef struct tls_list {
    uint16_t v[TLS_LIST_MAX];
    uint16_t n;                  /* entries kept */
    bool cut;                    /* more entries than kept */
} tls_list;

typedef struct tls_hello {
    bool client;
    uint16_t version;            /* the hello's legacy version */
    uint16_t max_version;        /* highest supported_versions entry (not GREASE), else version */
    bool has_supported_versions;
    tls_list ciphers;            /* a ServerHello's one cipher is ciphers.v[0] */
    tls_list extensions, groups, sigalgs;
    uint8_t point_formats[TLS_LIST_MAX];
    uint16_t n_point_formats;
    bool has_sni, has_alpn;
    char sni[TLS_NAME_MAX];      /* printable ASCII; other octets become '?' */
    uint8_t alpn[TLS_NAME_MAX];  /* the first ALPN protocol, raw */
    uint8_t alpn_len;
    bool truncated;              /* the message ended inside its extensions */
} tls_hello;

bool tls_grease(uint16_t v);
/* The handshake message body after its 4-byte header: type 1 or 2. False
 * when the fixed part does not fit; extensions read until they stop fitting. */
bool tls_parse_hello(const uint8_t *body, size_t len, bool client, tls_hello *h);
/* "771,4865-4866,0-23-65281,29-23,0" (client) or "771,4865,65281-0" (server). */
void tls_ja3_string(const tls_hello *h, char *out, size_t cap);
void tls_ja4(const tls_hello *h, char out[TLS_JA4_LEN]);
const char *tls_version_name(uint16_t v);

#endif
