//! The dataset as a whole: what it is (from its own description in the data, `data/dataset.ttl`:
//! name, description, licence, creator, keywords), what it holds (triples, classes, properties,
//! links out to other graphs, counted over the store), where to download it (the dump
//! releases) and when it last changed. VoID and DCAT (`service`) and the `/dataset` page with
//! schema.org `Dataset` markup for dataset search engines are both made from one `Description`.

use crate::dump::Release;
use crate::http::{AppError, AppState};
use crate::queries;
use crate::store::Store;
use crate::vocab::schema;
use askama::Template;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use oxigraph::model::{NamedNode, NamedNodeRef, Term};
use oxigraph::sparql::QueryResults;
use serde_json::{Value, json};
use std::time::Duration;

/// The other graphs steppe links to, by the IRI prefix of their entities: (key, name, prefix).
pub const LINK_TARGETS: &[(&str, &str, &str)] = &[
    ("doi", "DOI", "https://doi.org/"),
    ("orcid", "ORCID", "https://orcid.org/"),
    ("ror", "ROR", "https://ror.org/"),
    ("wikidata", "Wikidata", "https://www.wikidata.org/entity/"),
    ("openalex", "OpenAlex", "https://openalex.org/"),
    (
        "issn",
        "ISSN Portal",
        "https://portal.issn.org/resource/ISSN/",
    ),
];

/// Everything said about the dataset.
#[derive(Debug, Clone, Default)]
pub struct Description {
    pub iri: String,
    pub name: Option<String>,
    pub description: Option<String>,
    pub license: Option<String>,
    /// The creator's name and homepage.
    pub creator: Option<(String, Option<String>)>,
    pub keywords: Vec<String>,
    pub spatial: Option<String>,
    /// Quads in named graphs: every statement served.
    pub triples: u64,
    pub classes: Vec<(NamedNode, u64)>,
    pub properties: Vec<(NamedNode, u64)>,
    /// Links out by target key (`LINK_TARGETS`), with their counts.
    pub linksets: Vec<(&'static str, u64)>,
    /// When the data last changed (`xsd:dateTime`).
    pub modified: Option<String>,
    pub example: Option<String>,
    pub releases: Vec<Release>,
}

fn rows(
    store: &Store,
    query: &str,
    timeout: Option<Duration>,
) -> Result<Vec<oxigraph::sparql::QuerySolution>, AppError> {
    let QueryResults::Solutions(solutions) = store.query(query, &[], timeout)? else {
        return Ok(Vec::new());
    };
    solutions
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| AppError::Internal(e.to_string()))
}

fn count(term: Option<&Term>) -> u64 {
    match term {
        Some(Term::Literal(l)) => l.value().parse().unwrap_or(0),
        _ => 0,
    }
}

impl Description {
    /// Gathers the description from the store and the releases in `dumps`.
    pub fn gather(
        store: &Store,
        dumps: Option<&std::path::Path>,
        timeout: Option<Duration>,
    ) -> Result<Self, AppError> {
        let iri = store.minter().dataset();
        let text = |predicate: NamedNodeRef<'_>| -> Result<Option<String>, AppError> {
            Ok(store
                .objects(iri.as_ref().into(), predicate)?
                .into_iter()
                .find_map(|t| match t {
                    Term::Literal(l) => Some(l.value().to_owned()),
                    _ => None,
                }))
        };
        let link = |subject: NamedNodeRef<'_>,
                    predicate: NamedNodeRef<'_>|
         -> Result<Option<NamedNode>, AppError> {
            Ok(store
                .objects(subject.into(), predicate)?
                .into_iter()
                .find_map(|t| match t {
                    Term::NamedNode(n) => Some(n),
                    _ => None,
                }))
        };
        let creator = match link(iri.as_ref(), schema::CREATOR)? {
            Some(node) => store
                .objects(node.as_ref().into(), schema::NAME)?
                .into_iter()
                .find_map(|t| match t {
                    Term::Literal(l) => Some(l.value().to_owned()),
                    _ => None,
                })
                .map(|name| -> Result<_, AppError> {
                    Ok((
                        name,
                        link(node.as_ref(), schema::URL)?.map(|u| u.as_str().to_owned()),
                    ))
                })
                .transpose()?,
            None => None,
        };
        let mut keywords: Vec<String> = store
            .objects(iri.as_ref().into(), schema::KEYWORDS)?
            .into_iter()
            .filter_map(|t| match t {
                Term::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            })
            .collect();
        keywords.sort();
        let triples = rows(store, queries::NAMED_GRAPH_TRIPLES, timeout)?
            .first()
            .map_or(0, |r| count(r.get("triples")));
        let pairs =
            |query: &str, key: &str, value: &str| -> Result<Vec<(NamedNode, u64)>, AppError> {
                Ok(rows(store, query, timeout)?
                    .iter()
                    .filter_map(|r| match r.get(key) {
                        Some(Term::NamedNode(n)) => Some((n.clone(), count(r.get(value)))),
                        _ => None,
                    })
                    .collect())
            };
        let classes = pairs(queries::VOID_CLASSES, "class", "entities")?;
        let properties = pairs(queries::VOID_PROPERTIES, "property", "triples")?;
        let mut linksets = Vec::new();
        for row in rows(store, queries::VOID_LINKSETS, timeout)? {
            if let Some(Term::Literal(target)) = row.get("target")
                && let Some((key, _, _)) =
                    LINK_TARGETS.iter().find(|(_, _, p)| *p == target.value())
            {
                linksets.push((*key, count(row.get("links"))));
            }
        }
        // the featured paper of the home page when the store has it, else any entity
        let seed = crate::ids::Doi::parse(crate::pages::home::SEED_DOI)
            .ok()
            .map(|doi| store.minter().paper(&doi));
        let example = match seed {
            Some(seed) if store.modified(seed.as_ref())?.is_some() => {
                Some(seed.as_str().to_owned())
            }
            _ => store
                .stamped()
                .next()
                .transpose()?
                .map(|(e, _)| e.as_str().to_owned()),
        };
        let releases = match dumps {
            Some(dir) => {
                crate::dump::releases(dir).map_err(|e| AppError::Internal(e.to_string()))?
            }
            None => Vec::new(),
        };
        Ok(Self {
            iri: iri.as_str().to_owned(),
            name: text(schema::NAME)?,
            description: text(schema::DESCRIPTION)?,
            license: link(iri.as_ref(), schema::LICENSE)?.map(|l| l.as_str().to_owned()),
            creator,
            keywords,
            spatial: text(schema::SPATIAL_COVERAGE)?,
            triples,
            classes,
            properties,
            linksets,
            modified: store.dataset_modified()?,
            example,
            releases,
        })
    }

    /// The vocabularies its properties come from (namespace IRIs).
    pub fn vocabularies(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .properties
            .iter()
            .filter_map(|(p, _)| {
                let iri = p.as_str();
                iri.rfind(['#', '/']).map(|i| iri[..=i].to_owned())
            })
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// schema.org `Dataset` JSON-LD, as Google's dataset guidance asks.
    pub fn json_ld(&self, base: &str) -> Value {
        let mut dataset = json!({
            "@context": "https://schema.org",
            "@type": "Dataset",
            "@id": self.iri,
            "url": format!("{base}dataset"),
            "name": self.name.clone().unwrap_or_else(|| "steppe dataset".to_owned()),
            "isAccessibleForFree": true,
        });
        let map = dataset.as_object_mut().expect("an object");
        if let Some(description) = &self.description {
            map.insert("description".into(), json!(description));
        }
        if let Some(license) = &self.license {
            map.insert("license".into(), json!(license));
        }
        if let Some((name, url)) = &self.creator {
            let mut creator = json!({ "@type": "Organization", "name": name });
            if let Some(url) = url {
                creator["url"] = json!(url);
            }
            map.insert("creator".into(), creator.clone());
            map.insert("publisher".into(), creator);
        }
        if !self.keywords.is_empty() {
            map.insert("keywords".into(), json!(self.keywords));
        }
        if let Some(place) = &self.spatial {
            map.insert(
                "spatialCoverage".into(),
                json!({ "@type": "Place", "name": place }),
            );
        }
        if let Some(modified) = &self.modified {
            map.insert("dateModified".into(), json!(modified));
        }
        if let Some(latest) = self.releases.first() {
            let downloads: Vec<Value> = latest
                .files
                .iter()
                .map(|f| {
                    json!({
                        "@type": "DataDownload",
                        "encodingFormat": f.media,
                        "contentUrl": format!("{base}dumps/{}", f.name),
                        "contentSize": format!("{} B", f.bytes),
                    })
                })
                .collect();
            map.insert("distribution".into(), Value::Array(downloads));
        }
        dataset
    }
}

/// The `/dataset` page.
#[derive(Template)]
#[template(path = "dataset.html")]
struct DatasetPage {
    dataset: Description,
    /// The page's own IRI.
    canonical: String,
    json_ld: String,
    /// (class, instances) of the best-known classes, in order.
    classes: Vec<(String, u64)>,
    /// (target name, its entities' IRI prefix, links).
    links: Vec<(&'static str, &'static str, u64)>,
}

/// `GET /dataset`: the dataset page, cached for the store's revision.
pub async fn page(State(app): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let revision = app.store.revision();
    let etag = crate::caching::etag(&revision, &["dataset", env!("CARGO_PKG_VERSION")]);
    let answer = async {
        let key = "dataset page".to_owned();
        if let Some(hit) = app.pages.get(&revision, &key) {
            return Ok(hit.response());
        }
        let dumps = app.dumps.clone();
        let timeout = Some(app.query_timeout);
        let dataset = app
            .blocking(move |store| {
                Description::gather(store, dumps.as_deref().map(|d| d.as_path()), timeout)
            })
            .await?;
        let base = app.store.minter().base().to_owned();
        let json_ld = crate::pages::paper::script_json(&dataset.json_ld(&base));
        let shown = [
            (schema::SCHOLARLY_ARTICLE, "Papers"),
            (schema::PERSON, "People"),
            (schema::ORGANIZATION, "Organisations"),
            (schema::PERIODICAL, "Journals"),
            (schema::DEFINED_TERM, "Topics"),
        ];
        let classes = shown
            .iter()
            .map(|(class, label)| {
                let n = dataset
                    .classes
                    .iter()
                    .find(|(c, _)| c.as_ref() == *class)
                    .map_or(0, |(_, n)| *n);
                ((*label).to_owned(), n)
            })
            .collect();
        let links = LINK_TARGETS
            .iter()
            .map(|(key, name, prefix)| {
                let n = dataset
                    .linksets
                    .iter()
                    .find(|(k, _)| k == key)
                    .map_or(0, |(_, n)| *n);
                (*name, *prefix, n)
            })
            .collect();
        let response = crate::pages::render(&DatasetPage {
            canonical: format!("{base}dataset"),
            dataset,
            json_ld,
            classes,
            links,
        });
        app.pages.keep(&revision, key, response, None).await
    };
    crate::caching::cached(&headers, etag, app.store.last_changed(), answer).await
}
