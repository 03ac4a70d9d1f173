//! Improvement actions (专项改进计划): create, edit, link complaints, list a period's. Every
//! change is events (`domain::action`), stored with the action's row in one transaction
//! (`store::actions::commit`), so they export, import and sync like complaints' events.

use crate::browser::{broadcast, clock, random};
use crate::domain::action::{self, ActionContext, ActionInput, ActionSummary, ComplaintRef, Problem, ProblemKind, MAX_LINKS};
use crate::domain::command::Issued;
use crate::domain::ids::EventId;
use crate::domain::review::{Period, ReviewFilter};
use crate::store::actions::{self as store, ActionCommitError};
use crate::store::review::{self, Over};
use crate::store::StoreError;

use super::Desk;

/// The change announcement other tabs (and the Review page) listen for.
pub const CHANGED_ACTIONS: &str = "actions";

/// A domain action command, given the folded action and the context.
type Command<'a> = Box<dyn FnOnce(Option<&action::ActionState>, &ActionContext) -> Result<Issued, action::ActionError> + 'a>;

impl Desk {
    /// Runs one action command (boxed: one copy of the transaction's code).
    async fn run_action(&self, id: Option<&str>, actor: &str, command: Command<'_>) -> Result<ActionSummary, ActionCommitError> {
        let device = self.device();
        let now_ms = clock::now_ms();
        let random = random::bytes::<10>();
        let actor = device.actor(actor);
        let run = Box::new(|state: Option<&action::ActionState>, clock| {
            let ctx = ActionContext { actor: &actor, device_id: &device.id, clock, now_ms, random };
            command(state, &ctx)
        });
        let summary = store::commit(&self.db, id, run).await?;
        broadcast::announce(CHANGED_ACTIONS);
        Ok(summary)
    }

    /// Creates an action answering `problem`, linking `complaints`.
    pub async fn create_action(&self, input: &ActionInput, problem: &Problem, complaints: &[ComplaintRef], actor: &str) -> Result<ActionSummary, ActionCommitError> {
        self.run_action(None, actor, Box::new(|_, ctx| action::create(input, problem, complaints, ctx))).await
    }

    /// Saves the form over action `id` (only what changed; saving over a conflict resolves it).
    pub async fn edit_action(&self, id: &str, input: &ActionInput, actor: &str) -> Result<ActionSummary, ActionCommitError> {
        self.run_action(Some(id), actor, Box::new(|st, ctx| action::edit(st.ok_or(action::ActionError::NotFound)?, input, ctx))).await
    }

    /// Links (or unlinks) complaints to action `id`.
    pub async fn link_action(&self, id: &str, complaints: &[ComplaintRef], linked: bool, actor: &str) -> Result<ActionSummary, ActionCommitError> {
        self.run_action(Some(id), actor, Box::new(|st, ctx| action::link(st.ok_or(action::ActionError::NotFound)?, complaints, linked, ctx))).await
    }

    /// One action.
    pub async fn action(&self, id: &str) -> Result<Option<ActionSummary>, StoreError> {
        store::get(&self.db, id).await
    }

    /// The actions the review of `period` lists (see `ActionSummary::in_period`), by due date.
    pub async fn actions_for(&self, period: &Period) -> Result<Vec<ActionSummary>, StoreError> {
        let (start, end) = period.utc_range(&self.config().calendar);
        let mut out: Vec<ActionSummary> = store::created_before(&self.db, end).await?.into_iter().filter(|a| a.in_period(start, end, period.first, period.last)).collect();
        crate::domain::sort::sort_by(&mut out, |a, b| (a.due, &a.id).cmp(&(b.due, &b.id)));
        Ok(out)
    }

    /// The complaints of `period` (with `filter`) a recurring-problem row stands for: a
    /// category (`type` or `type/sub-type`), a product key or a customer key (the phone's hash).
    /// Read from the review rows page by page; at most [`MAX_LINKS`] are kept.
    pub async fn complaints_of_problem(&self, period: &Period, filter: &ReviewFilter, problem: &Problem) -> Result<Vec<ComplaintRef>, StoreError> {
        let (from, to) = period.utc_range(&self.config().calendar);
        let (type_key, sub) = match problem.key.split_once('/') {
            Some((t, s)) => (t, Some(s)),
            None => (problem.key.as_str(), None),
        };
        // A customer's key is the hash of the phone digits (`review::customers`): never the number.
        let customer = crate::domain::review::customers::parse_key(&problem.key);
        let mut out = Vec::new();
        review::for_each(&self.db, Over::Received { from, to }, |row| {
            let hit = match problem.kind {
                ProblemKind::Category => row.type_key.as_deref().unwrap_or("") == type_key && (sub.is_none() || row.subtype.as_deref() == sub),
                ProblemKind::Product => !row.product_key.is_empty() && row.product_key == problem.key,
                ProblemKind::Customer => !row.phone_key.is_empty() && customer == Some(crate::domain::review::customers::customer_key(&row.phone_key)),
                ProblemKind::Other => false,
            };
            if hit && out.len() < MAX_LINKS && filter.matches(row) {
                out.push(ComplaintRef { id: EventId::from(row.id.as_str()), number: row.number.clone() });
            }
        })
        .await?;
        Ok(out)
    }
}
