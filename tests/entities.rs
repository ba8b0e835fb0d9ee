//! Golden tests for the entities layer, written the way a reader checks them:
//! the text with each mention in brackets followed by its type.

use lede::analysis::mention::{Label, Rule, Source};
use lede::analysis::{analyze, Analysis, Options};
use lede::seeds::SEEDS;

/// The text of `a` from the sentence containing `needle`, annotated: `[Vladimir Putin]PER`.
fn annotated_sentence(a: &Analysis, needle: &str) -> String {
    let at = a.text.find(needle).unwrap_or_else(|| panic!("{needle} not in text"));
    let s = a.sentences.iter().find(|s| s.start <= at && at < s.end).unwrap();
    let mut out = String::new();
    let mut pos = s.start;
    for m in a.mentions.iter().filter(|m| s.contains(m.span)) {
        out.push_str(&a.text[pos..m.span.start]);
        out.push_str(&format!("[{}]{}", m.span.of(&a.text), m.label.code()));
        pos = m.span.end;
    }
    out.push_str(&a.text[pos..s.end]);
    out
}

fn seed() -> Analysis {
    analyze(SEEDS[0].text, &Options::default())
}

#[test]
fn seed_sentences_read_right() {
    let a = seed();
    assert_eq!(
        annotated_sentence(&a, "Russia said on Thursday"),
        "[Russia]GPE said on [Thursday]DATE that it planned to build close ties with [North Korea]GPE in all areas, [a day after]DATE \
         [South Korea]GPE, [Japan]GPE and the [United States]GPE condemned what they said were weapons supplies from \
         [Pyongyang]GPE to [Moscow]GPE."
    );
    assert_eq!(
        annotated_sentence(&a, "held a summit"),
        "[North Korean]NORP leader [Kim Jong Un]PER and [Russian]NORP President [Vladimir Putin]PER held a summit in \
         [Russia]GPE in [September]DATE at which they discussed military matters, the war in [Ukraine]GPE and possible \
         [Russian]NORP help for the secretive state's satellite programme."
    );
    assert!(annotated_sentence(&a, "Kremlin spokesman").contains("[Kremlin]ORG spokesman [Dmitry Peskov]PER said"));
    assert!(annotated_sentence(&a, "20-month").contains("its [20-month]DATE war in [Ukraine]GPE"));
}

#[test]
fn seed_entities_are_merged_with_roles_and_places() {
    let a = seed();
    let find = |name: &str| a.entities.iter().find(|e| e.name == name).unwrap_or_else(|| panic!("no entity {name}: {:#?}", a.entities));
    let putin = find("Vladimir Putin");
    assert_eq!((putin.label, putin.count), (Label::Person, 3), "Putin, Vladimir Putin twice");
    assert_eq!(putin.role.as_deref(), Some("Russia's President"));
    let kim = find("Kim Jong Un");
    assert_eq!((kim.label, kim.count), (Label::Person, 4), "Kim in the alt text and the last paragraph are Kim Jong Un");
    let peskov = find("Dmitry Peskov");
    assert_eq!(peskov.count, 2);
    assert_eq!(peskov.role.as_deref(), Some("Kremlin spokesman"));
    for person in ["Mark Trevelyan", "Andrew Osborn", "Artem Geodakyan"] {
        assert_eq!(find(person).label, Label::Person);
    }
    for group in ["Russian", "North Korean"] {
        assert_eq!(find(group).label, Label::Norp);
    }
    assert_eq!(find("Vostochny Cosmodrome").label, Label::Loc);
    for org in ["Reuters", "Sputnik", "Kremlin"] {
        assert_eq!(find(org).label, Label::Org);
    }
    let russia = find("Russia");
    assert_eq!(russia.label, Label::Gpe);
    assert_eq!(russia.count, 7);
    assert_eq!(russia.place.as_ref().unwrap().kind, "country");
    assert_eq!(find("Pyongyang").place.as_ref().unwrap().capital_of.as_deref(), Some("North Korea"));
    assert_eq!(find("Moscow").place.as_ref().unwrap().capital_of.as_deref(), Some("Russia"));
    // Every mention points at an entity of its own type, and every entity lists its mentions.
    for (i, m) in a.mentions.iter().enumerate() {
        assert!(a.entities[m.entity].mentions.contains(&i));
        assert_eq!(a.entities[m.entity].label, m.label);
    }
}

#[test]
fn headlines_lowercase_and_possessives() {
    let a = analyze(
        "PUTIN MEETS MACRON IN PARIS\n\nRussian President Vladimir Putin's plane landed in Paris on Tuesday. Putin met Emmanuel Macron.",
        &Options::default(),
    );
    let putin = a.entities.iter().find(|e| e.name == "Vladimir Putin").expect("Putin");
    assert_eq!(putin.label, Label::Person);
    assert!(a.mentions.iter().any(|m| m.span.of(&a.text) == "Vladimir Putin"), "the possessive is split off");
    // The capitalised headline's "PUTIN" is the same person.
    assert!(putin.mentions.iter().any(|&m| a.mentions[m].span.of(&a.text) == "PUTIN"), "{:#?}", a.mentions);
    let paris = a.entities.iter().find(|e| e.name == "Paris").expect("Paris");
    assert_eq!(paris.label, Label::Gpe);
    let a = analyze("north korea's leader met the russian president in moscow on tuesday.", &Options::default());
    assert!(a.mentions.iter().any(|m| m.label == Label::Date), "dates by rule even in lowercase");
    // Text without case is truecased for the tagger; the spans still point into it as written.
    let found = |a: &lede::analysis::Analysis, label: Label, surface: &str| {
        a.mentions.iter().any(|m| m.label == label && m.span.of(&a.text) == surface)
    };
    assert!(found(&a, Label::Gpe, "moscow"), "{:#?}", a.mentions);
    assert!(found(&a, Label::Norp, "russian"), "{:#?}", a.mentions);
    assert!(found(&a, Label::Gpe, "north korea"), "{:#?}", a.mentions);
    let a = analyze("ukrainian president volodymyr zelenskiy met german chancellor olaf scholz in berlin on friday.", &Options::default());
    assert!(found(&a, Label::Person, "olaf scholz"), "{:#?}", a.mentions);
    assert!(found(&a, Label::Gpe, "berlin"), "{:#?}", a.mentions);
    // A name the training text never shows is cased like its cluster's words ("putin"
    // beside "yeltsin").
    let b = analyze("president vladimir putin will travel to beijing next month, the kremlin said on friday.", &Options::default());
    assert!(found(&b, Label::Person, "vladimir putin"), "{:#?}", b.mentions);
    // The entities panel shows the names as a reader would write them.
    let names: Vec<&str> = a.entities.iter().map(|e| e.name.as_str()).collect();
    assert!(names.contains(&"Olaf Scholz") && names.contains(&"Berlin"), "{names:?}");
    let a = analyze("UKRAINIAN PRESIDENT MET GERMAN CHANCELLOR OLAF SCHOLZ IN BERLIN ON FRIDAY AFTER TALKS IN PARIS.", &Options::default());
    assert!(found(&a, Label::Person, "OLAF SCHOLZ"), "{:#?}", a.mentions);
    assert!(found(&a, Label::Gpe, "PARIS"), "{:#?}", a.mentions);
}

#[test]
fn a_dateline_names_a_place_and_an_agency() {
    let a = analyze(
        "Amazon to invest in Ohio\n\nSEATTLE (Reuters) - Amazon Web Services plans to spend $10 billion on data centres in Ohio, it said on Monday.",
        &Options::default(),
    );
    assert_eq!(
        annotated_sentence(&a, "SEATTLE"),
        "[SEATTLE]GPE ([Reuters]ORG) - [Amazon Web Services]ORG plans to spend [$10 billion]MONEY on data centres in [Ohio]GPE, it said on [Monday]DATE."
    );
    let seattle = a.mentions.iter().find(|m| m.span.of(&a.text) == "SEATTLE").unwrap();
    assert_eq!(serde_json::to_value(&seattle.source).unwrap()["rule"], "dateline");
    // A place and its state are two places, and the first is the story's own (a CNN page
    // copied as text puts its dateline on a line of its own).
    let b =
        analyze("Storm nears\n\nSiesta Key, Florida CNN —\nResidents of Siesta Key were told to leave on Tuesday.", &Options::default());
    let places: Vec<(&str, Label)> = b.mentions.iter().filter(|m| m.label.is_name()).map(|m| (m.span.of(&b.text), m.label)).collect();
    assert_eq!(places, [("Siesta Key", Label::Loc), ("Florida", Label::Gpe), ("CNN", Label::Org), ("Siesta Key", Label::Loc)]);
}

#[test]
fn a_name_after_a_role_is_a_person() {
    let a = analyze(
        "Title\n\nTesla chief executive Elon Musk has said the company's future depends on self-driving cars.",
        &Options::default(),
    );
    let musk = a.mentions.iter().find(|m| m.span.of(&a.text) == "Elon Musk").expect("a mention");
    assert_eq!(musk.label, Label::Person);
    assert_eq!(musk.role.map(|r| r.of(&a.text)), Some("Tesla chief executive"), "the role with its organisation");
}

#[test]
fn a_role_word_is_not_always_a_role() {
    // After "to" it is a verb; a name ending on a word for an organisation is one.
    let a = analyze(
        "Title\n\nFormer goalkeeper Dominique Baratelli is to coach Nice, the club said. Aziz spoke in a statement carried by \
         the official Iraqi News Agency. Jordan said in a statement released by Warner Bros. on Friday.",
        &Options::default(),
    );
    let label =
        |name: &str| a.mentions.iter().find(|m| m.span.of(&a.text) == name).unwrap_or_else(|| panic!("no {name}: {:?}", a.mentions)).label;
    assert_ne!(label("Nice"), Label::Person);
    assert_eq!(label("Iraqi News Agency"), Label::Org);
    assert_eq!(label("Warner Bros."), Label::Org);
}

#[test]
fn political_parties_are_organisations() {
    let a = analyze(
        "Election results\n\nReform UK won five seats, while the Liberal Democrats held theirs. Alternative for Germany \
         gained in the east. Sinn Fein and Plaid Cymru also gained, and Labour lost ground. Members of the Kurdistan \
         Democratic Party met in Arbil.",
        &Options::default(),
    );
    let orgs: Vec<&str> = a.mentions.iter().filter(|m| m.label == Label::Org).map(|m| m.span.of(&a.text)).collect();
    assert_eq!(
        orgs,
        ["Reform UK", "Liberal Democrats", "Alternative for Germany", "Sinn Fein", "Plaid Cymru", "Labour", "Kurdistan Democratic Party"],
        "a longer name holding a party's is kept whole"
    );
    assert!(!a.mentions.iter().any(|m| matches!(m.span.of(&a.text), "UK" | "Germany")), "no country inside a party's name");
}

#[test]
fn todays_companies_are_organisations() {
    let a = analyze(
        "Nvidia shares jump\n\nNvidia reported record revenue on Wednesday as demand for its chips from Microsoft, Meta \
         and Amazon kept growing. Deforestation in the Amazon fell.",
        &Options::default(),
    );
    let labels: Vec<(&str, Label)> = a.mentions.iter().filter(|m| m.label.is_name()).map(|m| (m.span.of(&a.text), m.label)).collect();
    for name in ["Microsoft", "Meta"] {
        assert!(labels.contains(&(name, Label::Org)), "{name}: {labels:?}");
    }
    assert_eq!(labels.iter().filter(|(n, _)| *n == "Amazon").map(|(_, l)| *l).next(), Some(Label::Org), "{labels:?}");
    // Found where the tagger missed them, unless the training text writes the word in lowercase.
    let b = analyze(
        "Title\n\nApple said in June that it would add the technology. Musk's own startup, xAI, raised money. Zoom in on it.",
        &Options::default(),
    );
    let listed = |m: &&lede::analysis::mention::Mention| matches!(&m.source, Source::Rule { rule: Rule::KnownOrganisation });
    let orgs: Vec<(&str, Label)> = b.mentions.iter().filter(listed).map(|m| (m.span.of(&b.text), m.label)).collect();
    assert_eq!(orgs, [("Apple", Label::Org), ("xAI", Label::Org)]);
    // After "the" the name is left to the tagger: the rainforest is not the company.
    let last = a.mentions.iter().rev().find(|m| m.span.of(&a.text) == "Amazon");
    assert!(last.is_none_or(|m| !matches!(&m.source, Source::Rule { .. })), "{labels:?}");
}

#[test]
fn a_headline_in_title_case_is_read_in_the_articles_casing() {
    let body = "\n\nPresident Joe Biden said on Monday that Donald Trump was a danger. The Fed chair spoke on inflation.";
    let names = |title: &str| {
        let a = analyze(&format!("{title}{body}"), &Options::default());
        let s = a.sentences[0];
        a.mentions
            .iter()
            .filter(|m| s.contains(m.span) && m.label.is_name())
            .map(|m| (m.span.of(&a.text).to_string(), m.label))
            .collect::<Vec<_>>()
    };
    // "Inflation Cools" was an organisation, and "Trump" went unseen.
    assert_eq!(names("Fed Holds Rates Steady as Inflation Cools"), [("Fed".to_string(), Label::Org)]);
    assert_eq!(
        names("Biden Says Trump Would Be a Danger to Democracy"),
        [("Biden".to_string(), Label::Person), ("Trump".to_string(), Label::Person)]
    );
    // A place of several words keeps its capitals.
    assert!(names("Supreme Court Rejects Appeal Over New York Gun Law").contains(&("New York".to_string(), Label::Gpe)));
}

#[test]
fn a_name_does_not_end_on_a_connector() {
    let a = analyze("Title\n\nReal Madrid won the Champions League for a record 15th time on Saturday.", &Options::default());
    assert_eq!(
        annotated_sentence(&a, "Real Madrid"),
        "[Real Madrid]ORG won the [Champions League]MISC for a record [15th]ORDINAL time on [Saturday]DATE."
    );
}

#[test]
fn a_role_in_an_appositive_after_the_name() {
    let a = analyze("Title\n\nYvette Cooper, the home secretary, said the changes would be phased in.", &Options::default());
    let cooper = a.entities.iter().find(|e| e.name == "Yvette Cooper").expect("the person");
    assert_eq!(cooper.role.as_deref(), Some("home secretary"));
    // Not a role: the words after the name describe something else.
    let b = analyze("Title\n\nYvette Cooper, the first to arrive, said the changes would be phased in.", &Options::default());
    assert_eq!(b.entities.iter().find(|e| e.name == "Yvette Cooper").expect("the person").role, None);
}

#[test]
fn the_lexicon_knows_word_clusters() {
    let lex = &lede::analysis::ner::tagger().expect("the bundled tagger").lexicon;
    let cluster = |w: &str| lex.get(w).map_or(0, |f| f.cluster);
    assert!(["nvidia", "intel", "kyiv", "altman", "the"].iter().all(|w| cluster(w) != 0));
    // Only the place names are places: a word known for its cluster alone is not a name.
    assert!(!lex.get("nvidia").unwrap().is_name() && lex.get("kyiv").unwrap().is_name());
}

#[test]
fn a_sentence_opening_word_is_not_part_of_the_name_after_it() {
    let a = analyze(
        "Title\n\nThe Commerce Department said orders rose 1.8 percent in July. But Levy said the Treasury Department would wait.",
        &Options::default(),
    );
    assert_eq!(annotated_sentence(&a, "Commerce"), "The [Commerce Department]ORG said orders rose [1.8 percent]PERCENT in [July]DATE.");
    assert_eq!(annotated_sentence(&a, "Levy"), "But [Levy]PER said the [Treasury Department]ORG would wait.");
}

#[test]
fn acronyms_join_their_long_form() {
    let a = analyze(
        "Title\n\nThe European Union said on Monday it would act. EU officials declined to comment, a European Union spokesman said.",
        &Options::default(),
    );
    let eu = a.entities.iter().find(|e| e.name == "European Union").expect("the long form");
    assert!(eu.mentions.iter().any(|&m| a.mentions[m].span.of(&a.text) == "EU"), "{:#?}", a.entities);
}

#[test]
fn numbers_money_percent_and_times() {
    let a = analyze(
        "Title\n\nShares rose 5 percent to $4.5 billion at 10:15 a.m. on Oct. 26, the first gain in three weeks, 20 km away.",
        &Options::default(),
    );
    let got: Vec<(String, &str)> =
        a.mentions.iter().filter(|m| !m.label.is_name()).map(|m| (m.span.of(&a.text).to_string(), m.label.code())).collect();
    let want = [
        ("5 percent", "PERCENT"),
        ("$4.5 billion", "MONEY"),
        ("10:15 a.m.", "TIME"),
        ("Oct. 26", "DATE"),
        ("first", "ORDINAL"),
        ("three weeks", "DATE"),
        ("20 km", "QUANTITY"),
    ];
    let want: Vec<(String, &str)> = want.iter().map(|(a, b)| (a.to_string(), *b)).collect();
    assert_eq!(got, want);
}

#[test]
fn dates_with_the_day_first_and_reference_marks() {
    // As British papers and Wikipedia write them; the bracketed numbers are references.
    let a = analyze(
        "Title\n\nHe was born on 14 June 1958.[1] He served from 8 December 2021 to 6 May 2025.[2][3] \
         The vote is on the 14th of June, not June 3rd, and 3 Oct. was a Friday. It was filed on 14/06/2023, \
         on 14.06.2023 and on 06/07/2023, open 24/7.",
        &Options::default(),
    );
    let got: Vec<(&str, &str)> = a.mentions.iter().filter(|m| !m.label.is_name()).map(|m| (m.span.of(&a.text), m.label.code())).collect();
    assert_eq!(
        got,
        [
            ("14 June 1958", "DATE"),
            ("8 December 2021", "DATE"),
            ("6 May 2025", "DATE"),
            ("the 14th of June", "DATE"),
            ("June 3rd", "DATE"),
            ("3 Oct.", "DATE"),
            ("Friday", "DATE"),
            ("14/06/2023", "DATE"),
            ("14.06.2023", "DATE"),
            ("06/07/2023", "DATE"),
            ("24", "CARDINAL"),
            ("7", "CARDINAL"),
        ]
    );
    let values: Vec<(&str, Option<&str>)> = a.times.iter().map(|t| (t.span.of(&a.text), t.value.as_deref())).collect();
    for want in [
        ("14 June 1958", Some("1958-06-14")),
        ("8 December 2021", Some("2021-12-08")),
        ("6 May 2025", Some("2025-05-06")),
        ("14/06/2023", Some("2023-06-14")),
        ("14.06.2023", Some("2023-06-14")),
        // The 6th of July or June 7th: not resolved, and the rule says why.
        ("06/07/2023", None),
    ] {
        assert!(values.contains(&want), "{want:?} not in {values:?}");
    }
    let ambiguous = a.times.iter().find(|t| t.span.of(&a.text) == "06/07/2023").unwrap();
    assert_eq!(ambiguous.rule, lede::analysis::dates::DateRule::AmbiguousNumericDate);
    let sentences: Vec<&str> = a.sentences.iter().map(|s| s.of(&a.text)).collect();
    assert_eq!(sentences[1], "He was born on 14 June 1958.[1]");
}

#[test]
fn a_roster_sharing_a_first_name_keeps_each_person_apart() {
    // Two thousand Johns (a list of names, the kind pasted from a roster or a results
    // table): each is a person of their own, and a surname alone is the one John who has
    // it. Linking used to compare every John with every other (20 s for 740 KB).
    let syllables = ["ka", "ro", "mi", "ten", "su", "bor", "li", "van"];
    let surname = |i: usize| {
        let s: String = [i % 8, i / 8 % 8, i / 64 % 8, i / 512 % 8].iter().map(|&k| syllables[k]).collect();
        let mut c = s.chars();
        c.next().map(|f| f.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
    };
    let mut text = String::from("Club roster\n\n");
    for i in 0..2000 {
        text.push_str(&format!("John {} joined the club in Paris.\n\n", surname(i)));
    }
    text.push_str(&format!("Later, {} spoke to reporters.\n", surname(1234)));
    let a = analyze(&text, &Options::default());
    let johns: Vec<&str> = a.entities.iter().filter(|e| e.label == Label::Person).map(|e| e.name.as_str()).collect();
    assert!(johns.len() >= 1900, "{} people", johns.len());
    assert!(johns.iter().all(|n| n.starts_with("John ")), "{:?}", johns.iter().find(|n| !n.starts_with("John ")));
    let named = a.entities.iter().find(|e| e.name == format!("John {}", surname(1234))).unwrap();
    assert_eq!(named.count, 2, "the surname alone is the same person");
}

#[test]
fn a_list_of_names_sharing_their_first_words_keeps_each_apart() {
    // "Bank of ..." again and again: each bank is its own organisation, named twice.
    // (Same-name propagation looked through every name starting with "Bank of" at every
    // "Bank": 1.2 s for 480 KB of such a list.)
    let syllables = ["Ka", "Ro", "Mi", "Ten", "Su", "Bor", "Li", "Van"];
    let place = |i: usize| format!("{}{}", syllables[i % 8], syllables[i / 8 % 8].to_lowercase());
    let mut text = String::from("Central banks\n\n");
    for i in 0..64 {
        text.push_str(&format!("The Bank of {} cut rates on Monday, the Bank of {} said.\n\n", place(i), place(i)));
    }
    let a = analyze(&text, &Options::default());
    let banks: Vec<(&str, usize)> =
        a.entities.iter().filter(|e| e.name.starts_with("Bank of")).map(|e| (e.name.as_str(), e.count)).collect();
    assert_eq!(banks.len(), 64, "{banks:?}");
    assert!(banks.iter().all(|(_, count)| *count == 2), "{banks:?}");
}

#[test]
fn a_named_storm_is_an_event_and_its_name_alone_is_the_same_storm() {
    let a = analyze(
        "Title\n\nHurricane Milton made landfall near Siesta Key on Wednesday. Tropical Storm Debby had flooded the coast in August. \
         Milton weakened as it crossed the state, the National Hurricane Center said.",
        &Options::default(),
    );
    assert_eq!(annotated_sentence(&a, "Siesta"), "[Hurricane Milton]MISC made landfall near [Siesta Key]LOC on [Wednesday]DATE.");
    assert_eq!(annotated_sentence(&a, "Debby"), "[Tropical Storm Debby]MISC had flooded the coast in [August]DATE.");
    let milton = a.entities.iter().find(|e| e.name == "Hurricane Milton").expect("the storm");
    assert_eq!((milton.label, milton.count), (Label::Misc, 2), "{:?}", a.entities);
    // An institution named after storms is not one.
    assert!(a.mentions.iter().all(|m| m.span.of(&a.text) != "Hurricane Center"));
}

#[test]
fn news_organisations_are_organisations() {
    let a = analyze(
        "Title\n\nBy Jane Smith, Al Jazeera\n\nSpeaking to Al Jazeera, the minister said the Guardian had the figures wrong.",
        &Options::default(),
    );
    let label = |a: &Analysis, name: &str| a.entities.iter().find(|e| e.name == name).map(|e| e.label);
    assert_eq!(a.article.byline.as_ref().map(|b| b.value.as_str()), Some("Jane Smith"), "the outlet is not a byline's name");
    assert_eq!(a.article.publisher.as_ref().map(|p| p.value.as_str()), Some("Al Jazeera"));
    assert_eq!(label(&a, "Al Jazeera"), Some(Label::Org), "{:?}", a.entities);
    assert_eq!(label(&a, "Guardian"), Some(Label::Org), "after \"the\", as \"The Guardian\"");
    // An outlet the list does not know is one when the article names it as its publisher.
    let b = analyze(
        "Title\n\nThe minister told Mother Jones on Monday that the vote was lost. Speaking to Mother Jones, he said more.\n\nSource: Mother Jones",
        &Options::default(),
    );
    assert_eq!(b.article.publisher.as_ref().map(|p| p.value.as_str()), Some("Mother Jones"));
    let outlet: Vec<_> = b.mentions.iter().filter(|m| m.span.of(&b.text) == "Mother Jones").map(|m| m.label).collect();
    assert_eq!(outlet, [Label::Org, Label::Org], "not a person");
}
