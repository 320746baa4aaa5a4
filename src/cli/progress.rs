//! Progress for long loads and analyses: an indicatif spinner or bar on
//! stderr, shown only when stderr is a terminal and `--quiet` is not given,
//! so that pipes, files and tests see nothing.
//!
//! With the environment variable `ROUTEGRAPH_TIMINGS=1`, each finished phase
//! also prints `timing: <phase> <seconds> s` to stderr (used by the
//! benchmark comparison to separate loading from the analysis).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

static QUIET: AtomicBool = AtomicBool::new(false);

/// Silence every progress display (`--quiet`).
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

/// Whether progress is drawn: stderr is a terminal and not `--quiet`.
pub fn enabled() -> bool {
    !QUIET.load(Ordering::Relaxed) && std::io::stderr().is_terminal()
}

fn timings() -> bool {
    std::env::var_os("ROUTEGRAPH_TIMINGS").is_some_and(|v| v != "0" && !v.is_empty())
}

/// One phase of work: a spinner or a bar while it runs (when enabled), and
/// its duration (with `ROUTEGRAPH_TIMINGS`) when it ends or is dropped.
pub struct Progress {
    bar: Option<ProgressBar>,
    phase: String,
    start: Instant,
    done: bool,
}

impl Progress {
    /// A spinner with a message and the elapsed time, for work of unknown length.
    pub fn spinner(phase: &str, message: impl Into<String>) -> Self {
        let bar = enabled().then(|| {
            let b = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            b.set_style(
                ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                    .expect("valid template"),
            );
            b.set_message(message.into());
            b.enable_steady_tick(Duration::from_millis(120));
            b
        });
        Self::with(bar, phase)
    }

    /// A bar of `len` steps, for work whose size is known.
    pub fn bar(phase: &str, len: u64, message: impl Into<String>) -> Self {
        let bar = enabled().then(|| {
            let b = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
            b.set_style(
                ProgressStyle::with_template(
                    "{msg} [{bar:30}] {human_pos}/{human_len} ({elapsed}, eta {eta})",
                )
                .expect("valid template")
                .progress_chars("=> "),
            );
            b.set_message(message.into());
            b
        });
        Self::with(bar, phase)
    }

    /// Nothing drawn, only timed.
    pub fn hidden(phase: &str) -> Self {
        Self::with(None, phase)
    }

    fn with(bar: Option<ProgressBar>, phase: &str) -> Self {
        Progress {
            bar,
            phase: phase.to_string(),
            start: Instant::now(),
            done: false,
        }
    }

    /// Advance a bar by `n` steps (cheap: callable from rayon workers).
    pub fn inc(&self, n: u64) {
        if let Some(b) = &self.bar {
            b.inc(n);
        }
    }

    pub fn set_message(&self, message: impl Into<String>) {
        if let Some(b) = &self.bar {
            b.set_message(message.into());
        }
    }

    /// How long the phase has run.
    pub fn elapsed(&self) -> Duration {
        self.start.elapsed()
    }

    /// End the phase: clear the display, report the timing.
    pub fn finish(mut self) -> Duration {
        self.end()
    }

    fn end(&mut self) -> Duration {
        let d = self.start.elapsed();
        if !self.done {
            self.done = true;
            if let Some(b) = self.bar.take() {
                b.finish_and_clear();
            }
            if timings() {
                eprintln!("timing: {} {:.6} s", self.phase, d.as_secs_f64());
            }
        }
        d
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.end();
    }
}

/// Size the rayon pool: `threads` workers, or all cores when 0. Only the first
/// call in a process takes effect (the pool is global).
pub fn init_threads(threads: usize) {
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build_global();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quiet_disables_drawing() {
        set_quiet(true);
        assert!(!enabled());
        let p = Progress::bar("test", 10, "work");
        p.inc(3);
        assert!(p.bar.is_none());
        p.finish();
    }
}
