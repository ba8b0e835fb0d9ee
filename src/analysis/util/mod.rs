//! What every stage may use: fast maps, one shared sort, calendar arithmetic and timestamp
//! parsing. Nothing here imports a stage.

pub mod hash;
pub mod order;
pub mod timestamp;
