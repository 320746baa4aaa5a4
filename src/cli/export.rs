//! `routegraph export FORMAT [--out PATH]`: the graph for Gephi, Graphviz,
//! QGIS, kepler.gl, Neo4j and Spark (see README.md, "Working with other tools").
//!
//! The format is a positional argument, not `--format`: the global
//! `--format table|json|csv` (every command's output style) already owns
//! that flag, and a subcommand cannot redefine it with other values. For
//! the two formats they share, `routegraph export --format json|csv` works
//! too; without either, the `--out` extension decides.

use super::output::Format;
use super::progress::Progress;
use super::{Context, Outcome};
use crate::analysis::{centrality, Metric};
use crate::export::{Export, ExportFormat};
use crate::model::{Kind, LegFilter, RouteGraph};
use anyhow::bail;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to write [default: from the --out extension (.graphml, .gexf,
    /// .dot, .geojson, .json), or the global --format json|csv].
    #[arg(value_enum, value_name = "FORMAT")]
    pub to: Option<ExportFormat>,
    /// Where to write: a file, or a directory for csv [default: stdout].
    /// Files are written to a temporary name and renamed when complete.
    #[arg(long, short, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Leave out betweenness centrality (computed by default, by hops, over
    /// the legs the roles use: --kinds, default smuggling and trafficking).
    #[arg(long)]
    pub no_betweenness: bool,
}

/// Which format the command line asks for.
fn resolve_format(ctx: &Context, args: &ExportArgs) -> anyhow::Result<ExportFormat> {
    let global = match ctx.format {
        Format::Json => Some(ExportFormat::Json),
        Format::Csv => Some(ExportFormat::Csv),
        Format::Table => None,
    };
    match (args.to, global) {
        (Some(a), Some(b)) if a != b => bail!(
            "two export formats given: {} and --format {}; give one",
            a.as_str(),
            b.as_str()
        ),
        (Some(f), _) | (None, Some(f)) => Ok(f),
        (None, None) => {
            if let Some(f) = args.out.as_deref().and_then(ExportFormat::from_path) {
                return Ok(f);
            }
            let names: Vec<&str> = ExportFormat::ALL.iter().map(|f| f.as_str()).collect();
            bail!(
                "say which format to export: routegraph export {} [--out PATH]",
                names.join("|")
            )
        }
    }
}

/// Betweenness of places and legs over `filter`, by hops: the values the
/// `chokepoints` command ranks by. Legs the filter leaves out get none.
fn betweenness(g: &RouteGraph, filter: &LegFilter) -> (Vec<f64>, Vec<Option<f64>>) {
    let c = centrality(g, filter, Metric::Hops, true);
    let legs = (0..g.leg_count())
        .map(|i| filter.accepts(g.leg(i)).then(|| c.leg[i]))
        .collect();
    (c.place, legs)
}

pub fn run(
    ctx: &Context,
    args: &ExportArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let format = resolve_format(ctx, args)?;
    let g = &ctx.graph;
    let role_filter = ctx.filter();
    let mut x = Export::new(g, &ctx.filter_or(&Kind::ALL), &role_filter);
    if !args.no_betweenness {
        let p = Progress::spinner("betweenness", "computing betweenness");
        let (places, legs) = betweenness(g, &role_filter);
        p.finish();
        x = x.with_betweenness(places).with_leg_betweenness(legs);
    }

    let unmapped = x.unmapped();
    if !unmapped.places.is_empty() {
        let n = unmapped.places.len();
        let list = unmapped
            .places
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        let more = if n > 5 { ", ..." } else { "" };
        match format {
            ExportFormat::Geojson => writeln!(
                err,
                "note: {n} place(s) without coordinates left out of the GeoJSON ({list}{more}), \
                 and {} leg(s) touching them",
                unmapped.legs
            )?,
            ExportFormat::Dot | ExportFormat::Gexf => writeln!(
                err,
                "note: {n} place(s) without coordinates are placed in a row below the map ({list}{more})"
            )?,
            _ => {}
        }
    }

    if format.is_directory() {
        let Some(dir) = &args.out else {
            bail!(
                "the csv export writes {} files: give a directory with --out DIR",
                format.file_names().len()
            );
        };
        let written = x.write_dir(format, dir)?;
        writeln!(
            out,
            "wrote {} places and {} legs to {}:",
            g.place_count(),
            x.legs.len(),
            dir.display()
        )?;
        for p in written {
            writeln!(out, "  {}", p.display())?;
        }
        return Ok(Outcome::Done);
    }
    match &args.out {
        Some(path) => {
            x.write_file(format, path)?;
            writeln!(
                out,
                "wrote {} ({}): {} places, {} legs",
                path.display(),
                format.as_str(),
                g.place_count()
                    - if format == ExportFormat::Geojson {
                        unmapped.places.len()
                    } else {
                        0
                    },
                x.legs.len()
                    - if format == ExportFormat::Geojson {
                        unmapped.legs
                    } else {
                        0
                    },
            )?;
        }
        None => x.write(format, out)?,
    }
    Ok(Outcome::Done)
}
