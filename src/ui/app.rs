//! The top-level component: the library sidebar, the annotated article and its panels.

use super::components::{ArticleList, ArticleView, Editor, IntegrityPanel, MetadataPanel, StatsPanel};
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
                        <ArticleView analysis={analysis.clone()} />
                    }
                </main>
                <aside class="panels" aria-label="Analysis panels">
                    <MetadataPanel analysis={analysis.clone()} />
                    <IntegrityPanel analysis={analysis.clone()} />
                    <StatsPanel analysis={analysis} />
                </aside>
            </div>
        </div>
    }
}
