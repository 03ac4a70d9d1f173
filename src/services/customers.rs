//! Returning customers (SPEC §3): while a phone is typed on the Register form, the complaints
//! registered before with the same phone.

use crate::store::customers;
pub use crate::store::customers::EarlierComplaints;
use crate::store::views::phone_key;
use crate::store::StoreError;

use super::Desk;

/// The fewest digits looked up: shorter, the number is still being typed (a whole local
/// number has 7 or more).
pub const MIN_DIGITS: usize = 7;
/// How many earlier complaints are shown; the rest are one link away (the search).
pub const SHOWN: u32 = 5;

/// The phone's lookup key (its digits), once it has enough of them to look up.
pub fn lookup_key(phone: &str) -> Option<String> {
    let key = phone_key(phone);
    (key.len() >= MIN_DIGITS).then_some(key)
}

impl Desk {
    /// The complaints registered with the phone whose digits are `key` (see [`lookup_key`]):
    /// how many, and the newest [`SHOWN`].
    pub async fn earlier_complaints(&self, key: &str) -> Result<EarlierComplaints, StoreError> {
        customers::by_phone(&self.db, key, SHOWN).await
    }
}
