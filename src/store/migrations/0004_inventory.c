/* 0004_inventory.c - schema v4: the asset inventory from the wire: how each
 * (address, MAC) pair was seen (ARP, its zone, the MAC's vendor), the names
 * hosts go by and who said so, and the services each host offers and uses. */
#include "store/store_sql.h"

/* observed_hosts already has vendor_guess (v1, unused until now): the
 * writer fills it from the MAC's OUI. The new columns say how far to trust
 * the pair: an ARP sender owns its MAC; a MAC seen with addresses in
 * several zones, or with many addresses, is a router forwarding for them. */
const store_migration store_migration_0004_inventory = {
    4, "asset inventory: ARP-backed address/MAC pairs and zones, host names, services offered and used",

    "ALTER TABLE observed_hosts ADD COLUMN arp_packets INTEGER NOT NULL DEFAULT 0;  -- ARP sent with this pair\n"
    "ALTER TABLE observed_hosts ADD COLUMN zone_id TEXT REFERENCES zones(id) ON DELETE SET NULL;\n"
    "CREATE INDEX observed_hosts_mac ON observed_hosts(mac);\n"

    "CREATE TABLE host_names (  -- a name a host goes by, per source\n"
    "  ip         TEXT NOT NULL DEFAULT '',  -- '' when only the MAC is known (DHCP)\n"
    "  mac        TEXT NOT NULL DEFAULT '',  -- '' when only the address is known (DNS)\n"
    "  name       TEXT NOT NULL,\n"
    "  source     TEXT NOT NULL,  -- 'dhcp', 'dns', 'dns-ptr', 'netbios', or the identity protocol: 'snmp', 's7comm', ...\n"
    "  first_seen INTEGER NOT NULL,\n"
    "  last_seen  INTEGER NOT NULL,\n"
    "  count      INTEGER NOT NULL DEFAULT 0,\n"
    "  PRIMARY KEY (ip, mac, name, source)\n"
    ") STRICT;\n"
    "CREATE INDEX host_names_mac ON host_names(mac) WHERE mac <> '';\n"

    "CREATE TABLE host_services (  -- per host: a port it answered on, or a server port it used\n"
    "  ip         TEXT NOT NULL,\n"
    "  role       TEXT NOT NULL CHECK (role IN ('server', 'client')),\n"
    "  ip_proto   INTEGER NOT NULL,  -- 6 tcp, 17 udp\n"
    "  port       INTEGER NOT NULL,  -- the server's port either way\n"
    "  app        TEXT,              -- the protocol a parser recognised, e.g. 'modbus'; NULL: none\n"
    "  flows      INTEGER NOT NULL DEFAULT 0,\n"
    "  peers_hint TEXT,              -- the last peer seen, for a person to start from\n"
    "  first_seen INTEGER NOT NULL,\n"
    "  last_seen  INTEGER NOT NULL,\n"
    "  PRIMARY KEY (ip, role, ip_proto, port)\n"
    ") STRICT;\n",
};
