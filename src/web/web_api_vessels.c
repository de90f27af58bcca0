/* web_api_vessels.c - vessels tracked from AIS: GET /api/v1/vessels (the
 * objects of `seawall vessels --json`, filtered the same way) and
 * GET /api/v1/vessels/{mmsi}/track (seawall vessels --track MMSI). */
#include <stdlib.h>
#include <string.h>
#include "core/timeutil.h"
#include "cli/cli_vessels.h"
#include "store/store_vessels.h"
#include "web/web_api.h"

static int vessel_row(void *ctx, const store_vessel_row *v)
{
    cli_vessel_jw(ctx, v);
    return 0;
}

void web_h_vessels(web_call *c)
{
    store_vessel_filter f = { 0 };
    f.status = web_param(c->target, "status");
    if (f.status && strcmp(f.status, "ok") && strcmp(f.status, "suspect") && strcmp(f.status, "alert"))
        return web_fail(c, 400, "bad_parameter", "status must be ok, suspect or alert");
    if (!web_param_id(c, "check", &f.check)) return;
    if (f.check && strncmp(f.check, "SW-AIS-", 7))
        return web_fail(c, 400, "bad_parameter", "check wants an SW-AIS-* check id");
    json_writer w;
    sw_error err = { 0 };
    web_list_begin(c, &w);
    web_list_end(c, &w, store_list_vessels(c->db, &f, vessel_row, &w, &err), &err);
}

static int track_row(void *ctx, const store_track_point *p)
{
    cli_track_point_jw(ctx, p);
    return 0;
}

void web_h_vessel_track(web_call *c)
{
    const char *v = c->var;
    if (!v || !*v || strlen(v) > 9 || strspn(v, "0123456789") != strlen(v) || strtoll(v, NULL, 10) < 1)
        return web_fail(c, 400, "bad_parameter", "an MMSI is 1 to 9 digits");
    int64_t mmsi = strtoll(v, NULL, 10);
    double limit = 1000;
    bool has_limit;
    if (!web_param_number(c, "limit", 1, 10000, true, &limit, &has_limit)) return;
    const char *since_s = web_param(c->target, "since");
    sw_time_us since = 0;
    if (since_s && !time_parse_rfc3339(since_s, &since)) return web_fail(c, 400, "bad_parameter", "since wants an RFC 3339 time");
    json_writer w;
    web_json(c, 200, &w);
    jw_object_begin(&w);
    jw_kv_int(&w, "mmsi", mmsi);
    jw_key(&w, "points");
    jw_array_begin(&w);
    sw_error err = { 0 };
    if (store_vessel_track(c->db, mmsi, since, (int64_t)limit, track_row, &w, &err))
        return web_fail(c, 503, "store_unavailable", "%s", err.msg);
    jw_array_end(&w);
    jw_object_end(&w);
}
