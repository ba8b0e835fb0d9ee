//! lede: an in-browser news article analyzer.
//!
//! [`analysis`] is the pure core (native and wasm alike, no browser imports);
//! [`ui`] is the Yew app that renders what the core returns; [`seeds`] holds the
//! bundled articles.

pub mod analysis;
#[cfg(target_arch = "wasm32")]
pub mod js_api;
pub mod seeds;
pub mod ui;
