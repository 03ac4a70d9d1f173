//! Complaint desk: an offline-first complaint desk that runs entirely in the browser.
//!
//! Layers, arrows pointing one way only (see ARCHITECTURE.md):
//! `ui` → `services` → `store` → `domain`, with `browser` as a leaf of thin browser-API
//! wrappers. The domain is pure Rust and compiles natively; everything else exists only on
//! wasm32.

pub mod domain;

// Generates the `i18n` module from locales/*.json; every key must exist in both languages.
// The macro is deprecated in favour of build-script generation, which would make every
// native domain test build compile the ICU tool chain too.
#[cfg(target_arch = "wasm32")]
#[allow(deprecated)]
mod i18n_gen {
    leptos_i18n::load_locales!();
}
#[cfg(target_arch = "wasm32")]
pub use i18n_gen::i18n;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod services;
#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod sync;
#[cfg(target_arch = "wasm32")]
pub mod ui;

/// Mounts the app on the page.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    browser::stopped::install();
    // The static "loading" page of index.html has done its job.
    if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        boot.remove();
    }
    leptos::mount::mount_to_body(ui::App);
}
