//! The SPARQL 1.1 Graph Store Protocol.
//!
//! Graphs are named indirectly at `/store?graph={IRI}` or `/store?default`, or directly: a
//! request to a graph's own name under `{base}graph/` (`/graph/source/kassen-2018.ttl`) acts on
//! that graph. `GET`/`HEAD` need a token with the read scope, `PUT`/`POST`/`DELETE` one with
//! the write scope; without a token file the graph store is off. `GET` streams the graph in a
//! negotiated RDF format through the named queries `graph` and `default_graph`. `PUT` replaces
//! a graph (201 when it was created, 204 otherwise), `POST` adds to one (an RDF document, or
//! `multipart/form-data` with one document a part), `POST /store` creates a graph
//! `{base}graph/posted/{id}` and answers 201 with its `Location`, `DELETE` drops one (404 when
//! there is none). Each write is one transaction (`Store::replace_graph` and friends).

use crate::auth::Scope;
use crate::http::{AppError, AppState, body_media_type};
use crate::queries;
use crate::store::{QueryDataset, WriteError, WriteReport};
use axum::body::Bytes;
use axum::extract::{OriginalUri, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphName, NamedNode, Quad, Term};
use std::time::{SystemTime, UNIX_EPOCH};

/// What a request names.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    /// A graph: named, or the store's own default graph.
    Graph(GraphName),
    /// The graph store itself (`POST` creates a graph there).
    Store,
}

/// `/store` with `?graph=` or `?default` (indirect identification).
pub async fn indirect(
    State(app): State<AppState>,
    method: Method,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    handle(
        &app,
        &method,
        indirect_target(raw.as_deref())?,
        &headers,
        body,
    )
    .await
}

/// `/graph/{*name}` (direct identification): the request's URL names the graph.
pub async fn direct(
    State(app): State<AppState>,
    method: Method,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let iri = format!(
        "{}{}",
        app.store.minter().base(),
        uri.path().trim_start_matches('/')
    );
    let graph = NamedNode::new(&iri)
        .map_err(|e| AppError::BadRequest(format!("<{iri}> is not an IRI: {e}")))?;
    handle(&app, &method, Target::Graph(graph.into()), &headers, body).await
}

fn indirect_target(raw: Option<&str>) -> Result<Target, AppError> {
    let params = crate::http::url_params(raw)?;
    let graphs: Vec<&str> = params
        .iter()
        .filter(|(k, _)| k == "graph")
        .map(|(_, v)| v.as_str())
        .collect();
    let default = params.iter().any(|(k, _)| k == "default");
    match (graphs.as_slice(), default) {
        ([], false) => Ok(Target::Store),
        ([], true) => Ok(Target::Graph(GraphName::DefaultGraph)),
        ([graph], false) => Ok(Target::Graph(crate::http::graph_param(graph)?.into())),
        _ => Err(AppError::BadRequest(
            "name one graph: either ?graph=IRI or ?default".to_owned(),
        )),
    }
}

async fn handle(
    app: &AppState,
    method: &Method,
    target: Target,
    headers: &HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let needed = if method == Method::GET || method == Method::HEAD {
        Scope::Read
    } else {
        Scope::Write
    };
    let who = app.authorize(headers, needed)?;
    let graph = match (target, method) {
        (Target::Graph(graph), _) => graph,
        (Target::Store, &Method::POST) => {
            let seed = format!(
                "{who} {:?}",
                SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .unwrap_or_default()
            );
            let graph: GraphName = app.store.minter().posted_graph(&seed).into();
            let documents = documents(headers, &body)?;
            let report = write(app, &graph, documents, &who, Write::Add).await?;
            return Ok(written(&report, &graph, true));
        }
        (Target::Store, _) => {
            return Err(AppError::BadRequest(
                "name a graph: ?graph=IRI or ?default (only POST may create one at /store)"
                    .to_owned(),
            ));
        }
    };
    match *method {
        Method::GET | Method::HEAD => read(app, graph, headers).await,
        Method::PUT => {
            let documents = documents(headers, &body)?;
            let report = write(app, &graph, documents, &who, Write::Replace).await?;
            Ok(written(&report, &graph, false))
        }
        Method::POST => {
            let documents = documents(headers, &body)?;
            let report = write(app, &graph, documents, &who, Write::Add).await?;
            Ok(written(&report, &graph, false))
        }
        Method::DELETE => {
            let target = graph.clone();
            app.blocking(move |store| match store.drop_graph(&target, &who) {
                Err(WriteError::NoSuchGraph(_)) => Err(AppError::NotFound),
                other => Ok(other?),
            })
            .await?;
            Ok(StatusCode::NO_CONTENT.into_response())
        }
        _ => {
            let mut response = StatusCode::METHOD_NOT_ALLOWED.into_response();
            response.headers_mut().insert(
                header::ALLOW,
                HeaderValue::from_static("GET, HEAD, PUT, POST, DELETE"),
            );
            Ok(response)
        }
    }
}

/// `GET`/`HEAD`: 404 for a graph that does not exist, else the graph, negotiated and streamed.
async fn read(app: &AppState, graph: GraphName, headers: &HeaderMap) -> Result<Response, AppError> {
    let probe = graph.clone();
    let exists = app
        .blocking(move |store| Ok(store.graph_exists(probe.as_ref())?))
        .await?;
    if !exists {
        return Err(AppError::NotFound);
    }
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
    let (query, bindings, dataset) = match graph {
        GraphName::NamedNode(node) => (
            queries::GRAPH,
            vec![("g".to_owned(), Term::from(node))],
            QueryDataset::default(),
        ),
        _ => (
            queries::DEFAULT_GRAPH,
            Vec::new(),
            QueryDataset {
                default_graphs: vec![GraphName::DefaultGraph],
                named_graphs: Vec::new(),
            },
        ),
    };
    crate::sparql::run(app, query.to_owned(), bindings, dataset, accept, Vec::new()).await
}

#[derive(Clone, Copy)]
enum Write {
    Replace,
    Add,
}

/// Parses every document into `graph` (all before anything is written), then writes.
async fn write(
    app: &AppState,
    graph: &GraphName,
    documents: Vec<(RdfFormat, Bytes)>,
    who: &str,
    how: Write,
) -> Result<WriteReport, AppError> {
    let (graph, who) = (graph.clone(), who.to_owned());
    app.blocking(move |store| {
        let mut quads: Vec<Quad> = Vec::new();
        for (format, bytes) in &documents {
            quads.extend(
                store
                    .parse_graph(bytes, *format, &graph)
                    .map_err(|e| AppError::BadRequest(e.to_string()))?,
            );
        }
        Ok(match how {
            Write::Replace => store.replace_graph(&graph, &quads, &who)?,
            Write::Add => store.add_to_graph(&graph, &quads, &who)?,
        })
    })
    .await
}

/// 201 with the graph's `Location` when the write created it, else 204.
fn written(report: &WriteReport, graph: &GraphName, always_created: bool) -> Response {
    if !(report.created || always_created) {
        return StatusCode::NO_CONTENT.into_response();
    }
    let mut response = StatusCode::CREATED.into_response();
    if let GraphName::NamedNode(node) = graph
        && let Ok(location) = HeaderValue::from_str(node.as_str())
    {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

/// The RDF documents of a request body: the body itself, or each part of a
/// `multipart/form-data` body, each with the format its media type names.
fn documents(headers: &HeaderMap, body: &Bytes) -> Result<Vec<(RdfFormat, Bytes)>, AppError> {
    let media = body_media_type(headers)?;
    if media == "multipart/form-data" {
        let content_type = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let boundary = content_type
            .split(';')
            .filter_map(|p| p.split_once('='))
            .find(|(name, _)| name.trim().eq_ignore_ascii_case("boundary"))
            .map(|(_, value)| value.trim().trim_matches('"').to_owned())
            .ok_or_else(|| {
                AppError::BadRequest("multipart/form-data without a boundary".to_owned())
            })?;
        return multipart(body, &boundary)?
            .into_iter()
            .map(|(media, part)| Ok((format(&media)?, part)))
            .collect();
    }
    Ok(vec![(format(&media)?, body.clone())])
}

fn format(media: &str) -> Result<RdfFormat, AppError> {
    RdfFormat::from_media_type(media).ok_or_else(|| {
        AppError::UnsupportedMediaType(format!(
            "an RDF document is sent as text/turtle, application/n-triples, application/n-quads, application/trig, text/n3, application/ld+json or application/rdf+xml, not {media:?}"
        ))
    })
}

/// The parts of a `multipart/form-data` body (RFC 7578), each with its media type (from its
/// `Content-Type`, or from its file name's extension).
fn multipart(body: &Bytes, boundary: &str) -> Result<Vec<(String, Bytes)>, AppError> {
    let bad = |message: &str| AppError::BadRequest(format!("multipart/form-data body: {message}"));
    let delimiter = format!("--{boundary}");
    let mut parts = Vec::new();
    let mut rest = find(body, delimiter.as_bytes())
        .map(|at| at + delimiter.len())
        .ok_or_else(|| bad("the boundary never appears"))?;
    loop {
        if body[rest..].starts_with(b"--") {
            return Ok(parts);
        }
        let start = rest
            + find(&body[rest..], b"\r\n").ok_or_else(|| bad("a delimiter line does not end"))?
            + 2;
        let head_end = start
            + find(&body[start..], b"\r\n\r\n")
                .ok_or_else(|| bad("a part's headers do not end with an empty line"))?;
        let head = std::str::from_utf8(&body[start..head_end])
            .map_err(|_| bad("a part's headers are not UTF-8"))?;
        let content = head_end + 4;
        let close = format!("\r\n{delimiter}");
        let end = content
            + find(&body[content..], close.as_bytes())
                .ok_or_else(|| bad("a part is not closed by the boundary"))?;
        let mut media = None;
        let mut file_name = None;
        for line in head.split("\r\n") {
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            if name.trim().eq_ignore_ascii_case("content-type") {
                media = Some(
                    value
                        .split(';')
                        .next()
                        .unwrap_or("")
                        .trim()
                        .to_ascii_lowercase(),
                );
            } else if name.trim().eq_ignore_ascii_case("content-disposition") {
                file_name = value
                    .split(';')
                    .filter_map(|p| p.split_once('='))
                    .find(|(k, _)| k.trim().eq_ignore_ascii_case("filename"))
                    .map(|(_, v)| v.trim().trim_matches('"').to_owned());
            }
        }
        let media = match (media, file_name) {
            (Some(media), _) if media != "application/octet-stream" => media,
            (_, Some(name)) => name
                .rsplit_once('.')
                .and_then(|(_, ext)| RdfFormat::from_extension(ext))
                .map(|f| f.media_type().to_owned())
                .ok_or_else(|| bad(&format!("the part {name:?} has no RDF media type")))?,
            _ => return Err(bad("a part has neither a Content-Type nor a file name")),
        };
        parts.push((media, body.slice(content..end)));
        rest = end + close.len();
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        assert_eq!(indirect_target(None).unwrap(), Target::Store);
        assert_eq!(
            indirect_target(Some("default")).unwrap(),
            Target::Graph(GraphName::DefaultGraph)
        );
        // decoded once: %2531 stays %31 in the IRI
        assert_eq!(
            indirect_target(Some("graph=http://x.test/%2531.ttl")).unwrap(),
            Target::Graph(NamedNode::new("http://x.test/%31.ttl").unwrap().into())
        );
        for bad in [
            "graph=a&default",
            "graph=not%20an%20iri",
            "graph=http://a/&graph=http://b/",
        ] {
            assert!(indirect_target(Some(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn multipart_parts_keep_their_types() {
        let body = Bytes::from_static(
            b"--XyZ\r\nContent-Disposition: form-data; name=\"a\"; filename=\"a.ttl\"\r\nContent-Type: text/turtle\r\n\r\n<a> <b> <c> .\r\n--XyZ\r\nContent-Disposition: form-data; name=\"b\"; filename=\"b.nt\"\r\n\r\n<d> <e> <f> .\r\n--XyZ--\r\n",
        );
        let parts = multipart(&body, "XyZ").unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].0, "text/turtle");
        assert_eq!(&parts[0].1[..], b"<a> <b> <c> .");
        assert_eq!(parts[1].0, "application/n-triples");
        assert_eq!(&parts[1].1[..], b"<d> <e> <f> .");
        for bad in [
            &b"no boundary here"[..],
            b"--XyZ\r\nContent-Type: text/turtle\r\n<a> <b> <c> .",
            b"--XyZ\r\nContent-Type: text/turtle\r\n\r\n<a> <b> <c> .",
            b"--XyZ\r\nX: y\r\n\r\n<a> <b> <c> .\r\n--XyZ--",
        ] {
            assert!(multipart(&Bytes::copy_from_slice(bad), "XyZ").is_err());
        }
    }
}
