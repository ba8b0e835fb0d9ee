//! The whole analysis on any bytes (decoded lossily, as a dropped file is):
//! it must never panic, and its spans must lie on char boundaries of its text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lede::analysis::{analyze, Options};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let a = analyze(&text, &Options::default());
    for s in a.sentences.iter().chain(&a.tokens).chain(a.mentions.iter().map(|m| &m.span)) {
        assert!(a.text.is_char_boundary(s.start) && a.text.is_char_boundary(s.end) && s.start <= s.end);
    }
    let joined: Vec<&str> = a.article.blocks.iter().map(|b| b.span.of(&a.text)).collect();
    assert_eq!(joined.join("\n\n"), a.text);
});
