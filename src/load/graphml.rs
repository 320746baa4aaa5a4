//! GraphML input, as routegraph's own export, NetworkX's `write_graphml` and
//! Gephi write it. Attributes are mapped by name (the `attr.name` of their
//! `<key>`, any case), the same way for GEXF (see `gexf.rs`, which shares the
//! mapping in [`build`]):
//!
//! | place (node)                       | leg (edge)                                   |
//! |------------------------------------|----------------------------------------------|
//! | XML `id` → id                      | XML `source`, `target` → from, to            |
//! | `name`, else `label` → name        | data `leg_id`/`id`, else XML `id` → id       |
//! | `kind` (country, region, group)    | `kind` (smuggling, trafficking, money, fugitive; default smuggling) |
//! | `lat`/`latitude`, `lon`/`longitude`/`lng`/`long` | `status` (stated, inferred, extracted; default stated) |
//! | `iso2`, `participant`, `stated_role` | `persons`, else `weight` → persons         |
//! | `aliases`, `members` (JSON array or `a; b`), `count` | `cost`, `currency`, `cost_scope`, `days`, `days_scope`, `mode` |
//! | `figures`, `evidence` (JSON arrays) | `persons_qualifier`, `evidence` (JSON array), `reasoning` |
//!
//! Graph data `name`, `title`, `description`, `sources` and `totals` (JSON)
//! fill the data set's own fields. What routegraph computes (`role`,
//! `persons_in`, `persons_out`, `betweenness`, `evidence_part`,
//! `evidence_text`) is skipped, as are drawing elements; any other attribute
//! is reported in one warning. What cannot be mapped is an [`InputError`]
//! naming the file, the line and the attribute: an unknown kind, status,
//! mode or role, a bad number, a coordinate out of range, an edge to a
//! node that does not exist, a self-loop, a hyperedge or nested graph, or
//! malformed XML. Leg ids come from the `leg_id` attribute when the file
//! declares one (routegraph's export does: there a leg without an id has
//! edge id `L<n>` but no `leg_id`), else from the edge elements' ids, unless
//! those repeat (NetworkX multigraph keys `0`, `1`, ...).

use super::json::from_dataset;
use super::Loaded;
use crate::error::{Error, InputError, Result};
use crate::model::{
    Cost, Dataset, Evidence, Figure, Kind, LegRecord, Mode, Place, PlaceKind, Role, Source, Status,
    SCHEMA_VERSION,
};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// Load a GraphML file.
pub fn load_graphml(path: &Path) -> Result<Loaded> {
    let text = read_text(path)?;
    let mut loaded = load_graphml_str(&text, &path.display().to_string())?;
    name_from_file(&mut loaded, path);
    Ok(loaded)
}

/// Load GraphML text; `file` names it in errors.
pub fn load_graphml_str(text: &str, file: &str) -> Result<Loaded> {
    build(parse(text, file)?, file)
}

/// A file's text, as UTF-8 (a byte-order mark is dropped).
pub(super) fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = 1 + upto.iter().filter(|&&b| b == b'\n').count() as u64;
        InputError::new(
            path.display().to_string(),
            "invalid UTF-8 text: expected an XML file in UTF-8",
        )
        .line(line)
    })?;
    Ok(match text.strip_prefix('\u{FEFF}') {
        Some(t) => t.to_string(),
        None => text,
    })
}

/// A graph without a name takes its file's stem, as CSV input does.
pub(super) fn name_from_file(loaded: &mut Loaded, path: &Path) {
    if loaded.graph.name.is_empty() {
        loaded.graph.name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
    }
}

/// One attribute of a node, an edge or the graph, as read.
#[derive(Debug, Clone)]
pub(super) struct RawAttr {
    pub name: String,
    pub value: String,
    pub line: u64,
}

#[derive(Debug, Clone)]
pub(super) struct RawNode {
    pub id: String,
    pub line: u64,
    pub attrs: Vec<RawAttr>,
}

#[derive(Debug, Clone)]
pub(super) struct RawEdge {
    pub id: Option<String>,
    pub source: String,
    pub target: String,
    pub line: u64,
    pub attrs: Vec<RawAttr>,
}

/// A graph as an XML format holds it: ids, ends and named text attributes.
#[derive(Debug, Default)]
pub(super) struct RawGraph {
    pub graph_attrs: Vec<RawAttr>,
    pub nodes: Vec<RawNode>,
    pub edges: Vec<RawEdge>,
    pub warnings: Vec<String>,
    /// The file declares a `leg_id` edge attribute (routegraph's export):
    /// leg ids come from it, not from the edge elements' ids.
    pub leg_id_declared: bool,
}

/// Byte offsets to 1-based line numbers, counting forward.
pub(super) struct Lines<'a> {
    text: &'a [u8],
    pos: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Self {
        Lines {
            text: text.as_bytes(),
            pos: 0,
            line: 1,
        }
    }
    /// The line of byte offset `pos`.
    pub fn at(&mut self, pos: u64) -> u64 {
        let pos = usize::try_from(pos)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        if pos < self.pos {
            self.pos = 0;
            self.line = 1;
        }
        self.line += self.text[self.pos..pos]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        self.pos = pos;
        self.line
    }
}

/// An error at a line.
pub(super) fn at_line(file: &str, line: u64, msg: impl Into<String>) -> Error {
    InputError::new(file, msg).line(line).into()
}

/// A quick-xml error, located.
pub(super) fn xml_error(
    file: &str,
    lines: &mut Lines<'_>,
    pos: u64,
    e: impl std::fmt::Display,
) -> Error {
    at_line(file, lines.at(pos), format!("malformed XML: {e}"))
}

/// An element's local name (without a namespace prefix).
pub(super) fn local(e: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).into_owned()
}

/// An element's attributes, unescaped, with literal line breaks and tabs
/// normalised to spaces as XML requires (character references keep them).
pub(super) fn xml_attrs(
    e: &BytesStart<'_>,
    file: &str,
    line: u64,
) -> Result<Vec<(String, String)>> {
    let mut v = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|err| at_line(file, line, format!("malformed XML attribute: {err}")))?;
        let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
        let raw = std::str::from_utf8(&a.value).map_err(|err| {
            at_line(
                file,
                line,
                format!("invalid UTF-8 in attribute {key}: {err}"),
            )
        })?;
        let normalised = raw.replace("\r\n", " ").replace(['\r', '\n', '\t'], " ");
        let value = quick_xml::escape::unescape(&normalised)
            .map_err(|err| at_line(file, line, format!("bad escape in attribute {key}: {err}")))?
            .into_owned();
        v.push((key, value));
    }
    Ok(v)
}

/// The value of attribute `name` (exact, namespace prefix included).
pub(super) fn get<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The text an entity reference stands for (`&amp;`, `&#10;`, ...).
pub(super) fn entity(r: &quick_xml::events::BytesRef<'_>) -> std::result::Result<String, String> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Ok(c.to_string());
    }
    let name = r.decode().map_err(|e| e.to_string())?;
    match &*name {
        "amp" => Ok("&".into()),
        "lt" => Ok("<".into()),
        "gt" => Ok(">".into()),
        "quot" => Ok("\"".into()),
        "apos" => Ok("'".into()),
        other => Err(format!(
            "unknown entity &{other};: expected one of &amp; &lt; &gt; &quot; &apos; or a character reference"
        )),
    }
}

/// What an attribute of a `<key>` applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Domain {
    Graph,
    Node,
    Edge,
    All,
    Other,
}

#[derive(Debug, Clone)]
struct Key {
    name: String,
    domain: Domain,
    /// A key with no `attr.name` that describes drawing (yEd's `yfiles.type`).
    drawing: bool,
    default: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner {
    Graph,
    Node(usize),
    Edge(usize),
    Other,
}

enum Ctx {
    Root,
    Key(String),
    KeyDefault(String, String),
    Graph,
    Node(usize),
    Edge(usize),
    Data {
        owner: Owner,
        key: String,
        line: u64,
        text: String,
        nested: bool,
    },
    Other,
}

/// Parse GraphML into a [`RawGraph`].
fn parse(text: &str, file: &str) -> Result<RawGraph> {
    let mut r = Reader::from_str(text);
    let mut lines = Lines::new(text);
    let mut raw = RawGraph::default();
    let mut keys: HashMap<String, Key> = HashMap::new();
    let mut stack: Vec<Ctx> = Vec::new();
    let mut graphs = 0usize;
    let mut seen_root = false;
    let mut undirected_edges = 0usize;
    let mut drawing_keys: BTreeSet<String> = BTreeSet::new();
    loop {
        let pos = r.buffer_position();
        let ev = r
            .read_event()
            .map_err(|e| xml_error(file, &mut lines, r.error_position(), e))?;
        let (start, empty) = match &ev {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            let line = lines.at(pos);
            let name = local(e);
            let attrs = xml_attrs(e, file, line)?;
            let in_data = matches!(stack.last(), Some(Ctx::Data { .. }));
            let ctx = if in_data {
                if let Some(Ctx::Data { nested, .. }) = stack.last_mut() {
                    *nested = true;
                }
                Ctx::Other
            } else if matches!(stack.last(), Some(Ctx::Other)) {
                Ctx::Other
            } else {
                match name.as_str() {
                    "graphml" if stack.is_empty() => {
                        seen_root = true;
                        Ctx::Root
                    }
                    "key" => {
                        let id = get(&attrs, "id")
                            .ok_or_else(|| at_line(file, line, "a <key> needs an id attribute"))?;
                        let attr_name = get(&attrs, "attr.name");
                        let domain = match get(&attrs, "for").unwrap_or("all") {
                            "graph" => Domain::Graph,
                            "node" => Domain::Node,
                            "edge" => Domain::Edge,
                            "all" => Domain::All,
                            _ => Domain::Other,
                        };
                        if attr_name == Some("leg_id")
                            && matches!(domain, Domain::Edge | Domain::All)
                        {
                            raw.leg_id_declared = true;
                        }
                        keys.insert(
                            id.to_string(),
                            Key {
                                name: attr_name.unwrap_or(id).to_string(),
                                domain,
                                drawing: attr_name.is_none()
                                    && get(&attrs, "yfiles.type").is_some(),
                                default: None,
                            },
                        );
                        Ctx::Key(id.to_string())
                    }
                    "default" => match stack.last() {
                        Some(Ctx::Key(id)) => Ctx::KeyDefault(id.clone(), String::new()),
                        _ => Ctx::Other,
                    },
                    "graph" => {
                        if stack
                            .iter()
                            .any(|c| matches!(c, Ctx::Node(_) | Ctx::Edge(_)))
                        {
                            return Err(at_line(
                                file,
                                line,
                                "a graph nested in a node or edge is not supported: \
                                 routegraph reads one flat graph of places and legs",
                            ));
                        }
                        graphs += 1;
                        if graphs > 1 {
                            return Err(at_line(
                                file,
                                line,
                                "a second <graph>: routegraph reads one graph per file",
                            ));
                        }
                        if get(&attrs, "edgedefault") == Some("undirected") {
                            raw.warnings.push(format!(
                                "{file}: the graph is undirected (edgedefault=\"undirected\"): \
                                 each edge is read as a leg from its source to its target"
                            ));
                        }
                        Ctx::Graph
                    }
                    "node" => {
                        let id = get(&attrs, "id")
                            .ok_or_else(|| at_line(file, line, "a <node> needs an id attribute"))?;
                        raw.nodes.push(RawNode {
                            id: id.to_string(),
                            line,
                            attrs: Vec::new(),
                        });
                        Ctx::Node(raw.nodes.len() - 1)
                    }
                    "edge" => {
                        let end = |which: &str| {
                            get(&attrs, which).map(str::to_string).ok_or_else(|| {
                                Error::from(
                                    InputError::new(
                                        file,
                                        format!(
                                            "an <edge> needs a {which} attribute naming a node id"
                                        ),
                                    )
                                    .line(line)
                                    .field(which),
                                )
                            })
                        };
                        let (source, target) = (end("source")?, end("target")?);
                        if get(&attrs, "directed") == Some("false") {
                            undirected_edges += 1;
                        }
                        raw.edges.push(RawEdge {
                            id: get(&attrs, "id").map(str::to_string),
                            source,
                            target,
                            line,
                            attrs: Vec::new(),
                        });
                        Ctx::Edge(raw.edges.len() - 1)
                    }
                    "hyperedge" => {
                        return Err(at_line(
                            file,
                            line,
                            "a <hyperedge> is not supported: a leg joins exactly two places",
                        ))
                    }
                    "data" => {
                        let key = get(&attrs, "key").ok_or_else(|| {
                            at_line(file, line, "a <data> element needs a key attribute")
                        })?;
                        let owner = match stack.last() {
                            Some(Ctx::Graph) => Owner::Graph,
                            Some(Ctx::Node(i)) => Owner::Node(*i),
                            Some(Ctx::Edge(i)) => Owner::Edge(*i),
                            _ => Owner::Other,
                        };
                        Ctx::Data {
                            owner,
                            key: key.to_string(),
                            line,
                            text: String::new(),
                            nested: false,
                        }
                    }
                    _ => Ctx::Other,
                }
            };
            stack.push(ctx);
            if !empty {
                continue;
            }
        }
        match ev {
            Event::Start(_) => {}
            Event::Empty(_) | Event::End(_) => match stack.pop() {
                Some(Ctx::KeyDefault(id, text)) => {
                    if let Some(k) = keys.get_mut(&id) {
                        k.default = Some(text);
                    }
                }
                Some(Ctx::Data {
                    owner,
                    key,
                    line,
                    text,
                    nested,
                }) => {
                    let Some(k) = keys.get(&key) else {
                        return Err(InputError::new(
                            file,
                            format!("<data key=\"{key}\">: no <key> element declares id {key:?}"),
                        )
                        .line(line)
                        .field("key")
                        .into());
                    };
                    if nested || k.drawing {
                        drawing_keys.insert(k.name.clone());
                        continue;
                    }
                    let attr = RawAttr {
                        name: k.name.clone(),
                        value: text,
                        line,
                    };
                    match owner {
                        Owner::Graph => raw.graph_attrs.push(attr),
                        Owner::Node(i) => raw.nodes[i].attrs.push(attr),
                        Owner::Edge(i) => raw.edges[i].attrs.push(attr),
                        Owner::Other => {}
                    }
                }
                _ => {}
            },
            Event::Text(t) => {
                if let Some(Ctx::Data { text, .. } | Ctx::KeyDefault(_, text)) = stack.last_mut() {
                    let s = t
                        .xml10_content()
                        .map_err(|e| xml_error(file, &mut lines, pos, e))?;
                    text.push_str(&s);
                }
            }
            Event::CData(c) => {
                if let Some(Ctx::Data { text, .. } | Ctx::KeyDefault(_, text)) = stack.last_mut() {
                    let s = c
                        .decode()
                        .map_err(|e| xml_error(file, &mut lines, pos, e))?;
                    text.push_str(&s);
                }
            }
            Event::GeneralRef(g) => {
                let s = entity(&g).map_err(|m| at_line(file, lines.at(pos), m))?;
                if let Some(Ctx::Data { text, .. } | Ctx::KeyDefault(_, text)) = stack.last_mut() {
                    text.push_str(&s);
                }
            }
            Event::Eof => {
                if !stack.is_empty() {
                    return Err(at_line(
                        file,
                        lines.at(pos),
                        format!(
                            "malformed XML: the file ends inside an element ({} left open)",
                            stack.len()
                        ),
                    ));
                }
                break;
            }
            _ => {}
        }
    }
    if !seen_root {
        return Err(at_line(
            file,
            1,
            "not a GraphML document: expected a <graphml> root element",
        ));
    }
    if graphs == 0 {
        return Err(at_line(
            file,
            1,
            "the GraphML document has no <graph> element",
        ));
    }
    if undirected_edges > 0 {
        raw.warnings.push(format!(
            "{file}: {undirected_edges} edge(s) are undirected (directed=\"false\"): \
             each is read as a leg from its source to its target"
        ));
    }
    if !drawing_keys.is_empty() {
        raw.warnings.push(format!(
            "{file}: ignored drawing data: {}",
            drawing_keys.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
    // Key defaults fill in what an element does not give.
    let mut defaults: Vec<(&Key, Domain)> = keys
        .values()
        .filter(|k| k.default.is_some() && !k.drawing)
        .map(|k| (k, k.domain))
        .collect();
    defaults.sort_by(|a, b| a.0.name.cmp(&b.0.name));
    for (k, domain) in defaults {
        let value = k.default.clone().unwrap_or_default();
        let fill = |attrs: &mut Vec<RawAttr>, line: u64| {
            if !attrs.iter().any(|a| a.name == k.name) {
                attrs.push(RawAttr {
                    name: k.name.clone(),
                    value: value.clone(),
                    line,
                });
            }
        };
        if matches!(domain, Domain::Node | Domain::All) {
            for n in &mut raw.nodes {
                fill(&mut n.attrs, n.line);
            }
        }
        if matches!(domain, Domain::Edge | Domain::All) {
            for e in &mut raw.edges {
                fill(&mut e.attrs, e.line);
            }
        }
    }
    Ok(raw)
}

/// Attributes routegraph computes: skipped on input without a warning.
const DERIVED_PLACE: &[&str] = &["role", "persons_in", "persons_out", "betweenness"];
const DERIVED_LEG: &[&str] = &["evidence_part", "evidence_text", "betweenness"];

fn parse_place_kind(s: &str) -> std::result::Result<PlaceKind, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "country" => Ok(PlaceKind::Country),
        "region" => Ok(PlaceKind::Region),
        "group" => Ok(PlaceKind::Group),
        _ => Err(format!(
            "unknown place kind {s:?}, expected one of: country, region, group"
        )),
    }
}

fn parse_bool(s: &str) -> std::result::Result<bool, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" => Ok(true),
        "false" | "0" | "no" => Ok(false),
        _ => Err(format!("expected true or false, found {s:?}")),
    }
}

fn parse_number(s: &str, expected: &str) -> std::result::Result<f64, String> {
    s.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| format!("expected {expected}, found {s:?}"))
}

fn parse_list(s: &str) -> std::result::Result<Vec<String>, String> {
    let t = s.trim();
    if t.starts_with('[') {
        serde_json::from_str(t).map_err(|e| format!("expected a JSON array of strings: {e}"))
    } else {
        Ok(t.split(';')
            .map(|x| x.trim().to_string())
            .filter(|x| !x.is_empty())
            .collect())
    }
}

fn parse_json<T: serde::de::DeserializeOwned>(
    s: &str,
    expected: &str,
) -> std::result::Result<T, String> {
    serde_json::from_str(s.trim()).map_err(|e| format!("expected {expected}: {e}"))
}

/// Move an error that [`from_dataset`] reports by JSON path (`legs[3].persons`)
/// to the line of the element it is about.
fn relocate(e: Error, nodes: &[u64], edges: &[u64]) -> Error {
    let Error::Input(mut ie) = e else { return e };
    let Some(field) = ie.field.clone() else {
        return Error::Input(ie);
    };
    for (prefix, lines, what) in [("places[", nodes, "node"), ("legs[", edges, "edge")] {
        let Some(rest) = field.strip_prefix(prefix) else {
            continue;
        };
        let Some(close) = rest.find(']') else {
            continue;
        };
        let Ok(i) = rest[..close].parse::<usize>() else {
            continue;
        };
        let tail = &rest[close + 1..];
        // "legs[3] (L04).persons": skip the id in parentheses.
        let tail = match tail
            .strip_prefix(" (")
            .and_then(|t| t.find(')').map(|c| &t[c + 1..]))
        {
            Some(t) => t,
            None => tail,
        };
        if let Some(&line) = lines.get(i) {
            ie.line = Some(line);
            ie.column = None;
            ie.field = Some(match tail.strip_prefix('.') {
                Some(f) => f.to_string(),
                None => what.to_string(),
            });
        }
    }
    Error::Input(ie)
}

/// Map a [`RawGraph`] to places and legs by attribute name, check it, and
/// build the route graph.
pub(super) fn build(raw: RawGraph, file: &str) -> Result<Loaded> {
    let err = |a: &RawAttr, msg: String| -> Error {
        InputError::new(file, msg)
            .line(a.line)
            .field(a.name.clone())
            .into()
    };
    let mut warnings = raw.warnings;
    let mut ignored_graph = BTreeSet::new();
    let mut ignored_node = BTreeSet::new();
    let mut ignored_edge = BTreeSet::new();

    let (mut name, mut title, mut description) = (String::new(), None, None);
    let (mut sources, mut totals): (Vec<Source>, Vec<Figure>) = (Vec::new(), Vec::new());
    for a in &raw.graph_attrs {
        match a.name.to_ascii_lowercase().as_str() {
            "name" => name = a.value.clone(),
            "title" => title = Some(a.value.clone()),
            "description" => description = Some(a.value.clone()),
            "sources" => {
                sources = parse_json(&a.value, "a JSON array of sources").map_err(|m| err(a, m))?
            }
            "totals" => {
                totals = parse_json(&a.value, "a JSON array of figures").map_err(|m| err(a, m))?
            }
            _ => {
                ignored_graph.insert(a.name.clone());
            }
        }
    }

    let mut ids: HashMap<&str, u64> = HashMap::new();
    let mut places = Vec::with_capacity(raw.nodes.len());
    for n in &raw.nodes {
        if let Some(first) = ids.insert(&n.id, n.line) {
            return Err(InputError::new(
                file,
                format!(
                    "duplicate node id {:?} (first at line {first}): each place id must be unique",
                    n.id
                ),
            )
            .line(n.line)
            .field("id")
            .into());
        }
        let mut p = Place::new(n.id.clone(), n.id.clone());
        let (mut named, mut label) = (false, None);
        let (mut lat_attr, mut lon_attr) = (None, None);
        for a in &n.attrs {
            let v = a.value.as_str();
            let lower = a.name.to_ascii_lowercase();
            if v.trim().is_empty() && lower != "name" && lower != "label" {
                continue;
            }
            let num = |what: &str| parse_number(v, what).map_err(|m| err(a, m));
            match lower.as_str() {
                "name" => {
                    if !v.trim().is_empty() {
                        p.name = v.to_string();
                        named = true;
                    }
                }
                "label" => {
                    if !v.trim().is_empty() {
                        label = Some(v.to_string());
                    }
                }
                "kind" => p.kind = parse_place_kind(v).map_err(|m| err(a, m))?,
                "iso2" => p.iso2 = Some(v.trim().to_string()),
                "lat" | "latitude" => {
                    p.lat = Some(num("a latitude in degrees")?);
                    lat_attr = Some(a);
                }
                "lon" | "longitude" | "lng" | "long" => {
                    p.lon = Some(num("a longitude in degrees")?);
                    lon_attr = Some(a);
                }
                "participant" => p.participant = parse_bool(v).map_err(|m| err(a, m))?,
                "stated_role" => p.stated_role = Some(v.parse::<Role>().map_err(|m| err(a, m))?),
                "aliases" => p.aliases = parse_list(v).map_err(|m| err(a, m))?,
                "members" => p.members = parse_list(v).map_err(|m| err(a, m))?,
                "count" => {
                    p.count = Some(v.trim().parse::<u32>().map_err(|_| {
                        err(a, format!("expected a whole number of places, found {v:?}"))
                    })?)
                }
                "figures" => {
                    p.figures = parse_json(v, "a JSON array of figures").map_err(|m| err(a, m))?
                }
                "evidence" => {
                    p.evidence = parse_json::<Vec<Evidence>>(
                        v,
                        "a JSON array of evidence ({source, part, paragraph, paraphrase})",
                    )
                    .map_err(|m| err(a, m))?
                }
                "id" if v == n.id => {}
                d if DERIVED_PLACE.contains(&d) => {}
                _ => {
                    ignored_node.insert(a.name.clone());
                }
            }
        }
        if !named {
            if let Some(l) = label {
                p.name = l;
            }
        }
        if let Err(m) = super::check_position(p.lat, p.lon) {
            let at = lat_attr.or(lon_attr).expect("a coordinate was given");
            return Err(err(at, m));
        }
        places.push(p);
    }

    // Edge ids that repeat (NetworkX multigraph keys "0", "1", ...) are not leg ids.
    let mut xml_ids: HashMap<&str, usize> = HashMap::new();
    for e in &raw.edges {
        if let Some(id) = &e.id {
            *xml_ids.entry(id).or_default() += 1;
        }
    }
    let repeated = !raw.leg_id_declared && xml_ids.values().any(|&c| c > 1);
    if repeated {
        warnings.push(format!(
            "{file}: edge ids repeat (multigraph keys?): they are not used as leg ids"
        ));
    }
    let has_persons = raw.edges.iter().any(|e| {
        e.attrs
            .iter()
            .any(|a| a.name.eq_ignore_ascii_case("persons"))
    });
    let (mut no_kind, mut no_status, mut lone_currency) = (0usize, 0usize, 0usize);
    let mut legs = Vec::with_capacity(raw.edges.len());
    for e in &raw.edges {
        let end_error = |field: &str, id: &str| -> Error {
            InputError::new(file, format!("unknown node {id:?}: no <node> has this id"))
                .line(e.line)
                .field(field)
                .into()
        };
        if !ids.contains_key(e.source.as_str()) {
            return Err(end_error("source", &e.source));
        }
        if !ids.contains_key(e.target.as_str()) {
            return Err(end_error("target", &e.target));
        }
        if e.source == e.target {
            return Err(InputError::new(
                file,
                format!(
                    "self-loop: the edge goes from {:?} to itself; a leg must join two different places",
                    e.source
                ),
            )
            .line(e.line)
            .field("target")
            .into());
        }
        let mut rec = LegRecord {
            id: if repeated || raw.leg_id_declared {
                None
            } else {
                e.id.clone()
            },
            from: e.source.clone(),
            to: e.target.clone(),
            kind: Kind::Smuggling,
            status: Status::Stated,
            persons: None,
            persons_qualifier: None,
            cost: None,
            days: None,
            days_scope: None,
            mode: None,
            evidence: Vec::new(),
            reasoning: None,
        };
        let (mut kind_seen, mut status_seen) = (false, false);
        let (mut cost, mut currency, mut cost_scope) = (None, None, None);
        for a in &e.attrs {
            let v = a.value.as_str();
            if v.trim().is_empty() {
                continue;
            }
            let lower = a.name.to_ascii_lowercase();
            let non_negative = |what: &str| {
                parse_number(v, &format!("a {what} (a number of zero or more)"))
                    .and_then(|x| super::check_non_negative(x, what))
                    .map_err(|m| err(a, m))
            };
            let persons = || {
                parse_number(v, "a positive number of persons moved")
                    .and_then(super::check_persons)
                    .map_err(|m| err(a, m))
            };
            match lower.as_str() {
                "kind" => {
                    rec.kind = v.parse::<Kind>().map_err(|m| err(a, m))?;
                    kind_seen = true;
                }
                "status" => {
                    rec.status = v.parse::<Status>().map_err(|m| err(a, m))?;
                    status_seen = true;
                }
                "persons" => rec.persons = Some(persons()?),
                "weight" if !has_persons => rec.persons = Some(persons()?),
                "weight" => {}
                "persons_qualifier" => rec.persons_qualifier = Some(v.to_string()),
                "cost" => cost = Some(non_negative("cost")?),
                "currency" => currency = Some(v.to_string()),
                "cost_scope" => cost_scope = Some(v.to_string()),
                "days" => rec.days = Some(non_negative("duration in days")?),
                "days_scope" => rec.days_scope = Some(v.to_string()),
                "mode" => rec.mode = Some(v.parse::<Mode>().map_err(|m| err(a, m))?),
                "evidence" => {
                    rec.evidence = parse_json(
                        v,
                        "a JSON array of evidence ({source, part, paragraph, paraphrase})",
                    )
                    .map_err(|m| err(a, m))?
                }
                "reasoning" => rec.reasoning = Some(v.to_string()),
                "id" | "leg_id" => rec.id = Some(v.to_string()),
                d if DERIVED_LEG.contains(&d) => {}
                _ => {
                    ignored_edge.insert(a.name.clone());
                }
            }
        }
        if !kind_seen {
            no_kind += 1;
        }
        if !status_seen {
            no_status += 1;
        }
        match cost {
            Some(amount) => {
                rec.cost = Some(Cost {
                    amount,
                    currency,
                    scope: cost_scope,
                })
            }
            None if currency.is_some() || cost_scope.is_some() => lone_currency += 1,
            None => {}
        }
        legs.push(rec);
    }
    if no_kind > 0 {
        warnings.push(format!(
            "{file}: {no_kind} edge(s) give no `kind`: read as smuggling"
        ));
    }
    if no_status > 0 {
        warnings.push(format!(
            "{file}: {no_status} edge(s) give no `status`: read as stated"
        ));
    }
    if lone_currency > 0 {
        warnings.push(format!(
            "{file}: {lone_currency} edge(s) give a currency or cost scope but no cost: ignored"
        ));
    }
    for (what, set) in [
        ("graph", ignored_graph),
        ("node", ignored_node),
        ("edge", ignored_edge),
    ] {
        if !set.is_empty() {
            warnings.push(format!(
                "{file}: ignored {what} attributes: {}",
                set.into_iter().collect::<Vec<_>>().join(", ")
            ));
        }
    }

    let node_lines: Vec<u64> = raw.nodes.iter().map(|n| n.line).collect();
    let edge_lines: Vec<u64> = raw.edges.iter().map(|e| e.line).collect();
    let ds = Dataset {
        schema_version: SCHEMA_VERSION,
        name,
        title,
        description,
        sources,
        places,
        legs,
        totals,
    };
    let mut loaded = from_dataset(ds, file).map_err(|e| relocate(e, &node_lines, &edge_lines))?;
    // The data set checks warn once per inferred leg without reasoning,
    // naming it by JSON path; say it once, with the lines.
    let (unreasoned, other): (Vec<String>, Vec<String>) = loaded
        .warnings
        .drain(..)
        .partition(|w| w.contains("should say why in `reasoning`"));
    if !unreasoned.is_empty() {
        let lines: Vec<String> = unreasoned
            .iter()
            .filter_map(|w| {
                let i = w
                    .split("legs[")
                    .nth(1)?
                    .split(']')
                    .next()?
                    .parse::<usize>()
                    .ok()?;
                edge_lines.get(i).map(u64::to_string)
            })
            .collect();
        let more = if lines.len() > 8 { ", ..." } else { "" };
        warnings.push(format!(
            "{file}: {} inferred edge(s) give no `reasoning` saying why (line {}{more})",
            unreasoned.len(),
            lines.iter().take(8).cloned().collect::<Vec<_>>().join(", ")
        ));
    }
    warnings.extend(other);
    loaded.warnings = warnings;
    Ok(loaded)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NX: &str = r#"<?xml version='1.0' encoding='utf-8'?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
  <key id="d5" for="edge" attr.name="weight" attr.type="double" />
  <key id="d4" for="edge" attr.name="kind" attr.type="string" />
  <key id="d3" for="node" attr.name="x" attr.type="double" />
  <key id="d2" for="node" attr.name="longitude" attr.type="double" />
  <key id="d1" for="node" attr.name="latitude" attr.type="double" />
  <key id="d0" for="node" attr.name="label" attr.type="string" />
  <graph edgedefault="directed">
    <node id="A">
      <data key="d0">Alpha &amp; Co</data>
      <data key="d1">10.5</data>
      <data key="d2">-20</data>
      <data key="d3">3</data>
    </node>
    <node id="B" />
    <edge source="A" target="B" id="0">
      <data key="d4">trafficking</data>
      <data key="d5">12.0</data>
    </edge>
    <edge source="A" target="B" id="1" />
    <edge source="B" target="A" id="0" />
  </graph>
</graphml>
"#;

    #[test]
    fn reads_networkx_style_graphml() {
        let l = load_graphml_str(NX, "nx.graphml").unwrap();
        let g = &l.graph;
        assert_eq!(g.place_count(), 2);
        assert_eq!(g.leg_count(), 3);
        let a = g.place(0);
        assert_eq!(a.name, "Alpha & Co");
        assert_eq!((a.lat, a.lon), (Some(10.5), Some(-20.0)));
        assert_eq!(g.place(1).name, "B");
        assert_eq!(g.leg(0).kind, Kind::Trafficking);
        assert_eq!(g.leg(0).persons(), Some(12.0));
        assert_eq!(g.leg(1).kind, Kind::Smuggling);
        // Repeated multigraph keys are not leg ids.
        assert_eq!(g.leg_id(2), "L3");
        let w = l.warnings.join("\n");
        assert!(w.contains("ignored node attributes: x"), "{w}");
        assert!(w.contains("edge ids repeat"), "{w}");
        assert!(w.contains("2 edge(s) give no `kind`"), "{w}");
    }

    fn error_of(text: &str) -> InputError {
        match load_graphml_str(text, "t.graphml") {
            Err(Error::Input(e)) => e,
            other => panic!("expected an input error, got {other:?}"),
        }
    }

    #[test]
    fn errors_name_line_and_field() {
        let bad_kind = NX.replace(">trafficking<", ">smuggled<");
        let e = error_of(&bad_kind);
        assert_eq!(e.line, Some(18), "{e}");
        assert_eq!(e.field.as_deref(), Some("kind"));
        assert!(e.message.contains("unknown kind \"smuggled\""), "{e}");

        let e = error_of(&NX.replace(r#"target="B" id="1""#, r#"target="C" id="1""#));
        assert_eq!((e.line, e.field.as_deref()), (Some(21), Some("target")));
        assert!(e.message.contains("unknown node \"C\""), "{e}");

        let e = error_of(&NX.replace(r#"source="B" target="A""#, r#"source="B" target="B""#));
        assert!(e.message.contains("self-loop"), "{e}");
        assert_eq!(e.line, Some(22));

        let e = error_of(&NX.replace(">10.5<", ">north<"));
        assert_eq!((e.line, e.field.as_deref()), (Some(12), Some("latitude")));
        assert!(e.message.contains("expected a latitude in degrees"), "{e}");

        let e = error_of(&NX.replace(">10.5<", ">95<"));
        assert!(e.message.contains("out of range"), "{e}");

        let e = error_of(&NX.replace(">12.0<", ">-3<"));
        assert_eq!(e.field.as_deref(), Some("weight"));
        assert!(e.message.contains("positive number of persons"), "{e}");

        let e = error_of(&NX.replace("<data key=\"d3\">3</data>", "<data key=\"d9\">3</data>"));
        assert!(
            e.message.contains("no <key> element declares id \"d9\""),
            "{e}"
        );

        let e = error_of(&NX.replace("</graph>", "</grap>"));
        assert!(e.message.contains("malformed XML"), "{e}");
        assert_eq!(e.line, Some(23), "{e}");

        let e = error_of("<graphml><graph><hyperedge/></graph></graphml>");
        assert!(e.message.contains("hyperedge"), "{e}");

        let e = error_of("<gexf/>");
        assert!(e.message.contains("not a GraphML document"), "{e}");
    }

    #[test]
    fn key_defaults_apply_and_drawing_data_is_skipped() {
        let text = r#"<graphml>
  <key id="k" for="edge" attr.name="status"><default>inferred</default></key>
  <key id="y" for="node" yfiles.type="nodegraphics"/>
  <graph edgedefault="directed">
    <node id="A"><data key="y"><y:ShapeNode xmlns:y="y"><y:Fill/></y:ShapeNode></data></node>
    <node id="B"/>
    <edge source="A" target="B"><data key="k">stated</data></edge>
    <edge source="B" target="A"/>
  </graph>
</graphml>"#;
        let l = load_graphml_str(text, "y.graphml").unwrap();
        assert_eq!(l.graph.leg(0).status, Status::Stated);
        assert_eq!(l.graph.leg(1).status, Status::Inferred);
        assert!(l
            .warnings
            .iter()
            .any(|w| w.contains("ignored drawing data: y")));
    }
}
