/* test_net_rtsp.c - the RTSP parser on hand-made exchanges: OPTIONS with
 * Basic credentials (user kept, flagged), DESCRIBE with an SDP body,
 * SETUP/PLAY then '$'-interleaved RTP frames that look like requests,
 * Digest auth (user, not flagged), Server as identity, byte-by-byte and
 * gapped delivery, overlong lines, the probe. */
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

static int setup(void **state) { return harness_setup(state, "rtsp"); }
static void cs(harness_fixture *f, const char *s) { harness_to_server(f, (const uint8_t *)s, strlen(s)); }
static void sc(harness_fixture *f, const char *s) { harness_to_client(f, (const uint8_t *)s, strlen(s)); }

static const char OPTIONS[] = "OPTIONS rtsp://10.50.1.12/axis-media/media.amp RTSP/1.0\r\nCSeq: 1\r\n"
                              "User-Agent: VMS Recorder\r\nAuthorization: Basic YWRtaW46czNjcmV0\r\n\r\n";   /* admin:s3cret */

static void test_session(void **state)
{
    harness_fixture *f = *state;
    cs(f, OPTIONS);
    assert_int_equal(f->seen.n_metas, 1);
    assert_string_equal(f->seen.event[0], "request");
    assert_string_equal(harness_meta_get(&f->seen, 0, "rtsp.method", 0), "OPTIONS");
    assert_string_equal(harness_meta_get(&f->seen, 0, "rtsp.uri", 0), "rtsp://10.50.1.12/axis-media/media.amp");
    assert_string_equal(harness_meta_get(&f->seen, 0, "rtsp.user_agent", 0), "VMS Recorder");
    assert_string_equal(harness_meta_get(&f->seen, 0, "user.name", 0), "admin");
    assert_true(f->seen.clear[0]);
    assert_null(f->seen.default_id[0]);
    for (size_t k = 0; k < f->seen.nkv[0]; k++) assert_null(strstr(f->seen.val[0][k], "s3cret"));
    sc(f, "RTSP/1.0 200 OK\r\nCSeq: 1\r\nServer: AXIS Communications RTSP Server\r\nPublic: OPTIONS, DESCRIBE\r\n\r\n");
    assert_string_equal(f->seen.event[1], "response");
    assert_string_equal(harness_meta_get(&f->seen, 1, "rtsp.status", 0), "200");
    assert_string_equal(harness_meta_get(&f->seen, 1, "rtsp.server", 0), "AXIS Communications RTSP Server");
    assert_int_equal(f->seen.n_ids, 1);
    assert_string_equal(f->seen.id.product, "AXIS Communications RTSP Server");
    /* a DESCRIBE reply whose SDP body holds lines like a status line */
    cs(f, "DESCRIBE rtsp://10.50.1.12/axis-media/media.amp RTSP/1.0\r\nCSeq: 2\r\n"
          "Authorization: Digest username=\"viewer\", realm=\"AXIS\", nonce=\"abc\", response=\"00\"\r\n\r\n");
    assert_string_equal(harness_meta_get(&f->seen, 2, "user.name", 0), "viewer");
    assert_false(f->seen.clear[2]);
    assert_null(f->seen.default_id[2]);              /* Digest hides the password: nothing to compare */
    sc(f, "RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Length: 29\r\n\r\nv=0\r\nRTSP/1.0 500 Nope\r\ns=x\r\n");
    assert_int_equal(f->seen.n_metas, 4);
    /* PLAY, then RTP frames interleaved: their payload is never read as text */
    cs(f, "PLAY rtsp://10.50.1.12/axis-media/media.amp RTSP/1.0\r\nCSeq: 3\r\nSession: 1\r\n\r\n");
    uint8_t frame[4 + 40];
    frame[0] = '$'; frame[1] = 0; frame[2] = 0; frame[3] = 40;
    memcpy(frame + 4, "RTSP/1.0 404 Not Found\r\n\r\nRTSP/1.0 40\r\n", 40);
    sc(f, "RTSP/1.0 200 OK\r\nCSeq: 3\r\n\r\n");
    for (int i = 0; i < 3; i++) harness_to_client(f, frame, sizeof frame);
    for (size_t i = 0; i < sizeof frame; i++) harness_to_client(f, frame + i, 1);
    assert_int_equal(f->seen.n_metas, 6);
    cs(f, "TEARDOWN rtsp://10.50.1.12/axis-media/media.amp RTSP/1.0\r\nCSeq: 4\r\n\r\n");
    sc(f, "RTSP/1.0 200 OK\r\nCSeq: 4\r\n\r\n");
    assert_int_equal(f->seen.n_metas, 8);
    assert_string_equal(harness_meta_get(&f->seen, 6, "rtsp.method", 0), "TEARDOWN");
    /* a recorder still on the camera's factory account (root:pass): named on
     * the 200 that answers it, not on a 401 */
    cs(f, "DESCRIBE rtsp://10.50.1.12/ RTSP/1.0\r\nCSeq: 5\r\nAuthorization: Basic cm9vdDpwYXNz\r\n\r\n");
    assert_int_equal(f->seen.n_metas, 9);
    assert_true(f->seen.clear[8]);
    assert_null(f->seen.default_id[8]);
    sc(f, "RTSP/1.0 401 Unauthorized\r\nCSeq: 5\r\n\r\n");
    assert_null(f->seen.default_id[9]);
    cs(f, "DESCRIBE rtsp://10.50.1.12/ RTSP/1.0\r\nCSeq: 6\r\nAuthorization: Basic cm9vdDpwYXNz\r\n\r\n");
    sc(f, "RTSP/1.0 200 OK\r\nCSeq: 6\r\n\r\n");
    assert_int_equal(f->seen.n_metas, 12);
    assert_string_equal(f->seen.default_id[11], "root-pass");
    assert_true(f->seen.accepted[11]);
    cs(f, "OPTIONS * RTSP/1.0\r\nCSeq: 7\r\n\r\n");
    sc(f, "RTSP/1.0 200 OK\r\nCSeq: 7\r\n\r\n");
    assert_null(f->seen.default_id[13]);
    /* never answered: reported at the flow's end, not as accepted */
    cs(f, "DESCRIBE rtsp://10.50.1.12/ RTSP/1.0\r\nCSeq: 8\r\nAuthorization: Basic cm9vdDpwYXNz\r\n\r\n");
    harness_end(f);
    assert_int_equal(f->seen.n_metas, 16);
    assert_string_equal(f->seen.event[15], "login_unanswered");
    assert_string_equal(f->seen.default_id[15], "root-pass");
    assert_false(f->seen.accepted[15]);
}

static void test_split_gap_and_long_lines(void **state)
{
    harness_fixture *f = *state;
    for (size_t i = 0; i < strlen(OPTIONS); i++) harness_to_server(f, (const uint8_t *)OPTIONS + i, 1);
    assert_int_equal(f->seen.n_metas, 1);
    assert_string_equal(harness_meta_get(&f->seen, 0, "user.name", 0), "admin");
    /* half a request, a gap, junk, then a whole request */
    cs(f, "SETUP rtsp://cam/track1 RTSP/1.0\r\nCSe");
    harness_gap(f, NET_DIR_TO_SERVER, 300);
    cs(f, "q: 9\r\n\x01\x02 junk\r\n\r\nPLAY rtsp://cam/ RTSP/1.0\r\n\r\n");
    assert_int_equal(f->seen.n_metas, 2);
    assert_string_equal(harness_meta_get(&f->seen, 1, "rtsp.method", 0), "PLAY");
    /* an overlong URI and header are cut, not overflowed */
    char big[3000];
    memset(big, 'A', sizeof big);
    memcpy(big, "GET_PARAMETER rtsp://", 21);
    memcpy(big + 1000, " RTSP/1.0\r\nUser-Agent: ", 23);
    memcpy(big + sizeof big - 5, "\r\n\r\n", 5);
    harness_to_server(f, (const uint8_t *)big, sizeof big - 1);
    assert_int_equal(f->seen.n_metas, 2);           /* the cut request line no longer ends in RTSP/1.0 */
    memcpy(big + 200, " RTSP/1.0\r\nUser-Agent: ", 23);
    harness_to_server(f, (const uint8_t *)big, sizeof big - 1);
    assert_int_equal(f->seen.n_metas, 3);
    assert_int_equal(strlen(harness_meta_get(&f->seen, 2, "rtsp.uri", 0)), 159);
    assert_int_equal(strlen(harness_meta_get(&f->seen, 2, "rtsp.user_agent", 0)), 95);
}

static void test_probe(void **state)
{
    harness_fixture *f = *state;
    const proto_parser *pp = f->pp;
    assert_int_equal(pp->probe((const uint8_t *)OPTIONS, strlen(OPTIONS), NET_DIR_TO_SERVER), PROTO_PROBE_YES);
    assert_int_equal(pp->probe((const uint8_t *)"OPT", 3, NET_DIR_TO_SERVER), PROTO_PROBE_NEED_MORE);
    assert_int_equal(pp->probe((const uint8_t *)"OPTIONS rtsp://x", 16, NET_DIR_TO_SERVER), PROTO_PROBE_NEED_MORE);
    assert_int_equal(pp->probe((const uint8_t *)"OPTIONS * HTTP/1.1\r\n", 20, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    assert_int_equal(pp->probe((const uint8_t *)"GET / RTSP/1.0\r\n", 16, NET_DIR_TO_SERVER), PROTO_PROBE_NO);
    assert_int_equal(pp->probe((const uint8_t *)"RTSP/1.0 200 OK\r\n", 17, NET_DIR_TO_CLIENT), PROTO_PROBE_YES);
    assert_int_equal(pp->probe((const uint8_t *)"RTS", 3, NET_DIR_TO_CLIENT), PROTO_PROBE_NEED_MORE);
    assert_int_equal(pp->probe((const uint8_t *)"HTTP/1.1 200 OK\r\n", 17, NET_DIR_TO_CLIENT), PROTO_PROBE_NO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_session, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_split_gap_and_long_lines, setup, harness_teardown),
        cmocka_unit_test_setup_teardown(test_probe, setup, harness_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
