//! A backend-independent drawing: a list of items, each a group of shapes
//! with a class and attributes. The map and the schematic build a [`Scene`];
//! [`Scene::to_png`] and [`Scene::to_svg`] paint the same scene through
//! plotters' bitmap and SVG backends, so the two formats cannot disagree.
//!
//! Coordinates are pixels (f64, y down); the backends round them to whole
//! pixels the same way. Text is drawn by [`super::text`] from the embedded
//! font in both formats.

use super::style::{hex, Rgb};
use super::text::{fonts, Anchor, TextStyle};
use crate::xml::escape_attr;
use plotters::prelude::{BitMapBackend, SVGBackend};
use plotters_backend::{BackendColor, BackendStyle, DrawingBackend};
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

/// A group of shapes: one leg, one marker, one label, the legend...
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// SVG class, e.g. `leg`, `leg highlight`, `place`, `label`, `country`.
    pub class: String,
    /// Extra SVG attributes (`data-*`), in order.
    pub attrs: Vec<(String, String)>,
    pub shapes: Vec<Shape>,
}

impl Item {
    pub fn new(class: &str) -> Self {
        Item {
            class: class.to_string(),
            attrs: Vec::new(),
            shapes: Vec::new(),
        }
    }
    pub fn attr(mut self, k: &str, v: impl Into<String>) -> Self {
        self.attrs.push((k.to_string(), v.into()));
        self
    }
}

/// A whole picture.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    pub width: u32,
    pub height: u32,
    pub background: Rgb,
    pub items: Vec<Item>,
}

fn px(v: f64) -> i32 {
    if v.is_finite() {
        v.round().clamp(-1.0e6, 1.0e6) as i32
    } else {
        0
    }
}

fn coords(points: &[(f64, f64)]) -> Vec<(i32, i32)> {
    let mut out: Vec<(i32, i32)> = Vec::with_capacity(points.len());
    for &(x, y) in points {
        let p = (px(x), px(y));
        if out.last() != Some(&p) {
            out.push(p);
        }
    }
    out
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

fn draw_shape<DB: DrawingBackend>(b: &mut DB, s: &Shape) -> Result<(), String> {
    let r = match s {
        Shape::Line {
            points,
            color,
            alpha,
            width,
        } => {
            let pts = coords(points);
            if pts.len() < 2 {
                return Ok(());
            }
            b.draw_path(pts, &line_style(*color, *alpha, *width))
        }
        Shape::Polygon {
            points,
            color,
            alpha,
        } => {
            let pts = coords(points);
            if pts.len() < 3 {
                return Ok(());
            }
            b.fill_polygon(pts, &style(*color, *alpha, 1.0))
        }
        Shape::Circle {
            center,
            radius,
            color,
            alpha,
            fill,
            width,
        } => b.draw_circle(
            (px(center.0), px(center.1)),
            radius.round().max(1.0) as u32,
            &style(*color, *alpha, *width),
            *fill,
        ),
        Shape::Text { .. } => Ok(()),
    };
    r.map_err(|e| format!("drawing failed: {e}"))
}

impl Scene {
    pub fn new(width: u32, height: u32, background: Rgb) -> Self {
        Scene {
            width,
            height,
            background,
            items: Vec::new(),
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
                let mut b = BitMapBackend::with_buffer(&mut buf, (w, h));
                for s in &all[start..i] {
                    draw_shape(&mut b, s)?;
                }
                b.present().map_err(|e| format!("drawing failed: {e}"))?;
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
            enc.set_compression(png::Compression::Fast);
            let mut w = enc
                .write_header()
                .map_err(|e| format!("PNG encoding failed: {e}"))?;
            w.write_image_data(&buf)
                .map_err(|e| format!("PNG encoding failed: {e}"))?;
        }
        Ok(out)
    }

    /// Write as SVG: one `<g class=…>` per item, shapes drawn by plotters'
    /// SVG backend, text as glyph outlines.
    pub fn to_svg(&self) -> Result<String, String> {
        let (w, h) = (self.width, self.height);
        let mut out = String::with_capacity(64 * 1024);
        let _ = writeln!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">"#
        );
        let _ = writeln!(
            out,
            r#"<rect class="background" x="0" y="0" width="{w}" height="{h}" fill="{}"/>"#,
            hex(self.background)
        );
        let mut body = String::new();
        for item in &self.items {
            let _ = write!(out, r#"<g class="{}""#, escape_attr(&item.class));
            for (k, v) in &item.attrs {
                let _ = write!(out, r#" {}="{}""#, k, escape_attr(v));
            }
            out.push_str(">\n");
            let mut k = 0;
            while k < item.shapes.len() {
                let start = k;
                while k < item.shapes.len() && !matches!(item.shapes[k], Shape::Text { .. }) {
                    k += 1;
                }
                if k > start {
                    body.clear();
                    {
                        let mut b = SVGBackend::with_string(&mut body, (w, h));
                        for s in &item.shapes[start..k] {
                            draw_shape(&mut b, s)?;
                        }
                        b.present().map_err(|e| format!("drawing failed: {e}"))?;
                    }
                    out.push_str(strip_svg_wrapper(&body));
                }
                while k < item.shapes.len() {
                    let Shape::Text {
                        text,
                        x,
                        y,
                        anchor,
                        style,
                    } = &item.shapes[k]
                    else {
                        break;
                    };
                    out.push_str(&fonts().svg_path(text, *x as f32, *y as f32, *anchor, style));
                    out.push('\n');
                    k += 1;
                }
            }
            out.push_str("</g>\n");
        }
        out.push_str("</svg>\n");
        Ok(out)
    }
}

/// The elements plotters wrote, without its `<svg …>` and `</svg>` lines.
fn strip_svg_wrapper(s: &str) -> &str {
    let body = match s.find('>') {
        Some(i) if s.starts_with("<svg") => &s[i + 1..],
        _ => s,
    };
    let body = body.trim_start_matches('\n');
    body.strip_suffix("</svg>\n").unwrap_or(body)
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

    #[test]
    fn escapes_attribute_values() {
        assert_eq!(escape_attr("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
    }
}
