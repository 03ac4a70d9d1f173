//! Files the app hands to the person (a batch, the saved working rules): an object URL typed
//! `application/octet-stream`, so the browser downloads it and never renders it on our origin.

/// An object URL of `text` as a download; the caller revokes it.
pub fn text_url(text: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/octet-stream");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

/// Offers `text` as the file `name` through the Web Share API (a tablet's share sheet: chat,
/// mail, drive…), when the browser can share files. `Ok(false)`: it cannot (the caller offers
/// a download instead); `Err`: the person cancelled or sharing failed.
pub async fn share_text_file(text: &str, name: &str) -> Result<bool, ()> {
    use wasm_bindgen::{JsCast, JsValue};
    let navigator = web_sys::window().ok_or(())?.navigator();
    let get = |k: &str| js_sys::Reflect::get(&navigator, &JsValue::from_str(k)).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let (Some(can_share), Some(share)) = (get("canShare"), get("share")) else { return Ok(false) };
    let options = web_sys::FilePropertyBag::new();
    options.set_type("application/json");
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let file = web_sys::File::new_with_str_sequence_and_options(&parts, name, &options).map_err(|_| ())?;
    let data = js_sys::Object::new();
    js_sys::Reflect::set(&data, &JsValue::from_str("files"), &js_sys::Array::of1(&file)).map_err(|_| ())?;
    if !can_share.call1(&navigator, &data).map(|v| v.is_truthy()).unwrap_or(false) {
        return Ok(false);
    }
    let promise = share.call1(&navigator, &data).map_err(|_| ())?.dyn_into::<js_sys::Promise>().map_err(|_| ())?;
    wasm_bindgen_futures::JsFuture::from(promise).await.map(|_| true).map_err(|_| ())
}

/// Whether this browser can share files (tablets and phones mostly; desktops mostly not).
pub fn can_share_files() -> bool {
    use wasm_bindgen::{JsCast, JsValue};
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else { return false };
    let Some(can_share) = js_sys::Reflect::get(&navigator, &JsValue::from_str("canShare")).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok()) else {
        return false;
    };
    let Ok(file) = web_sys::File::new_with_str_sequence(&js_sys::Array::of1(&JsValue::from_str("{}")), "probe.json") else { return false };
    let data = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&data, &JsValue::from_str("files"), &js_sys::Array::of1(&file));
    can_share.call1(&navigator, &data).map(|v| v.is_truthy()).unwrap_or(false)
}

/// Starts the download of `url` as `name`, as a click on a download link would.
pub fn start_download(url: &str, name: &str) {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(a) = document.create_element("a") else { return };
    let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() else { return };
    a.set_href(url);
    a.set_download(name);
    a.click();
}
