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

/// What the clocks need to know about a complaint (UTC ms). Produced by the fold; step times
/// are when each step was taken on its device (`Event::at_ms`), never HLCs.
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
    /// When the complaint was archived: department replies can no longer be recorded.
    #[serde(default)]
    pub archived: Option<i64>,
    /// When personal data was removed: the customer can no longer be re-surveyed.
    #[serde(default)]
    pub anonymised: Option<i64>,
    /// Waiting on customer / third party: (start, end or None while waiting).
    pub pauses: Vec<(i64, Option<i64>)>,
    pub dept_requests: Vec<DeptClock>,
}

/// One running or finished clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockInstance {
    pub kind: ClockKind,
    /// Handling round (1-based; for a re-survey the round that closed) or 0 for clocks not
    /// tied to a round.
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
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
    /// When a running clock enters its warning (the policy's share of its time used); `None`
    /// once stopped, or while paused indefinitely before reaching it.
    #[serde(default)]
    pub warn_at: Option<i64>,
}

fn first_after(times: &[i64], start: i64) -> Option<i64> {
    times.iter().copied().filter(|t| *t >= start).min()
}

/// The earlier of two optional instants.
fn earliest(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
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
        // Closing ends the handling: a clock whose step was never taken stops there (late, if
        // it was due), so a closed complaint has no handling clock left running.
        let closed = first_after(&self.closed, self.received);
        out.push(inst(ClockKind::FirstContact, 0, contact_span, self.received, earliest(first_after(&self.contacts, self.received), closed)));
        let plan = if self.is_complaint {
            Some(policy.initial_plan_complaint)
        } else if self.complex {
            Some(policy.initial_plan_complex)
        } else {
            None
        };
        if let Some(span) = plan {
            out.push(inst(ClockKind::InitialPlan, 0, self.adjust(span), self.received, earliest(self.plan_proposed, closed)));
        }
        let resolution = self.adjust(policy.resolution(self.urgency.unwrap_or(Urgency::Normal)));
        let progress = self.adjust(if self.complex { policy.progress_complex } else { policy.progress_routine });
        for (i, r) in self.rounds.iter().enumerate() {
            let n = i as u32 + 1;
            out.push(inst(ClockKind::Resolution, n, resolution, r.start, r.resolved));
            // Only an update given before the round is resolved counts; resolving in time stops it too.
            let stop = earliest(first_after(&self.progress_updates, r.start), r.resolved);
            out.push(inst(ClockKind::ProgressUpdate, n, progress, r.start, stop));
            if let Some(res) = r.resolved {
                // Closing after failed contact attempts ends the follow-up too.
                let follow = earliest(first_after(&self.follow_ups, res), first_after(&self.closed, res));
                out.push(inst(ClockKind::SatisfactionFollowUp, n, policy.satisfaction_follow_up, res, follow));
            }
        }
        out.extend(self.long_term_follow_ups(policy));
        for d in &self.dept_requests {
            out.push(ClockInstance {
                kind: ClockKind::DepartmentReply,
                round: 0,
                reference: Some(d.request.clone()),
                span: policy.department_reply,
                start: d.start,
                // An archived complaint takes no more replies.
                stop: earliest(d.replied, self.archived),
                fixed_due: d.deadline,
            });
        }
        out
    }

    /// The 3-month re-survey of each closing, in the handling round it closed (SPEC §7):
    /// archiving does not cancel it; a reopen cancels the earlier closing's re-survey unless it
    /// was already done; anonymisation stops it, since nobody is left to ask.
    fn long_term_follow_ups(&self, policy: &SlaPolicy) -> Vec<ClockInstance> {
        let mut closings = self.closed.clone();
        crate::domain::sort::sort(&mut closings);
        closings
            .into_iter()
            .filter_map(|closed| {
                let round = self.rounds.iter().filter(|r| r.start <= closed).count() as u32;
                let reopened = self.rounds.iter().map(|r| r.start).filter(|s| *s > closed).min();
                let re_survey = first_after(&self.re_surveys, closed);
                if reopened.is_some_and(|o| re_survey.is_none_or(|s| s > o)) {
                    return None;
                }
                let stop = earliest(re_survey, self.anonymised.filter(|a| *a >= closed));
                Some(ClockInstance {
                    kind: ClockKind::LongTermFollowUp,
                    round,
                    reference: None,
                    span: policy.long_term_follow_up,
                    start: closed,
                    stop,
                    fixed_due: None,
                })
            })
            .collect()
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
        // The first instant at which `used * 1000 >= budget * share` below holds.
        let threshold = (budget_ms as i128 * warning_permille as i128).div_euclid(1000) as i64
            + i64::from((budget_ms as i128 * warning_permille as i128).rem_euclid(1000) != 0);
        let warn_at = if self.stop.is_some() { None } else { reach(cal, self.span, self.start, threshold, &pauses) };
        let late = |t: i64| past_due(due, t);
        let state = match self.stop {
            Some(s) if late(s) => ClockState::MetLate,
            Some(_) => ClockState::Met,
            None if late(now) => ClockState::Overdue,
            None if paused_now => ClockState::Paused,
            None if used_ms as i128 * 1000 >= budget_ms as i128 * warning_permille as i128 => ClockState::Warning,
            None => ClockState::Running,
        };
        ClockView { instance: self, due, state, paused: paused_now, budget_ms, used_ms, remaining_ms: budget_ms.saturating_sub(used_ms), warn_at }
    }
}

/// A clock whose due time is `due` is late at `t` (stopped then: met late; running: overdue).
/// The one rule, also for review rows that keep a clock's due and stop times.
pub fn past_due(due: Option<i64>, t: i64) -> bool {
    due.is_some_and(|d| t > d)
}

/// The instant at which `ms` of counted time have passed since `start`, pauses excluded (the
/// same walk as the calendar's due time, for any amount of time); `None` while paused before.
fn reach(cal: &BusinessCalendar, span: Span, start: i64, ms: i64, pauses: &[(i64, Option<i64>)]) -> Option<i64> {
    let mut remaining = ms;
    let mut cur = start;
    for &(ps, pe) in pauses {
        if pe.is_some_and(|pe| pe <= cur) {
            continue;
        }
        let available = cal.measure(span, cur, ps.max(cur));
        if available >= remaining {
            return cal.advance(span, cur, remaining);
        }
        remaining -= available;
        cur = pe?;
    }
    cal.advance(span, cur, remaining)
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
        assert_eq!((sat.due, sat.state), (Some(t(17, 10, 0)), ClockState::Met), "closing ends the follow-up");
        let open = SlaFacts { closed: vec![], ..f.clone() };
        let sat = view(&open.evaluate(&p, &cal, t(20, 12, 0)), ClockKind::SatisfactionFollowUp, 1);
        assert_eq!((sat.due, sat.state), (Some(t(17, 10, 0)), ClockState::Overdue));
        let lt = view(&v, ClockKind::LongTermFollowUp, 1);
        assert_eq!(cal.local(lt.due.unwrap()).to_string(), "2024-01-16 10:00:00");
    }

    #[test]
    fn the_warning_starts_at_warn_at() {
        let cal = BusinessCalendar::default();
        let p = SlaPolicy::default();
        let mut f = facts();
        f.pauses = vec![(t(9, 16, 0), Some(t(10, 10, 0)))];
        // 80 % of one working hour from 09:30: 10:18. 80 % of 3 working days (24 h) from
        // Monday 09:30 with the pause Monday 16:00 to Tuesday 10:00: 19.2 h, Wednesday 16:42.
        let v = f.evaluate(&p, &cal, t(9, 9, 31));
        assert_eq!(view(&v, ClockKind::FirstContact, 0).warn_at, Some(t(9, 10, 18)));
        assert_eq!(view(&v, ClockKind::Resolution, 1).warn_at, Some(t(11, 16, 42)));
        let check = |f: &SlaFacts, kind, round| {
            let w = view(&f.evaluate(&p, &cal, t(9, 9, 31)), kind, round).warn_at.unwrap();
            let before = view(&f.evaluate(&p, &cal, w - 1), kind, round);
            let at = view(&f.evaluate(&p, &cal, w), kind, round);
            assert_eq!((before.state, at.state), (ClockState::Running, ClockState::Warning), "{kind:?} warns at {}", cal.local(w));
            assert!(at.due.unwrap() > w);
        };
        for (kind, round) in [(ClockKind::FirstContact, 0), (ClockKind::InitialPlan, 0), (ClockKind::Resolution, 1), (ClockKind::ProgressUpdate, 1)] {
            check(&f, kind, round);
        }
        f.rounds[0].resolved = Some(t(9, 12, 0));
        f.follow_ups = vec![t(9, 12, 5)];
        f.closed = vec![t(9, 12, 10)];
        check(&f, ClockKind::LongTermFollowUp, 1);
        assert_eq!(view(&f.evaluate(&p, &cal, t(9, 13, 0)), ClockKind::Resolution, 1).warn_at, None, "stopped: no warning");
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
