//! The top-level component: the library sidebar, the annotated article and its panels.

use super::analyzer::{use_analysis, Analyzed, Engine, Status};
use super::browser;
use super::components::{
    AboutPanel, ArticleList, ArticleView, Editor, EntitiesPanel, IntegrityPanel, Legend, MetadataPanel, QuotesPanel, SourcesPanel,
    StatsPanel, TimelinePanel,
};
use super::library::{self, BACKUP_KEY, STORAGE_KEY};
use super::service_worker::UpdateBanner;
use super::state::{Action, AppState};
use crate::analysis::Severity;
use crate::analysis::{Analysis, Stage};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// Where analyses come from: the worker in the app, in the page in component tests.
    pub engine: Engine,
}

/// The whole app. The selected article's text is analyzed in the worker; until its analysis
/// arrives (or if it fails) a status card stands in for the article and its panels.
#[function_component]
pub fn App(props: &AppProps) -> Html {
    let state = use_reducer(AppState::default);
    let text = state.current().map(|e| e.text.clone()).unwrap_or_else(|| Rc::from(""));
    let analyzed = use_analysis(props.engine.clone(), Some(text));
    let analysis = analyzed.analysis();

    let on_select = {
        let state = state.clone();
        Callback::from(move |i: usize| state.dispatch(Action::Select(i)))
    };
    let on_new = {
        let state = state.clone();
        Callback::from(move |_: ()| state.dispatch(Action::OpenEditor))
    };
    let on_edit = {
        let state = state.clone();
        Callback::from(move |t: String| state.dispatch(Action::EditDraft(t)))
    };
    let on_submit = {
        let state = state.clone();
        Callback::from(move |_: ()| state.dispatch(Action::SubmitDraft))
    };
    let on_cancel = {
        let state = state.clone();
        Callback::from(move |_: ()| state.dispatch(Action::CloseEditor))
    };
    let on_toggle = {
        let state = state.clone();
        Callback::from(move |l| state.dispatch(Action::ToggleLabel(l)))
    };
    let on_entity = {
        let state = state.clone();
        Callback::from(move |e| state.dispatch(Action::SelectEntity(e)))
    };
    let on_quote = {
        let state = state.clone();
        Callback::from(move |q| state.dispatch(Action::SelectQuote(q)))
    };
    let on_source = {
        let state = state.clone();
        Callback::from(move |x| state.dispatch(Action::SelectSource(x)))
    };
    let dispatch = {
        let state = state.clone();
        Callback::from(move |a: Action| state.dispatch(a))
    };

    // Storage, once: bring back the user's articles and draft.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let mut restored = match browser::load(STORAGE_KEY) {
                Ok(Some(json)) => {
                    let r = library::decode(&json);
                    if r.unreadable {
                        // Keep what could not be read before anything overwrites it.
                        let _ = browser::save(BACKUP_KEY, &json);
                    }
                    r
                }
                Ok(None) => library::Restored::default(),
                Err(message) => library::Restored { problems: vec![message], ..Default::default() },
            };
            // The draft comes back last: opening the article the URL names closes the editor.
            let draft = restored.draft.take().filter(|d| !d.trim().is_empty());
            // What could not be restored is said once the URL's article is open (opening an
            // article clears the notices about the one before).
            let problems = std::mem::take(&mut restored.problems);
            dispatch.emit(Action::Restore(restored));
            // The URL names an article: open it (after the restore, so user articles exist).
            let hash = browser::hash();
            let mut parts = hash.split('&');
            if let Some(id) = parts.next().and_then(|p| p.strip_prefix("article=")).filter(|i| !i.is_empty()) {
                dispatch.emit(Action::SelectId(id.to_string()));
            }
            if let Some(e) = parts.find_map(|p| p.strip_prefix("entity=")).and_then(|e| e.parse().ok()) {
                dispatch.emit(Action::ShowEntity(Some(e)));
            }
            if !problems.is_empty() {
                dispatch.emit(Action::Notice(Some(problems.join(" "))));
            }
            if let Some(draft) = draft {
                dispatch.emit(Action::EditDraft(draft));
            }
        });
    }
    // Storage, on every change of the user's articles or the draft.
    {
        let dispatch = dispatch.clone();
        let json = state.restored.then(|| library::encode(&state.entries, state.draft.as_deref(), state.counter));
        use_effect_with(json, move |json| {
            if let Some(json) = json {
                if let Err(message) = browser::save(STORAGE_KEY, json) {
                    dispatch.emit(Action::Notice(Some(message)));
                }
            }
        });
    }
    // The URL hash follows the selected article and entity; back and forward follow the hash.
    {
        let id = state.current().map(|e| e.id.clone()).filter(|_| state.restored);
        let entity = state.selected_entity;
        use_effect_with((id, entity), |(id, entity)| {
            if let Some(id) = id {
                let mut h = format!("article={id}");
                if let Some(e) = entity {
                    h.push_str(&format!("&entity={e}"));
                }
                browser::set_hash(&h);
            }
        });
    }
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let listener = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
                let h = browser::hash();
                let mut parts = h.split('&');
                if let Some(id) = parts.next().and_then(|p| p.strip_prefix("article=")) {
                    dispatch.emit(Action::SelectId(id.to_string()));
                }
                let entity = parts.find_map(|p| p.strip_prefix("entity=")).and_then(|e| e.parse().ok());
                dispatch.emit(Action::ShowEntity(entity));
            });
            let window = web_sys::window();
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback("hashchange", wasm_bindgen::JsCast::unchecked_ref(listener.as_ref()));
            }
            move || {
                if let Some(w) = window {
                    let _ = w.remove_event_listener_with_callback("hashchange", wasm_bindgen::JsCast::unchecked_ref(listener.as_ref()));
                }
            }
        });
    }
    let on_export = {
        let analysis = analysis.clone();
        let dispatch = dispatch.clone();
        let fallback = state.current().map(|e| e.id.clone()).unwrap_or_default();
        Callback::from(move |_: MouseEvent| {
            let Some(analysis) = &analysis else { return };
            let art = &analysis.article;
            let name = library::export_stem(
                art.title.as_ref().map(|t| t.value.as_str()),
                art.published.as_ref().map(|p| p.iso.as_str()),
                &fallback,
            );
            let json = serde_json::to_string_pretty(&**analysis).unwrap_or_default();
            if let Err(m) = browser::download(&format!("{name}.lede.json"), &json, "application/json") {
                dispatch.emit(Action::Notice(Some(m)));
            }
        })
    };
    let on_copy_html = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            let result = browser::copy_rich("[data-testid=article]");
            dispatch.emit(Action::Notice(Some(match result {
                Ok(()) => "The annotated article was copied as HTML.".into(),
                Err(m) => m,
            })));
        })
    };
    // Live preview while typing: the draft is analyzed 300 ms after the last keystroke.
    let preview_text = use_state(|| None::<Rc<str>>);
    {
        let preview_text = preview_text.clone();
        use_effect_with(state.draft.clone(), move |draft| {
            let cancelled = Rc::new(std::cell::Cell::new(false));
            match draft.clone().filter(|d| !d.trim().is_empty()) {
                Some(d) => {
                    let flag = cancelled.clone();
                    yew::platform::spawn_local(async move {
                        yew::platform::time::sleep(std::time::Duration::from_millis(300)).await;
                        if !flag.get() {
                            preview_text.set(Some(Rc::from(d)));
                        }
                    });
                }
                None => preview_text.set(None),
            }
            move || cancelled.set(true)
        });
    }
    let preview = use_analysis(props.engine.clone(), (*preview_text).clone());
    let current_is_users = state.current().is_some_and(|e| !e.bundled);
    let on_edit_article = {
        let dispatch = dispatch.clone();
        let i = state.selected;
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::EditArticle(i)))
    };
    // Choosing a quote brings it into view.
    {
        let quote = state.selected_quote;
        use_effect_with(quote, |quote| {
            if let Some(q) = quote {
                scroll_to(&format!("quote-{q}"), web_sys::ScrollLogicalPosition::Center);
            }
        });
    }
    // Choosing a source brings its first quote into view.
    {
        let first = state.selected_source.and_then(|x| analysis.as_ref()?.sources.get(x)?.quotes.first().copied());
        use_effect_with(first, |first| {
            if let Some(q) = first {
                scroll_to(&format!("quote-{q}"), web_sys::ScrollLogicalPosition::Center);
            }
        });
    }
    // The one effect of choosing an entity in the panel: bring its first mention into view (a
    // mention picked in the text is in view already).
    {
        let first = state
            .selected_entity
            .filter(|_| !state.picked_in_text)
            .and_then(|e| analysis.as_ref()?.entities.get(e)?.mentions.first().copied());
        use_effect_with(first, |first| {
            if let Some(i) = first {
                scroll_to(&format!("mention-{i}"), web_sys::ScrollLogicalPosition::Center);
            }
        });
    }

    html! {
        <div class="app">
            <header class="app-bar">
                <span class="brand">{ "lede" }</span>
                <span class="tagline">{ "news analysis in your browser" }</span>
                <UpdateBanner />
            </header>
            <div class="layout">
                <ArticleList entries={state.entries.clone()} selected={state.selected} on_select={on_select} on_new={on_new} on_action={dispatch.clone()} />
                <main class="reading" id="main">
                    if let Some(notice) = state.notice.clone() {
                        <p class="notice" role="status" data-testid="notice">
                            { notice }
                            <button class="secondary" aria-label="Dismiss" onclick={dispatch.reform(|_: MouseEvent| Action::Notice(None))}>{ "×" }</button>
                        </p>
                    }
                    if let Some(draft) = state.draft.clone() {
                        <Editor text={draft} editing={state.editing.is_some()} on_edit={on_edit} on_submit={on_submit} on_cancel={on_cancel} on_action={dispatch.clone()} />
                        if preview.status != Status::Idle {
                            <section class="preview" aria-label="Live preview" data-testid="preview">
                                <h2 class="preview-title">{ "Live preview" }</h2>
                                if let Some(p) = preview.analysis() {
                                    { refusal(&p) }
                                    <ArticleView analysis={p} hidden={state.hidden.clone()} />
                                }
                                { status_card(&preview) }
                            </section>
                        }
                    } else if let Some(analysis) = analysis.clone() {
                        <div class="article-actions">
                            <Legend analysis={analysis.clone()} hidden={state.hidden.clone()} on_toggle={on_toggle} />
                            <div class="action-buttons">
                                // Past the text's marks to the panels: beside the text they are a long Tab away,
                                // below it (narrow windows) a long scroll.
                                <button class="secondary skip" data-testid="skip-to-panels" onclick={Callback::from(|_: MouseEvent| scroll_to("panels", web_sys::ScrollLogicalPosition::Start))}>{ "Skip to the panels" }</button>
                                if current_is_users {
                                    <button class="secondary" onclick={on_edit_article} data-testid="edit-article">{ "Edit" }</button>
                                }
                                <button class="secondary" onclick={on_export} data-testid="export-json" title="Download the analysis as JSON (see SCHEMA.md)">{ "Export JSON" }</button>
                                <button class="secondary" onclick={on_copy_html} data-testid="copy-html">{ "Copy as HTML" }</button>
                            </div>
                        </div>
                        { refusal(&analysis) }
                        <ArticleView analysis={analysis.clone()} hidden={state.hidden.clone()} selected_entity={state.selected_entity} selected_quote={state.selected_quote} selected_source={state.selected_source}
                            on_pick={dispatch.reform(Action::PickMention)} />
                    } else {
                        { status_card(&analyzed) }
                    }
                </main>
                if let Some(analysis) = analysis {
                    <aside class="panels" id="panels" tabindex="-1" aria-label="Analysis panels">
                        <EntitiesPanel analysis={analysis.clone()} selected={state.selected_entity} on_select={on_entity} />
                        <QuotesPanel analysis={analysis.clone()} selected={state.selected_quote} on_select={on_quote} />
                        <SourcesPanel analysis={analysis.clone()} selected={state.selected_source} on_select={on_source} />
                        <TimelinePanel analysis={analysis.clone()} />
                        <AboutPanel analysis={analysis.clone()} />
                        <MetadataPanel analysis={analysis.clone()} />
                        <IntegrityPanel analysis={analysis.clone()} />
                        <StatsPanel analysis={analysis} />
                    </aside>
                }
            </div>
        </div>
    }
}

/// The analysis' errors (input too large, a line too long), where the reader looks first:
/// above the article, not only in the integrity panel.
fn refusal(analysis: &Analysis) -> Html {
    html! {
        { for analysis.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| html! {
            <div class="status-card failed" role="alert" data-testid="analysis-refused"><p>{ &d.message }</p></div>
        }) }
    }
}

/// What stands in for an analysis that is not there: progress with Cancel while the worker
/// works, an error card with "Try again" after a failure, a note after a cancel. The user's
/// text is untouched in every case, and the rest of the app keeps working.
fn status_card(analyzed: &Analyzed) -> Html {
    let (cancel, retry) = (&analyzed.cancel, &analyzed.retry);
    match &analyzed.status {
        Status::Idle | Status::Ready(_) => html! {},
        Status::Working(progress) => {
            let label = match progress.map(|p| p.stage) {
                None => "Analyzing…",
                Some(Stage::Reading) => "Reading the article…",
                Some(Stage::Names) => "Finding names…",
                Some(Stage::Finishing) => "Linking entities, quotes and dates…",
            };
            let percent = progress.map(|p| (p.fraction * 100.0).round() as u32);
            html! {
                <div class="status-card working" role="status" data-testid="analysis-progress">
                    <p>{ label }{ percent.map(|p| format!(" {p} %")).unwrap_or_default() }</p>
                    <progress max="100" value={percent.map(|p| p.to_string())} aria-label="Analysis progress"></progress>
                    <button class="secondary" data-testid="cancel-analysis" onclick={cancel.reform(|_: MouseEvent| ())}>{ "Cancel" }</button>
                </div>
            }
        }
        Status::Failed(message) => html! {
            <div class="status-card failed" role="alert" data-testid="analysis-error">
                <p><strong>{ "This article could not be analyzed." }</strong>{ " Its text is kept, and the other articles still work." }</p>
                <p class="detail">{ message }</p>
                <button data-testid="retry-analysis" onclick={retry.reform(|_: MouseEvent| ())}>{ "Try again" }</button>
            </div>
        },
        Status::Cancelled => html! {
            <div class="status-card" role="status" data-testid="analysis-cancelled">
                <p>{ "Analysis cancelled. The text is kept." }</p>
                <button data-testid="retry-analysis" onclick={retry.reform(|_: MouseEvent| ())}>{ "Analyze" }</button>
            </div>
        },
    }
}

/// Scrolls the element with `id` into view (`block`: where in the window) and focuses it
/// (keyboard users land on it too).
fn scroll_to(id: &str, block: web_sys::ScrollLogicalPosition) {
    let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) else { return };
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_behavior(web_sys::ScrollBehavior::Smooth);
    opts.set_block(block);
    el.scroll_into_view_with_scroll_into_view_options(&opts);
    if let Ok(html) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
        let _ = html.focus();
    }
}
