/* web_openapi.c - the OpenAPI 3.1 document, generated from the route table
 * on each request: paths, methods, roles (x-roles), whether a route changes
 * state (x-changes-state, and so needs X-CSRF-Token), parameters and bodies. */
#include <stdio.h>
#include <string.h>
#include "model/model_id.h"
#include "web/web.h"

/* The id rule of model_id.h as JSON Schema patterns; ids: up to 64 of them. */
#define STR_(x) #x
#define STR(x) STR_(x)
#define ID_RE MODEL_ID_CHARS_CLASS "{1," STR(MODEL_ID_MAX) "}"
#define ID_PATTERN "^" ID_RE "$"
#define IDS_PATTERN "^" ID_RE "(," ID_RE "){0,63}$"

/* Writes "a|b|c" entries of "name:type:description" as calls to fn. */
typedef void (*field_fn)(json_writer *w, const char *name, const char *type, const char *desc, void *ctx);

static void each_field(json_writer *w, const char *spec, field_fn fn, void *ctx)
{
    char buf[1024];
    if (!spec) return;
    snprintf(buf, sizeof buf, "%s", spec);
    for (char *save = NULL, *f = strtok_r(buf, "|", &save); f; f = strtok_r(NULL, "|", &save)) {
        char *t = strchr(f, ':');
        if (!t) continue;
        *t++ = '\0';
        char *d = strchr(t, ':');
        if (d) *d++ = '\0';
        fn(w, f, t, d ? d : "", ctx);
    }
}

/* The parameter's comma-separated values as key: [strings]. */
static void values_array(json_writer *w, const char *key, const web_param_spec *p)
{
    jw_key(w, key);
    jw_array_begin(w);
    const char *v = p->values, *end = p->values + p->values_len;
    while (v < end) {
        const char *comma = memchr(v, ',', (size_t)(end - v));
        size_t n = comma ? (size_t)(comma - v) : (size_t)(end - v);
        jw_string_n(w, v, n);
        v += n + 1;
    }
    jw_array_end(w);
}

/* One query parameter with the schema its spec type checks in dispatch. */
static void query_param(json_writer *w, const web_param_spec *p)
{
    jw_object_begin(w);
    jw_key(w, "name");
    jw_string_n(w, p->name, p->name_len);
    jw_kv_string(w, "in", "query");
    jw_kv_bool(w, "required", false);
    jw_key(w, "description");
    jw_string_n(w, p->desc, p->desc_len);
    jw_key(w, "schema");
    jw_object_begin(w);
    switch (p->kind) {
    case WEB_P_INTEGER:
        jw_kv_string(w, "type", "integer");
        jw_kv_int(w, "minimum", p->min);
        jw_kv_int(w, "maximum", p->max);
        break;
    case WEB_P_BOOLEAN:
        jw_kv_string(w, "type", "boolean");
        break;
    case WEB_P_ENUM:
        jw_kv_string(w, "type", "string");
        values_array(w, "enum", p);
        break;
    case WEB_P_ID:
        jw_kv_string(w, "type", "string");
        jw_kv_string(w, "pattern", ID_PATTERN);
        break;
    case WEB_P_TIME:
        jw_kv_string(w, "type", "string");
        jw_kv_string(w, "x-format", "RFC 3339 date-time, or a duration back from now such as 30m, 2h or 7d");
        break;
    case WEB_P_DATETIME:
        jw_kv_string(w, "type", "string");
        if (!p->values) jw_kv_string(w, "format", "date-time");
        break;
    case WEB_P_DATE:
        jw_kv_string(w, "type", "string");
        jw_kv_string(w, "format", "date");
        break;
    case WEB_P_NUMBER:
        jw_kv_string(w, "type", "number");
        jw_kv_int(w, "minimum", p->min);
        jw_kv_int(w, "maximum", p->max);
        break;
    case WEB_P_IDS:
        jw_kv_string(w, "type", "string");
        jw_kv_string(w, "pattern", IDS_PATTERN);
        break;
    case WEB_P_CURSOR:
        jw_kv_string(w, "type", "string");
        jw_kv_string(w, "pattern", "^[0-9.-]{1,64}$");
        break;
    default:
        jw_kv_string(w, "type", "string");
        jw_kv_int(w, "minLength", 1);
        jw_kv_int(w, "maxLength", 128);
        break;
    }
    if (p->kind != WEB_P_ENUM && p->values) values_array(w, "x-also", p);
    jw_object_end(w);
    jw_object_end(w);
}

static void body_member(json_writer *w, const char *name, const char *type, const char *desc, void *ctx)
{
    jw_key(w, name);
    jw_object_begin(w);
    jw_kv_string(w, "type", type);
    jw_kv_string(w, "description", desc);
    jw_object_end(w);
}

static void error_response(json_writer *w, const char *status, const char *desc)
{
    jw_key(w, status);
    jw_object_begin(w);
    jw_kv_string(w, "description", desc);
    jw_key(w, "content");
    jw_object_begin(w);
    jw_key(w, "application/json");
    jw_object_begin(w);
    jw_key(w, "schema");
    jw_object_begin(w);
    jw_kv_string(w, "$ref", "#/components/schemas/Error");
    jw_object_end(w);
    jw_object_end(w);
    jw_object_end(w);
    jw_object_end(w);
}

/* "get_api_v1_users_username_role" */
static void operation_id(const web_route *r, char *out, size_t cap)
{
    size_t n = 0;
    for (const char *p = r->method; *p && n + 1 < cap; p++) out[n++] = (char)(*p | 0x20);
    for (const char *p = r->pattern; *p && n + 1 < cap; p++) {
        char ch = *p;
        if (ch == '{' || ch == '}') continue;
        out[n++] = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ? ch : '_';
    }
    out[n] = '\0';
}

static void write_operation(json_writer *w, const web_route *r)
{
    char lower[8], opid[160];
    size_t i;
    for (i = 0; r->method[i] && i + 1 < sizeof lower; i++) lower[i] = (char)(r->method[i] | 0x20);
    lower[i] = '\0';
    jw_key(w, lower);
    jw_object_begin(w);
    operation_id(r, opid, sizeof opid);
    jw_kv_string(w, "operationId", opid);
    jw_kv_string(w, "summary", r->summary);
    jw_key(w, "tags");
    jw_array_begin(w);
    jw_string(w, r->tag);
    jw_array_end(w);
    jw_key(w, "x-roles");
    jw_array_begin(w);
    if (!(r->roles & WEB_PUBLIC))
        for (int k = 0; k < WEB_ROLE__COUNT; k++)
            if (r->roles & WEB_R(k)) jw_string(w, web_role_name((web_role)k));
    jw_array_end(w);
    jw_kv_bool(w, "x-public", (r->roles & WEB_PUBLIC) != 0);
    jw_kv_bool(w, "x-changes-state", r->changes_state);
    jw_kv_bool(w, "x-session-only", (r->flags & WEB_F_SESSION_ONLY) != 0);
    jw_kv_bool(w, "x-allowed-before-password-change", (r->flags & WEB_F_PW_CHANGE_OK) != 0);
    jw_key(w, "security");
    jw_array_begin(w);
    if (!(r->roles & WEB_PUBLIC)) {
        jw_object_begin(w);
        jw_key(w, "session");
        jw_array_begin(w);
        jw_array_end(w);
        if (r->changes_state) {
            jw_key(w, "csrf");
            jw_array_begin(w);
            jw_array_end(w);
        }
        jw_object_end(w);
        if (!(r->flags & WEB_F_SESSION_ONLY)) {
            jw_object_begin(w);
            jw_key(w, "bearer");
            jw_array_begin(w);
            jw_array_end(w);
            jw_object_end(w);
        }
    }
    jw_array_end(w);

    jw_key(w, "parameters");
    jw_array_begin(w);
    const char *open = strchr(r->pattern, '{');
    if (open) {
        const char *close = strchr(open, '}');
        jw_object_begin(w);
        jw_key(w, "name");
        jw_string_n(w, open + 1, (size_t)(close - open - 1));
        jw_kv_string(w, "in", "path");
        jw_kv_bool(w, "required", true);
        jw_key(w, "schema");
        jw_object_begin(w);
        jw_kv_string(w, "type", "string");
        jw_object_end(w);
        jw_object_end(w);
    }
    web_param_spec ps;
    for (const char *pos = r->params; web_param_spec_next(&pos, &ps);) query_param(w, &ps);
    jw_array_end(w);

    if (r->body) {
        jw_key(w, "requestBody");
        jw_object_begin(w);
        jw_kv_bool(w, "required", true);
        jw_key(w, "content");
        jw_object_begin(w);
        jw_key(w, "application/json");
        jw_object_begin(w);
        jw_key(w, "schema");
        jw_object_begin(w);
        jw_kv_string(w, "type", "object");
        jw_key(w, "properties");
        jw_object_begin(w);
        each_field(w, r->body, body_member, NULL);
        jw_object_end(w);
        jw_object_end(w);
        jw_object_end(w);
        jw_object_end(w);
        jw_object_end(w);
    }

    jw_key(w, "responses");
    jw_object_begin(w);
    char ok[8];
    int status = r->ok_status ? r->ok_status : 200;
    snprintf(ok, sizeof ok, "%d", status);
    jw_key(w, ok);
    jw_object_begin(w);
    jw_kv_string(w, "description", status == 204 ? "done, no content" : "success");
    if (status != 204) {
        const char *type = (r->flags & WEB_F_SSE) ? "text/event-stream"
                           : (r->flags & WEB_F_HTML) ? "text/html" : "application/json";
        jw_key(w, "content");
        jw_object_begin(w);
        jw_key(w, type);
        jw_object_begin(w);
        jw_object_end(w);
        jw_object_end(w);
    }
    jw_object_end(w);
    error_response(w, "400", "bad parameters or body");
    if (!(r->roles & WEB_PUBLIC)) {
        error_response(w, "401", "no valid session or token");
        error_response(w, "403", "role not allowed, password change pending, or CSRF token missing or wrong");
    }
    if (open) error_response(w, "404", "no such item");
    if (r->body) {
        error_response(w, "413", "body larger than the server accepts");
        error_response(w, "415", "body not application/json");
    }
    if (!strcmp(r->pattern, "/api/v1/login")) error_response(w, "429", "too many failed logins");
    jw_object_end(w);
    jw_object_end(w);
}

static void scheme(json_writer *w, const char *name, const char *type, const char *in, const char *key)
{
    jw_key(w, name);
    jw_object_begin(w);
    jw_kv_string(w, "type", type);
    if (in) {
        jw_kv_string(w, "in", in);
        jw_kv_string(w, "name", key);
    } else {
        jw_kv_string(w, "scheme", key);
    }
    jw_object_end(w);
}

void web_openapi_write(strbuf *out)
{
    json_writer w;
    jw_init(&w, out);
    jw_object_begin(&w);
    jw_kv_string(&w, "openapi", "3.1.0");
    jw_key(&w, "info");
    jw_object_begin(&w);
    jw_kv_string(&w, "title", "Seawall API");
    jw_kv_string(&w, "version", "1");
    jw_kv_string(&w, "description",
                 "Converged IT/OT/physical port security. Generated from the server's route table; "
                 "x-roles lists the roles allowed on each operation. See docs/api.md.");
    jw_object_end(&w);
    jw_key(&w, "paths");
    jw_object_begin(&w);
    for (size_t i = 0; i < web_n_routes; i++) {
        bool seen = false;
        for (size_t j = 0; j < i; j++) seen |= !strcmp(web_routes[j].pattern, web_routes[i].pattern);
        if (seen) continue;
        jw_key(&w, web_routes[i].pattern);
        jw_object_begin(&w);
        for (size_t j = i; j < web_n_routes; j++)
            if (!strcmp(web_routes[j].pattern, web_routes[i].pattern)) write_operation(&w, &web_routes[j]);
        jw_object_end(&w);
    }
    jw_object_end(&w);
    jw_key(&w, "components");
    jw_object_begin(&w);
    jw_key(&w, "securitySchemes");
    jw_object_begin(&w);
    scheme(&w, "session", "apiKey", "cookie", "sw_session");
    scheme(&w, "csrf", "apiKey", "header", "X-CSRF-Token");
    scheme(&w, "bearer", "http", NULL, "bearer");
    jw_object_end(&w);
    jw_key(&w, "schemas");
    jw_object_begin(&w);
    jw_key(&w, "Error");
    jw_raw(&w, "{\"type\":\"object\",\"required\":[\"error\"],\"properties\":{\"error\":{\"type\":\"object\","
               "\"required\":[\"code\",\"message\"],\"properties\":{\"code\":{\"type\":\"string\"},"
               "\"message\":{\"type\":\"string\"}}}}}");
    jw_object_end(&w);
    jw_object_end(&w);
    jw_object_end(&w);
}
