//! Improvement actions in batch files: they travel with the complaints, are counted as
//! actions (not as complaints waiting for their registration), merge by the same rules (two
//! devices' concurrent edits become the same conflict on both) and a record that breaks an
//! action's rules is refused like any other bad record.

use super::roundtrip::{assemble, parts};
use super::{desk, evening, export, import};
use crate::domain::action::{self, ActionContext, ActionInput, ActionStatus, ActionSummary, ComplaintRef, Problem, ProblemKind};
use crate::domain::batch::checksum::sha256_hex;
use crate::domain::batch::format::Selection;
use crate::domain::batch::import::plan_import;
use crate::domain::batch::read::{read_batch, ReadOptions};
use crate::domain::event::Event;
use crate::domain::ids::EventId;
use crate::domain::tests::{local, Device};

fn input(status: ActionStatus) -> ActionInput {
    ActionInput { title: "Installer checklist".into(), owner: "Li Wei".into(), due: "2023-11-30".parse().unwrap(), status, note: String::new() }
}

/// Runs an action command on device `d` at 10:00 + `minute` (the store's part: events in, clock on).
fn act(d: &mut Device, minute: u32, run: impl FnOnce(Option<&action::ActionState>, &ActionContext) -> Result<crate::domain::command::Issued, action::ActionError>, id: Option<&EventId>) -> Vec<Event> {
    let state = id.map(|id| action::fold_action(id, d.events.iter()));
    let now_ms = d.ms(local(2023, 10, 9, 10, minute));
    let ctx = ActionContext { actor: "Supervisor", device_id: &d.id, clock: d.clock, now_ms, random: [d.id.len() as u8 + minute as u8; 10] };
    let issued = run(state.as_ref(), &ctx).unwrap();
    d.clock = issued.clock;
    d.events.extend(issued.events.clone());
    issued.events
}

fn summary(d: &Device, id: &EventId) -> ActionSummary {
    ActionSummary::of(&action::fold_action(id, d.events.iter())).unwrap()
}

#[test]
fn actions_travel_merge_and_conflict_like_complaints() {
    let (mut a, c) = desk("dev-a", "AAA");
    let problem = Problem { kind: ProblemKind::Category, key: "product_quality".into(), label: "Product quality · 100 %".into() };
    let refs = [ComplaintRef { id: c.clone(), number: "N-1".into() }];
    let created = act(&mut a, 0, |_, ctx| action::create(&input(ActionStatus::Planned), &problem, &refs, ctx), None);
    let id = created[0].id().clone();

    // B imports A's batch: one new complaint, one action, nothing waiting.
    let (mut b, _) = desk("dev-b", "BBB");
    let file = export(&a, Selection::All, &[]);
    let plan = import(&mut b, file.text.as_bytes(), local(2023, 10, 9, 11, 0));
    let s = plan.summary();
    assert_eq!((s.new_complaints, s.waiting_complaints, s.actions, s.refused), (1, 0, 1, 0), "{s:?}");
    assert_eq!(plan.actions, vec![id.clone()]);
    assert_eq!(summary(&b, &id), summary(&a, &id));

    // Both change the status without seeing the other's change.
    act(&mut a, 20, |st, ctx| action::edit(st.unwrap(), &input(ActionStatus::InProgress), ctx), Some(&id));
    act(&mut b, 21, |st, ctx| action::edit(st.unwrap(), &input(ActionStatus::Dropped), ctx), Some(&id));
    let (to_b, to_a) = (export(&a, Selection::All, &[]), export(&b, Selection::All, &[]));
    import(&mut b, to_b.text.as_bytes(), local(2023, 10, 9, 12, 0));
    let back = import(&mut a, to_a.text.as_bytes(), local(2023, 10, 9, 12, 0));
    assert_eq!(back.summary().actions, 1);
    let (sa, sb) = (summary(&a, &id), summary(&b, &id));
    assert_eq!(sa, sb, "both devices show the same action");
    assert_eq!(sa.conflicts.len(), 1, "{sa:?}");
    // Importing again changes nothing.
    assert!(import(&mut a, to_a.text.as_bytes(), local(2023, 10, 9, 13, 0)).changes_nothing());
}

#[test]
fn a_record_that_breaks_an_actions_rules_is_refused_alone() {
    let (mut a, c) = desk("dev-a", "AAA");
    let problem = Problem { kind: ProblemKind::Other, key: String::new(), label: "Waiting times".into() };
    let refs = [ComplaintRef { id: c, number: String::new() }];
    act(&mut a, 0, |_, ctx| action::create(&input(ActionStatus::Planned), &problem, &refs, ctx), None);
    let text = export(&a, Selection::All, &[]).text;
    let (manifest, entries, att) = parts(&text);
    // A forger writes a bidi control into the title and fixes both checksums.
    let entries: Vec<String> = entries
        .into_iter()
        .map(|entry| {
            let v: serde_json::Value = serde_json::from_str(&entry).unwrap();
            let event = v["event"].as_str().unwrap();
            if !event.contains("action_created") {
                return entry;
            }
            let forged = event.replace("Installer checklist", "Installer\u{202E}checklist");
            serde_json::json!({"sha256": sha256_hex(forged.as_bytes()), "event": forged}).to_string()
        })
        .collect();
    let batch = read_batch(assemble("1.0", &manifest, &entries, &att).as_bytes(), ReadOptions::default()).unwrap();
    assert_eq!(batch.refused.len(), 1);
    assert_eq!((batch.refused[0].problem.code(), batch.refused[0].problem.rule()), ("event_payload_invalid", Some("bidi_control")));
    let plan = plan_import(&batch, &crate::domain::eventset::EventSet::new(), "dev-z", evening());
    assert_eq!((plan.summary().new_complaints, plan.summary().actions, plan.summary().refused), (1, 0, 1));
}

/// The preview names the action fields an import puts in conflict: two devices changing the
/// owner without seeing each other's change make one; an edit over what the other device had
/// makes none, nor does importing the same file again.
#[test]
fn the_preview_names_the_action_conflicts_an_import_makes() {
    let (mut a, _) = desk("dev-a", "AAA");
    let problem = Problem { kind: ProblemKind::Customer, key: "cbf29ce484222325".into(), label: "Ms. Zhou · ****5000 · 2".into() };
    let id = act(&mut a, 0, |_, ctx| action::create(&input(ActionStatus::Planned), &problem, &[], ctx), None)[0].id().clone();
    let (mut b, _) = desk("dev-b", "BBB");
    import(&mut b, export(&a, Selection::All, &[]).text.as_bytes(), local(2023, 10, 9, 11, 0));
    let owner = |name: &str| ActionInput { owner: name.into(), ..input(ActionStatus::Planned) };

    // A changes the owner; B had not touched it: no conflict.
    act(&mut a, 20, |st, ctx| action::edit(st.unwrap(), &owner("Zhou"), ctx), Some(&id));
    let plan = import(&mut b, export(&a, Selection::All, &[]).text.as_bytes(), local(2023, 10, 9, 12, 0));
    assert_eq!((plan.summary().actions, plan.summary().action_conflicts), (1, 0));
    assert_eq!(summary(&b, &id).owner, "Zhou");

    // Both change it now, each unaware of the other: one conflict, on the owner, either way.
    act(&mut a, 30, |st, ctx| action::edit(st.unwrap(), &owner("Qian"), ctx), Some(&id));
    act(&mut b, 31, |st, ctx| action::edit(st.unwrap(), &owner("Sun"), ctx), Some(&id));
    let (to_b, to_a) = (export(&a, Selection::All, &[]), export(&b, Selection::All, &[]));
    let plan = import(&mut b, to_b.text.as_bytes(), local(2023, 10, 9, 13, 0));
    assert_eq!(plan.summary().action_conflicts, 1);
    let c = &plan.action_conflicts[0];
    assert_eq!((&c.action, c.title.as_str(), c.field, c.candidates.len()), (&id, "Installer checklist", action::ActionField::Owner, 2));
    assert_eq!(plan.summary().conflicts, 0, "no complaint conflicts");
    let back = import(&mut a, to_a.text.as_bytes(), local(2023, 10, 9, 13, 0));
    assert_eq!(back.action_conflicts.iter().map(|c| (c.field, c.candidates.clone())).collect::<Vec<_>>(), vec![(c.field, c.candidates.clone())], "the same conflict on both");
    // Again: nothing new, no conflict named.
    let again = import(&mut b, to_b.text.as_bytes(), local(2023, 10, 9, 14, 0));
    assert!(again.changes_nothing() && again.action_conflicts.is_empty());
}
