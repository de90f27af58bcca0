/* opcua.h - OPC UA binary (UA TCP, UASC) parts that tests reuse: the
 * function numbers of transport messages and the service names. */
#ifndef SW_NET_PROTO_OPCUA_H
#define SW_NET_PROTO_OPCUA_H
#include <stdbool.h>
#include <stdint.h>

#define OPCUA_PORT 4840
#define OPCUA_HEADER_LEN 8           /* message type, chunk type, size */
#define OPCUA_PREFIX_MAX 768         /* bytes of a message kept for decoding */
#define OPCUA_MESSAGE_MAX (16u << 20)/* a larger size is taken for lost sync */

/* Services carry the numeric NodeId of their binary encoding (631
 * ReadRequest, ...); messages whose body is not decoded carry their type. */
enum {
    OPCUA_FN_HEL = 1, OPCUA_FN_ACK = 2, OPCUA_FN_ERR = 3, OPCUA_FN_RHE = 4,
    OPCUA_FN_OPN = 5, OPCUA_FN_MSG = 6, OPCUA_FN_CLO = 7,   /* body encrypted or not decodable */
    OPCUA_FN_OTHER_SERVICE = 8,                             /* a type id outside namespace 0 or 16 bits */
    OPCUA_FN_POLICY_NONE = 9,    /* flag: an OpenSecureChannel message names SecurityPolicy#None */
};

enum {
    OPCUA_SERVICE_FAULT = 397, OPCUA_OPEN_SECURE_CHANNEL = 446, OPCUA_CLOSE_SECURE_CHANNEL = 452,
    OPCUA_GET_ENDPOINTS = 428, OPCUA_FIND_SERVERS = 422, OPCUA_READ = 631, OPCUA_WRITE = 673,
    OPCUA_CALL = 712,
};

/* The service's name ("ReadRequest") for a binary encoding id, or NULL. */
const char *opcua_service_name(uint32_t id);
/* The response's encoding id for a request's, or 0 when unknown. */
uint32_t opcua_response_of(uint32_t request);
/* True for the encoding id of a response (or ServiceFault). */
bool opcua_service_is_response(uint32_t id);

#endif
