//! The lede command line: `lede analyze [FILE|-]` prints the analysis as JSON
//! (the same document the web app exports).

use lede::analysis::{analyze, Options};
use std::io::Read;
use std::process::ExitCode;

const USAGE: &str = "usage:
  lede analyze [FILE|-]     print the analysis of FILE (or standard input) as JSON
  lede text [FILE|-]        print the repaired analysis text only";

fn read_input(path: Option<&str>) -> Result<String, String> {
    let mut bytes = Vec::new();
    match path {
        None | Some("-") => {
            std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("cannot read standard input: {e}"))?;
        }
        Some(p) => bytes = std::fs::read(p).map_err(|e| format!("cannot read {p}: {e}"))?,
    }
    // Invalid UTF-8 (a dropped binary or a Latin-1 file) is decoded lossily, never refused.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("analyze") => read_input(args.get(1).map(String::as_str)).and_then(|input| {
            let analysis = analyze(&input, &Options::default());
            serde_json::to_string_pretty(&analysis).map_err(|e| e.to_string()).map(|json| println!("{json}"))
        }),
        Some("text") => read_input(args.get(1).map(String::as_str)).map(|input| println!("{}", analyze(&input, &Options::default()).text)),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("lede: {message}");
            ExitCode::from(2)
        }
    }
}
