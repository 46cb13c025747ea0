//! The HTTP edge through the real router, and once over a real socket.

use crate::support::demo_store;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use std::time::Duration;
use tower::ServiceExt;

fn app() -> axum::Router {
    steppe::app(steppe::AppState {
        store: demo_store(),
        query_timeout: Duration::from_secs(30),
        limits: steppe::http::Limits::new(4, 64 * 1024),
        tokens: Default::default(),
        pages: Default::default(),
        replay: Default::default(),
        dumps: None,
    })
}

async fn get(app: axum::Router, uri: &str) -> (StatusCode, String, String) {
    let response = app
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        content_type,
        String::from_utf8(body.to_vec()).unwrap(),
    )
}

#[tokio::test]
async fn home_page_shows_counts_and_the_seed_paper() {
    let (status, content_type, body) = get(app(), "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/html"), "{content_type}");
    assert!(body.contains("<h1>"), "{body}");
    assert!(body.contains("<td>Papers</td><td>11</td>"), "{body}");
    assert!(
        body.contains("Understanding foreign policy strategies of Kazakhstan"),
        "{body}"
    );
    assert!(body.contains(r#"href="/paper/nftgcjpf72""#), "{body}");
    assert!(body.contains("kassen-2018.ttl"), "{body}");
}

#[tokio::test]
async fn health_answers_with_the_quad_count() {
    let (status, content_type, body) = get(app(), "/health").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "application/json");
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["status"], "ok");
    assert!(json["quads"].as_u64().unwrap() > 5000);
    // the first question starts reading the lists index; it is ready soon after
    assert!(
        matches!(json["lists"].as_str(), Some("reading" | "ready")),
        "{body}"
    );
}

#[tokio::test]
async fn health_counts_the_quads_once_a_revision_and_again_after_a_write() {
    let store = crate::support::demo_store();
    let app = steppe::app(steppe::AppState::new(store.clone()));
    let quads = |body: &str| -> u64 {
        let json: serde_json::Value = serde_json::from_str(body).unwrap();
        json["quads"].as_u64().unwrap()
    };
    let (_, _, first) = get(app.clone(), "/health").await;
    let (_, _, again) = get(app.clone(), "/health").await;
    assert_eq!(quads(&first), quads(&again));
    assert_eq!(quads(&first), store.len().unwrap() as u64);
    store
        .load(steppe::source::Source::from_bytes(
            "more.ttl",
            oxigraph::io::RdfFormat::Turtle,
            b"<http://example.org/a> <http://schema.org/name> \"A\" .".to_vec(),
        ))
        .unwrap();
    let (_, _, after) = get(app, "/health").await;
    // the statement, and its source's description in the meta graph
    assert!(quads(&after) > quads(&first), "{first} {after}");
}

#[tokio::test]
async fn health_says_when_the_lists_index_is_ready_or_off() {
    let store = crate::support::demo_store();
    let app = steppe::app(steppe::AppState::new(store.clone()));
    store.read_lists().unwrap();
    let (_, _, body) = get(app.clone(), "/health").await;
    assert!(body.contains(r#""lists":"ready""#), "{body}");
    store.use_lists(false);
    let (_, _, body) = get(app, "/health").await;
    assert!(body.contains(r#""lists":"off""#), "{body}");
}

#[tokio::test]
async fn the_seed_paper_data_is_served_as_turtle() {
    let (status, content_type, body) = get(app(), "/paper/nftgcjpf72.ttl").await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/turtle"), "{content_type}");
    let text = crate::support::rdf_lines(&body, "text/turtle");
    // its own statements, its authorship, DOI and summary sections, and nothing inferred
    assert!(text.contains("<http://steppe.test/paper/nftgcjpf72#authorship-1> <https://w3id.org/steppe/ns#position>"), "{text}");
    assert!(text.contains("\"10.1080/09557571.2018.1520809\""), "{text}");
    assert!(
        text.contains(
            "<http://steppe.test/paper/nftgcjpf72#summary-perspectives> <http://schema.org/text>"
        ),
        "{text}"
    );
    assert!(
        !text.contains("<http://schema.org/CreativeWork>"),
        "inferred types must stay out: {text}"
    );
}

#[tokio::test]
async fn unknown_paths_are_a_real_404_page() {
    for uri in ["/paper/unknown", "/nothing/here", "/a/b/c"] {
        let (status, content_type, body) = get(app(), uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert!(content_type.starts_with("text/html"), "{uri}");
        assert!(body.contains("Not found"), "{uri}");
    }
}

#[tokio::test]
async fn serves_over_a_real_socket_and_shuts_down() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        axum::serve(listener, app())
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await
            .unwrap();
    });
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    stream
        .write_all(b"GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("\"status\":\"ok\""), "{response}");
    stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(10), server)
        .await
        .unwrap()
        .unwrap();
}
