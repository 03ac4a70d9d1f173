//! Reusable components.

pub mod badges;
pub mod customer_name;
pub mod downloads;
pub mod enum_select;
pub mod files;
pub mod header;
pub mod language_switch;
pub mod list_return;
pub mod online_badge;
pub mod option_select;
pub mod reg_inputs;
pub mod required_choice;
pub mod rules_problem;
pub mod sync_badge;
pub mod text_field;
pub mod update_banner;
