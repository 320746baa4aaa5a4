//! `routegraph extract`: a draft route data set from the plain text of a press release.
//!
//! The text is split into sentences ([`sentences`]), places are found in it with the
//! gazetteer ([`mentions`]: country names in English, Spanish, Portuguese and French, aliases,
//! abbreviations, demonyms and world regions), movement patterns propose legs and participant
//! lists are told apart from routes ([`patterns`]), and the numbers the text gives are attached
//! to the place they belong to ([`figures`]). [`draft`] turns the result into a
//! [`Dataset`](crate::model::Dataset) in the schema's own JSON, every leg `"extracted"`.
//!
//! **Offsets are characters**: every [`Span`] counts Unicode scalar values (Rust `char`s) from
//! the start of the input, 0-based, end exclusive; `text.chars().skip(start).take(end - start)`
//! is the spanned text. They are not byte offsets.
//!
//! Precision comes before recall: a pattern proposes a leg only when both of its ends are
//! named in the sentence (or in the sentence that a pronoun points back to); a movement with
//! one end unknown ("routes to the USA") is kept as an [`Unanchored`] note for the reviewer,
//! not a leg, and countries in a list of participants never become legs.

mod draft;
mod figures;
mod mentions;
mod patterns;
mod sentences;

pub use draft::{draft, DraftInfo};

use crate::model::{Kind, Mode};

/// A character range of the input: `start..end` in Unicode scalar values, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

impl std::fmt::Display for Span {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.start, self.end)
    }
}

/// A place the text names.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PlaceRef {
    /// An ISO 3166-1 country, by alpha-3 code.
    Country(String),
    /// A gazetteer region, by id (`south-asia`).
    Region(String),
    /// A number of unnamed countries ("17 different countries") in one sentence (0-based).
    Group { count: u32, sentence: usize },
}

impl PlaceRef {
    /// The place id the draft uses.
    pub fn id(&self) -> String {
        match self {
            PlaceRef::Country(c) => c.clone(),
            PlaceRef::Region(r) => r.clone(),
            PlaceRef::Group { count, sentence } => {
                format!("group-{count}-countries-s{}", sentence + 1)
            }
        }
    }
    pub fn is_country(&self) -> bool {
        matches!(self, PlaceRef::Country(_))
    }
}

/// How a place is written in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MentionForm {
    /// A name, alias, abbreviation or foreign name of a country.
    Name,
    /// A demonym: "Bangladeshi", "Syrians".
    Demonym,
    /// A region name or adjective: "South Asia", "South Asians", "Western Balkans".
    Region,
}

impl MentionForm {
    pub fn as_str(self) -> &'static str {
        match self {
            MentionForm::Name => "name",
            MentionForm::Demonym => "demonym",
            MentionForm::Region => "region",
        }
    }
}

/// One sentence of the input.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    /// 1-based number, in input order.
    pub number: usize,
    pub span: Span,
}

/// A place named in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Index into [`Extraction::sentences`].
    pub sentence: usize,
    pub span: Span,
    /// The text as written.
    pub text: String,
    pub place: PlaceRef,
    pub form: MentionForm,
    /// In the dateline ("SAN SALVADOR, El Salvador –"): where the release was issued.
    pub dateline: bool,
    /// In a list of participating countries or of places where checks took place.
    pub participant: bool,
}

/// A leg the text proposes: a directed movement between two named places.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub from: PlaceRef,
    pub to: PlaceRef,
    pub kind: Kind,
    /// The cues that gave the two ends, `origin-cue/destination-cue` ("from/to",
    /// "nationality/held-in", "issued-by/arrested-in").
    pub pattern: String,
    /// 0..1: 0.85 for an explicit "from X to Y", about 0.6 through a transit ("via X"),
    /// 0.4–0.55 where an end is read from a nationality, an arrest or the sentence before.
    pub confidence: f64,
    /// The sentence the leg is read from (index into [`Extraction::sentences`]).
    pub sentence: usize,
    /// Every sentence that supports it, `sentence` included, in order.
    pub support: Vec<usize>,
    pub mode: Option<Mode>,
    /// What the journey that starts with this leg cost (amount, ISO 4217 currency).
    pub cost: Option<(f64, String)>,
    /// How long the journey that starts with this leg took, in days.
    pub days: Option<f64>,
    /// Why the leg is only a reading of the text, for weak patterns.
    pub reasoning: Option<String>,
}

/// A movement with one end unknown ("smuggling routes to the USA and Canada"): a note for
/// the reviewer, never a leg.
#[derive(Debug, Clone, PartialEq)]
pub struct Unanchored {
    pub place: PlaceRef,
    /// "destination", "origin" or "transit".
    pub role: &'static str,
    /// The cue ("into", "routes-to", "via").
    pub pattern: String,
    pub sentence: usize,
}

/// A number the text gives.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundFigure {
    /// What is counted, in the vocabulary of `data/README.md` (`arrests`, `victims_rescued`,
    /// `migrants_identified`, `bank_accounts_frozen`, `money_orders`, ...).
    pub what: String,
    pub value: f64,
    /// ISO 4217 currency of a money amount.
    pub unit: Option<String>,
    /// "more than", "some", "nearly", ...
    pub qualifier: Option<String>,
    /// The place it belongs to; `None` for an operation-wide total.
    pub place: Option<PlaceRef>,
    pub sentence: usize,
    /// The number as written (with its currency and multiplier).
    pub span: Span,
}

/// Everything found in one text.
#[derive(Debug, Clone)]
pub struct Extraction {
    chars: Vec<char>,
    pub sentences: Vec<Sentence>,
    pub mentions: Vec<Mention>,
    /// Proposed legs, merged (one per from, to and kind), in order of first sentence.
    pub candidates: Vec<Candidate>,
    pub unanchored: Vec<Unanchored>,
    pub figures: Vec<FoundFigure>,
}

impl Extraction {
    /// The input length in characters.
    pub fn char_len(&self) -> usize {
        self.chars.len()
    }
    /// The text of a span.
    pub fn text(&self, span: Span) -> String {
        self.chars[span.start.min(self.chars.len())..span.end.min(self.chars.len())]
            .iter()
            .collect()
    }
    /// The text of sentence `i`, white space runs shown as one space, cut to `max` characters
    /// (with "…"). For review output only.
    pub fn excerpt(&self, i: usize, max: usize) -> String {
        let t = self.text(self.sentences[i].span);
        let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
        if t.chars().count() <= max {
            t
        } else {
            let mut s: String = t.chars().take(max.saturating_sub(1)).collect();
            s.push('…');
            s
        }
    }
    /// Countries listed as participants, by alpha-3 code, sorted.
    pub fn participants(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .mentions
            .iter()
            .filter(|m| m.participant)
            .filter_map(|m| match &m.place {
                PlaceRef::Country(c) => Some(c.clone()),
                _ => None,
            })
            .collect();
        v.sort();
        v.dedup();
        v
    }
    /// Every place named, in order of first mention (countries and regions).
    pub fn places(&self) -> Vec<PlaceRef> {
        let mut seen = Vec::new();
        for m in &self.mentions {
            if !seen.contains(&m.place) {
                seen.push(m.place.clone());
            }
        }
        seen
    }
}

/// Find sentences, mentions, candidate legs and figures in `text`.
pub fn extract(text: &str) -> Extraction {
    let chars: Vec<char> = text.chars().collect();
    let spans = sentences::split(&chars);
    let sentences: Vec<Sentence> = spans
        .iter()
        .enumerate()
        .map(|(i, &span)| Sentence {
            number: i + 1,
            span,
        })
        .collect();
    let mut mentions = Vec::new();
    let mut tokens = Vec::new();
    let mut found = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        let toks = mentions::tokenize(&chars, s.span);
        let f = mentions::find(&chars, &toks, s.span.end);
        for m in &f {
            mentions.push(Mention {
                sentence: i,
                span: m.span,
                text: chars[m.span.start..m.span.end].iter().collect(),
                place: m.place.clone(),
                form: m.form,
                dateline: false,
                participant: false,
            });
        }
        tokens.push(toks);
        found.push(f);
    }
    let mut ex = Extraction {
        chars,
        sentences,
        mentions,
        candidates: Vec::new(),
        unanchored: Vec::new(),
        figures: Vec::new(),
    };
    let views = patterns::views(&ex, &tokens, &found);
    patterns::analyse(&mut ex, &views);
    ex.figures = figures::find(&ex, &views);
    ex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_count_chars_not_bytes() {
        let text = "Über 5 Männer reisten von Österreich. Migrants moved from Türkiye to Greece.";
        let ex = extract(text);
        let m = ex.mentions.iter().find(|m| m.text == "Türkiye").unwrap();
        let by_chars: String = text.chars().skip(m.span.start).take(m.span.len()).collect();
        assert_eq!(by_chars, "Türkiye");
        assert_ne!(
            text.find("Türkiye"),
            Some(m.span.start),
            "bytes differ here"
        );
    }
}
