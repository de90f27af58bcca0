/* observe.h - what decoders tell the rest of Seawall: typed observations
 * (flow ended, protocol recognised, ICS operation, device identity) pushed
 * into sinks. Strings in an observation live only during the sink call. */
#ifndef SW_NET_OBSERVE_H
#define SW_NET_OBSERVE_H
#include <stdbool.h>
#include <stdint.h>
#include "core/timeutil.h"
#include "net/flow.h"
#include "net/packet.h"

typedef enum obs_kind {
    OBS_PACKET,          /* every decoded packet (MAC/IP inventory, ARP) */
    OBS_FLOW_END,        /* a flow left the table: its summary */
    OBS_APP_DETECTED,    /* a parser claimed a flow */
    OBS_ICS_OP,          /* one ICS request or response */
    OBS_IDENTITY,        /* what a device says it is */
    OBS_APP_META,        /* names and facts an IT protocol reveals (DNS name, TLS SNI, user) */
    OBS__COUNT
} obs_kind;

#define OBS_MASK(k) (1u << (k))
#define OBS_MASK_ALL ((1u << OBS__COUNT) - 1)
#define OBS_DNP3_MAX_OBJECTS 8

/* One ICS operation, protocol-neutral so detectors need no per-protocol code. */
typedef struct obs_ics_op {
    const char *protocol;        /* "modbus" */
    uint16_t function;           /* function code, exception bit cleared */
    const char *function_name;
    bool has_subfunction;
    uint16_t subfunction;        /* Modbus: FC 8 sub-function, FC 43 MEI type, FC 90 UMAS code */
    uint32_t unit_id;
    uint32_t transaction;
    bool has_range;
    uint32_t address, quantity;  /* the range written, or read when nothing is written */
    bool has_read_range;
    uint32_t read_address, read_quantity;  /* FC 23: the read half */
    bool is_response;
    bool paired;                 /* a response matched to its request */
    bool is_write;               /* changes process data or configuration */
    bool is_control;             /* changes the device's run state */
    bool exception;
    uint8_t exception_code;
    bool malformed;              /* fields did not fit the function's layout */
    /* CIP (EtherNet/IP): the object a request path names, a symbolic tag,
     * the extended status of a reply, and the connection a Forward Open or
     * Forward Close asks for. Zero for other protocols. */
    struct {
        bool has_class, has_instance, has_attribute;
        uint32_t class_id, instance, attribute;
        const char *tag;             /* symbolic segments joined by '.', or NULL */
        bool has_extended_status;
        uint16_t extended_status;    /* first word of the additional status */
        bool has_connection;         /* Forward Open/Close: the fields below */
        uint32_t ot_connection_id, to_connection_id;   /* network connection ids */
        uint32_t ot_rpi_us, to_rpi_us;                 /* requested packet intervals */
        uint16_t connection_serial, originator_vendor;
        uint32_t originator_serial;
    } cip;
    /* BACnet: the APDU's type and the object and property a service names
     * (ReadProperty, WriteProperty, ...); an Error's class and code. */
    struct {
        uint8_t pdu_type;            /* 0 confirmed request .. 7 abort */
        bool has_object, has_property, has_array_index;
        uint16_t object_type;
        uint32_t instance, property, array_index;
        bool has_error;
        uint32_t error_class, error_code;
    } bacnet;
    /* IEC 60870-5-104: the APCI format and the ASDU's header. */
    struct {
        char format;                 /* 'I', 'S' or 'U' */
        uint16_t send_seq, recv_seq; /* N(S), N(R) */
        uint8_t cause;               /* cause of transmission, 6 bits */
        bool negative, test, sq;
        uint8_t originator, n_objects;
    } iec104;
    /* OPC UA binary: the chunk's message type and the secure channel's
     * security as OpenSecureChannel shows it. */
    struct {
        char message_type[4];        /* "MSG", "OPN", "HEL", ... */
        const char *security_policy; /* URI, or NULL */
        bool policy_none;            /* ...#None: neither signed nor encrypted */
        uint8_t security_mode;       /* 1 None, 2 Sign, 3 SignAndEncrypt; 0 unseen */
        bool encrypted;              /* a body not decoded: only the type is known */
        uint32_t status;             /* a response's service result, or ERR's error */
    } opcua;
    /* DNP3: the link frame's addresses, the application control byte, a
     * response's internal indications, and the object headers in order
     * (n_objects counts them all; the first OBS_DNP3_MAX_OBJECTS are kept). */
    struct {
        uint16_t source, destination;
        uint8_t app_control;         /* FIR 0x80, FIN 0x40, CON 0x20, UNS 0x10, SEQ */
        bool has_iin;
        uint16_t iin;                /* IIN1 << 8 | IIN2 */
        uint8_t n_objects;
        struct { uint8_t group, variation, qualifier; } objects[OBS_DNP3_MAX_OBJECTS];
    } dnp3;
    /* S7comm and S7comm-Plus: the PDU type, the memory area or program
     * block an operation names, a PI service, program transfer direction,
     * and S7comm-Plus version, session and integrity part. */
    struct {
        uint8_t rosctr;              /* 1 job, 2 ack, 3 ack-data, 7 userdata; S7comm-Plus opcode */
        uint8_t area;                /* read/write var: 0x84 DB, 0x81 I, 0x82 Q, 0x83 M, ...; 0 none */
        uint16_t db;                 /* data block number when area is DB */
        bool has_block;
        char block_type[4];          /* "OB", "DB", "FC", "FB", "SDB", "SFC", "SFB" */
        uint32_t block_number;
        const char *service;         /* PI service or stop: "_INSE", "P_PROGRAM"; NULL */
        bool download, upload;       /* program transfer to or from the PLC */
        uint16_t error;              /* error class << 8 | code (header, parameter or item) */
        uint8_t version;             /* S7comm-Plus protocol version (1..3); 0 for S7comm */
        uint32_t session;            /* S7comm-Plus session id (requests) */
        bool integrity;              /* S7comm-Plus integrity part present (not checked) */
        bool has_szl;
        uint16_t szl_id, szl_index;  /* CPU functions / read SZL: the list asked for */
    } s7;
} obs_ics_op;

/* A device's own account of itself; absent fields are NULL. */
typedef struct obs_identity {
    const char *protocol;
    uint32_t unit_id;
    const char *vendor, *product, *firmware, *serial, *model, *name, *url;
    const char *device_type;     /* the protocol's device class (CIP device type), or NULL */
    bool has_product_code;
    uint32_t product_code;       /* CIP identity product code */
    const char *plant;           /* plant or location designation (S7 SZL 0x001C), or NULL */
} obs_identity;

/* Facts an application protocol reveals, as a few well-known keys, so
 * inventory, identity and indicator matching need no per-protocol code.
 * Keys in use (add to docs/sense.md when adding one): dns.query, dns.answer,
 * tls.sni, tls.version, tls.ja3, tls.ja4, http.host, http.uri, http.user_agent,
 * http.server, dhcp.hostname, dhcp.vendor_class, dhcp.requested_ip, ssh.client,
 * ssh.server, user.name, snmp.community, netbios.name, rtsp.uri, onvif.model,
 * smb.share, smb.file, smb.domain, smb.dialect, snmp.oid, snmp.sys_name,
 * snmp.sys_descr, ntp.control, ntp.stratum, ntp.refid, rtsp.method, rtsp.server. */
/* Remote-access keys: ssh.kex, ssh.host_key, ssh.cipher, ssh.mac,
 * ssh.compression, telnet.command, telnet.option, ftp.command, ftp.reply_code,
 * ftp.banner, ftp.file, vnc.server_version, vnc.client_version,
 * vnc.security_types, vnc.security_type, vnc.authentication, vnc.auth_result,
 * vnc.desktop_name, vnc.screen, rdp.requested_protocols, rdp.selected_protocol,
 * rdp.security, rdp.failure_code. */
#define OBS_META_MAX 8
typedef struct obs_app_meta {
    const char *protocol;        /* "dns", "tls", ... */
    const char *event;           /* "query", "client_hello", "login", ... */
    bool cleartext_credentials;  /* a password or community string crossed in clear */
    /* A vendor factory default (net/proto/defcred.def) was used: set on the
     * event that shows the server took it (FTP 230/202 after PASS, an HTTP
     * or RTSP answer other than 401/403, an SNMP response or trap, a shell
     * prompt after a Telnet password), or on a "login_unanswered" event when
     * the flow ended or lost bytes before any answer. NULL otherwise. */
    const struct defcred *default_credential;
    bool default_accepted;       /* the server's answer showed the login worked */
    size_t n;
    struct { const char *key, *value; } kv[OBS_META_MAX];
} obs_app_meta;

typedef struct net_observation {
    obs_kind kind;
    sw_time_us ts;
    uint64_t frame;              /* the frame that completed it: evidence */
    const net_packet *packet;    /* OBS_PACKET; otherwise may be NULL */
    const net_flow *flow;        /* NULL for non-IP packets */
    net_dir dir;
    union {
        struct { flow_end_reason reason; const char *app; } flow_end;
        struct { const char *app; } app;
        obs_ics_op ics;
        obs_identity identity;
        obs_app_meta meta;
    } u;
} net_observation;

/* A consumer. `kinds` selects what it is sent (OBS_MASK bits), so the engine
 * builds no observation that nobody reads. */
typedef struct obs_sink {
    void (*emit)(void *user, const net_observation *o);
    void *user;
    uint32_t kinds;
} obs_sink;

static inline void obs_sink_emit(const obs_sink *s, const net_observation *o)
{
    if (s && s->emit && (s->kinds & OBS_MASK(o->kind))) s->emit(s->user, o);
}

#endif
