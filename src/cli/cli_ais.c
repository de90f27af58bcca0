/* cli_ais.c - the AIS sensor behind `seawall ais track` and `seawall sense
 * --ais` (cli_ais.h). */
#include "cli/cli_ais.h"
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "core/json.h"
#include "core/strbuf.h"
#include "cli/cli_correlate.h"
#include "sense/ais_run.h"

static void print_summary(const ais_run_result *r, bool json, FILE *out)
{
    strbuf sb;
    strbuf_init(&sb);
    if (json) {
        json_writer w;
        jw_init(&w, &sb);
        jw_object_begin(&w);
        jw_kv_uint(&w, "lines", r->stream.lines);
        jw_kv_uint(&w, "messages", r->stream.messages);
        jw_kv_uint(&w, "bad_lines", r->stream.lines - r->stream.line_kind[AIS_LINE_SENTENCE] -
                                        r->stream.line_kind[AIS_LINE_BLANK] - r->stream.line_kind[AIS_LINE_TIME]);
        jw_kv_uint(&w, "messages_without_time", r->detect.timeless);
        jw_kv_uint(&w, "vessels", r->tracker.live);
        jw_kv_uint(&w, "vessels_evicted", r->tracker.evicted);
        jw_kv_uint(&w, "vessel_capacity", r->tracker.capacity);
        jw_kv_uint(&w, "memory_bytes", r->detect.memory);
        jw_key(&w, "alerts");
        jw_object_begin(&w);
        jw_kv_uint(&w, "total", r->alerts_total);
        jw_kv_uint(&w, "suppressed", r->detect.suppressed);
        jw_key(&w, "by_check");
        jw_object_begin(&w);
        for (int c = 0; c < AIS_CHECK__COUNT; c++) jw_kv_uint(&w, ais_checks[c].id, r->detect.alerts[c]);
        jw_object_end(&w);
        jw_object_end(&w);
        jw_key(&w, "feed");
        jw_object_begin(&w);
        jw_kv_uint(&w, "bytes", r->feed.bytes);
        jw_kv_uint(&w, "datagrams", r->feed.datagrams);
        jw_kv_uint(&w, "connects", r->feed.connects);
        jw_kv_uint(&w, "disconnects", r->feed.disconnects);
        jw_object_end(&w);
        jw_kv_uint(&w, "vessels_stored", r->vessels_stored);
        jw_kv_uint(&w, "alerts_stored", r->alerts_stored);
        jw_kv_uint(&w, "track_points_stored", r->track_stored);
        jw_kv_uint(&w, "track_points_trimmed", r->track_trimmed);
        jw_kv_bool(&w, "interrupted", r->interrupted);
        jw_kv_double(&w, "seconds", r->seconds, 3);
        jw_object_end(&w);
        strbuf_putc(&sb, '\n');
    } else {
        strbuf_printf(&sb, "lines       %" PRIu64 " (%" PRIu64 " messages, %" PRIu64 " without a time)\n",
                      r->stream.lines, r->stream.messages, r->detect.timeless);
        strbuf_printf(&sb, "vessels     %u tracked of %u, %" PRIu64 " evicted\n", r->tracker.live, r->tracker.capacity,
                      r->tracker.evicted);
        strbuf_printf(&sb, "alerts      %" PRIu64 " (%" PRIu64 " repeats suppressed)\n", r->alerts_total,
                      r->detect.suppressed);
        for (int c = 0; c < AIS_CHECK__COUNT; c++)
            if (r->detect.alerts[c]) strbuf_printf(&sb, "  %-24s %" PRIu64 "\n", ais_checks[c].id, r->detect.alerts[c]);
        if (r->vessels_stored || r->alerts_stored)
            strbuf_printf(&sb, "stored      %" PRIu64 " vessel rows, %" PRIu64 " alerts\n", r->vessels_stored,
                          r->alerts_stored);
        if (r->track_stored || r->track_trimmed)
            strbuf_printf(&sb, "tracks      %" PRIu64 " points stored, %" PRIu64 " past the retention deleted\n",
                          r->track_stored, r->track_trimmed);
        if (r->interrupted) strbuf_printf(&sb, "interrupted: everything read so far was processed and flushed\n");
    }
    fwrite(sb.data, 1, sb.len, out);
    strbuf_free(&sb);
}

/* The two store settings --set takes besides the check thresholds:
 * track_keep_days (feed time kept behind the newest point, above 0 and at
 * most 3650; fractions allowed) and track_points (per vessel, 1 to 10M).
 * 1: taken; 0: not one of them; -1: a bad value (message in err). */
static int retention_set(ais_run_options *ro, const char *assignment, sw_error *err)
{
    const char *eq = strchr(assignment, '=');
    if (!eq) return 0;
    size_t n = (size_t)(eq - assignment);
    char *end;
    if (n == strlen("track_keep_days") && !strncmp(assignment, "track_keep_days", n)) {
        double d = strtod(eq + 1, &end);
        if (!eq[1] || *end || !(d > 0 && d <= 3650) || d * 86400e6 < 1e6) {
            sw_fail(err, SW_ERR_USAGE, "track_keep_days wants days of feed time, above 0 (at least a second) and at most 3650, got '%s'", eq + 1);
            return -1;
        }
        ro->track_keep_us = (int64_t)(d * 86400e6);
        return 1;
    }
    if (n == strlen("track_points") && !strncmp(assignment, "track_points", n)) {
        unsigned long long v = strtoull(eq + 1, &end, 10);
        if (!eq[1] || eq[1] == '-' || *end || v < 1 || v > AIS_TRACK_POINTS_MAX) {
            sw_fail(err, SW_ERR_USAGE, "track_points wants points per vessel from 1 to %u, got '%s'", AIS_TRACK_POINTS_MAX, eq + 1);
            return -1;
        }
        ro->track_points = (uint32_t)v;
        return 1;
    }
    return 0;
}

int cli_ais_track(const cli_command *cmd, cli_ctx *ctx, const char *const *sources, size_t n_sources,
                  const cli_ais_opts *o)
{
    ais_run_options ro;
    memset(&ro, 0, sizeof ro);
    ro.sources = sources;
    ro.n_sources = n_sources;
    ais_detect_config_default(&ro.cfg);
    if (o->vessels) ro.cfg.capacity = o->vessels;
    for (size_t i = 0; i < o->n_sets; i++) {
        sw_error se = { 0 };
        int taken = retention_set(&ro, o->sets[i], &se);
        if (taken < 0) return cli_usage_error(cmd, "%s", se.msg);
        if (!taken && ais_detect_config_set(&ro.cfg, o->sets[i], &se) != SW_OK) return cli_usage_error(cmd, "%s", se.msg);
    }
    {
        sw_error se = { 0 };
        if (ais_detect_config_check(&ro.cfg, &se) != SW_OK) return cli_usage_error(cmd, "%s", se.msg);
    }
    port_model *model = NULL;
    land_layer *land = NULL;
    FILE *eve = NULL;
    store *db = NULL;
    int rc = EXIT_OK;
    if (o->model_path) {
        diag_list diags;
        diag_init(&diags, o->model_path);
        model = model_load_file(o->model_path, &diags);
        if (!model || diags.errors) {
            diag_sort(&diags);
            diag_print(&diags, stderr);
            fprintf(stderr, "seawall %s: %s %s\n", cmd->name, o->model_path,
                    model ? "has errors; fix them first ('seawall check')" : "cannot be read");
            diag_free(&diags);
            rc = model ? EXIT_FINDINGS : EXIT_INPUT;
            goto out;
        }
        diag_free(&diags);
    }
    if (!o->land_path || strcmp(o->land_path, "none") != 0) {
        char buf[4096];
        const char *path = o->land_path ? o->land_path : land_default_path(buf, sizeof buf);
        sw_error le = { 0 };
        if (path && !(land = land_load_file(path, &le))) {
            fprintf(stderr, "seawall %s: %s\n", cmd->name, le.msg);
            if (o->land_path) { rc = EXIT_INPUT; goto out; }
        }
        if (!path) fprintf(stderr, "seawall %s: no world land layer found (set SEAWALL_DATA); on-land checks use the port model only\n", cmd->name);
    }
    if (o->eve_path) {
        eve = strcmp(o->eve_path, "-") == 0 ? stdout : fopen(o->eve_path, "w");
        if (!eve) {
            fprintf(stderr, "seawall %s: cannot write %s\n", cmd->name, o->eve_path);
            rc = EXIT_INPUT;
            goto out;
        }
    }
    if (o->store) {
        sw_error se = { 0 };
        if (!(db = store_open(ctx->db_path, STORE_CREATE, &se))) {
            fprintf(stderr, "seawall %s: %s\n", cmd->name, se.msg);
            rc = EXIT_INPUT;
            goto out;
        }
    }
    ro.model = model;
    ro.land = land;
    ro.eve = eve;
    ro.db = db;
    ais_run_result res;
    sw_error err = { 0 };
    sw_code code = ais_run(&ro, &res, &err);
    if (code == SW_ERR_USAGE) { rc = cli_usage_error(cmd, "%s", err.msg); goto out; }
    /* with alerts on stdout, the summary goes to stderr */
    print_summary(&res, ctx->json, eve == stdout ? stderr : stdout);
    if (code != SW_OK) {
        fprintf(stderr, "seawall %s: %s\n", cmd->name, err.msg);
        rc = EXIT_INPUT;
    } else if (db && cli_sense_correlate(cmd, db, model) != SW_OK) {
        rc = EXIT_INPUT;
    }
out:
    if (eve && eve != stdout && fclose(eve) != 0) {
        fprintf(stderr, "seawall %s: writing %s failed\n", cmd->name, o->eve_path);
        rc = EXIT_INPUT;
    } else if (eve == stdout && fflush(stdout) != 0) {
        rc = EXIT_INPUT;
    }
    store_close(db);
    land_free(land);
    model_free(model);
    return rc;
}
