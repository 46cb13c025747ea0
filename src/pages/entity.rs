//! The document of one entity at its IRI, `/{kind}/{id}`, as Turtle.
//!
//! For now every entity answers with its own statements in Turtle; HTML pages and content
//! negotiation build on this route.

use crate::http::{AppError, AppState, EntityPath};
use crate::mint::Kind;
use crate::queries;
use crate::store::Store;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use oxigraph::model::{NamedNode, NamedOrBlankNode, Term, Triple};
use oxigraph::sparql::QueryResults;

const KINDS: [Kind; 5] = [
    Kind::Paper,
    Kind::Person,
    Kind::Org,
    Kind::Journal,
    Kind::Topic,
];

/// The asserted statements about `iri` and its hash-IRI parts.
pub fn describe(
    store: &Store,
    iri: &NamedNode,
    timeout: Option<std::time::Duration>,
) -> Result<Vec<Triple>, AppError> {
    let bindings = [("this", iri.clone().into())];
    let QueryResults::Solutions(solutions) = store.query(queries::ENTITY, &bindings, timeout)?
    else {
        return Err(AppError::Internal(
            "entity.rq must be a SELECT query".to_owned(),
        ));
    };
    let mut triples = Vec::new();
    for solution in solutions {
        let solution = solution.map_err(|e| AppError::Internal(e.to_string()))?;
        let (Some(s), Some(Term::NamedNode(p)), Some(o)) =
            (solution.get("s"), solution.get("p"), solution.get("o"))
        else {
            continue;
        };
        let subject = match s {
            Term::NamedNode(n) => NamedOrBlankNode::from(n.clone()),
            Term::BlankNode(b) => NamedOrBlankNode::from(b.clone()),
            Term::Literal(_) => continue,
        };
        triples.push(Triple::new(subject, p.clone(), o.clone()));
    }
    triples.sort_by_cached_key(ToString::to_string);
    triples.dedup();
    Ok(triples)
}

/// `GET /{kind}/{id}`
pub async fn handler(State(app): State<AppState>, path: EntityPath) -> Result<Response, AppError> {
    let (kind, id) = path.0;
    if !KINDS.iter().any(|k| k.segment() == kind) {
        return Err(AppError::NotFound);
    }
    let iri = NamedNode::new(format!("{}{kind}/{id}", app.store.minter().base()))
        .map_err(|_| AppError::NotFound)?;
    let timeout = Some(app.query_timeout);
    let triples = app
        .blocking(move |store| describe(store, &iri, timeout))
        .await?;
    if triples.is_empty() {
        return Err(AppError::NotFound);
    }
    let mut body = Vec::new();
    crate::pretty::write_turtle(&triples, &mut body)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(([(header::CONTENT_TYPE, "text/turtle; charset=utf-8")], body).into_response())
}
