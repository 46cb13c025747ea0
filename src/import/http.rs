//! `POST /import/{source}`: an import over HTTP, with a write token. The body is a file of
//! records as `steppe import` reads them (`application/json`, `application/x-ndjson`, or either
//! gzip-compressed as `application/gzip`); `?strict=true` refuses the whole body when any record
//! would be skipped. The answer is the import's summary as JSON.

use crate::auth::Scope;
use crate::http::{AppError, AppState, body_media_type, url_params};
use crate::import::{ImportError, Kind, import};
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};

/// `POST /import/{source}`.
pub async fn handler(
    State(app): State<AppState>,
    Path(source): Path<String>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let who = app.authorize(&headers, Scope::Write)?;
    let kind = Kind::parse(&source).ok_or(AppError::NotFound)?;
    let strict = url_params(raw.as_deref())?
        .iter()
        .any(|(k, v)| k == "strict" && (v == "true" || v == "1"));
    let name = match body_media_type(&headers)?.as_str() {
        "application/json" => "body.json",
        "application/x-ndjson" | "application/jsonl" | "application/json-seq" => "body.jsonl",
        "application/gzip" | "application/x-gzip" => "body.jsonl.gz",
        other => {
            return Err(AppError::UnsupportedMediaType(format!(
                "records are sent as application/json, application/x-ndjson or application/gzip, not {other:?}"
            )));
        }
    };
    let summary = app
        .blocking(
            move |store| match import(store, kind, name, &body, strict) {
                Ok(summary) => Ok(summary),
                Err(ImportError::Store(e)) => Err(e.into()),
                Err(e) => Err(AppError::BadRequest(e.to_string())),
            },
        )
        .await?;
    tracing::info!(
        target: "steppe::write",
        token = who,
        source = kind.name(),
        imported = summary.imported,
        skipped = summary.skipped.values().sum::<u64>(),
        "import"
    );
    let json = serde_json::to_string(&summary).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(([(header::CONTENT_TYPE, "application/json")], json).into_response())
}
