/* defcred.c - the factory-default credential table and its matcher: a bit
 * per entry, cleared as soon as a password byte disagrees, so a password
 * is compared as it streams past and never has to be kept. */
#include "net/proto/defcred.h"
#include <string.h>
#include <strings.h>

static const defcred table[] = {
#define DEFCRED(id, scope, user, password, vendors) { id, scope, user, password, vendors },
#include "net/proto/defcred.def"
#undef DEFCRED
};

#define N_ENTRIES (sizeof table / sizeof *table)
_Static_assert(N_ENTRIES <= DEFCRED_MAX, "defcred.def: more entries than defcred_stream.alive has bits");

size_t defcred_count(void) { return N_ENTRIES; }

const defcred *defcred_at(size_t i) { return i < N_ENTRIES ? &table[i] : NULL; }

void defcred_stream_begin(defcred_stream *s, defcred_scope scope, const char *user)
{
    s->alive = 0;
    s->pos = 0;
    for (size_t i = 0; i < N_ENTRIES; i++) {
        const defcred *d = &table[i];
        if (d->scope != scope) continue;
        if (scope == DEFCRED_LOGIN && (!user || strcasecmp(user, d->user))) continue;
        s->alive |= 1ull << i;
    }
}

void defcred_stream_put(defcred_stream *s, uint8_t ch)
{
    for (uint64_t m = s->alive; m; m &= m - 1) {
        size_t i = (size_t)__builtin_ctzll(m);
        const char *p = table[i].password;
        /* p[pos] is only read while pos <= strlen(p): an entry leaves the
         * running at its terminating NUL, which no byte matches. */
        if ((uint8_t)p[s->pos] != ch || ch == 0) s->alive &= ~(1ull << i);
    }
    if (s->pos < UINT16_MAX) s->pos++;
    else s->alive = 0;
}

const defcred *defcred_stream_end(defcred_stream *s)
{
    const defcred *hit = NULL;
    for (uint64_t m = s->alive; m && !hit; m &= m - 1) {
        size_t i = (size_t)__builtin_ctzll(m);
        if (table[i].password[s->pos] == '\0') hit = &table[i];
    }
    s->alive = 0;
    return hit;
}

const defcred *defcred_match(defcred_scope scope, const char *user, const void *password, size_t len)
{
    defcred_stream s;
    defcred_stream_begin(&s, scope, user);
    const uint8_t *p = password;
    for (size_t i = 0; i < len && s.alive; i++) defcred_stream_put(&s, p[i]);
    return defcred_stream_end(&s);
}
