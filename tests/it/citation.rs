//! Citations like doi.org (BibTeX, RIS, CSL-JSON, formatted references) and FAIR Signposting,
//! through the real router.

use crate::support::{Answer, demo_store, send};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use steppe::import::{Kind, import};
use steppe::store::Store;

const PAPER: &str = "/paper/nftgcjpf72";
const APA: &str = "Kassen, M. (2018). Understanding foreign policy strategies of Kazakhstan: a case study of the landlocked and transcontinental country. Cambridge Review of International Affairs, 31(3-4), 314–343. https://doi.org/10.1080/09557571.2018.1520809";

fn app_on(store: Store) -> axum::Router {
    steppe::app(steppe::AppState::new(store))
}

async fn get(app: &axum::Router, uri: &str, accept: Option<&str>) -> Answer {
    let mut request = Request::get(uri);
    if let Some(accept) = accept {
        request = request.header(header::ACCEPT, accept);
    }
    send(app.clone(), request.body(Body::empty()).unwrap()).await
}

fn content_type(answer: &Answer) -> &str {
    answer.headers[header::CONTENT_TYPE].to_str().unwrap()
}

#[tokio::test]
async fn a_paper_is_cited_in_each_format_as_doi_content_negotiation_answers() {
    let app = app_on(demo_store());
    // BibTeX, by Accept and by suffix alike
    let bib = get(&app, PAPER, Some("application/x-bibtex")).await;
    assert_eq!(bib.status, StatusCode::OK);
    assert!(content_type(&bib).starts_with("application/x-bibtex"));
    assert_eq!(
        bib.body,
        get(&app, &format!("{PAPER}.bib"), None).await.body
    );
    for field in [
        "@article{kassen2018understanding,",
        "author = {Kassen, Maxat}",
        "journal = {Cambridge Review of International Affairs}",
        "year = {2018}",
        "volume = {31}",
        "number = {3-4}",
        "pages = {314--343}",
        "doi = {10.1080/09557571.2018.1520809}",
        "publisher = {Taylor \\& Francis}",
    ] {
        assert!(bib.body.contains(field), "{field}: {}", bib.body);
    }
    // RIS: a record from TY to ER, authors as AU
    let ris = get(&app, PAPER, Some("application/x-research-info-systems")).await;
    assert!(content_type(&ris).starts_with("application/x-research-info-systems"));
    let lines: Vec<&str> = ris.body.lines().collect();
    assert_eq!(lines.first(), Some(&"TY  - JOUR"));
    assert_eq!(lines.last(), Some(&"ER  - "));
    for line in [
        "AU  - Kassen, Maxat",
        "PY  - 2018",
        "SP  - 314",
        "EP  - 343",
        "DO  - 10.1080/09557571.2018.1520809",
        "SN  - 0955-7571",
        "SN  - 1474-449X",
    ] {
        assert!(lines.contains(&line), "{line}: {}", ris.body);
    }
    // CSL-JSON, the item CSL processors read
    let csl = get(&app, PAPER, Some("application/vnd.citationstyles.csl+json")).await;
    assert_eq!(
        content_type(&csl),
        "application/vnd.citationstyles.csl+json"
    );
    let item: serde_json::Value = serde_json::from_str(&csl.body).unwrap();
    assert_eq!(item["type"], "article-journal");
    assert_eq!(item["author"][0]["family"], "Kassen");
    assert_eq!(item["author"][0]["given"], "Maxat");
    assert_eq!(item["issued"]["date-parts"][0][0], 2018);
    assert_eq!(item["DOI"], "10.1080/09557571.2018.1520809");
    assert_eq!(item["page"], "314-343");
    // a formatted reference: APA unless a style is asked for, by parameter or by Accept
    let apa = get(&app, PAPER, Some("text/x-bibliography")).await;
    assert!(content_type(&apa).starts_with("text/x-bibliography"));
    assert_eq!(apa.body.trim_end(), APA);
    let by_param = get(&app, &format!("{PAPER}.txt?style=mla"), None).await;
    let by_accept = get(
        &app,
        PAPER,
        Some("text/x-bibliography; style=modern-language-association"),
    )
    .await;
    assert_eq!(by_param.body, by_accept.body);
    assert!(
        by_param.body.starts_with("Kassen, Maxat. “Understanding"),
        "{}",
        by_param.body
    );
    for (style, start) in [
        ("chicago-author-date", "Kassen, Maxat. 2018. “Understanding"),
        (
            "harvard-cite-them-right",
            "Kassen, M. (2018) 'Understanding",
        ),
        ("ieee", "M. Kassen, “Understanding"),
        ("vancouver", "Kassen M. Understanding"),
    ] {
        let text = get(
            &app,
            &format!("{PAPER}?format=bibliography&style={style}"),
            None,
        )
        .await;
        assert!(text.body.starts_with(start), "{style}: {}", text.body);
        assert!(text.body.contains("2018"), "{style}");
    }
    // each variant is cached apart
    assert_ne!(by_param.headers[header::ETAG], apa.headers[header::ETAG]);
}

#[tokio::test]
async fn citations_refuse_what_they_cannot_give() {
    let app = app_on(demo_store());
    // a style steppe does not know: 406 naming the ones it knows
    let unknown = get(&app, &format!("{PAPER}.txt?style=klingon"), None).await;
    assert_eq!(unknown.status, StatusCode::NOT_ACCEPTABLE);
    assert!(unknown.body.contains("apa"), "{}", unknown.body);
    let unknown = get(&app, PAPER, Some("text/x-bibliography; style=klingon")).await;
    assert_eq!(unknown.status, StatusCode::NOT_ACCEPTABLE);
    // people, organisations, journals and topics are not cited
    let person = get(&app, "/person/maxat-kassen", Some("application/x-bibtex")).await;
    assert_eq!(person.status, StatusCode::NOT_ACCEPTABLE);
    let person = get(&app, "/person/maxat-kassen.bib", None).await;
    assert_eq!(person.status, StatusCode::NOT_FOUND);
    let person = get(&app, "/person/maxat-kassen?format=bibtex", None).await;
    assert_eq!(person.status, StatusCode::NOT_ACCEPTABLE);
    // a browser still gets the page
    let page = get(&app, PAPER, Some("text/html,*/*;q=0.8")).await;
    assert!(content_type(&page).starts_with("text/html"));
}

#[tokio::test]
async fn the_paper_page_offers_the_same_citations() {
    let app = app_on(demo_store());
    let page = get(&app, PAPER, None).await;
    assert!(
        page.body
            .contains(&format!("<p class=\"reference\">{APA}</p>"))
    );
    for href in [".bib", ".ris", ".csl.json", ".txt?style=vancouver"] {
        let link = format!("href=\"{PAPER}{href}\"");
        assert!(page.body.contains(&link), "{link}");
        let target = get(&app, &format!("{PAPER}{href}"), None).await;
        assert_eq!(target.status, StatusCode::OK, "{href}");
    }
}

#[tokio::test]
async fn a_hostile_title_is_escaped_in_bibtex_and_kept_on_one_ris_line() {
    use oxigraph::io::RdfFormat;
    let store = demo_store();
    let title = "50% of {R&D} \\\\ $x_1$ #1\nER  - ";
    let doc = format!(
        "<paper/evil> a <http://schema.org/ScholarlyArticle> ; <http://schema.org/name> {title:?} ."
    );
    store
        .load(steppe::source::Source::from_bytes(
            "evil.ttl",
            RdfFormat::Turtle,
            doc.into_bytes(),
        ))
        .unwrap();
    let app = app_on(store);
    let bib = get(&app, "/paper/evil.bib", None).await.body;
    assert!(
        bib.contains("title = {50\\% of \\{R\\&D\\} \\textbackslash{}\\textbackslash{} \\$x\\_1\\$ \\#1 ER  - }"),
        "{bib}"
    );
    let ris = get(&app, "/paper/evil.ris", None).await.body;
    assert_eq!(
        ris.matches("ER  - ").count(),
        2,
        "one in the title, one ending the record"
    );
    assert!(ris.ends_with("ER  - \r\n"));
    assert_eq!(
        ris.lines().filter(|l| l.starts_with("ER")).count(),
        1,
        "{ris}"
    );
}

#[tokio::test]
async fn pages_and_documents_carry_signposts() {
    let store = demo_store();
    let work = std::fs::read(crate::support::repo(
        "tests/fixtures/import/openalex-W2741809807.json",
    ))
    .unwrap();
    import(&store, Kind::Openalex, "w.json", &work, false).unwrap();
    let app = app_on(store);
    for accept in ["text/html", "text/turtle", "application/x-bibtex"] {
        let answer = get(&app, PAPER, Some(accept)).await;
        let link = answer.headers[header::LINK].to_str().unwrap();
        for expected in [
            "<https://doi.org/10.1080/09557571.2018.1520809>; rel=\"cite-as\"",
            "</paper/nftgcjpf72.ttl>; rel=\"describedby\"; type=\"text/turtle\"",
            "</paper/nftgcjpf72.bib>; rel=\"describedby\"; type=\"application/x-bibtex\"",
            "<https://schema.org/ScholarlyArticle>; rel=\"type\"",
            "<https://schema.org/AboutPage>; rel=\"type\"",
        ] {
            assert!(link.contains(expected), "{accept}: {expected} in {link}");
        }
    }
    // the same as <link> elements in the page's head
    let page = get(&app, PAPER, None).await.body;
    assert!(
        page.contains(
            "<link rel=\"cite-as\" href=\"https://doi.org/10.1080/09557571.2018.1520809\">"
        )
    );
    assert!(page.contains(
        "<link rel=\"describedby\" href=\"/paper/nftgcjpf72.ris\" type=\"application/x-research-info-systems\">"
    ));
    // authors by ORCID, in order, on an imported paper with nine of them
    let answer = get(&app, "/doi/10.7717/peerj.4375", None).await;
    let path = answer.headers[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    let answer = get(&app, &path, None).await;
    let link = answer.headers[header::LINK].to_str().unwrap();
    let authors: Vec<&str> = link
        .split(", ")
        .filter(|l| l.ends_with("rel=\"author\""))
        .collect();
    assert_eq!(authors.len(), 9, "{link}");
    assert_eq!(
        authors[0],
        "<https://orcid.org/0000-0003-1613-5981>; rel=\"author\""
    );
    // an entity without a DOI is cited as itself; no citation formats are offered for it
    let person = get(&app, "/person/maxat-kassen", None).await;
    let link = person.headers[header::LINK].to_str().unwrap();
    assert!(
        link.contains("<http://steppe.test/person/maxat-kassen>; rel=\"cite-as\""),
        "{link}"
    );
    assert!(
        link.contains("<https://schema.org/Person>; rel=\"type\""),
        "{link}"
    );
    assert!(!link.contains("x-bibtex"), "{link}");
}
