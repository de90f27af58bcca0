/* cmd_vessels.c - `seawall vessels`: vessels tracked from AIS feeds with
 * their last state and integrity status (the checks that fired). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli_store.h"
#include "cli/cli_vessels.h"
#include "core/timeutil.h"
#include "store/store_vessel_track.h"
#include "store/store_vessels.h"

static const char *time_or_null(int64_t t, char *buf)
{
    return t == STORE_NO_TIME ? NULL : time_fmt_rfc3339(t, 0, buf);
}

void cli_vessel_jw(json_writer *w, const store_vessel_row *v)
{
    char first[SW_TIME_STR_MAX], last[SW_TIME_STR_MAX];
    jw_object_begin(w);
    jw_kv_int(w, "mmsi", v->mmsi);
    jw_kv_string(w, "station", v->station);
    jw_kv_string(w, "class", v->cls);
    jw_kv_string(w, "flag", v->flag);
    jw_kv_string(w, "shipname", v->name);
    jw_kv_string(w, "callsign", v->callsign);
    if (v->imo) jw_kv_int(w, "imo", v->imo); else jw_kv_string(w, "imo", NULL);
    if (v->shiptype) jw_kv_int(w, "shiptype", v->shiptype); else jw_kv_string(w, "shiptype", NULL);
    jw_kv_string(w, "destination", v->destination);
    if (v->has_pos) {
        jw_kv_double(w, "lat", v->lat, 6);
        jw_kv_double(w, "lon", v->lon, 6);
    } else {
        jw_kv_string(w, "lat", NULL);
        jw_kv_string(w, "lon", NULL);
    }
    if (v->sog_kn >= 0) jw_kv_double(w, "sog", v->sog_kn, 1); else jw_kv_string(w, "sog", NULL);
    if (v->cog_deg >= 0) jw_kv_double(w, "cog", v->cog_deg, 1); else jw_kv_string(w, "cog", NULL);
    jw_kv_string(w, "first_seen", time_or_null(v->first_seen, first));
    jw_kv_string(w, "last_seen", time_or_null(v->last_seen, last));
    jw_kv_int(w, "messages", v->messages);
    jw_kv_int(w, "positions", v->positions);
    jw_kv_int(w, "alerts", v->alerts);
    jw_kv_string(w, "status", v->status);
    cli_jw_csv_array(w, "checks", v->checks);
    jw_object_end(w);
}

static int vessel_row(void *ctx, const store_vessel_row *v)
{
    cli_listing *o = ctx;
    char last[SW_TIME_STR_MAX];
    if (o->json) {
        cli_vessel_jw(&o->w, v);
        cli_listing_row(o, NULL);
        return 0;
    }
    char mmsi[16], pos[48] = "", sog[16] = "", msgs[24];
    snprintf(mmsi, sizeof mmsi, "%09lld", (long long)v->mmsi);
    if (v->has_pos) snprintf(pos, sizeof pos, "%.5f,%.5f", v->lat, v->lon);
    if (v->sog_kn >= 0) snprintf(sog, sizeof sog, "%.1f", v->sog_kn);
    snprintf(msgs, sizeof msgs, "%lld", (long long)v->messages);
    const char *cells[] = { mmsi, v->name, v->callsign, v->cls, v->flag, pos, sog, msgs,
                            time_or_null(v->last_seen, last), v->status, v->checks };
    cli_listing_row(o, cells);
    return 0;
}

void cli_track_point_jw(json_writer *w, const store_track_point *p)
{
    char t[SW_TIME_STR_MAX];
    jw_object_begin(w);
    jw_kv_string(w, "ts", time_fmt_rfc3339(p->ts, 0, t));
    jw_kv_double(w, "lat", p->lat, 6);
    jw_kv_double(w, "lon", p->lon, 6);
    if (p->sog_kn >= 0) jw_kv_double(w, "sog", p->sog_kn, 1); else jw_kv_string(w, "sog", NULL);
    if (p->cog_deg >= 0) jw_kv_double(w, "cog", p->cog_deg, 1); else jw_kv_string(w, "cog", NULL);
    jw_kv_int(w, "line", p->line);
    jw_object_end(w);
}

static int track_row(void *ctx, const store_track_point *p)
{
    cli_listing *o = ctx;
    if (o->json) {
        cli_track_point_jw(&o->w, p);
        cli_listing_row(o, NULL);
        return 0;
    }
    char t[SW_TIME_STR_MAX], lat[24], lon[24], sog[16] = "", cog[16] = "";
    snprintf(lat, sizeof lat, "%.6f", p->lat);
    snprintf(lon, sizeof lon, "%.6f", p->lon);
    if (p->sog_kn >= 0) snprintf(sog, sizeof sog, "%.1f", p->sog_kn);
    if (p->cog_deg >= 0) snprintf(cog, sizeof cog, "%.1f", p->cog_deg);
    const char *cells[] = { time_fmt_rfc3339(p->ts, 0, t), lat, lon, sog, cog };
    cli_listing_row(o, cells);
    return 0;
}

static int run_vessels(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    enum { OPT_STATUS = 0x2000, OPT_CHECK, OPT_TRACK };
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS,
        { "status", required_argument, NULL, OPT_STATUS },
        { "check", required_argument, NULL, OPT_CHECK },
        { "track", required_argument, NULL, OPT_TRACK },
        { 0, 0, 0, 0 },
    };
    store_vessel_filter f = { 0 };
    long long track = -1;
    int opt, rc;
    optind = 0;
    while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1) {
        switch (opt) {
        case OPT_STATUS:
            if (strcmp(optarg, "ok") && strcmp(optarg, "suspect") && strcmp(optarg, "alert"))
                return cli_usage_error(cmd, "--status is ok, suspect or alert, not '%s'", optarg);
            f.status = optarg;
            break;
        case OPT_CHECK:
            if (strncmp(optarg, "SW-AIS-", 7) != 0)
                return cli_usage_error(cmd, "--check wants an SW-AIS-* check id, not '%s'", optarg);
            f.check = optarg;
            break;
        case OPT_TRACK: {
            char *end;
            track = strtoll(optarg, &end, 10);
            if (*end || end == optarg || track < 1 || track > 999999999)
                return cli_usage_error(cmd, "--track wants an MMSI (1 to 9 digits), not '%s'", optarg);
            break;
        }
        default:
            if (cli_common_option(cmd, ctx, opt, optarg, &rc) < 0) return rc;
        }
    }
    if (optind < argc) return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    sw_error err = { 0 };
    store *s = store_open(ctx->db_path, 0, &err);
    if (!s) {
        fprintf(stderr, "seawall vessels: %s\n", err.msg);
        return EXIT_INPUT;
    }
    if (track > 0) {
        static const char *const theaders[] = { "TIME", "LAT", "LON", "SOG", "COG" };
        cli_listing o;
        cli_listing_begin(&o, ctx->json, 5, theaders);
        rc = EXIT_OK;
        if (store_vessel_track(s, track, 0, INT64_MAX, track_row, &o, &err) != SW_OK) {
            fprintf(stderr, "seawall vessels: %s\n", err.msg);
            rc = EXIT_INPUT;
        }
        cli_listing_end(&o, rc == EXIT_OK, "seawall vessels: no dated position stored for this MMSI");
        store_close(s);
        return rc;
    }
    static const char *const headers[] = { "MMSI", "NAME", "CALLSIGN", "CLASS", "FLAG", "POSITION", "SOG",
                                           "MSGS", "LAST SEEN", "STATUS", "CHECKS" };
    cli_listing o;
    cli_listing_begin(&o, ctx->json, 11, headers);
    rc = EXIT_OK;
    if (store_list_vessels(s, &f, vessel_row, &o, &err) != SW_OK) {
        fprintf(stderr, "seawall vessels: %s\n", err.msg);
        rc = EXIT_INPUT;
    }
    cli_listing_end(&o, rc == EXIT_OK, "seawall vessels: no vessel matches");
    store_close(s);
    return rc;
}

const cli_command cmd_vessels = {
    "vessels", "list vessels tracked from AIS with their integrity status",
    "Usage: seawall vessels [--db PATH] [--json] [--status ok|suspect|alert] [--check ID]\n"
    "       seawall vessels --track MMSI [--db PATH] [--json]\n"
    "\n"
    "Vessels that 'seawall ais track --store' (or 'sense --ais ... --store') wrote:\n"
    "MMSI, name, call sign, class, flag (from the MID), last position and speed,\n"
    "messages, last seen, and the integrity status: ok (no check fired), suspect\n"
    "(only SW-AIS-DARK, SW-AIS-RATE or SW-AIS-JAMMING) or alert (any spoofing\n"
    "check), with the checks that fired. Worst status first, then most recently\n"
    "seen.\n"
    "\n"
    "  --status S   only vessels with this status\n"
    "  --check ID   only vessels this check fired for (e.g. SW-AIS-CLONE)\n"
    "  --track MMSI the vessel's stored track instead: one dated position at\n"
    "               most every 30 s of feed time, oldest first\n"
    "  --json       one JSON array of objects\n"
    "\n"
    "Exit: 0 ok, 2 usage, 3 the database is missing or unreadable.\n",
    run_vessels,
};
