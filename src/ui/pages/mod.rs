//! One file per page of the navigation.

pub mod complaints;
pub mod csv_import;
pub mod data;
pub mod data_export;
pub mod data_import;
pub mod detail;
pub mod feedback_form;
pub mod not_found;
pub mod register;
pub mod review;
pub mod settings;
pub mod settings_holidays;
pub mod settings_rules;
pub mod settings_rules_file;
pub mod settings_rules_import;
pub mod settings_staff;
pub mod settings_sync;
