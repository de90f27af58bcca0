/* defcred.h - recognising vendor factory-default credentials (defcred.def)
 * as a parser reads a login, without keeping the password: the whole
 * password is compared at once, or byte by byte as it is typed (Telnet),
 * against the table entries for that user still in the running. */
#ifndef SW_NET_PROTO_DEFCRED_H
#define SW_NET_PROTO_DEFCRED_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum defcred_scope {
    DEFCRED_LOGIN,               /* a user name and a password (FTP, Telnet, HTTP and RTSP Basic) */
    DEFCRED_SNMP,                /* an SNMPv1/v2c community string */
} defcred_scope;

typedef struct defcred {
    const char *id;              /* stable, for alerts and keys: "apc-apc" */
    defcred_scope scope;
    const char *user;            /* NULL for SNMP */
    const char *password;        /* never copied into an observation */
    const char *vendors;         /* who ships it, for the analyst */
} defcred;

#define DEFCRED_MAX 64           /* the width of defcred_stream.alive */

size_t defcred_count(void);
const defcred *defcred_at(size_t i);

/* A comparison in progress. Zeroed, it matches nothing. */
typedef struct defcred_stream {
    uint64_t alive;              /* entries whose password agrees so far */
    uint16_t pos;                /* password bytes seen */
} defcred_stream;

/* Starts a password for `user` (ignored for SNMP; NULL or "" for none). */
void defcred_stream_begin(defcred_stream *s, defcred_scope scope, const char *user);
void defcred_stream_put(defcred_stream *s, uint8_t ch);
/* Gives up on this password: a typed line was edited, or bytes were lost. */
static inline void defcred_stream_spoil(defcred_stream *s) { s->alive = 0; }
/* The entry the whole password equals, or NULL. */
const defcred *defcred_stream_end(defcred_stream *s);

/* The whole password at once. */
const defcred *defcred_match(defcred_scope scope, const char *user, const void *password, size_t len);

#endif
