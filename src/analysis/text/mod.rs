//! The text itself: [`repair`] undoes damage to the input before it is parsed (mojibake,
//! invisible characters, odd spaces...), keeping a map back to the input as given;
//! [`segment`] splits the analysis text into sentences and tokens once it is parsed;
//! [`encoding`] tells the edges that read bytes which encoding a file is in.

pub mod encoding;
pub mod repair;
pub mod segment;
