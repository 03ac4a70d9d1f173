//! The user interface: Leptos components and pages. Talks to `services`, never to `store`.

pub mod app;
pub mod components;
pub mod lazy_pages;
pub mod pages;
pub mod session;
pub mod text;

pub use app::App;
