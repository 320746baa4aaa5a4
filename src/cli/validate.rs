//! `routegraph validate FILE`: load a data file and report every problem.

use super::output::{write_json, Format};
use super::{Global, Outcome};
use crate::load;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// The data file: JSON data set or legs CSV (with --places for a places CSV).
    pub file: PathBuf,
}

pub fn run(
    args: &ValidateArgs,
    global: &Global,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let loaded = load::load(Some(&args.file), global.places.as_deref())?;
    let g = &loaded.graph;
    if global.format == Format::Json {
        write_json(
            out,
            &serde_json::json!({
                "file": args.file.display().to_string(),
                "valid": true,
                "places": g.place_count(),
                "legs": g.leg_count(),
                "warnings": loaded.warnings,
            }),
        )?;
    } else {
        for w in &loaded.warnings {
            writeln!(err, "warning: {w}")?;
        }
        writeln!(
            out,
            "{}: valid: {} places, {} legs, {} warning(s)",
            args.file.display(),
            g.place_count(),
            g.leg_count(),
            loaded.warnings.len()
        )?;
    }
    super::drop_later(loaded);
    Ok(Outcome::Done)
}
