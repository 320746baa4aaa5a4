//! GEXF 1.3 (<https://gexf.net/>), for Gephi: the attributes as `<attvalue>`s,
//! and the drawing as ours, so the Gephi view starts where routegraph's map
//! does: `viz:position` from the Equal Earth projection (x in ±1000, y
//! north), `viz:color` by role ([`ROLE_COLORS`](super::ROLE_COLORS)),
//! `viz:size` by persons through the place and `viz:thickness` by persons
//! moved, both on a square-root scale. Edge `weight` is the persons moved
//! when known. Node ids are place ids, labels their names; edge ids are leg
//! ids (`L<n>` for a leg without one; its own id, if any, is also the
//! `leg_id` attribute, which is what reads back).

use super::xml::XmlWriter;
use super::{
    kind_color, num, rgb, role_color, round, sqrt_scale, Attr, Export, Exporter, Ty, LEG_ID,
};
use std::io::{self, Write};

pub(super) struct Gexf;

const NS: &str = "http://gexf.net/1.3";
const NS_VIZ: &str = "http://gexf.net/1.3/viz";
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const SCHEMA: &str = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd";

/// Equal Earth x spans ±2.70663: scale it to ±1000.
pub(crate) const SCALE: f64 = 1000.0 / 2.706_629_9;

fn type_name(ty: Ty) -> &'static str {
    match ty {
        Ty::Str | Ty::Json => "string",
        Ty::Double => "double",
        Ty::Int => "integer",
        Ty::Bool => "boolean",
    }
}

/// Attributes written as attvalues: everything but what the element itself holds.
fn attvalue_attrs(attrs: &[Attr], skip: &[&str]) -> Vec<(usize, Attr)> {
    attrs
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, a)| !skip.contains(&a.name))
        .collect()
}

fn declare(w: &mut XmlWriter<'_>, class: &str, attrs: &[(usize, Attr)]) -> io::Result<()> {
    w.start("attributes", &[("class", class), ("mode", "static")])?;
    for (_, a) in attrs {
        w.empty(
            "attribute",
            &[("id", a.name), ("title", a.name), ("type", type_name(a.ty))],
        )?;
    }
    w.end("attributes")
}

fn attvalues(
    w: &mut XmlWriter<'_>,
    attrs: &[(usize, Attr)],
    vals: &[Option<super::Val>],
) -> io::Result<()> {
    if attrs.iter().all(|(i, _)| vals[*i].is_none()) {
        return Ok(());
    }
    w.start("attvalues", &[])?;
    for (i, a) in attrs {
        if let Some(v) = &vals[*i] {
            w.empty("attvalue", &[("for", a.name), ("value", &v.text())])?;
        }
    }
    w.end("attvalues")
}

fn color(w: &mut XmlWriter<'_>, hex: &str) -> io::Result<()> {
    let (r, g, b) = rgb(hex);
    w.empty(
        "viz:color",
        &[
            ("r", &r.to_string()),
            ("g", &g.to_string()),
            ("b", &b.to_string()),
        ],
    )
}

impl Exporter for Gexf {
    fn write(&self, x: &Export<'_>, _file: usize, out: &mut dyn Write) -> io::Result<()> {
        let g = x.graph;
        let mut w = XmlWriter::new(out);
        w.declaration()?;
        w.start(
            "gexf",
            &[
                ("xmlns", NS),
                ("xmlns:viz", NS_VIZ),
                ("xmlns:xsi", XSI),
                ("xsi:schemaLocation", SCHEMA),
                ("version", "1.3"),
            ],
        )?;
        w.start("meta", &[])?;
        w.leaf("creator", &[], "routegraph")?;
        let description = [g.title.as_deref(), g.description.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(": ");
        if !description.is_empty() {
            w.leaf("description", &[], &description)?;
        }
        w.end("meta")?;
        w.start(
            "graph",
            &[("defaultedgetype", "directed"), ("mode", "static")],
        )?;
        let place_attrs = x.place_attrs();
        let node_attrs = attvalue_attrs(&place_attrs, &["id", "name"]);
        let leg_attrs = x.leg_attrs();
        let edge_attrs = attvalue_attrs(&leg_attrs, &["id"]);
        declare(&mut w, "node", &node_attrs)?;
        // `leg_id`: the leg's own id only (the edge id is `L<n>` without one).
        let leg_id = [(leg_attrs.len(), LEG_ID)];
        declare(&mut w, "edge", &[&leg_id[..], &edge_attrs[..]].concat())?;

        let layout = x.layout();
        let through = x.throughput();
        let max_through = through.iter().copied().fold(0.0, f64::max);
        w.start("nodes", &[])?;
        for i in 0..g.place_count() {
            let p = g.place(i);
            w.start("node", &[("id", &p.id), ("label", &p.name)])?;
            attvalues(&mut w, &node_attrs, &x.place_values(i))?;
            color(&mut w, role_color(x.roles[i].role))?;
            let (px, py) = layout[i];
            w.empty(
                "viz:position",
                &[
                    ("x", &num(round(px * SCALE, 2))),
                    ("y", &num(round(py * SCALE, 2))),
                    ("z", "0"),
                ],
            )?;
            let size = sqrt_scale(Some(through[i]), max_through, 4.0, 20.0);
            w.empty("viz:size", &[("value", &num(round(size, 2)))])?;
            w.end("node")?;
        }
        w.end("nodes")?;

        let max_persons = x.max_persons();
        w.start("edges", &[])?;
        for &e in &x.legs {
            let (a, b) = g.ends(e);
            let leg = g.leg(e);
            let id = g.leg_id(e);
            let weight = leg.persons().map(num);
            let mut attrs: Vec<(&str, &str)> = vec![
                ("id", &id),
                ("source", &g.place(a).id),
                ("target", &g.place(b).id),
            ];
            if let Some(wt) = &weight {
                attrs.push(("weight", wt));
            }
            w.start("edge", &attrs)?;
            let mut vals = x.leg_values(e);
            vals.push(leg.detail().and_then(|d| d.id.clone()).map(super::Val::Str));
            attvalues(&mut w, &[&leg_id[..], &edge_attrs[..]].concat(), &vals)?;
            color(&mut w, kind_color(leg.kind))?;
            let t = sqrt_scale(leg.persons(), max_persons, 1.0, 10.0);
            w.empty("viz:thickness", &[("value", &num(round(t, 2)))])?;
            w.end("edge")?;
        }
        w.end("edges")?;
        w.end("graph")?;
        w.end("gexf")
    }
}
