//! The geographic layout: places at their representative points on an Equal
//! Earth projection of the Natural Earth outlines, the view fitted to the
//! places drawn with margins that hold their labels. Countries with a role
//! are tinted in their role's colour.

use super::draw::Frame;
use super::geom::{Pt, Rect};
use super::projection::equal_earth;
use super::scene::{Item, Shape};
use super::style::{self, BORDER, LAND, OCEAN};
use crate::analysis::roles::PlaceRole;
use crate::geo::world::world;
use crate::model::{Role, RouteGraph};
use std::collections::HashMap;

/// Margins (pixels) kept around the places for their labels.
const PAD_X: f64 = 110.0;
const PAD_Y: f64 = 36.0;
/// The smallest view, in projected units (about 15° of longitude).
const MIN_SPAN: f64 = 0.25;

pub fn layout(g: &RouteGraph, wanted: &[bool], area: Rect, roles: &[PlaceRole]) -> Frame {
    let mut pos: Vec<Option<Pt>> = vec![None; g.place_count()];
    let projected: Vec<(usize, Pt)> = g
        .places()
        .enumerate()
        .filter(|(i, _)| wanted[*i])
        .filter_map(|(i, p)| p.position().map(|(lon, lat)| (i, equal_earth(lon, lat))))
        .collect();
    let mut base = Vec::new();
    let mut ocean = Item::new("ocean");
    ocean.shapes.push(Shape::Polygon {
        points: vec![
            (area.x0, area.y0),
            (area.x1, area.y0),
            (area.x1, area.y1),
            (area.x0, area.y1),
        ],
        color: OCEAN,
        alpha: 1.0,
    });
    base.push(ocean);
    let credit = "Outlines: Natural Earth (public domain); Equal Earth projection.".to_string();
    if projected.is_empty() {
        return Frame {
            pos,
            base,
            bend: 0.12,
            credit,
            labels_vertical: false,
        };
    }
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(_, (x, y)) in &projected {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    let (mx, my) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    let (sx, sy) = ((x1 - x0).max(MIN_SPAN), (y1 - y0).max(MIN_SPAN * 0.6));
    let aw = (area.x1 - area.x0 - 2.0 * PAD_X).max(50.0);
    let ah = (area.y1 - area.y0 - 2.0 * PAD_Y).max(50.0);
    let s = (aw / sx).min(ah / sy);
    let (cx, cy) = ((area.x0 + area.x1) / 2.0, (area.y0 + area.y1) / 2.0);
    let to_screen = |(x, y): Pt| (cx + (x - mx) * s, cy - (y - my) * s);
    for (i, p) in projected {
        pos[i] = Some(to_screen(p));
    }

    // Country outlines, tinted by role where the data set names the country.
    let role_of: HashMap<&str, Role> = g
        .places()
        .zip(roles)
        .filter(|(_, r)| r.role != Role::Isolated)
        .map(|(p, r)| (p.id.as_str(), r.role))
        .collect();
    for outline in world() {
        let fill = outline
            .iso3
            .as_deref()
            .and_then(|c| role_of.get(c))
            .map_or(LAND, |&r| style::role_tint(r));
        let mut item = Item::new("country");
        if let Some(c) = &outline.iso3 {
            item = item.attr("data-iso3", c);
        }
        for ring in &outline.rings {
            let pts: Vec<Pt> = simplify(
                ring.iter()
                    .map(|&(lon, lat)| to_screen(equal_earth(lon, lat))),
            );
            if pts.len() < 3 || !bbox(&pts).intersects(&area) {
                continue;
            }
            let mut closed = pts.clone();
            closed.push(pts[0]);
            item.shapes.push(Shape::Polygon {
                points: pts,
                color: fill,
                alpha: 1.0,
            });
            item.shapes.push(Shape::Line {
                points: closed,
                color: BORDER,
                alpha: 1.0,
                width: 0.8,
            });
        }
        if !item.shapes.is_empty() {
            base.push(item);
        }
    }
    Frame {
        pos,
        base,
        bend: 0.12,
        credit,
        labels_vertical: false,
    }
}

/// Drop points closer than 0.8 px to the last kept one.
fn simplify(points: impl Iterator<Item = Pt>) -> Vec<Pt> {
    let mut out: Vec<Pt> = Vec::new();
    for p in points {
        match out.last() {
            Some(&q) if (p.0 - q.0).abs() < 0.8 && (p.1 - q.1).abs() < 0.8 => {}
            _ => out.push(p),
        }
    }
    out
}

fn bbox(points: &[Pt]) -> Rect {
    let mut r = Rect::new(f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in points {
        r.x0 = r.x0.min(x);
        r.y0 = r.y0.min(y);
        r.x1 = r.x1.max(x);
        r.y1 = r.y1.max(y);
    }
    r
}
