//! The HTML and Markdown paths on any text, with the format forced: never a panic,
//! and pasted HTML always comes back as Markdown that parses again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lede::analysis::parse::InputFormat;
use lede::analysis::{analyze, Options};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for format in [InputFormat::Html, InputFormat::Markdown, InputFormat::PlainText] {
        let a = analyze(&text, &Options { format: Some(format), ..Options::default() });
        let md = a.to_markdown();
        let _ = analyze(&md, &Options { format: Some(InputFormat::Markdown), ..Options::default() });
    }
});
