//! Output formats shared by every command: aligned text tables that fit an
//! 80-column terminal, pretty JSON, and CSV.

use std::io::Write;

/// How a command prints its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for reading.
    #[default]
    Table,
    /// Stable, documented JSON (see README.md).
    Json,
    /// CSV with a header row.
    Csv,
}

/// A text table. Columns marked numeric are right-aligned; the widest text
/// column is shortened (with "…") to keep lines within `max_width`.
pub struct Table {
    headers: Vec<String>,
    numeric: Vec<bool>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(headers: &[&str]) -> Self {
        Table {
            headers: headers.iter().map(|s| s.to_string()).collect(),
            numeric: vec![false; headers.len()],
            rows: Vec::new(),
        }
    }
    /// Right-align these columns.
    pub fn numeric(mut self, cols: &[usize]) -> Self {
        for &c in cols {
            self.numeric[c] = true;
        }
        self
    }
    pub fn row(&mut self, cells: Vec<String>) {
        debug_assert_eq!(cells.len(), self.headers.len());
        self.rows.push(cells);
    }
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn render(&self, max_width: usize) -> String {
        let n = self.headers.len();
        let width = |s: &str| s.chars().count();
        let mut w: Vec<usize> = self.headers.iter().map(|h| width(h)).collect();
        for r in &self.rows {
            for (i, c) in r.iter().enumerate() {
                w[i] = w[i].max(width(c));
            }
        }
        // Shrink the widest text columns until the table fits.
        let total = |w: &[usize]| w.iter().sum::<usize>() + 2 * (n.saturating_sub(1));
        while total(&w) > max_width {
            let Some((i, _)) = w
                .iter()
                .enumerate()
                .filter(|(i, &x)| !self.numeric[*i] && x > 8)
                .max_by_key(|(_, &x)| x)
            else {
                break;
            };
            w[i] -= 1;
        }
        let mut out = String::new();
        let mut line = |cells: &[String]| {
            let mut l = String::new();
            for (i, c) in cells.iter().enumerate() {
                let c = clip(c, w[i]);
                let pad = w[i] - width(&c);
                if i > 0 {
                    l.push_str("  ");
                }
                if self.numeric[i] {
                    l.push_str(&" ".repeat(pad));
                    l.push_str(&c);
                } else {
                    l.push_str(&c);
                    if i + 1 < n {
                        l.push_str(&" ".repeat(pad));
                    }
                }
            }
            out.push_str(l.trim_end());
            out.push('\n');
        };
        line(&self.headers);
        for r in &self.rows {
            line(r);
        }
        out
    }
}

fn clip(s: &str, w: usize) -> String {
    if s.chars().count() <= w {
        s.to_string()
    } else {
        let mut c: String = s.chars().take(w.saturating_sub(1)).collect();
        c.push('…');
        c
    }
}

/// A number as people read it: integers without decimals, others with up to two.
pub fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// An optional number, or "-".
pub fn opt_num(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_string(), num)
}

/// Persons through a place for the table: "-" when no leg gives a number,
/// "≥ n" when only some do.
pub fn persons_cell(persons: f64, legs: u32, unknown: u32) -> String {
    if legs == 0 {
        "0".into()
    } else if unknown == legs {
        "-".into()
    } else if unknown > 0 {
        format!("≥ {}", num(persons))
    } else {
        num(persons)
    }
}

/// Greedy word wrap.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for w in text.split_whitespace() {
        if !cur.is_empty() && cur.chars().count() + 1 + w.chars().count() > width {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(w);
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

/// Write pretty JSON and a final newline.
pub fn write_json<T: serde::Serialize>(out: &mut dyn Write, value: &T) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

/// Write CSV rows (first row: header).
pub fn write_csv(out: &mut dyn Write, rows: &[Vec<String>]) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    for r in rows {
        w.write_record(r)?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_fits_width_and_aligns_numbers() {
        let mut t = Table::new(&["id", "name", "n"]).numeric(&[2]);
        t.row(vec!["BGD".into(), "Bangladesh".into(), "200".into()]);
        t.row(vec![
            "X".into(),
            "a very long name that goes on and on and on and on and on and on".into(),
            "1".into(),
        ]);
        let s = t.render(40);
        for l in s.lines() {
            assert!(l.chars().count() <= 40, "{l:?}");
        }
        assert!(s.contains('…'));
        let lines: Vec<&str> = s.lines().collect();
        assert!(lines[1].ends_with("200"));
        assert!(lines[2].ends_with("  1"));
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(num(200.0), "200");
        assert_eq!(num(2.5), "2.5");
        assert_eq!(num(1.0 / 3.0), "0.33");
        assert_eq!(opt_num(None), "-");
    }
}
