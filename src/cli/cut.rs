//! `routegraph cut`: the fewest places and the fewest legs whose removal
//! leaves no route from the sources to the destinations, each with its
//! evidence, and the maximum flow that proves the cut minimal.

use super::output::{num, write_csv, write_json, Format};
use super::{Context, Outcome};
use crate::analysis::cut::{min_cut, sources_and_destinations, Cut, CutBy};
use crate::model::{Evidence, LegFilter, RouteGraph};
use clap::Args;
use serde::Serialize;
use std::io::Write;

#[derive(Debug, Args)]
pub struct CutArgs {
    /// Places to cut from, comma-separated [default: every source]
    #[arg(long, value_delimiter = ',', value_name = "PLACES")]
    pub from: Vec<String>,
    /// Places to cut off, comma-separated [default: every destination]
    #[arg(long, value_delimiter = ',', value_name = "PLACES")]
    pub to: Vec<String>,
    /// A place that may not be cut (repeatable, or comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "PLACE")]
    pub keep: Vec<String>,
    /// What the leg cut minimises: the number of legs, or of persons they
    /// carry (a leg with no number counts as 1).
    #[arg(long, default_value = "legs", value_name = "legs|persons")]
    pub by: CutBy,
}

/// The JSON answer (documented in README.md).
#[derive(Debug, Serialize)]
pub struct CutAnswer {
    pub from: Vec<String>,
    pub to: Vec<String>,
    pub keep: Vec<String>,
    pub by: String,
    /// Whether any route joined them before the cut.
    pub connected: bool,
    /// Whether a finite set of places separates them.
    pub vertex_cut_finite: bool,
    /// Why not, when it does not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The vertex cut (when infinite: the places that cut every other route).
    pub places: Vec<CutPlace>,
    /// Legs that no place cut can stop (infinite vertex cut only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub uncuttable: Vec<CutLeg>,
    /// The edge cut.
    pub legs: Vec<CutLeg>,
    pub flow: Flow,
    /// With `--by persons`: cut legs that give no number of persons (each counted as 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unknown_persons: Option<usize>,
}

/// The two maximum flows: routes that share no place, and legs (or persons).
#[derive(Debug, Serialize)]
pub struct Flow {
    /// Size of the vertex cut; `null` when infinite.
    pub places: Option<u64>,
    /// Number of legs (or persons, with `--by persons`) of the edge cut.
    pub legs: f64,
}

#[derive(Debug, Serialize)]
pub struct CutPlace {
    pub id: String,
    pub name: String,
    /// The place's own evidence, then that of its legs (of the chosen kinds).
    pub evidence: Vec<EvidenceOut>,
}

#[derive(Debug, Serialize)]
pub struct CutLeg {
    pub id: String,
    pub from: String,
    pub to: String,
    pub kind: String,
    pub status: String,
    pub persons: Option<f64>,
    pub evidence: Vec<Evidence>,
}

/// An evidence item, with the leg it comes from when it is a leg's.
#[derive(Debug, Serialize)]
pub struct EvidenceOut {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leg: Option<String>,
    #[serde(flatten)]
    pub evidence: Evidence,
}

/// "smuggling and trafficking": the kinds of legs a filter uses.
pub(super) fn kinds_label(filter: &LegFilter) -> String {
    let k: Vec<&str> = filter.kinds.iter().map(|k| k.as_str()).collect();
    match k.len() {
        0 => "no".into(),
        1 => k[0].into(),
        n => format!("{} and {}", k[..n - 1].join(", "), k[n - 1]),
    }
}

pub(super) use super::output::wrap;

/// Items joined by `sep`, broken into lines of at most `width` characters
/// (an item longer than `width` gets a line of its own).
pub(super) fn wrap_list(items: &[String], sep: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for (i, it) in items.iter().enumerate() {
        let piece = if i + 1 < items.len() {
            format!("{it}{}", sep.trim_end())
        } else {
            it.clone()
        };
        if !cur.is_empty() && cur.chars().count() + 1 + piece.chars().count() > width {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(&piece);
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

/// "[part ¶n] paraphrase".
pub(super) fn evidence_text(e: &Evidence) -> String {
    let para = e.paragraph.map(|p| format!(" ¶{p}")).unwrap_or_default();
    format!("[{}{para}] {}", e.part, e.paraphrase)
}

/// Resolve a list of place names, keeping the given order, without duplicates.
pub(super) fn resolve_all(g: &RouteGraph, names: &[String]) -> crate::Result<Vec<usize>> {
    let mut out = Vec::new();
    for n in names {
        let i = g.resolve(n)?;
        if !out.contains(&i) {
            out.push(i);
        }
    }
    Ok(out)
}

pub(super) fn cut_leg(g: &RouteGraph, l: usize) -> CutLeg {
    let (a, b) = g.ends(l);
    let leg = g.leg(l);
    CutLeg {
        id: g.leg_id(l),
        from: g.place(a).id.clone(),
        to: g.place(b).id.clone(),
        kind: leg.kind.to_string(),
        status: leg.status.to_string(),
        persons: leg.persons(),
        evidence: leg.evidence().to_vec(),
    }
}

fn cut_place(g: &RouteGraph, filter: &LegFilter, p: usize) -> CutPlace {
    let mut evidence: Vec<EvidenceOut> = g
        .place(p)
        .evidence
        .iter()
        .map(|e| EvidenceOut {
            leg: None,
            evidence: e.clone(),
        })
        .collect();
    for l in g.legs_at(p) {
        if filter.accepts(g.leg(l)) {
            for e in g.leg(l).evidence() {
                evidence.push(EvidenceOut {
                    leg: Some(g.leg_id(l)),
                    evidence: e.clone(),
                });
            }
        }
    }
    CutPlace {
        id: g.place(p).id.clone(),
        name: g.place(p).name.clone(),
        evidence,
    }
}

fn answer(g: &RouteGraph, filter: &LegFilter, c: &Cut) -> CutAnswer {
    let ids = |v: &[usize]| -> Vec<String> { v.iter().map(|&p| g.place(p).id.clone()).collect() };
    CutAnswer {
        from: ids(&c.sources),
        to: ids(&c.sinks),
        keep: ids(&c.keep),
        by: c.edge.by.to_string(),
        connected: c.connected(),
        vertex_cut_finite: c.vertex.is_finite(),
        note: c.vertex.reason(g),
        places: c
            .vertex
            .places
            .iter()
            .map(|&p| cut_place(g, filter, p))
            .collect(),
        uncuttable: c.vertex.uncuttable.iter().map(|&l| cut_leg(g, l)).collect(),
        legs: c.edge.legs.iter().map(|&l| cut_leg(g, l)).collect(),
        flow: Flow {
            places: c.vertex.flow,
            legs: c.edge.flow,
        },
        unknown_persons: (c.edge.by == CutBy::Persons).then_some(c.edge.unknown_persons),
    }
}

pub fn run(ctx: &Context, args: &CutArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let g = &ctx.graph;
    let filter = ctx.filter();
    // `compute` (ROUTEGRAPH_TIMINGS): finding the sets and both cuts, without
    // the evidence and the answer; benches/compare/ times the anchors' flow.
    let compute = super::progress::Progress::hidden("compute");
    let (all_src, all_dst) = sources_and_destinations(g, &filter);
    let sources = if args.from.is_empty() {
        all_src
    } else {
        resolve_all(g, &args.from)?
    };
    let sinks = if args.to.is_empty() {
        all_dst
    } else {
        resolve_all(g, &args.to)?
    };
    let keep = resolve_all(g, &args.keep)?;
    if sources.is_empty() || sinks.is_empty() {
        return Ok(Outcome::NotFound(format!(
            "nothing to cut: there are no {} over {} legs",
            if sources.is_empty() {
                "sources"
            } else {
                "destinations"
            },
            kinds_label(&filter)
        )));
    }
    let c = min_cut(g, &filter, &sources, &sinks, &keep, args.by)?;
    compute.finish();
    let a = answer(g, &filter, &c);
    match ctx.format {
        Format::Json => write_json(out, &a)?,
        Format::Csv => write_csv(out, &csv_rows(&a))?,
        Format::Table => write_table(out, g, &filter, &a)?,
    }
    Ok(Outcome::Done)
}

fn csv_rows(a: &CutAnswer) -> Vec<Vec<String>> {
    let mut rows = vec![[
        "cut", "id", "name", "from", "to", "kind", "status", "persons", "evidence",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect::<Vec<_>>()];
    let refs = |ev: &mut dyn Iterator<Item = &Evidence>| -> String {
        ev.map(|e| match e.paragraph {
            Some(p) => format!("{} ¶{p}", e.part),
            None => e.part.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ")
    };
    for p in &a.places {
        rows.push(vec![
            "place".into(),
            p.id.clone(),
            p.name.clone(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            refs(&mut p.evidence.iter().map(|e| &e.evidence)),
        ]);
    }
    for (what, legs) in [("leg", &a.legs), ("uncuttable", &a.uncuttable)] {
        for l in legs {
            rows.push(vec![
                what.into(),
                l.id.clone(),
                String::new(),
                l.from.clone(),
                l.to.clone(),
                l.kind.clone(),
                l.status.clone(),
                l.persons.map(num).unwrap_or_default(),
                refs(&mut l.evidence.iter()),
            ]);
        }
    }
    rows
}

/// Write `text` after `indent`, wrapped to 78 columns, continuation lines
/// indented five more.
fn hang(out: &mut dyn Write, indent: &str, text: &str) -> std::io::Result<()> {
    let width = 78 - indent.chars().count();
    if text.chars().count() <= width {
        return writeln!(out, "{indent}{text}");
    }
    for (i, l) in wrap(text, width).into_iter().enumerate() {
        if i == 0 {
            writeln!(out, "{indent}{l}")?;
        } else {
            writeln!(out, "{indent}     {l}")?;
        }
    }
    Ok(())
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn write_table(
    out: &mut dyn Write,
    g: &RouteGraph,
    filter: &LegFilter,
    a: &CutAnswer,
) -> anyhow::Result<()> {
    let names = |ids: &[String]| -> String {
        if ids.len() > 4 {
            return format!("{} places ({}, …)", ids.len(), ids[..3].join(", "));
        }
        ids.iter()
            .map(|id| {
                g.index_of(id)
                    .map_or(id.clone(), |i| format!("{id} ({})", g.place(i).name))
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    for l in wrap(
        &format!(
            "Minimum cut from {} to {}, over {} legs{}",
            names(&a.from),
            names(&a.to),
            kinds_label(filter),
            if a.keep.is_empty() {
                String::new()
            } else {
                format!(", keeping {}", a.keep.join(", "))
            }
        ),
        78,
    ) {
        writeln!(out, "{l}")?;
    }
    if !a.connected {
        writeln!(out, "They are not connected: there is nothing to cut.")?;
        return Ok(());
    }
    writeln!(out)?;
    match (&a.note, a.flow.places) {
        (None, Some(f)) => writeln!(
            out,
            "Places: removing {} cuts every route (max flow {f})",
            plural(a.places.len(), "place", "places")
        )?,
        (note, _) => {
            let text = format!("Places: {}.", note.as_deref().unwrap_or("no finite cut"));
            for (i, l) in wrap(&text, 78).into_iter().enumerate() {
                writeln!(out, "{}{l}", if i == 0 { "" } else { "  " })?;
            }
            writeln!(out, "  Legs no place can stop:")?;
            for l in &a.uncuttable {
                hang(out, "    ", &format!("{} {} > {}", l.id, l.from, l.to))?;
            }
            if a.places.is_empty() {
                writeln!(out, "  No other route remains to cut.")?;
            } else {
                writeln!(
                    out,
                    "  Removing {} cuts every other route:",
                    plural(a.places.len(), "place", "places")
                )?;
            }
        }
    }
    for p in &a.places {
        hang(out, "  ", &format!("{:<4} {}", p.id, p.name))?;
        for e in &p.evidence {
            let text = match &e.leg {
                Some(l) => format!("{l}: {}", evidence_text(&e.evidence)),
                None => evidence_text(&e.evidence),
            };
            for line in wrap(&text, 72) {
                writeln!(out, "       {line}")?;
            }
        }
    }
    writeln!(out)?;
    let unit = match (a.by == "persons", a.flow.legs == 1.0) {
        (true, true) => "person",
        (true, false) => "persons",
        (false, true) => "leg",
        (false, false) => "legs",
    };
    writeln!(
        out,
        "Legs: removing {} cuts every route (max flow {} {unit})",
        plural(a.legs.len(), "leg", "legs"),
        num(a.flow.legs)
    )?;
    for l in &a.legs {
        let mut facts = vec![l.kind.clone(), l.status.clone()];
        match l.persons {
            Some(p) => facts.push(format!(
                "{} {}",
                num(p),
                if p == 1.0 { "person" } else { "persons" }
            )),
            None if a.by == "persons" => facts.push("persons unknown (counted as 1)".into()),
            None => {}
        }
        hang(
            out,
            "  ",
            &format!("{:<4} {} > {}  {}", l.id, l.from, l.to, facts.join(", ")),
        )?;
        for e in &l.evidence {
            for line in wrap(&evidence_text(e), 72) {
                writeln!(out, "       {line}")?;
            }
        }
    }
    Ok(())
}
