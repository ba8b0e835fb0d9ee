//! Component tests in a real browser (headless Chromium): each component is
//! mounted into a div of the page and asserted on through the DOM.
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test-web`.
#![cfg(target_arch = "wasm32")]

use lede::analysis::{analyze, Analysis, Options};
use lede::seeds::SEEDS;
use lede::ui::components::{
    AboutPanel, AboutPanelProps, ArticleView, ArticleViewProps, EntitiesPanel, EntitiesPanelProps, IntegrityPanel, IntegrityPanelProps,
    MetadataPanel, MetadataPanelProps, QuotesPanel, QuotesPanelProps, SourcesPanel, SourcesPanelProps, StatsPanel, StatsPanelProps,
    TimelinePanel, TimelinePanelProps,
};
use lede::ui::shared::Shared;
use lede::ui::{App, AppProps, Engine};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn root() -> Element {
    let doc = gloo_document();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div
}

fn gloo_document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn seed_analysis() -> Shared<Analysis> {
    Shared::new(analyze(SEEDS[0].text, &Options::default()))
}

/// The analysis the app gets in these tests: on the page's thread (no worker build here).
fn analyze_ok(text: &str) -> Result<Analysis, String> {
    Ok(analyze(text, &Options::default()))
}

/// Fails for texts that ask for it, as a bug in the core would.
fn analyze_or_fail(text: &str) -> Result<Analysis, String> {
    if text.contains("PLEASE FAIL") {
        return Err("the core panicked (simulated)".into());
    }
    analyze_ok(text)
}

/// Mounts the app on empty storage (tests share one page) and lets its effects run.
async fn render_app(root: &Element, analyze: fn(&str) -> Result<Analysis, String>) {
    web_sys::window().unwrap().local_storage().unwrap().unwrap().clear().unwrap();
    yew::Renderer::<App>::with_root_and_props(root.clone(), AppProps { engine: Engine::InPage(analyze) }).render();
    settle().await;
}

/// Runs renders until effects that set state have re-rendered.
async fn settle() {
    for _ in 0..3 {
        yew::scheduler::flush().await;
    }
}

fn click(root: &Element, selector: &str) {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector}")).dyn_into::<HtmlElement>().unwrap().click();
}

/// Types `text` into the editor, as the reader's input event delivers it.
fn type_draft(root: &Element, text: &str) {
    let area: web_sys::HtmlTextAreaElement = root.query_selector("[data-testid=draft]").unwrap().unwrap().dyn_into().unwrap();
    area.set_value(text);
    area.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
}

fn text_of(root: &Element, selector: &str) -> String {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector}")).text_content().unwrap_or_default()
}

fn all_text(root: &Element, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).map(|i| list.item(i).unwrap().text_content().unwrap_or_default()).collect()
}

#[wasm_bindgen_test]
async fn article_view_renders_the_seed_header_body_and_links() {
    let r = root();
    let picked = Rc::new(std::cell::Cell::new(None));
    let sink = picked.clone();
    yew::Renderer::<ArticleView>::with_root_and_props(
        r.clone(),
        ArticleViewProps {
            analysis: seed_analysis(),
            hidden: Vec::new(),
            selected_entity: None,
            selected_quote: None,
            selected_source: None,
            on_pick: yew::Callback::from(move |e| sink.set(Some(e))),
        },
    )
    .render();
    yew::scheduler::flush().await;
    // A click on a mention picks its entity.
    let mention: HtmlElement = r.query_selector("[data-testid=body] [data-testid=mention]").unwrap().unwrap().dyn_into().unwrap();
    let entity = mention.get_attribute("data-entity").unwrap().parse::<usize>().unwrap();
    mention.click();
    assert_eq!(picked.get(), Some(entity));
    assert_eq!(text_of(&r, "[data-testid=title]"), "Russia says it will build close ties with North Korea 'in all areas'");
    assert_eq!(text_of(&r, "[data-testid=publisher]"), "Reuters");
    assert_eq!(text_of(&r, "[data-testid=published]"), "2023-10-26 10:15");
    assert!(text_of(&r, "[data-testid=image-alt]").contains("Putin and North Korea's leader Kim meet in Amur region"));
    assert!(text_of(&r, "[data-testid=caption]").ends_with("Sputnik/Artem Geodakyan/Pool via REUTERS/File Photo"));
    assert!(text_of(&r, "[data-testid=credits]").starts_with("Reporting by Reuters"));
    let paragraphs = all_text(&r, "[data-testid=body] > p:not(.caption):not(.credits)");
    assert_eq!(paragraphs.len(), 6);
    assert!(paragraphs[0].starts_with("Russia said on Thursday"));
    // Inline links stay links, with safe rel attributes.
    let link = r.query_selector("[data-testid=body] a.internal").unwrap().expect("an inline link");
    assert_eq!(link.text_content().unwrap(), "condemned");
    assert_eq!(link.get_attribute("rel").as_deref(), Some("noopener noreferrer"));
    // The repaired word is marked.
    assert_eq!(all_text(&r, "mark.finding"), ["Cosmodrome"]);
}

#[wasm_bindgen_test]
async fn metadata_panel_shows_every_field() {
    let r = root();
    yew::Renderer::<MetadataPanel>::with_root_and_props(r.clone(), MetadataPanelProps { analysis: seed_analysis() }).render();
    yew::scheduler::flush().await;
    let panel = text_of(&r, "[data-testid=metadata-panel]");
    for expected in
        ["Reuters", "2023-10-26T10:15:00", "reuters.com", "Markdown", "Artem Geodakyan", "Sputnik", "Mark Trevelyan", "Andrew Osborn"]
    {
        assert!(panel.contains(expected), "metadata panel lacks {expected}: {panel}");
    }
    let credit = text_of(&r, "[data-testid=photo-credit]");
    assert!(credit.contains("Distributed by") && credit.contains("Reuters"));
    assert_eq!(all_text(&r, "[data-testid=links] li").len(), 2);
    assert_eq!(all_text(&r, "[data-testid=credits-roles] dt"), ["Reporting", "Writing", "Editing"]);
}

#[wasm_bindgen_test]
async fn integrity_panel_lists_the_seed_findings_in_order() {
    let r = root();
    yew::Renderer::<IntegrityPanel>::with_root_and_props(r.clone(), IntegrityPanelProps { analysis: seed_analysis() }).render();
    yew::scheduler::flush().await;
    let findings = all_text(&r, "[data-testid=finding]");
    assert_eq!(findings.len(), 2);
    assert!(findings[0].starts_with("Mojibake") && findings[0].contains("Ð¡"));
    assert!(findings[1].starts_with("Mixed-script word") && findings[1].contains("Cosmodrome"));
}

#[wasm_bindgen_test]
async fn app_opens_on_the_seed_and_analyzes_a_pasted_article() {
    let r = root();
    render_app(&r, analyze_ok).await;
    assert!(text_of(&r, "[data-testid=title]").starts_with("Russia says"));
    let entries = all_text(&r, "[data-testid=library-entry]");
    assert_eq!(entries.len(), SEEDS.len());

    r.query_selector("[data-testid=new-article]").unwrap().unwrap().dyn_into::<HtmlElement>().unwrap().click();
    yew::scheduler::flush().await;
    type_draft(&r, "Pasted headline\nBy Jane Doe\nOctober 26, 2023\n\nLONDON (Reuters) - Something happened today.");
    yew::scheduler::flush().await;
    r.query_selector("[data-testid=analyze]").unwrap().unwrap().dyn_into::<HtmlElement>().unwrap().click();
    settle().await;
    assert_eq!(text_of(&r, "[data-testid=title]"), "Pasted headline");
    let meta = text_of(&r, "[data-testid=metadata-panel]");
    assert!(meta.contains("Jane Doe") && meta.contains("2023-10-26") && meta.contains("LONDON"), "{meta}");
}

#[wasm_bindgen_test]
async fn entities_panel_groups_by_type_and_reports_choice() {
    let r = root();
    let chosen = Rc::new(std::cell::Cell::new(None));
    let sink = chosen.clone();
    let props = EntitiesPanelProps { analysis: seed_analysis(), selected: None, on_select: yew::Callback::from(move |e| sink.set(e)) };
    yew::Renderer::<EntitiesPanel>::with_root_and_props(r.clone(), props).render();
    yew::scheduler::flush().await;
    let groups = all_text(&r, ".entity-group h3");
    // Distinct entities and mentions, each named as such (the legend counts mentions).
    let people_mentions = seed_analysis().mentions.iter().filter(|m| m.label == lede::analysis::mention::Label::Person).count();
    let person = format!("Person · 6 distinct, {people_mentions} mentions");
    assert!(groups.contains(&person), "{groups:?}");
    assert!(groups.iter().any(|g| g.starts_with("Nationality or group · 2 distinct, ")), "{groups:?}");
    let people = all_text(&r, ".entity-group:first-child [data-testid=entity] .entity-name");
    assert_eq!(people[0], "Kim Jong Un", "most mentioned first");
    let bars = r.query_selector_all("[data-testid=entity-chart] rect.bar").unwrap().length();
    assert_eq!(bars, 7, "PER, NORP, ORG, GPE, LOC, DATE and CARDINAL");
    let first: HtmlElement = r.query_selector("[data-testid=entity]").unwrap().unwrap().dyn_into().unwrap();
    first.click();
    yew::scheduler::flush().await;
    assert!(chosen.get().is_some());
}

#[wasm_bindgen_test]
async fn legend_hides_a_type_and_choosing_an_entity_marks_its_mentions() {
    let r = root();
    render_app(&r, analyze_ok).await;
    let before = r.query_selector_all("[data-testid=mention].ent-PER:not(.off)").unwrap().length();
    assert!(before >= 10, "{before}");
    let per: HtmlElement = r.query_selector(".legend-item.ent-PER").unwrap().unwrap().dyn_into().unwrap();
    let chip = per.text_content().unwrap();
    let mentions = chip.strip_prefix("Person ").expect("the plain name, then the count");
    assert_eq!(per.title(), format!("{mentions} mentions: show or hide"), "the count is of mentions, and says so");
    per.click();
    yew::scheduler::flush().await;
    assert_eq!(r.query_selector_all("[data-testid=mention].ent-PER:not(.off)").unwrap().length(), 0);
    assert_eq!(per.get_attribute("aria-pressed").as_deref(), Some("false"));
    per.click();
    yew::scheduler::flush().await;

    let putin = (0..r.query_selector_all("[data-testid=entity]").unwrap().length())
        .map(|i| r.query_selector_all("[data-testid=entity]").unwrap().item(i).unwrap().dyn_into::<HtmlElement>().unwrap())
        .find(|b| b.text_content().unwrap_or_default().contains("Vladimir Putin"))
        .unwrap();
    putin.click();
    yew::scheduler::flush().await;
    let chosen = all_text(&r, ".ent.chosen");
    assert_eq!(chosen, ["Putin", "Vladimir Putin", "Vladimir Putin"]);
}

#[wasm_bindgen_test]
async fn quotes_panel_lists_speakers_and_roles() {
    let r = root();
    let props = QuotesPanelProps { analysis: seed_analysis(), selected: None, on_select: yew::Callback::noop() };
    yew::Renderer::<QuotesPanel>::with_root_and_props(r.clone(), props).render();
    yew::scheduler::flush().await;
    let speakers = all_text(&r, "[data-testid=quote-speaker]");
    assert_eq!(speakers, ["Russia", "Russia", "Dmitry Peskov", "Dmitry Peskov", "Dmitry Peskov"]);
    let items = all_text(&r, "[data-testid=quote]");
    assert!(items[2].contains("Kremlin spokesman") && items[2].contains("Direct"), "{items:?}");
    assert!(items[3].contains("pronoun"), "{items:?}");
}

#[wasm_bindgen_test]
async fn timeline_panel_orders_resolved_dates() {
    let r = root();
    yew::Renderer::<TimelinePanel>::with_root_and_props(r.clone(), TimelinePanelProps { analysis: seed_analysis() }).render();
    yew::scheduler::flush().await;
    let items = all_text(&r, "[data-testid=timeline-item] strong");
    assert_eq!(items, ["September 2023", "Wed 13 Sep 2023", "Wed 25 Oct 2023", "Thu 26 Oct 2023", "20 months"]);
    // Three days as dots, September as a bar over its days, and the time of writing as a tick.
    assert_eq!(r.query_selector_all("svg circle.mark").unwrap().length(), 3);
    assert_eq!(r.query_selector_all("svg rect.mark").unwrap().length(), 1);
    assert_eq!(r.query_selector_all("svg line.writing").unwrap().length(), 1);
    // A length of time is no point: it is listed apart, and not drawn.
    assert_eq!(all_text(&r, "[data-testid=timeline-lengths]"), ["Lengths of time"]);
    assert!(r.query_selector("[data-testid=ahead]").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn timeline_panel_marks_times_after_publication() {
    let r = root();
    let text = "Leaders to meet\n\nOctober 26, 2023\n\nGENEVA (Reuters) - The leaders met on Monday and will meet again on Friday.";
    let analysis = Shared::new(analyze(text, &Options::default()));
    yew::Renderer::<TimelinePanel>::with_root_and_props(r.clone(), TimelinePanelProps { analysis }).render();
    yew::scheduler::flush().await;
    assert_eq!(all_text(&r, "[data-testid=timeline-item] strong"), ["Mon 23 Oct 2023", "Fri 27 Oct 2023"]);
    assert_eq!(all_text(&r, "[data-testid=ahead]"), ["after publication"]);
    assert_eq!(r.query_selector_all("svg circle.mark.ahead").unwrap().length(), 1);
}

#[wasm_bindgen_test]
async fn about_panel_shows_keyphrases_and_a_summary() {
    let r = root();
    yew::Renderer::<AboutPanel>::with_root_and_props(r.clone(), AboutPanelProps { analysis: seed_analysis() }).render();
    yew::scheduler::flush().await;
    assert_eq!(all_text(&r, "[data-testid=keyphrase]").first().map(String::as_str), Some("North Korea"));
    let summary = all_text(&r, "[data-testid=summary-sentence]");
    assert_eq!(summary.len(), 3);
    assert!(summary[0].starts_with("Russia said on Thursday"));
}

#[wasm_bindgen_test]
async fn choosing_a_quote_marks_it_in_the_text_and_dates_show_their_value() {
    let r = root();
    render_app(&r, analyze_ok).await;
    let quote: HtmlElement = r.query_selector_all("[data-testid=quote]").unwrap().item(2).unwrap().dyn_into().unwrap();
    quote.click();
    yew::scheduler::flush().await;
    let chosen = all_text(&r, ".quote.chosen");
    let marks = r.query_selector_all("[data-testid=quote-mark]").unwrap().length();
    let pressed = quote.get_attribute("aria-pressed");
    assert!(chosen.concat().starts_with("There are many such reports"), "{chosen:?} marks={marks} pressed={pressed:?}");
    // A time is marked as a date mention, or as a time where no mention holds it.
    let marked = r.query_selector_all("[data-testid=time], [data-testid=mention]").unwrap();
    let relative = (0..marked.length())
        .filter_map(|i| marked.item(i).unwrap().dyn_into::<Element>().ok())
        .find(|t| t.text_content().as_deref() == Some("a day after"))
        .expect("a day after is marked");
    let tip = relative.get_attribute("data-tip").unwrap();
    assert!(tip.contains("resolved: 2023-10-25"), "{tip}");
    let thursday = r.query_selector_all("[data-testid=mention].ent-DATE").unwrap();
    let tips: Vec<String> = (0..thursday.length())
        .map(|i| thursday.item(i).unwrap().dyn_into::<Element>().unwrap().get_attribute("data-tip").unwrap())
        .collect();
    assert!(tips.iter().any(|t| t.contains("Thursday") || t.contains("resolved: 2023-10-26")), "{tips:?}");
}

#[wasm_bindgen_test]
async fn a_failed_analysis_shows_an_error_card_and_the_rest_of_the_app_works() {
    let r = root();
    render_app(&r, analyze_or_fail).await;
    click(&r, "[data-testid=new-article]");
    settle().await;
    type_draft(&r, "A headline that breaks things\n\nPLEASE FAIL while analyzing this paragraph.");
    settle().await;
    click(&r, "[data-testid=analyze]");
    settle().await;
    let card = text_of(&r, "[data-testid=analysis-error]");
    assert!(card.contains("could not be analyzed") && card.contains("simulated"), "{card}");
    assert!(r.query_selector("[data-testid=article]").unwrap().is_none(), "no half-rendered article");
    assert!(r.query_selector("[data-testid=retry-analysis]").unwrap().is_some());
    // The article is kept in the library, and the others still open and analyze.
    let entries = all_text(&r, "[data-testid=library-entry]");
    assert_eq!(entries.len(), SEEDS.len() + 1, "{entries:?}");
    let seed: HtmlElement = r.query_selector_all("[data-testid=library-entry]").unwrap().item(0).unwrap().dyn_into().unwrap();
    seed.click();
    settle().await;
    assert!(text_of(&r, "[data-testid=title]").starts_with("Russia says"));
    assert!(r.query_selector("[data-testid=analysis-error]").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn stats_panel_shows_counts_reading_time_and_readability() {
    let r = root();
    yew::Renderer::<StatsPanel>::with_root_and_props(r.clone(), StatsPanelProps { analysis: seed_analysis() }).render();
    yew::scheduler::flush().await;
    let values = all_text(&r, "[data-testid=stats-panel] dd");
    assert_eq!(values, ["6", "8", "190 in the body, 271 in all", "1.1 min", "54.9", "11.5"]);
}

#[wasm_bindgen_test]
async fn long_lists_show_a_hundred_then_all_on_request() {
    let r = root();
    let text = format!("Many quotes\n\n{}", "\"We will respond,\" Peskov said on Thursday.\n\n".repeat(150));
    let analysis = Shared::new(analyze(&text, &Options::default()));
    assert_eq!(analysis.quotes.len(), 150);
    let props = QuotesPanelProps { analysis, selected: None, on_select: yew::Callback::noop() };
    yew::Renderer::<QuotesPanel>::with_root_and_props(r.clone(), props).render();
    yew::scheduler::flush().await;
    assert_eq!(r.query_selector_all("[data-testid=quote]").unwrap().length(), 100);
    assert_eq!(text_of(&r, "[data-testid=show-all-quotes]"), "Show all 150 quotes");
    click(&r, "[data-testid=show-all-quotes]");
    yew::scheduler::flush().await;
    assert_eq!(r.query_selector_all("[data-testid=quote]").unwrap().length(), 150);
    assert!(r.query_selector("[data-testid=show-all-quotes]").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_long_article_is_drawn_in_chunks_until_all_of_it_is_there() {
    let r = root();
    let text = format!("A long article\n\n{}", "Dmitry Peskov met Vladimir Putin in Moscow on Thursday.\n\n".repeat(2000));
    let analysis = Shared::new(analyze(&text, &Options::default()));
    yew::Renderer::<ArticleView>::with_root_and_props(
        r.clone(),
        ArticleViewProps {
            analysis,
            hidden: Vec::new(),
            selected_entity: None,
            selected_quote: None,
            selected_source: None,
            on_pick: yew::Callback::noop(),
        },
    )
    .render();
    yew::scheduler::flush().await;
    let first = r.query_selector_all("[data-testid=body] p").unwrap().length();
    assert!(first > 0 && first < 2000, "the first chunk only: {first}");
    // The rest follows, one chunk per turn of the event loop.
    for _ in 0..200 {
        if r.query_selector_all("[data-testid=body] p").unwrap().length() == 2000 {
            break;
        }
        yew::platform::time::sleep(std::time::Duration::from_millis(5)).await;
        yew::scheduler::flush().await;
    }
    assert_eq!(r.query_selector_all("[data-testid=body] p").unwrap().length(), 2000);
    assert_eq!(r.query_selector_all("[data-testid=mention].ent-PER").unwrap().length(), 4000);
}

#[wasm_bindgen_test]
async fn sources_panel_lists_who_the_seed_quotes_and_reports_choice() {
    let r = root();
    let chosen = Rc::new(std::cell::Cell::new(None));
    let sink = chosen.clone();
    let props = SourcesPanelProps { analysis: seed_analysis(), selected: None, on_select: yew::Callback::from(move |x| sink.set(x)) };
    yew::Renderer::<SourcesPanel>::with_root_and_props(r.clone(), props).render();
    yew::scheduler::flush().await;
    // Peskov's three quotes hold most of the quoted words; Russia's are the headline's.
    assert_eq!(all_text(&r, "[data-testid=source-name]"), ["Dmitry Peskov", "Russia"]);
    let details = all_text(&r, "[data-testid=source-detail]");
    assert!(details[0].contains("3 quotes, 59 quoted words") && details[0].contains("Kremlin spokesman"), "{details:?}");
    assert!(details[1].contains("organisation"), "{details:?}");
    assert_eq!(text_of(&r, "[data-testid=sources-summary]"), "2 named · 0 unnamed · 1 organisation");
    click(&r, "[data-testid=source]");
    assert_eq!(chosen.get(), Some(0));
}

#[wasm_bindgen_test]
async fn sources_panel_counts_unnamed_sources() {
    let r = root();
    let a = analyze(
        "Talks resume\n\n\"The door is still open for talks,\" a senior official said.\n\n\"We will see,\" people familiar with the matter said.",
        &Options::default(),
    );
    let props = SourcesPanelProps { analysis: Shared::new(a), selected: Some(1), on_select: yew::Callback::noop() };
    yew::Renderer::<SourcesPanel>::with_root_and_props(r.clone(), props).render();
    yew::scheduler::flush().await;
    assert_eq!(all_text(&r, "[data-testid=source-name]"), ["a senior official", "people familiar with the matter"]);
    assert_eq!(r.query_selector_all(".source.unnamed").unwrap().length(), 2);
    assert_eq!(all_text(&r, ".source.chosen [data-testid=source-name]"), ["people familiar with the matter"]);
    assert!(text_of(&r, "[data-testid=sources-summary]").starts_with("0 named · 2 unnamed"));
}

#[wasm_bindgen_test]
async fn an_unsure_speaker_is_shown_as_unsure() {
    let r = root();
    let mut a = analyze(SEEDS[0].text, &Options::default());
    let peskov = a.quotes.iter().position(|q| q.kind == lede::analysis::quotes::QuoteKind::Direct).unwrap();
    a.quotes[peskov].confidence = Some(0.4);
    let props = QuotesPanelProps { analysis: Shared::new(a), selected: None, on_select: yew::Callback::noop() };
    yew::Renderer::<QuotesPanel>::with_root_and_props(r.clone(), props).render();
    yew::scheduler::flush().await;
    assert_eq!(all_text(&r, "[data-testid=quote-unsure]"), [" (unsure, 40%)"]);
    assert_eq!(all_text(&r, "[data-testid=quote-speaker].unsure"), ["Dmitry Peskov"]);
}

#[wasm_bindgen_test]
async fn choosing_a_source_marks_its_quotes_in_the_text() {
    let r = root();
    render_app(&r, analyze_ok).await;
    let peskov = (0..r.query_selector_all("[data-testid=source]").unwrap().length())
        .map(|i| r.query_selector_all("[data-testid=source]").unwrap().item(i).unwrap().dyn_into::<HtmlElement>().unwrap())
        .find(|b| b.text_content().unwrap_or_default().contains("Dmitry Peskov"))
        .unwrap();
    peskov.click();
    yew::scheduler::flush().await;
    // A quote is drawn in pieces where names cut it: count the quotes, not the pieces.
    let marked = r.query_selector_all(".quote.chosen").unwrap();
    let mut quotes: Vec<String> =
        (0..marked.length()).filter_map(|i| marked.item(i)?.dyn_into::<Element>().ok()?.get_attribute("data-quote")).collect();
    quotes.dedup();
    assert_eq!(quotes.len(), 3, "{quotes:?}");
    assert!(all_text(&r, ".quote.chosen").last().is_some_and(|t| t.contains("We don't comment on this")));
    assert_eq!(peskov.get_attribute("aria-pressed").as_deref(), Some("true"));
}
