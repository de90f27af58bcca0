/* cmd_serve.c - `seawall serve`: the REST API and the embedded web
 * interface over the store, until SIGINT or SIGTERM. First run creates the
 * admin account and prints its one-time password once. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "store/store.h"
#include "web/web.h"
#include "web/web_server.h"

#define PEM_MAX (1u << 20)

/* Reads a whole PEM file; NULL with a message when unreadable or too big. */
static char *read_pem(const cli_command *cmd, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "seawall %s: cannot read %s\n", cmd->name, path);
        return NULL;
    }
    char *buf = malloc(PEM_MAX + 1);
    size_t n = buf ? fread(buf, 1, PEM_MAX + 1, f) : 0;
    fclose(f);
    if (!buf || n == 0 || n > PEM_MAX) {
        fprintf(stderr, "seawall %s: %s is empty or larger than 1 MiB\n", cmd->name, path);
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    return buf;
}

static int run_serve(const cli_command *cmd, cli_ctx *ctx, int argc, char **argv)
{
    enum { OPT_LISTEN = 0x2000, OPT_MODEL, OPT_CERT, OPT_KEY, OPT_THREADS };
    static const struct option opts[] = {
        CLI_COMMON_OPTIONS,
        { "listen", required_argument, NULL, OPT_LISTEN },
        { "model", required_argument, NULL, OPT_MODEL },
        { "tls-cert", required_argument, NULL, OPT_CERT },
        { "tls-key", required_argument, NULL, OPT_KEY },
        { "threads", required_argument, NULL, OPT_THREADS },
        { 0, 0, 0, 0 },
    };
    web_server_opts so = { .listen = "127.0.0.1:8080" };
    const char *model = NULL, *cert = NULL, *key = NULL;
    int opt, rc;
    optind = 0;
    while ((opt = getopt_long(argc, argv, CLI_COMMON_SHORT, opts, NULL)) != -1) {
        switch (opt) {
        case OPT_LISTEN: so.listen = optarg; break;
        case OPT_MODEL: model = optarg; break;
        case OPT_CERT: cert = optarg; break;
        case OPT_KEY: key = optarg; break;
        case OPT_THREADS: {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (!*optarg || *end || v < 1 || v > 14) return cli_usage_error(cmd, "--threads wants 1 to 14, got '%s'", optarg);
            so.threads = (unsigned)v;
            break;
        }
        default:
            if (cli_common_option(cmd, ctx, opt, optarg, &rc) < 0) return rc;
        }
    }
    if (optind < argc) return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    if (!cert != !key) return cli_usage_error(cmd, "--tls-cert and --tls-key go together");
    char addr[128];
    uint16_t port;
    if (!web_parse_listen(so.listen, addr, sizeof addr, &port))
        return cli_usage_error(cmd, "--listen wants ADDRESS:PORT (127.0.0.1:8080, [::1]:8080), got '%s'", so.listen);

    if (model) {
        /* The same load `seawall init` does, so the two cannot differ. */
        const cli_command *init = cli_find_command("init");
        char *iargv[] = { "init", "--db", (char *)ctx->db_path, (char *)model, NULL };
        cli_ctx ictx = *ctx;
        ictx.json = false;
        if (!init || (rc = init->run(init, &ictx, 4, iargv)) != EXIT_OK) return rc ? rc : EXIT_INPUT;
    }

    sw_error err = { 0 };
    store *s = store_open(ctx->db_path, STORE_CREATE, &err);
    if (!s) {
        fprintf(stderr, "seawall %s: %s\n", cmd->name, err.msg);
        return EXIT_INPUT;
    }
    /* The TLS files first: a start that fails on them must not have
     * created the admin and spent its one-time password. */
    if (cert && (!(so.tls_cert_pem = read_pem(cmd, cert)) || !(so.tls_key_pem = read_pem(cmd, key)))) {
        free((char *)so.tls_cert_pem);
        store_close(s);
        return EXIT_INPUT;
    }
    web_config cfg;
    web_config_defaults(&cfg);
    cfg.tls = cert != NULL;
    web_app *app = web_app_new(&cfg, &err);
    bool created = false;
    char pw[32];
    if (!app || web_bootstrap_admin(app, s, &created, pw, sizeof pw, &err)) {
        fprintf(stderr, "seawall %s: %s\n", cmd->name, err.msg);
        store_close(s);
        web_app_free(app);
        free((char *)so.tls_cert_pem);
        free((char *)so.tls_key_pem);
        return EXIT_INPUT;
    }
    store_close(s);
    if (created) {
        printf("seawall serve: created the first account: user 'admin' (role cso)\n"
               "seawall serve: one-time password: %s\n"
               "seawall serve: it is shown only now; it must be changed at first login\n", pw);
        memset(pw, 0, sizeof pw);
    }

    so.db_path = ctx->db_path;

    /* Every thread started from here inherits the blocked signals, so only
     * sigwait below sees SIGINT and SIGTERM. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    web_server *srv = web_server_start(app, &so, &err);
    if (!srv) {
        fprintf(stderr, "seawall %s: %s\n", cmd->name, err.msg);
        free((char *)so.tls_cert_pem);
        free((char *)so.tls_key_pem);
        web_app_free(app);
        return err.code == SW_ERR_USAGE ? EXIT_USAGE : EXIT_INPUT;
    }
    printf("seawall serve: listening on %s://%s%s%s:%u (database %s)\n", cert ? "https" : "http",
           strchr(addr, ':') ? "[" : "", addr, strchr(addr, ':') ? "]" : "", web_server_port(srv), ctx->db_path);
    fflush(stdout);
    int sig = 0;
    sigwait(&stop, &sig);
    printf("seawall serve: %s: stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    web_server_stop(srv);
    printf("seawall serve: stopped\n");
    free((char *)so.tls_cert_pem);
    free((char *)so.tls_key_pem);
    web_app_free(app);
    return EXIT_OK;
}

const cli_command cmd_serve = {
    "serve", "serve the REST API and web interface",
    "Usage: seawall serve [--db PATH] [--listen ADDRESS:PORT] [--model port.yaml]\n"
    "                     [--tls-cert FILE --tls-key FILE] [--threads N]\n"
    "\n"
    "Serves the REST API under /api/v1 (described at /api/openapi.json) and the\n"
    "embedded web interface until SIGINT or SIGTERM.\n"
    "  --listen ADDRESS:PORT  where to listen (default 127.0.0.1:8080; port 0\n"
    "                         picks a free port, printed at start)\n"
    "  --model port.yaml      load the port model first, as 'seawall init' does\n"
    "  --tls-cert, --tls-key  PEM certificate and key: serve HTTPS only\n"
    "  --threads N            worker threads (default 4)\n"
    "The database is created when missing. When it has no user yet, the account\n"
    "'admin' (role cso) is created and its one-time password printed once; it\n"
    "must be changed at first login. See docs/api.md and docs/deployment.md.\n"
    "\n"
    "Exits 0 after a clean stop, 2 on a usage error, 3 when the database, the\n"
    "model or the TLS files cannot be read or the address cannot be bound.\n",
    run_serve,
};
