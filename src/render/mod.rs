//! Drawing: the geographic map and the layered schematic, to PNG and SVG from
//! one scene description. The only module that picks a backend.
//!
//! A layout ([`map`] or [`schematic`]) decides where each place sits and what
//! lies underneath (country outlines); [`draw`] then adds, identically for
//! both, the legs (curved arcs with arrowheads at the marker's edge, width by
//! persons on a square-root scale), the markers (colour by role, size by
//! persons through), the labels (placed without collisions, on a halo), the
//! legend, the title and the source line. The resulting [`scene::Scene`] is
//! painted by plotters to PNG or SVG.

pub mod draw;
pub mod geom;
pub mod labels;
pub mod map;
pub mod projection;
mod raster;
pub mod scene;
pub mod schematic;
pub mod style;
pub mod text;

use crate::analysis::{shortest, Csr, Metric};
use crate::model::{Kind, LegFilter, RouteGraph};
use std::path::Path;

/// Which picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Layout {
    /// Places at their coordinates on an Equal Earth world map.
    #[default]
    Map,
    /// Sources left, transit in the middle, destinations right.
    Schematic,
}

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Png,
    Svg,
}

impl ImageFormat {
    /// From a file name's extension.
    pub fn from_path(p: &Path) -> Option<ImageFormat> {
        match p.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "png" => Some(ImageFormat::Png),
            "svg" => Some(ImageFormat::Svg),
            _ => None,
        }
    }
}

/// What to draw and how.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    pub layout: Layout,
    pub width: u32,
    pub height: u32,
    /// Title; default: the data set's title.
    pub title: Option<String>,
    /// Which legs to draw (default: every kind, every status).
    pub filter: LegFilter,
    /// A route to draw on top, as place indices, with the rest faded.
    pub highlight: Option<Vec<usize>>,
    /// Most labels drawn (the most important places first).
    pub max_labels: usize,
    /// Places marked as chokepoints (drawn with a ring), if any.
    pub chokepoints: Vec<usize>,
    /// Legs marked as a minimum cut (drawn crossed), if any.
    pub cut_legs: Vec<usize>,
    /// Whether each drawn leg carries its SVG attributes (`data-legs`,
    /// `data-from`, `data-to`, `data-kind`, `data-status`). A PNG has no use
    /// for them, and on 100,000 legs they are a third of building the
    /// scene; the pixels are the same either way.
    pub leg_attrs: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            layout: Layout::Map,
            width: 1600,
            height: 1000,
            title: None,
            filter: LegFilter::all(),
            highlight: None,
            max_labels: 60,
            chokepoints: Vec::new(),
            cut_legs: Vec::new(),
            leg_attrs: true,
        }
    }
}

/// A drawn picture and what the drawing decided.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub scene: scene::Scene,
    /// Labels placed.
    pub labels: Vec<labels::Placed>,
    /// Places drawn without a label (no free spot, or beyond `max_labels`).
    pub unlabelled: Vec<usize>,
    /// Places drawn, and their positions in pixels.
    pub positions: Vec<(usize, (f64, f64))>,
    /// Legs not drawn because a place has no position (e.g. an unnamed group).
    pub not_drawn: Vec<usize>,
    /// Whether parallel legs were merged per place pair (large graphs).
    pub aggregated: bool,
}

impl Rendered {
    pub fn png(&self) -> Result<Vec<u8>, String> {
        self.scene.to_png()
    }
    pub fn svg(&self) -> Result<String, String> {
        self.scene.to_svg()
    }
    /// The picture in `format`, as pieces of a file to be written one
    /// after the other (see [`scene::Scene::to_svg_parts`]).
    pub fn encode(&self, format: ImageFormat) -> Result<Vec<Vec<u8>>, String> {
        match format {
            ImageFormat::Png => self.png().map(|b| vec![b]),
            ImageFormat::Svg => self
                .scene
                .to_svg_parts()
                .map(|p| p.into_iter().map(String::into_bytes).collect()),
        }
    }
}

/// Draw `g` as `opts` says.
pub fn render(g: &RouteGraph, opts: &RenderOptions) -> Rendered {
    draw::draw(g, opts)
}

/// The best route from `from` to `to` over the people-moving legs of `filter`
/// (as `routegraph path` finds it), as place indices.
pub fn best_route(
    g: &RouteGraph,
    filter: &LegFilter,
    metric: Metric,
    from: usize,
    to: usize,
) -> Option<Vec<usize>> {
    let people = LegFilter {
        kinds: filter
            .kinds
            .iter()
            .copied()
            .filter(|k| Kind::PEOPLE.contains(k))
            .collect(),
        statuses: filter.statuses.clone(),
    };
    let f = if people.kinds.is_empty() {
        filter.clone()
    } else {
        people
    };
    let csr = Csr::build(g, &f, metric);
    shortest(&csr, from, to, &[]).map(|r| r.places)
}
