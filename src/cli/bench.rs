//! `routegraph bench-paths` (hidden): many shortest routes in one process,
//! for the benchmark comparison (`benches/compare/`). Reads `from,to` pairs
//! (ids or names, one pair a line after a header) and prints, as JSON, the
//! cost of the best route of each pair (`null` where there is none).

use super::output::write_json;
use super::progress::Progress;
use super::{Context, Outcome};
use crate::analysis::{paths::Distances, Csr, Metric};
use clap::Args;
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct BenchPathsArgs {
    /// CSV of `from,to` pairs, with a header line.
    #[arg(long, value_name = "FILE")]
    pub pairs: PathBuf,
    /// What "shortest" means.
    #[arg(long, default_value = "hops", value_name = "hops|cost|days")]
    pub by: Metric,
}

pub fn run(ctx: &Context, args: &BenchPathsArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let g = &ctx.graph;
    let text =
        std::fs::read_to_string(&args.pairs).map_err(|e| crate::Error::io(&args.pairs, e))?;
    let mut pairs = Vec::new();
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let (a, b) = line.split_once(',').ok_or_else(|| {
            crate::Error::Query(format!(
                "{}: expected `from,to`, found {line:?}",
                args.pairs.display()
            ))
        })?;
        pairs.push((g.resolve(a.trim())?, g.resolve(b.trim())?));
    }
    let p = Progress::bar("paths", pairs.len() as u64, "shortest routes");
    let csr = Csr::build(g, &ctx.filter(), args.by);
    let costs: Vec<Option<f64>> = pairs
        .par_iter()
        .map_init(
            || Distances::new(&csr),
            |dj, &(s, t)| {
                let c = dj.run(s, t);
                p.inc(1);
                c
            },
        )
        .collect();
    p.finish();
    write_json(
        out,
        &serde_json::json!({
            "by": args.by.to_string(),
            "pairs": pairs.len(),
            "found": costs.iter().filter(|c| c.is_some()).count(),
            "costs": costs,
        }),
    )?;
    Ok(Outcome::Done)
}
