#!/usr/bin/env python3
"""Converts Natural Earth 1:110m land (ne_110m_land GeoJSON, public domain)
into data/land/ne_110m_land.txt, the world land layer Seawall loads
(src/model/land.c). Usage: scripts/gen_land.py ne_110m_land.json > data/land/ne_110m_land.txt
Coordinates are rounded to 4 decimals (11 m, far below the layer's own
accuracy); consecutive repeated points are dropped."""
import json
import sys

def main(path):
    doc = json.load(open(path))
    rings = []
    for feature in doc["features"]:
        g = feature["geometry"]
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        for poly in polys:
            for ring in poly:
                pts = []
                for lon, lat in ring:
                    p = (round(lat, 4), round(lon, 4))
                    if not pts or pts[-1] != p:
                        pts.append(p)
                if len(pts) > 1 and pts[0] == pts[-1]:
                    pts.pop()
                if len(pts) >= 3:
                    rings.append(pts)
    out = sys.stdout
    out.write("# seawall-land 1\n")
    out.write("# World land, coarse: Natural Earth 1:110m physical 'land' (ne_110m_land), public domain,\n")
    out.write("# naturalearthdata.com. Converted by scripts/gen_land.py. Rings are even-odd:\n")
    out.write("# 'ring N' then N lines 'lat lon' (WGS 84 degrees); the closing edge is implied.\n")
    for pts in rings:
        out.write("ring %d\n" % len(pts))
        for lat, lon in pts:
            out.write("%.4f %.4f\n" % (lat, lon))

if __name__ == "__main__":
    main(sys.argv[1])
