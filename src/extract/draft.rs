//! The draft: an [`Extraction`] as a data set in the JSON schema (version 1).
//!
//! Mapping (documented for users in `data/README.md`, "Drafts made by `routegraph extract`"):
//! - one source entry describes the input file; its `parts` are the cited sentences, each with
//!   id `chars:START-END` (the sentence's character span) and heading `(sentence N)`;
//! - every evidence item points at a sentence: `part` = `chars:START-END`, `paragraph` = the
//!   1-based sentence number, `paraphrase` = what the pattern saw, in a few words of ours
//!   (names of places are the only words taken from the text);
//! - countries get their gazetteer name, codes and marker point; regions a point at the mean of
//!   their members' points and, as `members`, the countries of the draft that belong to them;
//!   groups ("17 countries") a `count` and no point;
//! - every leg has `status: "extracted"`, id `E01`, `E02`, ...; the pattern and its confidence
//!   are in the paraphrase of the evidence of the sentence it was read from;
//! - figures go to their place, or to `totals` when the sentence names none.

use super::{Candidate, Extraction, FoundFigure, MentionForm, PlaceRef};
use crate::geo::gazetteer::{gazetteer, Gazetteer};
use crate::model::{
    Cost, Dataset, Evidence, Figure, LegRecord, Place, PlaceKind, Source, SourcePart, Status,
    SCHEMA_VERSION,
};
use std::collections::{BTreeMap, BTreeSet};

/// What the draft says about its input.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftInfo {
    /// The data set's `name` (the output file name without `.json`).
    pub name: String,
    /// The input's file name as the source entry records it (`-` reads as `stdin`).
    pub file: String,
    /// The id of the source entry that all evidence points to.
    pub source_id: String,
}

impl DraftInfo {
    /// Names for a draft of `file` (a file name or path); `name` defaults to the file's stem
    /// with `-draft` appended.
    pub fn for_file(file: &str, name: Option<&str>) -> DraftInfo {
        let base = std::path::Path::new(file)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "stdin".into());
        let stem = std::path::Path::new(&base)
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| base.clone());
        let source_id = slug(&stem);
        DraftInfo {
            name: name.map_or_else(|| format!("{source_id}-draft"), str::to_string),
            file: base,
            source_id,
        }
    }
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in Gazetteer::normalize(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "input".into()
    } else {
        out
    }
}

fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

struct Cite<'a> {
    ex: &'a Extraction,
    source: &'a str,
    cited: BTreeSet<usize>,
}

impl Cite<'_> {
    fn ev(&mut self, s: usize, paraphrase: String) -> Evidence {
        self.cited.insert(s);
        let sent = &self.ex.sentences[s];
        Evidence {
            source: self.source.to_string(),
            part: format!("chars:{}", sent.span),
            paragraph: u32::try_from(sent.number).ok(),
            paraphrase,
        }
    }
    fn figure(&mut self, f: &FoundFigure) -> Figure {
        let mut said = String::new();
        if let Some(q) = &f.qualifier {
            said.push_str(q);
            said.push(' ');
        }
        said.push_str(&num(f.value));
        if let Some(u) = &f.unit {
            said.push(' ');
            said.push_str(u);
        }
        let evidence = self.ev(
            f.sentence,
            format!(
                "{}: {said} (the number at chars {})",
                f.what.replace('_', " "),
                f.span
            ),
        );
        Figure {
            what: f.what.clone(),
            value: f.value,
            unit: f.unit.clone(),
            qualifier: f.qualifier.clone(),
            evidence,
        }
    }
}

/// The display name of a place of the draft.
pub(crate) fn place_name(p: &PlaceRef) -> String {
    let g = gazetteer();
    match p {
        PlaceRef::Country(c) => g.country(c).map_or_else(|| c.clone(), |c| c.name.clone()),
        PlaceRef::Region(r) => g.region(r).map_or_else(|| r.clone(), |r| r.name.clone()),
        PlaceRef::Group { count, sentence } => {
            format!("{count} unnamed countries (sentence {})", sentence + 1)
        }
    }
}

/// The draft data set of `ex`.
pub fn draft(ex: &Extraction, info: &DraftInfo) -> Dataset {
    let g = gazetteer();
    let mut cite = Cite {
        ex,
        source: &info.source_id,
        cited: BTreeSet::new(),
    };
    let mut refs: Vec<PlaceRef> = ex.places();
    for c in &ex.candidates {
        for p in [&c.from, &c.to] {
            if !refs.contains(p) {
                refs.push(p.clone());
            }
        }
    }
    refs.sort_by_key(|p| match p {
        PlaceRef::Country(c) => (0, c.clone()),
        PlaceRef::Region(r) => (1, r.clone()),
        g @ PlaceRef::Group { .. } => (2, g.id()),
    });
    let countries: Vec<&str> = refs
        .iter()
        .filter_map(|p| match p {
            PlaceRef::Country(c) => Some(c.as_str()),
            _ => None,
        })
        .collect();
    let mut places = Vec::new();
    for p in &refs {
        // what each sentence says about the place
        let mut notes: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        let mut add = |s: usize, note: String| {
            let v = notes.entry(s).or_default();
            if !v.contains(&note) {
                v.push(note);
            }
        };
        let mut aliases: Vec<String> = Vec::new();
        let name = place_name(p);
        for m in ex.mentions.iter().filter(|m| &m.place == p) {
            let note = if m.participant {
                format!("listed among participating countries (as \"{}\")", m.text)
            } else if m.dateline {
                format!("named in the dateline (as \"{}\")", m.text)
            } else {
                match m.form {
                    MentionForm::Demonym => format!("named by the demonym \"{}\"", m.text),
                    _ => format!("named as \"{}\"", m.text),
                }
            };
            add(m.sentence, note);
            if m.form == MentionForm::Name
                && Gazetteer::normalize(&m.text) != Gazetteer::normalize(&name)
                && !aliases
                    .iter()
                    .any(|a| Gazetteer::normalize(a) == Gazetteer::normalize(&m.text))
            {
                aliases.push(m.text.clone());
            }
        }
        for u in ex.unanchored.iter().filter(|u| &u.place == p) {
            add(
                u.sentence,
                format!(
                    "a {} of a movement ('{}' pattern) whose other end the sentence does not name",
                    u.role, u.pattern
                ),
            );
        }
        if let PlaceRef::Group { count, sentence } = p {
            add(
                *sentence,
                format!("the text links money to {count} countries it does not name"),
            );
        }
        let evidence: Vec<Evidence> = notes
            .into_iter()
            .map(|(s, v)| cite.ev(s, v.join("; ")))
            .collect();
        let figures: Vec<Figure> = ex
            .figures
            .iter()
            .filter(|f| f.place.as_ref() == Some(p))
            .map(|f| cite.figure(f))
            .collect();
        let participant = ex.mentions.iter().any(|m| &m.place == p && m.participant);
        let place = match p {
            PlaceRef::Country(iso3) => {
                let c = g.country(iso3);
                Place {
                    id: iso3.clone(),
                    kind: PlaceKind::Country,
                    name,
                    iso2: c.map(|c| c.iso2.clone()),
                    aliases,
                    lat: c.map(|c| c.lat),
                    lon: c.map(|c| c.lon),
                    participant,
                    figures,
                    evidence,
                    ..Place::default()
                }
            }
            PlaceRef::Region(id) => {
                let r = g.region(id);
                let pts: Vec<(f64, f64)> = r
                    .map(|r| g.members(r).map(|c| (c.lat, c.lon)).collect())
                    .unwrap_or_default();
                let mean = |f: fn(&(f64, f64)) -> f64| {
                    (!pts.is_empty()).then(|| {
                        (pts.iter().map(f).sum::<f64>() / pts.len() as f64 * 100.0).round() / 100.0
                    })
                };
                let members = countries
                    .iter()
                    .filter(|c| r.is_some_and(|r| r.contains(c)))
                    .map(|c| c.to_string())
                    .collect();
                Place {
                    id: id.clone(),
                    kind: PlaceKind::Region,
                    name,
                    lat: mean(|p| p.0),
                    lon: mean(|p| p.1),
                    members,
                    figures,
                    evidence,
                    ..Place::default()
                }
            }
            PlaceRef::Group { count, .. } => Place {
                id: p.id(),
                kind: PlaceKind::Group,
                name,
                count: Some(*count),
                figures,
                evidence,
                ..Place::default()
            },
        };
        places.push(place);
    }
    let legs: Vec<LegRecord> = ex
        .candidates
        .iter()
        .enumerate()
        .map(|(k, c)| leg_record(&mut cite, k, c))
        .collect();
    let totals: Vec<Figure> = ex
        .figures
        .iter()
        .filter(|f| f.place.is_none())
        .map(|f| cite.figure(f))
        .collect();
    let parts = cite
        .cited
        .iter()
        .map(|&s| {
            let sent = &ex.sentences[s];
            SourcePart {
                id: format!("chars:{}", sent.span),
                heading: format!("(sentence {})", sent.number),
                paragraphs: None,
            }
        })
        .collect();
    Dataset {
        schema_version: SCHEMA_VERSION,
        name: info.name.clone(),
        title: Some(format!("Draft extracted from {}", info.file)),
        description: Some(format!(
            "Machine draft made by `routegraph extract` from {}; nothing in it has been reviewed \
             and every leg has status \"extracted\". Evidence points at sentences of the input: \
             `part` is the sentence's span `chars:START-END` (character offsets counted in Unicode \
             scalar values, not bytes; 0-based, end exclusive) and `paragraph` its 1-based number; \
             a leg's paraphrase names the pattern that proposed it and its confidence (0-1).",
            info.file
        )),
        sources: vec![Source {
            id: info.source_id.clone(),
            publisher: "unknown (to be filled in by the reviewer)".into(),
            title: format!("Text of {}", info.file),
            kind: Some("plain text".into()),
            published: None,
            operation: None,
            file: Some(info.file.clone()),
            url: None,
            parts,
        }],
        places,
        legs,
        totals,
    }
}

fn leg_record(cite: &mut Cite, k: usize, c: &Candidate) -> LegRecord {
    let (a, b) = (place_name(&c.from), place_name(&c.to));
    // the sentence the leg is read from first, then its context
    let order =
        std::iter::once(c.sentence).chain(c.support.iter().copied().filter(|&s| s != c.sentence));
    let evidence = order
        .map(|s| {
            let p = if s == c.sentence {
                format!(
                    "'{}' pattern, confidence {:.2}: {} movement from {a} to {b}",
                    c.pattern, c.confidence, c.kind
                )
            } else {
                format!(
                    "context for the movement from {a} to {b} ('{}' pattern)",
                    c.pattern
                )
            };
            cite.ev(s, p)
        })
        .collect();
    LegRecord {
        id: Some(format!("E{:02}", k + 1)),
        from: c.from.id(),
        to: c.to.id(),
        kind: c.kind,
        status: Status::Extracted,
        persons: None,
        persons_qualifier: None,
        cost: c.cost.as_ref().map(|(amount, cur)| Cost {
            amount: *amount,
            currency: Some(cur.clone()),
            scope: Some("journey".into()),
        }),
        days: c.days,
        days_scope: c.days.map(|_| "journey".into()),
        mode: c.mode,
        evidence,
        reasoning: c.reasoning.clone(),
    }
}
