//! What harvesters need: robots.txt, sitemaps, entity stamps behind ETags and Last-Modified,
//! conditional requests. Through the real router.

use crate::support::{Answer, BASE, demo_store, retitle_seed_paper, send};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use steppe::store::Store;

const PAPER: &str = "/paper/nftgcjpf72";

fn app_on(store: Store) -> axum::Router {
    steppe::app(steppe::AppState::new(store))
}

async fn get(app: &axum::Router, uri: &str, headers: &[(&str, &str)]) -> Answer {
    let mut request = Request::get(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    send(app.clone(), request.body(Body::empty()).unwrap()).await
}

/// The `<loc>` and `<lastmod>` of every entry of a sitemap or sitemap index.
fn entries(xml: &str) -> Vec<(String, Option<String>)> {
    xml.split("<loc>")
        .skip(1)
        .map(|rest| {
            let loc = rest.split("</loc>").next().unwrap().replace("&amp;", "&");
            let lastmod = rest
                .split("</loc>")
                .nth(1)
                .and_then(|r| r.strip_prefix("<lastmod>"))
                .and_then(|r| r.split("</lastmod>").next())
                .map(str::to_owned);
            (loc, lastmod)
        })
        .collect()
}

fn path(iri: &str) -> String {
    format!("/{}", iri.strip_prefix(BASE).unwrap())
}

#[tokio::test]
async fn robots_txt_names_the_sitemap_and_keeps_crawlers_off_queries() {
    let app = app_on(demo_store());
    let robots = get(&app, "/robots.txt", &[]).await;
    assert_eq!(robots.status, StatusCode::OK);
    assert!(robots.content_type.starts_with("text/plain"));
    for line in [
        "User-agent: *",
        "Allow: /",
        "Disallow: /sparql",
        "Disallow: /update",
        "Sitemap: http://steppe.test/sitemap.xml",
    ] {
        assert!(
            robots.body.lines().any(|l| l == line),
            "{line}: {}",
            robots.body
        );
    }
}

#[tokio::test]
async fn every_url_in_the_sitemaps_answers_200_and_is_canonical() {
    let store_for_files = demo_store();
    let app = app_on(store_for_files.clone());
    let index = get(&app, "/sitemap.xml", &[]).await;
    assert_eq!(index.status, StatusCode::OK);
    assert!(index.content_type.starts_with("application/xml"));
    assert!(
        index
            .body
            .contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">")
    );
    assert!(index.headers.contains_key(header::ETAG));
    assert!(index.headers.contains_key(header::LAST_MODIFIED));
    let sitemaps = entries(&index.body);
    assert_eq!(
        sitemaps
            .iter()
            .map(|(loc, _)| path(loc))
            .collect::<Vec<_>>(),
        ["/sitemap/site.xml", "/sitemap/entities-1.xml"]
    );
    let mut seen = std::collections::BTreeSet::new();
    for (loc, _) in &sitemaps {
        let sitemap = get(&app, &path(loc), &[]).await;
        assert_eq!(sitemap.status, StatusCode::OK, "{loc}");
        let urls = entries(&sitemap.body);
        assert!(urls.len() <= steppe::sitemap::PER_SITEMAP);
        for (url, lastmod) in urls {
            assert!(seen.insert(url.clone()), "listed twice: {url}");
            let page = get(&app, &path(&url), &[]).await;
            assert_eq!(page.status, StatusCode::OK, "{url}");
            if url.contains("/paper/") || url.contains("/person/") {
                let canonical = format!("<link rel=\"canonical\" href=\"{url}\">");
                assert!(page.body.contains(&canonical), "{url} is canonical");
            }
            let lastmod = lastmod.unwrap_or_else(|| panic!("{url} has a lastmod"));
            assert!(
                steppe::caching::parse_timestamp(&lastmod).is_some(),
                "{lastmod}"
            );
        }
    }
    for kind in ["paper", "person", "org", "journal", "topic"] {
        assert!(
            seen.iter()
                .any(|u| u.starts_with(&format!("{BASE}{kind}/"))),
            "some {kind}"
        );
    }
    assert!(seen.contains(&format!("{BASE}paper/nftgcjpf72")));
    assert!(seen.contains(&format!("{BASE}dataset")));
    // `steppe sitemap` writes the same files
    let dir = tempfile::tempdir().unwrap();
    let written = steppe::sitemap::write_all(&store_for_files, dir.path()).unwrap();
    assert_eq!(
        written as usize,
        seen.len() - 3,
        "every entity, and not the site pages"
    );
    for (loc, _) in &sitemaps {
        let file = std::fs::read_to_string(dir.path().join(&path(loc)[1..])).unwrap();
        assert_eq!(file, get(&app, &path(loc), &[]).await.body, "{loc}");
    }
    // a sitemap number out of range, or a name that is not one
    for bad in [
        "/sitemap/entities-2.xml",
        "/sitemap/entities-0.xml",
        "/sitemap/entities-01.xml",
        "/sitemap/entities-x.xml",
        "/sitemap/other.xml",
    ] {
        assert_eq!(
            get(&app, bad, &[]).await.status,
            StatusCode::NOT_FOUND,
            "{bad}"
        );
    }
}

/// The ETag and Last-Modified of an entity answer.
async fn validators(app: &axum::Router, uri: &str) -> (String, String) {
    let answer = get(app, uri, &[]).await;
    assert_eq!(answer.status, StatusCode::OK, "{uri}");
    (
        answer.headers[header::ETAG].to_str().unwrap().to_owned(),
        answer.headers[header::LAST_MODIFIED]
            .to_str()
            .unwrap()
            .to_owned(),
    )
}

/// Each entity's lastmod in the sitemap.
async fn lastmods(app: &axum::Router) -> std::collections::BTreeMap<String, String> {
    let sitemap = get(app, "/sitemap/entities-1.xml", &[]).await;
    entries(&sitemap.body)
        .into_iter()
        .map(|(loc, lastmod)| (path(&loc), lastmod.unwrap()))
        .collect()
}

#[tokio::test]
async fn an_update_to_one_paper_changes_what_shows_it_and_nothing_else() {
    let store = demo_store();
    let app = app_on(store.clone());
    let before = lastmods(&app).await;
    // a paper the seed paper has nothing to do with
    let other = before
        .keys()
        .find(|p| p.starts_with("/paper/") && *p != PAPER)
        .unwrap()
        .clone();
    let author = "/person/maxat-kassen";
    let (paper_tag, paper_date) = validators(&app, PAPER).await;
    let (other_tag, other_date) = validators(&app, &other).await;
    let (author_tag, _) = validators(&app, author).await;
    let (rdf_tag, _) = validators(&app, &format!("{PAPER}.ttl")).await;
    // Last-Modified has whole seconds
    std::thread::sleep(std::time::Duration::from_millis(1100));
    retitle_seed_paper(&store);
    let (paper_tag_after, paper_date_after) = validators(&app, PAPER).await;
    assert_ne!(paper_tag, paper_tag_after, "the paper's ETag changes");
    assert!(
        httpdate::parse_http_date(&paper_date_after).unwrap()
            > httpdate::parse_http_date(&paper_date).unwrap(),
        "{paper_date} → {paper_date_after}"
    );
    assert_ne!(rdf_tag, validators(&app, &format!("{PAPER}.ttl")).await.0);
    let (author_tag_after, _) = validators(&app, author).await;
    assert_ne!(
        author_tag, author_tag_after,
        "the author's page lists the paper"
    );
    assert_eq!(
        (other_tag, other_date),
        validators(&app, &other).await,
        "{other} is untouched"
    );
    let after = lastmods(&app).await;
    assert!(
        after[PAPER] > before[PAPER],
        "{} → {}",
        before[PAPER],
        after[PAPER]
    );
    assert!(after[author] > before[author]);
    assert_eq!(after[&other], before[&other]);
}

#[tokio::test]
async fn conditional_requests_answer_304_and_ignore_garbage() {
    let app = app_on(demo_store());
    let first = get(&app, PAPER, &[]).await;
    let etag = first.headers[header::ETAG].to_str().unwrap().to_owned();
    let date = first.headers[header::LAST_MODIFIED]
        .to_str()
        .unwrap()
        .to_owned();
    let again = get(&app, PAPER, &[("if-none-match", &etag)]).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    assert_eq!(again.headers[header::ETAG].to_str().unwrap(), etag);
    let again = get(&app, PAPER, &[("if-modified-since", &date)]).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    for (name, value) in [
        ("if-none-match", "garbage"),
        ("if-none-match", "\"\""),
        ("if-modified-since", "yesterday"),
        ("if-modified-since", "Thu, 01 Jan 1970 00:00:00 GMT"),
    ] {
        let answer = get(&app, PAPER, &[(name, value)]).await;
        assert_eq!(answer.status, StatusCode::OK, "{name}: {value}");
        assert!(answer.body.contains("<h1"), "{name}: {value}");
    }
    // a current ETag wins over a stale date, and a stale ETag over a current date
    let answer = get(
        &app,
        PAPER,
        &[
            ("if-none-match", "W/\"stale\""),
            ("if-modified-since", &date),
        ],
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    // sitemaps, query results and pages drawn from the whole store revalidate too
    let json = "application/sparql-results+json";
    for (uri, accept) in [
        ("/sitemap.xml", "*/*"),
        ("/sitemap/entities-1.xml", "*/*"),
        ("/sparql?query=ASK%7B%7D", json),
        ("/", "text/html"),
        ("/browse", "text/html"),
        ("/browse/org", "text/html"),
        ("/search?q=astana", "text/html"),
        ("/queries", "text/html"),
        ("/.well-known/void", "text/turtle"),
        ("/dataset", "text/html"),
    ] {
        let first = get(&app, uri, &[("accept", accept)]).await;
        assert_eq!(first.status, StatusCode::OK, "{uri}");
        let etag = first.headers[header::ETAG].to_str().unwrap().to_owned();
        assert!(first.headers.contains_key(header::LAST_MODIFIED), "{uri}");
        let again = get(&app, uri, &[("accept", accept), ("if-none-match", &etag)]).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{uri}");
    }
}

/// A store's quads as a canonical dataset (blank nodes relabelled), for isomorphism.
fn canonical(quads: impl IntoIterator<Item = oxigraph::model::Quad>) -> oxigraph::model::Dataset {
    let mut dataset: oxigraph::model::Dataset = quads.into_iter().collect();
    dataset.canonicalize(oxigraph::model::dataset::CanonicalizationAlgorithm::Unstable);
    dataset
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(bytes), &mut out).unwrap();
    out
}

fn parse(format: oxigraph::io::RdfFormat, bytes: &[u8]) -> Vec<oxigraph::model::Quad> {
    oxigraph::io::RdfParser::from_format(format)
        .for_slice(bytes)
        .map(Result::unwrap)
        .collect()
}

#[tokio::test]
async fn dumps_are_dated_checksummed_ranged_and_parse_back_to_the_store() {
    use oxigraph::io::RdfFormat;
    let store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    steppe::dump::write_release(&store, dir.path(), "2026-11-29", |_| {}).unwrap();
    let (release, quads) =
        steppe::dump::write_release(&store, dir.path(), "2026-11-30", |_| {}).unwrap();
    assert_eq!(quads as usize, store.len().unwrap());
    let original = canonical(store.quads().unwrap());
    let app = steppe::app(steppe::AppState::new(store.clone()).with_dumps(dir.path().to_owned()));
    // the index lists both releases, newest first
    let index = get(&app, "/dumps/", &[]).await;
    assert_eq!(index.status, StatusCode::OK);
    let newer = index.body.find("2026-11-30.nq.gz").unwrap();
    let older = index.body.find("2026-11-29.nq.gz").unwrap();
    assert!(newer < older, "newest first");
    for (file, format) in [
        ("2026-11-30.nq.gz", RdfFormat::NQuads),
        ("2026-11-30.trig.gz", RdfFormat::TriG),
        ("2026-11-29.nq.gz", RdfFormat::NQuads),
        ("latest.trig.gz", RdfFormat::TriG),
    ] {
        let request = Request::get(format!("/dumps/{file}"))
            .body(Body::empty())
            .unwrap();
        let response = tower::ServiceExt::oneshot(app.clone(), request)
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{file}");
        let headers = response.headers().clone();
        let bytes = http_body_util::BodyExt::collect(response.into_body())
            .await
            .unwrap()
            .to_bytes();
        assert_eq!(
            headers[header::CONTENT_LENGTH].to_str().unwrap(),
            bytes.len().to_string(),
            "{file}"
        );
        assert_eq!(headers[header::ACCEPT_RANGES], "bytes");
        // the checksum file and the ETag name the bytes' SHA-256
        let sha: String =
            sha2::Digest::finalize(<sha2::Sha256 as sha2::Digest>::new_with_prefix(&bytes))
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
        assert_eq!(
            headers[header::ETAG].to_str().unwrap(),
            format!("\"{sha}\"")
        );
        let sum = get(&app, &format!("/dumps/{file}.sha256"), &[]).await;
        assert!(sum.body.starts_with(&sha), "{file}: {}", sum.body);
        // a dump parses back to exactly the store's quads
        assert_eq!(
            canonical(parse(format, &gunzip(&bytes))),
            original,
            "{file}"
        );
    }
    let size: u64 = release.files[0].bytes;
    let file = "/dumps/2026-11-30.nq.gz";
    let part = get(&app, file, &[("range", "bytes=10-19")]).await;
    assert_eq!(part.status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(part.headers[header::CONTENT_LENGTH], "10");
    assert_eq!(
        part.headers[header::CONTENT_RANGE].to_str().unwrap(),
        format!("bytes 10-19/{size}")
    );
    let tail = get(&app, file, &[("range", "bytes=-5")]).await;
    assert_eq!(tail.status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(tail.headers[header::CONTENT_LENGTH], "5");
    // beyond the end: 416 with the size; malformed: ignored, the whole file
    let beyond = get(&app, file, &[("range", &format!("bytes={size}-"))]).await;
    assert_eq!(beyond.status, StatusCode::RANGE_NOT_SATISFIABLE);
    assert_eq!(
        beyond.headers[header::CONTENT_RANGE].to_str().unwrap(),
        format!("bytes */{size}")
    );
    for malformed in ["bytes=oops", "lines=1-2", "bytes=5-1"] {
        let whole = get(&app, file, &[("range", malformed)]).await;
        assert_eq!(whole.status, StatusCode::OK, "{malformed}");
        assert_eq!(
            whole.headers[header::CONTENT_LENGTH],
            size.to_string().as_str()
        );
    }
    // If-Range with another file's tag: the whole file
    let stale = get(
        &app,
        file,
        &[("range", "bytes=0-9"), ("if-range", "\"other\"")],
    )
    .await;
    assert_eq!(stale.status, StatusCode::OK);
    // revalidation
    let etag = part.headers[header::ETAG].to_str().unwrap().to_owned();
    let again = get(&app, file, &[("if-none-match", &etag)]).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    // an unknown date or name
    for missing in [
        "/dumps/2025-01-01.nq.gz",
        "/dumps/2026-11-30.ttl",
        "/dumps/secret",
    ] {
        assert_eq!(
            get(&app, missing, &[]).await.status,
            StatusCode::NOT_FOUND,
            "{missing}"
        );
    }
}

#[test]
fn a_dump_is_a_snapshot_a_write_during_it_does_not_reach() {
    let store = demo_store();
    let before = canonical(store.quads().unwrap());
    let (mut nq, mut trig) = (Vec::new(), Vec::new());
    let writer = store.clone();
    let mut wrote = false;
    store
        .dump_release(&mut nq, &mut trig, |written| {
            if written >= 1 && !wrote {
                wrote = true;
                writer
                    .update(
                        "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> <http://example.org/p> \"during the dump\" } }",
                        &Default::default(),
                        "test",
                        None,
                    )
                    .unwrap();
            }
        })
        .unwrap();
    assert!(wrote);
    assert!(store.len().unwrap() > before.len(), "the write landed");
    assert_eq!(
        canonical(parse(oxigraph::io::RdfFormat::NQuads, &nq)),
        before
    );
    assert_eq!(
        canonical(parse(oxigraph::io::RdfFormat::TriG, &trig)),
        before
    );
}

#[tokio::test]
async fn the_dataset_describes_itself_in_void_dcat_and_schema_org() {
    let store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    steppe::dump::write_release(&store, dir.path(), "2026-11-30", |_| {}).unwrap();
    let app = steppe::app(steppe::AppState::new(store.clone()).with_dumps(dir.path().to_owned()));
    let count = |query: &str| -> u64 {
        crate::support::text(&crate::support::select(&store, query, &[])[0]["n"])
            .parse()
            .unwrap()
    };
    let void = get(
        &app,
        "/.well-known/void",
        &[("accept", "application/n-triples")],
    )
    .await;
    assert_eq!(void.status, StatusCode::OK);
    let lines = &void.body;
    let dataset = format!("<{BASE}.well-known/void#dataset>");
    let v = "http://rdfs.org/ns/void#";
    let has = |line: &str| assert!(lines.contains(line), "{line} in\n{lines}");
    has(&format!(
        "{dataset} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Dataset>"
    ));
    has(&format!("{dataset} <{v}sparqlEndpoint> <{BASE}sparql>"));
    has(&format!("{dataset} <{v}uriSpace> \"{BASE}\""));
    has(&format!(
        "{dataset} <{v}exampleResource> <{BASE}paper/nftgcjpf72>"
    ));
    has(&format!("{dataset} <{v}vocabulary> <http://schema.org/>"));
    has(&format!(
        "{dataset} <{v}dataDump> <{BASE}dumps/2026-11-30.nq.gz>"
    ));
    has(&format!(
        "{dataset} <{v}dataDump> <{BASE}dumps/2026-11-30.trig.gz>"
    ));
    has(&format!(
        "{dataset} <http://purl.org/dc/terms/license> <https://creativecommons.org/licenses/by/4.0/>"
    ));
    has(&format!(
        "<{BASE}.well-known/void#dump-2026-11-30.nq.gz> <http://www.w3.org/ns/dcat#downloadURL> <{BASE}dumps/2026-11-30.nq.gz>"
    ));
    assert!(lines.contains(&format!("{dataset} <http://purl.org/dc/terms/modified> ")));
    // void:triples is what SPARQL counts
    let triples = count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }");
    has(&format!(
        "{dataset} <{v}triples> \"{triples}\"^^<http://www.w3.org/2001/XMLSchema#integer>"
    ));
    // linksets count the sameAs links to each graph
    for (key, prefix) in [
        ("ror", "https://ror.org/"),
        ("wikidata", "https://www.wikidata.org/entity/"),
        ("doi", "https://doi.org/"),
        ("openalex", "https://openalex.org/"),
    ] {
        let links = count(&format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?o WHERE {{ GRAPH ?g {{ ?s schema:sameAs ?o }} FILTER(STRSTARTS(STR(?o), \"{prefix}\")) }} }}"
        ));
        assert!(links > 0, "{key}");
        let linkset = format!("<{BASE}.well-known/void#links-{key}>");
        has(&format!(
            "{linkset} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{v}Linkset>"
        ));
        has(&format!(
            "{linkset} <{v}triples> \"{links}\"^^<http://www.w3.org/2001/XMLSchema#integer>"
        ));
    }
    // a class partition for papers with the number SPARQL finds
    let papers = count(
        "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a schema:ScholarlyArticle } }",
    );
    assert!(lines.contains(&format!(
        "<{v}entities> \"{papers}\"^^<http://www.w3.org/2001/XMLSchema#integer>"
    )));
    // also JSON-LD, by Accept
    let json = get(
        &app,
        "/.well-known/void",
        &[("accept", "application/ld+json")],
    )
    .await;
    assert!(json.content_type.starts_with("application/ld+json"));
    serde_json::from_str::<serde_json::Value>(&json.body).unwrap();

    // the dataset page, for dataset search engines
    let page = get(&app, "/dataset", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    let block = page
        .body
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .unwrap();
    let json: serde_json::Value = serde_json::from_str(block).unwrap();
    assert_eq!(json["@type"], "Dataset");
    let description = json["description"].as_str().unwrap();
    assert!(
        (50..=5000).contains(&description.chars().count()),
        "{description}"
    );
    assert!(json["name"].as_str().unwrap().contains("Kazakhstan"));
    assert_eq!(
        json["license"],
        "https://creativecommons.org/licenses/by/4.0/"
    );
    assert_eq!(json["creator"]["@type"], "Organization");
    assert!(json["dateModified"].as_str().is_some());
    let downloads = json["distribution"].as_array().unwrap();
    assert_eq!(downloads.len(), 2, "one DataDownload per dump format");
    for download in downloads {
        assert_eq!(download["@type"], "DataDownload");
        let url = download["contentUrl"].as_str().unwrap();
        assert_eq!(
            get(&app, &path(url), &[]).await.status,
            StatusCode::OK,
            "{url}"
        );
    }
    assert!(
        page.body
            .contains("<link rel=\"canonical\" href=\"http://steppe.test/dataset\">")
    );
    assert!(page.headers.contains_key(header::ETAG));
}
