/* proto_onvif.c - ONVIF device management (SOAP 1.2 over HTTP, ONVIF Core
 * Specification 8.3.1): the VMS asks each camera it may reach for
 * GetDeviceInformation every ten minutes; the camera answers with the
 * manufacturer, model and firmware the model declares for it. */
#include <stdio.h>
#include <string.h>
#include "sim/plan.h"

static const char envelope_open[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
    "xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\"><s:Body>";
static const char envelope_close[] = "</s:Body></s:Envelope>";

/* A serial number in the form Axis and Hanwha print: the MAC in hex. */
static void serial_of(const sim_host *cam, char out[13])
{
    snprintf(out, 13, "%02X%02X%02X%02X%02X%02X", cam->mac[0], cam->mac[1], cam->mac[2], cam->mac[3], cam->mac[4],
             cam->mac[5]);
}

static bool onvif_next(sim_session *s, sim_msg *m, sim_buf *out)
{
    const sim_host *cam = &s->ctx->hosts[s->server];
    const model_asset *a = cam->asset;
    char ip[IP_STR_MAX], body[1024], serial[13];
    ip_addr addr;
    ip_from_v4(&addr, cam->ip);
    int n;
    switch (s->n_msgs) {
    case 0:
        n = snprintf(body, sizeof body, "%s<tds:GetDeviceInformation/>%s", envelope_open, envelope_close);
        m->dir = SIM_C2S; m->delay = SIM_MS(1);
        sim_buf_printf(out, "POST /onvif/device_service HTTP/1.1\r\nHost: %s\r\n"
                            "Content-Type: application/soap+xml; charset=utf-8; action=\"http://www.onvif.org/ver10/device/wsdl/GetDeviceInformation\"\r\n"
                            "User-Agent: Milestone XProtect ONVIF driver\r\nContent-Length: %d\r\n\r\n%s",
                       ip_fmt(&addr, ip), n, body);
        return true;
    case 1:
        serial_of(cam, serial);
        n = snprintf(body, sizeof body,
                     "%s<tds:GetDeviceInformationResponse><tds:Manufacturer>%s</tds:Manufacturer>"
                     "<tds:Model>%s</tds:Model><tds:FirmwareVersion>%s</tds:FirmwareVersion>"
                     "<tds:SerialNumber>%s</tds:SerialNumber><tds:HardwareId>%s</tds:HardwareId>"
                     "</tds:GetDeviceInformationResponse>%s",
                     envelope_open, a && a->vendor ? a->vendor : "", a && a->product ? a->product : "",
                     a && a->version ? a->version : "", serial, cam->id, envelope_close);
        m->dir = SIM_S2C; m->delay = sim_uniform(&s->rng, SIM_MS(8), SIM_MS(30));
        sim_buf_printf(out, "HTTP/1.1 200 OK\r\nServer: gSOAP/2.8\r\n"
                            "Content-Type: application/soap+xml; charset=utf-8\r\nContent-Length: %d\r\n\r\n%s", n, body);
        return true;
    }
    return false;
}

/* The VMS management server keeps each camera's identity current. */
static void onvif_plan(sim_ctx *c, const sim_profile *p)
{
    int vms = -1;
    for (size_t i = 0; i < c->n_hosts && vms < 0; i++)
        if (sim_is_vms(c, &c->hosts[i])) vms = (int)i;
    if (vms < 0) return;
    for (size_t i = 0; i < c->n_hosts; i++)
        if (sim_is_camera(c, &c->hosts[i]) && sim_allowed(c, vms, (int)i, p->ip_proto, p->port, p->name))
            sim_add_flow(c, p, vms, (int)i, SIM_S(600), 0);
}

const sim_profile sim_profile_onvif = {
    "onvif", "the VMS asks every camera it may reach for its ONVIF device information (SOAP over HTTP) every 10 min",
    6, 80, onvif_plan, onvif_next, 0,
};
