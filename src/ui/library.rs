//! The library's articles ([`Entry`]), and the user's as stored in the browser: a versioned
//! JSON document. Pure (no browser calls), so reading damaged or foreign data is tested natively.

use serde::{Deserialize, Serialize};
use std::rc::Rc;

/// The key under which the library lives in `localStorage`.
pub const STORAGE_KEY: &str = "lede.library";
/// Where an unreadable library is moved before anything overwrites it.
pub const BACKUP_KEY: &str = "lede.library.unreadable";
/// The format this build writes. Version 1: `{version, counter, draft, articles: [{id, name, text}]}`.
pub const FORMAT_VERSION: u32 = 1;

/// One article in the library.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: String,
    pub name: String,
    pub text: Rc<str>,
    pub bundled: bool,
}

/// A name for an article: its first non-empty line without Markdown marks, shortened.
pub fn name_of(text: &str) -> String {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("Untitled");
    // A saved web page is named by its <title> (looked for in its first 64 KB; the page's
    // bundle has no HTML parser), not by "<!DOCTYPE html>".
    let line = if line.trim_start_matches('\u{feff}').starts_with('<') { page_title(text).unwrap_or("Web page") } else { line };
    let line = line.trim_start_matches('#').trim().trim_matches('*').trim();
    let mut name: String = line.chars().take(80).collect();
    if line.chars().count() > 80 {
        name.push('…');
    }
    if name.is_empty() {
        "Untitled".into()
    } else {
        name
    }
}

/// The name of an article's export: its date (when the article gives one) and its title in
/// lowercase words joined by hyphens, at most 60 characters ("2023-10-26-kim-jong-un-meets-putin");
/// `fallback` when neither gives a letter or digit.
pub fn export_stem(title: Option<&str>, date: Option<&str>, fallback: &str) -> String {
    let mut slug = String::new();
    for word in title.unwrap_or("").split(|c: char| !in_file_name(c)).filter(|w| !w.is_empty()) {
        if slug.chars().count() + word.chars().count() > 60 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        // ASCII letters lowercased; other scripts' letters as written (Unicode's case tables
        // would add kilobytes to the page for a file name).
        slug.push_str(&word.to_ascii_lowercase());
    }
    let date = date.map(|d| d.get(..10).unwrap_or(d)).filter(|d| d.bytes().all(|b| b.is_ascii_digit() || b == b'-'));
    match (date.filter(|d| !d.is_empty()), slug.is_empty()) {
        (Some(d), false) => format!("{d}-{slug}"),
        (Some(d), true) => d.to_string(),
        (None, false) => slug,
        (None, true) => fallback.to_string(),
    }
}

/// Whether `c` is kept in an export's name: ASCII letters and digits, and letters of other
/// scripts, told from punctuation and symbols by their blocks (Unicode's letter tables would add
/// kilobytes to the page for a file name).
fn in_file_name(c: char) -> bool {
    const MARKS: [std::ops::RangeInclusive<char>; 4] =
        ['\u{2000}'..='\u{2BFF}', '\u{3000}'..='\u{303F}', '\u{FE10}'..='\u{FE6F}', '\u{FF00}'..='\u{FF20}'];
    c.is_ascii_alphanumeric() || (c >= 'À' && c != '×' && c != '÷' && !MARKS.iter().any(|r| r.contains(&c)))
}

/// The text of a page's `<title>`, if its first 64 KB have one.
fn page_title(html: &str) -> Option<&str> {
    let head = &html[..html.floor_char_boundary(64 << 10)];
    let lower = head.to_ascii_lowercase();
    let open = lower.find("<title")?;
    let start = open + lower[open..].find('>')? + 1;
    let end = start + lower[start..].find("</title")?;
    Some(head[start..end].trim()).filter(|t| !t.is_empty())
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredArticle {
    pub id: String,
    pub name: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stored {
    pub version: u32,
    pub counter: usize,
    pub draft: Option<String>,
    pub articles: Vec<StoredArticle>,
}

/// What a stored library yields: the user's entries, the draft, the id counter,
/// and a message for each thing that could not be read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Restored {
    pub entries: Vec<Entry>,
    pub draft: Option<String>,
    pub counter: usize,
    pub problems: Vec<String>,
    /// True when the stored text could not be read at all (it should be backed up, not overwritten).
    pub unreadable: bool,
}

/// The stored form of the user's (not bundled) entries and the draft.
pub fn encode(entries: &[Entry], draft: Option<&str>, counter: usize) -> String {
    let stored = Stored {
        version: FORMAT_VERSION,
        counter,
        draft: draft.map(str::to_string),
        articles: entries
            .iter()
            .filter(|e| !e.bundled)
            .map(|e| StoredArticle { id: e.id.clone(), name: e.name.clone(), text: e.text.to_string() })
            .collect(),
    };
    serde_json::to_string(&stored).unwrap_or_default()
}

/// Reads a stored library. Entries that are damaged are skipped with a message;
/// the others load.
pub fn decode(json: &str) -> Restored {
    let mut out = Restored::default();
    let value: serde_json::Value = match serde_json::from_str(json) {
        Ok(v) => v,
        Err(e) => {
            out.problems.push(format!("Your saved articles could not be read ({e}); a copy was kept under \"{BACKUP_KEY}\"."));
            out.unreadable = true;
            return out;
        }
    };
    let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
    if version != u64::from(FORMAT_VERSION) {
        out.problems.push(format!(
            "Your saved articles are in format {version}, which this version of lede does not read; a copy was kept under \"{BACKUP_KEY}\"."
        ));
        out.unreadable = true;
        return out;
    }
    out.counter = value.get("counter").and_then(|v| v.as_u64()).unwrap_or(0) as usize;
    out.draft = value.get("draft").and_then(|v| v.as_str()).map(str::to_string);
    let articles = value.get("articles").and_then(|v| v.as_array()).cloned().unwrap_or_default();
    for (i, a) in articles.into_iter().enumerate() {
        match serde_json::from_value::<StoredArticle>(a) {
            Ok(a) => {
                let name = if a.name.trim().is_empty() { name_of(&a.text) } else { a.name };
                out.entries.push(Entry { id: a.id, name, text: Rc::from(a.text), bundled: false });
            }
            Err(e) => out.problems.push(format!("Saved article {} is damaged and was skipped ({e}).", i + 1)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, text: &str) -> Entry {
        Entry { id: id.into(), name: name_of(text), text: Rc::from(text), bundled: false }
    }

    #[test]
    fn an_export_is_named_by_the_articles_date_and_title() {
        let stem = |t, d| export_stem(t, d, "user-3");
        assert_eq!(
            stem(Some("Russia says it will build close ties with North Korea 'in all areas'"), Some("2023-10-26T10:15:00+01:00")),
            "2023-10-26-russia-says-it-will-build-close-ties-with-north-korea-in-all"
        );
        assert_eq!(stem(Some("Élan: 3 D.C. tips?"), None), "Élan-3-d-c-tips");
        assert_eq!(stem(None, Some("2023-10-26")), "2023-10-26");
        assert_eq!(stem(Some("“—”"), Some("../../etc")), "user-3", "no letters, and a date that is not one");
        assert_eq!(stem(Some(&"x".repeat(200)), None), "user-3", "one word longer than a name");
    }

    #[test]
    fn a_saved_page_is_named_by_its_title() {
        assert_eq!(name_of("<!DOCTYPE html><html><head><TITLE> Talks resume | News </TITLE>"), "Talks resume | News");
        assert_eq!(name_of("\u{feff}<html><body><p>No title"), "Web page");
        assert_eq!(name_of("# Headline\n\nText"), "Headline");
    }

    #[test]
    fn round_trip_keeps_user_articles_and_draft_not_seeds() {
        let seed = Entry { id: "seed".into(), name: "Seed".into(), text: Rc::from("x"), bundled: true };
        let json = encode(&[seed, entry("user-1", "My title\n\nBody €")], Some("draft ✍"), 1);
        let r = decode(&json);
        assert_eq!(r.entries, [entry("user-1", "My title\n\nBody €")]);
        assert_eq!(r.draft.as_deref(), Some("draft ✍"));
        assert_eq!(r.counter, 1);
        assert!(r.problems.is_empty() && !r.unreadable);
    }

    #[test]
    fn a_damaged_entry_is_skipped_and_the_others_load() {
        let json = r#"{"version":1,"counter":3,"draft":null,"articles":[{"id":"user-1","name":"A","text":"a"},{"id":7},{"id":"user-3","name":"","text":"Third\n\nx"}]}"#;
        let r = decode(json);
        assert_eq!(r.entries.len(), 2);
        assert_eq!(r.entries[1].name, "Third", "a missing name is derived from the text");
        assert_eq!(r.problems.len(), 1);
        assert!(r.problems[0].contains("Saved article 2"));
    }

    #[test]
    fn garbage_or_a_future_format_is_kept_not_overwritten() {
        for json in ["{not json", r#"{"version":99,"articles":[]}"#, ""] {
            let r = decode(json);
            assert!(r.unreadable, "{json}");
            assert!(r.problems[0].contains(BACKUP_KEY));
        }
    }
}
