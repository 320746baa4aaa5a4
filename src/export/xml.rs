//! A small, deterministic XML writer for GraphML and GEXF: two-space
//! indentation, attributes in the order given, and escaping that survives
//! any XML parser's normalisation (line breaks and tabs in attribute values
//! become character references; characters XML 1.0 cannot hold become U+FFFD).

use crate::xml::{escape_attr, escape_text};
use std::io::{self, Write};

pub(crate) struct XmlWriter<'w> {
    out: &'w mut dyn Write,
    depth: usize,
}

impl<'w> XmlWriter<'w> {
    pub fn new(out: &'w mut dyn Write) -> Self {
        XmlWriter { out, depth: 0 }
    }

    pub fn declaration(&mut self) -> io::Result<()> {
        writeln!(self.out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)
    }

    fn open_tag(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        for _ in 0..self.depth {
            self.out.write_all(b"  ")?;
        }
        write!(self.out, "<{name}")?;
        for (k, v) in attrs {
            write!(self.out, " {k}=\"{}\"", escape_attr(v))?;
        }
        Ok(())
    }

    /// `<name a="v">` on its own line; children follow, indented.
    pub fn start(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.open_tag(name, attrs)?;
        self.out.write_all(b">\n")?;
        self.depth += 1;
        Ok(())
    }

    /// `<name a="v"/>`.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.open_tag(name, attrs)?;
        self.out.write_all(b"/>\n")
    }

    /// `<name a="v">text</name>` on one line, the text exactly as given.
    pub fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> io::Result<()> {
        self.open_tag(name, attrs)?;
        writeln!(self.out, ">{}</{name}>", escape_text(text))
    }

    pub fn end(&mut self, name: &str) -> io::Result<()> {
        self.depth = self.depth.saturating_sub(1);
        for _ in 0..self.depth {
            self.out.write_all(b"  ")?;
        }
        writeln!(self.out, "</{name}>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What any conforming parser reads back from our escaping.
    fn parse_back(value: &str) -> (String, String) {
        let mut buf = Vec::new();
        {
            let mut w = XmlWriter::new(&mut buf);
            w.leaf("e", &[("a", value)], value).unwrap();
        }
        let text = String::from_utf8(buf).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap();
        let e = doc.root_element();
        (
            e.attribute("a").unwrap().to_string(),
            e.text().unwrap_or("").to_string(),
        )
    }

    #[test]
    fn escaping_survives_parser_normalisation() {
        for s in [
            "plain",
            "a & b < c > d \"q\" 'a'",
            "line\nbreak\r\nand\ttab",
            "  spaced  ",
            "]]> end",
            "ünïcödé ¶ 🚢",
        ] {
            let (a, t) = parse_back(s);
            assert_eq!(a, s);
            assert_eq!(t, s);
        }
    }

    #[test]
    fn characters_xml_cannot_hold_become_replacement() {
        let (a, t) = parse_back("bell\u{7}x\u{FFFF}");
        assert_eq!(a, "bell\u{FFFD}x\u{FFFD}");
        assert_eq!(t, a);
    }
}
