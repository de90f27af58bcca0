/* decode.c - ITU-R M.1371-5 message types 1-27 and the type 6/8 application
 * messages (IMO 236/289, inland DAC 200, UK/ROI DAC 235/250) from an
 * assembled bit buffer into ais_msg. Length tolerances match gpsd's, which
 * were learnt from real transmitters. Pure: no I/O, no allocation. */
#include "ais/ais.h"
#include <stddef.h>
#include <string.h>

#define U(s, l) ((uint32_t)ais_bits_u(b, (s), (l)))
#define S(s, l) ((int32_t)ais_bits_s(b, (s), (l)))
#define UL(s, l) ais_bits_u(b, (s), (l))
/* Fixed-width text field of the size of `field` (minus the NUL). */
#define TXT(s, field) ais_bits_text(b, (s), (unsigned)sizeof(field) - 1, (field), sizeof(field))
/* Text to the end of the message. */
#define ENDTXT(s, field) ais_bits_text(b, (s), n > (s) ? (n - (s)) / 6 : 0, (field), sizeof(field))
#define RANGE(lo, hi) do { if (n < (lo) || n > (hi)) return AIS_ERR_LENGTH; } while (0)
#define ATLEAST(lo) do { if (n < (lo)) return AIS_ERR_LENGTH; } while (0)

const char *ais_status_name(ais_status s)
{
    switch (s) {
    case AIS_OK: return "ok";
    case AIS_ERR_LENGTH: return "bad_length";
    case AIS_ERR_TYPE: return "unknown_type";
    case AIS_ERR_SUBTYPE: return "bad_subtype";
    }
    return "?";
}

/* Copies whole bytes of payload as gpsd does (fill bits included), or with
 * the tail masked when mask_tail is set (type 8). */
static void blob_take(ais_bits *b, ais_blob *blob, unsigned start, unsigned bitcount, bool mask_tail)
{
    if (bitcount > AIS_BINARY_MAX_BYTES * 8) bitcount = AIS_BINARY_MAX_BYTES * 8;
    blob->bitcount = (uint16_t)bitcount;
    size_t nbytes = (bitcount + 7) / 8;
    ais_bits_copy(b, start, mask_tail ? bitcount : (unsigned)nbytes * 8, blob->data, nbytes);
}

static bool decode_type6_app(ais_bits *b, ais_msg *m, unsigned n, ais_status *err)
{
    ais_app *a = &m->u.binary.app;
    unsigned dac = m->u.binary.dac, fid = m->u.binary.fid;
    if (dac == 200) {
        switch (fid) {
        case 21: case 22:
            if (n != (fid == 21 ? 248u : 232u)) return false;
            TXT(88, a->inland_eta.country);
            TXT(100, a->inland_eta.locode);
            TXT(118, a->inland_eta.section);
            TXT(148, a->inland_eta.terminal);
            TXT(178, a->inland_eta.hectometre);
            a->inland_eta.month = (uint8_t)U(208, 4);
            a->inland_eta.day = (uint8_t)U(212, 5);
            a->inland_eta.hour = (uint8_t)U(217, 5);
            a->inland_eta.minute = (uint8_t)U(222, 6);
            if (fid == 21) {
                a->inland_eta.tugs = (uint8_t)U(228, 3);
                a->inland_eta.airdraught = (uint16_t)U(231, 12);
            } else {
                a->inland_eta.status = (uint8_t)U(228, 2);
            }
            return true;
        case 55:
            if (n != 168) return false;
            a->inland_pob.crew = (uint16_t)U(88, 8);
            a->inland_pob.passengers = (uint16_t)U(96, 13);
            a->inland_pob.personnel = (uint16_t)U(109, 8);
            return true;
        }
        return false;
    }
    if (dac == 235 || dac == 250) {
        if (fid != 10 || n != 136) return false;
        a->gla_aton.ana_int = (uint16_t)U(88, 10);
        a->gla_aton.ana_ext1 = (uint16_t)U(98, 10);
        a->gla_aton.ana_ext2 = (uint16_t)U(108, 10);
        a->gla_aton.racon = (uint8_t)U(118, 2);
        a->gla_aton.light = (uint8_t)U(120, 2);
        a->gla_aton.alarm = U(122, 1);
        a->gla_aton.stat_ext = (uint8_t)U(123, 8);
        a->gla_aton.off_pos = U(131, 1);
        return true;
    }
    if (dac != 1) return false;
    switch (fid) {
    case 12:
        TXT(88, a->dangerous_cargo.lastport);
        a->dangerous_cargo.lmonth = (uint8_t)U(118, 4);
        a->dangerous_cargo.lday = (uint8_t)U(122, 5);
        a->dangerous_cargo.lhour = (uint8_t)U(127, 5);
        a->dangerous_cargo.lminute = (uint8_t)U(132, 6);
        TXT(138, a->dangerous_cargo.nextport);
        a->dangerous_cargo.nmonth = (uint8_t)U(168, 4);
        a->dangerous_cargo.nday = (uint8_t)U(172, 5);
        a->dangerous_cargo.nhour = (uint8_t)U(177, 5);
        a->dangerous_cargo.nminute = (uint8_t)U(182, 6);
        TXT(188, a->dangerous_cargo.dangerous);
        TXT(308, a->dangerous_cargo.imdcat);
        a->dangerous_cargo.unid = (uint16_t)U(332, 13);
        a->dangerous_cargo.amount = (uint16_t)U(345, 10);
        a->dangerous_cargo.unit = (uint8_t)U(355, 2);
        return true;
    case 14: case 32: {
        /* Tidal window: IMO 236 (FID 14, 93-bit rows with 27/28-bit lat/lon)
         * and IMO 289 (FID 32, 88-bit rows, 25/24-bit lon/lat). Like gpsd,
         * a row counts if it starts at or before the end of the message. */
        unsigned base = 97, size = fid == 14 ? 93 : 88, lim = n;
        if (fid == 14 && (n < 87 || n > 1008)) { *err = AIS_ERR_LENGTH; return false; }
        if (fid == 32 && (n < 97 || n > 1008)) { *err = AIS_ERR_LENGTH; return false; }
        if (base + size * 3 < lim) lim = base + size * 3;
        a->tidal_window.month = (uint8_t)U(88, 4);
        a->tidal_window.day = (uint8_t)U(92, 5);
        unsigned u = 0;
        for (; base + size * u <= lim && u < 4; u++) {
            unsigned s = base + size * u;
            ais_tidal *t = &a->tidal_window.tidals[u];
            if (fid == 14) {
                t->lat = S(s, 27); t->lon = S(s + 27, 28);
                t->from_hour = (uint8_t)U(s + 55, 5); t->from_min = (uint8_t)U(s + 60, 6);
                t->to_hour = (uint8_t)U(s + 66, 5); t->to_min = (uint8_t)U(s + 71, 6);
                t->cdir = (uint16_t)U(s + 77, 9); t->cspeed = (uint16_t)U(s + 86, 7);
            } else {
                t->lon = S(s, 25); t->lat = S(s + 25, 24);
                t->from_hour = (uint8_t)U(s + 49, 5); t->from_min = (uint8_t)U(s + 54, 6);
                t->to_hour = (uint8_t)U(s + 60, 5); t->to_min = (uint8_t)U(s + 65, 6);
                t->cdir = (uint16_t)U(s + 71, 9); t->cspeed = (uint16_t)U(s + 80, 8);
            }
        }
        a->tidal_window.ntidals = (uint8_t)u;
        return true;
    }
    case 15:
        if (n < 67 || n > 1008) { *err = AIS_ERR_LENGTH; return false; }
        a->ext_static.airdraught = (uint16_t)U(56, 11);
        return true;
    case 16:
        a->pob.persons = (uint16_t)(n - 88 == 136 ? U(88, 13) : U(55, 13));
        return true;
    case 18:
        a->clearance.linkage = (uint16_t)U(88, 10);
        a->clearance.month = (uint8_t)U(98, 4);
        a->clearance.day = (uint8_t)U(102, 5);
        a->clearance.hour = (uint8_t)U(107, 5);
        a->clearance.minute = (uint8_t)U(112, 6);
        TXT(118, a->clearance.portname);
        TXT(238, a->clearance.destination);
        a->clearance.lon = S(268, 25);
        a->clearance.lat = S(293, 24);
        return true;
    case 20: {
        if (n < 360 || n > 1008) { *err = AIS_ERR_LENGTH; return false; }
        __typeof__(a->berthing) *t = &a->berthing;
        t->linkage = (uint16_t)U(88, 10);
        t->berth_length = (uint16_t)U(98, 9);
        t->berth_depth = (uint16_t)U(107, 8);
        t->position = (uint8_t)U(115, 3);
        t->month = (uint8_t)U(118, 4);
        t->day = (uint8_t)U(122, 5);
        t->hour = (uint8_t)U(127, 5);
        t->minute = (uint8_t)U(132, 6);
        t->availability = (uint8_t)U(138, 1);
        uint8_t *svc[] = { &t->agent, &t->fuel, &t->chandler, &t->stevedore, &t->electrical,
                           &t->water, &t->customs, &t->cartage, &t->crane, &t->lift, &t->medical,
                           &t->navrepair, &t->provisions, &t->shiprepair, &t->surveyor, &t->steam,
                           &t->tugs, &t->solidwaste, &t->liquidwaste, &t->hazardouswaste,
                           &t->ballast, &t->additional, &t->regional1, &t->regional2,
                           &t->future1, &t->future2 };
        for (unsigned i = 0; i < sizeof svc / sizeof svc[0]; i++) *svc[i] = (uint8_t)U(139 + 2 * i, 2);
        TXT(191, t->berth_name);
        t->berth_lon = S(311, 25);
        t->berth_lat = S(336, 24);
        return true;
    }
    case 25: {
        if (n < 100 || n > 1008) { *err = AIS_ERR_LENGTH; return false; }
        a->cargo_indication.unit = (uint8_t)U(88, 2);
        a->cargo_indication.amount = (uint16_t)U(90, 10);
        unsigned lim = n, u = 0;
        if (100 + 17 * 28 < lim) lim = 100 + 17 * 28;
        for (; 100 + u * 17 < lim; u++) {
            a->cargo_indication.cargos[u].code = (uint8_t)U(100 + u * 17, 4);
            a->cargo_indication.cargos[u].subtype = (uint16_t)U(104 + u * 17, 13);
        }
        a->cargo_indication.ncargos = (uint8_t)u;
        return true;
    }
    case 28: {
        if (n < 149 || n > 1008) { *err = AIS_ERR_LENGTH; return false; }
        ais_route *r = &a->route;
        r->linkage = (uint16_t)U(88, 10);
        r->sender = (uint8_t)U(98, 3);
        r->rtype = (uint8_t)U(101, 5);
        r->month = (uint8_t)U(106, 4);
        r->day = (uint8_t)U(110, 5);
        r->hour = (uint8_t)U(115, 5);
        r->minute = (uint8_t)U(120, 6);
        r->duration = U(126, 18);
        r->waycount = (uint8_t)U(144, 5);
        if (r->waycount > 16) r->waycount = 16;
        for (unsigned u = 0; u < r->waycount; u++) {
            r->waypoints[u].lon = S(149 + 55 * u, 28);
            r->waypoints[u].lat = S(149 + 55 * u + 28, 27);
        }
        return true;
    }
    case 30:
        if (n < 98 || n > 1008) { *err = AIS_ERR_LENGTH; return false; }
        a->text.linkage = (uint16_t)U(88, 10);
        ENDTXT(98, a->text.text);
        return true;
    }
    return false;
}

static void decode_methydro11(ais_bits *b, ais_methydro *h)
{
    h->lat = S(56, 24); h->lon = S(80, 25);
    h->day = (uint8_t)U(105, 5); h->hour = (uint8_t)U(110, 5); h->minute = (uint8_t)U(115, 6);
    h->wspeed = (uint16_t)U(121, 7); h->wgust = (uint16_t)U(128, 7);
    h->wdir = (uint16_t)U(135, 9); h->wgustdir = (uint16_t)U(144, 9);
    h->airtemp = (int32_t)U(153, 11); h->humidity = (uint16_t)U(164, 7);
    h->dewpoint = (int32_t)U(171, 10); h->pressure = (uint16_t)U(181, 9);
    h->pressuretend = (uint8_t)U(190, 2); h->visibility = (uint16_t)U(192, 8);
    h->waterlevel = (int32_t)U(200, 9); h->leveltrend = (uint8_t)U(209, 2);
    h->cspeed = (uint16_t)U(211, 8); h->cdir = (uint16_t)U(219, 9);
    h->cspeed2 = (uint16_t)U(228, 8); h->cdir2 = (uint16_t)U(236, 9); h->cdepth2 = (uint16_t)U(245, 5);
    h->cspeed3 = (uint16_t)U(250, 8); h->cdir3 = (uint16_t)U(258, 9); h->cdepth3 = (uint16_t)U(267, 5);
    h->waveheight = (uint16_t)U(272, 8); h->waveperiod = (uint16_t)U(280, 6); h->wavedir = (uint16_t)U(286, 9);
    h->swellheight = (uint16_t)U(295, 8); h->swellperiod = (uint16_t)U(303, 6); h->swelldir = (uint16_t)U(309, 9);
    h->seastate = (uint8_t)U(318, 4); h->watertemp = (int32_t)U(322, 10);
    h->preciptype = (uint8_t)U(332, 3); h->salinity = (uint16_t)U(335, 9); h->ice = (uint8_t)U(344, 2);
}

static void decode_methydro31(ais_bits *b, ais_methydro *h)
{
    h->lon = S(56, 25); h->lat = S(81, 24); h->accuracy = U(105, 1);
    h->day = (uint8_t)U(106, 5); h->hour = (uint8_t)U(111, 5); h->minute = (uint8_t)U(116, 6);
    h->wspeed = (uint16_t)U(122, 7); h->wgust = (uint16_t)U(129, 7);
    h->wdir = (uint16_t)U(136, 9); h->wgustdir = (uint16_t)U(145, 9);
    h->airtemp = S(154, 11); h->humidity = (uint16_t)U(165, 7);
    h->dewpoint = S(172, 10); h->pressure = (uint16_t)U(182, 9);
    h->pressuretend = (uint8_t)U(191, 2); h->visgreater = U(193, 1); h->visibility = (uint16_t)U(194, 7);
    h->waterlevel = (int32_t)U(201, 12); h->leveltrend = (uint8_t)U(213, 2);
    h->cspeed = (uint16_t)U(215, 8); h->cdir = (uint16_t)U(223, 9);
    h->cspeed2 = (uint16_t)U(232, 8); h->cdir2 = (uint16_t)U(240, 9); h->cdepth2 = (uint16_t)U(249, 5);
    h->cspeed3 = (uint16_t)U(254, 8); h->cdir3 = (uint16_t)U(262, 9); h->cdepth3 = (uint16_t)U(271, 5);
    h->waveheight = (uint16_t)U(276, 8); h->waveperiod = (uint16_t)U(284, 6); h->wavedir = (uint16_t)U(290, 9);
    h->swellheight = (uint16_t)U(299, 8); h->swellperiod = (uint16_t)U(307, 6); h->swelldir = (uint16_t)U(313, 9);
    h->seastate = (uint8_t)U(322, 4); h->watertemp = S(326, 10);
    h->preciptype = (uint8_t)U(336, 3); h->salinity = (uint16_t)U(339, 9); h->ice = (uint8_t)U(348, 2);
}

static bool decode_type8_app(ais_bits *b, ais_msg *m, unsigned n, ais_status *err)
{
    ais_app *a = &m->u.binary.app;
    unsigned dac = m->u.binary.dac, fid = m->u.binary.fid;
    if (dac == 1) {
        switch (fid) {
        case 11:
            if (n < 346 || n > 352) { *err = AIS_ERR_LENGTH; return false; }
            decode_methydro11(b, &a->methydro);
            return true;
        case 13:
            TXT(56, a->fairway_closed.reason);
            TXT(176, a->fairway_closed.closefrom);
            TXT(296, a->fairway_closed.closeto);
            a->fairway_closed.radius = (uint16_t)U(416, 10);
            a->fairway_closed.extunit = (uint8_t)U(426, 2);
            a->fairway_closed.fday = (uint8_t)U(428, 5);
            a->fairway_closed.fmonth = (uint8_t)U(433, 4);
            a->fairway_closed.fhour = (uint8_t)U(437, 5);
            a->fairway_closed.fminute = (uint8_t)U(442, 6);
            a->fairway_closed.tday = (uint8_t)U(448, 5);
            a->fairway_closed.tmonth = (uint8_t)U(453, 4);
            a->fairway_closed.thour = (uint8_t)U(457, 5);
            a->fairway_closed.tminute = (uint8_t)U(462, 6);
            return true;
        case 15:
            a->ext_static.airdraught = (uint16_t)U(56, 11);
            return true;
        case 16:
            if (n - 56 == 136) { a->pob.persons = (uint16_t)U(88, 13); return true; }
            if (n - 56 == 72) { a->pob.persons = (uint16_t)U(55, 13); return true; }
            return false;
        case 17: {
            unsigned lim = n, u = 0;
            if (56 + 122 * 4 < lim) lim = 56 + 122 * 4;
            for (; 56 + 122 * u <= lim && u < 4; u++) {
                unsigned s = 56 + 122 * u;
                __typeof__(a->vts_targets.targets[0]) *t = &a->vts_targets.targets[u];
                t->idtype = (uint8_t)U(s, 2);
                if (t->idtype <= 1) t->id = UL(s + 2, 42);
                else ais_bits_text(b, s + 2, 7, t->idtext, sizeof t->idtext);
                t->lat = S(s + 48, 24);
                t->lon = S(s + 72, 25);
                t->course = (uint16_t)U(s + 97, 9);
                t->second = (uint8_t)U(s + 106, 6);
                t->speed = (uint16_t)U(s + 112, 10);
            }
            a->vts_targets.ntargets = (uint8_t)u;
            return true;
        }
        case 19:
            if (n < 258 || n > 1008) { *err = AIS_ERR_LENGTH; return false; }
            a->traffic_signal.linkage = (uint16_t)U(56, 10);
            TXT(66, a->traffic_signal.station);
            a->traffic_signal.lon = S(186, 25);
            a->traffic_signal.lat = S(211, 24);
            a->traffic_signal.status = (uint8_t)U(235, 2);
            a->traffic_signal.signal = (uint8_t)U(237, 5);
            a->traffic_signal.hour = (uint8_t)U(242, 5);
            a->traffic_signal.minute = (uint8_t)U(247, 6);
            a->traffic_signal.nextsignal = (uint8_t)U(253, 5);
            return true;
        case 27: {
            if (n < 117 || n > 1008) { *err = AIS_ERR_LENGTH; return false; }
            ais_route *r = &a->route;
            r->linkage = (uint16_t)U(56, 10);
            r->sender = (uint8_t)U(66, 3);
            r->rtype = (uint8_t)U(69, 5);
            r->month = (uint8_t)U(74, 4);
            r->day = (uint8_t)U(78, 5);
            r->hour = (uint8_t)U(83, 5);
            r->minute = (uint8_t)U(88, 6);
            r->duration = U(94, 18);
            r->waycount = (uint8_t)U(112, 5);
            if (r->waycount > 16) r->waycount = 16;
            for (unsigned u = 0; u < r->waycount; u++) {
                r->waypoints[u].lon = S(117 + 55 * u, 28);
                r->waypoints[u].lat = S(117 + 55 * u + 28, 27);
            }
            return true;
        }
        case 29:
            a->text.linkage = (uint16_t)U(56, 10);
            ENDTXT(66, a->text.text);
            return true;
        case 31:
            decode_methydro31(b, &a->methydro);
            return true;
        }
        return false;
    }
    if (dac == 200) {
        switch (fid) {
        case 10: {
            if (n != 168) return false;
            __typeof__(a->inland_static) *t = &a->inland_static;
            TXT(56, t->vin);
            t->length = (uint16_t)U(104, 13);
            t->beam = (uint16_t)U(117, 10);
            t->shiptype = (uint16_t)U(127, 14);
            t->hazard = (uint8_t)U(141, 3);
            t->draught = (uint16_t)U(144, 11);
            t->loaded = (uint8_t)U(155, 2);
            t->speed_q = U(157, 1);
            t->course_q = U(158, 1);
            t->heading_q = U(159, 1);
            /* gpsd's plausibility check against false matches. */
            return t->hazard <= 5;
        }
        case 23: {
            if (n != 256) return false;
            __typeof__(a->emma) *t = &a->emma;
            t->start_year = (uint8_t)U(56, 8); t->start_month = (uint8_t)U(64, 4); t->start_day = (uint8_t)U(68, 5);
            t->end_year = (uint8_t)U(73, 8); t->end_month = (uint8_t)U(81, 4); t->end_day = (uint8_t)U(85, 5);
            t->start_hour = (uint8_t)U(90, 5); t->start_minute = (uint8_t)U(95, 6);
            t->end_hour = (uint8_t)U(101, 5); t->end_minute = (uint8_t)U(106, 6);
            t->start_lon = S(112, 28); t->start_lat = S(140, 27);
            t->end_lon = S(167, 28); t->end_lat = S(195, 27);
            t->type = (uint8_t)U(222, 4); t->min = (int16_t)S(226, 9); t->max = (int16_t)S(235, 9);
            t->intensity = (uint8_t)U(244, 2); t->wind = (uint8_t)U(246, 4);
            return true;
        }
        case 24: {
            if (n != 168) return false;
            TXT(56, a->water_level.country);
            unsigned u = 0;
            for (; 68 + 25 * u < n && u < 4; u++) {
                a->water_level.gauges[u].id = (uint16_t)U(68 + 25 * u, 11);
                a->water_level.gauges[u].level = (int16_t)S(68 + 25 * u + 11, 14);
            }
            a->water_level.ngauges = (uint8_t)u;
            return true;
        }
        case 40:
            if (n != 168) return false;
            a->signal_status.lon = S(56, 28);
            a->signal_status.lat = S(84, 27);
            a->signal_status.form = (uint8_t)U(111, 4);
            a->signal_status.facing = (uint16_t)U(115, 9);
            a->signal_status.direction = (uint8_t)U(124, 3);
            a->signal_status.status = U(127, 30);
            return true;
        }
    }
    return false;
}

ais_status ais_decode(ais_bits *b, ais_msg *m, ais24_queue *q)
{
    unsigned n = b->nbits;
    memset(m, 0, offsetof(ais_msg, u));
    m->type = (uint8_t)U(0, 6);
    m->repeat = (uint8_t)U(6, 2);
    m->mmsi = U(8, 30);
    m->bitlen = (uint16_t)n;
    if (n < 38) return AIS_ERR_LENGTH;
    switch (m->type) {
    case 1: case 2: case 3: {
        RANGE(163, 204);
        __typeof__(m->u.pos) *p = &m->u.pos;
        memset(p, 0, sizeof *p);
        p->status = (uint8_t)U(38, 4);
        p->turn = (int16_t)S(42, 8);
        p->speed = (uint16_t)U(50, 10);
        p->accuracy = U(60, 1);
        p->lon = S(61, 28);
        p->lat = S(89, 27);
        p->course = (uint16_t)U(116, 12);
        p->heading = (uint16_t)U(128, 9);
        p->second = (uint8_t)U(137, 6);
        p->maneuver = (uint8_t)U(143, 2);
        p->raim = U(148, 1);
        p->radio = n >= 168 ? U(149, 19) : U(149, n - 149);
        return AIS_OK;
    }
    case 4: case 11: {
        ATLEAST(168);
        __typeof__(m->u.base) *p = &m->u.base;
        p->year = (uint16_t)U(38, 14);
        p->month = (uint8_t)U(52, 4);
        p->day = (uint8_t)U(56, 5);
        p->hour = (uint8_t)U(61, 5);
        p->minute = (uint8_t)U(66, 6);
        p->second = (uint8_t)U(72, 6);
        p->accuracy = U(78, 1);
        p->lon = S(79, 28);
        p->lat = S(107, 27);
        p->epfd = (uint8_t)U(134, 4);
        p->raim = U(148, 1);
        p->radio = U(149, 19);
        return AIS_OK;
    }
    case 5: {
        /* Many transmitters send 420 or 422 bits instead of 424. */
        ATLEAST(420);
        __typeof__(m->u.voyage) *p = &m->u.voyage;
        p->ais_version = (uint8_t)U(38, 2);
        p->imo = U(40, 30);
        TXT(70, p->callsign);
        TXT(112, p->shipname);
        p->shiptype = (uint8_t)U(232, 8);
        p->to_bow = (uint16_t)U(240, 9);
        p->to_stern = (uint16_t)U(249, 9);
        p->to_port = (uint8_t)U(258, 6);
        p->to_starboard = (uint8_t)U(264, 6);
        p->epfd = (uint8_t)U(270, 4);
        p->month = (uint8_t)U(274, 4);
        p->day = (uint8_t)U(278, 5);
        p->hour = (uint8_t)U(283, 5);
        p->minute = (uint8_t)U(288, 6);
        p->draught = (uint8_t)U(294, 8);
        TXT(302, p->destination);
        p->dte = n >= 423 ? (uint8_t)U(422, 1) : 0;
        return AIS_OK;
    }
    case 6: case 8: {
        __typeof__(m->u.binary) *p = &m->u.binary;
        memset(p, 0, sizeof *p);
        unsigned hdr;
        if (m->type == 6) {
            RANGE(88, 1008);
            p->seqno = (uint8_t)U(38, 2);
            p->dest_mmsi = U(40, 30);
            p->retransmit = U(70, 1);
            p->dac = (uint16_t)U(72, 10);
            p->fid = (uint8_t)U(82, 6);
            hdr = 88;
        } else {
            RANGE(56, 1008);
            p->seqno = 0;
            p->dest_mmsi = 0;
            p->retransmit = false;
            p->dac = (uint16_t)U(40, 10);
            p->fid = (uint8_t)U(50, 6);
            hdr = 56;
        }
        ais_status err = AIS_OK;
        p->structured = m->type == 6 ? decode_type6_app(b, m, n, &err) : decode_type8_app(b, m, n, &err);
        if (err != AIS_OK) return err;
        if (!p->structured) blob_take(b, &p->blob, hdr, n - hdr, m->type == 8);
        else p->blob.bitcount = (uint16_t)(n - hdr);
        return AIS_OK;
    }
    case 7: case 13: {
        RANGE(72, 168);
        for (unsigned i = 0; i < 4; i++) {
            bool present = 40 + 32 * i < n;
            m->u.ack.mmsi[i] = present ? U(40 + 32 * i, 30) : 0;
            m->u.ack.seqno[i] = present ? (uint8_t)U(70 + 32 * i, 2) : 0;
        }
        return AIS_OK;
    }
    case 9: {
        ATLEAST(168);
        __typeof__(m->u.sar) *p = &m->u.sar;
        p->alt = (uint16_t)U(38, 12);
        p->speed = (uint16_t)U(50, 10);
        p->accuracy = U(60, 1);
        p->lon = S(61, 28);
        p->lat = S(89, 27);
        p->course = (uint16_t)U(116, 12);
        p->second = (uint8_t)U(128, 6);
        p->regional = (uint8_t)U(134, 8);
        p->dte = (uint8_t)U(142, 1);
        p->assigned = U(146, 1);
        p->raim = U(147, 1);
        p->radio = U(148, 20);
        return AIS_OK;
    }
    case 10:
        ATLEAST(72);
        m->u.inquiry.dest_mmsi = U(40, 30);
        return AIS_OK;
    case 12:
        RANGE(72, 1008);
        m->u.safety.seqno = (uint8_t)U(38, 2);
        m->u.safety.dest_mmsi = U(40, 30);
        m->u.safety.retransmit = U(70, 1);
        ENDTXT(72, m->u.safety.text);
        return AIS_OK;
    case 14:
        RANGE(40, 960);
        m->u.safety.seqno = 0;
        m->u.safety.dest_mmsi = 0;
        m->u.safety.retransmit = false;
        ENDTXT(40, m->u.safety.text);
        return AIS_OK;
    case 15: {
        RANGE(88, 168);
        __typeof__(m->u.interrogation) *p = &m->u.interrogation;
        memset(p, 0, sizeof *p);
        p->mmsi1 = U(40, 30);
        p->type1_1 = (uint8_t)U(70, 6);
        p->offset1_1 = (uint16_t)U(76, 12);
        if (n > 90) {
            p->type1_2 = (uint8_t)U(90, 6);
            p->offset1_2 = (uint16_t)U(96, 12);
            if (n > 110) {
                p->mmsi2 = U(110, 30);
                p->type2_1 = (uint8_t)U(140, 6);
                p->offset2_1 = (uint16_t)U(146, 12);
            }
        }
        return AIS_OK;
    }
    case 16: {
        RANGE(96, 168);
        __typeof__(m->u.assigned) *p = &m->u.assigned;
        memset(p, 0, sizeof *p);
        p->mmsi1 = U(40, 30);
        p->offset1 = (uint16_t)U(70, 12);
        p->increment1 = (uint16_t)U(82, 10);
        if (n >= 144) {
            p->mmsi2 = U(92, 30);
            p->offset2 = (uint16_t)U(122, 12);
            p->increment2 = (uint16_t)U(134, 10);
        }
        return AIS_OK;
    }
    case 17:
        RANGE(80, 816);
        m->u.dgnss.lon = S(40, 18);
        m->u.dgnss.lat = S(58, 17);
        blob_take(b, &m->u.dgnss.blob, 80, n - 80, false);
        return AIS_OK;
    case 18: case 19: {
        ATLEAST(m->type == 18 ? 168u : 312u);
        __typeof__(m->u.classb) *p = &m->u.classb;
        memset(p, 0, sizeof *p);
        p->reserved = (uint8_t)U(38, 8);
        p->speed = (uint16_t)U(46, 10);
        p->accuracy = U(56, 1);
        p->lon = S(57, 28);
        p->lat = S(85, 27);
        p->course = (uint16_t)U(112, 12);
        p->heading = (uint16_t)U(124, 9);
        p->second = (uint8_t)U(133, 6);
        if (m->type == 18) {
            p->regional = (uint8_t)U(139, 2);
            p->cs = U(141, 1);
            p->display = U(142, 1);
            p->dsc = U(143, 1);
            p->band = U(144, 1);
            p->msg22 = U(145, 1);
            p->assigned = U(146, 1);
            p->raim = U(147, 1);
            p->radio = U(148, 20);
        } else {
            p->regional = (uint8_t)U(139, 4);
            TXT(143, p->shipname);
            p->shiptype = (uint8_t)U(263, 8);
            p->to_bow = (uint16_t)U(271, 9);
            p->to_stern = (uint16_t)U(280, 9);
            p->to_port = (uint8_t)U(289, 6);
            p->to_starboard = (uint8_t)U(295, 6);
            p->epfd = (uint8_t)U(301, 4);
            p->raim = U(305, 1);
            p->dte = U(306, 1);
            p->assigned = U(307, 1);
        }
        return AIS_OK;
    }
    case 20: {
        RANGE(72, 186);
        for (unsigned i = 0; i < 4; i++) {
            unsigned s = 40 + 30 * i;
            m->u.datalink.offset[i] = (uint16_t)U(s, 12);
            m->u.datalink.number[i] = (uint8_t)U(s + 12, 4);
            m->u.datalink.timeout[i] = (uint8_t)U(s + 16, 3);
            m->u.datalink.increment[i] = (uint16_t)U(s + 19, 11);
        }
        return AIS_OK;
    }
    case 21: {
        RANGE(272, 368);
        __typeof__(m->u.aton) *p = &m->u.aton;
        p->aid_type = (uint8_t)U(38, 5);
        /* 20 characters, then the name extension (up to 14 more) after bit
         * 272; gpsd only looks at the extension when no '@' ended the
         * first part, and trims the joined name once. */
        size_t len = 0;
        for (; len < 20; len++) {
            char c = ais_sixbit_char(U(43 + 6 * len, 6));
            if (c == '@') break;
            p->name[len] = c;
        }
        p->accuracy = U(163, 1);
        p->lon = S(164, 28);
        p->lat = S(192, 27);
        p->to_bow = (uint16_t)U(219, 9);
        p->to_stern = (uint16_t)U(228, 9);
        p->to_port = (uint8_t)U(237, 6);
        p->to_starboard = (uint8_t)U(243, 6);
        p->epfd = (uint8_t)U(249, 4);
        p->second = (uint8_t)U(253, 6);
        p->off_position = U(259, 1);
        p->regional = (uint8_t)U(260, 8);
        p->raim = U(268, 1);
        p->virtual_aid = U(269, 1);
        p->assigned = U(270, 1);
        if (len == 20 && n > 272)
            len += ais_bits_text(b, 272, (n - 272) / 6, p->name + 20, sizeof p->name - 20);
        while (len > 0 && (p->name[len - 1] == ' ' || p->name[len - 1] == '@')) len--;
        p->name[len] = '\0';
        return AIS_OK;
    }
    case 22: {
        ATLEAST(168);
        __typeof__(m->u.chanmgmt) *p = &m->u.chanmgmt;
        memset(p, 0, sizeof *p);
        p->channel_a = (uint16_t)U(40, 12);
        p->channel_b = (uint16_t)U(52, 12);
        p->txrx = (uint8_t)U(64, 4);
        p->power = U(68, 1);
        p->addressed = U(139, 1);
        if (!p->addressed) {
            p->ne_lon = S(69, 18);
            p->ne_lat = S(87, 17);
            p->sw_lon = S(104, 18);
            p->sw_lat = S(122, 17);
        } else {
            p->dest1 = U(69, 30);
            p->dest2 = U(104, 30);
        }
        p->band_a = U(140, 1);
        p->band_b = U(141, 1);
        p->zonesize = (uint8_t)U(142, 3);
        return AIS_OK;
    }
    case 23: {
        ATLEAST(160);
        __typeof__(m->u.group) *p = &m->u.group;
        p->ne_lon = S(40, 18);
        p->ne_lat = S(58, 17);
        p->sw_lon = S(75, 18);
        p->sw_lat = S(93, 17);
        p->stationtype = (uint8_t)U(110, 4);
        p->shiptype = (uint8_t)U(114, 8);
        p->txrx = (uint8_t)U(144, 4);
        p->interval = (uint8_t)U(146, 4);
        p->quiet = (uint8_t)U(150, 4);
        return AIS_OK;
    }
    case 24: {
        __typeof__(m->u.static24) *p = &m->u.static24;
        memset(p, 0, sizeof *p);
        unsigned part = U(38, 2);
        if (part == 0) {
            RANGE(160, 168);
            TXT(40, p->shipname);
            p->part = AIS24_A;
            if (q) {
                q->ships[q->next].mmsi = m->mmsi;
                memcpy(q->ships[q->next].shipname, p->shipname, sizeof p->shipname);
                q->next = (q->next + 1) % AIS24_QUEUE_LEN;
            }
            return AIS_OK;
        }
        if (part != 1) return AIS_ERR_SUBTYPE;
        ATLEAST(168);
        p->shiptype = (uint8_t)U(40, 8);
        /* M.1371-4 carved model and serial out of the vendor id; like gpsd,
         * decode the bits both ways for older transmitters. */
        TXT(48, p->vendorid);
        p->model = (uint8_t)U(66, 4);
        p->serial = U(70, 20);
        TXT(90, p->callsign);
        if (ais_mmsi_is_auxiliary(m->mmsi)) {
            p->mothership_mmsi = U(132, 30);
        } else {
            p->to_bow = (uint16_t)U(132, 9);
            p->to_stern = (uint16_t)U(141, 9);
            p->to_port = (uint8_t)U(150, 6);
            p->to_starboard = (uint8_t)U(156, 6);
        }
        p->part = AIS24_B;
        if (q) {
            for (unsigned i = 0; i < AIS24_QUEUE_LEN; i++) {
                if (q->ships[i].mmsi == m->mmsi) {
                    memcpy(p->shipname, q->ships[i].shipname, sizeof p->shipname);
                    q->ships[i].mmsi = 0;   /* a repeated 24B must not match again */
                    p->part = AIS24_BOTH;
                    break;
                }
            }
        }
        return AIS_OK;
    }
    case 25: case 26: {
        __typeof__(m->u.slotbin) *p = &m->u.slotbin;
        memset(p, 0, offsetof(__typeof__(*p), blob));
        if (m->type == 25) RANGE(40, 168);
        else RANGE(60, 1004);
        p->addressed = U(38, 1);
        p->structured = U(39, 1);
        unsigned radio = m->type == 26 ? 20 : 0;
        unsigned hdr = 40 + 16 * p->structured;
        if (n < hdr + 30 * p->addressed + radio) return AIS_ERR_LENGTH;
        if (p->addressed) p->dest_mmsi = U(40, 30);
        if (p->structured) p->app_id = (uint16_t)U(40 + 30 * p->addressed, 16);
        unsigned bc = n - hdr - radio;
        if (m->type == 26) p->radio = U(n - 20, 20);
        /* gpsd copies whole bytes from the start of the data (fill and, for
         * type 26, radio bits included), then drops the 30-bit address. */
        unsigned whole = 8 * ((bc + 7) / 8);
        if (p->addressed) {
            bc -= 30;
            unsigned nbytes = (bc + 7) / 8;
            if (nbytes > AIS_BINARY_MAX_BYTES) nbytes = AIS_BINARY_MAX_BYTES;
            ais_bits_copy(b, hdr + 30, whole - 30, p->blob.data, nbytes);
            p->blob.bitcount = (uint16_t)bc;
        } else {
            blob_take(b, &p->blob, hdr, bc, false);
        }
        return AIS_OK;
    }
    case 27: {
        if (n != 96 && n != 168) return AIS_ERR_LENGTH;
        __typeof__(m->u.longrange) *p = &m->u.longrange;
        p->accuracy = U(38, 1);
        p->raim = U(39, 1);
        p->status = (uint8_t)U(40, 4);
        p->lon = S(44, 18);
        p->lat = S(62, 17);
        p->speed = (uint8_t)U(79, 6);
        p->course = (uint16_t)U(85, 9);
        p->gnss = U(94, 1);
        return AIS_OK;
    }
    default:
        return AIS_ERR_TYPE;
    }
}
