//! `routegraph legs`: the legs, with their evidence.

use super::output::{opt_num, write_csv, write_json, Format, Table};
use super::{Context, Outcome};
use crate::model::{Kind, RouteGraph};
use clap::Args;
use std::io::Write;

#[derive(Debug, Args)]
pub struct LegsArgs {}

/// "highlights ¶3" for the first evidence item of a leg, or "".
pub fn evidence_ref(g: &RouteGraph, leg: usize) -> String {
    g.leg(leg)
        .evidence()
        .first()
        .map(|e| match e.paragraph {
            Some(p) => format!("{} ¶{p}", e.part),
            None => e.part.clone(),
        })
        .unwrap_or_default()
}

pub fn run(ctx: &Context, _args: &LegsArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let filter = ctx.filter_or(&Kind::ALL);
    let g = &ctx.graph;
    let idx: Vec<usize> = (0..g.leg_count())
        .filter(|&i| filter.accepts(g.leg(i)))
        .collect();
    match ctx.format {
        Format::Json => {
            let ds = g.to_dataset();
            let legs: Vec<_> = idx.iter().map(|&i| &ds.legs[i]).collect();
            write_json(out, &legs)?;
        }
        Format::Csv => {
            let mut rows = vec![[
                "id", "from", "to", "kind", "status", "weight", "cost", "currency", "days", "mode",
                "evidence",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()];
            for &i in &idx {
                let leg = g.leg(i);
                let (a, b) = g.ends(i);
                rows.push(vec![
                    g.leg_id(i),
                    g.place(a).id.clone(),
                    g.place(b).id.clone(),
                    leg.kind.to_string(),
                    leg.status.to_string(),
                    leg.persons().map(|v| v.to_string()).unwrap_or_default(),
                    leg.cost().map(|v| v.to_string()).unwrap_or_default(),
                    leg.currency().unwrap_or_default().to_string(),
                    leg.days().map(|v| v.to_string()).unwrap_or_default(),
                    leg.mode.map(|m| m.to_string()).unwrap_or_default(),
                    evidence_ref(g, i),
                ]);
            }
            write_csv(out, &rows)?;
        }
        Format::Table => {
            let mut t = Table::new(&[
                "id", "from", "to", "kind", "status", "persons", "mode", "evidence",
            ])
            .numeric(&[5]);
            for &i in &idx {
                let leg = g.leg(i);
                let (a, b) = g.ends(i);
                t.row(vec![
                    g.leg_id(i),
                    g.place(a).id.clone(),
                    g.place(b).id.clone(),
                    leg.kind.to_string(),
                    leg.status.to_string(),
                    opt_num(leg.persons()),
                    leg.mode
                        .map(|m| m.to_string())
                        .unwrap_or_else(|| "-".into()),
                    evidence_ref(g, i),
                ]);
            }
            write!(out, "{}", t.render(80))?;
        }
    }
    Ok(Outcome::Done)
}
