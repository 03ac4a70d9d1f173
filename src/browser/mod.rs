//! Thin wrappers over browser APIs that the services and the UI share: randomness, the
//! clock, connectivity, the service worker, Web Crypto for sealed batch files. No business
//! logic lives here.

pub mod base;
pub mod broadcast;
pub mod clock;
pub mod crypto;
pub mod download;
pub mod locks;
pub mod online;
pub mod page_hidden;
pub mod random;
pub mod service_worker;
pub mod stopped;
pub mod storage;
pub mod text;
