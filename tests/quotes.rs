//! Quotes and their speakers: the seed, and cases collected from how news is written.

use lede::analysis::quotes::{How, QuoteKind};
use lede::analysis::{analyze, Analysis, Options};
use lede::seeds::SEEDS;

/// Each quote as (kind, text of its parts joined by " | ", speaker's canonical name).
fn quotes(a: &Analysis) -> Vec<(QuoteKind, String, Option<String>)> {
    a.quotes
        .iter()
        .map(|q| {
            let text = q.parts.iter().map(|p| p.of(&a.text)).collect::<Vec<_>>().join(" | ");
            (q.kind, text, q.speaker.map(|e| a.entities[e].name.clone()))
        })
        .collect()
}

fn run(body: &str) -> Analysis {
    analyze(&format!("Title line\n\n{body}"), &Options::default())
}

#[test]
fn the_seeds_three_peskov_quotes_and_russias_statements() {
    let a = analyze(SEEDS[0].text, &Options::default());
    let q = quotes(&a);
    let direct: Vec<&(QuoteKind, String, Option<String>)> = q.iter().filter(|q| q.0 == QuoteKind::Direct).collect();
    assert_eq!(direct.len(), 3);
    for d in &direct {
        assert_eq!(d.2.as_deref(), Some("Dmitry Peskov"), "{d:?}");
    }
    assert!(direct[0].1.starts_with("There are many such reports") && direct[0].1.ends_with("commenting on this."));
    assert!(direct[1].1.starts_with("North Korea is our neighbour"));
    assert_eq!(direct[2].1, "We don't comment on this in any way.");
    let peskov = a.quotes.iter().find(|q| q.kind == QuoteKind::Direct).unwrap();
    assert_eq!(peskov.role.as_deref(), Some("Kremlin spokesman"));
    // The headline's quoted words are Russia's (a partial quote inside "Russia says ..."), and so
    // is the indirect statement.
    assert!(q.contains(&(QuoteKind::Partial, "in all areas".into(), Some("Russia".into()))), "{q:#?}");
    assert!(q
        .iter()
        .any(|x| x.0 == QuoteKind::Indirect && x.1.starts_with("it planned to build close ties") && x.2.as_deref() == Some("Russia")));
}

#[test]
fn verb_after_the_quote_and_curly_marks() {
    let a = run("“We will not back down,” Prime Minister Rishi Sunak said on Monday.");
    assert_eq!(quotes(&a), [(QuoteKind::Direct, "We will not back down,".into(), Some("Rishi Sunak".into()))]);
    let a = run("\"The talks failed,\" said Foreign Minister Sergei Lavrov.");
    assert_eq!(quotes(&a)[0].2.as_deref(), Some("Sergei Lavrov"));
}

#[test]
fn a_quote_split_by_its_attribution_is_one_quote() {
    let a = run("\"We see no point,\" Peskov said. \"The reports are groundless.\"");
    let q = quotes(&a);
    assert_eq!(q.len(), 1, "{q:#?}");
    assert_eq!(q[0].1, "We see no point, | The reports are groundless.");
}

#[test]
fn a_quote_running_over_paragraphs() {
    let a = run("Angela Merkel said: \"The first part of the answer.\n\n\"The second part, in a new paragraph.\"\n\nThen she left.");
    let q = quotes(&a);
    assert_eq!(q.len(), 1, "{q:#?}");
    assert_eq!(q[0].1, "The first part of the answer. | The second part, in a new paragraph.");
    assert_eq!(q[0].2.as_deref(), Some("Angela Merkel"));
}

#[test]
fn pronouns_and_according_to() {
    let a = run(
        "Joe Biden spoke in Warsaw. He said: \"Ukraine will never be a victory for Russia.\"\n\nThe plan would work, according to NATO.",
    );
    let q = quotes(&a);
    assert_eq!(q[0].2.as_deref(), Some("Joe Biden"), "{q:#?}");
    let a = run("\"The alliance will respond with force if it has to,\" according to Jens Stoltenberg.");
    assert_eq!(quotes(&a)[0].2.as_deref(), Some("Jens Stoltenberg"));
    assert_eq!(a.quotes[0].how, Some(How::AccordingTo));
}

#[test]
fn scare_quotes_are_phrases() {
    let a = run("The strikes were a \"special operation\" in name only.");
    let q = quotes(&a);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].0, QuoteKind::Phrase);
    // What the ministry called them is the ministry's word: a partial quote, its source unnamed.
    let a = run("The ministry called the strikes a \"special operation\" and denied everything.");
    assert_eq!(a.quotes[0].kind, QuoteKind::Partial);
    assert_eq!(a.sources[0].name, "the ministry");
    assert!(!a.sources[0].named);
}

#[test]
fn a_reporting_verb_far_from_the_quote_is_not_its_attribution() {
    // Forty-odd words of one sentence between "Peskov said" and the quote: a verb that
    // far away reports something else. Near the quote, it is still found.
    let filler = "and the delegation travelled on through the hills past the old towns".repeat(4);
    let a = run(&format!("Dmitry Peskov said the talks went on {filler} until a \"turning point\" came"));
    assert_eq!(quotes(&a), [(QuoteKind::Phrase, "turning point".into(), None)]);
    let a = run(&format!("The talks went on {filler} until Dmitry Peskov said \"enough\" to everyone"));
    assert_eq!(quotes(&a)[0].2.as_deref(), Some("Dmitry Peskov"));
    let a = run(&format!("\"Enough,\" Dmitry Peskov said as the talks went on {filler}"));
    assert_eq!(quotes(&a)[0].2.as_deref(), Some("Dmitry Peskov"));
}

#[test]
fn thousands_of_quotes_in_one_sentence_are_each_found() {
    // Pasted JSON: every key and value a quoted run, no sentence break anywhere. Each
    // quote looks for its attribution only near it, so this stays linear (it took
    // seconds per 100 KB when every quote scanned the text before it).
    let pairs: Vec<String> = (0..5000).map(|i| format!("\"key{i}\": \"Value said {i}\"")).collect();
    let a = run(&format!("{{{}}}", pairs.join(", ")));
    assert_eq!(a.quotes.len(), 10_000);
    assert_eq!(a.quotes[9_999].parts[0].of(&a.text), "Value said 4999");
    // Apostrophes among thousands of double-quoted runs are checked the same way.
    let words: Vec<String> = (0..3000).map(|i| format!("\"w{i}\" 'x{i}' it's")).collect();
    let a = run(&words.join(" "));
    assert_eq!(a.quotes.iter().filter(|q| q.kind == QuoteKind::Phrase).count(), 6000);
}

#[test]
fn indirect_speech_with_and_without_that() {
    let cases = [
        // Without "that", after "said", with a time phrase or a relative clause before it.
        (
            "Rishi Sunak, who arrived in Washington on Wednesday, said the two countries would hold a summit in London.",
            Some(("the two countries would hold a summit in London", "Rishi Sunak")),
        ),
        ("The Kremlin said on Friday the talks were on hold.", Some(("the talks were on hold", "Kremlin"))),
        (
            "Interfax news agency said the discussions were being held in parallel.",
            Some(("the discussions were being held in parallel", "Interfax")),
        ),
        // An appositive between the name and the verb.
        (
            "Yvette Cooper, the home secretary, said the changes would be phased in.",
            Some(("the changes would be phased in", "Yvette Cooper")),
        ),
        // A verb without "that" no longer hides a later one with it.
        (
            "Sergei Lavrov warned of consequences and Maria Zakharova said that nothing had changed.",
            Some(("nothing had changed", "Maria Zakharova")),
        ),
        // Not reported speech: a phrase, not a clause, follows the verb.
        ("Angela Merkel said in a statement she was pleased.", None),
        ("Dmitry Peskov said on Friday.", None),
        // The name is not the subject: a noun of its own follows it, or a nationality is only a modifier.
        ("Traders in London said the market was nervous.", None),
        ("Dutch police said they had found the girl.", None),
    ];
    for (sentence, want) in cases {
        let a = run(sentence);
        let got: Vec<(String, Option<String>)> =
            quotes(&a).into_iter().filter(|q| q.0 == QuoteKind::Indirect).map(|q| (q.1, q.2)).collect();
        let want: Vec<(String, Option<String>)> = want.map(|(t, s)| (t.to_string(), Some(s.to_string()))).into_iter().collect();
        assert_eq!(got, want, "{sentence}");
    }
}

#[test]
fn the_speaker_before_an_appositive() {
    let a = run("\"We want to see more good data,\" Jerome H. Powell, the Fed chair, said at a news conference.");
    assert_eq!(quotes(&a)[0].2.as_deref(), Some("Jerome H. Powell"));
}
