/* s7comm_plus.c - S7comm-Plus (protocol id 0x72, S7-1200/1500) PDU headers:
 * version, integrity part, opcode, function, sequence number and session,
 * and the write/control class of the functions that change a PLC. */
#include <string.h>
#include "core/cursor.h"
#include "net/proto/s7comm.h"

const char *s7plus_function_name(uint16_t function)
{
    switch (function) {
    case S7PLUS_FC_ERROR: return "error";
    case S7PLUS_FC_EXPLORE: return "explore";
    case S7PLUS_FC_CREATE_OBJECT: return "create_object";
    case S7PLUS_FC_DELETE_OBJECT: return "delete_object";
    case S7PLUS_FC_SET_VARIABLE: return "set_variable";
    case S7PLUS_FC_GET_VARIABLE: return "get_variable";
    case S7PLUS_FC_ADD_LINK: return "add_link";
    case S7PLUS_FC_REMOVE_LINK: return "remove_link";
    case S7PLUS_FC_GET_LINK: return "get_link";
    case S7PLUS_FC_SET_MULTI_VARIABLES: return "set_multi_variables";
    case S7PLUS_FC_GET_MULTI_VARIABLES: return "get_multi_variables";
    case S7PLUS_FC_BEGIN_SEQUENCE: return "begin_sequence";
    case S7PLUS_FC_END_SEQUENCE: return "end_sequence";
    case S7PLUS_FC_INVOKE: return "invoke";
    case S7PLUS_FC_SET_VAR_SUBSTREAMED: return "set_var_substreamed";
    case S7PLUS_FC_GET_VAR_SUBSTREAMED: return "get_var_substreamed";
    case S7PLUS_FC_GET_VARIABLES_ADDRESS: return "get_variables_address";
    case S7PLUS_FC_ABORT: return "abort";
    default: return "unknown";
    }
}

/* S7comm-Plus variable-length integers: 7 bits a byte, most significant
 * first, the top bit set on every byte but the last (at most 10 bytes). */
static uint64_t vlq(cursor *c)
{
    uint64_t v = 0;
    for (int i = 0; i < 10; i++) {
        uint8_t b = cursor_u8(c);
        v = v << 7 | (b & 0x7f);
        if (!(b & 0x80)) return v;
    }
    c->bad = true;
    return 0;
}

bool s7plus_has_trailer(const uint8_t *data, size_t len)
{
    cursor c = cursor_make(data, len);
    cursor_skip(&c, 2);
    size_t dlen = cursor_be16(&c);
    if (!cursor_ok(&c) || len < 4 + dlen + 4) return false;
    cursor t = cursor_make(data, len);
    cursor_skip(&t, len - 4);
    uint8_t id = cursor_u8(&t), version = cursor_u8(&t);
    uint16_t zero = cursor_be16(&t);
    return cursor_ok(&t) && id == S7PLUS_PROTOCOL_ID && version == data[1] && zero == 0;
}

/* What a request does to the PLC. Sessions are objects too: creating one
 * in the session container, or deleting one above S7PLUS_SESSION_ID_MIN,
 * is connection housekeeping, not a program change. */
static bool classify_request(uint16_t function, cursor *c, obs_ics_op *op)
{
    switch (function) {
    case S7PLUS_FC_SET_VARIABLE: {
        uint32_t object = cursor_be32(c);
        vlq(c);                                   /* item count, always 1 */
        uint32_t attribute = (uint32_t)vlq(c);
        op->is_write = true;
        op->has_range = true;
        op->address = attribute;
        op->quantity = 1;
        if (object == S7PLUS_RID_CPU_EXEC_UNIT && attribute == S7PLUS_AID_OPERATING_STATE_REQ) {
            op->is_control = true;
            op->s7.service = "operating_state";
        }
        return cursor_ok(c);
    }
    case S7PLUS_FC_SET_MULTI_VARIABLES: case S7PLUS_FC_SET_VAR_SUBSTREAMED:
        op->is_write = true;
        return true;
    case S7PLUS_FC_CREATE_OBJECT: {
        uint32_t container = cursor_be32(c);
        op->has_range = true;
        op->address = container;
        op->quantity = 1;
        if (container != S7PLUS_RID_SERVER_SESSION_CONTAINER) {
            op->is_write = op->is_control = true;
            op->s7.download = true;
        }
        return cursor_ok(c);
    }
    case S7PLUS_FC_DELETE_OBJECT: {
        uint32_t object = cursor_be32(c);
        op->has_range = true;
        op->address = object;
        op->quantity = 1;
        if (object < S7PLUS_SESSION_ID_MIN) op->is_write = op->is_control = true;
        return cursor_ok(c);
    }
    default:
        return true;
    }
}

bool s7plus_parse_pdu(const uint8_t *data, size_t len, obs_ics_op *op)
{
    cursor c = cursor_make(data, len);
    uint8_t id = cursor_u8(&c), version = cursor_u8(&c);
    uint16_t dlen = cursor_be16(&c);
    op->protocol = "s7comm-plus";
    op->function_name = "unknown";
    op->s7.version = version;
    if (!cursor_ok(&c) || id != S7PLUS_PROTOCOL_ID || version < 1 || version > 3) return false;
    /* the data part; a truncated PDU keeps what there is */
    cursor d = cursor_sub(&c, cursor_left(&c) < dlen ? cursor_left(&c) : dlen);
    if (version == 3) {
        uint8_t digest = cursor_u8(&d);
        cursor_skip(&d, 32);
        op->s7.integrity = true;
        if (digest != 32) return false;
    } else if (version == 2) {
        op->s7.integrity = true;                  /* trails the data part */
    }
    uint8_t opcode = cursor_u8(&d);
    op->s7.rosctr = opcode;
    if (opcode == S7PLUS_OP_NOTIFICATION) {
        op->function_name = "notification";
        op->transaction = cursor_be32(&d);        /* subscription object */
        return cursor_ok(&d);
    }
    cursor_skip(&d, 2);
    op->function = cursor_be16(&d);
    op->function_name = s7plus_function_name(op->function);
    cursor_skip(&d, 2);
    op->transaction = cursor_be16(&d);
    if (!cursor_ok(&d)) return false;
    if (opcode == S7PLUS_OP_REQUEST) {
        op->s7.session = cursor_be32(&d);
        cursor_skip(&d, 1);                       /* transport flags */
        if (!cursor_ok(&d)) return false;
        return classify_request(op->function, &d, op);
    }
    if (opcode == S7PLUS_OP_RESPONSE || opcode == S7PLUS_OP_RESPONSE2) {
        op->is_response = true;
        cursor_skip(&d, 1);
        if (op->function == S7PLUS_FC_ERROR) { op->exception = true; return cursor_ok(&d); }
        uint64_t rv = vlq(&d);
        /* the return value's low 16 bits are a signed code: negative is an error */
        int16_t code = (int16_t)(uint16_t)(rv & 0xffff);
        if (cursor_ok(&d) && code < 0) {
            op->exception = true;
            op->exception_code = (uint8_t)-code;
            op->s7.error = (uint16_t)code;
        }
        return cursor_ok(&d);
    }
    return false;
}
