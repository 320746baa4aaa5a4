//! `routegraph places`: the places, with what the source says about each.

use super::output::{opt_num, write_csv, write_json, Format, Table};
use super::{Context, Outcome};
use crate::model::PlaceKind;
use clap::Args;
use std::io::Write;

#[derive(Debug, Args)]
pub struct PlacesArgs {}

pub fn run(ctx: &Context, _args: &PlacesArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let places: Vec<_> = ctx.graph.places().collect();
    match ctx.format {
        Format::Json => write_json(out, &places)?,
        Format::Csv => {
            let mut rows = vec![[
                "id",
                "name",
                "kind",
                "lat",
                "lon",
                "participant",
                "stated_role",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()];
            for p in &places {
                rows.push(vec![
                    p.id.clone(),
                    p.name.clone(),
                    kind_str(p.kind).into(),
                    p.lat.map(|v| v.to_string()).unwrap_or_default(),
                    p.lon.map(|v| v.to_string()).unwrap_or_default(),
                    p.participant.to_string(),
                    p.stated_role.map(|r| r.to_string()).unwrap_or_default(),
                ]);
            }
            write_csv(out, &rows)?;
        }
        Format::Table => {
            let mut t = Table::new(&["id", "name", "kind", "part.", "figures"]);
            for p in &places {
                let figures: Vec<String> = p
                    .figures
                    .iter()
                    .map(|f| {
                        let unit = f
                            .unit
                            .as_deref()
                            .map(|u| format!(" {u}"))
                            .unwrap_or_default();
                        format!(
                            "{} {}{unit}",
                            f.what.replace('_', " "),
                            opt_num(Some(f.value))
                        )
                    })
                    .collect();
                t.row(vec![
                    p.id.clone(),
                    p.name.clone(),
                    kind_str(p.kind).into(),
                    if p.participant { "yes" } else { "" }.into(),
                    figures.join("; "),
                ]);
            }
            write!(out, "{}", t.render(80))?;
            writeln!(out, "part.: took part in the operation")?;
        }
    }
    Ok(Outcome::Done)
}

fn kind_str(k: PlaceKind) -> &'static str {
    match k {
        PlaceKind::Country => "country",
        PlaceKind::Region => "region",
        PlaceKind::Group => "group",
    }
}
