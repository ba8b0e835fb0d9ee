//! The web app's entry point: a panic hook that reports to the console, then the App.

fn main() {
    console_error_panic_hook::set_once();
    yew::Renderer::<lede::ui::App>::new().render();
}
