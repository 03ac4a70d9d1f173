//! Reusable components.

pub mod header;
pub mod language_switch;
pub mod online_badge;
pub mod rules_problem;
pub mod sync_badge;
pub mod text_field;
pub mod update_banner;
