//! Small SVG charts drawn from a review table (no chart library: a few shapes print sharply
//! and cost little). The table next to each chart holds the same numbers, so the SVG is an
//! image with a title for screen readers, not a second copy of the data.

use leptos::prelude::*;

use super::tables::{Chart, Table};

// Integer coordinates only: no float formatting or parsing code in the bundle.
const W: i64 = 600;

fn value(row: &[String], col: usize) -> i64 {
    row.get(col).and_then(|v| v.parse::<i64>().ok()).unwrap_or(0)
}

/// The chart a table asks for, if any.
#[component]
pub fn TableChart(table: Table) -> impl IntoView {
    match table.chart {
        Chart::None => ().into_any(),
        Chart::Bars(col) => view! { <Bars table col/> }.into_any(),
        Chart::Trend => view! { <Trend table/> }.into_any(),
        Chart::HeatMap => view! { <HeatMap table/> }.into_any(),
    }
}

/// Horizontal bars: the first column as labels, `col` as lengths.
#[component]
fn Bars(table: Table, col: usize) -> impl IntoView {
    let max = table.rows.iter().map(|r| value(r, col)).fold(1, i64::max);
    let (label_w, row_h) = (180, 26);
    let h = table.rows.len() as i64 * row_h + 4;
    let bars = table
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let y = i as i64 * row_h + 2;
            let v = value(r, col);
            let w = (W - label_w - 50) * v.max(0) / max;
            let label = r.first().cloned().unwrap_or_default();
            let shown = r.get(col).cloned().unwrap_or_default();
            view! {
                <text x=label_w - 6 y=y + 17 text-anchor="end" class="chart-label">{label}</text>
                <rect x=label_w y=y + 3 width=w height=row_h - 8 class="chart-bar"/>
                <text x=label_w + w + 6 y=y + 17 class="chart-value">{shown}</text>
            }
        })
        .collect_view();
    view! {
        <svg class="chart" viewBox=format!("0 0 {W} {h}") role="img" aria-label=table.title.clone() preserveAspectRatio="xMinYMin meet">
            {bars}
        </svg>
    }
}

/// A line over the trend's buckets, with the largest count and the first and last buckets.
#[component]
fn Trend(table: Table) -> impl IntoView {
    let (h, pad) = (160, 30);
    let values: Vec<i64> = table.rows.iter().map(|r| value(r, 1)).collect();
    let max = values.iter().copied().fold(1, i64::max);
    let last_index = (values.len() as i64 - 1).max(1);
    let point = |i: usize, v: i64| (pad + (W - 2 * pad) * i as i64 / last_index, h - pad - (h - 2 * pad) * v.max(0) / max);
    let points: String = values.iter().enumerate().map(|(i, v)| point(i, *v)).map(|(x, y)| format!("{x},{y}")).collect::<Vec<_>>().join(" ");
    let first = table.rows.first().and_then(|r| r.first().cloned()).unwrap_or_default();
    let last = table.rows.last().and_then(|r| r.first().cloned()).unwrap_or_default();
    view! {
        <svg class="chart" viewBox=format!("0 0 {W} {h}") role="img" aria-label=table.title.clone()>
            <line x1=pad y1=h - pad x2=W - pad y2=h - pad class="chart-axis"/>
            <line x1=pad y1=pad x2=pad y2=h - pad class="chart-axis"/>
            <text x=pad - 4 y=pad + 4 text-anchor="end" class="chart-label">{max.to_string()}</text>
            <text x=pad - 4 y=h - pad text-anchor="end" class="chart-label">"0"</text>
            <polyline points=points class="chart-line"/>
            <text x=pad y=h - 8 class="chart-label">{first}</text>
            <text x=W - pad y=h - 8 text-anchor="end" class="chart-label">{last}</text>
        </svg>
    }
}

/// A column head without its explanation (`Urgent — within 24 hours` → `Urgent`): the table
/// below the chart has the full text.
fn short(head: &str) -> String {
    head.split(" — ").next().unwrap_or(head).trim().to_string()
}

/// The frequency × urgency matrix as shaded cells with their counts.
#[component]
fn HeatMap(table: Table) -> impl IntoView {
    let (label_w, head_h, cell_w, cell_h) = (150, 28, 130, 44);
    let max = table.rows.iter().flat_map(|r| (1..r.len()).map(|c| value(r, c))).fold(1, i64::max);
    let cols = table.headers.len().saturating_sub(1) as i64;
    let h = head_h + table.rows.len() as i64 * cell_h;
    let heads = table.headers.iter().skip(1).enumerate().map(|(c, head)| {
        view! { <text x=label_w + c as i64 * cell_w + cell_w / 2 y=head_h - 8 text-anchor="middle" class="chart-label">{short(head)}</text> }
    }).collect_view();
    let cells = table.rows.iter().enumerate().map(|(r, row)| {
        let y = head_h + r as i64 * cell_h;
        let label = row.first().cloned().unwrap_or_default();
        let cells = (1..=cols).map(|c| {
            let v = value(row, c as usize).max(0);
            let x = label_w + (c - 1) * cell_w;
            // Darker for more (opacity in hundredths, 8 to 90); the count is printed in every
            // cell, so colour is never needed to read it.
            let opacity = 8 + 82 * v / max;
            let dark = 2 * v > max;
            view! {
                <rect x=x y=y width=cell_w - 2 height=cell_h - 2 class="heat-cell" fill-opacity=format!("0.{opacity:02}")/>
                <text x=x + cell_w / 2 y=y + cell_h / 2 + 5 text-anchor="middle" class=if dark { "chart-value on-dark" } else { "chart-value" }>{row.get(c as usize).cloned().unwrap_or_default()}</text>
            }
        }).collect_view();
        view! {
            <text x=label_w - 6 y=y + cell_h / 2 + 5 text-anchor="end" class="chart-label">{label}</text>
            {cells}
        }
    }).collect_view();
    let w = label_w + cols * cell_w;
    view! {
        <svg class="chart heat" viewBox=format!("0 0 {w} {h}") role="img" aria-label=table.title.clone()>
            {heads}
            {cells}
        </svg>
    }
}
