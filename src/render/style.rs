//! The visual vocabulary shared by the map and the schematic: colours for
//! roles (Okabe–Ito, safe for the common colour-vision deficiencies), one
//! colour and arrowhead per leg kind, a line pattern per evidence status, and
//! the square-root width scale for persons moved.

use crate::model::{Kind, Role, Status};

/// An RGB colour.
pub type Rgb = (u8, u8, u8);

pub const WHITE: Rgb = (255, 255, 255);
pub const INK: Rgb = (33, 37, 41);
pub const MUTED_INK: Rgb = (90, 96, 104);
pub const OCEAN: Rgb = (246, 249, 252);
pub const LAND: Rgb = (229, 229, 224);
pub const BORDER: Rgb = (255, 255, 255);
/// The colour of a highlighted route.
pub const HIGHLIGHT: Rgb = (20, 20, 20);

/// Marker colour of a role.
pub fn role_color(role: Role) -> Rgb {
    match role {
        Role::Source => (230, 159, 0),      // orange
        Role::Transit => (86, 180, 233),    // sky blue
        Role::Destination => (0, 158, 115), // bluish green
        Role::Isolated => (153, 153, 153),  // grey
    }
}

/// Land tint for a country with a role: the role colour mixed with white.
pub fn role_tint(role: Role) -> Rgb {
    mix(role_color(role), WHITE, 0.30)
}

/// Line colour of a leg kind.
pub fn kind_color(kind: Kind) -> Rgb {
    match kind {
        Kind::Smuggling => (55, 65, 81),   // slate
        Kind::Trafficking => (213, 94, 0), // vermillion
        Kind::Money => (204, 121, 167),    // reddish purple
        Kind::Fugitive => (0, 114, 178),   // blue
    }
}

/// How the arrowhead of a kind is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Head {
    /// A filled triangle.
    Filled,
    /// An open chevron (fugitives: a person on the run, not a flow).
    Open,
    /// A small filled diamond (money).
    Diamond,
}

pub fn kind_head(kind: Kind) -> Head {
    match kind {
        Kind::Smuggling | Kind::Trafficking => Head::Filled,
        Kind::Fugitive => Head::Open,
        Kind::Money => Head::Diamond,
    }
}

/// Whether a leg of this kind has a width that means persons moved.
pub fn kind_has_width(kind: Kind) -> bool {
    matches!(kind, Kind::Smuggling | Kind::Trafficking)
}

/// Dash pattern `(on, off)` in multiples of the line width plus a constant,
/// or `None` for a solid line.
pub fn status_dash(status: Status) -> Option<(f64, f64)> {
    match status {
        Status::Stated => None,
        Status::Inferred => Some((9.0, 6.0)),
        Status::Extracted => Some((2.0, 4.0)),
    }
}

/// Mix `a` toward `b`: `t = 1` gives `a`, `t = 0` gives `b`.
pub fn mix(a: Rgb, b: Rgb, t: f64) -> Rgb {
    let m = |x: u8, y: u8| (x as f64 * t + y as f64 * (1.0 - t)).round() as u8;
    (m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
}

/// `#rrggbb`.
pub fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// Persons moved → line width, on a square-root scale between a minimum and
/// a maximum, so that area-like perception follows the numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WidthScale {
    pub max_persons: f64,
    pub min_px: f64,
    pub max_px: f64,
}

impl WidthScale {
    pub fn new(max_persons: f64) -> Self {
        WidthScale {
            max_persons: max_persons.max(1.0),
            min_px: 1.5,
            max_px: 9.0,
        }
    }
    /// Width for `persons` (unknown: the minimum).
    pub fn width(&self, persons: Option<f64>) -> f64 {
        match persons {
            Some(p) if p > 0.0 => {
                let t = (p / self.max_persons).clamp(0.0, 1.0).sqrt();
                self.min_px + (self.max_px - self.min_px) * t
            }
            _ => self.min_px,
        }
    }
}

/// Marker radius for persons through a place, on a square-root scale.
pub fn marker_radius(through: Option<f64>, max_through: f64) -> f64 {
    match through {
        Some(p) if p > 0.0 && max_through > 0.0 => {
            5.0 + 9.0 * (p / max_through).clamp(0.0, 1.0).sqrt()
        }
        _ => 5.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_scale_is_square_root_and_bounded() {
        let s = WidthScale::new(400.0);
        assert_eq!(s.width(None), 1.5);
        assert_eq!(s.width(Some(400.0)), 9.0);
        assert!((s.width(Some(100.0)) - (1.5 + 7.5 * 0.5)).abs() < 1e-12);
        assert_eq!(s.width(Some(10_000.0)), 9.0);
    }

    #[test]
    fn role_colours_are_distinct() {
        let c = [
            Role::Source,
            Role::Transit,
            Role::Destination,
            Role::Isolated,
        ]
        .map(role_color);
        for i in 0..c.len() {
            for j in i + 1..c.len() {
                assert_ne!(c[i], c[j]);
            }
        }
    }
}
