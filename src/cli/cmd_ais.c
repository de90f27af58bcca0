/* cmd_ais.c - `seawall ais decode`: reads an AIS feed file (or stdin),
 * decodes it with src/ais and prints gpsd-compatible JSON lines or
 * gpsdecode-style CSV; bad lines are counted, never fatal. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ais/ais_json.h"
#include "ais/stream.h"
#include "cli/cli.h"
#include "cli/cli_ais.h"
#include "core/json.h"
#include "core/strbuf.h"

#define READ_CHUNK (1u << 20)
#define FLUSH_AT (1u << 18)
#define MAX_LINE 4096   /* longer lines are cut here and fail to parse */

typedef struct decode_opts {
    bool scaled, csv, stats, split24, json_stats;
} decode_opts;

static void print_stats(const ais_stats *st, bool json)
{
    strbuf sb;
    strbuf_init(&sb);
    if (json) {
        json_writer w;
        jw_init(&w, &sb);
        jw_object_begin(&w);
        jw_kv_uint(&w, "lines", st->lines);
        jw_key(&w, "lines_by_kind");
        jw_object_begin(&w);
        for (int k = 0; k < AIS_LINE_KIND_COUNT; k++) jw_kv_uint(&w, ais_line_kind_name((ais_line_kind)k), st->line_kind[k]);
        jw_object_end(&w);
        jw_kv_uint(&w, "bad_payload", st->bad_payload);
        jw_kv_uint(&w, "fragments", st->fragments);
        jw_kv_uint(&w, "frag_evicted", st->frag_evicted);
        jw_kv_uint(&w, "frag_timed_out", st->frag_timed_out);
        jw_kv_uint(&w, "frag_restarted", st->frag_restarted);
        jw_kv_uint(&w, "frag_incomplete", st->frag_incomplete);
        jw_kv_uint(&w, "messages", st->messages);
        jw_key(&w, "decode_errors");
        jw_object_begin(&w);
        for (int k = 1; k < 4; k++) jw_kv_uint(&w, ais_status_name((ais_status)k), st->decode_error[k]);
        jw_object_end(&w);
        jw_key(&w, "by_type");
        jw_object_begin(&w);
        for (int t = 0; t < 28; t++) {
            if (!st->by_type[t]) continue;
            char k[12];   /* room for any int, so -Wformat-truncation holds at every -O */
            snprintf(k, sizeof k, "%d", t);
            jw_kv_uint(&w, k, st->by_type[t]);
        }
        jw_object_end(&w);
        jw_object_end(&w);
        strbuf_putc(&sb, '\n');
    } else {
        strbuf_printf(&sb, "lines                 %llu\n", (unsigned long long)st->lines);
        for (int k = 0; k < AIS_LINE_KIND_COUNT; k++)
            strbuf_printf(&sb, "  %-19s %llu\n", ais_line_kind_name((ais_line_kind)k), (unsigned long long)st->line_kind[k]);
        strbuf_printf(&sb, "bad_payload           %llu\n", (unsigned long long)st->bad_payload);
        strbuf_printf(&sb, "fragments             %llu\n", (unsigned long long)st->fragments);
        strbuf_printf(&sb, "  frag_evicted        %llu\n", (unsigned long long)st->frag_evicted);
        strbuf_printf(&sb, "  frag_timed_out      %llu\n", (unsigned long long)st->frag_timed_out);
        strbuf_printf(&sb, "  frag_restarted      %llu\n", (unsigned long long)st->frag_restarted);
        strbuf_printf(&sb, "  frag_incomplete     %llu\n", (unsigned long long)st->frag_incomplete);
        strbuf_printf(&sb, "messages              %llu\n", (unsigned long long)st->messages);
        for (int k = 1; k < 4; k++)
            strbuf_printf(&sb, "  %-19s %llu\n", ais_status_name((ais_status)k), (unsigned long long)st->decode_error[k]);
        for (int t = 0; t < 28; t++)
            if (st->by_type[t]) strbuf_printf(&sb, "  type %-14d %llu\n", t, (unsigned long long)st->by_type[t]);
    }
    fwrite(sb.data, 1, sb.len, stderr);
    strbuf_free(&sb);
}

static bool flush_out(strbuf *out)
{
    if (out->len && fwrite(out->data, 1, out->len, stdout) != out->len) return false;
    strbuf_reset(out);
    return true;
}

static void emit(strbuf *out, const ais_msg *m, const decode_opts *o, const ais_json_opts *jo)
{
    /* gpsdecode prints type 24 only once both parts are paired. */
    if (m->type == 24 && m->u.static24.part != AIS24_BOTH && !o->split24) return;
    if (o->csv) ais_csv_write(out, m);
    else ais_json_write(out, m, jo);
}

static int decode_file(FILE *in, const decode_opts *o)
{
    ais_stream *s = malloc(sizeof *s);
    char *buf = malloc(READ_CHUNK + MAX_LINE);
    if (!s || !buf) {
        free(s);
        free(buf);
        fprintf(stderr, "seawall ais: out of memory\n");
        return EXIT_INPUT;
    }
    ais_stream_init(s);
    strbuf out;
    strbuf_init(&out);
    ais_json_opts jo = { o->scaled, "stdin" };
    ais_msg m;
    ais_meta meta;
    size_t have = 0;   /* bytes of an unfinished line at the start of buf */
    bool eof = false, write_ok = true;
    while (!eof && write_ok) {
        size_t n = fread(buf + have, 1, READ_CHUNK, in);
        if (n == 0) eof = true;
        size_t end = have + n, pos = 0;
        for (;;) {
            char *nl = memchr(buf + pos, '\n', end - pos);
            if (!nl) break;
            size_t len = (size_t)(nl - (buf + pos));
            if (ais_stream_line(s, buf + pos, len, &m, &meta)) emit(&out, &m, o, &jo);
            pos += len + 1;
        }
        /* Keep the partial line; cut pathological long lines. */
        size_t rest = end - pos;
        if (eof && rest) {
            if (ais_stream_line(s, buf + pos, rest, &m, &meta)) emit(&out, &m, o, &jo);
            rest = 0;
        } else if (rest > MAX_LINE) {
            if (ais_stream_line(s, buf + pos, MAX_LINE, &m, &meta)) emit(&out, &m, o, &jo);
            /* Drop the remainder of the long line up to its newline. */
            pos = end;
            rest = 0;
            int ch;
            while ((ch = fgetc(in)) != EOF && ch != '\n') {}
            if (ch == EOF) eof = true;
        }
        memmove(buf, buf + pos, rest);
        have = rest;
        if (out.len >= FLUSH_AT) write_ok = flush_out(&out);
    }
    ais_stream_finish(s);
    if (write_ok) write_ok = flush_out(&out);
    int rc = EXIT_OK;
    if (ferror(in)) {
        fprintf(stderr, "seawall ais: read error: %s\n", strerror(errno));
        rc = EXIT_INPUT;
    }
    if (o->stats) print_stats(&s->stats, o->json_stats);
    strbuf_free(&out);
    free(buf);
    free(s);
    if (!write_ok) return EXIT_INPUT;
    return rc;
}

static bool parse_vessels(const char *s, uint32_t *out)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (*s == '\0' || *s == '-') return false;
    if (*end == 'k' || *end == 'K') { v *= 1000; end++; }
    else if (*end == 'm' || *end == 'M') { v *= 1000000; end++; }
    if (*end || v < 1 || v > (1u << 26)) return false;
    *out = (uint32_t)v;
    return true;
}

/* `seawall ais track`: the tracker and integrity checks over files or live feeds. */
static int run_track(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    enum { OPT_MODEL = 0x2000, OPT_EVE, OPT_STORE, OPT_VESSELS, OPT_LAND, OPT_SET };
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS,
        { "model", required_argument, NULL, OPT_MODEL },
        { "eve", required_argument, NULL, OPT_EVE },
        { "store", no_argument, NULL, OPT_STORE },
        { "vessels", required_argument, NULL, OPT_VESSELS },
        { "land", required_argument, NULL, OPT_LAND },
        { "set", required_argument, NULL, OPT_SET },
        { 0, 0, 0, 0 },
    };
    cli_ais_opts o = { 0 };
    /* at most one --set per argument, so argc bounds them */
    const char **sets = calloc((size_t)argc + 1, sizeof *sets);
    if (!sets) {
        fprintf(stderr, "seawall ais: out of memory\n");
        return EXIT_INPUT;
    }
    o.sets = sets;
    int opt, rc;
    optind = 0;
    /* permuting (no '+'): options may follow the sources */
    while ((opt = getopt_long(argc, argv, "vh", opts, NULL)) != -1) {
        int r = cli_common_option(cmd, ctx, opt, optarg, &rc);
        if (r < 0) { free(sets); return rc; }
        if (r > 0) continue;
        switch (opt) {
        case OPT_SET: sets[o.n_sets++] = optarg; break;
        case OPT_MODEL: o.model_path = optarg; break;
        case OPT_EVE: o.eve_path = optarg; break;
        case OPT_STORE: o.store = true; break;
        case OPT_LAND: o.land_path = optarg; break;
        case OPT_VESSELS:
            if (!parse_vessels(optarg, &o.vessels)) {
                free(sets);
                return cli_usage_error(cmd, "--vessels wants a count from 1 to 67M (100k, 1M accepted), got '%s'", optarg);
            }
            break;
        default: free(sets); return cli_usage_error(cmd, "unknown option");
        }
    }
    static const char *const stdin_only[] = { "-" };
    if (optind >= argc) rc = cli_ais_track(cmd, ctx, stdin_only, 1, &o);
    else rc = cli_ais_track(cmd, ctx, (const char *const *)argv + optind, (size_t)(argc - optind), &o);
    free(sets);
    return rc;
}

static int run_ais(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    enum { OPT_FORMAT = 0x2000, OPT_STATS, OPT_SPLIT24 };
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS,
        { "unscaled", no_argument, NULL, 'u' },
        { "format", required_argument, NULL, OPT_FORMAT },
        { "stats", no_argument, NULL, OPT_STATS },
        { "split24", no_argument, NULL, OPT_SPLIT24 },
        { 0, 0, 0, 0 },
    };
    decode_opts o = { .scaled = true };
    int opt, rc;
    optind = 0;
    if (argc < 2 || argv[1][0] == '-') {
        if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
            cli_print_usage(cmd, stdout);
            return EXIT_OK;
        }
        return cli_usage_error(cmd, "missing subcommand (decode or track)");
    }
    if (strcmp(argv[1], "track") == 0) return run_track(cmd, ctx, argc - 1, argv + 1);
    if (strcmp(argv[1], "decode") != 0) return cli_usage_error(cmd, "unknown subcommand '%s'", argv[1]);
    argc--;
    argv++;
    while ((opt = getopt_long(argc, argv, "vhu", opts, NULL)) != -1) {
        int r = cli_common_option(cmd, ctx, opt, optarg, &rc);
        if (r < 0) return rc;
        if (r > 0) continue;
        switch (opt) {
        case 'u': o.scaled = false; break;
        case OPT_FORMAT:
            if (strcmp(optarg, "json") == 0) o.csv = false;
            else if (strcmp(optarg, "csv") == 0) o.csv = true;
            else return cli_usage_error(cmd, "--format must be json or csv, not '%s'", optarg);
            break;
        case OPT_STATS: o.stats = true; break;
        case OPT_SPLIT24: o.split24 = true; break;
        default: return cli_usage_error(cmd, "unknown option");
        }
    }
    o.json_stats = ctx->json;
    if (argc - optind > 1) return cli_usage_error(cmd, "one input file at most");
    const char *path = optind < argc ? argv[optind] : "-";
    FILE *in = stdin;
    if (strcmp(path, "-") != 0) {
        in = fopen(path, "rb");
        if (!in) {
            fprintf(stderr, "seawall ais: cannot open %s: %s\n", path, strerror(errno));
            return EXIT_INPUT;
        }
    }
    rc = decode_file(in, &o);
    if (in != stdin) fclose(in);
    return rc;
}

const cli_command cmd_ais = {
    "ais", "decode AIS (NMEA 0183 AIVDM/AIVDO) feeds; track vessels and check their integrity",
    "Usage: seawall ais decode [FILE|-] [-u] [--format json|csv] [--stats] [--split24]\n"
    "       seawall ais track [SOURCE...] [--model port.yaml] [--eve FILE] [--store [--db PATH]]\n"
    "                         [--vessels N] [--land FILE|none] [--set NAME=VALUE...] [--json]\n\n"
    "Decodes !xxVDM/!xxVDO sentences (any talker; NMEA 4.10 tag blocks, receiver\n"
    "timestamp prefixes, multi-sentence messages) into one JSON object per message\n"
    "with gpsd's field names, as `gpsdecode -j` prints them.\n\n"
    "  -u, --unscaled    raw field values, as `gpsdecode -u -j`\n"
    "  --format FMT      json (default) or csv (gpsdecode -c pipe-separated columns)\n"
    "  --stats           counts of lines, drops by reason and messages by type on\n"
    "                    stderr (JSON with --json)\n"
    "  --split24         also print type 24 part A and part B reports that were not\n"
    "                    paired (gpsdecode prints only paired ones)\n\n"
    "Bad lines are counted and skipped. See docs/ais.md.\n\n"
    "track follows every MMSI (positions, static and voyage data) and runs the\n"
    "integrity checks of docs/rules.md (SW-AIS-*). A SOURCE is a file, '-' (stdin,\n"
    "the default), udp://[HOST]:PORT (listen) or tcp://HOST:PORT (connect, and\n"
    "reconnect with backoff). Time comes from NMEA 4.10 tag blocks (c:) or, on live\n"
    "feeds, the receive clock; files without times skip the time-based checks.\n"
    "Ctrl-C stops a live feed cleanly, with everything flushed.\n\n"
    "  --model FILE      the port's geography: VTS area, land and water, AIS stations\n"
    "  --eve FILE        alerts as ECS JSON lines ('-': stdout; the summary then goes\n"
    "                    to stderr)\n"
    "  --store           write vessels and alerts to the database (--db, SEAWALL_DB,\n"
    "                    ./seawall.db; created when missing); read with\n"
    "                    'seawall vessels' and 'seawall alerts'\n"
    "  --vessels N       vessels tracked at once (default 65536; the least recently\n"
    "                    heard is evicted, and stored first with --store)\n"
    "  --land FILE|none  the world land layer (default: data/land from SEAWALL_DATA\n"
    "                    or next to the program)\n"
    "  --set NAME=VALUE  a check threshold (repeatable), e.g. --set max_speed_kn=45\n"
    "                    --set dark_factor=4; names and defaults in docs/rules.md\n"
    "                    \"AIS integrity\"; or the stored tracks' retention:\n"
    "                    track_keep_days=D (feed time kept behind the newest\n"
    "                    point, default 7) and track_points=N (per vessel,\n"
    "                    default 20160), applied at each write (docs/ais.md)\n"
    "  --json            the summary as one JSON object\n",
    run_ais,
};
