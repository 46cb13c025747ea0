//! The SPARQL 1.1 Protocol query endpoint at `/sparql`.
//!
//! Query by GET (`?query=`), POST form (`application/x-www-form-urlencoded`) or POST
//! `application/sparql-query`; `default-graph-uri` and `named-graph-uri` set the dataset
//! (without them the default graph is the union of all graphs). Results are negotiated
//! (`Accept`, or `?format=`) and streamed: evaluation and serialisation run on the blocking
//! pool and the body is sent in chunks as it is written. The first result is computed before
//! the status line, so a query that fails or hits its time limit early gets a proper status.

use crate::conneg;
use crate::http::{AppError, AppState, body_text, graph_param, operation_text, url_params};
use crate::results;
use crate::store::{QueryDataset, QueryError};
use axum::body::{Body, Bytes};
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::response::{IntoResponse, Response};
use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use std::io::{self, Write};

/// Media types of SELECT and ASK results, in our order of preference.
pub const RESULT_TYPES: &[&str] = &[
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
    "application/json",
];

/// Media types of CONSTRUCT and DESCRIBE results, in our order of preference.
pub const GRAPH_TYPES: &[&str] = &[
    "text/turtle",
    "application/n-triples",
    "application/n-quads",
    "application/trig",
    "application/ld+json",
    "application/rdf+xml",
];

/// Bytes buffered before a chunk goes to the client.
const CHUNK: usize = 64 * 1024;

/// What a request asks for.
#[derive(Debug, PartialEq, Eq)]
struct Request {
    query: String,
    dataset: QueryDataset,
    /// `format` and `output` values, each possibly a comma-separated list (SPARQLWrapper sends
    /// `format=json-ld&format=application/ld+json,application/x-json+ld`).
    formats: Vec<String>,
}

/// `GET` and `POST /sparql`.
pub async fn handler(
    State(app): State<AppState>,
    method: Method,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let params = url_params(raw.as_deref())?;
    let read = method == Method::GET || method == Method::HEAD;
    if read && body.is_empty() {
        let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
        if wants_page(accept) {
            return Ok(query_page(&params));
        }
        if !params.iter().any(|(k, _)| k == "query" || k == "update") {
            return crate::service::description(&app, accept).await;
        }
    }
    if method == Method::POST && crate::update::is_update(&headers, &body) {
        return crate::update::execute(&app, params, &headers, &body).await;
    }
    let request = parse_request(&method, params, &headers, &body, app.limits.max_query_bytes)?;
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
    let answer = run(
        &app,
        request.query,
        Vec::new(),
        request.dataset,
        accept,
        request.formats,
    );
    if !read {
        return answer.await;
    }
    // A GET is cacheable: its ETag names the store's revision and everything that shapes the answer.
    let etag = crate::caching::etag(
        &app.store.revision(),
        &[raw.as_deref().unwrap_or(""), accept.unwrap_or("")],
    );
    crate::caching::cached(&headers, etag, app.store.last_changed(), answer).await
}

/// Evaluates a query with bound variables and streams its negotiated results: shared by
/// `/sparql` and the named queries at `/queries/{name}`.
pub async fn run(
    app: &AppState,
    query: String,
    bindings: Vec<(String, Term)>,
    dataset: QueryDataset,
    accept: Option<&str>,
    formats: Vec<String>,
) -> Result<Response, AppError> {
    let permit = app
        .limits
        .queries
        .clone()
        .try_acquire_owned()
        .map_err(|_| AppError::TooManyRequests)?;
    let accept = accept.map(str::to_owned);
    let timeout = app.query_timeout;
    let (head, head_rx) = tokio::sync::oneshot::channel::<Result<Opening, AppError>>();
    let (chunks, chunks_rx) = tokio::sync::mpsc::channel::<Result<Bytes, io::Error>>(8);
    app.stream(move |store| {
        let _permit = permit;
        let bound: Vec<(&str, Term)> = bindings
            .iter()
            .map(|(n, t)| (n.as_str(), t.clone()))
            .collect();
        let results = match store.query_in(&query, &bound, &dataset, Some(timeout)) {
            Ok(results) => results,
            Err(e) => {
                let _ = head.send(Err(e.into()));
                return;
            }
        };
        let mut out = ChunkWriter {
            buffer: Vec::with_capacity(CHUNK),
            chunks,
            head: None,
        };
        if let Err(e) = respond(results, accept.as_deref(), &formats, head, &mut out) {
            match out.head.take() {
                // nothing of the answer has gone: the error is the answer (503 at the limit)
                Some((head, _)) => {
                    let _ = head.send(Err(failed_answer(e)));
                }
                // the status line is gone: end the body with an error so the client sees it cut
                None => {
                    let _ = out.chunks.blocking_send(Err(e));
                }
            }
        }
    });
    let (media_type, body) = match head_rx
        .await
        .map_err(|_| AppError::Internal("the query task ended early".to_owned()))??
    {
        Opening::Whole(media, bytes) => (media, Body::from(bytes)),
        Opening::Streamed(media) => (media, Body::from_stream(Chunks(chunks_rx))),
    };
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
    headers.insert(header::VARY, HeaderValue::from_static("accept"));
    Ok(response)
}

/// Chooses the format, computes the first result, then writes the answer: the head goes with
/// the first chunk, or with the whole answer when it is smaller than a chunk.
fn respond(
    results: QueryResults<'static>,
    accept: Option<&str>,
    format: &[String],
    head: tokio::sync::oneshot::Sender<Result<Opening, AppError>>,
    out: &mut ChunkWriter,
) -> io::Result<()> {
    let fail = |head: tokio::sync::oneshot::Sender<_>, e: AppError| {
        let _ = head.send(Err(e));
        Ok(())
    };
    match results {
        QueryResults::Boolean(value) => {
            let Some((media, format)) = choose_results(accept, format) else {
                return fail(head, AppError::NotAcceptable(RESULT_TYPES.to_vec()));
            };
            out.head = Some((head, media));
            QueryResultsSerializer::from_format(format)
                .serialize_boolean_to_writer(&mut *out, value)?;
        }
        QueryResults::Solutions(mut solutions) => {
            let Some((media, format)) = choose_results(accept, format) else {
                return fail(head, AppError::NotAcceptable(RESULT_TYPES.to_vec()));
            };
            let first = match solutions.next().transpose() {
                Ok(first) => first,
                Err(e) => return fail(head, QueryError::from(e).into()),
            };
            out.head = Some((head, media));
            let variables = solutions.variables().to_vec();
            let all = first.into_iter().map(Ok).chain(solutions);
            results::write_solutions(variables, all, format, &mut *out)
                .map_err(io::Error::other)?;
        }
        QueryResults::Graph(mut triples) => {
            let Some((media, format)) = choose_graph(accept, format) else {
                return fail(head, AppError::NotAcceptable(GRAPH_TYPES.to_vec()));
            };
            let first = match triples.next().transpose() {
                Ok(first) => first,
                Err(e) => return fail(head, QueryError::from(e).into()),
            };
            out.head = Some((head, media));
            let all = first.into_iter().map(Ok).chain(triples);
            results::write_triples(all, format, &mut *out).map_err(io::Error::other)?;
        }
    }
    out.finish()
}

/// The media type `?format=` asks for among `offered`: `Some(None)` when it names a known
/// format that is not offered (406), `None` when no value is a known format (use `Accept`).
fn requested(formats: &[String], offered: &[&'static str]) -> Option<Option<&'static str>> {
    let known: Vec<&'static str> = formats
        .iter()
        .flat_map(|f| f.split(','))
        .filter_map(|name| media_for(name.trim()))
        .collect();
    if known.is_empty() {
        return None;
    }
    Some(known.into_iter().find(|m| offered.contains(m)))
}

fn choose_results(
    accept: Option<&str>,
    format: &[String],
) -> Option<(&'static str, QueryResultsFormat)> {
    let media = match requested(format, RESULT_TYPES) {
        Some(media) => media?,
        None => conneg::negotiate(accept, RESULT_TYPES)?,
    };
    let format = match media {
        "application/sparql-results+xml" => QueryResultsFormat::Xml,
        "text/csv" => QueryResultsFormat::Csv,
        "text/tab-separated-values" => QueryResultsFormat::Tsv,
        _ => QueryResultsFormat::Json,
    };
    Some((media, format))
}

pub(crate) fn choose_graph(
    accept: Option<&str>,
    format: &[String],
) -> Option<(&'static str, RdfFormat)> {
    let media = match requested(format, GRAPH_TYPES) {
        Some(media) => media?,
        // A client that asks only for SPARQL XML results (roqet does) gets RDF/XML.
        None => conneg::negotiate(accept, GRAPH_TYPES).or_else(|| {
            conneg::negotiate(accept, &["application/sparql-results+xml"])
                .map(|_| "application/rdf+xml")
        })?,
    };
    let format = match media {
        "application/n-triples" => RdfFormat::NTriples,
        "application/n-quads" => RdfFormat::NQuads,
        "application/trig" => RdfFormat::TriG,
        "application/ld+json" => RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        },
        "application/rdf+xml" => RdfFormat::RdfXml,
        _ => RdfFormat::Turtle,
    };
    Some((media, format))
}

/// The media type a `?format=` name stands for (a media type itself is accepted too).
fn media_for(name: &str) -> Option<&'static str> {
    Some(match name.to_ascii_lowercase().as_str() {
        "json" | "srj" | "application/sparql-results+json" | "application/json" => {
            "application/sparql-results+json"
        }
        "xml" | "srx" | "application/sparql-results+xml" => "application/sparql-results+xml",
        "csv" | "text/csv" => "text/csv",
        "tsv" | "text/tab-separated-values" => "text/tab-separated-values",
        "ttl" | "turtle" | "text/turtle" => "text/turtle",
        "nt" | "ntriples" | "n-triples" | "application/n-triples" => "application/n-triples",
        "nq" | "nquads" | "n-quads" | "application/n-quads" => "application/n-quads",
        "trig" | "application/trig" => "application/trig",
        "jsonld" | "json-ld" | "application/ld+json" | "application/x-json+ld" => {
            "application/ld+json"
        }
        "rdf" | "rdfxml" | "rdf/xml" | "application/rdf+xml" => "application/rdf+xml",
        _ => return None,
    })
}

/// Whether a GET comes from a browser: it prefers HTML to every format of results and RDF.
fn wants_page(accept: Option<&str>) -> bool {
    // text/html last: a tie (`*/*`) goes to the data formats.
    let mut offered = RESULT_TYPES.to_vec();
    offered.extend_from_slice(GRAPH_TYPES);
    offered.push("text/html");
    accept.is_some() && conneg::negotiate(accept, &offered) == Some("text/html")
}

#[derive(askama::Template)]
#[template(path = "sparql.html")]
struct QueryPage {
    query: String,
    examples: Vec<crate::queries::NamedQuery>,
}

/// The query page, with the query of a shared URL filled in.
fn query_page(params: &[(String, String)]) -> Response {
    let query = params
        .iter()
        .find(|(k, _)| k == "query")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let examples = crate::queries::catalogue();
    let mut response = crate::pages::render(&QueryPage { query, examples });
    response
        .headers_mut()
        .insert(header::VARY, HeaderValue::from_static("accept"));
    response
}

/// Reads the protocol's parameters from the URL and, for POST, the body.
fn parse_request(
    method: &Method,
    mut params: Vec<(String, String)>,
    headers: &HeaderMap,
    body: &[u8],
    max_query_bytes: usize,
) -> Result<Request, AppError> {
    let mut body_query = None;
    if method == Method::POST {
        let media = crate::http::body_media_type(headers)?;
        let text = || body_text(body);
        match media.as_str() {
            "application/x-www-form-urlencoded" => {
                let form: Vec<(String, String)> = serde_urlencoded::from_str(text()?)
                    .map_err(|e| AppError::BadRequest(format!("malformed form body: {e}")))?;
                if params.iter().any(|(k, _)| k == "query")
                    && form.iter().any(|(k, _)| k == "query")
                {
                    return Err(AppError::BadRequest("the query is given twice".to_owned()));
                }
                params.extend(form);
            }
            "application/sparql-query" => body_query = Some(text()?.to_owned()),
            other => {
                return Err(AppError::UnsupportedMediaType(format!(
                    "a SPARQL query is POSTed as application/x-www-form-urlencoded or application/sparql-query, not {other:?}"
                )));
            }
        }
    } else if !body.is_empty() {
        return Err(AppError::BadRequest("a GET request has no body".to_owned()));
    }
    let mut query = body_query;
    let mut dataset = QueryDataset::default();
    let mut formats = Vec::new();
    for (key, value) in params {
        match key.as_str() {
            "query" if query.is_some() => {
                return Err(AppError::BadRequest("the query is given twice".to_owned()));
            }
            "query" => query = Some(value),
            "default-graph-uri" => dataset.default_graphs.push(graph_param(&value)?.into()),
            "named-graph-uri" => dataset.named_graphs.push(graph_param(&value)?),
            "format" | "output" => formats.push(value),
            "update" => {
                return Err(AppError::BadRequest(
                    "an update is POSTed (application/sparql-update, or an update= form field), never sent by GET".to_owned(),
                ));
            }
            _ => {}
        }
    }
    let query = operation_text(
        "query",
        query,
        "pass it as ?query=, a form field or an application/sparql-query body",
        max_query_bytes,
    )?;
    Ok(Request {
        query,
        dataset,
        formats,
    })
}

/// The response body: the chunks the query task sends, ending when it drops its sender.
/// Polling after the end keeps answering `None` (a compression layer does poll again).
struct Chunks(tokio::sync::mpsc::Receiver<Result<Bytes, io::Error>>);

impl futures_util::Stream for Chunks {
    type Item = Result<Bytes, io::Error>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        self.0.poll_recv(cx)
    }
}

/// The answer for an error met while writing results, before any of them went.
fn failed_answer(e: io::Error) -> AppError {
    let message = e.to_string();
    match e
        .into_inner()
        .map(|inner| inner.downcast::<crate::results::ResultsError>())
    {
        Some(Ok(results)) => match *results {
            crate::results::ResultsError::Evaluation(e) => QueryError::Evaluation(e).into(),
            other => AppError::Internal(other.to_string()),
        },
        _ => AppError::Internal(message),
    }
}

/// How an answer starts: its media type, and the whole body when it fits in one chunk.
enum Opening {
    Whole(&'static str, Bytes),
    Streamed(&'static str),
}

/// A `Write` that sends what is written to the response body in chunks. The head waits for
/// the first full chunk: an answer smaller than that goes whole with it, in one hand-off
/// between the query's thread and the connection's instead of three or more (head, chunk,
/// end), which was most of what steppe added to a sub-millisecond query.
struct ChunkWriter {
    buffer: Vec<u8>,
    chunks: tokio::sync::mpsc::Sender<Result<Bytes, io::Error>>,
    /// The head and the media type, until the answer starts.
    head: Option<(
        tokio::sync::oneshot::Sender<Result<Opening, AppError>>,
        &'static str,
    )>,
}

impl ChunkWriter {
    /// Sends the head, if it has not gone, saying the body follows in chunks.
    fn start(&mut self) -> io::Result<()> {
        if let Some((head, media)) = self.head.take() {
            head.send(Ok(Opening::Streamed(media)))
                .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the client went away"))?;
        }
        Ok(())
    }

    /// Ends the answer: whole with the head when the head has not gone, else the last chunk.
    fn finish(&mut self) -> io::Result<()> {
        match self.head.take() {
            Some((head, media)) => {
                let body = Bytes::from(std::mem::take(&mut self.buffer));
                head.send(Ok(Opening::Whole(media, body)))
                    .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the client went away"))
            }
            None => self.send(),
        }
    }

    #[cold]
    fn send(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        self.start()?;
        let chunk = Bytes::from(std::mem::replace(
            &mut self.buffer,
            Vec::with_capacity(CHUNK),
        ));
        self.chunks
            .blocking_send(Ok(chunk))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the client went away"))
    }
}

impl Write for ChunkWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.write_all(data)?;
        Ok(data.len())
    }

    /// The serializers write a character or a token at a time, through this: it stays small
    /// enough to inline into them (the provided one loops over `write`, a call per character,
    /// which was a tenth of the server's time streaming a JSON answer of 600 rows).
    #[inline]
    fn write_all(&mut self, data: &[u8]) -> io::Result<()> {
        self.buffer.extend_from_slice(data);
        if self.buffer.len() >= CHUNK {
            self.send()?;
        }
        Ok(())
    }

    /// Chunks go when full and at the end (`finish`): a serializer's flush sends nothing.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(content_type: &str, body: &str) -> Result<Request, AppError> {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_str(content_type).unwrap(),
        );
        parse_request(&Method::POST, Vec::new(), &headers, body.as_bytes(), 1000)
    }

    #[test]
    fn reads_the_three_ways_of_sending_a_query() {
        let get = parse_request(
            &Method::GET,
            url_params(Some(
                "query=ASK%20%7B%7D&default-graph-uri=http%3A%2F%2Fx.test%2Fg",
            ))
            .unwrap(),
            &HeaderMap::new(),
            b"",
            1000,
        )
        .unwrap();
        assert_eq!(get.query, "ASK {}");
        assert_eq!(
            get.dataset.default_graphs[0].to_string(),
            "<http://x.test/g>"
        );
        assert_eq!(
            post("application/x-www-form-urlencoded", "query=ASK+%7B%7D")
                .unwrap()
                .query,
            "ASK {}"
        );
        assert_eq!(
            post("application/sparql-query; charset=utf-8", "ASK {}")
                .unwrap()
                .query,
            "ASK {}"
        );
    }

    #[test]
    fn refuses_what_the_protocol_does_not_allow() {
        assert!(matches!(
            post("text/plain", "ASK {}"),
            Err(AppError::UnsupportedMediaType(_))
        ));
        let twice = parse_request(
            &Method::POST,
            url_params(Some("query=ASK%7B%7D")).unwrap(),
            &{
                let mut h = HeaderMap::new();
                h.insert(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/sparql-query"),
                );
                h
            },
            b"ASK {}",
            1000,
        );
        assert!(matches!(twice, Err(AppError::BadRequest(m)) if m.contains("twice")));
        assert!(
            matches!(post("application/sparql-query", ""), Err(AppError::BadRequest(m)) if m.contains("empty"))
        );
        assert!(matches!(
            post("application/sparql-query", &"#".repeat(1001)),
            Err(AppError::PayloadTooLarge(_))
        ));
        assert!(
            matches!(parse_request(&Method::GET, Vec::new(), &HeaderMap::new(), b"", 1000), Err(AppError::BadRequest(m)) if m.contains("no query"))
        );
        assert!(matches!(
            parse_request(
                &Method::GET,
                url_params(Some("query=ASK%7B%7D&default-graph-uri=not%20an%20iri")).unwrap(),
                &HeaderMap::new(),
                b"",
                1000
            ),
            Err(AppError::BadRequest(_))
        ));
    }

    #[test]
    fn format_names_and_the_roqet_fallback() {
        let f = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(choose_results(None, &f(&["csv"])).unwrap().0, "text/csv");
        assert!(choose_results(None, &f(&["ttl"])).is_none());
        // unknown names are ignored in favour of Accept
        assert_eq!(
            choose_results(Some("text/csv"), &f(&["whatever"]))
                .unwrap()
                .0,
            "text/csv"
        );
        // SPARQLWrapper's repeated format parameters
        let wrapper = f(&["json-ld", "application/ld+json,application/x-json+ld"]);
        assert_eq!(
            choose_graph(None, &wrapper).unwrap().0,
            "application/ld+json"
        );
        assert_eq!(
            choose_graph(Some("application/sparql-results+xml"), &[])
                .unwrap()
                .0,
            "application/rdf+xml"
        );
        assert_eq!(
            choose_graph(Some("text/html, */*;q=0.1"), &[]).unwrap().0,
            "text/turtle"
        );
        assert!(choose_graph(Some("image/png"), &[]).is_none());
    }
}
