//! Whole answers replayed before routing (`steppe::replay`): the same bytes again for the same
//! request, never another representation's, never across a write.

use crate::support::{demo_store, retitle_seed_paper};
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use std::sync::Arc;
use steppe::replay::Replay;
use tower::ServiceExt;

const PAPER: &str = "/paper/nftgcjpf72";

struct Sent {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

async fn get(app: &axum::Router, uri: &str, headers: &[(&str, &str)]) -> Sent {
    let mut request = Request::get(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    Sent {
        status,
        headers,
        body: body.to_vec(),
    }
}

fn served(store: &steppe::store::Store) -> (axum::Router, Arc<Replay>) {
    let state = steppe::AppState::new(store.clone());
    let replay = state.replay.clone();
    (steppe::app(state), replay)
}

#[tokio::test]
async fn a_page_asked_again_is_the_same_bytes_without_rendering() {
    let (app, replay) = served(&demo_store());
    let browser = [("accept", "text/html,*/*;q=0.8"), ("accept-language", "en")];
    let first = get(&app, PAPER, &browser).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!((replay.len(), replay.hits()), (1, 0));
    let again = get(&app, PAPER, &browser).await;
    assert_eq!(replay.hits(), 1);
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.body, first.body);
    assert_eq!(again.headers, first.headers);
    // every header the layers add is kept with it
    for name in [
        header::ETAG,
        header::LINK,
        header::VARY,
        header::CONTENT_SECURITY_POLICY,
        header::X_CONTENT_TYPE_OPTIONS,
    ] {
        assert!(again.headers.contains_key(&name), "{name}");
    }
}

#[tokio::test]
async fn each_variant_is_kept_apart() {
    let (app, replay) = served(&demo_store());
    let variants: [&[(&str, &str)]; 6] = [
        &[("accept", "text/html")],
        &[("accept", "text/turtle")],
        &[("accept", "text/html"), ("accept-language", "ru")],
        &[("accept", "text/html"), ("accept-encoding", "gzip")],
        &[("accept", "text/html"), ("accept-encoding", "br")],
        &[("accept", "application/ld+json")],
    ];
    // twice over: the second round is replayed, and must be what the first round sent
    let mut first = Vec::new();
    for round in 0..2 {
        for (i, headers) in variants.iter().enumerate() {
            let sent = get(&app, PAPER, headers).await;
            assert_eq!(sent.status, StatusCode::OK);
            if round == 0 {
                first.push(sent);
            } else {
                assert_eq!(sent.body, first[i].body, "{headers:?}");
                assert_eq!(sent.headers, first[i].headers, "{headers:?}");
            }
        }
    }
    assert_eq!((replay.len(), replay.hits()), (6, 6));
    let kind = |sent: &Sent| {
        sent.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .to_owned()
    };
    assert!(kind(&first[0]).starts_with("text/html"));
    assert!(kind(&first[1]).starts_with("text/turtle"));
    assert!(kind(&first[5]).starts_with("application/ld+json"));
    assert!(first[2].headers.contains_key(header::CONTENT_LANGUAGE));
    assert_eq!(first[3].headers[header::CONTENT_ENCODING], "gzip");
    assert_eq!(first[4].headers[header::CONTENT_ENCODING], "br");
    assert!(!first[0].headers.contains_key(header::CONTENT_ENCODING));
    let mut html = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(&first[3].body[..]),
        &mut html,
    )
    .unwrap();
    assert_eq!(html, first[0].body);
    // the reader's language: Astana International University has names in Kazakh and Russian
    let aiu = "/org/7st13p8wbt";
    for _ in 0..2 {
        let kazakh = get(&app, aiu, &[("accept-language", "kk")]).await;
        let russian = get(&app, aiu, &[("accept-language", "ru")]).await;
        assert_eq!(kazakh.headers[header::CONTENT_LANGUAGE], "kk");
        assert_eq!(russian.headers[header::CONTENT_LANGUAGE], "ru");
        assert_ne!(kazakh.body, russian.body);
    }
    assert_eq!(replay.hits(), 8);
    // a query string is part of what is asked
    for _ in 0..2 {
        let turtle = get(&app, &format!("{PAPER}?format=ttl"), &[]).await;
        assert!(
            turtle.headers[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("text/turtle")
        );
        let html = get(&app, PAPER, &[]).await;
        assert!(
            html.headers[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
    }
}

#[tokio::test]
async fn a_write_is_seen_at_once() {
    let store = demo_store();
    let (app, replay) = served(&store);
    let before = get(&app, PAPER, &[("accept", "text/html")]).await;
    assert!(!String::from_utf8_lossy(&before.body).contains("A new headline"));
    get(&app, PAPER, &[("accept", "text/html")]).await;
    assert_eq!(replay.hits(), 1);
    retitle_seed_paper(&store);
    let after = get(&app, PAPER, &[("accept", "text/html")]).await;
    assert_eq!(replay.hits(), 1, "nothing kept before the write is sent");
    assert!(String::from_utf8_lossy(&after.body).contains("A new headline"));
    assert_ne!(after.headers[header::ETAG], before.headers[header::ETAG]);
    get(&app, PAPER, &[("accept", "text/html")]).await;
    assert_eq!(replay.hits(), 2, "the new page is kept in turn");
}

#[tokio::test]
async fn only_plain_gets_of_reusable_answers_are_replayed() {
    let (app, replay) = served(&demo_store());
    let first = get(&app, PAPER, &[]).await;
    let etag = first.headers[header::ETAG].to_str().unwrap().to_owned();
    // a conditional request reaches the handler, which answers 304
    let again = get(&app, PAPER, &[("if-none-match", &etag)]).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    // HEAD has no body, from the handler
    let head = app
        .clone()
        .oneshot(Request::head(PAPER).body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(head.status(), StatusCode::OK);
    // answers not marked reusable, and errors, are not kept
    for uri in [
        "/sparql?query=ASK%7B%7D",
        "/health",
        "/paper/nonexistent",
        "/",
    ] {
        get(&app, uri, &[]).await;
        get(&app, uri, &[]).await;
    }
    assert_eq!((replay.len(), replay.hits()), (1, 0));
}
