//! Sentence splitting for scraped press releases, in character offsets.
//!
//! Boundaries:
//! - after `.`, `!`, `?`, `…` or `;` (with any closing quotes or brackets) when the next
//!   non-space character (after any opening quote) is an uppercase letter, or a digit after a
//!   space; the space may be missing (`countries.During`), as in scraped HTML;
//! - at a blank line (a line holding only white space);
//! - where a heading runs into the text: three lowercase letters directly followed by an
//!   uppercase one (`networkA major`, `UruguayOperation`).
//!
//! A period does not end a sentence after a single letter (`U.S.`, `J. Stock`, `e.g.`) or after
//! a known abbreviation (`Mr.`, `No.`, `EE.` of `EE. UU.`, ...).

use super::Span;

/// Abbreviations whose period does not end a sentence (compared case-insensitively).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "lt", "col", "sgt", "jr", "sr", "sra", "srta",
    "no", "nos", "nr", "art", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "ee", "rep", "dept", "gov", "inc", "ltd", "co", "corp", "vs", "approx",
    "ca", "cf", "fig", "av", "avda", "lic", "ing", "dra",
];

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | ';')
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
}

fn is_opening(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '«' | '¿' | '¡')
}

/// Whether a heading ends before `chars[i]`: three lowercase letters, then this uppercase one.
pub(crate) fn glued_heading_at(chars: &[char], i: usize) -> bool {
    i >= 3
        && chars[i].is_uppercase()
        && chars[i - 1].is_lowercase()
        && chars[i - 2].is_lowercase()
        && chars[i - 3].is_lowercase()
}

/// The sentences of `chars`, as trimmed spans in order. Spans without a letter (gallery
/// counters such as `1 / 7`) are dropped.
pub fn split(chars: &[char]) -> Vec<Span> {
    let n = chars.len();
    let mut spans = Vec::new();
    let mut push = |start: usize, end: usize| {
        let mut e = end;
        while e > start && chars[e - 1].is_whitespace() {
            e -= 1;
        }
        if chars[start..e].iter().any(|c| c.is_alphabetic()) {
            spans.push(Span { start, end: e });
        }
    };
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < n {
        let c = chars[i];
        let Some(s) = start else {
            if !c.is_whitespace() {
                start = Some(i);
            } else {
                i += 1;
            }
            continue;
        };
        if c == '\n' {
            let mut j = i + 1;
            while j < n && chars[j] != '\n' && chars[j].is_whitespace() {
                j += 1;
            }
            if j >= n || chars[j] == '\n' {
                push(s, i);
                start = None;
                i = j;
                continue;
            }
        }
        if is_terminal(c) {
            let mut j = i + 1;
            while j < n && (is_terminal(chars[j]) || is_closing(chars[j])) {
                j += 1;
            }
            let mut k = j;
            while k < n && chars[k].is_whitespace() {
                k += 1;
            }
            if k >= n {
                push(s, j);
                start = None;
                i = k;
                continue;
            }
            let spaced = k > j;
            let mut m = k;
            while m < n && is_opening(chars[m]) {
                m += 1;
            }
            if m < n && ends_sentence(chars, i, chars[m], spaced) {
                push(s, j);
                start = None;
                i = k;
                continue;
            }
            i = j;
            continue;
        }
        if i > s && glued_heading_at(chars, i) {
            push(s, i);
            start = Some(i);
        }
        i += 1;
    }
    if let Some(s) = start {
        push(s, n);
    }
    spans
}

/// Whether the terminal character at `i`, followed by `next` (after spaces and opening quotes),
/// ends a sentence.
fn ends_sentence(chars: &[char], i: usize, next: char, spaced: bool) -> bool {
    let starts = next.is_uppercase() || (spaced && next.is_ascii_digit());
    if !starts {
        return false;
    }
    if chars[i] != '.' {
        return true;
    }
    let mut b = i;
    while b > 0 && chars[b - 1].is_alphanumeric() {
        b -= 1;
    }
    let word: String = chars[b..i].iter().collect::<String>().to_lowercase();
    if word.chars().count() == 1 && word.chars().all(char::is_alphabetic) {
        return false;
    }
    !ABBREVIATIONS.contains(&word.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        split(&chars)
            .into_iter()
            .map(|s| chars[s.start..s.end].iter().collect())
            .collect()
    }

    #[test]
    fn glued_sentences_and_headings_split() {
        assert_eq!(
            sentences("Ten arrests in many countries.During the week police acted."),
            [
                "Ten arrests in many countries.",
                "During the week police acted."
            ]
        );
        assert_eq!(
            sentences("Police dismantle key networkA major outcome was this."),
            ["Police dismantle key network", "A major outcome was this."]
        );
        assert_eq!(
            sentences("Participating countries:Chile, UruguayOperation Turquesa ended."),
            [
                "Participating countries:Chile, Uruguay",
                "Operation Turquesa ended."
            ]
        );
    }

    #[test]
    fn abbreviations_quotes_and_lists() {
        assert_eq!(
            sentences("Migrants entered the U.S. through Mexico. They paid."),
            ["Migrants entered the U.S. through Mexico.", "They paid."]
        );
        assert_eq!(
            sentences("Viajaban hacia EE. UU. desde México. Luego nada."),
            ["Viajaban hacia EE. UU. desde México.", "Luego nada."]
        );
        assert_eq!(
            sentences("“It ends,” said J. Stock.“Next one.”\nAnd more;The item; and tail."),
            [
                "“It ends,” said J. Stock.",
                "“Next one.”",
                "And more;",
                "The item; and tail."
            ]
        );
        assert_eq!(
            sentences("USD 10.5 million. 17 hits."),
            ["USD 10.5 million.", "17 hits."]
        );
    }

    #[test]
    fn blank_lines_split_and_junk_is_dropped() {
        assert_eq!(
            sentences("Spain airport checks\n   \n  Panama airport check\n\n 1 /\n 7\n"),
            ["Spain airport checks", "Panama airport check"]
        );
        assert_eq!(
            sentences("arrested in\nSpain after a chase."),
            ["arrested in\nSpain after a chase."]
        );
        assert!(sentences("").is_empty());
        assert!(sentences(" \n\t ").is_empty());
    }

    #[test]
    fn spans_are_char_offsets() {
        let text = "Ça va à Bogotá.Día dos.";
        let chars: Vec<char> = text.chars().collect();
        let s = split(&chars);
        assert_eq!(s, [Span { start: 0, end: 15 }, Span { start: 15, end: 23 }]);
    }
}
