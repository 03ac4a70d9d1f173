//! The review's filters: each one empty (everything) or one value to match exactly.

use serde::{Deserialize, Serialize};

use super::row::ReviewRow;
use crate::domain::channel::Channel;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewFilter {
    pub device: Option<String>,
    pub department: Option<String>,
    pub channel: Option<Channel>,
    /// A product's search key (`ReviewRow::product_key`); matched after trimming and lower-casing.
    pub product: Option<String>,
    #[serde(rename = "type")]
    pub type_key: Option<String>,
}

impl ReviewFilter {
    pub fn matches(&self, row: &ReviewRow) -> bool {
        self.device.as_ref().is_none_or(|d| *d == row.device)
            && self.department.as_ref().is_none_or(|d| row.department.as_ref() == Some(d))
            && self.channel.is_none_or(|c| c == row.channel)
            && self.product.as_ref().is_none_or(|p| same_product(p, &row.product_key))
            && self.type_key.as_ref().is_none_or(|t| row.type_key.as_ref() == Some(t))
    }

    pub fn is_empty(&self) -> bool {
        *self == ReviewFilter::default()
    }
}

/// `wanted` names the product of `key` (trimmed, case ignored) — without allocating per row
/// when it is already a key, as the page's filter is.
fn same_product(wanted: &str, key: &str) -> bool {
    let wanted = wanted.trim();
    if wanted.chars().any(char::is_uppercase) {
        wanted.to_lowercase() == key
    } else {
        wanted == key
    }
}
