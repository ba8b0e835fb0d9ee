//! Quoted runs, found by their marks within one block: straight and curly, double and
//! single, AP's doubled closing marks (`“…’’`), and a quote left open at the paragraph's end
//! (it runs on into the next paragraph).

use crate::analysis::span::Span;
use crate::analysis::util::order;

/// A run of quoted text found by its marks within one block.
#[derive(Debug, Clone, Copy)]
pub struct Marked {
    /// The quoted text, marks excluded.
    pub inner: Span,
    /// The opening mark's position.
    pub open: usize,
    /// The closing mark's position, None when the paragraph ends first.
    pub close: Option<usize>,
    /// The closing mark's length in bytes ("’’" is two marks).
    pub close_len: usize,
    pub single: bool,
}

impl Marked {
    /// Where the text after the closing mark starts (the block's end for an open run).
    pub fn after(&self) -> usize {
        self.close.map_or(self.inner.end, |c| c + self.close_len)
    }
}

fn is_opening_single(prev: Option<char>, next: Option<char>) -> bool {
    prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '"' | '“' | '—' | '-')) && next.is_some_and(|n| n.is_alphanumeric())
}

fn is_closing_single(prev: Option<char>, next: Option<char>) -> bool {
    prev.is_some_and(|p| p.is_alphanumeric() || matches!(p, '.' | ',' | '!' | '?'))
        && next.is_none_or(|n| n.is_whitespace() || matches!(n, '.' | ',' | ';' | ':' | '!' | '?' | ')' | '"' | '”'))
}

/// Quoted runs in `block` of `text`, in order: double quotes first; single quotes where no
/// double quote covers them.
pub fn runs(text: &str, block: Span) -> Vec<Marked> {
    let s = block.of(text);
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mark_len = |at: usize| s[at..].chars().next().map_or(1, char::len_utf8);
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        let prev = k.checked_sub(1).map(|j| chars[j].1);
        let next = chars.get(k + 1).map(|x| x.1);
        // AP's doubled single marks stand for double ones: "‘‘" opens, "’’" or "''" closes.
        let doubled = matches!(c, '’' | '\'' | '‘') && next == Some(c);
        let is_open = c == '“' || (c == '‘' && doubled) || (c == '"' && open.is_none() && prev.is_none_or(|p| !p.is_alphanumeric()));
        let is_close = c == '”' || (c == '"' && open.is_some()) || (open.is_some() && doubled && c != '‘');
        let len = if doubled { 2 * c.len_utf8() } else { mark_len(i) };
        if is_close && open.is_some() {
            let o = open.take().unwrap_or(0);
            out.push(Marked {
                inner: Span::new(block.start + o + mark_len(o) * if s[o..].starts_with("‘‘") { 2 } else { 1 }, block.start + i),
                open: block.start + o,
                close: Some(block.start + i),
                close_len: len,
                single: false,
            });
        } else if is_open {
            open = Some(i);
        }
        k += if doubled { 2 } else { 1 };
    }
    if let Some(o) = open {
        // No closing mark before the paragraph's end: the quote runs on.
        let len = mark_len(o) * if s[o..].starts_with("‘‘") { 2 } else { 1 };
        out.push(Marked {
            inner: Span::new(block.start + o + len, block.end),
            open: block.start + o,
            close: None,
            close_len: 0,
            single: false,
        });
    }
    // Single quotes outside the double-quoted runs (disjoint and in order, so the only
    // one that can cover a mark is the last opened before it).
    let doubles = out.len();
    let mut sopen: Option<usize> = None;
    for (k, &(i, c)) in chars.iter().enumerate() {
        if c != '\'' && c != '‘' && c != '’' {
            continue;
        }
        let at = block.start + i;
        let d = out[..doubles].partition_point(|m| m.open <= at);
        if d > 0 && out[d - 1].close.is_none_or(|cl| at < cl + out[d - 1].close_len) {
            continue;
        }
        let prev = k.checked_sub(1).map(|j| chars[j].1);
        let next = chars.get(k + 1).map(|x| x.1);
        if sopen.is_none() && (c == '‘' || c == '\'') && is_opening_single(prev, next) {
            sopen = Some(i);
        } else if let Some(o) = sopen {
            if (c == '’' || c == '\'')
                && is_closing_single(prev, next)
                && !(prev == Some('s') && next.is_some_and(char::is_whitespace) && i - o > 40)
            {
                let len = s[o..].chars().next().map_or(1, char::len_utf8);
                out.push(Marked {
                    inner: Span::new(block.start + o + len, block.start + i),
                    open: block.start + o,
                    close: Some(at),
                    close_len: c.len_utf8(),
                    single: true,
                });
                sopen = None;
            }
        }
    }
    order::sort_by_key(&mut out, |m| m.open as u64);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        runs(text, Span::new(0, text.len())).iter().map(|m| m.inner.of(text)).collect()
    }

    #[test]
    fn double_single_and_open_runs() {
        assert_eq!(quoted("He said “yes,” and 'no' and \"maybe\"."), ["yes,", "no", "maybe"]);
        assert_eq!(quoted("“It runs on"), ["It runs on"]);
        // An apostrophe is no mark.
        assert_eq!(quoted("Trump's rival's plan"), Vec::<&str>::new());
    }

    #[test]
    fn ap_doubled_closing_marks() {
        let text = "“We will win,’’ he said. ‘‘Again.’’";
        assert_eq!(quoted(text), ["We will win,", "Again."]);
        let r = runs(text, Span::new(0, text.len()));
        assert_eq!(&text[r[0].after()..r[0].after() + 3], " he");
        let text = "\"Fine,'' she said.";
        assert_eq!(quoted(text), ["Fine,"]);
    }
}
