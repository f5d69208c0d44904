"""Generate the country outlines of the dashboard's offline map from Natural Earth.

Usage: pip install pyogrio && python scripts/build_world.py

Reads Natural Earth's 1:110m admin-0 countries (public domain, naturalearthdata.com) as shipped in the
pyogrio package (`pyogrio/tests/fixtures/naturalearth_lowres`), simplifies every ring (Douglas-Peucker,
0.08 degrees), drops islands smaller than a few pixels, rounds coordinates to 0.01 degree and writes
src/eventwire/web/static/world.json: a GeoJSON FeatureCollection with `iso3` and `name` per country.
Nothing is fetched at run time: the dashboard reads only this file.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pyogrio

SOURCE = Path(pyogrio.__file__).parent / "tests/fixtures/naturalearth_lowres/naturalearth_lowres.shp"
OUT = Path(__file__).resolve().parents[1] / "src/eventwire/web/static/world.json"
TOLERANCE = 0.08  # degrees
MIN_AREA = 0.3  # square degrees: smaller islands are dropped
# Natural Earth leaves these without an ISO code (-99)
ISO3 = {"France": "FRA", "Norway": "NOR", "Kosovo": "XKX", "N. Cyprus": "CYP", "Somaliland": "SOM"}

Ring = list[tuple[float, float]]


def read_wkb(blob: bytes) -> list[list[Ring]]:
    """Polygons (lists of rings) of a WKB Polygon or MultiPolygon."""
    pos = 0

    def take(fmt: str) -> tuple:  # type: ignore[type-arg]
        nonlocal pos
        vals = struct.unpack_from(fmt, blob, pos)
        pos += struct.calcsize(fmt)
        return vals

    def polygon(order: str) -> list[Ring]:
        (nrings,) = take(order + "I")
        rings = []
        for _ in range(nrings):
            (npts,) = take(order + "I")
            flat = take(order + "d" * (2 * npts))
            rings.append(list(zip(flat[0::2], flat[1::2], strict=True)))
        return rings

    (endian,) = take("B")
    order = "<" if endian == 1 else ">"
    (kind,) = take(order + "I")
    if kind == 3:
        return [polygon(order)]
    if kind == 6:
        (n,) = take(order + "I")
        out = []
        for _ in range(n):
            (e,) = take("B")
            o = "<" if e == 1 else ">"
            take(o + "I")
            out.append(polygon(o))
        return out
    raise ValueError(f"unexpected WKB geometry type {kind}")


def simplify(points: Ring, tol: float) -> Ring:
    """Douglas-Peucker on an open polyline (iterative)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = points[a], points[b]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, at = -1.0, -1
        for i in range(a + 1, b):
            x, y = points[i]
            d = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm if norm else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if d > best:
                best, at = d, i
        if best > tol:
            keep[at] = True
            stack += [(a, at), (at, b)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def area(ring: Ring) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))) / 2


def main() -> None:
    meta, _, geometry, fields = pyogrio.raw.read(SOURCE)
    names = list(meta["fields"])
    features = []
    for i, blob in enumerate(geometry):
        name = str(fields[names.index("name")][i])
        iso3 = str(fields[names.index("iso_a3")][i])
        iso3 = ISO3.get(name, iso3)
        if name == "Antarctica":
            continue
        polys = []
        for rings in read_wkb(bytes(blob)):
            outer = rings[0]
            if area(outer) < MIN_AREA:
                continue
            out = []
            for ring in rings:
                simple = simplify(ring[:-1], TOLERANCE)  # the closing point is implied
                if len(simple) >= 3 and area(simple) >= MIN_AREA / 3:
                    out.append([[round(x, 2), round(y, 2)] for x, y in simple])
            if out:
                polys.append(out)
        if not polys:
            continue
        geom = {"type": "Polygon", "coordinates": polys[0]} if len(polys) == 1 else {
            "type": "MultiPolygon", "coordinates": polys}
        features.append({"type": "Feature", "properties": {"iso3": iso3, "name": name}, "geometry": geom})
    features.sort(key=lambda f: f["properties"]["name"])
    doc = {"type": "FeatureCollection",
           "source": "Natural Earth 1:110m admin-0 countries (public domain), simplified by scripts/build_world.py",
           "features": features}
    OUT.write_text(json.dumps(doc, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(features)} countries, {OUT.stat().st_size // 1024} KB -> {OUT}")


if __name__ == "__main__":
    main()
