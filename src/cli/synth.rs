//! `routegraph synth`: write a synthetic route set (see [`crate::synth`]).

use super::output::{write_json, Format};
use super::progress::Progress;
use super::{Global, Outcome};
use crate::synth::{generate, Params};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct SynthArgs {
    /// How many places [default: 1000].
    //
    // The id is the global `--places`' own (a path elsewhere), so that clap
    // lets this one shadow it here; the parser checks that it is a count.
    #[arg(long, value_name = "N", value_parser = count_as_path)]
    pub places: Option<PathBuf>,
    /// How many legs.
    #[arg(long, default_value_t = 10_000, value_name = "M")]
    pub legs: usize,
    /// Seed: the same seed and sizes give the same bytes.
    #[arg(long, default_value_t = 1, value_name = "S")]
    pub seed: u64,
    /// Directory to write places.csv and legs.csv into (created if needed).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Also write dataset.json in the routegraph JSON schema.
    #[arg(long)]
    pub json: bool,
}

fn count_as_path(s: &str) -> Result<PathBuf, String> {
    s.trim()
        .parse::<usize>()
        .map(|_| PathBuf::from(s.trim()))
        .map_err(|_| format!("expected a number of places, found {s:?}"))
}

pub fn run(
    args: &SynthArgs,
    global: &Global,
    out: &mut dyn Write,
    _err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let places = match &args.places {
        Some(p) => p
            .to_str()
            .and_then(|s| s.parse::<usize>().ok())
            .ok_or_else(|| {
                crate::Error::Query(format!("--places: expected a number, found {p:?}"))
            })?,
        None => 1000,
    };
    let params = Params {
        places,
        legs: args.legs,
        seed: args.seed,
    };
    let p = Progress::spinner(
        "synth",
        format!("generating {places} places, {} legs", args.legs),
    );
    let set = generate(params).map_err(crate::Error::Query)?;
    p.set_message(format!("writing {}", args.out.display()));
    let files = set.write_dir(&args.out, args.json)?;
    p.finish();
    let files: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    if global.format == Format::Json {
        write_json(
            out,
            &serde_json::json!({
                "places": set.places.len(),
                "legs": set.legs.len(),
                "seed": args.seed,
                "files": files,
            }),
        )?;
    } else {
        writeln!(
            out,
            "wrote {} places and {} legs (seed {}): {}",
            set.places.len(),
            set.legs.len(),
            args.seed,
            files.join(", ")
        )?;
    }
    Ok(Outcome::Done)
}
