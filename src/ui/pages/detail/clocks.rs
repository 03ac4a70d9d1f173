//! Every SLA clock of the complaint: due time, state and time left.

use leptos::prelude::*;

use crate::domain::sla::{ClockState, ClockView};
use crate::i18n::*;
use crate::services::ComplaintDetail;
use crate::ui::text::{durations, Translate};

/// A time of the complaint in business time, as the page shows it.
pub(super) fn time(detail: &ComplaintDetail, utc_ms: i64) -> String {
    detail.calendar.local(utc_ms).format("%Y-%m-%d %H:%M").to_string()
}

/// Every SLA clock: due time, state and time left.
pub(super) fn clocks_table(d: &ComplaintDetail) -> impl IntoView {
    let i18n = use_i18n();
    let now_ms = d.now_ms;
    let clocks: Vec<(ClockView, String)> = d.clocks.iter().map(|c| (c.clone(), c.due.map(|t| time(d, t)).unwrap_or_default())).collect();
    view! {
        <table class="clocks" data-testid="clocks">
            <thead><tr>
                <th scope="col">{t!(i18n, detail.clock)}</th>
                <th scope="col">{t!(i18n, detail.due)}</th>
                <th scope="col">{t!(i18n, detail.state)}</th>
                <th scope="col">{t!(i18n, detail.remaining)}</th>
            </tr></thead>
            <tbody>
                {clocks.into_iter().map(|(c, due)| {
                    let late = matches!(c.state, ClockState::Overdue | ClockState::MetLate);
                    let kind = c.instance.kind;
                    let state = c.state;
                    view! {
                        <tr class:late=late>
                            <td>{move || kind.text(i18n.get_locale())}</td>
                            <td>{due}</td>
                            <td>{move || state.text(i18n.get_locale())}
                                {(c.paused && state != ClockState::Paused).then(|| view! {
                                    " · "{move || ClockState::Paused.text(i18n.get_locale())}
                                })}</td>
                            // A stopped clock has nothing left to count.
                            <td>{(!matches!(state, ClockState::Met | ClockState::MetLate)).then(|| { let ms = left_ms(&c, now_ms); move || durations::left(i18n.get_locale(), ms) })}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// Time left on a clock (negative: overdue): to its due time, as on the list; a paused clock
/// without one counts its working time left (the wait does not count).
fn left_ms(c: &ClockView, now_ms: i64) -> i64 {
    match c.due {
        Some(due) if !c.paused => due.saturating_sub(now_ms),
        _ => c.remaining_ms,
    }
}
