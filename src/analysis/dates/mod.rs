//! Dates and times: [`detect`] finds them (and the numbers that share their grammar) in the
//! tagger's tokens, before the rules, by the time grammar of [`grammar`]; [`resolve`] gives
//! them TIMEX3 values, after the quotes.

pub mod detect;
pub mod grammar;
mod label;
pub mod resolve;

pub use grammar::TimexType;
pub use label::writing_date;
pub use resolve::{Anchor, AnchorBy, DateRule, TimeExpr, TimeKind, When, Writing};
