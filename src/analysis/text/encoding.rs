//! Which character encoding a file's bytes are in, for the edges that read bytes (the
//! command line, a dropped file): a byte-order mark, valid UTF-8, or what a web page declares
//! in its first 1024 bytes (`<meta charset="windows-1252">`, or `http-equiv="Content-Type"`
//! with `charset=`), as browsers look for it. The edges decode with that label (the command
//! line with encoding_rs, the page with the browser's TextDecoder); the core reads text only.

/// The WHATWG label to decode `bytes` with: "utf-8", "utf-16le", "utf-16be", the label a page
/// declares, or "windows-1252" (what browsers assume of a Western page that declares nothing
/// and is not UTF-8).
pub fn charset(bytes: &[u8]) -> String {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return "utf-8".into();
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return "utf-16le".into();
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return "utf-16be".into();
    }
    // A page re-saved as UTF-8 often keeps its old declaration: valid UTF-8 is UTF-8.
    if std::str::from_utf8(bytes).is_ok() {
        return "utf-8".into();
    }
    declared(&bytes[..bytes.len().min(1024)]).unwrap_or_else(|| "windows-1252".into())
}

/// The charset a page's `<meta>` declares in `head`, lowercase.
fn declared(head: &[u8]) -> Option<String> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(k) = find(&lower[from..], b"<meta") {
        let start = from + k;
        let end = lower[start..].iter().position(|&b| b == b'>').map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(at) = find(tag, b"charset") {
            let rest = &tag[at + 7..];
            let rest = rest.iter().position(|&b| b == b'=').map(|e| &rest[e + 1..])?;
            let value: Vec<u8> = rest
                .iter()
                .copied()
                .skip_while(|b| b.is_ascii_whitespace() || matches!(b, b'"' | b'\''))
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
                .collect();
            if !value.is_empty() {
                // A page that says UTF-8 but is not: browsers' fallback.
                let label = String::from_utf8_lossy(&value).into_owned();
                return Some(if label == "utf-8" || label == "utf8" { "windows-1252".into() } else { label });
            }
        }
        from = end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_order_marks_utf8_and_declarations() {
        assert_eq!(charset(b"\xEF\xBB\xBF<html>"), "utf-8");
        assert_eq!(charset(b"\xFF\xFE<\x00"), "utf-16le");
        assert_eq!(charset("<meta charset=windows-1252><p>café".as_bytes()), "utf-8");
        assert_eq!(charset(b"<meta charset=\"Shift_JIS\"><p>\x82\xA0"), "shift_jis");
        assert_eq!(charset(b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><p>caf\xE9"), "iso-8859-1");
        assert_eq!(charset(b"<p>caf\xE9"), "windows-1252");
    }
}
