//! The CouchDB HTTP API the sync client uses: cookie session, database info, `_bulk_docs`,
//! `_all_docs` by keys, `_changes` and `_local` checkpoint documents. Answers become typed
//! [`SyncError`]s that say what a person can do.

use serde_json::Value;

use super::http::{request, Answer, HttpError};

/// How long one request may take before it counts as failed (and is retried).
const TIMEOUT_MS: u32 = 30_000;

/// Why talking to the server failed. Every variant has a stable code the UI translates.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum SyncError {
    #[error("the server could not be reached (offline, wrong address, or CORS not allowed): {0}")]
    Unreachable(String),
    #[error("the server did not answer in time")]
    Timeout,
    #[error("the server answers, but does not allow this app's origin (CORS)")]
    CorsRefused,
    #[error("the address does not answer like a CouchDB server")]
    NotCouch,
    #[error("the user name or password is wrong, or the session expired")]
    Unauthorized,
    #[error("this user may not read or write this database")]
    Forbidden,
    #[error("the database does not exist on the server")]
    NoDatabase,
    #[error("the request was too large for the server")]
    TooLarge,
    #[error("the server failed ({0})")]
    Server(u16),
    #[error("the server's answer was not understood: {0}")]
    Protocol(String),
    #[error("the sync settings are incomplete")]
    NotConfigured,
    /// The part of the app that syncs could not be loaded (it is a file of its own).
    #[error("the part of the app that syncs could not be loaded: {0}")]
    AppFile(String),
}

impl SyncError {
    /// Stable code the UI translates.
    pub fn code(&self) -> &'static str {
        match self {
            SyncError::Unreachable(_) => "sync_unreachable",
            SyncError::Timeout => "sync_timeout",
            SyncError::CorsRefused => "sync_cors",
            SyncError::NotCouch => "sync_not_couch",
            SyncError::Unauthorized => "sync_unauthorized",
            SyncError::Forbidden => "sync_forbidden",
            SyncError::NoDatabase => "sync_no_database",
            SyncError::TooLarge => "sync_too_large",
            SyncError::Server(_) => "sync_server_error",
            SyncError::Protocol(_) => "sync_protocol",
            SyncError::NotConfigured => "sync_not_configured",
            SyncError::AppFile(_) => "sync_app_file",
        }
    }

    /// Worth trying again by itself later (network, server trouble); the others need a person.
    pub fn is_transient(&self) -> bool {
        matches!(self, SyncError::Unreachable(_) | SyncError::Timeout | SyncError::Server(_) | SyncError::Protocol(_) | SyncError::AppFile(_))
    }
}

impl From<HttpError> for SyncError {
    fn from(e: HttpError) -> Self {
        match e {
            HttpError::Unreachable(m) => SyncError::Unreachable(m),
            HttpError::Timeout(_) => SyncError::Timeout,
        }
    }
}

/// An error answer as a [`SyncError`].
fn status_error(a: &Answer) -> SyncError {
    match a.status {
        401 => SyncError::Unauthorized,
        403 => SyncError::Forbidden,
        404 => SyncError::NoDatabase,
        413 => SyncError::TooLarge,
        s if s >= 500 => SyncError::Server(s),
        s => SyncError::Protocol(format!("HTTP {s}")),
    }
}

fn check(a: Answer) -> Result<Value, SyncError> {
    if !a.ok() {
        return Err(status_error(&a));
    }
    a.json().ok_or_else(|| SyncError::Protocol("not JSON".into()))
}

/// One database on one server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Couch {
    /// The server's base URL, without a trailing slash.
    pub server: String,
    pub db: String,
}

/// A page of `_changes`.
#[derive(Debug, Clone)]
pub struct Changes {
    /// The documents (with attachments inline), deleted ones left out.
    pub docs: Vec<Value>,
    /// Where the next page starts (opaque to us).
    pub last_seq: Value,
    /// Rows still waiting on the server, when it says.
    pub pending: Option<u64>,
    /// Rows in this page (documents or not).
    pub rows: usize,
}

impl Couch {
    pub fn new(server: &str, db: &str) -> Couch {
        Couch { server: server.trim().trim_end_matches('/').to_string(), db: db.trim().to_string() }
    }

    fn db_url(&self, path: &str) -> String {
        format!("{}/{}{}", self.server, js_sys::encode_uri_component(&self.db).as_string().unwrap_or_default(), path)
    }

    /// The server's welcome: tells a CouchDB (or compatible) server from anything else.
    pub async fn welcome(&self) -> Result<(), SyncError> {
        let a = request("GET", &format!("{}/", self.server), None, TIMEOUT_MS).await?;
        let v = a.json().ok_or(SyncError::NotCouch)?;
        if v.get("couchdb").is_some() || v.get("express-pouchdb").is_some() {
            Ok(())
        } else {
            Err(SyncError::NotCouch)
        }
    }

    /// Signs in (`POST /_session`): the server sets its session cookie in the browser; the
    /// password is not kept.
    pub async fn sign_in(&self, name: &str, password: &str) -> Result<(), SyncError> {
        let body = serde_json::json!({ "name": name, "password": password }).to_string();
        let a = request("POST", &format!("{}/_session", self.server), Some(&body), TIMEOUT_MS).await?;
        check(a).map(|_| ())
    }

    /// The signed-in user's name, if the session is alive (`GET /_session`; also renews it).
    pub async fn session_user(&self) -> Result<Option<String>, SyncError> {
        let a = request("GET", &format!("{}/_session", self.server), None, TIMEOUT_MS).await?;
        let v = check(a)?;
        Ok(v.pointer("/userCtx/name").and_then(Value::as_str).map(str::to_string))
    }

    /// The database's info: that it exists and this user may read it.
    pub async fn info(&self) -> Result<Value, SyncError> {
        check(request("GET", &self.db_url("/"), None, TIMEOUT_MS).await?)
    }

    /// Creates documents; the answer per document (`_bulk_docs`).
    pub async fn bulk_docs(&self, docs: &[Value]) -> Result<Value, SyncError> {
        let body = serde_json::json!({ "docs": docs }).to_string();
        check(request("POST", &self.db_url("/_bulk_docs"), Some(&body), TIMEOUT_MS).await?)
    }

    /// The server's copies of these documents (missing ones are left out).
    pub async fn get_docs(&self, ids: &[String]) -> Result<Vec<Value>, SyncError> {
        let body = serde_json::json!({ "keys": ids }).to_string();
        let v = check(request("POST", &self.db_url("/_all_docs?include_docs=true"), Some(&body), TIMEOUT_MS).await?)?;
        let rows = v.get("rows").and_then(Value::as_array).ok_or_else(|| SyncError::Protocol("no rows".into()))?;
        Ok(rows.iter().filter_map(|r| r.get("doc").filter(|d| d.is_object()).cloned()).collect())
    }

    /// One page of changes after `since` (`None`: from the start).
    pub async fn changes(&self, since: Option<&Value>, limit: u32) -> Result<Changes, SyncError> {
        let since = since.map(|s| match s {
            Value::String(t) => t.clone(),
            other => other.to_string(),
        });
        let since = since.map(|s| js_sys::encode_uri_component(&s).as_string().unwrap_or_default()).unwrap_or_else(|| "0".into());
        let path = format!("/_changes?since={since}&limit={limit}&include_docs=true&attachments=true");
        let v = check(request("GET", &self.db_url(&path), None, TIMEOUT_MS).await?)?;
        let results = v.get("results").and_then(Value::as_array).ok_or_else(|| SyncError::Protocol("no results".into()))?;
        let last_seq = v.get("last_seq").cloned().ok_or_else(|| SyncError::Protocol("no last_seq".into()))?;
        let docs = results
            .iter()
            .filter(|r| !r.get("deleted").and_then(Value::as_bool).unwrap_or(false))
            .filter_map(|r| r.get("doc").cloned())
            .collect();
        Ok(Changes { docs, last_seq, pending: v.get("pending").and_then(Value::as_u64), rows: results.len() })
    }

    /// A `_local` document (not replicated; our checkpoint on the server); `None` when the
    /// database has none by that id. A missing database is [`SyncError::NoDatabase`].
    pub async fn get_local(&self, id: &str) -> Result<Option<Value>, SyncError> {
        let a = request("GET", &self.db_url(&format!("/_local/{id}")), None, TIMEOUT_MS).await?;
        if a.status == 404 {
            // CouchDB says "missing" (or "deleted") for the document, "Database does not
            // exist." for the database.
            let reason = a.json().and_then(|v| v.get("reason").and_then(Value::as_str).map(str::to_string)).unwrap_or_default();
            return if reason == "missing" || reason == "deleted" { Ok(None) } else { Err(SyncError::NoDatabase) };
        }
        check(a).map(Some)
    }

    /// Writes a `_local` document over revision `rev` (from [`Couch::get_local`]; `None` when
    /// there was none). A revision that moved meanwhile is read once more and written over.
    pub async fn put_local(&self, id: &str, rev: Option<Value>, doc: Value) -> Result<(), SyncError> {
        let url = self.db_url(&format!("/_local/{id}"));
        let with_rev = |rev: Option<Value>| {
            let mut doc = doc.clone();
            if let Some(rev) = rev {
                doc["_rev"] = rev;
            }
            doc.to_string()
        };
        let a = request("PUT", &url, Some(&with_rev(rev)), TIMEOUT_MS).await?;
        if a.status != 409 {
            return check(a).map(|_| ());
        }
        let rev = self.get_local(id).await?.and_then(|d| d.get("_rev").cloned());
        check(request("PUT", &url, Some(&with_rev(rev)), TIMEOUT_MS).await?).map(|_| ())
    }
}
