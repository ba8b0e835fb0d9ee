//! `lede._lede`, the native half of the Python package `lede` (`lede/__init__.py` re-exports
//! it): the analysis of the `lede` crate, run with the GIL released, and the records of
//! `lede batch` (`lede::batch`), so a line written here is byte for byte the command's.
//!
//! Results cross into Python as the JSON the command line writes: `analyze_json` returns it,
//! `analyze` parses it with Python's `json` module, so the dict is the document of
//! SCHEMA.md with the same numbers.

use lede::analysis::{analyze as analyze_text, FIELDS, SCHEMA_VERSION};
use lede::batch::{self, Feeder, Job, Pool, Results, Settings};
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyIterator, PyString};
use serde_json::Value;
use std::sync::Mutex;

/// Records in flight per worker in `analyze_many` and `batch_lines`, as in `lede batch`.
const WINDOW_PER_WORKER: usize = 32;
/// Bytes of input in flight at most.
const BUDGET_BYTES: usize = 64 << 20;

fn settings(fields: Option<Vec<String>>) -> PyResult<Settings> {
    Settings::new(fields).map_err(PyValueError::new_err)
}

fn parse_format(format: Option<&str>) -> PyResult<Option<lede::analysis::parse::InputFormat>> {
    use lede::analysis::parse::InputFormat;
    match format {
        None => Ok(None),
        Some("markdown") => Ok(Some(InputFormat::Markdown)),
        Some("plain_text") => Ok(Some(InputFormat::PlainText)),
        Some("html") => Ok(Some(InputFormat::Html)),
        Some(other) => Err(PyValueError::new_err(format!("format is markdown, plain_text or html, not {other:?}"))),
    }
}

fn loads(py: Python<'_>, json: &str) -> PyResult<Py<PyAny>> {
    Ok(py.import("json")?.call_method1("loads", (json,))?.unbind())
}

/// The analysis of `text` as compact JSON (the fields asked for, or all of them).
#[pyfunction]
#[pyo3(signature = (text, fields=None, format=None, reference_date=None))]
fn analyze_json(
    py: Python<'_>,
    text: String,
    fields: Option<Vec<String>>,
    format: Option<&str>,
    reference_date: Option<&str>,
) -> PyResult<String> {
    let settings = settings(fields)?;
    let options = settings.options(parse_format(format)?, reference_date).map_err(PyValueError::new_err)?;
    Ok(py.detach(|| settings.analysis_json(&analyze_text(&text, &options))))
}

/// The analysis of `text` as a dict (the fields asked for, or all of them).
#[pyfunction]
#[pyo3(signature = (text, fields=None, format=None, reference_date=None))]
fn analyze(
    py: Python<'_>,
    text: String,
    fields: Option<Vec<String>>,
    format: Option<&str>,
    reference_date: Option<&str>,
) -> PyResult<Py<PyAny>> {
    let json = analyze_json(py, text, fields, format, reference_date)?;
    loads(py, &json)
}

/// What an iterator of this module yields for each item it takes.
#[derive(Clone, Copy)]
enum Mode {
    /// Texts in; analyses out, as dicts or (`json`) as JSON strings.
    Texts { json: bool },
    /// JSON Lines records in (str or bytes); the lines `lede batch` writes out.
    Lines,
}

struct State {
    source: Option<Py<PyIterator>>,
    feeder: Option<Feeder<Job, String>>,
    results: Results<String>,
    settings: Settings,
    /// An item taken from the source that did not fit in the window yet.
    waiting: Option<Job>,
    in_flight: usize,
    /// An error the source raised, raised in turn once the items before it are handed out.
    error: Option<PyErr>,
}

/// The analyses of an iterable's items, in its order, computed on a pool of workers while the
/// caller consumes them; see `lede.analyze_many` and `lede.batch_lines`.
#[pyclass(module = "lede._lede")]
struct Analyses {
    mode: Mode,
    state: Mutex<State>,
}

impl Analyses {
    fn start(
        py: Python<'_>,
        iterable: &Bound<'_, PyAny>,
        workers: Option<usize>,
        fields: Option<Vec<String>>,
        mode: Mode,
    ) -> PyResult<Self> {
        let settings = settings(fields)?;
        let source = iterable.try_iter()?.unbind();
        let workers = match workers {
            Some(0) => return Err(PyValueError::new_err("workers is 1 or more (None: every core)")),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        let work_settings = settings.clone();
        let (feeder, results) = Pool::start(workers, workers * WINDOW_PER_WORKER, BUDGET_BYTES, move |job: Job| match mode {
            Mode::Lines => batch::run_caught(job, &work_settings).line,
            Mode::Texts { .. } => match job {
                Job::Analyze { input, options, .. } => work_settings.analysis_json(&analyze_text(&input, &options)),
                Job::Failed { message, .. } => message,
            },
        })
        .map_err(PyRuntimeError::new_err)?;
        let _ = py;
        let state = State { source: Some(source), feeder: Some(feeder), results, settings, waiting: None, in_flight: 0, error: None };
        Ok(Analyses { mode, state: Mutex::new(state) })
    }

    /// The job of the source's next item: `Ok(None)` when it is exhausted, blank lines skipped.
    fn take(&self, py: Python<'_>, state: &mut State) -> PyResult<Option<Job>> {
        loop {
            let Some(source) = &state.source else { return Ok(None) };
            let Some(item) = source.bind(py).clone().next() else { return Ok(None) };
            let item = item?;
            match self.mode {
                Mode::Texts { .. } => {
                    let text: String = item
                        .extract()
                        .map_err(|_| PyTypeError::new_err(format!("analyze_many takes texts (str), not {}", type_name(&item))))?;
                    let options = state.settings.options(None, None).map_err(PyValueError::new_err)?;
                    return Ok(Some(Job::Analyze { id: Value::Null, input: text, options }));
                }
                Mode::Lines => {
                    // A line as a file or `read_text` yields it keeps its line end, which is no part of the record.
                    let job = if let Ok(s) = item.cast::<PyString>() {
                        batch::read_record(trim_line_end(s.to_str()?.as_bytes()), &state.settings)
                    } else if let Ok(bytes) = item.extract::<Vec<u8>>() {
                        batch::read_record(trim_line_end(&bytes), &state.settings)
                    } else {
                        return Err(PyTypeError::new_err(format!("batch_lines takes lines (str or bytes), not {}", type_name(&item))));
                    };
                    if let Some(job) = job {
                        return Ok(Some(job));
                    }
                }
            }
        }
    }
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

fn type_name(item: &Bound<'_, PyAny>) -> String {
    item.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "that".into())
}

#[pymethods]
impl Analyses {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        let mut guard = self.state.lock().map_err(|_| PyRuntimeError::new_err("a previous call failed inside lede"))?;
        let state = &mut *guard;
        // Fill the window: take items from the source until one does not fit.
        while state.error.is_none() {
            let job = match state.waiting.take() {
                Some(job) => job,
                None => match self.take(py, state) {
                    Ok(Some(job)) => job,
                    Ok(None) => {
                        state.source = None;
                        if let Some(mut feeder) = state.feeder.take() {
                            feeder.close();
                        }
                        break;
                    }
                    Err(e) => {
                        state.source = None;
                        state.feeder.take();
                        state.error = Some(e);
                        break;
                    }
                },
            };
            let Some(feeder) = state.feeder.as_mut() else { break };
            if !feeder.has_room(job.weight()) {
                state.waiting = Some(job);
                break;
            }
            let weight = job.weight();
            feeder.push(job, weight);
            state.in_flight += 1;
        }
        if state.in_flight == 0 {
            return match state.error.take() {
                Some(e) => Err(e),
                None => Ok(None),
            };
        }
        // The next result in order, waited for with the GIL released.
        let results = &mut state.results;
        let next = py.detach(|| results.next());
        state.in_flight -= 1;
        let json = match next {
            Some(Ok(json)) => json,
            Some(Err(panic)) => return Err(PyRuntimeError::new_err(format!("internal error: the analysis panicked: {panic}"))),
            None => return Err(PyRuntimeError::new_err("internal error: the workers stopped")),
        };
        match self.mode {
            Mode::Texts { json: false } => loads(py, &json).map(Some),
            Mode::Texts { json: true } | Mode::Lines => Ok(Some(PyString::new(py, &json).into_any().unbind())),
        }
    }
}

/// The analyses of `texts`, in their order: dicts, or JSON strings with `as_json=True`.
#[pyfunction]
#[pyo3(signature = (texts, workers=None, fields=None, as_json=false))]
fn analyze_many(
    py: Python<'_>,
    texts: &Bound<'_, PyAny>,
    workers: Option<usize>,
    fields: Option<Vec<String>>,
    as_json: bool,
) -> PyResult<Analyses> {
    Analyses::start(py, texts, workers, fields, Mode::Texts { json: as_json })
}

/// For each JSON Lines record of `lines`, the line `lede batch` writes (without its line end).
#[pyfunction]
#[pyo3(signature = (lines, workers=None, fields=None))]
fn batch_lines(py: Python<'_>, lines: &Bound<'_, PyAny>, workers: Option<usize>, fields: Option<Vec<String>>) -> PyResult<Analyses> {
    Analyses::start(py, lines, workers, fields, Mode::Lines)
}

#[pymodule]
fn _lede(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(analyze, m)?)?;
    m.add_function(wrap_pyfunction!(analyze_json, m)?)?;
    m.add_function(wrap_pyfunction!(analyze_many, m)?)?;
    m.add_function(wrap_pyfunction!(batch_lines, m)?)?;
    m.add_class::<Analyses>()?;
    m.add("SCHEMA_VERSION", SCHEMA_VERSION)?;
    m.add("FIELDS", FIELDS.to_vec())?;
    Ok(())
}
