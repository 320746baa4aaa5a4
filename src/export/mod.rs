//! Export: the route graph in the formats other tools read.
//!
//! One file per format, each behind the small private [`Exporter`] trait
//! (the shape of hyperfine's `src/export/`): GraphML and GEXF for Gephi and
//! NetworkX, DOT for Graphviz, GeoJSON for QGIS and kepler.gl, CSV for
//! `neo4j-admin database import` and Spark GraphFrames, and the routegraph
//! JSON schema itself.
//!
//! Every format carries the same attributes, named the same way (see
//! [`Export::place_attrs`] and [`Export::leg_attrs`]): for places `id`,
//! `name`, `kind`, `iso2`, `lat`, `lon`, `participant`, `stated_role`, the
//! computed `role`, `persons_in`, `persons_out`, `betweenness` (when
//! computed), and the lists `aliases`, `members`, `count`, `figures`,
//! `evidence`; for legs `id`, `kind`, `status`, `persons`,
//! `persons_qualifier`, `cost`, `currency`, `cost_scope`, `days`,
//! `days_scope`, `mode`, `evidence` (the evidence array as JSON),
//! `evidence_part` and `evidence_text` (the same, flattened to text) and
//! `reasoning`, and `betweenness` when computed. Lists are JSON text in the XML and CSV formats and real JSON
//! in GeoJSON.
//!
//! Output is deterministic: the same graph and options give the same bytes
//! (places and legs in graph order, attributes in a fixed order, numbers in
//! Rust's shortest round-trip form, no time stamps).

mod csv;
mod dot;
mod geojson;
mod gexf;
mod graphml;
mod json;
mod xml;

use crate::analysis::roles::{roles, PlaceRole};
use crate::error::{Error, Result};
use crate::model::{Evidence, Kind, LegFilter, PlaceKind, Role, RouteGraph};
use crate::render::projection::equal_earth;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Role colours, Okabe–Ito (colour-blind safe): the colours a place gets in
/// GEXF (`viz:color`) and DOT (`fillcolor`).
pub const ROLE_COLORS: [(Role, &str); 4] = [
    (Role::Source, "#E69F00"),
    (Role::Transit, "#56B4E9"),
    (Role::Destination, "#009E73"),
    (Role::Isolated, "#999999"),
];

/// Leg colours by kind, from the same Okabe–Ito palette.
pub const KIND_COLORS: [(Kind, &str); 4] = [
    (Kind::Smuggling, "#0072B2"),
    (Kind::Trafficking, "#D55E00"),
    (Kind::Money, "#CC79A7"),
    (Kind::Fugitive, "#000000"),
];

/// The colour of a role, as `#RRGGBB`.
pub fn role_color(role: Role) -> &'static str {
    ROLE_COLORS
        .iter()
        .find(|(r, _)| *r == role)
        .map_or("#999999", |(_, c)| c)
}

/// The colour of a kind of leg, as `#RRGGBB`.
pub fn kind_color(kind: Kind) -> &'static str {
    KIND_COLORS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or("#000000", |(_, c)| c)
}

/// `#RRGGBB` as three bytes.
pub(crate) fn rgb(hex: &str) -> (u8, u8, u8) {
    let h = hex.trim_start_matches('#');
    let byte = |i: usize| u8::from_str_radix(h.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0);
    (byte(0), byte(2), byte(4))
}

/// The formats `routegraph export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// GraphML, for Gephi, NetworkX, yEd, igraph.
    Graphml,
    /// GEXF 1.3 with map positions, role colours and leg thickness, for Gephi.
    Gexf,
    /// Graphviz DOT with pinned map positions: draw with `neato -n2`.
    Dot,
    /// GeoJSON (RFC 7946): places as points, legs as great-circle lines.
    Geojson,
    /// A directory of CSV files for Neo4j, Spark GraphFrames and routegraph.
    Csv,
    /// The routegraph JSON data set schema.
    Json,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 6] = [
        ExportFormat::Graphml,
        ExportFormat::Gexf,
        ExportFormat::Dot,
        ExportFormat::Geojson,
        ExportFormat::Csv,
        ExportFormat::Json,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Graphml => "graphml",
            ExportFormat::Gexf => "gexf",
            ExportFormat::Dot => "dot",
            ExportFormat::Geojson => "geojson",
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
        }
    }

    /// The format a file name asks for, by its extension.
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "graphml" | "xml" => ExportFormat::Graphml,
            "gexf" => ExportFormat::Gexf,
            "dot" | "gv" => ExportFormat::Dot,
            "geojson" => ExportFormat::Geojson,
            "json" => ExportFormat::Json,
            _ => return None,
        })
    }

    /// Whether the format writes several files into a directory.
    pub fn is_directory(self) -> bool {
        self.exporter().files().is_some()
    }

    /// The file names a directory format writes, in order.
    pub fn file_names(self) -> &'static [&'static str] {
        self.exporter().files().unwrap_or(&[])
    }

    fn exporter(self) -> &'static dyn Exporter {
        match self {
            ExportFormat::Graphml => &graphml::Graphml,
            ExportFormat::Gexf => &gexf::Gexf,
            ExportFormat::Dot => &dot::Dot,
            ExportFormat::Geojson => &geojson::GeoJson,
            ExportFormat::Csv => &csv::Csv,
            ExportFormat::Json => &json::Json,
        }
    }
}

/// One output format.
trait Exporter: Sync {
    /// The files a directory format writes; `None` for a one-stream format.
    fn files(&self) -> Option<&'static [&'static str]> {
        None
    }
    /// Write file `file` (an index into [`files`](Exporter::files); 0 for a
    /// one-stream format).
    fn write(&self, x: &Export<'_>, file: usize, out: &mut dyn Write) -> io::Result<()>;
}

/// What a value is, for the formats that declare types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ty {
    Str,
    Double,
    Int,
    Bool,
    /// A list or record: JSON text in XML and CSV, JSON in GeoJSON.
    Json,
}

/// One attribute value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Val {
    Str(String),
    Num(f64),
    Int(i64),
    Bool(bool),
    Json(serde_json::Value),
}

impl Val {
    /// The value as text formats write it.
    pub fn text(&self) -> String {
        match self {
            Val::Str(s) => s.clone(),
            Val::Num(v) => num(*v),
            Val::Int(v) => v.to_string(),
            Val::Bool(b) => b.to_string(),
            Val::Json(j) => j.to_string(),
        }
    }
    /// The value as JSON.
    pub fn json(&self) -> serde_json::Value {
        match self {
            Val::Str(s) => s.clone().into(),
            Val::Num(v) => {
                serde_json::Number::from_f64(*v).map_or(serde_json::Value::Null, Into::into)
            }
            Val::Int(v) => (*v).into(),
            Val::Bool(b) => (*b).into(),
            Val::Json(j) => j.clone(),
        }
    }
}

/// A number in Rust's shortest form that reads back to the same `f64`
/// (`200`, `2.5`, `0.1`; never an exponent).
pub(crate) fn num(v: f64) -> String {
    if v == 0.0 {
        // No "-0".
        return "0".into();
    }
    format!("{v}")
}

/// An attribute's name and type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Attr {
    pub name: &'static str,
    pub ty: Ty,
}

const fn attr(name: &'static str, ty: Ty) -> Attr {
    Attr { name, ty }
}

/// Place attributes before `betweenness`.
const PLACE_ATTRS_HEAD: [Attr; 11] = [
    attr("id", Ty::Str),
    attr("name", Ty::Str),
    attr("kind", Ty::Str),
    attr("iso2", Ty::Str),
    attr("lat", Ty::Double),
    attr("lon", Ty::Double),
    attr("participant", Ty::Bool),
    attr("stated_role", Ty::Str),
    attr("role", Ty::Str),
    attr("persons_in", Ty::Double),
    attr("persons_out", Ty::Double),
];
const BETWEENNESS: Attr = attr("betweenness", Ty::Double);
const PLACE_ATTRS_TAIL: [Attr; 5] = [
    attr("aliases", Ty::Json),
    attr("members", Ty::Json),
    attr("count", Ty::Int),
    attr("figures", Ty::Json),
    attr("evidence", Ty::Json),
];

/// Leg attributes before `betweenness`.
const LEG_ATTRS_HEAD: [Attr; 11] = [
    attr("id", Ty::Str),
    attr("kind", Ty::Str),
    attr("status", Ty::Str),
    attr("persons", Ty::Double),
    attr("persons_qualifier", Ty::Str),
    attr("cost", Ty::Double),
    attr("currency", Ty::Str),
    attr("cost_scope", Ty::Str),
    attr("days", Ty::Double),
    attr("days_scope", Ty::Str),
    attr("mode", Ty::Str),
];
const LEG_ATTRS_TAIL: [Attr; 4] = [
    attr("evidence", Ty::Json),
    attr("evidence_part", Ty::Str),
    attr("evidence_text", Ty::Str),
    attr("reasoning", Ty::Str),
];

/// A leg's own id (none for a leg that has none), in GraphML and GEXF where
/// the element id is always set.
pub(crate) const LEG_ID: Attr = attr("leg_id", Ty::Str);

/// Graph-level attributes (GraphML `for="graph"` keys).
pub(crate) const GRAPH_ATTRS: [Attr; 5] = [
    attr("name", Ty::Str),
    attr("title", Ty::Str),
    attr("description", Ty::Str),
    attr("sources", Ty::Json),
    attr("totals", Ty::Json),
];

/// The lowercase name of a place kind.
pub fn place_kind_str(k: PlaceKind) -> &'static str {
    match k {
        PlaceKind::Country => "country",
        PlaceKind::Region => "region",
        PlaceKind::Group => "group",
    }
}

/// Evidence flattened to "part ¶n; part ¶m".
pub fn evidence_parts(ev: &[Evidence]) -> String {
    ev.iter()
        .map(|e| match e.paragraph {
            Some(p) => format!("{} ¶{p}", e.part),
            None => e.part.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Evidence paraphrases joined with " | ".
pub fn evidence_text(ev: &[Evidence]) -> String {
    ev.iter()
        .map(|e| e.paraphrase.as_str())
        .collect::<Vec<_>>()
        .join(" | ")
}

fn to_json<T: serde::Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).expect("model types serialise to JSON")
}

/// Places left out of a map format (no coordinates), and the legs touching them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Unmapped {
    /// Ids of the places without coordinates.
    pub places: Vec<String>,
    /// How many exported legs start or end at one of them.
    pub legs: usize,
}

/// The graph as it is exported: the legs that pass the filter, each place's
/// role from the role filter, and betweenness when it was computed.
pub struct Export<'g> {
    pub graph: &'g RouteGraph,
    /// Indices of the legs exported, in graph order.
    pub legs: Vec<usize>,
    /// Every place's role, in place order.
    pub roles: Vec<PlaceRole>,
    /// Betweenness of each place, in place order, when computed.
    pub betweenness: Option<Vec<f64>>,
    /// Betweenness of each leg (graph leg order; `None` for a leg it was
    /// not computed over), when computed.
    pub leg_betweenness: Option<Vec<Option<f64>>>,
}

impl<'g> Export<'g> {
    /// Export the legs `legs` accepts (all places always), with roles
    /// computed over the legs `roles_by` accepts.
    pub fn new(graph: &'g RouteGraph, legs: &LegFilter, roles_by: &LegFilter) -> Self {
        Export {
            graph,
            legs: (0..graph.leg_count())
                .filter(|&i| legs.accepts(graph.leg(i)))
                .collect(),
            roles: roles(graph, roles_by),
            betweenness: None,
            leg_betweenness: None,
        }
    }

    /// Everything, with roles from people-moving legs (the defaults of the CLI).
    pub fn all(graph: &'g RouteGraph) -> Self {
        Self::new(graph, &LegFilter::all(), &LegFilter::default())
    }

    /// Add each place's betweenness (place order) as the `betweenness` attribute.
    pub fn with_betweenness(mut self, values: Vec<f64>) -> Self {
        assert_eq!(
            values.len(),
            self.graph.place_count(),
            "one betweenness value per place"
        );
        self.betweenness = Some(values);
        self
    }

    /// Add each leg's betweenness (graph leg order; `None` where it was not
    /// computed, e.g. for legs outside the filter) as the legs' `betweenness`.
    pub fn with_leg_betweenness(mut self, values: Vec<Option<f64>>) -> Self {
        assert_eq!(
            values.len(),
            self.graph.leg_count(),
            "one betweenness value per leg"
        );
        self.leg_betweenness = Some(values);
        self
    }

    /// Write a one-stream format to `out`.
    ///
    /// # Errors
    /// IO errors of `out`; `InvalidInput` for a directory format (csv).
    pub fn write(&self, format: ExportFormat, out: &mut dyn Write) -> io::Result<()> {
        let ex = format.exporter();
        if ex.files().is_some() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "the {} export writes several files: give it a directory",
                    format.as_str()
                ),
            ));
        }
        ex.write(self, 0, out)
    }

    /// Write a one-stream format into memory.
    pub fn to_bytes(&self, format: ExportFormat) -> io::Result<Vec<u8>> {
        let mut v = Vec::new();
        self.write(format, &mut v)?;
        Ok(v)
    }

    /// Write a one-stream format to `path`, through a temporary file in the
    /// same directory that is renamed into place: `path` is never half-written.
    pub fn write_file(&self, format: ExportFormat, path: &Path) -> Result<()> {
        if path.is_dir() {
            return Err(Error::io(
                path,
                io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "is a directory: expected a file name",
                ),
            ));
        }
        write_atomic_with(path, |w| self.write(format, w))
    }

    /// Write a directory format (csv) into `dir`, creating it if needed;
    /// each file goes through a temporary file. Returns the paths written.
    pub fn write_dir(&self, format: ExportFormat, dir: &Path) -> Result<Vec<PathBuf>> {
        let ex = format.exporter();
        let Some(files) = ex.files() else {
            return Err(Error::io(
                dir,
                io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!(
                        "the {} export writes one file, not a directory",
                        format.as_str()
                    ),
                ),
            ));
        };
        if dir.exists() && !dir.is_dir() {
            return Err(Error::io(
                dir,
                io::Error::new(io::ErrorKind::InvalidInput, "exists and is not a directory"),
            ));
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let mut written = Vec::new();
        for (i, name) in files.iter().enumerate() {
            let path = dir.join(name);
            write_atomic_with(&path, |w| ex.write(self, i, w))?;
            written.push(path);
        }
        Ok(written)
    }

    /// Places without coordinates and the exported legs touching them: what
    /// GeoJSON leaves out and DOT and GEXF draw in a row below the map.
    pub fn unmapped(&self) -> Unmapped {
        let g = self.graph;
        let places = g
            .places()
            .filter(|p| p.position().is_none())
            .map(|p| p.id.clone())
            .collect();
        let legs = self
            .legs
            .iter()
            .filter(|&&i| {
                let (a, b) = g.ends(i);
                g.place(a).position().is_none() || g.place(b).position().is_none()
            })
            .count();
        Unmapped { places, legs }
    }

    /// The place attributes, in order.
    pub(crate) fn place_attrs(&self) -> Vec<Attr> {
        let mut v = PLACE_ATTRS_HEAD.to_vec();
        if self.betweenness.is_some() {
            v.push(BETWEENNESS);
        }
        v.extend(PLACE_ATTRS_TAIL);
        v
    }

    /// Place `i`'s values, aligned with [`place_attrs`](Self::place_attrs).
    pub(crate) fn place_values(&self, i: usize) -> Vec<Option<Val>> {
        let p = self.graph.place(i);
        let r = &self.roles[i];
        let s = |v: &str| Some(Val::Str(v.to_string()));
        let mut v = vec![
            s(&p.id),
            s(&p.name),
            s(place_kind_str(p.kind)),
            p.iso2.as_deref().and_then(s),
            p.lat.map(Val::Num),
            p.lon.map(Val::Num),
            Some(Val::Bool(p.participant)),
            p.stated_role.and_then(|r| s(r.as_str())),
            s(r.role.as_str()),
            Some(Val::Num(r.in_persons)),
            Some(Val::Num(r.out_persons)),
        ];
        if let Some(b) = &self.betweenness {
            v.push(Some(Val::Num(b[i])));
        }
        let list = |empty: bool, j: serde_json::Value| (!empty).then_some(Val::Json(j));
        v.extend([
            list(p.aliases.is_empty(), to_json(&p.aliases)),
            list(p.members.is_empty(), to_json(&p.members)),
            p.count.map(|c| Val::Int(i64::from(c))),
            list(p.figures.is_empty(), to_json(&p.figures)),
            list(p.evidence.is_empty(), to_json(&p.evidence)),
        ]);
        v
    }

    /// The leg attributes, in order.
    pub(crate) fn leg_attrs(&self) -> Vec<Attr> {
        let mut v = LEG_ATTRS_HEAD.to_vec();
        if self.leg_betweenness.is_some() {
            v.push(BETWEENNESS);
        }
        v.extend(LEG_ATTRS_TAIL);
        v
    }

    /// Leg `i`'s values (a graph leg index), aligned with [`leg_attrs`](Self::leg_attrs).
    pub(crate) fn leg_values(&self, i: usize) -> Vec<Option<Val>> {
        let g = self.graph;
        let leg = g.leg(i);
        let d = leg.detail();
        let s = |v: Option<&str>| v.map(|v| Val::Str(v.to_string()));
        let ev = leg.evidence();
        let mut v = vec![
            Some(Val::Str(g.leg_id(i))),
            s(Some(leg.kind.as_str())),
            s(Some(leg.status.as_str())),
            leg.persons().map(Val::Num),
            s(d.and_then(|d| d.persons_qualifier.as_deref())),
            leg.cost().map(Val::Num),
            s(leg.currency()),
            s(d.and_then(|d| d.cost_scope.as_deref())),
            leg.days().map(Val::Num),
            s(d.and_then(|d| d.days_scope.as_deref())),
            leg.mode.map(|m| Val::Str(m.as_str().to_string())),
        ];
        if let Some(b) = &self.leg_betweenness {
            v.push(b[i].map(Val::Num));
        }
        v.extend([
            (!ev.is_empty()).then(|| Val::Json(to_json(&ev))),
            (!ev.is_empty()).then(|| Val::Str(evidence_parts(ev))),
            (!ev.is_empty()).then(|| Val::Str(evidence_text(ev))),
            s(d.and_then(|d| d.reasoning.as_deref())),
        ]);
        v
    }

    /// Graph-level values, aligned with [`GRAPH_ATTRS`].
    pub(crate) fn graph_values(&self) -> Vec<Option<Val>> {
        let g = self.graph;
        let s = |v: Option<&String>| v.map(|v| Val::Str(v.clone()));
        vec![
            (!g.name.is_empty()).then(|| Val::Str(g.name.clone())),
            s(g.title.as_ref()),
            s(g.description.as_ref()),
            (!g.sources.is_empty()).then(|| Val::Json(to_json(&g.sources))),
            (!g.totals.is_empty()).then(|| Val::Json(to_json(&g.totals))),
        ]
    }

    /// Persons moved through each place (in + out), in place order.
    pub(crate) fn throughput(&self) -> Vec<f64> {
        self.roles
            .iter()
            .map(|r| r.in_persons + r.out_persons)
            .collect()
    }

    /// The largest persons value of the exported legs (0 when none gives one).
    pub(crate) fn max_persons(&self) -> f64 {
        self.legs
            .iter()
            .filter_map(|&i| self.graph.leg(i).persons())
            .fold(0.0, f64::max)
    }

    /// Each place's position in Equal Earth units (unit sphere, y north).
    /// Places without coordinates are laid out in rows just below the
    /// mapped ones, left to right in place order, so that tools that need a
    /// position for every node (neato -n) still draw them.
    pub(crate) fn layout(&self) -> Vec<(f64, f64)> {
        const STEP: f64 = 0.25;
        const PER_ROW: usize = 12;
        let mapped: Vec<Option<(f64, f64)>> = self
            .graph
            .places()
            .map(|p| p.position().map(|(lon, lat)| equal_earth(lon, lat)))
            .collect();
        let (left, bottom) = mapped
            .iter()
            .flatten()
            .fold(None, |acc: Option<(f64, f64)>, &(x, y)| {
                Some(acc.map_or((x, y), |(l, b)| (l.min(x), b.min(y))))
            })
            .unwrap_or((0.0, 0.0));
        let mut k = 0usize;
        mapped
            .into_iter()
            .map(|pos| {
                pos.unwrap_or_else(|| {
                    let (row, col) = (k / PER_ROW, k % PER_ROW);
                    k += 1;
                    (left + STEP * col as f64, bottom - STEP * (1 + row) as f64)
                })
            })
            .collect()
    }
}

/// `lo + (hi - lo) * sqrt(v / max)`, or `lo` when unknown.
pub(crate) fn sqrt_scale(v: Option<f64>, max: f64, lo: f64, hi: f64) -> f64 {
    match v {
        Some(v) if max > 0.0 && v > 0.0 => lo + (hi - lo) * (v / max).min(1.0).sqrt(),
        _ => lo,
    }
}

/// A number rounded to `digits` decimals, for drawing attributes (positions,
/// sizes) where full precision is noise.
pub(crate) fn round(v: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    let r = (v * f).round() / f;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// Write `path` through a temporary file in the same directory, renamed into
/// place once complete; on any error the temporary file is removed and
/// `path` is left as it was.
pub(crate) fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| {
            Error::io(
                path,
                io::Error::new(io::ErrorKind::InvalidInput, "expected a file name"),
            )
        })?
        .to_string_lossy()
        .into_owned();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&tmp)
        .map_err(|e| Error::io(path, e))?;
    let mut w = io::BufWriter::new(file);
    // No fsync, as in `fsutil::write_atomic` (see there why).
    let result = write(&mut w).and_then(|()| w.flush());
    drop(w);
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn palette_is_okabe_ito() {
        assert_eq!(role_color(Role::Source), "#E69F00");
        assert_eq!(role_color(Role::Transit), "#56B4E9");
        assert_eq!(role_color(Role::Destination), "#009E73");
        assert_eq!(role_color(Role::Isolated), "#999999");
        assert_eq!(rgb("#E69F00"), (230, 159, 0));
    }

    #[test]
    fn numbers_round_trip_without_exponents() {
        for v in [200.0, 2.5, 0.1, 1e-7, 1e21, -33.4, 0.0, -0.0] {
            let s = num(v);
            assert!(!s.contains('e'), "{s}");
            assert_eq!(s.parse::<f64>().unwrap(), v, "{s}");
        }
        assert_eq!(num(-0.0), "0");
    }

    #[test]
    fn format_from_extension() {
        let f = |p: &str| ExportFormat::from_path(Path::new(p));
        assert_eq!(f("a.graphml"), Some(ExportFormat::Graphml));
        assert_eq!(f("a.GEXF"), Some(ExportFormat::Gexf));
        assert_eq!(f("a.gv"), Some(ExportFormat::Dot));
        assert_eq!(f("a.geojson"), Some(ExportFormat::Geojson));
        assert_eq!(f("a.json"), Some(ExportFormat::Json));
        assert_eq!(f("dir"), None);
        assert!(ExportFormat::Csv.is_directory());
        assert!(!ExportFormat::Dot.is_directory());
    }

    #[test]
    fn atomic_write_leaves_no_half_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        std::fs::write(&path, "old").unwrap();
        let r = write_atomic_with(&path, |w| {
            w.write_all(b"partial")?;
            Err(io::Error::other("disk full"))
        });
        assert!(r.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        write_atomic_with(&path, |w| w.write_all(b"new")).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    }
}
