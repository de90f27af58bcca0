/* telnet.c - Telnet (RFC 854/855): option negotiation (WILL, WONT, DO,
 * DONT; subnegotiations skipped) read out of the data, and the login
 * dialogue: the line typed after a "login:" prompt as the user name, the
 * line after "Password:" flagged as a cleartext credential, compared with
 * the vendor defaults as it is typed and never kept (the user it belongs to
 * is the last "login" event's); a vendor default is then judged by what the
 * server does next: a shell prompt took it, a failure word or a new login
 * prompt refused it. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "core/cursor.h"
#include "net/proto/appmeta.h"
#include "net/proto/defcred.h"
#include "net/proto/text.h"

#define TELNET_USER_KEEP 64
#define TELNET_TAIL 12               /* the last server characters, for prompts */
#define TELNET_SB_MAX 4096           /* a longer subnegotiation is not Telnet */

enum { IAC = 255, DONT = 254, DO = 253, WONT = 252, WILL = 251, SB = 250, EL = 248, EC = 247, SE = 240 };

typedef enum telnet_cmd_phase {
    TN_DATA, TN_IAC, TN_OPTION, TN_SB, TN_SB_IAC,
} telnet_cmd_phase;

typedef enum telnet_expect { TN_EXPECT_NONE, TN_EXPECT_USER, TN_EXPECT_PASSWORD } telnet_expect;

typedef struct telnet_half {
    uint8_t phase;
    uint8_t verb;                    /* WILL..DONT waiting for its option */
    uint16_t sb_len;
    bool lost;
} telnet_half;

typedef struct telnet_state {
    telnet_half half[NET_DIR_COUNT];
    uint8_t expect;                  /* what the server last prompted for */
    uint8_t tail_len;
    uint8_t user_len;
    bool typing;                     /* the client has typed part of the awaited line */
    bool password_line;              /* the awaited line is a password */
    char tail[TELNET_TAIL + 1];      /* lower-cased, blanks dropped */
    char user[TELNET_USER_KEEP + 1];
    defcred_stream password;         /* the vendor defaults the typed password still equals */
    const defcred *pending;          /* a vendor default typed, the server's verdict not yet read */
} telnet_state;

/* RFC 1700 / the IANA registry: the options worth a name. */
static const char *option_name(uint8_t opt, char *buf, size_t cap)
{
    switch (opt) {
    case 0: return "binary";
    case 1: return "echo";
    case 3: return "suppress-go-ahead";
    case 5: return "status";
    case 6: return "timing-mark";
    case 24: return "terminal-type";
    case 31: return "naws";
    case 32: return "terminal-speed";
    case 33: return "remote-flow-control";
    case 34: return "linemode";
    case 35: return "x-display-location";
    case 36: return "environment";
    case 37: return "authentication";
    case 38: return "encryption";
    case 39: return "new-environment";
    case 46: return "start-tls";
    default: snprintf(buf, cap, "%u", (unsigned)opt); return buf;
    }
}

static void emit_negotiation(const proto_ctx *ctx, net_dir dir, uint8_t verb, uint8_t opt)
{
    static const char *const verbs[] = { "WILL", "WONT", "DO", "DONT" };
    char num[8];
    net_observation o;
    appmeta_init(&o, "telnet", "negotiation");
    appmeta_add(&o, "telnet.command", verbs[verb - WILL]);
    appmeta_add(&o, "telnet.option", option_name(opt, num, sizeof num));
    proto_emit(ctx, dir, &o);
}

/* The server took a vendor-default password. */
static void default_taken(telnet_state *st, const proto_ctx *ctx)
{
    net_observation o;
    appmeta_init(&o, "telnet", "login_result");
    o.u.meta.default_credential = st->pending;
    o.u.meta.default_accepted = true;
    st->pending = NULL;
    proto_emit(ctx, NET_DIR_TO_CLIENT, &o);
}

/* A server character of text: prompts are found at the end of the text. */
static void server_text(telnet_state *st, uint8_t ch)
{
    if (ch == ' ' || ch == '\t' || ch == 0) return;
    if (st->tail_len == TELNET_TAIL) {
        memmove(st->tail, st->tail + 1, TELNET_TAIL - 1);
        st->tail_len--;
    }
    st->tail[st->tail_len++] = (char)tolower(ch);
    st->tail[st->tail_len] = '\0';
    /* a prompt is the last thing before the server waits: "Last login: Mon" is not one */
    if (!st->typing) st->expect = TN_EXPECT_NONE;
    size_t n = st->tail_len;
#define ENDS(s) (n >= sizeof s - 1 && !memcmp(st->tail + n - (sizeof s - 1), s, sizeof s - 1))
    /* "Login incorrect", "Authentication failed", "Access denied", "Invalid password" */
    if (st->pending && (ENDS("incorrect") || ENDS("failed") || ENDS("failure") || ENDS("denied") || ENDS("invalid")))
        st->pending = NULL;
    if (ch != ':') return;
    if (ENDS("password:") || ENDS("passcode:")) st->expect = TN_EXPECT_PASSWORD;
    else if (ENDS("login:") || ENDS("username:") || ENDS("user:")) st->expect = TN_EXPECT_USER;
#undef ENDS
}

/* The end of a server delivery: the server now waits. Asked to log in
 * again, it refused the default; at a shell prompt, it took it. */
static void server_waits(telnet_state *st, const proto_ctx *ctx)
{
    if (!st->pending || !st->tail_len) return;
    if (st->expect != TN_EXPECT_NONE) { st->pending = NULL; return; }
    if (strchr(">#$%]", st->tail[st->tail_len - 1])) default_taken(st, ctx);
}

static void line_done(telnet_state *st, const proto_ctx *ctx)
{
    if (!st->typing && st->expect == TN_EXPECT_NONE) return;
    net_observation o;
    if (st->password_line) {
        appmeta_init(&o, "telnet", "password");
        o.u.meta.cleartext_credentials = true;       /* what was typed is never kept */
        st->pending = defcred_stream_end(&st->password);
        proto_emit(ctx, NET_DIR_TO_SERVER, &o);
    } else if (st->user_len) {
        appmeta_init(&o, "telnet", "login");
        appmeta_add(&o, "user.name", st->user);
        proto_emit(ctx, NET_DIR_TO_SERVER, &o);
    }
    st->typing = st->password_line = false;
    st->expect = TN_EXPECT_NONE;
}

/* A client character of data while a prompt awaits its answer. */
static void client_text(telnet_state *st, const proto_ctx *ctx, uint8_t ch)
{
    if (ch == '\r' || ch == '\n') {
        if (!st->typing && st->expect == TN_EXPECT_PASSWORD) {   /* Enter alone: the empty password */
            st->typing = st->password_line = true;
            defcred_stream_begin(&st->password, DEFCRED_LOGIN, st->user);
        }
        if (st->typing) line_done(st, ctx);
        return;
    }
    if (ch == 0) return;                             /* the NUL of CR NUL */
    if (!st->typing) {
        /* typing a command with no prompt pending: the login went through */
        if (st->pending && st->expect == TN_EXPECT_NONE) default_taken(st, ctx);
        if (st->expect == TN_EXPECT_NONE) return;
        st->typing = true;
        st->password_line = st->expect == TN_EXPECT_PASSWORD;
        if (st->password_line) defcred_stream_begin(&st->password, DEFCRED_LOGIN, st->user);
        else { st->user_len = 0; st->user[0] = '\0'; }
    }
    if (st->password_line) {
        /* An edited password is not judged: what the server got is unknown. */
        if (ch == 0x08 || ch == 0x7f) defcred_stream_spoil(&st->password);
        else defcred_stream_put(&st->password, ch);
        return;
    }
    if (ch == 0x08 || ch == 0x7f) {                  /* erase: BS or DEL */
        if (st->user_len) st->user[--st->user_len] = '\0';
        return;
    }
    proto_text_put(st->user, &st->user_len, sizeof st->user, ch);
}

static void telnet_feed(telnet_state *st, const proto_ctx *ctx, net_dir dir, const uint8_t *data, size_t len)
{
    telnet_half *h = &st->half[dir];
    cursor in = cursor_make(data, len);
    while (!h->lost && cursor_left(&in) > 0) {
        uint8_t ch = cursor_u8(&in);
        switch (h->phase) {
        case TN_DATA:
            if (ch == IAC) { h->phase = TN_IAC; break; }
            if (dir == NET_DIR_TO_CLIENT) server_text(st, ch);
            else client_text(st, ctx, ch);
            break;
        case TN_IAC:
            if (ch == IAC) {                         /* an escaped 255 is data */
                h->phase = TN_DATA;
                if (dir == NET_DIR_TO_SERVER) client_text(st, ctx, ch);
            } else if (ch >= WILL && ch <= DONT) { h->verb = ch; h->phase = TN_OPTION; }
            else if (ch == SB) { h->sb_len = 0; h->phase = TN_SB; }
            else {                                   /* NOP, GA, IP, AO, AYT, EC, EL, DM, BRK */
                if (dir == NET_DIR_TO_SERVER && (ch == EC || ch == EL)) defcred_stream_spoil(&st->password);
                h->phase = TN_DATA;
            }
            break;
        case TN_OPTION:
            emit_negotiation(ctx, dir, h->verb, ch);
            h->phase = TN_DATA;
            break;
        case TN_SB:
        case TN_SB_IAC:
            if (++h->sb_len > TELNET_SB_MAX) { h->lost = true; break; }
            if (h->phase == TN_SB_IAC) h->phase = ch == SE ? TN_DATA : TN_SB;   /* IAC IAC is data */
            else if (ch == IAC) h->phase = TN_SB_IAC;
            break;
        }
    }
}

static void telnet_parse_to_server(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    telnet_feed(state, ctx, NET_DIR_TO_SERVER, data, len);
}

static void telnet_parse_to_client(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    telnet_feed(state, ctx, NET_DIR_TO_CLIENT, data, len);
    server_waits(state, ctx);
}

static void telnet_end(void *state, const proto_ctx *ctx)
{
    telnet_state *st = state;
    appmeta_default_unanswered(ctx, "telnet", st->pending);
    st->pending = NULL;
}

/* Lost bytes: a command or subnegotiation in progress is abandoned, and so
 * is the login line being typed or the prompt being read. */
static void telnet_gap(void *state, const proto_ctx *ctx, net_dir dir, uint32_t len)
{
    (void)ctx; (void)len;
    telnet_state *st = state;
    st->half[dir].phase = TN_DATA;
    st->typing = st->password_line = false;
    defcred_stream_spoil(&st->password);
    st->expect = TN_EXPECT_NONE;
    st->tail_len = 0;
    st->tail[0] = '\0';
}

/* Telnet opens with option negotiation (IAC WILL/WONT/DO/DONT or SB) from
 * either side; a server that negotiates nothing is not told from text. */
static proto_probe_result telnet_probe(const uint8_t *data, size_t len, net_dir dir)
{
    (void)dir;
    if (len == 0) return PROTO_PROBE_NEED_MORE;
    if (data[0] != IAC) return PROTO_PROBE_NO;
    if (len < 3) return PROTO_PROBE_NEED_MORE;
    if (data[1] < SB || data[1] == IAC) return PROTO_PROBE_NO;
    return PROTO_PROBE_YES;
}

const proto_parser proto_telnet = {
    .name = "telnet",
    .transport = 6,
    .ports = { 23 },
    .state_size = sizeof(telnet_state),
    .probe = telnet_probe,
    .parse_to_server = telnet_parse_to_server,
    .parse_to_client = telnet_parse_to_client,
    .gap = telnet_gap,
    .end = telnet_end,
};
