//! What the map and the schematic share: legs, markers, labels, legend,
//! title and source line, drawn over the frame a layout provides.

use super::geom::{dashes, dist, Pt, Quad, Rect};
use super::labels::{self, Request};
use super::scene::{Item, Scene, Shape};
use super::style::{self, Head, Rgb, WidthScale, HIGHLIGHT, INK, MUTED_INK, WHITE};
use super::text::{fonts, Anchor, TextStyle};
use super::{map, schematic, Layout, RenderOptions, Rendered};
use crate::analysis::roles::{roles, PlaceRole};
use crate::model::{Kind, LegFilter, Role, RouteGraph, Status};
use rayon::prelude::*;

/// Above this many legs, legs joining the same ordered pair with the same
/// kind and status are merged into one drawn leg.
pub const AGGREGATE_ABOVE: usize = 1500;
/// Above this many places, markers shrink and only the markers of labelled
/// places keep labels away (a label may cover a small unlabelled marker).
pub const CROWDED_ABOVE: usize = 400;

const TITLE_BAND: f64 = 62.0;
const LEGEND_BAND: f64 = 132.0;
const FOOTER_BAND: f64 = 44.0;

/// Where places sit and what is drawn under them, as a layout decides.
pub struct Frame {
    /// Pixel position of each place (by index), `None` when not drawn.
    pub pos: Vec<Option<Pt>>,
    /// Items drawn first (country outlines, layer guides).
    pub base: Vec<Item>,
    /// How much legs bend, as a share of their length.
    pub bend: f64,
    /// A note for the footer (e.g. the projection and outline source).
    pub credit: String,
    /// Try label spots above and below a marker before the sides.
    pub labels_vertical: bool,
}

/// One drawn leg: a leg, or several merged (large graphs).
#[derive(Debug, Clone)]
struct DrawLeg {
    a: usize,
    b: usize,
    kind: Kind,
    status: Status,
    persons: Option<f64>,
    legs: Vec<usize>,
}

fn text_style(px: f32, color: Rgb, bold: bool) -> TextStyle {
    TextStyle {
        px,
        color,
        halo: None,
        bold,
    }
}

fn halo_style(px: f32, color: Rgb, bold: bool) -> TextStyle {
    TextStyle {
        px,
        color,
        halo: Some((WHITE, 2.5)),
        bold,
    }
}

fn text(s: &str, x: f64, y: f64, anchor: Anchor, style: TextStyle) -> Shape {
    Shape::Text {
        text: s.to_string(),
        x,
        y,
        anchor,
        style,
    }
}

fn rect_shape(r: Rect, color: Rgb, alpha: f64) -> Shape {
    Shape::Polygon {
        points: vec![(r.x0, r.y0), (r.x1, r.y0), (r.x1, r.y1), (r.x0, r.y1)],
        color,
        alpha,
    }
}

/// Persons through a place, when any leg gives a number.
fn through(r: &PlaceRole) -> Option<f64> {
    let t = r.in_persons.max(r.out_persons);
    (t > 0.0).then_some(t)
}

pub fn draw(g: &RouteGraph, opts: &RenderOptions) -> Rendered {
    let (w, h) = (opts.width.max(320) as f64, opts.height.max(240) as f64);
    let people = LegFilter {
        kinds: Kind::PEOPLE.to_vec(),
        statuses: opts.filter.statuses.clone(),
    };
    let role_rows = roles(g, &people);
    let selected: Vec<usize> = (0..g.leg_count())
        .filter(|&i| opts.filter.accepts(g.leg(i)))
        .collect();
    let area = Rect::new(0.0, TITLE_BAND, w, h - LEGEND_BAND - FOOTER_BAND);

    // Which places the layout should consider.
    let mut wanted = vec![false; g.place_count()];
    for &i in &selected {
        let (a, b) = g.ends(i);
        wanted[a] = true;
        wanted[b] = true;
    }
    let show_participants = opts.layout == Layout::Map;
    for (i, p) in g.places().enumerate() {
        if role_rows[i].role != Role::Isolated || (show_participants && p.participant) {
            wanted[i] = true;
        }
    }
    let frame = match opts.layout {
        Layout::Map => map::layout(g, &wanted, area, &role_rows),
        Layout::Schematic => schematic::layout(g, &wanted, &selected, &role_rows, area),
    };

    // Legs that can be drawn, merged when there are many.
    let mut not_drawn = Vec::new();
    let mut drawable = Vec::new();
    for &i in &selected {
        let (a, b) = g.ends(i);
        if frame.pos[a].is_some() && frame.pos[b].is_some() {
            drawable.push(i);
        } else {
            not_drawn.push(i);
        }
    }
    let aggregated = drawable.len() > AGGREGATE_ABOVE;
    let draw_legs = merge_legs(g, &drawable, aggregated);

    // Scales.
    let max_persons = draw_legs
        .iter()
        .filter(|d| style::kind_has_width(d.kind))
        .filter_map(|d| d.persons)
        .fold(0.0, f64::max);
    let mut widths = WidthScale::new(max_persons);
    // Thousands of places: thin legs (one pixel draws fast and lets the
    // pattern show through) and small markers.
    let crowded = aggregated || frame.pos.iter().flatten().count() > CROWDED_ABOVE;
    if crowded {
        widths.min_px = 1.0;
        widths.max_px = 6.0;
    }
    let drawn_places: Vec<usize> = (0..g.place_count())
        .filter(|&i| frame.pos[i].is_some())
        .collect();
    let max_through = drawn_places
        .iter()
        .filter_map(|&i| through(&role_rows[i]))
        .fold(0.0, f64::max);
    let mut has_leg = vec![false; g.place_count()];
    for d in &draw_legs {
        has_leg[d.a] = true;
        has_leg[d.b] = true;
    }
    let radius: Vec<f64> = (0..g.place_count())
        .map(|i| {
            if !has_leg[i] {
                3.5
            } else if crowded {
                2.0 + 4.0
                    * through(&role_rows[i]).map_or(0.0, |t| (t / max_through.max(1.0)).sqrt())
            } else {
                style::marker_radius(through(&role_rows[i]), max_through)
            }
        })
        .collect();
    let at = |i: usize| frame.pos[i].expect("drawn place has a position");

    // The highlighted route: one drawn leg per consecutive pair.
    let mut on_route = vec![false; draw_legs.len()];
    let mut route_places = vec![false; g.place_count()];
    if let Some(route) = &opts.highlight {
        for &p in route {
            route_places[p] = true;
        }
        for pair in route.windows(2) {
            let best = draw_legs
                .iter()
                .enumerate()
                .filter(|(_, d)| d.a == pair[0] && d.b == pair[1])
                .min_by_key(|(k, d)| (!Kind::PEOPLE.contains(&d.kind), d.status, *k));
            if let Some((k, _)) = best {
                on_route[k] = true;
            }
        }
    }
    let fading = opts.highlight.is_some();

    let mut scene = Scene::new(w as u32, h as u32, WHITE);
    scene.compact = aggregated;
    scene
        .items
        .reserve(frame.base.len() + 2 * draw_legs.len() + drawn_places.len() + 16);
    for it in frame.base {
        scene.push(it);
    }

    // Legs: parallel legs of an ordered pair bend further out, one by one.
    let mut by_pair: Vec<usize> = (0..draw_legs.len()).collect();
    by_pair.sort_unstable_by_key(|&k| (draw_legs[k].a, draw_legs[k].b, k));
    let mut rank = vec![0usize; draw_legs.len()];
    for (n, &k) in by_pair.iter().enumerate() {
        if n > 0 {
            let prev = &draw_legs[by_pair[n - 1]];
            if (prev.a, prev.b) == (draw_legs[k].a, draw_legs[k].b) {
                rank[k] = rank[by_pair[n - 1]] + 1;
            }
        }
    }
    // Few legs: 28 equal steps each. Many: as many steps as keep within
    // FLATNESS of the curve, and exact curves in the SVG.
    let segments: u32 = if aggregated { 0 } else { 28 };
    let mut order: Vec<usize> = (0..draw_legs.len()).collect();
    // Thick legs first so thin ones stay visible on top; highlighted last.
    let leg_widths: Vec<f64> = draw_legs.iter().map(|d| leg_width(d, &widths)).collect();
    order.sort_unstable_by(|&x, &y| {
        on_route[x]
            .cmp(&on_route[y])
            .then_with(|| leg_widths[y].total_cmp(&leg_widths[x]))
            .then(x.cmp(&y))
    });
    // The legs' own ids, read in memory order, when any leg has one (most
    // large sets have none: then nothing is read).
    let leg_ids: Option<Vec<Option<&str>>> = (opts.leg_attrs
        && (0..g.leg_count()).any(|i| g.leg(i).detail().is_some_and(|d| d.id.is_some())))
    .then(|| {
        (0..g.leg_count())
            .map(|i| g.leg(i).detail().and_then(|d| d.id.as_deref()))
            .collect()
    });
    // Each leg's two items depend only on the leg: built in parallel, in
    // leg order (memory order: `order` would jump around), then put into
    // the scene in `order`, so the scene is the same whatever the number
    // of threads.
    let leg_item = |k: usize| -> Option<(Item, Item)> {
        let d = &draw_legs[k];
        let (pa, pb) = (at(d.a), at(d.b));
        let len = dist(pa, pb);
        let bend = (frame.bend * len).clamp(8.0, 90.0) * (1.0 + 0.9 * rank[k] as f64);
        let highlighted = on_route[k];
        let alpha = if fading && !highlighted { 0.22 } else { 0.9 };
        let color = if highlighted {
            HIGHLIGHT
        } else {
            style::kind_color(d.kind)
        };
        let width = leg_widths[k] + if highlighted { 1.5 } else { 0.0 };
        let (ra, rb) = (radius[d.a], radius[d.b]);
        if len <= ra + rb + 6.0 {
            return None; // the markers touch: no room for a leg
        }
        let class = if highlighted { "leg highlight" } else { "leg" };
        let head_class = if highlighted {
            "head highlight"
        } else {
            "head"
        };
        let (mut item, mut head) = if opts.leg_attrs {
            // One string of ids for the leg and its head.
            let mut ids = String::with_capacity(8 * d.legs.len());
            for (n, &i) in d.legs.iter().enumerate() {
                if n > 0 {
                    ids.push(' ');
                }
                match leg_ids.as_ref().and_then(|ids| ids[i]) {
                    Some(id) => ids.push_str(id),
                    None => {
                        ids.push('L');
                        super::scene::push_int(&mut ids, i as i64 + 1);
                    }
                }
            }
            let head = Item::new(head_class).attr("data-legs", &ids);
            let mut item = Item::new(class);
            item.attrs.reserve(head.attrs.len() + 64);
            item.attrs.push_str(&head.attrs);
            let item = item
                .attr("data-from", &g.place(d.a).id)
                .attr("data-to", &g.place(d.b).id)
                .attr("data-kind", d.kind.as_str())
                .attr("data-status", d.status.as_str());
            (item, head)
        } else {
            (Item::new(class), Item::new(head_class))
        };
        // Exact capacities: a shape is some 120 bytes, and a first push
        // would reserve room for four.
        let is_cut = d.legs.iter().any(|l| opts.cut_legs.contains(l));
        item.shapes = Vec::with_capacity(if highlighted { 2 } else { 1 });
        head.shapes = Vec::with_capacity(if is_cut { 3 } else { 1 });
        let q = Quad::arc(pa, pb, bend);
        let shape = style::kind_head(d.kind);
        let head_len = match shape {
            Head::Diamond => 9.0,
            _ => 7.0 + 1.6 * width,
        };
        // Many legs: the ends are found to a thousandth of a pixel, not to
        // the last bit.
        let tol = if aggregated { 1e-3 } else { 0.0 };
        let t0 = q.exit_param_within(false, ra + 1.5, tol);
        let t_tip = q.exit_param_within(true, rb + 2.0, tol);
        let t_base = q.exit_param_within(true, rb + 2.0 + head_len, tol);
        let tip = q.at(t_tip);
        let base = q.at(t_base);
        let t_end = if shape == Head::Open {
            q.exit_param_within(true, rb + 3.5, tol)
        } else {
            t_base
        };
        let curve = |color, alpha, width, dash| Shape::Curve {
            quad: q,
            t0,
            t1: t_end,
            segments,
            dash,
            color,
            alpha,
            width,
        };
        if highlighted {
            item.shapes.push(curve(WHITE, 0.9, width + 3.0, None));
        }
        let dash = style::status_dash(d.status).map(|(on, off)| (on + width, off + 0.6 * width));
        item.shapes.push(curve(color, alpha, width, dash));
        let dir = ((tip.0 - base.0), (tip.1 - base.1));
        let n = dist(tip, base).max(1e-9);
        let (ux, uy) = (dir.0 / n, dir.1 / n);
        let (px, py) = (-uy, ux);
        let hw = match shape {
            Head::Diamond => 4.0,
            _ => 3.5 + 1.1 * width,
        };
        match shape {
            Head::Filled => head.shapes.push(Shape::Polygon {
                points: vec![
                    tip,
                    (base.0 + px * hw, base.1 + py * hw),
                    (base.0 - px * hw, base.1 - py * hw),
                ],
                color,
                alpha,
            }),
            Head::Diamond => {
                let mid = ((tip.0 + base.0) / 2.0, (tip.1 + base.1) / 2.0);
                head.shapes.push(Shape::Polygon {
                    points: vec![
                        tip,
                        (mid.0 + px * hw, mid.1 + py * hw),
                        base,
                        (mid.0 - px * hw, mid.1 - py * hw),
                    ],
                    color,
                    alpha,
                });
            }
            Head::Open => head.shapes.push(Shape::Line {
                points: vec![
                    (base.0 + px * hw, base.1 + py * hw),
                    tip,
                    (base.0 - px * hw, base.1 - py * hw),
                ],
                color,
                alpha,
                width: (width * 0.8).max(1.5),
            }),
        }
        // A minimum-cut leg gets a cross at its middle.
        if is_cut {
            let m = q.at(0.5);
            for s in [1.0, -1.0] {
                head.shapes.push(Shape::Line {
                    points: vec![(m.0 - 6.0, m.1 - 6.0 * s), (m.0 + 6.0, m.1 + 6.0 * s)],
                    color: (213, 94, 0),
                    alpha: 1.0,
                    width: 3.0,
                });
            }
        }
        Some((item, head))
    };
    let mut built: Vec<Option<(Item, Item)>> = if aggregated {
        (0..draw_legs.len()).into_par_iter().map(leg_item).collect()
    } else {
        (0..draw_legs.len()).map(leg_item).collect()
    };
    for (item, head) in order.iter().filter_map(|&k| built[k].take()) {
        scene.push(item);
        scene.push(head);
    }

    // Markers.
    let mut markers: Vec<Rect> = Vec::new();
    let mut positions = Vec::new();
    for &i in &drawn_places {
        let p = at(i);
        let place = g.place(i);
        let role = role_rows[i].role;
        let faded = fading && !route_places[i];
        let alpha = if faded { 0.45 } else { 1.0 };
        let mut it = Item::new("place")
            .attr("data-place", &place.id)
            .attr("data-role", role.as_str());
        it.shapes = Vec::with_capacity(3);
        if has_leg[i] {
            it.shapes
                .extend(marker(p, radius[i], style::role_color(role), INK, alpha));
        } else {
            it.shapes.extend(participant_marker(p, radius[i], alpha));
        }
        if opts.chokepoints.contains(&i) {
            it.shapes.push(Shape::Circle {
                center: p,
                radius: radius[i] + 4.0,
                color: INK,
                alpha: 1.0,
                fill: false,
                width: 2.0,
            });
        }
        markers.push(Rect::around(p, radius[i] + 1.0));
        positions.push((i, p));
        scene.push(it);
    }

    // Bands above and below the drawing area.
    let mut bands = Item::new("bands");
    bands
        .shapes
        .push(rect_shape(Rect::new(0.0, 0.0, w, TITLE_BAND), WHITE, 1.0));
    bands
        .shapes
        .push(rect_shape(Rect::new(0.0, area.y1, w, h), WHITE, 1.0));
    bands.shapes.push(Shape::Line {
        points: vec![(0.0, area.y1), (w, area.y1)],
        color: (210, 210, 210),
        alpha: 1.0,
        width: 1.0,
    });
    scene.push(bands);

    // Labels.
    let label_style = halo_style(13.0, INK, false);
    let bold_style = halo_style(13.0, INK, true);
    let mut reqs: Vec<Request> = drawn_places
        .iter()
        .map(|&i| {
            let r = &role_rows[i];
            let weight = match r.role {
                Role::Source | Role::Destination => 3.0,
                Role::Transit => 2.0,
                Role::Isolated => {
                    if has_leg[i] {
                        1.0
                    } else {
                        0.0
                    }
                }
            };
            let on = if route_places[i] { 10.0 } else { 0.0 };
            Request {
                place: i,
                text: g.place(i).name.clone(),
                at: at(i),
                radius: radius[i],
                priority: (on + weight) * 1e12
                    + through(r).unwrap_or(0.0) * 1e3
                    + (r.in_legs + r.out_legs) as f64,
            }
        })
        .collect();
    reqs.sort_by(|a, b| {
        b.priority
            .total_cmp(&a.priority)
            .then(a.place.cmp(&b.place))
    });
    let mut unlabelled: Vec<usize> = reqs.iter().skip(opts.max_labels).map(|r| r.place).collect();
    reqs.truncate(opts.max_labels);
    let bounds = Rect::new(area.x0 + 2.0, area.y0 + 2.0, area.x1 - 2.0, area.y1 - 2.0);
    if crowded {
        markers = reqs
            .iter()
            .map(|r| Rect::around(r.at, r.radius + 1.0))
            .collect();
    }
    // Measure with the bold face: it is the wider of the two.
    let (placed, dropped) = labels::place(
        &reqs,
        &markers,
        bounds,
        &bold_style,
        1.5,
        frame.labels_vertical,
    );
    unlabelled.extend(dropped);
    unlabelled.sort_unstable();
    for p in &placed {
        let role = role_rows[p.place].role;
        let st = if matches!(role, Role::Source | Role::Destination) && has_leg[p.place] {
            bold_style
        } else {
            label_style
        };
        let mut it = Item::new("label").attr("data-place", &g.place(p.place).id);
        if let Some((a, b)) = p.leader {
            it.shapes.push(Shape::Line {
                points: vec![a, b],
                color: MUTED_INK,
                alpha: 0.9,
                width: 1.0,
            });
        }
        it.shapes.push(text(&p.text, p.x, p.y, p.anchor, st));
        scene.push(it);
    }

    // Legend, title, source line.
    let present_kinds: Vec<Kind> = Kind::ALL
        .into_iter()
        .filter(|k| draw_legs.iter().any(|d| d.kind == *k))
        .collect();
    let present_status: Vec<Status> = Status::ALL
        .into_iter()
        .filter(|s| draw_legs.iter().any(|d| d.status == *s))
        .collect();
    let present_roles: Vec<Role> = [
        Role::Source,
        Role::Transit,
        Role::Destination,
        Role::Isolated,
    ]
    .into_iter()
    .filter(|r| {
        drawn_places
            .iter()
            .any(|&i| has_leg[i] && role_rows[i].role == *r)
    })
    .collect();
    let participants_only = drawn_places.iter().any(|&i| !has_leg[i]);
    let legend = Legend {
        roles: present_roles,
        participants_only,
        kinds: present_kinds,
        statuses: present_status,
        widths,
        any_persons: max_persons > 0.0,
        highlight: opts.highlight.as_ref().map(|r| {
            r.iter()
                .map(|&p| g.place(p).id.clone())
                .collect::<Vec<_>>()
                .join(" → ")
        }),
        marks: !opts.chokepoints.is_empty() || !opts.cut_legs.is_empty(),
    };
    scene.push(legend.item(Rect::new(0.0, area.y1, w, h - FOOTER_BAND)));
    scene.push(title_item(
        g,
        opts,
        w,
        &draw_legs,
        drawn_places.len(),
        aggregated,
    ));
    scene.push(footer_item(g, &not_drawn, &frame.credit, opts.layout, h));

    Rendered {
        scene,
        labels: placed,
        unlabelled,
        positions,
        not_drawn,
        aggregated,
    }
}

/// A place marker: a filled disc with a thin ring, on the map and in the
/// legend alike.
fn marker(center: Pt, radius: f64, fill: Rgb, ring: Rgb, alpha: f64) -> [Shape; 2] {
    [
        Shape::Circle {
            center,
            radius,
            color: fill,
            alpha,
            fill: true,
            width: 1.0,
        },
        Shape::Circle {
            center,
            radius,
            color: ring,
            alpha: 0.75 * alpha,
            fill: false,
            width: 1.0,
        },
    ]
}

/// A place that took part but has no leg: a white disc in a grey ring.
fn participant_marker(center: Pt, radius: f64, alpha: f64) -> [Shape; 2] {
    let circle = |color, fill| Shape::Circle {
        center,
        radius,
        color,
        alpha,
        fill,
        width: 1.0,
    };
    [circle(WHITE, true), circle(MUTED_INK, false)]
}

fn leg_width(d: &DrawLeg, widths: &WidthScale) -> f64 {
    if style::kind_has_width(d.kind) {
        widths.width(d.persons)
    } else {
        1.6
    }
}

fn merge_legs(g: &RouteGraph, legs: &[usize], aggregate: bool) -> Vec<DrawLeg> {
    if !aggregate {
        return legs
            .iter()
            .map(|&i| {
                let (a, b) = g.ends(i);
                let leg = g.leg(i);
                DrawLeg {
                    a,
                    b,
                    kind: leg.kind,
                    status: leg.status,
                    persons: leg.persons(),
                    legs: vec![i],
                }
            })
            .collect();
    }
    // Sorted by (from, to, kind, status, leg): groups come out in key order,
    // each group's legs (and its sum of persons) in data order.
    // Each leg is read once, in memory order, persons included: after the
    // sort, reading it again would be a cache miss a leg.
    type Key = (usize, usize, Kind, Status, usize);
    let mut keyed: Vec<(Key, Option<f64>)> = legs
        .iter()
        .map(|&i| {
            let (a, b) = g.ends(i);
            let leg = g.leg(i);
            ((a, b, leg.kind, leg.status, i), leg.persons())
        })
        .collect();
    keyed.par_sort_unstable_by_key(|k| k.0);
    let mut out: Vec<DrawLeg> = Vec::new();
    for &((a, b, kind, status, i), persons) in &keyed {
        let same = out
            .last()
            .is_some_and(|d| (d.a, d.b, d.kind, d.status) == (a, b, kind, status));
        if !same {
            out.push(DrawLeg {
                a,
                b,
                kind,
                status,
                persons: None,
                legs: Vec::new(),
            });
        }
        let e = out.last_mut().expect("pushed");
        if let Some(p) = persons {
            e.persons = Some(e.persons.unwrap_or(0.0) + p);
        }
        e.legs.push(i);
    }
    out
}

struct Legend {
    roles: Vec<Role>,
    participants_only: bool,
    kinds: Vec<Kind>,
    statuses: Vec<Status>,
    widths: WidthScale,
    /// Whether any drawn leg gives a number of persons.
    any_persons: bool,
    highlight: Option<String>,
    marks: bool,
}

impl Legend {
    fn item(&self, band: Rect) -> Item {
        let mut it = Item::new("legend");
        let head = text_style(12.5, INK, true);
        let body = text_style(12.0, INK, false);
        let row = 19.0;
        let top = band.y0 + 12.0;
        let mut x = 24.0;
        let sample = |it: &mut Item,
                      x: f64,
                      y: f64,
                      color: Rgb,
                      width: f64,
                      status: Status,
                      kind: Option<Kind>| {
            let line = vec![(x, y), (x + 34.0, y)];
            match style::status_dash(status) {
                None => it.shapes.push(Shape::Line {
                    points: line,
                    color,
                    alpha: 0.9,
                    width,
                }),
                Some((on, off)) => {
                    for d in dashes(&line, on + width, off + 0.6 * width) {
                        it.shapes.push(Shape::Line {
                            points: d,
                            color,
                            alpha: 0.9,
                            width,
                        });
                    }
                }
            }
            let tip = (x + 42.0, y);
            match kind.map(style::kind_head).unwrap_or(Head::Filled) {
                Head::Filled => it.shapes.push(Shape::Polygon {
                    points: vec![tip, (x + 33.0, y - 4.5), (x + 33.0, y + 4.5)],
                    color,
                    alpha: 0.9,
                }),
                Head::Diamond => it.shapes.push(Shape::Polygon {
                    points: vec![tip, (x + 37.5, y - 4.0), (x + 33.0, y), (x + 37.5, y + 4.0)],
                    color,
                    alpha: 0.9,
                }),
                Head::Open => it.shapes.push(Shape::Line {
                    points: vec![(x + 34.0, y - 5.0), tip, (x + 34.0, y + 5.0)],
                    color,
                    alpha: 0.9,
                    width: 1.6,
                }),
            }
        };
        let col_end = |it: &Item, x0: f64| -> f64 {
            // The widest text of the column decides where the next one starts.
            let mut right = x0 + 120.0;
            for s in &it.shapes {
                if let Shape::Text { text, x, style, .. } = s {
                    if *x >= x0 {
                        right = right.max(*x + fonts().measure(text, style).0 as f64);
                    }
                }
            }
            right + 34.0
        };

        // Roles.
        let x0 = x;
        it.shapes
            .push(text("Place role", x, top, Anchor::Start, head));
        let mut y = top + row + 4.0;
        for r in &self.roles {
            let label = match r {
                Role::Isolated => "other (fugitive or money legs only)",
                _ => r.as_str(),
            };
            it.shapes.extend(marker(
                (x + 7.0, y + 8.0),
                6.0,
                style::role_color(*r),
                INK,
                1.0,
            ));
            it.shapes
                .push(text(label, x + 20.0, y, Anchor::Start, body));
            y += row;
        }
        if self.participants_only {
            it.shapes
                .extend(participant_marker((x + 7.0, y + 8.0), 3.5, 1.0));
            it.shapes.push(text(
                "took part, no leg named",
                x + 20.0,
                y,
                Anchor::Start,
                body,
            ));
        }
        x = col_end(&it, x0);

        // Kinds.
        let x0 = x;
        it.shapes
            .push(text("Leg kind", x, top, Anchor::Start, head));
        let mut y = top + row + 4.0;
        for k in &self.kinds {
            sample(
                &mut it,
                x,
                y + 8.0,
                style::kind_color(*k),
                2.5,
                Status::Stated,
                Some(*k),
            );
            it.shapes
                .push(text(k.as_str(), x + 52.0, y, Anchor::Start, body));
            y += row;
        }
        x = col_end(&it, x0);

        // Evidence.
        let x0 = x;
        it.shapes
            .push(text("Evidence", x, top, Anchor::Start, head));
        let mut y = top + row + 4.0;
        for s in &self.statuses {
            let label = match s {
                Status::Stated => "stated by the source",
                Status::Inferred => "inferred (reasoning in data)",
                Status::Extracted => "extracted draft, unreviewed",
            };
            sample(&mut it, x, y + 8.0, INK, 2.0, *s, None);
            it.shapes
                .push(text(label, x + 52.0, y, Anchor::Start, body));
            y += row;
        }
        x = col_end(&it, x0);

        // Width scale.
        let x0 = x;
        it.shapes
            .push(text("Persons moved (√ scale)", x, top, Anchor::Start, head));
        let mut y = top + row + 4.0;
        let max = self.widths.max_persons;
        let mut samples = vec![1.0, (max / 4.0).round(), max];
        samples.retain(|v| *v >= 1.0);
        samples.dedup();
        if !self.any_persons {
            // No leg gives a number: there is no scale to show.
            samples.clear();
        }
        for p in samples {
            let wpx = self.widths.width(Some(p));
            it.shapes.push(Shape::Line {
                points: vec![(x, y + 8.0), (x + 40.0, y + 8.0)],
                color: INK,
                alpha: 0.9,
                width: wpx,
            });
            let unit = if p == 1.0 { "person" } else { "persons" };
            it.shapes.push(text(
                &format!("{} {unit}: {:.1} px", p, wpx),
                x + 52.0,
                y,
                Anchor::Start,
                body,
            ));
            y += row;
        }
        it.shapes.push(text(
            "no figure given: thinnest line",
            x,
            y,
            Anchor::Start,
            text_style(11.0, MUTED_INK, false),
        ));
        it.shapes.push(text(
            "marker size: persons through",
            x,
            y + 15.0,
            Anchor::Start,
            text_style(11.0, MUTED_INK, false),
        ));
        x = col_end(&it, x0);

        // Highlight and marks.
        if self.highlight.is_some() || self.marks {
            it.shapes.push(text("Marked", x, top, Anchor::Start, head));
            let mut y = top + row + 4.0;
            if let Some(route) = &self.highlight {
                it.shapes.push(Shape::Line {
                    points: vec![(x, y + 8.0), (x + 40.0, y + 8.0)],
                    color: HIGHLIGHT,
                    alpha: 1.0,
                    width: 4.0,
                });
                it.shapes
                    .push(text("highlighted route", x + 52.0, y, Anchor::Start, body));
                y += row;
                it.shapes.push(text(
                    route,
                    x,
                    y,
                    Anchor::Start,
                    text_style(11.0, MUTED_INK, false),
                ));
                y += row;
            }
            if self.marks {
                it.shapes.push(Shape::Circle {
                    center: (x + 8.0, y + 8.0),
                    radius: 8.0,
                    color: INK,
                    alpha: 1.0,
                    fill: false,
                    width: 2.0,
                });
                it.shapes
                    .push(text("chokepoint", x + 52.0, y, Anchor::Start, body));
                y += row;
                for s in [1.0, -1.0] {
                    it.shapes.push(Shape::Line {
                        points: vec![(x + 14.0, y + 8.0 - 6.0 * s), (x + 26.0, y + 8.0 + 6.0 * s)],
                        color: (213, 94, 0),
                        alpha: 1.0,
                        width: 3.0,
                    });
                }
                it.shapes.push(text(
                    "leg in the minimum cut",
                    x + 52.0,
                    y,
                    Anchor::Start,
                    body,
                ));
            }
        }
        let _ = band;
        it
    }
}

fn title_item(
    g: &RouteGraph,
    opts: &RenderOptions,
    w: f64,
    legs: &[DrawLeg],
    places: usize,
    aggregated: bool,
) -> Item {
    let mut it = Item::new("title");
    let title = opts
        .title
        .clone()
        .or_else(|| g.title.clone())
        .unwrap_or_else(|| {
            if g.name.is_empty() {
                "Routes".into()
            } else {
                g.name.clone()
            }
        });
    it.shapes.push(text(
        &title,
        24.0,
        12.0,
        Anchor::Start,
        text_style(21.0, INK, true),
    ));
    let kinds: Vec<&str> = opts.filter.kinds.iter().map(|k| k.as_str()).collect();
    let n_legs: usize = legs.iter().map(|d| d.legs.len()).sum();
    let mut sub = format!(
        "{} · {} places · {} legs ({})",
        match opts.layout {
            Layout::Map => "Route map",
            Layout::Schematic => "Route schematic: sources left, destinations right",
        },
        places,
        n_legs,
        kinds.join(", ")
    );
    if aggregated {
        sub.push_str(&format!(" · merged into {} drawn legs", legs.len()));
    }
    it.shapes.push(text(
        &sub,
        24.0,
        40.0,
        Anchor::Start,
        text_style(12.5, MUTED_INK, false),
    ));
    let _ = w;
    it
}

fn footer_item(g: &RouteGraph, not_drawn: &[usize], credit: &str, layout: Layout, h: f64) -> Item {
    let mut it = Item::new("footer");
    let small = text_style(11.0, MUTED_INK, false);
    let source = match g.sources.first() {
        Some(s) => {
            let op = s
                .operation
                .as_ref()
                .map(|o| {
                    let dates = match (&o.start, &o.end) {
                        (Some(a), Some(b)) => format!(", {a} to {b}"),
                        _ => String::new(),
                    };
                    match dates.is_empty() {
                        true => String::new(),
                        false => format!(" ({})", &dates[2..]),
                    }
                })
                .unwrap_or_default();
            format!(
                "Source: {}, {}{op}. Data set: {}.",
                s.publisher, s.title, g.name
            )
        }
        None => format!(
            "Source: {}.",
            if g.name.is_empty() {
                "user data"
            } else {
                &g.name
            }
        ),
    };
    let mut line1 = source;
    if !not_drawn.is_empty() {
        let mut names: Vec<String> = not_drawn
            .iter()
            .take(2)
            .map(|&i| {
                let (a, b) = g.ends(i);
                format!(
                    "{} → {} ({})",
                    g.place(a).name,
                    g.place(b).name,
                    g.leg(i).kind
                )
            })
            .collect();
        if not_drawn.len() > 2 {
            names.push(format!("{} more", not_drawn.len() - 2));
        }
        line1.push_str(&format!(" Not drawn (no location): {}.", names.join("; ")));
    }
    it.shapes.push(text(
        &line1,
        24.0,
        h - FOOTER_BAND + 6.0,
        Anchor::Start,
        small,
    ));
    let disclaimer = match layout {
        Layout::Map => {
            "The boundaries and names shown on this map do not imply endorsement or acceptance."
        }
        Layout::Schematic => {
            "The names shown do not imply endorsement or acceptance of any boundary or status."
        }
    };
    let line2 = format!("{disclaimer} {credit} Drawn by routegraph.");
    it.shapes.push(text(
        &line2,
        24.0,
        h - FOOTER_BAND + 22.0,
        Anchor::Start,
        small,
    ));
    it
}
