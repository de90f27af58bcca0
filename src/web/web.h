/* web.h - what the web server's files share: roles, the parsed request
 * target, the route table, and the call a handler works on. Everything here
 * but web_server.c is independent of libmicrohttpd, so routing,
 * authorisation and handlers are unit-tested and fuzzed without sockets. */
#ifndef SW_WEB_H
#define SW_WEB_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include "core/error.h"
#include "core/json.h"
#include "core/strbuf.h"
#include "store/store.h"

/* --- roles ------------------------------------------------------------------ */

typedef enum {
    WEB_ROLE_CSO, WEB_ROLE_ANALYST, WEB_ROLE_OT_ENGINEER, WEB_ROLE_PFSO, WEB_ROLE_AUDITOR, WEB_ROLE_BOARD,
    WEB_ROLE__COUNT
} web_role;

#define WEB_R(r) (1u << (r))
#define WEB_ALL_ROLES ((1u << WEB_ROLE__COUNT) - 1)
/* In a route's roles: no authentication at all (login, the static page). */
#define WEB_PUBLIC (1u << 31)

const char *web_role_name(web_role r);            /* "cso", "ot-engineer", ... */
bool web_role_parse(const char *s, web_role *out);

/* --- the request target (web_parse.c, pure) -------------------------------- */

#define WEB_URI_MAX 2048          /* longer targets get 414 */
#define WEB_MAX_SEGMENTS 16
#define WEB_MAX_PARAMS 32
#define WEB_BODY_MAX (64u * 1024) /* request bodies larger than this get 413 */

typedef struct web_kv {
    const char *key, *value;
} web_kv;

/* "/api/v1/alerts?limit=10" split and percent-decoded: path segments and
 * query parameters, all pointing into buf. */
typedef struct web_target {
    char buf[2 * WEB_URI_MAX + 2];
    char path[WEB_URI_MAX + 1];   /* decoded path, e.g. "/api/v1/users/ana" */
    size_t nseg;
    const char *seg[WEB_MAX_SEGMENTS];
    size_t nparams;
    web_kv params[WEB_MAX_PARAMS];
} web_target;

/* Splits and decodes a request target. SW_ERR_PARSE with a message a client
 * can read for: a target not starting with '/', bad or NUL percent escapes,
 * "." or ".." or empty segments, control bytes, too many segments or
 * parameters; SW_ERR_LIMIT when longer than WEB_URI_MAX. */
sw_code web_parse_target(const char *uri, size_t len, web_target *t, sw_error *err);
/* The value of query parameter key, or NULL. */
const char *web_param(const web_target *t, const char *key);

/* Copies cookie `name` from a Cookie header into out; false when absent,
 * malformed or longer than cap-1. */
bool web_cookie_get(const char *header, const char *name, char *out, size_t cap);

/* A request body as a JSON object: NULL with err set when it is not one
 * (empty, malformed, duplicate keys, not an object). */
json_t *web_parse_json_object(const char *body, size_t len, sw_error *err);
/* A string member of at most max bytes: SW_OK with *out NULL when absent
 * and not required; SW_ERR_INVALID when the wrong type, empty or too long. */
sw_code web_json_string(json_t *obj, const char *key, size_t max, bool required, const char **out, sw_error *err);

/* "Bearer TOKEN" -> TOKEN, or NULL. */
const char *web_bearer(const char *authorization);

/* --- query parameter specs (web_params.c, pure) ---------------------------- */

/* A route documents its query parameters as "name:type:description" joined
 * by '|'. Types: id (model_id.h: 1-47 of [A-Za-z0-9._:-]), ids (1 to 64 ids separated
 * by commas), enum=a,b,c, integer=MIN..MAX, number=MIN..MAX (plain
 * decimal), boolean (true|false), time (RFC 3339 or a duration back from
 * now), datetime (RFC 3339), date (YYYY-MM-DD), cursor (a next_cursor a
 * page returned), text (1-128 bytes of UTF-8; "string" is the same).
 * datetime=now,latest and the like also accept the listed words. */
typedef enum {
    WEB_P__UNKNOWN, WEB_P_ID, WEB_P_ENUM, WEB_P_INTEGER, WEB_P_BOOLEAN, WEB_P_TIME, WEB_P_DATETIME, WEB_P_CURSOR,
    WEB_P_TEXT, WEB_P_IDS, WEB_P_NUMBER, WEB_P_DATE,
} web_param_kind;

typedef struct web_param_spec {
    const char *name, *desc, *values; /* pointing into the spec string, not terminated */
    size_t name_len, desc_len, values_len; /* values: an enum's, or the words another type also takes */
    web_param_kind kind;
    int64_t min, max;                 /* integer and number bounds */
} web_param_spec;

/* The next spec from *pos (advanced past it); false at the end. A spec
 * with an unknown or malformed type comes back as WEB_P__UNKNOWN. */
bool web_param_spec_next(const char **pos, web_param_spec *out);
/* Whether v is one of an enum spec's values. */
bool web_param_enum_has(const web_param_spec *s, const char *v);
/* Every query parameter of t is documented in specs and well formed for its
 * type; false with a message naming the parameter in msg otherwise. */
bool web_params_check(const char *specs, const web_target *t, char *msg, size_t cap);

/* --- calls and routes ------------------------------------------------------ */

typedef struct web_app web_app;
typedef struct web_call web_call;
typedef void (*web_handler)(web_call *c);

enum {
    WEB_F_PW_CHANGE_OK = 1 << 0,   /* allowed while the user must change their password */
    WEB_F_SESSION_ONLY = 1 << 1,   /* not with an API token (it is about the browser session) */
    WEB_F_SSE = 1 << 2,            /* answers with an event stream */
    WEB_F_HTML = 1 << 3,           /* not JSON: the embedded dashboard files */
};

/* One line of the route table: everything authorisation and the OpenAPI
 * document need. `params` lists query parameters as "name:type:description"
 * separated by '|'; `body` names the request body's members the same way. */
typedef struct web_route {
    const char *method, *pattern;  /* pattern: "/api/v1/users/{username}", at most one {variable} */
    web_handler fn;
    unsigned roles;                /* WEB_R(...) bits, or WEB_PUBLIC */
    bool changes_state;            /* needs the CSRF token with a session; audited */
    unsigned flags;
    const char *tag, *summary, *params, *body;
    int ok_status;                 /* the success status; 0 means 200 */
} web_route;

extern const web_route web_routes[];
extern const size_t web_n_routes;

typedef enum { WEB_MATCH_OK, WEB_MATCH_NO_PATH, WEB_MATCH_NO_METHOD } web_match;
/* Finds the route for method and target; *var gets the {variable} segment. */
web_match web_route_find(const char *method, const web_target *t, const web_route **out, const char **var);

typedef struct web_principal {
    bool authenticated, via_token, must_change;
    int64_t user_id, token_id;
    web_role role;
    char name[80];                 /* username, or "token:NAME" */
    char person[81];               /* the port-model person the account (a token's owner) acts as; "" none */
    char session_hash[65];         /* SHA-256 hex of the session id; "" with a token */
    char csrf[48];
} web_principal;

/* What a live stream sends: its opening comment, and the events written
 * after *last_id (at most max), moving *last_id on. */
typedef struct web_sse_source {
    const char *banner;            /* ": seawall alert stream" */
    sw_code (*fill)(store *db, int64_t *last_id, strbuf *out, size_t max, sw_error *err);
} web_sse_source;

typedef struct web_response {
    int status;
    const char *content_type;
    strbuf body;
    const unsigned char *static_body;  /* an embedded file, sent instead of body */
    size_t static_len;
    char set_cookie[256];
    int retry_after;               /* seconds, for 429; 0: none */
    bool sse;                      /* start an event stream after sse_from */
    int64_t sse_from;
    const web_sse_source *sse_source;   /* NULL: the alert stream */
    const char *allow;             /* for 405 */
    /* A Content-Security-Policy replacing the server's default; the one
     * response that may be framed (by its own origin) sets it. */
    char csp[256];
} web_response;

struct web_call {
    web_app *app;
    store *db;
    const char *method;
    const web_target *target;
    const char *body; size_t body_len;
    const char *source;            /* client address */
    const char *cookie, *authorization, *csrf_header, *content_type, *last_event_id;
    int64_t now;                   /* microseconds since the epoch */
    const web_route *route;
    const char *var;               /* the route's {variable} */
    web_principal who;
    web_response res;
};

void web_call_init(web_call *c, web_app *app, store *db, int64_t now);
void web_call_free(web_call *c);

/* Routes, authenticates, authorises and runs the handler; always leaves a
 * response in c->res (errors as {"error": {"code", "message"}}). */
void web_dispatch(web_call *c, const web_target *t);

/* A JSON error response; returns nothing, handlers return right after. */
void web_fail(web_call *c, int status, const char *code, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Starts a 200 JSON response and returns its writer (closed by the caller). */
json_writer *web_json(web_call *c, int status, json_writer *w);
/* Records a change in the audit log, outcome "ok" or the refusal code. */
void web_audit(web_call *c, const char *action, const char *target, const char *outcome, const char *detail_json);
/* The request body as an object, or NULL after answering 400. */
json_t *web_body_object(web_call *c);

/* --- the application -------------------------------------------------------- */

typedef struct web_config {
    bool tls;                      /* cookies get Secure and the __Host- prefix, and HSTS is sent */
    int64_t session_ttl_us;        /* absolute session lifetime */
    int64_t session_idle_us;       /* ends after this long unused */
    size_t sse_max_clients;
} web_config;

void web_config_defaults(web_config *cfg);
web_app *web_app_new(const web_config *cfg, sw_error *err);
void web_app_free(web_app *app);
const web_config *web_app_config(const web_app *app);
/* The session cookie's name: "__Host-sw_session" with TLS, else "sw_session". */
const char *web_session_cookie(const web_app *app);

/* Creates the first cso account when there are no users: *created true and
 * the one-time password in pw (cap >= 32). */
sw_code web_bootstrap_admin(web_app *app, store *db, bool *created, char *pw, size_t cap, sw_error *err);

/* The OpenAPI 3.1 document of the route table (web_openapi.c). */
void web_openapi_write(strbuf *out);

#endif
