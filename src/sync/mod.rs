//! Sync with a CouchDB-compatible server (SPEC §13): the HTTP client and the server API.
//! What to send and how to apply what comes back is decided by `services::sync` with the
//! domain's replication documents and the same import path as batch files.

pub mod couch;
pub mod http;
