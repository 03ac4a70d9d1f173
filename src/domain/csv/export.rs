//! The Complaints list as CSV for supervisors: one row per complaint with the columns they
//! need, headers and enumeration values in the caller's language, times as
//! `YYYY-MM-DD HH:MM` in the business time zone. The redacted variant leaves out the
//! customer's personal data (SPEC §12).

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::error::CsvError;
use super::write::write_table;
use crate::domain::channel::Channel;
use crate::domain::keyed::Keyed;
use crate::domain::sla::calendar::BusinessCalendar;

/// How exported times are written.
pub const TIME_FORMAT: &str = "%Y-%m-%d %H:%M";

/// One complaint as the export writes it: what the list's stored row holds plus, where the
/// row has no such field, what the service read from the complaint's folded state.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ExportRow {
    pub number: String,
    /// Wall-clock time in the business time zone, as registered.
    pub received_at: Option<NaiveDateTime>,
    pub channel: Option<Channel>,
    pub customer_name: String,
    pub customer_phone: String,
    pub product: String,
    pub type_key: Option<String>,
    pub urgency: Option<String>,
    pub status: String,
    pub handler: Option<String>,
    pub department: Option<String>,
    /// The earliest due time of a running clock (UTC ms).
    pub due_ms: Option<i64>,
    /// When it was closed (UTC ms).
    pub closed_ms: Option<i64>,
    /// The survey's result as the caller wants it shown (e.g. a mean score), if any.
    pub satisfaction: Option<String>,
    /// The device that registered it.
    pub device: String,
}

/// The export's columns, in order; keys (`Keyed`) are the serde names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ExportColumn {
    Number,
    Received,
    Channel,
    Customer,
    Phone,
    Product,
    Type,
    Urgency,
    Status,
    Handler,
    Department,
    Due,
    Overdue,
    Closed,
    Satisfaction,
    Device,
}

impl ExportColumn {
    /// Whether the column holds customer personal data (left out of a redacted export).
    pub fn is_personal(self) -> bool {
        matches!(self, ExportColumn::Customer | ExportColumn::Phone)
    }

    /// The columns of an export, redacted or not.
    pub fn columns(redacted: bool) -> Vec<ExportColumn> {
        ExportColumn::all().into_iter().filter(|c| !(redacted && c.is_personal())).collect()
    }
}

/// The caller's language: column headers and the text of stored codes.
pub trait ExportLanguage {
    /// The header of a column.
    fn header(&self, column: ExportColumn) -> String;
    /// The text of a stored code in a column (channel, type, urgency, status, department).
    fn value(&self, column: ExportColumn, code: &str) -> String {
        let _ = column;
        code.to_string()
    }
    /// "Yes" / "No" (the overdue column).
    fn yes_no(&self, yes: bool) -> String {
        if yes { "yes" } else { "no" }.to_string()
    }
}

/// Codes as they are and the columns' keys as headers (tests, machine use).
pub struct Codes;

impl ExportLanguage for Codes {
    fn header(&self, column: ExportColumn) -> String {
        column.key().to_string()
    }
}

/// A wall-clock time as exported.
pub fn format_time(t: NaiveDateTime) -> String {
    t.format(TIME_FORMAT).to_string()
}

/// The cells of one complaint in `columns`; `now_ms` decides "overdue".
pub fn cells(row: &ExportRow, columns: &[ExportColumn], lang: &dyn ExportLanguage, calendar: &BusinessCalendar, now_ms: i64) -> Vec<String> {
    let time = |ms: Option<i64>| ms.and_then(|ms| calendar.checked_local(ms)).map(format_time).unwrap_or_default();
    let coded = |c: ExportColumn, v: Option<&str>| v.filter(|v| !v.is_empty()).map(|v| lang.value(c, v)).unwrap_or_default();
    columns
        .iter()
        .map(|&c| match c {
            ExportColumn::Number => row.number.clone(),
            ExportColumn::Received => row.received_at.map(format_time).unwrap_or_default(),
            ExportColumn::Channel => coded(c, row.channel.map(Channel::key)),
            ExportColumn::Customer => row.customer_name.clone(),
            ExportColumn::Phone => row.customer_phone.clone(),
            ExportColumn::Product => row.product.clone(),
            ExportColumn::Type => coded(c, row.type_key.as_deref()),
            ExportColumn::Urgency => coded(c, row.urgency.as_deref()),
            ExportColumn::Status => coded(c, Some(&row.status)),
            ExportColumn::Handler => row.handler.clone().unwrap_or_default(),
            ExportColumn::Department => coded(c, row.department.as_deref()),
            ExportColumn::Due => time(row.due_ms),
            ExportColumn::Overdue => lang.yes_no(row.closed_ms.is_none() && row.due_ms.is_some_and(|d| d < now_ms)),
            ExportColumn::Closed => time(row.closed_ms),
            ExportColumn::Satisfaction => row.satisfaction.clone().unwrap_or_default(),
            ExportColumn::Device => row.device.clone(),
        })
        .collect()
}

/// The complaints as CSV bytes (see [`super::write::write_table`]); `redacted` leaves out the
/// customer's name and phone.
pub fn export_complaints(
    rows: &[ExportRow],
    redacted: bool,
    lang: &dyn ExportLanguage,
    calendar: &BusinessCalendar,
    now_ms: i64,
) -> Result<Vec<u8>, CsvError> {
    let columns = ExportColumn::columns(redacted);
    let headers: Vec<String> = columns.iter().map(|&c| lang.header(c)).collect();
    write_table(&headers, rows.iter().map(|r| cells(r, &columns, lang, calendar, now_ms)))
}
