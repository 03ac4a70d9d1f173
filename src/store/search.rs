//! Search from one box, read from indexes page by page (never the whole store).
//!
//! The typed text is cut into terms like the rows' `terms` (`domain::search_terms`). The
//! longest term is looked up in the multi-entry index `terms`; the other terms are checked on
//! the rows it finds. Results come in three ranks, each a cursor read in index order:
//!
//! 0. the complaint number starts with the text (index `number`, newest number first);
//! 1. a term equals the looked-up term (newest complaint first: ids are ULIDs of the
//!    registration time);
//! 2. a term starts with it (term by term, shortest first).
//!
//! A row is shown in the first rank it belongs to and, in rank 2, at its first matching term,
//! so every row comes once without remembering earlier pages. A page ends with its position
//! (rank, index key, id), and the next page opens its range there. Ranges are read in batches
//! (`store::scan`). A query that is a whole complaint number stops after rank 0.

use idb::CursorDirection;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::list::Page;
use super::page_fill::{next_batch, PageFill};
use super::scan::{Bound, Entry, Scanner};
use super::schema::{TERMS_INDEX, VIEWS};
use super::views::ComplaintView;
use super::{Database, StoreError};
use crate::domain::search_terms::{matches, query_terms};

/// A position in search results: the rank, the index key and the id of the last entry read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchAfter {
    pub rank: u8,
    pub key: String,
    pub id: String,
}

/// The most rows one search page reads and rejects (other words of the query not matching)
/// before it returns what it has with its position: about 40 ms at 100,000 complaints.
pub const MAX_SCANNED: u32 = 800;

/// Past the end of every key that starts with a prefix.
const END: char = '\u{ffff}';

/// What a query looks for.
struct Wanted {
    /// The number prefix (rank 0), when the text is one word.
    number: Option<String>,
    /// The looked-up term (ranks 1 and 2) and the terms checked on each row.
    lead: String,
    rest: Vec<String>,
}

impl Wanted {
    fn of(query: &str) -> Option<Wanted> {
        let mut terms = query_terms(query);
        if terms.is_empty() {
            return None;
        }
        let lead = terms.remove(0);
        let q = query.trim();
        let number = (!q.contains(char::is_whitespace)).then(|| q.to_uppercase());
        Some(Wanted { number, lead, rest: terms })
    }

    fn in_rank_0(&self, row: &ComplaintView) -> bool {
        self.number.as_deref().is_some_and(|n| row.number.starts_with(n))
    }

    /// Whether `row`, met in `rank` at index key `key`, is shown there.
    fn shows(&self, rank: u8, key: &str, row: &ComplaintView) -> bool {
        match rank {
            0 => true,
            1 => !self.in_rank_0(row) && self.rest.iter().all(|t| matches(&row.terms, t)),
            _ => {
                let first = row.terms.iter().find(|t| t.starts_with(&self.lead) && **t != self.lead);
                first.is_some_and(|t| t == key)
                    && !self.in_rank_0(row)
                    && !row.terms.contains(&self.lead)
                    && self.rest.iter().all(|t| matches(&row.terms, t))
            }
        }
    }
}

/// Up to `limit` complaints found by `query`, starting after `after` (see the module doc). A
/// query that is a whole complaint number ends with rank 0: the number is the match.
pub async fn page(db: &Database, query: &str, after: Option<&SearchAfter>, limit: u32) -> Result<Page<SearchAfter>, StoreError> {
    let Some(wanted) = Wanted::of(query).filter(|_| limit > 0) else { return Ok(Page { rows: Vec::new(), next: None }) };
    let tx = db.transaction(&[VIEWS], false).await?;
    let store = tx.store(VIEWS)?;
    let mut fill = PageFill::new(limit, MAX_SCANNED);
    let text = |s: &str| JsValue::from_str(s);
    'ranks: for rank in after.map_or(0, |a| a.rank)..=2u8 {
        let (index, lower, upper, direction) = match rank {
            0 => {
                let Some(n) = &wanted.number else { continue };
                ("number", Bound::closed(text(n)), Bound::closed(text(&format!("{n}{END}"))), CursorDirection::Prev)
            }
            1 => (TERMS_INDEX, Bound::closed(text(&wanted.lead)), Bound::closed(text(&wanted.lead)), CursorDirection::Prev),
            _ => {
                let lower = Bound { key: text(&wanted.lead), open: true };
                (TERMS_INDEX, lower, Bound::closed(text(&format!("{}{END}", wanted.lead))), CursorDirection::Next)
            }
        };
        let anchor = after.filter(|a| a.rank == rank).map(|a| (text(&a.key), a.id.clone()));
        let mut scan = Scanner::new(store.index(index)?, Some(lower), Some(upper), direction, anchor);
        // The first batch of a rank asks for a page and one, then they double.
        let mut batch = limit + 1;
        let mut whole_number = false;
        loop {
            let entries = scan.next::<ComplaintView>(batch).await?;
            if entries.is_empty() {
                break;
            }
            for Entry { key, id, row } in entries {
                let key = key.as_string().unwrap_or_default();
                whole_number |= rank == 0 && wanted.number.as_deref() == Some(row.number.as_str());
                let shown = wanted.shows(rank, &key, &row);
                if !fill.take(Some(SearchAfter { rank, key, id }), shown.then_some(row)) {
                    break 'ranks;
                }
            }
            batch = next_batch(batch);
        }
        if whole_number {
            // Numbers are keys: the rows that share parts of it (the day, the device) are noise.
            break 'ranks;
        }
    }
    let (rows, next) = fill.into_page();
    Ok(Page { rows, next })
}
