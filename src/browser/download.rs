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
