/* model_id.h - the one rule for ids: what the port-model loader accepts as
 * an object's id and what the REST API accepts in a path or parameter, so
 * every object a model declares can be addressed by the API. Pure. */
#ifndef SW_MODEL_ID_H
#define SW_MODEL_ID_H
#include <stdbool.h>
#include <stddef.h>
#include "core/strbuf.h"

/* The longest id, in bytes: the most every consumer carries whole. The
 * correlator's entity values are the tightest (48 bytes with the NUL, and
 * correlate.h asserts they fit); a longer id would drop out of correlation
 * without a word. Buffers that hold ids are MODEL_ID_MAX + 1 or larger. */
#define MODEL_ID_MAX 47
/* The allowed bytes, as messages name them, and as a regular-expression class. */
#define MODEL_ID_CHARS_TEXT "letters, digits, '.', '_', ':' or '-'"
#define MODEL_ID_CHARS_CLASS "[A-Za-z0-9._:-]"

/* Whether c may appear in an id: an ASCII letter or digit, '.', '_', ':' or '-'. */
bool model_id_char(unsigned char c);

/* Whether s is an id: 1 to MODEL_ID_MAX bytes, each allowed by model_id_char.
 * When it is not and bad_at is not NULL, *bad_at is the offset of the first
 * byte that breaks the rule: 0 for "", the offset of a byte not allowed, or
 * MODEL_ID_MAX when the first MODEL_ID_MAX bytes are allowed and more follow.
 * Reads at most MODEL_ID_MAX + 1 bytes of s. */
bool model_id_valid(const char *s, size_t *bad_at);

/* Why s, refused by model_id_valid with bad_at, is not an id, appended to
 * out for a message: `is empty`, `"crane 1" has ' ' at 6` (offsets count
 * from 1), `"grúa" has 'ú' (U+00FA) at 3`, or `"aaaa..." is 70 bytes long`.
 * The id is cut after MODEL_ID_MAX bytes and its non-printing bytes are
 * escaped (\t, \x01), so the text stays one short line. */
void model_id_explain(strbuf *out, const char *s, size_t bad_at);

#endif
