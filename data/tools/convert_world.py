#!/usr/bin/env python3
"""Convert world-atlas 2.0.2 countries-110m.json (TopoJSON) to data/world-110m.txt.

Input: npm package world-atlas 2.0.2 (`npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz`),
file package/countries-110m.json: Natural Earth 4.1.0 Admin 0 countries, 1:110m, as quantized TopoJSON.
Needs data/gazetteer.json (built by build_gazetteer.py) to map ISO 3166-1 numeric ids to alpha-3 and names.

Usage:
  python3 data/tools/convert_world.py --atlas DIR --gazetteer data/gazetteer.json --out data/world-110m.txt

Decoding (TopoJSON spec 2.1): each arc is a list of quantized, delta-encoded positions; the absolute
position is the running sum, mapped by x * scale + translate. A ring is a list of arc indexes; a
negative index ~i means arc i reversed. Consecutive arcs share their joining point, so the first point
of every arc after the first is dropped. Python 3.8+, standard library only.
"""
import argparse
import json
import sys

ATLAS_VERSION = "2.0.2"


def decode_topology(topo, obj="countries"):
    """Return [{id: str|None, name: str, polygons: [[ring, hole, ...], ...]}]; rings are lists of
    (lon, lat) floats, explicitly closed (first point == last point)."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(idx):
        out = []
        for k, i in enumerate(idx):
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if k == 0 else pts[1:])
        return out

    feats = []
    for g in topo["objects"][obj]["geometries"]:
        if g["type"] == "Polygon":
            polys = [g["arcs"]]
        elif g["type"] == "MultiPolygon":
            polys = g["arcs"]
        else:
            continue
        feats.append({
            "id": g.get("id"),
            "name": g.get("properties", {}).get("name", ""),
            "polygons": [[ring(r) for r in p] for p in polys],
        })
    return feats


def point_in_rings(x, y, rings):
    """Even-odd rule over all rings (outer + holes)."""
    inside = False
    for r in rings:
        n = len(r)
        j = n - 1
        for i in range(n):
            xi, yi = r[i]
            xj, yj = r[j]
            if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
                inside = not inside
            j = i
    return inside


def quantize(ring):
    """Round to integer hundredths of a degree, drop repeated points and the closing point."""
    q = []
    for lon, lat in ring:
        p = (int(round(lon * 100)), int(round(lat * 100)))
        if not q or q[-1] != p:
            q.append(p)
    if len(q) > 1 and q[0] == q[-1]:
        q.pop()
    return q


def _dedupe(ring):
    out = []
    for p in ring:
        if not out or out[-1] != p:
            out.append(p)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def cut_antimeridian(q, log, label):
    """Make an (open, integer) ring drawable in a plain lon/lat plane.

    TopoJSON from world-atlas is spherical: a ring may jump from lon ~+180 to ~-180. With two jumps
    (Russia's Chukotka, Wrangel Island, Fiji) the ring is cut into two rings, each closed along the
    antimeridian. With one jump the ring encircles a pole (Antarctica) and is closed through the pole.
    Returns a list of rings."""
    n = len(q)
    jumps = [i for i in range(n) if abs(q[i][0] - q[(i + 1) % n][0]) > 18000]
    if not jumps:
        return [q]
    pts, cuts = [], []
    for i in range(n):
        a, b = q[i], q[(i + 1) % n]
        pts.append(a)
        if abs(a[0] - b[0]) > 18000:
            sa = 18000 if a[0] > 0 else -18000
            bx = b[0] + (36000 if sa > 0 else -36000)  # b moved to a's side of the antimeridian
            latc = a[1] if bx == a[0] else int(round(a[1] + (b[1] - a[1]) * (sa - a[0]) / (bx - a[0])))
            if pts[-1] != (sa, latc):
                pts.append((sa, latc))
            if len(jumps) == 1:
                pole = -9000 if latc < 0 else 9000
                pts += [(sa, pole), (-sa, pole)]
            cuts.append(len(pts))
            pts.append((-sa, latc))
    if len(jumps) == 1:
        log.append(f"{label}: ring encircles a pole; closed through ({pts[cuts[0]-2]}, {pts[cuts[0]-1]})")
        return [_dedupe(pts)]
    if len(jumps) == 2:
        c0, c1 = cuts
        pieces = [_dedupe(pts[c0:c1]), _dedupe(pts[c1:] + pts[:c0])]
        log.append(f"{label}: ring crossing the antimeridian cut into rings of {len(pieces[0])} and {len(pieces[1])} points")
        return [p for p in pieces if len(p) >= 3]
    raise SystemExit(f"{label}: ring crosses the antimeridian {len(jumps)} times; not handled")


def planar_features(topo, log=None):
    """decode_topology + quantize + cut_antimeridian. Polygons are [outer, hole, ...] lists of open
    integer rings (hundredths of a degree); degenerate rings (< 3 points after rounding) are dropped."""
    log = [] if log is None else log
    feats = []
    for f in decode_topology(topo):
        label = f"{f['id'] or '-'} {f['name']}"
        polys = []
        for p in f["polygons"]:
            outer = cut_antimeridian(quantize(p[0]), log, label)
            holes = []
            for h in p[1:]:
                hh = quantize(h)
                if len(hh) >= 3:
                    holes.extend(cut_antimeridian(hh, log, label))
            outer = [o for o in outer if len(o) >= 3]
            if not outer:
                log.append(f"{label}: dropped degenerate polygon")
                continue
            polys.append([outer[0]] + holes)
            polys.extend([o] for o in outer[1:])
        feats.append({"id": f["id"], "name": f["name"], "polygons": polys})
    return feats


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--atlas", required=True)
    ap.add_argument("--gazetteer", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    topo = json.load(open(a.atlas.rstrip("/") + "/countries-110m.json", encoding="utf-8"))
    gaz = json.load(open(a.gazetteer, encoding="utf-8"))
    by_num = {c["numeric"]: c for c in gaz["countries"]}

    log = []
    records = []
    for f in planar_features(topo, log):
        num = int(f["id"]) if f["id"] is not None else None
        c = by_num.get(num) if num is not None else None
        if num is not None and c is None:
            raise SystemExit(f"numeric id {num} ({f['name']}) not in gazetteer")
        iso3 = c["iso3"] if c else "-"
        name = c["name"] if c else f["name"]
        polys = [(p[0], p[1:]) for p in f["polygons"]]
        records.append((num, iso3, name, polys))
    records.sort(key=lambda r: (r[1] == "-", r[1], r[2]))

    def fmt(ring):
        return " ".join(f"{x},{y}" for x, y in ring)

    npts = sum(len(r) for rec in records for p in rec[3] for r in [p[0]] + p[1])
    lines = [
        "# routegraph world outlines v1",
        f"# Source: npm world-atlas {ATLAS_VERSION}, countries-110m.json = Natural Earth 4.1.0 Admin 0 countries 1:110m "
        "(public domain; TopoJSON packaging (c) Michael Bostock, ISC). Converted by data/tools/convert_world.py.",
        "# Format (UTF-8 text, one record per line, '#' lines and blank lines are ignored):",
        "#   C <numeric> <iso3> <name>   starts a country: ISO 3166-1 numeric (3 digits) and alpha-3, or '-' for",
        "#                               features without an ISO code (Kosovo, N. Cyprus, Somaliland); the name is the rest of the line",
        "#   R <lon>,<lat> ...           an outer ring of the current country (one polygon per R line)",
        "#   H <lon>,<lat> ...           a hole in the polygon of the preceding R line (renderers may ignore holes)",
        "# Coordinates are integers in hundredths of a degree (WGS84 lon/lat; lon -18000..18000, lat -9000..9000),",
        "# separated by single spaces. Rings are IMPLICITLY CLOSED: the first point is not repeated at the end.",
        "# Winding order is not significant. Rings that cross the antimeridian (Russia, Fiji) are cut there into",
        "# separate rings. Antarctica is kept; its main ring, which spans all longitudes, is closed through the",
        "# South Pole (points (18000,-9000) and (-18000,-9000) added) so that it is a plain polygon in lon/lat.",
        f"# {len(records)} countries, {sum(len(r[3]) for r in records)} outer rings, {npts} points.",
    ]
    for num, iso3, name, polys in records:
        lines.append(f"C {num:03d} {iso3} {name}" if num is not None else f"C - - {name}")
        for outer, holes in polys:
            lines.append("R " + fmt(outer))
            for h in holes:
                lines.append("H " + fmt(h))
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    for l in log:
        print(l, file=sys.stderr)
    print(f"{len(records)} countries, {npts} points -> {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
