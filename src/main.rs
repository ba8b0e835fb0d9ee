//! The web app's entry point: a panic hook that reports to the console, then the App, which
//! gets its analyses from the analysis worker (src/bin/lede-worker).

fn main() {
    console_error_panic_hook::set_once();
    yew::Renderer::<lede::ui::App>::with_props(lede::ui::AppProps { engine: lede::ui::Engine::Worker }).render();
}
