//! Plane geometry for drawing legs: curved arcs between two markers that
//! stop at the markers' edges, arrowheads, dashes, and boxes.

pub type Pt = (f64, f64);

fn sub(a: Pt, b: Pt) -> Pt {
    (a.0 - b.0, a.1 - b.1)
}
fn add(a: Pt, b: Pt) -> Pt {
    (a.0 + b.0, a.1 + b.1)
}
fn scale(a: Pt, k: f64) -> Pt {
    (a.0 * k, a.1 * k)
}
pub fn dist(a: Pt, b: Pt) -> f64 {
    (a.0 - b.0).hypot(a.1 - b.1)
}

/// A quadratic Bézier curve.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quad {
    pub p0: Pt,
    pub c: Pt,
    pub p1: Pt,
}

impl Quad {
    /// The arc from `a` to `b` bent by `bend` pixels to the right of the
    /// direction of travel (negative: to the left). A→B and B→A therefore
    /// bend to opposite sides and never overlap.
    pub fn arc(a: Pt, b: Pt, bend: f64) -> Quad {
        let d = sub(b, a);
        let len = dist(a, b).max(1e-9);
        // Screen coordinates have y down, so (-dy, dx) points to the right of travel.
        let n = (-d.1 / len, d.0 / len);
        let mid = scale(add(a, b), 0.5);
        // The curve's apex sits at half the control point's offset.
        Quad {
            p0: a,
            c: add(mid, scale(n, 2.0 * bend)),
            p1: b,
        }
    }
    pub fn at(&self, t: f64) -> Pt {
        let u = 1.0 - t;
        (
            u * u * self.p0.0 + 2.0 * u * t * self.c.0 + t * t * self.p1.0,
            u * u * self.p0.1 + 2.0 * u * t * self.c.1 + t * t * self.p1.1,
        )
    }
    /// The parameter where the curve, walked from `from_end` (0 or 1) inward,
    /// first leaves the circle of radius `r` around that end.
    pub fn exit_param(&self, from_end: bool, r: f64) -> f64 {
        self.exit_param_within(from_end, r, 0.0)
    }
    /// [`Quad::exit_param`] to within `tol` pixels (0: to the last useful
    /// bit of the parameter, by 40 bisection steps). With a tolerance,
    /// Newton steps on |B(t) − end|² − r² from the estimate the end's tangent
    /// gives, kept inside a bisection bracket: three or four evaluations
    /// instead of twenty.
    pub fn exit_param_within(&self, from_end: bool, r: f64, tol: f64) -> f64 {
        let (center, t0, t1) = if from_end {
            (self.p1, 1.0, 0.0)
        } else {
            (self.p0, 0.0, 1.0)
        };
        let r2 = r * r;
        let f = |t: f64| {
            let p = self.at(t);
            let (dx, dy) = (p.0 - center.0, p.1 - center.1);
            dx * dx + dy * dy - r2
        };
        // Inside the circle: f < 0. Bisection keeps lo inside, hi outside.
        let (mut lo, mut hi) = (t0, t1);
        if f(hi) < 0.0 {
            return hi;
        }
        let d2 = |a: Pt, b: Pt| (a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1);
        // The curve moves at most 2·max(|c − p0|, |p1 − c|) pixels per unit
        // of the parameter.
        let speed = 2.0 * d2(self.c, self.p0).max(d2(self.p1, self.c)).sqrt();
        if tol <= 0.0 || !speed.is_finite() || speed <= 0.0 {
            for _ in 0..40 {
                let m = (lo + hi) / 2.0;
                if f(m) < 0.0 {
                    lo = m;
                } else {
                    hi = m;
                }
            }
            return hi;
        }
        let v_end = 2.0 * d2(self.c, center).sqrt();
        let mut t = if v_end > 0.0 {
            t0 + (t1 - t0) * (r / v_end).min(0.5)
        } else {
            (lo + hi) / 2.0
        };
        for _ in 0..60 {
            let p = self.at(t);
            let (dx, dy) = (p.0 - center.0, p.1 - center.1);
            let ft = dx * dx + dy * dy - r2;
            if ft < 0.0 {
                lo = t;
            } else {
                hi = t;
            }
            // B'(t) = 2((1 − t)(c − p0) + t(p1 − c)).
            let u = 1.0 - t;
            let db = (
                2.0 * (u * (self.c.0 - self.p0.0) + t * (self.p1.0 - self.c.0)),
                2.0 * (u * (self.c.1 - self.p0.1) + t * (self.p1.1 - self.c.1)),
            );
            let df = 2.0 * (dx * db.0 + dy * db.1);
            let newton = t - ft / df;
            let inside = newton.is_finite() && (newton - lo) * (newton - hi) < 0.0;
            let next = if inside { newton } else { (lo + hi) / 2.0 };
            let step = (next - t).abs();
            t = next;
            if step * speed < tol || (hi - lo).abs() * speed < tol {
                break;
            }
        }
        t
    }
    /// Points along the curve from parameter `t0` to `t1`.
    pub fn flatten(&self, t0: f64, t1: f64, segments: usize) -> Vec<Pt> {
        let n = segments.max(1);
        (0..=n)
            .map(|i| self.at(t0 + (t1 - t0) * i as f64 / n as f64))
            .collect()
    }
    /// How many equal steps of the parameter from `t0` to `t1` keep every
    /// chord within `tol` pixels of the curve. The second derivative of a
    /// quadratic is the constant 2(p0 − 2c + p1), and a chord over a step
    /// `h` strays at most |B''|·h²/8 from the curve, so
    /// n = |t1 − t0| · √(|p0 − 2c + p1| / 4·tol) (at least 1, at most 64).
    pub fn segments_for(&self, t0: f64, t1: f64, tol: f64) -> usize {
        let dd = (
            self.p0.0 - 2.0 * self.c.0 + self.p1.0,
            self.p0.1 - 2.0 * self.c.1 + self.p1.1,
        );
        let k = (dd.0 * dd.0 + dd.1 * dd.1).sqrt();
        let n = (t1 - t0).abs() * (k / (4.0 * tol.max(1e-3))).sqrt();
        if n.is_finite() {
            (n.ceil() as usize).clamp(1, 64)
        } else {
            1
        }
    }
    /// The same curve restricted to parameters `t0..t1`, as a quadratic of
    /// its own (its control point is the blossom B(t0, t1)).
    pub fn sub(&self, t0: f64, t1: f64) -> Quad {
        let (u0, u1) = (1.0 - t0, 1.0 - t1);
        let (a, b, c) = (u0 * u1, u0 * t1 + t0 * u1, t0 * t1);
        Quad {
            p0: self.at(t0),
            c: (
                a * self.p0.0 + b * self.c.0 + c * self.p1.0,
                a * self.p0.1 + b * self.c.1 + c * self.p1.1,
            ),
            p1: self.at(t1),
        }
    }
}

/// Cut a polyline into dashes of `on` pixels separated by `off` pixels.
pub fn dashes(points: &[Pt], on: f64, off: f64) -> Vec<Vec<Pt>> {
    let mut out = Vec::new();
    if points.len() < 2 || on <= 0.0 {
        return out;
    }
    let mut cur: Vec<Pt> = vec![points[0]];
    let mut drawing = true;
    let mut left = on;
    for w in points.windows(2) {
        let (mut a, b) = (w[0], w[1]);
        let mut seg = dist(a, b);
        while seg > 1e-9 {
            if seg <= left {
                left -= seg;
                if drawing {
                    cur.push(b);
                }
                break;
            }
            let p = add(a, scale(sub(b, a), left / seg));
            if drawing {
                cur.push(p);
                out.push(std::mem::take(&mut cur));
            } else {
                cur = vec![p];
            }
            drawing = !drawing;
            seg -= left;
            a = p;
            left = if drawing { on } else { off };
        }
    }
    if drawing && cur.len() > 1 {
        out.push(cur);
    }
    out
}

/// An axis-aligned box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    pub fn new(x0: f64, y0: f64, x1: f64, y1: f64) -> Rect {
        Rect {
            x0: x0.min(x1),
            y0: y0.min(y1),
            x1: x0.max(x1),
            y1: y0.max(y1),
        }
    }
    pub fn around(c: Pt, r: f64) -> Rect {
        Rect::new(c.0 - r, c.1 - r, c.0 + r, c.1 + r)
    }
    pub fn intersects(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
    pub fn inside(&self, o: &Rect) -> bool {
        self.x0 >= o.x0 && self.y0 >= o.y0 && self.x1 <= o.x1 && self.y1 <= o.y1
    }
    pub fn grow(&self, m: f64) -> Rect {
        Rect::new(self.x0 - m, self.y0 - m, self.x1 + m, self.y1 + m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opposite_arcs_bend_to_opposite_sides() {
        let a = (0.0, 0.0);
        let b = (100.0, 0.0);
        let ab = Quad::arc(a, b, 10.0).at(0.5);
        let ba = Quad::arc(b, a, 10.0).at(0.5);
        assert!((ab.1 - 10.0).abs() < 1e-9, "{ab:?}");
        assert!((ba.1 + 10.0).abs() < 1e-9, "{ba:?}");
    }

    #[test]
    fn exit_param_stops_at_the_marker_edge() {
        let q = Quad::arc((0.0, 0.0), (100.0, 0.0), 15.0);
        let t = q.exit_param(true, 12.0);
        assert!((dist(q.at(t), (100.0, 0.0)) - 12.0).abs() < 1e-6);
        let t0 = q.exit_param(false, 8.0);
        assert!((dist(q.at(t0), (0.0, 0.0)) - 8.0).abs() < 1e-6);
    }

    #[test]
    fn sub_curves_follow_the_curve_and_flatten_within_tolerance() {
        let q = Quad::arc((0.0, 0.0), (300.0, 40.0), 60.0);
        let s = q.sub(0.2, 0.7);
        for i in 0..=10 {
            let u = i as f64 / 10.0;
            let (a, b) = (s.at(u), q.at(0.2 + 0.5 * u));
            assert!(dist(a, b) < 1e-9, "{a:?} {b:?}");
        }
        let n = q.segments_for(0.0, 1.0, 0.25);
        let pts = q.flatten(0.0, 1.0, n);
        // The largest gap between a chord's midpoint and the curve.
        for (i, w) in pts.windows(2).enumerate() {
            let mid = ((w[0].0 + w[1].0) / 2.0, (w[0].1 + w[1].1) / 2.0);
            let on = q.at((i as f64 + 0.5) / n as f64);
            assert!(
                dist(mid, on) <= 0.25 + 1e-9,
                "{n} segments: {}",
                dist(mid, on)
            );
        }
        assert!(n < 64);
    }

    #[test]
    fn exit_param_within_a_tolerance_is_close() {
        let q = Quad::arc((0.0, 0.0), (400.0, 100.0), 40.0);
        for r in [3.0, 9.5, 30.0] {
            let (a, b) = (q.exit_param(true, r), q.exit_param_within(true, r, 1e-3));
            assert!(dist(q.at(a), q.at(b)) <= 1e-3, "{r}");
        }
    }

    #[test]
    fn dashes_cover_the_right_length() {
        let d = dashes(&[(0.0, 0.0), (100.0, 0.0)], 10.0, 5.0);
        assert_eq!(d.len(), 7);
        let on: f64 = d.iter().map(|s| dist(s[0], *s.last().unwrap())).sum();
        assert!((on - 70.0).abs() < 1e-9, "{on}");
    }

    #[test]
    fn rects_intersect() {
        let a = Rect::new(0.0, 0.0, 10.0, 10.0);
        assert!(a.intersects(&Rect::new(5.0, 5.0, 15.0, 15.0)));
        assert!(
            !a.intersects(&Rect::new(10.0, 0.0, 20.0, 10.0)),
            "touching is fine"
        );
    }
}
