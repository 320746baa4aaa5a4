//! The route data model: places, legs, their evidence, and the route graph.
//!
//! The JSON schema (version 1, documented in `data/README.md`) is the serde
//! shape of [`Dataset`]. In memory, a [`RouteGraph`] holds the places as the
//! nodes and the legs as the edges of one petgraph `DiGraph`; node index `i`
//! is place `i` and edge index `j` is leg `j`, for the life of the graph
//! (nothing is ever removed: "what if" questions use filtered views).
//! Parallel legs are kept: several legs between two places, with different
//! kinds or evidence, are normal.

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The JSON schema version this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// What moves along a leg.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Smuggling,
    Trafficking,
    Money,
    Fugitive,
}

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::Smuggling,
        Kind::Trafficking,
        Kind::Money,
        Kind::Fugitive,
    ];
    /// The kinds that move people along a route, used for roles by default.
    pub const PEOPLE: [Kind; 2] = [Kind::Smuggling, Kind::Trafficking];
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Smuggling => "smuggling",
            Kind::Trafficking => "trafficking",
            Kind::Money => "money",
            Kind::Fugitive => "fugitive",
        }
    }
}

/// How sure we are of a leg or place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The source says it.
    Stated,
    /// Follows from the corridor the source describes; the reasoning is written down.
    Inferred,
    /// Proposed by `routegraph extract` from a text, not yet reviewed.
    Extracted,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Stated, Status::Inferred, Status::Extracted];
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Stated => "stated",
            Status::Inferred => "inferred",
            Status::Extracted => "extracted",
        }
    }
}

/// How people travel a leg.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Air,
    Land,
    Sea,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Air => "air",
            Mode::Land => "land",
            Mode::Sea => "sea",
        }
    }
}

/// What kind of place a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    /// A country (ISO 3166-1) or, in user data, any concrete place.
    #[default]
    Country,
    /// A world region named by the source ("South Asia"); never silently a country.
    Region,
    /// A set of unnamed places ("17 countries"), recorded without inventing its members.
    Group,
}

/// A place's role in the flow of people.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Source,
    Transit,
    Destination,
    /// No legs at all (of the kinds asked about).
    #[default]
    Isolated,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Source => "source",
            Role::Transit => "transit",
            Role::Destination => "destination",
            Role::Isolated => "isolated",
        }
    }
}

macro_rules! impl_enum_str {
    ($t:ty, $all:expr, $what:literal) => {
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl FromStr for $t {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                let t = s.trim();
                $all.iter()
                    .copied()
                    .find(|k| k.as_str().eq_ignore_ascii_case(t))
                    .ok_or_else(|| {
                        let names: Vec<&str> = $all.iter().map(|k| k.as_str()).collect();
                        format!(
                            "unknown {} {:?}, expected one of: {}",
                            $what,
                            s,
                            names.join(", ")
                        )
                    })
            }
        }
    };
}
impl_enum_str!(Kind, Kind::ALL, "kind");
impl_enum_str!(Status, Status::ALL, "status");
impl_enum_str!(Mode, [Mode::Air, Mode::Land, Mode::Sea], "mode");
impl_enum_str!(
    Role,
    [
        Role::Source,
        Role::Transit,
        Role::Destination,
        Role::Isolated
    ],
    "role"
);

/// Where a fact comes from: a source, the part of it, and what it says in our words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// Id of an entry of [`Dataset::sources`].
    pub source: String,
    /// Id of a part of that source (its sections).
    pub part: String,
    /// 1-based paragraph within the part, when it helps.
    #[serde(default)]
    pub paragraph: Option<u32>,
    /// What the source says, paraphrased.
    pub paraphrase: String,
}

/// A number the source gives (arrests, victims rescued, money...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    pub what: String,
    pub value: f64,
    #[serde(default)]
    pub unit: Option<String>,
    /// "about", "more than", "nearly"...
    #[serde(default)]
    pub qualifier: Option<String>,
    pub evidence: Evidence,
}

/// A part (section) of a source that evidence can point at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcePart {
    pub id: String,
    pub heading: String,
    #[serde(default)]
    pub paragraphs: Option<u32>,
}

/// The operation a source reports on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    pub name: String,
    pub start: Option<String>,
    pub end: Option<String>,
}

/// A document the data set is drawn from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub publisher: String,
    pub title: String,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub operation: Option<Operation>,
    #[serde(default)]
    pub file: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub parts: Vec<SourcePart>,
}

/// A place: a country, a region, or a group of unnamed places.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// ISO 3166-1 alpha-3 for countries; any unique id otherwise (`P000123`).
    pub id: String,
    #[serde(default)]
    pub kind: PlaceKind,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iso2: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// Took part in the operation the source reports.
    #[serde(default)]
    pub participant: bool,
    /// The role the source itself states, if it does.
    #[serde(default)]
    pub stated_role: Option<Role>,
    /// Regions: member places of this data set.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
    /// Groups: how many unnamed places.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<Figure>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

impl Place {
    /// A bare place, as a CSV places file or a synthetic set gives it.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        Place {
            id: id.into(),
            name: name.into(),
            ..Place::default()
        }
    }
    /// Both coordinates, when the place can be drawn on a map.
    pub fn position(&self) -> Option<(f64, f64)> {
        Some((self.lon?, self.lat?))
    }
}

/// A money amount.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cost {
    pub amount: f64,
    #[serde(default)]
    pub currency: Option<String>,
    /// `leg` (default) or `journey`: the amount covers the whole journey this leg starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

/// A leg as the JSON schema writes it (places by id).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegRecord {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub from: String,
    pub to: String,
    pub kind: Kind,
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persons: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persons_qualifier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<Cost>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_scope: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<Mode>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<String>,
}

/// A whole data set as the JSON schema writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    pub schema_version: u32,
    pub name: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub sources: Vec<Source>,
    pub places: Vec<Place>,
    pub legs: Vec<LegRecord>,
    #[serde(default)]
    pub totals: Vec<Figure>,
}

/// The rarely-present parts of a leg, boxed so that a million CSV legs stay small.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LegDetail {
    pub id: Option<String>,
    pub persons_qualifier: Option<String>,
    pub currency: Option<String>,
    pub cost_scope: Option<String>,
    pub days_scope: Option<String>,
    pub evidence: Vec<Evidence>,
    pub reasoning: Option<String>,
}

/// A directed movement between two places: the edge weight of the route graph.
///
/// 40 bytes: a graph holds a million of them, and every pass over the legs
/// reads them all, so the three numbers that may be unknown are kept as
/// plain `f64` with NaN for "unknown" (`Option<f64>` is twice the size) and
/// read and written through [`Leg::persons`], [`Leg::set_persons`] and the
/// like. The loaders reject NaN, so a NaN here always means unknown.
#[derive(Clone)]
pub struct Leg {
    pub kind: Kind,
    pub status: Status,
    pub mode: Option<Mode>,
    persons: f64,
    cost: f64,
    days: f64,
    pub detail: Option<Box<LegDetail>>,
}

// The size the docs above promise; a field added by mistake shows here.
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Leg>() == 40);

impl PartialEq for Leg {
    /// Field by field, an unknown number equal to an unknown one.
    fn eq(&self, o: &Leg) -> bool {
        (self.kind, self.status, self.mode) == (o.kind, o.status, o.mode)
            && (self.persons(), self.cost(), self.days()) == (o.persons(), o.cost(), o.days())
            && self.detail == o.detail
    }
}

impl std::fmt::Debug for Leg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Leg")
            .field("kind", &self.kind)
            .field("status", &self.status)
            .field("mode", &self.mode)
            .field("persons", &self.persons())
            .field("cost", &self.cost())
            .field("days", &self.days())
            .field("detail", &self.detail)
            .finish()
    }
}

/// `Some(v)` as `v`, `None` as NaN.
fn known(v: Option<f64>) -> f64 {
    debug_assert!(
        v.is_none_or(|v| !v.is_nan()),
        "NaN is not a number of a leg"
    );
    v.unwrap_or(f64::NAN)
}

/// NaN as `None`.
fn maybe(v: f64) -> Option<f64> {
    (!v.is_nan()).then_some(v)
}

impl Leg {
    pub fn new(kind: Kind, status: Status) -> Self {
        Leg {
            kind,
            status,
            mode: None,
            persons: f64::NAN,
            cost: f64::NAN,
            days: f64::NAN,
            detail: None,
        }
    }
    /// Persons moved, when known (CSV legs default to 1).
    pub fn persons(&self) -> Option<f64> {
        maybe(self.persons)
    }
    /// The cost of the leg, when known (in [`Leg::currency`]).
    pub fn cost(&self) -> Option<f64> {
        maybe(self.cost)
    }
    /// The duration in days, when known.
    pub fn days(&self) -> Option<f64> {
        maybe(self.days)
    }
    pub fn set_persons(&mut self, v: Option<f64>) {
        self.persons = known(v);
    }
    pub fn set_cost(&mut self, v: Option<f64>) {
        self.cost = known(v);
    }
    pub fn set_days(&mut self, v: Option<f64>) {
        self.days = known(v);
    }
    pub fn detail(&self) -> Option<&LegDetail> {
        self.detail.as_deref()
    }
    pub fn evidence(&self) -> &[Evidence] {
        self.detail().map_or(&[], |d| &d.evidence)
    }
    pub fn currency(&self) -> Option<&str> {
        self.detail().and_then(|d| d.currency.as_deref())
    }
}

/// Which legs a question looks at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegFilter {
    pub kinds: Vec<Kind>,
    pub statuses: Vec<Status>,
}

impl Default for LegFilter {
    /// People-moving legs (smuggling, trafficking) of any status.
    fn default() -> Self {
        LegFilter {
            kinds: Kind::PEOPLE.to_vec(),
            statuses: Status::ALL.to_vec(),
        }
    }
}

impl LegFilter {
    pub fn all() -> Self {
        LegFilter {
            kinds: Kind::ALL.to_vec(),
            statuses: Status::ALL.to_vec(),
        }
    }
    pub fn accepts(&self, leg: &Leg) -> bool {
        self.kinds.contains(&leg.kind) && self.statuses.contains(&leg.status)
    }
}

/// The loaded network: places as nodes, legs as edges, plus what the data set says about itself.
#[derive(Debug, Clone, Default)]
pub struct RouteGraph {
    pub graph: DiGraph<Place, Leg, u32>,
    pub name: String,
    pub title: Option<String>,
    pub description: Option<String>,
    pub sources: Vec<Source>,
    pub totals: Vec<Figure>,
    /// Resolves names, codes and aliases to place indices: built from the
    /// places on first use ([`RouteGraph::names`]), so a command that never
    /// looks a name up never pays for it (100,000 places: ~45 MB, ~0.2 s).
    pub(crate) names: std::sync::OnceLock<crate::names::NameIndex>,
}

impl RouteGraph {
    pub fn place_count(&self) -> usize {
        self.graph.node_count()
    }
    pub fn leg_count(&self) -> usize {
        self.graph.edge_count()
    }
    pub fn place(&self, idx: usize) -> &Place {
        &self.graph[NodeIndex::new(idx)]
    }
    pub fn places(&self) -> impl Iterator<Item = &Place> {
        self.graph.node_weights()
    }
    pub fn leg(&self, idx: usize) -> &Leg {
        &self.graph[EdgeIndex::new(idx)]
    }
    /// The two ends of leg `idx`, as place indices.
    pub fn ends(&self, idx: usize) -> (usize, usize) {
        let (a, b) = self
            .graph
            .edge_endpoints(EdgeIndex::new(idx))
            .expect("leg index in range");
        (a.index(), b.index())
    }
    /// The name index: every place's id, ISO alpha-2 code, name and aliases.
    pub fn names(&self) -> &crate::names::NameIndex {
        self.names
            .get_or_init(|| crate::names::NameIndex::of_places(self.places()))
    }

    /// The name index, to add spellings to.
    pub(crate) fn names_mut(&mut self) -> &mut crate::names::NameIndex {
        self.names();
        self.names.get_mut().expect("initialised just above")
    }

    /// The legs that start or end at place `p` (loops once), in leg order.
    /// O(degree · log degree) through petgraph's adjacency lists.
    pub fn legs_at(&self, p: usize) -> Vec<usize> {
        use petgraph::Direction::{Incoming, Outgoing};
        let node = NodeIndex::new(p);
        let mut legs: Vec<usize> = [Outgoing, Incoming]
            .into_iter()
            .flat_map(|d| self.graph.edges_directed(node, d))
            .map(|e| petgraph::visit::EdgeRef::id(&e).index())
            .collect();
        legs.sort_unstable();
        legs.dedup();
        legs
    }
    /// A stable display id for leg `idx`: its own id, or `L<n>` (1-based).
    pub fn leg_id(&self, idx: usize) -> String {
        self.leg(idx)
            .detail()
            .and_then(|d| d.id.clone())
            .unwrap_or_else(|| format!("L{}", idx + 1))
    }
    /// The index of the place whose id is exactly `id`.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.places().position(|p| p.id == id)
    }

    /// The place a user means by `name` (id, ISO code, name or alias, any case).
    pub fn resolve(&self, name: &str) -> crate::Result<usize> {
        use crate::names::{did_you_mean, Lookup};
        match self.names().lookup(name) {
            Lookup::Found(i) => Ok(i),
            Lookup::Ambiguous(v) => {
                let ids: Vec<&str> = v.iter().map(|&i| self.place(i).id.as_str()).collect();
                Err(crate::Error::Query(format!(
                    "place {name:?} is ambiguous: it names {}; use an id",
                    ids.join(" and ")
                )))
            }
            Lookup::Unknown(s) => {
                // A spelling the data set does not list but the gazetteer knows
                // ("Estados Unidos", "Türkiye") still finds the country.
                let by_gazetteer = crate::geo::gazetteer::gazetteer()
                    .country(name)
                    .and_then(|c| self.index_of(&c.iso3));
                by_gazetteer.ok_or_else(|| {
                    crate::Error::Query(format!("unknown place {name:?}{}", did_you_mean(&s)))
                })
            }
        }
    }

    /// The graph back in the JSON schema's shape.
    pub fn to_dataset(&self) -> Dataset {
        let legs = self
            .graph
            .edge_indices()
            .map(|e| {
                let leg = &self.graph[e];
                let (a, b) = self.ends(e.index());
                let d = leg.detail();
                LegRecord {
                    id: d.and_then(|d| d.id.clone()),
                    from: self.place(a).id.clone(),
                    to: self.place(b).id.clone(),
                    kind: leg.kind,
                    status: leg.status,
                    persons: leg.persons(),
                    persons_qualifier: d.and_then(|d| d.persons_qualifier.clone()),
                    cost: leg.cost().map(|amount| Cost {
                        amount,
                        currency: d.and_then(|d| d.currency.clone()),
                        scope: d.and_then(|d| d.cost_scope.clone()),
                    }),
                    days: leg.days(),
                    days_scope: d.and_then(|d| d.days_scope.clone()),
                    mode: leg.mode,
                    evidence: leg.evidence().to_vec(),
                    reasoning: d.and_then(|d| d.reasoning.clone()),
                }
            })
            .collect();
        Dataset {
            schema_version: SCHEMA_VERSION,
            name: self.name.clone(),
            title: self.title.clone(),
            description: self.description.clone(),
            sources: self.sources.clone(),
            places: self.places().cloned().collect(),
            legs,
            totals: self.totals.clone(),
        }
    }
}

/// For unit tests: places `P0`..`P{n-1}` and one stated smuggling leg per
/// `(from, to)`, leg `j` being `edges[j]`.
#[cfg(test)]
pub(crate) fn test_graph(n: usize, edges: &[(usize, usize)]) -> RouteGraph {
    let mut g = RouteGraph::default();
    for i in 0..n {
        g.graph
            .add_node(Place::new(format!("P{i}"), format!("P{i}")));
    }
    for &(a, b) in edges {
        g.graph.add_edge(
            NodeIndex::new(a),
            NodeIndex::new(b),
            Leg::new(Kind::Smuggling, Status::Stated),
        );
    }
    g
}
