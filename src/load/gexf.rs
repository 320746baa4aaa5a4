//! GEXF input (1.1 to 1.3, as routegraph, Gephi and NetworkX write it):
//! `<attributes>` declare each attribute's id and title, `<attvalue for=...>`
//! give values, a node's `label` is its name when no `name` attribute is
//! given, and an edge's `weight` is its persons when no `persons` attribute
//! is given. Attributes map by title exactly as for GraphML (see
//! `graphml.rs`); drawing (`viz:*`) is skipped. Dynamic data (spells,
//! `start`/`end`) is ignored with a warning; a nested node (hierarchy) is an
//! error.

use super::graphml::{
    at_line, build, entity, get, local, name_from_file, read_text, xml_attrs, xml_error, Lines,
    RawAttr, RawEdge, RawGraph, RawNode,
};
use super::Loaded;
use crate::error::{Error, InputError, Result};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::HashMap;
use std::path::Path;

/// Load a GEXF file.
pub fn load_gexf(path: &Path) -> Result<Loaded> {
    let text = read_text(path)?;
    let mut loaded = load_gexf_str(&text, &path.display().to_string())?;
    name_from_file(&mut loaded, path);
    Ok(loaded)
}

/// Load GEXF text; `file` names it in errors.
pub fn load_gexf_str(text: &str, file: &str) -> Result<Loaded> {
    build(parse(text, file)?, file)
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Class {
    Node,
    Edge,
}

#[derive(Debug)]
enum Ctx {
    Attributes(Option<Class>),
    Attribute(Option<Class>, String),
    Default(Option<Class>, String, String),
    Description(String),
    Node(usize),
    Edge(usize),
    Other,
}

fn parse(text: &str, file: &str) -> Result<RawGraph> {
    let mut r = Reader::from_str(text);
    let mut lines = Lines::new(text);
    let mut raw = RawGraph::default();
    // (class, attribute id) -> title
    let mut titles: HashMap<(Class, String), String> = HashMap::new();
    let mut defaults: Vec<(Class, String, String)> = Vec::new();
    let mut stack: Vec<Ctx> = Vec::new();
    let mut seen_root = false;
    let mut graphs = 0usize;
    let mut dynamic = false;
    let mut undirected = 0usize;
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
            if attrs
                .iter()
                .any(|(k, _)| matches!(k.as_str(), "start" | "end" | "startopen" | "endopen"))
            {
                dynamic = true;
            }
            let parent_is_node = matches!(stack.last(), Some(Ctx::Node(_)));
            let ctx = match (name.as_str(), stack.last()) {
                ("gexf", None) => {
                    seen_root = true;
                    Ctx::Other
                }
                ("description", Some(Ctx::Other)) if stack.len() == 2 => {
                    Ctx::Description(String::new())
                }
                ("graph", _) => {
                    graphs += 1;
                    if graphs > 1 {
                        return Err(at_line(
                            file,
                            line,
                            "a second <graph>: routegraph reads one graph per file",
                        ));
                    }
                    if get(&attrs, "defaultedgetype") == Some("undirected") {
                        raw.warnings.push(format!(
                            "{file}: the graph is undirected (defaultedgetype=\"undirected\"): \
                             each edge is read as a leg from its source to its target"
                        ));
                    }
                    if get(&attrs, "mode") == Some("dynamic") {
                        dynamic = true;
                    }
                    Ctx::Other
                }
                ("attributes", _) => Ctx::Attributes(match get(&attrs, "class") {
                    Some("node") => Some(Class::Node),
                    Some("edge") => Some(Class::Edge),
                    _ => None,
                }),
                ("attribute", Some(Ctx::Attributes(class))) => {
                    let class = *class;
                    let id = get(&attrs, "id").ok_or_else(|| {
                        at_line(file, line, "an <attribute> needs an id attribute")
                    })?;
                    let title = get(&attrs, "title").unwrap_or(id);
                    if class == Some(Class::Edge) && title == "leg_id" {
                        raw.leg_id_declared = true;
                    }
                    if let Some(c) = class {
                        titles.insert((c, id.to_string()), title.to_string());
                    }
                    Ctx::Attribute(class, id.to_string())
                }
                ("default", Some(Ctx::Attribute(class, id))) => {
                    Ctx::Default(*class, id.clone(), String::new())
                }
                ("nodes", _) if parent_is_node => {
                    return Err(at_line(
                        file,
                        line,
                        "nested nodes (a hierarchy) are not supported: \
                         routegraph reads one flat graph of places and legs",
                    ))
                }
                ("node", _) => {
                    let id = get(&attrs, "id")
                        .ok_or_else(|| at_line(file, line, "a <node> needs an id attribute"))?;
                    let mut node_attrs = Vec::new();
                    if let Some(label) = get(&attrs, "label") {
                        node_attrs.push(RawAttr {
                            name: "label".into(),
                            value: label.to_string(),
                            line,
                        });
                    }
                    raw.nodes.push(RawNode {
                        id: id.to_string(),
                        line,
                        attrs: node_attrs,
                    });
                    Ctx::Node(raw.nodes.len() - 1)
                }
                ("edge", _) => {
                    let end = |which: &str| {
                        get(&attrs, which).map(str::to_string).ok_or_else(|| {
                            Error::from(
                                InputError::new(
                                    file,
                                    format!("an <edge> needs a {which} attribute naming a node id"),
                                )
                                .line(line)
                                .field(which),
                            )
                        })
                    };
                    let (source, target) = (end("source")?, end("target")?);
                    if matches!(get(&attrs, "type"), Some("undirected" | "mutual")) {
                        undirected += 1;
                    }
                    let mut edge_attrs = Vec::new();
                    // GEXF 1.3's edge `kind`, then `weight` and `label`;
                    // attvalues of the same name come later and win.
                    for k in ["kind", "weight", "label"] {
                        if let Some(v) = get(&attrs, k) {
                            edge_attrs.push(RawAttr {
                                name: k.into(),
                                value: v.to_string(),
                                line,
                            });
                        }
                    }
                    raw.edges.push(RawEdge {
                        id: get(&attrs, "id").map(str::to_string),
                        source,
                        target,
                        line,
                        attrs: edge_attrs,
                    });
                    Ctx::Edge(raw.edges.len() - 1)
                }
                ("attvalue", _) => {
                    let owner = stack.iter().rev().find_map(|c| match c {
                        Ctx::Node(i) => Some((Class::Node, *i)),
                        Ctx::Edge(i) => Some((Class::Edge, *i)),
                        _ => None,
                    });
                    if let Some((class, i)) = owner {
                        let key = get(&attrs, "for")
                            .or_else(|| get(&attrs, "id"))
                            .ok_or_else(|| {
                                at_line(file, line, "an <attvalue> needs a for attribute")
                            })?;
                        let Some(title) = titles.get(&(class, key.to_string())) else {
                            return Err(InputError::new(
                                file,
                                format!(
                                    "<attvalue for=\"{key}\">: no {} <attribute> has id {key:?}",
                                    if class == Class::Node { "node" } else { "edge" }
                                ),
                            )
                            .line(line)
                            .field("for")
                            .into());
                        };
                        let attr = RawAttr {
                            name: title.clone(),
                            value: get(&attrs, "value").unwrap_or("").to_string(),
                            line,
                        };
                        match class {
                            Class::Node => raw.nodes[i].attrs.push(attr),
                            Class::Edge => raw.edges[i].attrs.push(attr),
                        }
                    }
                    Ctx::Other
                }
                _ => Ctx::Other,
            };
            stack.push(ctx);
            if !empty {
                continue;
            }
        }
        match ev {
            Event::Start(_) => {}
            Event::Empty(_) | Event::End(_) => match stack.pop() {
                Some(Ctx::Default(Some(class), id, text)) => defaults.push((class, id, text)),
                Some(Ctx::Description(text)) if !text.trim().is_empty() => {
                    raw.graph_attrs.push(RawAttr {
                        name: "description".into(),
                        value: text,
                        line: 1,
                    });
                }
                _ => {}
            },
            Event::Text(t) => {
                if let Some(Ctx::Default(_, _, text) | Ctx::Description(text)) = stack.last_mut() {
                    let s = t
                        .xml10_content()
                        .map_err(|e| xml_error(file, &mut lines, pos, e))?;
                    text.push_str(&s);
                }
            }
            Event::CData(c) => {
                if let Some(Ctx::Default(_, _, text) | Ctx::Description(text)) = stack.last_mut() {
                    let s = c
                        .decode()
                        .map_err(|e| xml_error(file, &mut lines, pos, e))?;
                    text.push_str(&s);
                }
            }
            Event::GeneralRef(g) => {
                let s = entity(&g).map_err(|m| at_line(file, lines.at(pos), m))?;
                if let Some(Ctx::Default(_, _, text) | Ctx::Description(text)) = stack.last_mut() {
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
            "not a GEXF document: expected a <gexf> root element",
        ));
    }
    if graphs == 0 {
        return Err(at_line(file, 1, "the GEXF document has no <graph> element"));
    }
    if dynamic {
        raw.warnings.push(format!(
            "{file}: dynamic data (spells, start/end times) is ignored: the graph is read as static"
        ));
    }
    if undirected > 0 {
        raw.warnings.push(format!(
            "{file}: {undirected} edge(s) are undirected or mutual: \
             each is read as one leg from its source to its target"
        ));
    }
    for (class, id, value) in defaults {
        let Some(title) = titles.get(&(class, id)) else {
            continue;
        };
        let fill = |attrs: &mut Vec<RawAttr>, line: u64| {
            if !attrs.iter().any(|a| &a.name == title) {
                attrs.push(RawAttr {
                    name: title.clone(),
                    value: value.clone(),
                    line,
                });
            }
        };
        match class {
            Class::Node => raw
                .nodes
                .iter_mut()
                .for_each(|n| fill(&mut n.attrs, n.line)),
            Class::Edge => raw
                .edges
                .iter_mut()
                .for_each(|e| fill(&mut e.attrs, e.line)),
        }
    }
    Ok(raw)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, Status};

    const GEPHI: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">
  <meta><creator>Gephi 0.10</creator><description>Test &amp; more</description></meta>
  <graph defaultedgetype="directed" mode="static">
    <attributes class="node" mode="static">
      <attribute id="0" title="lat" type="double"/>
      <attribute id="1" title="lon" type="double"/>
      <attribute id="2" title="modularity_class" type="integer"/>
    </attributes>
    <attributes class="edge" mode="static">
      <attribute id="s" title="status" type="string"><default>inferred</default></attribute>
    </attributes>
    <nodes>
      <node id="A" label="Alpha">
        <attvalues><attvalue for="0" value="1.5"/><attvalue for="1" value="2"/><attvalue for="2" value="0"/></attvalues>
        <viz:position x="1" y="2" z="0"/>
      </node>
      <node id="B" label="Beta"/>
    </nodes>
    <edges>
      <edge id="e0" source="A" target="B" weight="7" kind="trafficking"/>
      <edge id="e1" source="B" target="A" weight="1.0">
        <attvalues><attvalue for="s" value="stated"/></attvalues>
      </edge>
    </edges>
  </graph>
</gexf>
"#;

    #[test]
    fn reads_gephi_style_gexf() {
        let l = load_gexf_str(GEPHI, "g.gexf").unwrap();
        let g = &l.graph;
        assert_eq!(g.place(0).name, "Alpha");
        assert_eq!((g.place(0).lat, g.place(0).lon), (Some(1.5), Some(2.0)));
        assert_eq!(g.description.as_deref(), Some("Test & more"));
        assert_eq!(g.leg(0).kind, Kind::Trafficking);
        assert_eq!(g.leg(0).persons(), Some(7.0));
        assert_eq!(g.leg(0).status, Status::Inferred);
        assert_eq!(g.leg(1).status, Status::Stated);
        assert_eq!(g.leg_id(0), "e0");
        assert!(l
            .warnings
            .iter()
            .any(|w| w.contains("ignored node attributes: modularity_class")));
    }

    #[test]
    fn gexf_errors_are_located() {
        let e = match load_gexf_str(
            &GEPHI.replace(r#"target="B" weight="7""#, r#"target="Z" weight="7""#),
            "g.gexf",
        ) {
            Err(Error::Input(e)) => e,
            other => panic!("{other:?}"),
        };
        assert_eq!((e.line, e.field.as_deref()), (Some(21), Some("target")));
        let e = match load_gexf_str(
            &GEPHI.replace(r#"for="1" value="2""#, r#"for="9" value="2""#),
            "g.gexf",
        ) {
            Err(Error::Input(e)) => e,
            other => panic!("{other:?}"),
        };
        assert_eq!(e.line, Some(15));
        assert!(
            e.message.contains("no node <attribute> has id \"9\""),
            "{e}"
        );
    }
}
