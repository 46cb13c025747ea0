//! Resolvers: external identifiers to steppe's entities, by 301.
//!
//! `/doi/{doi}`, `/orcid/{orcid}`, `/ror/{ror}`, `/issn/{issn}`, `/wikidata/{qid}` and
//! `/openalex/{id}` take an identifier in any form `ids` accepts (any case of a DOI, a resolver
//! prefix, an ISSN without its hyphen), find the entity that is `schema:sameAs` its canonical IRI
//! (`queries/same_as.rq`) or, for an ISSN, the journal that has it (`queries/journal_by_issn.rq`),
//! and answer 301 with the entity's IRI. A malformed identifier or an unknown one is the 404 page.

use crate::http::{AppError, AppState};
use crate::ids::{Doi, Issn, Orcid, Ror, WikidataId};
use crate::pages::entity::moved;
use crate::pages::paper::href;
use crate::queries;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use oxigraph::model::{Literal, NamedNode, Term};
use oxigraph::sparql::QueryResults;

/// The schemes resolved, each at `/{scheme}/{id}`.
pub const SCHEMES: &[&str] = &["doi", "orcid", "ror", "issn", "wikidata", "openalex"];

/// The resolver routes.
pub fn routes() -> Router<AppState> {
    SCHEMES.iter().fold(Router::new(), |router, scheme| {
        router.route(
            &format!("/{scheme}/{{*id}}"),
            get(move |State(app): State<AppState>, Path(id): Path<String>| {
                resolve(app, scheme, id)
            }),
        )
    })
}

/// 301 to the entity `id` in `scheme` names, or 404.
async fn resolve(app: AppState, scheme: &str, id: String) -> Result<Response, AppError> {
    let id = id.trim_end_matches('/');
    let (query, variable, value): (&str, &str, Term) = match scheme {
        "doi" => same_as(Doi::parse(id).map(|d| d.iri()).ok())?,
        "orcid" => same_as(Orcid::parse(id).map(|o| o.iri()).ok())?,
        "ror" => same_as(Ror::parse(id).map(|r| r.iri()).ok())?,
        "wikidata" => same_as(WikidataId::parse(id).map(|w| w.iri()).ok())?,
        "openalex" => same_as(openalex(id))?,
        "issn" => {
            let issn = Issn::parse(id).map_err(|_| AppError::NotFound)?;
            (
                queries::JOURNAL_BY_ISSN,
                "issn",
                Literal::new_simple_literal(issn.as_str()).into(),
            )
        }
        _ => return Err(AppError::NotFound),
    };
    let timeout = Some(app.query_timeout);
    let found = app
        .blocking(move |store| {
            let bindings = [(variable, value)];
            let QueryResults::Solutions(mut solutions) = store.query(query, &bindings, timeout)?
            else {
                return Ok(None);
            };
            let entity = solutions
                .next()
                .transpose()
                .map_err(|e| AppError::Internal(e.to_string()))?
                .and_then(
                    |row| match row.get("entity").or_else(|| row.get("journal")) {
                        Some(Term::NamedNode(n)) => Some(n.as_str().to_owned()),
                        _ => None,
                    },
                );
            Ok(entity)
        })
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(moved(&href(&found, app.store.minter().base())))
}

fn same_as(iri: Option<String>) -> Result<(&'static str, &'static str, Term), AppError> {
    let iri = iri.ok_or(AppError::NotFound)?;
    let node = NamedNode::new(iri).map_err(|_| AppError::NotFound)?;
    Ok((queries::SAME_AS, "same", node.into()))
}

/// An OpenAlex id (`W2105824687`, any case, or its IRI) as its canonical IRI.
fn openalex(id: &str) -> Option<String> {
    let last = id.trim().rsplit('/').next()?;
    let mut chars = last.chars();
    let kind = chars.next()?.to_ascii_uppercase();
    let digits: String = chars.collect();
    let valid = "WAISCTPF".contains(kind)
        && !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit());
    valid.then(|| format!("https://openalex.org/{kind}{digits}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openalex_ids_in_any_form() {
        for id in [
            "W2105824687",
            "w2105824687",
            "https://openalex.org/W2105824687",
        ] {
            assert_eq!(
                openalex(id).as_deref(),
                Some("https://openalex.org/W2105824687")
            );
        }
        for bad in ["", "W", "X123", "W12a", "https://openalex.org/"] {
            assert_eq!(openalex(bad), None, "{bad}");
        }
    }
}
