//! The HTTP edge: application state, the router, and errors turned into responses.
//!
//! Handlers are thin: extract, call the store on the blocking pool, render. Only this module
//! (and later `sparql`) knows status codes and media types.

use crate::pages;
use crate::store::{QueryError, Store, StoreError};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::extract::{Path, State};
use axum::http::Method;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{Any, CorsLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// Shared state of every request.
#[derive(Clone, Debug)]
pub struct AppState {
    pub store: Store,
    /// Time limit of one query (a page's or a client's).
    pub query_timeout: Duration,
    pub limits: Limits,
}

/// Limits of the SPARQL endpoint.
#[derive(Clone, Debug)]
pub struct Limits {
    /// One permit per query running at once; none left answers 429.
    pub queries: Arc<Semaphore>,
    /// The longest query text accepted, in bytes (413 beyond).
    pub max_query_bytes: usize,
}

impl Limits {
    /// At most `max_concurrent` queries at once, each at most `max_query_bytes` long.
    pub fn new(max_concurrent: usize, max_query_bytes: usize) -> Self {
        Self {
            queries: Arc::new(Semaphore::new(max_concurrent)),
            max_query_bytes,
        }
    }
}

impl AppState {
    /// Runs synchronous store work on the blocking pool. The only `spawn_blocking` in the crate.
    pub async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Store) -> Result<T, AppError> + Send + 'static,
    ) -> Result<T, AppError> {
        let store = self.store.clone();
        tokio::task::spawn_blocking(move || f(&store))
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?
    }

    /// Runs synchronous store work that streams its answer through channels of its own
    /// (the SPARQL endpoint); not awaited. With `blocking`, the only `spawn_blocking`s.
    pub fn stream(&self, f: impl FnOnce(&Store) + Send + 'static) {
        let store = self.store.clone();
        drop(tokio::task::spawn_blocking(move || f(&store)));
    }
}

/// Every error a handler can answer with.
#[derive(Debug)]
pub enum AppError {
    BadRequest(String),
    NotFound,
    NotAcceptable(Vec<&'static str>),
    PayloadTooLarge(String),
    UnsupportedMediaType(String),
    TooManyRequests,
    Unavailable(String),
    Internal(String),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        Self::Internal(e.to_string())
    }
}

impl From<QueryError> for AppError {
    fn from(e: QueryError) -> Self {
        match e {
            QueryError::Syntax(_) => Self::BadRequest(e.to_string()),
            QueryError::Timeout(_)
            | QueryError::Evaluation(oxigraph::sparql::QueryEvaluationError::Cancelled) => {
                Self::Unavailable("the query was cancelled at its time limit".to_owned())
            }
            other => Self::Internal(other.to_string()),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let plain = |status: StatusCode, message: String| {
            (
                status,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                message,
            )
                .into_response()
        };
        match self {
            Self::BadRequest(message) => plain(StatusCode::BAD_REQUEST, message),
            Self::NotAcceptable(offered) => plain(
                StatusCode::NOT_ACCEPTABLE,
                format!(
                    "none of the offered media types is acceptable: {}",
                    offered.join(", ")
                ),
            ),
            Self::PayloadTooLarge(message) => plain(StatusCode::PAYLOAD_TOO_LARGE, message),
            Self::UnsupportedMediaType(message) => {
                plain(StatusCode::UNSUPPORTED_MEDIA_TYPE, message)
            }
            Self::TooManyRequests => {
                let mut response = plain(
                    StatusCode::TOO_MANY_REQUESTS,
                    "too many queries are running; retry in a second".to_owned(),
                );
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
                response
            }
            Self::NotFound => pages::not_found().into_response(),
            Self::Unavailable(message) => {
                (StatusCode::SERVICE_UNAVAILABLE, message).into_response()
            }
            Self::Internal(message) => {
                tracing::error!(error = %message, "request failed");
                (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
            }
        }
    }
}

/// The application: every route of steppe.
pub fn app(state: AppState) -> Router {
    let body_limit = state.limits.max_query_bytes;
    let sparql = Router::new()
        .route(
            "/sparql",
            get(crate::sparql::handler).post(crate::sparql::handler),
        )
        .layer(DefaultBodyLimit::max(
            body_limit.saturating_mul(4).max(4096),
        ))
        .layer(
            CorsLayer::new()
                .allow_origin(Any)
                .allow_methods([Method::GET, Method::POST, Method::HEAD])
                .allow_headers([header::ACCEPT, header::CONTENT_TYPE])
                .max_age(Duration::from_secs(86_400)),
        );
    Router::new()
        .route("/", get(pages::home::handler))
        .route("/health", get(health))
        .merge(sparql)
        .route("/queries", get(crate::catalogue::list))
        .route("/queries/{name}", get(crate::catalogue::run))
        .route("/static/steppe.css", get(stylesheet))
        .route("/static/sparql.js", get(script))
        .route("/{kind}/{id}", get(pages::entity::handler))
        .fallback(fallback)
        .layer(CompressionLayer::new())
        .layer(CatchPanicLayer::new())
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(120),
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

async fn health(State(app): State<AppState>) -> Result<Response, AppError> {
    let quads = app.blocking(|store| Ok(store.len()?)).await?;
    Ok((
        [(header::CONTENT_TYPE, "application/json")],
        format!("{{\"status\":\"ok\",\"quads\":{quads}}}"),
    )
        .into_response())
}

async fn stylesheet() -> impl IntoResponse {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/css; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        include_str!("../static/steppe.css"),
    )
}

async fn script() -> impl IntoResponse {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/javascript; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        include_str!("../static/sparql.js"),
    )
}

async fn fallback() -> AppError {
    AppError::NotFound
}

/// Path parameters of an entity IRI.
pub type EntityPath = Path<(String, String)>;
