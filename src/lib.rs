//! Complaint desk: an offline-first complaint desk that runs entirely in the browser.
//!
//! Layers, arrows pointing one way only (see ARCHITECTURE.md):
//! `ui` → `services` → `store` / `sync` → `domain`. The domain is pure Rust and compiles
//! natively; everything else exists only on wasm32.

pub mod domain;
