//! The one CSV writer: any table (the Complaints list, a review page table) as bytes Excel
//! opens correctly: UTF-8 with a byte-order mark (or Excel reads Chinese as mojibake), CRLF
//! line ends, RFC 4180 quoting by the `csv` crate, every cell through [`super::cell::guard`].

use super::cell::guard;
use super::error::CsvError;

/// The UTF-8 byte-order mark Excel needs to read UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// `headers` and then `rows` as CSV bytes. Rows may be shorter or longer than the header
/// (written as they are).
pub fn write_table<H, R, C>(headers: &[H], rows: impl IntoIterator<Item = R>) -> Result<Vec<u8>, CsvError>
where
    H: AsRef<str>,
    R: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    let mut out = BOM.to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .flexible(true)
            .from_writer(&mut out);
        let fail = |e: csv::Error| CsvError::Write(e.to_string());
        w.write_record(headers.iter().map(|h| guard(h.as_ref()).into_owned())).map_err(fail)?;
        for row in rows {
            let cells: Vec<String> = row.into_iter().map(|c| guard(c.as_ref()).into_owned()).collect();
            w.write_record(&cells).map_err(fail)?;
        }
        w.flush().map_err(|e| CsvError::Write(e.to_string()))?;
    }
    Ok(out)
}
