//! `routegraph path FROM TO`: the best route, the k best, or every route up to
//! a number of legs, each leg with its kind, status and evidence.

use super::output::{num, write_csv, write_json, Format};
use super::{Context, Outcome};
use crate::analysis::{all_simple, k_shortest, k_shortest_via, Csr, Metric, Route};
use crate::model::{Evidence, RouteGraph};
use clap::Args;
use serde::Serialize;
use std::io::Write;

#[derive(Debug, Args)]
pub struct PathArgs {
    /// Where the route starts: an id, ISO code, name or alias.
    pub from: String,
    /// Where the route ends.
    pub to: String,
    /// What "shortest" means: number of legs, total cost, or total days.
    #[arg(long, default_value = "hops", value_name = "hops|cost|days")]
    pub by: Metric,
    /// How many routes, best first (Yen's k shortest loopless routes).
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub k: usize,
    /// Only routes through this place (repeatable).
    #[arg(long, value_name = "PLACE")]
    pub via: Vec<String>,
    /// Never through this place (repeatable).
    #[arg(long, value_name = "PLACE")]
    pub avoid: Vec<String>,
    /// Every simple route with at most --max-hops legs, instead of the best ones.
    #[arg(long, requires = "max_hops")]
    pub all: bool,
    /// With --all: the most legs a route may have.
    #[arg(long, value_name = "H")]
    pub max_hops: Option<usize>,
    /// With --all or --via: the most routes to list or scan.
    #[arg(long, default_value_t = 1000, value_name = "N")]
    pub limit: usize,
}

/// The JSON answer (documented in README.md).
#[derive(Debug, Serialize)]
pub struct PathAnswer {
    pub from: String,
    pub to: String,
    pub by: String,
    pub routes: Vec<RouteOut>,
    /// Set when the listing stopped at --limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub truncated: Option<bool>,
}

#[derive(Debug, Serialize)]
pub struct RouteOut {
    pub places: Vec<String>,
    pub hops: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// With --by cost|days: legs of this route with no value (counted as 0).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legs_without_value: Option<usize>,
    pub legs: Vec<LegOut>,
}

#[derive(Debug, Serialize)]
pub struct LegOut {
    pub id: String,
    pub from: String,
    pub to: String,
    pub kind: String,
    pub status: String,
    pub persons: Option<f64>,
    pub cost: Option<f64>,
    pub days: Option<f64>,
    pub mode: Option<String>,
    pub evidence: Vec<Evidence>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<String>,
    /// Other legs that join the same two places (ids).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parallel: Vec<String>,
}

pub fn route_out(g: &RouteGraph, csr: &Csr, r: &Route, metric: Metric) -> RouteOut {
    let legs: Vec<LegOut> = r
        .legs
        .iter()
        .map(|&i| {
            let leg = g.leg(i);
            let (a, b) = g.ends(i);
            let parallel = (csr.offsets[a] as usize..csr.offsets[a + 1] as usize)
                .filter(|&k| csr.targets[k] as usize == b && csr.legs[k] as usize != i)
                .map(|k| g.leg_id(csr.legs[k] as usize))
                .collect();
            LegOut {
                id: g.leg_id(i),
                from: g.place(a).id.clone(),
                to: g.place(b).id.clone(),
                kind: leg.kind.to_string(),
                status: leg.status.to_string(),
                persons: leg.persons(),
                cost: leg.cost(),
                days: leg.days(),
                mode: leg.mode.map(|m| m.to_string()),
                evidence: leg.evidence().to_vec(),
                reasoning: leg.detail().and_then(|d| d.reasoning.clone()),
                parallel,
            }
        })
        .collect();
    let currency = if metric == Metric::Cost {
        let mut cur: Vec<&str> = r.legs.iter().filter_map(|&i| g.leg(i).currency()).collect();
        cur.sort_unstable();
        cur.dedup();
        (cur.len() == 1).then(|| cur[0].to_string())
    } else {
        None
    };
    RouteOut {
        places: r.places.iter().map(|&p| g.place(p).id.clone()).collect(),
        hops: r.hops(),
        cost: (metric != Metric::Hops).then_some(r.cost),
        currency,
        legs_without_value: (metric != Metric::Hops).then(|| {
            r.legs
                .iter()
                .filter(|&&i| metric.weight(g.leg(i)).is_none())
                .count()
        }),
        legs,
    }
}

pub fn run(ctx: &Context, args: &PathArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let g = &ctx.graph;
    let s = g.resolve(&args.from)?;
    let t = g.resolve(&args.to)?;
    if s == t {
        return Err(crate::Error::Query(format!(
            "FROM and TO are the same place ({}): a route needs two different places",
            g.place(s).id
        ))
        .into());
    }
    let via = args
        .via
        .iter()
        .map(|v| g.resolve(v))
        .collect::<Result<Vec<_>, _>>()?;
    let avoid = args
        .avoid
        .iter()
        .map(|v| g.resolve(v))
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(p) = avoid
        .iter()
        .find(|&&a| a == s || a == t || via.contains(&a))
    {
        return Err(crate::Error::Query(format!(
            "--avoid {} contradicts FROM, TO or --via",
            g.place(*p).id
        ))
        .into());
    }
    if args.k == 0 {
        return Err(crate::Error::Query("--k must be at least 1".into()).into());
    }
    let filter = ctx.filter();
    let csr = Csr::build(g, &filter, args.by);
    let (routes, truncated) = if args.all {
        let h = args.max_hops.unwrap_or(usize::MAX);
        let (mut rs, tr) = all_simple(&csr, s, t, h, &avoid, args.limit);
        if !via.is_empty() {
            rs.retain(|r| via.iter().all(|v| r.places.contains(v)));
        }
        (rs, tr)
    } else if via.is_empty() {
        (k_shortest(&csr, s, t, args.k, &avoid), false)
    } else {
        k_shortest_via(&csr, s, t, args.k, &via, &avoid, args.limit)
    };
    let (from_id, to_id) = (g.place(s).id.clone(), g.place(t).id.clone());
    if routes.is_empty() {
        let mut msg = format!(
            "no route from {} to {} over {} legs",
            g.place(s).name,
            g.place(t).name,
            filter
                .kinds
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
                .join("/")
        );
        if !via.is_empty() || !avoid.is_empty() || args.all {
            msg.push_str(" with the given --via/--avoid/--max-hops");
        }
        return Ok(Outcome::NotFound(msg));
    }
    let answer = PathAnswer {
        from: from_id,
        to: to_id,
        by: args.by.to_string(),
        routes: routes
            .iter()
            .map(|r| route_out(g, &csr, r, args.by))
            .collect(),
        truncated: truncated.then_some(true),
    };
    match ctx.format {
        Format::Json => write_json(out, &answer)?,
        Format::Csv => {
            let mut rows = vec![[
                "route", "step", "leg", "from", "to", "kind", "status", "persons", "cost", "days",
                "mode", "evidence",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()];
            for (ri, r) in answer.routes.iter().enumerate() {
                for (si, l) in r.legs.iter().enumerate() {
                    rows.push(vec![
                        (ri + 1).to_string(),
                        (si + 1).to_string(),
                        l.id.clone(),
                        l.from.clone(),
                        l.to.clone(),
                        l.kind.clone(),
                        l.status.clone(),
                        l.persons.map(num).unwrap_or_default(),
                        l.cost.map(num).unwrap_or_default(),
                        l.days.map(num).unwrap_or_default(),
                        l.mode.clone().unwrap_or_default(),
                        l.evidence
                            .first()
                            .map(|e| e.part.clone())
                            .unwrap_or_default(),
                    ]);
                }
            }
            write_csv(out, &rows)?;
        }
        Format::Table => write_table(out, g, &answer)?,
    }
    Ok(Outcome::Done)
}

fn write_table(out: &mut dyn Write, g: &RouteGraph, a: &PathAnswer) -> anyhow::Result<()> {
    let name = |id: &str| {
        g.index_of(id)
            .map_or(id.to_string(), |i| g.place(i).name.clone())
    };
    writeln!(
        out,
        "{} route(s) from {} to {}, by {}{}",
        a.routes.len(),
        name(&a.from),
        name(&a.to),
        a.by,
        if a.truncated == Some(true) {
            " (listing stopped at --limit)"
        } else {
            ""
        }
    )?;
    for (i, r) in a.routes.iter().enumerate() {
        let total = match r.cost {
            Some(c) => {
                let unknown = r.legs_without_value.unwrap_or(0);
                format!(
                    ", {} {}{}{}",
                    a.by,
                    if unknown > 0 { "≥ " } else { "" },
                    num(c),
                    r.currency
                        .as_deref()
                        .map(|c| format!(" {c}"))
                        .unwrap_or_default()
                )
            }
            None => String::new(),
        };
        writeln!(out)?;
        writeln!(
            out,
            "#{}  {} legs{}: {}",
            i + 1,
            r.hops,
            total,
            r.places.join(" > ")
        )?;
        for l in &r.legs {
            let mut facts = vec![l.kind.clone(), l.status.clone()];
            if let Some(m) = &l.mode {
                facts.push(m.clone());
            }
            if let Some(p) = l.persons {
                facts.push(format!(
                    "{} {}",
                    num(p),
                    if p == 1.0 { "person" } else { "persons" }
                ));
            }
            if let Some(c) = l.cost {
                facts.push(format!("cost {}", num(c)));
            }
            if let Some(d) = l.days {
                facts.push(format!("{} days", num(d)));
            }
            if !l.parallel.is_empty() {
                facts.push(format!("also {}", l.parallel.join(",")));
            }
            writeln!(
                out,
                "    {:<4} {} > {}  {}",
                l.id,
                l.from,
                l.to,
                facts.join(", ")
            )?;
            if let Some(e) = l.evidence.first() {
                let para = e.paragraph.map(|p| format!(" ¶{p}")).unwrap_or_default();
                let text = super::output::wrap(&format!("[{}{para}] {}", e.part, e.paraphrase), 70);
                for line in text {
                    writeln!(out, "         {line}")?;
                }
            }
        }
    }
    let unknown: usize = a.routes.iter().filter_map(|r| r.legs_without_value).sum();
    if unknown > 0 {
        writeln!(out)?;
        writeln!(
            out,
            "≥: some legs give no {}; they count as 0, so the total is a lower bound",
            a.by
        )?;
    }
    Ok(())
}
