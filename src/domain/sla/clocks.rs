//! Clock instances derived from a complaint's facts, and their evaluation at a given time:
//! due time on the calendar (pauses excluded), remaining time, warning, overdue, and whether a
//! stopped clock was met late (the overdue history that on-time rates are computed from).

use serde::{Deserialize, Serialize};

use super::{BusinessCalendar, ClockKind, SlaPolicy, Span};
use crate::domain::classify::Urgency;

/// One handling round: the first starts at receipt, each reopen starts another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Round {
    pub start: i64,
    pub resolved: Option<i64>,
}

/// A cross-department request's clock inputs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeptClock {
    pub request: String,
    pub start: i64,
    pub deadline: Option<i64>,
    pub replied: Option<i64>,
}

/// What the clocks need to know about a complaint (UTC ms). Produced by the fold.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SlaFacts {
    pub received: i64,
    pub registered: Option<i64>,
    pub urgency: Option<Urgency>,
    pub is_complaint: bool,
    pub complex: bool,
    /// A severity level's own response limit, which replaces the first-contact limit.
    pub respond_within: Option<Span>,
    /// Outbound contacts with the customer.
    pub contacts: Vec<i64>,
    pub plan_proposed: Option<i64>,
    pub rounds: Vec<Round>,
    pub progress_updates: Vec<i64>,
    /// Satisfaction follow-ups (surveys, confirmations).
    pub follow_ups: Vec<i64>,
    /// Closing times (several after reopen).
    pub closed: Vec<i64>,
    pub re_surveys: Vec<i64>,
    /// Waiting on customer / third party: (start, end or None while waiting).
    pub pauses: Vec<(i64, Option<i64>)>,
    pub dept_requests: Vec<DeptClock>,
}

/// One running or finished clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockInstance {
    pub kind: ClockKind,
    /// Handling round (1-based) or 0 for clocks not tied to a round.
    pub round: u32,
    /// Cross-department request id for `DepartmentReply`.
    pub reference: Option<String>,
    pub span: Span,
    pub start: i64,
    pub stop: Option<i64>,
    /// Absolute deadline overriding `span` (a request's own reply deadline).
    pub fixed_due: Option<i64>,
}

/// A clock's state at a given time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockState {
    Running,
    /// The warning share of the time is used.
    Warning,
    Paused,
    Overdue,
    /// Stopped in time.
    Met,
    /// Stopped after its due time: stays visible after closing.
    MetLate,
}

/// A clock evaluated at `now`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockView {
    pub instance: ClockInstance,
    /// `None` while paused indefinitely.
    pub due: Option<i64>,
    pub state: ClockState,
    /// A pause is running now (also when the clock is already overdue: it stops growing).
    pub paused: bool,
    /// Counted time allowed and used (ms of working or calendar time, pauses excluded).
    pub budget_ms: i64,
    pub used_ms: i64,
    /// Counted time left; negative when overdue.
    pub remaining_ms: i64,
}

fn first_after(times: &[i64], start: i64) -> Option<i64> {
    times.iter().copied().filter(|t| *t >= start).min()
}

impl SlaFacts {
    fn urgent(&self) -> bool {
        self.urgency == Some(Urgency::Urgent)
    }

    fn adjust(&self, span: Span) -> Span {
        if self.urgent() {
            span.for_urgent()
        } else {
            span
        }
    }

    /// Every clock instance of the complaint under `policy`.
    pub fn clocks(&self, policy: &SlaPolicy) -> Vec<ClockInstance> {
        let inst = |kind, round, span, start, stop| ClockInstance { kind, round, reference: None, span, start, stop, fixed_due: None };
        let mut out = vec![inst(ClockKind::Registration, 0, policy.registration, self.received, self.registered)];
        let contact_span = match (self.respond_within, self.urgent()) {
            (Some(s), _) => s,
            (None, true) => policy.first_contact_urgent,
            (None, false) => policy.first_contact,
        };
        out.push(inst(ClockKind::FirstContact, 0, contact_span, self.received, first_after(&self.contacts, self.received)));
        let plan = if self.is_complaint {
            Some(policy.initial_plan_complaint)
        } else if self.complex {
            Some(policy.initial_plan_complex)
        } else {
            None
        };
        if let Some(span) = plan {
            out.push(inst(ClockKind::InitialPlan, 0, self.adjust(span), self.received, self.plan_proposed));
        }
        let resolution = self.adjust(policy.resolution(self.urgency.unwrap_or(Urgency::Normal)));
        let progress = self.adjust(if self.complex { policy.progress_complex } else { policy.progress_routine });
        for (i, r) in self.rounds.iter().enumerate() {
            let n = i as u32 + 1;
            out.push(inst(ClockKind::Resolution, n, resolution, r.start, r.resolved));
            // Only an update given before the round is resolved counts; resolving in time stops it too.
            let update = first_after(&self.progress_updates, r.start);
            let stop = match (update, r.resolved) {
                (Some(u), Some(res)) => Some(u.min(res)),
                (u, res) => u.or(res),
            };
            out.push(inst(ClockKind::ProgressUpdate, n, progress, r.start, stop));
            if let Some(res) = r.resolved {
                let follow = first_after(&self.follow_ups, res);
                out.push(inst(ClockKind::SatisfactionFollowUp, n, policy.satisfaction_follow_up, res, follow));
            }
        }
        if let Some(&closed) = self.closed.iter().max() {
            out.push(inst(ClockKind::LongTermFollowUp, 0, policy.long_term_follow_up, closed, first_after(&self.re_surveys, closed)));
        }
        for d in &self.dept_requests {
            out.push(ClockInstance {
                kind: ClockKind::DepartmentReply,
                round: 0,
                reference: Some(d.request.clone()),
                span: policy.department_reply,
                start: d.start,
                stop: d.replied,
                fixed_due: d.deadline,
            });
        }
        out
    }

    /// Every clock evaluated at `now`.
    pub fn evaluate(&self, policy: &SlaPolicy, cal: &BusinessCalendar, now: i64) -> Vec<ClockView> {
        self.clocks(policy).into_iter().map(|c| c.evaluate(&self.pauses, cal, policy.warning_permille, now)).collect()
    }
}

impl ClockInstance {
    /// Evaluates the clock at `now` given the complaint's pauses.
    pub fn evaluate(self, pauses: &[(i64, Option<i64>)], cal: &BusinessCalendar, warning_permille: u16, now: i64) -> ClockView {
        let pauses: Vec<(i64, Option<i64>)> = if self.kind.pausable() { pauses.to_vec() } else { Vec::new() };
        let end = self.stop.unwrap_or(now).max(self.start);
        // Saturating: times from other devices may be absurd (they are refused on entry, but a
        // view must never panic on what is already stored).
        let paused_ms = pauses
            .iter()
            .map(|&(ps, pe)| cal.measure(self.span, ps.max(self.start), pe.unwrap_or(end).min(end)))
            .fold(0i64, i64::saturating_add);
        let used_ms = cal.measure(self.span, self.start, end).saturating_sub(paused_ms);
        let (due, budget_ms) = match self.fixed_due {
            Some(d) => (Some(d), cal.measure(self.span, self.start, d)),
            None => (cal.due(self.span, self.start, &pauses), cal.span_ms(self.span, self.start).unwrap_or(0)),
        };
        let paused_now = self.stop.is_none() && pauses.iter().any(|&(ps, pe)| ps <= now && pe.is_none_or(|pe| now < pe));
        let late = |t: i64| due.is_some_and(|d| t > d);
        let state = match self.stop {
            Some(s) if late(s) => ClockState::MetLate,
            Some(_) => ClockState::Met,
            None if late(now) => ClockState::Overdue,
            None if paused_now => ClockState::Paused,
            None if used_ms as i128 * 1000 >= budget_ms as i128 * warning_permille as i128 => ClockState::Warning,
            None => ClockState::Running,
        };
        ClockView { instance: self, due, state, paused: paused_now, budget_ms, used_ms, remaining_ms: budget_ms.saturating_sub(used_ms) }
    }
}

impl ClockView {
    /// True if this clock is or was overdue (for on-time rates).
    pub fn ever_overdue(&self) -> bool {
        matches!(self.state, ClockState::Overdue | ClockState::MetLate)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    const H: i64 = 3_600_000;
    fn t(d: u32, h: u32, m: u32) -> i64 {
        BusinessCalendar::default().utc(NaiveDate::from_ymd_opt(2023, 10, d).unwrap().and_hms_opt(h, m, 0).unwrap())
    }
    fn view(views: &[ClockView], kind: ClockKind, round: u32) -> ClockView {
        views.iter().find(|v| v.instance.kind == kind && v.instance.round == round).unwrap().clone()
    }

    fn facts() -> SlaFacts {
        SlaFacts {
            received: t(9, 9, 30),
            registered: Some(t(9, 9, 35)),
            urgency: Some(Urgency::Normal),
            is_complaint: true,
            rounds: vec![Round { start: t(9, 9, 30), resolved: None }],
            ..SlaFacts::default()
        }
    }

    #[test]
    fn states_over_time() {
        let cal = BusinessCalendar::default();
        let p = SlaPolicy::default();
        let f = facts();
        let v = f.evaluate(&p, &cal, t(9, 10, 0));
        assert_eq!(view(&v, ClockKind::Registration, 0).state, ClockState::Met);
        let fc = view(&v, ClockKind::FirstContact, 0);
        assert_eq!((fc.due, fc.state, fc.remaining_ms), (Some(t(9, 10, 30)), ClockState::Running, H / 2));
        assert_eq!(view(&f.evaluate(&p, &cal, t(9, 10, 20)), ClockKind::FirstContact, 0).state, ClockState::Warning);
        let late = view(&f.evaluate(&p, &cal, t(9, 11, 0)), ClockKind::FirstContact, 0);
        assert_eq!((late.state, late.remaining_ms), (ClockState::Overdue, -H / 2));
        let res = view(&v, ClockKind::Resolution, 1);
        assert_eq!(res.due, Some(t(12, 9, 30)), "3 working days");
        assert_eq!(view(&v, ClockKind::InitialPlan, 0).due, Some(t(9, 14, 30)), "4 working hours across lunch");
    }

    #[test]
    fn met_late_stays_visible_and_pauses_shift_due() {
        let cal = BusinessCalendar::default();
        let p = SlaPolicy::default();
        let mut f = facts();
        f.contacts = vec![t(9, 11, 0)];
        f.pauses = vec![(t(10, 9, 0), Some(t(11, 9, 0)))];
        f.rounds[0].resolved = Some(t(13, 10, 0));
        f.closed = vec![t(16, 10, 0)];
        let v = f.evaluate(&p, &cal, t(20, 12, 0));
        assert_eq!(view(&v, ClockKind::FirstContact, 0).state, ClockState::MetLate);
        assert!(view(&v, ClockKind::FirstContact, 0).ever_overdue());
        let res = view(&v, ClockKind::Resolution, 1);
        assert_eq!(res.due, Some(t(13, 9, 30)), "one paused working day added");
        assert_eq!(res.state, ClockState::MetLate);
        let sat = view(&v, ClockKind::SatisfactionFollowUp, 1);
        assert_eq!((sat.due, sat.state), (Some(t(17, 10, 0)), ClockState::Overdue));
        let lt = view(&v, ClockKind::LongTermFollowUp, 0);
        assert_eq!(cal.local(lt.due.unwrap()).to_string(), "2024-01-16 10:00:00");
    }

    #[test]
    fn urgent_and_paused_now() {
        let cal = BusinessCalendar::default();
        let p = SlaPolicy::default();
        let mut f = facts();
        f.urgency = Some(Urgency::Urgent);
        f.received = t(14, 20, 0); // Saturday evening
        f.registered = None;
        f.rounds = vec![Round { start: f.received, resolved: None }];
        f.pauses = vec![(t(14, 21, 0), None)];
        let v = f.evaluate(&p, &cal, t(14, 20, 10));
        assert_eq!(view(&v, ClockKind::FirstContact, 0).due, Some(t(14, 20, 15)), "15 calendar minutes");
        assert_eq!(view(&v, ClockKind::Resolution, 1).due, None, "paused without end before time ran out");
        let later = f.evaluate(&p, &cal, t(14, 22, 0));
        assert_eq!(view(&later, ClockKind::Resolution, 1).state, ClockState::Paused);
        assert_eq!(view(&later, ClockKind::Resolution, 1).used_ms, H);
        assert_eq!(view(&later, ClockKind::Registration, 0).state, ClockState::Running);
        assert!(view(&later, ClockKind::Resolution, 1).paused);
        assert!(!view(&later, ClockKind::Registration, 0).paused, "registration does not pause");
        // Overdue before the pause: still overdue, marked paused, and the overrun stops growing.
        f.pauses = vec![(t(15, 23, 0), None)];
        let (a, b) = (f.evaluate(&p, &cal, t(15, 23, 30)), f.evaluate(&p, &cal, t(17, 12, 0)));
        let (a, b) = (view(&a, ClockKind::Resolution, 1), view(&b, ClockKind::Resolution, 1));
        assert_eq!((a.state, b.state), (ClockState::Overdue, ClockState::Overdue));
        assert!(b.paused);
        assert_eq!(a.remaining_ms, b.remaining_ms);
    }

    #[test]
    fn department_reply_uses_the_request_deadline() {
        let cal = BusinessCalendar::default();
        let mut f = facts();
        f.dept_requests = vec![
            DeptClock { request: "r1".into(), start: t(9, 10, 0), deadline: Some(t(10, 10, 0)), replied: Some(t(10, 9, 0)) },
            DeptClock { request: "r2".into(), start: t(9, 10, 0), deadline: None, replied: None },
        ];
        let v = f.evaluate(&SlaPolicy::default(), &cal, t(16, 0, 0));
        let r: Vec<_> = v.iter().filter(|v| v.instance.kind == ClockKind::DepartmentReply).collect();
        assert_eq!(r[0].state, ClockState::Met);
        assert_eq!((r[1].due, r[1].state), (Some(t(14, 10, 0)), ClockState::Overdue));
    }
}
