//! The Yew app. Components only render what the core returns; the state lives
//! in a reducer ([`state`]) that is unit-tested natively.

pub mod analyzer;
pub mod app;
pub mod browser;
pub mod components;
pub mod library;
pub mod segments;
pub mod service_worker;
pub mod shared;
pub mod state;

pub use analyzer::Engine;
pub use app::{App, AppProps};
