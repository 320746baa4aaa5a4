//! `routegraph extract FILE.txt [--out draft.json]`: a draft data set from a press release.

use super::output::{num, write_csv, write_json, Format, Table};
use super::{Global, Outcome};
use crate::error::{Error, InputError};
use crate::extract::{self, DraftInfo, Extraction, PlaceRef};
use crate::model::Dataset;
use clap::Args;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// The release as plain UTF-8 text; `-` reads standard input.
    pub file: PathBuf,
    /// Write the draft data set (JSON schema 1, every leg "extracted") to this file, through a
    /// temporary file in the same directory; standard output then gets the review (table) or
    /// a summary (--format json).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Leave out candidate legs below this confidence (0 to 1).
    #[arg(long, value_name = "C", default_value_t = 0.0)]
    pub min_confidence: f64,
}

/// Read the input: a file, or standard input for `-`.
fn read_input(path: &Path) -> crate::Result<(String, String)> {
    let is_stdin = path.as_os_str() == "-";
    let shown = if is_stdin {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    let bytes = if is_stdin {
        let mut b = Vec::new();
        std::io::stdin()
            .read_to_end(&mut b)
            .map_err(|e| Error::io("<stdin>", e))?;
        b
    } else {
        std::fs::read(path).map_err(|e| Error::io(path, e))?
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        InputError::new(
            &shown,
            format!(
                "not UTF-8 text (invalid byte at byte offset {}): extract reads plain text in UTF-8; convert it first (e.g. with iconv)",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    if text.trim().is_empty() {
        return Err(
            InputError::new(&shown, "empty input: there is no text to extract from").into(),
        );
    }
    Ok((text, shown))
}

pub fn run(
    args: &ExtractArgs,
    global: &Global,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    if !(0.0..=1.0).contains(&args.min_confidence) {
        anyhow::bail!(
            "--min-confidence {} is out of range: expected 0 to 1",
            args.min_confidence
        );
    }
    let (text, shown) = read_input(&args.file)?;
    let mut ex = extract::extract(&text);
    if ex.sentences.is_empty() {
        return Err(InputError::new(&shown, "no sentences found: the input has no words").into());
    }
    ex.candidates
        .retain(|c| c.confidence + 1e-9 >= args.min_confidence);
    let file_label = if args.file.as_os_str() == "-" {
        "stdin".to_string()
    } else {
        args.file.display().to_string()
    };
    let name = args
        .out
        .as_deref()
        .and_then(|p| p.file_stem())
        .map(|s| s.to_string_lossy().into_owned());
    let info = DraftInfo::for_file(&file_label, name.as_deref());
    let ds = extract::draft(&ex, &info);
    let json = serde_json::to_string_pretty(&ds)? + "\n";
    // The draft must load as it is: a failure here is a bug, not bad input.
    crate::load::load_json_str(&json, "<draft>")
        .map_err(|e| anyhow::anyhow!("internal error: the draft does not validate: {e}"))?;
    if let Some(path) = &args.out {
        crate::fsutil::write_atomic(path, json.as_bytes())?;
        writeln!(
            err,
            "wrote {}: {} places, {} legs (all \"extracted\"), {} figures",
            path.display(),
            ds.places.len(),
            ds.legs.len(),
            figure_count(&ds)
        )?;
    }
    match (global.format, &args.out) {
        (Format::Json, None) => out.write_all(json.as_bytes())?,
        (Format::Json, Some(path)) => write_json(
            out,
            &serde_json::json!({
                "file": path.display().to_string(),
                "input": shown,
                "sentences": ex.sentences.len(),
                "mentions": ex.mentions.len(),
                "places": ds.places.len(),
                "participants": ex.participants(),
                "legs": ds.legs.len(),
                "unanchored": ex.unanchored.len(),
                "figures": figure_count(&ds),
            }),
        )?,
        (Format::Csv, _) => write_csv(out, &csv_rows(&ex))?,
        (Format::Table, _) => review(&ex, &shown, out)?,
    }
    Ok(Outcome::Done)
}

fn figure_count(ds: &Dataset) -> usize {
    ds.totals.len() + ds.places.iter().map(|p| p.figures.len()).sum::<usize>()
}

fn csv_rows(ex: &Extraction) -> Vec<Vec<String>> {
    let mut rows = vec![[
        "from",
        "to",
        "kind",
        "pattern",
        "confidence",
        "sentence",
        "start",
        "end",
        "mode",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()];
    for c in &ex.candidates {
        let s = &ex.sentences[c.sentence];
        rows.push(vec![
            c.from.id(),
            c.to.id(),
            c.kind.to_string(),
            c.pattern.clone(),
            format!("{:.2}", c.confidence),
            s.number.to_string(),
            s.span.start.to_string(),
            s.span.end.to_string(),
            c.mode.map(|m| m.to_string()).unwrap_or_default(),
        ]);
    }
    rows
}

fn short(p: &PlaceRef) -> String {
    match p {
        PlaceRef::Group { count, .. } => format!("{count} unnamed"),
        other => other.id(),
    }
}

/// The review: what was found, for a person to check against the text.
fn review(ex: &Extraction, shown: &str, out: &mut dyn Write) -> anyhow::Result<()> {
    let places = ex.places();
    writeln!(
        out,
        "{shown}: {} sentences, {} mentions of {} places, {} candidate legs, {} figures",
        ex.sentences.len(),
        ex.mentions.len(),
        places.len(),
        ex.candidates.len(),
        ex.figures.len()
    )?;
    writeln!(
        out,
        "Spans are character offsets (Unicode scalar values), 0-based, end exclusive."
    )?;

    writeln!(out, "\nMentions")?;
    let mut t = Table::new(&["sent", "span", "text", "place", "form", "note"]).numeric(&[0]);
    for m in &ex.mentions {
        let note = if m.participant {
            "participant"
        } else if m.dateline {
            "dateline"
        } else {
            ""
        };
        t.row(vec![
            ex.sentences[m.sentence].number.to_string(),
            m.span.to_string(),
            m.text.clone(),
            m.place.id(),
            m.form.as_str().into(),
            note.into(),
        ]);
    }
    write!(out, "{}", t.render(80))?;

    let parts = ex.participants();
    writeln!(out, "\nParticipants ({}, never ends of legs)", parts.len())?;
    if parts.is_empty() {
        writeln!(out, "  none listed")?;
    } else {
        for line in super::output::wrap(&parts.join(", "), 76) {
            writeln!(out, "  {line}")?;
        }
    }

    writeln!(out, "\nCandidate legs (status \"extracted\")")?;
    if ex.candidates.is_empty() {
        writeln!(out, "  none")?;
    } else {
        let mut t = Table::new(&["id", "from → to", "kind", "mode", "conf", "pattern", "sent"])
            .numeric(&[4, 6]);
        for (k, c) in ex.candidates.iter().enumerate() {
            t.row(vec![
                format!("E{:02}", k + 1),
                format!("{} → {}", short(&c.from), short(&c.to)),
                c.kind.to_string(),
                c.mode.map(|m| m.to_string()).unwrap_or_default(),
                format!("{:.2}", c.confidence),
                c.pattern.clone(),
                ex.sentences[c.sentence].number.to_string(),
            ]);
        }
        write!(out, "{}", t.render(80))?;
        writeln!(
            out,
            "Sentences of the legs (number, character span, excerpt):"
        )?;
        let mut seen = Vec::new();
        for c in &ex.candidates {
            for &s in &c.support {
                if !seen.contains(&s) {
                    seen.push(s);
                }
            }
        }
        seen.sort_unstable();
        for s in seen {
            let sent = &ex.sentences[s];
            writeln!(
                out,
                "  {:>3}  {:<11} {}",
                sent.number,
                sent.span.to_string(),
                ex.excerpt(s, 58)
            )?;
        }
    }

    if !ex.unanchored.is_empty() {
        writeln!(out, "\nMovements with one end unknown (not legs)")?;
        let mut t = Table::new(&["place", "role", "pattern", "sent", "excerpt"]).numeric(&[3]);
        for u in &ex.unanchored {
            t.row(vec![
                u.place.id(),
                u.role.into(),
                u.pattern.clone(),
                ex.sentences[u.sentence].number.to_string(),
                ex.excerpt(u.sentence, 40),
            ]);
        }
        write!(out, "{}", t.render(80))?;
    }

    writeln!(out, "\nFigures")?;
    if ex.figures.is_empty() {
        writeln!(out, "  none")?;
    } else {
        let mut t = Table::new(&[
            "place",
            "what",
            "value",
            "unit",
            "qualifier",
            "sent",
            "span",
        ])
        .numeric(&[2, 5]);
        for f in &ex.figures {
            t.row(vec![
                f.place.as_ref().map_or_else(|| "(total)".into(), short),
                f.what.clone(),
                num(f.value),
                f.unit.clone().unwrap_or_default(),
                f.qualifier.clone().unwrap_or_default(),
                ex.sentences[f.sentence].number.to_string(),
                f.span.to_string(),
            ]);
        }
        write!(out, "{}", t.render(80))?;
    }
    Ok(())
}
