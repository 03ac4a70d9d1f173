//! Storing one chunk of a CSV import: complaints registered as the form's
//! `events::commit_register` stores them (events, view, serial, clock, view count, outbox),
//! many per transaction, skipping rows whose key a stored complaint already has.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::events::{queue_new_complaint, CommitError};
use super::schema::{EVENTS, META, OUTBOX, REVIEW, VIEWS};
use super::views::{known_source_keys, ComplaintView};
use super::{meta, Database, StoreError};
use crate::domain::command::Issued;
use crate::domain::config::DomainConfig;
use crate::domain::errors::CommandError;
use crate::domain::hlc::Hlc;

/// One row to register: its key and the business day its number is issued for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChunkItem {
    pub key: String,
    pub day: NaiveDate,
}

/// What became of each item of a chunk, by its index.
#[derive(Debug, Default)]
pub struct ChunkOutcome {
    pub stored: Vec<(usize, ComplaintView)>,
    /// A complaint with this row key exists already.
    pub skipped: Vec<usize>,
    /// The domain refused the command (nothing written for it).
    pub refused: Vec<(usize, CommandError)>,
}

/// Registers `items` in one read-write transaction: for each one whose key no complaint has,
/// reads the device clock and its day's last serial, runs `command(index, clock, serial)`
/// (pure CPU, nothing awaited in it) and stores the result. A storage failure aborts the whole
/// chunk (nothing of it is stored); a refused command only skips its row.
pub async fn commit_chunk(
    db: &Database,
    items: &[ChunkItem],
    config: &DomainConfig,
    now_ms: i64,
    mut command: impl FnMut(usize, Hlc, u32) -> Result<Issued, CommandError>,
) -> Result<ChunkOutcome, CommitError> {
    let tx = db.transaction(&[EVENTS, VIEWS, REVIEW, META, OUTBOX], true).await?;
    let written = async {
        let keys: Vec<String> = items.iter().map(|i| i.key.clone()).collect();
        let known = known_source_keys(&tx.store(VIEWS)?, &keys).await?;
        let meta_store = tx.store(META)?;
        let mut out = ChunkOutcome::default();
        let Some(first_day) = items.first().map(|i| i.day) else { return Ok(out) };
        // The clock, the view count and the days' serials are read once and carried through the
        // chunk (the transaction holds them: no other writer can interleave), written once.
        let start = meta::counters(&meta_store, first_day).await?;
        let mut clock = start.clock;
        let mut serials: HashMap<NaiveDate, (u32, bool)> = HashMap::from([(first_day, (start.serial, false))]);
        for (i, item) in items.iter().enumerate() {
            if known.contains(&item.key) {
                out.skipped.push(i);
                continue;
            }
            let last = match serials.get(&item.day) {
                Some((last, _)) => *last,
                None => meta::last_serial(&meta_store, item.day).await?,
            };
            let serial = last + 1;
            match command(i, clock, serial) {
                Ok(issued) => {
                    let view = queue_new_complaint(&tx, &issued, config, now_ms)?;
                    clock = clock.max(issued.clock);
                    serials.insert(item.day, (serial, true));
                    out.stored.push((i, view));
                }
                Err(e) => {
                    serials.entry(item.day).or_insert((last, false));
                    out.refused.push((i, e));
                }
            }
        }
        for (day, (last, used)) in serials {
            if used {
                meta::put_serial(&meta_store, day, last)?;
            }
        }
        if !out.stored.is_empty() {
            let views = match start.views {
                Some(n) => n.saturating_add(out.stored.len() as u32),
                // Without a counter yet, count once (this chunk's views included).
                None => tx.store(VIEWS)?.count(None)?.await?,
            };
            meta::put_view_count(&meta_store, views)?;
            // It started at the stored clock and only moved forward.
            meta::put_clock(&meta_store, clock)?;
        }
        Ok::<_, StoreError>(out)
    }
    .await;
    // Whatever this chunk queued before a failure is not kept.
    Ok(tx.finish(written).await?)
}
