//! Writes: SPARQL Update and the Graph Store Protocol, in the store and through the router.

use crate::support::{Answer, BASE, demo_store, empty_store, select, send, snapshot};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use oxigraph::model::{GraphName, NamedNode, Term};
use std::sync::Arc;
use std::time::Duration;
use steppe::auth::Tokens;
use steppe::http::Limits;
use steppe::store::{QueryDataset, Store, WriteError};

const EDITOR: &str = "Bearer editor-secret-0123456789abcdef";
const READER: &str = "Bearer reader-secret-0123456789abcdef";
const TOKENS: &str = "editor write editor-secret-0123456789abcdef\n\
                      reader read reader-secret-0123456789abcdef\n";

fn source_graph() -> String {
    format!("{BASE}graph/source/kassen-2018.ttl")
}

fn update(store: &Store, text: &str) -> Result<steppe::store::WriteReport, WriteError> {
    store.update(text, &QueryDataset::default(), "editor", None)
}

fn ask(store: &Store, query: &str) -> bool {
    match store.query(query, &[], None).unwrap() {
        oxigraph::sparql::QueryResults::Boolean(b) => b,
        _ => panic!("not an ASK"),
    }
}

#[test]
fn updates_count_what_really_changed_per_graph() {
    let store = demo_store();
    let g = source_graph();
    let report = update(
        &store,
        &format!(
            "INSERT DATA {{ GRAPH <{g}> {{ <urn:x:new> a schema:ScholarlyArticle ; schema:name \"New\" }} \
               <urn:x:new> schema:name \"New\" }} ; \
             INSERT DATA {{ GRAPH <{g}> {{ <urn:x:new> schema:name \"New\" }} }}"
        ),
    )
    .unwrap();
    let changes: Vec<(String, u64, u64)> = report
        .changes
        .iter()
        .map(|c| (c.graph.to_string(), c.added, c.removed))
        .collect();
    assert_eq!(
        changes,
        vec![(format!("<{g}>"), 2, 0), ("DEFAULT".to_owned(), 1, 0)],
        "a quad inserted twice counts once"
    );
    let removed = update(
        &store,
        "DELETE WHERE { GRAPH ?g { <urn:x:new> ?p ?o } } ; DELETE DATA { <urn:x:absent> <urn:x:p> 1 }",
    )
    .unwrap();
    assert_eq!(removed.changes.len(), 1, "{removed:?}");
    assert_eq!(
        (removed.changes[0].added, removed.changes[0].removed),
        (0, 2)
    );
}

#[test]
fn updates_keep_inferred_graphs_current() {
    let store = demo_store();
    let g = source_graph();
    let inferred = format!("{BASE}graph/inferred/kassen-2018.ttl");
    update(
        &store,
        &format!(
            "INSERT DATA {{ GRAPH <{g}> {{ <urn:x:new> a schema:ScholarlyArticle }} \
               GRAPH <http://example.org/mine> {{ <urn:x:mine> a schema:ScholarlyArticle }} \
               <urn:x:default> a schema:ScholarlyArticle }}"
        ),
    )
    .unwrap();
    assert!(ask(
        &store,
        &format!("ASK {{ GRAPH <{inferred}> {{ <urn:x:new> a schema:CreativeWork }} }}")
    ));
    for node in ["mine", "default"] {
        assert!(
            ask(
                &store,
                &format!(
                    "ASK {{ GRAPH ?i {{ <urn:x:{node}> a schema:CreativeWork }} FILTER(STRSTARTS(STR(?i), \"{BASE}graph/inferred/\")) }}"
                )
            ),
            "{node}"
        );
    }
    // deleting from the source (the variable graph skips the inferred one) takes the entailment along
    update(&store, "DELETE WHERE { GRAPH ?g { <urn:x:new> ?p ?o } }").unwrap();
    assert!(!ask(&store, "ASK { <urn:x:new> ?p ?o }"));
    // and the rest of the source's entailments are still there
    assert!(ask(
        &store,
        &format!("ASK {{ GRAPH <{inferred}> {{ ?paper a schema:CreativeWork }} }}")
    ));
}

#[test]
fn a_failing_update_changes_nothing() {
    let store = demo_store();
    let before = snapshot(&store);
    let revision = store.revision();
    // fails at its third operation, after two have run inside the transaction
    let error = update(
        &store,
        &format!(
            "INSERT DATA {{ <urn:x:a> <urn:x:b> <urn:x:c> }} ; CLEAR GRAPH <{}> ; DROP GRAPH <urn:x:nowhere>",
            source_graph()
        ),
    )
    .unwrap_err();
    assert!(matches!(error, WriteError::NoSuchGraph(_)), "{error}");
    assert_eq!(snapshot(&store), before);
    assert_eq!(store.revision(), revision);
    // a syntax error halfway through the text: nothing runs at all
    let error = update(
        &store,
        "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> } ;\nINSERT DATA { <urn:x:a> <urn:x:b> }",
    )
    .unwrap_err();
    let message = error.to_string();
    assert!(message.contains("2:"), "the position is given: {message}");
    assert_eq!(snapshot(&store), before);
}

#[test]
fn graphs_steppe_maintains_are_not_written() {
    let store = demo_store();
    let before = snapshot(&store);
    for graph in [
        "graph/meta",
        "graph/ontology",
        "graph/inferred/kassen-2018.ttl",
    ] {
        for text in [
            format!("INSERT DATA {{ GRAPH <{BASE}{graph}> {{ <urn:x:a> <urn:x:b> <urn:x:c> }} }}"),
            format!("CLEAR GRAPH <{BASE}{graph}>"),
            format!("DROP SILENT GRAPH <{BASE}{graph}>"),
        ] {
            let error = update(&store, &text).unwrap_err();
            assert!(matches!(error, WriteError::Reserved(_)), "{text}: {error}");
        }
    }
    assert!(matches!(
        update(
            &store,
            "INSERT DATA { GRAPH <urn:steppe:store> { <urn:x:a> <urn:x:b> 1 } }"
        ),
        Err(WriteError::Reserved(_))
    ));
    assert_eq!(snapshot(&store), before);
    // DROP ALL drops what clients may write, and only that
    update(&store, "DROP ALL").unwrap();
    assert!(!ask(
        &store,
        &format!("ASK {{ GRAPH <{}> {{ ?s ?p ?o }} }}", source_graph())
    ));
    assert!(!ask(
        &store,
        &format!("ASK {{ GRAPH <{BASE}graph/inferred/kassen-2018.ttl> {{ ?s ?p ?o }} }}")
    ));
    assert!(ask(
        &store,
        &format!("ASK {{ GRAPH <{BASE}graph/ontology> {{ ?s ?p ?o }} }}")
    ));
    assert!(
        store.sources().unwrap().is_empty(),
        "dropped sources are no longer listed"
    );
}

#[test]
fn every_write_is_recorded_with_who_when_and_how_much() {
    let store = empty_store();
    let revision = store.revision();
    store
        .update(
            "INSERT DATA { GRAPH <http://example.org/g> { <urn:x:a> <urn:x:b> 1, 2, 3 } }",
            &QueryDataset::default(),
            "alice",
            None,
        )
        .unwrap();
    assert_ne!(store.revision(), revision, "a write changes the revision");
    let rows = select(
        &store,
        &format!(
            "SELECT ?who ?at ?added ?removed WHERE {{ GRAPH <{BASE}graph/meta> {{ \
               ?c a steppe:GraphChange ; steppe:changedGraph <http://example.org/g> ; \
                  steppe:writtenBy ?who ; steppe:writtenAt ?at ; steppe:quadsAdded ?added ; steppe:quadsRemoved ?removed }} }}"
        ),
        &[],
    );
    assert_eq!(rows.len(), 1);
    let value = |k: &str| match &rows[0][k] {
        Term::Literal(l) => l.value().to_owned(),
        other => other.to_string(),
    };
    assert_eq!(value("who"), "alice");
    assert_eq!(value("added"), "3");
    assert_eq!(value("removed"), "0");
    assert!(value("at").starts_with("20"), "{}", value("at"));
}

#[test]
fn an_update_that_runs_too_long_is_cancelled_and_writes_nothing() {
    let store = demo_store();
    let before = snapshot(&store);
    let error = store
        .update(
            "INSERT { <urn:x:a> <urn:x:b> ?n } WHERE { SELECT (COUNT(*) AS ?n) WHERE { ?x ?y ?z . ?x (<urn:x:none>|!<urn:x:none>)* ?b . ?b (<urn:x:none>|!<urn:x:none>)* ?c } }",
            &QueryDataset::default(),
            "editor",
            Some(Duration::from_millis(300)),
        )
        .unwrap_err();
    assert!(matches!(error, WriteError::Timeout(_)), "{error}");
    assert_eq!(snapshot(&store), before);
}

#[test]
fn using_in_the_protocol_and_in_the_update_conflict() {
    let store = empty_store();
    let using = QueryDataset {
        default_graphs: vec![GraphName::NamedNode(
            NamedNode::new("http://example.org/g").unwrap(),
        )],
        named_graphs: Vec::new(),
    };
    for text in [
        "INSERT { <urn:x:a> <urn:x:b> ?o } USING <http://example.org/h> WHERE { ?s ?p ?o }",
        "WITH <http://example.org/h> INSERT { <urn:x:a> <urn:x:b> ?o } WHERE { ?s ?p ?o }",
    ] {
        assert!(matches!(
            store.update(text, &using, "editor", None),
            Err(WriteError::DatasetConflict)
        ));
    }
}

fn app(tokens: &str) -> axum::Router {
    let mut state = steppe::AppState::new(demo_store());
    state.limits = Limits::new(4, 4096);
    state.limits.max_upload_bytes = 64 * 1024;
    state.tokens = Arc::new(Tokens::parse(tokens, "tokens").unwrap());
    steppe::app(state)
}

async fn post_update(app: axum::Router, path: &str, auth: Option<&str>, text: &str) -> Answer {
    let mut request = Request::post(path).header(header::CONTENT_TYPE, "application/sparql-update");
    if let Some(auth) = auth {
        request = request.header(header::AUTHORIZATION, auth);
    }
    send(app, request.body(Body::from(text.to_owned())).unwrap()).await
}

const INSERT: &str = "INSERT DATA { GRAPH <http://example.org/g> { <urn:x:a> <urn:x:b> \"c\" } }";

#[tokio::test]
async fn updates_need_a_write_token() {
    let off = post_update(app(""), "/update", Some(EDITOR), INSERT).await;
    assert_eq!(off.status, StatusCode::FORBIDDEN);
    assert!(off.body.contains("--token-file"), "{}", off.body);
    let app = app(TOKENS);
    let missing = post_update(app.clone(), "/update", None, INSERT).await;
    assert_eq!(missing.status, StatusCode::UNAUTHORIZED);
    assert!(
        missing.headers[header::WWW_AUTHENTICATE]
            .to_str()
            .unwrap()
            .starts_with("Bearer")
    );
    let wrong = post_update(
        app.clone(),
        "/update",
        Some("Bearer not-a-known-token-at-all-00"),
        INSERT,
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(
        wrong.headers[header::WWW_AUTHENTICATE]
            .to_str()
            .unwrap()
            .contains("invalid_token")
    );
    let reader = post_update(app.clone(), "/update", Some(READER), INSERT).await;
    assert_eq!(reader.status, StatusCode::FORBIDDEN);
    assert!(
        reader.headers[header::WWW_AUTHENTICATE]
            .to_str()
            .unwrap()
            .contains("insufficient_scope")
    );
    let ask = "ASK { GRAPH <http://example.org/g> { <urn:x:a> <urn:x:b> \"c\" } }";
    let answer = |app: axum::Router| async move {
        send(
            app,
            Request::get(format!(
                "/sparql?{}",
                serde_urlencoded::to_string([("query", ask)]).unwrap()
            ))
            .header(header::ACCEPT, "application/sparql-results+json")
            .body(Body::empty())
            .unwrap(),
        )
        .await
        .body
    };
    assert!(
        answer(app.clone()).await.contains("false"),
        "nothing was written by refused requests"
    );
    let done = post_update(app.clone(), "/update", Some(EDITOR), INSERT).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!(
        done.body,
        r#"{"changes":[{"added":1,"graph":"http://example.org/g","removed":0}]}"#
    );
    assert!(answer(app).await.contains("true"));
}

#[tokio::test]
async fn updates_go_to_sparql_or_update_by_post_only() {
    let app = app(TOKENS);
    let form = send(
        app.clone(),
        Request::post("/sparql")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::AUTHORIZATION, EDITOR)
            .body(Body::from(
                serde_urlencoded::to_string([("update", INSERT)]).unwrap(),
            ))
            .unwrap(),
    )
    .await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    let direct = post_update(
        app.clone(),
        "/sparql",
        Some(EDITOR),
        "CLEAR GRAPH <http://example.org/g>",
    )
    .await;
    assert_eq!(direct.status, StatusCode::OK, "{}", direct.body);
    assert!(direct.body.contains(r#""removed":1"#), "{}", direct.body);
    let by_get = |path: &str| {
        Request::get(format!(
            "{path}?{}",
            serde_urlencoded::to_string([("update", INSERT)]).unwrap()
        ))
        .header(header::AUTHORIZATION, EDITOR)
        .body(Body::empty())
        .unwrap()
    };
    assert_eq!(
        send(app.clone(), by_get("/update")).await.status,
        StatusCode::METHOD_NOT_ALLOWED
    );
    let at_sparql = send(app.clone(), by_get("/sparql")).await;
    assert_eq!(at_sparql.status, StatusCode::BAD_REQUEST);
    assert!(at_sparql.body.contains("POST"), "{}", at_sparql.body);
    let syntax = post_update(
        app.clone(),
        "/update",
        Some(EDITOR),
        "INSERT DATA {\n  <urn:x:a> <urn:x:b> }",
    )
    .await;
    assert_eq!(syntax.status, StatusCode::BAD_REQUEST);
    assert!(syntax.body.contains("2:"), "{}", syntax.body);
    let load = post_update(
        app.clone(),
        "/update",
        Some(EDITOR),
        "LOAD <http://example.org/data.ttl>",
    )
    .await;
    assert_eq!(load.status, StatusCode::BAD_REQUEST);
    assert!(load.body.contains("LOAD is not supported"), "{}", load.body);
    let reserved = post_update(
        app.clone(),
        "/update",
        Some(EDITOR),
        &format!("CLEAR GRAPH <{BASE}graph/meta>"),
    )
    .await;
    assert_eq!(reserved.status, StatusCode::FORBIDDEN);
    let long = post_update(
        app,
        "/update",
        Some(EDITOR),
        &format!("# {}\nCLEAR DEFAULT", "x".repeat(5000)),
    )
    .await;
    assert_eq!(long.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn a_write_changes_the_etag_of_query_results() {
    let app = app(TOKENS);
    let uri = format!(
        "/sparql?{}",
        serde_urlencoded::to_string([("query", "ASK { <urn:x:a> ?p ?o }")]).unwrap()
    );
    let get = |etag: Option<String>| {
        let mut request = Request::get(&uri);
        if let Some(etag) = etag {
            request = request.header(header::IF_NONE_MATCH, etag);
        }
        request.body(Body::empty()).unwrap()
    };
    let first = send(app.clone(), get(None)).await;
    let etag = first.headers[header::ETAG].to_str().unwrap().to_owned();
    assert_eq!(
        send(app.clone(), get(Some(etag.clone()))).await.status,
        StatusCode::NOT_MODIFIED
    );
    post_update(app.clone(), "/update", Some(EDITOR), INSERT).await;
    let after = send(app, get(Some(etag))).await;
    assert_eq!(after.status, StatusCode::OK);
    assert!(after.body.contains("true"));
}

async fn gsp(
    app: axum::Router,
    method: &str,
    path: &str,
    auth: Option<&str>,
    content_type: Option<&str>,
    body: &str,
) -> Answer {
    let mut request = Request::builder().method(method).uri(path);
    if let Some(auth) = auth {
        request = request.header(header::AUTHORIZATION, auth);
    }
    if let Some(media) = content_type {
        // what a read accepts, what a write sends
        let name = if matches!(method, "GET" | "HEAD") {
            header::ACCEPT
        } else {
            header::CONTENT_TYPE
        };
        request = request.header(name, media);
    }
    send(app, request.body(Body::from(body.to_owned())).unwrap()).await
}

#[tokio::test]
async fn the_graph_store_reads_and_writes_graphs() {
    let app = app(TOKENS);
    let path = "/store?graph=http%3A%2F%2Fexample.org%2Fpeople";
    let ttl = Some("text/turtle");
    let doc = "<http://example.org/p1> <http://xmlns.com/foaf/0.1/name> \"Ада\" .";
    assert_eq!(
        gsp(app.clone(), "GET", path, Some(READER), None, "")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        gsp(app.clone(), "HEAD", path, Some(READER), None, "")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let created = gsp(app.clone(), "PUT", path, Some(EDITOR), ttl, doc).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let replaced = gsp(app.clone(), "PUT", path, Some(EDITOR), ttl, doc).await;
    assert_eq!(replaced.status, StatusCode::NO_CONTENT);
    let added = gsp(
        app.clone(),
        "POST",
        path,
        Some(EDITOR),
        Some("application/n-triples"),
        "<http://example.org/p2> <http://xmlns.com/foaf/0.1/name> \"Bo\" .\n",
    )
    .await;
    assert_eq!(added.status, StatusCode::NO_CONTENT, "{}", added.body);
    let read = gsp(app.clone(), "GET", path, Some(READER), None, "").await;
    assert_eq!(read.status, StatusCode::OK);
    assert!(
        read.content_type.starts_with("text/turtle"),
        "{}",
        read.content_type
    );
    assert!(
        read.body.contains("Ада") && read.body.contains("Bo"),
        "{}",
        read.body
    );
    let head = gsp(app.clone(), "HEAD", path, Some(READER), None, "").await;
    assert_eq!(head.status, StatusCode::OK);
    assert!(head.body.is_empty());
    // the same graph by its name (direct identification) needs a graph under /graph/
    let direct = format!("{BASE}graph/source/kassen-2018.ttl");
    let source = gsp(
        app.clone(),
        "GET",
        "/graph/source/kassen-2018.ttl",
        Some(READER),
        None,
        "",
    )
    .await;
    assert_eq!(source.status, StatusCode::OK);
    assert!(
        source.body.contains("Understanding foreign policy"),
        "{direct}"
    );
    assert_eq!(
        gsp(app.clone(), "DELETE", path, Some(EDITOR), None, "")
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        gsp(app.clone(), "DELETE", path, Some(EDITOR), None, "")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        gsp(app.clone(), "GET", path, Some(READER), None, "")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // POST to the store creates a graph and says where
    let posted = gsp(app.clone(), "POST", "/store", Some(EDITOR), ttl, doc).await;
    assert_eq!(posted.status, StatusCode::CREATED);
    let location = posted.headers[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        location.starts_with(&format!("{BASE}graph/posted/")),
        "{location}"
    );
    let at = location.strip_prefix(BASE).unwrap();
    let fetched = gsp(
        app.clone(),
        "GET",
        &format!("/{at}"),
        Some(READER),
        None,
        "",
    )
    .await;
    assert!(fetched.body.contains("Ада"), "{}", fetched.body);
    // the default graph
    let default = gsp(app.clone(), "PUT", "/store?default", Some(EDITOR), ttl, doc).await;
    assert_eq!(
        default.status,
        StatusCode::NO_CONTENT,
        "the default graph always exists"
    );
    let read = gsp(
        app,
        "GET",
        "/store?default",
        Some(READER),
        Some("application/n-triples"),
        "",
    )
    .await;
    assert_eq!(
        read.body.lines().count(),
        1,
        "the store's own default graph, not the union: {}",
        read.body
    );
}

#[tokio::test]
async fn the_graph_store_refuses_what_it_cannot_take() {
    let app = app(TOKENS);
    let path = "/store?graph=http%3A%2F%2Fexample.org%2Fg";
    let ttl = Some("text/turtle");
    let cases = [
        ("GET", path, None, None, "", StatusCode::UNAUTHORIZED),
        (
            "PUT",
            path,
            Some(READER),
            ttl,
            "<a> <b> <c> .",
            StatusCode::FORBIDDEN,
        ),
        (
            "PUT",
            path,
            Some(EDITOR),
            Some("text/html"),
            "<a> <b> <c> .",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            "PUT",
            path,
            Some(EDITOR),
            None,
            "<a> <b> <c> .",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            "PUT",
            "/store?graph=a&default",
            Some(EDITOR),
            ttl,
            "<a> <b> <c> .",
            StatusCode::BAD_REQUEST,
        ),
        (
            "PUT",
            "/store",
            Some(EDITOR),
            ttl,
            "<a> <b> <c> .",
            StatusCode::BAD_REQUEST,
        ),
        (
            "PUT",
            "/graph/meta",
            Some(EDITOR),
            ttl,
            "<a> <b> <c> .",
            StatusCode::FORBIDDEN,
        ),
        (
            "DELETE",
            "/graph/inferred/kassen-2018.ttl",
            Some(EDITOR),
            None,
            "",
            StatusCode::FORBIDDEN,
        ),
        (
            "PATCH",
            path,
            Some(EDITOR),
            ttl,
            "",
            StatusCode::METHOD_NOT_ALLOWED,
        ),
    ];
    for (method, path, auth, content_type, body, status) in cases {
        let answer = gsp(app.clone(), method, path, auth, content_type, body).await;
        assert_eq!(answer.status, status, "{method} {path}: {}", answer.body);
    }
    let broken = gsp(
        app.clone(),
        "PUT",
        path,
        Some(EDITOR),
        ttl,
        "<http://a/> <http://b/> <http://c/> .\n<http://a/> <http://b/> \"open .\n",
    )
    .await;
    assert_eq!(broken.status, StatusCode::BAD_REQUEST);
    assert!(broken.body.contains("request body:2:"), "{}", broken.body);
    let big = gsp(
        app.clone(),
        "PUT",
        path,
        Some(EDITOR),
        ttl,
        &"#".repeat(70 * 1024),
    )
    .await;
    assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        gsp(app, "GET", path, Some(READER), None, "").await.status,
        StatusCode::NOT_FOUND,
        "nothing refused was written"
    );
}

#[tokio::test]
async fn the_graph_store_takes_multipart_posts() {
    let app = app(TOKENS);
    let body = "--B0undary\r\nContent-Disposition: form-data; name=\"a\"; filename=\"a.ttl\"\r\nContent-Type: text/turtle\r\n\r\n<http://example.org/a> <http://example.org/p> 1 .\r\n--B0undary\r\nContent-Disposition: form-data; name=\"b\"; filename=\"b.nt\"\r\n\r\n<http://example.org/b> <http://example.org/p> \"2\" .\r\n--B0undary--\r\n";
    let answer = gsp(
        app.clone(),
        "POST",
        "/store?graph=http%3A%2F%2Fexample.org%2Fm",
        Some(EDITOR),
        Some("multipart/form-data; boundary=B0undary"),
        body,
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
    let read = gsp(
        app,
        "GET",
        "/store?graph=http%3A%2F%2Fexample.org%2Fm",
        Some(READER),
        Some("application/n-triples"),
        "",
    )
    .await;
    assert_eq!(read.body.lines().count(), 2, "{}", read.body);
}

#[tokio::test]
async fn bad_updates_say_what_is_wrong() {
    let app = app(TOKENS);
    let prefix = post_update(
        app.clone(),
        "/update",
        Some(EDITOR),
        "INSERT DATA { <urn:x:a> nope:p 1 }",
    )
    .await;
    assert_eq!(prefix.status, StatusCode::BAD_REQUEST);
    assert!(
        prefix.body.contains("1:31") && prefix.body.contains("Prefix not found"),
        "{}",
        prefix.body
    );
    let empty = post_update(app.clone(), "/update", Some(EDITOR), "  ").await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    let latin1 = send(
        app.clone(),
        Request::post("/update")
            .header(header::CONTENT_TYPE, "application/sparql-update")
            .header(header::AUTHORIZATION, EDITOR)
            .body(Body::from(
                &b"INSERT DATA { <urn:x:a> <urn:x:b> \"caf\xe9\" }"[..],
            ))
            .unwrap(),
    )
    .await;
    assert_eq!(latin1.status, StatusCode::BAD_REQUEST);
    assert!(latin1.body.contains("not UTF-8"), "{}", latin1.body);
    let huge = post_update(
        app.clone(),
        "/update",
        Some(EDITOR),
        &format!("# {}\nCLEAR DEFAULT", "x".repeat(100_000)),
    )
    .await;
    assert_eq!(huge.status, StatusCode::PAYLOAD_TOO_LARGE);
    let wrong_type = send(
        app.clone(),
        Request::post("/update")
            .header(header::CONTENT_TYPE, "text/plain")
            .header(header::AUTHORIZATION, EDITOR)
            .body(Body::from("CLEAR DEFAULT"))
            .unwrap(),
    )
    .await;
    assert_eq!(wrong_type.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let query_as_update =
        post_update(app, "/update", Some(EDITOR), "SELECT * WHERE { ?s ?p ?o }").await;
    assert_eq!(query_as_update.status, StatusCode::BAD_REQUEST);
}
