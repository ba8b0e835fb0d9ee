//! lede: an in-browser news article analyzer.
//!
//! [`analysis`] is the pure core (native and wasm alike, no browser imports);
//! [`ui`] is the Yew app that renders what the core returns; [`seeds`] holds the
//! bundled articles; [`worker`] runs the core in a Web Worker for the page.

pub mod analysis;
pub mod seeds;
pub mod ui;
pub mod worker;
