//! Entity IRIs through the real router: content negotiation, the paper page, its structured
//! data (JSON-LD parity with the RDF, Highwire tags), languages, safety.

use crate::support::{Answer, BASE, demo_store, send};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Literal, NamedNode, Term, Triple};
use std::collections::BTreeSet;
use steppe::source::Source;
use steppe::store::Store;

const PAPER: &str = "/paper/nftgcjpf72";
/// Astana International University: its name in English, Kazakh and Russian (from ROR).
const AIU: &str = "/org/7st13p8wbt";

fn app_on(store: Store) -> axum::Router {
    steppe::app(steppe::AppState::new(store))
}

async fn fetch(app: axum::Router, uri: &str, headers: &[(&str, &str)]) -> Answer {
    let mut request = Request::get(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    send(app, request.body(Body::empty()).unwrap()).await
}

fn triples(body: &str, format: RdfFormat) -> BTreeSet<String> {
    RdfParser::from_format(format)
        .for_slice(body.as_bytes())
        .map(|q| Triple::from(q.unwrap()).to_string())
        .collect()
}

#[tokio::test]
async fn each_client_gets_the_representation_it_asks_for() {
    let app = app_on(demo_store());
    let cases = [
        (
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "text/html",
        ),
        ("*/*", "text/html"),
        ("text/turtle", "text/turtle"),
        ("application/ld+json", "application/ld+json"),
        ("application/n-triples", "application/n-triples"),
        // rapper -g: text/html twice, with two q-values
        (
            "application/rdf+xml, text/rdf;q=0.6, application/n-triples, text/plain;q=0.1, text/turtle, text/html;q=0.2, application/xhtml+xml;q=0.4, text/html;q=0.6, */*;q=0.1",
            "application/rdf+xml",
        ),
        // rdflib: no q-values, our first of its list
        (
            "application/rdf+xml, text/n3, text/turtle, application/n-triples, application/ld+json, application/n-quads, application/trix, application/trig",
            "application/rdf+xml",
        ),
        // comunica prefers N-Quads
        (
            "application/n-quads,application/trig;q=0.95,application/ld+json;q=0.9,text/html;q=0.2",
            "application/n-quads",
        ),
    ];
    for (accept, media) in cases {
        let answer = fetch(app.clone(), PAPER, &[("accept", accept)]).await;
        assert_eq!(answer.status, StatusCode::OK, "{accept}");
        assert!(
            answer.content_type.starts_with(media),
            "{accept}: {}",
            answer.content_type
        );
        assert_eq!(answer.headers[header::VARY], "accept, accept-language");
        let link = answer.headers[header::LINK].to_str().unwrap();
        for suffix in [".ttl", ".jsonld", ".nt", ".nq", ".rdf"] {
            assert!(
                link.contains(&format!("<{PAPER}{suffix}>; rel=\"alternate\"")),
                "{link}"
            );
        }
    }
    for (uri, media, location) in [
        (
            format!("{PAPER}.ttl"),
            "text/turtle",
            format!("{PAPER}.ttl"),
        ),
        (
            format!("{PAPER}.jsonld"),
            "application/ld+json",
            format!("{PAPER}.jsonld"),
        ),
        (
            format!("{PAPER}.nt"),
            "application/n-triples",
            format!("{PAPER}.nt"),
        ),
        (
            format!("{PAPER}.rdf"),
            "application/rdf+xml",
            format!("{PAPER}.rdf"),
        ),
        (
            format!("{PAPER}?format=nt"),
            "application/n-triples",
            format!("{PAPER}.nt"),
        ),
        (PAPER.to_owned(), "text/html", PAPER.to_owned()),
    ] {
        let answer = fetch(app.clone(), &uri, &[("accept", "text/html")]).await;
        assert!(
            answer.content_type.starts_with(media),
            "{uri}: {}",
            answer.content_type
        );
        assert_eq!(
            answer.headers[header::CONTENT_LOCATION],
            location.as_str(),
            "{uri}"
        );
    }
    // every RDF representation holds the same triples
    let turtle = fetch(app.clone(), &format!("{PAPER}.ttl"), &[]).await;
    let expected = triples(&turtle.body, RdfFormat::Turtle);
    assert!(expected.len() > 40, "{}", expected.len());
    for (suffix, format) in [(".nt", RdfFormat::NTriples), (".rdf", RdfFormat::RdfXml)] {
        let answer = fetch(app.clone(), &format!("{PAPER}{suffix}"), &[]).await;
        assert_eq!(triples(&answer.body, format), expected, "{suffix}");
    }
    let none = fetch(app.clone(), PAPER, &[("accept", "image/png")]).await;
    assert_eq!(none.status, StatusCode::NOT_ACCEPTABLE);
    assert!(none.body.contains("text/turtle"), "{}", none.body);
    let head = send(
        app,
        Request::head(PAPER)
            .header("accept", "text/turtle")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(head.status, StatusCode::OK);
    assert!(head.body.is_empty());
}

#[tokio::test]
async fn unknown_and_non_canonical_iris() {
    let app = app_on(demo_store());
    not_found_pages(
        &app,
        &[
            "/paper/0000000000",
            "/paper/nftgcjpf72.pdf",
            "/thing/nftgcjpf72",
            "/person/nobody.ttl",
        ],
    )
    .await;
    let slash = fetch(app, &format!("{PAPER}/"), &[]).await;
    assert_eq!(slash.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(slash.headers[header::LOCATION], PAPER);
}

/// Each of `uris` is the 404 page (HTML, not a bare status).
async fn not_found_pages(app: &axum::Router, uris: &[&str]) {
    for uri in uris {
        let answer = fetch(app.clone(), uri, &[]).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(
            answer.content_type.starts_with("text/html"),
            "a real 404 page for {uri}"
        );
    }
}

/// The `content` of every `<meta name="{name}">`, in order, unescaped.
fn meta(html: &str, name: &str) -> Vec<String> {
    let needle = format!("<meta name=\"{name}\" content=\"");
    html.match_indices(&needle)
        .map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            unescape(&rest[..rest.find('"').unwrap()])
        })
        .collect()
}

fn unescape(s: &str) -> String {
    s.replace("&#39;", "'")
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&#38;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#60;", "<")
        .replace("&#62;", ">")
        .replace("&amp;", "&")
}

/// The JSON-LD blocks of a page.
fn json_ld_blocks(html: &str) -> Vec<String> {
    let open = "<script type=\"application/ld+json\">";
    html.match_indices(open)
        .map(|(at, _)| {
            let rest = &html[at + open.len()..];
            rest[..rest.find("</script>").unwrap()].to_owned()
        })
        .collect()
}

/// Expands JSON-LD with the offline schema.org context into N-Triples lines, with the context's
/// `schema:Date` coercion read as `xsd:date` (both are ISO 8601 dates).
fn expand(json: &str) -> BTreeSet<String> {
    let context = std::fs::read(crate::support::repo(
        "tests/fixtures/schemaorg/schemaorgcontext.jsonld",
    ))
    .unwrap();
    let date = NamedNode::new("http://schema.org/Date").unwrap();
    oxjsonld::JsonLdParser::new()
        .for_reader(json.as_bytes())
        .with_load_document_callback(move |url, _| {
            assert!(url.starts_with("https://schema.org"), "{url}");
            Ok(oxjsonld::JsonLdRemoteDocument {
                document: context.clone(),
                document_url: "https://schema.org/".to_owned(),
            })
        })
        .map(|q| {
            let triple = Triple::from(q.unwrap());
            let object = match &triple.object {
                Term::Literal(l) if l.datatype() == date.as_ref() => {
                    Term::from(Literal::new_typed_literal(
                        l.value(),
                        NamedNode::new("http://www.w3.org/2001/XMLSchema#date").unwrap(),
                    ))
                }
                other => other.clone(),
            };
            Triple::new(triple.subject, triple.predicate, object).to_string()
        })
        .collect()
}

#[tokio::test]
async fn the_paper_page_shows_what_the_seed_page_shows_and_more() {
    let app = app_on(demo_store());
    let page = fetch(app, PAPER, &[("accept", "text/html")]).await;
    let html = &page.body;
    for expected in [
        "<h1>Understanding foreign policy strategies of Kazakhstan: a case study of the landlocked and transcontinental country</h1>",
        "<h3>What is it about?</h3>",
        "<h3>Why is it important?</h3>",
        "<h3>Perspectives</h3>",
        "Examining Kazakhstan&#39;s foreign policy through the lens",
        "The purpose of this paper is to unpack the key aspects",
        ">Maxat Kassen</a>",
        "Dr <a href=\"/person/maxat-kassen\">Maxat Kassen</a>, <a href=\"/org/kefp653fwt\">Astana IT University</a>",
        ">Read the original</a>",
        "https://doi.org/10.1080/09557571.2018.1520809",
        "Cambridge Review of International Affairs",
        "Taylor &#38; Francis",
        "Volume 31, issue 3-4",
        "314–343",
        "2018-11-15",
        "<h2 id=\"abstract\">Abstract</h2>",
        "<code>kassen-2018.ttl</code>, loaded ",
        "schema:abstract",
        "Eurasian Humanities Institute",
        ">soft power</a>",
    ] {
        assert!(html.contains(expected), "missing {expected:?}");
    }
    assert_eq!(html.matches("<h1").count(), 1, "one h1");
    assert!(
        !html.contains("<figure class=\"featured\">"),
        "the title card is for search engines and previews, not repeated on the page"
    );
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("<main id=\"main\">"));
    assert_eq!(page.headers[header::CONTENT_LANGUAGE], "en");
    assert!(
        page.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .contains("default-src 'self'")
    );
    assert_eq!(page.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    // Google Scholar
    assert_eq!(
        meta(html, "citation_title"),
        [
            "Understanding foreign policy strategies of Kazakhstan: a case study of the landlocked and transcontinental country"
        ]
    );
    assert_eq!(meta(html, "citation_author"), ["Maxat Kassen"]);
    assert_eq!(
        meta(html, "citation_author_institution"),
        ["Eurasian Humanities Institute"]
    );
    assert_eq!(meta(html, "citation_publication_date"), ["2018/11/15"]);
    assert_eq!(
        meta(html, "citation_journal_title"),
        ["Cambridge Review of International Affairs"]
    );
    assert_eq!(meta(html, "citation_volume"), ["31"]);
    assert_eq!(meta(html, "citation_issue"), ["3-4"]);
    assert_eq!(meta(html, "citation_firstpage"), ["314"]);
    assert_eq!(meta(html, "citation_lastpage"), ["343"]);
    assert_eq!(meta(html, "citation_issn"), ["0955-7571", "1474-449X"]);
    assert_eq!(
        meta(html, "citation_doi"),
        ["10.1080/09557571.2018.1520809"]
    );
    assert_eq!(meta(html, "citation_publisher"), ["Taylor & Francis"]);
    assert_eq!(
        meta(html, "citation_abstract_html_url"),
        [format!("{BASE}paper/nftgcjpf72")]
    );
    assert!(html.contains(&format!(
        "<link rel=\"canonical\" href=\"{BASE}paper/nftgcjpf72\">"
    )));
    assert!(html.contains("<meta property=\"og:title\""));
    assert!(html.contains("<meta name=\"twitter:card\" content=\"summary\">"));
}

#[tokio::test]
async fn the_json_ld_says_only_what_the_rdf_says() {
    let app = app_on(demo_store());
    let page = fetch(app.clone(), PAPER, &[]).await;
    let blocks = json_ld_blocks(&page.body);
    assert_eq!(blocks.len(), 1, "exactly one JSON-LD block");
    let json: serde_json::Value = serde_json::from_str(&blocks[0]).unwrap();
    assert_eq!(json["@type"], "ScholarlyArticle");
    for key in [
        "headline",
        "author",
        "datePublished",
        "dateModified",
        "image",
        "publisher",
        "isPartOf",
        "identifier",
        "sameAs",
        "abstract",
        "about",
        "inLanguage",
        "url",
    ] {
        assert!(json.get(key).is_some(), "JSON-LD lacks {key}");
    }
    assert_eq!(json["image"], format!("{BASE}paper/nftgcjpf72/card.svg"));
    let author = &json["author"][0];
    assert_eq!(author["name"], "Maxat Kassen");
    assert_eq!(author["url"], format!("{BASE}person/maxat-kassen"));
    assert_eq!(
        author["affiliation"][0]["sameAs"][0],
        "https://ror.org/05jnvbc31"
    );
    assert_eq!(
        json["isPartOf"]["isPartOf"]["isPartOf"]["issn"],
        serde_json::json!(["0955-7571", "1474-449X"])
    );
    // every key is a schema.org term
    let terms: BTreeSet<String> =
        std::fs::read_to_string(crate::support::repo("tests/fixtures/schemaorg/terms.txt"))
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect();
    let used = json_keys(&json);
    for key in used.iter().filter(|k| !k.starts_with('@')) {
        assert!(terms.contains(key), "{key} is not a schema.org term");
    }
    // parity: expanded with the schema.org context, every triple is in the Turtle
    let expanded = expand(&blocks[0]);
    assert!(expanded.len() > 30, "{}", expanded.len());
    let turtle = triples(
        &fetch(app, &format!("{PAPER}.ttl"), &[]).await.body,
        RdfFormat::Turtle,
    );
    let missing: Vec<&String> = expanded.difference(&turtle).collect();
    assert!(
        missing.is_empty(),
        "in the JSON-LD, not in the Turtle: {missing:#?}"
    );
    // and every citation_author is an author in the RDF, in order
    let authors: Vec<String> = meta(&page.body, "citation_author");
    let rdf_authors: Vec<String> = turtle
        .iter()
        .filter(|t| t.contains("/person/maxat-kassen> <http://schema.org/name>"))
        .map(|t| t.split('"').nth(1).unwrap().to_owned())
        .collect();
    assert_eq!(authors, rdf_authors);
}

#[tokio::test]
async fn references_and_cited_by_and_other_kinds_of_work() {
    let app = app_on(demo_store());
    // an OpenAlex work that cites a book, and the book
    let citing = fetch(app.clone(), "/paper/dd0hqbev5f", &[]).await.body;
    assert!(
        citing
            .contains("<ol><li><a href=\"/paper/75fzwvah78\">Affective Neuroscience</a></li></ol>"),
        "{citing}"
    );
    let book = fetch(app.clone(), "/paper/75fzwvah78", &[]).await.body;
    assert!(book.contains("<h2 id=\"cited-by\">Cited by</h2>"));
    assert!(book.contains(">Social Cognitive Neuroscience: A Review of Core Processes</a>"));
    let json = &json_ld_blocks(&book)[0];
    assert!(
        json.contains("\"@type\":\"Book\""),
        "the JSON-LD says what the RDF says: {json}"
    );
    let expanded = expand(json);
    let turtle = triples(
        &fetch(app, "/paper/75fzwvah78.ttl", &[]).await.body,
        RdfFormat::Turtle,
    );
    let missing: Vec<&String> = expanded.difference(&turtle).collect();
    assert!(missing.is_empty(), "{missing:#?}");
    assert!(
        turtle
            .iter()
            .any(|t| t.contains("/paper/dd0hqbev5f> <http://schema.org/citation> <")),
        "cited-by is in the RDF"
    );
}

#[tokio::test]
async fn languages_follow_the_query_then_accept_language() {
    let app = app_on(demo_store());
    let h1 = |answer: &Answer| {
        let at = answer.body.find("<h1>").unwrap() + 4;
        answer.body[at..at + answer.body[at..].find("</h1>").unwrap()].to_owned()
    };
    let default = fetch(app.clone(), AIU, &[]).await;
    assert_eq!(h1(&default), "Astana International University");
    let kk = fetch(
        app.clone(),
        &format!("{AIU}?lang=kk"),
        &[("accept-language", "ru")],
    )
    .await;
    assert_eq!(kk.headers[header::CONTENT_LANGUAGE], "kk");
    assert!(kk.body.contains("<html lang=\"kk\">"));
    assert_eq!(h1(&kk), "Астана халықаралық университеті");
    let ru = fetch(
        app.clone(),
        AIU,
        &[("accept-language", "de;q=0.9, ru, en;q=0.5")],
    )
    .await;
    assert_eq!(ru.headers[header::CONTENT_LANGUAGE], "ru");
    assert_eq!(h1(&ru), "Международный университет Астана");
    for tag in ["en", "kk", "ru"] {
        assert!(
            default.body.contains(&format!("<link rel=\"alternate\" hreflang=\"{tag}\" href=\"{BASE}org/7st13p8wbt?lang={tag}\">")),
            "hreflang {tag}"
        );
    }
    let unknown = fetch(app, AIU, &[("accept-language", "fr")]).await;
    assert_eq!(
        h1(&unknown),
        "Astana International University",
        "English when nothing matches"
    );
}

const ATTACK: &str = "</script><script>alert(1)</script>\" onload=\"alert(2)\" <!--";

fn store_with_evil() -> Store {
    let store = demo_store();
    let title = ATTACK;
    let doc = format!(
        "<paper/evil> a <http://schema.org/ScholarlyArticle> ; <http://schema.org/headline> {title:?} ; <http://schema.org/name> {title:?} ; <http://schema.org/abstract> {title:?} ."
    );
    store
        .load(Source::from_bytes(
            "evil.ttl",
            RdfFormat::Turtle,
            doc.into_bytes(),
        ))
        .unwrap();
    store
}

#[tokio::test]
async fn a_hostile_title_stays_text() {
    let store = store_with_evil();
    let attack = ATTACK;
    let page = fetch(app_on(store), "/paper/evil", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = &page.body;
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("onload=\"alert"), "{html}");
    assert_eq!(
        html.matches("</script>").count(),
        1,
        "only the JSON-LD block closes a script"
    );
    let blocks = json_ld_blocks(html);
    assert_eq!(blocks.len(), 1);
    let json: serde_json::Value = serde_json::from_str(&blocks[0]).unwrap();
    assert_eq!(
        json["headline"], attack,
        "the JSON-LD keeps the value intact"
    );
    assert_eq!(
        meta(html, "citation_title"),
        [attack],
        "the meta tag keeps it as text"
    );
}

#[tokio::test]
async fn resolvers_redirect_external_identifiers_to_entities() {
    let app = app_on(demo_store());
    let cases = [
        ("/doi/10.1080/09557571.2018.1520809", PAPER),
        ("/doi/doi:10.1080/09557571.2018.1520809", PAPER),
        ("/doi/https://doi.org/10.1080/09557571.2018.1520809", PAPER),
        ("/ror/05jnvbc31", "/org/kefp653fwt"),
        ("/ror/https://ror.org/05jnvbc31/", "/org/kefp653fwt"),
        ("/issn/1474-449X", "/journal/325rvqvkwf"),
        ("/issn/0955-7571", "/journal/325rvqvkwf"),
        ("/wikidata/Q36442", "/topic/xyap3gvktr"),
        ("/orcid/0000-0002-7464-6475", "/person/3c2ya8cj5r"),
    ];
    for (from, to) in cases {
        let answer = fetch(app.clone(), from, &[]).await;
        assert_eq!(answer.status, StatusCode::MOVED_PERMANENTLY, "{from}");
        assert_eq!(answer.headers[header::LOCATION], to, "{from}");
    }
    // the case of a DOI does not matter
    let lower = fetch(app.clone(), "/doi/10.1038/nrn3475", &[]).await;
    let upper = fetch(app.clone(), "/doi/10.1038/NRN3475", &[]).await;
    assert_eq!(lower.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(
        lower.headers[header::LOCATION],
        upper.headers[header::LOCATION]
    );
    let openalex = fetch(app.clone(), "/openalex/w2105824687", &[]).await;
    assert_eq!(
        openalex.headers[header::LOCATION],
        lower.headers[header::LOCATION]
    );
    not_found_pages(
        &app,
        &[
            "/doi/10.9999/unknown",
            "/doi/not-a-doi",
            "/orcid/0000-0002-7464-6476",
            "/issn/1234-5678",
            "/wikidata/Q0",
            "/openalex/X1",
        ],
    )
    .await;
}

#[tokio::test]
async fn long_lists_are_paged_newest_first_in_html_and_hydra() {
    let store = demo_store();
    let mut doc = String::from(
        "<person/prolific> a <http://schema.org/Person> ; <http://schema.org/name> \"Prolific Author\" .\n",
    );
    for i in 0..45 {
        doc.push_str(&format!(
            "<paper/p{i}> a <http://schema.org/ScholarlyArticle> ; <http://schema.org/name> \"Paper {i}\"@en ; \
             <http://schema.org/datePublished> \"{}-01-01\"^^<http://www.w3.org/2001/XMLSchema#date> ; \
             <http://schema.org/author> <person/prolific> .\n",
            1980 + i
        ));
    }
    store
        .load(Source::from_bytes(
            "prolific.ttl",
            RdfFormat::Turtle,
            doc.into_bytes(),
        ))
        .unwrap();
    let app = app_on(store);
    let titles = |html: &str| -> Vec<String> {
        html.match_indices("<li><a href=\"/paper/p")
            .map(|(at, _)| {
                let rest = &html[at..];
                let start = rest.find('>').unwrap() + 1;
                let rest = &rest[start..];
                let start = rest.find('>').unwrap() + 1;
                rest[start..start + rest[start..].find('<').unwrap()].to_owned()
            })
            .collect()
    };
    let next = |html: &str| -> Option<String> {
        let at = html.find("rel=\"next\"")?;
        let before = &html[..at];
        let href = &before[before.rfind("href=\"").unwrap() + 6..];
        Some(unescape(&href[..href.find('"').unwrap()]))
    };
    let mut uri = "/person/prolific".to_owned();
    let mut seen = Vec::new();
    let mut pages = 0;
    loop {
        let page = fetch(app.clone(), &uri, &[]).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        let on_page = titles(&page.body);
        assert!(on_page.len() <= 20, "{}", on_page.len());
        seen.extend(on_page);
        pages += 1;
        match next(&page.body) {
            Some(href) => uri = href,
            None => break,
        }
    }
    assert_eq!(pages, 3);
    let expected: Vec<String> = (0..45).rev().map(|i| format!("Paper {i}")).collect();
    assert_eq!(seen, expected, "every paper once, newest first");
    // and back, by the previous links, to the newest twenty
    let previous = |html: &str| -> Option<String> {
        let at = html.find("rel=\"prev\"")?;
        let before = &html[..at];
        let href = &before[before.rfind("href=\"").unwrap() + 6..];
        Some(unescape(&href[..href.find('"').unwrap()]))
    };
    let mut back = Vec::new();
    while let Some(href) = previous(&fetch(app.clone(), &uri, &[]).await.body) {
        uri = href;
        back.push(titles(&fetch(app.clone(), &uri, &[]).await.body));
    }
    assert_eq!(back.len(), 2, "two pages back");
    assert_eq!(back[0], expected[20..40].to_vec());
    assert_eq!(back[1], expected[..20].to_vec());
    let middle = fetch(
        app.clone(),
        &format!(
            "/person/prolific?{}",
            serde_urlencoded::to_string([("after", "2005-01-01 ~")]).unwrap()
        ),
        &[("accept", "application/n-triples")],
    )
    .await
    .body;
    assert!(
        middle.contains(
            "<http://www.w3.org/ns/hydra/core#previous> <http://steppe.test/person/prolific?before="
        ),
        "{middle}"
    );
    // the RDF says the same in Hydra
    let ttl = fetch(
        app.clone(),
        "/person/prolific",
        &[("accept", "application/n-triples")],
    )
    .await;
    let lines = ttl.body;
    assert_eq!(
        lines
            .matches("<http://www.w3.org/ns/hydra/core#member>")
            .count(),
        20
    );
    assert!(
        lines.contains(
            "<http://www.w3.org/ns/hydra/core#next> <http://steppe.test/person/prolific?after="
        ),
        "{lines}"
    );
    let seed_author = fetch(app, "/person/maxat-kassen", &[]).await;
    assert!(
        seed_author
            .body
            .contains("Understanding foreign policy strategies of Kazakhstan")
    );
    assert!(!seed_author.body.contains("rel=\"next\""));
}

#[tokio::test]
async fn entity_pages_list_what_relates_to_them_in_html_and_rdf() {
    let app = app_on(demo_store());
    let section = |html: &str, id: &str| -> String {
        let start = html
            .find(&format!("<h2 id=\"{id}\">"))
            .unwrap_or_else(|| panic!("no {id}"));
        html[start..start + html[start..].find("</section>").unwrap()].to_owned()
    };
    let person = fetch(app.clone(), "/person/3c2ya8cj5r", &[]).await.body;
    assert!(
        section(&person, "coauthors")
            .contains(">Daniel M. Wolpert</a> <span class=\"count\">(1 paper)</span>")
    );
    assert!(section(&person, "topics").contains("<li><a href=\"/topic/"));
    let kassen = fetch(app.clone(), "/person/maxat-kassen", &[]).await.body;
    assert!(
        section(&kassen, "affiliations").contains(
            ">Eurasian Humanities Institute</a> <span class=\"count\">(1 paper, 2018)</span>"
        ),
        "{kassen}"
    );
    assert!(
        !section(&kassen, "topics").contains("Understanding foreign policy"),
        "a paper's summary is not a paper about a topic"
    );
    assert!(kassen.contains(
        "<dt>Affiliation</dt><dd><a href=\"/org/kefp653fwt\">Astana IT University</a></dd>"
    ));
    assert!(kassen.contains("<meta property=\"og:type\" content=\"profile\">"));
    let aiu = fetch(app.clone(), "/org/7st13p8wbt", &[]).await.body;
    assert!(aiu.contains("<dt>Place</dt><dd>Astana, KZ</dd>"), "{aiu}");
    assert!(
        aiu.contains("<a href=\"https://ror.org/0053vmf39\">ROR: https://ror.org/0053vmf39</a>")
    );
    assert!(aiu.contains("<span lang=\"kk\">Астана халықаралық университеті</span>"));
    let aitu = fetch(app.clone(), "/org/kefp653fwt", &[]).await.body;
    assert!(section(&aitu, "people").contains(">Maxat Kassen</a>"));
    assert!(
        section(&aitu, "papers").contains("Understanding foreign policy strategies of Kazakhstan")
    );
    let journal = fetch(app.clone(), "/journal/325rvqvkwf", &[]).await.body;
    assert!(
        section(&journal, "years").contains("<td>2018</td><td>1</td>"),
        "{}",
        section(&journal, "years")
    );
    let topic = fetch(app.clone(), "/topic/xyap3gvktr", &[]).await.body;
    assert!(section(&topic, "related").contains(">soft power</a>"));
    let rdf = fetch(app, "/topic/xyap3gvktr.nt", &[]).await.body;
    assert!(rdf.contains(&format!(
        "<{BASE}topic/xyap3gvktr#related> <http://www.w3.org/ns/hydra/core#member> <{BASE}topic/soft-power>"
    )), "{rdf}");
}

#[tokio::test]
async fn browse_every_kind_by_pages_and_search_by_name() {
    let app = app_on(demo_store());
    let index = fetch(app.clone(), "/browse", &[]).await.body;
    assert!(
        index.contains(
            "<a href=\"/browse/org\">Organisations</a> <span class=\"count\">(105)</span>"
        ),
        "{index}"
    );
    let mut uri = "/browse/org".to_owned();
    let mut seen = Vec::new();
    loop {
        let page = fetch(app.clone(), &uri, &[]).await.body;
        let on_page: Vec<String> = page
            .match_indices("<li><a href=\"/org/")
            .map(|(at, _)| {
                let rest = &page[at + 13..];
                rest[..rest.find('"').unwrap()].to_owned()
            })
            .collect();
        assert!(on_page.len() <= 50);
        seen.extend(on_page);
        let Some(at) = page.find("rel=\"next\"") else {
            break;
        };
        let before = &page[..at];
        let href = &before[before.rfind("href=\"").unwrap() + 6..];
        uri = unescape(&href[..href.find('"').unwrap()]);
    }
    let distinct: BTreeSet<&String> = seen.iter().collect();
    assert_eq!(seen.len(), 105, "every organisation once");
    assert_eq!(distinct.len(), 105);
    let found = fetch(app.clone(), "/search?q=LANDLOCKED", &[]).await.body;
    assert!(
        found.contains(&format!(
            "<a href=\"{PAPER}\">Understanding foreign policy strategies"
        )),
        "{found}"
    );
    let hostile = fetch(
        app.clone(),
        "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        &[],
    )
    .await;
    assert_eq!(hostile.status, StatusCode::OK);
    assert!(
        !hostile.body.contains("<script>alert(1)"),
        "{}",
        hostile.body
    );
    assert!(hostile.body.contains("Nothing has a name containing"));
    assert_eq!(
        fetch(app.clone(), "/browse/nothing", &[]).await.status,
        StatusCode::NOT_FOUND
    );
    let long = format!("/search?q={}", "x".repeat(300));
    assert_eq!(fetch(app, &long, &[]).await.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn pages_are_kept_until_the_store_changes_and_revalidate_with_etags() {
    let store = demo_store();
    let app = app_on(store.clone());
    let first = fetch(app.clone(), PAPER, &[]).await;
    let etag = first.headers[header::ETAG].to_str().unwrap().to_owned();
    let again = fetch(app.clone(), PAPER, &[]).await;
    assert_eq!(again.body, first.body, "the kept page is the page");
    assert_eq!(again.headers[header::CONTENT_LANGUAGE], "en");
    assert_eq!(again.headers[header::VARY], "accept, accept-language");
    let not_modified = fetch(app.clone(), PAPER, &[("if-none-match", &etag)]).await;
    assert_eq!(not_modified.status, StatusCode::NOT_MODIFIED);
    // another language or representation is another entry
    let turtle = fetch(
        app.clone(),
        PAPER,
        &[("accept", "text/turtle"), ("if-none-match", &etag)],
    )
    .await;
    assert_eq!(turtle.status, StatusCode::OK);
    store
        .update(
            &format!(
                "DELETE {{ GRAPH ?g {{ <{BASE}paper/nftgcjpf72> schema:headline ?h }} }} \
                 INSERT {{ GRAPH ?g {{ <{BASE}paper/nftgcjpf72> schema:headline \"A new headline\"@en }} }} \
                 WHERE {{ GRAPH ?g {{ <{BASE}paper/nftgcjpf72> schema:headline ?h }} }}"
            ),
            &steppe::store::QueryDataset::default(),
            "editor",
            None,
        )
        .unwrap();
    let changed = fetch(app, PAPER, &[("if-none-match", &etag)]).await;
    assert_eq!(changed.status, StatusCode::OK, "a write changes the ETag");
    assert!(changed.body.contains("<h1>A new headline</h1>"));
}

/// The schema.org terms (classes and properties) Google's tools know.
fn schema_terms() -> BTreeSet<String> {
    std::fs::read_to_string(crate::support::repo("tests/fixtures/schemaorg/terms.txt"))
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

/// The checks every entity page passes: one JSON-LD block of the page's `kind`, using only
/// schema.org terms, everything it says of IRIs backed by the entity's Turtle; returns the page.
async fn check_entity_page(app: &axum::Router, path: &str, kind: &str) -> String {
    let page = fetch(app.clone(), path, &[]).await;
    assert_eq!(page.status, StatusCode::OK, "{path}");
    let terms = schema_terms();
    let blocks = json_ld_blocks(&page.body);
    assert_eq!(blocks.len(), 1, "{path}");
    assert!(
        blocks[0].contains(&format!("\"{kind}\"")),
        "{path}: {}",
        blocks[0]
    );
    let json: serde_json::Value = serde_json::from_str(&blocks[0]).unwrap();
    for key in json_keys(&json) {
        assert!(
            key.starts_with('@') || terms.contains(&key),
            "{path}: {key}"
        );
    }
    let expanded = expand(&blocks[0]);
    let turtle = triples(
        &fetch(app.clone(), &format!("{path}.ttl"), &[]).await.body,
        RdfFormat::Turtle,
    );
    // the page node of a profile page is a blank node; everything said of IRIs is backed
    let missing: Vec<&String> = expanded
        .iter()
        .filter(|t| t.starts_with('<') && !turtle.contains(*t))
        .collect();
    assert!(missing.is_empty(), "{path}: {missing:#?}");
    assert!(expanded.len() >= 3, "{path}: {expanded:?}");
    page.body
}

#[tokio::test]
async fn every_entity_page_has_json_ld_that_the_rdf_backs() {
    let app = app_on(demo_store());
    for (path, kind) in [
        ("/person/maxat-kassen", "ProfilePage"),
        ("/org/7st13p8wbt", "EducationalOrganization"),
        ("/journal/325rvqvkwf", "Periodical"),
        ("/topic/soft-power", "DefinedTerm"),
    ] {
        check_entity_page(&app, path, kind).await;
    }
    let org = fetch(app, "/org/7st13p8wbt", &[]).await;
    let json = &json_ld_blocks(&org.body)[0];
    for name in [
        "Astana International University",
        "Астана халықаралық университеті",
        "Международный университет Астана",
    ] {
        assert!(json.contains(name), "every name in every language: {json}");
    }
}

fn json_keys(value: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                out.push(k.clone());
                if k == "@type" {
                    match v {
                        serde_json::Value::String(t) => out.push(t.clone()),
                        serde_json::Value::Array(ts) => {
                            out.extend(ts.iter().filter_map(|t| t.as_str().map(str::to_owned)));
                        }
                        _ => {}
                    }
                }
                out.extend(json_keys(v));
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| out.extend(json_keys(v))),
        _ => {}
    }
    out
}

#[tokio::test]
async fn pages_of_imported_entities_pass_the_same_checks() {
    let store = demo_store();
    let fixture = |name: &str| {
        std::fs::read(crate::support::repo(&format!(
            "tests/fixtures/import/{name}"
        )))
        .unwrap()
    };
    use steppe::import::{Kind, import};
    for (kind, file) in [
        (Kind::Openalex, "openalex-W2741809807.json"),
        (Kind::Openalex, "openalex-entities.jsonl"),
        (Kind::Crossref, "crossref-works-sample.jsonl.gz"),
        (Kind::Datacite, "datacite-doc.json"),
        (Kind::Orcid, "orcid-0000-0003-3953-765X.json"),
    ] {
        import(&store, kind, file, &fixture(file), false).unwrap();
    }
    let app = app_on(store);
    // reached the way a reader arrives: by an identifier
    let mut pages = Vec::new();
    for (resolver, kind) in [
        ("/doi/10.7717/peerj.4375", "ScholarlyArticle"),
        ("/orcid/0000-0001-6187-6610", "ProfilePage"),
        ("/issn/1476-4687", "Periodical"),
        ("/ror/01cwqze88", "FundingAgency"),
        ("/ror/00jmfr291", "FundingAgency"),
        ("/wikidata/Q11190", "DefinedTerm"),
        ("/orcid/0000-0003-3953-765X", "ProfilePage"),
    ] {
        let answer = fetch(app.clone(), resolver, &[]).await;
        assert_eq!(answer.status, StatusCode::MOVED_PERMANENTLY, "{resolver}");
        let path = answer.headers[header::LOCATION]
            .to_str()
            .unwrap()
            .to_owned();
        pages.push((resolver, check_entity_page(&app, &path, kind).await));
    }
    // the imported paper carries Google Scholar's tags, authors in order
    let paper = &pages[0].1;
    assert_eq!(
        meta(paper, "citation_title"),
        [
            "The state of OA: a large-scale analysis of the prevalence and impact of Open Access articles"
        ]
    );
    let authors = meta(paper, "citation_author");
    assert_eq!(authors.len(), 9, "{authors:?}");
    assert_eq!(authors[0], "Heather Piwowar");
    assert_eq!(authors[8], "Stefanie Haustein");
    assert_eq!(meta(paper, "citation_doi"), ["10.7717/peerj.4375"]);
    assert_eq!(meta(paper, "citation_journal_title"), ["PeerJ"]);
    assert!(paper.contains("Despite growing interest"), "the abstract");
    // Jason Priem: one person, from the work and from his OpenAlex author record
    let person = &pages[1].1;
    assert!(person.contains("The state of OA"), "his paper is listed");
    assert!(
        person.contains("OurResearch"),
        "his affiliation, from the author record"
    );
}

#[tokio::test]
async fn a_paper_page_says_which_source_gave_which_properties_of_it_and_its_parts() {
    let store = demo_store();
    let app = app_on(store.clone());
    let papers = crate::support::select(
        &store,
        "SELECT ?paper WHERE { ?paper a <http://schema.org/ScholarlyArticle> }",
        &[],
    );
    assert!(papers.len() > 5);
    for paper in &papers {
        let iri = crate::support::text(&paper["paper"]);
        let path = &iri[BASE.len() - 1..];
        // each source holding a statement about the entity or one of its direct hash-IRI
        // parts, with the properties of those statements, found here without the page's rows
        let rows = crate::support::select(
            &store,
            "PREFIX steppe: <https://w3id.org/steppe/ns#>
             SELECT ?this ?file ?at ?p WHERE {
               { GRAPH ?g { ?this ?p ?o } }
               UNION { GRAPH ?any { ?this ?link ?part }
                       FILTER(ISIRI(?part) && STRSTARTS(STR(?part), CONCAT(STR(?this), \"#\")))
                       GRAPH ?g { ?part ?p ?o } }
               GRAPH ?meta { ?g a steppe:Source ; steppe:loadedFrom ?file ; steppe:loadedAt ?at }
             }",
            &[("this", NamedNode::new(&iri).unwrap().into())],
        );
        let mut expected: std::collections::BTreeMap<(String, String), Vec<String>> =
            Default::default();
        for row in &rows {
            let properties = expected
                .entry((
                    crate::support::text(&row["file"]),
                    crate::support::text(&row["at"])[..10].to_owned(),
                ))
                .or_default();
            let p = crate::support::text(&row["p"]);
            if p != "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" {
                properties.push(steppe::results::compact(&p));
            }
        }
        assert!(!expected.is_empty(), "{path}: no sources");
        let page = fetch(app.clone(), path, &[("accept", "text/html")])
            .await
            .body;
        let section = page
            .split("<ul class=\"sources\">")
            .nth(1)
            .and_then(|rest| rest.split("</ul>").next())
            .unwrap_or_else(|| panic!("{path}: no sources section"));
        let items: Vec<&str> = section.matches("<li>").collect();
        assert_eq!(items.len(), expected.len(), "{path}: {section}");
        for ((file, day), mut properties) in expected {
            properties.sort();
            properties.dedup();
            let line = format!(
                "<li><code>{file}</code>, loaded {day}: {}</li>",
                properties.join(", ")
            );
            assert!(section.contains(&line), "{path}: {line} in {section}");
        }
    }
}

#[tokio::test]
async fn date_modified_is_the_day_the_newest_source_of_the_entity_was_loaded() {
    let store = demo_store();
    let app = app_on(store.clone());
    // ROR's record of the university states its own date: it is kept, and no other is added
    for (path, stated) in [
        (PAPER, None),
        ("/person/3c2ya8cj5r", None),
        (AIU, Some("2024-10-31")),
    ] {
        let iri = format!("{BASE}{}", &path[1..]);
        // the sources holding a statement about the entity or one of its hash-IRI parts
        let rows = crate::support::select(
            &store,
            "PREFIX steppe: <https://w3id.org/steppe/ns#>
             SELECT ?this (MAX(?at) AS ?newest) WHERE {
               { GRAPH ?g { ?this ?p ?o } }
               UNION { GRAPH ?g { ?part ?p ?o } FILTER(STRSTARTS(STR(?part), CONCAT(STR(?this), \"#\"))) }
               GRAPH ?meta { ?g a steppe:Source ; steppe:loadedAt ?at }
             } GROUP BY ?this",
            &[("this", NamedNode::new(&iri).unwrap().into())],
        );
        let newest = crate::support::text(&rows[0]["newest"]);
        let body = fetch(app.clone(), path, &[("accept", "application/n-triples")])
            .await
            .body;
        let modified: Vec<Triple> = RdfParser::from_format(RdfFormat::NTriples)
            .for_slice(body.as_bytes())
            .map(|q| Triple::from(q.unwrap()))
            .filter(|t| {
                t.subject.to_string() == format!("<{iri}>")
                    && t.predicate.as_str() == "http://schema.org/dateModified"
            })
            .collect();
        assert_eq!(modified.len(), 1, "{path}: one dateModified, {modified:?}");
        let Term::Literal(day) = &modified[0].object else {
            panic!("{path}: not a literal")
        };
        assert_eq!(day.value(), stated.unwrap_or(&newest[..10]), "{path}");
        assert_eq!(
            day.datatype().as_str(),
            "http://www.w3.org/2001/XMLSchema#date"
        );
    }
}
