/* fuzz_json_escape.c - any bytes written through the streaming JSON writer
 * must come out as valid JSON that decodes (jansson as the oracle). */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include "core/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    strbuf sb;
    strbuf_init(&sb);
    json_writer w;
    jw_init(&w, &sb);
    jw_object_begin(&w);
    jw_key(&w, (size > 0 && data[0] < 0x80) ? "k" : "\xff key");
    jw_string_n(&w, (const char *)data, size);
    jw_key(&w, "n");
    jw_int(&w, (int64_t)size);
    jw_object_end(&w);
    json_error_t e;
    json_t *j = json_loadb(sb.data, sb.len, JSON_ALLOW_NUL, &e);
    if (!j) abort();   /* the writer produced invalid JSON */
    json_decref(j);
    strbuf_free(&sb);
    return 0;
}
