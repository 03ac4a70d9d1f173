//! Property tests: fold order-independence with duplicates, union laws, conflict detection,
//! and the SLA calendar's due-time laws.

use proptest::prelude::*;

use super::super::classify::Urgency;
use super::super::event::{Event, NewEvent};
use super::super::eventset::EventSet;
use super::super::fields::{FieldKey, FieldValue};
use super::super::fold::fold;
use super::super::hlc::Hlc;
use super::super::ids::EventId;
use super::super::intake::tests::example;
use super::super::payload::{Body, Change, FieldsSet, Registered, Transition};
use super::super::plan::{StepClosed, StepOutcome};
use super::super::sla::{BusinessCalendar, Span};
use super::super::workflow::{Status, TransitionCause};

const T0: i64 = 1_696_123_800_000; // 2023-10-01 01:30 UTC

fn make(complaint: &EventId, id: EventId, hlc: Hlc, device: &str, body: &Body) -> Event {
    let kind = body.kind().to_string();
    Event::build(NewEvent { id, complaint: complaint.clone(), device: device.into(), actor: "p".into(), hlc, at: None, base: None, kind, v: 1, payload: body.to_json().unwrap() }).unwrap()
}

/// One generated event: a kind selector, HLC offset, device, and choices for references.
type Spec = (u8, u16, u8, u8, Vec<bool>);

/// A random but realistic-shaped event history for one complaint: field writes and
/// transitions superseding random subsets of earlier ones, step closes pointing at random
/// steps (or nowhere), unknown kinds, with HLCs unrelated to causality.
fn history(specs: &[Spec]) -> (EventId, Vec<Event>) {
    let reg_hlc = Hlc { ms: T0, c: 0 };
    let c = EventId::new(reg_hlc, [0; 10], 0);
    let reg = Body::Registered(Registered { number: "N".into(), day: example().received_at.date(), serial: 1, device_code: "AA".into(), registration: example(), source: None });
    let mut events = vec![make(&c, c.clone(), reg_hlc, "d0", &reg)];
    let (mut writes, mut transitions, mut steps): (Vec<EventId>, Vec<EventId>, Vec<EventId>) = Default::default();
    let urg = [Urgency::Urgent, Urgency::Normal, Urgency::Low];
    let statuses = [Status::Classified, Status::Investigating, Status::WaitingOnCustomer, Status::Resolved];
    for (i, (sel, dt, dev, pick, mask)) in specs.iter().enumerate() {
        let hlc = Hlc { ms: T0 + *dt as i64 * 1000, c: *dev as u32 % 2 };
        let id = EventId::new(hlc, [*dev, i as u8, 1, 2, 3, 4, 5, 6, 7, 8], i as u16);
        let subset = |ids: &[EventId]| ids.iter().zip(mask.iter().cycle()).filter(|(_, m)| **m).map(|(x, _)| x.clone()).collect::<Vec<_>>();
        let device = format!("d{}", dev % 3);
        let body = match sel % 5 {
            0 => {
                let value = FieldValue::Urgency(urg[*pick as usize % 3]);
                let b = Body::FieldsSet(FieldsSet { changes: vec![Change { value, supersedes: subset(&writes) }], note: String::new() });
                writes.push(id.clone());
                b
            }
            1 => {
                let to = statuses[*pick as usize % 4];
                let t = Transition { from: Status::Registered, to, cause: TransitionCause::Wait, supersedes: subset(&transitions), note: String::new(), resume_to: None, plan_response: None, confirmation: None };
                transitions.push(id.clone());
                Body::Transition(t)
            }
            2 => {
                let step = super::super::plan::PlanStep { kind: super::super::plan::StepKind::Prevention, text: "t".into(), owner: "o".into(), deadline: example().received_at, amount_cents: None };
                steps.push(id.clone());
                Body::StepPlanned(step)
            }
            3 => {
                let target = steps.get(*pick as usize).map(|s| s.to_string()).unwrap_or_else(|| "missing".into());
                Body::StepClosed(StepClosed { step: target, outcome: StepOutcome::Done, note: String::new() })
            }
            _ => {
                let e = Event::build(NewEvent { id, complaint: c.clone(), device, actor: "p".into(), hlc, at: None, base: None, kind: "from_the_future".into(), v: 9, payload: format!(r#"{{"n": {pick}}}"#) }).unwrap();
                events.push(e);
                continue;
            }
        };
        events.push(make(&c, id, hlc, &device, &body));
    }
    (c, events)
}

fn specs() -> impl Strategy<Value = Vec<Spec>> {
    prop::collection::vec((any::<u8>(), 0u16..600, 0u8..6, 0u8..8, prop::collection::vec(any::<bool>(), 1..6)), 0..24)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn fold_ignores_order_and_duplicates(specs in specs(), keys in prop::collection::vec(any::<u32>(), 64), dups in prop::collection::vec(any::<prop::sample::Index>(), 0..8)) {
        let (c, events) = history(&specs);
        let reference = fold(&c, events.iter());
        let mut shuffled: Vec<(u32, Event)> = events.iter().cloned().enumerate().map(|(i, e)| (keys[i % keys.len()] ^ i as u32, e)).collect();
        for d in &dups {
            let e = events[d.index(events.len())].clone();
            shuffled.push((d.index(u32::MAX as usize) as u32, e));
        }
        shuffled.sort_by_key(|(k, _)| *k);
        let st = fold(&c, shuffled.iter().map(|(_, e)| e));
        prop_assert_eq!(&st, &reference);
        prop_assert_eq!(st.trail.len(), events.len(), "every event counted once");
    }

    #[test]
    fn union_is_idempotent_commutative_associative(specs in specs(), split in prop::collection::vec(0u8..3, 64)) {
        let (c, events) = history(&specs);
        let mut parts = [EventSet::new(), EventSet::new(), EventSet::new()];
        for (i, e) in events.into_iter().enumerate() {
            parts[split[i % split.len()] as usize].insert(e.clone());
            if split[(i + 7) % split.len()] == 0 { parts[1].insert(e); } // overlapping sets
        }
        let [a, b, x] = parts;
        prop_assert_eq!(a.union(&a), a.clone());
        prop_assert_eq!(a.union(&b), b.union(&a));
        prop_assert_eq!(a.union(&b).union(&x), a.union(&b.union(&x)));
        prop_assert_eq!(fold(&c, a.union(&b).iter()), fold(&c, b.union(&a).iter()));
    }

    #[test]
    fn concurrent_edits_always_conflict_with_all_values_kept(n in 2usize..6, values in prop::collection::vec(0u8..3, 6), hlcs in prop::collection::vec(0i64..50, 6), resolve in any::<prop::sample::Index>()) {
        let (c, mut events) = history(&[]);
        let urg = [Urgency::Urgent, Urgency::Normal, Urgency::Low];
        // Every device had seen only the registration's value (same base) and writes its own.
        let mut ids = Vec::new();
        for i in 0..n {
            let hlc = Hlc { ms: T0 + 1000 + hlcs[i], c: 0 };
            let id = EventId::new(hlc, [i as u8 + 1; 10], 0);
            let v = FieldValue::Urgency(urg[values[i] as usize]);
            events.push(make(&c, id.clone(), hlc, &format!("d{i}"), &Body::FieldsSet(FieldsSet { changes: vec![Change { value: v, supersedes: vec![] }], note: String::new() })));
            ids.push(id);
        }
        let st = fold(&c, events.iter());
        let reg = st.field(FieldKey::Urgency).unwrap();
        let mut heads = reg.head_ids();
        heads.sort();
        let mut expected = ids.clone();
        expected.sort();
        prop_assert_eq!(&heads, &expected, "every concurrent value is a head");
        prop_assert_eq!(st.conflicts().len(), 1);
        let max = events.iter().filter(|e| ids.contains(e.id())).map(|e| (e.hlc(), e.id().clone())).max().unwrap();
        prop_assert_eq!(&reg.winner().unwrap().id, &max.1, "deterministic winner");
        // Resolving supersedes every head: no conflict, chosen value, history intact.
        let keep = ids[resolve.index(n)].clone();
        let kept = reg.get(&keep).unwrap().value.clone();
        let hlc = Hlc { ms: T0 + 5000, c: 0 };
        let rid = EventId::new(hlc, [99; 10], 0);
        events.push(make(&c, rid, hlc, "d9", &Body::FieldsSet(FieldsSet { changes: vec![Change { value: kept.clone(), supersedes: reg.head_ids() }], note: String::new() })));
        let st = fold(&c, events.iter());
        prop_assert!(st.conflicts().is_empty());
        prop_assert_eq!(st.field(FieldKey::Urgency).unwrap().value(), Some(&kept));
        prop_assert_eq!(st.field(FieldKey::Urgency).unwrap().history().len(), n + 1);
    }
}

fn calendars() -> impl Strategy<Value = BusinessCalendar> {
    prop_oneof![Just(BusinessCalendar::default()), Just(BusinessCalendar::china_2023())]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn due_times_obey_the_calendar(cal in calendars(), start_min in 0i64..(366 * 24 * 60), d1 in 1u32..(15 * 480), d2 in 1u32..(15 * 480)) {
        let start = 1_672_531_200_000 + start_min * 60_000 - 8 * 3_600_000; // 2023 in UTC+8
        let (lo, hi) = (d1.min(d2), d1.max(d2));
        let due_lo = cal.due(Span::WorkingMinutes(lo), start, &[]).unwrap();
        let due_hi = cal.due(Span::WorkingMinutes(hi), start, &[]).unwrap();
        prop_assert!(due_lo > start, "never before the start");
        prop_assert!(due_lo <= due_hi, "monotonic in the duration");
        prop_assert!(cal.is_working_time(due_lo) && cal.is_working_time(due_hi), "never outside working time");
        prop_assert_eq!(cal.working_between(start, due_lo), lo as i64 * 60_000, "exactly the working time asked for");
        let cal_due = cal.due(Span::CalendarMinutes(lo), start, &[]).unwrap();
        prop_assert_eq!(cal_due, start + lo as i64 * 60_000);
    }

    #[test]
    fn a_pause_adds_exactly_the_paused_working_time(cal in calendars(), start_min in 0i64..(360 * 24 * 60), d in 1u32..(10 * 480), at in 0.0f64..1.0, len_min in 1i64..(5 * 24 * 60)) {
        let start = 1_672_531_200_000 + start_min * 60_000 - 8 * 3_600_000;
        let plain = cal.due(Span::WorkingMinutes(d), start, &[]).unwrap();
        let ps = start + ((plain - start) as f64 * at) as i64;
        let pe = ps + len_min * 60_000;
        let paused = cal.due(Span::WorkingMinutes(d), start, &[(ps, Some(pe))]).unwrap();
        prop_assert!(paused >= plain);
        prop_assert_eq!(cal.working_between(start, paused), d as i64 * 60_000 + cal.working_between(ps, pe));
        // Calendar clocks: the pause's full length.
        let cal_plain = start + d as i64 * 60_000;
        let cps = start + ((cal_plain - start) as f64 * at) as i64;
        let cal_paused = cal.due(Span::CalendarMinutes(d), start, &[(cps, Some(cps + len_min * 60_000))]).unwrap();
        prop_assert_eq!(cal_paused, cal_plain + len_min * 60_000);
    }
}
