//! CSV export and import: hostile and real input.

mod cfpb;
mod export;
mod import;
mod read;
mod source;

use chrono::{NaiveDate, NaiveDateTime};

pub(super) fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap().and_hms_opt(12, 0, 0).unwrap()
}

/// Parses exported bytes back with the `csv` crate (after checking the BOM).
pub(super) fn read_back(bytes: &[u8]) -> Vec<Vec<String>> {
    let body = bytes.strip_prefix(super::write::BOM).expect("a byte-order mark");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(body)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}
