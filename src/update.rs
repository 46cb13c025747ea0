//! SPARQL 1.1 Update over the protocol: `POST /update`, and `POST /sparql` with an update.
//!
//! The update comes as an `application/sparql-update` body (dataset from the URL's
//! `using-graph-uri` and `using-named-graph-uri`) or as the `update` field of an
//! `application/x-www-form-urlencoded` body. A write token is required. The whole request is
//! one transaction with the query time limit; the answer says, per graph, how many quads were
//! added and removed. An update sent by GET is refused (405 at `/update`, 400 at `/sparql`).

use crate::auth::Scope;
use crate::http::{
    AppError, AppState, body_media_type, body_text, graph_param, operation_text, url_params,
};
use crate::store::{QueryDataset, WriteReport};
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use oxigraph::model::GraphName;

/// What an update request asks for.
#[derive(Debug, PartialEq, Eq)]
struct Request {
    update: String,
    using: QueryDataset,
}

/// `POST /update`.
pub async fn handler(
    State(app): State<AppState>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let params = url_params(raw.as_deref())?;
    execute(&app, params, &headers, &body).await
}

/// Whether a POST to `/sparql` carries an update rather than a query.
pub fn is_update(headers: &HeaderMap, body: &[u8]) -> bool {
    match body_media_type(headers).as_deref() {
        Ok("application/sparql-update") => true,
        Ok("application/x-www-form-urlencoded") => {
            serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
                .is_ok_and(|form| form.iter().any(|(k, _)| k == "update"))
        }
        _ => false,
    }
}

/// Authorises, parses and runs one update request.
pub async fn execute(
    app: &AppState,
    params: Vec<(String, String)>,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Response, AppError> {
    let who = app.authorize(headers, Scope::Write)?;
    let request = parse(params, headers, body, app.limits.max_query_bytes)?;
    let permit = app
        .limits
        .queries
        .clone()
        .try_acquire_owned()
        .map_err(|_| AppError::TooManyRequests)?;
    let timeout = app.query_timeout;
    let report = app
        .blocking(move |store| {
            let _permit = permit;
            Ok(store.update(&request.update, &request.using, &who, Some(timeout))?)
        })
        .await?;
    Ok((
        [(header::CONTENT_TYPE, "application/json")],
        summary(&report),
    )
        .into_response())
}

/// `{"changes":[{"graph":"…","added":1,"removed":0}]}`; the default graph is `null`.
pub fn summary(report: &WriteReport) -> String {
    let changes: Vec<serde_json::Value> = report
        .changes
        .iter()
        .map(|change| {
            serde_json::json!({
                "graph": match &change.graph {
                    GraphName::NamedNode(node) => Some(node.as_str()),
                    _ => None,
                },
                "added": change.added,
                "removed": change.removed,
            })
        })
        .collect();
    serde_json::json!({ "changes": changes }).to_string()
}

fn parse(
    mut params: Vec<(String, String)>,
    headers: &HeaderMap,
    body: &[u8],
    max_bytes: usize,
) -> Result<Request, AppError> {
    let text = || body_text(body);
    let mut update = None;
    match body_media_type(headers)?.as_str() {
        "application/sparql-update" => update = Some(text()?.to_owned()),
        "application/x-www-form-urlencoded" => {
            let form: Vec<(String, String)> = serde_urlencoded::from_str(text()?)
                .map_err(|e| AppError::BadRequest(format!("malformed form body: {e}")))?;
            params.extend(form);
        }
        other => {
            return Err(AppError::UnsupportedMediaType(format!(
                "a SPARQL update is POSTed as application/sparql-update or application/x-www-form-urlencoded, not {other:?}"
            )));
        }
    }
    let mut using = QueryDataset::default();
    for (key, value) in params {
        match key.as_str() {
            "update" if update.is_some() => {
                return Err(AppError::BadRequest("the update is given twice".to_owned()));
            }
            "update" => update = Some(value),
            "query" => {
                return Err(AppError::BadRequest(
                    "a query is not an update: send it to /sparql".to_owned(),
                ));
            }
            "using-graph-uri" => using.default_graphs.push(graph_param(&value)?.into()),
            "using-named-graph-uri" => using.named_graphs.push(graph_param(&value)?),
            _ => {}
        }
    }
    let update = operation_text(
        "update",
        update,
        "send an application/sparql-update body or an update= form field",
        max_bytes,
    )?;
    Ok(Request { update, using })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(content_type: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_str(content_type).unwrap(),
        );
        headers
    }

    #[test]
    fn direct_and_form_bodies() {
        let direct = parse(
            vec![("using-graph-uri".to_owned(), "http://x.test/g".to_owned())],
            &headers("application/sparql-update; charset=utf-8"),
            b"CLEAR DEFAULT",
            1024,
        )
        .unwrap();
        assert_eq!(direct.update, "CLEAR DEFAULT");
        assert_eq!(direct.using.default_graphs.len(), 1);
        let form = parse(
            Vec::new(),
            &headers("application/x-www-form-urlencoded"),
            b"update=CLEAR+DEFAULT&using-named-graph-uri=http%3A%2F%2Fx.test%2Fg",
            1024,
        )
        .unwrap();
        assert_eq!(form.update, "CLEAR DEFAULT");
        assert_eq!(form.using.named_graphs.len(), 1);
    }

    #[test]
    fn bad_requests_are_refused() {
        let form = headers("application/x-www-form-urlencoded");
        let cases: [(&HeaderMap, &[u8], &str); 6] = [
            (&form, b"update=A&update=B", "given twice"),
            (&form, b"update=+", "empty"),
            (
                &form,
                b"using-graph-uri=http%3A%2F%2Fx.test%2F",
                "no update",
            ),
            (
                &form,
                b"update=CLEAR+ALL&using-graph-uri=not%20an%20iri",
                "invalid graph IRI",
            ),
            (&headers("text/plain"), b"CLEAR ALL", "text/plain"),
            (
                &headers("application/sparql-update; charset=UTF-16"),
                b"CLEAR ALL",
                "not UTF-16",
            ),
        ];
        for (headers, body, expected) in cases {
            let error = parse(Vec::new(), headers, body, 1024).unwrap_err();
            let message = format!("{error:?}");
            assert!(message.contains(expected), "{message}");
        }
        let long = parse(
            Vec::new(),
            &headers("application/sparql-update"),
            b"CLEAR ALL",
            4,
        )
        .unwrap_err();
        assert!(matches!(long, AppError::PayloadTooLarge(_)));
    }
}
