use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The draft's text.
    pub text: String,
    /// Called with the new text on every edit.
    pub on_edit: Callback<String>,
    /// Called when the reader asks for the analysis.
    pub on_submit: Callback<()>,
    /// Called when the reader closes the editor.
    pub on_cancel: Callback<()>,
}

/// The "New article" editor: paste plain text, Markdown or a web page's text.
#[function_component]
pub fn Editor(props: &EditorProps) -> Html {
    let on_input = props.on_edit.reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value());
    let on_submit = props.on_submit.reform(|e: SubmitEvent| e.prevent_default());
    let on_cancel = props.on_cancel.reform(|_: MouseEvent| ());
    html! {
        <form class="editor" onsubmit={on_submit} aria-label="New article">
            <label for="draft">{ "Paste an article: plain text, Markdown or HTML" }</label>
            <textarea id="draft" data-testid="draft" rows="18" value={props.text.clone()} oninput={on_input}
                placeholder="Title\nBy Jane Doe\nOctober 26, 2023\n\nMOSCOW, Oct 26 (Reuters) - Russia said on Thursday..." />
            <div class="editor-actions">
                <button type="submit" data-testid="analyze">{ "Analyze" }</button>
                <button type="button" class="secondary" onclick={on_cancel}>{ "Cancel" }</button>
            </div>
        </form>
    }
}
