//! Improvement actions (专项改进计划, SPEC §11): a supervisor's plan against a recurring problem,
//! with an owner, a due date, a status and the complaints it answers.
//!
//! An action is a stream of events with the complaint envelope (`domain/event.rs`): its first
//! event is `action_created` and its id is the stream id (the envelope's `complaint` field), so
//! actions travel in batch files and sync, are stored, deduplicated and merged exactly as
//! complaint events are. Each field is a multi-value register (`domain/mvreg.rs`): concurrent
//! edits on two devices stay visible as a conflict until a person saves a value over them.
//! The fold ([`fold_action`]) is a function of the event set; [`ActionSummary`] is what the
//! store keeps per action and the Review page lists.

mod command;
mod events;
mod fold;
mod model;
mod summary;
#[cfg(test)]
mod tests;

pub use command::{create, edit, link, ActionContext};
pub use events::{is_action_kind, is_action_stream, validate_action_event, ActionBody, ActionChange, ActionCreated, ActionKind, ActionLinked, ActionSet, ActionValue, ParsedAction};
pub use fold::{fold_action, ActionState, LinkValue};
pub use model::{ActionError, ActionField, ActionInput, ActionStatus, ComplaintRef, Problem, ProblemKind, MAX_LINKS};
pub use summary::{ActionConflict, ActionSummary};
