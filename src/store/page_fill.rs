//! One page filled from index reads, shared by list pages (`list`) and search (`search`): rows
//! are shown until the page is full, rows a filter rejects are counted up to a bound, and a page
//! cut short (full with one more row to show, or the bound reached) ends with the position of
//! the last entry read, where the next page starts. Covered through both by `tests/web_list.rs`
//! and `tests/web_search.rs` (pages cut by size and by rejected rows, read on to the end).

/// The most entries one batch asks for (batches double up to it).
const MAX_BATCH: u32 = 400;

/// The size of the batch after one of `batch` entries: double, up to [`MAX_BATCH`].
pub(super) fn next_batch(batch: u32) -> u32 {
    (batch.saturating_mul(2)).min(MAX_BATCH)
}

/// The rows of one page (`R`) and the position (`A`) of the last entry read.
pub(super) struct PageFill<A, R> {
    limit: usize,
    max_rejected: u32,
    rejected: u32,
    last: Option<A>,
    rows: Vec<R>,
    cut: bool,
}

impl<A, R> PageFill<A, R> {
    /// A page of up to `limit` rows that reads at most `max_rejected` rows it does not show.
    pub fn new(limit: u32, max_rejected: u32) -> PageFill<A, R> {
        PageFill { limit: limit as usize, max_rejected, rejected: 0, last: None, rows: Vec::new(), cut: false }
    }

    /// Takes the entry read at position `at` (`row`: `Some` when it is shown). Returns `false`
    /// once the page is cut, and the caller stops reading.
    pub fn take(&mut self, at: Option<A>, row: Option<R>) -> bool {
        if row.is_some() && self.rows.len() == self.limit {
            // One more row exists: the next page starts after the last one taken.
            self.cut = true;
            return false;
        }
        self.last = at;
        match row {
            Some(row) => self.rows.push(row),
            None => {
                self.rejected += 1;
                if self.rejected >= self.max_rejected {
                    self.cut = true;
                    return false;
                }
            }
        }
        true
    }

    /// The rows and, when the page was cut, where the next one starts (`None`: the range was
    /// read to its end).
    pub fn into_page(self) -> (Vec<R>, Option<A>) {
        (self.rows, if self.cut { self.last } else { None })
    }
}
