/* ecs.c - reads one ECS JSON alert line (DESIGN.md "Output contracts") from
 * any Seawall sensor, or a SIEM that keeps the ECS names, into the
 * domain-neutral alert the engine links. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include "correlate/correlate.h"

/* Dotted path lookup that also accepts flattened keys ("rule.id" as one key),
 * as some shippers write them. */
static json_t *path(json_t *root, const char *p)
{
    json_t *flat = json_object_get(root, p);
    if (flat) return flat;
    json_t *cur = root;
    char key[64];
    while (*p && cur) {
        size_t n = strcspn(p, ".");
        if (n >= sizeof key || !json_is_object(cur)) return NULL;
        memcpy(key, p, n);
        key[n] = 0;
        cur = json_object_get(cur, key);
        p += n;
        if (*p == '.') p++;
    }
    return cur;
}

static const char *str(json_t *root, const char *p)
{
    json_t *v = path(root, p);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static void add_text(corr_alert *a, corr_entity_kind kind, corr_role role, const char *prefix, const char *v)
{
    if (!v || !*v) return;
    char buf[CORR_VALUE_MAX];
    int n = snprintf(buf, sizeof buf, "%s%s", prefix, v);
    if (n > 0 && (size_t)n < sizeof buf) corr_alert_add_entity(a, kind, role, buf);
}

static void add_mac(corr_alert *a, corr_role role, const char *v)
{
    uint8_t mac[6];
    char buf[18];
    /* ECS writes MACs with dashes; Seawall with colons. One form links. */
    if (!v || strlen(v) != 17) return;
    char tmp[18];
    for (size_t i = 0; i < 17; i++) tmp[i] = v[i] == '-' ? ':' : v[i];
    tmp[17] = 0;
    if (mac_parse(tmp, mac)) corr_alert_add_entity(a, CE_MAC, role, mac_fmt(mac, buf));
}

static void add_ip(corr_alert *a, corr_role role, const char *v)
{
    ip_addr ip;
    char buf[IP_STR_MAX];
    if (v && ip_parse(v, &ip)) corr_alert_add_entity(a, CE_IP, role, ip_fmt(&ip, buf));
}

static void add_each(corr_alert *a, json_t *v, void (*fn)(corr_alert *, corr_role, const char *), corr_role role)
{
    if (json_is_string(v)) fn(a, role, json_string_value(v));
    size_t i;
    json_t *x;
    if (json_is_array(v)) json_array_foreach(v, i, x) if (json_is_string(x)) fn(a, role, json_string_value(x));
}

static void add_person(corr_alert *a, corr_role role, const char *v) { add_text(a, CE_PERSON, role, "", v); }
static void add_account(corr_alert *a, corr_role role, const char *v) { add_text(a, CE_PERSON, role, "acct:", v); }
static void add_badge(corr_alert *a, corr_role role, const char *v) { add_text(a, CE_PERSON, role, "badge:", v); }

static void add_mmsi(corr_alert *a, json_t *v)
{
    char buf[24];
    if (json_is_integer(v) && json_integer_value(v) > 0 && json_integer_value(v) <= 999999999) {
        snprintf(buf, sizeof buf, "%09lld", (long long)json_integer_value(v));
        corr_alert_add_entity(a, CE_MMSI, CR_SUBJECT, buf);
    }
}

static int severity_of(json_t *root)
{
    static const char *const names[] = { "low", "medium", "high", "critical" };
    const char *s = str(root, "seawall.severity");
    for (int i = 0; s && i < 4; i++)
        if (!strcmp(s, names[i])) return i;
    json_t *n = path(root, "event.severity");     /* Seawall writes 1..4 */
    if (json_is_integer(n) && json_integer_value(n) >= 1 && json_integer_value(n) <= 4)
        return (int)json_integer_value(n) - 1;
    return 1;
}

static corr_domain domain_of(const char *dataset)
{
    if (!dataset) return CORR_OTHER;
    if (!strcmp(dataset, "seawall.net")) return CORR_NET;
    if (!strcmp(dataset, "seawall.ais")) return CORR_AIS;
    if (!strcmp(dataset, "seawall.phys")) return CORR_PHYS;
    return CORR_OTHER;
}

sw_code corr_alert_from_ecs(const char *line, size_t len, corr_alert *out, sw_error *err)
{
    corr_alert_init(out);
    json_error_t je;
    json_t *root = json_loadb(line, len, JSON_REJECT_DUPLICATES, &je);
    if (!root) return sw_fail(err, SW_ERR_PARSE, "not JSON: %s (column %d)", je.text, je.column);
    sw_code rc = SW_OK;
    if (!json_is_object(root)) { rc = sw_fail(err, SW_ERR_PARSE, "not a JSON object"); goto done; }
    const char *ts = str(root, "@timestamp");
    if (!ts || !time_parse_rfc3339(ts, &out->ts)) {
        rc = sw_fail(err, SW_ERR_PARSE, "@timestamp missing or not RFC 3339");
        goto done;
    }
    const char *rule = str(root, "rule.id");
    if (!rule || !*rule || strlen(rule) >= CORR_RULE_MAX) {
        rc = sw_fail(err, SW_ERR_PARSE, "rule.id missing, empty or longer than %d", CORR_RULE_MAX - 1);
        goto done;
    }
    strcpy(out->rule, rule);
    out->domain = domain_of(str(root, "event.dataset"));
    out->severity = (uint8_t)severity_of(root);

    json_t *tech = path(root, "threat.technique.id"), *x;
    size_t i;
    if (json_is_string(tech)) corr_alert_add_technique(out, json_string_value(tech));
    if (json_is_array(tech)) json_array_foreach(tech, i, x) if (json_is_string(x)) corr_alert_add_technique(out, json_string_value(x));

    /* Named assets first: they are the model's own words for the hosts. */
    add_text(out, CE_ASSET, CR_SOURCE, "", str(root, "seawall.asset.src"));
    add_text(out, CE_ASSET, CR_TARGET, "", str(root, "seawall.asset.dst"));
    add_text(out, CE_ASSET, CR_SUBJECT, "", str(root, "seawall.asset.id"));
    add_ip(out, CR_SOURCE, str(root, "source.ip"));
    add_ip(out, CR_TARGET, str(root, "destination.ip"));
    add_mac(out, CR_SOURCE, str(root, "source.mac"));
    add_mac(out, CR_TARGET, str(root, "destination.mac"));
    add_text(out, CE_ZONE, CR_SOURCE, "", str(root, "seawall.zone.src"));
    add_text(out, CE_ZONE, CR_TARGET, "", str(root, "seawall.zone.dst"));
    add_each(out, path(root, "host.ip"), add_ip, CR_SUBJECT);
    add_mac(out, CR_SUBJECT, str(root, "host.mac"));

    /* People: the model's person id, an account as seen, a badge number. */
    add_person(out, CR_SUBJECT, str(root, "seawall.person.id"));
    add_person(out, CR_SUBJECT, str(root, "seawall.person"));
    add_person(out, CR_SUBJECT, str(root, "user.id"));
    add_account(out, CR_SUBJECT, str(root, "user.name"));
    add_each(out, path(root, "related.user"), add_account, CR_SUBJECT);
    add_badge(out, CR_SUBJECT, str(root, "seawall.badge"));
    add_badge(out, CR_SUBJECT, str(root, "seawall.phys.badge"));

    const char *area = str(root, "seawall.area");
    if (!area) area = str(root, "seawall.phys.area");
    if (area && strlen(area) < CORR_VALUE_MAX) strcpy(out->area, area);
    add_text(out, CE_ASSET, CR_SUBJECT, "", str(root, "seawall.phys.asset"));

    add_mmsi(out, path(root, "seawall.ais.mmsi"));
    json_t *mm = path(root, "seawall.ais.mmsis");
    if (json_is_array(mm)) json_array_foreach(mm, i, x) add_mmsi(out, x);
done:
    json_decref(root);
    return rc;
}
