//! Tokens and place mentions: country names (English, Spanish, Portuguese, French, aliases and
//! abbreviations), demonyms and region names, found with the gazetteer.
//!
//! Matching is longest first over runs of words joined only by spaces, hyphens, dots or
//! apostrophes, and it respects case: a name matches only when each word that the gazetteer
//! writes capitalised is capitalised in the text, and an abbreviation (`USA`, `UAE`, `EE. UU.`)
//! only in capitals. ISO codes are not names here ("in", "is", "it", "no", "CAN", "AND" are
//! words), except where the gazetteer lists them as aliases ("US", "USA", "UK"). A few names that
//! are more often something else ("Granada", "Maurice", "Island", "Salvador" as in San Salvador) and phrases such as "New
//! Mexico" or "Indian Ocean" are never mentions.

use super::sentences::glued_heading_at;
use super::{MentionForm, PlaceRef, Span};
use crate::geo::gazetteer::{gazetteer, Gazetteer};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    Word,
    Num,
    Punct,
}

/// A token of a sentence, in character offsets of the whole input.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c)
}

/// The tokens of `span`: words (split where a heading runs into text), numbers (`300,000`,
/// `10.5`, `1.500`) and single punctuation characters. White space is dropped.
pub(crate) fn tokenize(chars: &[char], span: Span) -> Vec<Token> {
    let mut toks = Vec::new();
    let mut i = span.start;
    let end = span.end;
    while i < end {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        if c.is_ascii_digit() {
            while i < end {
                if chars[i].is_ascii_digit() {
                    i += 1;
                } else if matches!(chars[i], '.' | ',')
                    && i + 1 < end
                    && chars[i + 1].is_ascii_digit()
                {
                    i += 2;
                } else {
                    break;
                }
            }
            if i < end && chars[i].is_alphabetic() {
                // "3rd", "24th": a word
                while i < end && is_word_char(chars[i]) {
                    i += 1;
                }
                toks.push(Token {
                    start,
                    end: i,
                    kind: TokKind::Word,
                });
            } else {
                toks.push(Token {
                    start,
                    end: i,
                    kind: TokKind::Num,
                });
            }
        } else if is_word_char(c) {
            i += 1;
            while i < end && is_word_char(chars[i]) && !glued_heading_at(chars, i) {
                i += 1;
            }
            toks.push(Token {
                start,
                end: i,
                kind: TokKind::Word,
            });
        } else {
            i += 1;
            toks.push(Token {
                start,
                end: i,
                kind: TokKind::Punct,
            });
        }
    }
    toks
}

/// The case of one word of a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    Lower,
    Upper,
    AllCaps,
}

/// The case of each word of `s`, split as [`Gazetteer::normalize`] splits (dots and apostrophes
/// join, other punctuation separates, a leading "the" is dropped).
fn case_pattern(s: &str) -> Vec<Case> {
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    for ch in s.chars() {
        if ('\u{300}'..='\u{36f}').contains(&ch)
            || matches!(ch, '.' | '\'' | '’' | '‘' | '`' | '´' | 'ʼ' | 'ʻ')
        {
            continue;
        }
        if ch == '&' {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            words.push("and".into());
            continue;
        }
        if ch.is_whitespace()
            || matches!(
                ch,
                '-' | '‐'
                    | '‑'
                    | '–'
                    | '—'
                    | ','
                    | ';'
                    | ':'
                    | '('
                    | ')'
                    | '['
                    | ']'
                    | '{'
                    | '}'
                    | '/'
                    | '\\'
                    | '"'
                    | '“'
                    | '”'
                    | '!'
                    | '?'
                    | '*'
            )
        {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            continue;
        }
        cur.push(ch);
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    if words.first().is_some_and(|w| w.eq_ignore_ascii_case("the")) {
        words.remove(0);
    }
    words
        .iter()
        .map(|w| {
            let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
            if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
                Case::AllCaps
            } else if letters.first().is_some_and(|c| c.is_uppercase()) {
                Case::Upper
            } else {
                Case::Lower
            }
        })
        .collect()
}

/// Whether text written with case `text` may be the gazetteer form with case `form`.
fn agrees(form: &[Case], text: &[Case]) -> bool {
    form.len() == text.len()
        && form.iter().zip(text).all(|(f, t)| match f {
            Case::AllCaps => *t == Case::AllCaps,
            Case::Upper => *t != Case::Lower,
            Case::Lower => true,
        })
}

/// Gazetteer names that are more often something else in releases.
const EXCLUDED_KEYS: &[&str] = &[
    "island", "granada", "maurice", "mann", "mannin", "prathet", "viti", "horn", "salvador",
];

/// Phrases that contain a country name but are not the country; matched like names, they
/// hide the name inside them.
const EXCLUDED_PHRASES: &[&str] = &[
    "New Mexico",
    "New Jersey",
    "New Guinea",
    "Indian Ocean",
    "Gulf of Guinea",
    "Niger Delta",
    "Niger River",
    "Guinea pig",
    "Jordan River",
];

/// Continent-level regions: their adjectives ("African", "European") are too loose to be
/// mentions of the region.
const CONTINENTS: &[&str] = &["africa", "americas", "asia", "europe", "oceania"];

#[derive(Debug, Clone)]
struct Entry {
    /// `None`: an excluded phrase.
    place: Option<PlaceRef>,
    form: MentionForm,
    cases: Vec<Case>,
    /// Higher wins among entries of the same key: exclusion, country name, region, demonym.
    priority: u8,
}

struct Index {
    map: HashMap<String, Vec<Entry>>,
    /// The first word of every key: a phrase can only match where one of them starts.
    first_words: HashSet<String>,
    max_words: usize,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(build_index)
}

fn build_index() -> Index {
    let g = gazetteer();
    let mut map: HashMap<String, Vec<Entry>> = HashMap::new();
    let mut add = |form: &str, place: Option<PlaceRef>, kind: MentionForm, priority: u8| {
        let key = Gazetteer::normalize(form);
        if key.is_empty() || EXCLUDED_KEYS.contains(&key.as_str()) {
            return;
        }
        let cases = case_pattern(form);
        let v = map.entry(key).or_default();
        if !v
            .iter()
            .any(|e| e.place == place && e.cases == cases && e.priority == priority)
        {
            v.push(Entry {
                place,
                form: kind,
                cases,
                priority,
            });
        }
    };
    for c in &g.countries {
        let place = PlaceRef::Country(c.iso3.clone());
        let forms = [&c.name, &c.official]
            .into_iter()
            .chain(&c.aliases)
            .chain(&c.es)
            .chain(&c.pt)
            .chain(&c.fr);
        for f in forms {
            add(f, Some(place.clone()), MentionForm::Name, 3);
        }
        for d in &c.demonyms {
            add(d, Some(place.clone()), MentionForm::Demonym, 1);
            if !d.ends_with('s') {
                add(
                    &format!("{d}s"),
                    Some(place.clone()),
                    MentionForm::Demonym,
                    1,
                );
            }
        }
    }
    for r in &g.regions {
        let place = PlaceRef::Region(r.id.clone());
        let continent = CONTINENTS.contains(&r.id.as_str());
        for f in std::iter::once(&r.name).chain(&r.aliases) {
            let adjective = Gazetteer::normalize(f).ends_with("an");
            if continent && adjective {
                continue;
            }
            add(f, Some(place.clone()), MentionForm::Region, 2);
            if adjective {
                add(
                    &format!("{f}s"),
                    Some(place.clone()),
                    MentionForm::Region,
                    2,
                );
            }
        }
    }
    for p in EXCLUDED_PHRASES {
        add(p, None, MentionForm::Name, 4);
    }
    let max_words = map.keys().map(|k| k.split(' ').count()).max().unwrap_or(1);
    let first_words = map
        .keys()
        .filter_map(|k| k.split(' ').next())
        .map(str::to_string)
        .collect();
    Index {
        map,
        first_words,
        max_words,
    }
}

/// A mention found in one sentence: its span and the tokens it covers.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub span: Span,
    pub place: PlaceRef,
    pub form: MentionForm,
    /// Index of its first and last token in the sentence's token list.
    pub first_tok: usize,
    pub last_tok: usize,
}

/// Whether the characters between two words may sit inside one name.
fn joinable(chars: &[char], a: usize, b: usize) -> bool {
    if b <= a || b - a > 4 {
        return false;
    }
    let gap = &chars[a..b];
    gap.iter().filter(|&&c| c == '\n').count() <= 1
        && gap
            .iter()
            .all(|&c| c.is_whitespace() || matches!(c, '-' | '‐' | '‑' | '.' | '’' | '\'' | '&'))
}

/// The place mentions among `toks` (the tokens of one sentence ending at `limit`).
pub(crate) fn find(chars: &[char], toks: &[Token], limit: usize) -> Vec<Found> {
    let idx = index();
    let words: Vec<usize> = (0..toks.len())
        .filter(|&i| toks[i].kind == TokKind::Word)
        .collect();
    let text = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    let mut out: Vec<Found> = Vec::new();
    let mut p = 0;
    while p < words.len() {
        let t0 = &toks[words[p]];
        let first = text(t0.start, t0.end);
        // dots and apostrophes join words ("U.S." is the key "us"): those starts are always tried
        let joined = t0.end < limit && matches!(chars[t0.end], '.' | '\'' | '’');
        if first.eq_ignore_ascii_case("the")
            || !(joined || idx.first_words.contains(&Gazetteer::normalize(&first)))
        {
            p += 1;
            continue;
        }
        let mut q = p;
        while q + 1 < words.len()
            && q + 1 - p < idx.max_words
            && joinable(chars, toks[words[q]].end, toks[words[q + 1]].start)
        {
            q += 1;
        }
        let mut found: Option<(usize, &Entry)> = None;
        for e in (p..=q).rev() {
            let end = toks[words[e]].end;
            let surface = text(t0.start, end);
            let Some(entries) = idx.map.get(&Gazetteer::normalize(&surface)) else {
                continue;
            };
            let cases = case_pattern(&surface);
            if cases.first() == Some(&Case::Lower) && cases.len() < 2 {
                continue; // a lowercase single word is never a name
            }
            if let Some(best) = entries
                .iter()
                .filter(|en| agrees(&en.cases, &cases))
                .max_by_key(|en| en.priority)
            {
                found = Some((e, best));
                break;
            }
        }
        let Some((e, entry)) = found else {
            p += 1;
            continue;
        };
        let start = t0.start;
        // "Ibero-American", "African-American": the name is part of a longer word.
        if start >= 2
            && chars[start - 1] == '-'
            && chars[start - 2].is_alphanumeric()
            && out.last().map(|f| f.span.end) != Some(start - 1)
        {
            p = e + 1;
            continue;
        }
        if toks[words[e]].end < limit && chars[toks[words[e]].end] == '$' {
            p = e + 1; // "US$": a currency
            continue;
        }
        let Some(place) = entry.place.clone() else {
            p = e + 1;
            continue;
        };
        let mut end = toks[words[e]].end;
        let mut last_tok = words[e];
        if end < limit && chars[end] == '.' && chars[start..end].contains(&'.') {
            end += 1; // "U.S." and "EE. UU." keep their final dot
            if last_tok + 1 < toks.len() && toks[last_tok + 1].start == end - 1 {
                last_tok += 1;
            }
        }
        out.push(Found {
            span: Span { start, end },
            place,
            form: entry.form,
            first_tok: words[p],
            last_tok,
        });
        p = e + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, String)> {
        let chars: Vec<char> = text.chars().collect();
        let span = Span {
            start: 0,
            end: chars.len(),
        };
        let toks = tokenize(&chars, span);
        find(&chars, &toks, chars.len())
            .into_iter()
            .map(|f| {
                (
                    chars[f.span.start..f.span.end].iter().collect(),
                    f.place.id(),
                )
            })
            .collect()
    }

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn codes_and_lowercase_words_are_not_names() {
        assert!(names("It is in the cabinet. In no way. Is it? CAN AND the us").is_empty());
        assert_eq!(names("In Spain, it is"), pairs(&[("Spain", "ESP")]));
    }

    #[test]
    fn longest_match_aliases_and_abbreviations() {
        assert_eq!(
            names("the USA, the United States, the US, U.S. agents, EE. UU. y Estados Unidos"),
            pairs(&[
                ("USA", "USA"),
                ("United States", "USA"),
                ("US", "USA"),
                ("U.S.", "USA"),
                ("EE. UU.", "USA"),
                ("Estados Unidos", "USA"),
            ])
        );
        assert_eq!(
            names("Papua New Guinea, Guinea-Bissau and Latin America, not New Mexico"),
            pairs(&[
                ("Papua New Guinea", "PNG"),
                ("Guinea-Bissau", "GNB"),
                ("Latin America", "latin-america"),
            ])
        );
        assert_eq!(
            names("Syrian nationals, a Bangladeshi, 200 South Asians, Ibero-American network"),
            pairs(&[
                ("Syrian", "SYR"),
                ("Bangladeshi", "BGD"),
                ("South Asians", "south-asia"),
            ])
        );
        assert_eq!(
            names("SPAIN and República Dominicana, Côte d’Ivoire"),
            pairs(&[
                ("SPAIN", "ESP"),
                ("República Dominicana", "DOM"),
                ("Côte d’Ivoire", "CIV")
            ])
        );
        assert!(names("African migrants and European partners").is_empty());
    }

    #[test]
    fn glued_headings_separate_names() {
        assert_eq!(
            names("Spain, UruguayOperation"),
            pairs(&[("Spain", "ESP"), ("Uruguay", "URY")])
        );
    }
}
