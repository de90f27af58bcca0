/* capture.h - packet sources over libpcap: pcap and pcapng files, live
 * interfaces, a BPF filter on either. Maps libpcap link types onto the
 * decoder's, so nothing below this layer includes pcap.h. */
#ifndef SW_SENSE_CAPTURE_H
#define SW_SENSE_CAPTURE_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "core/error.h"
#include "core/timeutil.h"
#include "net/packet.h"

typedef struct sense_capture {
    void *pcap;                  /* pcap_t */
    const char *name;            /* file path or interface */
    bool live;
    net_link link;
    int dlt;
    long long file_size;         /* bytes, for progress; 0 when unknown */
} sense_capture;

typedef enum sense_next {
    SENSE_NEXT_PACKET,
    SENSE_NEXT_TIMEOUT,          /* live: nothing arrived in the read timeout */
    SENSE_NEXT_END,
    SENSE_NEXT_ERROR,            /* damaged file or interface gone: err says why */
} sense_next;

typedef struct sense_frame {
    const uint8_t *data;
    uint32_t caplen, wirelen;
    sw_time_us ts;
} sense_frame;

sw_code sense_capture_open_file(sense_capture *c, const char *path, const char *bpf, sw_error *err);
sw_code sense_capture_open_live(sense_capture *c, const char *iface, const char *bpf, sw_error *err);
sense_next sense_capture_next(sense_capture *c, sense_frame *f, sw_error *err);
/* Fraction of a file read so far (0..1), by file offset; -1 when unknown. */
double sense_capture_progress(const sense_capture *c);
/* Makes a blocked read return soon (safe from a signal handler). */
void sense_capture_break(sense_capture *c);
void sense_capture_close(sense_capture *c);
/* libpcap link type to the decoder's; false when it is not supported. */
bool sense_link_from_dlt(int dlt, net_link *out);

#endif
