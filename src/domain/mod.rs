//! The domain: pure Rust, no I/O, no browser crates. Everything here is tested natively
//! with `cargo test`. Time and randomness come in as arguments so every function is
//! deterministic.
//!
//! A complaint is an append-only set of immutable [`event::Event`]s; its state is the
//! deterministic [`fold::fold`] of that set; commands ([`command::execute`]) validate and turn
//! intentions into new events; [`precheck::legal_commands`] says what the UI may offer.

pub mod action;
pub mod badges;
pub mod batch;
pub mod catalog;
pub mod catalog_text;
pub mod channel;
pub mod classify;
pub mod command;
mod command_rules;
pub mod communication;
pub mod config;
pub mod csv;
pub mod device;
pub mod duration_text;
pub mod errors;
pub mod event;
pub mod event_rules;
pub mod eventset;
pub mod fields;
pub mod files;
pub mod fold;
pub mod grading;
pub mod hlc;
pub mod ids;
pub mod intake;
pub mod keyed;
pub mod investigation;
pub mod message;
pub mod next_steps;
pub mod number;
pub mod payload;
pub mod phase;
mod payload_rules;
pub mod plan;
pub mod precheck;
pub mod mvreg;
pub mod registration;
pub mod replication;
pub mod responsibility;
pub mod retention;
pub mod routing;
pub mod rules_file;
pub mod search_terms;
pub mod settings;
pub mod review;
pub mod skew;
pub mod sort;
pub mod sla;
pub mod staff;
pub mod state;
pub mod survey;
pub mod text;
pub mod time_range;
pub mod workflow;

#[cfg(test)]
mod tests;
