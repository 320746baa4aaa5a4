//! `routegraph export` and GraphML/GEXF input: round trips for every format
//! that can be read back, structural checks for those that cannot (GeoJSON,
//! DOT, the Neo4j and GraphFrames CSV headers), determinism, the command
//! line, and — when python3 has NetworkX — NetworkX reading our GraphML and
//! GEXF and routegraph reading what NetworkX writes back.

use super::harness::{files, routegraph, routegraph_in};
use routegraph::analysis::{centrality, Metric};
use routegraph::export::{Export, ExportFormat};
use routegraph::load::{
    load_csv, load_gexf_str, load_graphml, load_graphml_str, load_json_str, turquesa,
};
use routegraph::model::{Dataset, LegFilter, LegRecord, RouteGraph};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// A small data set with everything that is hard to carry: markup and quote
/// characters, line breaks (LF and CRLF) and tabs, a DOT keyword as an id,
/// parallel legs, a region and a group without coordinates, every leg field,
/// and a leg across the antimeridian.
const TRICKY: &str = r#"{
  "schema_version": 1,
  "name": "tricky",
  "title": "A <title> & \"quotes\"",
  "description": "line one\nline two\ttab",
  "sources": [{"id": "s1", "publisher": "P", "title": "T", "parts": [{"id": "p1", "heading": "H"}]}],
  "places": [
    {"id": "A&B", "name": "Alpha <&> \"quoted\" 'single' \\ back", "iso2": "AB", "lat": 10.5, "lon": 170.0,
     "participant": true, "aliases": ["a;b", "c"],
     "evidence": [{"source": "s1", "part": "p1", "paragraph": 2, "paraphrase": "says \"so\"\nnext line"}]},
    {"id": "B b", "name": "Bravo", "lat": -20.25, "lon": -170.0, "stated_role": "destination"},
    {"id": "node", "name": "Keyword id", "kind": "region", "members": ["A&B"]},
    {"id": "grp", "name": "Group", "kind": "group", "count": 17,
     "figures": [{"what": "n", "value": 2.5, "unit": "x", "qualifier": "about",
                  "evidence": {"source": "s1", "part": "p1", "paraphrase": "two and a half"}}]}
  ],
  "legs": [
    {"id": "x1", "from": "A&B", "to": "B b", "kind": "trafficking", "status": "stated", "persons": 12.5,
     "persons_qualifier": "about", "cost": {"amount": 1500, "currency": "USD", "scope": "journey"},
     "days": 3.25, "days_scope": "leg", "mode": "sea",
     "evidence": [{"source": "s1", "part": "p1", "paraphrase": "x ]]> y"}], "reasoning": "r\r\nwith CRLF"},
    {"from": "A&B", "to": "B b", "kind": "money", "status": "inferred", "reasoning": "parallel\tleg"},
    {"from": "B b", "to": "node", "kind": "fugitive", "status": "extracted"},
    {"from": "node", "to": "grp", "kind": "smuggling", "status": "stated", "persons": 3}
  ],
  "totals": []
}"#;

fn tricky() -> RouteGraph {
    load_json_str(TRICKY, "tricky.json").unwrap().graph
}

fn bytes(g: &RouteGraph, f: ExportFormat) -> Vec<u8> {
    Export::all(g).to_bytes(f).unwrap()
}

fn text(g: &RouteGraph, f: ExportFormat) -> String {
    String::from_utf8(bytes(g, f)).unwrap()
}

/// The data set with CRLF line breaks read as LF, as an XML parser does with
/// a literal CR (NetworkX's writer leaves CR unescaped in element text).
fn lf(ds: &Dataset) -> Dataset {
    let s = serde_json::to_string(ds).unwrap().replace("\\r\\n", "\\n");
    serde_json::from_str(&s).unwrap()
}

/// Legs in id order, for comparing graphs whose edge order a tool changed.
fn sorted_legs(ds: &Dataset) -> Vec<LegRecord> {
    let mut legs = ds.legs.clone();
    legs.sort_by(|a, b| {
        a.id.cmp(&b.id)
            .then(a.from.cmp(&b.from))
            .then(a.to.cmp(&b.to))
    });
    legs
}

// ---------------------------------------------------------------- round trips

#[test]
fn graphml_round_trip_keeps_the_whole_data_set() {
    for g in [turquesa(), tricky()] {
        let xml = text(&g, ExportFormat::Graphml);
        let back = load_graphml_str(&xml, "t.graphml").unwrap();
        assert!(
            back.warnings.iter().all(|w| !w.contains("ignored")),
            "{:?}",
            back.warnings
        );
        assert_eq!(back.graph.to_dataset(), g.to_dataset(), "{}", g.name);
    }
}

#[test]
fn gexf_round_trip_keeps_places_and_legs() {
    for g in [turquesa(), tricky()] {
        let xml = text(&g, ExportFormat::Gexf);
        let back = load_gexf_str(&xml, "t.gexf").unwrap();
        assert!(
            back.warnings.iter().all(|w| !w.contains("ignored")),
            "{:?}",
            back.warnings
        );
        let (a, b) = (g.to_dataset(), back.graph.to_dataset());
        assert_eq!(b.places, a.places);
        assert_eq!(b.legs, a.legs);
        // GEXF has no place for sources and totals; the title goes into the description.
        assert!(b.description.unwrap().starts_with(&a.title.unwrap()));
    }
}

#[test]
fn json_round_trip_is_exact() {
    for g in [turquesa(), tricky()] {
        let json = text(&g, ExportFormat::Json);
        let back = load_json_str(&json, "t.json").unwrap();
        assert_eq!(back.graph.to_dataset(), g.to_dataset());
    }
}

#[test]
fn csv_round_trip_through_the_routegraph_pair() {
    for g in [turquesa(), tricky()] {
        let dir = tempfile::tempdir().unwrap();
        let written = Export::all(&g)
            .write_dir(ExportFormat::Csv, dir.path())
            .unwrap();
        assert_eq!(written.len(), 6);
        let back = load_csv(
            &dir.path().join("legs.csv"),
            Some(&dir.path().join("places.csv")),
        )
        .unwrap();
        assert!(back.warnings.is_empty(), "{:?}", back.warnings);
        let b = &back.graph;
        assert_eq!(b.place_count(), g.place_count());
        assert_eq!(b.leg_count(), g.leg_count());
        for i in 0..g.place_count() {
            let (p, q) = (g.place(i), b.place(i));
            assert_eq!(
                (&q.id, &q.name, q.lat, q.lon),
                (&p.id, &p.name, p.lat, p.lon)
            );
        }
        for i in 0..g.leg_count() {
            let (l, m) = (g.leg(i), b.leg(i));
            assert_eq!(b.ends(i), g.ends(i));
            assert_eq!(b.leg_id(i), g.leg_id(i));
            assert_eq!((m.kind, m.status, m.mode), (l.kind, l.status, l.mode));
            assert_eq!((m.cost(), m.days()), (l.cost(), l.days()));
            assert_eq!(m.currency(), l.currency());
            // The CSV loader's documented default: no count means 1 person.
            assert_eq!(m.persons(), Some(l.persons().unwrap_or(1.0)));
        }
    }
}

// ------------------------------------------------------- Neo4j and GraphFrames

fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let head = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    (head, rows)
}

#[test]
fn csv_headers_suit_neo4j_admin_and_graphframes() {
    let g = tricky();
    let dir = tempfile::tempdir().unwrap();
    Export::all(&g)
        .with_betweenness(vec![0.0; g.place_count()])
        .write_dir(ExportFormat::Csv, dir.path())
        .unwrap();
    let (nodes_h, nodes) = read_csv(&dir.path().join("nodes.csv"));
    let (rels_h, rels) = read_csv(&dir.path().join("relationships.csv"));
    let (vert_h, verts) = read_csv(&dir.path().join("vertices.csv"));
    let (edge_h, edges) = read_csv(&dir.path().join("edges.csv"));

    // neo4j-admin: one :ID column first, :LABEL, typed properties.
    assert_eq!(nodes_h[0], "id:ID");
    assert_eq!(nodes_h.last().unwrap(), ":LABEL");
    assert_eq!(&rels_h[..3], [":START_ID", ":END_ID", ":TYPE"]);
    let neo_types = ["int", "long", "float", "double", "boolean", "string"];
    for head in [&nodes_h, &rels_h] {
        let unique: HashSet<&String> = head.iter().collect();
        assert_eq!(unique.len(), head.len(), "duplicate column in {head:?}");
    }
    for h in nodes_h.iter().chain(&rels_h) {
        if let Some((name, ty)) = h.split_once(':') {
            if !name.is_empty() && ty != "ID" {
                assert!(neo_types.contains(&ty), "{h}");
            }
        }
    }
    assert!(nodes_h.contains(&"lat:double".to_string()));
    assert!(rels_h.contains(&"persons:double".to_string()));
    // Typed cells parse as their type; empty means absent.
    for (head, rows) in [(&nodes_h, &nodes), (&rels_h, &rels)] {
        for row in rows {
            assert_eq!(row.len(), head.len());
            for (h, cell) in head.iter().zip(row) {
                if cell.is_empty() {
                    continue;
                }
                match h.split_once(':').map(|x| x.1) {
                    Some("double") => assert!(cell.parse::<f64>().is_ok(), "{h}={cell}"),
                    Some("int") => assert!(cell.parse::<i32>().is_ok(), "{h}={cell}"),
                    Some("boolean") => assert!(cell == "true" || cell == "false", "{h}={cell}"),
                    _ => {}
                }
            }
        }
    }
    let ids: HashSet<&str> = nodes.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids.len(), g.place_count());
    for r in &rels {
        assert!(ids.contains(r[0].as_str()) && ids.contains(r[1].as_str()));
        assert_eq!(r[2], r[2].to_ascii_uppercase());
    }
    assert_eq!(nodes[2].last().unwrap(), "Place;Region");
    // The evidence column is the JSON array, intact through CSV quoting.
    let ev = rels_h.iter().position(|h| h == "evidence").unwrap();
    let v: serde_json::Value = serde_json::from_str(&rels[0][ev]).unwrap();
    assert_eq!(v[0]["paraphrase"], "x ]]> y");

    // GraphFrames: `id` on vertices, `src` and `dst` on edges.
    assert_eq!(vert_h[0], "id");
    assert!(!vert_h.iter().any(|h| h.contains(':')));
    assert_eq!(&edge_h[..2], ["src", "dst"]);
    assert_eq!(verts.len(), g.place_count());
    assert_eq!(edges.len(), g.leg_count());
    for (a, b) in edges.iter().zip(&rels) {
        assert_eq!(a[..2], b[..2]);
    }
}

// ------------------------------------------------------------------- GeoJSON

fn close(a: &serde_json::Value, b: [f64; 2]) -> bool {
    (a[0].as_f64().unwrap() - b[0]).abs() < 1e-9 && (a[1].as_f64().unwrap() - b[1]).abs() < 1e-9
}

/// RFC 7946 structure, checked with serde_json (the `geojson` crate is not a dependency).
fn check_geojson(g: &RouteGraph, text: &str) -> usize {
    let v: serde_json::Value = serde_json::from_str(text).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
    assert!(v.get("crs").is_none(), "RFC 7946 has no crs member");
    let feats = v["features"].as_array().unwrap();
    let mapped: HashMap<&str, [f64; 2]> = g
        .places()
        .filter_map(|p| p.position().map(|(lon, lat)| (p.id.as_str(), [lon, lat])))
        .collect();
    let legs_mapped = (0..g.leg_count())
        .filter(|&i| {
            let (a, b) = g.ends(i);
            mapped.contains_key(g.place(a).id.as_str())
                && mapped.contains_key(g.place(b).id.as_str())
        })
        .count();
    assert_eq!(feats.len(), mapped.len() + legs_mapped);
    let mut multi = 0;
    for f in feats {
        assert_eq!(f["type"], "Feature");
        let geom = &f["geometry"];
        let props = &f["properties"];
        assert!(props.is_object());
        let check_pos = |p: &serde_json::Value| {
            let p = p.as_array().unwrap();
            assert_eq!(p.len(), 2);
            let (lon, lat) = (p[0].as_f64().unwrap(), p[1].as_f64().unwrap());
            assert!(
                (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat),
                "{p:?}"
            );
        };
        match geom["type"].as_str().unwrap() {
            "Point" => {
                assert_eq!(props["feature"], "place");
                check_pos(&geom["coordinates"]);
                let id = props["id"].as_str().unwrap();
                assert_eq!(f["id"], id);
                assert!(close(&geom["coordinates"], mapped[id]));
            }
            t @ ("LineString" | "MultiLineString") => {
                assert_eq!(props["feature"], "leg");
                let parts: Vec<&Vec<serde_json::Value>> = if t == "LineString" {
                    vec![geom["coordinates"].as_array().unwrap()]
                } else {
                    multi += 1;
                    geom["coordinates"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|p| p.as_array().unwrap())
                        .collect()
                };
                for part in &parts {
                    assert!(part.len() >= 2);
                    for p in part.iter() {
                        check_pos(p);
                    }
                    for w in part.windows(2) {
                        let d = w[1][0].as_f64().unwrap() - w[0][0].as_f64().unwrap();
                        assert!(
                            d.abs() <= 180.0,
                            "a segment crosses the antimeridian: {w:?}"
                        );
                    }
                }
                let from = mapped[props["from"].as_str().unwrap()];
                let to = mapped[props["to"].as_str().unwrap()];
                assert!(close(&parts[0][0], from), "{:?} vs {from:?}", parts[0][0]);
                assert!(close(parts.last().unwrap().last().unwrap(), to));
            }
            other => panic!("unexpected geometry {other}"),
        }
    }
    multi
}

#[test]
fn geojson_is_rfc7946_with_arcs_from_place_to_place() {
    let g = turquesa();
    assert_eq!(check_geojson(&g, &text(&g, ExportFormat::Geojson)), 0);
    let t = tricky();
    let s = text(&t, ExportFormat::Geojson);
    // Both A&B → B b legs cross the antimeridian (170°E to 170°W).
    assert_eq!(check_geojson(&t, &s), 2);
    let v: serde_json::Value = serde_json::from_str(&s).unwrap();
    let leg = v["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "x1")
        .unwrap();
    let p = &leg["properties"];
    assert_eq!(p["persons"], 12.5);
    assert_eq!(p["evidence"][0]["paraphrase"], "x ]]> y");
    assert_eq!(p["reasoning"], "r\r\nwith CRLF");
    assert!(p["betweenness"].is_null() || p.get("betweenness").is_none());
}

// ----------------------------------------------------------------------- DOT

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Id(String, bool),
    P(&'static str),
}

/// DOT's lexical rules: comments, quoted strings (only `\"` and `\\`
/// matter to us), bare identifiers and numerals, and punctuation.
fn lex(s: &str) -> Vec<Tok> {
    let c: Vec<char> = s.chars().collect();
    let mut i = 0;
    let mut out = Vec::new();
    while i < c.len() {
        let ch = c[i];
        if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && c.get(i + 1) == Some(&'/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '"' {
            let mut v = String::new();
            i += 1;
            loop {
                assert!(i < c.len(), "unterminated quoted string");
                match c[i] {
                    '"' => break,
                    '\\' => {
                        match c[i + 1] {
                            '"' => v.push('"'),
                            '\\' => v.push('\\'),
                            'n' => v.push('\n'),
                            o => panic!("unexpected escape \\{o}"),
                        }
                        i += 1;
                    }
                    '\n' => panic!("raw line break in a quoted string"),
                    o => v.push(o),
                }
                i += 1;
            }
            i += 1;
            out.push(Tok::Id(v, true));
        } else if ch == '-' && c.get(i + 1) == Some(&'>') {
            out.push(Tok::P("->"));
            i += 2;
        } else if ch == '-' && c.get(i + 1) == Some(&'-') {
            panic!("undirected edge in a digraph");
        } else if let Some(p) = ["{", "}", "[", "]", "=", ";", ","]
            .iter()
            .find(|p| p.starts_with(ch))
        {
            out.push(Tok::P(p));
            i += 1;
        } else if ch.is_alphanumeric() || ch == '_' || ch == '.' || ch == '-' {
            let start = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_' || c[i] == '.') {
                i += 1;
            }
            if i == start {
                i += 1;
            }
            out.push(Tok::Id(c[start..i].iter().collect(), false));
        } else {
            panic!("unexpected character {ch:?}");
        }
    }
    out
}

type Attrs = HashMap<String, String>;

struct DotGraph {
    nodes: Vec<(String, Attrs)>,
    edges: Vec<(String, String, Attrs)>,
}

/// The grammar's key rules for what we write: `digraph ID { stmt* }`,
/// statements `graph|node|edge [..]`, `ID [..]` and `ID -> ID [..]`,
/// attribute lists `[k=v, ...]`.
fn parse_dot(s: &str) -> DotGraph {
    let t = lex(s);
    let mut i = 0;
    let id = |i: &mut usize| -> (String, bool) {
        match &t[*i] {
            Tok::Id(v, q) => {
                *i += 1;
                (v.clone(), *q)
            }
            other => panic!("expected an ID at token {i}, found {other:?}"),
        }
    };
    let expect = |i: &mut usize, p: &str| {
        assert_eq!(
            t[*i],
            Tok::P(match p {
                "{" => "{",
                "}" => "}",
                "[" => "[",
                "]" => "]",
                "=" => "=",
                _ => unreachable!(),
            })
        );
        *i += 1;
    };
    assert_eq!(id(&mut i), ("digraph".into(), false));
    id(&mut i);
    expect(&mut i, "{");
    let attrs = |i: &mut usize| -> Attrs {
        let mut a = Attrs::new();
        if t.get(*i) != Some(&Tok::P("[")) {
            return a;
        }
        *i += 1;
        while t[*i] != Tok::P("]") {
            let (k, _) = id(i);
            expect(i, "=");
            let (v, _) = id(i);
            assert!(a.insert(k.clone(), v).is_none(), "attribute {k} twice");
            if matches!(t[*i], Tok::P(",") | Tok::P(";")) {
                *i += 1;
            }
        }
        *i += 1;
        a
    };
    let mut g = DotGraph {
        nodes: Vec::new(),
        edges: Vec::new(),
    };
    while t[i] != Tok::P("}") {
        let (a, quoted) = id(&mut i);
        if !quoted && ["graph", "node", "edge"].contains(&a.as_str()) {
            attrs(&mut i);
        } else if t[i] == Tok::P("->") {
            i += 1;
            let (b, _) = id(&mut i);
            let at = attrs(&mut i);
            g.edges.push((a, b, at));
        } else {
            let at = attrs(&mut i);
            g.nodes.push((a, at));
        }
        if t[i] == Tok::P(";") {
            i += 1;
        }
    }
    i += 1;
    assert_eq!(i, t.len(), "tokens after the closing brace");
    g
}

fn check_dot(g: &RouteGraph, s: &str) -> DotGraph {
    let toks = lex(s);
    let count = |p: &str| {
        toks.iter()
            .filter(|t| **t == Tok::P(if p == "{" { "{" } else { "}" }))
            .count()
    };
    assert_eq!(count("{"), 1, "one graph body");
    assert_eq!(count("}"), 1, "braces outside strings balance");
    let d = parse_dot(s);
    assert_eq!(d.nodes.len(), g.place_count());
    assert_eq!(d.edges.len(), g.leg_count());
    let mut declared = HashSet::new();
    for (id, a) in &d.nodes {
        assert!(declared.insert(id.clone()), "node {id} declared twice");
        let pos = a
            .get("pos")
            .unwrap_or_else(|| panic!("node {id} has no pos"));
        let xy = pos.strip_suffix('!').expect("pinned position ends with !");
        let (x, y) = xy.split_once(',').unwrap();
        assert!(
            x.parse::<f64>().is_ok() && y.parse::<f64>().is_ok(),
            "{pos}"
        );
    }
    for (a, b, _) in &d.edges {
        assert!(declared.contains(a) && declared.contains(b), "{a} -> {b}");
    }
    d
}

#[test]
fn dot_follows_the_grammar_and_pins_every_node() {
    let g = turquesa();
    let d = check_dot(&g, &text(&g, ExportFormat::Dot));
    let bgd = &d.nodes.iter().find(|n| n.0 == "BGD").unwrap().1;
    assert_eq!(bgd["fillcolor"], "#E69F00");
    assert_eq!(bgd["role"], "source");
    let t = tricky();
    let d = check_dot(&t, &text(&t, ExportFormat::Dot));
    // Quoted strings read back to the original text.
    let ids: Vec<&str> = d.nodes.iter().map(|n| n.0.as_str()).collect();
    assert_eq!(ids, ["A&B", "B b", "node", "grp"]);
    assert_eq!(d.nodes[0].1["xlabel"], t.place(0).name);
    assert_eq!(d.edges[0].2["reasoning"], "r\nwith CRLF");
    assert_eq!(d.edges[1].2["style"], "dashed");
}

// ------------------------------------------------------------- determinism

#[test]
fn same_input_gives_the_same_bytes() {
    let (g1, g2) = (turquesa(), turquesa());
    for f in ExportFormat::ALL {
        if f.is_directory() {
            let (d1, d2) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
            Export::all(&g1).write_dir(f, d1.path()).unwrap();
            Export::all(&g2).write_dir(f, d2.path()).unwrap();
            for name in f.file_names() {
                assert_eq!(
                    std::fs::read(d1.path().join(name)).unwrap(),
                    std::fs::read(d2.path().join(name)).unwrap(),
                    "{name}"
                );
            }
        } else {
            assert_eq!(bytes(&g1, f), bytes(&g2, f), "{f:?}");
        }
    }
}

// ------------------------------------------------------------- betweenness

#[test]
fn betweenness_is_an_attribute_in_every_format() {
    let g = turquesa();
    let c = centrality(&g, &LegFilter::default(), Metric::Hops, true);
    let x = || {
        Export::all(&g)
            .with_betweenness(c.place.clone())
            .with_leg_betweenness(c.leg.iter().map(|&v| Some(v)).collect())
    };
    let graphml = String::from_utf8(x().to_bytes(ExportFormat::Graphml).unwrap()).unwrap();
    assert!(graphml.contains(r#"attr.name="betweenness" attr.type="double""#));
    let gexf = String::from_utf8(x().to_bytes(ExportFormat::Gexf).unwrap()).unwrap();
    assert!(gexf.contains(r#"<attribute id="betweenness" title="betweenness" type="double"/>"#));
    let dot = String::from_utf8(x().to_bytes(ExportFormat::Dot).unwrap()).unwrap();
    assert!(dot.contains("betweenness=\""));
    let geo: serde_json::Value =
        serde_json::from_slice(&x().to_bytes(ExportFormat::Geojson).unwrap()).unwrap();
    let mex = g.resolve("MEX").unwrap();
    let f = geo["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "MEX")
        .unwrap();
    assert_eq!(
        f["properties"]["betweenness"].as_f64().unwrap(),
        c.place[mex]
    );
    assert!(c.place[mex] > 0.0, "Mexico lies on routes");
    let dir = tempfile::tempdir().unwrap();
    x().write_dir(ExportFormat::Csv, dir.path()).unwrap();
    let (h, _) = read_csv(&dir.path().join("nodes.csv"));
    assert!(h.contains(&"betweenness:double".to_string()));
    // Still reads back: betweenness is computed, not data.
    let back = load_graphml_str(&graphml, "b.graphml").unwrap();
    assert_eq!(back.graph.to_dataset(), g.to_dataset());
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
}

#[test]
fn the_cli_computes_betweenness_unless_told_not_to() {
    let g = turquesa();
    let c = centrality(&g, &LegFilter::default(), Metric::Hops, false);
    let r = routegraph(&["export", "geojson"]);
    let v: serde_json::Value = serde_json::from_str(&r.ok().stdout).unwrap();
    for f in v["features"].as_array().unwrap() {
        if f["properties"]["feature"] == "place" {
            let i = g.index_of(f["id"].as_str().unwrap()).unwrap();
            assert_eq!(f["properties"]["betweenness"].as_f64().unwrap(), c.place[i]);
        }
    }
    let r = routegraph(&["export", "graphml", "--no-betweenness"]);
    assert!(!r.ok().stdout.contains("betweenness"));
}

// ------------------------------------------------------------ command line

#[test]
fn export_writes_files_and_directories() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let r = routegraph_in(d, &["export", "graphml", "--out", "t.graphml"]);
    assert!(r.ok().stdout.contains("wrote t.graphml"), "{}", r.stdout);
    // The format follows the extension when not given.
    routegraph_in(d, &["export", "--out", "t.gexf"]).ok();
    routegraph_in(d, &["export", "-o", "t.dot"]).ok();
    let r = routegraph_in(d, &["export", "--out", "t.geojson"]);
    assert!(
        r.ok()
            .stderr
            .contains("1 place(s) without coordinates left out"),
        "{}",
        r.stderr
    );
    // The global --format json|csv picks those two.
    let r = routegraph_in(d, &["export", "--format", "json"]);
    let ds: Dataset = serde_json::from_str(&r.ok().stdout).unwrap();
    assert_eq!(ds, turquesa().to_dataset());
    let r = routegraph_in(d, &["export", "csv", "--out", "neo4j"]);
    assert!(r.ok().stdout.contains("nodes.csv"));
    for f in ExportFormat::Csv.file_names() {
        assert!(d.join("neo4j").join(f).is_file(), "{f}");
    }
    assert!(d.join("t.gexf").is_file() && d.join("t.dot").is_file());
    // No temporary files left.
    for e in std::fs::read_dir(d).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(!name.ends_with(".tmp"), "{name}");
    }
    // --data reads the GraphML and GEXF back.
    let json = |data: &str| -> Dataset {
        serde_json::from_str(
            &routegraph_in(d, &["--data", data, "export", "json"])
                .ok()
                .stdout,
        )
        .unwrap()
    };
    assert_eq!(json("t.graphml"), turquesa().to_dataset());
    assert_eq!(json("t.gexf").legs, turquesa().to_dataset().legs);
    let r = routegraph_in(d, &["--data", "t.graphml", "roles", "--format", "json"]);
    assert_eq!(
        r.ok().json(),
        routegraph(&["roles", "--format", "json"]).ok().json()
    );
}

#[test]
fn export_honours_kinds_and_status() {
    let r = routegraph(&["--kinds", "fugitive", "export", "json"]);
    let ds: Dataset = serde_json::from_str(&r.ok().stdout).unwrap();
    assert!(!ds.legs.is_empty());
    assert!(ds.legs.iter().all(|l| l.kind.as_str() == "fugitive"));
    assert_eq!(ds.places.len(), 25, "every place is exported");
    let r = routegraph(&[
        "--status",
        "stated",
        "export",
        "graphml",
        "--no-betweenness",
    ]);
    let back = load_graphml_str(&r.ok().stdout, "s.graphml").unwrap();
    assert!(back.graph.leg_count() > 0);
    assert!((0..back.graph.leg_count()).all(|i| back.graph.leg(i).status.as_str() == "stated"));
}

#[test]
fn export_usage_errors() {
    routegraph(&["export"]).fails_with(
        2,
        &["say which format", "graphml|gexf|dot|geojson|csv|json"],
    );
    routegraph(&["export", "csv"]).fails_with(2, &["--out DIR"]);
    routegraph(&["export", "graphml", "--format", "csv"]).fails_with(2, &["two export formats"]);
    let dir = files(&[("f.txt", "x")]);
    routegraph_in(dir.path(), &["export", "csv", "--out", "f.txt"])
        .fails_with(2, &["f.txt", "not a directory"]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("f.txt")).unwrap(),
        "x"
    );
    routegraph_in(dir.path(), &["export", "dot", "--out", "."]).fails_with(2, &["is a directory"]);
}

#[test]
fn graphml_input_errors_name_file_line_and_field() {
    let xml = text(&tricky(), ExportFormat::Graphml);
    let bad = xml.replacen(
        "<data key=\"e_kind\">trafficking</data>",
        "<data key=\"e_kind\">trafficked</data>",
        1,
    );
    let line = bad.lines().position(|l| l.contains("trafficked")).unwrap() + 1;
    let dir = files(&[("bad.graphml", &bad)]);
    routegraph_in(dir.path(), &["--data", "bad.graphml", "legs"]).fails_with(
        2,
        &[
            &format!("bad.graphml:{line}: field `kind`"),
            "unknown kind \"trafficked\"",
        ],
    );
    let bad = xml.replacen("source=\"B b\"", "source=\"nowhere\"", 1);
    let dir = files(&[("bad.graphml", &bad)]);
    routegraph_in(
        dir.path(),
        &["--data", "bad.graphml", "validate", "bad.graphml"],
    )
    .fails_with(2, &["field `source`", "unknown node \"nowhere\""]);
    // Evidence pointing at a source part that does not exist: caught by the
    // data set checks and moved to the edge's line.
    let bad = xml.replacen(r#""part":"p1""#, r#""part":"p9""#, 1);
    let dir = files(&[("bad.graphml", &bad)]);
    let r = routegraph_in(dir.path(), &["--data", "bad.graphml", "legs"]);
    r.fails_with(
        2,
        &["bad.graphml:", "evidence[0].part", "unknown part \"p9\""],
    );
    let dir = files(&[("bad.graphml", "<graphml><graph>")]);
    routegraph_in(dir.path(), &["--data", "bad.graphml", "legs"])
        .fails_with(2, &["bad.graphml:1", "malformed XML"]);
}

#[test]
fn graphml_from_other_tools_warns_about_what_it_ignores() {
    let text = r#"<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key attr.name="label" attr.type="string" for="node" id="label"/>
<key attr.name="Edge Label" attr.type="string" for="edge" id="edgelabel"/>
<key attr.name="weight" attr.type="double" for="edge" id="weight"/>
<key attr.name="r" attr.type="int" for="node" id="r"/>
<key attr.name="x" attr.type="float" for="node" id="x"/>
<key attr.name="latitude" attr.type="double" for="node" id="lat"/>
<key attr.name="lng" attr.type="double" for="node" id="lon"/>
<graph edgedefault="directed">
<node id="n0"><data key="label">Bangladesh</data><data key="r">230</data><data key="x">1.5</data><data key="lat">23.7</data><data key="lon">90.4</data></node>
<node id="n1"><data key="label">Brazil</data></node>
<edge id="e0" source="n0" target="n1"><data key="weight">200.0</data><data key="edgelabel">air</data></edge>
</graph>
</graphml>"#;
    let dir = files(&[("gephi.graphml", text)]);
    let l = load_graphml(&dir.path().join("gephi.graphml")).unwrap();
    let g = &l.graph;
    assert_eq!(g.name, "gephi");
    assert_eq!(g.place(0).name, "Bangladesh");
    assert_eq!(g.place(0).position(), Some((90.4, 23.7)));
    assert_eq!(g.leg(0).persons(), Some(200.0));
    let w = l.warnings.join("\n");
    assert!(w.contains("ignored node attributes: r, x"), "{w}");
    assert!(w.contains("ignored edge attributes: Edge Label"), "{w}");
    let r = routegraph_in(dir.path(), &["--data", "gephi.graphml", "roles"]);
    assert!(r.ok().stderr.contains("warning: "), "{}", r.stderr);
    assert!(r.stdout.contains("Bangladesh"));
}

// ----------------------------------------------------------------- NetworkX

fn networkx() -> bool {
    std::process::Command::new("python3")
        .args(["-c", "import networkx"])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn networkx_reads_our_graphml_and_gexf_and_we_read_its_output() {
    if !networkx() {
        eprintln!("skipped: python3 with networkx is not available (pip install networkx)");
        return;
    }
    let g = turquesa();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    Export::all(&g)
        .write_file(ExportFormat::Graphml, &d.join("t.graphml"))
        .unwrap();
    Export::all(&g)
        .write_file(ExportFormat::Gexf, &d.join("t.gexf"))
        .unwrap();
    let t = tricky();
    Export::all(&t)
        .write_file(ExportFormat::Graphml, &d.join("k.graphml"))
        .unwrap();
    Export::all(&t)
        .write_file(ExportFormat::Gexf, &d.join("k.gexf"))
        .unwrap();
    let script = r#"
import sys, json, networkx as nx
d = sys.argv[1]
out = {}
for name in ["t", "k"]:
    g = nx.read_graphml(f"{d}/{name}.graphml")
    h = nx.read_gexf(f"{d}/{name}.gexf")
    out[name] = {
        "graphml": [g.number_of_nodes(), g.number_of_edges(), g.is_directed(), g.is_multigraph()],
        "gexf": [h.number_of_nodes(), h.number_of_edges(), h.is_directed(), h.is_multigraph()],
        "names": sorted(str(v.get("name")) for _, v in g.nodes(data=True)),
        "labels": sorted(str(v.get("label")) for _, v in h.nodes(data=True)),
        "kinds": sorted(str(e.get("kind")) for _, _, e in g.edges(data=True)),
        "gexf_kinds": sorted(str(e.get("kind")) for _, _, e in h.edges(data=True)),
    }
    if name == "t":
        out[name]["bgd"] = [g.nodes["BGD"]["role"], g.nodes["BGD"]["lat"], h.nodes["BGD"]["viz"]["color"]["r"]]
    nx.write_graphml(g, f"{d}/{name}-nx.graphml")
    nx.write_gexf(h, f"{d}/{name}-nx.gexf")
print(json.dumps(out))
"#;
    let o = std::process::Command::new("python3")
        .args(["-c", script, d.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for (name, graph) in [("t", &g), ("k", &t)] {
        let r = &v[name];
        let (n, m) = (graph.place_count(), graph.leg_count());
        assert_eq!(r["graphml"][0], n);
        assert_eq!(r["graphml"][1], m);
        assert_eq!(r["graphml"][2], true);
        assert_eq!(r["gexf"][0], n);
        assert_eq!(r["gexf"][1], m);
        let mut names: Vec<String> = graph.places().map(|p| p.name.clone()).collect();
        names.sort();
        assert_eq!(r["names"], serde_json::json!(names));
        assert_eq!(r["labels"], serde_json::json!(names));
        let mut kinds: Vec<&str> = (0..m).map(|i| graph.leg(i).kind.as_str()).collect();
        kinds.sort();
        assert_eq!(r["kinds"], serde_json::json!(kinds));
        assert_eq!(r["gexf_kinds"], serde_json::json!(kinds));
        // And what NetworkX writes back reads into the same data set
        // (NetworkX orders edges by source node, so compare legs by id).
        let back = load_graphml(&d.join(format!("{name}-nx.graphml"))).unwrap();
        let (a, b) = (lf(&graph.to_dataset()), lf(&back.graph.to_dataset()));
        assert_eq!(b.places, a.places);
        assert_eq!(sorted_legs(&b), sorted_legs(&a));
        assert_eq!(
            (&b.sources, &b.totals, &b.title),
            (&a.sources, &a.totals, &a.title)
        );
        let text = std::fs::read_to_string(d.join(format!("{name}-nx.gexf"))).unwrap();
        let back = load_gexf_str(&text, "nx.gexf").unwrap();
        let b = lf(&back.graph.to_dataset());
        assert_eq!(b.places, a.places);
        assert_eq!(sorted_legs(&b), sorted_legs(&a));
    }
    assert_eq!(v["t"]["bgd"], serde_json::json!(["source", 23.7, 230]));
    // The tricky set has parallel legs: a multigraph.
    assert_eq!(v["k"]["graphml"][3], true);
}

/// GEXF parses as XML with the 1.3 namespaces, and carries the drawing.
#[test]
fn gexf_has_positions_colours_and_thickness() {
    let g = turquesa();
    let s = text(&g, ExportFormat::Gexf);
    let doc = roxmltree::Document::parse(&s).unwrap();
    let ns = "http://gexf.net/1.3";
    let viz = "http://gexf.net/1.3/viz";
    assert_eq!(doc.root_element().tag_name().namespace(), Some(ns));
    assert_eq!(doc.root_element().attribute("version"), Some("1.3"));
    let nodes: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((ns, "node")))
        .collect();
    let edges: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((ns, "edge")))
        .collect();
    assert_eq!((nodes.len(), edges.len()), (g.place_count(), g.leg_count()));
    for n in &nodes {
        let pos = n
            .children()
            .find(|c| c.has_tag_name((viz, "position")))
            .unwrap();
        let x: f64 = pos.attribute("x").unwrap().parse().unwrap();
        let y: f64 = pos.attribute("y").unwrap().parse().unwrap();
        assert!(x.abs() <= 1000.0 && y.abs() <= 1000.0);
        assert!(n.children().any(|c| c.has_tag_name((viz, "color"))));
    }
    let bgd = nodes
        .iter()
        .find(|n| n.attribute("id") == Some("BGD"))
        .unwrap();
    let usa = nodes
        .iter()
        .find(|n| n.attribute("id") == Some("USA"))
        .unwrap();
    let x = |n: &roxmltree::Node| -> f64 {
        n.children()
            .find(|c| c.has_tag_name((viz, "position")))
            .unwrap()
            .attribute("x")
            .unwrap()
            .parse()
            .unwrap()
    };
    assert!(x(bgd) > 0.0 && x(usa) < 0.0, "east is right");
    let color = bgd
        .children()
        .find(|c| c.has_tag_name((viz, "color")))
        .unwrap();
    assert_eq!(
        [
            color.attribute("r"),
            color.attribute("g"),
            color.attribute("b")
        ],
        [Some("230"), Some("159"), Some("0")]
    );
    let thick = |id: &str| -> f64 {
        let e = edges
            .iter()
            .find(|e| e.attribute("id") == Some(id))
            .unwrap();
        e.children()
            .find(|c| c.has_tag_name((viz, "thickness")))
            .unwrap()
            .attribute("value")
            .unwrap()
            .parse()
            .unwrap()
    };
    // L01 carries 200 persons, L12 one: square-root scale from 1 to 10.
    assert!(thick("L01") > thick("L12"));
    assert_eq!(thick("L01"), 10.0);
}

/// Whether a program runs (`--version`-like probe).
fn has(program: &str, args: &[&str]) -> bool {
    std::process::Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The readers the formats are meant for, where this machine has them:
/// Python's `geojson` (RFC 7946 validation), GDAL's `ogrinfo` (what QGIS
/// reads GeoJSON with), Graphviz's `neato -n2`, `pydot` (NetworkX's
/// `read_dot`) and python-igraph's GraphML reader. Each missing one is
/// skipped with a message.
#[test]
fn other_readers_accept_our_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (g, t) = (turquesa(), tricky());
    for (name, graph) in [("t", &g), ("k", &t)] {
        for f in [
            ExportFormat::Geojson,
            ExportFormat::Dot,
            ExportFormat::Graphml,
        ] {
            Export::all(graph)
                .write_file(f, &d.join(format!("{name}.{}", f.as_str())))
                .unwrap();
        }
    }
    let python = |module: &str, script: &str| -> Option<String> {
        if !has("python3", &["-c", &format!("import {module}")]) {
            eprintln!("skipped: python3 module {module} is not available");
            return None;
        }
        let o = std::process::Command::new("python3")
            .args(["-c", script, d.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "{module}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        Some(String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    if let Some(out) = python(
        "geojson",
        "import sys, geojson\n\
         for n in 't', 'k':\n\
         \x20   o = geojson.load(open(f'{sys.argv[1]}/{n}.geojson'))\n\
         \x20   print(o.is_valid, len(o['features']), o.errors())",
    ) {
        assert_eq!(out, "True 40 []\nTrue 4 []");
    }
    if let Some(out) = python(
        "pydot",
        "import sys, networkx as nx\n\
         for n in 't', 'k':\n\
         \x20   g = nx.nx_pydot.read_dot(f'{sys.argv[1]}/{n}.dot')\n\
         \x20   print(g.number_of_nodes(), g.number_of_edges())",
    ) {
        assert_eq!(out, "25 17\n4 4");
    }
    if let Some(out) = python(
        "igraph",
        "import sys, igraph\n\
         for n in 't', 'k':\n\
         \x20   g = igraph.Graph.Read_GraphML(f'{sys.argv[1]}/{n}.graphml')\n\
         \x20   print(g.vcount(), g.ecount(), g.is_directed(), g.vs[0]['name'])",
    ) {
        assert_eq!(
            out,
            format!("25 17 True Argentina\n4 4 True {}", t.place(0).name)
        );
    }
    if has("ogrinfo", &["--version"]) {
        let o = std::process::Command::new("ogrinfo")
            .args(["-ro", "-al", "-so"])
            .arg(d.join("t.geojson"))
            .output()
            .unwrap();
        let s = String::from_utf8_lossy(&o.stdout);
        assert!(o.status.success() && s.contains("Feature Count: 40"), "{s}");
    } else {
        eprintln!("skipped: GDAL's ogrinfo is not installed (apt-get install gdal-bin)");
    }
    if has("neato", &["-V"]) {
        for (name, graph) in [("t", &g), ("k", &t)] {
            let o = std::process::Command::new("neato")
                .args(["-n2", "-Tsvg"])
                .arg(d.join(format!("{name}.dot")))
                .output()
                .unwrap();
            let svg = String::from_utf8_lossy(&o.stdout);
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            assert!(
                o.stderr.is_empty(),
                "{}",
                String::from_utf8_lossy(&o.stderr)
            );
            assert_eq!(svg.matches("class=\"node\"").count(), graph.place_count());
            assert_eq!(svg.matches("class=\"edge\"").count(), graph.leg_count());
        }
    } else {
        eprintln!("skipped: Graphviz is not installed (apt-get install graphviz)");
    }
}
