//! The device clock: UTC milliseconds. Wall-clock times on forms and lists are in the
//! business time zone, which the domain derives from these with the calendar's UTC offset
//! (`Calendar::local`), never from the browser's own time zone.

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// Lets the browser paint and handle input before long work goes on (a macrotask, not a
/// microtask: `setTimeout(0)`), so a progress bar moves and a Stop button can be pressed.
pub async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
