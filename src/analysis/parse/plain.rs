//! The plain-text reader: a line per block, or the paragraphs of text wrapped by hand (an
//! email, a column copied from a PDF), words broken across lines joined.

use super::raw::{Inline, RawBlock, RawDoc, RawKind};
use crate::analysis::span::Span;

/// Plain text: each line is a block of its own (a paragraph, or a title, byline, timestamp
/// or URL for the classifier), as a web page copied as plain text separates paragraphs by
/// one line break, and blank lines do not matter. Text wrapped by hand (an email, a copy
/// from a PDF: see [`wrap_width`]) instead joins a line to the next exactly when the next
/// line's first word would not have fitted on it, so a sentence broken across lines stays
/// whole and a title or byline keeps its own line; a blank line always ends a paragraph.
/// Text whose lines are mostly longer than [`WRAPPED_LINE_CHARS`] was not wrapped by hand.
pub(crate) fn plain_blocks(input: &str, known_word: Option<fn(&str) -> bool>) -> RawDoc {
    let lines = lines_of(input);
    let (non_empty, long) = lines
        .iter()
        .map(|(_, l)| l.trim())
        .filter(|l| !l.is_empty())
        .fold((0usize, 0usize), |(n, long), l| (n + 1, long + usize::from(l.chars().nth(WRAPPED_LINE_CHARS).is_some())));
    let line_per_paragraph = long * 2 >= non_empty;
    let wrapped_at = if line_per_paragraph { None } else { wrap_width(&lines) };
    let mut doc = RawDoc::default();
    // The paragraph being built, as pieces of the input: one, unless a word broken across
    // lines was joined, which leaves its hyphen and line break out.
    let mut para: Vec<Span> = Vec::new();
    let flush = |para: &mut Vec<Span>, doc: &mut RawDoc| {
        let (Some(first), Some(last)) = (para.first(), para.last()) else { return };
        let source = Span::new(first.start, last.end);
        let inlines =
            para.iter().map(|s| Inline { text: s.of(input).to_string(), source: *s, strong: false, link: None, image: None }).collect();
        doc.blocks.push(RawBlock { kind: RawKind::Paragraph, inlines, source });
        para.clear();
    };
    for (n, &(start, line)) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            flush(&mut para, &mut doc);
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let (s, e) = (start + lead, start + lead + trimmed.len());
        if let Some(width) = wrapped_at {
            match para.last_mut() {
                // After a joined word, the piece this line starts is still empty.
                Some(piece) if piece.end <= s => piece.end = e,
                _ => para.push(Span::new(s, e)),
            }
            let next = lines.get(n + 1);
            let next_word = next.and_then(|(_, l)| l.split_whitespace().next());
            let soft_break = next_word.is_some_and(|w| line.trim_end().chars().count() + 1 + w.chars().count() > width);
            if !soft_break {
                flush(&mut para, &mut doc);
            } else if let (Some(known), Some(&(next_start, next_line))) = (known_word, next) {
                if let Some(head_start) = broken_word(trimmed, next_line, known) {
                    // The piece ends before the hyphen; the next line starts a new one.
                    if let Some(piece) = para.last_mut() {
                        piece.end = e - 1;
                    }
                    let next_lead = next_line.len() - next_line.trim_start().len();
                    para.push(Span::new(next_start + next_lead, next_start + next_lead));
                    let tail_end = next_line.trim_start().find(|c: char| !c.is_alphabetic()).unwrap_or(next_line.trim().len());
                    doc.joined_words.push(Span::new(s + head_start, next_start + next_lead + tail_end));
                }
            }
            continue;
        }
        // Not wrapped by hand: a line is a paragraph, or a title, byline or timestamp.
        flush(&mut para, &mut doc);
        para.push(Span::new(s, e));
        flush(&mut para, &mut doc);
    }
    flush(&mut para, &mut doc);
    doc
}

/// Where the word starts in `line` when `line` ends with a word hyphenated before the line
/// break and `next` goes on with the rest of it ("...a new border arrange-" / "ment, Home"),
/// in type set by a program. The hyphen is a compound's, and stays, when the part after it is
/// a word and the whole is not ("well-" / "known", "self-" / "driving"). A part after it that
/// is no word ("ment", "skiy") is a syllable, and is joined even when the whole is unknown (a
/// name: "Zelen-" / "skiy"). A hyphen after a space is a dash ("the plan -" / "which").
fn broken_word(line: &str, next: &str, known: fn(&str) -> bool) -> Option<usize> {
    let before = line.strip_suffix('-')?;
    let head_start = before.char_indices().rev().take_while(|(_, c)| c.is_alphabetic()).last()?.0;
    let head = &before[head_start..];
    let next = next.trim_start();
    let tail = &next[..next.find(|c: char| !c.is_alphabetic()).unwrap_or(next.len())];
    if head.chars().count() < 2 || tail.is_empty() || !tail.chars().all(char::is_lowercase) {
        return None;
    }
    (!known(tail) || known(&format!("{head}{tail}"))).then_some(head_start)
}

/// A line longer than this many characters was not wrapped by hand (text is wrapped at
/// 72 to 80 columns).
const WRAPPED_LINE_CHARS: usize = 100;

/// The width text was wrapped at by hand, if it was: the longest line up to
/// [`WRAPPED_LINE_CHARS`] characters, when at least three lines, and two in five of all,
/// come within [`WRAP_SLACK`] of it, and at least two lines, and one in five, start with a
/// lowercase letter (a sentence going on from the line before). A wrapped paragraph's
/// lines all end near the width; a list of headlines, names or records may too, but its
/// lines start with capitals, digits or quotes. One-line paragraphs of similar length are
/// kept apart by blank lines anyway.
fn wrap_width(lines: &[(usize, &str)]) -> Option<usize> {
    let lines: Vec<&str> = lines.iter().map(|(_, l)| l.trim_end()).filter(|l| !l.trim_start().is_empty()).collect();
    let widths: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
    let width = widths.iter().copied().filter(|&w| w <= WRAPPED_LINE_CHARS).max()?;
    let near = widths.iter().filter(|&&w| w <= width && w + WRAP_SLACK >= width).count();
    let going_on = lines.iter().filter(|l| l.trim_start().starts_with(char::is_lowercase)).count();
    let wrapped = width >= MIN_WRAP_WIDTH && near >= 3 && near * 5 >= lines.len() * 2 && going_on >= 2 && going_on * 5 >= lines.len();
    wrapped.then_some(width)
}

/// How far short of the width a wrapped line may end: a line breaks before a word that
/// does not fit, and English words with their space are rarely longer than this.
const WRAP_SLACK: usize = 15;

/// Narrower lines are a list or verse, not text wrapped to a page.
const MIN_WRAP_WIDTH: usize = 40;

/// The lines of `input` with their offsets, each with its line end: a line feed, a carriage
/// return and line feed, or a carriage return alone (the line end of old Mac files, which
/// would otherwise make a whole file one line).
fn lines_of(input: &str) -> Vec<(usize, &str)> {
    let bytes = input.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let end = match b {
            b'\n' => true,
            b'\r' => bytes.get(i + 1) != Some(&b'\n'),
            _ => false,
        };
        if end {
            lines.push((start, &input[start..=i]));
            start = i + 1;
        }
    }
    if start < input.len() {
        lines.push((start, &input[start..]));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::broken_word;

    #[test]
    fn a_word_broken_across_lines_is_joined_unless_a_compound_or_a_dash() {
        let known = |w: &str| ["government", "decision", "well", "known", "self", "driving"].contains(&w.to_lowercase().as_str());
        let at = |line: &str, next: &str| broken_word(line, next, known);
        assert_eq!(at("the new govern-", "ment said"), Some(8), "the whole is a word");
        assert_eq!(at("President Zelen-", "skiy, who"), Some(10), "the part after is no word: a syllable");
        assert_eq!(at("the well-", "known plan"), None, "a compound");
        assert_eq!(at("a self-", "driving car"), None, "a compound");
        assert_eq!(at("the plan -", "which failed"), None, "a dash");
        assert_eq!(at("Jean-", "Claude said"), None, "a capital goes on a name");
        assert_eq!(at("2019-", "2020"), None);
        assert_eq!(at("a-", "b"), None, "one letter is not a word's head");
    }
}
