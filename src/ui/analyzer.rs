//! Where the page gets its analyses: from the analysis worker ([`crate::worker`]), so typing
//! and scrolling stay smooth while a long article is analyzed, with progress and cancellation.
//!
//! One worker serves the whole page. Views ask through [`use_analysis`]; identical texts share
//! one request and the last few analyses are kept, so going back to an article is instant.
//! We drive a `web_sys::Worker` directly rather than through gloo-worker 0.5 because Cancel must
//! stop a running analysis at once: `Worker::terminate` does, while dropping a gloo-worker
//! bridge only queues a message the busy worker reads after it has finished.

use crate::analysis::{Analysis, Progress};
use crate::ui::shared::Shared;
use crate::worker::{Job as Work, Request, Response};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The worker's loader, relative to the page (trunk writes it: index.html, `data-loader-shim`).
pub const WORKER_LOADER: &str = "lede-worker_loader.js";

/// How analyses are made.
#[derive(Clone)]
pub enum Engine {
    /// In the analysis worker (the app).
    Worker,
    /// On the page's thread by this function: component tests, which run without trunk's
    /// worker build. It may fail, to test the error card.
    InPage(fn(&str) -> Result<Analysis, String>),
}

impl PartialEq for Engine {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Engine::Worker, Engine::Worker) => true,
            // The same function in a test; an address may differ across codegen units, which
            // would only re-run the analysis.
            (Engine::InPage(a), Engine::InPage(b)) => std::ptr::fn_addr_eq(*a, *b),
            _ => false,
        }
    }
}

/// Where a view's analysis stands.
#[derive(Clone, PartialEq)]
pub enum Status {
    /// No text to analyze.
    Idle,
    /// Being analyzed; the progress once the worker has reported some.
    Working(Option<Progress>),
    Ready(Rc<Analysis>),
    /// The analysis failed (a bug in the core, or the worker could not start): the message.
    Failed(String),
    /// The user cancelled it.
    Cancelled,
}

/// What [`use_analysis`] gives a view.
#[derive(Clone)]
pub struct Analyzed {
    pub status: Status,
    /// Stops the running analysis (the worker is replaced; other views' requests are resent).
    pub cancel: Callback<()>,
    /// Asks again after a failure or a cancel.
    pub retry: Callback<()>,
}

impl Analyzed {
    /// The analysis once it is ready, to pass to components as props.
    pub fn analysis(&self) -> Option<Shared<Analysis>> {
        match &self.status {
            Status::Ready(a) => Some(Shared::from(a.clone())),
            _ => None,
        }
    }
}

/// The analysis of `text` (None: nothing to analyze), kept current as the text changes.
#[hook]
pub fn use_analysis(engine: Engine, text: Option<Rc<str>>) -> Analyzed {
    let status = use_state(|| Status::Idle);
    let attempt = use_state(|| 0u32);
    let job = use_mut_ref(|| None::<u32>);
    {
        let status = status.clone();
        let job = job.clone();
        use_effect_with((engine, text, *attempt), move |(engine, text, _)| {
            let mut subscription = None;
            match (text, engine) {
                (None, _) => status.set(Status::Idle),
                (Some(text), Engine::InPage(analyze)) => status.set(match analyze(text) {
                    Ok(a) => Status::Ready(Rc::new(a)),
                    Err(message) => Status::Failed(message),
                }),
                (Some(text), Engine::Worker) => {
                    let sub = subscribe(text.clone(), Callback::from(move |s| status.set(s)));
                    *job.borrow_mut() = Some(sub.job);
                    subscription = Some(sub);
                }
            }
            move || drop(subscription)
        });
    }
    let cancel = {
        let job = job.clone();
        let status = status.clone();
        Callback::from(move |_: ()| {
            if let Some(id) = job.borrow_mut().take() {
                CLIENT.with(|c| c.borrow_mut().cancel(id));
                deliver();
            }
            status.set(Status::Cancelled);
        })
    };
    let retry = {
        let attempt = attempt.clone();
        Callback::from(move |_: ()| attempt.set(*attempt + 1))
    };
    Analyzed { status: (*status).clone(), cancel, retry }
}

/// A view's interest in a request; dropping it unsubscribes.
struct Subscription {
    job: u32,
    listener: u32,
}

impl Drop for Subscription {
    fn drop(&mut self) {
        let (job, listener) = (self.job, self.listener);
        // The client may be borrowed when a status update re-renders a view synchronously;
        // then unsubscribe as soon as it is free.
        let done = CLIENT.with(|c| c.try_borrow_mut().map(|mut c| c.unsubscribe(job, listener)).is_ok());
        if !done {
            yew::platform::spawn_local(async move { CLIENT.with(|c| c.borrow_mut().unsubscribe(job, listener)) });
        }
    }
}

/// Asks for the analysis of `text`; `on_status` hears of it until the subscription is dropped.
fn subscribe(text: Rc<str>, on_status: Callback<Status>) -> Subscription {
    let (sub, immediate) = CLIENT.with(|c| c.borrow_mut().subscribe(text, on_status.clone()));
    // Told outside the borrow: the callback re-renders, which may subscribe again.
    on_status.emit(immediate);
    deliver();
    sub
}

thread_local! {
    static CLIENT: RefCell<Client> = RefCell::new(Client::default());
}

/// How many analyses are kept, and how much text they may add up to: the analysis of 1 MB of
/// text takes tens of MB of memory, so one long article is kept, not several.
const CACHE_ENTRIES: usize = 8;
const CACHE_MAX_BYTES: usize = 2 << 20;

struct Job {
    id: u32,
    text: Rc<str>,
    listeners: Vec<(u32, Callback<Status>)>,
    sent: bool,
    last: Status,
}

#[derive(Default)]
struct Client {
    worker: Option<Worker>,
    next_id: u32,
    jobs: Vec<Job>,
    cache: VecDeque<(Rc<str>, Rc<Analysis>)>,
    conversions: Vec<Conversion>,
}

/// A web page being read as Markdown for the editor.
struct Conversion {
    id: u32,
    html: String,
    sent: bool,
    on_status: Callback<Converting>,
}

/// Where a page's conversion to Markdown stands.
#[derive(Clone, PartialEq)]
pub enum Converting {
    Working(Option<Progress>),
    Done(String),
    Failed(String),
}

/// Reads the web page `html` as Markdown in the worker (the page's bundle holds no HTML
/// parser); `on_status` hears how it goes. Returns the conversion's id, for [`cancel_conversion`].
pub fn convert(html: String, on_status: Callback<Converting>) -> u32 {
    let id = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        c.next_id += 1;
        let id = c.next_id;
        c.conversions.push(Conversion { id, html, sent: false, on_status: on_status.clone() });
        c.pump();
        id
    });
    on_status.emit(Converting::Working(None));
    deliver();
    id
}

/// Stops conversion `id`: the worker is replaced, as for a cancelled analysis.
pub fn cancel_conversion(id: u32) {
    CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let Some(i) = c.conversions.iter().position(|j| j.id == id) else { return };
        if c.conversions.remove(i).sent {
            c.restart();
        }
    });
    deliver();
}

/// A running worker and the handlers it holds.
struct Worker {
    handle: web_sys::Worker,
    ready: bool,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::ErrorEvent)>,
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.handle.set_onmessage(None);
        self.handle.set_onerror(None);
        self.handle.terminate();
    }
}

impl Client {
    fn subscribe(&mut self, text: Rc<str>, on_status: Callback<Status>) -> (Subscription, Status) {
        self.next_id += 1;
        let listener = self.next_id;
        if let Some(i) = self.cache.iter().position(|(t, _)| *t == text) {
            let entry = self.cache.remove(i).expect("position is in range");
            let ready = Status::Ready(entry.1.clone());
            self.cache.push_front(entry);
            // A finished job: nothing to listen to.
            return (Subscription { job: 0, listener }, ready);
        }
        if let Some(job) = self.jobs.iter_mut().find(|j| j.text == text) {
            job.listeners.push((listener, on_status));
            return (Subscription { job: job.id, listener }, job.last.clone());
        }
        self.next_id += 1;
        let id = self.next_id;
        self.jobs.push(Job { id, text, listeners: vec![(listener, on_status)], sent: false, last: Status::Working(None) });
        self.pump();
        (Subscription { job: id, listener }, Status::Working(None))
    }

    fn unsubscribe(&mut self, job: u32, listener: u32) {
        if let Some(j) = self.jobs.iter_mut().find(|j| j.id == job) {
            j.listeners.retain(|(l, _)| *l != listener);
            // Not sent yet and nobody waits: forget it. A sent one finishes and is cached.
            if j.listeners.is_empty() && !j.sent {
                self.jobs.retain(|j| j.id != job);
            }
        }
    }

    /// Stops job `id`: the worker is terminated (it may be in the middle of it) and the other
    /// jobs go to a fresh worker.
    fn cancel(&mut self, id: u32) {
        let Some(i) = self.jobs.iter().position(|j| j.id == id) else { return };
        let job = self.jobs.remove(i);
        if job.sent {
            self.restart();
        }
        tell(&job, Status::Cancelled);
    }

    /// Drops the worker and marks every job unsent, then starts a new one if work remains
    /// (jobs nobody waits for any more are dropped, not redone).
    fn restart(&mut self) {
        self.worker = None;
        self.jobs.retain(|j| !j.listeners.is_empty());
        for j in &mut self.jobs {
            j.sent = false;
        }
        for c in &mut self.conversions {
            c.sent = false;
        }
        self.pump();
    }

    /// Starts the worker if there is work, and sends what it has not seen.
    fn pump(&mut self) {
        if self.jobs.is_empty() && self.conversions.is_empty() {
            return;
        }
        if self.worker.is_none() {
            match spawn() {
                Ok(w) => self.worker = Some(w),
                Err(message) => {
                    for job in std::mem::take(&mut self.jobs) {
                        tell(&job, Status::Failed(message.clone()));
                    }
                    self.fail_conversions(&message);
                    return;
                }
            }
        }
        let Some(worker) = self.worker.as_ref().filter(|w| w.ready) else { return };
        // Conversions first: the reader is waiting for the paste to appear.
        for c in self.conversions.iter_mut().filter(|c| !c.sent) {
            let request = Request { id: c.id, text: c.html.clone(), job: Work::Markdown };
            if worker.handle.post_message(&request.to_js()).is_ok() {
                c.sent = true;
            }
        }
        for job in self.jobs.iter_mut().filter(|j| !j.sent) {
            let request = Request { id: job.id, text: job.text.to_string(), job: Work::Analyze };
            if worker.handle.post_message(&request.to_js()).is_ok() {
                job.sent = true;
            }
        }
    }

    fn on_response(&mut self, response: Response) {
        match response {
            Response::Ready => {
                if let Some(w) = self.worker.as_mut() {
                    w.ready = true;
                }
                self.pump();
            }
            Response::Progress { id, progress } if self.conversions.iter().any(|c| c.id == id) => {
                if let Some(c) = self.conversions.iter().find(|c| c.id == id) {
                    PENDING_CONVERSIONS.with(|p| p.borrow_mut().push((c.on_status.clone(), Converting::Working(Some(progress)))));
                }
            }
            Response::Converted { id, markdown } => {
                if let Some(i) = self.conversions.iter().position(|c| c.id == id) {
                    let c = self.conversions.remove(i);
                    PENDING_CONVERSIONS.with(|p| p.borrow_mut().push((c.on_status, Converting::Done(markdown))));
                }
            }
            Response::Progress { id, progress } => {
                if let Some(job) = self.jobs.iter_mut().find(|j| j.id == id) {
                    job.last = Status::Working(Some(progress));
                    tell(job, job.last.clone());
                }
            }
            Response::Done { id, analysis } => {
                let Some(i) = self.jobs.iter().position(|j| j.id == id) else { return };
                let job = self.jobs.remove(i);
                let analysis: Rc<Analysis> = Rc::new(*analysis);
                self.cache.push_front((job.text.clone(), analysis.clone()));
                // The newest stays even when it alone is over the budget.
                while self.cache.len() > 1
                    && (self.cache.len() > CACHE_ENTRIES || self.cache.iter().map(|(t, _)| t.len()).sum::<usize>() > CACHE_MAX_BYTES)
                {
                    self.cache.pop_back();
                }
                tell(&job, Status::Ready(analysis));
            }
            Response::Failed { id, message } => {
                // The worker's wasm instance has aborted: fail this job, resend the rest.
                if let Some(i) = self.conversions.iter().position(|c| c.id == id) {
                    let c = self.conversions.remove(i);
                    let failed = Converting::Failed(format!("This page could not be read: {message}"));
                    PENDING_CONVERSIONS.with(|p| p.borrow_mut().push((c.on_status, failed)));
                }
                if let Some(i) = self.jobs.iter().position(|j| j.id == id) {
                    let job = self.jobs.remove(i);
                    tell(&job, Status::Failed(format!("The analysis of this article failed: {message}")));
                }
                self.restart();
            }
        }
    }

    fn fail_conversions(&mut self, message: &str) {
        for c in std::mem::take(&mut self.conversions) {
            PENDING_CONVERSIONS.with(|p| p.borrow_mut().push((c.on_status, Converting::Failed(message.to_string()))));
        }
    }

    /// The worker stopped on its own (it could not load, or its wasm trapped without a panic
    /// message). Before it was ready, every job fails; after, the one it was running.
    fn on_error(&mut self, message: String) {
        let ready = self.worker.as_ref().is_some_and(|w| w.ready);
        self.worker = None;
        if !ready {
            for job in std::mem::take(&mut self.jobs) {
                tell(&job, Status::Failed(format!("The analysis engine could not start: {message}")));
            }
            self.fail_conversions(&format!("The analysis engine could not start: {message}"));
            return;
        }
        if let Some(i) = self.conversions.iter().position(|c| c.sent) {
            let c = self.conversions.remove(i);
            let failed = Converting::Failed(format!("This page could not be read: {message}"));
            PENDING_CONVERSIONS.with(|p| p.borrow_mut().push((c.on_status, failed)));
            self.restart();
            return;
        }
        if let Some(i) = self.jobs.iter().position(|j| j.sent) {
            let job = self.jobs.remove(i);
            tell(&job, Status::Failed(format!("The analysis of this article stopped: {message}")));
        }
        self.restart();
    }
}

thread_local! {
    /// Status updates waiting to be told, outside the client's borrow.
    static PENDING: RefCell<Vec<(Callback<Status>, Status)>> = const { RefCell::new(Vec::new()) };
    /// The same for conversions.
    static PENDING_CONVERSIONS: RefCell<Vec<(Callback<Converting>, Converting)>> = const { RefCell::new(Vec::new()) };
}

/// Queues `status` for everyone waiting on `job`; [`deliver`] tells them once the client is
/// no longer borrowed (a listener re-renders a view, which may ask the client again).
fn tell(job: &Job, status: Status) {
    let listeners: Vec<Callback<Status>> = job.listeners.iter().map(|(_, c)| c.clone()).collect();
    PENDING.with(|p| p.borrow_mut().extend(listeners.into_iter().map(|c| (c, status.clone()))));
}

fn deliver() {
    let pending = PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()));
    for (callback, status) in pending {
        callback.emit(status);
    }
    let conversions = PENDING_CONVERSIONS.with(|p| std::mem::take(&mut *p.borrow_mut()));
    for (callback, status) in conversions {
        callback.emit(status);
    }
}

fn spawn() -> Result<Worker, String> {
    let handle = web_sys::Worker::new(WORKER_LOADER).map_err(|e| format!("{e:?}"))?;
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|event: web_sys::MessageEvent| {
        let response = event.data().as_string().and_then(|json| serde_json::from_str::<Response>(&json).ok());
        match response {
            Some(r) => CLIENT.with(|c| c.borrow_mut().on_response(r)),
            // A worker from another build (a stale copy in the browser's cache): its answers
            // cannot be read, so fail the request with a way out rather than wait forever.
            None => CLIENT
                .with(|c| c.borrow_mut().on_error("the analysis engine does not match this page (an old copy?); reload the page".into())),
        }
        deliver();
    });
    let on_error = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(|event: web_sys::ErrorEvent| {
        event.prevent_default();
        let message = Some(event.message()).filter(|m| !m.is_empty()).unwrap_or_else(|| "the worker stopped".into());
        CLIENT.with(|c| c.borrow_mut().on_error(message));
        deliver();
    });
    handle.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    handle.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Worker { handle, ready: false, _on_message: on_message, _on_error: on_error })
}
