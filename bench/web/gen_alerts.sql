-- gen_alerts.sql - fills a `seawall init` database with :N synthetic alerts
-- over the 30 days before :END (microseconds), for bench/web_bench.sh.
-- Deterministic: every "random" choice is an LCG over the row number, so two
-- runs give the same store. Rows match the real schema and the ECS documents
-- the sensor writes (DESIGN.md "Output contracts"); the mix is what a busy
-- port's sensor produces: many segmentation, baseline and scan alerts, a few
-- critical ICS ones, AIS and physical-security alerts on their own datasets.
-- Usage: sqlite3 DB -cmd ".param set :N 1000000" -cmd ".param set :END 1795000000000000" < gen_alerts.sql
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -262144;

CREATE TEMP TABLE bench_rules (
  rule_id TEXT, name TEXT, severity TEXT, dataset TEXT, techniques TEXT, weight INTEGER,
  lo INTEGER, hi INTEGER);
INSERT INTO bench_rules (rule_id, name, severity, dataset, techniques, weight) VALUES
  ('SW-SEG-NO-CONDUIT', 'Cross-zone flow with no conduit between the zones', 'medium', 'seawall.net', '[]', 180),
  ('SW-SEG-SERVICE', 'Service not allowed by the conduit', 'medium', 'seawall.net', '[]', 120),
  ('SW-SEG-DIRECTION', 'Flow opened against the conduit''s direction', 'medium', 'seawall.net', '[]', 40),
  ('SW-SEG-REMOTE-SERVICE', 'Remote service into an OT zone outside any conduit', 'high', 'seawall.net', '["T0886"]', 25),
  ('SW-SEG-OT-INTERNET', 'OT host reaching the internet', 'high', 'seawall.net', '["T0885"]', 30),
  ('SW-SEG-INTERNET-OT', 'Internet host reaching an OT zone', 'high', 'seawall.net', '["T0883"]', 8),
  ('SW-ICS-UNAUTH-WRITE', 'ICS write from a host not in the target''s may_write', 'high', 'seawall.net', '["T0855","T0836"]', 12),
  ('SW-ICS-UNAUTH-CONTROL', 'ICS control command from a host not in the target''s may_write', 'high', 'seawall.net', '["T0855"]', 4),
  ('SW-ICS-PROGRAM-DOWNLOAD', 'Program download to a controller', 'high', 'seawall.net', '["T0843"]', 2),
  ('SW-ICS-CPU-STOP', 'Controller CPU stop', 'high', 'seawall.net', '["T0816","T0858"]', 1),
  ('SW-ICS-FIRMWARE', 'Firmware update to a device', 'critical', 'seawall.net', '["T0857"]', 1),
  ('SW-ICS-PIVOT-WRITE', 'ICS write or control from a host just reached by an unexpected remote session', 'critical', 'seawall.net', '["T0855","T0886"]', 1),
  ('SW-ICS-ROGUE-MASTER', 'ICS request from a host not in the model', 'high', 'seawall.net', '["T0848"]', 6),
  ('SW-SCAN-HORIZONTAL', 'Host sweep: one source probing many hosts on one port', 'medium', 'seawall.net', '["T0846"]', 40),
  ('SW-SCAN-VERTICAL', 'Port scan: one source probing many ports of one host', 'medium', 'seawall.net', '["T0846"]', 25),
  ('SW-SCAN-ICS-DISCOVERY', 'ICS discovery sweep: identity requests to many devices', 'medium', 'seawall.net', '["T0846","T0888"]', 8),
  ('SW-ASSET-ROGUE', 'Address in an OT zone not declared in the model', 'medium', 'seawall.net', '[]', 60),
  ('SW-REMOTE-CLEAR', 'Cleartext remote access into an OT zone', 'high', 'seawall.net', '["T0886"]', 15),
  ('SW-BASE-NEW-TALKER', 'Peer never seen talking with an OT asset in the learned baseline', 'medium', 'seawall.net', '[]', 110),
  ('SW-BASE-NEW-FUNCTION', 'ICS function or service never seen on an OT asset in the learned baseline', 'medium', 'seawall.net', '[]', 50),
  ('SW-INTEL-DOMAIN', 'DNS name, TLS SNI, HTTP host or URL matching a threat-intelligence indicator', 'high', 'seawall.net', '[]', 10),
  ('SW-INTEL-ADDRESS', 'Address matching a threat-intelligence indicator', 'high', 'seawall.net', '[]', 6),
  ('SW-REMOTE-VENDOR-WINDOW', 'Vendor remote session outside its access window', 'high', 'seawall.net', '["T0822","T0886"]', 10),
  ('SW-C2-BEACON', 'OT or physical-security host connecting out at a regular interval', 'high', 'seawall.net', '["T0869"]', 5),
  ('SW-C2-BEACON-IT', 'IT host connecting to the internet at a regular interval', 'medium', 'seawall.net', '["T1071"]', 20),
  ('SW-AIS-MMSI-INVALID', 'MMSI with an unallocated MID', 'medium', 'seawall.ais', '["T0856"]', 40),
  ('SW-AIS-TELEPORT', 'Kinematically impossible jump', 'high', 'seawall.ais', '["T0856"]', 15),
  ('SW-AIS-ON-LAND', 'Vessel position on land', 'high', 'seawall.ais', '["T0856"]', 10),
  ('SW-AIS-DARK', 'Vessel silent inside the VTS area beyond its reporting interval', 'medium', 'seawall.ais', '[]', 45),
  ('SW-AIS-RATE', 'Transmitter reporting more often than its class and speed allow', 'medium', 'seawall.ais', '["T0856"]', 20),
  ('SW-PHYS-BADGE-INACTIVE', 'Badge of a person who has left or is on leave', 'high', 'seawall.phys', '["T0859"]', 8),
  ('SW-PHYS-OT-ROOM-OFF-SHIFT', 'Entry to an OT, server or VTS room outside the person''s shift', 'medium', 'seawall.phys', '[]', 30),
  ('SW-PHYS-DOOR-FORCED-OT', 'Door forced open at an OT, server or VTS room', 'high', 'seawall.phys', '[]', 6),
  ('SW-PHYS-CAMERA-DOWN', 'Camera covering a critical asset offline, lost or tampered with', 'high', 'seawall.phys', '["T0815"]', 12);
-- Cumulative weight ranges [lo, hi) for picking a rule from a number in [0, total).
UPDATE bench_rules SET hi = (SELECT sum(weight) FROM bench_rules r WHERE r.rowid <= bench_rules.rowid);
UPDATE bench_rules SET lo = hi - weight;
CREATE INDEX temp.bench_rules_hi ON bench_rules(hi);

-- Assets with their first address and zone, numbered from 0; OT and
-- physical-security assets first, so the skewed pick below favours them.
CREATE TEMP TABLE bench_assets AS
  SELECT row_number() OVER (ORDER BY z.domain = 'it', a.id) - 1 AS n, a.id AS asset, a.zone_id AS zone,
         coalesce((SELECT ip FROM asset_ips i WHERE i.asset_id = a.id ORDER BY position LIMIT 1), '10.0.0.1') AS ip
  FROM assets a JOIN zones z ON z.id = a.zone_id;
CREATE UNIQUE INDEX temp.bench_assets_n ON bench_assets(n);

BEGIN;
WITH RECURSIVE
  seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < :N),
  -- Five chained LCG draws per row, each in [0, 2^31).
  r1 AS (SELECT i, (i * 1103515245 + 12345) % 2147483648 AS h1 FROM seq),
  r2 AS (SELECT i, h1, (h1 * 1103515245 + 12345) % 2147483648 AS h2 FROM r1),
  r3 AS (SELECT i, h1, h2, (h2 * 1103515245 + 12345) % 2147483648 AS h3 FROM r2),
  r4 AS (SELECT i, h1, h2, h3, (h3 * 1103515245 + 12345) % 2147483648 AS h4,
                ((h3 * 1103515245 + 12345) % 2147483648 * 1103515245 + 12345) % 2147483648 AS h5 FROM r3),
  picked AS (
    SELECT i,
      -- In time order with up to 2 minutes of jitter, as a sensor stores them.
      :END - 30 * 86400000000 + i * (30 * 86400000000 / :N) + h1 % 120000000 AS ts,
      (SELECT rowid FROM bench_rules WHERE hi > h2 % (SELECT max(hi) FROM bench_rules) ORDER BY hi LIMIT 1) AS rule,
      -- Skewed towards low numbers: a few noisy assets raise most alerts.
      (h3 % 1000) * (h3 / 1000 % 1000) * (SELECT count(*) FROM bench_assets) / 1000000 AS src,
      h4 % (SELECT count(*) FROM bench_assets) AS dst,
      h5 AS h
    FROM r4)
INSERT INTO alerts (ts, rule_id, rule_name, severity, dataset, src_ip, src_port, dst_ip, dst_port, protocol,
                    src_zone_id, dst_zone_id, src_asset_id, dst_asset_id, technique_ids, evidence, ecs, dedup_key)
SELECT p.ts, r.rule_id, r.name, r.severity, r.dataset,
       CASE WHEN r.dataset = 'seawall.net' THEN s.ip END, CASE WHEN r.dataset = 'seawall.net' THEN 1024 + p.h % 60000 END,
       CASE WHEN r.dataset = 'seawall.net' THEN d.ip END, CASE WHEN r.dataset = 'seawall.net' THEN CASE p.h % 5 WHEN 0 THEN 502 WHEN 1 THEN 102 WHEN 2 THEN 443 WHEN 3 THEN 3389 ELSE 22 END END,
       NULL, s.zone, CASE WHEN r.dataset = 'seawall.ais' THEN NULL ELSE d.zone END,
       s.asset, CASE WHEN r.dataset = 'seawall.ais' THEN NULL ELSE d.asset END,
       r.techniques, json_object('frames', json_array(p.i)),
       json_object(
         '@timestamp', strftime('%Y-%m-%dT%H:%M:%fZ', p.ts / 1000000.0, 'unixepoch'),
         'event', json_object('kind', 'alert', 'category', json_array('network', 'intrusion_detection'),
                              'type', json_array('info'), 'dataset', r.dataset, 'module', 'seawall',
                              'severity', CASE r.severity WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 ELSE 4 END),
         'rule', json_object('id', r.rule_id, 'name', r.name, 'ruleset', 'seawall'),
         'source', json_object('ip', s.ip, 'port', 1024 + p.h % 60000, 'domain', s.asset),
         'destination', json_object('ip', d.ip, 'port', CASE p.h % 5 WHEN 0 THEN 502 WHEN 1 THEN 102 WHEN 2 THEN 443 WHEN 3 THEN 3389 ELSE 22 END, 'domain', d.asset),
         'network', json_object('transport', 'tcp'),
         'threat', json_object('framework', 'MITRE ATT&CK for ICS', 'technique', json_object('id', json(r.techniques))),
         'message', r.name || ': ' || s.asset || ' to ' || d.asset,
         'seawall', json_object('severity', r.severity, 'zone', json_object('src', s.zone, 'dst', d.zone),
                                'asset', json_object('src', s.asset, 'dst', d.asset),
                                'evidence', json_object('pcap', 'bench', 'frames', json_array(p.i)))),
       'bench-' || p.i
FROM picked p
JOIN bench_rules r ON r.rowid = p.rule
JOIN bench_assets s ON s.n = p.src
JOIN bench_assets d ON d.n = p.dst;
COMMIT;
