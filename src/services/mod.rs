//! Application services: the use cases the UI calls. They combine the domain's rules with
//! storage and the browser's clock and randomness; the UI never touches the store directly.

pub mod actions;
pub mod csv;
pub mod customers;
pub mod desk;
pub mod error;
pub mod export;
pub mod files;
pub mod import;
pub mod on_demand;
pub mod review;
pub mod rules;
pub mod sync;
pub mod sync_runner;

pub use desk::{ComplaintDetail, Desk};
pub use error::{ActionError, RegisterError, SettingsSaveError};
pub use files::AttachmentUrl;
pub use rules::{RulesChoice, RulesError, RulesInfo, RulesPreview};
pub use crate::store::list::{After, Filter, FilterField, Order, Page};
pub use crate::store::search::SearchAfter;
pub use crate::store::views::ComplaintView;
