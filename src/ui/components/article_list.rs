use crate::ui::state::Entry;
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
}

/// The sidebar: the list of articles and the "New article" button.
#[function_component]
pub fn ArticleList(props: &ArticleListProps) -> Html {
    let on_new = props.on_new.reform(|_: MouseEvent| ());
    html! {
        <nav class="library" aria-label="Articles">
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
                        </li>
                    }
                }) }
            </ul>
        </nav>
    }
}
