//! Browsing and searching: `/browse` (what the graph holds, per kind), `/browse/{kind}` (every
//! entity of a kind by name, fifty a page, paged by key) and `/search?q=` (names containing the
//! words, a plain SPARQL filter until full-text search arrives).

use crate::http::{AppError, AppState, url_params};
use crate::pages::paper::href;
use crate::queries;
use crate::vocab::schema;
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use oxigraph::model::{Literal, NamedNodeRef, Term};
use oxigraph::sparql::QueryResults;

/// Entities a browse page holds.
const PAGE: usize = 50;

/// The kinds one can browse: path segment, heading, type.
const KINDS: &[(&str, &str, NamedNodeRef<'static>)] = &[
    ("paper", "Papers", schema::SCHOLARLY_ARTICLE),
    ("person", "People", schema::PERSON),
    ("org", "Organisations", schema::ORGANIZATION),
    ("journal", "Journals", schema::PERIODICAL),
    ("topic", "Topics", schema::DEFINED_TERM),
];

/// One entity in a list.
#[derive(Debug, Clone)]
pub struct Entry {
    pub href: String,
    pub label: String,
    pub kind: String,
}

#[derive(Template)]
#[template(path = "browse.html")]
struct BrowsePage {
    heading: String,
    kinds: Vec<(&'static str, &'static str, u64)>,
    entries: Vec<Entry>,
    query: String,
    first_page: Option<String>,
    next_page: Option<String>,
    searched: bool,
}

/// `GET /browse`: the kinds, with how many of each.
pub async fn index(State(app): State<AppState>) -> Result<Response, AppError> {
    let timeout = Some(app.query_timeout);
    let counts = app
        .blocking(move |store| crate::pages::home::counts(store, timeout))
        .await?;
    let kinds = KINDS
        .iter()
        .zip(counts)
        .map(|((segment, heading, _), count)| (*segment, *heading, count.count))
        .collect();
    Ok(crate::pages::render(&BrowsePage {
        heading: "Browse the graph".to_owned(),
        kinds,
        entries: Vec::new(),
        query: String::new(),
        first_page: None,
        next_page: None,
        searched: false,
    }))
}

/// `GET /browse/{kind}?after=`.
pub async fn kind(
    State(app): State<AppState>,
    Path(kind): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let (segment, heading, class) = *KINDS
        .iter()
        .find(|(segment, _, _)| *segment == kind)
        .ok_or(AppError::NotFound)?;
    let params = url_params(raw.as_deref())?;
    let after = params
        .iter()
        .find(|(k, _)| k == "after")
        .map(|(_, v)| v.clone());
    let timeout = Some(app.query_timeout);
    let base = app.store.minter().base().to_owned();
    let cursor = after.clone().unwrap_or_default();
    let rows = app
        .blocking(move |store| {
            let bindings = [
                ("type", Term::from(class.into_owned())),
                ("after", Literal::new_simple_literal(cursor).into()),
            ];
            let mut rows = Vec::new();
            if let QueryResults::Solutions(solutions) =
                store.query(queries::BROWSE, &bindings, timeout)?
            {
                for solution in solutions {
                    let solution = solution.map_err(|e| AppError::Internal(e.to_string()))?;
                    if let (Some(Term::NamedNode(item)), Some(Term::Literal(key)), Some(label)) = (
                        solution.get("item"),
                        solution.get("key"),
                        solution.get("label"),
                    ) {
                        let label = match label {
                            Term::Literal(l) => l.value().to_owned(),
                            other => other.to_string(),
                        };
                        rows.push((item.as_str().to_owned(), label, key.value().to_owned()));
                    }
                }
            }
            Ok(rows)
        })
        .await?;
    let more = rows.len() > PAGE;
    let shown = &rows[..rows.len().min(PAGE)];
    let next_page = if more {
        shown.last().map(|(_, _, key)| {
            format!(
                "/browse/{segment}?{}",
                serde_urlencoded::to_string([("after", key)]).unwrap_or_default()
            )
        })
    } else {
        None
    };
    Ok(crate::pages::render(&BrowsePage {
        heading: heading.to_owned(),
        kinds: Vec::new(),
        entries: shown
            .iter()
            .map(|(iri, label, _)| Entry {
                href: href(iri, &base),
                label: label.clone(),
                kind: segment.to_owned(),
            })
            .collect(),
        query: String::new(),
        first_page: after.map(|_| format!("/browse/{segment}")),
        next_page,
        searched: false,
    }))
}

/// `GET /search?q=`.
pub async fn search(
    State(app): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let params = url_params(raw.as_deref())?;
    let query = params
        .iter()
        .find(|(k, _)| k == "q")
        .map(|(_, v)| v.trim().to_owned())
        .unwrap_or_default();
    if query.chars().count() > 200 {
        return Err(AppError::BadRequest(
            "a search is at most 200 characters".to_owned(),
        ));
    }
    let timeout = Some(app.query_timeout);
    let base = app.store.minter().base().to_owned();
    let text = query.clone();
    let entries = if query.is_empty() {
        Vec::new()
    } else {
        app.blocking(move |store| {
            let bindings = [("q", Term::from(Literal::new_simple_literal(text)))];
            let mut entries = Vec::new();
            if let QueryResults::Solutions(solutions) =
                store.query(queries::SEARCH, &bindings, timeout)?
            {
                for solution in solutions {
                    let solution = solution.map_err(|e| AppError::Internal(e.to_string()))?;
                    if let (
                        Some(Term::NamedNode(item)),
                        Some(Term::NamedNode(class)),
                        Some(Term::Literal(label)),
                    ) = (
                        solution.get("item"),
                        solution.get("type"),
                        solution.get("label"),
                    ) {
                        let kind = KINDS
                            .iter()
                            .find(|(_, _, c)| *c == class.as_ref())
                            .map_or("", |(segment, _, _)| *segment);
                        entries.push(Entry {
                            href: href(item.as_str(), &base),
                            label: label.value().to_owned(),
                            kind: kind.to_owned(),
                        });
                    }
                }
            }
            Ok(entries)
        })
        .await?
    };
    Ok(crate::pages::render(&BrowsePage {
        heading: if query.is_empty() {
            "Search".to_owned()
        } else {
            format!("Search: {query}")
        },
        kinds: Vec::new(),
        entries,
        query,
        first_page: None,
        next_page: None,
        searched: true,
    }))
}
