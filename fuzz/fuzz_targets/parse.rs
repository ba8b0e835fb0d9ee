//! Repair and parsing on any bytes, in each input format, without the tagger (so it runs
//! thousands of times a second): never a panic, the blocks laid out as the text, and every
//! span of the article and the source map inside the text or the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lede::analysis::parse::{self, InputFormat};
use lede::analysis::text::repair::{repair, RepairOptions};

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    for format in [InputFormat::Html, InputFormat::Markdown, InputFormat::PlainText] {
        let repaired = repair(&input, RepairOptions { plain_text: format == InputFormat::PlainText });
        for f in &repaired.findings {
            assert!(input.get(f.source.start..f.source.end).is_some(), "a finding's source is not on the input's char boundaries");
        }
        let (text, article) = parse::parse(&repaired.text, format, &repaired.map, None);
        let joined: Vec<&str> = article.blocks.iter().map(|b| b.span.of(&text)).collect();
        assert_eq!(joined.join("\n\n"), text);
        for piece in &article.source_map {
            assert!(text.get(piece.text.start..piece.text.end).is_some());
            assert!(input.get(piece.source.start..piece.source.end).is_some());
        }
        for link in &article.links {
            assert!(text.get(link.span.start..link.span.end).is_some());
            assert_eq!(link.safe, parse::is_safe_url(&link.url));
        }
    }
});
