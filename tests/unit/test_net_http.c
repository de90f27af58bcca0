/* test_net_http.c - the HTTP parser on hand-made exchanges: request and
 * status lines, Host/User-Agent/Server, Basic credentials (user only),
 * Content-Length and chunked bodies, HEAD and 304 without bodies,
 * pipelining, byte-by-byte delivery, gap resync, ONVIF device information
 * as identity, the probe. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "net/proto/proto.h"
#include "proto_harness.h"

static int setup(void **state) { return harness_setup(state, "http"); }
static void cs(harness_fixture *f, const char *s) { harness_to_server(f, (const uint8_t *)s, strlen(s)); }
static void sc(harness_fixture *f, const char *s) { harness_to_client(f, (const uint8_t *)s, strlen(s)); }

static void test_request_response_and_credentials(void **state)
{
    harness_fixture *f = *state;
    /* "admin:s3cret" */
    cs(f, "POST /login HTTP/1.1\r\nHost: cam-01.port.local\r\nUser-Agent: curl/8.0\r\n"
          "Authorization: Basic YWRtaW46czNjcmV0\r\nContent-Length: 11\r\n\r\nhello=world");
    assert_int_equal(f->seen.n_metas, 1);
    assert_string_equal(f->seen.event[0], "request");
    assert_string_equal(harness_meta_get(&f->seen, 0, "http.method", 0), "POST");
    assert_string_equal(harness_meta_get(&f->seen, 0, "http.uri", 0), "/login");
    assert_string_equal(harness_meta_get(&f->seen, 0, "http.host", 0), "cam-01.port.local");
    assert_string_equal(harness_meta_get(&f->seen, 0, "http.user_agent", 0), "curl/8.0");
    assert_string_equal(harness_meta_get(&f->seen, 0, "user.name", 0), "admin");
    assert_true(f->seen.clear[0]);
    assert_null(f->seen.default_id[0]);
    for (size_t k = 0; k < f->seen.nkv[0]; k++) assert_null(strstr(f->seen.val[0][k], "s3cret"));
    /* a chunked response, then a pipelined GET and HEAD */
    sc(f, "HTTP/1.1 200 OK\r\nServer: lighttpd/1.4\r\nTransfer-Encoding: chunked\r\n\r\n"
          "5\r\nHTTP/\r\n3;ext=1\r\n1.1\r\n0\r\nX-Trailer: 1\r\n\r\n");
    assert_int_equal(f->seen.n_metas, 2);
    assert_string_equal(f->seen.event[1], "response");
    assert_string_equal(harness_meta_get(&f->seen, 1, "http.status", 0), "200");
    assert_string_equal(harness_meta_get(&f->seen, 1, "http.server", 0), "lighttpd/1.4");
    cs(f, "GET /a HTTP/1.1\r\nhost: x\r\n\r\nHEAD /b HTTP/1.0\r\n\r\n");
    assert_int_equal(f->seen.n_metas, 4);
    assert_string_equal(harness_meta_get(&f->seen, 2, "http.host", 0), "x");      /* header names are case-insensitive */
    assert_false(f->seen.clear[2]);
    /* the GET's reply has a body that looks like a status line; the HEAD's has none */
    sc(f, "HTTP/1.1 200 OK\r\nContent-Length: 17\r\n\r\nHTTP/1.1 500 Bad\n"
          "HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n"
          "HTTP/1.1 304 Not Modified\r\n\r\n");
    assert_int_equal(f->seen.n_metas, 7);
    assert_string_equal(harness_meta_get(&f->seen, 4, "http.status", 0), "200");
    assert_string_equal(harness_meta_get(&f->seen, 5, "http.status", 0), "200");
    assert_string_equal(harness_meta_get(&f->seen, 6, "http.status", 0), "304");
}

/* Basic credentials equal to a vendor default are named (by table id) on
 * the answer that shows the server took them: not on 401/403, not on an
 * interim 1xx, each answer matched to its request in a pipeline. */
static void test_default_credentials(void **state)
{
    harness_fixture *f = *state;
    cs(f, "GET /status.htm HTTP/1.1\r\nHost: ups-2\r\nAuthorization: Basic YXBjOmFwYw==\r\n\r\n");   /* apc:apc */
    assert_int_equal(f->seen.n_metas, 1);
    assert_true(f->seen.clear[0]);
    assert_null(f->seen.default_id[0]);              /* the request alone proves nothing */
    assert_string_equal(harness_meta_get(&f->seen, 0, "user.name", 0), "apc");
    sc(f, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    assert_int_equal(f->seen.n_metas, 3);
    assert_null(f->seen.default_id[1]);
    assert_string_equal(f->seen.default_id[2], "apc-apc");
    assert_true(f->seen.accepted[2]);
    /* three pipelined: a default refused, a non-default taken, a default taken */
    cs(f, "GET /a HTTP/1.1\r\nAuthorization: basic QURNSU46MTIzNDU=\r\n\r\n"      /* ADMIN:12345 */
          "GET /b HTTP/1.1\r\nAuthorization: Basic YWRtaW46MTIzNDU2\r\n\r\n"      /* admin:123456 */
          "GET /c HTTP/1.1\r\nAuthorization: Basic YWRtaW46\r\n\r\n");         /* admin: (empty) */
    assert_int_equal(f->seen.n_metas, 6);
    sc(f, "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n"
          "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
          "HTTP/1.1 302 Found\r\nContent-Length: 0\r\n\r\n");
    assert_int_equal(f->seen.n_metas, 9);
    assert_null(f->seen.default_id[6]);
    assert_null(f->seen.default_id[7]);
    assert_string_equal(f->seen.default_id[8], "admin-empty");
    /* no colon: no password; a request without credentials */
    cs(f, "GET / HTTP/1.1\r\nAuthorization: Basic YWRtaW4=\r\n\r\nGET /n HTTP/1.1\r\n\r\n");
    sc(f, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    assert_int_equal(f->seen.n_metas, 13);
    assert_null(f->seen.default_id[11]);
    assert_null(f->seen.default_id[12]);
    /* unanswered at a gap: each entry once, not as accepted; then at the flow's end */
    cs(f, "GET /1 HTTP/1.1\r\nAuthorization: Basic YXBjOmFwYw==\r\n\r\n"
          "GET /2 HTTP/1.1\r\nAuthorization: Basic YXBjOmFwYw==\r\n\r\n"
          "GET /3 HTTP/1.1\r\nAuthorization: Basic YWRtaW46YWRtaW4=\r\n\r\n");
    assert_int_equal(f->seen.n_metas, 16);
    harness_gap(f, NET_DIR_TO_CLIENT, 1000);
    assert_int_equal(f->seen.n_metas, 18);
    assert_string_equal(f->seen.event[16], "login_unanswered");
    assert_string_equal(f->seen.default_id[16], "apc-apc");
    assert_string_equal(f->seen.default_id[17], "admin-admin");
    assert_false(f->seen.accepted[16] || f->seen.accepted[17]);
    harness_end(f);                                  /* nothing left waiting */
    assert_int_equal(f->seen.n_metas, 18);
    cs(f, "GET /4 HTTP/1.1\r\nAuthorization: Basic YWRtaW46cGFzc3dvcmQ=\r\n\r\n");
    harness_end(f);
    assert_int_equal(f->seen.n_metas, 20);
    assert_string_equal(f->seen.default_id[19], "admin-password");
}

static void test_byte_by_byte_gap_and_garbage(void **state)
{
    harness_fixture *f = *state;
    const char *req = "GET /index.html HTTP/1.1\r\nHost: a.example\r\n\r\n";
    for (size_t i = 0; i < strlen(req); i++) harness_to_server(f, (const uint8_t *)req + i, 1);
    assert_int_equal(f->seen.n_metas, 1);
    assert_string_equal(harness_meta_get(&f->seen, 0, "http.host", 0), "a.example");
    /* half a request, a gap, junk, then a whole request */
    cs(f, "GET /lost HTTP/1.1\r\nHo");
    harness_gap(f, NET_DIR_TO_SERVER, 500);
    cs(f, "st: nowhere\r\n\x01\x02\xff garbage\r\n\r\nGET /ok HTTP/1.1\r\nHost: b\r\n\r\n");
    assert_int_equal(f->seen.n_metas, 2);
    assert_string_equal(harness_meta_get(&f->seen, 1, "http.uri", 0), "/ok");
    /* an overlong header line is cut, not overflowed */
    char big[5000];
    memset(big, 'A', sizeof big);
    memcpy(big, "GET /x HTTP/1.1\r\nUser-Agent: ", 29);
    memcpy(big + sizeof big - 5, "\r\n\r\n", 5);
    harness_to_server(f, (const uint8_t *)big, sizeof big - 1);
    assert_int_equal(f->seen.n_metas, 3);
    assert_int_equal(strlen(harness_meta_get(&f->seen, 2, "http.user_agent", 0)), 255);
    /* a bad Content-Length and bad base64 are ignored */
    cs(f, "POST /p HTTP/1.1\r\nContent-Length: 12x\r\nAuthorization: Basic ***\r\n\r\nGET /q HTTP/1.1\r\n\r\n");
    assert_int_equal(f->seen.n_metas, 5);
    assert_null(harness_meta_get(&f->seen, 3, "user.name", 0));
}

static void test_onvif_identity(void **state)
{
    harness_fixture *f = *state;
    cs(f, "POST /onvif/device_service HTTP/1.1\r\nHost: 10.1.2.3\r\nContent-Length: 4\r\n\r\nsoap");
    const char *body =
        "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\">"
        "<s:Body><tds:GetDeviceInformationResponse><tds:Manufacturer>AXIS</tds:Manufacturer>"
        "<tds:Model>P1448-LE</tds:Model><tds:FirmwareVersion>10.12.114</tds:FirmwareVersion>"
        "<tds:SerialNumber>B8A44F000001</tds:SerialNumber><tds:HardwareId>7A1</tds:HardwareId>"
        "</tds:GetDeviceInformationResponse></s:Body></s:Envelope>";
    char resp[2048];
    snprintf(resp, sizeof resp, "HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml\r\nContent-Length: %zu\r\n\r\n%s",
             strlen(body), body);
    /* in two deliveries, cut inside the body */
    harness_to_client(f, (const uint8_t *)resp, 150);
    harness_to_client(f, (const uint8_t *)resp + 150, strlen(resp) - 150);
    assert_int_equal(f->seen.n_metas, 3);
    assert_string_equal(f->seen.event[2], "device_information");
    assert_string_equal(harness_meta_get(&f->seen, 2, "onvif.model", 0), "P1448-LE");
    assert_int_equal(f->seen.n_ids, 1);
    assert_string_equal(f->seen.vendor, "AXIS");
    assert_string_equal(f->seen.model, "P1448-LE");
    assert_string_equal(f->seen.firmware, "10.12.114");
    assert_string_equal(f->seen.serial, "B8A44F000001");
    /* the same body for a non-ONVIF request is not read */
    cs(f, "GET /other HTTP/1.1\r\n\r\n");
    harness_to_client(f, (const uint8_t *)resp, strlen(resp));
    assert_int_equal(f->seen.n_ids, 1);
}

static void test_probe(void **state)
{
    harness_fixture *f = *state;
    const char *ok = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
    assert_int_equal(f->pp->probe((const uint8_t *)ok, strlen(ok), NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    assert_int_equal(f->pp->probe((const uint8_t *)ok, 2, NET_DIR_TO_SERVER), PROTO_PROBE_NEED_MORE);
    assert_int_equal(f->pp->probe((const uint8_t *)ok, 8, NET_DIR_TO_SERVER), PROTO_PROBE_NEED_MORE);
    const char *rtsp = "OPTIONS rtsp://cam/ RTSP/1.0\r\nCSeq: 1\r\n\r\n";
    assert_int_equal(f->pp->probe((const uint8_t *)rtsp, strlen(rtsp), NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    const char *resp = "HTTP/1.0 200 OK\r\n";
    assert_int_equal(f->pp->probe((const uint8_t *)resp, strlen(resp), NET_DIR_TO_CLIENT), PROTO_PROBE_YES);
    assert_int_equal(f->pp->probe((const uint8_t *)"RTSP/1.0 200", 12, NET_DIR_TO_CLIENT), PROTO_PROBE_NO);
    const uint8_t tls[] = { 22, 3, 1, 2, 0, 1 };
    assert_int_equal(f->pp->probe(tls, 6, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    assert_int_equal(f->pp->probe((const uint8_t *)"GETX / HTTP/1.1\r\n", 17, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_request_response_and_credentials, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_default_credentials, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_byte_by_byte_gap_and_garbage, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_onvif_identity, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_probe, setup, harness_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
