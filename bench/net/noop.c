/* noop.c - the physical limit for the network sensor benchmark: a libpcap
 * loop that reads every record of the capture and touches nothing else.
 * Prints packets and bytes so the work cannot be optimised away. */
#include <inttypes.h>
#include <pcap/pcap.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    char err[PCAP_ERRBUF_SIZE];
    uint64_t packets = 0, bytes = 0, sum = 0;
    for (int i = 1; i < argc; i++) {
        pcap_t *p = pcap_open_offline(argv[i], err);
        if (!p) { fprintf(stderr, "%s\n", err); return 3; }
        struct pcap_pkthdr *h;
        const u_char *d;
        while (pcap_next_ex(p, &h, &d) == 1) {
            packets++;
            bytes += h->len;
            sum += h->caplen ? d[0] : 0;
        }
        pcap_close(p);
    }
    printf("%" PRIu64 " packets %" PRIu64 " bytes (%" PRIu64 ")\n", packets, bytes, sum & 1);
    return 0;
}
