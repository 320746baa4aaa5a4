//! GeoJSON (RFC 7946), for QGIS and kepler.gl: one FeatureCollection with a
//! Point feature per place that has coordinates and a LineString feature per
//! leg between two such places, drawn along the great circle ([`SEGMENTS`]
//! segments, by spherical interpolation) and split into a MultiLineString
//! where it crosses the antimeridian, so that no segment spans more than
//! 180° of longitude. Positions are `[lon, lat]` in WGS 84 degrees; a leg's
//! line starts and ends exactly at its places' coordinates, and the points
//! between are rounded to 6 decimals (about 10 cm). Places without
//! coordinates, and the legs touching them, are left out (see
//! [`Export::unmapped`](super::Export::unmapped)).
//!
//! Every feature has the properties of its place or leg (`feature` says
//! which: `place` or `leg`; legs also have `from` and `to`), with `null`
//! for what is unknown; evidence, aliases and figures are JSON arrays.
//! One feature per line.

use super::{round, Export, Exporter};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{json, Value};
use std::io::{self, Write};

pub(super) struct GeoJson;

/// Segments per great-circle arc.
pub(crate) const SEGMENTS: usize = 32;

/// Properties in the order given.
struct Props(Vec<(&'static str, Value)>);

impl Serialize for Props {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

#[derive(serde::Serialize)]
struct Feature<'a> {
    #[serde(rename = "type")]
    ty: &'static str,
    id: &'a str,
    geometry: Value,
    properties: Props,
}

type V3 = [f64; 3];

fn to_vec(lon: f64, lat: f64) -> V3 {
    let (lo, la) = (lon.to_radians(), lat.to_radians());
    [la.cos() * lo.cos(), la.cos() * lo.sin(), la.sin()]
}

fn to_lonlat(v: V3) -> [f64; 2] {
    let lat = v[2].atan2(v[0].hypot(v[1])).to_degrees();
    let lon = v[1].atan2(v[0]).to_degrees();
    [lon, lat]
}

fn dot(a: V3, b: V3) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

fn cross(a: V3, b: V3) -> V3 {
    [
        a[1] * b[2] - a[2] * b[1],
        a[2] * b[0] - a[0] * b[2],
        a[0] * b[1] - a[1] * b[0],
    ]
}

fn normalize(v: V3) -> Option<V3> {
    let n = dot(v, v).sqrt();
    (n > 1e-12).then(|| [v[0] / n, v[1] / n, v[2] / n])
}

/// The great-circle arc from `a` to `b` (`[lon, lat]`), `SEGMENTS + 1`
/// points, ends exact. Antipodal ends go over the north pole (any great
/// circle is shortest there).
pub(crate) fn great_circle(a: [f64; 2], b: [f64; 2]) -> Vec<[f64; 2]> {
    let (va, vb) = (to_vec(a[0], a[1]), to_vec(b[0], b[1]));
    let cos_w = dot(va, vb).clamp(-1.0, 1.0);
    let w = cos_w.acos();
    // The unit vector along the arc's direction at `a`, perpendicular to it.
    let perp = [
        vb[0] - va[0] * cos_w,
        vb[1] - va[1] * cos_w,
        vb[2] - va[2] * cos_w,
    ];
    let u = normalize(perp).or_else(|| {
        // Same or opposite points: any perpendicular; prefer through the pole.
        normalize(cross(cross(va, [0.0, 0.0, 1.0]), va))
            .or_else(|| normalize(cross(va, [1.0, 0.0, 0.0])))
    });
    let mut pts = Vec::with_capacity(SEGMENTS + 1);
    pts.push(a);
    for k in 1..SEGMENTS {
        let t = w * k as f64 / SEGMENTS as f64;
        let p = match u {
            Some(u) => [
                va[0] * t.cos() + u[0] * t.sin(),
                va[1] * t.cos() + u[1] * t.sin(),
                va[2] * t.cos() + u[2] * t.sin(),
            ],
            None => va,
        };
        let [lon, lat] = to_lonlat(p);
        pts.push([round(lon, 6), round(lat, 6)]);
    }
    pts.push(b);
    pts
}

/// Split a line where consecutive points are more than 180° of longitude
/// apart (it crosses the antimeridian), ending one part at ±180 and starting
/// the next at ∓180, at the latitude where the great circle crosses.
pub(crate) fn split_antimeridian(pts: &[[f64; 2]]) -> Vec<Vec<[f64; 2]>> {
    let mut parts = vec![Vec::new()];
    for (k, &p) in pts.iter().enumerate() {
        if k > 0 {
            let q = pts[k - 1];
            if (p[0] - q[0]).abs() > 180.0 {
                let (vq, vp) = (to_vec(q[0], q[1]), to_vec(p[0], p[1]));
                // The point of the arc q→p where y = 0 (longitude ±180).
                let t = if (vp[1] - vq[1]).abs() > 0.0 {
                    vp[1] / (vp[1] - vq[1])
                } else {
                    0.5
                };
                let c = [
                    vq[0] * t + vp[0] * (1.0 - t),
                    vq[1] * t + vp[1] * (1.0 - t),
                    vq[2] * t + vp[2] * (1.0 - t),
                ];
                let lat = round(c[2].atan2(c[0].hypot(c[1])).to_degrees(), 6);
                let side = if q[0] > 0.0 { 180.0 } else { -180.0 };
                let last = parts.last_mut().expect("one part at least");
                if last.last() != Some(&[side, lat]) {
                    last.push([side, lat]);
                }
                let mut next = Vec::new();
                if p != [-side, lat] {
                    next.push([-side, lat]);
                }
                parts.push(next);
            }
        }
        parts.last_mut().expect("one part at least").push(p);
    }
    // A part can be a lone point when an end sits exactly on the antimeridian.
    parts.retain(|part| part.len() >= 2);
    parts
}

fn line_geometry(a: [f64; 2], b: [f64; 2]) -> Value {
    let parts = split_antimeridian(&great_circle(a, b));
    if parts.len() == 1 {
        json!({"type": "LineString", "coordinates": parts[0]})
    } else {
        json!({"type": "MultiLineString", "coordinates": parts})
    }
}

impl Exporter for GeoJson {
    fn write(&self, x: &Export<'_>, _file: usize, out: &mut dyn Write) -> io::Result<()> {
        let g = x.graph;
        out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[")?;
        let mut first = true;
        let mut feature = |out: &mut dyn Write, f: &Feature<'_>| -> io::Result<()> {
            out.write_all(if first { b"\n" } else { b",\n" })?;
            first = false;
            serde_json::to_writer(&mut *out, f).map_err(io::Error::other)
        };
        let place_attrs = x.place_attrs();
        for i in 0..g.place_count() {
            let p = g.place(i);
            let Some((lon, lat)) = p.position() else {
                continue;
            };
            let mut props = vec![("feature", json!("place"))];
            for (a, v) in place_attrs.iter().zip(x.place_values(i)) {
                props.push((a.name, v.map_or(Value::Null, |v| v.json())));
            }
            feature(
                out,
                &Feature {
                    ty: "Feature",
                    id: &p.id,
                    geometry: json!({"type": "Point", "coordinates": [lon, lat]}),
                    properties: Props(props),
                },
            )?;
        }
        for &e in &x.legs {
            let (a, b) = g.ends(e);
            let (pa, pb) = (g.place(a), g.place(b));
            let (Some(ca), Some(cb)) = (pa.position(), pb.position()) else {
                continue;
            };
            let mut props = vec![
                ("feature", json!("leg")),
                ("from", json!(pa.id)),
                ("to", json!(pb.id)),
            ];
            for (at, v) in x.leg_attrs().iter().zip(x.leg_values(e)) {
                props.push((at.name, v.map_or(Value::Null, |v| v.json())));
            }
            let id = g.leg_id(e);
            feature(
                out,
                &Feature {
                    ty: "Feature",
                    id: &id,
                    geometry: line_geometry([ca.0, ca.1], [cb.0, cb.1]),
                    properties: Props(props),
                },
            )?;
        }
        out.write_all(b"\n]}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arc_ends_exactly_and_stays_on_the_sphere() {
        let pts = great_circle([90.4, 23.7], [-51.9, -10.0]);
        assert_eq!(pts.len(), SEGMENTS + 1);
        assert_eq!(pts[0], [90.4, 23.7]);
        assert_eq!(pts[SEGMENTS], [-51.9, -10.0]);
        for p in &pts {
            assert!((-180.0..=180.0).contains(&p[0]) && (-90.0..=90.0).contains(&p[1]));
        }
    }

    #[test]
    fn crossing_the_pacific_splits_at_the_antimeridian() {
        // Tokyo to San Francisco.
        let parts = split_antimeridian(&great_circle([139.7, 35.7], [-122.4, 37.8]));
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].last().unwrap()[0], 180.0);
        assert_eq!(parts[1][0][0], -180.0);
        assert_eq!(parts[0].last().unwrap()[1], parts[1][0][1]);
        // The great circle bows north of both ends.
        assert!(parts[0].last().unwrap()[1] > 40.0);
        for part in &parts {
            for w in part.windows(2) {
                assert!((w[1][0] - w[0][0]).abs() <= 180.0);
            }
        }
    }

    #[test]
    fn antipodes_and_equal_points_do_not_fail() {
        let pts = great_circle([0.0, 0.0], [180.0, 0.0]);
        assert!(pts.iter().all(|p| p[0].is_finite() && p[1].is_finite()));
        assert!(pts[SEGMENTS / 2][1] > 89.0, "{:?}", pts[SEGMENTS / 2]);
        let pts = great_circle([10.0, 10.0], [10.0, 10.0]);
        assert!(pts.iter().all(|p| (p[0] - 10.0).abs() < 1e-6));
    }
}
