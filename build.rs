//! The app's wasm keeps its relocations, which the post-build split step
//! (scripts/wasm-split.mjs) needs to cut the lazily loaded pages into their own files.
//! Only the binary is linked so: the libraries and the test binaries are built as before.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bins=--emit-relocs");
    }
}
