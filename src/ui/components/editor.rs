use crate::analysis::parse::write::html_to_markdown;
use crate::analysis::MAX_INPUT_BYTES;
use crate::ui::components::article_list::on_file_drop;
use crate::ui::state::Action;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The draft's text.
    pub text: String,
    /// True when the editor changes one of the user's articles rather than adding one.
    #[prop_or_default]
    pub editing: bool,
    /// Called with the new text on every edit.
    pub on_edit: Callback<String>,
    /// Called when the reader asks for the analysis.
    pub on_submit: Callback<()>,
    /// Called when the reader closes the editor.
    pub on_cancel: Callback<()>,
    /// Dropped files and messages go through this.
    pub on_action: Callback<Action>,
}

/// The article editor: type or paste plain text or Markdown, paste from a web page
/// (the clipboard's HTML is parsed and turned into Markdown, never inserted as
/// markup), or drop a .txt, .md or .html file.
#[function_component]
pub fn Editor(props: &EditorProps) -> Html {
    let on_input = props.on_edit.reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value());
    let on_submit = props.on_submit.reform(|e: SubmitEvent| e.prevent_default());
    let on_cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let on_paste = {
        let on_edit = props.on_edit.clone();
        let on_action = props.on_action.clone();
        Callback::from(move |e: Event| {
            let Ok(e) = wasm_bindgen::JsCast::dyn_into::<web_sys::ClipboardEvent>(e) else { return };
            // A paste over the limit is refused before it reaches the text box: laying out
            // megabytes of text freezes the tab for seconds, and it could not be analyzed anyway.
            // The clipboard still holds it, so nothing is lost.
            let size = |kind: &str| e.clipboard_data().and_then(|d| d.get_data(kind).ok()).map_or(0, |t| t.len());
            let largest = size("text/plain").max(size("text/html"));
            if largest > MAX_INPUT_BYTES {
                e.prevent_default();
                on_action.emit(Action::Notice(Some(format!(
                    "{} It was not inserted; your clipboard still holds it: paste a part at a time.",
                    crate::analysis::too_large_message("This paste", largest)
                ))));
                return;
            }
            let html = e.clipboard_data().and_then(|d| d.get_data("text/html").ok()).filter(|h| !h.trim().is_empty());
            let Some(html) = html else { return }; // plain text pastes as usual
            e.prevent_default();
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            let markdown = html_to_markdown(&html);
            let value = area.value();
            let utf16: Vec<u16> = value.encode_utf16().collect();
            let start = area.selection_start().ok().flatten().unwrap_or(utf16.len() as u32) as usize;
            let end = area.selection_end().ok().flatten().unwrap_or(start as u32) as usize;
            let before = String::from_utf16_lossy(&utf16[..start.min(utf16.len())]);
            let after = String::from_utf16_lossy(&utf16[end.min(utf16.len())..]);
            on_edit.emit(format!("{before}{markdown}{after}"));
        })
    };
    let on_drop = on_file_drop(props.on_action.clone());
    let on_dragover = Callback::from(|e: DragEvent| e.prevent_default());
    html! {
        <form class="editor" onsubmit={on_submit} aria-label={if props.editing { "Edit article" } else { "New article" }}>
            <label for="draft">{ "Paste an article: plain text, Markdown, or straight from a web page. Or drop a .txt, .md or .html file here." }</label>
            <textarea id="draft" data-testid="draft" rows="18" value={props.text.clone()} oninput={on_input}
                onpaste={on_paste} ondrop={on_drop} ondragover={on_dragover}
                placeholder="Title\nBy Jane Doe\nOctober 26, 2023\n\nMOSCOW, Oct 26 (Reuters) - Russia said on Thursday..." />
            <p class="hint">{ "Your draft is kept in this browser as you type; nothing is sent anywhere." }</p>
            <div class="editor-actions">
                <button type="submit" data-testid="analyze">{ if props.editing { "Save and analyze" } else { "Analyze" } }</button>
                <button type="button" class="secondary" onclick={on_cancel}>{ "Cancel" }</button>
            </div>
        </form>
    }
}
