//! The analysis worker: the core running in a Web Worker, so the page stays responsive while a
//! long article is analyzed or a pasted web page is read. The page ([`crate::ui::analyzer`])
//! sends a [`Request`] as a JS array `[id, text]` (analyze) or `[id, html, "markdown"]` (the
//! page's article as Markdown, for the editor); the worker answers with [`Response`]s
//! (progress, then the analysis, the Markdown or a failure) as JSON strings, which cross the thread boundary as one copy (serde_json is in
//! both bundles). The request is not JSON so that the worker needs no JSON parser: serde_json's
//! deserializer, with its exact float parsing, was 10 KB of the worker's gzipped wasm.
//!
//! The protocol and [`handle`] are plain Rust, tested natively; only `start` touches the
//! browser, and it is compiled for wasm32 only.

use crate::analysis::parse::write::html_to_markdown;
use crate::analysis::{analyze_with_progress, Analysis, Options, Progress, Stage};
use serde::{Deserialize, Serialize};
use std::cell::Cell;

/// One article to analyze, or one web page to read as Markdown. `id` comes back in every
/// answer about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub id: u32,
    pub text: String,
    pub job: Job,
}

/// What a request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Job {
    /// The analysis of the text.
    Analyze,
    /// The article of a web page (HTML) as Markdown: what the editor shows for a pasted or
    /// dropped page. Parsing only, but a page of megabytes takes long enough to freeze the
    /// page's thread, so it runs here, with progress and Cancel like an analysis.
    Markdown,
}

/// What the worker says.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Response {
    /// The worker has loaded and listens; requests sent before this would be lost.
    Ready,
    /// The analysis of request `id` has come this far.
    Progress { id: u32, progress: Progress },
    /// The analysis of request `id`.
    Done { id: u32, analysis: Box<Analysis> },
    /// The Markdown of request `id` (a [`Job::Markdown`]).
    Converted { id: u32, markdown: String },
    /// Request `id` could not be analyzed (a panic in the core: a bug, reported with its message).
    /// The worker cannot be used after this: a wasm panic aborts its instance.
    Failed { id: u32, message: String },
}

// Not only for wasm32: the page's side (ui/analyzer.rs) is compiled natively too, for its tests.
impl Request {
    /// The message the page posts: `[id, text]`, or `[id, html, "markdown"]`.
    pub fn to_js(&self) -> wasm_bindgen::JsValue {
        match self.job {
            Job::Analyze => js_sys::Array::of2(&self.id.into(), &self.text.as_str().into()).into(),
            Job::Markdown => js_sys::Array::of3(&self.id.into(), &self.text.as_str().into(), &"markdown".into()).into(),
        }
    }

    /// The request a message holds, if it is one.
    pub fn from_js(message: &wasm_bindgen::JsValue) -> Option<Request> {
        let array = js_sys::Array::is_array(message).then(|| js_sys::Array::from(message))?;
        let id = array.get(0).as_f64().filter(|id| id.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(id))?;
        let job = match array.get(2).as_string().as_deref() {
            None => Job::Analyze,
            Some("markdown") => Job::Markdown,
            Some(_) => return None,
        };
        Some(Request { id: id as u32, text: array.get(1).as_string()?, job })
    }
}

/// Progress is reported at most this often (in fractions of the whole), so a long article sends
/// a few dozen messages, not thousands.
const PROGRESS_STEP: f32 = 0.02;

thread_local! {
    /// The request being analyzed, so the panic hook can say which one failed.
    static CURRENT: Cell<Option<u32>> = const { Cell::new(None) };
    /// Set by the JS API's `failNextForTesting`: the next request panics, as a bug in the core
    /// would. The end-to-end tests use it to check the page survives a crash in the worker.
    static FAIL_NEXT: Cell<bool> = const { Cell::new(false) };
}

/// Makes the next analysis panic (end-to-end tests of the error card only).
pub fn fail_next_for_testing() {
    FAIL_NEXT.with(|f| f.set(true));
}

/// Analyzes one request, passing each answer to `post`: progress while it runs, then `Done`.
pub fn handle(request: &Request, post: &mut dyn FnMut(&Response)) {
    CURRENT.with(|c| c.set(Some(request.id)));
    if FAIL_NEXT.with(|f| f.replace(false)) {
        panic!("failure requested for testing (request {})", request.id);
    }
    if request.job == Job::Markdown {
        post(&Response::Progress { id: request.id, progress: Progress { stage: Stage::Reading, fraction: 0.0 } });
        let markdown = html_to_markdown(&request.text);
        post(&Response::Converted { id: request.id, markdown });
        CURRENT.with(|c| c.set(None));
        return;
    }
    let mut last = -1.0f32;
    let analysis = analyze_with_progress(&request.text, &Options::default(), &mut |progress| {
        if progress.fraction - last >= PROGRESS_STEP {
            last = progress.fraction;
            post(&Response::Progress { id: request.id, progress });
        }
    });
    post(&Response::Done { id: request.id, analysis: Box::new(analysis) });
    CURRENT.with(|c| c.set(None));
}

/// Runs the worker's side when this module is loaded in a dedicated worker; does nothing
/// elsewhere (the worker's script is also loaded into pages for its JS API).
#[cfg(target_arch = "wasm32")]
pub fn start() {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        return;
    };
    fn post(response: &Response) {
        if let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() {
            let json = serde_json::to_string(response).unwrap_or_else(|e| {
                serde_json::json!({ "kind": "failed", "id": CURRENT.with(Cell::get).unwrap_or(0), "message": e.to_string() }).to_string()
            });
            let _ = scope.post_message(&JsValue::from_str(&json));
        }
    }
    // A panic aborts the wasm instance; before it does, tell the page which request failed and
    // why, so it can show an error card for that article and start a fresh worker.
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        if let Some(id) = CURRENT.with(Cell::get) {
            post(&Response::Failed { id, message: info.to_string() });
        }
    }));
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let request = Request::from_js(&event.data());
        match request {
            Some(request) => handle(&request, &mut |r| post(r)),
            None => web_sys::console::error_1(&"lede worker: a message that is not a request was ignored".into()),
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as its scope; the handler must too.
    on_message.forget();
    post(&Response::Ready);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_gets_rising_progress_then_the_analysis_and_all_survive_json() {
        let text = crate::seeds::SEEDS[0].text;
        let mut answers = Vec::new();
        handle(&Request { id: 7, text: text.to_string(), job: Job::Analyze }, &mut |r| answers.push(serde_json::to_string(r).unwrap()));
        let answers: Vec<Response> = answers.iter().map(|j| serde_json::from_str(j).unwrap()).collect();
        let fractions: Vec<f32> = answers
            .iter()
            .filter_map(|r| match r {
                Response::Progress { id: 7, progress } => Some(progress.fraction),
                _ => None,
            })
            .collect();
        assert!(!fractions.is_empty() && fractions.windows(2).all(|w| w[0] < w[1]), "{fractions:?}");
        let Some(Response::Done { id: 7, analysis }) = answers.last() else { panic!("no analysis: {answers:?}") };
        // What the page renders equals what the CLI prints (the repair map is not serialized).
        let direct = crate::analysis::analyze(text, &Options::default());
        let (sent, printed) = (serde_json::to_string(&**analysis).unwrap(), serde_json::to_string(&direct).unwrap());
        assert!(sent == printed, "the analysis changed on its way through JSON");
        assert!(!analysis.entities.is_empty());
    }

    #[test]
    fn a_long_text_reports_progress_through_the_tagging() {
        let paragraph = "Kremlin spokesman Dmitry Peskov said on Thursday that Moscow would respond. ";
        let text = paragraph.repeat(3000);
        let mut names = 0;
        handle(&Request { id: 1, text, job: Job::Analyze }, &mut |r| {
            if let Response::Progress { progress, .. } = r {
                names += usize::from(progress.stage == crate::analysis::Stage::Names);
            }
        });
        assert!(names > 5, "only {names} progress reports while tagging");
    }

    #[test]
    fn a_requested_failure_panics_once() {
        fail_next_for_testing();
        let failed = std::panic::catch_unwind(|| handle(&Request { id: 1, text: "x".into(), job: Job::Analyze }, &mut |_| {}));
        assert!(failed.is_err());
        let mut done = false;
        handle(&Request { id: 2, text: "Hello.".into(), job: Job::Analyze }, &mut |r| done |= matches!(r, Response::Done { .. }));
        assert!(done);
    }

    #[test]
    fn a_page_becomes_markdown_in_the_worker() {
        let html = "<html><head><title>Leaders meet | Example</title></head><body><article><h1>Leaders meet</h1>\
            <p>GENEVA (Reuters) - They met on Thursday, officials said.</p></article><script>x()</script></body></html>";
        let mut answers = Vec::new();
        handle(&Request { id: 3, text: html.into(), job: Job::Markdown }, &mut |r| answers.push(serde_json::to_string(r).unwrap()));
        let last: Response = serde_json::from_str(answers.last().unwrap()).unwrap();
        let Response::Converted { id: 3, markdown } = last else { panic!("{answers:?}") };
        assert!(markdown.starts_with("# Leaders meet\n\nGENEVA (Reuters)"), "{markdown}");
        assert!(!markdown.contains("x()"));
    }
}
