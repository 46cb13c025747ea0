//! The home page: what the graph holds, per type, and where it came from.

use crate::http::{AppError, AppState};
use crate::ids::Doi;
use crate::queries;
use crate::store::{SourceInfo, Store};
use crate::vocab::{schema, steppe};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;

/// The DOI of the paper the home page features.
pub const SEED_DOI: &str = "10.1080/09557571.2018.1520809";

/// One row of the counts table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    pub label: &'static str,
    pub count: u64,
}

/// The featured paper.
#[derive(Debug, Clone)]
pub struct Featured {
    pub iri: String,
    pub href: String,
    pub title: String,
}

/// What the home page shows.
#[derive(Template, Debug)]
#[template(path = "home.html")]
pub struct HomePage {
    pub total: usize,
    pub counts: Vec<Count>,
    pub seed: Option<Featured>,
    pub sources: Vec<SourceInfo>,
}

const LABELS: &[(oxigraph::model::NamedNodeRef<'static>, &str)] = &[
    (schema::SCHOLARLY_ARTICLE, "Papers"),
    (schema::PERSON, "People"),
    (schema::ORGANIZATION, "Organisations"),
    (schema::PERIODICAL, "Journals"),
    (schema::DEFINED_TERM, "Topics"),
    (steppe::PLAIN_LANGUAGE_SUMMARY, "Plain-language summaries"),
];

/// Entities per type, in a fixed order, zero where none.
pub fn counts(store: &Store, timeout: Option<std::time::Duration>) -> Result<Vec<Count>, AppError> {
    let mut counts: Vec<Count> = LABELS
        .iter()
        .map(|(_, label)| Count { label, count: 0 })
        .collect();
    if let QueryResults::Solutions(solutions) = store.query(queries::COUNTS, &[], timeout)? {
        for solution in solutions {
            let solution = solution.map_err(|e| AppError::Internal(e.to_string()))?;
            let (Some(Term::NamedNode(t)), Some(Term::Literal(n))) =
                (solution.get("type"), solution.get("count"))
            else {
                continue;
            };
            if let Some(i) = LABELS.iter().position(|(iri, _)| *iri == t.as_ref()) {
                counts[i].count = n.value().parse().unwrap_or(0);
            }
        }
    }
    Ok(counts)
}

/// Builds the home page from the store.
pub fn load(store: &Store, timeout: Option<std::time::Duration>) -> Result<HomePage, AppError> {
    let minter = store.minter();
    let seed = Doi::parse(SEED_DOI).ok().map(|doi| minter.paper(&doi));
    let seed = match seed {
        Some(iri) => store
            .objects(iri.as_ref().into(), schema::NAME)?
            .into_iter()
            .find_map(|t| match t {
                Term::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            })
            .map(|title| Featured {
                href: format!(
                    "/{}",
                    iri.as_str()
                        .strip_prefix(minter.base())
                        .unwrap_or(iri.as_str())
                ),
                iri: iri.as_str().to_owned(),
                title,
            }),
        None => None,
    };
    Ok(HomePage {
        total: store.len()?,
        counts: counts(store, timeout)?,
        seed,
        sources: store.sources()?,
    })
}

/// `GET /`
pub async fn handler(State(app): State<AppState>) -> Result<Response, AppError> {
    let timeout = Some(app.query_timeout);
    let page = app.blocking(move |store| load(store, timeout)).await?;
    Ok(super::render(&page))
}
