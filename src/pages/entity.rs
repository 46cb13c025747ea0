//! An entity at its IRI, `/{kind}/{id}`: an HTML page for people, RDF for programs, both from
//! the entity's one `Document`.
//!
//! The representation is chosen by a suffix (`.ttl`, `.jsonld`, `.nt`, `.nq`, `.rdf`), else by
//! `?format=`, else by `Accept` (HTML for browsers and `*/*`; no match is 406). The answer comes
//! directly (no 303), with `Vary: Accept`, the `Content-Location` of the representation, and a
//! `Link` header naming every alternate. Literals follow `?lang=`, then `Accept-Language`
//! (see `document::pick_language` for the fallback).

use crate::caching;
use crate::citation::{self, Style};
use crate::conneg;
use crate::document::{Cursor, Document, RelatedItem, page_iri};
use crate::http::{AppError, AppState};
use crate::mint::Kind;
use crate::pages::paper::{Paper, href, script_json};
use crate::pages::signposting::{self, Signpost};
use crate::store::List as RelatedList;
use crate::vocab::{rdf, schema};
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{NamedNode, Term};

/// A representation: its media type, its suffix, and for RDF its format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Representation {
    pub media: &'static str,
    pub suffix: &'static str,
    pub name: &'static str,
    rdf: Option<RdfFormat>,
    /// A citation of a paper (papers only).
    citation: bool,
}

/// Every representation of an entity, HTML first (it wins ties such as `*/*`).
pub const REPRESENTATIONS: &[Representation] = &[
    Representation {
        media: "text/html",
        suffix: "",
        name: "html",
        rdf: None,
        citation: false,
    },
    Representation {
        media: "text/turtle",
        suffix: ".ttl",
        name: "ttl",
        rdf: Some(RdfFormat::Turtle),
        citation: false,
    },
    Representation {
        media: "application/ld+json",
        suffix: ".jsonld",
        name: "jsonld",
        rdf: Some(RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        }),
        citation: false,
    },
    Representation {
        media: "application/n-triples",
        suffix: ".nt",
        name: "nt",
        rdf: Some(RdfFormat::NTriples),
        citation: false,
    },
    Representation {
        media: "application/n-quads",
        suffix: ".nq",
        name: "nq",
        rdf: Some(RdfFormat::NQuads),
        citation: false,
    },
    Representation {
        media: "application/rdf+xml",
        suffix: ".rdf",
        name: "rdf",
        rdf: Some(RdfFormat::RdfXml),
        citation: false,
    },
    Representation {
        media: "application/x-bibtex",
        suffix: ".bib",
        name: "bibtex",
        rdf: None,
        citation: true,
    },
    Representation {
        media: "application/x-research-info-systems",
        suffix: ".ris",
        name: "ris",
        rdf: None,
        citation: true,
    },
    Representation {
        media: "application/vnd.citationstyles.csl+json",
        suffix: ".csl.json",
        name: "csl",
        rdf: None,
        citation: true,
    },
    Representation {
        media: "text/x-bibliography",
        suffix: ".txt",
        name: "bibliography",
        rdf: None,
        citation: true,
    },
];

/// The representations of an entity of `kind`: citations for papers only.
fn offered(kind: &str) -> impl Iterator<Item = Representation> + '_ {
    REPRESENTATIONS
        .iter()
        .copied()
        .filter(move |r| !r.citation || kind == Kind::Paper.segment())
}

fn by_name(name: &str) -> Option<Representation> {
    let name = name.trim().to_ascii_lowercase();
    let name = match name.as_str() {
        "turtle" | "text/turtle" => "ttl",
        "json-ld" | "application/ld+json" => "jsonld",
        "ntriples" | "n-triples" | "application/n-triples" => "nt",
        "nquads" | "n-quads" | "application/n-quads" => "nq",
        "rdfxml" | "rdf/xml" | "xml" | "application/rdf+xml" => "rdf",
        "text/html" => "html",
        "bib" | "application/x-bibtex" => "bibtex",
        "application/x-research-info-systems" => "ris",
        "csl-json" | "citeproc-json" | "application/vnd.citationstyles.csl+json" => "csl",
        "text" | "text/x-bibliography" => "bibliography",
        other => other,
    };
    REPRESENTATIONS.iter().copied().find(|r| r.name == name)
}

/// `GET /{kind}/{id}/`: the canonical IRI has no trailing slash.
pub async fn trailing_slash(Path((kind, id)): Path<(String, String)>) -> Response {
    moved(&format!("/{kind}/{id}"))
}

/// `GET /paper/{id}/card.svg`: the paper's title card.
pub async fn card(
    State(app): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let base = app.store.minter().base().to_owned();
    let iri = NamedNode::new(format!("{base}paper/{id}")).map_err(|_| AppError::NotFound)?;
    let timeout = Some(app.query_timeout);
    let document = app
        .blocking(move |store| Ok(Document::load(store, &iri, timeout)?))
        .await?
        .ok_or(AppError::NotFound)?;
    let paper = Paper::from_document(&document, &base, &[]);
    let svg = crate::pages::paper::Card::of(&paper)
        .render()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        svg,
    )
        .into_response())
}

/// 301 Moved Permanently to `location`.
pub fn moved(location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(value) => (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, value)]).into_response(),
        Err(_) => AppError::NotFound.into_response(),
    }
}

/// `GET /{kind}/{id}` (and `HEAD`), with an optional format suffix on `id`.
pub async fn handler(
    State(app): State<AppState>,
    Path((kind, id)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    if !Kind::ALL.iter().any(|k| k.segment() == kind) {
        return Err(AppError::NotFound);
    }
    let params = crate::http::url_params(raw.as_deref())?;
    let param = |key: &str| {
        params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    };
    // a suffix names the representation; the entity is the id without it
    let (id, suffixed) = match offered(&kind)
        .filter(|r| !r.suffix.is_empty())
        .find_map(|r| id.strip_suffix(r.suffix).map(|bare| (bare.to_owned(), r)))
    {
        Some((bare, r)) => (bare, Some(r)),
        None => (id, None),
    };
    let chosen = match (suffixed, param("format")) {
        (Some(r), _) => r,
        (None, Some(format)) => by_name(&format)
            .filter(|r| offered(&kind).any(|o| o == *r))
            .ok_or_else(|| AppError::NotAcceptable(offered(&kind).map(|r| r.media).collect()))?,
        (None, None) => {
            let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
            let media: Vec<&'static str> = offered(&kind).map(|r| r.media).collect();
            let chosen = conneg::negotiate(accept, &media)
                .ok_or_else(|| AppError::NotAcceptable(media.clone()))?;
            offered(&kind)
                .find(|r| r.media == chosen)
                .ok_or(AppError::NotFound)?
        }
    };
    // a formatted reference's style: `?style=`, else the media type's `style` parameter (as
    // DOI content negotiation reads it), else APA; a style steppe does not know is 406
    let style = if chosen.name == "bibliography" {
        let named = param("style").or_else(|| {
            conneg::parameter(
                headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()),
                chosen.media,
                "style",
            )
        });
        match named {
            None => Style::Apa,
            Some(name) => Style::parse(&name).ok_or_else(|| {
                AppError::NotAcceptableWhy(format!(
                    "no citation style {name:?}; known: {}",
                    Style::ALL.map(Style::name).join(", ")
                ))
            })?,
        }
    } else {
        Style::Apa
    };
    let cursor = Cursor::from_params(param("after"), param("before"));
    let languages = languages(param("lang").as_deref(), &headers);
    let revision = app.store.revision();
    let key = format!(
        "{kind}/{id}\u{0}{}\u{0}{}\u{0}{}\u{0}{}",
        chosen.name,
        languages.join(","),
        cursor.query().unwrap_or_default(),
        style.name()
    );
    // The ETag rests on when the entity last changed (kept with the answer rendered for this
    // revision, else one lookup): it changes when what the entity shows changes, not with
    // every write to the store; an entity not stamped falls back on the store's revision.
    let hit = app.pages.get(&revision, &key);
    let modified = match &hit {
        Some(hit) => hit.modified.clone(),
        None => {
            let iri = format!("{}{kind}/{id}", app.store.minter().base());
            app.blocking(move |store| {
                Ok(match NamedNode::new(iri) {
                    Ok(iri) => store.modified(iri.as_ref())?,
                    Err(_) => None,
                })
            })
            .await?
        }
    };
    let etag = caching::etag(
        modified.as_deref().unwrap_or(&revision),
        &[&key, env!("CARGO_PKG_VERSION")],
    );
    let last_modified = modified.as_deref().and_then(caching::parse_timestamp);
    let answer = async {
        if let Some(hit) = hit {
            return Ok(hit.response());
        }
        let response = represent(&app, &kind, &id, (chosen, style), &languages, cursor).await?;
        app.pages
            .keep(&revision, key.clone(), response, modified.clone())
            .await
    };
    // a client whose copy is current gets 304, without rendering
    let mut response = caching::cached(&headers, etag, last_modified, answer).await?;
    response.headers_mut().insert(
        header::VARY,
        HeaderValue::from_static("accept, accept-language"),
    );
    // what it varies by is the path, the query and the Accept headers: replayed whole
    if response.status() == StatusCode::OK {
        response.extensions_mut().insert(crate::replay::Reusable);
    }
    Ok(response)
}

/// Renders one representation of the entity `{kind}/{id}`, with its negotiation headers.
async fn represent(
    app: &AppState,
    kind: &str,
    id: &str,
    (chosen, style): (Representation, Style),
    languages: &[String],
    cursor: Cursor,
) -> Result<Response, AppError> {
    let base = app.store.minter().base().to_owned();
    let iri = NamedNode::new(format!("{base}{kind}/{id}")).map_err(|_| AppError::NotFound)?;
    let timeout = Some(app.query_timeout);
    let listed = kind != Kind::Paper.segment();
    let kind_of = kind.to_owned();
    let document = app
        .blocking(move |store| {
            let Some(document) = Document::load(store, &iri, timeout)? else {
                return Ok(None);
            };
            let document = document.with_sources(store, timeout)?;
            if !listed {
                return Ok(Some(document.with_cited_by(store, timeout)?));
            }
            // the lists from memory when the index is current, else by their queries
            let index = store.lists();
            let of = index
                .as_deref()
                .map(|index| index.of(document.iri.as_ref()));
            let lists = of.as_ref();
            let mut document = document
                .with_papers(store, lists, cursor, timeout)?
                .with_years(store, lists, timeout)?;
            for list in related_lists(&kind_of) {
                document = document.with_related(store, lists, list, timeout)?;
            }
            Ok(Some(document))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let path = format!("/{kind}/{id}");
    let paper =
        (kind == Kind::Paper.segment()).then(|| Paper::from_document(&document, &base, languages));
    let documents: Vec<(&'static str, String)> = offered(kind)
        .filter(|r| !r.suffix.is_empty())
        .map(|r| (r.media, format!("{path}{}", r.suffix)))
        .collect();
    let signposts = signposting::signposts(&document, paper.as_ref(), &documents);
    let mut response = match chosen.rdf {
        Some(format) => rdf_response(&document, chosen.media, format)?,
        None if chosen.citation => match &paper {
            Some(paper) => citation_response(paper, chosen, style)?,
            None => return Err(AppError::NotFound),
        },
        None => {
            let mut response = page(&document, kind, &base, languages, signposts.clone())?;
            if let Some(lang) = content_language(&document, languages)
                && let Ok(value) = HeaderValue::from_str(&lang)
            {
                response
                    .headers_mut()
                    .insert(header::CONTENT_LANGUAGE, value);
            }
            response
        }
    };
    let out = response.headers_mut();
    if let Ok(location) = HeaderValue::from_str(&format!("{path}{}", chosen.suffix)) {
        out.insert(header::CONTENT_LOCATION, location);
    }
    let links: Vec<String> = std::iter::once(alternates(kind, &path))
        .chain(signposts.iter().map(signposting::Signpost::header))
        .collect();
    if let Ok(link) = HeaderValue::from_str(&links.join(", ")) {
        out.insert(header::LINK, link);
    }
    Ok(response)
}

/// The lists an entity page shows besides its papers: (collection key, heading, list).
fn related_lists(kind: &str) -> Vec<(&'static str, &'static str, RelatedList)> {
    match kind {
        "person" => vec![
            (
                "affiliations",
                "Affiliations at publication",
                RelatedList::Affiliations,
            ),
            ("coauthors", "Co-authors", RelatedList::Coauthors),
            ("topics", "Topics", RelatedList::Topics),
        ],
        "org" => vec![
            ("people", "People", RelatedList::People),
            ("topics", "Topics", RelatedList::Topics),
        ],
        "journal" => vec![("topics", "Topics", RelatedList::Topics)],
        "topic" => vec![("related", "Related topics", RelatedList::RelatedTopics)],
        _ => Vec::new(),
    }
}

/// A citation of `paper` in the chosen format.
fn citation_response(
    paper: &Paper,
    chosen: Representation,
    style: Style,
) -> Result<Response, AppError> {
    let (media, body) = match chosen.name {
        "bibtex" => (
            "application/x-bibtex; charset=utf-8",
            citation::bibtex(paper),
        ),
        "ris" => (
            "application/x-research-info-systems; charset=utf-8",
            citation::ris(paper),
        ),
        "csl" => (
            "application/vnd.citationstyles.csl+json",
            serde_json::to_string_pretty(&citation::csl(paper))
                .map_err(|e| AppError::Internal(e.to_string()))?,
        ),
        _ => (
            "text/x-bibliography; charset=utf-8",
            citation::reference(paper, style) + "\n",
        ),
    };
    let mut response = ([(header::CONTENT_TYPE, media)], body).into_response();
    let file = format!("{}{}", citation::key(paper), chosen.suffix);
    if let Ok(value) = HeaderValue::from_str(&format!("inline; filename=\"{file}\"")) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

/// The `Link` header: every representation as an alternate.
fn alternates(kind: &str, path: &str) -> String {
    offered(kind)
        .map(|r| {
            format!(
                "<{path}{}>; rel=\"alternate\"; type=\"{}\"",
                r.suffix, r.media
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The reader's languages, best first: `?lang=` (comma-separated), then `Accept-Language`
/// by q-value.
pub fn languages(param: Option<&str>, headers: &HeaderMap) -> Vec<String> {
    let mut out: Vec<String> = param
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty() && t.len() <= 35)
        .map(str::to_owned)
        .collect();
    let accepted = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mut ranged: Vec<(f32, usize, String)> = accepted
        .split(',')
        .enumerate()
        .filter_map(|(index, range)| {
            let mut parts = range.split(';');
            let tag = parts.next()?.trim();
            if tag.is_empty() || tag == "*" || tag.len() > 35 {
                return None;
            }
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            (q > 0.0).then(|| (q, index, tag.to_owned()))
        })
        .collect();
    ranged.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    out.extend(ranged.into_iter().map(|(_, _, tag)| tag));
    out
}

/// The language the page's main text is in: that of the entity's name as chosen.
fn content_language(document: &Document, languages: &[String]) -> Option<String> {
    let this = document.iri.as_ref();
    document
        .literal(this, schema::HEADLINE, languages)
        .or_else(|| document.literal(this, schema::NAME, languages))
        .and_then(|l| l.language().map(str::to_owned))
}

fn rdf_response(
    document: &Document,
    media: &'static str,
    format: RdfFormat,
) -> Result<Response, AppError> {
    let triples = document.triples();
    let mut body = Vec::new();
    if format == RdfFormat::Turtle {
        crate::pretty::write_turtle(&triples, &mut body)
            .map_err(|e| AppError::Internal(e.to_string()))?;
    } else {
        let mut serializer =
            crate::store::with_prefixes(RdfSerializer::from_format(format)).for_writer(body);
        for triple in &triples {
            serializer
                .serialize_triple(triple)
                .map_err(|e| AppError::Internal(e.to_string()))?;
        }
        body = serializer
            .finish()
            .map_err(|e| AppError::Internal(e.to_string()))?;
    }
    let content_type = if media.starts_with("text/") {
        format!("{media}; charset=utf-8")
    } else {
        media.to_owned()
    };
    Ok(([(header::CONTENT_TYPE, content_type)], body).into_response())
}

/// One statement on a generic page.
#[derive(Debug, Clone)]
pub struct Row {
    pub property: String,
    pub value: String,
    pub href: Option<String>,
}

#[derive(Template)]
#[template(path = "paper.html")]
struct PaperPage<'a> {
    paper: &'a Paper,
    /// The paper's reference in APA style.
    reference: String,
    /// The other styles, (label, name).
    styles: Vec<(&'static str, &'static str)>,
    head: Head,
    sources: &'a [(String, String, Vec<String>)],
}

/// A paper in a list on a page.
#[derive(Debug, Clone)]
pub struct Item {
    pub href: String,
    pub title: String,
    pub date: Option<String>,
}

/// A related list on a page.
#[derive(Debug, Clone)]
pub struct List {
    pub key: &'static str,
    pub heading: &'static str,
    /// (link, name, papers, years such as "2016–2018")
    pub items: Vec<(String, String, u64, Option<String>)>,
}

#[derive(Template)]
#[template(path = "entity.html")]
struct EntityPage {
    title: String,
    kind: String,
    facts: Vec<crate::pages::facts::Fact>,
    other_names: Vec<(String, String)>,
    rows: Vec<Row>,
    lists: Vec<List>,
    by_year: Vec<(String, u64)>,
    papers: Vec<Item>,
    first_page: Option<String>,
    previous_page: Option<String>,
    next_page: Option<String>,
    head: Head,
}

/// What every entity page puts in its head.
#[derive(Debug, Clone)]
pub struct Head {
    pub lang: String,
    pub canonical: String,
    pub path: String,
    pub alternates: Vec<(&'static str, String)>,
    /// The page in each language its literals are held in (`hreflang` alternates), when more
    /// than one.
    pub translations: Vec<(String, String)>,
    pub json_ld: Option<String>,
    /// FAIR Signposting links, as `<link>` elements.
    pub signposts: Vec<Signpost>,
}

fn head(
    document: &Document,
    kind: &str,
    base: &str,
    languages: &[String],
    (json_ld, signposts): (Option<String>, Vec<Signpost>),
) -> Head {
    let path = href(document.iri.as_str(), base);
    Head {
        lang: content_language(document, languages).unwrap_or_else(|| "en".to_owned()),
        canonical: document.iri.as_str().to_owned(),
        alternates: offered(kind)
            .filter(|r| !r.suffix.is_empty())
            .map(|r| (r.media, format!("{path}{}", r.suffix)))
            .collect(),
        translations: {
            let tags = document.languages();
            if tags.len() > 1 {
                tags.into_iter()
                    .map(|tag| {
                        let href = format!("{}?lang={tag}", document.iri.as_str());
                        (tag, href)
                    })
                    .collect()
            } else {
                Vec::new()
            }
        },
        path,
        json_ld,
        signposts,
    }
}

fn page(
    document: &Document,
    kind: &str,
    base: &str,
    languages: &[String],
    signposts: Vec<Signpost>,
) -> Result<Response, AppError> {
    let response = if kind == Kind::Paper.segment() {
        let paper = Paper::from_document(document, base, languages);
        let json_ld = script_json(&paper.json_ld());
        crate::pages::render(&PaperPage {
            reference: citation::reference(&paper, Style::Apa),
            styles: vec![
                ("APA", Style::Apa.name()),
                ("Chicago", Style::Chicago.name()),
                ("Harvard", Style::Harvard.name()),
                ("IEEE", Style::Ieee.name()),
                ("MLA", Style::Mla.name()),
                ("Vancouver", Style::Vancouver.name()),
            ],
            paper: &paper,
            head: head(document, kind, base, languages, (Some(json_ld), signposts)),
            sources: &document.sources,
        })
    } else {
        let this = document.iri.as_ref();
        let title = document
            .text(this, schema::NAME, languages)
            .unwrap_or_else(|| this.as_str().to_owned());
        let rows = document
            .graph
            .triples_for_subject(this)
            .filter(|t| t.predicate != rdf::TYPE)
            .map(|t| {
                let (value, href_to) = match t.object.into_owned() {
                    Term::NamedNode(n) => (
                        document
                            .text(n.as_ref(), schema::NAME, languages)
                            .unwrap_or_else(|| n.as_str().to_owned()),
                        Some(href(n.as_str(), base)),
                    ),
                    Term::Literal(l) => (l.value().to_owned(), None),
                    Term::BlankNode(b) => (b.to_string(), None),
                };
                Row {
                    property: crate::results::compact(t.predicate.as_str()),
                    value,
                    href: href_to,
                }
            })
            .collect::<Vec<_>>();
        let mut rows = rows;
        rows.sort_by(|a, b| (&a.property, &a.value).cmp(&(&b.property, &b.value)));
        let listing = document.papers.clone().unwrap_or_default();
        let local = |page: String| href(&page, base);
        crate::pages::render(&EntityPage {
            facts: crate::pages::facts::facts(document, kind, base, languages),
            other_names: crate::pages::facts::other_names(document, &title),
            title,
            kind: kind.to_owned(),
            rows,
            papers: listing
                .items
                .iter()
                .map(|item| Item {
                    href: href(item.iri.as_str(), base),
                    title: item
                        .title
                        .as_ref()
                        .map_or_else(|| item.iri.as_str().to_owned(), |t| t.value().to_owned()),
                    date: item.date.as_ref().map(|d| d.value().to_owned()),
                })
                .collect(),
            lists: document
                .related
                .iter()
                .filter(|r| !r.items.is_empty())
                .map(|r| {
                    let mut shown: Vec<(&RelatedItem, String)> = r
                        .items
                        .iter()
                        .map(|i| {
                            let label = crate::document::pick_language(&i.names, languages)
                                .map_or_else(
                                    || i.iri.as_str().to_owned(),
                                    |l| l.value().to_owned(),
                                );
                            (i, label)
                        })
                        .collect();
                    // most papers first (affiliations: the latest year), then by the name
                    // shown, so that ties read alphabetically in the reader's language
                    shown.sort_by(|(a, a_label), (b, b_label)| {
                        let to = |i: &RelatedItem| i.years.as_ref().map(|(_, to)| to.clone());
                        let first = if r.key == "affiliations" {
                            to(b).cmp(&to(a))
                        } else {
                            b.count.cmp(&a.count)
                        };
                        first.then_with(|| a_label.to_lowercase().cmp(&b_label.to_lowercase()))
                    });
                    List {
                        key: r.key,
                        heading: r.heading,
                        items: shown
                            .into_iter()
                            .map(|(i, label)| {
                                let years = i.years.as_ref().map(|(from, to)| {
                                    if from == to {
                                        from.clone()
                                    } else {
                                        format!("{from}–{to}")
                                    }
                                });
                                (href(i.iri.as_str(), base), label, i.count, years)
                            })
                            .collect(),
                    }
                })
                .collect(),
            by_year: document.by_year.clone(),
            first_page: (listing.at != Cursor::First)
                .then(|| local(page_iri(&document.iri, &Cursor::First))),
            previous_page: listing
                .previous
                .as_ref()
                .map(|page| local(page_iri(&document.iri, page))),
            next_page: listing
                .next
                .as_ref()
                .map(|page| local(page_iri(&document.iri, page))),
            head: head(
                document,
                kind,
                base,
                languages,
                (
                    Some(script_json(&crate::pages::structured::json_ld(
                        document, kind,
                    ))),
                    signposts,
                ),
            ),
        })
    };
    if response.status() != StatusCode::OK {
        return Err(AppError::Internal("a page failed to render".to_owned()));
    }
    Ok(response)
}
