//! Criterion benchmarks for each pipeline stage and the whole analysis, on the
//! seed and on a ~1 MB corpus made from the CoNLL-2003 dev split's text
//! (`../shared/data/conll2003/eng.testa`; the seed repeated when it is absent); and the
//! whole analysis of text pasted that is not an article (CSV, JSON, lists of names).
//! Run: `make bench-native` (or `cargo bench --bench pipeline`).

// Criterion does not build for wasm32 (the wasm lint pass compiles every target).
#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{criterion_group, BenchmarkId, Criterion, Throughput};
    use lede::analysis::dates::{detect, resolve};
    use lede::analysis::ner::{model::tag_document, tagger, tokens::tagger_tokens};
    use lede::analysis::parse::{self, detect_format};
    use lede::analysis::text::repair::{repair, RepairOptions};
    use lede::analysis::text::segment;
    use lede::analysis::{about, analyze, ner, quotes, rules, Options, Span};
    use lede::seeds::SEEDS;

    /// About 1 MB of plain text from the dev split: sentences detokenized, ten to a paragraph.
    fn corpus() -> String {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/conll2003/eng.testa");
        let Ok(raw) = std::fs::read_to_string(path) else {
            return SEEDS[0].text.repeat(1_000_000 / SEEDS[0].text.len());
        };
        let sentences = lede::tools::conll::read(&raw);
        let mut out = String::from("Dev split corpus\n\n");
        for (i, s) in sentences.iter().enumerate() {
            let mut line = String::new();
            for t in &s.tokens {
                if !line.is_empty() && !matches!(t.as_str(), "," | "." | ";" | ":" | ")" | "'s" | "?" | "!") && !line.ends_with('(') {
                    line.push(' ');
                }
                line.push_str(t);
            }
            out.push_str(&line);
            out.push_str(if i % 10 == 9 { "\n\n" } else { " " });
        }
        let mut text = String::new();
        while text.len() < 1_000_000 {
            text.push_str(&out);
        }
        text.truncate(text.floor_char_boundary(1_000_000));
        text
    }

    fn stages(c: &mut Criterion) {
        let big = corpus();
        let inputs = [("seed", SEEDS[0].text.to_string()), ("1MB", big)];
        let mut g = c.benchmark_group("stage");
        g.sample_size(10);
        for (name, input) in &inputs {
            g.throughput(Throughput::Bytes(input.len() as u64));
            let format = detect_format(input);
            let repaired = repair(input, RepairOptions { plain_text: false });
            let (text, art) = parse::parse(&repaired.text, format, &repaired.map, Some(lede::analysis::ner::is_known_word));
            let sentences: Vec<Span> = art.blocks.iter().flat_map(|b| segment::sentences(&text, b.span)).collect();
            let t = tagger().expect("bundled model");
            let toks: Vec<Vec<&str>> =
                sentences.iter().map(|s| tagger_tokens(&text, *s).into_iter().map(|sp| sp.of(&text)).collect()).collect();
            // Names and values from the tagger's chunks (the rules stage alone is timed below).
            let find = |text: &str| {
                let tagged = ner::tag(text, &sentences, &mut |_, _| {}).expect("bundled model");
                let values = detect::find(&tagged.sentences);
                rules::apply(text, &art, &tagged, values)
            };
            let (mentions, ents) = find(&text);
            let tagged = ner::tag(&text, &sentences, &mut |_, _| {}).expect("bundled model");

            g.bench_with_input(BenchmarkId::new("repair", name), input, |b, i| b.iter(|| repair(i, RepairOptions { plain_text: false })));
            g.bench_with_input(BenchmarkId::new("parse", name), &repaired, |b, r| {
                b.iter(|| parse::parse(&r.text, format, &r.map, Some(lede::analysis::ner::is_known_word)))
            });
            g.bench_with_input(BenchmarkId::new("tokenize", name), &text, |b, t| {
                b.iter(|| {
                    art.blocks.iter().map(|bl| segment::sentences(t, bl.span).len() + segment::tokens(t, bl.span).len()).sum::<usize>()
                })
            });
            g.bench_with_input(BenchmarkId::new("tag", name), &toks, |b, toks| b.iter(|| tag_document(&t.model, &t.lexicon, toks)));
            g.bench_with_input(BenchmarkId::new("entities+link", name), &text, |b, text| b.iter(|| find(text)));
            g.bench_with_input(BenchmarkId::new("rules+link", name), &text, |b, text| {
                b.iter(|| rules::apply(text, &art, &tagged, detect::find(&tagged.sentences)))
            });
            g.bench_with_input(BenchmarkId::new("quotes", name), &text, |b, text| {
                b.iter(|| quotes::find(text, &art.blocks, &sentences, &mentions, &ents))
            });
            // Resolution against a time of writing, as an article with a timestamp has one.
            let found_times = detect::scan(&tagged.sentences).times;
            let writing = lede::analysis::dates::Writing {
                date: lede::analysis::util::timestamp::Date { year: 2023, month: 10, day: 26 },
                by: lede::analysis::dates::AnchorBy::ReferenceDate,
            };
            g.bench_with_input(BenchmarkId::new("dates", name), &text, |b, _| {
                b.iter(|| resolve::resolve(&sentences, &mentions, &found_times, Some(writing)))
            });
            let units: Vec<Span> = mentions.iter().map(|m| m.span).collect();
            g.bench_with_input(BenchmarkId::new("keyphrases", name), &text, |b, text| {
                b.iter(|| about::keyphrases(text, &art.blocks, &sentences, &units, 10))
            });
            g.bench_with_input(BenchmarkId::new("summary", name), &text, |b, text| {
                b.iter(|| about::summary(text, &art.blocks, &sentences, 3))
            });
            g.bench_with_input(BenchmarkId::new("analyze", name), input, |b, i| b.iter(|| analyze(i, &Options::default())));
        }
        g.finish();
    }

    /// A made-up surname for `i`, from eight syllables ("Karomiten").
    fn surname(i: usize) -> String {
        const SYLLABLES: [&str; 8] = ["Ka", "ro", "mi", "ten", "su", "bor", "li", "van"];
        let mut s = SYLLABLES[i % 8].to_string();
        for k in [i / 8, i / 64, i / 512] {
            s.push_str(&SYLLABLES[1 + k % 7].to_lowercase());
        }
        s
    }

    /// About 300 KB of a news site's page: a menu, teaser lists, an article of sixty
    /// paragraphs in nested containers, comments and a footer.
    fn page() -> String {
        let mut out = String::from("<!DOCTYPE html><html><head><title>Talks resume | Example News</title>\
            <meta property=\"og:title\" content=\"Talks resume\"><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\
            \"headline\":\"Talks resume\",\"datePublished\":\"2024-05-02T10:00:00Z\",\"author\":{\"name\":\"Jane Doe\"}}</script></head><body>");
        while out.len() < 300_000 {
            out.push_str("<nav class=\"menu\"><ul>");
            for i in 0..40 {
                out.push_str(&format!("<li><a href=\"/s/{i}\">Section {i}</a></li>"));
            }
            out.push_str("</ul></nav><div class=\"main\"><article class=\"story\"><h1>Talks resume</h1>");
            for i in 0..60 {
                out.push_str(&format!(
                    "<div class=\"para\"><p>{} said on Thursday, in a statement to reporters, that the talks would resume in Geneva next week, paragraph {i}.</p></div>",
                    surname(i)
                ));
            }
            out.push_str("</article><aside class=\"related\"><ul>");
            for i in 0..30 {
                out.push_str(&format!("<li><a href=\"/story/{i}\">Another story {i}</a></li>"));
            }
            out.push_str("</ul></aside><section class=\"comments\">");
            for i in 0..30 {
                out.push_str(&format!("<div class=\"comment\"><p>Comment {i}, from a reader, about the talks.</p></div>"));
            }
            out.push_str("</section></div><footer>© Example News</footer>");
        }
        out.push_str("</body></html>");
        out
    }

    /// About 256 KB of `unit(i)` for i = 0, 1, ...
    fn repeated(unit: impl Fn(usize) -> String) -> String {
        let mut out = String::new();
        for i in 0.. {
            if out.len() >= 256_000 {
                break;
            }
            out.push_str(&unit(i));
        }
        out
    }

    /// Texts that are not articles but get pasted anyway, each about 256 KB: every one
    /// was once quadratic somewhere (seconds to minutes), so their throughput is watched.
    fn unusual(c: &mut Criterion) {
        let inputs = [
            ("csv", repeated(|i| format!("\"{i}\",\"Smith, John {i}\",\"said \"\"hi\"\"\",\"Paris\"\n"))),
            ("json", format!("{{{}}}", repeated(|i| format!("\"key{i}\": \"Value {i}\", ")))),
            ("roster", repeated(|i| format!("John {} joined the club in Paris.\n", surname(i)))),
            ("names on one line", repeated(|i| format!("{} {} ", surname(i), surname(i + 7)))),
            ("banks", repeated(|i| format!("The Bank of {} said.{}", surname(i), if i % 40 == 39 { "\n\n" } else { " " }))),
            ("parties", repeated(|i| format!("{} of the Labour Party met Microsoft and Sinn Fein. ", surname(i)))),
            // A page whose inline script is full of "<" (minified code): each "<" was once
            // compared with the closing tag by copying the rest of the page.
            ("script full of <", format!("<p>Story.</p><script>{}</script>", repeated(|i| format!("if(a<b{i}){{x=\"<p>\"}}")))),
            // A whole page: menus, teasers, an article, a footer (the extraction's passes).
            ("news page", page()),
        ];
        let mut g = c.benchmark_group("unusual");
        g.sample_size(10);
        for (name, input) in &inputs {
            g.throughput(Throughput::Bytes(input.len() as u64));
            g.bench_with_input(BenchmarkId::new("analyze", name), input, |b, i| b.iter(|| analyze(i, &Options::default())));
        }
        g.finish();
    }

    criterion_group!(benches, stages, unusual);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
