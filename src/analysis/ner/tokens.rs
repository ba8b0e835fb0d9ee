//! Tokens as the tagger sees them: CoNLL-2003 style (Penn Treebank-like), so
//! the model meets at run time what it was trained on. Hyphenated words stay
//! whole ("20-month", "Anglo-Dutch"), possessives split off ("Kim" + "'s"),
//! punctuation stands alone, abbreviations keep their period ("U.S.", "Mr.").

use crate::analysis::span::Span;
use crate::analysis::text::segment::is_abbreviation;
use crate::analysis::util::timestamp::{numeric_date, NumericDate};

fn is_lead_punct(c: char) -> bool {
    matches!(c, '"' | '\'' | '(' | '[' | '{' | '“' | '‘' | '«' | '¿' | '¡' | '<')
}

fn is_trail_punct(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '}' | '”' | '’' | '»' | ',' | ';' | ':' | '!' | '?' | '.' | '…' | '>')
}

/// Tokens of `text[range]` in the tagger's style.
pub fn tagger_tokens(text: &str, range: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let slice = range.of(text);
    let mut chunk_start = None;
    for (i, c) in slice.char_indices().chain(std::iter::once((slice.len(), ' '))) {
        match (c.is_whitespace(), chunk_start) {
            (false, None) => chunk_start = Some(i),
            (true, Some(s)) => {
                // A slash separates parts of credits ("Sputnik/Artem Geodakyan"); it stands alone.
                // An opening bracket starts a part: a reference mark is not part of the word
                // before it ("2025.[1]", "district.[4]").
                // A date in numbers ("14/06/2023") keeps its slashes.
                let chunk = &slice[s..i];
                let date = numeric_date(chunk.trim_end_matches(is_trail_punct)) != NumericDate::No;
                let mut part = 0;
                for (k, ch) in chunk.char_indices().filter(|&(_, ch)| ch == '/' && !date || ch == '[') {
                    if ch == '[' {
                        if k > part && !chunk.starts_with("http") {
                            split_chunk(&chunk[part..k], range.start + s + part, &mut out);
                            part = k;
                        }
                    } else if chunk.len() > 1 && !chunk.starts_with("http") {
                        if k > part {
                            split_chunk(&chunk[part..k], range.start + s + part, &mut out);
                        }
                        out.push(Span::new(range.start + s + k, range.start + s + k + ch.len_utf8()));
                        part = k + 1;
                    }
                }
                if part < chunk.len() {
                    split_chunk(&chunk[part..], range.start + s + part, &mut out);
                }
                chunk_start = None;
            }
            _ => {}
        }
    }
    out
}

fn split_chunk(chunk: &str, base: usize, out: &mut Vec<Span>) {
    let mut s = 0;
    let mut e = chunk.len();
    // Leading punctuation, one mark at a time.
    while s < e {
        let c = chunk[s..e].chars().next().unwrap_or(' ');
        if is_lead_punct(c) && chunk[s..e].chars().count() > 1 {
            out.push(Span::new(base + s, base + s + c.len_utf8()));
            s += c.len_utf8();
        } else {
            break;
        }
    }
    // Trailing punctuation: one token per mark, pushed after the word.
    let end = e;
    while s < e {
        let c = chunk[s..e].chars().next_back().unwrap_or(' ');
        if !is_trail_punct(c) || s + c.len_utf8() == e {
            break;
        }
        if c == '.' {
            let word = &chunk[s..e - 1];
            // Keep the period of "U.S." , "Mr." and initials.
            if is_abbreviation(word) || (word.contains('.') && word.chars().all(|ch| ch.is_alphabetic() || ch == '.')) {
                break;
            }
        }
        e -= c.len_utf8();
    }
    // Possessives and contractions: "Kim's" → "Kim" "'s"; "don't" → "do" "n't".
    let word = &chunk[s..e];
    let mut cut = None;
    for suffix in ["'s", "’s", "'S", "’S"] {
        if word.len() > suffix.len() && word.ends_with(suffix) {
            cut = Some(e - suffix.len());
        }
    }
    if let Some(n) = negation_suffix(word).filter(|_| cut.is_none() && word.len() > 4) {
        cut = Some(e - n);
    }
    if word.len() > 1 && (word.ends_with('\'') || word.ends_with('’')) && word.chars().rev().nth(1) == Some('s') {
        // "countries'" → "countries" "'"
        let q = word.chars().next_back().map_or(1, char::len_utf8);
        cut = Some(e - q);
    }
    match cut {
        Some(c) if c > s => {
            out.push(Span::new(base + s, base + c));
            out.push(Span::new(base + c, base + e));
        }
        _ if s < e => out.push(Span::new(base + s, base + e)),
        _ => {}
    }
    out.extend(chunk[e..end].char_indices().map(|(k, c)| Span::new(base + e + k, base + e + k + c.len_utf8())));
}

/// The byte length of a final "n't" or "n’t" in any case ("DON'T"), if `word` has one.
/// (Compared byte by byte: a lowercase copy of every token was an allocation each.)
fn negation_suffix(word: &str) -> Option<usize> {
    let lower = |k: usize| word.len().checked_sub(k).map(|i| word.as_bytes()[i].to_ascii_lowercase());
    if lower(1) != Some(b't') {
        None
    } else if lower(2) == Some(b'\'') && lower(3) == Some(b'n') {
        Some(3)
    } else if word[..word.len() - 1].ends_with('’') && lower(5) == Some(b'n') {
        Some(5)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        tagger_tokens(s, Span::new(0, s.len())).into_iter().map(|t| t.of(s)).collect()
    }

    #[test]
    fn negations_split_in_any_case() {
        assert_eq!(toks("They DON'T and won’t; Can’T ant"), ["They", "DO", "N'T", "and", "wo", "n’t", ";", "Ca", "n’T", "ant"]);
        assert_eq!(negation_suffix("t"), None);
        assert_eq!(negation_suffix("’t"), None);
    }

    #[test]
    fn conll_style() {
        assert_eq!(toks("Kim Jong Un's 20-month war."), ["Kim", "Jong", "Un", "'s", "20-month", "war", "."]);
        assert_eq!(
            toks("\"We don't,\" said Mr. Peskov (U.S.)."),
            ["\"", "We", "do", "n't", ",", "\"", "said", "Mr.", "Peskov", "(", "U.S.", ")", "."]
        );
        assert_eq!(toks("North Korea’s  €5 countries' ties"), ["North", "Korea", "’s", "€5", "countries", "'", "ties"]);
        assert_eq!(toks("Sputnik/Artem Geodakyan/Pool"), ["Sputnik", "/", "Artem", "Geodakyan", "/", "Pool"]);
        assert_eq!(toks("on 14/06/2023, 24/7"), ["on", "14/06/2023", ",", "24", "/", "7"]);
        assert_eq!(toks("leader Kim Jong Un, in"), ["leader", "Kim", "Jong", "Un", ",", "in"]);
        // A reference mark after a word is not part of it.
        assert_eq!(toks("in 2025.[1] district.[4][5]"), ["in", "2025", ".", "[", "1", "]", "district", ".", "[", "4", "]", "[", "5", "]"]);
    }
}
