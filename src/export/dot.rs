//! Graphviz DOT with our layout pinned: every node has `pos="x,y!"` in
//! points (Equal Earth × [`SCALE`], y north, as Graphviz wants it), so
//! `neato -n2 -Tsvg routes.dot -o routes.svg` draws the map layout instead
//! of computing one. Places without coordinates sit in a row below the map.
//! Nodes are coloured by role and sized by persons through them; legs are
//! coloured by kind, dashed when inferred and dotted when extracted, with
//! pen width by persons (square-root scale). Every attribute is carried as a
//! quoted DOT attribute (Graphviz ignores the ones it does not know; Gephi
//! and NetworkX's pydot reader keep them), except the place name, which is
//! the node's `xlabel` and `tooltip`.

use super::{kind_color, num, role_color, round, sqrt_scale, Export, Exporter};
use crate::model::Status;
use std::io::{self, Write};

pub(super) struct Dot;

/// Points per Equal Earth unit: the world is about 1620 points (22.5 in) wide.
pub(crate) const SCALE: f64 = 300.0;

/// A DOT quoted string: `"` and `\` escaped, line breaks as `\n`.
pub(crate) fn quote(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\r' => {}
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

fn attr_list(out: &mut dyn Write, attrs: &[(&str, String)]) -> io::Result<()> {
    out.write_all(b" [")?;
    for (k, (name, v)) in attrs.iter().enumerate() {
        if k > 0 {
            out.write_all(b", ")?;
        }
        write!(out, "{name}={}", quote(v))?;
    }
    out.write_all(b"]")
}

impl Exporter for Dot {
    fn write(&self, x: &Export<'_>, _file: usize, out: &mut dyn Write) -> io::Result<()> {
        let g = x.graph;
        let name = if g.name.is_empty() { "routes" } else { &g.name };
        writeln!(
            out,
            "// {name}, exported by routegraph. Positions are Equal Earth map coordinates in points:"
        )?;
        writeln!(
            out,
            "// draw with `neato -n2 -Tsvg FILE.dot -o FILE.svg` (or -Tpng) to keep them."
        )?;
        writeln!(out, "digraph {} {{", quote(name))?;
        let title = g.title.clone().unwrap_or_default();
        write!(out, "  graph")?;
        attr_list(
            out,
            &[
                ("label", title),
                ("labelloc", "t".into()),
                ("fontname", "Helvetica".into()),
                ("fontsize", "18".into()),
                ("outputorder", "edgesfirst".into()),
                ("bgcolor", "white".into()),
            ],
        )?;
        writeln!(out, ";")?;
        write!(out, "  node")?;
        attr_list(
            out,
            &[
                ("shape", "circle".into()),
                ("style", "filled".into()),
                ("fixedsize", "true".into()),
                ("label", String::new()),
                ("color", "#333333".into()),
                ("fontname", "Helvetica".into()),
                ("fontsize", "10".into()),
            ],
        )?;
        writeln!(out, ";")?;
        write!(out, "  edge")?;
        attr_list(out, &[("arrowsize", "0.6".into())])?;
        writeln!(out, ";")?;

        let layout = x.layout();
        let through = x.throughput();
        let max_through = through.iter().copied().fold(0.0, f64::max);
        let place_attrs = x.place_attrs();
        for i in 0..g.place_count() {
            let p = g.place(i);
            let (px, py) = layout[i];
            let width = sqrt_scale(Some(through[i]), max_through, 0.12, 0.4);
            let mut attrs: Vec<(&str, String)> = vec![
                (
                    "pos",
                    format!(
                        "{},{}!",
                        num(round(px * SCALE, 2)),
                        num(round(py * SCALE, 2))
                    ),
                ),
                ("xlabel", p.name.clone()),
                ("tooltip", p.name.clone()),
                ("fillcolor", role_color(x.roles[i].role).into()),
                ("width", num(round(width, 3))),
            ];
            for (a, v) in place_attrs.iter().zip(x.place_values(i)) {
                // The id is the node's; the name is its xlabel (pydot, and so
                // NetworkX's read_dot, cannot take a node attribute `name`).
                if a.name == "id" || a.name == "name" {
                    continue;
                }
                if let Some(v) = v {
                    attrs.push((a.name, v.text()));
                }
            }
            write!(out, "  {}", quote(&p.id))?;
            attr_list(out, &attrs)?;
            writeln!(out, ";")?;
        }

        let max_persons = x.max_persons();
        let leg_attrs = x.leg_attrs();
        for &e in &x.legs {
            let (a, b) = g.ends(e);
            let leg = g.leg(e);
            let mut attrs: Vec<(&str, String)> = vec![
                ("color", kind_color(leg.kind).into()),
                (
                    "penwidth",
                    num(round(sqrt_scale(leg.persons(), max_persons, 0.8, 6.0), 2)),
                ),
            ];
            match leg.status {
                Status::Inferred => attrs.push(("style", "dashed".into())),
                Status::Extracted => attrs.push(("style", "dotted".into())),
                Status::Stated => {}
            }
            for (a, v) in leg_attrs.iter().zip(x.leg_values(e)) {
                if let Some(v) = v {
                    attrs.push((a.name, v.text()));
                }
            }
            write!(
                out,
                "  {} -> {}",
                quote(&g.place(a).id),
                quote(&g.place(b).id)
            )?;
            attr_list(out, &attrs)?;
            writeln!(out, ";")?;
        }
        writeln!(out, "}}")
    }
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quoting_escapes_quotes_and_backslashes() {
        assert_eq!(quote("a\"b\\c\nd"), r#""a\"b\\c\nd""#);
        assert_eq!(quote("node"), "\"node\"");
    }
}
