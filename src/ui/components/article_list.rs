use crate::ui::browser;
use crate::ui::library::Entry;
use crate::ui::state::Action;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ArticleListProps {
    /// The library: bundled seeds first, then the user's articles.
    pub entries: Vec<Entry>,
    /// The index of the article shown.
    pub selected: usize,
    /// Called with an entry's index when the reader picks it.
    pub on_select: Callback<usize>,
    /// Called when the reader asks for a new article.
    pub on_new: Callback<()>,
    /// Renaming, deleting, and adding dropped files go through this.
    pub on_action: Callback<Action>,
}

/// The sidebar: the list of articles and the "New article" button.
#[function_component]
pub fn ArticleList(props: &ArticleListProps) -> Html {
    let on_new = props.on_new.reform(|_: MouseEvent| ());
    let on_drop = on_file_drop(props.on_action.clone());
    let on_dragover = Callback::from(|e: DragEvent| e.prevent_default());
    html! {
        <nav class="library" aria-label="Articles" ondrop={on_drop} ondragover={on_dragover} data-testid="library">
            <button class="new-article" data-testid="new-article" onclick={on_new}>{ "+ New article" }</button>
            <ul>
                { for props.entries.iter().enumerate().map(|(i, e)| {
                    let on_click = props.on_select.reform(move |_: MouseEvent| i);
                    let current = i == props.selected;
                    html! {
                        <li key={e.id.clone()}>
                            <button class={classes!("entry", current.then_some("current"))}
                                    aria-current={current.then_some("page")}
                                    data-testid="library-entry"
                                    onclick={on_click}>
                                <span class="entry-name">{ &e.name }</span>
                                <span class="entry-kind">{ if e.bundled { "bundled" } else { "yours" } }</span>
                            </button>
                            if !e.bundled {
                                <span class="entry-tools">
                                    <button class="link" data-testid="rename" aria-label={format!("Rename {}", e.name)}
                                            onclick={rename(props.on_action.clone(), i, e.name.clone())}>{ "Rename" }</button>
                                    <button class="link" data-testid="delete" aria-label={format!("Delete {}", e.name)}
                                            onclick={delete(props.on_action.clone(), i, e.name.clone())}>{ "Delete" }</button>
                                </span>
                            }
                        </li>
                    }
                }) }
            </ul>
        </nav>
    }
}

fn rename(act: Callback<Action>, i: usize, name: String) -> Callback<MouseEvent> {
    Callback::from(move |_: MouseEvent| {
        let answer = web_sys::window().and_then(|w| w.prompt_with_message_and_default("New name", &name).ok().flatten());
        if let Some(n) = answer {
            act.emit(Action::Rename(i, n));
        }
    })
}

fn delete(act: Callback<Action>, i: usize, name: String) -> Callback<MouseEvent> {
    Callback::from(move |_: MouseEvent| {
        let sure = web_sys::window()
            .and_then(|w| w.confirm_with_message(&format!("Delete “{name}”? This cannot be undone.")).ok())
            .unwrap_or(false);
        if sure {
            act.emit(Action::Delete(i));
        }
    })
}

/// A drop handler that reads the dropped file and adds it as an article (or says why not).
pub(crate) fn on_file_drop(act: Callback<Action>) -> Callback<DragEvent> {
    Callback::from(move |e: DragEvent| {
        e.prevent_default();
        let act = act.clone();
        browser::read_dropped(e.data_transfer().and_then(|d| d.files()), move |r| {
            act.emit(match r {
                Ok((_, text)) => Action::AddArticle(text),
                Err(m) => Action::Notice(Some(m)),
            })
        });
    })
}
