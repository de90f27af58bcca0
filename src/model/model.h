/* model.h - the port model: sites, IEC 62443 zones and conduits, assets,
 * entry points, people and vendors, as DESIGN.md's port.yaml contract.
 * A model is read-only once loaded; all its memory lives in one arena.
 * References between objects are kept both as the id (as written) and
 * as an index resolved by validation (-1 when unresolved). */
#ifndef SW_MODEL_H
#define SW_MODEL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/arena.h"
#include "core/diag.h"
#include "core/geo.h"
#include "core/hashmap.h"
#include "core/ipaddr.h"
#include "core/tz.h"

typedef struct model_pos { unsigned line, col; } model_pos;   /* 1-based, 0 = not from a file */

typedef enum { DOMAIN_IT, DOMAIN_OT, DOMAIN_PHYS, DOMAIN__COUNT } model_domain;
typedef enum { CRIT_LOW, CRIT_MEDIUM, CRIT_HIGH, CRIT_CROWN_JEWEL, CRIT__COUNT } model_criticality;

typedef struct model_strlist {
    const char **items;
    model_pos *pos;        /* position of each item */
    size_t len;
} model_strlist;

typedef struct model_site {
    const char *id, *name, *description;
    model_pos pos, id_pos;
} model_site;

typedef struct model_zone {
    const char *id, *name, *description;
    const char *site;              /* optional site id */
    int site_index;
    model_domain domain;
    int security_level;            /* target SL 0..4 (0: untrusted, e.g. internet) */
    ip_net *networks;
    model_pos *network_pos;
    size_t n_networks;
    bool catch_all;                /* holds 0.0.0.0/0 or ::/0: the most specific zone wins over it */
    model_pos pos, id_pos, site_pos;
} model_zone;

/* A conduit service: a named protocol ("modbus") or "tcp/502", "udp/47808",
 * "tcp/8000-8100". A named protocol resolves to its well-known transport. */
typedef struct model_service {
    const char *text;              /* as written */
    const char *name;              /* protocol name, or NULL for proto/port */
    uint8_t ip_proto;              /* 6 tcp, 17 udp, 1 icmp, 0 any */
    uint16_t port_lo, port_hi;     /* 0,0 = any port */
    model_pos pos;
} model_service;

typedef struct model_conduit {
    const char *id;                /* optional; "from->to" when omitted */
    const char *from, *to;         /* zone ids */
    int from_index, to_index;
    model_service *services;
    size_t n_services;
    const char *justification;
    bool bidirectional;            /* default false: from initiates */
    model_pos pos, id_pos, from_pos, to_pos;
} model_conduit;

typedef struct model_impact {
    double teu_per_hour;           /* containers per hour that stop when the asset is down */
    double vessel_delay_hours;     /* per hour of outage */
    double cost_per_hour;          /* money per hour of outage, in the port's currency */
    bool safety;                   /* loss or misuse can hurt people */
    bool environment;              /* can cause a spill, emission or similar */
    bool regulatory;               /* outage or breach is reportable */
    bool has_teu, has_delay, has_cost;
    model_strlist regulatory_in;   /* `regulatory: [eu-nis2, us-cg]`: where it is reportable (empty: the port's jurisdictions) */
} model_impact;

/* A place: WGS 84 degrees (lat, lon) or metres on a site grid (x, y). */
typedef struct model_position {
    double lat, lon, x, y;
    bool has_lat, has_lon, has_x, has_y;
    model_pos pos;                 /* 0,0 when absent */
} model_position;

typedef struct model_asset {
    const char *id, *name, *kind, *description;
    const char *zone;
    int zone_index;
    ip_addr *ips;
    model_pos *ip_pos;
    size_t n_ips;
    uint8_t mac[6];
    bool has_mac;
    const char *hostname;
    const char *vendor, *product, *version, *cpe;
    model_strlist cpes;            /* more CPE 2.3 names the asset runs: hardware, modules, OS */
    model_criticality criticality;
    model_impact impact;
    model_strlist depends_on;      /* asset ids */
    int *depends_on_index;
    double rto_hours;              /* recovery time objective; <0 when unset */
    const char *owner;             /* person id */
    int owner_index;
    model_strlist may_write;       /* asset ids allowed to send ICS write/control */
    int *may_write_index;
    model_strlist tags;
    model_pos pos, id_pos, zone_pos, kind_pos, mac_pos, owner_pos;
    /* Physical security (docs/port-model.md "Physical security"). */
    const char *area;              /* badge readers and doors: the access area they open into */
    int area_index;                /* into port_model.access_areas, -1 when unset or unresolved */
    model_position position;       /* readers: where they are, for impossible travel */
    model_strlist covers;          /* cameras: the asset ids in view */
    int *covers_index;
    model_pos area_pos;
} model_asset;

typedef struct model_entry_point {
    const char *id, *name, *kind;  /* kind: internet, remote-access, email, wifi, physical, removable-media, supply-chain */
    const char *description;
    model_strlist reaches;         /* zone or asset ids */
    model_pos pos, id_pos, kind_pos;
} model_entry_point;

typedef struct model_person {
    const char *id, *name, *email;
    model_strlist roles;
    const char *badge;
    const char *status;            /* active (default), left, leave */
    const char *vendor;            /* vendor id for contractors */
    model_pos pos, id_pos, vendor_pos;
    /* Physical security and identities (docs/port-model.md "People"). */
    const char *shift;             /* working hours, port local time: "Mon-Fri 06:00-14:00" */
    tz_window shift_window;        /* parsed by validation */
    bool has_shift;
    model_strlist areas;           /* access area ids the person may enter */
    int *areas_index;
    model_strlist accounts;        /* user names: directory, VPN, wire protocols */
    model_pos shift_pos;
} model_person;

/* Where a vendor's remote sessions come from: a zone, an asset or a network. */
typedef struct model_access_source {
    int zone, asset;               /* indices, -1 when it is not one */
    ip_net net;
    bool is_net;
} model_access_source;
/* An access area: a room or enclosure behind badge readers (top-level
 * `areas:`); kind says how sensitive it is. */
typedef struct model_access_area {
    const char *id, *name, *description;
    const char *kind;              /* ot-room, server-room, vts-centre, gate, office, public, ... */
    const char *zone;              /* the network zone whose equipment it houses, optional */
    int zone_index;
    model_strlist assets;          /* asset ids inside it */
    int *assets_index;
    model_pos pos, id_pos, kind_pos, zone_pos;
    /* When people are expected inside, port local time ("Mon-Fri 07:00-19:00");
     * motion outside it is alerted in a sensitive area. Optional. */
    const char *hours;
    tz_window hours_window;        /* parsed by validation */
    bool has_hours;
    model_pos hours_pos;
} model_access_area;

typedef struct model_vendor {
    const char *id, *name, *contact;
    const char *remote_access;     /* entry point id */
    model_strlist assets;          /* asset ids they maintain */
    model_pos pos, id_pos, remote_access_pos;
    /* When remote access is agreed, in the port's local time ("Mon-Fri 07:00-19:00"). */
    const char *access_window;
    tz_window window;              /* parsed by validation */
    bool has_window;
    model_pos access_window_pos;
    /* Zone ids, asset ids or networks the remote sessions start from; when
     * empty, what the remote_access entry point reaches. Resolved by validation. */
    model_strlist access_from;
    model_access_source *access_src;
    size_t n_access_src;
    int *assets_index;
} model_vendor;

typedef struct model_port {
    const char *name, *timezone, *currency;
    model_strlist jurisdictions;   /* us-cg, eu-nis2, isps, ... */
    model_pos pos;
    model_pos timezone_pos;
    const sw_tz *tz;               /* loaded from the system tz database by validation; NULL: UTC */
    /* When engineering work (program changes, CPU stops) is normally done, local time. */
    const char *engineering_hours;
    tz_window engineering_window;
    bool has_engineering_hours;
    model_pos engineering_hours_pos;
} model_port;


/* ---- geography: where the port's water, land, berths and AIS stations are.
 * Polygons are rings of [lat, lon] in WGS 84 degrees (closing edge implied). */
typedef struct model_polygon {
    geo_point *pts;
    size_t n;
    geo_bbox bbox;
    model_pos pos;                 /* of the list; 0,0 when absent */
} model_polygon;

/* A named polygon: a water or land area, an anchorage, the VTS area. */
typedef struct model_area {
    const char *id, *name, *description;
    model_polygon polygon;
    model_pos pos, id_pos;
} model_area;

typedef struct model_fairway {
    const char *id, *name, *description;
    geo_point *centerline;         /* from seaward to the harbour */
    size_t n_centerline;
    model_pos centerline_pos;
    double width_m;                /* 0 when unset */
    model_pos pos, id_pos;
} model_fairway;

/* A berth is a polygon, or a point with a radius (a buoy or dolphin berth). */
typedef struct model_berth {
    const char *id, *name, *description;
    const char *site;              /* optional site id (terminal) */
    int site_index;
    const char *kind;              /* container, ferry, tug, marina, tanker, ... (free text) */
    model_polygon polygon;
    double lat, lon, radius_m;
    bool has_lat, has_lon, has_radius;
    model_pos pos, id_pos, site_pos, lat_pos;
} model_berth;

/* An AIS station the port runs: a base station (an asset of kind ais-base,
 * same id) or an aid to navigation (physical or virtual). */
typedef struct model_ais_station {
    const char *id, *name, *description;
    uint32_t mmsi;
    double lat, lon;
    bool has_lat, has_lon, is_virtual;
    int asset_index;               /* base stations: the asset with this id, or -1 */
    model_pos pos, id_pos, mmsi_pos, lat_pos;
} model_ais_station;

typedef struct model_geography {
    model_area vts_area;           /* polygon.n == 0 when absent */
    model_area *water;             size_t n_water;
    model_area *land;              size_t n_land;
    model_fairway *fairways;       size_t n_fairways;
    model_berth *berths;           size_t n_berths;
    model_area *anchorages;        size_t n_anchorages;
    model_ais_station *ais_base_stations; size_t n_ais_base_stations;
    model_ais_station *aids_to_navigation; size_t n_aids_to_navigation;
    model_pos pos;                 /* 0,0 when the model has no geography */
} model_geography;

/* One non-catch-all zone network in the model's address index. */
typedef struct model_net_entry {
    ip_net net;
    int zone;                      /* index into zones */
    int network;                   /* index into that zone's networks */
    int parent;                    /* closest entry whose network holds this one, or -1 */
} model_net_entry;

typedef struct port_model {
    arena mem;
    const char *path;
    model_port port;
    model_site *sites;          size_t n_sites;
    model_zone *zones;          size_t n_zones;
    model_conduit *conduits;    size_t n_conduits;
    model_asset *assets;        size_t n_assets;
    model_entry_point *entry_points; size_t n_entry_points;
    model_person *people;       size_t n_people;
    model_vendor *vendors;      size_t n_vendors;
    model_access_area *access_areas; size_t n_access_areas;
    /* id -> 1-based index (stored as (void*)(intptr_t)(i+1)); filled by validation */
    hashmap site_by_id, zone_by_id, asset_by_id, person_by_id, vendor_by_id, entry_by_id;
    hashmap asset_by_ip;        /* ip_fmt() text -> 1-based asset index, first asset wins */
    /* Zone networks sorted by address, so model_zone_for_ip is O(log n);
     * built by validation (without it, lookups scan every zone). */
    model_net_entry *net_index; size_t n_net_index;
    int catch_all_v4, catch_all_v6;  /* zone index holding 0.0.0.0/0 or ::/0, or -1 */
    bool net_index_ready;
    model_geography geo;        /* optional; geography.pos.line == 0 when absent */
} port_model;

/* Loads and validates `path`. Every problem goes to diags (errors and
 * warnings with file:line:col). Returns NULL only when nothing could be
 * read (I/O error or not YAML at all); otherwise returns the model even
 * when diags has errors, so callers decide. */
port_model *model_load_file(const char *path, diag_list *diags);
/* Same, from memory (for tests and the fuzzer); name is used in diagnostics. */
port_model *model_load_buffer(const char *data, size_t len, const char *name, diag_list *diags);
void model_free(port_model *m);

/* Lookups after a successful load; NULL when absent. */
const model_zone  *model_zone_by_id(const port_model *m, const char *id);
const model_asset *model_asset_by_id(const port_model *m, const char *id);
const model_person *model_person_by_id(const port_model *m, const char *id);
/* The most specific zone whose networks hold the address, or NULL. */
const model_zone  *model_zone_for_ip(const port_model *m, const ip_addr *ip);
/* The asset with this address, or NULL. */
const model_asset *model_asset_for_ip(const port_model *m, const ip_addr *ip);

/* Geography lookups (model_geo.c). Where the port says what a position is:
 * inside a land polygon is land (land wins over water, so a pier drawn in a
 * basin is land); inside a water polygon is water; anything else the
 * model does not know (MODEL_GEO_UNKNOWN): ask the world land layer. */
typedef enum { MODEL_GEO_UNKNOWN, MODEL_GEO_WATER, MODEL_GEO_LAND } model_geo_surface;
model_geo_surface model_geo_surface_at(const port_model *m, geo_point p);
bool model_in_vts_area(const port_model *m, geo_point p);
/* The berth or anchorage holding p, or NULL. */
const model_berth *model_berth_at(const port_model *m, geo_point p);
const model_area *model_anchorage_at(const port_model *m, geo_point p);
/* The port's base station or AtoN with this MMSI, or NULL. */
const model_ais_station *model_ais_station_by_mmsi(const port_model *m, uint32_t mmsi);
bool model_polygon_contains(const model_polygon *poly, geo_point p);
/* A berth's position: its point, or its polygon's vertex centroid. */
geo_point model_berth_center(const model_berth *b);
/* The mean of a polygon's distinct vertices: a label point, not the area centroid. */
geo_point model_polygon_centroid(const model_polygon *poly);

const char *model_domain_name(model_domain d);              /* "it" "ot" "phys" */
bool model_domain_parse(const char *s, model_domain *out);
const char *model_criticality_name(model_criticality c);    /* "low" ... "crown-jewel" */
bool model_criticality_parse(const char *s, model_criticality *out);

/* Asset kinds Seawall knows (plc, hmi, camera, ...); others load with a warning. */
extern const char *const model_asset_kinds[];
extern const size_t model_n_asset_kinds;
bool model_asset_kind_known(const char *kind);
/* Access area kinds (ot-room, server-room, ...); others load with a warning. */
extern const char *const model_area_kinds[];
extern const size_t model_n_area_kinds;
/* Does an area of this kind hold OT or other critical equipment (ot-room,
 * server-room, vts-centre, electrical-room)? */
bool model_area_kind_sensitive(const char *kind);
const model_access_area *model_access_area_by_id(const port_model *m, const char *id);

/* Entry point kinds (internet, remote-access, ...); others load with a warning. */
extern const char *const model_entry_kinds[];
extern const size_t model_n_entry_kinds;

#endif
