/* web_api.h - what the capability handlers (web_api_*.c) share: checking
 * ids and query parameters into 400s, the port model the store names, a
 * CLI context pointing at the server's database, and capturing the JSON a
 * CLI printer writes to a FILE into the response. */
#ifndef SW_WEB_API_H
#define SW_WEB_API_H
#include <stdio.h>
#include "cli/cli.h"
#include "model/model.h"
#include "model/model_id.h"
#include "web/web_app.h"

/* An id from a path, parameter or body, by the rule the port model's ids
 * follow (model_id.h). False after answering 400 bad_parameter. */
bool web_check_id(web_call *c, const char *what, const char *v);
/* Optional query parameter checked with web_check_id; NULL when absent. */
bool web_param_id(web_call *c, const char *key, const char **out);
/* Optional number in [min, max]; *given false when absent; whole numbers
 * only when integral. False after answering 400. */
bool web_param_number(web_call *c, const char *key, double min, double max, bool integral, double *out, bool *given);

/* True when the store holds a port model; false after answering 404
 * no_model (or 503 when the store cannot say). */
bool web_require_model(web_call *c);

/* A CLI context on the server's database with --json. */
void web_cli_ctx(web_call *c, cli_ctx *ctx);

/* A whole list in one response, {"items": [...], "next_cursor": null}:
 * web_list_begin opens it (200) and the rows are written into w by the
 * store's iteration; web_list_end closes it with that iteration's code,
 * or answers 503 store_unavailable (dropping what was written) when it failed. */
void web_list_begin(web_call *c, json_writer *w);
void web_list_end(web_call *c, json_writer *w, sw_code rc, const sw_error *err);

/* The port model `seawall init` recorded, loaded and validated; NULL after
 * answering 404 no_model (none loaded) or 503 model_unreadable. */
port_model *web_load_model(web_call *c);

/* Output of a FILE-based printer, copied into the response body as JSON. */
typedef struct web_capture {
    char *buf;
    size_t len;
    FILE *f;
} web_capture;
/* NULL after answering 503 when no stream could be made. */
FILE *web_capture_begin(web_call *c, web_capture *cap);
/* Closes the stream; with ok the captured bytes become a 200 JSON body. */
void web_capture_end(web_call *c, web_capture *cap, bool ok);

/* The register's totals as `seawall risk` simulates them (web_api_risk.c);
 * false, without answering, when there is no register to simulate. */
typedef struct web_risk_summary {
    double inherent_eal, residual_eal;
    size_t above_appetite, risks;
    char currency[16];
} web_risk_summary;
bool web_risk_totals(web_call *c, web_risk_summary *out);

/* The overview's compliance array, judged at the newest stored
 * observation (web_api_compliance.c); false, writing nothing, on failure. */
bool web_compliance_totals_jw(web_call *c, json_writer *w);

/* Runs a CLI report (run(arg, ctx) with ctx->json and ctx->out set to a
 * capture) and answers with what it wrote: 200 when it wrote a document,
 * exit code 0 or 1 (findings are results); a JSON array is wrapped as
 * {"items": [...], "next_cursor": null} like every list. 404 no_model when
 * the store holds no model, else 503 with the server's log holding why.
 * Returns the report's exit code (-1 when it did not run). */
int web_cli_json(web_call *c, int (*run)(void *arg, cli_ctx *ctx), void *arg);

#endif
