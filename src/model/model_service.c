/* model_service.c - the named-protocol table and the parser for conduit
 * services (see model_service.h). A protocol is added by one table line. */
#include "model/model_service.h"
#include <ctype.h>
#include <string.h>
#include "core/strbuf.h"

enum { TCP = 6, UDP = 17 };

const model_service_name model_service_names[] = {
    /* industrial control */
    { "modbus", TCP, 502, "Modbus/TCP" },
    { "s7comm", TCP, 102, "Siemens S7 (ISO-TSAP)" },
    { "s7comm-plus", TCP, 102, "Siemens S7CommPlus" },
    { "dnp3", TCP, 20000, "DNP3" },
    { "enip", TCP, 44818, "EtherNet/IP explicit messaging" },
    { "cip-io", UDP, 2222, "EtherNet/IP implicit (CIP I/O)" },
    { "bacnet", UDP, 47808, "BACnet/IP (building systems)" },
    { "iec104", TCP, 2404, "IEC 60870-5-104 (substations)" },
    { "iec61850-mms", TCP, 102, "IEC 61850 MMS" },
    { "opcua", TCP, 4840, "OPC UA binary" },
    { "profinet", UDP, 34964, "PROFINET context manager (the RT frames are layer 2)" },
    { "fins", UDP, 9600, "Omron FINS" },
    { "melsec", TCP, 5007, "Mitsubishi MELSEC" },
    { "codesys", TCP, 2455, "CODESYS runtime" },
    { "mqtt", TCP, 1883, "MQTT" },
    { "mqtts", TCP, 8883, "MQTT over TLS" },
    { "nmea", UDP, 10110, "NMEA 0183 over UDP (AIS, radar, navigation)" },
    /* IT and management */
    { "http", TCP, 80, "HTTP" },
    { "https", TCP, 443, "HTTPS" },
    { "http-alt", TCP, 8080, "HTTP on 8080" },
    { "ssh", TCP, 22, "SSH" },
    { "telnet", TCP, 23, "Telnet" },
    { "ftp", TCP, 21, "FTP control" },
    { "sftp", TCP, 22, "SFTP (over SSH)" },
    { "tftp", UDP, 69, "TFTP" },
    { "rdp", TCP, 3389, "Remote Desktop" },
    { "vnc", TCP, 5900, "VNC" },
    { "smb", TCP, 445, "SMB file sharing" },
    { "dns", UDP, 53, "DNS" },
    { "ntp", UDP, 123, "NTP" },
    { "ptp", UDP, 319, "Precision Time Protocol events" },
    { "snmp", UDP, 161, "SNMP" },
    { "snmp-trap", UDP, 162, "SNMP traps" },
    { "syslog", UDP, 514, "syslog" },
    { "syslog-tls", TCP, 6514, "syslog over TLS" },
    { "ldap", TCP, 389, "LDAP" },
    { "ldaps", TCP, 636, "LDAP over TLS" },
    { "kerberos", TCP, 88, "Kerberos" },
    { "radius", UDP, 1812, "RADIUS" },
    { "dhcp", UDP, 67, "DHCP" },
    { "smtp", TCP, 25, "SMTP" },
    { "submission", TCP, 587, "SMTP submission" },
    { "imaps", TCP, 993, "IMAP over TLS" },
    { "sql", TCP, 1433, "Microsoft SQL Server" },
    { "mssql", TCP, 1433, "Microsoft SQL Server" },
    { "oracle", TCP, 1521, "Oracle TNS" },
    { "postgres", TCP, 5432, "PostgreSQL" },
    { "mysql", TCP, 3306, "MySQL" },
    { "winrm", TCP, 5986, "WinRM over HTTPS" },
    { "ipsec", UDP, 500, "IKE (IPsec VPN)" },
    { "openvpn", UDP, 1194, "OpenVPN" },
    { "wireguard", UDP, 51820, "WireGuard" },
    /* physical security */
    { "rtsp", TCP, 554, "RTSP video streams" },
    { "onvif", TCP, 80, "ONVIF camera control" },
    { "sip", UDP, 5060, "SIP (intercoms, phones)" },
    { "osdp", TCP, 4001, "OSDP over TCP (badge readers)" },
};
const size_t model_n_service_names = sizeof model_service_names / sizeof model_service_names[0];

const char *model_ip_proto_name(uint8_t ip_proto)
{
    switch (ip_proto) {
    case 1: return "icmp";
    case TCP: return "tcp";
    case UDP: return "udp";
    default: return "any";
    }
}

const model_service_name *model_service_lookup(const char *name)
{
    for (size_t i = 0; i < model_n_service_names; i++)
        if (strcmp(model_service_names[i].name, name) == 0) return &model_service_names[i];
    return NULL;
}

/* A decimal port 1..65535 with no sign, spaces or leading zeros. */
static bool parse_port(const char *s, size_t n, uint16_t *out)
{
    if (n == 0 || n > 5 || (s[0] == '0')) return false;
    unsigned long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (unsigned long)(s[i] - '0');
    }
    if (v < 1 || v > 65535) return false;
    *out = (uint16_t)v;
    return true;
}

/* "502" or "8000-8100" after "tcp/" or "udp/". */
static bool parse_port_range(const char *s, model_service *out, const char **why)
{
    const char *dash = strchr(s, '-');
    size_t lo_len = dash ? (size_t)(dash - s) : strlen(s);
    if (!parse_port(s, lo_len, &out->port_lo)) {
        *why = "the port must be a number from 1 to 65535";
        return false;
    }
    out->port_hi = out->port_lo;
    if (dash && !parse_port(dash + 1, strlen(dash + 1), &out->port_hi)) {
        *why = "the port range must be two numbers from 1 to 65535, as in tcp/8000-8100";
        return false;
    }
    if (out->port_hi < out->port_lo) {
        *why = "the port range is backwards: write the lower port first";
        return false;
    }
    return true;
}

static const char *suggest_protocol(const char *word)
{
    const char *names[sizeof model_service_names / sizeof model_service_names[0] + 5];
    size_t n = 0;
    for (size_t i = 0; i < model_n_service_names; i++) names[n++] = model_service_names[i].name;
    names[n++] = "tcp";
    names[n++] = "udp";
    names[n++] = "icmp";
    names[n++] = "any";
    return str_suggest(word, names, n);
}

bool model_service_parse(const char *text, model_service *out, const char **why, const char **suggest)
{
    *why = NULL;
    *suggest = NULL;
    out->name = NULL;
    out->ip_proto = 0;
    out->port_lo = out->port_hi = 0;

    /* Names are matched without regard to case: "Modbus" means modbus. */
    char lower[48];
    size_t len = strlen(text);
    if (len == 0) { *why = "the service is empty"; return false; }
    if (len >= sizeof lower) { *why = "the service is too long to be a protocol name or proto/port"; return false; }
    for (size_t i = 0; i <= len; i++) lower[i] = (char)tolower((unsigned char)text[i]);

    if (strcmp(lower, "any") == 0) return true;
    if (strcmp(lower, "icmp") == 0) { out->ip_proto = 1; return true; }
    if (strcmp(lower, "tcp") == 0) { out->ip_proto = TCP; return true; }
    if (strcmp(lower, "udp") == 0) { out->ip_proto = UDP; return true; }
    if (str_has_prefix(lower, "tcp/") || str_has_prefix(lower, "udp/")) {
        out->ip_proto = lower[0] == 't' ? TCP : UDP;
        return parse_port_range(lower + 4, out, why);
    }
    const model_service_name *known = model_service_lookup(lower);
    if (known) {
        out->name = known->name;
        out->ip_proto = known->ip_proto;
        out->port_lo = out->port_hi = known->port;
        return true;
    }
    if (strchr(lower, '/')) {
        *why = "the transport must be tcp or udp, as in tcp/502";
        return false;
    }
    *why = "unknown protocol";
    *suggest = suggest_protocol(lower);
    return false;
}
