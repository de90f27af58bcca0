/* identity.c - declared versus observed device identity (identity.h):
 * vendor names by words with legal forms and known aliases folded,
 * firmware by numeric parts, products by containment or catalogue number. */
#include "model/identity.h"
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define WORDS_MAX 12
#define WORD_MAX 24

typedef struct words {
    char w[WORDS_MAX][WORD_MAX];
    size_t n;
} words;

static bool blank(const char *s)
{
    if (!s) return true;
    for (; *s; s++)
        if (!isspace((unsigned char)*s)) return false;
    return true;
}

/* Legal forms and filler that say nothing about who made the device. */
static bool legal_form(const char *w)
{
    static const char *const forms[] = {
        "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc", "gmbh",
        "ag", "kg", "sa", "spa", "srl", "bv", "nv", "oy", "ab", "as", "plc", "se", "sas", "kk", "the", "and",
    };
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++)
        if (strcmp(w, forms[i]) == 0) return true;
    return false;
}

/* Lower-case alphanumeric words; legal forms dropped. Long words are cut:
 * the first WORD_MAX-1 letters tell vendors apart. */
static void split_vendor(const char *s, words *out)
{
    out->n = 0;
    while (*s && out->n < WORDS_MAX) {
        while (*s && !isalnum((unsigned char)*s)) s++;
        size_t k = 0;
        char *w = out->w[out->n];
        while (isalnum((unsigned char)*s)) {
            if (k + 1 < WORD_MAX) w[k++] = (char)tolower((unsigned char)*s);
            s++;
        }
        w[k] = '\0';
        if (k && !legal_form(w)) out->n++;
    }
}

/* Names under which one company's devices introduce themselves. */
static const struct { const char *name, *company; } aliases[] = {
    { "rockwell", "rockwell" }, { "allen bradley", "rockwell" },
    { "schneider", "schneider" }, { "telemecanique", "schneider" }, { "modicon", "schneider" },
    { "square d", "schneider" }, { "groupe schneider", "schneider" },
    { "apc", "schneider" }, { "american power conversion", "schneider" },
    { "abb", "abb" }, { "hitachi energy", "abb" }, { "hitachi abb", "abb" },
    { "general electric", "ge" }, { "ge", "ge" }, { "ge intelligent", "ge" },
    { "hewlett packard", "hp" }, { "hp", "hp" }, { "hpe", "hp" },
    { "fisher rosemount", "emerson" }, { "emerson", "emerson" },
    { "axis", "axis" }, { "siemens", "siemens" }, { "mitsubishi", "mitsubishi" },
};

/* True when the words of `name` (space-separated) begin `w`. */
static bool starts_with_words(const words *w, const char *name)
{
    size_t i = 0;
    while (*name) {
        if (i >= w->n) return false;
        size_t n = strcspn(name, " ");
        if (strlen(w->w[i]) != n || strncmp(w->w[i], name, n) != 0) return false;
        name += n;
        while (*name == ' ') name++;
        i++;
    }
    return i > 0;
}

static const char *company_of(const words *w)
{
    for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++)
        if (starts_with_words(w, aliases[i].name)) return aliases[i].company;
    return NULL;
}

bool identity_vendor_matches(const char *declared, const char *observed)
{
    if (blank(declared) || blank(observed)) return true;
    words a, b;
    split_vendor(declared, &a);
    split_vendor(observed, &b);
    if (!a.n || !b.n) return true;
    const char *ca = company_of(&a), *cb = company_of(&b);
    if (ca && cb) return strcmp(ca, cb) == 0;
    size_t n = a.n < b.n ? a.n : b.n;
    for (size_t i = 0; i < n; i++)
        if (strcmp(a.w[i], b.w[i]) != 0) return false;
    return true;
}

/* --- firmware -------------------------------------------------------------- */

#define VERSION_PARTS 8

/* A numeric part as its significant digits (leading zeros dropped, so
 * "011" is "11"): compared as text, no length of digits can overflow. */
typedef struct version_part {
    char digits[20];             /* the first 19 significant digits */
    size_t len;                  /* how many significant digits there are */
} version_part;

typedef struct version {
    version_part part[VERSION_PARTS];
    size_t n;
    char suffix[16];             /* letters right after the numbers: "a" in 17.9.4a, "h3" in 10.2.7-h3 */
} version;

/* The first run of dot-separated numbers, after any prefix ("V", "FW ",
 * "Firmware "), and the letters that follow it. False when there is none. */
static bool parse_version(const char *s, version *v)
{
    memset(v, 0, sizeof *v);
    while (*s && !isdigit((unsigned char)*s)) s++;
    if (!*s) return false;
    for (;;) {
        version_part x = { "", 0 };
        while (*s == '0' && isdigit((unsigned char)s[1])) s++;
        while (isdigit((unsigned char)*s)) {
            if (x.len + 1 < sizeof x.digits) x.digits[x.len] = *s;
            x.len++;
            s++;
        }
        if (v->n < VERSION_PARTS) v->part[v->n++] = x;
        if (*s == '.' && isdigit((unsigned char)s[1])) { s++; continue; }
        break;
    }
    if (*s == '-' || *s == '_') s++;
    size_t k = 0;
    while (isalnum((unsigned char)*s) && k + 1 < sizeof v->suffix) v->suffix[k++] = (char)tolower((unsigned char)*s++);
    v->suffix[k] = '\0';
    return true;
}

static bool same_text(const char *a, const char *b)
{
    while (*a && isspace((unsigned char)*a)) a++;
    while (*b && isspace((unsigned char)*b)) b++;
    size_t na = strlen(a), nb = strlen(b);
    while (na && isspace((unsigned char)a[na - 1])) na--;
    while (nb && isspace((unsigned char)b[nb - 1])) nb--;
    if (na != nb) return false;
    for (size_t i = 0; i < na; i++)
        if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i])) return false;
    return true;
}

bool identity_firmware_matches(const char *declared, const char *observed)
{
    if (blank(declared) || blank(observed)) return true;
    version a, b;
    bool pa = parse_version(declared, &a), pb = parse_version(observed, &b);
    if (!pa || !pb) return same_text(declared, observed);
    size_t n = a.n < b.n ? a.n : b.n;
    for (size_t i = 0; i < n; i++)
        if (a.part[i].len != b.part[i].len || strcmp(a.part[i].digits, b.part[i].digits) != 0) return false;
    if (a.n == b.n && a.suffix[0] && b.suffix[0]) return strcmp(a.suffix, b.suffix) == 0;
    return true;
}

/* --- product --------------------------------------------------------------- */

#define COMPACT_MAX 256

/* Lower-case letters and digits only: "CPU 1516-3 PN/DP" -> "cpu15163pndp". */
static void compact(const char *s, char *out, size_t cap)
{
    size_t k = 0;
    for (; s && *s && k + 1 < cap; s++)
        if (isalnum((unsigned char)*s)) out[k++] = (char)tolower((unsigned char)*s);
    out[k] = '\0';
}

/* The words of `s` that carry a digit and 3 or more letters and digits
 * once compacted ("1756-L83E", "BMEP584040", "S7-1500", "1518-4") all
 * appear in `hay` (compacted), and there is at least one. */
static bool catalogue_words_in(const char *s, const char *hay)
{
    if (!s || !*hay) return false;
    size_t found = 0;
    while (*s) {
        while (*s && (isspace((unsigned char)*s) || *s == '/' || *s == ',' || *s == '(' || *s == ')')) s++;
        char word[64];
        size_t k = 0;
        bool digit = false;
        while (*s && !isspace((unsigned char)*s) && *s != '/' && *s != ',' && *s != '(' && *s != ')') {
            if (isalnum((unsigned char)*s) && k + 1 < sizeof word) {
                word[k++] = (char)tolower((unsigned char)*s);
                if (isdigit((unsigned char)*s)) digit = true;
            }
            s++;
        }
        word[k] = '\0';
        if (k < 3 || !digit) continue;
        if (!strstr(hay, word)) return false;
        found++;
    }
    return found > 0;
}

bool identity_product_matches(const char *declared, const char *declared_cpe,
                              const char *observed_product, const char *observed_model)
{
    if (blank(declared)) return true;
    if (blank(observed_product) && blank(observed_model)) return true;
    char d[COMPACT_MAX], c[COMPACT_MAX], o[COMPACT_MAX];
    compact(declared, d, sizeof d);
    compact(declared_cpe, c, sizeof c);
    const char *obs[2] = { observed_product, observed_model };
    for (int i = 0; i < 2; i++) {
        if (blank(obs[i])) continue;
        compact(obs[i], o, sizeof o);
        if (strlen(o) >= 3 && strlen(d) >= 3 && (strstr(d, o) || strstr(o, d))) return true;
        char dc[2 * COMPACT_MAX + 1];
        snprintf(dc, sizeof dc, "%s %s", d, c);
        if (catalogue_words_in(obs[i], dc)) return true;
    }
    return false;
}

bool identity_is_service_banner(const char *protocol)
{
    static const char *const banners[] = { "ssh", "ftp", "telnet", "vnc", "rdp", "http", "rtsp", "smtp" };
    for (size_t i = 0; protocol && i < sizeof banners / sizeof *banners; i++)
        if (!strcmp(protocol, banners[i])) return true;
    return false;
}
