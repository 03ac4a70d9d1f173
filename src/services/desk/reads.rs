//! What the desk reads: pages of the list, searches, one complaint's state and what its detail
//! page shows, and what was quarantined.

use crate::browser::clock;
use crate::domain::config::DomainConfig;
use crate::domain::precheck;
use crate::domain::sla::calendar::BusinessCalendar;
use crate::domain::state::ComplaintState;
use crate::store::list::{self, After, Filter, Order, Page};
use crate::store::quarantine::{self, Quarantined};
use crate::store::search::{self, SearchAfter};
use crate::store::views::{self, ComplaintView};
use crate::store::{events, StoreError};

use super::Desk;

impl Desk {
    /// The first `limit` complaints, newest first.
    pub async fn newest(&self, limit: u32) -> Result<Vec<ComplaintView>, StoreError> {
        Ok(list::page(&self.db, Order::Newest, &Filter::default(), None, limit).await?.rows)
    }

    /// The first `limit` complaints with a running clock, the one due soonest first.
    pub async fn due_soonest(&self, limit: u32) -> Result<Vec<ComplaintView>, StoreError> {
        Ok(list::page(&self.db, Order::DueSoonest, &Filter::default(), None, limit).await?.rows)
    }

    /// A page of the list in any order with any filter, after the position `after` where the
    /// previous page ended (see `store::list`).
    pub async fn list(&self, order: Order, filter: &Filter, after: Option<&After>, limit: u32) -> Result<Page<After>, StoreError> {
        list::page(&self.db, order, filter, after, limit).await
    }

    /// How many complaints this device holds.
    pub async fn count(&self) -> Result<u32, StoreError> {
        views::count(&self.db).await
    }

    /// How many complaints a filter of at most one field and no overdue bound shows, counted
    /// on its index; `None` for other filters (they would need every row read).
    pub async fn count_listed(&self, filter: &Filter) -> Result<Option<u32>, StoreError> {
        list::count(&self.db, filter).await
    }

    /// A page of the complaints found by `query` (number, any part of it, name words, the last
    /// digits of the phone, product words; see `store::search`), after `after`.
    pub async fn search_page(&self, query: &str, after: Option<&SearchAfter>, limit: u32) -> Result<Page<SearchAfter>, StoreError> {
        search::page(&self.db, query, after, limit).await
    }

    /// The first `limit` complaints found by `query`.
    pub async fn search(&self, query: &str, limit: u32) -> Result<Vec<ComplaintView>, StoreError> {
        Ok(search::page(&self.db, query, None, limit).await?.rows)
    }

    /// One complaint's full state, folded from its stored events.
    pub async fn complaint(&self, id: &str) -> Result<Option<ComplaintState>, StoreError> {
        events::fold_complaint(&self.db, id).await
    }

    /// What the detail page shows of one complaint: its row, every running or finished SLA
    /// clock evaluated now, and the audit trail of its events, oldest first.
    pub async fn detail(&self, id: &str) -> Result<Option<ComplaintDetail>, StoreError> {
        let Some(view) = views::get(&self.db, id).await? else { return Ok(None) };
        let Some(state) = events::fold_complaint(&self.db, id).await? else { return Ok(None) };
        let now_ms = clock::now_ms();
        let config = self.config();
        let mut trail = state.trail.clone();
        let legal = precheck::legal_commands(Some(&state), &config, now_ms);
        crate::domain::sort::sort_by(&mut trail, |a, b| (a.hlc, &a.id).cmp(&(b.hlc, &b.id)));
        Ok(Some(ComplaintDetail {
            view,
            clocks: state.clocks(&config, now_ms),
            trail,
            needs_newer_app: state.needs_newer_app(),
            legal,
            now_ms,
            calendar: config.calendar.clone(),
            config: (*config).clone(),
            state,
        }))
    }

    /// What could not be converted or accepted, with the reasons.
    pub async fn quarantined(&self) -> Result<Vec<Quarantined>, StoreError> {
        quarantine::all(&self.db).await
    }
}

/// One complaint as the detail page shows it.
#[derive(Debug, Clone)]
pub struct ComplaintDetail {
    pub view: ComplaintView,
    pub clocks: Vec<crate::domain::sla::ClockView>,
    pub trail: Vec<crate::domain::state::TrailEntry>,
    /// The commands the domain allows now: the UI offers only these.
    pub legal: Vec<crate::domain::workflow::CommandKind>,
    /// Some events were written by a newer app and are kept, but not fully read.
    pub needs_newer_app: bool,
    pub now_ms: i64,
    /// For showing times in the business time zone.
    pub calendar: BusinessCalendar,
    /// The configuration the domain used (departments, templates, limits).
    pub config: DomainConfig,
    /// Everything recorded on the complaint, folded from its events.
    pub state: ComplaintState,
}
