/* scn_default_creds.c - a field laptop tries vendor factory-default logins
 * (ATT&CK for ICS T0812) on what it can reach: a UPS web page and its SNMP
 * agent, a camera's web page and stream, crane ring switches over Telnet. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "sim/scenario.h"

/* What vendors ship, as their manuals say: the pair the scenario types for
 * a device of that vendor (and product line, and kind). The detector keeps
 * its own table; this one only decides what the attacker tries. */
typedef struct factory_login {
    const char *vendor, *product;      /* vendor contains; product contains (NULL: any) */
    const char *kind;                  /* asset kind */
    const char *user, *password;
    const char *origin;                /* for the ground truth's note */
} factory_login;

static const factory_login factory[] = {
    { "APC", NULL, "ups", "apc", "apc", "APC network management card factory login" },
    { "APC", NULL, "pdu", "apc", "apc", "APC network management card factory login" },
    { "Server Technology", NULL, "pdu", "admn", "admn", "Server Technology PDU factory login" },
    { "Axis", NULL, "camera", "root", "pass", "Axis camera factory login (older firmware)" },
    { "Hikvision", NULL, "camera", "admin", "12345", "Hikvision camera factory login (older firmware)" },
    { "Siemens", "SCALANCE", "switch", "admin", "admin", "Siemens SCALANCE factory login" },
    { "Hirschmann", NULL, "switch", "admin", "private", "Hirschmann switch factory login" },
    { "Phoenix Contact", NULL, "switch", "admin", "private", "Phoenix Contact switch factory login" },
    { "Moxa", NULL, "switch", "admin", "moxa", "Moxa switch factory login" },
    /* Catalyst switches ship with no password at all: cisco/cisco is the
     * Small Business line's, so a Catalyst refuses it. */
    { "Cisco", NULL, "switch", "cisco", "cisco", "the Cisco Small Business factory login" },
};

static bool icontains(const char *s, const char *w)
{
    for (size_t n = strlen(w); s && *s; s++)
        if (!strncasecmp(s, w, n)) return true;
    return false;
}

static const factory_login *factory_for(const sim_host *h)
{
    for (size_t i = 0; i < sizeof factory / sizeof *factory; i++) {
        const factory_login *f = &factory[i];
        if (!h->asset || h->external || !sim_host_kind(h, f->kind) || !sim_host_vendor(h, f->vendor)) continue;
        if (f->product && !icontains(h->asset->product, f->product)) continue;
        return f;
    }
    return NULL;
}

static int major_version(const sim_host *h)
{
    const char *v = h->asset ? h->asset->version : NULL;
    int n = 0;
    if (!v || *v < '0' || *v > '9') return 1 << 20;
    for (; *v >= '0' && *v <= '9' && n < 1 << 20; v++) n = n * 10 + (*v - '0');
    return n;
}

static bool crane_zone(const sim_ctx *c, int zone)
{
    if (zone < 0) return false;
    const model_zone *z = &c->m->zones[zone];
    return (z->id && (strstr(z->id, "crane") || strstr(z->id, "sts"))) || icontains(z->name, "crane");
}

/* The laptop: a portable engineering laptop, else an engineering workstation, else any laptop. */
static int pick_laptop(const sim_ctx *c)
{
    int best = -1, rank = 9;
    for (size_t i = 0; i < c->n_hosts; i++) {
        const sim_host *h = &c->hosts[i];
        if (!h->asset || h->external) continue;
        bool ews = sim_host_kind(h, "eng-workstation"), laptop = sim_host_is(h, "laptop");
        int r = ews && laptop ? 0 : ews ? 1 : laptop ? 2 : 9;
        if (r < rank) { best = (int)i; rank = r; }
    }
    return best;
}

/* The device of `kind` with a factory login: the lowest firmware major first
 * (old firmware still ships the default), a crane-zone one first when asked. */
static int pick_target(const sim_ctx *c, const char *kind, bool crane, int not1, int not2)
{
    int best = -1;
    long best_score = 0;
    for (size_t i = 0; i < c->n_hosts; i++) {
        const sim_host *h = &c->hosts[i];
        if ((int)i == not1 || (int)i == not2 || !sim_host_kind(h, kind) || !factory_for(h)) continue;
        long score = (long)major_version(h) + (crane && !crane_zone(c, h->zone) ? 1L << 24 : 0);
        if (best < 0 || score < best_score) { best = (int)i; best_score = score; }
    }
    return best;
}

static sim_login *login(sim_ctx *c, const char *user, const char *password)
{
    sim_login *lg = arena_alloc(&c->mem, sizeof *lg);
    if (lg) *lg = (sim_login){ .user = user, .password = password };
    return lg;
}

/* The keystrokes of `password` with a slip corrected: the last two
 * characters typed swapped, erased with two DELs, typed again. */
static const char *typed_with_correction(sim_ctx *c, const char *password)
{
    size_t n = strlen(password);
    char *t = arena_alloc(&c->mem, n + 5);
    if (!t || n < 2) return NULL;
    memcpy(t, password, n - 2);
    t[n - 2] = password[n - 1];
    t[n - 1] = password[n - 2];
    t[n] = 0x7f;
    t[n + 1] = 0x7f;
    t[n + 2] = password[n - 2];
    t[n + 3] = password[n - 1];
    t[n + 4] = '\0';
    return t;
}

static const char *note(sim_ctx *c, const char *fmt, const char *a, const char *b)
{
    char buf[192];
    snprintf(buf, sizeof buf, fmt, a, b);
    size_t n = strlen(buf) + 1;
    char *s = arena_alloc(&c->mem, n);
    if (s) memcpy(s, buf, n);
    return s ? s : "";
}

typedef struct step_ctx {
    sim_ctx *c;
    sim_scenario_run *run;
    int laptop;
} step_ctx;

static bool start(step_ctx *x, const char *step, const char *profile, int server, sw_time_us t, const sim_login *lg, sw_error *err)
{
    const sim_profile *p = sim_profile_find(profile);
    if (!p || !lg) { sw_fail(err, p ? SW_ERR_NOMEM : SW_ERR_INVALID, p ? "out of memory" : "profile %s missing", profile); return false; }
    sim_session_start(x->c, p, x->laptop, server, t, (uintptr_t)lg, x->run);
    scn_expect_policy(x->c, x->run, step, x->laptop, server, p->ip_proto, p->port, p->name);
    return true;
}

/* A login with the device's factory default: one SW-CRED-DEFAULT alert. */
static bool try_default(step_ctx *x, const char *step, const char *profile, const char *proto, int server, sw_time_us t,
                        sim_login *lg, const char *what, sw_error *err)
{
    if (!start(x, step, profile, server, t, lg, err)) return false;
    const sim_profile *p = sim_profile_find(profile);
    scn_expect_alert(x->c, x->run, step, "SW-CRED-DEFAULT", "T0812", x->laptop, server, p->port, proto, what);
    return true;
}

/* A factory login the device refuses: it is not on that default, so nothing is raised. */
static bool refuse(step_ctx *x, const char *step, const char *profile, int server, sw_time_us t, const factory_login *f,
                   const char *what, sw_error *err)
{
    sim_login *lg = login(x->c, f->user, f->password);
    if (lg) lg->refused = true;
    if (!start(x, step, profile, server, t, lg, err)) return false;
    sim_run_add_host(x->c, x->run, server, "target");
    scn_expect_no_alert(x->c, x->run, step, "SW-CRED-DEFAULT", x->laptop, server, sim_profile_find(profile)->port, profile, what);
    return true;
}

static bool inject(sim_ctx *c, sim_scenario_run *run, sw_error *err)
{
    int laptop = pick_laptop(c);
    if (laptop < 0) { sw_fail(err, SW_ERR_INVALID, "no engineering workstation or laptop in the model"); return false; }
    int ups = pick_target(c, "ups", false, -1, -1);
    if (ups < 0) ups = pick_target(c, "pdu", false, -1, -1);
    int cam = pick_target(c, "camera", false, -1, -1);
    int sw = pick_target(c, "switch", true, -1, -1);
    int sw_slip = pick_target(c, "switch", false, sw, -1);
    if (ups < 0 || cam < 0 || sw < 0) {
        sw_fail(err, SW_ERR_INVALID, "the model needs a UPS or PDU, a camera and a switch of vendors with a known factory login");
        return false;
    }
    /* The login that is no default: a switch the others are not, the laptop owner's account. */
    int sw_own = -1;
    for (size_t i = 0; i < c->n_hosts; i++) {
        const sim_host *h = &c->hosts[i];
        if ((int)i == sw || (int)i == sw_slip || h->external || !sim_host_kind(h, "switch")) continue;
        if (sw_own < 0 || (crane_zone(c, h->zone) && !crane_zone(c, c->hosts[sw_own].zone))) sw_own = (int)i;
    }
    step_ctx x = { c, run, laptop };
    sw_time_us t0 = run->planned;
    sim_run_add_host(c, run, laptop, "attacker");
    sim_run_add_host(c, run, ups, "target");
    sim_run_add_host(c, run, cam, "target");
    sim_run_add_host(c, run, sw, "target");

    /* 1. The UPS: its web page, then its SNMP agent, read and write communities as shipped. */
    const factory_login *f = factory_for(&c->hosts[ups]);
    if (!try_default(&x, "ups", "http", "http", ups, t0, login(c, f->user, f->password),
                     note(c, "HTTP Basic as user %s: %s, accepted", f->user, f->origin), err))
        return false;
    sim_login *rd = login(c, NULL, "public"), *wr = login(c, NULL, "private");
    if (wr) wr->write = true;
    if (!try_default(&x, "ups", "snmp", "snmp", ups, t0 + SIM_S(8), rd, "SNMPv2c GetRequest (system group) with the read community public", err) ||
        !try_default(&x, "ups", "snmp", "snmp", ups, t0 + SIM_S(11), wr, "SNMPv2c SetRequest (sysContact.0) with the write community private", err))
        return false;

    /* 2. The camera: its web configuration and its stream. */
    f = factory_for(&c->hosts[cam]);
    if (!try_default(&x, "camera", "http", "http", cam, t0 + SIM_S(20), login(c, f->user, f->password),
                     note(c, "HTTP Basic as user %s: %s, accepted", f->user, f->origin), err) ||
        !try_default(&x, "camera", "rtsp", "rtsp", cam, t0 + SIM_S(24), login(c, f->user, f->password),
                     note(c, "RTSP Basic (DESCRIBE after a 401) as user %s: %s, accepted", f->user, f->origin), err))
        return false;
    /* A newer camera whose default was changed: it answers 401, so it is no finding. */
    int cam_refuses = pick_target(c, "camera", false, cam, -1);
    if (cam_refuses >= 0) {
        f = factory_for(&c->hosts[cam_refuses]);
        if (!refuse(&x, "camera", "http", cam_refuses, t0 + SIM_S(30), f,
                    note(c, "HTTP Basic as user %s: %s, refused with 401: the camera is off its default", f->user, f->origin), err))
            return false;
    }

    /* 3. The switches over Telnet, typed at the keyboard. */
    if (sw_own >= 0) {
        /* The owner's own account and a password of the port's: no default, no alert. */
        const char *acct = sim_owner_account(c, &c->hosts[laptop]);
        char pw[16];
        snprintf(pw, sizeof pw, "Tq%08x", (unsigned)(prng_next(&c->setup) >> 32));
        sim_login *own = login(c, acct ? acct : "ot-admin", note(c, "%s%s", pw, ""));
        if (!start(&x, "switch", "telnet", sw_own, t0 + SIM_S(40), own, err)) return false;
        sim_run_add_host(c, run, sw_own, "target");
        scn_expect_no_alert(c, run, "switch", "SW-CRED-DEFAULT", laptop, sw_own, 23, "telnet",
                            note(c, "Telnet login as %s with %s password of the port's own: no vendor default", own ? own->user : "?", "a"));
    }
    if (sw_slip >= 0) {
        /* The default typed with a slip and corrected: the switch accepts it, but an
         * edited line gives the Telnet matcher no verdict, so nothing is raised. */
        f = factory_for(&c->hosts[sw_slip]);
        sim_login *slip = login(c, f->user, f->password);
        if (slip) slip->typed = typed_with_correction(c, f->password);
        if (!start(&x, "switch", "telnet", sw_slip, t0 + SIM_S(60), slip, err)) return false;
        sim_run_add_host(c, run, sw_slip, "target");
        scn_expect_no_alert(c, run, "switch", "SW-CRED-DEFAULT", laptop, sw_slip, 23, "telnet",
                            note(c, "Telnet login as %s: %s, typed with a slip erased by DEL; an edited line gives no verdict", f->user, f->origin));
    }
    /* A switch that has no such default: "Login incorrect", no finding. */
    int sw_refuses = -1;
    for (size_t i = 0; i < c->n_hosts && sw_refuses < 0; i++)
        if ((int)i != sw && (int)i != sw_slip && (int)i != sw_own && !c->hosts[i].external &&
            sim_host_kind(&c->hosts[i], "switch") && factory_for(&c->hosts[i]))
            sw_refuses = (int)i;
    if (sw_refuses >= 0) {
        f = factory_for(&c->hosts[sw_refuses]);
        if (!refuse(&x, "switch", "telnet", sw_refuses, t0 + SIM_S(70), f,
                    note(c, "Telnet login as %s: %s, answered Login incorrect: not this device's default", f->user, f->origin), err))
            return false;
    }
    f = factory_for(&c->hosts[sw]);
    return try_default(&x, "switch", "telnet", "telnet", sw, t0 + SIM_S(80), login(c, f->user, f->password),
                       note(c, "Telnet login as %s: %s, typed cleanly, accepted", f->user, f->origin), err);
}

static const char *const techniques[] = { "T0812", "T0886", NULL };
static const char *const hints[] = {
    "a login whose password (or SNMP community) is the device vendor's factory default, on HTTP Basic, RTSP Basic, Telnet or SNMP",
    "one alert per client, server, port and default pair; never the password itself in the alert",
    "a Telnet password line edited with DEL or backspace is no verdict; a login with the port's own password is none",
    NULL,
};

const sim_scenario sim_scenario_default_creds = {
    "default-creds", "Field laptop logs in with vendor factory-default credentials",
    "The portable engineering laptop (a contractor at it, or malware on it) tries each device's factory login: the "
    "data-centre UPS's web page (HTTP Basic) and SNMP agent (read community public, then a SetRequest with private), "
    "an old-firmware camera's web page and RTSP stream, and a crane ring switch over Telnet. Two Telnet logins raise "
    "nothing: the owner's own account on another switch, and a default typed with a slip corrected by DEL.",
    techniques, hints, inject, SIM_S(120),
};
