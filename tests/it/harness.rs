//! A small CLI harness: run the binary with arguments in a temp dir and check
//! its exit code, stdout and stderr.

use std::path::Path;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn routegraph(args: &[&str]) -> Run {
    routegraph_in(Path::new("."), args)
}

pub fn routegraph_in(dir: &Path, args: &[&str]) -> Run {
    let out = assert_cmd::Command::cargo_bin("routegraph")
        .expect("binary built")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A temp dir holding the given files.
pub fn files(list: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in list {
        std::fs::write(dir.path().join(name), text).expect("write test file");
    }
    dir
}

impl Run {
    /// Assert a failure with `code` whose stderr contains every fragment.
    pub fn fails_with(&self, code: i32, fragments: &[&str]) {
        assert_eq!(self.code, code, "exit code; stderr: {}", self.stderr);
        for f in fragments {
            assert!(
                self.stderr.contains(f),
                "stderr lacks {f:?}:\n{}",
                self.stderr
            );
        }
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
    }
    pub fn ok(&self) -> &Self {
        assert_eq!(self.code, 0, "stderr: {}", self.stderr);
        self
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("{e}: {}", self.stdout))
    }
}
