//! `routegraph what-if --remove PLACE|FROM->TO|LEG ...`: which source →
//! destination flows are cut, which reroute (and by which new best routes),
//! and how roles change.

use super::cut::{kinds_label, wrap, wrap_list};
use super::output::{num, write_json, Format, Table};
use super::{Context, Outcome};
use crate::analysis::whatif::{what_if, PairChange, PairStatus, WhatIf};
use crate::analysis::{Metric, Route};
use crate::model::{LegFilter, RouteGraph};
use crate::names::Lookup;
use crate::Error;
use clap::Args;
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;
use std::io::Write;

#[derive(Debug, Args)]
pub struct WhatIfArgs {
    /// What to remove: a place, FROM->TO (every leg of the chosen kinds from
    /// FROM to TO), or a leg id such as L07 (repeatable).
    #[arg(long, required = true, value_name = "PLACE|FROM->TO|LEG")]
    pub remove: Vec<String>,
    /// What "best route" means: number of legs, total cost, or total days.
    #[arg(long, default_value = "hops", value_name = "hops|cost|days")]
    pub by: Metric,
}

// The JSON answer (documented in README.md) is an object with
// `by`, `removed` ([`Removed`]), `pairs` ([`PairOut`]) and `role_changes`
// ([`RoleChangeOut`]), written by [`Answer`].

#[derive(Debug, Serialize)]
pub struct Removed {
    /// Places removed (ids).
    pub places: Vec<String>,
    /// Legs removed by FROM->TO or by id.
    pub legs: Vec<String>,
    /// Every leg of the chosen kinds that no longer counts (also those at removed places).
    pub lost_legs: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct PairOut {
    pub from: String,
    pub to: String,
    pub before: Option<RouteBrief>,
    pub after: Option<RouteBrief>,
    /// `cut`, `rerouted` or `unchanged` (also when there was no route before).
    pub status: String,
}

#[derive(Debug, Serialize)]
pub struct RouteBrief {
    /// Place ids, first to last.
    pub route: Vec<String>,
    /// Leg ids, one per hop.
    pub legs: Vec<String>,
    pub hops: usize,
    /// Sum of the metric (equal to `hops` by hops).
    pub cost: f64,
}

#[derive(Debug, Serialize)]
pub struct RoleChangeOut {
    pub id: String,
    pub name: String,
    pub before: String,
    pub after: String,
}

/// Turn the `--remove` items into places and legs.
fn parse_removals(
    g: &RouteGraph,
    filter: &LegFilter,
    items: &[String],
) -> crate::Result<(Vec<usize>, Vec<usize>)> {
    let (mut places, mut legs) = (Vec::new(), Vec::new());
    let hint = "(--remove takes a place, FROM->TO or a leg id)";
    let place = |name: &str| {
        g.resolve(name)
            .map_err(|e| Error::Query(format!("--remove: {e} {hint}")))
    };
    for item in items {
        let item = item.trim();
        if let Some((a, b)) = item.split_once("->") {
            let (a, b) = (place(a.trim())?, place(b.trim())?);
            let found: Vec<usize> = (0..g.leg_count())
                .filter(|&l| g.ends(l) == (a, b) && filter.accepts(g.leg(l)))
                .collect();
            if found.is_empty() {
                return Err(Error::Query(format!(
                    "--remove {item}: no {} leg goes from {} to {}",
                    kinds_label(filter),
                    g.place(a).id,
                    g.place(b).id
                )));
            }
            legs.extend(found);
            continue;
        }
        let leg = (0..g.leg_count()).find(|&l| g.leg_id(l).eq_ignore_ascii_case(item));
        let is_place = matches!(g.names().lookup(item), Lookup::Found(_));
        match (leg, is_place) {
            (Some(l), false) => {
                if !filter.accepts(g.leg(l)) {
                    return Err(Error::Query(format!(
                        "--remove {item}: leg {} is a {} {} leg, not one of the chosen kinds \
                         and statuses (see --kinds, --status)",
                        g.leg_id(l),
                        g.leg(l).status,
                        g.leg(l).kind
                    )));
                }
                legs.push(l);
            }
            (Some(_), true) => {
                return Err(Error::Query(format!(
                    "--remove {item}: names both a leg and a place; use FROM->TO for the leg \
                     or the place's id"
                )))
            }
            (None, _) => places.push(place(item)?),
        }
    }
    Ok((places, legs))
}

fn brief(g: &RouteGraph, r: &Route) -> RouteBrief {
    RouteBrief {
        route: r.places.iter().map(|&p| g.place(p).id.clone()).collect(),
        legs: r.legs.iter().map(|&l| g.leg_id(l)).collect(),
        hops: r.hops(),
        cost: r.cost,
    }
}

fn pair_out(g: &RouteGraph, p: &crate::analysis::whatif::PairChange) -> PairOut {
    PairOut {
        from: g.place(p.from).id.clone(),
        to: g.place(p.to).id.clone(),
        before: p.before.as_ref().map(|r| brief(g, r)),
        after: p.after.as_ref().map(|r| brief(g, r)),
        status: p.status.as_str().into(),
    }
}

fn removed(g: &RouteGraph, w: &WhatIf) -> Removed {
    Removed {
        places: w.places.iter().map(|&p| g.place(p).id.clone()).collect(),
        legs: w.legs.iter().map(|&l| g.leg_id(l)).collect(),
        lost_legs: w.lost_legs.iter().map(|&l| g.leg_id(l)).collect(),
    }
}

fn role_changes(g: &RouteGraph, w: &WhatIf) -> Vec<RoleChangeOut> {
    w.role_changes
        .iter()
        .map(|c| RoleChangeOut {
            id: g.place(c.place).id.clone(),
            name: g.place(c.place).name.clone(),
            before: c.before.to_string(),
            after: c.after.to_string(),
        })
        .collect()
}

/// The JSON answer, written pair by pair: a large network has millions of
/// pairs, and building them all as strings first would need gigabytes.
struct Answer<'a> {
    g: &'a RouteGraph,
    w: &'a WhatIf,
}

struct Pairs<'a>(&'a RouteGraph, &'a WhatIf);

impl Serialize for Pairs<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.1.pairs.iter().map(|p| pair_out(self.0, p)))
    }
}

impl Serialize for Answer<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("WhatIfAnswer", 4)?;
        st.serialize_field("by", self.w.metric.as_str())?;
        st.serialize_field("removed", &removed(self.g, self.w))?;
        st.serialize_field("pairs", &Pairs(self.g, self.w))?;
        st.serialize_field("role_changes", &role_changes(self.g, self.w))?;
        st.end()
    }
}

pub fn run(ctx: &Context, args: &WhatIfArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let g = &ctx.graph;
    let filter = ctx.filter();
    let (places, legs) = parse_removals(g, &filter, &args.remove)?;
    let w = what_if(g, &filter, args.by, &places, &legs);
    match ctx.format {
        Format::Json => write_json(out, &Answer { g, w: &w })?,
        Format::Csv => {
            let mut csv = csv::Writer::from_writer(out);
            csv.write_record([
                "from",
                "to",
                "status",
                "before_route",
                "before_cost",
                "after_route",
                "after_cost",
            ])?;
            let route = |r: &Option<Route>| {
                r.as_ref()
                    .map(|r| {
                        r.places
                            .iter()
                            .map(|&p| g.place(p).id.as_str())
                            .collect::<Vec<_>>()
                            .join(">")
                    })
                    .unwrap_or_default()
            };
            let cost = |r: &Option<Route>| r.as_ref().map(|r| num(r.cost)).unwrap_or_default();
            for p in &w.pairs {
                csv.write_record([
                    g.place(p.from).id.as_str(),
                    g.place(p.to).id.as_str(),
                    p.status.as_str(),
                    &route(&p.before),
                    &cost(&p.before),
                    &route(&p.after),
                    &cost(&p.after),
                ])?;
            }
            csv.flush()?;
        }
        Format::Table => write_table(out, g, &filter, &w)?,
    }
    Ok(Outcome::Done)
}

/// Rows of the pair table, and pairs whose routes are written out, at most.
const LIST_LIMIT: usize = 50;
const ROUTE_LIMIT: usize = 20;

fn write_table(
    out: &mut dyn Write,
    g: &RouteGraph,
    filter: &LegFilter,
    w: &WhatIf,
) -> anyhow::Result<()> {
    let id = |p: usize| g.place(p).id.as_str();
    let mut what: Vec<String> = w
        .places
        .iter()
        .map(|&p| format!("{} ({})", id(p), g.place(p).name))
        .collect();
    what.extend(w.legs.iter().map(|&l| {
        let (x, y) = g.ends(l);
        format!("leg {} {} > {}", g.leg_id(l), id(x), id(y))
    }));
    let lost: Vec<String> = w.lost_legs.iter().take(10).map(|&l| g.leg_id(l)).collect();
    let head = format!(
        "What if {} {} removed? Best routes by {} over {} legs; {} no longer {}{}.",
        what.join(", "),
        if what.len() == 1 { "were" } else { "were all" },
        w.metric,
        kinds_label(filter),
        match w.lost_legs.len() {
            1 => "1 leg".to_string(),
            n => format!("{n} legs"),
        },
        if w.lost_legs.len() == 1 {
            "counts"
        } else {
            "count"
        },
        match w.lost_legs.len() {
            0 => String::new(),
            1..=10 => format!(" ({})", lost.join(", ")),
            _ => format!(" ({}, …)", lost[..8].join(", ")),
        }
    );
    for l in wrap(&head, 78) {
        writeln!(out, "{l}")?;
    }
    writeln!(out)?;
    let never = w.pairs.iter().filter(|p| p.before.is_none()).count();
    let unit = if w.metric == Metric::Hops {
        "legs".to_string()
    } else {
        w.metric.to_string()
    };
    let mut t = Table::new(&[
        "from",
        "to",
        "status",
        &format!("before ({unit})"),
        &format!("after ({unit})"),
    ])
    .numeric(&[3, 4]);
    // Every connected pair when they are few; otherwise the changed ones.
    let connected: Vec<&PairChange> = w.pairs.iter().filter(|p| p.before.is_some()).collect();
    let few = connected.len() <= LIST_LIMIT;
    let listed: Vec<&PairChange> = connected
        .into_iter()
        .filter(|p| few || p.status != PairStatus::Unchanged)
        .collect();
    let hidden = listed.len().saturating_sub(LIST_LIMIT);
    let cost = |r: &Option<Route>| r.as_ref().map_or("-".to_string(), |r| num(r.cost));
    for p in listed.iter().take(LIST_LIMIT) {
        t.row(vec![
            id(p.from).to_string(),
            id(p.to).to_string(),
            p.status.as_str().to_string(),
            cost(&p.before),
            cost(&p.after),
        ]);
    }
    if t.is_empty() {
        writeln!(
            out,
            "{}",
            if few {
                "No source reached a destination before the removal."
            } else {
                "No pair is cut or rerouted."
            }
        )?;
    } else {
        write!(out, "{}", t.render(80))?;
    }
    if !few {
        writeln!(out, "(unchanged pairs are not listed)")?;
    }
    if hidden > 0 {
        writeln!(
            out,
            "… and {hidden} more changed pairs (--format json lists all)"
        )?;
    }
    writeln!(
        out,
        "{} cut, {} rerouted, {} unchanged{}",
        w.count(PairStatus::Cut),
        w.count(PairStatus::Rerouted),
        w.count(PairStatus::Unchanged) - never,
        if never > 0 {
            format!("; {never} pair(s) had no route before and are not listed")
        } else {
            String::new()
        }
    )?;
    let places = |r: &Route| {
        r.places
            .iter()
            .map(|&p| id(p).to_string())
            .collect::<Vec<_>>()
    };
    for (status, title) in [(PairStatus::Cut, "Cut"), (PairStatus::Rerouted, "Rerouted")] {
        let changed: Vec<&PairChange> = w.pairs.iter().filter(|p| p.status == status).collect();
        if changed.is_empty() {
            continue;
        }
        writeln!(out)?;
        writeln!(out, "{title}:")?;
        if changed.len() > ROUTE_LIMIT {
            writeln!(
                out,
                "  (the first {ROUTE_LIMIT} of {}; --format json lists all)",
                changed.len()
            )?;
        }
        for p in changed.into_iter().take(ROUTE_LIMIT) {
            let head = format!("  {} > {}", id(p.from), id(p.to));
            let pad = 12usize.max(head.chars().count() + 2);
            let width = 78usize.saturating_sub(pad).max(30);
            let mut lines = Vec::new();
            if let Some(b) = &p.before {
                let mut items = places(b);
                items[0] = format!("was {}", items[0]);
                lines.extend(wrap_list(&items, " >", width));
            }
            match &p.after {
                Some(r) => {
                    let mut items = places(r);
                    items[0] = format!("now {}", items[0]);
                    lines.extend(wrap_list(&items, " >", width));
                }
                None => lines.push("now no route".into()),
            }
            for (i, l) in lines.iter().enumerate() {
                if i == 0 {
                    writeln!(out, "{head:<pad$}{l}")?;
                } else {
                    writeln!(out, "{}{l}", " ".repeat(pad))?;
                }
            }
        }
    }
    writeln!(out)?;
    let changes = role_changes(g, w);
    if changes.is_empty() {
        writeln!(out, "No remaining place changes role.")?;
    } else {
        writeln!(out, "Role changes: {}", changes.len())?;
        let mut t = Table::new(&["id", "name", "before", "after"]);
        for c in changes.iter().take(LIST_LIMIT) {
            t.row(vec![
                c.id.clone(),
                c.name.clone(),
                c.before.clone(),
                c.after.clone(),
            ]);
        }
        write!(out, "{}", t.render(80))?;
        if changes.len() > LIST_LIMIT {
            writeln!(
                out,
                "… and {} more (--format json lists all)",
                changes.len() - LIST_LIMIT
            )?;
        }
    }
    Ok(())
}
