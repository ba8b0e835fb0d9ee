//! A small JSON reader for a page's JSON-LD (`<script type="application/ld+json">`): values
//! with the byte span of every string, so a headline read from it maps back to the page.
//! Hand-rolled rather than serde_json's deserializer, which the worker does not link (it
//! was 10 KB of its gzipped wasm); this reader is a few hundred bytes. It never fails: what
//! does not parse is `None`, and nesting deeper than `MAX_DEPTH` (64) is cut off.

use crate::analysis::span::Span;

/// A JSON value. Numbers, booleans and null are kept only as `Other`: JSON-LD's fields that
/// lede reads are strings, objects and arrays.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Json {
    /// A string and its span (quotes excluded) in the text parsed.
    Str(String, Span),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
    Other,
}

/// How deep arrays and objects may nest.
const MAX_DEPTH: usize = 64;

impl Json {
    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string and its span, if this is one.
    pub fn str(&self) -> Option<(&str, Span)> {
        match self {
            Json::Str(s, span) => Some((s, *span)),
            _ => None,
        }
    }

    /// The value itself, or the items of an array.
    pub fn items(&self) -> &[Json] {
        match self {
            Json::Array(items) => items,
            other => std::slice::from_ref(other),
        }
    }
}

/// Parses `text` (the whole of it must be one value, with whitespace around).
pub(crate) fn parse(text: &str) -> Option<Json> {
    let mut p = Parser { b: text.as_bytes(), text, i: 0 };
    let v = p.value(0)?;
    p.ws();
    (p.i == p.b.len()).then_some(v)
}

struct Parser<'a> {
    b: &'a [u8],
    text: &'a str,
    i: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.i < self.b.len() && self.b[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        self.ws();
        let hit = self.b.get(self.i) == Some(&c);
        self.i += usize::from(hit);
        hit
    }

    fn value(&mut self, depth: usize) -> Option<Json> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.ws();
        match *self.b.get(self.i)? {
            b'"' => self.string().map(|(s, span)| Json::Str(s, span)),
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                if self.eat(b']') {
                    return Some(Json::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    if self.eat(b']') {
                        return Some(Json::Array(items));
                    }
                    if !self.eat(b',') {
                        return None;
                    }
                }
            }
            b'{' => {
                self.i += 1;
                let mut members = Vec::new();
                if self.eat(b'}') {
                    return Some(Json::Object(members));
                }
                loop {
                    self.ws();
                    let (key, _) = self.string()?;
                    if !self.eat(b':') {
                        return None;
                    }
                    members.push((key, self.value(depth + 1)?));
                    if self.eat(b'}') {
                        return Some(Json::Object(members));
                    }
                    if !self.eat(b',') {
                        return None;
                    }
                }
            }
            _ => {
                // A number, true, false or null: skipped to the next delimiter.
                let start = self.i;
                while self.i < self.b.len() && !matches!(self.b[self.i], b',' | b']' | b'}') && !self.b[self.i].is_ascii_whitespace() {
                    self.i += 1;
                }
                (self.i > start).then_some(Json::Other)
            }
        }
    }

    /// A string at `self.i` (its opening quote): the value and its span without the quotes.
    fn string(&mut self) -> Option<(String, Span)> {
        if self.b.get(self.i) != Some(&b'"') {
            return None;
        }
        self.i += 1;
        let start = self.i;
        let mut out = String::new();
        let mut run = start;
        while self.i < self.b.len() {
            match self.b[self.i] {
                b'"' => {
                    out.push_str(&self.text[run..self.i]);
                    let span = Span::new(start, self.i);
                    self.i += 1;
                    return Some((out, span));
                }
                b'\\' => {
                    out.push_str(&self.text[run..self.i]);
                    let esc = *self.b.get(self.i + 1)?;
                    if !esc.is_ascii() {
                        // A backslash before a letter of another script (not JSON, but found
                        // in pages): the letter, whole.
                        let c = self.text[self.i + 1..].chars().next()?;
                        out.push(c);
                        self.i += 1 + c.len_utf8();
                        run = self.i;
                        continue;
                    }
                    self.i += 2;
                    match esc {
                        b'n' => out.push('\n'),
                        b't' => out.push('\t'),
                        b'r' => out.push('\r'),
                        b'b' | b'f' => out.push(' '),
                        b'u' => {
                            let mut code = self.hex4()?;
                            // A surrogate pair: "\ud83d\ude00".
                            if (0xD800..0xDC00).contains(&code) && self.b.get(self.i..self.i + 2) == Some(b"\\u") {
                                self.i += 2;
                                let low = self.hex4()?;
                                code = 0x10000 + ((code - 0xD800) << 10) + (low.wrapping_sub(0xDC00) & 0x3FF);
                            }
                            out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                        }
                        other => out.push(other as char),
                    }
                    run = self.i;
                }
                _ => self.i += 1,
            }
        }
        None
    }

    fn hex4(&mut self) -> Option<u32> {
        let hex = self.text.get(self.i..self.i + 4)?;
        self.i += 4;
        u32::from_str_radix(hex, 16).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_objects_arrays_and_string_spans() {
        let text = r#"{"@type": ["NewsArticle"], "headline": "A \"quoted\" title", "n": 3, "author": [{"name": "Jane Doe"}], "x": null}"#;
        let v = parse(text).unwrap();
        let (headline, span) = v.get("headline").unwrap().str().unwrap();
        assert_eq!(headline, "A \"quoted\" title");
        assert_eq!(span.of(text), r#"A \"quoted\" title"#);
        assert_eq!(v.get("author").unwrap().items()[0].get("name").unwrap().str().unwrap().0, "Jane Doe");
        assert_eq!(parse(r#""\u00e9\ud83d\ude00""#).unwrap().str().unwrap().0, "é😀");
    }

    #[test]
    fn a_backslash_before_a_multibyte_letter_keeps_the_letter() {
        // Found by fuzzing (the parse target): the string went on from inside the letter.
        let text = "{\"headline\": \"Caf\\é \\\u{1F600} open\"}";
        let v = parse(text).unwrap();
        assert_eq!(v.get("headline").unwrap().str().unwrap().0, "Café \u{1F600} open");
    }

    #[test]
    fn bad_json_is_none_never_a_panic() {
        for s in ["", "{", "[1,", r#"{"a" 1}"#, r#""\u12"#, "}", r#"{"a": "b",}"#, "[".repeat(100_000).as_str()] {
            assert!(parse(s).is_none(), "{s:.20}");
        }
    }
}
