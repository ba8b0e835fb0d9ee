//! Dates and times: [`detect`] finds them (and the numbers that share their grammar) in the
//! tagger's tokens, before the rules; [`resolve`] gives them values against the
//! publication date, after the quotes.

pub mod detect;
pub mod resolve;

pub use resolve::{DateRule, TimeExpr, TimeKind};
