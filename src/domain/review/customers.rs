//! Customers coming back within a period (SPEC §11 重复投诉): complaints counted per customer
//! by a stable hash of the phone digits. Every customer of the period has an entry, so an
//! entry keeps only what the report shows of the few that come back: the count, the newest
//! receipt, the name and the phone's last digits of the first row seen, and the first few
//! complaint numbers — never the phone number itself.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::row::ReviewRow;

/// How many recurring customers the report lists (the most complaints first).
pub const TOP_CUSTOMERS: usize = 10;
/// How many complaint numbers a recurring customer's row names.
pub const NUMBERS_KEPT: usize = 5;
/// How many trailing digits of the phone are shown.
const TAIL: usize = 4;

/// A customer's key: FNV-1a (64 bits) of the phone digits. Stable across versions and devices,
/// unlike `std`'s hasher, because an improvement action keeps it ([`key_text`]) to find the
/// customer's complaints again.
pub fn customer_key(phone_digits: &str) -> u64 {
    phone_digits.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// The key as an action's problem keeps it: 16 hex digits.
pub fn key_text(key: u64) -> String {
    format!("{key:016x}")
}

/// The key back from its text; `None` for anything else.
pub fn parse_key(text: &str) -> Option<u64> {
    if text.len() != 16 {
        return None;
    }
    text.chars().try_fold(0u64, |k, c| Some(k << 4 | u64::from(c.to_digit(16)?)))
}

/// A customer with two complaints or more in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepeatCustomer {
    /// [`key_text`] of the phone digits.
    pub key: String,
    /// The name on the first complaint seen: empty for an anonymous customer (or a blank
    /// name), `None` when that complaint's row predates names in rows.
    pub name: Option<String>,
    /// The phone's last four digits (fewer for a shorter number).
    pub phone_tail: String,
    pub n: u32,
    /// The first [`NUMBERS_KEPT`] complaint numbers, in the order the rows came (received).
    pub numbers: Vec<String>,
}

/// One customer seen in the period. Boxed strings: no spare capacity, 16 bytes each.
struct Seen {
    n: u32,
    tail: ([u8; TAIL], u8),
    newest_ms: i64,
    name: Option<Box<str>>,
    numbers: Vec<Box<str>>,
}

/// Complaints per customer.
#[derive(Default)]
pub struct Customers(HashMap<u64, Seen>);

impl Customers {
    /// Counts a row of the period (a row without a phone is no one in particular).
    pub fn add(&mut self, row: &ReviewRow) {
        if row.phone_key.is_empty() {
            return;
        }
        let seen = self.0.entry(customer_key(&row.phone_key)).or_insert_with(|| {
            let digits = row.phone_key.as_bytes();
            let tail = &digits[digits.len().saturating_sub(TAIL)..];
            let mut bytes = [0; TAIL];
            bytes[..tail.len()].copy_from_slice(tail);
            Seen { n: 0, tail: (bytes, tail.len() as u8), newest_ms: row.received_ms, name: row.customer.as_deref().map(Into::into), numbers: Vec::new() }
        });
        seen.n += 1;
        seen.newest_ms = seen.newest_ms.max(row.received_ms);
        if seen.name.is_none() {
            seen.name = row.customer.as_deref().map(Into::into);
        }
        if seen.numbers.len() < NUMBERS_KEPT {
            seen.numbers.push(row.number.as_str().into());
        }
    }

    /// How many customers came back, their complaints, and the top [`TOP_CUSTOMERS`] of them:
    /// most complaints first, then the most recent, then by key (the same order on every device).
    pub fn finish(self) -> (u32, u32, Vec<RepeatCustomer>) {
        let mut repeat: Vec<(u64, Seen)> = self.0.into_iter().filter(|(_, s)| s.n >= 2).collect();
        let customers = repeat.len() as u32;
        let complaints = repeat.iter().map(|(_, s)| s.n).sum();
        // The top few by repeated selection: no sort instantiated for this one use (wasm size).
        let rank = |(k, s): &(u64, Seen)| (s.n, s.newest_ms, std::cmp::Reverse(*k));
        let mut top = Vec::new();
        while top.len() < TOP_CUSTOMERS {
            let Some(i) = (0..repeat.len()).max_by_key(|i| rank(&repeat[*i])) else { break };
            top.push(repeat.swap_remove(i));
        }
        let top = top
            .into_iter()
            .map(|(k, s)| RepeatCustomer {
                key: key_text(k),
                name: s.name.map(String::from),
                phone_tail: String::from_utf8_lossy(&s.tail.0[..usize::from(s.tail.1)]).into_owned(),
                n: s.n,
                numbers: s.numbers.into_iter().map(String::from).collect(),
            })
            .collect();
        (customers, complaints, top)
    }
}
