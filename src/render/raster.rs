//! The PNG painter's drawing backend: plotters' bitmap backend, with its
//! one-pixel lines drawn by our own copy of its rasteriser; and `floor` and
//! `round` without libm calls, for the painter and for pixel coordinates.
//!
//! A large map is mostly thin legs, and plotters paints a thin line one
//! pixel at a time through its backend's `draw_pixel` (a bounds check, a
//! look at the buffer's kind, a call to `floor` for each blend: x86-64's
//! baseline has no instruction for it). [`Raster::draw_line`] runs the same
//! algorithm (`plotters_backend::rasterizer::draw_line`: Wu's anti-aliased
//! line, clipped the same way) with the pixels blended in place, and
//! produces the same bytes: a test paints lines both ways and compares
//! them. Everything else goes to plotters' `BitMapBackend` on the same
//! buffer.

use plotters::prelude::BitMapBackend;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use std::fmt;

/// An RGB buffer, `w × h` pixels, painted through plotters.
pub(super) struct Raster<'a> {
    buf: &'a mut [u8],
    w: u32,
    h: u32,
}

/// Drawing into memory cannot fail; this says so should plotters ever report
/// an error anyway.
#[derive(Debug)]
pub(super) struct RasterError(String);

impl fmt::Display for RasterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RasterError {}

type Result<T = ()> = std::result::Result<T, DrawingErrorKind<RasterError>>;

impl<'a> Raster<'a> {
    /// # Panics
    /// When `buf` is shorter than `w × h` pixels, like `BitMapBackend`.
    pub(super) fn new(buf: &'a mut [u8], w: u32, h: u32) -> Raster<'a> {
        assert!(
            buf.len() >= w as usize * h as usize * 3,
            "RGB buffer too short"
        );
        Raster { buf, w, h }
    }

    /// plotters' bitmap backend on the same buffer, for one call.
    fn bitmap<T, E: std::error::Error + Send + Sync>(
        &mut self,
        f: impl FnOnce(&mut BitMapBackend<'_>) -> std::result::Result<T, DrawingErrorKind<E>>,
    ) -> Result<T> {
        let mut b = BitMapBackend::with_buffer(self.buf, (self.w, self.h));
        f(&mut b).map_err(|e| DrawingErrorKind::DrawingError(RasterError(e.to_string())))
    }

    /// `BitMapBackend::draw_pixel` for an RGB buffer, inlined: `alpha` is
    /// the colour's alpha times the line's coverage.
    #[inline(always)]
    fn blend(&mut self, (x, y): BackendCoord, (r, g, b): (u8, u8, u8), alpha: f64) {
        if x < 0 || y < 0 || x as u32 >= self.w || y as u32 >= self.h {
            return;
        }
        let base = (y as usize * self.w as usize + x as usize) * 3;
        let Some(px) = self.buf.get_mut(base..base + 3) else {
            return;
        };
        if alpha >= 1.0 - 1.0 / 256.0 {
            px.copy_from_slice(&[r, g, b]);
        } else if alpha > 0.0 {
            // floor(alpha × 256): the product is positive, so truncation floors.
            mix(px, (r, g, b), (alpha * 256.0) as i32);
        }
    }

    /// A translucent horizontal or vertical line as `BitMapBackend` paints
    /// it (`blend_rect_fast` over the rectangle `from`..`to + 1`, with its
    /// corners taken as it takes them), when that rectangle is at most 8
    /// pixels wide: then plotters blends byte by byte, as
    /// [`Raster::blend`] does (the arrowheads' short spans). Whether it
    /// painted it; wider spans are left to plotters' packed arithmetic.
    fn short_span(&mut self, from: BackendCoord, to: BackendCoord, color: BackendColor) -> bool {
        let a = color.alpha.clamp(0.0, 1.0);
        if a.is_nan() {
            return false;
        }
        if a == 0.0 {
            return true;
        }
        let (w, h) = (self.w as i32, self.h as i32);
        let corner = (to.0 + 1, to.1 + 1);
        let (x0, y0) = (from.0.min(corner.0).max(0), from.1.min(corner.1).max(0));
        let (x1, y1) = (from.0.max(corner.0).min(w), from.1.max(corner.1).min(h));
        if x0 >= x1 || y0 >= y1 {
            return true;
        }
        if x1 - x0 > 8 {
            return false;
        }
        let a = (256.0 * a) as i32;
        for y in y0..y1 {
            let start = (y as usize * self.w as usize + x0 as usize) * 3;
            for px in self.buf[start..start + 3 * (x1 - x0) as usize].chunks_exact_mut(3) {
                mix(px, color.rgb, a);
            }
        }
        true
    }

    /// `plotters_backend::rasterizer::draw_line` for a one-pixel line that
    /// is neither horizontal nor vertical, with [`Raster::blend`] for its
    /// pixels. Kept step for step as in plotters 0.3.7, so the pixels are
    /// the same.
    fn thin_line(&mut self, mut from: BackendCoord, mut to: BackendCoord, color: BackendColor) {
        let steep = (from.0 - to.0).abs() < (from.1 - to.1).abs();
        if steep {
            from = (from.1, from.0);
            to = (to.1, to.0);
        }
        let (from, to) = if from.0 > to.0 {
            (to, from)
        } else {
            (from, to)
        };
        if steep {
            self.wu::<true>(from, to, color);
        } else {
            self.wu::<false>(from, to, color);
        }
    }

    /// The body of [`Raster::thin_line`], once for each orientation so that
    /// the pixel loop does not ask which one it is.
    #[inline(always)]
    fn wu<const STEEP: bool>(&mut self, from: BackendCoord, to: BackendCoord, color: BackendColor) {
        let size_limit = if STEEP {
            (self.h, self.w)
        } else {
            (self.w, self.h)
        };
        let grad = f64::from(to.1 - from.1) / f64::from(to.0 - from.0);
        let (rgb, alpha) = (color.rgb, color.alpha);
        let put = |this: &mut Self, (x, y): BackendCoord, b: f64| {
            let p = if STEEP { (y, x) } else { (x, y) };
            this.blend(p, rgb, alpha * b);
        };
        let y_step_limit =
            floor(f64::from(to.1.min(size_limit.1 as i32 - 1).max(0) - from.1) / grad) as i32;
        // ceil(v) = −floor(−v)
        let batch_start =
            -floor(-(f64::from(from.1.min(size_limit.1 as i32 - 2).max(0) - from.1) / grad).abs())
                as i32
                + from.0;
        let batch_limit =
            to.0.min(size_limit.0 as i32 - 2)
                .min(from.0 + y_step_limit - 1);
        let mut y = f64::from(from.1) + f64::from(batch_start - from.0) * grad;
        for x in batch_start..=batch_limit {
            let f = floor(y);
            put(self, (x, y as i32), 1.0 + f - y);
            put(self, (x, y as i32 + 1), y - f);
            y += grad;
        }
        if to.0 > batch_limit && y < f64::from(to.1) {
            let x = batch_limit + 1;
            let f = floor(y);
            if 1.0 + f - y > 1e-5 {
                put(self, (x, y as i32), 1.0 + f - y);
            }
            if y - f > 1e-5 && y + 1.0 < f64::from(to.1) {
                put(self, (x, y as i32 + 1), y - f);
            }
        }
    }
}

/// plotters' blend of one RGB pixel towards `rgb` by `a`/256: each byte
/// moves by |new − old|·a/256 rounded down, which in signed arithmetic is
/// (new − old)·a/256 rounded towards zero, as `/` does.
#[inline(always)]
fn mix(px: &mut [u8], (r, g, b): (u8, u8, u8), a: i32) {
    for (p, new) in px.iter_mut().zip([r, g, b]) {
        let old = i32::from(*p);
        *p = (old + (i32::from(new) - old) * a / 256) as u8;
    }
}

/// `y.floor()` without a call to libm (x86-64's baseline has no instruction
/// for it), for every `y`.
#[inline(always)]
fn floor(y: f64) -> f64 {
    // From 2^52 on (and for infinities, NaN and both zeros) `y` is its own
    // floor.
    if y.is_nan() || y.abs() >= 4_503_599_627_370_496.0 || y == 0.0 {
        return y;
    }
    let t = y as i64 as f64;
    if t > y {
        t - 1.0
    } else {
        t
    }
}

/// `v.round()` (halves away from zero) without a call to libm.
pub(super) fn round(v: f64) -> f64 {
    if v.is_nan() || v.abs() >= 4_503_599_627_370_496.0 {
        return v; // an integer already, or not a number
    }
    let t = v as i64 as f64; // towards zero
    let d = v - t; // exact
    let r = if d >= 0.5 {
        t + 1.0
    } else if d <= -0.5 {
        t - 1.0
    } else {
        t
    };
    r.copysign(v) // −0.4 rounds to −0, as in std
}

impl DrawingBackend for Raster<'_> {
    type ErrorType = RasterError;

    fn get_size(&self) -> (u32, u32) {
        (self.w, self.h)
    }

    fn ensure_prepared(&mut self) -> Result {
        Ok(())
    }

    fn present(&mut self) -> Result {
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result {
        self.blend(point, color.rgb, color.alpha);
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result {
        let color = style.color();
        if style.stroke_width() == 1 && (from.0 == to.0 || from.1 == to.1) {
            if color.alpha < 1.0 && self.short_span(from, to, color) {
                return Ok(());
            }
        } else if style.stroke_width() == 1 && color.alpha != 0.0 {
            self.thin_line(from, to, color);
            return Ok(());
        }
        // Wide, horizontal or vertical: plotters' own (its fast rectangle fills).
        self.bitmap(|b| b.draw_line(from, to, style))
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result {
        self.bitmap(|b| b.draw_rect(upper_left, bottom_right, style, fill))
    }

    fn blit_bitmap(&mut self, pos: BackendCoord, (w, h): (u32, u32), src: &[u8]) -> Result {
        self.bitmap(|b| b.blit_bitmap(pos, (w, h), src))
    }

    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Result {
        self.bitmap(|b| b.draw_text(text, style, pos))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters_backend::BackendColor;

    #[derive(Clone, Copy)]
    struct Pen(BackendColor, u32);

    impl BackendStyle for Pen {
        fn color(&self) -> BackendColor {
            self.0
        }
        fn stroke_width(&self) -> u32 {
            self.1
        }
    }

    /// Lines in every direction and of every slope, inside, across and
    /// outside the edges, opaque and translucent, one and three pixels wide,
    /// over a patterned background: the same bytes as plotters' backend.
    #[test]
    fn lines_paint_the_same_bytes_as_plotters() {
        let (w, h) = (61u32, 47u32);
        let background: Vec<u8> = (0..w * h * 3).map(|i| (i * 37 % 251) as u8).collect();
        let (mut ours, mut theirs) = (background.clone(), background);
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |m: i32| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % m as u64) as i32
        };
        let mut lines = Vec::new();
        for k in 0..600 {
            let from = (next(101) - 20, next(87) - 20);
            let to = (next(101) - 20, next(87) - 20);
            let alpha = [1.0, 0.9, 0.22, 0.5][k % 4];
            let width = if k % 10 == 0 { 3 } else { 1 };
            let rgb = (next(256) as u8, next(256) as u8, next(256) as u8);
            lines.push((from, to, Pen(BackendColor { alpha, rgb }, width)));
        }
        // Horizontal and vertical lines, both ways, short and long, across
        // the edges, translucent and opaque; single points.
        for (k, alpha) in [0.7, 0.3, 1.0, 0.0].into_iter().enumerate() {
            let pen = Pen(
                BackendColor {
                    alpha,
                    rgb: (200, 10 * k as u8, 10),
                },
                1,
            );
            for (a, b) in [(3, 40), (40, 3), (5, 9), (9, 5), (-4, 3), (58, 70), (7, 7)] {
                let at = 2 + 11 * k as i32;
                lines.push(((a, at), (b, at), pen));
                lines.push(((at, a), (at, b), pen));
            }
        }
        let mut r = Raster::new(&mut ours, w, h);
        let mut b = BitMapBackend::with_buffer(&mut theirs, (w, h));
        for (from, to, pen) in &lines {
            r.draw_line(*from, *to, pen).unwrap();
            b.draw_line(*from, *to, pen).unwrap();
        }
        drop(b);
        assert!(ours == theirs, "the painted bytes differ");
        // And the lines did paint something.
        let untouched: Vec<u8> = (0..w * h * 3).map(|i| (i * 37 % 251) as u8).collect();
        let changed = ours.iter().zip(&untouched).filter(|(a, b)| a != b).count();
        assert!(changed > 1000, "only {changed} bytes changed");
    }

    #[test]
    fn floor_matches_std() {
        for y in [
            -3.5,
            -3.0,
            -0.25,
            -0.0,
            0.0,
            0.25,
            1.0,
            1.999_999,
            2.5,
            1e9 + 0.5,
            -4_503_599_627_370_495.5,
            1e300,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            assert_eq!(floor(y).to_bits(), y.floor().to_bits(), "{y}");
            assert_eq!((-floor(-y)).to_bits(), y.ceil().to_bits(), "{y}");
        }
        assert!(floor(f64::NAN).is_nan());
    }

    #[test]
    fn round_matches_std() {
        let mut v = -3.0;
        while v <= 3.0 {
            for x in [
                v,
                v + 1e-12,
                v - 1e-12,
                0.499_999_999_999_999_94,
                -0.5,
                1e6 + 0.5,
            ] {
                assert_eq!(round(x).to_bits(), x.round().to_bits(), "{x}");
            }
            v += 0.125;
        }
        for x in [1e300, -1e300, f64::INFINITY, 4_503_599_627_370_497.0] {
            assert_eq!(round(x), x.round());
        }
        assert!(round(f64::NAN).is_nan());
    }
}
