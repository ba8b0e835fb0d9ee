//! The app's few calls into the browser, each wrapped so a failure becomes a
//! message instead of a panic: storage, the URL hash, downloads, the clipboard,
//! reading dropped files, and the marks' tooltips and entities.

use wasm_bindgen::{JsCast, JsValue};

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn storage() -> Result<web_sys::Storage, String> {
    match window().map(|w| w.local_storage()) {
        Some(Ok(Some(s))) => Ok(s),
        _ => Err("This browser does not let lede save (storage is disabled, as in some private windows): your articles last until the tab closes.".into()),
    }
}

/// The stored text under `key`, None when nothing is stored.
pub fn load(key: &str) -> Result<Option<String>, String> {
    storage()?.get_item(key).map_err(|_| "Your saved articles could not be read from this browser's storage.".to_string())
}

/// Stores `value` under `key`; a full or disabled storage gives a message.
pub fn save(key: &str, value: &str) -> Result<(), String> {
    storage()?.set_item(key, value).map_err(|_| {
        "The browser's storage is full: the last change was not saved. Delete an article or export it; the text stays in the editor."
            .to_string()
    })
}

/// The URL hash without its '#', decoded.
pub fn hash() -> String {
    let raw = window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    let raw = raw.trim_start_matches('#');
    js_sys::decode_uri_component(raw).ok().and_then(|s| s.as_string()).unwrap_or_else(|| raw.to_string())
}

/// Sets the URL hash (a history entry, so back and forward move between articles).
pub fn set_hash(value: &str) {
    if hash() == value {
        return;
    }
    if let Some(w) = window() {
        let encoded: String = js_sys::encode_uri_component(value).into();
        let _ = w.location().set_hash(&encoded.replace("%3D", "=").replace("%26", "&"));
    }
}

/// Offers `content` as a file download named `name`.
pub fn download(name: &str, content: &str, mime: &str) -> Result<(), String> {
    let fail = |_| "The download could not be started.".to_string();
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let doc = window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a").map_err(fail)?.dyn_into().map_err(|_| "no anchor".to_string())?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Copies the element with `selector` to the clipboard as `text/html`, with the look of its
/// marks written into each one's `style` (backgrounds, underlines, dotted borders: a document
/// or mail it is pasted into has none of lede's style sheet), and as `text/plain`, its text
/// as shown.
///
/// The copy goes through a `copy` event (`execCommand("copy")`, in the click that asked for
/// it) rather than `navigator.clipboard.write`: Chromium's writer parses the HTML in the page
/// to sanitize it, and the page's CSP (no inline styles) then reports every `style` attribute.
pub fn copy_rich(selector: &str) -> Result<(), String> {
    let nothing = || "Nothing to copy.".to_string();
    let w = window().ok_or_else(nothing)?;
    let document = w.document().ok_or_else(nothing)?;
    let original = document.query_selector(selector).ok().flatten().ok_or_else(nothing)?;
    // A tooltip's shift (the only style attribute the page sets, through the CSSOM) goes
    // first: cloning would read it as an inline style, which the page's CSP forbids.
    if let Ok(styled) = original.query_selector_all("[style]") {
        for i in 0..styled.length() {
            if let Some(e) = styled.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
                let _ = e.remove_attribute("style");
            }
        }
    }
    let copy: web_sys::Element = original.clone_node_with_deep(true).map_err(|_| nothing())?.dyn_into().map_err(|_| nothing())?;
    const MARKS: &str = ".ent:not(.off), .quote, .time, .finding";
    let (from, to) = (original.query_selector_all(MARKS), copy.query_selector_all(MARKS));
    if let (Ok(from), Ok(to)) = (from, to) {
        for i in 0..from.length().min(to.length()) {
            let (Some(f), Some(t)) = (from.item(i), to.item(i)) else { continue };
            let (Ok(f), Ok(t)) = (f.dyn_into::<web_sys::Element>(), t.dyn_into::<web_sys::HtmlElement>()) else { continue };
            let Ok(Some(computed)) = w.get_computed_style(&f) else { continue };
            for property in ["background-color", "text-decoration", "border-bottom", "border-radius", "padding"] {
                if let Ok(value) = computed.get_property_value(property) {
                    let _ = t.style().set_property(property, &value);
                }
            }
        }
    }
    let html = copy.outer_html();
    let plain = original.dyn_ref::<web_sys::HtmlElement>().map(|e| e.inner_text()).unwrap_or_default();
    let on_copy = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::ClipboardEvent)>::new(move |e: web_sys::ClipboardEvent| {
        if let Some(data) = e.clipboard_data() {
            let _ = data.set_data("text/html", &html);
            let _ = data.set_data("text/plain", &plain);
            e.prevent_default();
        }
    });
    let listener = on_copy.as_ref().unchecked_ref();
    let _ = document.add_event_listener_with_callback("copy", listener);
    let copied = document.dyn_ref::<web_sys::HtmlDocument>().is_some_and(|d| d.exec_command("copy").unwrap_or(false));
    let _ = document.remove_event_listener_with_callback("copy", listener);
    if copied {
        Ok(())
    } else {
        Err("The browser did not let lede write to the clipboard.".into())
    }
}

/// A file's bytes as text, in the encoding its byte-order mark or `<meta charset>` names
/// (a page saved as windows-1252 or Shift_JIS), decoded by the browser's TextDecoder; invalid
/// bytes are replaced, so a file is never refused for them.
fn decode(bytes: Vec<u8>) -> String {
    let label = crate::analysis::text::encoding::charset(&bytes);
    if label != "utf-8" {
        if let Some(text) = web_sys::TextDecoder::new_with_label(&label).ok().and_then(|d| d.decode_with_u8_array(&bytes).ok()) {
            return text;
        }
    }
    let text = String::from_utf8_lossy(&bytes);
    text.strip_prefix('\u{feff}').unwrap_or(&text).to_string()
}

/// Reads the first file of a drop (text, Markdown or HTML) and hands its text to
/// `done`, or a message when it cannot be read or is too large.
pub fn read_dropped(files: Option<web_sys::FileList>, done: impl FnOnce(Result<(String, String), String>) + 'static) {
    let Some(file) = files.and_then(|f| f.get(0)) else {
        done(Err("Nothing was dropped that lede can read: drop a .txt, .md or .html file.".into()));
        return;
    };
    let name = file.name();
    let ok_kind = [".txt", ".md", ".markdown", ".html", ".htm", ".text"].iter().any(|e| name.to_ascii_lowercase().ends_with(e));
    if !ok_kind {
        done(Err(format!("“{name}” is not a text, Markdown or HTML file.")));
        return;
    }
    if file.size() > crate::analysis::MAX_INPUT_BYTES as f64 {
        done(Err(crate::analysis::too_large_message(&format!("“{name}”"), file.size() as usize)));
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let result = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await;
        done(match result.ok() {
            Some(buffer) => Ok((name, decode(js_sys::Uint8Array::new(&buffer).to_vec()))),
            None => Err(format!("“{name}” could not be read.")),
        });
    });
}

/// Keeps the tooltip of the mark under `target` (hovered or focused) inside the window: when
/// its box would cross the window's right edge, the CSS variable `--tip-shift` moves it left
/// by the overflow (never past the window's left edge). The tooltip is the mark's `::after`,
/// already shown by `:hover` or `:focus` when this runs, so its width can be read.
pub fn place_tip(target: Option<web_sys::EventTarget>) {
    const MARGIN: f64 = 8.0;
    let mark = target.and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|e| e.closest("[data-tip]").ok().flatten());
    let (Some(mark), Some(w)) = (mark.and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok()), window()) else { return };
    // The attribute goes, not just the property: an empty `style=""` left behind would be read
    // again when Copy as HTML clones the article, which the page's CSP forbids.
    let _ = mark.remove_attribute("style");
    let width = w.get_computed_style_with_pseudo_elt(&mark, "::after").ok().flatten().and_then(|s| s.get_property_value("width").ok());
    // JavaScript's parseFloat reads "438.15px": Rust's float parsing would add 20 KB to the page.
    let Some(width) = width.map(|v| js_sys::parse_float(&v)).filter(|w| w.is_finite()) else { return };
    let window_width = w.document().and_then(|d| d.document_element()).map_or(0.0, |d| f64::from(d.client_width()));
    let left = mark.get_bounding_client_rect().left();
    let shift = (left + width + MARGIN - window_width).min(left - MARGIN);
    if shift > 0.0 {
        let _ = mark.style().set_property("--tip-shift", &format!("{:.0}px", -shift));
    }
}

/// The entity of the shown mention at `target` (a mark's `data-entity`), if it is one.
pub fn entity_at(target: Option<web_sys::EventTarget>) -> Option<usize> {
    let mark = target?.dyn_into::<web_sys::Element>().ok()?.closest(".ent:not(.off)[data-entity]").ok()??;
    mark.get_attribute("data-entity")?.parse().ok()
}
