//! CSV files, written together into one directory:
//!
//! - `nodes.csv` + `relationships.csv`: headers as `neo4j-admin database
//!   import full` reads them (`id:ID`, typed properties such as
//!   `lat:double`, `:LABEL` = `Place;Country|Region|Group`; `:START_ID`,
//!   `:END_ID`, `:TYPE` = the leg kind in capitals, e.g. `SMUGGLING`).
//! - `vertices.csv` + `edges.csv`: the same columns without type suffixes,
//!   with `id` for vertices and `src`, `dst` for edges, as Spark GraphFrames
//!   wants them.
//! - `places.csv` + `legs.csv`: routegraph's own CSV input
//!   (`--data legs.csv --places places.csv`), for a round trip. That format
//!   carries id, name and coordinates of places and the core leg fields only;
//!   a leg with no persons count reads back as 1 person (the CSV default).
//!
//! Quoting is RFC 4180 (fields with `,`, `"` or line breaks quoted, `"`
//! doubled); lists (evidence, aliases, figures) are JSON text. Unknown
//! values are empty fields.

use super::{num, Attr, Export, Exporter, Ty, Val};
use crate::model::PlaceKind;
use std::io::{self, Write};

pub(super) struct Csv;

pub(crate) const FILES: [&str; 6] = [
    "nodes.csv",
    "relationships.csv",
    "vertices.csv",
    "edges.csv",
    "places.csv",
    "legs.csv",
];

fn neo4j_type(ty: Ty) -> Option<&'static str> {
    match ty {
        Ty::Str | Ty::Json => None,
        Ty::Double => Some("double"),
        Ty::Int => Some("int"),
        Ty::Bool => Some("boolean"),
    }
}

fn neo4j_header(a: &Attr) -> String {
    match neo4j_type(a.ty) {
        Some(t) => format!("{}:{t}", a.name),
        None => a.name.to_string(),
    }
}

fn cell(v: &Option<Val>) -> String {
    v.as_ref().map(Val::text).unwrap_or_default()
}

fn label(k: PlaceKind) -> &'static str {
    match k {
        PlaceKind::Country => "Place;Country",
        PlaceKind::Region => "Place;Region",
        PlaceKind::Group => "Place;Group",
    }
}

fn to_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        k => io::Error::other(format!("{k:?}")),
    }
}

impl Exporter for Csv {
    fn files(&self) -> Option<&'static [&'static str]> {
        Some(&FILES)
    }

    fn write(&self, x: &Export<'_>, file: usize, out: &mut dyn Write) -> io::Result<()> {
        let mut w = csv::Writer::from_writer(out);
        let g = x.graph;
        let place_attrs = x.place_attrs();
        let leg_attrs = x.leg_attrs();
        let mut row = |cells: Vec<String>| w.write_record(&cells).map_err(to_io);
        match FILES[file] {
            "nodes.csv" | "vertices.csv" => {
                let neo = FILES[file] == "nodes.csv";
                let mut head: Vec<String> = place_attrs
                    .iter()
                    .map(|a| match (neo, a.name) {
                        (true, "id") => "id:ID".to_string(),
                        (true, _) => neo4j_header(a),
                        (false, _) => a.name.to_string(),
                    })
                    .collect();
                if neo {
                    head.push(":LABEL".into());
                }
                row(head)?;
                for i in 0..g.place_count() {
                    let mut cells: Vec<String> = x.place_values(i).iter().map(cell).collect();
                    if neo {
                        cells.push(label(g.place(i).kind).into());
                    }
                    row(cells)?;
                }
            }
            "relationships.csv" | "edges.csv" => {
                let neo = FILES[file] == "relationships.csv";
                let mut head: Vec<String> = if neo {
                    vec![":START_ID".into(), ":END_ID".into(), ":TYPE".into()]
                } else {
                    vec!["src".into(), "dst".into()]
                };
                head.extend(leg_attrs.iter().map(|a| {
                    if neo {
                        neo4j_header(a)
                    } else {
                        a.name.to_string()
                    }
                }));
                row(head)?;
                for &e in &x.legs {
                    let (a, b) = g.ends(e);
                    let mut cells = vec![g.place(a).id.clone(), g.place(b).id.clone()];
                    if neo {
                        cells.push(g.leg(e).kind.as_str().to_ascii_uppercase());
                    }
                    cells.extend(x.leg_values(e).iter().map(cell));
                    row(cells)?;
                }
            }
            "places.csv" => {
                row(vec!["id".into(), "name".into(), "lat".into(), "lon".into()])?;
                for p in g.places() {
                    row(vec![
                        p.id.clone(),
                        p.name.clone(),
                        p.lat.map(num).unwrap_or_default(),
                        p.lon.map(num).unwrap_or_default(),
                    ])?;
                }
            }
            _ => {
                row([
                    "id", "from", "to", "kind", "status", "persons", "cost", "currency", "days",
                    "mode",
                ]
                .iter()
                .map(|s| s.to_string())
                .collect())?;
                for &e in &x.legs {
                    let (a, b) = g.ends(e);
                    let leg = g.leg(e);
                    row(vec![
                        g.leg_id(e),
                        g.place(a).id.clone(),
                        g.place(b).id.clone(),
                        leg.kind.as_str().into(),
                        leg.status.as_str().into(),
                        leg.persons().map(num).unwrap_or_default(),
                        leg.cost().map(num).unwrap_or_default(),
                        leg.currency().unwrap_or_default().into(),
                        leg.days().map(num).unwrap_or_default(),
                        leg.mode.map(|m| m.as_str().to_string()).unwrap_or_default(),
                    ])?;
                }
            }
        }
        w.flush()
    }
}
