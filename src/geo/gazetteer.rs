//! Gazetteer of the 249 ISO 3166-1 countries and of common world regions, for resolving the
//! country and region names found in reports ("Bangladeshis", "EE. UU.", "West Africa") to codes.
//!
//! The data is embedded from `data/gazetteer.json` (built by `data/tools/build_gazetteer.py`; see
//! `data/PROVENANCE-world-gazetteer.md`; the database is ODbL-1.0, see `data/LICENSE-gazetteer.txt`).
//!
//! All look-ups go through [`Gazetteer::normalize`], so they ignore case, Latin diacritics, dots and
//! apostrophes, hyphens vs spaces and a leading "the". When two countries share a normalized key the
//! key goes to the country whose name or ISO code is exactly that key, and is dropped for the others;
//! if no country matches exactly the key is dropped for all. Such collisions are listed by
//! [`Gazetteer::ambiguities`]; the embedded data has none, because the build script resolves them
//! (its decisions, e.g. "dominican" -> DOM and not Dominica, are listed in the provenance file).

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

/// One ISO 3166-1 country or territory.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct Country {
    /// ISO 3166-1 alpha-2, e.g. "BD".
    pub iso2: String,
    /// ISO 3166-1 alpha-3, e.g. "BGD".
    pub iso3: String,
    /// ISO 3166-1 numeric, e.g. 50.
    pub numeric: u16,
    /// Common English name, e.g. "Bangladesh".
    pub name: String,
    /// Official English name, e.g. "People's Republic of Bangladesh".
    pub official: String,
    /// Other English (and some native) names and abbreviations.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Spanish names.
    #[serde(default)]
    pub es: Vec<String>,
    /// Portuguese names.
    #[serde(default)]
    pub pt: Vec<String>,
    /// French names.
    #[serde(default)]
    pub fr: Vec<String>,
    /// English demonyms, singular and plural ("Bangladeshi", "Bangladeshis").
    #[serde(default)]
    pub demonyms: Vec<String>,
    /// Marker point inside the country (degrees).
    pub lat: f64,
    pub lon: f64,
    /// UN M49 region: Africa, Americas, Asia, Europe, Oceania (Antarctica for ATA).
    pub region: String,
    /// UN M49 sub-region, finest named level, e.g. "Southern Asia", "Western Africa", "Caribbean".
    pub subregion: String,
}

impl Country {
    /// Every name form of the country that [`Gazetteer::country`] accepts, codes first.
    pub fn all_names(&self) -> impl Iterator<Item = &str> + '_ {
        [
            self.iso2.as_str(),
            self.iso3.as_str(),
            self.name.as_str(),
            self.official.as_str(),
        ]
        .into_iter()
        .chain(self.aliases.iter().map(String::as_str))
        .chain(self.es.iter().map(String::as_str))
        .chain(self.pt.iter().map(String::as_str))
        .chain(self.fr.iter().map(String::as_str))
    }
}

/// A named group of countries ("South Asia", "European Union").
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct Region {
    /// Stable identifier, e.g. "south-asia".
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// ISO alpha-3 codes of the member countries.
    pub members: Vec<String>,
}

impl Region {
    /// Whether the country with this alpha-3 code (case-insensitive) is a member.
    pub fn contains(&self, iso3: &str) -> bool {
        self.members.iter().any(|m| m.eq_ignore_ascii_case(iso3))
    }
}

/// Which index a colliding key was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    Name,
    Demonym,
    Region,
}

/// A normalized key claimed by more than one country (or region) when the index was built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ambiguity {
    pub kind: KeyKind,
    pub key: String,
    /// alpha-3 codes (region ids for [`KeyKind::Region`]) of all claimants, sorted.
    pub candidates: Vec<String>,
    /// The one that keeps the key, or `None` if it was dropped for all.
    pub kept: Option<String>,
}

#[derive(serde::Deserialize)]
struct File {
    schema_version: u32,
    #[serde(default)]
    #[allow(dead_code)]
    provenance: String,
    countries: Vec<Country>,
    #[serde(default)]
    regions: Vec<Region>,
}

/// Countries and regions with look-up indexes. Get the embedded one with [`gazetteer`].
#[derive(Debug, Clone)]
pub struct Gazetteer {
    pub countries: Vec<Country>,
    pub regions: Vec<Region>,
    names: BTreeMap<String, usize>,
    demonyms: BTreeMap<String, usize>,
    numeric: HashMap<u16, usize>,
    region_keys: BTreeMap<String, usize>,
    ambiguities: Vec<Ambiguity>,
}

const EMBEDDED: &str = include_str!("../../data/gazetteer.json");

/// The embedded gazetteer (`data/gazetteer.json`), parsed and indexed once on first use.
///
/// Panics only if the embedded file is corrupt, which the unit tests rule out.
pub fn gazetteer() -> &'static Gazetteer {
    static GAZ: OnceLock<Gazetteer> = OnceLock::new();
    GAZ.get_or_init(|| match Gazetteer::from_json(EMBEDDED) {
        Ok(g) => g,
        Err(e) => panic!("embedded data/gazetteer.json is corrupt: {e}"),
    })
}

impl Gazetteer {
    /// Parse and index a gazetteer in the `data/gazetteer.json` format (schema_version 1).
    pub fn from_json(json: &str) -> Result<Gazetteer, String> {
        let file: File = serde_json::from_str(json).map_err(|e| format!("gazetteer JSON: {e}"))?;
        if file.schema_version != 1 {
            return Err(format!(
                "gazetteer schema_version {} is not supported (expected 1)",
                file.schema_version
            ));
        }
        Self::new(file.countries, file.regions)
    }

    /// Index the given countries and regions. Fails on duplicate ISO codes or a region member
    /// that is not one of the countries.
    pub fn new(countries: Vec<Country>, regions: Vec<Region>) -> Result<Gazetteer, String> {
        let mut numeric = HashMap::new();
        let mut codes = HashMap::new();
        for (i, c) in countries.iter().enumerate() {
            if numeric.insert(c.numeric, i).is_some() {
                return Err(format!("duplicate numeric code {}", c.numeric));
            }
            for code in [&c.iso2, &c.iso3] {
                if codes.insert(code.to_ascii_uppercase(), i).is_some() {
                    return Err(format!("duplicate ISO code {code}"));
                }
            }
        }
        for r in &regions {
            if let Some(m) = r
                .members
                .iter()
                .find(|m| !codes.contains_key(&m.to_ascii_uppercase()))
            {
                return Err(format!("region {}: unknown member {m}", r.id));
            }
        }
        let mut ambiguities = Vec::new();
        let exact = |key: &str, i: usize| {
            let c = &countries[i];
            [&c.name, &c.iso2, &c.iso3]
                .iter()
                .any(|s| Self::normalize(s) == key)
        };
        let names = build_index(
            countries.iter().map(|c| c.all_names().collect::<Vec<_>>()),
            exact,
            |i| countries[i].iso3.clone(),
            KeyKind::Name,
            &mut ambiguities,
        );
        let demonyms = build_index(
            countries
                .iter()
                .map(|c| c.demonyms.iter().map(String::as_str).collect::<Vec<_>>()),
            exact,
            |i| countries[i].iso3.clone(),
            KeyKind::Demonym,
            &mut ambiguities,
        );
        let region_keys = build_index(
            regions.iter().map(|r| {
                let mut v = vec![r.id.as_str(), r.name.as_str()];
                v.extend(r.aliases.iter().map(String::as_str));
                v
            }),
            |key: &str, i: usize| {
                Self::normalize(&regions[i].id) == key || Self::normalize(&regions[i].name) == key
            },
            |i| regions[i].id.clone(),
            KeyKind::Region,
            &mut ambiguities,
        );
        Ok(Gazetteer {
            countries,
            regions,
            names,
            demonyms,
            numeric,
            region_keys,
            ambiguities,
        })
    }

    /// Normalize a name for look-up: lowercase; Latin diacritics stripped (á->a, ç->c, ü->u, ñ->n,
    /// ø->o, ß->ss, æ->ae, ...; also combining marks); '.', apostrophes (' ’ ‘ ` ´ ʼ ʻ) removed;
    /// '&' -> "and"; hyphens, dashes, commas, brackets, slashes, quotes and other punctuation and all
    /// runs of whitespace -> a single space; a leading "the " removed; trimmed.
    ///
    /// `normalize("the U.S.")` == "us", `normalize("Côte d’Ivoire")` == "cote divoire",
    /// `normalize("Guinea-Bissau")` == "guinea bissau".
    pub fn normalize(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        for ch in s.chars().flat_map(char::to_lowercase) {
            if ('\u{300}'..='\u{36f}').contains(&ch) {
                continue; // combining diacritical marks (decomposed input)
            }
            match ch {
                '.' | '\'' | '’' | '‘' | '`' | '´' | 'ʼ' | 'ʻ' => {}
                '&' => out.push_str(" and "),
                '-' | '‐' | '‑' | '–' | '—' | ',' | ';' | ':' | '(' | ')' | '[' | ']' | '{'
                | '}' | '/' | '\\' | '"' | '“' | '”' | '!' | '?' | '*' => out.push(' '),
                c if c.is_whitespace() => out.push(' '),
                c => match fold_latin(c) {
                    Some(r) => out.push_str(r),
                    None => out.push(c),
                },
            }
        }
        let mut t = out.split_whitespace().collect::<Vec<_>>().join(" ");
        if t.starts_with("the ") {
            t.drain(..4);
        }
        t
    }

    /// Find a country by ISO alpha-2 or alpha-3 code, numeric code ("50" or "050"), common or
    /// official name, alias, or Spanish/Portuguese/French name; case- and accent-insensitive.
    pub fn country(&self, name: &str) -> Option<&Country> {
        let key = Self::normalize(name);
        if key.is_empty() {
            return None;
        }
        if key.len() <= 3 && key.bytes().all(|b| b.is_ascii_digit()) {
            let n: u16 = key.parse().ok()?;
            return self.numeric.get(&n).map(|&i| &self.countries[i]);
        }
        self.names.get(&key).map(|&i| &self.countries[i])
    }

    /// Find a country by an English demonym, singular or plural ("Syrian", "Syrians", "Salvadorean").
    pub fn country_by_demonym(&self, word: &str) -> Option<&Country> {
        let key = Self::normalize(word);
        if key.is_empty() {
            return None;
        }
        let hit = self
            .demonyms
            .get(&key)
            .or_else(|| key.strip_suffix('s').and_then(|k| self.demonyms.get(k)));
        hit.map(|&i| &self.countries[i])
    }

    /// Find a region by id ("south-asia"), name or alias ("South Asian", "Southern Asia").
    pub fn region(&self, name: &str) -> Option<&Region> {
        let key = Self::normalize(name);
        self.region_keys.get(&key).map(|&i| &self.regions[i])
    }

    /// The member countries of a region, in the order of its member list.
    pub fn members<'a>(&'a self, region: &'a Region) -> impl Iterator<Item = &'a Country> + 'a {
        region.members.iter().filter_map(move |m| self.country(m))
    }

    /// All (normalized key, country) pairs of the name index, sorted by key; for suggestion search.
    /// Includes the ISO alpha-2/alpha-3 codes as keys; numeric codes are not included.
    pub fn names(&self) -> impl Iterator<Item = (&str, &Country)> + '_ {
        self.names
            .iter()
            .map(move |(k, &i)| (k.as_str(), &self.countries[i]))
    }

    /// All (normalized demonym, country) pairs, sorted by key.
    pub fn demonyms(&self) -> impl Iterator<Item = (&str, &Country)> + '_ {
        self.demonyms
            .iter()
            .map(move |(k, &i)| (k.as_str(), &self.countries[i]))
    }

    /// Keys that more than one country or region claimed when the index was built.
    pub fn ambiguities(&self) -> &[Ambiguity] {
        &self.ambiguities
    }
}

/// Build a key -> owner index. `keys_of` yields, per owner, its name forms. A key claimed by several
/// owners goes to the single owner for which `exact(key, owner)` holds, else to nobody.
fn build_index<'a, I, E, L>(
    keys_of: I,
    exact: E,
    label: L,
    kind: KeyKind,
    ambiguities: &mut Vec<Ambiguity>,
) -> BTreeMap<String, usize>
where
    I: Iterator<Item = Vec<&'a str>>,
    E: Fn(&str, usize) -> bool,
    L: Fn(usize) -> String,
{
    let mut claims: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, keys) in keys_of.enumerate() {
        for k in keys {
            let key = Gazetteer::normalize(k);
            if key.is_empty() {
                continue;
            }
            let owners = claims.entry(key).or_default();
            if !owners.contains(&i) {
                owners.push(i);
            }
        }
    }
    let mut index = BTreeMap::new();
    for (key, owners) in claims {
        if let [only] = owners[..] {
            index.insert(key, only);
            continue;
        }
        let exact_owners: Vec<usize> = owners.iter().copied().filter(|&i| exact(&key, i)).collect();
        let kept = match exact_owners[..] {
            [one] => Some(one),
            _ => None,
        };
        let mut candidates: Vec<String> = owners.iter().map(|&i| label(i)).collect();
        candidates.sort();
        ambiguities.push(Ambiguity {
            kind,
            key: key.clone(),
            candidates,
            kept: kept.map(&label),
        });
        if let Some(i) = kept {
            index.insert(key, i);
        }
    }
    index
}

/// Latin letters with diacritics (Latin-1 Supplement, Latin Extended-A, ș ț ơ ư) -> ASCII.
/// Keep in sync with FOLD in data/tools/build_gazetteer.py.
fn fold_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĳ' => "ij",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' | 'ŋ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ơ' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ư' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(name: &str) -> Option<&'static str> {
        gazetteer().country(name).map(|c| c.iso3.as_str())
    }

    fn dem(word: &str) -> Option<&'static str> {
        gazetteer()
            .country_by_demonym(word)
            .map(|c| c.iso3.as_str())
    }

    #[test]
    fn embedded_gazetteer_loads() {
        let g = gazetteer();
        assert_eq!(g.countries.len(), 249);
        assert!(g.regions.len() >= 26);
        for c in &g.countries {
            assert!(
                (-90.0..=90.0).contains(&c.lat) && (-180.0..=180.0).contains(&c.lon),
                "{}",
                c.iso3
            );
            assert!(
                !c.region.is_empty() && !c.subregion.is_empty(),
                "{}",
                c.iso3
            );
        }
    }

    #[test]
    fn embedded_data_has_no_unresolved_keys() {
        // The build script resolves every collision, so each name form of each country resolves
        // to that country and the index reports no ambiguity.
        let g = gazetteer();
        assert_eq!(g.ambiguities(), &[] as &[Ambiguity]);
        for c in &g.countries {
            for n in c.all_names() {
                assert_eq!(g.country(n).map(|x| &x.iso3), Some(&c.iso3), "{n:?}");
            }
            for d in &c.demonyms {
                assert_eq!(
                    g.country_by_demonym(d).map(|x| &x.iso3),
                    Some(&c.iso3),
                    "{d:?}"
                );
            }
            assert_eq!(
                g.country(&c.numeric.to_string()).map(|x| &x.iso3),
                Some(&c.iso3)
            );
        }
        for r in &g.regions {
            for n in [&r.id, &r.name].into_iter().chain(&r.aliases) {
                assert_eq!(g.region(n).map(|x| &x.id), Some(&r.id), "{n:?}");
            }
        }
    }

    #[test]
    fn normalize_rules() {
        let n = Gazetteer::normalize;
        assert_eq!(n("  The  United-States "), "united states");
        assert_eq!(n("EE. UU."), "ee uu");
        assert_eq!(n("U.S.A."), "usa");
        assert_eq!(n("Côte d’Ivoire"), "cote divoire");
        assert_eq!(n("Côte d'Ivoire"), n("Cote dIvoire"));
        assert_eq!(n("República Dominicana"), "republica dominicana");
        assert_eq!(n("TÜRKİYE"), "turkiye");
        assert_eq!(n("Türkiye"), "turkiye");
        assert_eq!(n("Cote\u{302} d'Ivoire"), "cote divoire"); // decomposed accent
        assert_eq!(n("São Tomé & Príncipe"), "sao tome and principe");
        assert_eq!(
            n("Åland, Færøerne, Straße, Łódź"),
            "aland faeroerne strasse lodz"
        );
        assert_eq!(
            n("Bolivia (Plurinational State of)"),
            "bolivia plurinational state of"
        );
        assert_eq!(n("theatre"), "theatre");
        assert_eq!(n(""), "");
    }

    #[test]
    fn country_lookups() {
        for s in [
            "usa",
            "United States",
            "US",
            "USA",
            "U.S.",
            "U.S.A.",
            "the United States",
            "America",
            "Estados Unidos",
            "EE. UU.",
            "EEUU",
            "us",
            "840",
            "United States of America",
        ] {
            assert_eq!(iso(s), Some("USA"), "{s:?}");
        }
        assert_eq!(iso("Türkiye"), Some("TUR"));
        assert_eq!(iso("turkey"), Some("TUR"));
        assert_eq!(iso("czech republic"), Some("CZE"));
        assert_eq!(iso("Czechia"), Some("CZE"));
        assert_eq!(iso("República Dominicana"), Some("DOM"));
        assert_eq!(iso("Dominican Rep."), Some("DOM"));
        assert_eq!(iso("Dominica"), Some("DMA"));
        assert_eq!(iso("Brasil"), Some("BRA"));
        assert_eq!(iso("méxico"), Some("MEX"));
        assert_eq!(iso("Mexico"), Some("MEX"));
        assert_eq!(iso("España"), Some("ESP"));
        assert_eq!(iso("Perú"), Some("PER"));
        assert_eq!(iso("Panamá"), Some("PAN"));
        for s in [
            "UK",
            "Britain",
            "Great Britain",
            "united kingdom",
            "GB",
            "GBR",
        ] {
            assert_eq!(iso(s), Some("GBR"), "{s:?}");
        }
        for s in [
            "North Macedonia",
            "Macedonia",
            "former Yugoslav Republic of Macedonia",
            "FYROM",
        ] {
            assert_eq!(iso(s), Some("MKD"), "{s:?}");
        }
        for s in [
            "Ivory Coast",
            "Côte d'Ivoire",
            "COTE DIVOIRE",
            "Cote d’Ivoire",
        ] {
            assert_eq!(iso(s), Some("CIV"), "{s:?}");
        }
        assert_eq!(iso("Burma"), Some("MMR"));
        assert_eq!(iso("Myanmar"), Some("MMR"));
        assert_eq!(iso("Swaziland"), Some("SWZ"));
        assert_eq!(iso("Eswatini"), Some("SWZ"));
        assert_eq!(iso("bgd"), Some("BGD"));
        assert_eq!(iso("BD"), Some("BGD"));
        assert_eq!(iso("050"), Some("BGD"));
        assert_eq!(iso("50"), Some("BGD"));
        assert_eq!(iso("Bangladés"), Some("BGD"));
        assert_eq!(iso("Dem. Rep. Congo"), Some("COD")); // Natural Earth short name
        assert_eq!(iso("Holland"), None); // a region of the Netherlands, deliberately absent
        assert_eq!(iso("Atlantis"), None);
        assert_eq!(iso("  "), None);
        assert_eq!(iso("9999"), None);
    }

    #[test]
    fn ambiguous_names_resolve_deliberately() {
        assert_eq!(iso("niger"), Some("NER"));
        assert_eq!(iso("nigeria"), Some("NGA"));
        assert_eq!(dem("nigerian"), Some("NGA"));
        assert_eq!(dem("nigerien"), Some("NER"));
        assert_eq!(iso("congo"), Some("COG"));
        assert_eq!(iso("Republic of the Congo"), Some("COG"));
        for s in [
            "dr congo",
            "DRC",
            "Democratic Republic of the Congo",
            "Congo-Kinshasa",
            "RDC",
        ] {
            assert_eq!(iso(s), Some("COD"), "{s:?}");
        }
        assert_eq!(dem("Congolese"), None); // both Congos: dropped on purpose
        assert_eq!(iso("guinea"), Some("GIN"));
        assert_eq!(iso("Guinea-Bissau"), Some("GNB"));
        assert_eq!(iso("Equatorial Guinea"), Some("GNQ"));
        assert_eq!(iso("Papua New Guinea"), Some("PNG"));
        assert_eq!(iso("sudan"), Some("SDN"));
        assert_eq!(iso("south sudan"), Some("SSD"));
        assert_eq!(dem("dominican"), Some("DOM")); // not Dominica (DMA): deliberate
        assert_eq!(dem("Dominicans"), Some("DOM"));
        assert_eq!(dem("American"), Some("USA")); // not the Northern Mariana Islands
        assert_eq!(dem("Indian"), Some("IND")); // not British Indian Ocean Territory
        assert_eq!(dem("French"), Some("FRA"));
        assert_eq!(dem("Dutch"), Some("NLD"));
        assert_eq!(iso("Saint Martin"), Some("MAF"));
        assert_eq!(iso("Sint Maarten"), Some("SXM"));
        assert_eq!(iso("Guiana"), Some("GUF"));
        assert_eq!(iso("Guyana"), Some("GUY"));
        assert_eq!(iso("Korea"), None); // ambiguous between KOR and PRK: not guessed
        assert_eq!(iso("South Korea"), Some("KOR"));
        assert_eq!(iso("North Korea"), Some("PRK"));
    }

    #[test]
    fn demonyms() {
        for (w, c) in [
            ("Bangladeshis", "BGD"),
            ("Bangladeshi", "BGD"),
            ("Venezuelan", "VEN"),
            ("Venezuelans", "VEN"),
            ("Syrian", "SYR"),
            ("syrians", "SYR"),
            ("Salvadoran", "SLV"),
            ("Salvadorean", "SLV"),
            ("Salvadoreans", "SLV"),
            ("Afghans", "AFG"),
            ("Eritreans", "ERI"),
            ("Vietnamese", "VNM"),
            ("Chinese", "CHN"),
            ("Filipinos", "PHL"),
            ("Turks", "TUR"),
            ("British", "GBR"),
            ("Americans", "USA"),
            ("Ivorians", "CIV"),
            ("Honduran", "HND"),
            ("Guatemalans", "GTM"),
            ("Albanians", "ALB"),
            ("Iraqis", "IRQ"),
            ("Pakistanis", "PAK"),
            ("Moroccans", "MAR"),
            ("Haitians", "HTI"),
            ("Cubans", "CUB"),
            ("Sudanese", "SDN"),
            ("South Sudanese", "SSD"),
            ("Somalis", "SOM"),
            ("Ethiopians", "ETH"),
            ("Nepalis", "NPL"),
            ("Sri Lankans", "LKA"),
        ] {
            assert_eq!(dem(w), Some(c), "{w:?}");
        }
        assert_eq!(dem("Bangladesh"), None);
    }

    #[test]
    fn regions() {
        let g = gazetteer();
        let sa = g.region("South Asia").expect("South Asia");
        assert_eq!(sa.id, "south-asia");
        assert!(sa.contains("BGD") && sa.contains("bgd"));
        assert_eq!(g.region("south asian").map(|r| &r.id), Some(&sa.id));
        assert_eq!(g.region("Southern Asia").map(|r| &r.id), Some(&sa.id));
        assert_eq!(g.region("south-asia").map(|r| &r.id), Some(&sa.id));
        let wa = g.region("West Africa").expect("West Africa");
        assert!(wa.contains("NGA") && wa.contains("SEN"));
        let ca = g.region("Central American").expect("Central America");
        assert!(
            ca.contains("GTM") && ca.contains("HND") && ca.contains("SLV") && !ca.contains("MEX")
        );
        assert_eq!(g.region("EU").unwrap().members.len(), 27);
        assert!(!g.region("European Union").unwrap().contains("GBR"));
        assert!(g.region("Western Balkans").unwrap().contains("SRB"));
        assert!(g.region("Horn of Africa").unwrap().contains("ERI"));
        assert!(g.region("Sub-Saharan Africa").unwrap().contains("NGA"));
        assert!(!g.region("Sub-Saharan Africa").unwrap().contains("EGY"));
        assert!(g.region("Middle East").unwrap().contains("SYR"));
        assert!(g.region("the Americas").unwrap().contains("USA"));
        assert!(g.region("Latin America").unwrap().contains("BRA"));
        assert!(g.region("Sahel").unwrap().contains("MLI"));
        assert!(g.region("Maghreb").unwrap().contains("TUN"));
        for name in [
            "South Asia",
            "Central America",
            "South America",
            "North America",
            "Caribbean",
            "West Africa",
            "North Africa",
            "East Africa",
            "Horn of Africa",
            "Sub-Saharan Africa",
            "Middle East",
            "Western Balkans",
            "Balkans",
            "Southeast Asia",
            "Central Asia",
            "Western Europe",
            "Eastern Europe",
            "European Union",
            "Sahel",
            "Maghreb",
            "Latin America",
            "the Americas",
            "Europe",
            "Africa",
            "Asia",
            "Oceania",
        ] {
            let r = g
                .region(name)
                .unwrap_or_else(|| panic!("region {name} missing"));
            assert!(!r.members.is_empty());
            assert_eq!(g.members(r).count(), r.members.len(), "{name}");
        }
        assert!(g.region("Atlantis").is_none());
        // every country is in exactly one continent-level region (except Antarctica)
        let continents: Vec<_> = ["africa", "americas", "asia", "europe", "oceania"]
            .iter()
            .map(|id| g.region(id).unwrap())
            .collect();
        for c in &g.countries {
            let n = continents.iter().filter(|r| r.contains(&c.iso3)).count();
            assert_eq!(n, usize::from(c.iso3 != "ATA"), "{}", c.iso3);
        }
    }

    #[test]
    fn names_iterator_is_sorted_and_normalized() {
        let g = gazetteer();
        let keys: Vec<&str> = g.names().map(|(k, _)| k).collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]));
        assert!(keys.iter().all(|k| Gazetteer::normalize(k) == *k));
        assert!(g.names().any(|(k, c)| k == "bangladesh" && c.iso3 == "BGD"));
        assert!(keys.len() > 1000);
    }

    #[test]
    fn collisions_keep_the_exact_match_and_are_reported() {
        let json = r#"{"schema_version":1,"provenance":"test","countries":[
          {"iso2":"NE","iso3":"NER","numeric":562,"name":"Niger","official":"Republic of the Niger","aliases":["Sahel state"],
           "demonyms":["Nigerien"],"lat":16,"lon":8,"region":"Africa","subregion":"Western Africa"},
          {"iso2":"NG","iso3":"NGA","numeric":566,"name":"Nigeria","official":"Federal Republic of Nigeria",
           "aliases":["Niger","Sahel state"],"demonyms":["Nigerien"],"lat":10,"lon":8,"region":"Africa","subregion":"Western Africa"}],
          "regions":[{"id":"wa","name":"West Africa","aliases":["W. Africa"],"members":["NER","NGA"]}]}"#;
        let g = Gazetteer::from_json(json).unwrap();
        assert_eq!(g.country("niger").unwrap().iso3, "NER");
        assert!(g.country("sahel state").is_none());
        assert!(g.country_by_demonym("nigerien").is_none());
        let amb: Vec<(&str, Option<&str>)> = g
            .ambiguities()
            .iter()
            .map(|a| (a.key.as_str(), a.kept.as_deref()))
            .collect();
        assert_eq!(
            amb,
            vec![
                ("niger", Some("NER")),
                ("sahel state", None),
                ("nigerien", None)
            ]
        );
        assert_eq!(
            g.ambiguities()[0].candidates,
            vec!["NER".to_string(), "NGA".to_string()]
        );
        assert_eq!(g.region("w africa").unwrap().id, "wa");

        assert!(Gazetteer::from_json(
            &json.replace("\"schema_version\":1", "\"schema_version\":2")
        )
        .is_err());
        assert!(
            Gazetteer::from_json(&json.replace("[\"NER\",\"NGA\"]", "[\"NER\",\"XXX\"]")).is_err()
        );
        assert!(
            Gazetteer::from_json(&json.replace("\"iso3\":\"NGA\"", "\"iso3\":\"NER\"")).is_err()
        );
        assert!(Gazetteer::from_json("{").is_err());
    }
}
