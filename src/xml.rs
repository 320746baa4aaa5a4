//! XML escaping shared by every writer of XML (SVG, GraphML, GEXF) and the
//! HTML report: values survive any parser's normalisation (line breaks and
//! tabs in attribute values become character references) and characters
//! XML 1.0 cannot hold become U+FFFD.

use std::borrow::Cow;

/// Characters XML 1.0 allows in a document.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Escape an attribute value written between double quotes.
pub fn escape_attr(s: &str) -> Cow<'_, str> {
    // Most values (ids, kinds, numbers) are plain printable ASCII: one
    // pass over the bytes says so.
    if s.bytes()
        .all(|b| (0x20..0x7f).contains(&b) && !matches!(b, b'&' | b'<' | b'>' | b'"'))
    {
        return Cow::Borrowed(s);
    }
    if !s
        .chars()
        .any(|c| matches!(c, '&' | '<' | '>' | '"' | '\n' | '\r' | '\t') || !xml_char(c))
    {
        return Cow::Borrowed(s);
    }
    let mut o = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\n' => o.push_str("&#10;"),
            '\r' => o.push_str("&#13;"),
            '\t' => o.push_str("&#9;"),
            c if !xml_char(c) => o.push('\u{FFFD}'),
            c => o.push(c),
        }
    }
    Cow::Owned(o)
}

/// Escape element text.
pub fn escape_text(s: &str) -> Cow<'_, str> {
    if !s
        .chars()
        .any(|c| matches!(c, '&' | '<' | '>' | '\r') || !xml_char(c))
    {
        return Cow::Borrowed(s);
    }
    let mut o = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '\r' => o.push_str("&#13;"),
            c if !xml_char(c) => o.push('\u{FFFD}'),
            c => o.push(c),
        }
    }
    Cow::Owned(o)
}
