//! The device clock. Wall-clock times are taken in the browser's time zone, which for this
//! first slice is the business time zone.

use chrono::{Local, NaiveDateTime};

/// Now, as local wall-clock time.
pub fn local_now() -> NaiveDateTime {
    Local::now().naive_local()
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}
