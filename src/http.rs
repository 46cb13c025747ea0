//! The HTTP edge: application state, the router, and errors turned into responses.
//!
//! Handlers are thin: extract, call the store on the blocking pool, render. Only this module
//! (and later `sparql`) knows status codes and media types.

use crate::auth::{Denied, Scope, Tokens};
use crate::pages;
use crate::store::{QueryError, Store, StoreError, WriteError};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::extract::State;
use axum::http::Method;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
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
    /// Who may use the graph store and write; empty: both are off.
    pub tokens: Arc<Tokens>,
    /// Rendered entity representations of the current store revision.
    pub pages: Arc<crate::pages::cache::PageCache>,
    /// Whole answers of the current store revision, replayed before routing.
    pub replay: Arc<crate::replay::Replay>,
    /// Where dated dumps are kept and served from (`/dumps/`); none: no dumps.
    pub dumps: Option<Arc<std::path::PathBuf>>,
}

/// Limits of the SPARQL endpoint.
#[derive(Clone, Debug)]
pub struct Limits {
    /// One permit per query running at once; none left answers 429.
    pub queries: Arc<Semaphore>,
    /// The longest query or update text accepted, in bytes (413 beyond).
    pub max_query_bytes: usize,
    /// The largest RDF document the graph store accepts, in bytes (413 beyond).
    pub max_upload_bytes: usize,
}

/// The largest graph store upload by default: bigger loads go through `steppe load`.
pub const DEFAULT_MAX_UPLOAD_BYTES: usize = 64 * 1024 * 1024;

impl Limits {
    /// At most `max_concurrent` queries at once, each at most `max_query_bytes` long.
    pub fn new(max_concurrent: usize, max_query_bytes: usize) -> Self {
        Self {
            queries: Arc::new(Semaphore::new(max_concurrent)),
            max_query_bytes,
            max_upload_bytes: DEFAULT_MAX_UPLOAD_BYTES,
        }
    }
}

impl AppState {
    /// A server on `store` with the default limits (30 s a query, 8 at once, 256 KiB a query)
    /// and no tokens (no writes).
    pub fn new(store: Store) -> Self {
        Self {
            store,
            query_timeout: Duration::from_secs(30),
            limits: Limits::new(8, 256 * 1024),
            tokens: Arc::default(),
            pages: Arc::default(),
            replay: Arc::default(),
            dumps: None,
        }
    }

    /// The same server keeping its dumps in `dir`.
    pub fn with_dumps(mut self, dir: std::path::PathBuf) -> Self {
        self.dumps = Some(Arc::new(dir));
        self
    }

    /// The name of the token the request presents, if it has `scope`.
    pub fn authorize(&self, headers: &HeaderMap, scope: Scope) -> Result<String, AppError> {
        let authorization = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok());
        self.tokens
            .check(authorization, scope)
            .map(str::to_owned)
            .map_err(AppError::Denied)
    }

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
    /// No token, a wrong one, or one without the scope needed (401 or 403).
    Denied(Denied),
    /// Refused whoever asks (a graph steppe maintains).
    Forbidden(String),
    NotAcceptable(Vec<&'static str>),
    /// 406 with the reason (a parameter of the media type that cannot be honoured).
    NotAcceptableWhy(String),
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

impl From<WriteError> for AppError {
    fn from(e: WriteError) -> Self {
        match e {
            WriteError::Reserved(_) => Self::Forbidden(e.to_string()),
            WriteError::Timeout(_) => Self::Unavailable(e.to_string()),
            WriteError::Store(StoreError::Syntax { .. } | StoreError::Read { .. }) => {
                Self::BadRequest(e.to_string())
            }
            WriteError::Store(e) => e.into(),
            WriteError::Evaluation(_) => Self::Internal(e.to_string()),
            WriteError::Syntax(_)
            | WriteError::NoSuchGraph(_)
            | WriteError::GraphExists(_)
            | WriteError::Load
            | WriteError::DatasetConflict => Self::BadRequest(e.to_string()),
        }
    }
}

/// The parameters of a URL's query string, decoded once.
pub fn url_params(raw_query: Option<&str>) -> Result<Vec<(String, String)>, AppError> {
    serde_urlencoded::from_str(raw_query.unwrap_or(""))
        .map_err(|e| AppError::BadRequest(format!("malformed query string: {e}")))
}

/// A request body as text: it must be UTF-8.
pub fn body_text(body: &[u8]) -> Result<&str, AppError> {
    std::str::from_utf8(body)
        .map_err(|e| AppError::BadRequest(format!("the request body is not UTF-8: {e}")))
}

/// A graph IRI given as a protocol parameter.
pub fn graph_param(value: &str) -> Result<oxigraph::model::NamedNode, AppError> {
    oxigraph::model::NamedNode::new(value)
        .map_err(|e| AppError::BadRequest(format!("invalid graph IRI {value:?}: {e}")))
}

/// The text of a query or update (`what`): present, not blank, at most `max_bytes` long.
pub fn operation_text(
    what: &str,
    text: Option<String>,
    missing: &str,
    max_bytes: usize,
) -> Result<String, AppError> {
    let text = text.ok_or_else(|| AppError::BadRequest(format!("no {what}: {missing}")))?;
    if text.trim().is_empty() {
        return Err(AppError::BadRequest(format!("the {what} is empty")));
    }
    if text.len() > max_bytes {
        return Err(AppError::PayloadTooLarge(format!(
            "the {what} is {} bytes; the limit is {max_bytes}",
            text.len()
        )));
    }
    Ok(text)
}

/// The media type of a request body, lower-cased; a charset other than UTF-8 is refused (415).
pub fn body_media_type(headers: &HeaderMap) -> Result<String, AppError> {
    let value = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mut parts = value.split(';');
    let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    for parameter in parts {
        if let Some((name, charset)) = parameter.split_once('=')
            && name.trim().eq_ignore_ascii_case("charset")
        {
            let charset = charset.trim().trim_matches('"');
            if !charset.eq_ignore_ascii_case("utf-8") && !charset.eq_ignore_ascii_case("utf8") {
                return Err(AppError::UnsupportedMediaType(format!(
                    "request bodies are read as UTF-8, not {charset}"
                )));
            }
        }
    }
    Ok(media)
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
            Self::NotAcceptableWhy(message) => plain(StatusCode::NOT_ACCEPTABLE, message),
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
            Self::Denied(denied) => denied_response(&denied),
            Self::Forbidden(message) => plain(StatusCode::FORBIDDEN, message),
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

/// 401 or 403 with the `WWW-Authenticate` challenge RFC 6750 gives for each case.
fn denied_response(denied: &Denied) -> Response {
    let (status, challenge, message) = match denied {
        Denied::Off => (
            StatusCode::FORBIDDEN,
            None,
            "writes and the graph store are off on this server (it was started without --token-file)".to_owned(),
        ),
        Denied::Missing => (
            StatusCode::UNAUTHORIZED,
            Some(r#"Bearer realm="steppe""#),
            "this needs an access token: send `Authorization: Bearer <token>`".to_owned(),
        ),
        Denied::Invalid => (
            StatusCode::UNAUTHORIZED,
            Some(r#"Bearer realm="steppe", error="invalid_token""#),
            "the access token is not known to this server".to_owned(),
        ),
        Denied::Insufficient(name) => (
            StatusCode::FORBIDDEN,
            Some(r#"Bearer realm="steppe", error="insufficient_scope", scope="write""#),
            format!("the token {name:?} may read but not write"),
        ),
    };
    let mut response = (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message,
    )
        .into_response();
    if let Some(challenge) = challenge {
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static(challenge),
        );
    }
    response
}

/// The application: every route of steppe.
pub fn app(state: AppState) -> Router {
    let replay = crate::replay::ReplayLayer::new(state.replay.clone(), state.store.clone());
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
    let update = Router::new()
        .route("/update", axum::routing::post(crate::update::handler))
        .layer(DefaultBodyLimit::max(
            body_limit.saturating_mul(4).max(4096),
        ));
    let graph_store = Router::new()
        .route("/store", axum::routing::any(crate::graph_store::indirect))
        .route(
            "/graph/{*name}",
            axum::routing::any(crate::graph_store::direct),
        )
        .route(
            "/import/{source}",
            axum::routing::post(crate::import::http::handler),
        )
        .layer(DefaultBodyLimit::max(state.limits.max_upload_bytes));
    // pages drawn from the whole store revalidate over the store's revision
    let whole = Router::new()
        .route("/", get(pages::home::handler))
        .route("/.well-known/void", get(crate::service::void))
        .route("/queries", get(crate::catalogue::list))
        .route("/browse", get(pages::browse::index))
        .route("/browse/{kind}", get(pages::browse::kind))
        .route("/search", get(pages::browse::search))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::caching::revalidate,
        ));
    let routes = Router::new()
        .merge(whole)
        .route("/health", get(health))
        .route("/robots.txt", get(crate::sitemap::robots))
        .route("/dataset", get(crate::dataset::page))
        .route("/dumps/", get(crate::dump::index).post(crate::dump::create))
        .route(
            "/dumps",
            get(|| async { crate::pages::entity::moved("/dumps/") }),
        )
        .route("/dumps/{file}", get(crate::dump::file))
        .route("/sitemap.xml", get(crate::sitemap::sitemap_index))
        .route("/sitemap/{name}", get(crate::sitemap::sitemap))
        .merge(sparql)
        .merge(update)
        .merge(graph_store)
        .route("/queries/{name}", get(crate::catalogue::run))
        .route("/static/steppe.css", get(stylesheet))
        .route("/static/sparql.js", get(script))
        .merge(crate::resolver::routes())
        .route("/{kind}/{id}", get(pages::entity::handler))
        .route("/{kind}/{id}/", get(pages::entity::trailing_slash))
        .route("/paper/{id}/card.svg", get(pages::entity::card))
        .fallback(fallback)
        .layer(axum::middleware::map_response(security_headers))
        .layer(CompressionLayer::new())
        .layer(CatchPanicLayer::new())
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(120),
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state);
    // outside the routes: a kept answer is sent before routing (`Router::layer` would wrap
    // each route instead)
    Router::new().fallback_service(tower::Layer::layer(&replay, routes))
}

/// The policy of steppe's own pages: nothing but our own scripts, styles and requests;
/// images from anywhere over HTTPS (a paper's featured image); no framing, plugins or `<base>`.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' https: data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// `X-Content-Type-Options: nosniff` on every response; the content security policy and a
/// referrer policy on every HTML page.
async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    let html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if html {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        );
        headers.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        );
    }
    response
}

async fn health(State(app): State<AppState>) -> Result<Response, AppError> {
    let quads = app.blocking(|store| Ok(store.len()?)).await?;
    let lists = app.store.lists_state();
    Ok((
        [(header::CONTENT_TYPE, "application/json")],
        format!("{{\"status\":\"ok\",\"quads\":{quads},\"lists\":\"{lists}\"}}"),
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
