/* pcapout.c - the simulator's pcap sink: libpcap's buffered dumper on a
 * dead Ethernet handle, microsecond timestamps. */
#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sim/sim.h"

struct sim_pcap {
    pcap_t *dead;
    pcap_dumper_t *dump;
    char *iobuf;
};

/* A 1 MiB stdio buffer: the default 4 KiB costs a write(2) every few frames at GB sizes. */
#define SIM_PCAP_IOBUF (1u << 20)

sim_pcap *sim_pcap_open(const char *path, sw_error *err)
{
    sim_pcap *p = calloc(1, sizeof *p);
    if (!p) { sw_fail(err, SW_ERR_NOMEM, "out of memory"); return NULL; }
    p->dead = pcap_open_dead(DLT_EN10MB, 65535);
    if (!p->dead) { free(p); sw_fail(err, SW_ERR_NOMEM, "pcap_open_dead failed"); return NULL; }
    FILE *f = fopen(path, "wb");
    if (!f) {
        sw_fail(err, SW_ERR_IO, "%s: %s", path, strerror(errno));
        pcap_close(p->dead);
        free(p);
        return NULL;
    }
    p->iobuf = malloc(SIM_PCAP_IOBUF);
    if (p->iobuf) setvbuf(f, p->iobuf, _IOFBF, SIM_PCAP_IOBUF);
    p->dump = pcap_dump_fopen(p->dead, f);
    if (!p->dump) {
        sw_fail(err, SW_ERR_IO, "%s: %s", path, pcap_geterr(p->dead));
        fclose(f);
        free(p->iobuf);
        pcap_close(p->dead);
        free(p);
        return NULL;
    }
    return p;
}

void sim_pcap_sink(void *user, sw_time_us ts, const uint8_t *frame, size_t len)
{
    sim_pcap *p = user;
    struct pcap_pkthdr h;
    h.ts.tv_sec = (time_t)(ts / SW_US_PER_SEC);
    h.ts.tv_usec = (suseconds_t)(ts % SW_US_PER_SEC);
    h.caplen = h.len = (bpf_u_int32)len;
    pcap_dump((u_char *)p->dump, &h, frame);
}

sw_code sim_pcap_close(sim_pcap *p, sw_error *err)
{
    if (!p) return SW_OK;
    sw_code rc = SW_OK;
    FILE *f = pcap_dump_file(p->dump);
    if (pcap_dump_flush(p->dump) != 0 || ferror(f)) rc = sw_fail(err, SW_ERR_IO, "writing the capture failed");
    pcap_dump_close(p->dump);       /* closes f; the buffer may be freed only after */
    free(p->iobuf);
    pcap_close(p->dead);
    free(p);
    return rc;
}
