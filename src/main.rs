//! Entry point of the browser app. On the host it does nothing: the app only runs as wasm.

#[cfg(target_arch = "wasm32")]
fn main() {
    complaint_desk::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("complaint_desk runs in the browser: use `trunk serve` (see README.md).");
}
