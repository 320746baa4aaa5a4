//! Name resolution: from what a user or a file writes ("usa", "United States",
//! "Dominican Rep.", "P000123") to a place index, case- and accent-insensitive,
//! with "did you mean" suggestions for names that resolve to nothing.

use std::collections::HashMap;

/// Fold a name to its lookup key: lowercase, Latin accents stripped, dots and
/// apostrophes dropped, punctuation and runs of white space made one space,
/// and a leading "the " removed. One rule for the data and the gazetteer.
pub fn normalize(s: &str) -> String {
    crate::geo::gazetteer::Gazetteer::normalize(s)
}

/// What a lookup found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    Found(usize),
    /// The key names more than one place; their indices.
    Ambiguous(Vec<usize>),
    /// Nothing; the closest known names, best first.
    Unknown(Vec<String>),
}

/// An index from normalized names to place indices.
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    keys: HashMap<String, Vec<usize>>,
    /// Display form of each key, for suggestions.
    display: HashMap<String, String>,
}

impl NameIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// The index of `places` (place `i` is the `i`-th): each one's id, ISO
    /// alpha-2 code, name and aliases, in that order.
    pub fn of_places<'a>(places: impl Iterator<Item = &'a crate::model::Place>) -> Self {
        let mut names = NameIndex::new();
        for (i, p) in places.enumerate() {
            names.insert_place(p, i);
        }
        names
    }

    /// Make place `p`'s id, ISO alpha-2 code, name and aliases resolve to `idx`.
    pub fn insert_place(&mut self, p: &crate::model::Place, idx: usize) {
        self.insert(&p.id, idx);
        if let Some(iso2) = &p.iso2 {
            self.insert(iso2, idx);
        }
        self.insert(&p.name, idx);
        for a in &p.aliases {
            self.insert(a, idx);
        }
    }

    /// Make `name` resolve to place `idx`. A name that already points at
    /// another place becomes ambiguous.
    pub fn insert(&mut self, name: &str, idx: usize) {
        let key = normalize(name);
        if key.is_empty() {
            return;
        }
        let v = self.keys.entry(key.clone()).or_default();
        if !v.contains(&idx) {
            v.push(idx);
        }
        self.display.entry(key).or_insert_with(|| name.to_string());
    }

    /// Whether `name` is already taken by some place.
    pub fn contains(&self, name: &str) -> bool {
        self.keys.contains_key(&normalize(name))
    }

    pub fn lookup(&self, name: &str) -> Lookup {
        let key = normalize(name);
        match self.keys.get(&key).map(Vec::as_slice) {
            Some([one]) => Lookup::Found(*one),
            Some(many) if !many.is_empty() => Lookup::Ambiguous(many.to_vec()),
            _ => Lookup::Unknown(self.suggest(&key, 3)),
        }
    }

    /// Up to `n` known names close to `key` (edit distance, then prefix).
    pub fn suggest(&self, key: &str, n: usize) -> Vec<String> {
        if self.keys.len() > 50_000 {
            // A synthetic set: ids like P000123 do not profit from fuzzy search.
            return Vec::new();
        }
        let mut scored: Vec<(f64, &String)> = self
            .keys
            .keys()
            .map(|k| {
                let mut s = strsim::normalized_damerau_levenshtein(key, k);
                if k.starts_with(key) && key.len() >= 3 {
                    s = s.max(0.75);
                }
                (s, k)
            })
            .filter(|(s, _)| *s >= 0.6)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        let mut out: Vec<String> = Vec::new();
        let mut seen_places: Vec<usize> = Vec::new();
        for (_, k) in scored {
            let places = &self.keys[k];
            if places.iter().all(|p| seen_places.contains(p)) {
                continue;
            }
            seen_places.extend(places);
            out.push(self.display[k].clone());
            if out.len() == n {
                break;
            }
        }
        out
    }
}

/// "did you mean A, B or C?" or nothing.
pub fn did_you_mean(suggestions: &[String]) -> String {
    match suggestions {
        [] => String::new(),
        [one] => format!("; did you mean {one:?}?"),
        [init @ .., last] => {
            let init: Vec<String> = init.iter().map(|s| format!("{s:?}")).collect();
            format!("; did you mean {} or {last:?}?", init.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_graph_indexes_its_places_on_first_use() {
        use crate::model::{Place, RouteGraph};
        let mut g = RouteGraph::default();
        g.graph.add_node(Place::new("P1", "United States"));
        let mut p = Place::new("P2", "Mexico");
        p.iso2 = Some("MX".into());
        p.aliases = vec!["Tierra Azteca".into()];
        g.graph.add_node(p);
        assert_eq!(g.resolve("tierra azteca").unwrap(), 1);
        assert_eq!(g.resolve("mx").unwrap(), 1);
        assert_eq!(g.resolve("UNITED STATES").unwrap(), 0);
        assert_eq!(g.resolve("p1").unwrap(), 0);
        assert!(g.resolve("Atlantis").is_err());
    }

    #[test]
    fn normalize_folds_case_accents_and_punctuation() {
        assert_eq!(normalize("  The United   States "), "united states");
        assert_eq!(normalize("República Dominicana"), "republica dominicana");
        assert_eq!(normalize("Dominican Rep."), "dominican rep");
        assert_eq!(normalize("Côte d’Ivoire"), "cote divoire");
        assert_eq!(normalize("Guinea-Bissau"), "guinea bissau");
        assert_eq!(normalize("U.S.A."), "usa");
    }

    #[test]
    fn lookup_finds_ambiguous_and_suggests() {
        let mut idx = NameIndex::new();
        idx.insert("USA", 0);
        idx.insert("United States", 0);
        idx.insert("Dominican Republic", 1);
        idx.insert("Dominica", 2);
        idx.insert("DR", 1);
        idx.insert("DR", 3);
        assert_eq!(idx.lookup("united states"), Lookup::Found(0));
        assert_eq!(idx.lookup("usa"), Lookup::Found(0));
        assert_eq!(idx.lookup("dr"), Lookup::Ambiguous(vec![1, 3]));
        match idx.lookup("Untied States") {
            Lookup::Unknown(s) => assert_eq!(s.first().map(String::as_str), Some("United States")),
            other => panic!("expected a suggestion, got {other:?}"),
        }
        assert_eq!(idx.lookup("Atlantis"), Lookup::Unknown(vec![]));
    }

    #[test]
    fn did_you_mean_lists() {
        assert_eq!(did_you_mean(&[]), "");
        assert_eq!(did_you_mean(&["A".into()]), "; did you mean \"A\"?");
        assert_eq!(
            did_you_mean(&["A".into(), "B".into(), "C".into()]),
            "; did you mean \"A\", \"B\" or \"C\"?"
        );
    }
}
