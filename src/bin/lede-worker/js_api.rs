//! The JavaScript API: `analyze(text, options)` returns the analysis as a plain
//! object (the JSON of SCHEMA.md), so other pages and scripts can use lede the
//! way they use compromise. It lives in the worker's bundle (where the model is), which a page
//! loads with `<script src="lede-worker.js">` and `await wasm_bindgen("lede-worker_bg.wasm")`;
//! the functions are then `wasm_bindgen.analyze` and so on (README, "The JavaScript API").

use lede::analysis::parse::InputFormat;
use lede::analysis::util::timestamp::parse_timestamp;
use lede::analysis::{analyze as analyze_text, Options, Selected, Skip};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct JsOptions {
    /// "markdown", "plain_text" or "html"; detected when absent.
    format: Option<InputFormat>,
    /// "YYYY-MM-DD": resolves relative dates when the article has no timestamp.
    reference_date: Option<String>,
    /// The top-level fields of the analysis to return (all when absent). Building the
    /// object is a sixth of the call on 1 MB, most of it for the quarter of a million
    /// token spans: a page that wants only the entities need not pay for them, nor for
    /// the quotes, dates, key phrases, summary, tokens and statistics, which are then
    /// not computed.
    fields: Option<Vec<String>>,
}

/// Analyzes `text`; `options` may be undefined. Throws only when the options are malformed.
#[wasm_bindgen]
pub fn analyze(text: &str, options: JsValue) -> Result<JsValue, JsValue> {
    let opts: JsOptions = if options.is_undefined() || options.is_null() {
        JsOptions::default()
    } else {
        serde_wasm_bindgen::from_value(options).map_err(|e| JsValue::from_str(&format!("lede: bad options: {e}")))?
    };
    // Checked before the work, so a typo fails at once rather than after a long analysis; layers
    // no asked-for field holds are not computed at all.
    let skip = match &opts.fields {
        Some(fields) => Skip::from_fields(fields).map_err(|e| JsValue::from_str(&format!("lede: bad options: {e}")))?,
        None => Skip::default(),
    };
    let options = Options {
        format: opts.format,
        reference_date: opts.reference_date.as_deref().and_then(parse_timestamp).map(|t| t.date),
        skip,
        source_bytes: None,
    };
    let analysis = analyze_text(text, &options);
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let Some(fields) = opts.fields else {
        return analysis.serialize(&serializer).map_err(|e| JsValue::from_str(&e.to_string()));
    };
    Selected { analysis: &analysis, fields: &fields }.serialize(&serializer).map_err(|e| JsValue::from_str(&e.to_string()))
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
