//! The `routegraph` binary: parse, run, print the error chain once, exit.
//! Exit codes: 0 done, 1 no answer (e.g. no route), 2 bad input or usage.

use clap::Parser;
use routegraph::cli::{run, Cli, Outcome};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut err = std::io::stderr();
    let result = run(cli, &mut out, &mut err);
    let flushed = out.flush();
    match result {
        Ok(Outcome::Done) => match flushed {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(e) => {
                let _ = writeln!(err, "error: writing output: {e}");
                ExitCode::from(2)
            }
            Ok(()) => ExitCode::SUCCESS,
        },
        Ok(Outcome::NotFound(msg)) => {
            let _ = writeln!(err, "{msg}");
            ExitCode::from(1)
        }
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            let mut msg = format!("error: {e}");
            for cause in e.chain().skip(1) {
                msg.push_str(&format!(": {cause}"));
            }
            let _ = writeln!(err, "{msg}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
