//! The pure analysis core: no yew, web-sys, gloo or wasm-bindgen here.
//! It compiles and is tested natively; the UI and the CLI only consume it.
//!
//! Pipeline: [`repair`] (text integrity) → [`article`] (parse any input kind
//! into the article model and the analysis text) → [`segment`] (sentences,
//! tokens) → [`stats`] → further layers; [`analyze()`](analyze::analyze) runs them all.

pub mod about;
pub mod analyze;
pub mod article;
pub mod credits;
pub mod dates;
pub mod entities;
pub mod hash;
pub mod html;
pub mod markdown;
pub mod ner;
pub mod order;
pub mod page_chrome;
pub mod quotes;
pub mod repair;
pub mod segment;
pub mod shown;
pub mod span;
pub mod stats;
pub mod timestamp;

pub use analyze::{analyze, analyze_with_progress, Analysis, Diagnostic, Options, Progress, Skip, Stage, SCHEMA_VERSION};
pub use span::Span;
