//! Loading route data: the embedded Turquesa set, the JSON schema, and CSV
//! legs/places files. This is the only module that knows input formats; it
//! turns every problem into an [`InputError`] that names the file, line and
//! field, and never panics on bad input.

mod csv;
mod gexf;
mod graphml;
mod json;

pub use self::csv::{load_csv, load_csv_readers};
pub use self::gexf::{load_gexf, load_gexf_str};
pub use self::graphml::{load_graphml, load_graphml_str};
pub use self::json::{load_json, load_json_str};

use crate::error::{InputError, Result};
use crate::model::{Leg, Place, RouteGraph};
use crate::names::{did_you_mean, Lookup};
use petgraph::graph::NodeIndex;
use std::collections::HashMap;
use std::path::Path;

/// The embedded Operation Turquesa data set (`data/turquesa-2019.json`).
pub const TURQUESA_JSON: &str = include_str!("../../data/turquesa-2019.json");
/// How errors in the embedded set name it.
pub const TURQUESA_NAME: &str = "<embedded turquesa-2019.json>";

/// The embedded Operation Turquesa data set, loaded.
pub fn turquesa() -> RouteGraph {
    load_json_str(TURQUESA_JSON, TURQUESA_NAME)
        .expect("the embedded data set is valid (checked by tests)")
        .graph
}

/// A loaded graph plus what was odd but not wrong about the input.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub graph: RouteGraph,
    pub warnings: Vec<String>,
}

/// Load `data` (a `.json` data set, a `.graphml`/`.xml` or `.gexf` graph, or
/// a `.csv` legs file with an optional places CSV), or the embedded Turquesa
/// set when `data` is `None`.
pub fn load(data: Option<&Path>, places: Option<&Path>) -> Result<Loaded> {
    match data {
        None => {
            if let Some(p) = places {
                return Err(InputError::new(
                    p.display().to_string(),
                    "a places file needs a legs CSV: pass it with --data",
                )
                .into());
            }
            load_json_str(TURQUESA_JSON, TURQUESA_NAME)
        }
        Some(path) => match format_of(path) {
            Format::Json => {
                if let Some(p) = places {
                    return Err(InputError::new(
                        p.display().to_string(),
                        "--places goes with a legs CSV; a JSON data set holds its own places",
                    )
                    .into());
                }
                load_json(path)
            }
            Format::Csv => load_csv(path, places),
            f @ (Format::Graphml | Format::Gexf) => {
                if let Some(p) = places {
                    return Err(InputError::new(
                        p.display().to_string(),
                        "--places goes with a legs CSV; a GraphML or GEXF file holds its own places",
                    )
                    .into());
                }
                match f {
                    Format::Gexf => load_gexf(path),
                    _ => load_graphml(path),
                }
            }
        },
    }
}

enum Format {
    Json,
    Csv,
    Graphml,
    Gexf,
}

fn format_of(path: &Path) -> Format {
    match path.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("json") => Format::Json,
        Some(e) if e.eq_ignore_ascii_case("graphml") || e.eq_ignore_ascii_case("xml") => {
            Format::Graphml
        }
        Some(e) if e.eq_ignore_ascii_case("gexf") => Format::Gexf,
        _ => Format::Csv,
    }
}

/// Builds a [`RouteGraph`] place by place and leg by leg, keeping the name
/// index and the invariants (unique ids, no self-loops) in one place.
#[derive(Default)]
pub(crate) struct Builder {
    pub graph: RouteGraph,
    /// Exact strings already resolved, so that a million CSV rows skip normalising.
    cache: HashMap<String, usize>,
    /// Place ids, for the uniqueness check.
    ids: HashMap<String, usize>,
    /// Places may be created from the gazetteer when a name is not in the data.
    pub allow_gazetteer: bool,
}

impl Builder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Add a place; `Err(message)` when its id is taken.
    pub fn add_place(&mut self, place: Place) -> std::result::Result<usize, String> {
        if self.ids.contains_key(&place.id) {
            return Err(format!(
                "duplicate place id {:?}: each place id must be unique",
                place.id
            ));
        }
        // The index of the places so far, then this one added to it.
        self.graph.names_mut();
        let idx = self.graph.graph.add_node(place).index();
        let p = &self.graph.graph[NodeIndex::new(idx)];
        let names = self.graph.names.get_mut().expect("initialised above");
        names.insert_place(p, idx);
        self.cache.insert(p.id.clone(), idx);
        self.ids.insert(p.id.clone(), idx);
        Ok(idx)
    }

    /// The place `name` refers to, creating it from the gazetteer when allowed.
    pub fn resolve(&mut self, name: &str) -> std::result::Result<usize, String> {
        if let Some(&i) = self.cache.get(name) {
            return Ok(i);
        }
        let trimmed = name.trim();
        if trimmed.is_empty() {
            return Err("empty place name: expected a place id, ISO code or country name".into());
        }
        let found = match self.graph.names().lookup(trimmed) {
            Lookup::Found(i) => Ok(i),
            Lookup::Ambiguous(v) => {
                let ids: Vec<&str> = v.iter().map(|&i| self.graph.place(i).id.as_str()).collect();
                Err(format!(
                    "place {trimmed:?} is ambiguous: it names {}; use an id",
                    ids.join(" and ")
                ))
            }
            Lookup::Unknown(sugg) => match self.gazetteer_place(trimmed) {
                Some(i) => Ok(i),
                None => Err(format!("unknown place {trimmed:?}{}", did_you_mean(&sugg))),
            },
        }?;
        self.cache.insert(name.to_string(), found);
        Ok(found)
    }

    fn gazetteer_place(&mut self, name: &str) -> Option<usize> {
        if !self.allow_gazetteer {
            return None;
        }
        let place = crate::geo::gazetteer_place(name)?;
        if let Some(&i) = self.ids.get(&place.id) {
            // Known under its id but not under this spelling.
            self.graph.names_mut().insert(name, i);
            return Some(i);
        }
        self.add_place(place).ok()
    }

    pub fn add_leg(&mut self, from: usize, to: usize, leg: Leg) -> usize {
        self.graph
            .graph
            .add_edge(NodeIndex::new(from), NodeIndex::new(to), leg)
            .index()
    }
}

/// Checks shared by JSON and CSV: a positive, finite number of persons.
pub(crate) fn check_persons(v: f64) -> std::result::Result<f64, String> {
    if v.is_finite() && v > 0.0 {
        Ok(v)
    } else {
        Err(format!(
            "expected a positive number of persons moved, found {v}"
        ))
    }
}

/// A cost or a duration: finite and not negative.
pub(crate) fn check_non_negative(v: f64, what: &str) -> std::result::Result<f64, String> {
    if v.is_finite() && v >= 0.0 {
        Ok(v)
    } else {
        Err(format!("expected a {what} of zero or more, found {v}"))
    }
}

/// Latitude and longitude in range.
pub(crate) fn check_position(
    lat: Option<f64>,
    lon: Option<f64>,
) -> std::result::Result<(), String> {
    if let Some(lat) = lat {
        if !(-90.0..=90.0).contains(&lat) {
            return Err(format!(
                "latitude {lat} is out of range: expected -90 to 90"
            ));
        }
    }
    if let Some(lon) = lon {
        if !(-180.0..=180.0).contains(&lon) {
            return Err(format!(
                "longitude {lon} is out of range: expected -180 to 180"
            ));
        }
    }
    if lat.is_some() != lon.is_some() {
        return Err("a place needs both lat and lon, or neither".into());
    }
    Ok(())
}
