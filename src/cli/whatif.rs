//! `routegraph what-if --remove PLACE|FROM->TO|LEG ...`: which source →
//! destination flows are cut, which reroute (and by which new best routes),
//! and how roles change.

use super::cut::{kinds_label, wrap};
use super::output::{num, write_csv, write_json, Format, Table};
use super::{Context, Outcome};
use crate::analysis::whatif::{what_if, PairStatus, WhatIf};
use crate::analysis::{Metric, Route};
use crate::model::{LegFilter, RouteGraph};
use crate::names::Lookup;
use crate::Error;
use clap::Args;
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

/// The JSON answer (documented in docs/chokepoints.md).
#[derive(Debug, Serialize)]
pub struct WhatIfAnswer {
    pub by: String,
    pub removed: Removed,
    pub pairs: Vec<PairOut>,
    pub role_changes: Vec<RoleChangeOut>,
}

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
        let is_place = matches!(g.names.lookup(item), Lookup::Found(_));
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

fn answer(g: &RouteGraph, w: &WhatIf) -> WhatIfAnswer {
    let pid = |p: usize| g.place(p).id.clone();
    WhatIfAnswer {
        by: w.metric.to_string(),
        removed: Removed {
            places: w.places.iter().map(|&p| pid(p)).collect(),
            legs: w.legs.iter().map(|&l| g.leg_id(l)).collect(),
            lost_legs: w.lost_legs.iter().map(|&l| g.leg_id(l)).collect(),
        },
        pairs: w
            .pairs
            .iter()
            .map(|p| PairOut {
                from: pid(p.from),
                to: pid(p.to),
                before: p.before.as_ref().map(|r| brief(g, r)),
                after: p.after.as_ref().map(|r| brief(g, r)),
                status: p.status.as_str().into(),
            })
            .collect(),
        role_changes: w
            .role_changes
            .iter()
            .map(|c| RoleChangeOut {
                id: pid(c.place),
                name: g.place(c.place).name.clone(),
                before: c.before.to_string(),
                after: c.after.to_string(),
            })
            .collect(),
    }
}

pub fn run(ctx: &Context, args: &WhatIfArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let g = &ctx.graph;
    let filter = ctx.filter();
    let (places, legs) = parse_removals(g, &filter, &args.remove)?;
    let w = what_if(g, &filter, args.by, &places, &legs);
    let a = answer(g, &w);
    match ctx.format {
        Format::Json => write_json(out, &a)?,
        Format::Csv => {
            let mut rows = vec![[
                "from",
                "to",
                "status",
                "before_route",
                "before_cost",
                "after_route",
                "after_cost",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()];
            let route =
                |r: &Option<RouteBrief>| r.as_ref().map(|r| r.route.join(">")).unwrap_or_default();
            let cost = |r: &Option<RouteBrief>| r.as_ref().map(|r| num(r.cost)).unwrap_or_default();
            for p in &a.pairs {
                rows.push(vec![
                    p.from.clone(),
                    p.to.clone(),
                    p.status.clone(),
                    route(&p.before),
                    cost(&p.before),
                    route(&p.after),
                    cost(&p.after),
                ]);
            }
            write_csv(out, &rows)?;
        }
        Format::Table => write_table(out, g, &filter, &w, &a)?,
    }
    Ok(Outcome::Done)
}

fn write_table(
    out: &mut dyn Write,
    g: &RouteGraph,
    filter: &LegFilter,
    w: &WhatIf,
    a: &WhatIfAnswer,
) -> anyhow::Result<()> {
    let mut what: Vec<String> = w
        .places
        .iter()
        .map(|&p| format!("{} ({})", g.place(p).id, g.place(p).name))
        .collect();
    what.extend(w.legs.iter().map(|&l| {
        let (x, y) = g.ends(l);
        format!("leg {} {} > {}", g.leg_id(l), g.place(x).id, g.place(y).id)
    }));
    let head = format!(
        "What if {} {} removed? Best routes by {} over {} legs; {} no longer count{}.",
        what.join(", "),
        if what.len() == 1 { "were" } else { "were all" },
        w.metric,
        kinds_label(filter),
        match a.removed.lost_legs.len() {
            1 => "1 leg".to_string(),
            n => format!("{n} legs"),
        },
        if a.removed.lost_legs.is_empty() {
            String::new()
        } else {
            format!(" ({})", a.removed.lost_legs.join(", "))
        }
    );
    for l in wrap(&head, 78) {
        writeln!(out, "{l}")?;
    }
    writeln!(out)?;
    let never = a.pairs.iter().filter(|p| p.before.is_none()).count();
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
    for p in a.pairs.iter().filter(|p| p.before.is_some()) {
        let cost = |r: &Option<RouteBrief>| r.as_ref().map_or("-".to_string(), |r| num(r.cost));
        t.row(vec![
            p.from.clone(),
            p.to.clone(),
            p.status.clone(),
            cost(&p.before),
            cost(&p.after),
        ]);
    }
    if t.is_empty() {
        writeln!(out, "No source reached a destination before the removal.")?;
    } else {
        write!(out, "{}", t.render(80))?;
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
    let route_lines = |label: &str, r: &RouteBrief| -> Vec<String> {
        let text = format!("{label} {}", r.route.join(" > "));
        wrap(&text, 66)
    };
    for (status, title) in [("cut", "Cut"), ("rerouted", "Rerouted")] {
        let changed: Vec<&PairOut> = a.pairs.iter().filter(|p| p.status == status).collect();
        if changed.is_empty() {
            continue;
        }
        writeln!(out)?;
        writeln!(out, "{title}:")?;
        for p in changed {
            let head = format!("  {} > {}", p.from, p.to);
            let mut lines = Vec::new();
            if let Some(b) = &p.before {
                lines.extend(route_lines("was", b));
            }
            match &p.after {
                Some(r) => lines.extend(route_lines("now", r)),
                None => lines.push("now no route".into()),
            }
            let pad = 12usize.max(head.chars().count() + 2);
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
    if a.role_changes.is_empty() {
        writeln!(out, "No remaining place changes role.")?;
    } else {
        writeln!(out, "Role changes:")?;
        let mut t = Table::new(&["id", "name", "before", "after"]);
        for c in &a.role_changes {
            t.row(vec![
                c.id.clone(),
                c.name.clone(),
                c.before.clone(),
                c.after.clone(),
            ]);
        }
        write!(out, "{}", t.render(80))?;
    }
    Ok(())
}
