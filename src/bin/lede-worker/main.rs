//! The analysis worker's bundle (trunk: `data-type="worker"`, see index.html). In a dedicated
//! worker it answers the page's analysis requests ([`lede::worker`]); loaded into a page it only
//! offers the JavaScript API (`js_api`).

#[cfg(target_arch = "wasm32")]
mod js_api;

fn main() {
    #[cfg(target_arch = "wasm32")]
    lede::worker::start();
}
