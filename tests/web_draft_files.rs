//! Browser tests (headless Chromium): photos picked on the Register form are kept with its
//! draft (as Blobs in IndexedDB), come back as the files that were picked, and go with the draft.
#![cfg(target_arch = "wasm32")]

use complaint_desk::services::Desk;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn file(name: &str, mime: &str, bytes: &[u8]) -> web_sys::File {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes).into());
    let options = web_sys::FilePropertyBag::new();
    options.set_type(mime);
    web_sys::File::new_with_u8_array_sequence_and_options(&parts, name, &options).unwrap()
}

async fn bytes_of(f: &web_sys::File) -> Vec<u8> {
    let buffer = wasm_bindgen_futures::JsFuture::from(f.array_buffer()).await.unwrap();
    js_sys::Uint8Array::new(&buffer).to_vec()
}

#[wasm_bindgen_test]
async fn draft_files_survive_a_restart_and_go_with_the_draft() {
    let name = format!("test-draft-files-{}", js_sys::Math::random().to_bits());
    let desk = Desk::open_named(&name).await.unwrap();
    desk.save_draft("form-1", "register", "{\"customer_name\":\"Mr. Sun\"}".into()).await.unwrap();
    desk.keep_draft_file("form-1", &file("a.png", "image/png", &[1, 2, 3])).await.unwrap();
    desk.keep_draft_file("form-1", &file("b.pdf", "application/pdf", &[4, 5])).await.unwrap();
    desk.keep_draft_file("form-2", &file("other.png", "image/png", &[9])).await.unwrap();

    // As after a crash: a new desk on the same database.
    let again = Desk::open_named(&name).await.unwrap();
    let files = again.draft_files("form-1").await.unwrap();
    let named: Vec<(String, String)> = files.iter().map(|f| (f.name(), f.type_())).collect();
    assert_eq!(named, vec![("a.png".into(), "image/png".into()), ("b.pdf".into(), "application/pdf".into())]);
    assert_eq!(bytes_of(&files[0]).await, vec![1, 2, 3]);

    // Discarding the draft removes its files, and only its files.
    again.discard_draft("form-1").await.unwrap();
    assert!(again.draft_files("form-1").await.unwrap().is_empty());
    assert_eq!(again.draft_files("form-2").await.unwrap().len(), 1);
}

#[wasm_bindgen_test]
async fn a_too_large_draft_file_is_refused_and_nothing_is_kept() {
    let desk = Desk::open_named(&format!("test-draft-big-{}", js_sys::Math::random().to_bits())).await.unwrap();
    let big = vec![0u8; 15 * 1024 * 1024 + 1];
    let err = desk.keep_draft_file("form-1", &file("huge.jpg", "image/jpeg", &big)).await.unwrap_err();
    assert_eq!(err.code(), "attachment_too_large");
    assert!(desk.draft_files("form-1").await.unwrap().is_empty());
}
