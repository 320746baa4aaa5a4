//! `routegraph chokepoints`: places (or legs) ranked by betweenness, with
//! their route share, plus articulation points, bridges and, for each
//! source, the places every route to a destination must pass.

use super::cut::{kinds_label, wrap, wrap_list};
use super::output::{num, write_csv, write_json, Format, Table};
use super::progress::Progress;
use super::{Context, Outcome};
use crate::analysis::centrality::{centrality, rank_legs, rank_places, Centrality};
use crate::analysis::structure::{articulation_points, bridges, must_pass, MustPass};
use crate::analysis::Metric;
use crate::model::{LegFilter, RouteGraph};
use clap::Args;
use serde::Serialize;
use std::io::Write;

#[derive(Debug, Args)]
pub struct ChokepointsArgs {
    /// What "shortest" means: number of legs, total cost, or total days.
    #[arg(long, default_value = "hops", value_name = "hops|cost|days")]
    pub by: Metric,
    /// How many to list, highest betweenness first (0: all).
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub top: usize,
    /// Rank the legs instead of the places.
    #[arg(long)]
    pub legs: bool,
}

/// A source → destination pair, by place id.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct PairRef {
    pub from: String,
    pub to: String,
}

/// One place of the JSON answer (documented in README.md).
#[derive(Debug, Serialize)]
pub struct PlaceOut {
    pub rank: usize,
    pub id: String,
    pub name: String,
    pub role: String,
    pub betweenness: f64,
    pub betweenness_normalized: f64,
    pub route_share: f64,
    /// Removing the place splits the network (directions ignored).
    pub articulation_point: bool,
    /// The source → destination pairs whose every route passes the place.
    pub must_pass: Vec<PairRef>,
}

/// One leg of the JSON answer with `--legs`.
#[derive(Debug, Serialize)]
pub struct LegOut {
    pub rank: usize,
    pub id: String,
    pub from: String,
    pub to: String,
    pub kind: String,
    pub status: String,
    pub betweenness: f64,
    pub betweenness_normalized: f64,
    pub route_share: f64,
    /// The leg is (part of) a connection whose removal splits the network.
    pub bridge: bool,
    /// Set when a lighter parallel leg carries the routes between the two places.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parallel_to: Option<String>,
}

/// What the structure analyses found, per place and per leg.
struct Structure {
    articulation: Vec<usize>,
    bridges: Vec<crate::analysis::Bridge>,
    is_bridge_leg: Vec<bool>,
    /// The must-pass places of every connected source → destination pair.
    must_pass: Vec<MustPass>,
}

fn structure(g: &RouteGraph, filter: &LegFilter, c: &Centrality) -> Structure {
    let articulation = articulation_points(g, filter);
    let bridges = bridges(g, filter);
    let mut is_bridge_leg = vec![false; g.leg_count()];
    for b in &bridges {
        for &l in &b.legs {
            is_bridge_leg[l] = true;
        }
    }
    Structure {
        articulation,
        bridges,
        is_bridge_leg,
        must_pass: must_pass(g, filter, &c.sources, &c.destinations),
    }
}

pub fn run(ctx: &Context, args: &ChokepointsArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let g = &ctx.graph;
    let filter = ctx.filter();
    let phase = Progress::spinner(
        "betweenness",
        format!(
            "betweenness of {} places and {} legs",
            g.place_count(),
            g.leg_count()
        ),
    );
    let c = centrality(g, &filter, args.by, args.legs);
    phase.finish();
    let phase = Progress::spinner(
        "structure",
        "articulation points, bridges and must-pass places",
    );
    let st = structure(g, &filter, &c);
    phase.finish();
    let top = if args.top == 0 { usize::MAX } else { args.top };
    if args.legs {
        let rows = leg_rows(g, &filter, &c, &st, top);
        match ctx.format {
            Format::Json => write_json(out, &rows)?,
            Format::Csv => {
                let mut t = vec![header(&[
                    "rank",
                    "id",
                    "from",
                    "to",
                    "kind",
                    "status",
                    "betweenness",
                    "betweenness_normalized",
                    "route_share",
                    "bridge",
                    "parallel_to",
                ])];
                for r in &rows {
                    t.push(vec![
                        r.rank.to_string(),
                        r.id.clone(),
                        r.from.clone(),
                        r.to.clone(),
                        r.kind.clone(),
                        r.status.clone(),
                        r.betweenness.to_string(),
                        r.betweenness_normalized.to_string(),
                        r.route_share.to_string(),
                        r.bridge.to_string(),
                        r.parallel_to.clone().unwrap_or_default(),
                    ]);
                }
                write_csv(out, &t)?;
            }
            Format::Table => {
                intro(out, &filter, &c, args.by, rows.len(), "legs")?;
                let mut t = Table::new(&[
                    "rank",
                    "leg",
                    "from",
                    "to",
                    "kind",
                    "betweenness",
                    "normalised",
                    "route share",
                    "note",
                ])
                .numeric(&[0, 5, 6, 7]);
                for r in &rows {
                    let note = match (&r.parallel_to, r.bridge) {
                        (Some(p), _) => format!("{p} carries it"),
                        (None, true) => "bridge".into(),
                        (None, false) => String::new(),
                    };
                    t.row(vec![
                        r.rank.to_string(),
                        r.id.clone(),
                        r.from.clone(),
                        r.to.clone(),
                        r.kind.clone(),
                        num(r.betweenness),
                        format!("{:.4}", r.betweenness_normalized),
                        percent(r.route_share),
                        note,
                    ]);
                }
                write!(out, "{}", t.render(80))?;
                writeln!(
                    out,
                    "bridge: the only connection between two parts (directions ignored)"
                )?;
                structure_table(out, g, &st)?;
            }
        }
    } else {
        let rows = place_rows(g, &filter, &c, &st, top);
        match ctx.format {
            Format::Json => write_json(out, &rows)?,
            Format::Csv => {
                let mut t = vec![header(&[
                    "rank",
                    "id",
                    "name",
                    "role",
                    "betweenness",
                    "betweenness_normalized",
                    "route_share",
                    "articulation_point",
                    "must_pass",
                ])];
                for r in &rows {
                    t.push(vec![
                        r.rank.to_string(),
                        r.id.clone(),
                        r.name.clone(),
                        r.role.clone(),
                        r.betweenness.to_string(),
                        r.betweenness_normalized.to_string(),
                        r.route_share.to_string(),
                        r.articulation_point.to_string(),
                        r.must_pass
                            .iter()
                            .map(|p| format!("{}>{}", p.from, p.to))
                            .collect::<Vec<_>>()
                            .join(";"),
                    ]);
                }
                write_csv(out, &t)?;
            }
            Format::Table => {
                intro(out, &filter, &c, args.by, rows.len(), "places")?;
                let mut t = Table::new(&[
                    "rank",
                    "id",
                    "name",
                    "role",
                    "betweenness",
                    "normalised",
                    "route share",
                    "",
                ])
                .numeric(&[0, 4, 5, 6]);
                for r in &rows {
                    let mut marks = String::new();
                    if r.articulation_point {
                        marks.push('A');
                    }
                    if !r.must_pass.is_empty() {
                        marks.push('M');
                    }
                    t.row(vec![
                        r.rank.to_string(),
                        r.id.clone(),
                        r.name.clone(),
                        r.role.clone(),
                        num(r.betweenness),
                        format!("{:.4}", r.betweenness_normalized),
                        percent(r.route_share),
                        marks,
                    ]);
                }
                write!(out, "{}", t.render(80))?;
                writeln!(
                    out,
                    "A: articulation point; M: on every route of a source → destination pair"
                )?;
                structure_table(out, g, &st)?;
            }
        }
    }
    Ok(Outcome::Done)
}

fn header(h: &[&str]) -> Vec<String> {
    h.iter().map(|s| s.to_string()).collect()
}

fn percent(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

fn place_rows(
    g: &RouteGraph,
    filter: &LegFilter,
    c: &Centrality,
    st: &Structure,
    top: usize,
) -> Vec<PlaceOut> {
    let roles = crate::analysis::roles(g, filter);
    let ranked: Vec<usize> = rank_places(g, filter, c).into_iter().take(top).collect();
    let mut wanted = vec![false; g.place_count()];
    for &p in &ranked {
        wanted[p] = true;
    }
    let mut must: Vec<Vec<PairRef>> = vec![Vec::new(); g.place_count()];
    for mp in &st.must_pass {
        for &v in mp.places.iter().filter(|&&v| wanted[v]) {
            must[v].push(PairRef {
                from: g.place(mp.source).id.clone(),
                to: g.place(mp.destination).id.clone(),
            });
        }
    }
    ranked
        .into_iter()
        .enumerate()
        .map(|(i, p)| PlaceOut {
            rank: i + 1,
            id: g.place(p).id.clone(),
            name: g.place(p).name.clone(),
            role: roles[p].role.to_string(),
            betweenness: c.place[p],
            betweenness_normalized: c.place_normalized[p],
            route_share: c.place_share[p],
            articulation_point: st.articulation.binary_search(&p).is_ok(),
            must_pass: std::mem::take(&mut must[p]),
        })
        .collect()
}

fn leg_rows(
    g: &RouteGraph,
    filter: &LegFilter,
    c: &Centrality,
    st: &Structure,
    top: usize,
) -> Vec<LegOut> {
    let mut carrier: Vec<((usize, usize), usize)> = (0..g.leg_count())
        .filter(|&o| c.counted[o])
        .map(|o| (g.ends(o), o))
        .collect();
    carrier.sort_unstable();
    rank_legs(g, filter, c)
        .into_iter()
        .take(top)
        .enumerate()
        .map(|(i, l)| {
            let (a, b) = g.ends(l);
            let leg = g.leg(l);
            // The leg that carries this pair's routes, when it is not this one.
            let parallel_to = (!c.counted[l] && a != b)
                .then(|| carrier.binary_search_by_key(&(a, b), |x| x.0).ok())
                .flatten()
                .map(|i| g.leg_id(carrier[i].1));
            LegOut {
                rank: i + 1,
                id: g.leg_id(l),
                from: g.place(a).id.clone(),
                to: g.place(b).id.clone(),
                kind: leg.kind.to_string(),
                status: leg.status.to_string(),
                betweenness: c.leg[l],
                betweenness_normalized: c.leg_normalized[l],
                route_share: c.leg_share[l],
                bridge: st.is_bridge_leg[l],
                parallel_to,
            }
        })
        .collect()
}

fn intro(
    out: &mut dyn Write,
    filter: &LegFilter,
    c: &Centrality,
    by: Metric,
    shown: usize,
    what: &str,
) -> anyhow::Result<()> {
    let mut text = format!(
        "Chokepoints by {by} over {} legs: {shown} {what}, highest betweenness first. \
         Route share: of the shortest routes of each of the {} connected source → \
         destination pairs, the fraction through it, averaged.",
        kinds_label(filter),
        c.pairs
    );
    if by != Metric::Hops && c.missing_weight > 0 {
        text.push_str(&format!(
            " {} leg(s) give no {by} and count as 0.",
            c.missing_weight
        ));
    }
    for l in wrap(&text, 78) {
        writeln!(out, "{l}")?;
    }
    writeln!(out)?;
    Ok(())
}

/// How many items of a list the table shows before "… and N more".
const LIST_LIMIT: usize = 30;

fn structure_table(out: &mut dyn Write, g: &RouteGraph, st: &Structure) -> anyhow::Result<()> {
    let id = |p: usize| g.place(p).id.clone();
    let more = |n: usize| {
        (n > LIST_LIMIT).then(|| {
            format!(
                "… and {} more (--format json --top 0 lists all)",
                n - LIST_LIMIT
            )
        })
    };
    writeln!(out)?;
    writeln!(
        out,
        "Articulation points (removing one splits the network; directions ignored): {}",
        st.articulation.len()
    )?;
    let items: Vec<String> = st
        .articulation
        .iter()
        .take(LIST_LIMIT)
        .map(|&p| id(p))
        .collect();
    for l in wrap_list(&items, ", ", 76) {
        writeln!(out, "  {l}")?;
    }
    if let Some(m) = more(st.articulation.len()) {
        writeln!(out, "  {m}")?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "Bridges (the only connection between two parts; directions ignored): {}",
        st.bridges.len()
    )?;
    let items: Vec<String> = st
        .bridges
        .iter()
        .take(LIST_LIMIT)
        .map(|b| {
            let legs: Vec<String> = b.legs.iter().map(|&l| g.leg_id(l)).collect();
            format!("{}–{} ({})", id(b.a), id(b.b), legs.join(","))
        })
        .collect();
    for l in wrap_list(&items, ", ", 76) {
        writeln!(out, "  {l}")?;
    }
    if let Some(m) = more(st.bridges.len()) {
        writeln!(out, "  {m}")?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "Must pass (dominators): places on every route from a source to a destination"
    )?;
    if st.must_pass.is_empty() {
        writeln!(out, "  (no source reaches a destination)")?;
    }
    for mp in st.must_pass.iter().take(LIST_LIMIT) {
        let head = format!("  {} > {}", id(mp.source), id(mp.destination));
        let items: Vec<String> = if mp.places.is_empty() {
            vec!["none".into()]
        } else {
            mp.places.iter().map(|&v| id(v)).collect()
        };
        let width = 78usize.saturating_sub(head.chars().count() + 2).max(20);
        for (i, l) in wrap_list(&items, " ", width).into_iter().enumerate() {
            if i == 0 {
                writeln!(out, "{head}  {l}")?;
            } else {
                writeln!(out, "{}  {l}", " ".repeat(head.chars().count()))?;
            }
        }
    }
    if let Some(m) = more(st.must_pass.len()) {
        writeln!(out, "  {m}")?;
    }
    Ok(())
}
