//! A finished review: plain numbers, in the order the page and the CSV show them. Rates are
//! kept as counts with helpers that round the same way everywhere (page, print and CSV).

use serde::{Deserialize, Serialize};

use super::backlog::AgeBand;
use super::customers::RepeatCustomer;
use super::period::{Bucket, Period};
use super::row::Outcome;
use crate::domain::channel::Channel;
use crate::domain::classify::Urgency;
use crate::domain::sla::ClockKind;
use crate::domain::survey::Verdict;

/// `n / d` in tenths of a percent, rounded half up; `None` when `d` is 0.
pub fn permille(n: u32, d: u32) -> Option<u32> {
    (d > 0).then(|| ((u64::from(n) * 1000 + u64::from(d) / 2) / u64::from(d)) as u32)
}

/// `sum / n` in hundredths, rounded half up; `None` when `n` is 0.
pub fn hundredths(sum: u64, n: u32) -> Option<u64> {
    (n > 0).then(|| (sum * 100 + u64::from(n) / 2) / u64::from(n))
}

/// Tenths of a percent as text: `300` → `30.0 %`, missing → `—`.
pub fn percent_text(permille: Option<u32>) -> String {
    permille.map_or_else(|| "—".into(), |p| format!("{}.{} %", p / 10, p % 10))
}

/// Hundredths as text: `425` → `4.25`, missing → `—`.
pub fn decimal_text(hundredths: Option<u64>) -> String {
    hundredths.map_or_else(|| "—".into(), |h| format!("{}.{:02}", h / 100, h % 100))
}

/// Working minutes as hours with one decimal: `90` → `1.5`, missing → `—`.
pub fn hours_text(minutes: Option<u32>) -> String {
    minutes.map_or_else(|| "—".into(), |m| {
        let tenths = (u64::from(m) + 3) / 6; // minutes → tenths of an hour, rounded half up
        format!("{}.{}", tenths / 10, tenths % 10)
    })
}

/// A value (a type key, department, device or product; empty when not set) and its count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    pub key: String,
    pub n: u32,
}

/// One clock kind's outcomes over the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockRate {
    pub kind: ClockKind,
    pub met: u32,
    pub met_late: u32,
    pub running: u32,
    pub overdue: u32,
}

impl ClockRate {
    pub fn count(&self, o: Outcome) -> u32 {
        match o {
            Outcome::Met => self.met,
            Outcome::MetLate => self.met_late,
            Outcome::Running => self.running,
            Outcome::Overdue => self.overdue,
        }
    }

    /// On-time rate: met in time among the clocks that are decided (met, met late, or already
    /// overdue); clocks still running in time are not counted either way.
    pub fn on_time(&self) -> Option<u32> {
        permille(self.met, self.met + self.met_late + self.overdue)
    }
}

/// Median and 90th percentile of working minutes, and how many values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Timing {
    pub n: u32,
    pub median: Option<u32>,
    pub p90: Option<u32>,
}

/// Survey results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Satisfaction {
    /// Complaints resolved at least once (a survey was due).
    pub resolved: u32,
    /// Complaints with a survey.
    pub surveyed: u32,
    /// Sum of each dimension's scores: attitude, efficiency, competence, clarity, overall.
    pub sums: [u64; 5],
    /// Satisfied (90), fairly satisfied (80), average (70), poor (60).
    pub verdicts: [u32; 4],
}

impl Satisfaction {
    pub fn average(&self, dimension: usize) -> Option<u64> {
        hundredths(self.sums.get(dimension).copied().unwrap_or(0), self.surveyed)
    }

    pub fn verdict_count(&self, v: Verdict) -> u32 {
        self.verdicts[verdict_index(v)]
    }

    /// Average verdict points.
    pub fn points(&self) -> Option<u64> {
        let sum: u64 = VERDICTS.iter().map(|v| u64::from(v.points()) * u64::from(self.verdict_count(*v))).sum();
        hundredths(sum, self.surveyed)
    }

    pub fn response_rate(&self) -> Option<u32> {
        permille(self.surveyed, self.resolved)
    }
}

pub const VERDICTS: [Verdict; 4] = [Verdict::Satisfied, Verdict::FairlySatisfied, Verdict::Average, Verdict::Poor];

pub fn verdict_index(v: Verdict) -> usize {
    match v {
        Verdict::Satisfied => 0,
        Verdict::FairlySatisfied => 1,
        Verdict::Average => 2,
        Verdict::Poor => 3,
    }
}

/// How often a category comes up in the period: its share of the complaints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Frequency {
    /// 20 % of the period's complaints or more.
    High,
    /// 5 % or more.
    Medium,
    Low,
}

impl Frequency {
    pub fn of(share_permille: u32) -> Frequency {
        match share_permille {
            200.. => Frequency::High,
            50.. => Frequency::Medium,
            _ => Frequency::Low,
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

pub const URGENCIES: [Urgency; 3] = [Urgency::Urgent, Urgency::Normal, Urgency::Low];

pub fn urgency_index(u: Urgency) -> usize {
    match u {
        Urgency::Urgent => 0,
        Urgency::Normal => 1,
        Urgency::Low => 2,
    }
}

/// A category (type and sub-type) and its complaints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    /// Empty when not classified yet.
    pub type_key: String,
    pub subtype: Option<String>,
    pub n: u32,
    /// Share of the period's complaints, in tenths of a percent.
    pub share: u32,
    pub frequency: Frequency,
    /// Complaints by urgency: urgent, normal, low.
    pub by_urgency: [u32; 3],
}

/// One department's month (or period).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentRow {
    /// Empty when not routed yet.
    pub department: String,
    pub received: u32,
    /// None of the assessed clocks (`row::ASSESSED`) was late.
    pub on_time: u32,
    /// An assessed clock is overdue or was met late.
    pub late: u32,
    pub surveyed: u32,
    pub points_sum: u64,
}

impl DepartmentRow {
    pub fn on_time_rate(&self) -> Option<u32> {
        permille(self.on_time, self.received)
    }

    pub fn satisfaction(&self) -> Option<u64> {
        hundredths(self.points_sum, self.surveyed)
    }
}

/// The finished review of one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewReport {
    pub period: Period,
    pub now_ms: i64,
    pub received: u32,
    pub by_type: Vec<Count>,
    pub by_channel: Vec<(Channel, u32)>,
    pub by_department: Vec<Count>,
    pub by_device: Vec<Count>,
    /// The most frequent products, then everything else in `other_products`.
    pub by_product: Vec<Count>,
    pub other_products: u32,
    pub trend: Vec<(Bucket, u32)>,
    pub clocks: Vec<ClockRate>,
    pub first_contact: Timing,
    pub resolution: Timing,
    pub satisfaction: Satisfaction,
    pub registered_late: u32,
    pub reopened: u32,
    pub second_round: u32,
    pub closed_after_failed_contact: u32,
    pub categories: Vec<Category>,
    /// Customers (by phone) with two complaints or more in the period, and their complaints.
    pub repeat_customers: u32,
    pub repeat_customer_complaints: u32,
    /// The customers coming back most (at most the top N), for the recurring-customers table.
    pub repeat_customer_list: Vec<RepeatCustomer>,
    /// Products with two complaints or more in the period (most first, at most the top N).
    pub repeat_products: Vec<Count>,
    /// Complaints by frequency band (high, medium, low) × urgency (urgent, normal, low).
    pub matrix: [[u32; 3]; 3],
    pub departments: Vec<DepartmentRow>,
    pub backlog: [u32; 5],
    /// Open complaints with a clock overdue now.
    pub backlog_overdue: u32,
}

impl ReviewReport {
    pub fn rate(&self, n: u32) -> Option<u32> {
        permille(n, self.received)
    }

    pub fn backlog_count(&self, band: AgeBand) -> u32 {
        self.backlog[band as usize]
    }
}
