//! Numbers the text gives, classified (`arrests`, `victims_rescued`, money amounts, ...) and
//! attached to the nearest place mention of the same clause (else of the same sentence), or to
//! the operation's totals when the sentence names no place. A place in the dateline or in a
//! list of several countries never takes a figure: the number cannot be told apart between them.
//!
//! Numbers are read as digits (`300,000`, `10.5`; `1.500` with three digits after the dot is
//! Spanish for 1500), with a multiplier (`10 million`, `1,5 millones`), or as words (`four`,
//! `nearly one million`, `dos`). Ages (`24-year old`), years (`2018`), dates and durations are
//! not figures.

use super::patterns::{list_at, It, View};
use super::{Extraction, FoundFigure, PlaceRef, Span};

const NUMBER_WORDS: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("hundred", 100.0),
    ("dozens", 0.0),
    ("dos", 2.0),
    ("tres", 3.0),
    ("cuatro", 4.0),
    ("cinco", 5.0),
    ("seis", 6.0),
    ("siete", 7.0),
    ("ocho", 8.0),
    ("nueve", 9.0),
    ("diez", 10.0),
    ("doce", 12.0),
    ("veinte", 20.0),
    ("treinta", 30.0),
    ("cien", 100.0),
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

/// Parse digits with `,` or `.` separators.
fn parse_digits(raw: &str) -> Option<f64> {
    let commas = raw.matches(',').count();
    let dots = raw.matches('.').count();
    let groups_of_three = |sep: char| raw.split(sep).skip(1).all(|g| g.len() == 3);
    let s: String = match (commas, dots) {
        (0, 0) => raw.to_string(),
        (_, 0) if groups_of_three(',') => raw.replace(',', ""),
        (1, 0) => raw.replace(',', "."),
        (0, 1) if !groups_of_three('.') => raw.to_string(),
        (0, _) => raw.replace('.', ""),
        _ => {
            // both: the last one is the decimal mark
            let last_dot = raw.rfind('.')?;
            let last_comma = raw.rfind(',')?;
            if last_dot > last_comma {
                raw.replace(',', "")
            } else {
                raw.replace('.', "").replace(',', ".")
            }
        }
    };
    s.parse().ok()
}

/// The number starting at item `i`: (value, index after it and its multiplier, span).
pub(crate) fn number_at(v: &View, i: usize) -> Option<(f64, usize, Span)> {
    let x = v.items.get(i)?;
    let base = match &x.it {
        It::N => parse_digits(&x.raw)?,
        It::W(w) => {
            let &(_, n) = NUMBER_WORDS.iter().find(|(k, _)| k == w)?;
            if n == 0.0 || v.is(i + 1, &["of", "de"]) {
                return None; // "one of the largest", "dozens of"
            }
            n
        }
        _ => return None,
    };
    let mut next = i + 1;
    let mut value = base;
    let mult = match v.w(next) {
        Some("million" | "millions" | "millones" | "millon" | "mn") => 1e6,
        Some("billion" | "billions" | "bn") => 1e9,
        Some("thousand" | "mil") => 1e3,
        Some("hundred") => 100.0,
        _ => 1.0,
    };
    if mult > 1.0 {
        value *= mult;
        next += 1;
    }
    let span = Span {
        start: x.span.start,
        end: v.items[next - 1].span.end,
    };
    Some((value, next, span))
}

fn currency_code(w: &str) -> Option<&'static str> {
    match w {
        "usd" | "dollars" | "dolares" | "us$" => Some("USD"),
        "eur" | "euros" | "euro" => Some("EUR"),
        "gbp" | "pounds" => Some("GBP"),
        _ => None,
    }
}

/// A money amount at item `i` (`USD 10 million`, `$5,000`, `€ 6.000`, `6,000 euros`):
/// (value, ISO 4217 code, span).
pub(crate) fn amount_at(_ex: &Extraction, v: &View, i: usize) -> Option<(f64, String, Span)> {
    let sign = |k: usize| -> Option<&'static str> {
        match &v.items.get(k)?.it {
            It::P('$') => Some("USD"),
            It::P('€') => Some("EUR"),
            It::P('£') => Some("GBP"),
            It::W(w) => currency_code(w),
            _ => None,
        }
    };
    if let Some(code) = sign(i) {
        let mut k = i + 1;
        if v.punct(k, &['$']) {
            k += 1; // "US$"
        }
        let (value, _, span) = number_at(v, k)?;
        return Some((
            value,
            code.to_string(),
            Span {
                start: v.items[i].span.start,
                end: span.end,
            },
        ));
    }
    let (value, next, span) = number_at(v, i)?;
    let code = v.w(next).and_then(currency_code)?;
    Some((
        value,
        code.to_string(),
        Span {
            start: span.start,
            end: v.items[next].span.end,
        },
    ))
}

/// A word or mention near a number.
#[derive(Debug, Clone, PartialEq)]
enum Near {
    W(String),
    M(usize),
}

fn words_after(v: &View, from: usize, n: usize) -> Vec<Near> {
    let mut out = Vec::new();
    let mut k = from;
    while k < v.items.len() && out.len() < n {
        match &v.items[k].it {
            It::W(w) => out.push(Near::W(w.clone())),
            It::M(m) => out.push(Near::M(*m)),
            It::P('-' | '‑') => {}
            _ => break,
        }
        k += 1;
    }
    out
}

fn words_before(v: &View, to: usize, n: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut k = to;
    while k > 0 && out.len() < n {
        k -= 1;
        match &v.items[k].it {
            It::W(w) => out.push(w.clone()),
            It::P('$' | '€' | '£' | '-') => {}
            _ => break,
        }
    }
    out.reverse();
    out
}

fn qualifier(before: &[String]) -> Option<String> {
    let last = before.last().map(String::as_str);
    let two = if before.len() >= 2 {
        Some((
            before[before.len() - 2].as_str(),
            before[before.len() - 1].as_str(),
        ))
    } else {
        None
    };
    let q = match two {
        Some(("more" | "mas", "than" | "de")) => "more than",
        Some(("at" | "al", "least" | "menos")) => "at least",
        Some(("up", "to")) => "up to",
        Some(("less" | "fewer", "than")) => "less than",
        Some(("cerca" | "alrededor", "de")) => "around",
        _ => match last {
            Some("some" | "unos" | "unas") => "some",
            Some("nearly" | "almost" | "casi") => "nearly",
            Some("around" | "about" | "roughly") => "around",
            Some("approximately" | "aproximadamente" | "approx") => "approximately",
            Some("over") => "more than",
            _ => return None,
        },
    };
    Some(q.to_string())
}

/// What a number counts, from the words around it.
fn classify(
    ex: &Extraction,
    v: &View,
    at: usize,
    next: usize,
    money: Option<&str>,
) -> Option<String> {
    let after = words_after(v, next, 8);
    let before = words_before(v, at, 6);
    let sentence_has = |ws: &[&str]| v.has(ws);
    let near_has = |ws: &[&str]| {
        before.iter().any(|w| ws.contains(&w.as_str()))
            || after
                .iter()
                .any(|n| matches!(n, Near::W(w) if ws.contains(&w.as_str())))
    };
    let near_prefix = |p: &str| {
        before.iter().any(|w| w.starts_with(p))
            || after
                .iter()
                .any(|n| matches!(n, Near::W(w) if w.starts_with(p)))
    };
    if let Some(_code) = money {
        let what = if sentence_has(&["orders", "giros"])
            && near_has(&["worth", "valued", "value", "por"])
        {
            "money_orders_value"
        } else if near_prefix("transaction") || near_has(&["totalling", "totaling", "turnover"]) {
            "transactions"
        } else if near_has(&[
            "cost", "costs", "paid", "pay", "paying", "fee", "fees", "charged", "charge", "price",
            "pagaron", "pago", "cobraban", "cobraba", "cobraron",
        ]) {
            if sentence_has(&["journey", "trip", "viaje"]) {
                "journey_cost"
            } else {
                "smuggling_fee"
            }
        } else if near_prefix("transfer") || near_has(&["sent", "remittances", "wired"]) {
            "money_transferred"
        } else if near_has(&["seized", "confiscated", "cash", "incautados", "decomisados"]) {
            "cash_seized"
        } else if near_prefix("launder") || near_has(&["lavado"]) {
            "money_laundered"
        } else if near_has(&["profits", "proceeds", "earned", "made", "ganancias"]) {
            "criminal_proceeds"
        } else if near_has(&["frozen", "froze", "congelados"]) {
            "assets_frozen"
        } else {
            "money"
        };
        return Some(what.into());
    }
    // skip ages, ranges, dates and durations
    if v.punct(next, &['-', '‑']) || (at > 0 && v.punct(at - 1, &['-', '–'])) {
        return None;
    }
    let first = after
        .iter()
        .find(|n| match n {
            Near::W(w) => ![
                "different",
                "young",
                "human",
                "irregular",
                "suspected",
                "alleged",
                "individual",
                "other",
                "more",
                "foreign",
                "undocumented",
                "potential",
                "possible",
                "presumed",
                "unaccompanied",
                "trafficking",
                "smuggled",
                "bank",
                "additional",
                "new",
                "de",
                "presuntos",
                "presuntas",
                "posibles",
            ]
            .contains(&w.as_str()),
            Near::M(_) => true,
        })
        .cloned();
    let first_word = match &first {
        Some(Near::W(w)) => w.as_str(),
        Some(Near::M(_)) => "<place>",
        None => "",
    };
    if MONTHS.contains(&first_word)
        || before.last().is_some_and(|w| MONTHS.contains(&w.as_str()))
        || [
            "year", "years", "day", "days", "hours", "hour", "months", "month", "weeks", "week",
            "minutes", "anos", "dias", "meses", "horas", "semanas", "old",
        ]
        .contains(&first_word)
    {
        return None;
    }
    let demonym_or_region = |n: &Near| {
        matches!(n, Near::M(m) if !matches!(ex.mentions[*m].place, PlaceRef::Country(_))
            || ex.mentions[*m].form == super::MentionForm::Demonym)
    };
    let arrested_near = near_has(&[
        "arrested",
        "arrest",
        "apprehended",
        "detuvieron",
        "detenidos",
        "arrestados",
        "capturados",
        "capturaron",
        "arrestaron",
    ]);
    let what = match first_word {
        "arrests" | "arrested" | "detentions" | "detenciones" | "detenidos" | "detenidas"
        | "arrestos" | "capturas" | "capturados" | "aprehensiones" | "arrestados" => "arrests",
        "money" | "giros" if near_has(&["orders", "order", "giros"]) || first_word == "giros" => {
            "money_orders"
        }
        "accounts" | "account" | "cuentas"
            if near_prefix("froz")
                || near_has(&["froze", "freezing", "congeladas", "congelaron", "blocked"]) =>
        {
            "bank_accounts_frozen"
        }
        "victims" | "victim" | "victimas" => {
            if near_prefix("rescu") || near_prefix("rescat") || near_has(&["freed", "safeguarded"])
            {
                "victims_rescued"
            } else if near_prefix("identif") {
                "victims_identified"
            } else {
                "victims"
            }
        }
        "children" | "minors" | "ninos" | "menores" | "kids" => {
            if sentence_has(&["smuggling", "smuggled", "trafico"]) {
                "children_smuggled"
            } else {
                "children"
            }
        }
        "checks" | "controls" | "controles" | "inspections" | "verifications" => {
            if sentence_has(&["database", "databases"]) {
                "database_checks"
            } else if sentence_has(&["border", "borders", "fronteras", "frontera"]) {
                "border_checks"
            } else {
                "checks"
            }
        }
        "hits" => "database_hits",
        "nationalities" | "nacionalidades" => "migrant_nationalities",
        "continents" | "continentes" => "continents",
        "countries" | "nations" | "paises" => {
            let agent = before.iter().any(|w| {
                [
                    "authorities",
                    "police",
                    "officers",
                    "agencies",
                    "participating",
                    "autoridades",
                    "policias",
                ]
                .contains(&w.as_str())
            });
            if agent
                || near_has(&[
                    "took",
                    "participated",
                    "participating",
                    "participantes",
                    "participaron",
                ])
            {
                "participating_countries"
            } else if before.last().is_some_and(|w| w == "from" || w == "de")
                && before.iter().any(|w| PERSONS_MIGRANT.contains(&w.as_str()))
            {
                "migrant_nationalities"
            } else {
                return None;
            }
        }
        "individuals" | "people" | "persons" | "suspects" | "smugglers" | "traffickers"
        | "members" | "men" | "women" | "personas" | "sospechosos" | "nationals" => {
            if near_has(&["detained"]) && !arrested_near {
                "detained"
            } else if arrested_near {
                "arrests"
            } else if ["individuals", "people", "persons", "personas", "nationals"]
                .contains(&first_word)
            {
                migrants_what(&before, &after)?
            } else {
                return None;
            }
        }
        "migrants" | "migrantes" | "refugees" | "asylum" | "<place>" => {
            if first_word == "<place>" && !first.as_ref().is_some_and(demonym_or_region) {
                return None;
            }
            migrants_what(&before, &after).unwrap_or("migrants")
        }
        _ => return None,
    };
    Some(what.into())
}

const PERSONS_MIGRANT: &[&str] = &["migrants", "migrantes", "refugees", "nationals", "people"];

fn migrants_what(before: &[String], after: &[Near]) -> Option<&'static str> {
    let words = before
        .iter()
        .map(String::as_str)
        .chain(after.iter().filter_map(|n| match n {
            Near::W(w) => Some(w.as_str()),
            Near::M(_) => None,
        }));
    for w in words {
        if w.starts_with("identif") {
            return Some("migrants_identified");
        }
        if w.starts_with("smuggl")
            || w.starts_with("facilitat")
            || [
                "passage",
                "transported",
                "moved",
                "trasladaban",
                "trasladados",
            ]
            .contains(&w)
        {
            return Some("migrants_smuggled");
        }
        if w.starts_with("intercept")
            || w.starts_with("apprehend")
            || [
                "detected",
                "found",
                "located",
                "rescued",
                "rescatados",
                "interceptados",
            ]
            .contains(&w)
        {
            return Some("migrants_intercepted");
        }
    }
    None
}

/// Every figure of the text, with the place it belongs to.
pub(crate) fn find(ex: &Extraction, views: &[View]) -> Vec<FoundFigure> {
    let mut out: Vec<FoundFigure> = Vec::new();
    for v in views {
        // mentions that may own a figure, and which of them sit in lists of several countries
        let n = v.items.len();
        let mut in_list = vec![false; n];
        let mut k = 0;
        while k < n {
            if let Some(l) = list_at(ex, v, k) {
                if l.ms.len() >= 2 {
                    for x in in_list.iter_mut().take(l.end).skip(l.start) {
                        *x = true;
                    }
                }
                k = l.end.max(k + 1);
            } else {
                k += 1;
            }
        }
        let owners: Vec<(usize, usize)> = (0..n)
            .filter_map(|k| v.mention(k).map(|m| (k, m)))
            .filter(|&(_, m)| {
                let x = &ex.mentions[m];
                // a continent ("through the Americas") is where the operation ran, not an owner
                let continent = matches!(&x.place, PlaceRef::Region(r)
                    if ["africa", "americas", "asia", "europe", "oceania"].contains(&r.as_str()));
                !x.dateline && !x.participant && !continent
            })
            .collect();
        let clause_of: Vec<usize> = {
            let mut c = 0;
            v.items
                .iter()
                .map(|x| {
                    if matches!(x.it, It::P(';' | ':' | ',' | '(' | ')')) {
                        c += 1;
                    }
                    c
                })
                .collect()
        };
        let mut i = 0;
        while i < n {
            let (value, next, span, unit) = if let Some((a, code, span)) = amount_at(ex, v, i) {
                let next = (i..n)
                    .find(|&k| v.items[k].span.start >= span.end)
                    .unwrap_or(n);
                (a, next, span, Some(code))
            } else if let Some((value, next, span)) = number_at(v, i) {
                // a plain year is not a figure
                let year = matches!(v.items[i].it, It::N)
                    && (1900.0..=2100.0).contains(&value)
                    && v.items[i].raw.chars().all(|c| c.is_ascii_digit());
                if year {
                    i = next;
                    continue;
                }
                (value, next, span, None)
            } else {
                i += 1;
                continue;
            };
            let Some(what) = classify(ex, v, i, next, unit.as_deref()) else {
                i = next.max(i + 1);
                continue;
            };
            let before = words_before(v, i, 3);
            let qualifier = qualifier(&before);
            // the owner: nearest mention in the clause, else in the sentence
            let dist = |k: usize| {
                if k < i {
                    i - k
                } else {
                    k.saturating_sub(next) + 1
                }
            };
            let pick = |same_clause: bool| {
                owners
                    .iter()
                    .filter(|&&(k, _)| !same_clause || clause_of[k] == clause_of[i])
                    .min_by_key(|&&(k, _)| dist(k))
                    .copied()
            };
            let owner = pick(true).or_else(|| pick(false));
            let place = match owner {
                Some((k, _)) if in_list[k] => None,
                Some((_, m)) => Some(ex.mentions[m].place.clone()),
                None => None,
            };
            let f = FoundFigure {
                what,
                value,
                unit,
                qualifier,
                place,
                sentence: v.s,
                span,
            };
            if !out.iter().any(|o| {
                o.what == f.what
                    && o.value == f.value
                    && o.place == f.place
                    && o.sentence == f.sentence
            }) {
                out.push(f);
            }
            i = next.max(i + 1);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_parse_in_english_and_spanish() {
        assert_eq!(parse_digits("300,000"), Some(300000.0));
        assert_eq!(parse_digits("10.5"), Some(10.5));
        assert_eq!(parse_digits("1.500"), Some(1500.0));
        assert_eq!(parse_digits("1,5"), Some(1.5));
        assert_eq!(parse_digits("1.234.567"), Some(1234567.0));
        assert_eq!(parse_digits("1,234.5"), Some(1234.5));
        assert_eq!(parse_digits("1.234,5"), Some(1234.5));
        assert_eq!(parse_digits("53"), Some(53.0));
    }
}
