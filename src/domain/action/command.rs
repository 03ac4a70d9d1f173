//! The action's commands: create, edit (only the fields that change, or that are in conflict:
//! saving resolves it), link and unlink complaints. Pure: time, clock and randomness come in.

use super::events::{ActionBody, ActionChange, ActionCreated, ActionLinked, ActionSet, ActionValue};
use super::fold::ActionState;
use super::model::{validate_refs, ActionError, ActionInput, ComplaintRef, Problem, MAX_LINKS};
use crate::domain::command::Issued;
use crate::domain::event::{Event, NewEvent};
use crate::domain::hlc::Hlc;
use crate::domain::ids::EventId;
use crate::domain::mvreg::Register;
use crate::domain::time_range::check_ms;

/// Who acts, on which device, when; the device's last clock and fresh randomness.
#[derive(Debug, Clone)]
pub struct ActionContext<'a> {
    pub actor: &'a str,
    pub device_id: &'a str,
    pub clock: Hlc,
    pub now_ms: i64,
    pub random: [u8; 10],
}

/// Creates an action answering `problem`, linking `complaints`.
pub fn create(input: &ActionInput, problem: &Problem, complaints: &[ComplaintRef], ctx: &ActionContext) -> Result<Issued, ActionError> {
    let input = input.validate()?;
    let body = ActionBody::Created(ActionCreated {
        title: input.title,
        problem: problem.validate()?,
        owner: input.owner,
        due: input.due,
        status: input.status,
        note: input.note,
        complaints: validate_refs(complaints)?,
    });
    emit(None, vec![body], ctx)
}

fn change<T: Clone + PartialEq>(reg: &Register<T>, new: &T, wrap: fn(T) -> ActionValue, out: &mut Vec<ActionChange>) {
    if reg.in_conflict() || reg.value() != Some(new) {
        out.push(ActionChange { value: wrap(new.clone()), supersedes: reg.head_ids() });
    }
}

/// Saves the form over the action: one `action_set` with the fields that differ from the
/// current values or are in conflict (the new value supersedes every concurrent one). Nothing
/// to save: no event.
pub fn edit(state: &ActionState, input: &ActionInput, ctx: &ActionContext) -> Result<Issued, ActionError> {
    if !state.is_created() {
        return Err(ActionError::NotFound);
    }
    let input = input.validate()?;
    let mut changes = Vec::new();
    change(&state.title, &input.title, ActionValue::Title, &mut changes);
    change(&state.owner, &input.owner, ActionValue::Owner, &mut changes);
    change(&state.due, &input.due, ActionValue::Due, &mut changes);
    change(&state.status, &input.status, ActionValue::Status, &mut changes);
    change(&state.note, &input.note, ActionValue::Note, &mut changes);
    if changes.is_empty() {
        return Ok(Issued { events: Vec::new(), clock: ctx.clock });
    }
    emit(Some(state), vec![ActionBody::Set(ActionSet { changes })], ctx)
}

/// Links (`linked`) or unlinks complaints: one `action_linked` per complaint whose link
/// changes (or is in conflict).
pub fn link(state: &ActionState, complaints: &[ComplaintRef], linked: bool, ctx: &ActionContext) -> Result<Issued, ActionError> {
    if !state.is_created() {
        return Err(ActionError::NotFound);
    }
    let refs = validate_refs(complaints)?;
    let mut bodies = Vec::new();
    for r in refs {
        let reg = state.links.get(&r.id);
        let now = reg.and_then(|g| g.value()).is_some_and(|v| v.linked);
        if now != linked || reg.is_some_and(Register::in_conflict) {
            bodies.push(ActionBody::Linked(ActionLinked { complaint: r, linked, supersedes: reg.map(Register::head_ids).unwrap_or_default() }));
        }
    }
    if linked && state.linked().len() + bodies.len() > MAX_LINKS {
        return Err(ActionError::TooManyComplaints);
    }
    emit(Some(state), bodies, ctx)
}

/// Payloads into events, as `command::emit` does for complaints: HLCs after everything the
/// author had seen of the action, `at` the wall clock, each event's base the one before it.
fn emit(state: Option<&ActionState>, bodies: Vec<ActionBody>, ctx: &ActionContext) -> Result<Issued, ActionError> {
    let mut clock = match state {
        Some(s) => ctx.clock.observe(s.max_hlc, ctx.now_ms),
        None => ctx.clock.tick(ctx.now_ms),
    };
    let mut base = state.and_then(|s| s.last_event.clone());
    let mut stream: Option<EventId> = state.map(|s| s.id.clone());
    let mut events = Vec::with_capacity(bodies.len());
    for (i, body) in bodies.into_iter().enumerate() {
        if i > 0 {
            clock = clock.tick(ctx.now_ms);
        }
        check_ms(clock.ms).map_err(|_| ActionError::ClockOutOfRange)?;
        let id = EventId::new(clock, ctx.random, i as u16);
        let stream_id = stream.get_or_insert_with(|| id.clone()).clone();
        let kind = body.kind();
        let event = Event::build(NewEvent {
            id: id.clone(),
            complaint: stream_id,
            device: ctx.device_id.into(),
            actor: ctx.actor.into(),
            hlc: clock,
            at: Some(ctx.now_ms),
            base: base.replace(id),
            kind: kind.as_str().into(),
            v: kind.version(),
            payload: body.to_json().map_err(|_| ActionError::Encoding)?,
        })
        .map_err(|_| ActionError::Encoding)?;
        events.push(event);
    }
    Ok(Issued { events, clock })
}
