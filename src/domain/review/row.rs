//! One complaint as the review counts it: a compact row built from the folded state when the
//! complaint changes, so a period's review reads rows instead of folding events.

use serde::{Deserialize, Serialize};

use crate::domain::channel::Channel;
use crate::domain::classify::Urgency;
use crate::domain::config::DomainConfig;
use crate::domain::sla::clocks::past_due;
use crate::domain::sla::{ClockKind, ClockState, ClockView, Span};
use crate::domain::state::ComplaintState;
use crate::domain::survey::Verdict;
use crate::domain::workflow::{Status, TransitionCause};

/// The clocks a department is assessed on (registration, first contact, initial plan,
/// resolution of every round): the commitments made to the customer. Internal reminders
/// (progress updates, follow-ups, department replies) have their own on-time rates.
pub const ASSESSED: [ClockKind; 4] = [ClockKind::Registration, ClockKind::FirstContact, ClockKind::InitialPlan, ClockKind::Resolution];

/// A clock's outcome at the time of the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Outcome {
    Met,
    MetLate,
    Running,
    Overdue,
}

/// One clock instance: enough to tell its outcome at any later time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockRow {
    pub kind: ClockKind,
    /// `None` while paused without end (it cannot fall due then).
    pub due: Option<i64>,
    pub stop: Option<i64>,
}

impl ClockRow {
    fn of(v: &ClockView) -> ClockRow {
        ClockRow { kind: v.instance.kind, due: v.due, stop: v.instance.stop }
    }

    /// The outcome at `now_ms`, by the SLA engine's own rule (`past_due`): a stopped clock was
    /// met or met late for ever; a running one is overdue once its due time has passed.
    pub fn outcome_at(&self, now_ms: i64) -> Outcome {
        match self.stop {
            Some(s) if past_due(self.due, s) => Outcome::MetLate,
            Some(_) => Outcome::Met,
            None if past_due(self.due, now_ms) => Outcome::Overdue,
            None => Outcome::Running,
        }
    }
}

/// The latest satisfaction survey of the complaint (the 3-month re-survey left out).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyRow {
    /// Attitude, efficiency, competence, clarity, overall (1–5).
    pub scores: [u8; 5],
    pub verdict: Verdict,
}

/// What the review needs of one complaint. Field names `id`, `received_ms` and `open_ms` are
/// the store's key paths.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewRow {
    pub id: String,
    pub number: String,
    /// When the complaint was received (UTC ms): what puts it in a period.
    pub received_ms: i64,
    /// `received_ms` while open (not closed or archived), else `None`: indexed for the backlog.
    pub open_ms: Option<i64>,
    pub status: Status,
    pub device: String,
    pub department: Option<String>,
    pub channel: Channel,
    /// The product's search key (trimmed, lower case), empty when none was given.
    pub product_key: String,
    #[serde(rename = "type")]
    pub type_key: Option<String>,
    pub subtype: Option<String>,
    pub urgency: Option<Urgency>,
    /// Digits of the customer's phone: the same customer coming back.
    pub phone_key: String,
    /// The customer's name as the review lists a customer coming back: empty when anonymous
    /// (or blank); `None` in rows stored before names were kept (unknown until rewritten).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<String>,
    pub clocks: Vec<ClockRow>,
    /// Working minutes from receipt to the first contact with the customer, waiting excluded.
    pub first_contact_min: Option<u32>,
    /// Working minutes from receipt to the first resolution, waiting excluded.
    pub resolution_min: Option<u32>,
    /// Resolved at least once (so a survey was due).
    pub resolved: bool,
    pub survey: Option<SurveyRow>,
    /// Reopened after closing, or the customer said it was not resolved: a second round.
    pub second_round: bool,
    /// Reopened (by the `Reopen` step) at least once.
    pub reopened: bool,
    /// Closed after failed contact attempts.
    pub closed_after_failed_contact: bool,
}

/// Working minutes a clock ran, waiting excluded: the clock re-evaluated as a working-time
/// span by the SLA engine itself (its `used_ms`), so pauses count exactly as on the page.
fn working_minutes(v: &ClockView, state: &ComplaintState, config: &DomainConfig) -> Option<u32> {
    let stop = v.instance.stop?;
    let facts = state.sla_facts(config)?;
    let mut instance = v.instance.clone();
    instance.span = Span::WorkingMinutes(1);
    instance.fixed_due = None;
    let used = instance.evaluate(&facts.pauses, &config.calendar, config.sla.warning_permille, stop).used_ms;
    Some(u32::try_from(used.max(0) / 60_000).unwrap_or(u32::MAX))
}

impl ReviewRow {
    /// The row of a folded complaint at `now_ms`; `None` until its `registered` event is known.
    pub fn of(state: &ComplaintState, config: &DomainConfig, now_ms: i64) -> Option<ReviewRow> {
        let reg = state.registered.as_ref()?;
        let status = state.status()?;
        let received_ms = config.calendar.utc(reg.value.registration.received_at);
        let views = state.clocks(config, now_ms);
        let first = |kind: ClockKind| views.iter().find(|v| v.instance.kind == kind && v.instance.round <= 1);
        let history = state.status_history();
        let customer = state.customer().unwrap_or_default();
        let product = state.incident().map(|i| i.product.clone()).unwrap_or_default();
        let classification = state.classification();
        Some(ReviewRow {
            id: state.id.to_string(),
            number: reg.value.number.clone(),
            received_ms,
            open_ms: status.is_open().then_some(received_ms),
            status,
            device: reg.device.clone(),
            department: state.department().cloned(),
            channel: reg.value.registration.channel,
            product_key: product.trim().to_lowercase(),
            type_key: classification.map(|c| c.type_key.clone()),
            subtype: classification.and_then(|c| c.subtype.clone()),
            urgency: state.urgency().copied(),
            phone_key: customer.phone.chars().filter(char::is_ascii_digit).collect(),
            customer: Some(if customer.anonymous { String::new() } else { customer.name.trim().to_owned() }),
            clocks: views.iter().map(ClockRow::of).collect(),
            first_contact_min: first(ClockKind::FirstContact).and_then(|v| {
                // Closing without ever reaching the customer stops the clock but is no contact.
                let contacted = state.communications.iter().any(|c| c.value.reached_customer());
                contacted.then(|| working_minutes(v, state, config)).flatten()
            }),
            resolution_min: first(ClockKind::Resolution).and_then(|v| working_minutes(v, state, config)),
            resolved: history.iter().any(|w| w.value.to == Status::Resolved),
            survey: state.surveys.iter().filter(|s| !s.value.re_survey).max_by_key(|s| s.hlc).map(|s| SurveyRow {
                scores: s.value.ratings().map(|r| r.score),
                verdict: s.value.verdict,
            }),
            second_round: state.round() > 1,
            reopened: history.iter().any(|w| w.value.cause == TransitionCause::Reopen),
            closed_after_failed_contact: history.iter().any(|w| w.value.cause == TransitionCause::CloseAfterFailedContact),
        })
    }

    /// Registered after its registration clock ran out.
    pub fn registered_late(&self) -> bool {
        self.clocks.iter().any(|c| c.kind == ClockKind::Registration && c.outcome_at(i64::MAX) == Outcome::MetLate)
    }

    /// One of the commitments to the customer ([`ASSESSED`]) is or was late at `now_ms`.
    pub fn late(&self, now_ms: i64) -> bool {
        self.clocks.iter().any(|c| ASSESSED.contains(&c.kind) && matches!(c.outcome_at(now_ms), Outcome::MetLate | Outcome::Overdue))
    }
}

/// The same state as a live clock view would report, for checking rows against the page.
pub fn outcome_of_state(state: ClockState) -> Outcome {
    match state {
        ClockState::Met => Outcome::Met,
        ClockState::MetLate => Outcome::MetLate,
        ClockState::Overdue => Outcome::Overdue,
        ClockState::Running | ClockState::Warning | ClockState::Paused => Outcome::Running,
    }
}
