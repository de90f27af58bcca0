/* cmd_correlate.c - `seawall correlate`: runs the correlation engine over
 * the stored alerts and/or ECS JSON lines files, merged in time order, and
 * stores (or prints) the incident candidates. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli_correlate.h"
#include "cli/cli_store.h"
#include "core/vec.h"
#include "store/store_candidates.h"

/* One input: the database's alerts table or an EVE file, holding its next
 * alert so the sources can be merged oldest first. */
typedef struct source {
    const char *name;
    FILE *f;
    store_alert_iter *it;
    char *line;
    size_t cap;
    uint64_t lineno;
    bool has, done;
    corr_alert next;
} source;

typedef struct run {
    const port_model *m;
    uint64_t malformed, read_errors;
    bool quiet;
} run;

static void source_advance(run *r, source *s)
{
    s->has = false;
    while (!s->done) {
        sw_error err = { 0 };
        const char *text;
        size_t len;
        if (s->it) {
            int64_t id;
            int rc = store_alert_iter_next(s->it, &id, &text, &err);
            if (rc <= 0) {
                if (rc < 0) { fprintf(stderr, "seawall correlate: %s\n", err.msg); r->read_errors++; }
                s->done = true;
                return;
            }
            len = strlen(text);
            s->lineno = (uint64_t)id;
        } else {
            ssize_t n = getline(&s->line, &s->cap, s->f);
            if (n < 0) {
                if (ferror(s->f)) { fprintf(stderr, "seawall correlate: %s: %s\n", s->name, strerror(errno)); r->read_errors++; }
                s->done = true;
                return;
            }
            s->lineno++;
            text = s->line;
            len = (size_t)n;
            while (len && (text[len - 1] == '\n' || text[len - 1] == '\r')) len--;
            size_t i = 0;
            while (i < len && (text[i] == ' ' || text[i] == '\t')) i++;
            if (i == len) continue;                     /* blank lines are not alerts */
        }
        if (corr_alert_from_ecs(text, len, &s->next, &err) != SW_OK) {
            r->malformed++;
            if (s->it) fprintf(stderr, "seawall correlate: %s: alert id %llu: %s (skipped)\n", s->name,
                               (unsigned long long)s->lineno, err.msg);
            else fprintf(stderr, "%s:%llu: %s (skipped)\n", s->name, (unsigned long long)s->lineno, err.msg);
            continue;
        }
        if (s->it) snprintf(s->next.ref, sizeof s->next.ref, "alerts.id %llu", (unsigned long long)s->lineno);
        else snprintf(s->next.ref, sizeof s->next.ref, "%.40s:%llu", s->name, (unsigned long long)s->lineno);
        corr_alert_finish(&s->next, r->m);
        s->has = true;
        return;
    }
}

typedef struct sink {
    const corr_engine *e;
    store *db;
    bool print_json, print_table, failed;
    uint64_t stored;
    strbuf doc, text;
    cli_table table;
    strbuf out;
    json_writer w;
    size_t printed;
    sw_error err;
} sink;

void cli_candidate_record(const corr_engine *e, const corr_candidate *c, strbuf *doc, strbuf *text,
                          store_candidate_rec *rec, corr_summary *sum)
{
    static const char *const sev[] = { "low", "medium", "high", "critical" };
    corr_candidate_summary(e, c, sum);
    strbuf_reset(doc);
    corr_candidate_json(e, c, doc);
    /* the text columns, NUL separated in one buffer */
    strbuf_reset(text);
    size_t at_domains = 0, at_tactics, at_assets, at_expl;
    bool first = true;
    for (int d = 0; d < CORR_DOMAIN__COUNT; d++)
        if (sum->domains & (1u << d)) {
            if (!first) strbuf_puts(text, ", ");
            strbuf_puts(text, corr_domain_name((corr_domain)d));
            first = false;
        }
    strbuf_putc(text, '\0');
    at_tactics = text->len;
    corr_tactics_text(sum->tactics, text);
    strbuf_putc(text, '\0');
    at_assets = text->len;
    corr_candidate_assets_text(e, c, text);
    strbuf_putc(text, '\0');
    at_expl = text->len;
    corr_candidate_explanation_text(e, c, text);
    strbuf_putc(text, '\0');
    *rec = (store_candidate_rec){
        .id = sum->id, .first_ts = sum->first, .last_ts = sum->last, .score = (int)sum->score,
        .severity = sev[sum->severity & 3], .domains = text->data + at_domains, .tactics = text->data + at_tactics,
        .assets = text->data + at_assets, .explanation = text->data + at_expl, .doc = strbuf_cstr(doc),
    };
}

static void on_candidate(void *user, const corr_engine *e, const corr_candidate *c, corr_emit kind)
{
    sink *k = user;
    if (kind != CORR_EMIT_FINAL || k->failed) return;
    store_candidate_rec rec;
    corr_summary sum;
    cli_candidate_record(e, c, &k->doc, &k->text, &rec, &sum);
    if (k->db) {
        if (store_candidate_put(k->db, &rec, &k->err) != SW_OK) k->failed = true;
        else k->stored++;
    }
    if (k->print_json) {
        if (k->printed++) strbuf_putc(&k->out, ',');
        strbuf_puts(&k->out, rec.doc);
        fputs(strbuf_cstr(&k->out), stdout);
        strbuf_reset(&k->out);
    }
    if (k->print_table) {
        char score[12], alerts[12], first[SW_TIME_STR_MAX];
        snprintf(score, sizeof score, "%u", sum.score);
        snprintf(alerts, sizeof alerts, "%u", sum.alerts);
        time_fmt_rfc3339(sum.first, 0, first);
        const char *nl = strchr(rec.explanation, '\n');
        char why[400];
        snprintf(why, sizeof why, "%.*s", nl ? (int)(nl - rec.explanation) : (int)strlen(rec.explanation),
                 rec.explanation);
        const char *cells[] = { score, rec.id, first, alerts, rec.domains, rec.tactics, rec.assets, why };
        cli_table_row(&k->table, cells);
    }
}

static bool parse_count(const char *s, uint32_t *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (!*s || *end || errno || v == 0 || v > 1u << 30 || *s == '-') return false;
    *out = (uint32_t)v;
    return true;
}

/* The model the database was last loaded from, when --model is not given. */
static char *stored_model_path(store *db)
{
    sw_error err = { 0 };
    char *path = NULL;
    if (store_last_model_path(db, &path, &err) != SW_OK)
        fprintf(stderr, "seawall correlate: %s\n", err.msg);
    return path;
}

static int run_correlate(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    enum { OPT_EVE = 0x2000, OPT_MODEL, OPT_WINDOW, OPT_REORDER, OPT_MIN_RULES, OPT_GROUPS, OPT_ENTITIES,
           OPT_EVIDENCE, OPT_NO_STORED };
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS,
        { "eve", required_argument, NULL, OPT_EVE },
        { "model", required_argument, NULL, OPT_MODEL },
        { "window", required_argument, NULL, OPT_WINDOW },
        { "reorder", required_argument, NULL, OPT_REORDER },
        { "min-rules", required_argument, NULL, OPT_MIN_RULES },
        { "groups", required_argument, NULL, OPT_GROUPS },
        { "entities", required_argument, NULL, OPT_ENTITIES },
        { "evidence", required_argument, NULL, OPT_EVIDENCE },
        { "no-stored", no_argument, NULL, OPT_NO_STORED },
        { 0, 0, 0, 0 },
    };
    corr_config cfg;
    corr_config_default(&cfg);
    const char *files[64];
    size_t n_files = 0;
    const char *model_path = NULL;
    bool db_given = getenv("SEAWALL_DB") != NULL, no_stored = false;
    int opt, rc;
    optind = 0;
    while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1) {
        switch (opt) {
        case OPT_EVE:
            if (n_files == sizeof files / sizeof *files) return cli_usage_error(cmd, "at most 64 --eve files");
            files[n_files++] = optarg;
            break;
        case OPT_MODEL: model_path = optarg; break;
        case OPT_WINDOW:
            if (!duration_parse(optarg, &cfg.window)) return cli_usage_error(cmd, "--window wants a duration (30m), got '%s'", optarg);
            break;
        case OPT_REORDER:
            if (!duration_parse(optarg, &cfg.reorder)) return cli_usage_error(cmd, "--reorder wants a duration (2m), got '%s'", optarg);
            break;
        case OPT_MIN_RULES:
            if (!parse_count(optarg, &cfg.min_rules)) return cli_usage_error(cmd, "--min-rules wants a positive count, got '%s'", optarg);
            break;
        case OPT_GROUPS:
            if (!parse_count(optarg, &cfg.groups) || cfg.groups < 16) return cli_usage_error(cmd, "--groups wants 16..2^30, got '%s'", optarg);
            break;
        case OPT_ENTITIES:
            if (!parse_count(optarg, &cfg.entities) || cfg.entities < 64) return cli_usage_error(cmd, "--entities wants 64..2^30, got '%s'", optarg);
            break;
        case OPT_EVIDENCE:
            if (!parse_count(optarg, &cfg.evidence) || cfg.evidence < 16) return cli_usage_error(cmd, "--evidence wants 16..2^30, got '%s'", optarg);
            break;
        case OPT_NO_STORED: no_stored = true; break;
        case CLI_OPT_DB: db_given = true; /* fall through */
        default:
            if (cli_common_option(cmd, ctx, opt, optarg, &rc) < 0) return rc;
        }
    }
    if (optind < argc) return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    if (!n_files && no_stored) return cli_usage_error(cmd, "--no-stored leaves nothing to correlate without --eve");
    /* With only --eve files the candidates are printed; a database named (or
     * needed for stored alerts) also receives them. */
    bool use_db = db_given || !n_files;
    store *db = NULL;
    if (use_db && !(db = cli_open_model_store(cmd, ctx, &rc))) return rc;

    char *stored_path = NULL;
    if (!model_path && db) model_path = stored_path = stored_model_path(db);
    port_model *m = NULL;
    if (model_path) {
        diag_list diags;
        diag_init(&diags, model_path);
        m = model_load_file(model_path, &diags);
        if (!m || diags.errors) {
            diag_print(&diags, stderr);
            fprintf(stderr, "seawall correlate: %s %s\n", model_path,
                    m ? "has errors; fix them first ('seawall check')" : "cannot be read");
            int code = m ? EXIT_FINDINGS : EXIT_INPUT;
            diag_free(&diags);
            model_free(m);
            free(stored_path);
            store_close(db);
            return code;
        }
        diag_free(&diags);
    } else {
        fprintf(stderr, "seawall correlate: no port model (--model): linking by shared entities only, "
                        "without zones, assets or the attack graph\n");
    }

    source src[65];
    size_t n_src = 0;
    memset(src, 0, sizeof src);
    run r = { .m = m };
    rc = EXIT_OK;
    sw_error err = { 0 };
    if (db && !no_stored) {
        src[n_src].name = store_path(db);
        if (!(src[n_src].it = store_alert_iter_open(db, &err))) {
            fprintf(stderr, "seawall correlate: %s\n", err.msg);
            rc = EXIT_INPUT;
        } else n_src++;
    }
    for (size_t i = 0; i < n_files && rc == EXIT_OK; i++) {
        FILE *f = strcmp(files[i], "-") ? fopen(files[i], "r") : stdin;
        if (!f) {
            fprintf(stderr, "seawall correlate: %s: %s\n", files[i], strerror(errno));
            rc = EXIT_INPUT;
            break;
        }
        src[n_src].name = files[i];
        src[n_src++].f = f;
    }

    sink k = { .db = db, .print_json = ctx->json, .print_table = !ctx->json };
    strbuf_init(&k.doc);
    strbuf_init(&k.text);
    strbuf_init(&k.out);
    static const char *const headers[] = { "SCORE", "ID", "FIRST", "ALERTS", "DOMAINS", "TACTICS", "ASSETS", "WHY (first link)" };
    cli_table_init(&k.table, 8, headers);
    corr_engine *e = NULL;
    if (rc == EXIT_OK && !(e = corr_create(m, &cfg, on_candidate, &k, &err))) {
        fprintf(stderr, "seawall correlate: %s\n", err.msg);
        rc = err.code == SW_ERR_USAGE ? EXIT_USAGE : EXIT_INPUT;
    }
    if (rc == EXIT_OK && db && store_begin(db, &err) != SW_OK) {
        fprintf(stderr, "seawall correlate: %s\n", err.msg);
        rc = EXIT_INPUT;
    }
    if (rc == EXIT_OK && db && store_candidates_clear(db, &err) != SW_OK) {
        fprintf(stderr, "seawall correlate: %s\n", err.msg);
        rc = EXIT_INPUT;
    }
    if (rc == EXIT_OK) {
        if (ctx->json) fputs("{\"candidates\":[", stdout);
        for (size_t i = 0; i < n_src; i++) source_advance(&r, &src[i]);
        for (;;) {
            source *best = NULL;
            for (size_t i = 0; i < n_src; i++)
                if (src[i].has && (!best || src[i].next.ts < best->next.ts ||
                                   (src[i].next.ts == best->next.ts && src[i].next.key < best->next.key)))
                    best = &src[i];
            if (!best) break;
            corr_add(e, &best->next);
            source_advance(&r, best);
        }
        corr_flush(e);
        if (k.failed) {
            fprintf(stderr, "seawall correlate: storing candidates: %s\n", k.err.msg);
            rc = EXIT_INPUT;
        }
        if (db && rc == EXIT_OK && store_commit(db, &err) != SW_OK) {
            fprintf(stderr, "seawall correlate: %s\n", err.msg);
            rc = EXIT_INPUT;
        }
        if (r.read_errors) rc = EXIT_INPUT;
        const corr_stats *st = corr_get_stats(e);
        if (ctx->json) {
            printf("],\"stats\":{\"alerts\":%llu,\"malformed\":%llu,\"duplicates\":%llu,\"late\":%llu,"
                   "\"candidates\":%llu,\"merges\":%llu,\"group_evictions\":%llu,\"entity_evictions\":%llu,"
                   "\"evidence_not_kept\":%llu,\"memory\":%zu,\"stored\":%llu}}\n",
                   (unsigned long long)st->alerts, (unsigned long long)r.malformed, (unsigned long long)st->duplicates,
                   (unsigned long long)st->late, (unsigned long long)st->candidates, (unsigned long long)st->merges,
                   (unsigned long long)st->group_evictions, (unsigned long long)st->entity_evictions,
                   (unsigned long long)st->evidence_dropped, st->memory, (unsigned long long)k.stored);
        } else {
            if (k.table.nrows) cli_table_print(&k.table, stdout);
            fprintf(stderr,
                    "seawall correlate: %llu alerts (%llu malformed lines skipped, %llu duplicates) -> %llu "
                    "candidates%s%s; %llu merges, %llu groups and %llu entities evicted, %llu evidence not kept\n",
                    (unsigned long long)st->alerts, (unsigned long long)r.malformed,
                    (unsigned long long)st->duplicates, (unsigned long long)st->candidates,
                    db ? ", stored in " : "", db ? store_path(db) : "", (unsigned long long)st->merges,
                    (unsigned long long)st->group_evictions, (unsigned long long)st->entity_evictions,
                    (unsigned long long)st->evidence_dropped);
        }
    }
    if (db && rc != EXIT_OK) store_rollback(db);
    corr_destroy(e);
    for (size_t i = 0; i < n_src; i++) {
        if (src[i].f && src[i].f != stdin) fclose(src[i].f);
        store_alert_iter_close(src[i].it);
        free(src[i].line);
    }
    cli_table_free(&k.table);
    strbuf_free(&k.doc);
    strbuf_free(&k.text);
    strbuf_free(&k.out);
    model_free(m);
    free(stored_path);
    store_close(db);
    return rc;
}

const cli_command cmd_correlate = {
    "correlate", "join alerts from every domain into incident candidates",
    "Usage: seawall correlate [--db PATH] [--eve FILE]... [--model port.yaml] [--json]\n"
    "                         [--window 30m] [--reorder 2m] [--min-rules N]\n"
    "                         [--groups N] [--entities N] [--evidence N] [--no-stored]\n"
    "\n"
    "Runs the correlation engine (docs/correlate.md) over the alerts stored in\n"
    "the database and over ECS JSON lines files (network, AIS and physical\n"
    "alerts from 'seawall sense --eve', or a SIEM export keeping the ECS names),\n"
    "merged oldest first. Alerts that share an asset, address, MAC, person or\n"
    "MMSI, pivot through a host, advance along the conduits toward a crown\n"
    "jewel, or meet across domains in one zone, inside the window, become one\n"
    "incident candidate with a score, its ATT&CK for ICS tactics, evidence,\n"
    "assets at stake and a sentence for every link.\n"
    "\n"
    "With --db (or no --eve) the candidates replace the stored ones ('seawall\n"
    "incidents --candidates' lists them); with only --eve they are printed.\n"
    "  --model FILE     the port model (default: the one the database was last\n"
    "                   loaded from); without one, only shared entities link\n"
    "  --window D       link alerts this close; close candidates this long after\n"
    "                   their last alert (30m)\n"
    "  --reorder D      put alerts arriving up to D late back in order (2m)\n"
    "  --min-rules N    distinct rules a candidate needs (2); two domains also do\n"
    "  --groups N, --entities N, --evidence N   table sizes (32768, 131072, 131072)\n"
    "  --no-stored      ignore the database's alerts; only store the result\n"
    "A malformed line is reported as FILE:LINE and skipped.\n"
    "\n"
    "Exits 0 when done, 1 when the model has errors or the database has no\n"
    "model, 2 on a bad option, 3 when an input cannot be read or written.\n",
    run_correlate,
};
