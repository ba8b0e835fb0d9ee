//! Property tests: the analyzer answers any string, and its spans are sound.
#![cfg(not(target_arch = "wasm32"))]

use lede::analysis::text::segment::word_bounds;
use lede::analysis::{analyze, Options};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

fn article_like() -> impl Strategy<Value = String> {
    // Pieces that exercise every parser path: Markdown marks, HTML tags, entities,
    // mojibake, look-alike letters, invisible characters and multi-byte text.
    let piece = prop_oneof![
        Just("# ".to_string()),
        Just("**".to_string()),
        Just("\n\n".to_string()),
        Just("\n".to_string()),
        Just("[link](https://x.org/a)".to_string()),
        Just("![alt](i.png)".to_string()),
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<a href='/x'>".to_string()),
        Just("&amp;".to_string()),
        Just("Ð¡".to_string()),
        Just("Сosmo".to_string()),
        Just("\u{200B}".to_string()),
        Just("\u{00A0}".to_string()),
        Just("€".to_string()),
        Just("👍🏽".to_string()),
        Just("Mr. Kim said: \"Yes.\" ".to_string()),
        Just("Reporting by A in B; Editing by C".to_string()),
        Just("2023-10-26 10:15".to_string()),
        Just("MOSCOW, Oct 26 (Reuters) - ".to_string()),
        Just("$".to_string()),
        Just("€5 ".to_string()),
        Just(" 1st 22nd ".to_string()),
        Just(" 5% ".to_string()),
        Just("10:15 a.m.".to_string()),
        Just(" three weeks ago ".to_string()),
        Just("President Vladimir Putin's ".to_string()),
        Just("Kim/Jong".to_string()),
        Just("'s".to_string()),
        "[a-zA-Z .,]{0,12}",
        any::<String>(),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn spans_are_sound(input in article_like()) {
        let a = analyze(&input, &Options::default());
        let text = &a.text;
        let on_boundary = |p: usize| p <= text.len() && text.is_char_boundary(p);
        // Blocks reassemble the text exactly, joined by blank lines.
        let joined: Vec<&str> = a.article.blocks.iter().map(|b| b.span.of(text)).collect();
        prop_assert_eq!(joined.join("\n\n"), text.clone());
        let mut spans = Vec::new();
        spans.extend(a.article.blocks.iter().map(|b| b.span));
        spans.extend(a.sentences.iter().copied());
        spans.extend(a.tokens.iter().copied());
        spans.extend(a.article.links.iter().map(|l| l.span));
        spans.extend(a.findings.iter().filter_map(|f| f.span));
        for s in spans {
            prop_assert!(s.start <= s.end && on_boundary(s.start) && on_boundary(s.end), "bad span {:?} in {:?}", s, text);
        }
        // Source spans point inside the input, on boundaries.
        for f in &a.findings {
            prop_assert!(f.source.end <= input.len() && input.is_char_boundary(f.source.start) && input.is_char_boundary(f.source.end));
        }
        for p in &a.article.source_map {
            prop_assert!(p.source.end <= input.len() && p.source.start <= p.source.end);
        }
        // Every text offset maps back inside the input.
        for b in &a.article.blocks {
            prop_assert!(a.to_source(b.span.start) <= input.len());
        }
    }

    /// The ASCII fast path of the word bounds cuts exactly where unicode-segmentation does,
    /// on text mixing every ASCII word-break class with characters whose rules reach across
    /// it: combining marks and joiners (WB4), ideographic and no-break spaces, curly quotes
    /// and the middle dot (MidNumLet, MidLetter), Hebrew, katakana, flags (WB15), emoji.
    #[test]
    fn word_bounds_are_unicode_segmentation_s(chars in proptest::collection::vec(prop_oneof![
        8 => proptest::char::range('a', 'e'),
        3 => proptest::char::range('0', '2'),
        8 => proptest::sample::select(vec![' ', ' ', '\t', '\n', '\r', '\u{b}', '\u{c}', '.', ',', ';', ':', '\'', '_', '"', '-', '$', '%', '/', '\u{7f}', '\u{0}']),
        2 => proptest::sample::select(vec!['é', '\u{301}', '\u{200d}', '\u{200b}', '\u{a0}', '\u{3000}', '’', '“', '·', 'ש', 'カ', '🇺', '🇸', '👍', '\u{1f3fd}', '\u{2060}']),
    ], 0..40)) {
        let text: String = chars.into_iter().collect();
        let expected: Vec<(usize, &str)> = text.split_word_bound_indices().collect();
        prop_assert_eq!(word_bounds(&text).collect::<Vec<_>>(), expected, "{:?}", text);
    }

    #[test]
    fn any_string_is_analyzed(input in any::<String>()) {
        let a = analyze(&input, &Options::default());
        prop_assert_eq!(a.schema_version, lede::analysis::SCHEMA_VERSION);
    }
}
