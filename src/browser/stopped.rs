//! What the page says when the app stops. A panic aborts the wasm (`panic = "abort"`), so
//! nothing reactive runs afterwards and the page would freeze as it was, buttons dead. The
//! panic hook logs the panic as before and puts a notice on top of the page in plain DOM, in
//! both languages (the i18n state may be the broken part): what happened, that what was saved
//! is safe, and a plain link that reloads the page without running any of the app's code. The
//! most likely cause is a page loaded on first use whose file could not be downloaded
//! (`ui/lazy_pages.rs`, in the seconds before the service worker has cached it).

use wasm_bindgen::{JsCast, JsValue};

/// Replaces the panic hook: the console message, then the notice.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let _ = show_notice();
    }));
}

fn show_notice() -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let doc = window.document().ok_or("no document")?;
    let body = doc.body().ok_or("no body")?;
    if doc.get_element_by_id("app-stopped").is_some() {
        return Ok(());
    }
    let notice = doc.create_element("div")?;
    notice.set_id("app-stopped");
    notice.set_class_name("app-stopped");
    notice.set_attribute("role", "alert")?;
    for text in [
        "The app has stopped because of an error (perhaps a page could not be downloaded). What was saved is safe on this device; what was being typed may be lost.",
        "应用因错误已停止（可能是某个页面未能下载）。已保存的内容仍安全地保存在本设备上；正在输入的内容可能会丢失。",
    ] {
        let p = doc.create_element("p")?;
        p.set_text_content(Some(text));
        notice.append_child(&p)?;
    }
    let reload = doc.create_element("a")?;
    reload.set_attribute("href", &window.location().href()?)?;
    // The router's own link handler (leptos_router) would take the click for the dead app;
    // it leaves `rel="external"` links to the browser.
    reload.set_attribute("rel", "external")?;
    reload.set_text_content(Some("Reload the app · 重新加载应用"));
    notice.append_child(&reload)?;
    body.prepend_with_node_1(&notice)?;
    // Keyboard users land on the one thing left to do.
    if let Some(link) = reload.dyn_ref::<web_sys::HtmlElement>() {
        link.focus()?;
    }
    Ok(())
}
