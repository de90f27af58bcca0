/* fuzz_ais_decode.c - libFuzzer target for the AIS pipeline: arbitrary
 * multi-line buffers through line parsing, fragment assembly, decoding and
 * JSON/CSV rendering; inputs starting with 0xA5 are instead taken as a raw
 * bit buffer and decoded directly, to reach every message layout. One
 * stream lives across inputs so fragment floods accumulate: its memory is
 * fixed, so a leak or growth would show in RSS. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "ais/ais_json.h"
#include "ais/stream.h"
#include "core/json.h"

static ais_stream stream;
static bool ready;

static void render(const ais_msg *m, strbuf *out)
{
    ais_json_opts scaled = { true, "stdin" }, raw = { false, NULL };
    strbuf_reset(out);
    ais_json_write(out, m, &scaled);
    ais_json_write(out, m, &raw);
    ais_csv_write(out, m);
    /* Every rendering must be one line per format, NUL-free. */
    if (memchr(out->data, '\0', out->len)) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static strbuf out;
    ais_msg m;
    ais_meta meta;
    if (!ready) {
        ais_stream_init(&stream);
        strbuf_init(&out);
        ready = true;
    }
    if (size > 0 && data[0] == 0xA5) {
        ais_bits b;
        ais24_queue q;
        memset(&q, 0, sizeof q);
        size_t n = size - 1 > AIS_BITS_MAX / 8 ? AIS_BITS_MAX / 8 : size - 1;
        /* The last byte trims the bit length so every length is reachable. */
        unsigned nbits = (unsigned)n * 8;
        if (n > 0) nbits -= data[size - 1] % 8;
        ais_bits_load(&b, data + 1, nbits);
        if (ais_decode(&b, &m, &q) == AIS_OK) render(&m, &out);
        return 0;
    }
    size_t pos = 0;
    while (pos < size) {
        const uint8_t *nl = memchr(data + pos, '\n', size - pos);
        size_t len = nl ? (size_t)(nl - (data + pos)) : size - pos;
        if (ais_stream_line(&stream, (const char *)data + pos, len, &m, &meta)) render(&m, &out);
        pos += len + 1;
    }
    if (stream.nslots_used > AIS_FRAG_SLOTS) abort();
    return 0;
}
