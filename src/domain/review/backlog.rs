//! Open complaints by how long ago they were received (calendar time, as the customer waits).

use serde::{Deserialize, Serialize};

use super::row::ReviewRow;

const DAY: i64 = 86_400_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum AgeBand {
    /// Less than a day.
    UnderOneDay,
    /// One to three days.
    OneToThreeDays,
    /// Three to seven days.
    ThreeToSevenDays,
    /// Seven to thirty days.
    SevenToThirtyDays,
    /// Thirty days or more.
    OverThirtyDays,
}

impl AgeBand {
    pub fn of(age_ms: i64) -> AgeBand {
        match age_ms {
            a if a < DAY => AgeBand::UnderOneDay,
            a if a < 3 * DAY => AgeBand::OneToThreeDays,
            a if a < 7 * DAY => AgeBand::ThreeToSevenDays,
            a if a < 30 * DAY => AgeBand::SevenToThirtyDays,
            _ => AgeBand::OverThirtyDays,
        }
    }
}

/// Counts open complaints by age band at `now_ms`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Backlog {
    pub bands: [u32; 5],
    pub overdue: u32,
}

impl Backlog {
    /// Counts an open row (closed and archived rows are skipped).
    pub fn add(&mut self, row: &ReviewRow, now_ms: i64) {
        if row.open_ms.is_none() {
            return;
        }
        self.bands[AgeBand::of(now_ms.saturating_sub(row.received_ms)) as usize] += 1;
        if row.clocks.iter().any(|c| c.outcome_at(now_ms) == super::row::Outcome::Overdue) {
            self.overdue += 1;
        }
    }
}
