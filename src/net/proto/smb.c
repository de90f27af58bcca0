/* smb.c - SMB over TCP 445 and NetBIOS session service 139 (RFC 1002 4.3,
 * MS-SMB2 2.1, MS-CIFS): SMB1 and SMB2/3 commands counted as events,
 * dialects, NTLMSSP user/domain/workstation, the server's NetBIOS name from
 * the challenge, tree connect shares and create file names. Each PDU's head
 * is kept in a small buffer; strings beyond it are captured as they pass. */
#include <stdio.h>
#include <string.h>
#include "core/cursor.h"
#include "net/proto/appmeta.h"
#include "net/proto/netbios.h"

#define SMB_PORT 445
#define NBSS_PORT 139
#define SMB_HEAD_MAX 192         /* the kept head of each SMB PDU */
#define SMB_POOL 160             /* bytes of strings captured beyond the head */
#define SMB_RANGES 3
#define SMB_DIALECTS_MAX 12      /* SMB1 negotiate dialects remembered */
#define SMB_TEXT 96
#define SMB2_HEADER 64
#define SMB1_HEADER 32

enum { NBSS_MESSAGE = 0x00, NBSS_REQUEST = 0x81, NBSS_POSITIVE = 0x82, NBSS_NEGATIVE = 0x83,
       NBSS_RETARGET = 0x84, NBSS_KEEPALIVE = 0x85 };
enum { PDU_NONE, PDU_SMB1, PDU_SMB2, PDU_TRANSFORM, PDU_COMPRESSED, PDU_SESSION_REQUEST, PDU_OTHER };
/* What the captured ranges hold. */
enum { CAP_NONE, CAP_NTLM_AUTH, CAP_NTLM_CHALLENGE, CAP_PATH, CAP_FILE };
enum { R_DOMAIN, R_USER, R_HOST };

typedef struct smb_range {
    uint32_t start;              /* offset in the PDU */
    uint16_t len, at, got;       /* bytes wanted, where in the pool, bytes captured */
} smb_range;

typedef struct smb_half {
    uint8_t nbh[4];
    uint8_t nbh_fill;
    uint8_t nb_type;
    bool in_msg, lost, head_done, damaged;
    uint8_t pdu_kind, capture;
    uint32_t msg_left;           /* bytes of the NetBIOS message still to come */
    uint32_t pdu_pos, pdu_len;   /* within the current SMB PDU (compounds split a message) */
    uint16_t head_fill;
    uint8_t head[SMB_HEAD_MAX];
    uint8_t n_ranges;
    smb_range ranges[SMB_RANGES];
    uint8_t pool[SMB_POOL];
} smb_half;

typedef struct smb_state {
    smb_half half[NET_DIR_COUNT];
    uint8_t dialects[SMB_DIALECTS_MAX];  /* SMB1 negotiate request: indexes into smb1_dialect_names */
    uint8_t n_dialects;
    bool plaintext_passwords;    /* SMB1 server did not ask for encrypted passwords */
} smb_state;

static const char *const smb1_dialect_names[] = {
    "other", "PC NETWORK PROGRAM 1.0", "MICROSOFT NETWORKS 1.03", "MICROSOFT NETWORKS 3.0", "LANMAN1.0",
    "LM1.2X002", "DOS LANMAN2.1", "LANMAN2.1", "Samba", "NT LANMAN 1.0", "NT LM 0.12", "SMB 2.002", "SMB 2.???",
};

static const char *smb2_command_name(uint16_t cmd)
{
    static const char *const names[] = { "negotiate", "session_setup", "logoff", "tree_connect", "tree_disconnect",
                                         "create", "close", "flush", "read", "write", "lock", "ioctl", "cancel",
                                         "echo", "query_directory", "change_notify", "query_info", "set_info",
                                         "oplock_break", "server_to_client_notification" };
    return cmd < sizeof names / sizeof names[0] ? names[cmd] : "unknown";
}

static const char *smb1_command_name(uint8_t cmd)
{
    switch (cmd) {
    case 0x04: return "smb1_close";
    case 0x06: return "smb1_delete";
    case 0x07: return "smb1_rename";
    case 0x24: return "smb1_locking_andx";
    case 0x25: return "smb1_trans";
    case 0x2b: return "smb1_echo";
    case 0x2d: return "smb1_open_andx";
    case 0x2e: return "smb1_read_andx";
    case 0x2f: return "smb1_write_andx";
    case 0x32: return "smb1_trans2";
    case 0x34: return "smb1_find_close2";
    case 0x71: return "smb1_tree_disconnect";
    case 0x72: return "smb1_negotiate";
    case 0x73: return "smb1_session_setup_andx";
    case 0x74: return "smb1_logoff_andx";
    case 0x75: return "smb1_tree_connect_andx";
    case 0xa0: return "smb1_nt_trans";
    case 0xa2: return "smb1_nt_create_andx";
    case 0xa4: return "smb1_nt_cancel";
    default: return "smb1_other";
    }
}

/* SMB2 dialect revision as MS-SMB2 2.2.3 names it. */
static const char *smb2_dialect_name(uint16_t d, char *buf, size_t cap)
{
    switch (d) {
    case 0x0202: return "2.0.2";
    case 0x0210: return "2.1";
    case 0x0222: return "2.2.2";
    case 0x0224: return "2.2.4";
    case 0x0300: return "3.0";
    case 0x0302: return "3.0.2";
    case 0x0310: return "3.1";
    case 0x0311: return "3.1.1";
    case 0x02ff: return "2.???";
    default: snprintf(buf, cap, "0x%04x", d); return buf;
    }
}

static uint16_t le16_at(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t le32_at(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }

/* UTF-16LE (or ASCII) into printable ASCII, stopping at a NUL. */
static void text_of(const uint8_t *p, size_t n, bool utf16, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; utf16 ? i + 1 < n : i < n; i += utf16 ? 2 : 1) {
        unsigned ch = utf16 ? le16_at(p + i) : p[i];
        if (ch == 0) break;
        if (k + 1 < cap) out[k++] = ch >= 0x20 && ch < 0x7f ? (char)ch : '?';
    }
    out[k] = '\0';
}

static size_t find_bytes(const uint8_t *h, size_t n, const uint8_t *pat, size_t pn, size_t from)
{
    for (size_t i = from; i + pn <= n; i++)
        if (!memcmp(h + i, pat, pn)) return i;
    return SIZE_MAX;
}

static const uint8_t ntlmssp_sig[8] = { 'N', 'T', 'L', 'M', 'S', 'S', 'P', 0 };
static const uint8_t krb5_oid[9] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02 };

/* Asks for `len` bytes at PDU offset `start` (capped to what the pool has
 * left); bytes already in the head are copied now. */
static void want_range(smb_half *h, uint32_t start, uint32_t len)
{
    if (h->n_ranges == SMB_RANGES) return;
    uint16_t used = 0;
    for (uint8_t i = 0; i < h->n_ranges; i++) used = (uint16_t)(used + h->ranges[i].len);
    uint32_t room = SMB_POOL - used;
    if (len > room) len = room;
    smb_range *r = &h->ranges[h->n_ranges++];
    r->start = start;
    r->len = (uint16_t)len;
    r->at = used;
    r->got = 0;
    if (start < h->head_fill) {
        uint32_t n = h->head_fill - start < len ? h->head_fill - start : len;
        memcpy(h->pool + r->at, h->head + start, n);
        r->got = (uint16_t)n;
    }
}

/* NTLMSSP in a session setup blob: where its strings lie (MS-NLMP 2.2.1). */
static void plan_ntlmssp(smb_half *h, size_t from)
{
    size_t at = find_bytes(h->head, h->head_fill, ntlmssp_sig, sizeof ntlmssp_sig, from);
    if (at == SIZE_MAX || at + 12 > h->head_fill) return;
    uint32_t type = le32_at(h->head + at + 8);
    if (type == 3 && at + 52 <= h->head_fill) {
        h->capture = CAP_NTLM_AUTH;
        static const uint8_t fields[3] = { 28, 36, 44 };       /* domain, user, workstation */
        static const uint16_t caps[3] = { 48, 64, 48 };
        for (int i = 0; i < 3; i++) {
            const uint8_t *f = h->head + at + fields[i];
            uint16_t len = le16_at(f);
            uint32_t off = le32_at(f + 4);
            want_range(h, (uint32_t)at + off, len < caps[i] ? len : caps[i]);
        }
    } else if (type == 2 && at + 48 <= h->head_fill) {
        h->capture = CAP_NTLM_CHALLENGE;
        const uint8_t *f = h->head + at + 40;                   /* target info */
        want_range(h, (uint32_t)at + le32_at(f + 4), le16_at(f));
    }
}

/* The head of a PDU is in: decide what to capture beyond it. */
static void plan_captures(smb_state *st, smb_half *h)
{
    const uint8_t *p = h->head;
    size_t n = h->head_fill;
    h->capture = CAP_NONE;
    h->n_ranges = 0;
    if (h->pdu_kind == PDU_SMB2 && n >= SMB2_HEADER + 8) {
        uint16_t cmd = le16_at(p + 12);
        bool response = le32_at(p + 16) & 1;
        const uint8_t *b = p + SMB2_HEADER;
        if (cmd == 1 && n >= SMB2_HEADER + 24) plan_ntlmssp(h, SMB2_HEADER);
        else if (cmd == 3 && !response) { h->capture = CAP_PATH; want_range(h, le16_at(b + 4), le16_at(b + 6)); }
        else if (cmd == 5 && !response && n >= SMB2_HEADER + 48 && le16_at(b + 46)) {
            h->capture = CAP_FILE;
            want_range(h, le16_at(b + 44), le16_at(b + 46));
        }
    } else if (h->pdu_kind == PDU_SMB1 && n >= SMB1_HEADER + 1) {
        uint8_t cmd = p[4], wc = p[SMB1_HEADER];
        bool response = p[9] & 0x80, unicode = le16_at(p + 10) & 0x8000;
        size_t bytes = SMB1_HEADER + 1 + (size_t)wc * 2 + 2;
        if (cmd == 0x73 && wc == 12 && !response) plan_ntlmssp(h, bytes);
        else if (cmd == 0x73 && wc == 4 && response) plan_ntlmssp(h, bytes);
        else if (cmd == 0x75 && wc == 4 && !response && n >= SMB1_HEADER + 9) {
            size_t at = bytes + le16_at(p + SMB1_HEADER + 1 + 6);  /* after the password */
            if (unicode && (at & 1)) at++;
            h->capture = CAP_PATH;
            want_range(h, (uint32_t)at, SMB_POOL);
        }
    }
    (void)st;
}

static void emit_name_identity(const proto_ctx *ctx, net_dir dir, const char *name)
{
    if (!name || !name[0]) return;
    net_observation o;
    memset(&o, 0, sizeof o);
    o.kind = OBS_IDENTITY;
    o.u.identity.protocol = "smb";
    o.u.identity.name = name;
    proto_emit(ctx, dir, &o);
}

/* MsvAvNbComputerName (1) and MsvAvNbDomainName (2) from target info. */
static void target_info(const uint8_t *p, size_t n, char *computer, char *domain, size_t cap)
{
    cursor c = cursor_make(p, n);
    computer[0] = domain[0] = '\0';
    while (cursor_left(&c) >= 4) {
        uint16_t id = cursor_le16(&c), len = cursor_le16(&c);
        if (id == 0 || !cursor_has(&c, len)) break;
        if (id == 1) text_of(cursor_ptr(&c), len, true, computer, cap);
        else if (id == 2) text_of(cursor_ptr(&c), len, true, domain, cap);
        cursor_skip(&c, len);
    }
}

static const uint8_t *range_bytes(const smb_half *h, int i, size_t *n)
{
    if (i >= h->n_ranges) { *n = 0; return h->pool; }
    *n = h->ranges[i].got;
    return h->pool + h->ranges[i].at;
}

/* Adds the captured strings to o (texts must outlive the emit). */
static void add_captures(const proto_ctx *ctx, net_dir dir, smb_half *h, net_observation *o,
                         char text[SMB_RANGES][SMB_TEXT], bool utf16)
{
    size_t n;
    const uint8_t *b;
    switch (h->capture) {
    case CAP_NTLM_AUTH:
        for (int i = 0; i < 3; i++) { b = range_bytes(h, i, &n); text_of(b, n, true, text[i], SMB_TEXT); }
        if (text[R_USER][0]) appmeta_add(o, "user.name", text[R_USER]);
        if (text[R_DOMAIN][0]) appmeta_add(o, "smb.domain", text[R_DOMAIN]);
        if (text[R_HOST][0]) appmeta_add(o, "netbios.name", text[R_HOST]);
        appmeta_add(o, "smb.auth", "ntlmssp");
        break;
    case CAP_NTLM_CHALLENGE:
        b = range_bytes(h, 0, &n);
        target_info(b, n, text[0], text[1], SMB_TEXT);
        if (text[0][0]) appmeta_add(o, "netbios.name", text[0]);
        if (text[1][0]) appmeta_add(o, "smb.domain", text[1]);
        break;
    case CAP_PATH:
        b = range_bytes(h, 0, &n);
        text_of(b, n, utf16, text[0], SMB_TEXT);
        if (text[0][0]) appmeta_add(o, "smb.share", text[0]);
        break;
    case CAP_FILE:
        b = range_bytes(h, 0, &n);
        text_of(b, n, true, text[0], SMB_TEXT);
        if (text[0][0]) appmeta_add(o, "smb.file", text[0]);
        break;
    default: break;
    }
    (void)ctx; (void)dir;
}

static void finish_smb2(smb_state *st, smb_half *h, const proto_ctx *ctx, net_dir dir)
{
    const uint8_t *p = h->head, *b = p + SMB2_HEADER;
    size_t n = h->head_fill;
    if (n < SMB2_HEADER) return;
    uint16_t cmd = le16_at(p + 12);
    uint32_t status = le32_at(p + 8);
    bool response = le32_at(p + 16) & 1;
    char text[SMB_RANGES][SMB_TEXT], dialects[SMB_TEXT], status_text[12], dbuf[8];
    net_observation o;
    if (!response) {
        appmeta_init(&o, "smb", smb2_command_name(cmd));
        appmeta_add(&o, "smb.version", "2");
        if (cmd == 0 && n >= SMB2_HEADER + 36) {
            uint16_t count = le16_at(b + 2);
            size_t k = 0;
            dialects[0] = '\0';
            for (uint16_t i = 0; i < count && SMB2_HEADER + 36 + 2u * i + 2 <= n; i++) {
                const char *d = smb2_dialect_name(le16_at(b + 36 + 2 * i), dbuf, sizeof dbuf);
                int w = snprintf(dialects + k, sizeof dialects - k, "%s%s", k ? "," : "", d);
                if (w < 0 || (size_t)w >= sizeof dialects - k) break;
                k += (size_t)w;
            }
            if (k) appmeta_add(&o, "smb.dialects", dialects);
        }
        if (cmd == 1 && find_bytes(p, n, krb5_oid, sizeof krb5_oid, SMB2_HEADER) != SIZE_MAX && h->capture == CAP_NONE)
            appmeta_add(&o, "smb.auth", "kerberos");
        add_captures(ctx, dir, h, &o, text, true);
        if (h->damaged) appmeta_add(&o, "smb.truncated", "true");
        proto_emit(ctx, dir, &o);
        if (h->capture == CAP_NTLM_AUTH) emit_name_identity(ctx, dir, text[R_HOST]);
        return;
    }
    if (cmd > 3 || cmd == 2) return;           /* responses: negotiate, session setup, tree connect */
    static const char *const events[] = { "negotiate_response", "session_setup_response", NULL, "tree_connect_response" };
    appmeta_init(&o, "smb", events[cmd]);
    appmeta_add(&o, "smb.version", "2");
    if (status) {
        snprintf(status_text, sizeof status_text, "0x%08x", status);
        appmeta_add(&o, "smb.status", status_text);
    }
    if (cmd == 0 && n >= SMB2_HEADER + 6 && !status) appmeta_add(&o, "smb.dialect", smb2_dialect_name(le16_at(b + 4), dbuf, sizeof dbuf));
    add_captures(ctx, dir, h, &o, text, true);
    proto_emit(ctx, dir, &o);
    if (h->capture == CAP_NTLM_CHALLENGE) emit_name_identity(ctx, dir, text[0]);
    (void)st;
}

static uint8_t smb1_dialect_code(const char *s, size_t n)
{
    for (uint8_t i = 1; i < sizeof smb1_dialect_names / sizeof smb1_dialect_names[0]; i++)
        if (strlen(smb1_dialect_names[i]) == n && !memcmp(s, smb1_dialect_names[i], n)) return i;
    return 0;
}

static void finish_smb1(smb_state *st, smb_half *h, const proto_ctx *ctx, net_dir dir)
{
    const uint8_t *p = h->head;
    size_t n = h->head_fill;
    if (n < SMB1_HEADER + 1) return;
    uint8_t cmd = p[4], wc = p[SMB1_HEADER];
    uint32_t status = le32_at(p + 5);
    bool response = p[9] & 0x80, unicode = le16_at(p + 10) & 0x8000;
    size_t words = SMB1_HEADER + 1, bytes = words + (size_t)wc * 2 + 2;
    char text[SMB_RANGES][SMB_TEXT], dialects[SMB_TEXT], status_text[12];
    net_observation o;
    if (!response) {
        appmeta_init(&o, "smb", smb1_command_name(cmd));
        appmeta_add(&o, "smb.version", "1");
        if (cmd == 0x72 && bytes <= n) {
            /* the dialect strings, each 0x02 then NUL-terminated */
            size_t k = 0, i = bytes;
            st->n_dialects = 0;
            dialects[0] = '\0';
            while (i < n && p[i] == 0x02) {
                size_t s = i + 1, e = s;
                while (e < n && p[e]) e++;
                if (e == n) break;
                if (st->n_dialects < SMB_DIALECTS_MAX) st->dialects[st->n_dialects++] = smb1_dialect_code((const char *)p + s, e - s);
                int w = snprintf(dialects + k, sizeof dialects - k, "%s%.*s", k ? "," : "", (int)(e - s), (const char *)p + s);
                if (w > 0 && (size_t)w < sizeof dialects - k) k += (size_t)w;
                i = e + 1;
            }
            if (k) appmeta_add(&o, "smb.dialects", dialects);
        }
        if (cmd == 0x73 && wc == 13 && bytes <= n) {
            /* without extended security: passwords, then account and domain */
            size_t oem = le16_at(p + words + 14), uni = le16_at(p + words + 16);
            size_t at = bytes + oem + uni;
            if (unicode && (at & 1)) at++;
            if (at < n) {
                size_t e = at;
                text_of(p + at, n - at, unicode, text[0], SMB_TEXT);
                while (e < n && (unicode ? e + 1 < n && (p[e] || p[e + 1]) : p[e])) e += unicode ? 2 : 1;
                e += unicode ? 2 : 1;
                if (e < n) text_of(p + e, n - e, unicode, text[1], SMB_TEXT);
                else text[1][0] = '\0';
                if (text[0][0]) appmeta_add(&o, "user.name", text[0]);
                if (text[1][0]) appmeta_add(&o, "smb.domain", text[1]);
            }
            if (st->plaintext_passwords && oem + uni > 0) o.u.meta.cleartext_credentials = true;
        }
        if (cmd == 0x75 && wc == 4 && words + 8 <= n && st->plaintext_passwords && le16_at(p + words + 6) > 1)
            o.u.meta.cleartext_credentials = true;
        add_captures(ctx, dir, h, &o, text, unicode);
        if (h->damaged) appmeta_add(&o, "smb.truncated", "true");
        proto_emit(ctx, dir, &o);
        if (h->capture == CAP_NTLM_AUTH) emit_name_identity(ctx, dir, text[R_HOST]);
        return;
    }
    if (cmd != 0x72 && cmd != 0x73 && cmd != 0x75) return;
    appmeta_init(&o, "smb", cmd == 0x72 ? "smb1_negotiate_response" : cmd == 0x73 ? "smb1_session_setup_andx_response"
                                                                                 : "smb1_tree_connect_andx_response");
    appmeta_add(&o, "smb.version", "1");
    if (status) {
        snprintf(status_text, sizeof status_text, "0x%08x", status);
        appmeta_add(&o, "smb.status", status_text);
    }
    if (cmd == 0x72 && wc >= 1 && words + 2 <= n) {
        uint16_t index = le16_at(p + words);
        if (index < st->n_dialects) appmeta_add(&o, "smb.dialect", smb1_dialect_names[st->dialects[index]]);
        /* NT LM 0.12: SecurityMode bit 1 asks for challenge/response */
        if (wc == 17 && words + 3 <= n) st->plaintext_passwords = !(p[words + 2] & 0x02);
    }
    add_captures(ctx, dir, h, &o, text, unicode);
    proto_emit(ctx, dir, &o);
    if (h->capture == CAP_NTLM_CHALLENGE) emit_name_identity(ctx, dir, text[0]);
}

static void finish_pdu(smb_state *st, smb_half *h, const proto_ctx *ctx, net_dir dir)
{
    net_observation o;
    char called[NETBIOS_NAME_TEXT], calling[NETBIOS_NAME_TEXT], host[NETBIOS_NAME_TEXT];
    switch (h->pdu_kind) {
    case PDU_SMB2: finish_smb2(st, h, ctx, dir); break;
    case PDU_SMB1: finish_smb1(st, h, ctx, dir); break;
    case PDU_TRANSFORM:
        appmeta_init(&o, "smb", "encrypted");
        appmeta_add(&o, "smb.version", "3");
        proto_emit(ctx, dir, &o);
        break;
    case PDU_COMPRESSED:
        appmeta_init(&o, "smb", "compressed");
        appmeta_add(&o, "smb.version", "3");
        proto_emit(ctx, dir, &o);
        break;
    case PDU_SESSION_REQUEST: {
        cursor c = cursor_make(h->head, h->head_fill);
        uint8_t called16[16], calling16[16];
        appmeta_init(&o, "smb", "session_request");
        if (netbios_read_name(&c, called16, called, sizeof called) &&
            netbios_read_name(&c, calling16, calling, sizeof calling)) {
            appmeta_add(&o, "netbios.name", calling);
            appmeta_add(&o, "smb.called_name", called);
            proto_emit(ctx, dir, &o);
            if (netbios_host_name(calling16, host, sizeof host)) emit_name_identity(ctx, dir, host);
        } else {
            appmeta_add(&o, "smb.malformed", "true");
            proto_emit(ctx, dir, &o);
        }
        break;
    }
    default: break;
    }
}

static uint8_t pdu_kind_of(uint8_t nb_type, const uint8_t *p, size_t n)
{
    if (nb_type == NBSS_REQUEST) return PDU_SESSION_REQUEST;
    if (nb_type != NBSS_MESSAGE || n < 4 || p[1] != 'S' || p[2] != 'M' || p[3] != 'B') return PDU_OTHER;
    switch (p[0]) {
    case 0xff: return PDU_SMB1;
    case 0xfe: return PDU_SMB2;
    case 0xfd: return PDU_TRANSFORM;
    case 0xfc: return PDU_COMPRESSED;
    default: return PDU_OTHER;
    }
}

static void start_pdu(smb_half *h)
{
    h->pdu_pos = 0;
    h->pdu_len = h->msg_left;
    h->head_fill = 0;
    h->head_done = false;
    h->damaged = false;
    h->n_ranges = 0;
    h->capture = CAP_NONE;
    h->pdu_kind = PDU_NONE;
}

/* How many head bytes this PDU keeps: an SMB2 compound's NextCommand,
 * read once 24 bytes are in, ends the PDU early. */
static uint32_t head_target(smb_half *h)
{
    if (h->head_fill >= 24 && h->pdu_kind == PDU_NONE) {
        h->pdu_kind = pdu_kind_of(h->nb_type, h->head, h->head_fill);
        if (h->pdu_kind == PDU_SMB2) {
            uint32_t next = le32_at(h->head + 20);
            if (next >= SMB2_HEADER && next < h->pdu_len) h->pdu_len = next;
        }
    }
    uint32_t want = h->pdu_len < SMB_HEAD_MAX ? h->pdu_len : SMB_HEAD_MAX;
    if (h->pdu_kind == PDU_NONE && want > 24) want = 24;
    return want;
}

static void capture_bytes(smb_half *h, const uint8_t *p, size_t n)
{
    for (uint8_t i = 0; i < h->n_ranges; i++) {
        smb_range *r = &h->ranges[i];
        uint32_t want_from = r->start + r->got;
        if (r->got == r->len || want_from < h->pdu_pos || want_from >= h->pdu_pos + n) continue;
        size_t off = want_from - h->pdu_pos, take = n - off;
        if (take > (size_t)(r->len - r->got)) take = r->len - r->got;
        memcpy(h->pool + r->at + r->got, p + off, take);
        r->got = (uint16_t)(r->got + take);
    }
}

/* Bytes of the current NetBIOS message body. */
static void message_bytes(smb_state *st, smb_half *h, const proto_ctx *ctx, net_dir dir, cursor *in)
{
    while (cursor_left(in) && h->msg_left) {
        if (!h->head_done) {
            uint32_t want = head_target(h);
            if (h->head_fill < want) {
                size_t take = want - h->head_fill;
                if (take > cursor_left(in)) take = cursor_left(in);
                cursor_copy(in, h->head + h->head_fill, take);
                h->head_fill = (uint16_t)(h->head_fill + take);
                h->pdu_pos += (uint32_t)take;
                h->msg_left -= (uint32_t)take;
                if (h->head_fill < head_target(h)) continue;
            }
            if (h->pdu_kind == PDU_NONE) h->pdu_kind = pdu_kind_of(h->nb_type, h->head, h->head_fill);
            h->head_done = true;
            plan_captures(st, h);
        } else {
            size_t take = h->pdu_len - h->pdu_pos;
            if (take > cursor_left(in)) take = cursor_left(in);
            capture_bytes(h, cursor_ptr(in), take);
            cursor_skip(in, take);
            h->pdu_pos += (uint32_t)take;
            h->msg_left -= (uint32_t)take;
        }
        if (h->head_done && h->pdu_pos >= h->pdu_len) {
            finish_pdu(st, h, ctx, dir);
            if (h->msg_left) start_pdu(h);     /* the next PDU of an SMB2 compound */
        }
    }
    if (h->msg_left == 0 && h->in_msg) {
        if (!h->head_done && h->head_fill) {   /* a PDU shorter than its head target */
            if (h->pdu_kind == PDU_NONE) h->pdu_kind = pdu_kind_of(h->nb_type, h->head, h->head_fill);
            h->head_done = true;
            plan_captures(st, h);
            finish_pdu(st, h, ctx, dir);
        }
        h->in_msg = false;
        h->nbh_fill = 0;
    }
}

/* A NetBIOS session header that a resync may trust: a message whose body
 * starts with an SMB protocol id. */
static bool plausible_start(const uint8_t *p, size_t n)
{
    return n >= 8 && p[0] == NBSS_MESSAGE && (p[4] >= 0xfc) && p[5] == 'S' && p[6] == 'M' && p[7] == 'B';
}

static void smb_feed(smb_state *st, const proto_ctx *ctx, net_dir dir, const uint8_t *data, size_t len)
{
    smb_half *h = &st->half[dir];
    cursor in = cursor_make(data, len);
    if (h->lost) {
        if (!plausible_start(data, len)) return;     /* wait for a delivery that starts a message */
        h->lost = false;
        h->in_msg = false;
        h->nbh_fill = 0;
    }
    while (cursor_left(&in)) {
        if (h->in_msg) { message_bytes(st, h, ctx, dir, &in); continue; }
        h->nbh[h->nbh_fill++] = cursor_u8(&in);
        if (h->nbh_fill < 4) continue;
        h->nbh_fill = 0;
        uint8_t type = h->nbh[0];
        if (type != NBSS_MESSAGE && (type < NBSS_REQUEST || type > NBSS_KEEPALIVE)) { h->lost = true; return; }
        /* direct TCP (445) uses a 24-bit length; NBSS (139) 17 bits with the
         * rest zero, which reads the same */
        uint32_t mlen = (uint32_t)h->nbh[1] << 16 | (uint32_t)h->nbh[2] << 8 | h->nbh[3];
        if (type != NBSS_MESSAGE && mlen > 0x1ffff) { h->lost = true; return; }
        if (mlen == 0) continue;
        h->nb_type = type;
        h->in_msg = true;
        h->msg_left = mlen;
        start_pdu(h);
    }
}

static void smb_to_server(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    smb_feed(state, ctx, NET_DIR_TO_SERVER, data, len);
}

static void smb_to_client(void *state, const proto_ctx *ctx, const uint8_t *data, size_t len)
{
    smb_feed(state, ctx, NET_DIR_TO_CLIENT, data, len);
}

/* Lost bytes: inside a message's body the framing survives (the message
 * is only marked damaged, its captures may be short); a gap longer than
 * the rest of the message loses the framing until a delivery starts one. */
static void smb_gap(void *state, const proto_ctx *ctx, net_dir dir, uint32_t len)
{
    (void)ctx;
    smb_half *h = &((smb_state *)state)->half[dir];
    if (h->lost) return;
    if (!h->in_msg || !h->head_done || len >= h->msg_left || len > h->pdu_len - h->pdu_pos) {
        h->lost = true;
        h->in_msg = false;
        h->nbh_fill = 0;
        return;
    }
    h->pdu_pos += len;
    h->msg_left -= len;
    h->damaged = true;
}

/* A session service header and, for a message, an SMB protocol id; a
 * session request carries two encoded NetBIOS names. */
static proto_probe_result smb_probe(const uint8_t *data, size_t len, net_dir dir)
{
    if (len < 1) return PROTO_PROBE_NEED_MORE;
    if (data[0] == NBSS_REQUEST) {
        if (len < 4 + 68) return len < 4 || (data[1] == 0 && data[2] == 0) ? PROTO_PROBE_NEED_MORE : PROTO_PROBE_NO;
        cursor c = cursor_make(data + 4, len - 4);
        uint8_t n16[16];
        char t[NETBIOS_NAME_TEXT];
        return netbios_read_name(&c, n16, t, sizeof t) && netbios_read_name(&c, n16, t, sizeof t) ? PROTO_PROBE_YES
                                                                                                  : PROTO_PROBE_NO;
    }
    if ((data[0] == NBSS_POSITIVE || data[0] == NBSS_NEGATIVE) && dir == NET_DIR_TO_CLIENT)
        return len < 4 ? PROTO_PROBE_NEED_MORE : (data[1] == 0 && data[2] == 0 && data[3] <= 1) ? PROTO_PROBE_YES : PROTO_PROBE_NO;
    if (data[0] != NBSS_MESSAGE) return PROTO_PROBE_NO;
    if (len < 8) return PROTO_PROBE_NEED_MORE;
    return plausible_start(data, len) ? PROTO_PROBE_YES : PROTO_PROBE_NO;
}

const proto_parser proto_smb = {
    .name = "smb",
    .transport = 6,
    .ports = { SMB_PORT, NBSS_PORT },
    .state_size = sizeof(smb_state),
    .probe = smb_probe,
    .parse_to_server = smb_to_server,
    .parse_to_client = smb_to_client,
    .gap = smb_gap,
};
