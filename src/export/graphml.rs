//! GraphML (<http://graphml.graphdrawing.org/>), as Gephi, NetworkX, yEd and
//! igraph read it: one `<key>` per attribute with `attr.name` and
//! `attr.type`, `edgedefault="directed"`, node ids = place ids, edge ids =
//! leg ids (`L<n>` for a leg without one), parallel edges as they are. Nodes
//! also get a `label` (the name), which Gephi shows. A leg's own id, when it
//! has one, is also the `leg_id` attribute: that is what reads back, so that
//! a leg without an id stays without one.

use super::xml::XmlWriter;
use super::{Attr, Export, Exporter, Ty, Val, GRAPH_ATTRS, LEG_ID};
use std::io::{self, Write};

pub(super) struct Graphml;

const NS: &str = "http://graphml.graphdrawing.org/xmlns";
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const SCHEMA: &str =
    "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd";

fn type_name(ty: Ty) -> &'static str {
    match ty {
        Ty::Str | Ty::Json => "string",
        Ty::Double => "double",
        Ty::Int => "int",
        Ty::Bool => "boolean",
    }
}

fn keys(w: &mut XmlWriter<'_>, prefix: &str, domain: &str, attrs: &[Attr]) -> io::Result<()> {
    for a in attrs {
        let id = format!("{prefix}_{}", a.name);
        w.empty(
            "key",
            &[
                ("id", &id),
                ("for", domain),
                ("attr.name", a.name),
                ("attr.type", type_name(a.ty)),
            ],
        )?;
    }
    Ok(())
}

fn data(
    w: &mut XmlWriter<'_>,
    prefix: &str,
    attrs: &[Attr],
    vals: &[Option<Val>],
) -> io::Result<()> {
    for (a, v) in attrs.iter().zip(vals) {
        if let Some(v) = v {
            w.leaf(
                "data",
                &[("key", &format!("{prefix}_{}", a.name))],
                &v.text(),
            )?;
        }
    }
    Ok(())
}

/// The element id is the id: the attribute tables without `id`.
fn without_id(attrs: &[Attr]) -> (Vec<Attr>, usize) {
    let pos = attrs.iter().position(|a| a.name == "id").unwrap_or(0);
    let mut v = attrs.to_vec();
    v.remove(pos);
    (v, pos)
}

impl Exporter for Graphml {
    fn write(&self, x: &Export<'_>, _file: usize, out: &mut dyn Write) -> io::Result<()> {
        let g = x.graph;
        let mut w = XmlWriter::new(out);
        w.declaration()?;
        w.start(
            "graphml",
            &[
                ("xmlns", NS),
                ("xmlns:xsi", XSI),
                ("xsi:schemaLocation", SCHEMA),
            ],
        )?;
        let (place_attrs, place_id) = without_id(&x.place_attrs());
        let (leg_attrs, leg_id) = without_id(&x.leg_attrs());
        keys(&mut w, "g", "graph", &GRAPH_ATTRS)?;
        w.empty(
            "key",
            &[
                ("id", "n_label"),
                ("for", "node"),
                ("attr.name", "label"),
                ("attr.type", "string"),
            ],
        )?;
        keys(&mut w, "n", "node", &place_attrs)?;
        keys(&mut w, "e", "edge", &[LEG_ID])?;
        keys(&mut w, "e", "edge", &leg_attrs)?;
        w.start("graph", &[("id", "G"), ("edgedefault", "directed")])?;
        data(&mut w, "g", &GRAPH_ATTRS, &x.graph_values())?;
        for i in 0..g.place_count() {
            let p = g.place(i);
            let mut vals = x.place_values(i);
            vals.remove(place_id);
            w.start("node", &[("id", &p.id)])?;
            w.leaf("data", &[("key", "n_label")], &p.name)?;
            data(&mut w, "n", &place_attrs, &vals)?;
            w.end("node")?;
        }
        for &e in &x.legs {
            let (a, b) = g.ends(e);
            let mut vals = x.leg_values(e);
            vals.remove(leg_id);
            w.start(
                "edge",
                &[
                    ("id", &g.leg_id(e)),
                    ("source", &g.place(a).id),
                    ("target", &g.place(b).id),
                ],
            )?;
            if let Some(id) = g.leg(e).detail().and_then(|d| d.id.as_deref()) {
                w.leaf("data", &[("key", "e_leg_id")], id)?;
            }
            data(&mut w, "e", &leg_attrs, &vals)?;
            w.end("edge")?;
        }
        w.end("graph")?;
        w.end("graphml")
    }
}
