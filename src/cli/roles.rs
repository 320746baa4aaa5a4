//! `routegraph roles`: each place's role and the counts behind it.

use super::output::{num, persons_cell, write_csv, write_json, Format, Table};
use super::{Context, Outcome};
use crate::analysis::roles::{role_counts, sort_for_display, with_names};
use clap::Args;
use std::io::Write;

#[derive(Debug, Args)]
pub struct RolesArgs {
    /// Also list isolated places (no legs of the chosen kinds).
    #[arg(long)]
    pub all: bool,
}

pub fn run(ctx: &Context, args: &RolesArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let filter = ctx.filter();
    // `compute` (ROUTEGRAPH_TIMINGS) excludes writing the answer: the
    // comparison in benches/compare/ times the anchors' role count alone.
    let compute = super::progress::Progress::hidden("compute");
    let counts = role_counts(&ctx.graph, &filter);
    compute.finish();
    let mut rows = with_names(&ctx.graph, &counts);
    sort_for_display(&mut rows);
    if !args.all {
        rows.retain(|r| r.role != crate::model::Role::Isolated);
    }
    match ctx.format {
        Format::Json => write_json(out, &rows)?,
        Format::Csv => {
            write_csv(out, &csv_rows(&rows))?;
        }
        Format::Table => {
            let mut t = Table::new(&["id", "name", "role", "in", "out", "legs in/out", "stated"])
                .numeric(&[3, 4, 5]);
            let mut disagreements = 0;
            for r in &rows {
                let role = match r.also {
                    Some(a) => format!("{} (+{})", r.role, a),
                    None => r.role.to_string(),
                };
                let stated = match (r.stated_role, r.agrees) {
                    (Some(s), Some(false)) => {
                        disagreements += 1;
                        format!("{s} ≠")
                    }
                    (Some(s), _) => s.to_string(),
                    (None, _) => String::new(),
                };
                t.row(vec![
                    r.id.clone(),
                    r.name.clone(),
                    role,
                    persons_cell(r.in_persons, r.in_legs, r.in_unknown),
                    persons_cell(r.out_persons, r.out_legs, r.out_unknown),
                    format!("{}/{}", r.in_legs, r.out_legs),
                    stated,
                ]);
            }
            let kinds: Vec<&str> = filter.kinds.iter().map(|k| k.as_str()).collect();
            writeln!(
                out,
                "Roles from {} legs (in, out: persons moved)",
                kinds.join(" and "),
            )?;
            write!(out, "{}", t.render(80))?;
            writeln!(out, "≥: some legs give no number of persons; -: none does")?;
            if disagreements > 0 {
                writeln!(
                    out,
                    "≠: the computed role differs from the role the source states ({disagreements} place(s))"
                )?;
            }
        }
    }
    Ok(Outcome::Done)
}

/// The roles as CSV rows, header first (`roles --format csv`, `roles.csv`).
pub fn csv_rows(rows: &[crate::analysis::PlaceRole]) -> Vec<Vec<String>> {
    let header = [
        "id",
        "name",
        "role",
        "also",
        "in_persons",
        "out_persons",
        "in_legs",
        "out_legs",
        "stated_role",
        "agrees",
    ];
    let mut t = vec![header.iter().map(|s| s.to_string()).collect()];
    for r in rows {
        t.push(vec![
            r.id.clone(),
            r.name.clone(),
            r.role.to_string(),
            r.also.map(|a| a.to_string()).unwrap_or_default(),
            num(r.in_persons),
            num(r.out_persons),
            r.in_legs.to_string(),
            r.out_legs.to_string(),
            r.stated_role.map(|a| a.to_string()).unwrap_or_default(),
            r.agrees.map(|a| a.to_string()).unwrap_or_default(),
        ]);
    }
    t
}
