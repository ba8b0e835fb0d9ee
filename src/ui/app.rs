//! The top-level component: the library sidebar, the annotated article and its panels.

use super::components::{
    AboutPanel, ArticleList, ArticleView, Editor, EntitiesPanel, IntegrityPanel, Legend, MetadataPanel, QuotesPanel, StatsPanel,
    TimelinePanel,
};
use super::state::{Action, AppState};
use crate::analysis::{analyze, Analysis, Options};
use std::rc::Rc;
use yew::prelude::*;

/// The whole app. Analysis runs on the selected article's text and is memoised on it.
#[function_component]
pub fn App() -> Html {
    let state = use_reducer(AppState::default);
    let text = state.current().map(|e| e.text.clone()).unwrap_or_else(|| Rc::from(""));
    let analysis: Rc<Analysis> = use_memo(text, |t| analyze(t, &Options::default()));

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
    // Choosing a quote brings it into view.
    {
        let quote = state.selected_quote;
        use_effect_with(quote, |quote| {
            if let Some(q) = quote {
                scroll_to(&format!("quote-{q}"));
            }
        });
    }
    // The one effect of choosing an entity: bring its first mention into view.
    {
        let first = state.selected_entity.and_then(|e| analysis.entities.get(e)).map(|e| e.mentions[0]);
        use_effect_with(first, |first| {
            if let Some(i) = first {
                scroll_to(&format!("mention-{i}"));
            }
        });
    }

    html! {
        <div class="app">
            <header class="app-bar">
                <span class="brand">{ "lede" }</span>
                <span class="tagline">{ "news analysis in your browser" }</span>
            </header>
            <div class="layout">
                <ArticleList entries={state.entries.clone()} selected={state.selected} on_select={on_select} on_new={on_new} />
                <main class="reading" id="main">
                    if let Some(draft) = state.draft.clone() {
                        <Editor text={draft} on_edit={on_edit} on_submit={on_submit} on_cancel={on_cancel} />
                    } else {
                        <Legend analysis={analysis.clone()} hidden={state.hidden.clone()} on_toggle={on_toggle} />
                        <ArticleView analysis={analysis.clone()} hidden={state.hidden.clone()} selected_entity={state.selected_entity} selected_quote={state.selected_quote} />
                    }
                </main>
                <aside class="panels" aria-label="Analysis panels">
                    <EntitiesPanel analysis={analysis.clone()} selected={state.selected_entity} on_select={on_entity} />
                    <QuotesPanel analysis={analysis.clone()} selected={state.selected_quote} on_select={on_quote} />
                    <TimelinePanel analysis={analysis.clone()} />
                    <AboutPanel analysis={analysis.clone()} />
                    <MetadataPanel analysis={analysis.clone()} />
                    <IntegrityPanel analysis={analysis.clone()} />
                    <StatsPanel analysis={analysis} />
                </aside>
            </div>
        </div>
    }
}

/// Scrolls the element with `id` into view and focuses it (keyboard users land on it too).
fn scroll_to(id: &str) {
    let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) else { return };
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_behavior(web_sys::ScrollBehavior::Smooth);
    opts.set_block(web_sys::ScrollLogicalPosition::Center);
    el.scroll_into_view_with_scroll_into_view_options(&opts);
    if let Ok(html) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
        let _ = html.focus();
    }
}
