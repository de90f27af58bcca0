/* capture.c - libpcap behind the capture interface. Files open with
 * pcap_open_offline, which reads pcap and pcapng alike. */
#include "sense/capture.h"
#include <pcap/pcap.h>
#include <string.h>
#include <sys/stat.h>

bool sense_link_from_dlt(int dlt, net_link *out)
{
    switch (dlt) {
    case DLT_EN10MB: *out = NET_LINK_ETHERNET; return true;
    case DLT_LINUX_SLL: *out = NET_LINK_SLL; return true;
#ifdef DLT_LINUX_SLL2
    case DLT_LINUX_SLL2: *out = NET_LINK_SLL2; return true;
#endif
    case DLT_NULL: *out = NET_LINK_NULL; return true;
    case DLT_LOOP: *out = NET_LINK_LOOP; return true;
    case DLT_RAW: case 101: *out = NET_LINK_RAW; return true;   /* 101: LINKTYPE_RAW as some files store it */
#ifdef DLT_IPV4
    case DLT_IPV4: *out = NET_LINK_IPV4; return true;
#endif
#ifdef DLT_IPV6
    case DLT_IPV6: *out = NET_LINK_IPV6; return true;
#endif
    default: return false;
    }
}

static sw_code apply_filter(sense_capture *c, const char *bpf, sw_error *err)
{
    if (!bpf || !*bpf) return SW_OK;
    struct bpf_program prog;
    if (pcap_compile(c->pcap, &prog, bpf, 1, PCAP_NETMASK_UNKNOWN) != 0)
        return sw_fail(err, SW_ERR_USAGE, "bad filter '%s': %s", bpf, pcap_geterr(c->pcap));
    int rc = pcap_setfilter(c->pcap, &prog);
    pcap_freecode(&prog);
    if (rc != 0) return sw_fail(err, SW_ERR_IO, "cannot set filter: %s", pcap_geterr(c->pcap));
    return SW_OK;
}

static sw_code finish_open(sense_capture *c, const char *bpf, sw_error *err)
{
    c->dlt = pcap_datalink(c->pcap);
    if (!sense_link_from_dlt(c->dlt, &c->link)) {
        const char *n = pcap_datalink_val_to_name(c->dlt);
        sw_code rc = sw_fail(err, SW_ERR_PARSE, "%s: link type %s (%d) is not supported", c->name, n ? n : "?", c->dlt);
        sense_capture_close(c);
        return rc;
    }
    sw_code rc = apply_filter(c, bpf, err);
    if (rc != SW_OK) sense_capture_close(c);
    return rc;
}

sw_code sense_capture_open_file(sense_capture *c, const char *path, const char *bpf, sw_error *err)
{
    memset(c, 0, sizeof *c);
    c->name = path;
    char ebuf[PCAP_ERRBUF_SIZE] = "";
    c->pcap = pcap_open_offline_with_tstamp_precision(path, PCAP_TSTAMP_PRECISION_MICRO, ebuf);
    if (!c->pcap) return sw_fail(err, SW_ERR_IO, "%s: %s", path, ebuf);
    struct stat st;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) c->file_size = st.st_size;
    return finish_open(c, bpf, err);
}

sw_code sense_capture_open_live(sense_capture *c, const char *iface, const char *bpf, sw_error *err)
{
    memset(c, 0, sizeof *c);
    c->name = iface;
    c->live = true;
    char ebuf[PCAP_ERRBUF_SIZE] = "";
    pcap_t *p = pcap_create(iface, ebuf);
    if (!p) return sw_fail(err, SW_ERR_IO, "%s: %s", iface, ebuf);
    pcap_set_snaplen(p, 262144);
    pcap_set_promisc(p, 1);
    pcap_set_timeout(p, 100);              /* wake up to notice a stop request */
    pcap_set_buffer_size(p, 32 << 20);
    int rc = pcap_activate(p);
    if (rc < 0) {
        sw_code code = sw_fail(err, SW_ERR_IO, "%s: %s", iface, pcap_geterr(p));
        pcap_close(p);
        return code;
    }
    c->pcap = p;
    return finish_open(c, bpf, err);
}

sense_next sense_capture_next(sense_capture *c, sense_frame *f, sw_error *err)
{
    struct pcap_pkthdr *h;
    const u_char *d;
    int rc = pcap_next_ex(c->pcap, &h, &d);
    if (rc == 1) {
        f->data = d;
        f->caplen = h->caplen;
        f->wirelen = h->len;
        f->ts = (sw_time_us)h->ts.tv_sec * SW_US_PER_SEC + h->ts.tv_usec;
        return SENSE_NEXT_PACKET;
    }
    if (rc == 0) return SENSE_NEXT_TIMEOUT;
    if (rc == PCAP_ERROR_BREAK) return SENSE_NEXT_END;   /* end of file, or a stop request */
    sw_fail(err, SW_ERR_IO, "%s: %s", c->name, pcap_geterr(c->pcap));
    return SENSE_NEXT_ERROR;
}

double sense_capture_progress(const sense_capture *c)
{
    if (c->live || c->file_size <= 0) return -1;
    FILE *fp = pcap_file(c->pcap);
    if (!fp) return -1;
    long pos = ftell(fp);
    return pos < 0 ? -1 : (double)pos / (double)c->file_size;
}

void sense_capture_break(sense_capture *c)
{
    if (c->pcap) pcap_breakloop(c->pcap);
}

void sense_capture_close(sense_capture *c)
{
    if (c->pcap) pcap_close(c->pcap);
    c->pcap = NULL;
}
