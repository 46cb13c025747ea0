//! The HTTP edge: application state, the router, and errors turned into responses.
//!
//! Handlers are thin: extract, call the store on the blocking pool, render. Only this module
//! (and later `sparql`) knows status codes and media types.

use crate::pages;
use crate::store::{QueryError, Store, StoreError};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// Shared state of every request.
#[derive(Clone, Debug)]
pub struct AppState {
    pub store: Store,
    /// Time limit of the queries behind a page.
    pub query_timeout: Duration,
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
}

/// Every error a handler can answer with.
#[derive(Debug)]
pub enum AppError {
    NotFound,
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
            QueryError::Timeout(_) => Self::Unavailable(e.to_string()),
            other => Self::Internal(other.to_string()),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match self {
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
    Router::new()
        .route("/", get(pages::home::handler))
        .route("/health", get(health))
        .route("/static/steppe.css", get(stylesheet))
        .route("/{kind}/{id}", get(pages::entity::handler))
        .fallback(fallback)
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

async fn fallback() -> AppError {
    AppError::NotFound
}

/// Path parameters of an entity IRI.
pub type EntityPath = Path<(String, String)>;
