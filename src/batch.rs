//! Analyzing an archive: the records of `lede batch` and an ordered pool of workers that
//! runs them on every core.
//!
//! A record is one line of JSON Lines, `{"id": …, "text": …}` or `{"id": …, "html": …}`;
//! its result is one line, `{"id": …, "analysis": {…}}` (the document of SCHEMA.md, or the
//! fields asked for), or `{"id": …, "error": "…"}` when the record cannot be analyzed. The
//! command line (`lede batch`, in `tools::batch`) and the Python package (`python/`) both
//! build their lines here, so a record gives the same bytes whichever runs it.
//!
//! [`Pool`] analyzes records in parallel and hands the results back in input order with
//! bounded memory: at most `window` records (and [`Pool`]'s byte budget of input) are in
//! flight between the one being fed in and the one next handed back, so a slow record at the
//! head holds the others back instead of letting them pile up.

use crate::analysis::parse::InputFormat;
use crate::analysis::util::timestamp::parse_timestamp;
use crate::analysis::{analyze, Analysis, Options, Selected, Skip};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::VecDeque;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex};

/// The longest record line read, in bytes: the analysis takes texts up to 4 MiB
/// ([`crate::analysis::MAX_INPUT_BYTES`]), and JSON can spell a character in up to six
/// bytes of escapes. A longer line becomes an error record without being parsed.
pub const MAX_RECORD_BYTES: usize = 32 << 20;

/// What every record of a batch shares: the top-level fields to write (all when `None`) and
/// the layers they let the analysis leave out.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    fields: Option<Vec<String>>,
    skip: Skip,
}

impl Settings {
    /// Settings writing `fields` (names of [`crate::analysis::FIELDS`]; all when `None`); the
    /// error names an unknown field.
    pub fn new(fields: Option<Vec<String>>) -> Result<Settings, String> {
        let skip = match &fields {
            Some(f) => Skip::from_fields(f)?,
            None => Skip::default(),
        };
        Ok(Settings { fields, skip })
    }

    /// The options of an analysis of these settings.
    pub fn options(&self, format: Option<InputFormat>, reference_date: Option<&str>) -> Result<Options, String> {
        let reference_date = match reference_date {
            None => None,
            Some(d) => Some(parse_timestamp(d).ok_or_else(|| format!("\"reference_date\" {d:?} is not a date (YYYY-MM-DD)"))?.date),
        };
        Ok(Options { format, reference_date, skip: self.skip, source_bytes: None })
    }

    /// The analysis as these settings write it: compact JSON, the whole document or the
    /// fields asked for, in the order asked for.
    pub fn analysis_json(&self, analysis: &Analysis) -> String {
        let written = match &self.fields {
            None => serde_json::to_string(analysis),
            Some(f) => serde_json::to_string(&Selected { analysis, fields: f }),
        };
        // Serializing an analysis to a string cannot fail: every key is a string and every
        // number finite. Should it ever, the record says so rather than the batch stopping.
        written.unwrap_or_else(|e| serde_json::to_string(&Value::String(format!("cannot write the analysis: {e}"))).unwrap_or_default())
    }
}

/// One record, read: an input to analyze, or why it cannot be.
#[derive(Debug, Clone)]
pub enum Job {
    Analyze { id: Value, input: String, options: Options },
    Failed { id: Value, message: String },
}

impl Job {
    /// The record's id (`null` when a failed record had none).
    pub fn id(&self) -> &Value {
        match self {
            Job::Analyze { id, .. } | Job::Failed { id, .. } => id,
        }
    }

    /// How much input the job holds, in bytes (for the pool's memory budget and progress).
    pub fn weight(&self) -> usize {
        match self {
            Job::Analyze { input, .. } => input.len(),
            Job::Failed { message, .. } => message.len(),
        }
    }
}

/// The id as the output writes it, which is also how `--resume` compares ids: "7" and 7
/// are different ids.
pub fn id_key(id: &Value) -> String {
    serde_json::to_string(id).unwrap_or_default()
}

/// Reads one line of JSON Lines (without its line end). `None` for a blank line, which is
/// no record. Invalid UTF-8 is decoded lossily, as `lede analyze` reads files.
pub fn read_record(line: &[u8], settings: &Settings) -> Option<Job> {
    if line.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    if line.len() > MAX_RECORD_BYTES {
        return Some(too_long(line.len()));
    }
    let text = String::from_utf8_lossy(line);
    let fail = |id: Value, message: String| Some(Job::Failed { id, message });
    let mut record: Map<String, Value> = match serde_json::from_str(&text) {
        Ok(Value::Object(map)) => map,
        Ok(other) => return fail(Value::Null, format!("a record must be a JSON object, not {}", kind_of(&other))),
        Err(e) => return fail(Value::Null, format!("the record is not JSON: {e}")),
    };
    let id = match record.remove("id") {
        Some(id @ (Value::String(_) | Value::Number(_))) => id,
        Some(other) => return fail(Value::Null, format!("\"id\" must be a string or a number, not {}", kind_of(&other))),
        None => return fail(Value::Null, "the record has no \"id\"".into()),
    };
    let mut string = |key: &str| match record.remove(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(format!("\"{key}\" must be a string, not {}", kind_of(&other))),
    };
    let (text, html, format, reference_date) = match (string("text"), string("html"), string("format"), string("reference_date")) {
        (Ok(t), Ok(h), Ok(f), Ok(d)) => (t, h, f, d),
        (Err(e), ..) | (_, Err(e), ..) | (_, _, Err(e), _) | (.., Err(e)) => return fail(id, e),
    };
    let (input, format) = match (text, html) {
        (Some(_), Some(_)) => return fail(id, "the record has both \"text\" and \"html\"; give one".into()),
        (None, None) => return fail(id, "the record has neither \"text\" nor \"html\"".into()),
        (Some(text), None) => match format.as_deref().map(parse_format).transpose() {
            Ok(format) => (text, format),
            Err(e) => return fail(id, e),
        },
        (None, Some(_)) if format.as_deref().is_some_and(|f| f != "html") => {
            return fail(id, "\"format\" goes with \"text\"; \"html\" is read as HTML".into())
        }
        (None, Some(html)) => (html, Some(InputFormat::Html)),
    };
    match settings.options(format, reference_date.as_deref()) {
        Ok(options) => Some(Job::Analyze { id, input, options }),
        Err(e) => fail(id, e),
    }
}

/// The failed job of a record line of `bytes`, over [`MAX_RECORD_BYTES`] (read, not kept).
pub fn too_long(bytes: usize) -> Job {
    Job::Failed {
        id: Value::Null,
        message: format!("the record is {} MiB long; records up to {} MiB are read", bytes >> 20, MAX_RECORD_BYTES >> 20),
    }
}

fn parse_format(name: &str) -> Result<InputFormat, String> {
    match name {
        "markdown" => Ok(InputFormat::Markdown),
        "plain_text" => Ok(InputFormat::PlainText),
        "html" => Ok(InputFormat::Html),
        _ => Err(format!("\"format\" must be markdown, plain_text or html, not {name:?}")),
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A record's result: its output line (without the line end) and whether it failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub line: String,
    pub failed: bool,
}

/// Runs a job: the analysis record, or the error record of a job that failed to read.
pub fn run(job: Job, settings: &Settings) -> Outcome {
    match job {
        Job::Analyze { id, input, options } => {
            let analysis = analyze(&input, &options);
            Outcome { line: format!("{{\"id\":{},\"analysis\":{}}}", id_key(&id), settings.analysis_json(&analysis)), failed: false }
        }
        Job::Failed { id, message } => error_outcome(&id, &message),
    }
}

/// [`run`], with a panic (a bug: the analysis never panics) turned into the record's error.
/// Where panics abort the process (the release profile), this is [`run`].
pub fn run_caught(job: Job, settings: &Settings) -> Outcome {
    let id = job.id().clone();
    catch_unwind(AssertUnwindSafe(|| run(job, settings)))
        .unwrap_or_else(|p| error_outcome(&id, &format!("internal error: the analysis panicked: {}", panic_message(p.as_ref()))))
}

/// The error record of `id`.
pub fn error_outcome(id: &Value, message: &str) -> Outcome {
    #[derive(Serialize)]
    struct Error<'a> {
        id: &'a Value,
        error: &'a str,
    }
    Outcome { line: serde_json::to_string(&Error { id, error: message }).unwrap_or_default(), failed: true }
}

/// The text of a panic's payload.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| payload.downcast_ref::<String>().cloned()).unwrap_or_default()
}

/// What the pool's feeder and its results share: how much is in flight, to bound it.
struct InFlight {
    state: Mutex<(usize, usize)>,
    freed: Condvar,
}

enum Message<U> {
    /// Item `seq`, of `weight` bytes, is done.
    Done { seq: u64, weight: usize, out: Result<U, String> },
    /// The feeder is done; this many items were fed in all.
    Closed(u64),
}

/// An ordered pool: items fed in are processed on `workers` threads (a rayon pool) and
/// their results come out of [`Results`] in the order they were fed, whatever order they
/// finish in. Memory is bounded: [`Feeder::push`] waits while `window` items, or more than
/// `budget` bytes of them, are between being fed and being handed back.
pub struct Pool;

impl Pool {
    /// A pool running `work` on `workers` threads (every core when 0), the feeder and the
    /// results of it. A panic in `work` (a bug: the analysis never panics) becomes that item's
    /// `Err` with the panic's message, and the pool goes on.
    pub fn start<T, U, F>(workers: usize, window: usize, budget: usize, work: F) -> Result<(Feeder<T, U>, Results<U>), String>
    where
        T: Send + 'static,
        U: Send + 'static,
        F: Fn(T) -> U + Send + Sync + 'static,
    {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(workers)
            .thread_name(|i| format!("lede-batch-{i}"))
            .build()
            .map_err(|e| format!("cannot start the workers: {e}"))?;
        let (tx, rx) = channel();
        let in_flight = Arc::new(InFlight { state: Mutex::new((0, 0)), freed: Condvar::new() });
        let feeder = Feeder {
            pool,
            work: Arc::new(work),
            tx,
            in_flight: in_flight.clone(),
            window: window.max(1),
            budget: budget.max(1),
            next: 0,
            closed: false,
        };
        let results = Results { rx, in_flight, next: 0, pending: VecDeque::new(), total: None };
        Ok((feeder, results))
    }
}

type Work<T, U> = Arc<dyn Fn(T) -> U + Send + Sync>;

/// The feeding end of a [`Pool`]. Dropping it (or [`Feeder::close`]) tells the results that
/// no more items come.
pub struct Feeder<T, U> {
    pool: rayon::ThreadPool,
    work: Work<T, U>,
    tx: Sender<Message<U>>,
    in_flight: Arc<InFlight>,
    window: usize,
    budget: usize,
    next: u64,
    closed: bool,
}

impl<T: Send + 'static, U: Send + 'static> Feeder<T, U> {
    /// Whether an item of `weight` bytes would be taken now without waiting.
    pub fn has_room(&self, weight: usize) -> bool {
        let (count, bytes) = *self.in_flight.state.lock().unwrap_or_else(|e| e.into_inner());
        self.fits(count, bytes, weight)
    }

    fn fits(&self, count: usize, bytes: usize, weight: usize) -> bool {
        // One item is always let in, however large, or a record over the budget would wait forever.
        count == 0 || (count < self.window && bytes + weight <= self.budget)
    }

    /// Feeds `item` (of `weight` bytes) to the workers, first waiting for room.
    pub fn push(&mut self, item: T, weight: usize) {
        let mut state = self.in_flight.state.lock().unwrap_or_else(|e| e.into_inner());
        while !self.fits(state.0, state.1, weight) {
            state = self.in_flight.freed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        state.0 += 1;
        state.1 += weight;
        drop(state);
        let (seq, work, tx) = (self.next, self.work.clone(), self.tx.clone());
        self.next += 1;
        self.pool.spawn(move || {
            let out = catch_unwind(AssertUnwindSafe(|| work(item))).map_err(|p| panic_message(p.as_ref()));
            let _ = tx.send(Message::Done { seq, weight, out });
        });
    }

    /// No more items: the results end after the last one fed.
    pub fn close(&mut self) {
        if !self.closed {
            self.closed = true;
            let _ = self.tx.send(Message::Closed(self.next));
        }
    }
}

impl<T, U> Drop for Feeder<T, U> {
    fn drop(&mut self) {
        if !self.closed {
            self.closed = true;
            let _ = self.tx.send(Message::Closed(self.next));
        }
    }
}

/// The results of a [`Pool`], in the order the items were fed. Each is `Err` with a panic's
/// message if the work panicked on that item.
pub struct Results<U> {
    rx: Receiver<Message<U>>,
    in_flight: Arc<InFlight>,
    /// The sequence number of the next result to hand out.
    next: u64,
    /// Slot i holds the result of item `next + i` once it is done, with its weight.
    pending: VecDeque<Option<(usize, Result<U, String>)>>,
    total: Option<u64>,
}

impl<U> Iterator for Results<U> {
    type Item = Result<U, String>;

    /// The next result in input order, waiting for it; `None` once every item fed is handed out.
    fn next(&mut self) -> Option<Result<U, String>> {
        loop {
            if let Some(Some(_)) = self.pending.front() {
                let (weight, out) = self.pending.pop_front().flatten()?;
                self.next += 1;
                let mut state = self.in_flight.state.lock().unwrap_or_else(|e| e.into_inner());
                state.0 = state.0.saturating_sub(1);
                state.1 = state.1.saturating_sub(weight);
                drop(state);
                self.in_flight.freed.notify_all();
                return Some(out);
            }
            if self.total.is_some_and(|t| t <= self.next) {
                return None;
            }
            match self.rx.recv() {
                Ok(Message::Done { seq, weight, out }) => {
                    let i = seq.saturating_sub(self.next) as usize;
                    if self.pending.len() <= i {
                        self.pending.resize_with(i + 1, || None);
                    }
                    self.pending[i] = Some((weight, out));
                }
                Ok(Message::Closed(total)) => self.total = Some(total),
                // Every sender is gone without closing (the feeder's thread died): nothing more comes.
                Err(_) => return None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    #[test]
    fn results_come_in_the_order_fed_whatever_order_they_finish_in() {
        let (mut feeder, results) = Pool::start(4, 8, 1 << 20, |i: u64| {
            // Early items take longest, so they finish after later ones.
            std::thread::sleep(Duration::from_millis((7 - i % 8) * 2));
            i * 10
        })
        .unwrap();
        let fed = std::thread::spawn(move || {
            for i in 0..100 {
                feeder.push(i, 1);
            }
        });
        let got: Vec<u64> = results.map(Result::unwrap).collect();
        fed.join().unwrap();
        assert_eq!(got, (0..100).map(|i| i * 10).collect::<Vec<_>>());
    }

    #[test]
    fn no_more_than_the_window_is_in_flight_while_the_head_is_slow() {
        static STARTED: AtomicUsize = AtomicUsize::new(0);
        let (mut feeder, mut results) = Pool::start(2, 5, 1 << 20, |i: usize| {
            STARTED.fetch_add(1, Ordering::SeqCst);
            if i == 0 {
                std::thread::sleep(Duration::from_millis(200));
            }
            i
        })
        .unwrap();
        let fed = std::thread::spawn(move || {
            for i in 0..50 {
                feeder.push(i, 1);
            }
        });
        std::thread::sleep(Duration::from_millis(100));
        // Item 0 holds the head: the feeder waits with five items in flight.
        assert_eq!(STARTED.load(Ordering::SeqCst), 5);
        assert_eq!(results.next(), Some(Ok(0)));
        let rest: Vec<usize> = results.map(Result::unwrap).collect();
        fed.join().unwrap();
        assert_eq!(rest, (1..50).collect::<Vec<_>>());
    }

    #[test]
    fn the_byte_budget_holds_big_items_back_but_lets_one_through() {
        let (mut feeder, results) = Pool::start(2, 100, 10, |i: usize| i).unwrap();
        assert!(feeder.has_room(50), "one item goes through however big");
        feeder.push(0, 50);
        assert!(!feeder.has_room(1));
        feeder.close();
        assert_eq!(results.map(Result::unwrap).collect::<Vec<_>>(), [0]);
    }

    #[test]
    fn a_panic_in_the_work_is_that_item_s_error_and_the_pool_goes_on() {
        let (mut feeder, results) = Pool::start(2, 4, 1 << 20, |i: u32| {
            assert!(i != 3, "item three is broken");
            i
        })
        .unwrap();
        // Fed from another thread: with a window of 4, the fifth push waits for a result to be taken.
        let fed = std::thread::spawn(move || {
            for i in 0..6 {
                feeder.push(i, 1);
            }
        });
        let got: Vec<Result<u32, String>> = results.collect();
        fed.join().unwrap();
        assert_eq!(got.len(), 6);
        assert_eq!(got[3], Err("item three is broken".to_string()));
        assert_eq!(got[5], Ok(5));
    }

    #[test]
    fn a_blank_line_is_no_record_and_a_huge_one_is_refused_unread() {
        let settings = Settings::default();
        assert!(read_record(b"  \t\r", &settings).is_none());
        let huge = vec![b'x'; MAX_RECORD_BYTES + 1];
        let job = read_record(&huge, &settings).unwrap();
        assert!(matches!(&job, Job::Failed { id: Value::Null, message } if message.contains("32 MiB")), "{job:?}");
    }
}
