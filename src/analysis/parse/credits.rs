//! Credit lines: the photo credit at the end of a caption and the closing
//! "Reporting by ...; Writing by ... Editing by ..." line.

use super::chrome::is_staff_word;
use crate::analysis::lists::{Outlets, CONTRIBUTORS_ENDINGS, CREDIT_PHRASES};
use crate::analysis::span::{trim, Span};
use serde::{Deserialize, Serialize};

/// A caption's photo credit, split into its parts:
/// "Sputnik/Artem Geodakyan/Pool via REUTERS/File Photo" → agency Sputnik,
/// photographer Artem Geodakyan, pool, distributed by Reuters, file photo.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhotoCredit {
    pub span: Span,
    pub raw: String,
    pub agency: Option<String>,
    pub photographer: Option<String>,
    pub pool: bool,
    pub handout: bool,
    pub file_photo: bool,
    /// The agency named after "via".
    pub distributor: Option<String>,
}

/// "REUTERS" → "Reuters", "AP Photo" → "AP", "Getty Images" stays: acronyms of up to four letters stay in capitals.
fn agency_name(part: &str) -> String {
    let p = part.trim();
    let upper = p.to_uppercase();
    if upper == "AP PHOTO" {
        return "AP".into();
    }
    if p.chars().all(|c| !c.is_lowercase()) && p.chars().filter(|c| c.is_alphabetic()).count() > 4 {
        // Title-case each word of an all-capitals name.
        return p
            .split(' ')
            .map(|w| {
                let mut cs = w.chars();
                match cs.next() {
                    Some(f) => f.to_string() + &cs.as_str().to_lowercase(),
                    None => String::new(),
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
    }
    p.to_string()
}

fn is_agency(part: &str) -> bool {
    Outlets::get().is_outlet_any_case(part.trim())
        || (part.chars().any(char::is_alphabetic) && part.chars().all(|c| !c.is_lowercase()) && part.split_whitespace().count() <= 2)
}

/// Finds and splits the photo credit that ends a caption (`caption` is a span of `text`).
pub fn parse_photo_credit(text: &str, caption: Span) -> Option<PhotoCredit> {
    let s = caption.of(text);
    // The credit is the caption's last sentence-like segment, after ". ", or a
    // parenthesised credit at the end: "(AP Photo/Evan Vucci)".
    let (start, raw) = if s.ends_with(')') {
        let open = s.rfind('(')?;
        (open + 1, &s[open + 1..s.len() - 1])
    } else {
        let cut = s.rfind(". ").map_or(0, |i| i + 2);
        (cut, &s[cut..])
    };
    let raw_trim = raw.trim().trim_end_matches('.');
    let looks_like_credit = raw_trim.contains('/')
        || raw_trim.contains(" via ")
        || raw_trim.to_lowercase().starts_with("photo")
        || Outlets::get().is_outlet_any_case(raw_trim);
    if !looks_like_credit || raw_trim.len() > 160 || raw_trim.is_empty() {
        return None;
    }
    let lead = raw.len() - raw.trim_start().len();
    let span = Span::new(caption.start + start + lead, caption.start + start + lead + raw_trim.len());
    let body = raw_trim.trim_start_matches("Photo:").trim_start_matches("Photograph:").trim_start_matches("Picture:").trim();
    let (before, after) = match body.split_once(" via ") {
        Some((b, a)) => (b, Some(a)),
        None => (body, None),
    };
    let mut credit = PhotoCredit {
        span,
        raw: raw_trim.to_string(),
        agency: None,
        photographer: None,
        pool: false,
        handout: false,
        file_photo: false,
        distributor: None,
    };
    let flag = |part: &str, credit: &mut PhotoCredit| -> bool {
        match part.trim().to_lowercase().as_str() {
            "pool" | "pool photo" => credit.pool = true,
            "handout" | "handout photo" => credit.handout = true,
            "file photo" | "file" => credit.file_photo = true,
            _ => return false,
        }
        true
    };
    for part in before.split('/').map(str::trim).filter(|p| !p.is_empty()) {
        if flag(part, &mut credit) {
            continue;
        }
        if credit.agency.is_none() && is_agency(part) {
            credit.agency = Some(agency_name(part));
        } else if credit.photographer.is_none() && part.split_whitespace().count() >= 2 {
            credit.photographer = Some(part.to_string());
        } else if credit.agency.is_none() {
            credit.agency = Some(agency_name(part));
        }
    }
    if let Some(after) = after {
        for part in after.split('/').map(str::trim).filter(|p| !p.is_empty()) {
            if flag(part, &mut credit) {
                continue;
            }
            if credit.distributor.is_none() {
                credit.distributor = Some(agency_name(part));
            }
        }
    }
    Some(credit)
}

/// The closing credits line, split by role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Credits {
    pub span: Span,
    pub roles: Vec<CreditRole>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreditRole {
    /// "Reporting", "Additional reporting", "Writing", "Editing", ...
    pub role: String,
    pub span: Span,
    pub people: Vec<Named>,
    pub places: Vec<Named>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Named {
    pub name: String,
    pub span: Span,
}

/// Where a contributors line's names start and end, if `line` is one: "Associated Press
/// writer Zeke Miller in Washington contributed to this report."
pub fn contributors(line: &str) -> Option<(usize, usize)> {
    let t = line.trim_end().trim_end_matches('.');
    // ASCII lowercase keeps every byte offset.
    let lower = t.to_ascii_lowercase();
    let ending = |c: &&&str| lower.strip_suffix(**c).is_some_and(|rest| rest.ends_with(' '));
    let end = CONTRIBUTORS_ENDINGS.entries().iter().find(ending).map(|c| t.len() - c.len() - 1)?;
    // The names start after the last staff word ("Associated Press writers Zeke Miller").
    let names = t[..end]
        .match_indices(' ')
        .filter(|&(k, _)| t[..k].rsplit(' ').next().is_some_and(is_staff_word))
        .map(|(k, _)| k + 1)
        .next_back()
        .unwrap_or(line.len() - line.trim_start().len());
    // "CNN’s Jane Doe": the outlet's possessive is not part of the name.
    let first = line[names..].split_whitespace().next().unwrap_or("");
    let names = if first.ends_with("’s") || first.ends_with("'s") { names + first.len() + 1 } else { names };
    (names < end).then_some((names, end))
}

/// Splits "Reporting by Reuters; Writing by Mark Trevelyan Editing by Andrew Osborn"
/// into roles with their people, and "... by A and B in Moscow, C in Seoul" into
/// people with places.
pub fn parse_credits(text: &str, line: Span) -> Credits {
    let s = line.of(text);
    let lower = s.to_ascii_lowercase();
    // Every role phrase with its position, at word starts, longest first.
    let mut marks: Vec<(usize, usize, &str)> = Vec::new();
    let mut i = 0;
    while i < lower.len() {
        let at_word_start = i == 0 || !lower.as_bytes()[i - 1].is_ascii_alphanumeric();
        if at_word_start {
            if let Some((phrase, role)) = CREDIT_PHRASES.rows().iter().map(|r| (r[0], r[1])).find(|(p, _)| lower[i..].starts_with(p)) {
                marks.push((i, i + phrase.len(), role));
                i += phrase.len();
                continue;
            }
        }
        i += lower[i..].chars().next().map_or(1, char::len_utf8);
    }
    let mut roles = Vec::new();
    if marks.is_empty() {
        if let Some((names, end)) = contributors(s) {
            let body = Span::new(line.start + names, line.start + end);
            let (people, places) = split_names(text, body);
            // The role's span starts at the names: "Associated Press" before them is tagged as prose.
            let span = trim(text, Span::new(body.start, line.end));
            roles.push(CreditRole { role: "Contributing".into(), span, people, places });
        }
    }
    for (k, &(start, end, role)) in marks.iter().enumerate() {
        let stop = marks.get(k + 1).map_or(s.len(), |m| m.0);
        let body = Span::new(line.start + end, line.start + stop);
        let (people, places) = split_names(text, body);
        roles.push(CreditRole {
            role: role.to_string(),
            span: trim(text, Span::new(line.start + start, line.start + stop)),
            people,
            places,
        });
    }
    Credits { span: line, roles }
}

/// "A and B in Moscow, C in Seoul; " → people [A, B, C], places [Moscow, Seoul].
fn split_names(text: &str, body: Span) -> (Vec<Named>, Vec<Named>) {
    let s = body.of(text);
    let mut people = Vec::new();
    let mut places = Vec::new();
    let mut items: Vec<Span> = Vec::new();
    let mut last = 0;
    let seps = |rest: &str| -> Option<usize> { [",", ";", " and ", " & "].iter().find(|sep| rest.starts_with(*sep)).map(|sep| sep.len()) };
    let mut i = 0;
    while i < s.len() {
        if let Some(len) = seps(&s[i..]) {
            items.push(Span::new(body.start + last, body.start + i));
            i += len;
            last = i;
            continue;
        }
        i += s[i..].chars().next().map_or(1, char::len_utf8);
    }
    items.push(Span::new(body.start + last, body.end));
    for item in items {
        let item = trim(text, item);
        let t = item.of(text).trim_end_matches(['.', ';', ',']);
        if t.is_empty() {
            continue;
        }
        let item = Span::new(item.start, item.start + t.len());
        match t.find(" in ") {
            Some(k) => {
                let name = Span::new(item.start, item.start + k);
                let place = Span::new(item.start + k + 4, item.end);
                if !name.is_empty() {
                    people.push(Named { name: name.of(text).to_string(), span: name });
                }
                places.push(Named { name: place.of(text).to_string(), span: place });
            }
            None => people.push(Named { name: t.to_string(), span: item }),
        }
    }
    (people, places)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(s: &str) -> Span {
        Span::new(0, s.len())
    }

    #[test]
    fn seed_photo_credit() {
        let c = "Flags fly, Russia, September 13, 2023. Sputnik/Artem Geodakyan/Pool via REUTERS/File Photo";
        let p = parse_photo_credit(c, whole(c)).unwrap();
        assert_eq!(p.span.of(c), "Sputnik/Artem Geodakyan/Pool via REUTERS/File Photo");
        assert_eq!(p.agency.as_deref(), Some("Sputnik"));
        assert_eq!(p.photographer.as_deref(), Some("Artem Geodakyan"));
        assert!(p.pool && p.file_photo && !p.handout);
        assert_eq!(p.distributor.as_deref(), Some("Reuters"));
    }

    #[test]
    fn other_photo_credit_styles() {
        let c = "Biden speaks. REUTERS/Evelyn Hockstein";
        let p = parse_photo_credit(c, whole(c)).unwrap();
        assert_eq!((p.agency.as_deref(), p.photographer.as_deref()), (Some("Reuters"), Some("Evelyn Hockstein")));
        let c = "Biden speaks in Washington (AP Photo/Evan Vucci)";
        let p = parse_photo_credit(c, whole(c)).unwrap();
        assert_eq!((p.agency.as_deref(), p.photographer.as_deref()), (Some("AP"), Some("Evan Vucci")));
        let c = "KCNA via REUTERS";
        let p = parse_photo_credit(c, whole(c)).unwrap();
        assert_eq!((p.agency.as_deref(), p.distributor.as_deref()), (Some("KCNA"), Some("Reuters")));
        let c = "A quiet street in the old town.";
        assert_eq!(parse_photo_credit(c, whole(c)), None);
    }

    #[test]
    fn seed_credits_line() {
        let c = "Reporting by Reuters; Writing by Mark Trevelyan Editing by Andrew Osborn";
        let cr = parse_credits(c, whole(c));
        let roles: Vec<(&str, Vec<&str>)> =
            cr.roles.iter().map(|r| (r.role.as_str(), r.people.iter().map(|p| p.name.as_str()).collect())).collect();
        assert_eq!(roles, [("Reporting", vec!["Reuters"]), ("Writing", vec!["Mark Trevelyan"]), ("Editing", vec!["Andrew Osborn"])]);
    }

    #[test]
    fn contributors_line() {
        let c = "Associated Press writers Zeke Miller in Washington and Jill Lawless in London contributed to this report.";
        let cr = parse_credits(c, whole(c));
        assert_eq!(cr.roles.len(), 1);
        assert_eq!(cr.roles[0].role, "Contributing");
        let people: Vec<&str> = cr.roles[0].people.iter().map(|p| p.span.of(c)).collect();
        assert_eq!(people, ["Zeke Miller", "Jill Lawless"]);
        let places: Vec<&str> = cr.roles[0].places.iter().map(|p| p.span.of(c)).collect();
        assert_eq!(places, ["Washington", "London"]);
        assert_eq!(contributors("Jane Doe contributed reporting."), Some((0, 8)));
        assert_eq!(contributors("Many factors contributed."), None);
        assert_eq!(contributors("CNN’s Jane Doe contributed to this report."), Some((8, 16)));
    }

    #[test]
    fn credits_with_places() {
        let c = "Reporting by Guy Faulconbridge and Dmitry Antonov in Moscow, Hyonhee Shin in Seoul; Additional reporting by Jane Doe; Editing by Alex Richardson";
        let cr = parse_credits(c, whole(c));
        assert_eq!(cr.roles.len(), 3);
        let people: Vec<&str> = cr.roles[0].people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(people, ["Guy Faulconbridge", "Dmitry Antonov", "Hyonhee Shin"]);
        let places: Vec<&str> = cr.roles[0].places.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(places, ["Moscow", "Seoul"]);
        assert_eq!(cr.roles[1].role, "Additional reporting");
        for r in &cr.roles {
            for p in &r.people {
                assert_eq!(p.span.of(c), p.name);
            }
        }
    }
}
