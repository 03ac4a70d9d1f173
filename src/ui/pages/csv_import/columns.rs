//! The mapping editor: which field each source column fills, the date formats of the date
//! columns (with what the first value reads as), and the values used when a row has none.

use leptos::prelude::*;

use super::facts::shorten;
use super::CsvState;
use crate::domain::channel::Channel;
use crate::domain::csv::dates::detect;
use crate::domain::csv::mapping::Target;
use crate::domain::csv::{DateFormat, SourceTable};
use crate::domain::keyed::Keyed;
use crate::i18n::*;
use crate::ui::components::option_select::{none_text, OptionSelect};
use crate::ui::text::fill;
use crate::ui::text::Translate;

/// The first non-empty value of a column.
fn example(table: &SourceTable, col: usize) -> Option<String> {
    table
        .rows
        .iter()
        .map(|r| r.cells[col].trim())
        .find(|c| !c.is_empty())
        .map(str::to_string)
}

/// Columns, date formats and defaults.
#[component]
pub fn ColumnsEditor(state: CsvState) -> impl IntoView {
    let i18n = use_i18n();
    let running = Signal::derive(move || state.running.get());
    let columns = move || {
        state.file.get().map(|f| {
            f.table
                .headers
                .iter()
                .enumerate()
                .map(|(col, header)| {
                    let h = header.clone();
                    let value = Signal::derive({
                        let h = h.clone();
                        move || state.mapping.with(|m| m.target_of(&h))
                    });
                    let on_pick = Callback::new({
                        let h = h.clone();
                        move |t: Option<Target>| state.mapping.update(|m| m.set_column(&h, t))
                    });
                    let label = {
                        let h = h.clone();
                        Signal::derive(move || fill(td_string!(i18n.get_locale(), csv_import.fills_label), &[("column", h.clone())]))
                    };
                    view! {
                        <tr>
                            <th scope="row">{header.clone()}</th>
                            <td class="csv-example">{example(&f.table, col).map(|e| shorten(&e))}</td>
                            <td>
                                <OptionSelect id=format!("csv-col-{col}") value on_pick options=Target::all()
                                    none=none_text(|l| td_string!(l, csv_import.not_imported))
                                    aria_label=label disabled=running/>
                            </td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="panel" aria-labelledby="csv-columns-title">
            <h2 id="csv-columns-title">{t!(i18n, csv_import.columns_title)}</h2>
            <p class="hint">{t!(i18n, csv_import.columns_hint)}</p>
            <div class="table-scroll">
                <table class="csv-columns" data-testid="csv-columns">
                    <thead><tr>
                        <th scope="col">{t!(i18n, csv_import.column)}</th>
                        <th scope="col">{t!(i18n, csv_import.example)}</th>
                        <th scope="col">{t!(i18n, csv_import.fills)}</th>
                    </tr></thead>
                    <tbody>{columns}</tbody>
                </table>
            </div>
            <DateFormats state/>
            <Defaults state/>
        </section>
    }
}

/// A date format chooser per mapped date column, with its detection and an example.
#[component]
fn DateFormats(state: CsvState) -> impl IntoView {
    let i18n = use_i18n();
    let chooser = move |target: Target| {
        let file = state.file.get()?;
        let col = *state
            .mapping
            .with(|m| m.columns_of(target, &file.table.headers))
            .first()?;
        let detected = detect(file.table.rows.iter().map(|r| r.cells[col].as_str()));
        let sample = example(&file.table, col);
        let format = Signal::derive(move || {
            state.mapping.with(|m| {
                if target == Target::ReceivedAt {
                    m.received_format
                } else {
                    m.occurred_format
                }
            })
        });
        let on_pick = Callback::new(move |f: Option<DateFormat>| {
            state.mapping.update(|m| {
                if target == Target::ReceivedAt {
                    m.received_format = f
                } else {
                    m.occurred_format = f
                }
            })
        });
        let id = format!("csv-date-{}", target.key());
        let reads = {
            let sample = sample.clone();
            move || {
                let sample = sample.clone()?;
                let locale = i18n.get_locale();
                Some(match format.get().and_then(|f| f.parse(&sample)) {
                    Some(t) => fill(
                        td_string!(locale, csv_import.date_reads),
                        &[
                            ("value", sample.clone()),
                            ("time", t.format("%Y-%m-%d %H:%M").to_string()),
                        ],
                    ),
                    None => fill(
                        td_string!(locale, csv_import.date_unread),
                        &[("value", sample.clone())],
                    ),
                })
            }
        };
        Some(view! {
            <div class="field">
                <label for=id.clone()>{move || fill(td_string!(i18n.get_locale(), csv_import.date_format), &[("column", target.text(i18n.get_locale()).to_string())])}</label>
                <OptionSelect id=id.clone() value=format on_pick options=DateFormat::all()
                    none=none_text(|l| td_string!(l, csv_import.choose))
                    disabled=Signal::derive(move || state.running.get())/>
                <p class="hint" data-testid=format!("{id}-reads")>{reads}</p>
                <p class="hint">{move || {
                    let locale = i18n.get_locale();
                    let names: Vec<&str> = detected.iter().map(|f| f.text(locale)).collect();
                    if names.is_empty() { td_string!(locale, csv_import.detected_none).to_string() }
                    else { fill(td_string!(locale, csv_import.detected), &[("formats", names.join(" · "))]) }
                }}</p>
            </div>
        })
    };
    view! {
        {move || chooser(Target::ReceivedAt)}
        {move || chooser(Target::OccurredAt)}
    }
}

/// What rows without a value get: a channel, the first-contact owner, anonymity.
#[component]
fn Defaults(state: CsvState) -> impl IntoView {
    let i18n = use_i18n();
    let channel = Signal::derive(move || state.mapping.with(|m| m.defaults.channel));
    let on_channel =
        Callback::new(move |c: Option<Channel>| state.mapping.update(|m| m.defaults.channel = c));
    let owner = move || {
        state
            .mapping
            .with(|m| m.defaults.first_contact_owner.clone())
    };
    let anonymous = move || state.mapping.with(|m| m.defaults.anonymous_without_name);
    view! {
        <fieldset class="csv-defaults">
            <legend>{t!(i18n, csv_import.defaults_title)}</legend>
            <div class="field">
                <label for="csv-default-channel">{t!(i18n, csv_import.default_channel)}</label>
                <OptionSelect id="csv-default-channel".to_string() value=channel on_pick=on_channel options=Channel::all()
                    none=none_text(|l| td_string!(l, csv_import.no_default))
                    disabled=Signal::derive(move || state.running.get())/>
            </div>
            <div class="field">
                <label for="csv-default-owner">{t!(i18n, csv_import.default_owner)}</label>
                <input id="csv-default-owner" type="text" maxlength="100" prop:value=owner disabled=move || state.running.get()
                    on:change=move |ev| { let v = event_target_value(&ev); state.mapping.update(|m| m.defaults.first_contact_owner = v) }/>
            </div>
            <label class="check">
                <input id="csv-default-anonymous" type="checkbox" prop:checked=anonymous disabled=move || state.running.get()
                    on:change=move |ev| { let v = event_target_checked(&ev); state.mapping.update(|m| m.defaults.anonymous_without_name = v) }/>
                {t!(i18n, csv_import.default_anonymous)}
            </label>
        </fieldset>
    }
}
