/* ftp.c - the FTP control connection (RFC 959): each command (USER as the
 * user name, PASS flagged as a cleartext credential, compared with the
 * vendor defaults and never kept, file names of transfers) and each reply
 * code, multi-line replies as one; the 220 greeting as the server's product. */
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include "core/cursor.h"
#include "net/proto/appmeta.h"
#include "net/proto/defcred.h"
#include "net/proto/text.h"

#define FTP_LINE_KEEP 200            /* the part of a line kept; the rest is counted */
#define FTP_LINE_MAX 4096            /* a longer "line" is not FTP control traffic */
#define FTP_USER_KEEP 64

typedef struct ftp_half {
    uint16_t line_len;
    bool in_multiline;               /* between "ddd-" and "ddd " */
    bool lost;                       /* not FTP: stop reading this direction */
    bool greeted;                    /* the server's first reply was seen */
    bool last_cr;                    /* the last byte was a CR */
    char code[4];                    /* of the multi-line reply being read */
    char line[FTP_LINE_KEEP + 1];
} ftp_half;

typedef struct ftp_state {
    ftp_half half[NET_DIR_COUNT];
    char user[FTP_USER_KEEP + 1];    /* the last USER, whom a PASS belongs to */
    const defcred *pending_default;  /* a PASS equal to a vendor default, awaiting the server's answer */
} ftp_state;

/* The commands RFC 959, 2228, 2389, 2428, 3659 and 7151 define. */
static const char *const commands[] = {
    "USER", "PASS", "ACCT", "CWD", "CDUP", "SMNT", "QUIT", "REIN", "PORT", "PASV", "TYPE", "STRU", "MODE",
    "RETR", "STOR", "STOU", "APPE", "ALLO", "REST", "RNFR", "RNTO", "ABOR", "DELE", "RMD", "MKD", "PWD",
    "LIST", "NLST", "SITE", "SYST", "STAT", "HELP", "NOOP", "AUTH", "ADAT", "PROT", "PBSZ", "CCC", "MIC",
    "CONF", "ENC", "FEAT", "OPTS", "EPRT", "EPSV", "LANG", "MDTM", "SIZE", "MLST", "MLSD", "HOST",
    "XCWD", "XCUP", "XMKD", "XRMD", "XPWD",
};

static bool is_command(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strlen(commands[i]) == n && !strncasecmp(w, commands[i], n)) return true;
    return false;
}

/* Commands whose argument names a file on the server. */
static bool names_file(const char *cmd)
{
    static const char *const f[] = { "RETR", "STOR", "STOU", "APPE", "DELE", "RNFR", "RNTO", "SIZE", "MDTM" };
    for (size_t i = 0; i < sizeof f / sizeof *f; i++)
        if (!strcmp(cmd, f[i])) return true;
    return false;
}

/* `whole` is false when the line was longer than what was kept: no
 * password is judged from part of it. */
static void command_line(ftp_state *st, const proto_ctx *ctx, char *l, size_t n, bool whole)
{
    size_t w = 0;
    while (w < n && l[w] != ' ') w++;
    if (w == 0 || w > 4 || !is_command(l, w)) return;   /* Telnet IP/Synch or junk between commands */
    char cmd[5];
    for (size_t i = 0; i < w; i++) cmd[i] = (char)toupper((unsigned char)l[i]);
    cmd[w] = '\0';
    const char *arg = w < n ? l + w + 1 : NULL;
    net_observation o;
    appmeta_init(&o, "ftp", "request");
    appmeta_add(&o, "ftp.command", cmd);
    if (!strcmp(cmd, "USER")) {
        proto_text_copy(st->user, sizeof st->user, arg ? arg : "", arg ? n - w - 1 : 0);
        if (arg) appmeta_add(&o, "user.name", arg);
    } else if (!strcmp(cmd, "PASS")) {
        o.u.meta.cleartext_credentials = true;
        st->pending_default = NULL;      /* "PASS" alone sends an empty password */
        if (whole && st->user[0])
            st->pending_default = defcred_match(DEFCRED_LOGIN, st->user, arg ? arg : "", arg ? n - w - 1 : 0);
        memset(l, 0, n);                 /* the password is never kept, not even in the line buffer */
    } else if (names_file(cmd) && arg) appmeta_add(&o, "ftp.file", arg);
    proto_emit(ctx, NET_DIR_TO_SERVER, &o);
}

static bool reply_code(const char *l, size_t n)
{
    return n >= 3 && l[0] >= '1' && l[0] <= '5' && isdigit((unsigned char)l[1]) && isdigit((unsigned char)l[2]) &&
           (n == 3 || l[3] == ' ' || l[3] == '-');
}

/* RFC 959 4.2: "ddd-" opens a multi-line reply that the first line starting
 * "ddd " with the same code closes; lines between are text. */
static void reply_line(ftp_state *st, ftp_half *h, const proto_ctx *ctx, const char *l, size_t n)
{
    if (h->in_multiline) {
        if (n >= 4 && !memcmp(l, h->code, 3) && l[3] == ' ') h->in_multiline = false;
        return;
    }
    if (!reply_code(l, n)) { if (!h->greeted) h->lost = true; return; }
    memcpy(h->code, l, 3);
    h->code[3] = '\0';
    if (n > 3 && l[3] == '-') h->in_multiline = true;
    const char *text = n > 4 ? l + 4 : "";
    net_observation o;
    appmeta_init(&o, "ftp", "response");
    appmeta_add(&o, "ftp.reply_code", h->code);
    /* The answer to a vendor-default PASS: 230 (logged in) or 202 (no
     * password needed) took it, 4xx/5xx refused it. Other replies may answer
     * commands sent before it (the greeting, a 331 to USER): keep waiting. */
    if (st->pending_default && (!strcmp(h->code, "230") || !strcmp(h->code, "202"))) {
        o.u.meta.default_credential = st->pending_default;
        o.u.meta.default_accepted = true;
        st->pending_default = NULL;
    } else if (h->code[0] == '4' || h->code[0] == '5') st->pending_default = NULL;
    bool banner = !h->greeted && !strcmp(h->code, "220");
    if (banner && *text) appmeta_add(&o, "ftp.banner", text);
    proto_emit(ctx, NET_DIR_TO_CLIENT, &o);
    if (banner && *text) {
        memset(&o, 0, sizeof o);
        o.kind = OBS_IDENTITY;
        o.u.identity.protocol = "ftp";
        o.u.identity.product = text;
        proto_emit(ctx, NET_DIR_TO_CLIENT, &o);
    }
    h->greeted = true;
}

static void ftp_feed(ftp_state *st, const proto_ctx *ctx, net_dir dir, const uint8_t *data, size_t len)
{
    ftp_half *h = &st->half[dir];
    cursor in = cursor_make(data, len);
    while (!h->lost && cursor_left(&in) > 0) {
        uint8_t ch = cursor_u8(&in);
        if (ch != '\n') {
            if (h->line_len < FTP_LINE_KEEP) h->line[h->line_len] = (char)(ch >= 0x20 && ch < 0x7f ? ch : '?');
            if (++h->line_len > FTP_LINE_MAX) h->lost = true;
            h->last_cr = ch == '\r';
            continue;
        }
        /* lines end CRLF (RFC 959); a bare LF is taken too */
        size_t whole = h->line_len - (h->last_cr ? 1u : 0u);
        size_t n = whole < FTP_LINE_KEEP ? whole : FTP_LINE_KEEP;
        h->last_cr = false;
        h->line[n] = '\0';
        h->line_len = 0;
        if (dir == NET_DIR_TO_SERVER) command_line(st, ctx, h->line, n, whole <= FTP_LINE_KEEP);
        else reply_line(st, h, ctx, h->line, n);
    }
}

static void ftp_parse_to_server(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    ftp_feed(state, ctx, NET_DIR_TO_SERVER, data, len);
}

static void ftp_parse_to_client(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    ftp_feed(state, ctx, NET_DIR_TO_CLIENT, data, len);
}

/* The partial line is dropped; the next whole line is read afresh. A
 * multi-line reply that lost its closing line ends at the next line that
 * looks like a reply of its code, as it would anyway. */
static void ftp_gap(void *state, const proto_ctx *ctx, net_dir dir, uint32_t len)
{
    (void)ctx; (void)len;
    ftp_half *h = &((ftp_state *)state)->half[dir];
    h->line_len = 0;
    h->last_cr = false;
    h->in_multiline = false;
    h->greeted = true;               /* a lost greeting is not a reason to stop */
}

static proto_probe_result probe_greeting(const uint8_t *d, size_t len)
{
    static const char code[] = "220";
    size_t k = len < 3 ? len : 3;
    if (memcmp(d, code, k)) return PROTO_PROBE_NO;
    if (len < 4) return PROTO_PROBE_NEED_MORE;
    if (d[3] != ' ' && d[3] != '-') return PROTO_PROBE_NO;
    const uint8_t *eol = memchr(d, '\n', len);
    if (!eol) return len < 512 ? PROTO_PROBE_NEED_MORE : PROTO_PROBE_NO;
    /* SMTP greets with 220 too (RFC 5321 4.2): its greeting names the protocol */
    char line[128];
    proto_text_copy(line, sizeof line, d, (size_t)(eol - d));
    for (char *p = line; *p; p++) *p = (char)toupper((unsigned char)*p);
    if (strstr(line, "SMTP") || strstr(line, " MAIL ")) return PROTO_PROBE_NO;
    return PROTO_PROBE_YES;
}

/* The server's 220 greeting, or a client command such as "USER x\r\n". */
static proto_probe_result ftp_probe(const uint8_t *data, size_t len, net_dir dir)
{
    if (dir == NET_DIR_TO_CLIENT) return probe_greeting(data, len);
    size_t w = 0;
    while (w < len && w < 5 && isalpha(data[w])) w++;
    if (w == len) return len < 5 ? PROTO_PROBE_NEED_MORE : PROTO_PROBE_NO;
    if (w < 3 || w > 4 || (data[w] != ' ' && data[w] != '\r')) return PROTO_PROBE_NO;
    if (!is_command((const char *)data, w)) return PROTO_PROBE_NO;
    const uint8_t *eol = memchr(data, '\n', len);
    if (!eol) return len < 512 ? PROTO_PROBE_NEED_MORE : PROTO_PROBE_NO;
    /* HELP, STAT and friends are shared with other text protocols: only
     * commands peculiar to FTP open a flow from the client side */
    static const char *const firsts[] = { "USER", "AUTH", "FEAT", "SYST", "PASV", "EPSV", "OPTS" };
    for (size_t i = 0; i < sizeof firsts / sizeof *firsts; i++)
        if (w == 4 && !strncasecmp((const char *)data, firsts[i], 4)) return PROTO_PROBE_YES;
    return PROTO_PROBE_NO;
}

/* A vendor-default PASS the server never answered is still reported. */
static void ftp_end(void *state, const proto_ctx *ctx)
{
    ftp_state *st = state;
    appmeta_default_unanswered(ctx, "ftp", st->pending_default);
    st->pending_default = NULL;
}

const proto_parser proto_ftp = {
    .name = "ftp",
    .transport = 6,
    .ports = { 21 },
    .state_size = sizeof(ftp_state),
    .probe = ftp_probe,
    .parse_to_server = ftp_parse_to_server,
    .parse_to_client = ftp_parse_to_client,
    .gap = ftp_gap,
    .end = ftp_end,
};
