//! World country outlines (Natural Earth 1:110m) for drawing base maps.
//!
//! The outlines are embedded from `data/world-110m.txt`, a compact text format documented in the
//! `#` header of that file and in `data/PROVENANCE-world-gazetteer.md`:
//!
//! ```text
//! C 050 BGD Bangladesh            country: ISO numeric (or -), ISO alpha-3 (or -), name
//! R 9263,2233 9259,2173 ...       outer ring, lon,lat in integer hundredths of a degree
//! H ...                           hole in the polygon of the preceding R (may be ignored)
//! ```
//!
//! Rings are implicitly closed (the first point is not repeated). Rings that crossed the
//! antimeridian have been cut there, and Antarctica is closed through the South Pole, so every
//! ring is a plain polygon in the lon/lat plane (equirectangular) and can be projected point by point.

use std::fmt;
use std::sync::OnceLock;

/// One country (or un-coded territory such as Kosovo) of the world map.
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    /// ISO 3166-1 numeric code; `None` for features without one (Kosovo, N. Cyprus, Somaliland).
    pub numeric: Option<u16>,
    /// ISO 3166-1 alpha-3 code; `None` for features without one.
    pub iso3: Option<String>,
    /// English name (the gazetteer's name where the feature has an ISO code).
    pub name: String,
    /// Outer rings, (lon, lat) in degrees. Implicitly closed: the last point is not the first.
    pub rings: Vec<Vec<(f64, f64)>>,
    /// Holes (lakes, enclaves), same conventions. Which outer ring a hole belongs to is not kept.
    pub holes: Vec<Vec<(f64, f64)>>,
}

/// A bounding box in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BBox {
    pub min_lon: f64,
    pub min_lat: f64,
    pub max_lon: f64,
    pub max_lat: f64,
}

impl BBox {
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        lon >= self.min_lon && lon <= self.max_lon && lat >= self.min_lat && lat <= self.max_lat
    }
}

impl Outline {
    /// Point-in-polygon test in the lon/lat plane: even-odd rule over all outer rings and holes,
    /// i.e. inside an outer ring and not inside one of its holes.
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        let mut inside = false;
        for ring in self.rings.iter().chain(self.holes.iter()) {
            if ring_crossings_odd(ring, lon, lat) {
                inside = !inside;
            }
        }
        inside
    }

    /// Bounding box of the outer rings; `None` if there are none.
    pub fn bbox(&self) -> Option<BBox> {
        let mut pts = self.rings.iter().flatten();
        let &(x0, y0) = pts.next()?;
        let mut b = BBox {
            min_lon: x0,
            min_lat: y0,
            max_lon: x0,
            max_lat: y0,
        };
        for &(x, y) in pts {
            b.min_lon = b.min_lon.min(x);
            b.max_lon = b.max_lon.max(x);
            b.min_lat = b.min_lat.min(y);
            b.max_lat = b.max_lat.max(y);
        }
        Some(b)
    }

    /// Total number of points over all rings and holes.
    pub fn point_count(&self) -> usize {
        self.rings
            .iter()
            .chain(self.holes.iter())
            .map(Vec::len)
            .sum()
    }
}

fn ring_crossings_odd(ring: &[(f64, f64)], x: f64, y: f64) -> bool {
    let mut odd = false;
    let n = ring.len();
    if n < 3 {
        return false;
    }
    let mut j = n - 1;
    for i in 0..n {
        let (xi, yi) = ring[i];
        let (xj, yj) = ring[j];
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            odd = !odd;
        }
        j = i;
    }
    odd
}

/// Error from [`parse`]: 1-based line number and message. `Display` reads `line N: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

/// Parse the world-outline text format (strict). Errors name the 1-based line, e.g.
/// `line 17: bad point "12a,40" (expected <lon>,<lat> integers in hundredths of a degree)`.
pub fn parse(text: &str) -> Result<Vec<Outline>, String> {
    parse_detailed(text).map_err(|e| e.to_string())
}

/// Same as [`parse`] with a structured error.
pub fn parse_detailed(text: &str) -> Result<Vec<Outline>, ParseError> {
    let mut out: Vec<Outline> = Vec::new();
    // whether the current country has an R line (so that an H line has a polygon to belong to)
    let mut has_ring = false;
    for (idx, raw) in text.lines().enumerate() {
        let line_no = idx + 1;
        let err = |message: String| ParseError {
            line: line_no,
            message,
        };
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (tag, rest) = match line.split_once(' ') {
            Some((t, r)) => (t, r),
            None => (line, ""),
        };
        match tag {
            "C" => {
                let mut parts = rest.splitn(3, ' ');
                let num = parts.next().unwrap_or("");
                let iso3 = parts.next().unwrap_or("");
                let name = parts.next().unwrap_or("").trim();
                let numeric = match num {
                    "-" => None,
                    n if !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()) => {
                        Some(
                            n.parse::<u16>()
                                .map_err(|e| err(format!("bad numeric code {n:?}: {e}")))?,
                        )
                    }
                    n => {
                        return Err(err(format!(
                            "bad numeric code {n:?} (expected 3 digits or -)"
                        )))
                    }
                };
                let iso3 = match iso3 {
                    "-" => None,
                    c if c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()) => {
                        Some(c.to_string())
                    }
                    c => {
                        return Err(err(format!(
                            "bad ISO alpha-3 code {c:?} (expected 3 capital letters or -)"
                        )))
                    }
                };
                if name.is_empty() {
                    return Err(err("country line without a name".into()));
                }
                out.push(Outline {
                    numeric,
                    iso3,
                    name: name.to_string(),
                    rings: Vec::new(),
                    holes: Vec::new(),
                });
                has_ring = false;
            }
            "R" | "H" => {
                let Some(current) = out.last_mut() else {
                    return Err(err(format!("{tag} line before any C line")));
                };
                if tag == "H" && !has_ring {
                    return Err(err("H (hole) line without a preceding R line".into()));
                }
                let ring = parse_ring(rest).map_err(err)?;
                if tag == "R" {
                    current.rings.push(ring);
                    has_ring = true;
                } else {
                    current.holes.push(ring);
                }
            }
            t => {
                return Err(err(format!(
                    "unknown record type {t:?} (expected C, R, H or a # comment)"
                )))
            }
        }
    }
    if let Some(o) = out.iter().find(|o| o.rings.is_empty()) {
        return Err(ParseError {
            line: 0,
            message: format!("country {:?} has no ring", o.name),
        });
    }
    Ok(out)
}

fn parse_ring(rest: &str) -> Result<Vec<(f64, f64)>, String> {
    let mut ring = Vec::new();
    for tok in rest.split(' ') {
        if tok.is_empty() {
            return Err("empty point (double space or trailing space)".into());
        }
        let bad = || {
            format!("bad point {tok:?} (expected <lon>,<lat> integers in hundredths of a degree)")
        };
        let (x, y) = tok.split_once(',').ok_or_else(bad)?;
        let x: i32 = x.parse().map_err(|_| bad())?;
        let y: i32 = y.parse().map_err(|_| bad())?;
        if !(-18000..=18000).contains(&x) || !(-9000..=9000).contains(&y) {
            return Err(format!(
                "point {tok:?} out of range (lon -18000..18000, lat -9000..9000)"
            ));
        }
        ring.push((f64::from(x) / 100.0, f64::from(y) / 100.0));
    }
    if ring.len() < 3 {
        return Err(format!("ring has {} points; at least 3 needed", ring.len()));
    }
    Ok(ring)
}

/// The embedded world map (`data/world-110m.txt`), parsed once on first use.
///
/// Panics only if the embedded file is corrupt, which the unit tests rule out.
pub fn world() -> &'static [Outline] {
    static WORLD: OnceLock<Vec<Outline>> = OnceLock::new();
    WORLD.get_or_init(|| match parse(EMBEDDED) {
        Ok(v) => v,
        Err(e) => panic!("embedded data/world-110m.txt is corrupt: {e}"),
    })
}

/// The outline of the country with this ISO alpha-3 code (case-insensitive), if the map has one.
/// Small countries and territories (e.g. Malta, Singapore, Hong Kong) have no outline at 1:110m.
pub fn outline(iso3: &str) -> Option<&'static Outline> {
    world().iter().find(|o| {
        o.iso3
            .as_deref()
            .is_some_and(|c| c.eq_ignore_ascii_case(iso3))
    })
}

const EMBEDDED: &str = include_str!("../../data/world-110m.txt");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_file_parses() {
        let w = parse(EMBEDDED).expect("embedded world-110m.txt must parse");
        assert!(w.len() >= 170, "only {} outlines", w.len());
        assert_eq!(world().len(), w.len());
        // every coded outline has a unique alpha-3 code
        let mut codes: Vec<_> = w.iter().filter_map(|o| o.iso3.as_deref()).collect();
        let n = codes.len();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), n, "duplicate iso3 in world-110m.txt");
        for name in ["Kosovo", "N. Cyprus", "Somaliland"] {
            let o = w
                .iter()
                .find(|o| o.name == name)
                .unwrap_or_else(|| panic!("{name} missing"));
            assert_eq!((o.numeric, o.iso3.as_deref()), (None, None));
        }
    }

    #[test]
    fn rings_are_implicitly_closed_and_planar() {
        for o in world() {
            for r in o.rings.iter().chain(o.holes.iter()) {
                assert!(r.len() >= 3, "{}", o.name);
                assert_ne!(
                    r.first(),
                    r.last(),
                    "{}: ring repeats its first point",
                    o.name
                );
                for w in r.windows(2) {
                    // the only 360-degree segment allowed runs along the pole (Antarctica)
                    let along_pole = w[0].1 == w[1].1 && w[0].1.abs() == 90.0;
                    assert!(
                        (w[0].0 - w[1].0).abs() <= 180.0 || along_pole,
                        "{}: segment jumps across the antimeridian",
                        o.name
                    );
                }
            }
        }
    }

    #[test]
    fn bangladesh_bbox_contains_dhaka() {
        let bgd = outline("BGD").expect("BGD");
        assert_eq!(bgd.numeric, Some(50));
        assert_eq!(bgd.name, "Bangladesh");
        assert!(bgd.bbox().unwrap().contains(90.4, 23.7));
        assert!(bgd.contains(90.4, 23.7));
    }

    #[test]
    fn point_in_polygon() {
        let usa = outline("usa").expect("USA");
        assert!(usa.contains(-98.0, 39.0));
        assert!(!usa.contains(-100.0, 55.0)); // Canada
        assert!(usa.contains(-150.0, 64.0)); // Alaska
        let can = outline("CAN").unwrap();
        assert!(can.contains(-100.0, 55.0) && !can.contains(-98.0, 39.0));
        // Russia's Chukotka, east of the antimeridian; not the Bering Sea band south of it
        let rus = outline("RUS").unwrap();
        assert!(rus.contains(-175.0, 66.5));
        assert!(!rus.contains(0.0, 65.0) && !rus.contains(-170.0, 50.0));
        // Antarctica is a plain polygon down to the pole
        let ata = outline("ATA").unwrap();
        assert!(ata.contains(0.0, -85.0) && ata.contains(179.0, -89.0));
        assert!(!ata.contains(0.0, -50.0));
        // Lesotho is a hole in South Africa
        let zaf = outline("ZAF").unwrap();
        assert!(!zaf.holes.is_empty());
        assert!(zaf.contains(24.0, -29.0));
        assert!(!zaf.contains(28.3, -29.5));
        assert!(outline("LSO").unwrap().contains(28.3, -29.5));
    }

    #[test]
    fn malformed_input_names_the_line() {
        let ok = "# c\nC 050 BGD Bangladesh\nR 0,0 100,0 100,100\n";
        assert_eq!(parse(ok).unwrap().len(), 1);
        let cases = [
            ("C 050 BGD Bangladesh\nR 0,0 100,x 100,100\n", "line 2:"),
            ("# header\n\nC 050 BGD Bangladesh\nR 0,0 100,0\n", "line 4:"),
            ("R 0,0 1,0 1,1\n", "line 1:"),
            ("C 050 BGD Bangladesh\nH 0,0 1,0 1,1\n", "line 2:"),
            ("C 50x BGD Bangladesh\nR 0,0 1,0 1,1\n", "line 1:"),
            ("C 050 bgd Bangladesh\nR 0,0 1,0 1,1\n", "line 1:"),
            ("C 050 BGD\n", "line 1:"),
            ("C 050 BGD Bangladesh\nR 0,0 1,0 1,1\nX 1\n", "line 3:"),
            ("C 050 BGD Bangladesh\nR 0,0 1,0  1,1\n", "line 2:"),
            ("C 050 BGD Bangladesh\nR 0,0 1,0 1,9001\n", "line 2:"),
        ];
        for (text, want) in cases {
            let e = parse(text).expect_err(text);
            assert!(e.starts_with(want), "{text:?}: got {e:?}, want {want}");
        }
        assert_eq!(parse_detailed("C - - X\nR 1,1 2,2\n").unwrap_err().line, 2);
        assert!(parse("C 050 BGD Bangladesh\n")
            .unwrap_err()
            .contains("no ring"));
    }
}
