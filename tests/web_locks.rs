//! Browser tests (headless Chromium): cross-tab locks.
#![cfg(target_arch = "wasm32")]

use complaint_desk::browser::locks::{held_names, try_lock};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_lock_is_exclusive_until_released() {
    let name = format!("test-lock-{}", js_sys::Math::random());
    let first = try_lock(&name).await.expect("web locks").expect("free lock is granted");
    assert!(held_names().await.contains(&name));
    assert!(try_lock(&name).await.unwrap().is_none(), "a held lock is not granted twice");
    drop(first);
    // Release is asynchronous: the lock is free again once the holder's promise settled.
    let mut again = None;
    for _ in 0..20 {
        again = try_lock(&name).await.unwrap();
        if again.is_some() {
            break;
        }
        gloo_timers_sleep(10).await;
    }
    assert!(again.is_some(), "released lock can be taken again");
}

async fn gloo_timers_sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
