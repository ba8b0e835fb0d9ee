//! Sentences and tokens, as spans into the analysis text.
//!
//! Words come from Unicode word segmentation (UAX #29, via unicode-segmentation).
//! Sentences are cut by rule at `.`, `!` and `?` (with closing quotes and brackets)
//! followed by space and a capital, digit or opening quote, except after
//! abbreviations ("U.S.", "Oct.", "Mr.") and initials ("Mark J. Smith").

use crate::analysis::lists::ABBREVIATIONS;
use crate::analysis::span::Span;
use std::borrow::Cow;
use unicode_segmentation::UnicodeSegmentation;

/// Tokens of `text[range]`: words, numbers and punctuation marks, no whitespace.
/// Abbreviations keep their periods ("U.S.", "Oct."); hyphenated words split at
/// the hyphen ("20-month" is three tokens), as UAX #29 does and CoNLL-style taggers expect.
pub fn tokens(text: &str, range: Span) -> Vec<Span> {
    let slice = range.of(text);
    let mut out: Vec<Span> = Vec::new();
    let mut iter = word_bounds(slice).peekable();
    while let Some((i, w)) = iter.next() {
        if w.trim().is_empty() {
            continue;
        }
        let mut span = Span::new(range.start + i, range.start + i + w.len());
        // Join abbreviations with periods ("U.S.", "Oct.", "Jr.") into one token when the
        // period closes a known abbreviation or follows a single letter.
        if let Some(&(_, ".")) = iter.peek() {
            let word = span.of(text);
            if is_abbreviation(word) {
                iter.next();
                span.end += 1;
                // "U.S." : U . S . -> keep joining letter-period pairs.
                loop {
                    let mut look = iter.clone();
                    match (look.next(), look.next()) {
                        (Some((_, l)), Some((_, "."))) if l.chars().count() == 1 && l.chars().all(char::is_alphabetic) => {
                            iter.next();
                            iter.next();
                            span.end += l.len() + 1;
                        }
                        _ => break,
                    }
                }
            }
        }
        out.push(span);
    }
    out
}

/// The UAX #29 word-boundary segments of `text`, exactly as unicode-segmentation's
/// `split_word_bound_indices` gives them (a property test holds the two together), but
/// with ASCII text segmented here: the crate's table lookups were a twentieth of the whole
/// analysis of 1 MB. The text is cut where ASCII whitespace is followed by another ASCII
/// character that is not whitespace, always a boundary (no rule joins across it: WB3d
/// joins spaces only with spaces, WB4 needs an Extend or Format character after). Each
/// piece that is all ASCII is segmented by `ascii_bound`, any other by the crate.
pub fn word_bounds(text: &str) -> WordBounds<'_> {
    WordBounds { text, next_piece: 0, piece: Piece::Done }
}

/// The iterator of [`word_bounds`]: (byte offset, segment), lazily, piece by piece.
#[derive(Clone)]
pub struct WordBounds<'a> {
    text: &'a str,
    /// Where the piece after the current one starts.
    next_piece: usize,
    piece: Piece<'a>,
}

#[derive(Clone)]
enum Piece<'a> {
    /// An ASCII piece `text[at..end]` still to segment.
    Ascii {
        at: usize,
        end: usize,
    },
    Unicode {
        base: usize,
        inner: unicode_segmentation::UWordBoundIndices<'a>,
    },
    Done,
}

impl<'a> Iterator for WordBounds<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        loop {
            match &mut self.piece {
                Piece::Ascii { at, end } if *at < *end => {
                    let start = *at;
                    *at = ascii_bound(&self.text.as_bytes()[..*end], start);
                    return Some((start, &self.text[start..*at]));
                }
                Piece::Unicode { base, inner } => {
                    if let Some((k, w)) = inner.next() {
                        return Some((*base + k, w));
                    }
                    self.piece = Piece::Done;
                }
                _ => {
                    let start = self.next_piece;
                    let bytes = self.text.as_bytes();
                    if start >= bytes.len() {
                        return None;
                    }
                    let mut end = start + 1;
                    let mut ascii = bytes[start].is_ascii();
                    while end < bytes.len() && !(is_ascii_space(bytes[end - 1]) && bytes[end].is_ascii() && !is_ascii_space(bytes[end])) {
                        ascii &= bytes[end].is_ascii();
                        end += 1;
                    }
                    self.next_piece = end;
                    self.piece = if ascii {
                        Piece::Ascii { at: start, end }
                    } else {
                        Piece::Unicode { base: start, inner: self.text[start..end].split_word_bound_indices() }
                    };
                }
            }
        }
    }
}

/// ASCII whitespace as UAX #29 sees it: WSegSpace, CR, LF, Newline and the tab (Other).
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// The word-break property of an ASCII character (UAX #29, table 3). Single_Quote counts
/// as MidNumLet, as the rules treat them alike outside Hebrew.
#[derive(Clone, Copy, PartialEq, Eq)]
enum WordBreak {
    Letter,
    Numeric,
    MidLetter,
    MidNumLet,
    MidNum,
    ExtendNumLet,
    Space,
    Cr,
    Lf,
    Newline,
    Other,
}

fn ascii_word_break(b: u8) -> WordBreak {
    use WordBreak::*;
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => Letter,
        b'0'..=b'9' => Numeric,
        b':' => MidLetter,
        b'.' | b'\'' => MidNumLet,
        b',' | b';' => MidNum,
        b'_' => ExtendNumLet,
        b' ' => Space,
        b'\r' => Cr,
        b'\n' => Lf,
        0x0b | 0x0c => Newline,
        _ => Other,
    }
}

/// The end of the word-boundary segment of the ASCII `b` that starts at `start`: the
/// rules of UAX #29 that ASCII characters can meet (WB3 to WB3d, WB5 to WB13b). `b` ends
/// where its piece ends (at a boundary), so lookahead stops there.
fn ascii_bound(b: &[u8], start: usize) -> usize {
    use WordBreak::*;
    let at = |i: usize| b.get(i).map(|&c| ascii_word_break(c));
    let mut i = start + 1;
    while i < b.len() {
        let joined = match (ascii_word_break(b[i - 1]), ascii_word_break(b[i])) {
            (Cr, Lf) => true,
            (Cr | Lf | Newline, _) | (_, Cr | Lf | Newline) => false,
            (Space, Space) => true,
            (Letter | Numeric, Letter | Numeric) => true,
            (Letter, MidLetter | MidNumLet) => at(i + 1) == Some(Letter),
            (MidLetter | MidNumLet, Letter) => i >= start + 2 && at(i - 2) == Some(Letter),
            (Numeric, MidNum | MidNumLet) => at(i + 1) == Some(Numeric),
            (MidNum | MidNumLet, Numeric) => i >= start + 2 && at(i - 2) == Some(Numeric),
            (Letter | Numeric | ExtendNumLet, ExtendNumLet) | (ExtendNumLet, Letter | Numeric) => true,
            _ => false,
        };
        if !joined {
            break;
        }
        i += 1;
    }
    i
}

/// Appends `word` in lowercase to `out`: byte by byte for ASCII (most words; no allocation),
/// else through `str::to_lowercase`, whose context rules (a word-final sigma) the tagger's
/// features were trained with.
pub fn push_lowercase(word: &str, out: &mut String) {
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.push_str(&word.to_lowercase());
    }
}

/// Appends `words` in lowercase, joined by single spaces, to `out` (what `join(" ")` then
/// `to_lowercase()` give: lowercasing never crosses a space). Names are keyed this way.
pub fn push_lowercase_words<S: AsRef<str>>(words: impl IntoIterator<Item = S>, out: &mut String) {
    for (k, w) in words.into_iter().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        push_lowercase(w.as_ref(), out);
    }
}

/// `word` in lowercase, borrowed when it has no capital (most words): no copy to make.
pub fn lowercase(word: &str) -> Cow<'_, str> {
    if word.is_ascii() && !word.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// Whether `word` followed by a period is an abbreviation (or an initial) rather
/// than the end of a sentence.
pub fn is_abbreviation(word: &str) -> bool {
    let single_letter = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
    single_letter
        || ABBREVIATIONS.entries().iter().any(|a| {
            a.eq_ignore_ascii_case(word) && (a.starts_with(char::is_uppercase) == word.starts_with(char::is_uppercase) || a.contains('.'))
        })
}

/// Abbreviations that end a sentence as readily as they sit inside one.
fn may_end_sentence(word: &str) -> bool {
    matches!(word, "etc" | "Inc" | "Corp" | "Co" | "Ltd" | "Jr" | "Sr")
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '’' | '”' | ')' | ']' | '»')
}

/// The closing quotes and brackets of Chinese and Japanese text.
fn is_cjk_closer(c: char) -> bool {
    matches!(c, '」' | '』' | '）' | '】' | '〕' | '》' | '〉')
}

/// Sentences of `text[range]`, trimmed of surrounding whitespace.
pub fn sentences(text: &str, range: Span) -> Vec<Span> {
    let slice = range.of(text);
    let mut out = Vec::new();
    let mut start = 0;
    // Byte positions, characters decoded where read (a list of every character's
    // position was sixteen bytes per byte of text).
    let char_at = |p: usize| slice[p..].chars().next();
    let mut p = 0;
    while let Some(c) = char_at(p) {
        let after = p + c.len_utf8();
        let hard_break = c == '\n' && slice[after..].starts_with('\n');
        // Chinese and Japanese end a sentence with a full-width mark, with no space after it
        // and no capital to follow. A mark closing a quote may not end the sentence
        // (“……。”他说。, 「……。」と述べた。), so only a mark outside quotes does.
        if matches!(c, '。' | '！' | '？' | '｡') {
            let mut end = after;
            while let Some(ch) = char_at(end).filter(|&ch| matches!(ch, '。' | '！' | '？' | '｡')) {
                end += ch.len_utf8();
            }
            if !char_at(end).is_some_and(|ch| is_closer(ch) || is_cjk_closer(ch)) {
                push_trimmed(&mut out, slice, start, end, range.start);
                start = end;
            }
            p = end;
            continue;
        }
        if matches!(c, '.' | '!' | '?' | '…') || hard_break {
            // Extend over repeated marks and closing quotes or brackets.
            let mut end = after;
            loop {
                match char_at(end) {
                    Some(ch) if matches!(ch, '.' | '!' | '?') || is_closer(ch) => end += ch.len_utf8(),
                    Some('[') => match citation_len(&slice[end..]) {
                        Some(len) => end += len,
                        None => break,
                    },
                    _ => break,
                }
            }
            // Need whitespace, then the start of a new sentence.
            let mut k = end;
            while let Some(ch) = char_at(k).filter(|ch| ch.is_whitespace()) {
                k += ch.len_utf8();
            }
            let saw_space = k > end;
            let next = char_at(k);
            let starts_sentence =
                next.is_none_or(|ch| ch.is_uppercase() || ch.is_numeric() || matches!(ch, '"' | '“' | '‘' | '\'' | '(' | '['));
            let boundary = hard_break || (saw_space && starts_sentence && !(c == '.' && ends_with_abbreviation(&slice[start..p], next)));
            if boundary || k == slice.len() {
                push_trimmed(&mut out, slice, start, end, range.start);
                start = end;
            }
            p = end;
            continue;
        }
        p = after;
    }
    if start < slice.len() {
        push_trimmed(&mut out, slice, start, slice.len(), range.start);
    }
    out
}

/// The length of the reference mark `s` starts with, as text copied from Wikipedia has them
/// after a sentence's period: `[1]`, `[12]`, `[a]`, `[citation needed]`. The sentence
/// ends after them.
fn citation_len(s: &str) -> Option<usize> {
    let inner = s.strip_prefix('[')?;
    let close = inner.find(']').filter(|&c| c > 0 && c <= 24)?;
    let mark = &inner[..close];
    let numbered = mark.bytes().all(|b| b.is_ascii_digit());
    let worded = mark.starts_with(|c: char| c.is_ascii_lowercase()) && mark.bytes().all(|b| b.is_ascii_lowercase() || b == b' ');
    (numbered || worded).then_some(close + 2)
}

fn ends_with_abbreviation(before: &str, next: Option<char>) -> bool {
    let last = before.rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“').next().unwrap_or("");
    if last.is_empty() {
        return false;
    }
    // "U.S." and "a.m.": an inner period means an abbreviation.
    let core = last.trim_end_matches('.');
    if core.contains('.') && core.split('.').all(|p| p.chars().count() <= 2) {
        // "...in the U.S. The next day" is ambiguous; a following capitalised
        // function word is the usual sign of a new sentence.
        return !next.is_some_and(|c| c.is_uppercase()) || core.len() <= 3;
    }
    is_abbreviation(core) && !may_end_sentence(core)
}

fn push_trimmed(out: &mut Vec<Span>, slice: &str, start: usize, end: usize, offset: usize) {
    let s = &slice[start..end];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if !t.is_empty() {
        out.push(Span::new(offset + start + lead, offset + start + lead + t.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(s: &str) -> Vec<&str> {
        sentences(s, Span::new(0, s.len())).into_iter().map(|sp| sp.of(s)).collect()
    }

    fn toks(s: &str) -> Vec<&str> {
        tokens(s, Span::new(0, s.len())).into_iter().map(|sp| sp.of(s)).collect()
    }

    #[test]
    fn sentences_survive_abbreviations_and_initials() {
        assert_eq!(
            sents("U.S. officials met Mr. Kim on Oct. 26 in Washington. Mark J. Smith said so. Then he left!"),
            ["U.S. officials met Mr. Kim on Oct. 26 in Washington.", "Mark J. Smith said so.", "Then he left!"]
        );
    }

    #[test]
    fn sentences_end_inside_quotes() {
        assert_eq!(
            sents("He said: \"We see no point.\" Peskov added: \"No.\""),
            ["He said: \"We see no point.\"", "Peskov added: \"No.\""]
        );
        assert_eq!(sents("“It is over.” The talks ended."), ["“It is over.”", "The talks ended."]);
    }

    #[test]
    fn sentences_end_after_reference_marks() {
        assert_eq!(
            sents("He was born in 1958.[1] He studied law.[2][3] He left.[citation needed] Then [he] ran."),
            ["He was born in 1958.[1]", "He studied law.[2][3]", "He left.[citation needed]", "Then [he] ran."]
        );
        // Not a reference: a bracket that says something else stays in the next sentence.
        assert_eq!(sents("It ended. [Reuters] Talks resume."), ["It ended.", "[Reuters] Talks resume."]);
    }

    #[test]
    fn chinese_and_japanese_sentences_end_at_their_full_width_marks() {
        assert_eq!(sents("经济增长了。真的吗？是的！"), ["经济增长了。", "真的吗？", "是的！"]);
        // A mark closing a quote leaves the sentence to the mark after it.
        assert_eq!(sents("“我们将继续合作。”他说。以上。"), ["“我们将继续合作。”他说。", "以上。"]);
        assert_eq!(sents("首相は「協力する。」と述べた。以上。"), ["首相は「協力する。」と述べた。", "以上。"]);
        assert_eq!(sents("发言人说：“我们将继续合作。”"), ["发言人说：“我们将继续合作。”"]);
        // A mark with nothing after it ends the last sentence; the text after the last mark is one.
        assert_eq!(sents("结束。。"), ["结束。。"]);
        assert_eq!(sents("第一句。没有句号"), ["第一句。", "没有句号"]);
    }

    #[test]
    fn tokens_keep_abbreviations_and_multibyte_offsets() {
        assert_eq!(toks("U.S. and € 5 Kim's"), ["U.S.", "and", "€", "5", "Kim's"]);
        assert_eq!(toks("Mr. Peskov, 20-month war."), ["Mr.", "Peskov", ",", "20", "-", "month", "war", "."]);
    }
}
