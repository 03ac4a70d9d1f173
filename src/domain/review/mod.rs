//! The review (复盘, SPEC §11): how a period went, computed offline from every complaint on
//! this device without folding their events on each visit.
//!
//! - [`row::ReviewRow`]: one small row per complaint, derived from its folded state and the
//!   working rules when it changes (stored next to its list view), its SLA clocks kept as due
//!   and stop times so their outcome at any later time needs no fold (`sla::clocks::past_due`,
//!   the same rule the complaint page uses).
//! - [`row_codec`]: the row's stored form, compact bytes (a year's review reads 100,000).
//! - [`period::Period`]: a week, month or custom range of business days, and the trend's buckets.
//! - [`aggregate::Review`]: a streaming aggregation (`add` one row at a time; counters and
//!   small numeric vectors only), finished into a [`report::ReviewReport`] of plain numbers.
//! - [`backlog::Backlog`]: open complaints by age.
//! - [`customers::Customers`]: complaints per customer, for the customers coming back.

pub mod aggregate;
pub mod backlog;
pub mod customers;
pub mod filter;
pub mod period;
pub mod quantile;
pub mod report;
pub mod row;
pub mod row_codec;

pub use aggregate::Review;
pub use backlog::{AgeBand, Backlog};
pub use filter::ReviewFilter;
pub use period::{Bucket, Period, PeriodKind};
pub use report::ReviewReport;
pub use row::{ClockRow, Outcome, ReviewRow, SurveyRow};

#[cfg(test)]
mod tests;
