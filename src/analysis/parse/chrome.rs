//! What a news page adds around its story when it is copied as text: its buttons
//! ("Share", "Listen to this article"), the labels of its captions ("Image caption,"
//! "Image source, Getty Images"), a byline as a name over a role ("Osmond Chia" /
//! "Business reporter, BBC News") and the links after the story ("Related topics"). The
//! article parser uses these to keep them out of the story's text, or to file them as
//! metadata. Each test reads one whole line.

use crate::analysis::lists::{CAPTION_LABELS, CONTROLS, CONTROL_OPENINGS, DESK_WORDS, END_MARKERS, STAFF_WORDS};
use crate::analysis::util::timestamp::parse_timestamp;

/// Whether `line` is one of a page's controls (`lists/controls.txt`, `lists/control_openings.txt`), in any case, with or without a
/// final colon or an icon's count ("share2"), or a separator ("___", "* * *"); or, under 40 characters with a digit, an update time that is no timestamp
/// ("Updated 4:45 p.m. ET", "Published 3 hours ago").
pub fn is_control(line: &str) -> bool {
    let l = line.trim().trim_end_matches(':').trim_end();
    let starts = |p: &str| l.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    // An icon's label keeps its count: "share2".
    let word = l.trim_end_matches(|c: char| c.is_ascii_digit());
    // A separator: "___", "* * *", "—".
    let separator = !l.is_empty() && l.chars().all(|c| matches!(c, '-' | '_' | '*' | '=' | '~' | '•' | '·' | '—' | '–' | ' '));
    separator
        || l.len() <= 24 && CONTROLS.entries().iter().any(|c| c.eq_ignore_ascii_case(word))
        || l.len() <= 60 && CONTROL_OPENINGS.entries().iter().any(|p| starts(p))
        || l.len() < 40
            && ["updated ", "published ", "last updated "].iter().any(|p| starts(p))
            && l.contains(|c: char| c.is_ascii_digit())
            && parse_timestamp(l).is_none()
        || is_email_header(l)
}

/// The lines a forwarded or replied email puts before the text it quotes: "---------- Forwarded
/// message ---------", "-----Original Message-----", "Begin forwarded message:", a reply's
/// "On Thu, Oct 26, 2023 at 10:15 AM Jane Doe <jane@example.com> wrote:", and the header
/// fields ("From: Jane Doe <jane@example.com>", "Subject: ...").
pub fn is_email_header(l: &str) -> bool {
    let bare = l.trim_matches(|c: char| c == '-' || c == ' ').to_ascii_lowercase();
    if ["forwarded message", "original message", "begin forwarded message"].contains(&bare.as_str()) {
        return true;
    }
    // With an address: an article's "On Tuesday, Musk wrote:" is not one.
    if l.len() <= 200 && l.starts_with("On ") && l.ends_with(" wrote:") && l.contains('@') {
        return true;
    }
    const FIELDS: [&str; 8] = ["From:", "To:", "Cc:", "Bcc:", "Sent:", "Date:", "Subject:", "Reply-To:"];
    l.len() <= 200 && FIELDS.iter().any(|f| l.strip_prefix(f).is_some_and(|rest| rest.starts_with(' ') && !rest.trim().is_empty()))
}

/// Whether `line` is a heading of other stories (`lists/end_markers.txt`): the story ends before it.
pub fn is_end_marker(line: &str) -> bool {
    let l = line.trim().trim_end_matches(':').trim_end();
    l.len() <= 24 && END_MARKERS.entries().iter().any(|c| c.eq_ignore_ascii_case(l))
}

/// What a labelled caption line holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaptionPart {
    /// "Image caption, Nvidia boss Jensen Huang ..."
    Caption,
    /// "Image source, Getty Images", "Photo: Reuters"
    Credit,
}

/// A caption line's label ("Image caption, ", "Photo: "): what it holds and its length in
/// bytes, separator and spaces included. The label needs its comma or colon, and text after it.
pub fn caption_label(line: &str) -> Option<(CaptionPart, usize)> {
    if let Some(len) = gallery_item(line) {
        return Some((CaptionPart::Caption, len));
    }
    let row = CAPTION_LABELS.rows().iter().find(|cols| line.get(..cols[0].len()).is_some_and(|h| h.eq_ignore_ascii_case(cols[0])))?;
    let (label, part) = (row[0], if row.get(1) == Some(&"credit") { CaptionPart::Credit } else { CaptionPart::Caption });
    let rest = &line[label.len()..];
    let after = rest.strip_prefix([',', ':'])?;
    let text = after.trim_start();
    (!text.is_empty()).then_some((part, line.len() - text.len()))
}

/// A caption with its photo credit run on, as The New York Times prints it: "Jerome H. Powell
/// at a news conference.Credit...Kenny Holston/The New York Times". Returns where the caption
/// ends and where the credit starts.
pub fn run_on_credit(line: &str) -> Option<(usize, usize)> {
    // A caption is short; a paragraph is not searched.
    if line.len() > MAX_CAPTION_BYTES {
        return None;
    }
    let at = line.find("Credit...").or_else(|| line.find("Credit:"))?;
    let credit = at + line[at..].find(['.', ':'])?;
    let start = credit + line[credit..].find(|c: char| !matches!(c, '.' | ':' | ' '))?;
    (at > 0).then_some((at, start))
}

/// The length of a gallery's "Item 1 of 2 " before a caption, as Reuters prints it.
fn gallery_item(line: &str) -> Option<usize> {
    let rest = line.strip_prefix("Item ")?;
    let (n, rest) = rest.split_once(" of ")?;
    let m = rest.split(' ').next()?;
    let numbers = |s: &str| !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit());
    let len = "Item ".len() + n.len() + " of ".len() + m.len();
    (numbers(n) && numbers(m) && line.len() > len + 1).then(|| len + line[len..].len() - line[len..].trim_start().len())
}

/// Captions longer than this are paragraphs.
const MAX_CAPTION_BYTES: usize = 600;

/// Whether `word` (in any case, singular or plural, with a comma after it or not) names a
/// reporter's job: "reporter", "Correspondents", "editor,".
pub fn is_staff_word(word: &str) -> bool {
    let w = word.trim_end_matches(',').to_ascii_lowercase();
    STAFF_WORDS.contains(w.strip_suffix('s').unwrap_or(&w))
}

/// Whether `line` is a reporter's role under a byline's name ("Business reporter, BBC News",
/// "Technology editor"), with the outlet after its last comma when it names one.
pub fn staff_role(line: &str) -> Option<Option<&str>> {
    let line = line.trim();
    if line.len() > 80 || line.ends_with(['.', '!', '?']) {
        return None;
    }
    let lower = line.to_ascii_lowercase();
    let (role, outlet) = match line.rsplit_once(", ") {
        Some((r, o)) => (&lower[..r.len()], Some(o.trim())),
        None => (lower.as_str(), None),
    };
    let is_role = role.split_whitespace().count() <= 4 && role.split_whitespace().any(is_staff_word);
    let outlet = outlet.filter(|o| o.split_whitespace().count() <= 4 && o.starts_with(|c: char| c.is_uppercase()));
    is_role.then_some(outlet)
}

/// Whether `line` could be a person's name on its own: two to four words, each capitalised
/// (or a particle such as "de" or "van"), no digits, no final punctuation.
pub fn looks_like_name(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && line.len() <= 40
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase()) && w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
                || matches!(*w, "de" | "van" | "von" | "der" | "da" | "di" | "al" | "bin" | "la" | "le")
        })
}

/// A byline with the reporter's role on the same line, after the name: "Peter Walker Senior
/// political correspondent" → "Peter Walker", "By Laura Kuenssberg, Political editor" →
/// "Laura Kuenssberg". The name is two to four capitalised words, the
/// role a few words holding a staff word ("reporter", "editor"...).
pub fn name_before_role(line: &str) -> Option<&str> {
    let line = line.trim();
    let line = line.get(..3).filter(|h| h.eq_ignore_ascii_case("by ")).map_or(line, |_| line[3..].trim_start());
    if line.len() > 80 || line.ends_with(['.', '!', '?']) {
        return None;
    }
    let words: Vec<(usize, &str)> = line.split_whitespace().map(|w| (w.as_ptr() as usize - line.as_ptr() as usize, w)).collect();
    let opens = |w: &str| {
        let l = w.to_ascii_lowercase();
        DESK_WORDS.contains(&l) || is_staff_word(w)
    };
    let at = (2..words.len().min(5)).find(|&k| opens(words[k].1))?;
    let role = &line[words[at].0..].to_ascii_lowercase();
    let is_role = words.len() - at <= 5 && role.split_whitespace().any(is_staff_word);
    let name = line[..words[at].0].trim_end().trim_end_matches(',');
    (is_role && looks_like_name(name)).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_end_markers_are_whole_lines() {
        for line in ["Share", "SAVE", "Listen to this article", "Published", "Last updated:", " Advertisement "] {
            assert!(is_control(line), "{line}");
        }
        for line in
            ["Listen to this article · 5:12 min Learn more", "Updated 4:45 p.m. ET", "Published 3 hours ago", "share2", "___", "* * *"]
        {
            assert!(is_control(line), "{line}");
        }
        for line in [
            "Share prices fell",
            "Published on Friday, the report said",
            "Saved",
            "Updated figures came out on Friday, 3 days late",
            "Updated Oct. 26, 2023",
        ] {
            assert!(!is_control(line), "{line}");
        }
        assert!(is_end_marker("Related topics") && is_end_marker("More on this story") && !is_end_marker("Related to the talks, he said"));
    }

    #[test]
    fn caption_labels() {
        assert_eq!(caption_label("Image caption, Nvidia boss Jensen Huang"), Some((CaptionPart::Caption, 15)));
        assert_eq!(caption_label("Image source, Getty Images"), Some((CaptionPart::Credit, 14)));
        assert_eq!(caption_label("Photo: Reuters"), Some((CaptionPart::Credit, 7)));
        // A word that starts a sentence is no label.
        assert_eq!(caption_label("Photographers gathered outside."), None);
        assert_eq!(caption_label("Photo opportunities were rare."), None);
        assert_eq!(caption_label("Caption:"), None);
        assert_eq!(caption_label("Item 1 of 2 Cars are parked at a port. REUTERS/Yves Herman"), Some((CaptionPart::Caption, 12)));
        assert_eq!(caption_label("Item 3 on the agenda was the budget."), None);
    }

    #[test]
    fn a_credit_run_on_to_its_caption() {
        let line = "Jerome H. Powell at a news conference.Credit...Kenny Holston/The New York Times";
        let (end, start) = run_on_credit(line).unwrap();
        assert_eq!((&line[..end], &line[start..]), ("Jerome H. Powell at a news conference.", "Kenny Holston/The New York Times"));
        assert_eq!(run_on_credit("Credit card debt rose."), None);
    }

    #[test]
    fn bylines_as_a_name_over_a_role() {
        assert!(looks_like_name("Osmond Chia") && looks_like_name("Ursula von der Leyen"));
        assert!(!looks_like_name("Share") && !looks_like_name("29 October 2025") && !looks_like_name("The talks ended."));
        assert_eq!(staff_role("Business reporter, BBC News"), Some(Some("BBC News")));
        assert_eq!(staff_role("Technology editor"), Some(None));
        assert_eq!(staff_role("Political correspondents"), Some(None));
        assert_eq!(staff_role("The reporter asked the minister about the budget."), None);
        assert_eq!(staff_role("Chip giant Nvidia"), None);
        assert_eq!(name_before_role("Peter Walker Senior political correspondent"), Some("Peter Walker"));
        assert_eq!(name_before_role("Jane Doe, Economics editor"), Some("Jane Doe"));
        assert_eq!(name_before_role("By Laura Kuenssberg, Political editor"), Some("Laura Kuenssberg"));
        assert_eq!(name_before_role("By Jane Doe and John Roe"), None);
        assert_eq!(name_before_role("Prime minister expected to set out plans"), None);
        assert_eq!(name_before_role("Peter Walker"), None);
    }
}
