//! The review use case (SPEC §11): a period's figures from the stored review rows, streamed
//! page by page into the domain's aggregation (nothing folded, nothing held but counters).

use crate::browser::clock;
use crate::domain::review::{Period, Review, ReviewFilter, ReviewReport};
use crate::store::review::{self, Over};
use crate::store::StoreError;

use super::Desk;

impl Desk {
    /// The review of `period` with `filter`, as of now.
    pub async fn review(&self, period: Period, filter: ReviewFilter) -> Result<ReviewReport, StoreError> {
        self.review_at(period, filter, clock::now_ms()).await
    }

    /// The review as of `now_ms` (clocks still running are overdue or not at that time).
    /// Complaints stored before schema v7 get their rows first (cheap once done).
    pub async fn review_at(&self, period: Period, filter: ReviewFilter, now_ms: i64) -> Result<ReviewReport, StoreError> {
        let config = self.config();
        review::backfill(&self.db, &config, now_ms).await?;
        let mut r = Review::new(period, filter, &config.calendar, now_ms);
        let (from, to) = r.range();
        review::for_each(&self.db, Over::Received { from, to }, |row| r.add(row)).await?;
        review::for_each(&self.db, Over::Open, |row| r.add_open(row)).await?;
        Ok(r.finish())
    }

    /// The period holding today in the business time zone.
    pub fn this_period(&self, kind: crate::domain::review::PeriodKind) -> Period {
        let today = self.business_now().date();
        match kind {
            crate::domain::review::PeriodKind::Week => Period::week_of(today),
            _ => Period::month_of(today),
        }
    }
}
