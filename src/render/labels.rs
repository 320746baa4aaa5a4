//! Label placement: each label tries a fixed list of spots around its marker,
//! most important labels first, and takes the first spot whose box stays in
//! bounds and touches no other label and no marker. A label with no free spot
//! is dropped (and reported), never drawn over another. The spots close to
//! the marker come first; farther ones get a leader line back to the marker.

use super::geom::{Pt, Rect};
use super::text::{fonts, Anchor, TextStyle};

/// A label to place next to a marker.
#[derive(Debug, Clone)]
pub struct Request {
    pub place: usize,
    pub text: String,
    pub at: Pt,
    pub radius: f64,
    /// Higher is placed first.
    pub priority: f64,
}

/// A placed label: where to draw it and the box it covers.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub place: usize,
    pub text: String,
    pub x: f64,
    pub y: f64,
    pub anchor: Anchor,
    pub rect: Rect,
    /// A leader line from the marker's edge to the label, when the label had
    /// to move away from its marker.
    pub leader: Option<(Pt, Pt)>,
}

/// Place `requests` inside `bounds`, avoiding `obstacles` (markers, legend).
/// Returns the placed labels and the places whose label was dropped.
pub fn place(
    requests: &[Request],
    obstacles: &[Rect],
    bounds: Rect,
    style: &TextStyle,
    halo: f64,
    vertical_first: bool,
) -> (Vec<Placed>, Vec<usize>) {
    let mut order: Vec<&Request> = requests.iter().collect();
    order.sort_by(|a, b| {
        b.priority
            .total_cmp(&a.priority)
            .then_with(|| a.place.cmp(&b.place))
    });
    let mut placed: Vec<Placed> = Vec::new();
    let mut dropped = Vec::new();
    let grid = Grid::new(obstacles, bounds);
    for r in order {
        let (w, h) = fonts().measure(&r.text, style);
        let (w, h) = (w as f64, h as f64);
        let mut cands = candidates(r, w, h);
        if vertical_first {
            // Legs of a layered drawing run sideways: above and below are freer.
            cands[..4].rotate_left(2);
        }
        let found = cands.into_iter().find(|c| {
            let grown = c.rect.grow(halo);
            grown.inside(&bounds)
                && !placed.iter().any(|p| p.rect.grow(halo).intersects(&grown))
                && !grid.near(&c.rect).any(|o| o.intersects(&c.rect))
                && c.leader.is_none_or(|l| {
                    // A leader must not run through another marker.
                    let own = Rect::around(r.at, r.radius + 1.0);
                    let span = Rect::new(l.0 .0, l.0 .1, l.1 .0, l.1 .1);
                    !grid.near(&span).any(|o| *o != own && segment_hits(l, o))
                })
        });
        match found {
            Some(p) => placed.push(p),
            None => dropped.push(r.place),
        }
    }
    placed.sort_by_key(|p| p.place);
    dropped.sort_unstable();
    (placed, dropped)
}

fn candidates(r: &Request, w: f64, h: f64) -> Vec<Placed> {
    let (cx, cy) = r.at;
    let g = r.radius + 3.0;
    let d = r.radius * 0.75 + 2.0;
    let mk = |x: f64, y: f64, anchor: Anchor| {
        let x0 = match anchor {
            Anchor::Start => x,
            Anchor::Middle => x - w / 2.0,
            Anchor::End => x - w,
        };
        Placed {
            place: r.place,
            text: r.text.clone(),
            x,
            y,
            anchor,
            rect: Rect::new(x0, y, x0 + w, y + h),
            leader: None,
        }
    };
    let mut out = vec![
        mk(cx + g, cy - h / 2.0, Anchor::Start),        // east
        mk(cx - g, cy - h / 2.0, Anchor::End),          // west
        mk(cx, cy - g - h, Anchor::Middle),             // north
        mk(cx, cy + g, Anchor::Middle),                 // south
        mk(cx + d, cy - d - h, Anchor::Start),          // north-east
        mk(cx + d, cy + d, Anchor::Start),              // south-east
        mk(cx - d, cy - d - h, Anchor::End),            // north-west
        mk(cx - d, cy + d, Anchor::End),                // south-west
        mk(cx + g + 14.0, cy - h / 2.0, Anchor::Start), // further east
        mk(cx - g - 14.0, cy - h / 2.0, Anchor::End),   // further west
        mk(cx, cy - g - h - 12.0, Anchor::Middle),      // further north
        mk(cx, cy + g + 12.0, Anchor::Middle),          // further south
    ];
    // Farther out, with a leader line: eight directions, two distances.
    for dist in [30.0, 52.0] {
        for k in 0..8 {
            let a = std::f64::consts::FRAC_PI_4 * k as f64;
            let (ux, uy) = (a.cos(), -a.sin());
            let (lx, ly) = (cx + ux * (r.radius + dist), cy + uy * (r.radius + dist));
            let anchor = if ux > 0.3 {
                Anchor::Start
            } else if ux < -0.3 {
                Anchor::End
            } else {
                Anchor::Middle
            };
            let y = if uy < -0.3 {
                ly - h
            } else if uy > 0.3 {
                ly
            } else {
                ly - h / 2.0
            };
            let mut p = mk(lx, y, anchor);
            let from = (cx + ux * (r.radius + 1.0), cy + uy * (r.radius + 1.0));
            let to = (lx - ux * 2.0, ly - uy * 2.0);
            p.leader = Some((from, to));
            out.push(p);
        }
    }
    out
}

/// Obstacles bucketed in square cells, so that a query looks only at the
/// obstacles near its box (thousands of markers on large graphs).
struct Grid<'a> {
    obstacles: &'a [Rect],
    cells: std::collections::HashMap<(i32, i32), Vec<usize>>,
}

const CELL: f64 = 48.0;

impl<'a> Grid<'a> {
    fn new(obstacles: &'a [Rect], _bounds: Rect) -> Self {
        let mut cells: std::collections::HashMap<(i32, i32), Vec<usize>> = Default::default();
        for (i, o) in obstacles.iter().enumerate() {
            for cx in Self::span(o.x0, o.x1) {
                for cy in Self::span(o.y0, o.y1) {
                    cells.entry((cx, cy)).or_default().push(i);
                }
            }
        }
        Grid { obstacles, cells }
    }
    fn span(a: f64, b: f64) -> std::ops::RangeInclusive<i32> {
        let lo = (a / CELL).floor().clamp(-1e6, 1e6) as i32;
        let hi = (b / CELL).floor().clamp(-1e6, 1e6) as i32;
        lo..=hi.max(lo)
    }
    /// Obstacles in the cells `r` touches (an obstacle may come more than once).
    fn near(&self, r: &Rect) -> impl Iterator<Item = &'a Rect> + '_ {
        let r = *r;
        Self::span(r.x0, r.x1)
            .flat_map(move |cx| Self::span(r.y0, r.y1).map(move |cy| (cx, cy)))
            .filter_map(move |c| self.cells.get(&c))
            .flatten()
            .map(move |&i| &self.obstacles[i])
    }
}

/// Whether the segment touches the box (sampled every 2 px).
fn segment_hits((a, b): (Pt, Pt), r: &Rect) -> bool {
    let n = ((b.0 - a.0).hypot(b.1 - a.1) / 2.0).ceil().max(1.0) as usize;
    (0..=n).any(|i| {
        let t = i as f64 / n as f64;
        let (x, y) = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
        x > r.x0 && x < r.x1 && y > r.y0 && y < r.y1
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crowded_labels_never_overlap_and_the_rest_are_dropped() {
        let style = TextStyle::new(12.0, (0, 0, 0));
        let reqs: Vec<Request> = (0..30)
            .map(|i| Request {
                place: i,
                text: format!("Place number {i}"),
                at: (100.0 + (i % 5) as f64 * 9.0, 100.0 + (i / 5) as f64 * 9.0),
                radius: 3.0,
                priority: i as f64,
            })
            .collect();
        let markers: Vec<Rect> = reqs.iter().map(|r| Rect::around(r.at, r.radius)).collect();
        let bounds = Rect::new(0.0, 0.0, 400.0, 300.0);
        let (placed, dropped) = place(&reqs, &markers, bounds, &style, 1.0, false);
        assert_eq!(placed.len() + dropped.len(), 30);
        assert!(!placed.is_empty() && !dropped.is_empty());
        for (i, a) in placed.iter().enumerate() {
            assert!(a.rect.inside(&bounds));
            for b in &placed[i + 1..] {
                assert!(!a.rect.intersects(&b.rect), "{} and {}", a.text, b.text);
            }
            for m in &markers {
                assert!(!a.rect.intersects(m), "{} covers a marker", a.text);
            }
        }
        // The most important label got a spot.
        assert!(placed.iter().any(|p| p.place == 29));
    }
}
