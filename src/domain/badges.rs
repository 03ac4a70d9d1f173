//! What matters about a complaint at a glance (issue #12, "See what matters"): the facts that
//! change how it is handled, recorded at registration or classification, as badges the list
//! card and the complaint header show the same way.

use serde::{Deserialize, Serialize};

use super::classify::Urgency;
use super::config::DomainConfig;
use super::intake::{Emotion, Expectation, Recurrence, Seriousness};
use super::state::ComplaintState;

/// One fact worth seeing at once, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Badge {
    /// Classified urgent (紧急).
    Urgent,
    /// Major: a severity rank of 3 or more, a major or crisis nature, or graded an A/B complaint.
    Major,
    /// The customer says it keeps happening (经常发生).
    Recurring,
    /// The customer is angry.
    Angry,
    /// The customer wants a refund or an exchange.
    RefundOrExchange,
    /// The customer asked to stay anonymous.
    Anonymous,
}

/// The severity rank from which a complaint counts as major (the same as the case-summary rule).
const MAJOR_RANK: u8 = 3;

/// The badges of a complaint, in `Badge` order.
pub fn badges(state: &ComplaintState, config: &DomainConfig) -> Vec<Badge> {
    let incident = state.incident();
    let rank = state.severity().and_then(|s| config.severity.get(s).ok()).map(|l| l.rank);
    let major = rank.is_some_and(|r| r >= MAJOR_RANK)
        || state.nature().is_some_and(|n| n.seriousness != Seriousness::General)
        || state.grade().is_some_and(|g| g.grade.is_complaint());
    let facts = [
        (Badge::Urgent, state.urgency() == Some(&Urgency::Urgent)),
        (Badge::Major, major),
        (Badge::Recurring, state.nature().is_some_and(|n| n.recurrence == Recurrence::Recurring)),
        (Badge::Angry, incident.is_some_and(|i| i.emotion == Some(Emotion::Angry))),
        (
            Badge::RefundOrExchange,
            incident.is_some_and(|i| i.expectations.iter().any(|e| matches!(e, Expectation::Refund | Expectation::Exchange))),
        ),
        (Badge::Anonymous, state.customer().is_some_and(|c| c.anonymous)),
    ];
    facts.into_iter().filter(|(_, on)| *on).map(|(b, _)| b).collect()
}
