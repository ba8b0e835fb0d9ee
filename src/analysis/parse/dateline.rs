//! Wire datelines at the start of a story: "MOSCOW, Oct 26 (Reuters) -".

use super::article::Dateline;
use crate::analysis::span::Span;

/// A paragraph of more words than this before a dateline is the story itself.
pub(crate) const MAX_STRAY_LINE_WORDS: usize = 12;

/// Finds a wire-style dateline at the start of the first body paragraph:
/// "MOSCOW, Oct 26 (Reuters) -", "WASHINGTON (AP) —", "LONDON, Oct 26 -".
pub(crate) fn find_dateline(text: &str, para: Span) -> Option<Dateline> {
    let s = para.of(text);
    let head: &str = &s[..s.char_indices().nth(120).map_or(s.len(), |(i, _)| i)];
    // The dash, or a line that ends with one ("Siesta Key, Florida CNN —" over the story).
    let ends_with_dash =
        [" -", " —", " –", " --"].iter().find(|d| head.len() == s.len() && head.ends_with(*d)).map(|d| (head.len() - d.len(), d.len() + 1));
    let dash = [" - ", " — ", " – ", " -- "].iter().filter_map(|d| head.find(d).map(|i| (i, d.len()))).min().or(ends_with_dash)?;
    let before = &head[..dash.0];
    let (lead, agency) = match (before.rfind('('), before.ends_with(')')) {
        (Some(open), true) => (before[..open].trim_end(), Some(before[open + 1..before.len() - 1].trim().to_string())),
        // CNN's own: "Siesta Key, Florida CNN —", the place as written.
        _ if before.ends_with(" CNN") => (&before[..before.len() - 4], Some("CNN".to_string())),
        _ => (before, None),
    };
    let as_written = agency.as_deref() == Some("CNN") && !before.ends_with(')');
    let (place, date) = match lead.split_once(',') {
        // After CNN's place its state or country, not a date.
        _ if as_written => (lead.trim(), None),
        Some((p, d)) => (p.trim(), Some(d.trim().to_string()).filter(|d| !d.is_empty())),
        None => (lead.trim(), None),
    };
    // The place is in capitals: "MOSCOW", "NEW YORK", "ST. PETERSBURG" (CNN's as written).
    let letters: Vec<char> = place.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 2 || letters.iter().any(|c| c.is_lowercase()) && !as_written || place.split_whitespace().count() > 4 {
        return None;
    }
    if date.as_deref().is_some_and(|d| d.split_whitespace().count() > 4) {
        return None;
    }
    Some(Dateline { span: Span::new(para.start, para.start + dash.0 + dash.1 - 1), place: place.to_string(), date, agency })
}
