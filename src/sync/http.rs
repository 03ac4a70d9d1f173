//! `fetch` for the sync client: JSON in and out, the session cookie sent along
//! (`credentials: include`), a timeout by `AbortController`, and failures typed by what a
//! person can do about them.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Why a request got no HTTP answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HttpError {
    /// No answer: offline, wrong address, server down — or CORS refused (the browser does
    /// not say which; the connection test tells them apart).
    #[error("the server could not be reached: {0}")]
    Unreachable(String),
    #[error("the server did not answer within {0} ms")]
    Timeout(u32),
}

/// An HTTP answer.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub body: String,
}

impl Answer {
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }

    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_str(&self.body).ok()
    }
}

/// Sends one request. `body` is JSON text.
pub async fn request(method: &str, url: &str, body: Option<&str>, timeout_ms: u32) -> Result<Answer, HttpError> {
    let window = web_sys::window().ok_or_else(|| HttpError::Unreachable("no window".into()))?;
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    init.set_credentials(web_sys::RequestCredentials::Include);
    let headers = web_sys::Headers::new().map_err(|e| HttpError::Unreachable(format!("{e:?}")))?;
    let _ = headers.set("Accept", "application/json");
    if let Some(body) = body {
        let _ = headers.set("Content-Type", "application/json");
        init.set_body(&JsValue::from_str(body));
    }
    init.set_headers(&headers);
    let controller = web_sys::AbortController::new().ok();
    if let Some(c) = &controller {
        init.set_signal(Some(&c.signal()));
    }
    // The timer aborts the request; it is cleared when the answer has been read.
    let timer = controller.as_ref().and_then(|c| {
        let c = c.clone();
        let cb = wasm_bindgen::closure::Closure::once_into_js(move || c.abort());
        window.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), timeout_ms as i32).ok()
    });
    let clear = |w: &web_sys::Window| {
        if let Some(t) = timer {
            w.clear_timeout_with_handle(t);
        }
    };
    let aborted = || controller.as_ref().is_some_and(|c| c.signal().aborted());
    let response = match JsFuture::from(window.fetch_with_str_and_init(url, &init)).await {
        Ok(r) => r,
        Err(e) => {
            clear(&window);
            return Err(if aborted() { HttpError::Timeout(timeout_ms) } else { HttpError::Unreachable(describe(&e)) });
        }
    };
    let response: web_sys::Response = response.unchecked_into();
    let status = response.status();
    let text = match response.text() {
        Ok(p) => JsFuture::from(p).await,
        Err(e) => Err(e),
    };
    clear(&window);
    match text {
        Ok(t) => Ok(Answer { status, body: t.as_string().unwrap_or_default() }),
        // Cut off while reading the body: no answer as far as the caller is concerned.
        Err(e) => Err(if aborted() { HttpError::Timeout(timeout_ms) } else { HttpError::Unreachable(describe(&e)) }),
    }
}

fn describe(e: &JsValue) -> String {
    js_sys::Reflect::get(e, &JsValue::from_str("message")).ok().and_then(|m| m.as_string()).unwrap_or_else(|| format!("{e:?}"))
}

/// Whether `url` answers at all when CORS is not asked for (`mode: no-cors` gets an opaque
/// answer from any reachable server): tells "CORS refused" from "unreachable".
pub async fn answers_without_cors(url: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let init = web_sys::RequestInit::new();
    init.set_mode(web_sys::RequestMode::NoCors);
    JsFuture::from(window.fetch_with_str_and_init(url, &init)).await.is_ok()
}
