//! A backend-independent drawing: a list of items, each a group of shapes
//! with a class and attributes. The map and the schematic build a [`Scene`];
//! [`Scene::to_png`] paints it through plotters' bitmap backend and
//! [`Scene::to_svg`] writes the same shapes in the markup of plotters' SVG
//! backend (a test holds the two writers to the same bytes), so the two
//! formats cannot disagree.
//!
//! Coordinates are pixels (f64, y down); the backends round them to whole
//! pixels the same way. Text is drawn by [`super::text`] from the embedded
//! font in both formats.

use super::geom::{dashes, Pt, Quad};
use super::raster::{round, Raster};
use super::style::{hex, Rgb};
use super::text::{fonts, Anchor, TextStyle};
use crate::xml::escape_attr;
use plotters_backend::{BackendColor, BackendStyle, DrawingBackend};
use rayon::prelude::*;
use std::fmt::Write as _;

/// One primitive.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// An open polyline.
    Line {
        points: Vec<(f64, f64)>,
        color: Rgb,
        alpha: f64,
        width: f64,
    },
    /// The piece of a quadratic Bézier curve between parameters `t0` and
    /// `t1`, stroked. The PNG painter flattens it into `segments` equal steps
    /// of the parameter, or, with `segments == 0`, into as many as keep the
    /// chords within [`FLATNESS`] pixels of the curve. The SVG gets the same
    /// polyline, or with `segments == 0` the exact curve (`<path d="M… Q…">`).
    /// With `dash` (on, off pixels), the polyline is cut into dashes
    /// ([`super::geom::dashes`]), one polyline each; the exact curve gets a
    /// `stroke-dasharray`.
    Curve {
        quad: Quad,
        t0: f64,
        t1: f64,
        segments: u32,
        dash: Option<(f64, f64)>,
        color: Rgb,
        alpha: f64,
        width: f64,
    },
    /// A filled simple polygon.
    Polygon {
        points: Vec<(f64, f64)>,
        color: Rgb,
        alpha: f64,
    },
    /// A circle, filled or outlined.
    Circle {
        center: (f64, f64),
        radius: f64,
        color: Rgb,
        alpha: f64,
        fill: bool,
        width: f64,
    },
    /// A text label; `y` is the top of its box.
    Text {
        text: String,
        x: f64,
        y: f64,
        anchor: Anchor,
        style: TextStyle,
    },
}

/// Most distance (pixels) between an adaptively flattened curve and its chords.
pub const FLATNESS: f64 = 0.25;

/// A group of shapes: one leg, one marker, one label, the legend...
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// SVG class, e.g. `leg`, `leg highlight`, `place`, `label`, `country`.
    pub class: &'static str,
    /// Extra SVG attributes (`data-*`), in order, written out and escaped:
    /// ` data-a="…" data-b="…"` (one string per item, not one per attribute:
    /// a large map has hundreds of thousands of items).
    pub attrs: String,
    pub shapes: Vec<Shape>,
}

impl Item {
    pub fn new(class: &'static str) -> Self {
        Item {
            class,
            attrs: String::new(),
            shapes: Vec::new(),
        }
    }
    pub fn attr(mut self, k: &str, v: impl AsRef<str>) -> Self {
        self.attrs.push(' ');
        self.attrs.push_str(k);
        self.attrs.push_str("=\"");
        self.attrs.push_str(&escape_attr(v.as_ref()));
        self.attrs.push('"');
        self
    }
    /// The value of attribute `k`, unescaped only for plain values (tests).
    pub fn attr_value(&self, k: &str) -> Option<&str> {
        let pat = format!(" {k}=\"");
        let i = self.attrs.find(&pat)? + pat.len();
        let j = self.attrs[i..].find('"')?;
        Some(&self.attrs[i..i + j])
    }
}

/// A whole picture.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    pub width: u32,
    pub height: u32,
    pub background: Rgb,
    pub items: Vec<Item>,
    /// A large picture (thousands of legs): two-pixel strokes are painted as
    /// two one-pixel lines and arrowheads by a sweep without allocations.
    pub compact: bool,
}

fn px(v: f64) -> i32 {
    if v.is_finite() {
        round(v).clamp(-1.0e6, 1.0e6) as i32
    } else {
        0
    }
}

/// Whole-pixel coordinates, consecutive duplicates dropped, shifted up by `dy`.
fn coords_into(points: &[(f64, f64)], dy: i32, out: &mut Vec<(i32, i32)>) {
    out.clear();
    for &(x, y) in points {
        let p = (px(x), px(y) - dy);
        if out.last() != Some(&p) {
            out.push(p);
        }
    }
}

/// The points a curve is painted through.
fn curve_points(quad: &Quad, t0: f64, t1: f64, segments: u32, out: &mut Vec<Pt>) {
    let n = if segments > 0 {
        segments as usize
    } else {
        quad.segments_for(t0, t1, FLATNESS)
    };
    out.clear();
    out.extend((0..=n).map(|i| quad.at(t0 + (t1 - t0) * i as f64 / n as f64)));
}

/// A plotters style: colour with alpha, and a stroke width.
struct Style {
    color: BackendColor,
    width: u32,
}

impl BackendStyle for Style {
    fn color(&self) -> BackendColor {
        self.color
    }
    fn stroke_width(&self) -> u32 {
        self.width
    }
}

fn style(c: Rgb, alpha: f64, width: f64) -> Style {
    Style {
        color: BackendColor {
            alpha: alpha.clamp(0.0, 1.0),
            rgb: c,
        },
        width: width.round().max(1.0) as u32,
    }
}

/// A line thinner than one pixel is drawn one pixel wide at lower opacity.
fn line_style(c: Rgb, alpha: f64, width: f64) -> Style {
    if width < 1.0 {
        style(c, alpha * width.max(0.1), 1.0)
    } else {
        style(c, alpha, width)
    }
}

/// Reused buffers of the painter, and whether the scene is [`Scene::compact`].
#[derive(Default)]
struct Scratch {
    pts: Vec<Pt>,
    px: Vec<(i32, i32)>,
    compact: bool,
    /// The last opacity written to an SVG, and its text.
    opacity: (u64, String),
}

/// Paint one shape (not text) on a bitmap whose first row is row `dy` of
/// the picture.
fn paint_shape<DB: DrawingBackend>(
    b: &mut DB,
    s: &Shape,
    dy: i32,
    sc: &mut Scratch,
) -> Result<(), String> {
    let r = match s {
        Shape::Line {
            points,
            color,
            alpha,
            width,
        } => {
            coords_into(points, dy, &mut sc.px);
            if sc.px.len() < 2 {
                return Ok(());
            }
            b.draw_path(sc.px.iter().copied(), &line_style(*color, *alpha, *width))
        }
        Shape::Curve {
            quad,
            t0,
            t1,
            segments,
            dash,
            color,
            alpha,
            width,
        } => {
            curve_points(quad, *t0, *t1, *segments, &mut sc.pts);
            let st = line_style(*color, *alpha, *width);
            // Large pictures: a two-pixel stroke is two one-pixel lines.
            let pair = sc.compact && st.width == 2;
            if let Some((on, off)) = dash {
                for piece in dashes(&sc.pts, *on, *off) {
                    coords_into(&piece, dy, &mut sc.px);
                    stroke(b, &sc.px, &st, pair)?;
                }
                return Ok(());
            }
            coords_into(&sc.pts, dy, &mut sc.px);
            return stroke(b, &sc.px, &st, pair);
        }
        Shape::Polygon {
            points,
            color,
            alpha,
        } => {
            coords_into(points, dy, &mut sc.px);
            if sc.px.len() < 3 {
                return Ok(());
            }
            let st = style(*color, *alpha, 1.0);
            if sc.compact && sc.px.len() <= 4 && convex(&sc.px) {
                return fill_convex(b, &sc.px, &st);
            }
            b.fill_polygon(sc.px.iter().copied(), &st)
        }
        Shape::Circle {
            center,
            radius,
            color,
            alpha,
            fill,
            width,
        } => b.draw_circle(
            (px(center.0), px(center.1) - dy),
            radius.round().max(1.0) as u32,
            &style(*color, *alpha, *width),
            *fill,
        ),
        Shape::Text { .. } => Ok(()),
    };
    r.map_err(|e| format!("drawing failed: {e}"))
}

/// Whether a closed polygon turns one way only (collinear steps allowed).
fn convex(p: &[(i32, i32)]) -> bool {
    let n = p.len();
    let (mut pos, mut neg) = (false, false);
    for i in 0..n {
        let (a, b, c) = (p[i], p[(i + 1) % n], p[(i + 2) % n]);
        let cross =
            (b.0 - a.0) as i64 * (c.1 - b.1) as i64 - (b.1 - a.1) as i64 * (c.0 - b.0) as i64;
        pos |= cross > 0;
        neg |= cross < 0;
    }
    !(pos && neg)
}

/// Fill a small convex polygon (an arrowhead) the way plotters'
/// `fill_polygon` does — sweep lines along the longer side of its box, each
/// a one-pixel span painted by the backend's `draw_line` with an
/// anti-aliased pixel at either end — without that function's allocations
/// and sorting on every sweep line (which made 100,000 arrowheads cost more
/// than the legs). The pixels are still written by plotters' backend.
fn fill_convex<DB: DrawingBackend>(b: &mut DB, p: &[(i32, i32)], st: &Style) -> Result<(), String> {
    let (mut x0, mut x1, mut y0, mut y1) = (i32::MAX, i32::MIN, i32::MAX, i32::MIN);
    for &(x, y) in p {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    let err = |e| format!("drawing failed: {e}");
    let color = st.color;
    if x0 == x1 || y0 == y1 {
        return b.draw_line((x0, y0), (x1, y1), st).map_err(err);
    }
    // Sweep along x when the box is wider than tall (plotters' choice).
    let along_x = x1 - x0 > y1 - y0;
    let (lo, hi) = if along_x { (x0, x1) } else { (y0, y1) };
    let n = p.len();
    for m in lo..=hi {
        // Where the sweep line crosses the polygon's edges.
        let (mut from, mut to) = (f64::INFINITY, f64::NEG_INFINITY);
        for i in 0..n {
            let (a, c) = (p[i], p[(i + 1) % n]);
            let (am, an, cm, cn) = if along_x {
                (a.0, a.1, c.0, c.1)
            } else {
                (a.1, a.0, c.1, c.0)
            };
            if am == cm || m < am.min(cm) || m > am.max(cm) {
                continue;
            }
            let v = an as f64 + (cn - an) as f64 * (m - am) as f64 / (cm - am) as f64;
            from = from.min(v);
            to = to.max(v);
        }
        if from > to {
            continue;
        }
        let (c0, f1) = (from.ceil() as i32, to.floor() as i32);
        let at = |k: i32| if along_x { (m, k) } else { (k, m) };
        if c0 <= f1 {
            b.draw_line(at(c0), at(f1), &color).map_err(err)?;
        }
        let edge_a = from.ceil() - from;
        if edge_a > 0.0 {
            b.draw_pixel(at(from.floor() as i32), color.mix(edge_a))
                .map_err(err)?;
        }
        let edge_b = to - to.floor();
        if edge_b > 0.0 {
            b.draw_pixel(at(to.ceil() as i32), color.mix(edge_b))
                .map_err(err)?;
        }
    }
    Ok(())
}

/// Stroke a polyline. With `pair`, a two-pixel stroke is drawn as two
/// anti-aliased one-pixel lines, the second one pixel further along each
/// segment's minor axis (down for a flat segment, right for a steep one):
/// together they cover the same two pixels across that plotters' polygon
/// stroke covers, at a fraction of its cost (no polygon sweep per leg).
fn stroke<DB: DrawingBackend>(
    b: &mut DB,
    pts: &[(i32, i32)],
    st: &Style,
    pair: bool,
) -> Result<(), String> {
    if pts.len() < 2 {
        return Ok(());
    }
    let r = if pair && st.width == 2 {
        let thin = Style {
            color: st.color,
            width: 1,
        };
        let mut r = Ok(());
        for w in pts.windows(2) {
            let (p, q) = (w[0], w[1]);
            let (dx, dy) = ((q.0 - p.0).abs(), (q.1 - p.1).abs());
            let off = if dx >= dy { (0, 1) } else { (1, 0) };
            r = b.draw_line(p, q, &thin).and_then(|_| {
                b.draw_line(
                    (p.0 + off.0, p.1 + off.1),
                    (q.0 + off.0, q.1 + off.1),
                    &thin,
                )
            });
            if r.is_err() {
                break;
            }
        }
        r
    } else {
        b.draw_path(pts.iter().copied(), st)
    };
    r.map_err(|e| format!("drawing failed: {e}"))
}

/// The rows (top, bottom, in pixels) a shape can touch, with room for its
/// stroke and anti-aliasing, and a rough cost of painting it (pixels).
fn rows_of(s: &Shape) -> (f64, f64, f64) {
    fn span(points: impl Iterator<Item = Pt>, pad: f64) -> (f64, f64, f64) {
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        let (mut l, mut r) = (f64::INFINITY, f64::NEG_INFINITY);
        for (x, y) in points {
            lo = lo.min(y);
            hi = hi.max(y);
            l = l.min(x);
            r = r.max(x);
        }
        (lo - pad, hi + pad, (hi - lo).max(r - l).max(0.0))
    }
    match s {
        Shape::Line { points, width, .. } => {
            let (lo, hi, c) = span(points.iter().copied(), width + 3.0);
            (lo, hi, c * width.max(1.0) + 8.0)
        }
        // A Bézier curve lies in the hull of its control points.
        Shape::Curve { quad, width, .. } => {
            let (lo, hi, c) = span([quad.p0, quad.c, quad.p1].into_iter(), width + 3.0);
            (lo, hi, c * width.max(1.0) + 8.0)
        }
        Shape::Polygon { points, .. } => {
            let (lo, hi, c) = span(points.iter().copied(), 3.0);
            (lo, hi, 40.0 * c + 4.0 * points.len() as f64)
        }
        Shape::Circle {
            center,
            radius,
            width,
            ..
        } => (
            center.1 - radius - width - 3.0,
            center.1 + radius + width + 3.0,
            20.0 * radius + 8.0,
        ),
        Shape::Text { .. } => (f64::NEG_INFINITY, f64::INFINITY, 0.0),
    }
}

/// Band edges (rows, `BANDS + 1` of them, from 0 to `h`) that share the
/// estimated cost of `rows` evenly. Depends only on the scene.
fn band_edges(rows: &[(f64, f64, f64)], h: usize) -> Vec<usize> {
    let mut per_row = vec![0.0f64; h + 1];
    for &(r0, r1, c) in rows {
        let a = r0.max(0.0).min(h as f64) as usize;
        let b = (r1.max(0.0).min(h as f64) as usize).max(a + 1).min(h);
        if a >= b {
            continue;
        }
        // Spread evenly over the rows touched (difference array).
        let k = c / (b - a) as f64;
        per_row[a] += k;
        per_row[b] -= k;
    }
    let mut cost = Vec::with_capacity(h);
    let mut run = 0.0;
    for v in &per_row[..h] {
        run += v;
        // A floor per row, so that empty rows still cost something.
        cost.push(run.max(0.0) + 1.0);
    }
    let total: f64 = cost.iter().sum();
    let min_rows = 4 * BAND_MARGIN;
    let mut edges = vec![0usize];
    let mut acc = 0.0;
    for (y, c) in cost.iter().enumerate() {
        acc += c;
        let k = edges.len();
        if k < BANDS
            && acc >= total * k as f64 / BANDS as f64
            && y + 1 - edges[k - 1] >= min_rows
            && h - (y + 1) >= min_rows * (BANDS - k)
        {
            edges.push(y + 1);
        }
    }
    while edges.len() < BANDS {
        // Too few rows for the cost split: the rest split the rows evenly.
        let last = *edges.last().expect("edges start at 0");
        let left = BANDS - edges.len() + 1;
        edges.push(last + (h - last) / left);
    }
    edges.push(h);
    edges
}

/// Runs of at least this many shapes are painted in horizontal bands, in
/// parallel.
const BANDED_ABOVE: usize = 2000;
/// How many bands (fixed, so the bytes never depend on the number of threads).
const BANDS: usize = 4;
/// Rows painted above and below a band's own rows and then thrown away: lines
/// clipped at a bitmap's edge lose a pixel or two there.
const BAND_MARGIN: usize = 4;

/// Paint a run of shapes onto the whole RGB buffer.
fn paint_run(
    buf: &mut [u8],
    w: u32,
    h: u32,
    shapes: &[&Shape],
    compact: bool,
) -> Result<(), String> {
    let (wu, hu) = (w as usize, h as usize);
    if shapes.len() < BANDED_ABOVE || hu < BANDS * 8 * BAND_MARGIN {
        let mut b = Raster::new(buf, w, h);
        let mut sc = Scratch {
            compact,
            ..Scratch::default()
        };
        for s in shapes {
            paint_shape(&mut b, s, 0, &mut sc)?;
        }
        return b.present().map_err(|e| format!("drawing failed: {e}"));
    }
    // Each band paints every shape that reaches its rows (plus margins) on
    // a copy of those rows, through its own bitmap backend; the bands'
    // own rows are then copied back. Bands are fixed, so the result is the
    // same whatever the number of threads.
    let rows = shapes.iter().map(|s| rows_of(s)).collect::<Vec<_>>();
    let edges = band_edges(&rows, hu);
    let row_bytes = wu * 3;
    let src: &[u8] = buf;
    // Each band: its first and last row and its painted rows.
    type Band = Result<(usize, usize, Vec<u8>), String>;
    let painted: Vec<Band> = (0..BANDS)
        .into_par_iter()
        .map(|k| {
            let (y0, y1) = (edges[k], edges[k + 1]);
            let top = y0.saturating_sub(BAND_MARGIN);
            let bottom = (y1 + BAND_MARGIN).min(hu);
            let mut local = src[top * row_bytes..bottom * row_bytes].to_vec();
            if y1 > y0 {
                let (lo, hi) = (top as f64, bottom as f64);
                let mut b = Raster::new(&mut local, w, (bottom - top) as u32);
                let mut sc = Scratch {
                    compact,
                    ..Scratch::default()
                };
                for (s, &(r0, r1, _)) in shapes.iter().zip(&rows) {
                    if r1 >= lo && r0 < hi {
                        paint_shape(&mut b, s, top as i32, &mut sc)?;
                    }
                }
                b.present().map_err(|e| format!("drawing failed: {e}"))?;
            }
            let skip = (y0 - top) * row_bytes;
            local.drain(..skip);
            local.truncate((y1 - y0) * row_bytes);
            Ok((y0, y1, local))
        })
        .collect();
    for r in painted {
        let (y0, y1, rows) = r?;
        buf[y0 * row_bytes..y1 * row_bytes].copy_from_slice(&rows);
    }
    Ok(())
}

impl Scene {
    pub fn new(width: u32, height: u32, background: Rgb) -> Self {
        Scene {
            width,
            height,
            background,
            items: Vec::new(),
            compact: false,
        }
    }

    pub fn push(&mut self, item: Item) {
        self.items.push(item);
    }

    /// Paint into an RGB8 buffer (row-major, 3 bytes per pixel).
    pub fn to_rgb(&self) -> Result<Vec<u8>, String> {
        let (w, h) = (self.width, self.height);
        let mut buf = vec![0u8; (w as usize) * (h as usize) * 3];
        for p in buf.chunks_exact_mut(3) {
            p.copy_from_slice(&[self.background.0, self.background.1, self.background.2]);
        }
        // Shapes go through plotters' bitmap backend; text is drawn onto the
        // same buffer between backend runs, so the painting order is kept.
        let mut i = 0;
        let all: Vec<&Shape> = self.items.iter().flat_map(|it| it.shapes.iter()).collect();
        while i < all.len() {
            let start = i;
            while i < all.len() && !matches!(all[i], Shape::Text { .. }) {
                i += 1;
            }
            if i > start {
                paint_run(&mut buf, w, h, &all[start..i], self.compact)?;
            }
            while i < all.len() {
                let Shape::Text {
                    text,
                    x,
                    y,
                    anchor,
                    style,
                } = all[i]
                else {
                    break;
                };
                fonts().draw_rgb(&mut buf, w, h, text, *x as f32, *y as f32, *anchor, style);
                i += 1;
            }
        }
        Ok(buf)
    }

    /// Encode as PNG.
    pub fn to_png(&self) -> Result<Vec<u8>, String> {
        let buf = self.to_rgb()?;
        let mut out = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut out, self.width, self.height);
            enc.set_color(png::ColorType::Rgb);
            enc.set_depth(png::BitDepth::Eight);
            // A large picture: fdeflate's fastest mode (some 12% larger file,
            // half the encoding time).
            enc.set_compression(if self.compact {
                png::Compression::Fastest
            } else {
                png::Compression::Fast
            });
            let mut w = enc
                .write_header()
                .map_err(|e| format!("PNG encoding failed: {e}"))?;
            w.write_image_data(&buf)
                .map_err(|e| format!("PNG encoding failed: {e}"))?;
        }
        Ok(out)
    }

    /// Write as SVG: one `<g class=…>` per item, shapes in the markup of
    /// plotters' SVG backend, text as glyph outlines.
    pub fn to_svg(&self) -> Result<String, String> {
        Ok(self.to_svg_parts()?.concat())
    }

    /// [`Scene::to_svg`] in pieces, to be written one after the other: a
    /// large picture's items are written in chunks on all threads (the same
    /// bytes whatever the number of threads), and joining the chunks would
    /// copy tens of megabytes once more.
    pub fn to_svg_parts(&self) -> Result<Vec<String>, String> {
        let (w, h) = (self.width, self.height);
        let mut head = String::with_capacity(512);
        let _ = writeln!(
            head,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">"#
        );
        let _ = writeln!(
            head,
            r#"<rect class="background" x="0" y="0" width="{w}" height="{h}" fill="{}"/>"#,
            hex(self.background)
        );
        let write = |items: &[Item]| {
            let shapes: usize = items.iter().map(|it| it.shapes.len()).sum();
            let mut part = String::with_capacity(160 * items.len() + 100 * shapes);
            let mut sc = Scratch::default();
            for item in items {
                svg_item(&mut part, item, &mut sc);
            }
            part
        };
        let mut parts = vec![head];
        if self.items.len() >= SVG_CHUNK * 2 {
            parts.par_extend(self.items.par_chunks(SVG_CHUNK).map(write));
        } else {
            parts.push(write(&self.items));
        }
        parts.push("</svg>\n".into());
        Ok(parts)
    }
}

/// Items per chunk of a large SVG written in parallel.
const SVG_CHUNK: usize = 8192;

/// One item as an SVG group.
fn svg_item(out: &mut String, item: &Item, sc: &mut Scratch) {
    out.push_str("<g class=\"");
    out.push_str(&escape_attr(item.class));
    out.push('"');
    out.push_str(&item.attrs);
    out.push_str(">\n");
    for s in &item.shapes {
        if let Shape::Text {
            text,
            x,
            y,
            anchor,
            style,
        } = s
        {
            out.push_str(&fonts().svg_path(text, *x as f32, *y as f32, *anchor, style));
            out.push('\n');
        } else {
            svg_shape(out, s, sc);
        }
    }
    out.push_str("</g>\n");
}

/// `#RRGGBB`, as plotters writes colours.
fn push_color(out: &mut String, c: Rgb) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push('#');
    for v in [c.0, c.1, c.2] {
        out.push(HEX[(v >> 4) as usize] as char);
        out.push(HEX[(v & 15) as usize] as char);
    }
}

fn push_points(out: &mut String, pts: &[(i32, i32)]) {
    for &(x, y) in pts {
        push_int(out, x.into());
        out.push(',');
        push_int(out, y.into());
        out.push(' ');
    }
}

/// `v` in decimal, as `{}` writes it, without the formatting machinery.
pub(super) fn push_int(out: &mut String, v: i64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut u = v.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b'0' + (u % 10) as u8;
        u /= 10;
        if u == 0 {
            break;
        }
    }
    if v < 0 {
        out.push('-');
    }
    for &d in &buf[i..] {
        out.push(d as char);
    }
}

/// An opacity as `{}` writes it; the last one is remembered, since
/// thousands of shapes share a few.
fn push_opacity(out: &mut String, a: f64, sc: &mut Scratch) {
    if sc.opacity.0 != a.to_bits() || sc.opacity.1.is_empty() {
        sc.opacity = (a.to_bits(), a.to_string());
    }
    out.push_str(&sc.opacity.1);
}

/// One shape as SVG, in exactly the markup plotters' SVG backend writes for
/// it (`polyline`, `polygon`, `circle`), plus `path` for exact curves.
fn svg_shape(out: &mut String, s: &Shape, sc: &mut Scratch) {
    let polyline = |out: &mut String, pts: &[(i32, i32)], st: Style, sc: &mut Scratch| {
        if st.color.alpha == 0.0 {
            return;
        }
        out.push_str("<polyline fill=\"none\" opacity=\"");
        push_opacity(out, st.color.alpha, sc);
        out.push_str("\" stroke=\"");
        push_color(out, st.color.rgb);
        out.push_str("\" stroke-width=\"");
        push_int(out, st.width.into());
        out.push_str("\" points=\"");
        push_points(out, pts);
        out.push_str("\"/>\n");
    };
    match s {
        Shape::Line {
            points,
            color,
            alpha,
            width,
        } => {
            coords_into(points, 0, &mut sc.px);
            if sc.px.len() >= 2 {
                let px = std::mem::take(&mut sc.px);
                polyline(out, &px, line_style(*color, *alpha, *width), sc);
                sc.px = px;
            }
        }
        Shape::Curve {
            quad,
            t0,
            t1,
            segments,
            dash,
            color,
            alpha,
            width,
        } => {
            let st = line_style(*color, *alpha, *width);
            if *segments > 0 {
                curve_points(quad, *t0, *t1, *segments, &mut sc.pts);
                if let Some((on, off)) = dash {
                    for piece in dashes(&sc.pts, *on, *off) {
                        coords_into(&piece, 0, &mut sc.px);
                        if sc.px.len() >= 2 {
                            let px = std::mem::take(&mut sc.px);
                            polyline(out, &px, line_style(*color, *alpha, *width), sc);
                            sc.px = px;
                        }
                    }
                    return;
                }
                coords_into(&sc.pts, 0, &mut sc.px);
                if sc.px.len() >= 2 {
                    let px = std::mem::take(&mut sc.px);
                    polyline(out, &px, st, sc);
                    sc.px = px;
                }
                return;
            }
            let q = quad.sub(*t0, *t1);
            let (a, c, b) = (
                (px(q.p0.0), px(q.p0.1)),
                (px(q.c.0), px(q.c.1)),
                (px(q.p1.0), px(q.p1.1)),
            );
            if st.color.alpha == 0.0 || (a == b && a == c) {
                return;
            }
            out.push_str("<path fill=\"none\" opacity=\"");
            push_opacity(out, st.color.alpha, sc);
            out.push_str("\" stroke=\"");
            push_color(out, st.color.rgb);
            out.push_str("\" stroke-width=\"");
            push_int(out, st.width.into());
            out.push('"');
            if let Some((on, off)) = dash {
                let _ = write!(out, " stroke-dasharray=\"{on:.1} {off:.1}\"");
            }
            out.push_str(" d=\"M");
            for (k, v) in [a.0, a.1, c.0, c.1, b.0, b.1].into_iter().enumerate() {
                if k == 2 {
                    out.push('Q');
                } else if k > 0 {
                    out.push(' ');
                }
                push_int(out, v.into());
            }
            out.push_str("\"/>\n");
        }
        Shape::Polygon {
            points,
            color,
            alpha,
        } => {
            coords_into(points, 0, &mut sc.px);
            let st = style(*color, *alpha, 1.0);
            if sc.px.len() < 3 || st.color.alpha == 0.0 {
                return;
            }
            out.push_str("<polygon opacity=\"");
            push_opacity(out, st.color.alpha, sc);
            out.push_str("\" fill=\"");
            push_color(out, st.color.rgb);
            out.push_str("\" points=\"");
            push_points(out, &sc.px);
            out.push_str("\"/>\n");
        }
        Shape::Circle {
            center,
            radius,
            color,
            alpha,
            fill,
            width,
        } => {
            let st = style(*color, *alpha, *width);
            if st.color.alpha == 0.0 {
                return;
            }
            let _ = write!(
                out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" opacity=\"{}\" fill=\"",
                px(center.0),
                px(center.1),
                radius.round().max(1.0) as u32,
                st.color.alpha
            );
            if *fill {
                push_color(out, st.color.rgb);
                out.push_str("\" stroke=\"none");
            } else {
                out.push_str("none\" stroke=\"");
                push_color(out, st.color.rgb);
            }
            let _ = writeln!(out, "\" stroke-width=\"{}\"/>", st.width);
        }
        Shape::Text { .. } => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Scene {
        let mut s = Scene::new(40, 30, (255, 255, 255));
        let mut it = Item::new("leg").attr("data-leg", "L1");
        it.shapes.push(Shape::Line {
            points: vec![(2.0, 2.0), (30.0, 2.0)],
            color: (0, 0, 0),
            alpha: 1.0,
            width: 3.0,
        });
        it.shapes.push(Shape::Circle {
            center: (20.0, 20.0),
            radius: 5.0,
            color: (230, 159, 0),
            alpha: 1.0,
            fill: true,
            width: 1.0,
        });
        s.push(it);
        s
    }

    /// A scene large enough to be written in chunks: the same bytes as
    /// one item after the other, with any number of threads.
    #[test]
    fn a_large_svg_is_written_in_chunks_in_order() {
        let mut scene = Scene::new(200, 100, (255, 255, 255));
        for i in 0..2 * SVG_CHUNK + 123 {
            let mut it = Item::new("leg").attr("data-leg", format!("L{i}"));
            it.shapes.push(Shape::Line {
                points: vec![((i % 200) as f64, 3.0), (7.0, (i % 97) as f64)],
                color: (i as u8, 0, 0),
                alpha: [1.0, 0.5, 0.9][i % 3],
                width: 1.0 + (i % 3) as f64,
            });
            scene.push(it);
        }
        let mut one_by_one = String::new();
        let mut sc = Scratch::default();
        for item in &scene.items {
            svg_item(&mut one_by_one, item, &mut sc);
        }
        for threads in [1, 3] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let parts = pool.install(|| scene.to_svg_parts().unwrap());
            assert!(parts.len() > 3, "{threads} threads: {} parts", parts.len());
            let all = parts.concat();
            let body = &all[all.find("<g ").unwrap()..all.rfind("</svg>").unwrap()];
            assert!(body == one_by_one, "{threads} threads: the items differ");
            assert!(all.starts_with("<svg ") && all.ends_with("</svg>\n"));
        }
    }

    #[test]
    fn png_and_svg_show_the_same_shapes() {
        let s = sample();
        let rgb = s.to_rgb().unwrap();
        let at = |x: usize, y: usize| &rgb[(y * 40 + x) * 3..(y * 40 + x) * 3 + 3];
        assert_eq!(at(20, 20), &[230, 159, 0]);
        assert_eq!(at(10, 2), &[0, 0, 0]);
        assert_eq!(at(5, 25), &[255, 255, 255]);
        let svg = s.to_svg().unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let g = doc
            .descendants()
            .find(|n| n.attribute("class") == Some("leg"))
            .unwrap();
        assert_eq!(g.attribute("data-leg"), Some("L1"));
        assert_eq!(
            g.children().filter(|c| c.has_tag_name("polyline")).count(),
            1
        );
        assert_eq!(g.children().filter(|c| c.has_tag_name("circle")).count(), 1);
        assert_eq!(svg.matches("<svg").count(), 1);
    }

    /// Our SVG writer (`svg_shape`) writes every shape plotters can draw in
    /// exactly the markup plotters' own SVG backend writes for it.
    #[test]
    fn svg_shapes_match_plotters_svg_backend() {
        let quad = Quad {
            p0: (3.0, 40.0),
            c: (30.0, 2.0),
            p1: (70.0, 35.0),
        };
        let shapes = vec![
            Shape::Line {
                points: vec![(2.0, 2.0), (30.4, 2.6), (31.0, 20.0)],
                color: (0, 0, 0),
                alpha: 1.0,
                width: 3.0,
            },
            Shape::Curve {
                quad,
                t0: 0.1,
                t1: 0.9,
                segments: 28,
                dash: None,
                color: (213, 94, 0),
                alpha: 0.55,
                width: 2.0,
            },
            Shape::Curve {
                quad,
                t0: 0.0,
                t1: 1.0,
                segments: 28,
                dash: Some((6.0, 4.0)),
                color: (51, 51, 51),
                alpha: 1.0,
                width: 1.5,
            },
            Shape::Polygon {
                points: vec![(10.0, 10.0), (20.0, 12.5), (14.0, 22.0)],
                color: (0, 114, 178),
                alpha: 0.8,
            },
            Shape::Circle {
                center: (20.0, 20.0),
                radius: 5.4,
                color: (230, 159, 0),
                alpha: 1.0,
                fill: true,
                width: 1.0,
            },
            Shape::Circle {
                center: (50.5, 25.0),
                radius: 8.0,
                color: (0, 158, 115),
                alpha: 0.5,
                fill: false,
                width: 2.0,
            },
        ];
        for s in &shapes {
            let mut ours = String::new();
            svg_shape(&mut ours, s, &mut Scratch::default());
            let mut theirs = String::new();
            {
                let mut b = plotters_svg::SVGBackend::with_string(&mut theirs, (80, 50));
                paint_shape(&mut b, s, 0, &mut Scratch::default()).unwrap();
                b.present().unwrap();
            }
            let body: String = theirs
                .lines()
                .filter(|l| !l.starts_with("<svg") && !l.starts_with("</svg"))
                .map(|l| format!("{l}\n"))
                .collect();
            assert!(!body.is_empty());
            assert_eq!(ours, body, "{s:?}");
        }
    }

    #[test]
    fn escapes_attribute_values() {
        assert_eq!(escape_attr("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
    }
}
