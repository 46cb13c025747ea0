//! Rendered representations of entities, kept for the store revision they were made from.
//!
//! A page or RDF document depends only on the store, the path, the representation and the
//! reader's languages, so it is kept under those and served again until the store changes
//! (any write or load changes the revision, and the first request after it empties the cache).
//! At most `capacity` entries of at most 256 KiB each; the oldest goes first.

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

/// The largest body kept.
const MAX_BODY: usize = 256 * 1024;

/// A response as it was first sent.
#[derive(Debug, Clone)]
pub struct Cached {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
    /// When what it shows last changed (`Store::modified`), if known.
    pub modified: Option<String>,
}

impl Cached {
    /// The response again.
    pub fn response(self) -> axum::response::Response {
        let mut response = axum::response::Response::new(axum::body::Body::from(self.body));
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers;
        response
    }
}

/// The cache of rendered representations.
#[derive(Debug)]
pub struct PageCache {
    capacity: usize,
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    revision: String,
    entries: HashMap<String, Cached>,
    order: VecDeque<String>,
}

impl Default for PageCache {
    fn default() -> Self {
        Self::new(2048)
    }
}

impl PageCache {
    /// A cache of at most `capacity` responses.
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity,
            inner: Mutex::new(Inner::default()),
        }
    }

    /// The response kept under `key` for `revision`.
    pub fn get(&self, revision: &str, key: &str) -> Option<Cached> {
        let inner = self.inner.lock().ok()?;
        if inner.revision != revision {
            return None;
        }
        inner.entries.get(key).cloned()
    }

    /// Keeps `value` under `key` for `revision` (a new revision drops everything older).
    pub fn put(&self, revision: &str, key: String, value: Cached) {
        if value.body.len() > MAX_BODY || self.capacity == 0 {
            return;
        }
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        if inner.revision != revision {
            inner.entries.clear();
            inner.order.clear();
            revision.clone_into(&mut inner.revision);
        }
        if inner.entries.insert(key.clone(), value).is_none() {
            inner.order.push_back(key);
        }
        while inner.order.len() > self.capacity {
            if let Some(oldest) = inner.order.pop_front() {
                inner.entries.remove(&oldest);
            }
        }
    }

    /// Keeps `response` (with `modified`) for `revision` and gives it back, read whole.
    pub async fn keep(
        &self,
        revision: &str,
        key: String,
        response: axum::response::Response,
        modified: Option<String>,
    ) -> Result<axum::response::Response, crate::http::AppError> {
        let (parts, body) = response.into_parts();
        let body = axum::body::to_bytes(body, usize::MAX)
            .await
            .map_err(|e| crate::http::AppError::Internal(e.to_string()))?;
        self.put(
            revision,
            key,
            Cached {
                status: parts.status,
                headers: parts.headers.clone(),
                body: body.clone(),
                modified,
            },
        );
        Ok(axum::response::Response::from_parts(
            parts,
            axum::body::Body::from(body),
        ))
    }

    /// How many responses are kept.
    pub fn len(&self) -> usize {
        self.inner.lock().map_or(0, |inner| inner.entries.len())
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &'static str) -> Cached {
        Cached {
            modified: None,
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            body: Bytes::from_static(body.as_bytes()),
        }
    }

    #[test]
    fn entries_live_for_one_revision_and_the_oldest_goes_first() {
        let cache = PageCache::new(2);
        cache.put("r1", "a".to_owned(), page("A"));
        cache.put("r1", "b".to_owned(), page("B"));
        assert_eq!(cache.get("r1", "a").unwrap().body, "A");
        assert!(cache.get("r2", "a").is_none(), "another revision misses");
        cache.put("r1", "c".to_owned(), page("C"));
        assert!(cache.get("r1", "a").is_none(), "the oldest went");
        assert_eq!(cache.len(), 2);
        cache.put("r2", "d".to_owned(), page("D"));
        assert_eq!(cache.len(), 1, "a new revision drops the old entries");
        assert!(cache.get("r1", "b").is_none());
    }
}
