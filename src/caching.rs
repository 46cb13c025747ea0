//! HTTP caching: entity tags, `Last-Modified` dates, and the conditional requests that answer
//! 304 (RFC 9110 §13): `If-None-Match` first; `If-Modified-Since` only when there is none.
//! A malformed condition is ignored (the full answer follows), as the RFC asks.

use crate::http::AppError;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A weak entity tag over `basis` (a revision, a modification time) and the parts that shape
/// the answer.
pub fn etag(basis: &str, parts: &[&str]) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    hasher.update(basis.as_bytes());
    for part in parts {
        hasher.update([0]);
        hasher.update(part.as_bytes());
    }
    let digest: String = hasher.finalize()[..12]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("W/\"{digest}\"")
}

/// An `xsd:dateTime` in UTC (`2026-11-30T14:22:56Z`, fractions ignored) as a time.
pub fn parse_timestamp(value: &str) -> Option<SystemTime> {
    let value = value.strip_suffix('Z').unwrap_or(value);
    let (date, time) = value.split_once('T')?;
    let mut d = date.splitn(3, '-').map(|p| p.parse::<i64>().ok());
    let (year, month, day) = (d.next()??, d.next()??, d.next()??);
    let time = time.split(['.', '+']).next()?;
    let mut t = time.splitn(3, ':').map(|p| p.parse::<u64>().ok());
    let (hour, minute, second) = (t.next()??, t.next()??, t.next()??);
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    // days from the civil date (Howard Hinnant's algorithm)
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = u64::try_from(days).ok()? * 86_400 + hour * 3600 + minute * 60 + second;
    Some(UNIX_EPOCH + Duration::from_secs(secs))
}

/// A time as an HTTP date (`Mon, 30 Nov 2026 14:22:56 GMT`).
pub fn http_date(time: SystemTime) -> String {
    httpdate::fmt_http_date(time)
}

/// Whether the request's conditions say the client's copy is current: `If-None-Match` naming
/// `etag` (or `*`); else `If-Modified-Since` at or after `last_modified`.
pub fn not_modified(headers: &HeaderMap, etag: &str, last_modified: Option<SystemTime>) -> bool {
    let mut tags = headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .peekable();
    if tags.peek().is_some() {
        return tags.any(|tag| {
            tag == "*" || tag.trim_start_matches("W/") == etag.trim_start_matches("W/")
        });
    }
    let since = headers
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| httpdate::parse_http_date(v).ok());
    match (since, last_modified) {
        (Some(since), Some(modified)) => {
            // HTTP dates have whole seconds
            let modified = modified
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(u64::MAX);
            let since = since
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0);
            modified <= since
        }
        _ => false,
    }
}

/// Answers 304 when the request's conditions hold (the answer is then never computed);
/// otherwise awaits `answer`. Either way adds the ETag, `Last-Modified` when known, and
/// `Cache-Control: public, no-cache` (caches keep it and revalidate every time).
pub async fn cached(
    headers: &HeaderMap,
    etag: String,
    last_modified: Option<SystemTime>,
    answer: impl std::future::Future<Output = Result<Response, AppError>>,
) -> Result<Response, AppError> {
    let value = HeaderValue::from_str(&etag).map_err(|e| AppError::Internal(e.to_string()))?;
    let mut response = if not_modified(headers, &etag, last_modified) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        answer.await?
    };
    let out = response.headers_mut();
    out.insert(header::ETAG, value);
    if let Some(time) = last_modified
        && let Ok(date) = HeaderValue::from_str(&http_date(time))
    {
        out.insert(header::LAST_MODIFIED, date);
    }
    out.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, no-cache"),
    );
    out.insert(header::VARY, HeaderValue::from_static("accept"));
    Ok(response)
}

/// Middleware for pages drawn from the whole store (home, browse, search, the query catalogue,
/// the VoID description): an ETag over the store's revision and the request's path, query and
/// `Accept`, and the dataset's `Last-Modified`; a client whose copy is current gets 304
/// without the page being made.
pub async fn revalidate(
    axum::extract::State(app): axum::extract::State<crate::http::AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if request.method() != axum::http::Method::GET && request.method() != axum::http::Method::HEAD {
        return next.run(request).await;
    }
    let accept = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let target = request.uri().path_and_query().map_or("", |p| p.as_str());
    let etag = etag(
        &app.store.revision(),
        &[target, accept, env!("CARGO_PKG_VERSION")],
    );
    let headers = request.headers().clone();
    let answer = async { Ok(next.run(request).await) };
    let response = match cached(&headers, etag, app.store.last_changed(), answer).await {
        Ok(response) => response,
        Err(e) => e.into_response(),
    };
    // only successful answers are revalidated
    if response.status() == StatusCode::OK || response.status() == StatusCode::NOT_MODIFIED {
        response
    } else {
        let (mut parts, body) = response.into_parts();
        parts.headers.remove(header::ETAG);
        parts.headers.remove(header::LAST_MODIFIED);
        Response::from_parts(parts, body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_become_http_dates() {
        let time = parse_timestamp("2026-11-30T14:22:56Z").unwrap();
        assert_eq!(http_date(time), "Mon, 30 Nov 2026 14:22:56 GMT");
        assert_eq!(
            parse_timestamp("2000-02-29T00:00:00.5Z")
                .map(http_date)
                .as_deref(),
            Some("Tue, 29 Feb 2000 00:00:00 GMT")
        );
        assert_eq!(parse_timestamp("not a date"), None);
        assert_eq!(parse_timestamp("2026-13-01T00:00:00Z"), None);
    }

    #[test]
    fn conditions_follow_rfc_9110() {
        let modified = parse_timestamp("2026-11-30T14:22:56Z");
        let mut headers = HeaderMap::new();
        assert!(!not_modified(&headers, "W/\"a\"", modified));
        headers.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_static("\"a\", W/\"b\""),
        );
        assert!(not_modified(&headers, "W/\"b\"", modified));
        assert!(!not_modified(&headers, "W/\"c\"", modified));
        // If-None-Match wins over If-Modified-Since
        headers.insert(
            header::IF_MODIFIED_SINCE,
            HeaderValue::from_static("Mon, 30 Nov 2026 15:00:00 GMT"),
        );
        assert!(!not_modified(&headers, "W/\"c\"", modified));
        headers.remove(header::IF_NONE_MATCH);
        assert!(not_modified(&headers, "W/\"c\"", modified));
        headers.insert(
            header::IF_MODIFIED_SINCE,
            HeaderValue::from_static("Mon, 30 Nov 2026 14:22:55 GMT"),
        );
        assert!(!not_modified(&headers, "W/\"c\"", modified));
        // garbage is ignored
        headers.insert(
            header::IF_MODIFIED_SINCE,
            HeaderValue::from_static("yesterday"),
        );
        assert!(!not_modified(&headers, "W/\"c\"", modified));
        headers.insert(header::IF_NONE_MATCH, HeaderValue::from_static("garbage"));
        assert!(!not_modified(&headers, "W/\"c\"", modified));
    }
}
