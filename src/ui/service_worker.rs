//! Offline support: the one place the app talks to its service worker.
//!
//! Release builds register `sw.js` (copied to the site root by trunk; its precache list is
//! written from the build output by `scripts/precache.mjs`). The script URL and the scope
//! are relative to the page, so the app works from any sub-path (`/`, `/lede/`). A new
//! version installs beside the running one and waits: [`UpdateBanner`] says so, and its
//! "Reload" button tells the waiting worker to take over and reloads the page once it has,
//! so a page never runs the assets of two versions. Debug builds (`trunk serve` without
//! `--release`, the component tests) never register, so the worker does not fight
//! trunk's reload.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ServiceWorker, ServiceWorkerRegistration, ServiceWorkerState};
use yew::prelude::*;

/// Whether this build registers the worker: release builds only. A `cfg!` rather than a
/// `#[cfg]` attribute, so that the code below is compiled, linted and type-checked in debug
/// builds too (`make lint`), and only its call is dropped there.
const ENABLED: bool = cfg!(not(debug_assertions));

/// The message `sw.js` answers with `skipWaiting()`.
const SKIP_WAITING: &str = "skip-waiting";

thread_local! {
    /// The registration, once `register` has resolved.
    static REGISTRATION: RefCell<Option<ServiceWorkerRegistration>> = const { RefCell::new(None) };
    /// The installed version the banner announced. Kept because Firefox can deliver a
    /// worker's `statechange` to "installed" before its registration's `waiting` attribute
    /// is updated (both come from the parent process separately): a Reload clicked in that
    /// window would otherwise find no waiting worker and reload into the old version.
    static ANNOUNCED: RefCell<Option<ServiceWorker>> = const { RefCell::new(None) };
    /// Set when the user asked for the new version: the next controller change reloads.
    static RELOAD_ON_CONTROLLER_CHANGE: Cell<bool> = const { Cell::new(false) };
}

/// Registers the service worker once (release builds) and returns whether a new version
/// of the app is installed and waiting for the user to switch to it.
#[hook]
pub fn use_update_ready() -> UseStateHandle<bool> {
    let ready = use_state(|| false);
    {
        let ready = ready.clone();
        use_effect_with((), move |_| {
            if ENABLED {
                register(Callback::from(move |()| ready.set(true)));
            }
        });
    }
    ready
}

/// A banner shown once a new version is ready, with a "Reload" button that switches to it.
/// The live region is always there (empty until then) so screen readers announce it.
#[function_component]
pub fn UpdateBanner() -> Html {
    let ready = use_update_ready();
    let on_reload = Callback::from(|_: MouseEvent| apply_update());
    html! {
        <div class="update-banner" role="status" aria-live="polite">
            if *ready {
                <span data-testid="update-banner">{ "A new version of lede is ready." }</span>
                <button type="button" data-testid="reload" onclick={on_reload}>{ "Reload" }</button>
            }
        </div>
    }
}

/// Registers `sw.js` with the page's directory as its scope and reports, through
/// `on_update`, every time a new version becomes ready. Browsers without service workers
/// (or pages not in a secure context, where `navigator.serviceWorker` is absent) keep
/// working online; a refused registration (private windows in some browsers) is ignored.
fn register(on_update: Callback<()>) {
    let Some(window) = web_sys::window() else { return };
    let navigator = window.navigator();
    if !js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false) {
        return;
    }
    let container = navigator.service_worker();
    // A page that loaded without a controller gets its first one when the first worker
    // claims it: that is no new version. Any later change is.
    let had_controller = Rc::new(Cell::new(container.controller().is_some()));
    {
        let had_controller = had_controller.clone();
        let on_update = on_update.clone();
        listen(&container, "controllerchange", move || {
            if RELOAD_ON_CONTROLLER_CHANGE.get() {
                reload();
            } else if had_controller.get() {
                // Another tab switched versions: this page still runs the old one.
                on_update.emit(());
            }
            had_controller.set(true);
        });
    }

    let options = web_sys::RegistrationOptions::new();
    options.set_scope("./");
    let promise = container.register_with_options("sw.js", &options);
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(registration) = wasm_bindgen_futures::JsFuture::from(promise).await else { return };
        let registration: ServiceWorkerRegistration = registration.unchecked_into();
        let report_when_installed = {
            let container = container.clone();
            let on_update = on_update.clone();
            move |worker: ServiceWorker| {
                let container = container.clone();
                let on_update = on_update.clone();
                let watched = worker.clone();
                listen(&worker, "statechange", move || {
                    // Installed while another version controls the page: it waits for the user.
                    if watched.state() == ServiceWorkerState::Installed && container.controller().is_some() {
                        ANNOUNCED.with_borrow_mut(|w| *w = Some(watched.clone()));
                        on_update.emit(());
                    }
                });
            }
        };
        if let Some(waiting) = registration.waiting().filter(|_| had_controller.get()) {
            ANNOUNCED.with_borrow_mut(|w| *w = Some(waiting));
            on_update.emit(());
        }
        if let Some(worker) = registration.installing() {
            report_when_installed(worker);
        }
        let watched = registration.clone();
        listen(&registration, "updatefound", move || {
            if let Some(worker) = watched.installing() {
                report_when_installed(worker);
            }
        });
        watch_for_updates(&registration);
        REGISTRATION.with_borrow_mut(|r| *r = Some(registration));
    });
}

/// How often a page left open asks the server for a new version (besides navigations).
const UPDATE_CHECK_MS: i32 = 60 * 60 * 1000;

/// A page left open learns of new versions too: the browser checks on navigations only,
/// so ask again each time the page is shown and once an hour. A failed check (offline)
/// is ignored: its promise is awaited, so it never surfaces as an unhandled rejection.
fn watch_for_updates(registration: &ServiceWorkerRegistration) {
    let Some(window) = web_sys::window() else { return };
    let check = {
        let registration = registration.clone();
        move || {
            if let Ok(promise) = registration.update() {
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
                });
            }
        }
    };
    if let Some(document) = window.document() {
        let check = check.clone();
        let shown = document.clone();
        listen(&document, "visibilitychange", move || {
            if !shown.hidden() {
                check();
            }
        });
    }
    let hourly = Closure::<dyn FnMut()>::new(check);
    let _ = window.set_interval_with_callback_and_timeout_and_arguments_0(hourly.as_ref().unchecked_ref(), UPDATE_CHECK_MS);
    hourly.forget();
}

/// Switches to the waiting version: tells it to take over; the page reloads on the
/// controller change that follows. With no waiting worker (another tab already switched,
/// so the announced one is no longer "installed"), a reload is all it takes.
fn apply_update() {
    let waiting = REGISTRATION
        .with_borrow(|r| r.as_ref().and_then(ServiceWorkerRegistration::waiting))
        .or_else(|| ANNOUNCED.with_borrow(|w| w.clone().filter(|w| w.state() == ServiceWorkerState::Installed)));
    match waiting {
        Some(worker) => {
            RELOAD_ON_CONTROLLER_CHANGE.set(true);
            if worker.post_message(&JsValue::from_str(SKIP_WAITING)).is_err() {
                reload();
            }
        }
        None => reload(),
    }
}

fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// Adds an event listener for the life of the page (the registration lives as long).
fn listen(target: &web_sys::EventTarget, event: &str, f: impl FnMut() + 'static) {
    let closure = Closure::<dyn FnMut()>::new(f);
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    closure.forget();
}
