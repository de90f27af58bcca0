/* pcapout.c - the simulator's pcap sink: libpcap's buffered dumper on a
 * dead Ethernet handle, microsecond timestamps. */
#include <pcap/pcap.h>
#include <stdlib.h>
#include "sim/sim.h"

struct sim_pcap {
    pcap_t *dead;
    pcap_dumper_t *dump;
};

sim_pcap *sim_pcap_open(const char *path, sw_error *err)
{
    sim_pcap *p = calloc(1, sizeof *p);
    if (!p) { sw_fail(err, SW_ERR_NOMEM, "out of memory"); return NULL; }
    p->dead = pcap_open_dead(DLT_EN10MB, 65535);
    if (!p->dead) { free(p); sw_fail(err, SW_ERR_NOMEM, "pcap_open_dead failed"); return NULL; }
    p->dump = pcap_dump_open(p->dead, path);
    if (!p->dump) {
        sw_fail(err, SW_ERR_IO, "%s: %s", path, pcap_geterr(p->dead));
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
    if (pcap_dump_flush(p->dump) != 0) rc = sw_fail(err, SW_ERR_IO, "writing the capture failed");
    pcap_dump_close(p->dump);
    pcap_close(p->dead);
    free(p);
    return rc;
}
