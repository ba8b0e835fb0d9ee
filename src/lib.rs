//! lede: an in-browser news article analyzer.
//!
//! [`analysis`] is the pure core (native and wasm alike, no browser imports);
//! [`ui`] is the Yew app that renders what the core returns; [`seeds`] holds the
//! bundled articles; [`worker`] runs the core in a Web Worker for the page; [`tools`]
//! (the `tools` feature) trains and scores the tagger for the command line; [`batch`] (the
//! `batch` feature, native only) holds the records of `lede batch` and the Python package.

pub mod analysis;
#[cfg(all(feature = "batch", not(target_arch = "wasm32")))]
pub mod batch;
pub mod seeds;
#[cfg(feature = "tools")]
pub mod tools;
pub mod ui;
pub mod worker;
