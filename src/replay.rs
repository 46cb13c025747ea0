//! Whole answers of the current store revision, replayed before routing.
//!
//! A handler whose answer depends only on the store, the request's path and query and its
//! `Accept`, `Accept-Language` and `Accept-Encoding` marks it [`Reusable`] (entity pages and
//! documents do). The first time such an answer is sent, its bytes as sent (compressed, with
//! every header the layers add) are kept under those four, and a later `GET` with the same
//! four gets them at once: no routing, state, conneg, rendering or compression, which is
//! most of what a warm page costs. Kept answers are dropped when the store changes (any
//! write), and at most `capacity` of them in at most `budget` bytes are kept, the oldest
//! going first.
//!
//! Conditional requests (`If-None-Match`, `If-Modified-Since`), ranges, other methods and
//! requests repeating one of the four headers pass through to the handlers, which answer
//! them from their own caches (`pages::cache`).

use crate::store::Store;
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderName, Method, StatusCode, header};
use axum::response::Response;
use std::collections::{HashMap, VecDeque};
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

/// Marks an answer as depending only on the store, the path and query and the three
/// `Accept*` headers; put in the response's extensions by the handler.
#[derive(Debug, Clone, Copy)]
pub struct Reusable;

/// The headers a kept answer is chosen by, besides the path and query.
const VARIES: [HeaderName; 3] = [
    header::ACCEPT,
    header::ACCEPT_LANGUAGE,
    header::ACCEPT_ENCODING,
];

/// Requests that are answered by the handlers every time.
const PASSING: [HeaderName; 4] = [
    header::IF_NONE_MATCH,
    header::IF_MODIFIED_SINCE,
    header::RANGE,
    header::AUTHORIZATION,
];

/// The longest key kept (path, query and the three headers); longer requests pass through.
const MAX_KEY: usize = 4096;

/// Kept answers of one store revision.
#[derive(Debug)]
pub struct Replay {
    capacity: usize,
    budget: usize,
    shelf: Mutex<Shelf>,
    hits: AtomicU64,
}

#[derive(Debug, Default)]
struct Shelf {
    /// The store's write count the answers were made at.
    writes: u64,
    answers: HashMap<Vec<u8>, Kept>,
    order: VecDeque<Vec<u8>>,
    bytes: usize,
}

#[derive(Debug)]
struct Kept {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl Default for Replay {
    /// 4,096 answers in at most 64 MiB.
    fn default() -> Self {
        Self::new(4096, 64 * 1024 * 1024)
    }
}

impl Replay {
    /// At most `capacity` answers of `budget` bytes in all (bodies and headers).
    pub fn new(capacity: usize, budget: usize) -> Self {
        Self {
            capacity,
            budget,
            shelf: Mutex::new(Shelf::default()),
            hits: AtomicU64::new(0),
        }
    }

    /// Requests answered from what was kept, since the start.
    pub fn hits(&self) -> u64 {
        self.hits.load(Ordering::Relaxed)
    }

    /// Answers kept now.
    pub fn len(&self) -> usize {
        self.shelf.lock().map_or(0, |shelf| shelf.answers.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// What a request's answer is kept under; none when it must reach the handlers.
    fn key(request: &Request) -> Option<Vec<u8>> {
        if request.method() != Method::GET {
            return None;
        }
        let headers = request.headers();
        if PASSING.iter().any(|name| headers.contains_key(name)) {
            return None;
        }
        let mut key = Vec::with_capacity(256);
        key.extend_from_slice(request.uri().path_and_query()?.as_str().as_bytes());
        for name in &VARIES {
            let mut values = headers.get_all(name).iter();
            let value = values.next();
            if values.next().is_some() {
                return None;
            }
            key.push(0);
            key.extend_from_slice(value.map_or(&b""[..], |v| v.as_bytes()));
        }
        (key.len() <= MAX_KEY).then_some(key)
    }

    fn get(&self, key: &[u8], writes: u64) -> Option<Response> {
        let shelf = self.shelf.lock().ok()?;
        if shelf.writes != writes {
            return None;
        }
        let kept = shelf.answers.get(key)?;
        let mut response = Response::new(Body::from(kept.body.clone()));
        *response.status_mut() = kept.status;
        *response.headers_mut() = kept.headers.clone();
        drop(shelf);
        self.hits.fetch_add(1, Ordering::Relaxed);
        Some(response)
    }

    fn put(&self, key: Vec<u8>, writes: u64, kept: Kept) {
        let size = kept.size() + key.len();
        if size > self.budget || self.capacity == 0 {
            return;
        }
        let Ok(mut shelf) = self.shelf.lock() else {
            return;
        };
        if shelf.writes != writes {
            if writes < shelf.writes {
                return; // made before the answers kept now
            }
            *shelf = Shelf {
                writes,
                ..Shelf::default()
            };
        }
        if shelf.answers.contains_key(&key) {
            return;
        }
        shelf.bytes += size;
        shelf.order.push_back(key.clone());
        shelf.answers.insert(key, kept);
        while shelf.order.len() > self.capacity || shelf.bytes > self.budget {
            let Some(oldest) = shelf.order.pop_front() else {
                break;
            };
            if let Some(gone) = shelf.answers.remove(&oldest) {
                shelf.bytes -= gone.size() + oldest.len();
            }
        }
    }
}

impl Kept {
    fn size(&self) -> usize {
        self.body.len()
            + self
                .headers
                .iter()
                .map(|(name, value)| name.as_str().len() + value.len())
                .sum::<usize>()
    }
}

/// The layer answering from `replay` before the service it wraps (the router, with every
/// other layer: put it outside the router, as `http::app` does, so that a kept answer costs
/// no routing). Cloned once a request: one reference count.
#[derive(Debug, Clone)]
pub struct ReplayLayer {
    shared: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    replay: Arc<Replay>,
    store: Store,
}

impl ReplayLayer {
    pub fn new(replay: Arc<Replay>, store: Store) -> Self {
        Self {
            shared: Arc::new(Shared { replay, store }),
        }
    }
}

impl<S> tower::Layer<S> for ReplayLayer {
    type Service = ReplayService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        ReplayService {
            inner,
            layer: self.clone(),
        }
    }
}

/// The service of [`ReplayLayer`].
#[derive(Debug, Clone)]
pub struct ReplayService<S> {
    inner: S,
    layer: ReplayLayer,
}

impl<S> tower::Service<Request> for ReplayService<S>
where
    S: tower::Service<Request, Response = Response, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send + 'static,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let writes = self.layer.shared.store.writes();
        let key = Replay::key(&request);
        if let Some(key) = &key
            && let Some(response) = self.layer.shared.replay.get(key, writes)
        {
            return Box::pin(std::future::ready(Ok(response)));
        }
        // the service made ready above answers; a clone waits for the next request
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let answer = inner.call(request);
        let shared = Arc::clone(&self.layer.shared);
        Box::pin(async move {
            let response = answer.await?;
            let Some(key) = key else {
                return Ok(response);
            };
            if response.status() != StatusCode::OK
                || response.extensions().get::<Reusable>().is_none()
            {
                return Ok(response);
            }
            let (parts, body) = response.into_parts();
            let body = match axum::body::to_bytes(body, usize::MAX).await {
                Ok(body) => body,
                Err(e) => {
                    tracing::error!(error = %e, "cannot read an answer to keep");
                    let mut failed =
                        Response::new(Body::from("the answer failed while it was sent"));
                    *failed.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
                    return Ok(failed);
                }
            };
            shared.replay.put(
                key,
                writes,
                Kept {
                    status: parts.status,
                    headers: parts.headers.clone(),
                    body: body.clone(),
                },
            );
            Ok(Response::from_parts(parts, Body::from(body)))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(path: &str, headers: &[(&str, &str)]) -> Request {
        let mut builder = axum::http::Request::get(path);
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(Body::empty()).unwrap()
    }

    fn kept(body: &'static str) -> Kept {
        Kept {
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            body: Bytes::from_static(body.as_bytes()),
        }
    }

    #[test]
    fn keys_differ_by_path_query_and_each_varying_header() {
        let plain = Replay::key(&request("/paper/x", &[])).unwrap();
        let keys = [
            Replay::key(&request("/paper/y", &[])),
            Replay::key(&request("/paper/x?lang=kk", &[])),
            Replay::key(&request("/paper/x", &[("accept", "text/turtle")])),
            Replay::key(&request("/paper/x", &[("accept-language", "ru")])),
            Replay::key(&request("/paper/x", &[("accept-encoding", "gzip")])),
        ];
        for key in &keys {
            assert_ne!(key.as_ref(), Some(&plain));
        }
        // one header's value does not pass for another's
        assert_ne!(
            Replay::key(&request("/p", &[("accept", "a")])),
            Replay::key(&request("/p", &[("accept-language", "a")]))
        );
        // other headers do not matter
        assert_eq!(
            Replay::key(&request("/paper/x", &[("user-agent", "wrk")])),
            Some(plain)
        );
    }

    #[test]
    fn conditional_repeated_and_other_requests_pass_through() {
        assert!(Replay::key(&request("/p", &[("if-none-match", "W/\"a\"")])).is_none());
        assert!(Replay::key(&request("/p", &[("if-modified-since", "x")])).is_none());
        assert!(Replay::key(&request("/p", &[("range", "bytes=0-1")])).is_none());
        assert!(Replay::key(&request("/p", &[("authorization", "Bearer x")])).is_none());
        assert!(Replay::key(&request("/p", &[("accept", "a"), ("accept", "b")])).is_none());
        let head = axum::http::Request::head("/p").body(Body::empty()).unwrap();
        assert!(Replay::key(&head).is_none());
        let long = "x".repeat(MAX_KEY);
        assert!(Replay::key(&request("/p", &[("accept", &long)])).is_none());
    }

    #[test]
    fn answers_are_for_their_revision_only() {
        let replay = Replay::default();
        replay.put(b"a".to_vec(), 1, kept("one"));
        assert!(replay.get(b"a", 1).is_some());
        assert!(replay.get(b"a", 2).is_none());
        // an answer made at an older revision is not kept over newer ones
        replay.put(b"b".to_vec(), 2, kept("two"));
        replay.put(b"c".to_vec(), 1, kept("old"));
        assert!(replay.get(b"c", 1).is_none() && replay.get(b"c", 2).is_none());
        assert!(replay.get(b"a", 2).is_none() && replay.get(b"b", 2).is_some());
        assert_eq!(replay.hits(), 2);
    }

    #[test]
    fn the_oldest_go_first_past_capacity_or_budget() {
        let replay = Replay::new(2, 1024);
        for key in ["a", "b", "c"] {
            replay.put(key.as_bytes().to_vec(), 0, kept("x"));
        }
        assert_eq!(replay.len(), 2);
        assert!(replay.get(b"a", 0).is_none() && replay.get(b"c", 0).is_some());
        let small = Replay::new(10, 10);
        small.put(b"a".to_vec(), 0, kept("12345"));
        small.put(b"b".to_vec(), 0, kept("12345"));
        assert!(small.get(b"a", 0).is_none() && small.get(b"b", 0).is_some());
        small.put(b"c".to_vec(), 0, kept("this one is larger than the budget"));
        assert!(small.get(b"c", 0).is_none() && small.get(b"b", 0).is_some());
    }
}
