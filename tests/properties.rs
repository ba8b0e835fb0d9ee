//! Property tests: the analyzer answers any string, and its spans and indices are sound.
#![cfg(not(target_arch = "wasm32"))]

use lede::analysis::text::segment::word_bounds;
use lede::analysis::{analyze, Analysis, Options, Span};
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

/// Fails unless `span` lies within `text` (the analysis text or the input), on char boundaries.
fn within(text: &str, span: Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        span.start <= span.end && text.get(span.start..span.end).is_some(),
        "{} {:?} does not cut {} bytes on char boundaries",
        what,
        span,
        text.len()
    );
    Ok(())
}

/// What every analysis of `input` must satisfy, whatever the input.
fn sound(input: &str, a: &Analysis) -> Result<(), TestCaseError> {
    let text = a.text.as_str();
    // Blocks reassemble the text exactly, joined by blank lines.
    let joined: Vec<&str> = a.article.blocks.iter().map(|b| b.span.of(text)).collect();
    prop_assert_eq!(joined.join("\n\n"), text);
    if input.trim().is_empty() {
        prop_assert!(!a.diagnostics.is_empty(), "no diagnostic for an input with nothing to analyze");
    }

    // Every span of every layer lies within the text, on char boundaries.
    let art = &a.article;
    let mut spans: Vec<(&str, Span)> = Vec::new();
    spans.extend(art.blocks.iter().map(|b| ("block", b.span)));
    spans.extend(art.title.iter().chain(&art.publisher).chain(&art.byline).filter_map(|f| f.span).map(|s| ("metadata field", s)));
    spans.extend(art.dateline.iter().map(|d| ("dateline", d.span)));
    spans.extend(art.image.iter().filter_map(|i| i.alt_span).map(|s| ("image alt text", s)));
    if let Some(c) = &art.caption {
        spans.push(("caption", c.span));
        spans.extend(c.credit.iter().map(|c| ("photo credit", c.span)));
    }
    spans.extend(art.links.iter().map(|l| ("link", l.span)));
    if let Some(c) = &art.credits {
        spans.push(("credits", c.span));
        for r in &c.roles {
            spans.push(("credit role", r.span));
            spans.extend(r.people.iter().chain(&r.places).map(|n| ("credited name", n.span)));
        }
    }
    spans.extend(a.sentences.iter().map(|&s| ("sentence", s)));
    spans.extend(a.tokens.iter().map(|&s| ("token", s)));
    spans.extend(a.findings.iter().filter_map(|f| f.span).map(|s| ("finding", s)));
    for m in &a.mentions {
        spans.push(("mention", m.span));
        spans.extend(m.role.map(|r| ("mention role", r)));
    }
    spans.extend(a.entities.iter().map(|e| ("entity's first mention", e.first)));
    for q in &a.quotes {
        spans.push(("quote", q.span));
        spans.extend(q.parts.iter().map(|&p| ("quote part", p)));
        spans.extend(q.speaker_span.map(|s| ("speaker", s)));
        spans.extend(q.cue.map(|s| ("quote cue", s)));
    }
    for t in &a.times {
        spans.push(("time", t.span));
        spans.push(("time's sentence", t.sentence));
    }
    spans.extend(a.keyphrases.iter().flat_map(|k| k.occurrences.iter().map(|&o| ("key phrase", o))));
    spans.extend(a.summary.iter().map(|&s| ("summary sentence", s)));
    spans.extend(a.stats.per_paragraph.iter().map(|p| ("paragraph stats", p.span)));
    for (what, span) in spans {
        within(text, span, what)?;
    }

    // Spans in the input as given lie within it, on char boundaries.
    for f in &a.findings {
        within(input, f.source, "finding's source")?;
    }
    for p in &art.source_map {
        within(input, p.source, "source map piece")?;
        within(text, p.text, "source map piece's text")?;
    }
    // Every offset of the text maps back inside the input.
    for x in (0..=text.len()).filter(|&x| text.is_char_boundary(x)) {
        prop_assert!(a.to_source(x) <= input.len(), "text offset {} maps to {}, past the input's {} bytes", x, a.to_source(x), input.len());
    }

    // Mentions are in text order and do not overlap; each points at an entity that lists it.
    for w in a.mentions.windows(2) {
        prop_assert!(w[0].span.end <= w[1].span.start, "mentions {:?} and {:?} are out of order or overlap", w[0].span, w[1].span);
    }
    for (i, m) in a.mentions.iter().enumerate() {
        prop_assert!(m.entity < a.entities.len(), "mention {} points at entity {} of {}", i, m.entity, a.entities.len());
        let e = &a.entities[m.entity];
        prop_assert!(e.mentions.contains(&i), "entity {:?} does not list its mention {}", e.name, i);
        prop_assert_eq!(m.label, e.label, "mention {} has another label than its entity {:?}", i, &e.name);
    }
    // Entities are in order of first mention, each with its mentions in text order, all pointing back.
    let mut listed = 0;
    for (k, e) in a.entities.iter().enumerate() {
        prop_assert!(!e.mentions.is_empty() && e.count == e.mentions.len(), "entity {:?}: count {} of {:?}", e.name, e.count, e.mentions);
        prop_assert!(e.mentions.windows(2).all(|w| w[0] < w[1]), "entity {:?}: mentions {:?} out of order", e.name, e.mentions);
        for &i in &e.mentions {
            prop_assert!(i < a.mentions.len() && a.mentions[i].entity == k, "entity {:?} lists mention {} of another", e.name, i);
        }
        prop_assert_eq!(e.first, a.mentions[e.mentions[0]].span, "entity {:?}: first is not its first mention", &e.name);
        listed += e.mentions.len();
    }
    prop_assert_eq!(listed, a.mentions.len(), "each mention belongs to one entity");
    prop_assert!(a.entities.windows(2).all(|w| w[0].first.start <= w[1].first.start), "entities out of order of first mention");

    // Quotes name entities that exist and hold their parts.
    for q in &a.quotes {
        prop_assert!(q.speaker.is_none_or(|e| e < a.entities.len()), "quote speaker {:?} of {} entities", q.speaker, a.entities.len());
        for &p in &q.parts {
            prop_assert!(q.span.contains(p), "quote part {:?} outside its quote {:?}", p, q.span);
        }
    }
    // Times lie in their sentence; the summary is sentences of the text, in text order.
    for t in &a.times {
        prop_assert!(t.sentence.contains(t.span), "time {:?} outside its sentence {:?}", t.span, t.sentence);
        prop_assert!(a.sentences.contains(&t.sentence), "time's sentence {:?} is not a sentence", t.sentence);
    }
    for s in &a.summary {
        prop_assert!(a.sentences.contains(s), "summary sentence {:?} is not a sentence", s);
    }
    prop_assert!(a.summary.windows(2).all(|w| w[0].start < w[1].start), "summary out of text order: {:?}", &a.summary);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn spans_are_sound(input in article_like()) {
        sound(&input, &analyze(&input, &Options::default()))?;
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
        sound(&input, &analyze(&input, &Options::default()))?;
    }
}

/// A paragraph of an article's prose, so that a generated page reads as an article. (A page
/// that is not one has no title, which Markdown cannot say: its first heading would read back
/// as the title.)
const PROSE: &str = "The council met on Tuesday evening to discuss the plan, and several members said they \
would vote against it unless the budget for the new library was restored in full before the summer.";

/// A web page's body as a paste carries it: headings, paragraphs, list items, quotes, bold
/// text, links and images, with text and URLs that hold Markdown's marks, spaces, line breaks
/// and the characters a link destination cannot hold.
fn html_page() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        "[a-zA-Z]{1,8}",
        Just("*".to_string()),
        Just("_".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("#".to_string()),
        Just("`".to_string()),
        Just("\\".to_string()),
        Just("(x)".to_string()),
        Just("&lt;b&gt;".to_string()),
        Just("&amp;".to_string()),
        Just("€".to_string()),
    ];
    let text = proptest::collection::vec(word, 1..8).prop_map(|w| w.join(" "));
    let url = prop_oneof![
        Just("https://example.com/a".to_string()),
        Just("https://example.com/a b".to_string()),
        Just("https://example.com/(a)".to_string()),
        Just("https://example.com/a\n\n# Injected heading\n\n[click](https://evil.example/x)".to_string()),
        Just("\u{3000}https://example.com/a".to_string()),
        Just("javascript:alert(1)".to_string()),
        Just("/relative/path".to_string()),
        Just("https://example.com/a<b>\\c".to_string()),
    ];
    let inline = prop_oneof![
        text.clone(),
        (text.clone(), url.clone()).prop_map(|(t, u)| format!("<a href=\"{}\">{t}</a>", u.replace('"', "&quot;"))),
        text.clone().prop_map(|t| format!("<strong>{t}</strong>")),
    ];
    let para = proptest::collection::vec(inline, 1..4).prop_map(|v| v.join(" "));
    let block = prop_oneof![
        para.clone().prop_map(|p| format!("<p>{p}</p>")),
        para.clone().prop_map(|p| format!("<h2>{p}</h2>")),
        para.clone().prop_map(|p| format!("<ul><li>{p}</li></ul>")),
        para.clone().prop_map(|p| format!("<blockquote><p>{p}</p></blockquote>")),
        (text.clone(), url).prop_map(|(t, u)| format!("<p><img src=\"{}\" alt=\"{t}\"></p>", u.replace('"', "&quot;"))),
    ];
    (text, proptest::collection::vec(block, 1..6)).prop_map(|(title, blocks)| {
        format!("<html><body><article><h1>{title}</h1>{}<p>{PROSE}</p></article></body></html>", blocks.concat())
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// A pasted page reaches the editor as Markdown, and that Markdown reads back as the same
    /// article: the same text, title, links (text and URL, and which are safe) and image. A
    /// URL with a line break, a space or an angle bracket stays inside its link.
    #[test]
    fn pasted_html_reads_back_from_its_markdown(html in html_page()) {
        let from_html = analyze(&html, &Options::default());
        prop_assume!(!from_html.article.not_an_article);
        let markdown = lede::analysis::parse::write::html_to_markdown(&html);
        let from_markdown = analyze(&markdown, &Options { format: Some(lede::analysis::parse::InputFormat::Markdown), ..Options::default() });
        prop_assert_eq!(&from_markdown.text, &from_html.text, "{}", markdown);
        prop_assert_eq!(from_markdown.article.title.as_ref().map(|t| &t.value), from_html.article.title.as_ref().map(|t| &t.value));
        let links = |a: &Analysis| a.article.links.iter().map(|l| (l.text.clone(), l.url.clone(), l.safe)).collect::<Vec<_>>();
        prop_assert_eq!(links(&from_markdown), links(&from_html), "{}", markdown);
        prop_assert_eq!(from_markdown.article.image.as_ref().map(|i| &i.url), from_html.article.image.as_ref().map(|i| &i.url));
        for link in &from_html.article.links {
            prop_assert!(!link.url.contains('\n'), "a link's URL keeps a line break: {:?}", link.url);
        }
    }
}

#[test]
fn an_injected_heading_in_a_link_stays_text_and_the_url_check_is_the_href() {
    let html =
        "<h1>Title</h1><p>See <a href=\"https://example.com/a\n\n# Injected heading\n\n[click](https://evil.example/x)\">this</a>.</p>";
    let markdown = lede::analysis::parse::write::html_to_markdown(html);
    let a = analyze(&markdown, &Options::default());
    assert!(!a.article.blocks.iter().any(|b| b.span.of(&a.text).contains("Injected")), "{markdown}");
    assert_eq!(a.article.links.len(), 1, "{markdown}");
    assert!(!a.article.links[0].url.contains("evil.example/x)") || a.article.links[0].url.starts_with("https://example.com/a"));
    // The check is on the href as it stands: a URL after an ideographic or no-break space is
    // not a link (a browser would read it as relative, on lede's own origin).
    use lede::analysis::parse::is_safe_url;
    assert!(is_safe_url("https://example.com/a"));
    assert!(!is_safe_url("\u{3000}https://example.com/a") && !is_safe_url("\u{a0}https://example.com/a"));
    assert!(!is_safe_url(" javascript:alert(1)") && !is_safe_url("https://example.com/a\nb"));
    let pasted = analyze("<p><a href=\"\u{3000}https://example.com/a\">x</a></p>", &Options::default());
    assert!(pasted.article.links.iter().all(|l| !l.safe), "{:?}", pasted.article.links);
}
