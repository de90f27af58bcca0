/* fuzz_phys_feed.c - any bytes as a feed in transit: the first byte picks
 * a UDP listener (datagrams) or a file (reads), the next 8 seed the piece
 * sizes. The line cutter must give the same lines, in the same order, as a
 * reference cut (one piece per unit), and every line must decode cleanly
 * with the Milestone-like syslog profile, the counts adding up. */
#include "phys_fuzz.h"
#include "phys/phys_lines.h"

static const char profile[] =
    "[profile]\nformat = syslog\ntime_zone = utc\n"
    "[fields]\ntime = @timestamp\nkind = Event\ncamera = Camera\ndevice = @host\nbadge = card\n"
    "[kinds]\n\"Communication Started\" = camera-online\n\"Communication Stopped\" = camera-offline\n";

typedef struct line_log {
    uint64_t hash, lines, overlong;
    bool decode;
} line_log;

static void on_line(void *user, const char *line, size_t len, bool overlong)
{
    line_log *l = user;
    if (!overlong && (len > PHYS_LINE_MAX + 1 || memchr(line, '\n', len))) abort();
    uint64_t h = l->hash ^ (overlong ? 0x9e3779b97f4a7c15ull : len);
    for (size_t i = 0; i < len; i++) h = (h ^ (uint8_t)line[i]) * 0x100000001b3ull;
    l->hash = h * 0x100000001b3ull;
    l->lines++;
    l->overlong += overlong;
    if (!l->decode) return;
    if (overlong) {   /* what sense does with it: one malformed line */
        phys_fuzz_dec.line++;
        phys_fuzz_dec.stats.lines++;
        phys_fuzz_dec.stats.malformed++;
        return;
    }
    phys_event ev;
    char why[200];
    phys_line_result r = phys_decode_line(&phys_fuzz_dec, line, len, &ev, why, sizeof why);
    if (ev.line != phys_fuzz_dec.line) abort();
    if (r == PHYS_LINE_EVENT) phys_fuzz_check_event(&ev);
    if (r == PHYS_LINE_MALFORMED && !why[0]) abort();
}

static uint64_t next_rand(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static phys_line_cutter cut, ref;
    static phys_profile prof;
    static int loaded;
    if (!loaded) {
        unsigned line;
        char why[200];
        if (!phys_profile_parse(profile, strlen(profile), &prof, &line, why, sizeof why)) abort();
        loaded = 1;
    }
    if (size < 9) return 0;
    bool datagrams = data[0] & 1;
    uint64_t seed = 0;
    memcpy(&seed, data + 1, 8);
    seed |= 1;
    data += 9;
    size -= 9;
    phys_decoder_init(&phys_fuzz_dec, &prof, NULL);
    line_log got = { 0, 0, 0, true }, want = { 0, 0, 0, false };
    phys_lines_init(&cut);
    phys_lines_init(&ref);
    size_t max_piece = datagrams ? 1500 : 1 + (size_t)(seed % 9000);
    for (size_t at = 0; at < size;) {
        size_t n = 1 + (size_t)(next_rand(&seed) % max_piece);
        if (n > size - at) n = size - at;
        phys_lines_feed(&cut, data + at, n, datagrams, on_line, &got);
        /* The reference: a datagram is cut on its own, a file in one piece at the end. */
        if (datagrams) {
            phys_line_cutter *fresh = &ref;
            phys_lines_init(fresh);
            phys_lines_feed(fresh, data + at, n, true, on_line, &want);
        }
        at += n;
    }
    if (!datagrams) {
        phys_lines_feed(&cut, NULL, 0, true, on_line, &got);
        phys_lines_feed(&ref, data, size, true, on_line, &want);
    }
    if (got.hash != want.hash || got.lines != want.lines || got.overlong != want.overlong) abort();
    const phys_stats *st = &phys_fuzz_dec.stats;
    if (st->lines != got.lines || st->events + st->malformed + st->unmapped + st->skipped != st->lines) abort();
    return 0;
}
