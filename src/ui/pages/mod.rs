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
