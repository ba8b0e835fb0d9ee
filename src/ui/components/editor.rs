use crate::analysis::MAX_INPUT_BYTES;
use crate::ui::analyzer::{cancel_conversion, convert, Converting};
use crate::ui::browser;
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
/// (the clipboard's HTML is read in the analysis worker and its article inserted as Markdown,
/// never as markup), or drop a .txt, .md or .html file (a page is read the same way).
#[function_component]
pub fn Editor(props: &EditorProps) -> Html {
    // A page being read as Markdown: its conversion's id and progress. The text box waits
    // (read-only) until its Markdown is in.
    let converting = use_state(|| None::<(u32, Option<crate::analysis::Progress>)>);
    // Reads `html` in the worker, then puts its Markdown between `before` and `after`.
    let start_conversion = {
        let on_edit = props.on_edit.clone();
        let on_action = props.on_action.clone();
        let converting = converting.clone();
        Callback::from(move |(html, before, after): (String, String, String)| {
            let on_edit = on_edit.clone();
            let on_action = on_action.clone();
            let state = converting.clone();
            let id = std::rc::Rc::new(std::cell::Cell::new(0u32));
            let this = id.clone();
            let on_status = Callback::from(move |status: Converting| match status {
                Converting::Working(progress) => state.set(Some((this.get(), progress))),
                Converting::Done(markdown) => {
                    state.set(None);
                    on_edit.emit(format!("{before}{markdown}{after}"));
                }
                Converting::Failed(message) => {
                    state.set(None);
                    on_action.emit(Action::Notice(Some(message)));
                }
            });
            id.set(convert(html, on_status));
            converting.set(Some((id.get(), None)));
        })
    };
    let on_input = props.on_edit.reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value());
    let on_submit = props.on_submit.reform(|e: SubmitEvent| e.prevent_default());
    let on_cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let on_paste = {
        let start_conversion = start_conversion.clone();
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
            let value = area.value();
            let utf16: Vec<u16> = value.encode_utf16().collect();
            let start = area.selection_start().ok().flatten().unwrap_or(utf16.len() as u32) as usize;
            let end = area.selection_end().ok().flatten().unwrap_or(start as u32) as usize;
            let before = String::from_utf16_lossy(&utf16[..start.min(utf16.len())]);
            let after = String::from_utf16_lossy(&utf16[end.min(utf16.len())..]);
            start_conversion.emit((html, before, after));
        })
    };
    // A dropped file goes into the draft: a web page as its article's Markdown, other text as it is.
    let on_drop = {
        let on_edit = props.on_edit.clone();
        let on_action = props.on_action.clone();
        let start_conversion = start_conversion.clone();
        let text = props.text.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            let (on_edit, on_action, start_conversion, text) = (on_edit.clone(), on_action.clone(), start_conversion.clone(), text.clone());
            browser::read_dropped(e.data_transfer().and_then(|d| d.files()), move |r| match r {
                Ok((name, body)) => {
                    let before = if text.trim().is_empty() { String::new() } else { format!("{}\n\n", text.trim_end()) };
                    let lower = name.to_ascii_lowercase();
                    if lower.ends_with(".html") || lower.ends_with(".htm") {
                        start_conversion.emit((body, before, String::new()));
                    } else {
                        on_edit.emit(format!("{before}{body}"));
                    }
                }
                Err(m) => on_action.emit(Action::Notice(Some(m))),
            });
        })
    };
    let on_cancel_conversion = {
        let converting = converting.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some((id, _)) = *converting {
                cancel_conversion(id);
            }
            converting.set(None);
        })
    };
    let on_dragover = Callback::from(|e: DragEvent| e.prevent_default());
    html! {
        <form class="editor" onsubmit={on_submit} aria-label={if props.editing { "Edit article" } else { "New article" }}>
            <label for="draft">{ "Paste an article: plain text, Markdown, or straight from a web page. Or drop a .txt, .md or .html file here." }</label>
            if let Some((_, progress)) = *converting {
                <div class="status-card working" role="status" data-testid="conversion-progress">
                    <p>{ "Reading the page…" }{ progress.map(|p| format!(" {} %", (p.fraction * 100.0).round() as u32)).unwrap_or_default() }</p>
                    <button type="button" class="secondary" data-testid="cancel-conversion" onclick={on_cancel_conversion}>{ "Cancel" }</button>
                </div>
            }
            <textarea id="draft" data-testid="draft" rows="18" value={props.text.clone()} oninput={on_input} readonly={converting.is_some()}
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
