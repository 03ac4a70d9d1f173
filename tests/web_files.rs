//! Browser tests (headless Chromium): an attachment's object URL only ever serves an
//! allowlisted raster type or `application/octet-stream`, whatever type the file came with.
#![cfg(target_arch = "wasm32")]

use complaint_desk::services::AttachmentUrl;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const BYTES: &[u8] = b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>";

fn blob(mime: &str) -> web_sys::Blob {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(BYTES));
    let untyped = web_sys::Blob::new_with_u8_array_sequence(&parts).unwrap();
    untyped.slice_with_f64_and_f64_and_content_type(0.0, untyped.size(), mime).unwrap()
}

fn call(target: &JsValue, method: &str, arg: Option<&JsValue>) -> js_sys::Promise {
    let f: js_sys::Function = js_sys::Reflect::get(target, &JsValue::from_str(method)).unwrap().unchecked_into();
    match arg {
        Some(a) => f.call1(target, a),
        None => f.call0(target),
    }
    .unwrap()
    .unchecked_into()
}

/// What a browser gets from the URL: the type it would render the file as, and the bytes.
async fn served(url: &str) -> (String, Vec<u8>) {
    let response = JsFuture::from(call(&js_sys::global(), "fetch", Some(&JsValue::from_str(url)))).await.unwrap();
    let blob: web_sys::Blob = JsFuture::from(call(&response, "blob", None)).await.unwrap().unchecked_into();
    let buffer = JsFuture::from(blob.array_buffer()).await.unwrap();
    (blob.type_(), js_sys::Uint8Array::new(&buffer).to_vec())
}

#[wasm_bindgen_test]
async fn raster_images_keep_their_type_and_everything_else_is_a_download() {
    let cases = [
        ("image/png", true, "image/png"),
        ("IMAGE/JPEG; q=1", true, "image/jpeg"),
        ("image/webp", true, "image/webp"),
        ("image/svg+xml", false, "application/octet-stream"),
        ("text/html", false, "application/octet-stream"),
        ("application/xhtml+xml", false, "application/octet-stream"),
        ("application/pdf", false, "application/octet-stream"),
        ("", false, "application/octet-stream"),
    ];
    for (mime, inline, expected) in cases {
        let url = AttachmentUrl::for_blob(&blob(mime)).unwrap();
        assert_eq!(matches!(url, AttachmentUrl::Image(_)), inline, "{mime}");
        let (served_type, bytes) = served(url.url()).await;
        assert_eq!(served_type, expected, "{mime}");
        assert_eq!(bytes, BYTES, "{mime}: the bytes are untouched");
        web_sys::Url::revoke_object_url(url.url()).unwrap();
    }
}
