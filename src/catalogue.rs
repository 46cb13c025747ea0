//! Named queries over HTTP: the catalogue of `queries/` at `/queries`, each query at
//! `/queries/{name}` with its variables bound from the URL (never spliced into the text) and
//! results negotiated as at `/sparql`.

use crate::http::{AppError, AppState};
use crate::queries::{self, NamedQuery};
use crate::store::QueryDataset;
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use oxigraph::model::{Literal, NamedNode, Term};

#[derive(Template)]
#[template(path = "queries.html")]
struct CatalogueTemplate {
    queries: Vec<NamedQuery>,
}

/// `GET /queries`: HTML for browsers, JSON otherwise.
pub async fn list(headers: HeaderMap) -> Result<Response, AppError> {
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
    let queries = queries::catalogue();
    match crate::conneg::negotiate(accept, &["application/json", "text/html"]) {
        Some("text/html") => Ok(crate::pages::render(&CatalogueTemplate { queries })),
        Some(_) => Ok((
            [
                (header::CONTENT_TYPE, "application/json"),
                (header::VARY, "accept"),
            ],
            serde_json::to_string(&queries).map_err(|e| AppError::Internal(e.to_string()))?,
        )
            .into_response()),
        None => Err(AppError::NotAcceptable(vec![
            "application/json",
            "text/html",
        ])),
    }
}

/// `GET /queries/{name}?var=value…`
pub async fn run(
    State(app): State<AppState>,
    Path(name): Path<String>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let query = queries::catalogue()
        .into_iter()
        .find(|q| q.name == name)
        .ok_or(AppError::NotFound)?;
    let params: Vec<(String, String)> = serde_urlencoded::from_str(raw.as_deref().unwrap_or(""))
        .map_err(|e| AppError::BadRequest(format!("malformed query string: {e}")))?;
    let (bindings, formats) = bind(&query, params)?;
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
    let etag = crate::caching::etag(
        &app.store.revision(),
        &[
            query.name,
            raw.as_deref().unwrap_or(""),
            accept.unwrap_or(""),
        ],
    );
    let answer = crate::sparql::run(
        &app,
        query.text.to_owned(),
        bindings,
        QueryDataset::default(),
        accept,
        formats,
    );
    crate::caching::cached(&headers, etag, app.store.last_changed(), answer).await
}

/// Variable names and the values bound to them.
type Bindings = Vec<(String, Term)>;

/// The values of a query's parameters, typed as its header says; `format`/`output` apart.
fn bind(
    query: &NamedQuery,
    params: Vec<(String, String)>,
) -> Result<(Bindings, Vec<String>), AppError> {
    let expected = || {
        query
            .parameters
            .iter()
            .map(|p| format!("?{}", p.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut bindings = Vec::new();
    let mut formats = Vec::new();
    for (key, value) in params {
        if key == "format" || key == "output" {
            formats.push(value);
            continue;
        }
        let Some(parameter) = query.parameters.iter().find(|p| p.name == key) else {
            return Err(AppError::BadRequest(format!(
                "{} takes no parameter {key:?}; it takes: {}",
                query.name,
                expected()
            )));
        };
        let term: Term = if parameter.iri {
            NamedNode::new(&value)
                .map_err(|e| AppError::BadRequest(format!("{key} must be an IRI: {e}")))?
                .into()
        } else {
            Literal::new_simple_literal(value).into()
        };
        bindings.push((key, term));
    }
    if let Some(missing) = query
        .parameters
        .iter()
        .find(|p| !bindings.iter().any(|(n, _)| *n == p.name))
    {
        return Err(AppError::BadRequest(format!(
            "{} needs ?{} ({}); it takes: {}",
            query.name,
            missing.name,
            missing.note,
            expected()
        )));
    }
    Ok((bindings, formats))
}
