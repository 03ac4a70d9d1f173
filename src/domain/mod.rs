//! The domain: pure Rust, no I/O, no browser crates. Everything here is tested natively
//! with `cargo test`. Time and randomness come in as arguments so every function is
//! deterministic.

pub mod channel;
pub mod device;
pub mod event;
pub mod eventset;
pub mod hlc;
pub mod ids;
pub mod number;
pub mod register;
pub mod registration;
