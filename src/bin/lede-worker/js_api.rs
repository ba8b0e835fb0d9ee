//! The JavaScript API: `analyze(text, options)` returns the analysis as a plain
//! object (the JSON of SCHEMA.md), so other pages and scripts can use lede the
//! way they use compromise. It lives in the worker's bundle (where the model is), which a page
//! loads with `<script src="lede-worker.js">` and `await wasm_bindgen("lede-worker_bg.wasm")`;
//! the functions are then `wasm_bindgen.analyze` and so on (README, "The JavaScript API").

use lede::analysis::article::InputFormat;
use lede::analysis::timestamp::parse_timestamp;
use lede::analysis::{analyze as analyze_text, Options};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct JsOptions {
    /// "markdown", "plain_text" or "html"; detected when absent.
    format: Option<InputFormat>,
    /// "YYYY-MM-DD": resolves relative dates when the article has no timestamp.
    reference_date: Option<String>,
}

/// Analyzes `text`; `options` may be undefined. Throws only when the options are malformed.
#[wasm_bindgen]
pub fn analyze(text: &str, options: JsValue) -> Result<JsValue, JsValue> {
    let opts: JsOptions = if options.is_undefined() || options.is_null() {
        JsOptions::default()
    } else {
        serde_wasm_bindgen::from_value(options).map_err(|e| JsValue::from_str(&format!("lede: bad options: {e}")))?
    };
    let options = Options { format: opts.format, reference_date: opts.reference_date.as_deref().and_then(parse_timestamp).map(|t| t.date) };
    let analysis = analyze_text(text, &options);
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&analysis, &serializer).map_err(|e| JsValue::from_str(&e.to_string()))
}

/// Bytes of WebAssembly memory in use by lede (it only grows, so after a run this is the peak).
#[wasm_bindgen(js_name = wasmMemoryBytes)]
pub fn wasm_memory_bytes() -> usize {
    core::arch::wasm32::memory_size(0) * 65536
}

/// The analysis JSON schema version this build produces.
#[wasm_bindgen(js_name = schemaVersion)]
pub fn schema_version() -> u32 {
    lede::analysis::SCHEMA_VERSION
}

/// Makes the next analysis in this worker panic, as a bug in the core would (end-to-end tests
/// of the page's error card; see tests/e2e/specs/worker.spec.ts).
#[wasm_bindgen(js_name = failNextForTesting)]
pub fn fail_next_for_testing() {
    lede::worker::fail_next_for_testing();
}
