//! Shared by the benches: the S/M/L synthetic sets, generated once per
//! process by `routegraph::synth` into a temporary directory (never
//! downloaded), and the criterion configuration.

#![allow(dead_code)]

use criterion::Criterion;
use routegraph::model::RouteGraph;
use routegraph::synth::{generate, Params};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// One size of synthetic set.
#[derive(Clone, Copy)]
pub struct Size {
    pub name: &'static str,
    pub places: usize,
    pub legs: usize,
}

pub const S: Size = Size {
    name: "S",
    places: 250,
    legs: 1_000,
};
pub const M: Size = Size {
    name: "M",
    places: 10_000,
    legs: 100_000,
};
pub const L: Size = Size {
    name: "L",
    places: 100_000,
    legs: 1_000_000,
};

/// The seed every bench and the comparison use.
pub const SEED: u64 = 1;

/// A generated set on disk; the directory goes when this is dropped.
pub struct Set {
    pub size: Size,
    _dir: tempfile::TempDir,
    pub dir: PathBuf,
}

impl Set {
    pub fn legs(&self) -> PathBuf {
        self.dir.join("legs.csv")
    }
    pub fn places(&self) -> PathBuf {
        self.dir.join("places.csv")
    }
    pub fn json(&self) -> PathBuf {
        self.dir.join("dataset.json")
    }
    /// The set loaded from its CSV files.
    pub fn graph(&self) -> RouteGraph {
        routegraph::load::load_csv(&self.legs(), Some(&self.places()))
            .expect("synthetic set loads")
            .graph
    }
}

/// Generate `size` (with the JSON form when `json`) into a fresh temp dir.
pub fn set(size: Size, json: bool) -> Set {
    let dir = tempfile::Builder::new()
        .prefix(&format!("routegraph-bench-{}-", size.name))
        .tempdir()
        .expect("temp dir");
    let s = generate(Params {
        places: size.places,
        legs: size.legs,
        seed: SEED,
    })
    .expect("valid sizes");
    s.write_dir(dir.path(), json).expect("write synthetic set");
    let path: &Path = dir.path();
    Set {
        size,
        dir: path.to_path_buf(),
        _dir: dir,
    }
}

/// Criterion without plots (plotters' fonts are not wanted here), with
/// short warm-up and measurement so that `cargo bench` fits 2 cores.
pub fn criterion() -> Criterion {
    Criterion::default()
        .without_plots()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .sample_size(10)
}

/// Deterministic "random" pairs of places (SplitMix64 from the bench seed):
/// sources to destinations, as the comparison picks them.
pub fn pairs(g: &RouteGraph, count: usize) -> Vec<(usize, usize)> {
    use routegraph::analysis::roles;
    use routegraph::model::{LegFilter, Role};
    let r = roles(g, &LegFilter::default());
    let src: Vec<usize> = (0..r.len())
        .filter(|&i| r[i].role == Role::Source)
        .collect();
    let dst: Vec<usize> = (0..r.len())
        .filter(|&i| r[i].role == Role::Destination)
        .collect();
    let mut rng = routegraph::synth::Rng::new(SEED);
    (0..count)
        .map(|_| (src[rng.below(src.len())], dst[rng.below(dst.len())]))
        .collect()
}
