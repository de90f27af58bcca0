/* web_api.c - shared checks and plumbing of the capability handlers (web_api.h). */
#include "web/web_api.h"
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "core/diag.h"
#include "store/store_query.h"

bool web_check_id(web_call *c, const char *what, const char *v)
{
    bool ok = v && model_id_valid(v, NULL);
    if (!ok) web_fail(c, 400, "bad_parameter", "%s must be 1 to %d " MODEL_ID_CHARS_TEXT, what, MODEL_ID_MAX);
    return ok;
}

void web_list_begin(web_call *c, json_writer *w)
{
    web_json(c, 200, w);
    jw_object_begin(w);
    jw_key(w, "items");
    jw_array_begin(w);
}

void web_list_end(web_call *c, json_writer *w, sw_code rc, const sw_error *err)
{
    if (rc) return web_fail(c, 503, "store_unavailable", "%s", err->msg);
    jw_array_end(w);
    jw_key(w, "next_cursor");
    jw_null(w);
    jw_object_end(w);
}

bool web_param_id(web_call *c, const char *key, const char **out)
{
    *out = web_param(c->target, key);
    return !*out || web_check_id(c, key, *out);
}

bool web_param_number(web_call *c, const char *key, double min, double max, bool integral, double *out, bool *given)
{
    const char *v = web_param(c->target, key);
    *given = v != NULL;
    if (!v) return true;
    char *end;
    errno = 0;
    double d = strtod(v, &end);
    /* strtod takes "inf", "nan" and hex; a parameter is a plain decimal. */
    bool plain = *v && strspn(v, "0123456789.-+eE") == strlen(v);
    if (!plain || errno || *end || !isfinite(d) || d < min || d > max || (integral && d != floor(d))) {
        web_fail(c, 400, "bad_parameter", "%s must be a %s from %g to %g", key, integral ? "whole number" : "number",
                 min, max);
        return false;
    }
    *out = d;
    return true;
}

bool web_require_model(web_call *c)
{
    bool has = false;
    sw_error err = { 0 };
    if (store_has_model(c->db, &has, &err) != SW_OK) {
        web_fail(c, 503, "store_unavailable", "%s", err.msg);
        return false;
    }
    if (!has) web_fail(c, 404, "no_model", "no port model is loaded (seawall init port.yaml)");
    return has;
}

void web_cli_ctx(web_call *c, cli_ctx *ctx)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->db_path = store_path(c->db);
    ctx->json = true;
}

port_model *web_load_model(web_call *c)
{
    store_summary sum;
    sw_error err = { 0 };
    sw_code rc = store_get_summary(c->db, &sum, &err);
    if (rc == SW_ERR_INVALID || (rc == SW_OK && !sum.model_path)) {
        if (rc == SW_OK) store_summary_free(&sum);
        web_fail(c, 404, "no_model", "no port model is loaded (seawall init port.yaml)");
        return NULL;
    }
    if (rc) {
        web_fail(c, 503, "store_unavailable", "%s", err.msg);
        return NULL;
    }
    diag_list d;
    diag_init(&d, sum.model_path);
    port_model *m = model_load_file(sum.model_path, &d);
    if (!m || d.errors) {
        web_fail(c, 503, "model_unreadable", "the port model %s %s", sum.model_path,
                 m ? "has errors (seawall check)" : "cannot be read");
        model_free(m);
        m = NULL;
    }
    diag_free(&d);
    store_summary_free(&sum);
    return m;
}

FILE *web_capture_begin(web_call *c, web_capture *cap)
{
    memset(cap, 0, sizeof *cap);
    if (!(cap->f = open_memstream(&cap->buf, &cap->len))) web_fail(c, 503, "busy", "out of memory");
    return cap->f;
}

void web_capture_end(web_call *c, web_capture *cap, bool ok)
{
    bool closed = cap->f && fclose(cap->f) == 0;
    cap->f = NULL;
    if (ok && closed) {
        c->res.status = 200;
        c->res.content_type = "application/json";
        strbuf_reset(&c->res.body);
        size_t n = cap->len;
        while (n && cap->buf[n - 1] == '\n') n--;   /* the CLI ends its document with a newline */
        strbuf_append(&c->res.body, cap->buf, n);
    } else if (ok) {
        web_fail(c, 503, "busy", "out of memory");
    }
    free(cap->buf);
    cap->buf = NULL;
}

int web_cli_json(web_call *c, int (*run)(void *arg, cli_ctx *ctx), void *arg)
{
    if (!web_require_model(c)) return -1;
    cli_ctx ctx;
    web_cli_ctx(c, &ctx);
    web_capture cap;
    if (!(ctx.out = web_capture_begin(c, &cap))) return -1;
    int rc = run(arg, &ctx);
    fflush(ctx.out);
    bool wrote = cap.len > 0 && (cap.buf[0] == '[' || cap.buf[0] == '{');
    bool list = wrote && cap.buf[0] == '[';
    if ((rc == EXIT_OK || rc == EXIT_FINDINGS) && wrote) {
        web_capture_end(c, &cap, true);
        if (list && c->res.status == 200) {
            strbuf body;
            strbuf_init(&body);
            strbuf_puts(&body, "{\"items\":");
            strbuf_append(&body, c->res.body.data, c->res.body.len);
            strbuf_puts(&body, ",\"next_cursor\":null}");
            strbuf_free(&c->res.body);
            c->res.body = body;
        }
        return rc;
    }
    web_capture_end(c, &cap, false);
    bool has_model = true;
    sw_error err = { 0 };
    if (rc == EXIT_FINDINGS && store_has_model(c->db, &has_model, &err) == SW_OK && !has_model) web_fail(c, 404, "no_model", "no port model is loaded (seawall init port.yaml)");
    else web_fail(c, 503, "analysis_unavailable", "the report could not be made (the server's log says why)");
    return rc;
}
