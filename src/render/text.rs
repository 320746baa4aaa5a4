//! Text labels drawn from one embedded font, identically in PNG and SVG.
//!
//! plotters 0.3.7 cannot be used for labels: its `ab_glyph` text drops each
//! glyph's left-side bearing (uneven letter spacing in bitmaps) and its SVG
//! backend emits `<text>` that the viewer renders with whatever font it has, at
//! `font-size = size / 1.24`. Here every label is laid out once, by one
//! private `layout` function, from the vendored Noto Sans (`assets/fonts/`,
//! OFL-1.1), and then either rasterised ([`Fonts::draw_rgb`]) or written as
//! glyph outlines ([`Fonts::svg_path`]). Both use the same glyph positions and the
//! same scale, so the two outputs show the same text at the same place.
//!
//! Conventions shared by every function here:
//! * `TextStyle::px` is the em size in pixels (CSS `font-size`). The text box
//!   is taller than that: its height is `ascent - descent`, about 1.36 em for
//!   Noto Sans. (plotters' `size` is that box height, i.e. plotters size
//!   `s` corresponds to `px = s / 1.362` here.) `px` is clamped to
//!   `0..=MAX_PX`; NaN or a negative size draws nothing.
//! * `(x, y)`: `x` is placed according to [`Anchor`]; `y` is the **top of the
//!   text box** (the ascent line). The baseline is `y + ascent`, rounded to a
//!   whole pixel so that horizontal stems are crisp; it is rounded the same way
//!   for SVG, so ink may sit up to half a pixel off the exact box.
//! * Pair kerning comes from the font's GPOS `kern` feature (Noto Sans has
//!   no legacy `kern` table, so `ab_glyph`'s own kerning is always 0).
//! * A character the font lacks is drawn as `?`; whitespace is drawn as a
//!   space; default-ignorable characters (ZWJ, variation selectors, soft
//!   hyphen, ...) are skipped.
//! * A halo `(colour, width)` extends `width` pixels (clamped to
//!   `0..=MAX_HALO`) beyond the glyph outlines with round corners: in PNG as a
//!   dilation of the glyph coverage, in SVG as a round-joined stroke of
//!   `2 * width` painted under the fill (`paint-order="stroke"`).

use ab_glyph::{
    point, Font, FontRef, Glyph, GlyphId, OutlineCurve, OutlinedGlyph, Point, PxScaleFactor,
};
use std::fmt::Write as _;
use std::sync::OnceLock;

/// Largest em size honoured, in pixels (bigger sizes are clamped).
pub const MAX_PX: f32 = 1024.0;
/// Largest halo width honoured, in pixels (bigger widths are clamped).
pub const MAX_HALO: f32 = 32.0;

/// How a label looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    /// Em size in pixels (like CSS `font-size`).
    pub px: f32,
    /// Fill colour, RGB.
    pub color: (u8, u8, u8),
    /// Optional halo: colour and width in pixels beyond the glyph outlines.
    pub halo: Option<((u8, u8, u8), f32)>,
    /// Use Noto Sans Bold instead of Regular.
    pub bold: bool,
}

impl TextStyle {
    /// Regular text of `px` em size in `color`, without halo.
    pub fn new(px: f32, color: (u8, u8, u8)) -> Self {
        TextStyle {
            px,
            color,
            halo: None,
            bold: false,
        }
    }
}

/// Horizontal alignment of the text box on the given `x`.
/// (Vertically, the given `y` is always the top of the text box.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// `x` is the left edge of the text.
    Start,
    /// `x` is the horizontal centre of the text.
    Middle,
    /// `x` is the right edge of the text.
    End,
}

/// The embedded faces (Noto Sans Regular and Bold). Get them with [`fonts`].
pub struct Fonts {
    regular: Face,
    bold: Face,
}

struct Face {
    font: FontRef<'static>,
    units_per_em: f32,
    ascent: f32,
    descent: f32,
    fallback: GlyphId,
    space: GlyphId,
    kern: GposKern,
}

static REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");

/// The process-wide embedded fonts (parsed once).
pub fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts {
        regular: Face::new(REGULAR_TTF),
        bold: Face::new(BOLD_TTF),
    })
}

impl Face {
    fn new(data: &'static [u8]) -> Face {
        // The bytes are compiled in and checked by the tests, so this cannot fail at run time.
        let font = FontRef::try_from_slice(data).expect("embedded font is a valid TrueType font");
        let units_per_em = font.units_per_em().unwrap_or(1000.0);
        Face {
            ascent: font.ascent_unscaled(),
            descent: font.descent_unscaled(),
            fallback: font.glyph_id('?'),
            space: font.glyph_id(' '),
            kern: GposKern::new(data),
            units_per_em,
            font,
        }
    }

    /// Glyph ids and caret positions (font units) of `text`, and its total advance.
    fn shape(&self, text: &str) -> (Vec<(GlyphId, f32)>, f32) {
        let mut out = Vec::with_capacity(text.len());
        let mut caret = 0.0f32;
        let mut prev: Option<GlyphId> = None;
        for c in text.chars() {
            if is_default_ignorable(c) {
                continue;
            }
            let mut id = self.font.glyph_id(c);
            if id.0 == 0 {
                id = if c.is_whitespace() {
                    self.space
                } else {
                    self.fallback
                };
            }
            if let Some(p) = prev {
                caret += self.font.h_advance_unscaled(p) + self.kern.pair(p, id);
            }
            out.push((id, caret));
            prev = Some(id);
        }
        let total = match prev {
            Some(p) => caret + self.font.h_advance_unscaled(p),
            None => 0.0,
        };
        (out, total)
    }
}

fn is_default_ignorable(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}' | '\u{E0000}'..='\u{E0FFF}')
}

fn clamp_px(px: f32) -> f32 {
    if px.is_finite() && px > 0.0 {
        px.min(MAX_PX)
    } else {
        0.0
    }
}

fn clamp_halo(halo: Option<((u8, u8, u8), f32)>) -> Option<((u8, u8, u8), f32)> {
    match halo {
        Some((c, r)) if r.is_finite() && r > 0.0 => Some((c, r.min(MAX_HALO))),
        _ => None,
    }
}

/// A laid-out label: what both renderers draw.
struct Layout<'a> {
    face: &'a Face,
    /// Pixels per font unit.
    scale: f32,
    /// Baseline y in pixels.
    baseline: f32,
    /// Glyphs with their origin x in pixels.
    glyphs: Vec<(GlyphId, f32)>,
}

impl Fonts {
    fn face(&self, style: &TextStyle) -> &Face {
        if style.bold {
            &self.bold
        } else {
            &self.regular
        }
    }

    /// Size of the text box: `(width, height)` in pixels, where width is the sum
    /// of advances and kerning (exactly what the renderers use) and height is
    /// `ascent - descent` at `style.px`.
    pub fn measure(&self, text: &str, style: &TextStyle) -> (f32, f32) {
        let face = self.face(style);
        let scale = clamp_px(style.px) / face.units_per_em;
        let (_, advance) = face.shape(text);
        (advance * scale, (face.ascent - face.descent) * scale)
    }

    /// The single layout used by both `draw_rgb` and `svg_path`.
    fn layout(&self, text: &str, x: f32, y: f32, anchor: Anchor, style: &TextStyle) -> Layout<'_> {
        let face = self.face(style);
        let scale = clamp_px(style.px) / face.units_per_em;
        let (shaped, advance) = face.shape(text);
        let width = advance * scale;
        let left = match anchor {
            Anchor::Start => x,
            Anchor::Middle => x - width / 2.0,
            Anchor::End => x - width,
        };
        let baseline = (y + face.ascent * scale).round();
        let glyphs = shaped
            .into_iter()
            .map(|(id, caret)| (id, left + caret * scale))
            .collect();
        Layout {
            face,
            scale,
            baseline,
            glyphs,
        }
    }

    /// Draws `text` into an RGB8 buffer (row-major, `w` pixels wide, `h` rows,
    /// 3 bytes per pixel) with anti-aliased coverage blending: the halo first,
    /// then the glyphs. `y` is the top of the text box (see the module docs).
    /// Everything outside the buffer is clipped; no position, size or buffer
    /// length makes it panic (a buffer shorter than `w * h * 3` is drawn only
    /// in the rows it holds).
    #[allow(clippy::too_many_arguments)]
    pub fn draw_rgb(
        &self,
        buf: &mut [u8],
        w: u32,
        h: u32,
        text: &str,
        x: f32,
        y: f32,
        anchor: Anchor,
        style: &TextStyle,
    ) {
        let w = w as usize;
        if w == 0 || !x.is_finite() || !y.is_finite() {
            return;
        }
        let rows = (h as usize).min(buf.len() / 3 / w);
        if rows == 0 {
            return;
        }
        let lay = self.layout(text, x, y, anchor, style);
        if lay.scale <= 0.0 || lay.glyphs.is_empty() {
            return;
        }
        let halo = clamp_halo(style.halo);
        let margin = halo.map_or(0, |(_, r)| r.ceil() as i64 + 1);

        // Quick reject (also keeps all later integer arithmetic small): the ink
        // lies within the advance box widened by one em on every side.
        let em = lay.scale * lay.face.units_per_em;
        let (lo_x, hi_x) = (
            lay.glyphs[0].1 as f64,
            lay.glyphs[lay.glyphs.len() - 1].1 as f64,
        );
        let pad = 2.0 * em as f64 + margin as f64;
        let base = lay.baseline as f64;
        if hi_x + pad < 0.0 || lo_x - pad > w as f64 || base + pad < 0.0 || base - pad > rows as f64
        {
            return;
        }

        // The region whose coverage matters: the buffer widened by the halo margin.
        let (rx0, ry0, rx1, ry1) = (-margin, -margin, w as i64 + margin, rows as i64 + margin);
        let factor = PxScaleFactor {
            horizontal: lay.scale,
            vertical: lay.scale,
        };
        let mut outlined = Vec::new();
        let (mut ix0, mut iy0, mut ix1, mut iy1) = (i64::MAX, i64::MAX, i64::MIN, i64::MIN);
        for &(id, gx) in &lay.glyphs {
            if (gx as f64) + pad < rx0 as f64 || (gx as f64) - pad > rx1 as f64 {
                continue;
            }
            let Some(outline) = lay.face.font.outline(id) else {
                continue;
            };
            let glyph = Glyph {
                id,
                scale: em.into(),
                position: point(gx, lay.baseline),
            };
            let og = OutlinedGlyph::new(glyph, outline, factor);
            let b = og.px_bounds();
            let (bx0, by0, bx1, by1) = (
                b.min.x as i64,
                b.min.y as i64,
                b.max.x as i64,
                b.max.y as i64,
            );
            if bx1 <= rx0 || bx0 >= rx1 || by1 <= ry0 || by0 >= ry1 || bx1 <= bx0 || by1 <= by0 {
                continue;
            }
            ix0 = ix0.min(bx0);
            iy0 = iy0.min(by0);
            ix1 = ix1.max(bx1);
            iy1 = iy1.max(by1);
            outlined.push((og, bx0, by0));
        }
        if outlined.is_empty() {
            return;
        }
        // Coverage mask over (ink bounds + halo margin) ∩ region.
        let (mx0, my0) = ((ix0 - margin).max(rx0), (iy0 - margin).max(ry0));
        let (mx1, my1) = ((ix1 + margin).min(rx1), (iy1 + margin).min(ry1));
        if mx1 <= mx0 || my1 <= my0 {
            return;
        }
        let (mw, mh) = ((mx1 - mx0) as usize, (my1 - my0) as usize);
        let mut mask = vec![0.0f32; mw * mh];
        for (og, bx0, by0) in &outlined {
            og.draw(|gx, gy, c| {
                let (px, py) = (bx0 + gx as i64 - mx0, by0 + gy as i64 - my0);
                if px >= 0 && py >= 0 && (px as usize) < mw && (py as usize) < mh {
                    let m = &mut mask[py as usize * mw + px as usize];
                    let c = c.clamp(0.0, 1.0);
                    *m = *m + c - *m * c;
                }
            });
        }

        // Pixels of the buffer that may change.
        let (cx0, cy0) = (mx0.max(0) as usize, my0.max(0) as usize);
        let (cx1, cy1) = (
            mx1.min(w as i64).max(0) as usize,
            my1.min(rows as i64).max(0) as usize,
        );
        let disk = halo.map(|(_, r)| halo_disk(r)).unwrap_or_default();
        let fill = style.color;
        for py in cy0..cy1 {
            let my = py as i64 - my0;
            for px in cx0..cx1 {
                let mx = px as i64 - mx0;
                let cov = mask[my as usize * mw + mx as usize];
                let mut halo_a = 0.0f32;
                if let Some((_, r)) = halo {
                    // Halo = glyph outline grown by r. A neighbour at distance
                    // `dist` with coverage c has its ink edge about `dist + 0.5 - c`
                    // from this pixel's centre, so it grants `r - dist + c` coverage.
                    for &(dx, dy, dist) in &disk {
                        if r - dist + 1.0 <= halo_a {
                            break; // sorted by distance: nothing further can beat it
                        }
                        let (sx, sy) = (mx + dx, my + dy);
                        if sx >= 0 && sy >= 0 && (sx as usize) < mw && (sy as usize) < mh {
                            let c = mask[sy as usize * mw + sx as usize];
                            // (ignore the rasteriser's float noise inside counters)
                            if c > 1.0 / 512.0 {
                                halo_a = halo_a.max((r - dist + c).min(1.0));
                            }
                        }
                    }
                }
                if cov <= 0.0 && halo_a <= 0.0 {
                    continue;
                }
                let i = (py * w + px) * 3;
                let pix = &mut buf[i..i + 3];
                if let Some((hc, _)) = halo {
                    blend(pix, hc, halo_a);
                }
                blend(pix, fill, cov);
            }
        }
    }

    /// The label as SVG: `<g class="label" data-text=".." aria-label="..">`
    /// holding one `<path>` of glyph outlines (absolute coordinates, at most two
    /// decimals), at exactly the positions `draw_rgb` uses. A halo is a
    /// round-joined stroke painted under the fill (`paint-order="stroke"`).
    /// The output depends only on the arguments (deterministic).
    pub fn svg_path(
        &self,
        text: &str,
        x: f32,
        y: f32,
        anchor: Anchor,
        style: &TextStyle,
    ) -> String {
        let mut out = String::with_capacity(64 + text.len() * 300);
        let escaped = crate::xml::escape_attr(text);
        let _ = write!(
            out,
            "<g class=\"label\" data-text=\"{escaped}\" aria-label=\"{escaped}\">"
        );
        let mut d = String::new();
        if x.is_finite() && y.is_finite() {
            let lay = self.layout(text, x, y, anchor, style);
            if lay.scale > 0.0 {
                for &(id, gx) in &lay.glyphs {
                    if let Some(outline) = lay.face.font.outline(id) {
                        let origin = point(gx, lay.baseline);
                        path_data(&mut d, &outline.curves, origin, lay.scale);
                    }
                }
            }
        }
        if !d.is_empty() {
            let _ = write!(
                out,
                "<path d=\"{}\" fill=\"{}\"",
                d.trim_end(),
                hex(style.color)
            );
            if let Some((hc, r)) = clamp_halo(style.halo) {
                out.push_str(" stroke=\"");
                out.push_str(&hex(hc));
                out.push_str("\" stroke-width=\"");
                num(&mut out, 2.0 * r);
                out.push_str("\" stroke-linejoin=\"round\" paint-order=\"stroke\"");
            }
            out.push_str("/>");
        }
        out.push_str("</g>");
        out
    }
}

/// Offsets that can carry halo from a covered pixel to the centre: those
/// closer than `r + 1`, with their distance, nearest first.
fn halo_disk(r: f32) -> Vec<(i64, i64, f32)> {
    let n = r.ceil() as i64 + 1;
    let mut v = Vec::new();
    for dy in -n..=n {
        for dx in -n..=n {
            let dist = ((dx * dx + dy * dy) as f32).sqrt();
            if dist < r + 1.0 {
                v.push((dx, dy, dist));
            }
        }
    }
    v.sort_by(|a, b| a.2.total_cmp(&b.2));
    v
}

fn blend(pix: &mut [u8], c: (u8, u8, u8), a: f32) {
    if a <= 0.0 {
        return;
    }
    let a = a.min(1.0);
    for (p, c) in pix.iter_mut().zip([c.0, c.1, c.2]) {
        *p = (*p as f32 + (c as f32 - *p as f32) * a)
            .round()
            .clamp(0.0, 255.0) as u8;
    }
}

/// Appends the outline (font units, y up) placed at `origin` (pixels, y down).
///
/// Every point is first rounded to hundredths of a pixel; each subpath starts
/// with an absolute `M`, the rest is written relative (`l`, `q`, `c`) as
/// differences of those rounded points, so there is no drift and at most two
/// decimals.
fn path_data(d: &mut String, curves: &[OutlineCurve], origin: Point, scale: f32) {
    let to_h = |p: &Point| {
        let (x, y) = (origin.x + p.x * scale, origin.y - p.y * scale);
        // `as` saturates, so no value can overflow below
        (
            (x as f64 * 100.0).round() as i64,
            (y as f64 * 100.0).round() as i64,
        )
    };
    let mut w = PathWriter {
        d,
        last_cmd: ' ',
        need_sep: false,
    };
    let mut start: Option<(Point, (i64, i64))> = None; // open subpath: font units, hundredths
    let mut cur = point(0.0, 0.0); // font units
    let mut cur_h = (0i64, 0i64); // hundredths of a pixel, as written
    for curve in curves {
        if matches!(curve, OutlineCurve::Line(a, b) if a == b) {
            continue; // zero-length closing segments
        }
        let (p0, end) = match curve {
            OutlineCurve::Line(a, b) => (a, b),
            OutlineCurve::Quad(a, _, b) => (a, b),
            OutlineCurve::Cubic(a, _, _, b) => (a, b),
        };
        if start.is_none() || *p0 != cur {
            if start.is_some() {
                w.cmd('Z');
            }
            cur_h = to_h(p0);
            w.cmd('M');
            w.pair(cur_h, (0, 0));
            start = Some((*p0, cur_h));
        }
        match curve {
            OutlineCurve::Line(_, b) if Some(*b) == start.map(|s| s.0) => {
                w.cmd('Z');
                cur_h = start.map_or(cur_h, |s| s.1);
                start = None;
            }
            OutlineCurve::Line(_, b) => {
                let bh = to_h(b);
                if bh != cur_h {
                    w.cmd('l');
                    w.pair(bh, cur_h);
                }
                cur_h = bh;
            }
            OutlineCurve::Quad(_, c, b) => {
                let bh = to_h(b);
                w.cmd('q');
                w.pair(to_h(c), cur_h);
                w.pair(bh, cur_h);
                cur_h = bh;
            }
            OutlineCurve::Cubic(_, c1, c2, b) => {
                let bh = to_h(b);
                w.cmd('c');
                w.pair(to_h(c1), cur_h);
                w.pair(to_h(c2), cur_h);
                w.pair(bh, cur_h);
                cur_h = bh;
            }
        }
        cur = *end;
    }
    if start.is_some() {
        w.cmd('Z');
    }
}

/// Compact SVG path syntax: a command letter is not repeated, and a number
/// is separated from the previous one by a space only when it has no `-`.
struct PathWriter<'a> {
    d: &'a mut String,
    last_cmd: char,
    need_sep: bool,
}

impl PathWriter<'_> {
    fn cmd(&mut self, c: char) {
        // M and Z are always written: a number after M would be an implicit L.
        if c != self.last_cmd || c == 'M' || c == 'Z' {
            self.d.push(c);
            self.need_sep = false;
        }
        self.last_cmd = c;
    }

    /// Writes `p - rel` (hundredths of a pixel) as two numbers.
    fn pair(&mut self, p: (i64, i64), rel: (i64, i64)) {
        for v in [p.0.saturating_sub(rel.0), p.1.saturating_sub(rel.1)] {
            if self.need_sep && v >= 0 {
                self.d.push(' ');
            }
            hundredths(self.d, v);
            self.need_sep = true;
        }
    }
}

/// Writes `n / 100` with at most two decimals, no trailing zeros.
fn hundredths(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    let a = n.unsigned_abs();
    let (int, frac) = (a / 100, a % 100);
    let _ = write!(out, "{int}");
    if frac != 0 {
        if frac % 10 == 0 {
            let _ = write!(out, ".{}", frac / 10);
        } else {
            let _ = write!(out, ".{frac:02}");
        }
    }
}

/// Writes `v` with at most two decimals, no trailing zeros, no `-0`.
fn num(out: &mut String, v: f32) {
    hundredths(out, (v as f64 * 100.0).round() as i64); // saturating for huge values
}

fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// Pair kerning from the GPOS `kern` feature (PairPos formats 1 and 2, also
/// behind Extension lookups). Only the first glyph's XAdvance is used, which
/// is how Noto Sans (and nearly every font) expresses kerning.
struct GposKern {
    data: &'static [u8],
    /// Per kerning lookup (in lookup-list order): absolute offsets of its PairPos subtables.
    lookups: Vec<Vec<usize>>,
}

fn rd16(d: &[u8], o: usize) -> Option<u16> {
    d.get(o..o.checked_add(2)?)
        .map(|b| u16::from_be_bytes([b[0], b[1]]))
}

fn rd32(d: &[u8], o: usize) -> Option<u32> {
    d.get(o..o.checked_add(4)?)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

impl GposKern {
    fn new(data: &'static [u8]) -> GposKern {
        let lookups = Self::parse(data).unwrap_or_default();
        GposKern { data, lookups }
    }

    fn parse(d: &[u8]) -> Option<Vec<Vec<usize>>> {
        // sfnt table directory
        let n = rd16(d, 4)? as usize;
        let gpos = (0..n).find_map(|i| {
            let rec = 12 + 16 * i;
            (d.get(rec..rec + 4)? == b"GPOS")
                .then(|| rd32(d, rec + 8))
                .flatten()
        })? as usize;
        let features = gpos + rd16(d, gpos + 6)? as usize;
        let lookup_list = gpos + rd16(d, gpos + 8)? as usize;
        let mut indices = Vec::new();
        for i in 0..rd16(d, features)? as usize {
            let rec = features + 2 + 6 * i;
            if d.get(rec..rec + 4)? != b"kern" {
                continue;
            }
            let feat = features + rd16(d, rec + 4)? as usize;
            for j in 0..rd16(d, feat + 2)? as usize {
                indices.push(rd16(d, feat + 4 + 2 * j)?);
            }
        }
        indices.sort_unstable();
        indices.dedup();
        let mut lookups = Vec::new();
        for li in indices {
            let lookup = lookup_list + rd16(d, lookup_list + 2 + 2 * li as usize)? as usize;
            let kind = rd16(d, lookup)?;
            let mut subs = Vec::new();
            for s in 0..rd16(d, lookup + 4)? as usize {
                let mut sub = lookup + rd16(d, lookup + 6 + 2 * s)? as usize;
                let mut sub_kind = kind;
                if kind == 9 {
                    sub_kind = rd16(d, sub + 2)?;
                    sub += rd32(d, sub + 4)? as usize;
                }
                if sub_kind == 2 {
                    subs.push(sub);
                }
            }
            if !subs.is_empty() {
                lookups.push(subs);
            }
        }
        Some(lookups)
    }

    /// Kerning between two glyphs, in font units.
    fn pair(&self, a: GlyphId, b: GlyphId) -> f32 {
        let mut total = 0.0;
        for subs in &self.lookups {
            // Within a lookup the first subtable that applies wins.
            if let Some(v) = subs.iter().find_map(|&s| pair_pos(self.data, s, a.0, b.0)) {
                total += v as f32;
            }
        }
        total
    }
}

fn value_record_len(format: u16) -> usize {
    2 * (format & 0xFF).count_ones() as usize
}

/// XAdvance of the first glyph's ValueRecord at `o`, or 0 when absent.
fn x_advance(d: &[u8], o: usize, format: u16) -> Option<i16> {
    if format & 0x4 == 0 {
        return Some(0);
    }
    let skip = 2 * (format & 0x3).count_ones() as usize;
    rd16(d, o + skip).map(|v| v as i16)
}

/// PairPos subtable at `s`: `Some(x_advance)` when it applies to (a, b).
fn pair_pos(d: &[u8], s: usize, a: u16, b: u16) -> Option<i16> {
    let format = rd16(d, s)?;
    let cov_index = coverage(d, s + rd16(d, s + 2)? as usize, a)?;
    let (vf1, vf2) = (rd16(d, s + 4)?, rd16(d, s + 6)?);
    let (l1, l2) = (value_record_len(vf1), value_record_len(vf2));
    match format {
        1 => {
            if cov_index >= rd16(d, s + 8)? as usize {
                return None;
            }
            let set = s + rd16(d, s + 10 + 2 * cov_index)? as usize;
            let count = rd16(d, set)? as usize;
            let rec_len = 2 + l1 + l2;
            let (mut lo, mut hi) = (0usize, count);
            while lo < hi {
                let mid = (lo + hi) / 2;
                let rec = set + 2 + mid * rec_len;
                let second = rd16(d, rec)?;
                match second.cmp(&b) {
                    std::cmp::Ordering::Less => lo = mid + 1,
                    std::cmp::Ordering::Greater => hi = mid,
                    std::cmp::Ordering::Equal => return x_advance(d, rec + 2, vf1),
                }
            }
            None
        }
        2 => {
            let c1 = class_def(d, s + rd16(d, s + 8)? as usize, a)? as usize;
            let c2 = class_def(d, s + rd16(d, s + 10)? as usize, b)? as usize;
            let (n1, n2) = (rd16(d, s + 12)? as usize, rd16(d, s + 14)? as usize);
            if c1 >= n1 || c2 >= n2 {
                return None;
            }
            let rec = s + 16 + (c1 * n2 + c2) * (l1 + l2);
            x_advance(d, rec, vf1)
        }
        _ => None,
    }
}

/// Index of `g` in the Coverage table at `o`.
fn coverage(d: &[u8], o: usize, g: u16) -> Option<usize> {
    let n = rd16(d, o + 2)? as usize;
    match rd16(d, o)? {
        1 => {
            let (mut lo, mut hi) = (0usize, n);
            while lo < hi {
                let mid = (lo + hi) / 2;
                let v = rd16(d, o + 4 + 2 * mid)?;
                match v.cmp(&g) {
                    std::cmp::Ordering::Less => lo = mid + 1,
                    std::cmp::Ordering::Greater => hi = mid,
                    std::cmp::Ordering::Equal => return Some(mid),
                }
            }
            None
        }
        2 => {
            let (mut lo, mut hi) = (0usize, n);
            while lo < hi {
                let mid = (lo + hi) / 2;
                let r = o + 4 + 6 * mid;
                let (start, end) = (rd16(d, r)?, rd16(d, r + 2)?);
                if g < start {
                    hi = mid;
                } else if g > end {
                    lo = mid + 1;
                } else {
                    return Some(rd16(d, r + 4)? as usize + (g - start) as usize);
                }
            }
            None
        }
        _ => None,
    }
}

/// Class of `g` in the ClassDef table at `o` (0 when not listed).
fn class_def(d: &[u8], o: usize, g: u16) -> Option<u16> {
    match rd16(d, o)? {
        1 => {
            let start = rd16(d, o + 2)?;
            let n = rd16(d, o + 4)?;
            if g >= start && ((g - start) as usize) < n as usize {
                rd16(d, o + 6 + 2 * (g - start) as usize)
            } else {
                Some(0)
            }
        }
        2 => {
            let n = rd16(d, o + 2)? as usize;
            let (mut lo, mut hi) = (0usize, n);
            while lo < hi {
                let mid = (lo + hi) / 2;
                let r = o + 4 + 6 * mid;
                let (start, end) = (rd16(d, r)?, rd16(d, r + 2)?);
                if g < start {
                    hi = mid;
                } else if g > end {
                    lo = mid + 1;
                } else {
                    return rd16(d, r + 4);
                }
            }
            Some(0)
        }
        _ => Some(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BG: (u8, u8, u8) = (255, 255, 255);

    fn canvas(w: u32, h: u32) -> Vec<u8> {
        [BG.0, BG.1, BG.2].repeat((w * h) as usize)
    }

    /// Bounding box (x0, y0, x1, y1), exclusive max, of pixels that differ from BG.
    fn ink_box(buf: &[u8], w: u32) -> Option<(u32, u32, u32, u32)> {
        let mut bb: Option<(u32, u32, u32, u32)> = None;
        for (i, p) in buf.chunks(3).enumerate() {
            if p != [BG.0, BG.1, BG.2] {
                let (x, y) = (i as u32 % w, i as u32 / w);
                bb = Some(match bb {
                    None => (x, y, x + 1, y + 1),
                    Some((a, b, c, d)) => (a.min(x), b.min(y), c.max(x + 1), d.max(y + 1)),
                });
            }
        }
        bb
    }

    /// Absolute points (on-curve and control) of a path written by `path_data`;
    /// panics on anything outside the subset it writes.
    fn path_points(d: &str) -> Vec<(f64, f64)> {
        let mut toks: Vec<String> = Vec::new();
        for c in d.chars() {
            match c {
                'M' | 'Z' | 'l' | 'q' | 'c' => toks.push(c.to_string()),
                '-' => toks.push("-".into()),
                ' ' => toks.push(String::new()),
                '0'..='9' | '.' => match toks.last_mut() {
                    Some(t) if !t.starts_with(|c: char| c.is_ascii_alphabetic()) => t.push(c),
                    _ => toks.push(c.to_string()),
                },
                _ => panic!("unexpected {c:?} in path"),
            }
        }
        let mut pts = Vec::new();
        let (mut cur, mut start) = ((0.0, 0.0), (0.0, 0.0));
        let mut cmd = ' ';
        let mut nums: Vec<f64> = Vec::new();
        let mut flush = |cmd: char, nums: &mut Vec<f64>, pts: &mut Vec<(f64, f64)>| {
            let n = match cmd {
                'M' | 'l' => 2,
                'q' => 4,
                'c' => 6,
                _ => 0,
            };
            if cmd == 'Z' {
                assert!(nums.is_empty());
                cur = start;
                return;
            }
            assert!(
                n > 0 && nums.chunks_exact(n).remainder().is_empty() && !nums.is_empty(),
                "{cmd} {nums:?}"
            );
            assert!(cmd != 'M' || nums.len() == 2, "implicit lineto after M");
            for g in nums.chunks(n) {
                let base = if cmd == 'M' { (0.0, 0.0) } else { cur };
                for p in g.chunks(2) {
                    pts.push((base.0 + p[0], base.1 + p[1]));
                }
                cur = *pts.last().unwrap();
                if cmd == 'M' {
                    start = cur;
                }
            }
            nums.clear();
        };
        for t in toks.iter().filter(|t| !t.is_empty()) {
            if t.starts_with(|c: char| c.is_ascii_alphabetic()) {
                if cmd != ' ' {
                    flush(cmd, &mut nums, &mut pts);
                }
                cmd = t.chars().next().unwrap();
            } else if t != "-" {
                nums.push(t.parse().unwrap());
            }
        }
        flush(cmd, &mut nums, &mut pts);
        pts
    }

    #[test]
    fn fonts_load_and_have_needed_glyphs() {
        for bold in [false, true] {
            let style = TextStyle {
                bold,
                ..TextStyle::new(12.0, (0, 0, 0))
            };
            let face = fonts().face(&style);
            for c in "Bangladesh → Algeria → Spain ÀÉÎÕÜçñøßŁő’–?".chars() {
                assert_ne!(face.font.glyph_id(c).0, 0, "missing {c:?}");
            }
            assert!(!face.kern.lookups.is_empty(), "GPOS kerning found");
        }
    }

    #[test]
    fn measure_grows_with_length_and_scales_with_px() {
        let f = fonts();
        let s = TextStyle::new(12.0, (0, 0, 0));
        let (w1, h1) = f.measure("Spain", &s);
        let (w2, h2) = f.measure("Spain and Algeria", &s);
        assert!(w1 > 0.0 && w2 > w1);
        assert_eq!(h1, h2);
        assert_eq!(f.measure("", &s).0, 0.0);
        let (w3, h3) = f.measure("Spain", &TextStyle { px: 36.0, ..s });
        assert!((w3 / w1 - 3.0).abs() < 1e-4, "{w3} vs {w1}");
        assert!((h3 / h1 - 3.0).abs() < 1e-4);
        // height is ascent - descent, larger than the em size
        assert!(h1 > 12.0 && h1 < 12.0 * 1.6, "{h1}");
        // bold is wider
        assert!(f.measure("Spain", &TextStyle { bold: true, ..s }).0 > w1);
        // nonsense sizes measure as empty, never panic
        assert_eq!(f.measure("x", &TextStyle { px: f32::NAN, ..s }), (0.0, 0.0));
        assert_eq!(f.measure("x", &TextStyle { px: -3.0, ..s }).0, 0.0);
    }

    #[test]
    fn gpos_kerning_applies() {
        let f = fonts();
        let s = TextStyle::new(100.0, (0, 0, 0));
        for pair in ["AV", "To", "Wa", "Ty"] {
            let (a, b) = pair.split_at(1);
            let sum = f.measure(a, &s).0 + f.measure(b, &s).0;
            assert!(f.measure(pair, &s).0 < sum - 0.5, "{pair} not kerned");
        }
        let sum = f.measure("H", &s).0 + f.measure("H", &s).0;
        assert!((f.measure("HH", &s).0 - sum).abs() < 1e-3);
    }

    #[test]
    fn missing_glyphs_fall_back_to_question_mark() {
        let f = fonts();
        let s = TextStyle::new(20.0, (0, 0, 0));
        assert_eq!(f.measure("\u{E000}", &s), f.measure("?", &s));
        assert_eq!(f.measure("a\u{4E2D}b", &s), f.measure("a?b", &s));
        // ignorable characters vanish, whitespace is a space
        assert_eq!(f.measure("a\u{200D}b\u{FE0F}", &s), f.measure("ab", &s));
        assert_eq!(f.measure("a\tb", &s), f.measure("a b", &s));
        let svg = f.svg_path("\u{E000}", 0.0, 0.0, Anchor::Start, &s);
        assert!(svg.contains("<path d=\"M"), "{svg}");
    }

    #[test]
    fn draw_stays_inside_measured_box() {
        let f = fonts();
        let (w, h) = (120, 60);
        let s = TextStyle::new(24.0, (0, 0, 0));
        let (tw, th) = f.measure("Hi", &s);
        for (anchor, left) in [
            (Anchor::Start, 30.0),
            (Anchor::Middle, 30.0 - tw / 2.0),
            (Anchor::End, 30.0 - tw),
        ] {
            let mut buf = canvas(w, h);
            f.draw_rgb(&mut buf, w, h, "Hi", 30.0, 10.0, anchor, &s);
            let (x0, y0, x1, y1) = ink_box(&buf, w).expect("something drawn");
            // one pixel of slack for anti-aliasing and baseline rounding
            assert!(
                x0 as f32 >= left - 1.0 && x1 as f32 <= left + tw + 1.0,
                "{anchor:?} x {x0}..{x1} vs {left}+{tw}"
            );
            assert!(
                y0 as f32 >= 10.0 - 1.0 && y1 as f32 <= 10.0 + th + 1.0,
                "y {y0}..{y1}"
            );
            // "Hi" is dark ink: some pixels fully black
            assert!(buf.chunks(3).any(|p| p == [0, 0, 0]));
        }
    }

    #[test]
    fn halo_is_drawn_in_halo_colour_around_the_text() {
        let f = fonts();
        let (w, h) = (120, 60);
        let halo_c = (0, 0, 255);
        let s = TextStyle {
            halo: Some((halo_c, 2.0)),
            ..TextStyle::new(24.0, (255, 0, 0))
        };
        let mut buf = vec![0u8; (w * h * 3) as usize];
        f.draw_rgb(&mut buf, w, h, "Hi", 30.0, 10.0, Anchor::Start, &s);
        let (tw, th) = f.measure("Hi", &s);
        let mut halo_px = 0;
        for (i, p) in buf.chunks(3).enumerate() {
            if p == [0, 0, 0] {
                continue;
            }
            let (x, y) = ((i as u32 % w) as f32, (i as u32 / w) as f32);
            // only fill red and halo blue, blended over black
            assert_eq!(p[1], 0, "green at {x},{y}");
            assert!(
                x >= 30.0 - 3.0 && x < 30.0 + tw + 3.0 && y >= 10.0 - 3.0 && y < 10.0 + th + 3.0
            );
            if p == [0, 0, 255] {
                halo_px += 1;
            }
        }
        assert!(halo_px > 50, "{halo_px} pure halo pixels");
        assert!(
            buf.chunks(3).any(|p| p == [255, 0, 0]),
            "fill on top of halo"
        );
        // The left stem of H starts near x=30 + bearing; just left of it is pure halo.
        let row = (10.0 + th / 2.0) as u32;
        let px = |x: u32| &buf[((row * w + x) * 3) as usize..][..3];
        let first = (0..w).find(|&x| px(x) != [0, 0, 0]).unwrap();
        let stem = (0..w).find(|&x| px(x)[0] > 0).unwrap();
        assert!(stem - first >= 2, "halo {first}..{stem}");
        assert!((first..stem).any(|x| px(x) == [0, 0, 255]));
    }

    #[test]
    fn drawing_outside_or_with_odd_arguments_never_panics() {
        let f = fonts();
        let (w, h) = (50u32, 20u32);
        let s = TextStyle {
            halo: Some(((255, 255, 255), 3.0)),
            ..TextStyle::new(16.0, (0, 0, 0))
        };
        let text = "Dominican Republic → Spain";
        let mut buf = canvas(w, h);
        for &x in &[
            -1e30f32,
            -300.0,
            -20.0,
            -0.5,
            0.0,
            10.3,
            45.0,
            49.9,
            60.0,
            1e9,
            f32::NAN,
            f32::INFINITY,
            f32::NEG_INFINITY,
        ] {
            for &y in &[
                -1e30f32,
                -30.0,
                -8.0,
                0.0,
                7.7,
                15.0,
                19.0,
                40.0,
                1e30,
                f32::NAN,
            ] {
                for anchor in [Anchor::Start, Anchor::Middle, Anchor::End] {
                    f.draw_rgb(&mut buf, w, h, text, x, y, anchor, &s);
                }
            }
        }
        assert!(ink_box(&buf, w).is_some());
        // odd sizes, empty text, zero/short buffers
        for px in [0.0, -1.0, f32::NAN, f32::INFINITY, 1e9, 0.01] {
            for halo in [
                None,
                Some(((0, 0, 0), f32::NAN)),
                Some(((0, 0, 0), 1e9)),
                Some(((0, 0, 0), -2.0)),
            ] {
                let s = TextStyle { px, halo, ..s };
                f.draw_rgb(&mut buf, w, h, text, 5.0, 5.0, Anchor::Start, &s);
                let _ = f.svg_path(text, 5.0, 5.0, Anchor::Start, &s);
            }
        }
        f.draw_rgb(&mut buf, w, h, "", 5.0, 5.0, Anchor::Middle, &s);
        f.draw_rgb(&mut buf, w, h, "   ", 5.0, 5.0, Anchor::Middle, &s);
        f.draw_rgb(&mut [], w, h, text, 5.0, 5.0, Anchor::Start, &s);
        f.draw_rgb(&mut buf[..100], w, h, text, 0.0, 0.0, Anchor::Start, &s);
        f.draw_rgb(&mut buf, 0, h, text, 0.0, 0.0, Anchor::Start, &s);
        f.draw_rgb(&mut buf, w, 0, text, 0.0, 0.0, Anchor::Start, &s);
        f.draw_rgb(
            &mut buf,
            u32::MAX,
            u32::MAX,
            text,
            0.0,
            0.0,
            Anchor::Start,
            &s,
        );
    }

    #[test]
    fn partly_outside_draws_the_visible_part() {
        let f = fonts();
        let (w, h) = (40u32, 30u32);
        let s = TextStyle::new(20.0, (0, 0, 0));
        let mut a = canvas(w, h);
        f.draw_rgb(&mut a, w, h, "Spain", -10.0, -5.0, Anchor::Start, &s);
        // same text drawn on a larger canvas, then cropped, gives the same pixels
        let (bw, bh) = (100u32, 80u32);
        let mut b = canvas(bw, bh);
        f.draw_rgb(&mut b, bw, bh, "Spain", 20.0, 25.0, Anchor::Start, &s);
        for y in 0..h {
            for x in 0..w {
                let pa = &a[((y * w + x) * 3) as usize..][..3];
                let pb = &b[(((y + 30) * bw + x + 30) * 3) as usize..][..3];
                assert_eq!(pa, pb, "at {x},{y}");
            }
        }
    }

    #[test]
    fn svg_is_deterministic_xml_with_escaped_text() {
        let f = fonts();
        let s = TextStyle {
            halo: Some(((255, 255, 255), 1.5)),
            ..TextStyle::new(14.0, (20, 30, 40))
        };
        let text = "a<b & c \"d\" 'e' → Ω";
        let a = f.svg_path(text, 10.25, 20.0, Anchor::Middle, &s);
        assert_eq!(a, f.svg_path(text, 10.25, 20.0, Anchor::Middle, &s));
        assert!(
            a.contains("data-text=\"a&lt;b &amp; c &quot;d&quot; 'e' → Ω\""),
            "{a}"
        );
        assert!(
            a.contains("fill=\"#141e28\"") && a.contains("stroke=\"#ffffff\" stroke-width=\"3\"")
        );
        let doc = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"50\">{a}</svg>"
        );
        let xml = roxmltree::Document::parse(&doc).expect("well-formed");
        let g = xml.descendants().find(|n| n.has_tag_name("g")).unwrap();
        assert_eq!(g.attribute("class"), Some("label"));
        assert_eq!(g.attribute("data-text"), Some(text));
        assert_eq!(g.attribute("aria-label"), Some(text));
        let d = g
            .children()
            .find(|n| n.has_tag_name("path"))
            .unwrap()
            .attribute("d")
            .unwrap();
        // at most two decimals in every number, and the path grammar is valid
        for tok in d.split(|c: char| c.is_ascii_alphabetic() || c == ' ' || c == '-') {
            assert!(tok.split('.').nth(1).unwrap_or("").len() <= 2, "{tok}");
        }
        assert!(path_points(d).len() > 50);
        // plain style has no stroke; the label text is escaped in data-text
        let plain = f.svg_path(
            "a<b & c",
            0.0,
            0.0,
            Anchor::Start,
            &TextStyle::new(10.0, (0, 0, 0)),
        );
        assert!(
            plain.starts_with("<g class=\"label\" data-text=\"a&lt;b &amp; c\""),
            "{plain}"
        );
        assert!(!plain.contains("stroke"));
        // control characters stay well-formed
        let ctl = f.svg_path(
            "x\u{1}\ny",
            0.0,
            0.0,
            Anchor::Start,
            &TextStyle::new(10.0, (0, 0, 0)),
        );
        roxmltree::Document::parse(&format!("<svg>{ctl}</svg>")).expect("well-formed");
        assert_eq!(
            f.svg_path("", 0.0, 0.0, Anchor::Start, &s),
            "<g class=\"label\" data-text=\"\" aria-label=\"\"></g>"
        );
    }

    #[test]
    fn svg_and_png_place_glyphs_identically() {
        // The bounding box of the SVG path's points (on-curve and control points
        // of quadratic outlines) matches the PNG ink box to within anti-aliasing.
        let f = fonts();
        let (w, h) = (400u32, 60u32);
        for (anchor, bold) in [
            (Anchor::Start, false),
            (Anchor::Middle, true),
            (Anchor::End, false),
        ] {
            let s = TextStyle {
                bold,
                ..TextStyle::new(22.0, (0, 0, 0))
            };
            let text = "Bangladesh → Algeria";
            let x = match anchor {
                Anchor::Start => 20.3,
                Anchor::Middle => 200.3,
                Anchor::End => 380.3,
            };
            let y = 12.6;
            let mut buf = canvas(w, h);
            f.draw_rgb(&mut buf, w, h, text, x, y, anchor, &s);
            let (x0, y0, x1, y1) = ink_box(&buf, w).unwrap();
            let svg = f.svg_path(text, x, y, anchor, &s);
            let d = svg.split("d=\"").nth(1).unwrap().split('"').next().unwrap();
            let pts = path_points(d);
            let xs = pts.iter().map(|p| p.0 as f32);
            let ys = pts.iter().map(|p| p.1 as f32);
            let (sx0, sx1) = xs.fold((f32::MAX, f32::MIN), |(a, b), v| (a.min(v), b.max(v)));
            let (sy0, sy1) = ys.fold((f32::MAX, f32::MIN), |(a, b), v| (a.min(v), b.max(v)));
            for (png, svg) in [
                (x0 as f32, sx0),
                (x1 as f32, sx1),
                (y0 as f32, sy0),
                (y1 as f32, sy1),
            ] {
                assert!(
                    (png - svg).abs() <= 1.0,
                    "{anchor:?}: png {:?} svg {:?}",
                    (x0, y0, x1, y1),
                    (sx0, sy0, sx1, sy1)
                );
            }
        }
    }

    #[test]
    fn number_formatting() {
        let f = |v: f32| {
            let mut s = String::new();
            num(&mut s, v);
            s
        };
        assert_eq!(f(0.0), "0");
        assert_eq!(f(-0.001), "0");
        assert_eq!(f(1.5), "1.5");
        assert_eq!(f(-2.25), "-2.25");
        assert_eq!(f(3.999), "4");
        assert_eq!(f(10.05), "10.05");
        assert_eq!(f(-0.5), "-0.5");
    }
}
