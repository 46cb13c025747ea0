//! Importers: mappers against golden files, identity across sources, bad input.

use crate::support::{BASE, demo_store, empty_store, repo, snapshot};
use steppe::import::{self, ImportError, Kind};
use steppe::mint::Minter;

/// Every quad but those of the meta graph (which records when things were loaded) and of the
/// ontology graph (whose blank nodes differ between stores), sorted.
fn data(store: &steppe::store::Store) -> Vec<String> {
    snapshot(store)
        .into_iter()
        .filter(|q| {
            !q.contains("/graph/meta>")
                && !q.contains("/graph/ontology>")
                && !q.contains("/graph/modified>")
        })
        .collect()
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(repo(&format!("tests/fixtures/import/{name}"))).unwrap()
}

/// The mapper's triples for every record of a file that maps, as sorted N-Triples, compared
/// with a golden file (written anew when `STEPPE_BLESS` is set, to be reviewed before it is
/// committed).
fn golden(kind: Kind, input: &str, golden: &str) {
    let minter = Minter::new(BASE).unwrap();
    let mut lines: Vec<String> = Vec::new();
    for record in import::records(input, &fixture(input)).unwrap() {
        let record = record.unwrap();
        let mapped = match kind {
            Kind::Crossref => import::crossref::map(&record.value, &minter),
            Kind::Datacite => import::datacite::map(&record.value, &minter),
            Kind::Openalex => import::openalex::map(&record.value, &minter),
            Kind::Orcid => import::orcid::map(&record.value, &minter),
            Kind::Ror => import::ror::map(&record.value, &minter),
        };
        let Ok(mapped) = mapped else {
            continue;
        };
        // as imported into a store that has none of the cited works
        lines.extend(mapped.resolve(|_| false).iter().map(|t| format!("{t} .")));
    }
    assert!(!lines.is_empty(), "{input}: nothing mapped");
    lines.sort();
    lines.dedup();
    let text = lines.join("\n") + "\n";
    let path = repo(&format!("tests/fixtures/import/{golden}"));
    if std::env::var_os("STEPPE_BLESS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    assert_eq!(text, std::fs::read_to_string(&path).unwrap(), "{golden}");
}

#[test]
fn crossref_and_ror_records_map_to_their_golden_triples() {
    golden(Kind::Crossref, "crossref-work.json", "crossref-work.nt");
    golden(
        Kind::Ror,
        "05jnvbc31-astana-it-university.v2.json",
        "ror-aitu.nt",
    );
    golden(
        Kind::Openalex,
        "openalex-W2741809807.json",
        "openalex-W2741809807.nt",
    );
    golden(
        Kind::Orcid,
        "orcid-0000-0003-3953-765X.json",
        "orcid-0000-0003-3953-765X.nt",
    );
    golden(Kind::Datacite, "datacite-doc.json", "datacite-doc.nt");
    golden(
        Kind::Openalex,
        "openalex-entities.jsonl",
        "openalex-entities.nt",
    );
}

#[test]
fn an_orcid_record_with_a_wrong_check_digit_is_refused() {
    let store = empty_store();
    let good = import::import(
        &store,
        Kind::Orcid,
        "orcid-0000-0001-8254-7103.json",
        &fixture("orcid-0000-0001-8254-7103.json"),
        false,
    )
    .unwrap();
    assert_eq!(good.imported, 1);
    let bad = import::import(
        &store,
        Kind::Orcid,
        "orcid-0000-0001-8254-710X.json",
        &fixture("orcid-0000-0001-8254-710X.json"),
        false,
    )
    .unwrap();
    assert_eq!(bad.imported, 0);
    assert_eq!(bad.skipped.get("invalid ORCID"), Some(&1), "{bad:?}");
}

#[test]
fn openalex_works_merge_with_the_demo_data_made_from_them() {
    let store = demo_store();
    let file = "openalex-works-sample.json.gz";
    let summary = import::import(&store, Kind::Openalex, file, &fixture(file), false).unwrap();
    assert_eq!(summary.read, 100);
    // the demo data holds the first twelve works with a DOI, a title and authors
    assert!(summary.merged >= 12, "{summary:?}");
    assert_eq!(
        summary.imported + summary.skipped.values().sum::<u64>(),
        100
    );
}

#[test]
fn the_same_ror_id_is_the_same_organisation_across_sources_and_schema_versions() {
    let store = demo_store();
    let aitu = format!("{BASE}org/kefp653fwt");
    for file in [
        "05jnvbc31-astana-it-university.v2.json",
        "05jnvbc31-astana-it-university.v1.json",
    ] {
        let summary = import::import(&store, Kind::Ror, file, &fixture(file), false).unwrap();
        assert_eq!(
            (summary.read, summary.imported, summary.merged),
            (1, 1, 1),
            "{file}"
        );
    }
    // one entity, described by the demo data's ROR file and by the imported record
    let graphs = crate::support::select(
        &store,
        &format!(
            "SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{aitu}> schema:name ?n }} GRAPH ?m {{ ?g a steppe:Source }} }}"
        ),
        &[],
    );
    assert_eq!(graphs.len(), 2, "{graphs:?}");
    let names = store
        .objects(
            oxigraph::model::NamedNodeRef::new_unchecked(&aitu).into(),
            steppe::vocab::schema::NAME,
        )
        .unwrap();
    assert_eq!(names.len(), 1, "the same name from both: {names:?}");
}

#[test]
fn crossref_records_merge_with_the_seed_by_doi_and_issn_and_report_bad_identifiers() {
    let store = demo_store();
    let summary = import::import(
        &store,
        Kind::Crossref,
        "seed-crossref.json",
        &fixture("seed-crossref.json"),
        false,
    )
    .unwrap();
    assert_eq!((summary.imported, summary.merged), (1, 1));
    assert_eq!(summary.dropped.len(), 1, "{:?}", summary.dropped);
    assert!(
        summary.dropped[0].contains("author[0].ORCID"),
        "{:?}",
        summary.dropped
    );
    let journals = crate::support::select(
        &store,
        "SELECT DISTINCT ?j WHERE { <http://steppe.test/paper/nftgcjpf72> schema:isPartOf/schema:isPartOf/schema:isPartOf ?j }",
        &[],
    );
    assert_eq!(
        journals.len(),
        1,
        "one journal by its print ISSN: {journals:?}"
    );
    assert_eq!(
        journals[0]["j"].to_string(),
        format!("<{BASE}journal/325rvqvkwf>")
    );
    // the author without a valid ORCID is not merged with the seed's author by name
    let authors = crate::support::select(
        &store,
        "SELECT DISTINCT ?a WHERE { <http://steppe.test/paper/nftgcjpf72> schema:author ?a }",
        &[],
    );
    assert_eq!(authors.len(), 2, "{authors:?}");
}

#[test]
fn importing_twice_adds_nothing() {
    let store = empty_store();
    let file = "crossref-works-sample.jsonl.gz";
    let first = import::import(&store, Kind::Crossref, file, &fixture(file), false).unwrap();
    let before = data(&store);
    let second = import::import(&store, Kind::Crossref, file, &fixture(file), false).unwrap();
    assert_eq!(first.imported, second.imported);
    assert_eq!(first.unchanged, 0);
    assert_eq!(second.unchanged, second.imported, "{second:?}");
    assert_eq!(data(&store), before, "the same quads, graph for graph");
    assert_eq!(store.len().unwrap(), snapshot(&store).len());
}

#[test]
fn bad_records_are_skipped_with_their_position_and_the_rest_land() {
    let store = empty_store();
    let file = "crossref-works-sample.jsonl.gz";
    let summary = import::import(&store, Kind::Crossref, file, &fixture(file), false).unwrap();
    assert_eq!(summary.read, 8);
    assert_eq!(summary.imported, 5);
    let reasons: Vec<(&str, u64)> = summary
        .skipped
        .iter()
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    assert_eq!(
        reasons,
        [("missing title", 1), ("missing type", 1), ("not a work", 1)]
    );
    assert!(
        summary
            .skips
            .iter()
            .any(|s| s.starts_with(&format!("{file}:6: not a work"))),
        "{:?}",
        summary.skips
    );
    // a broken line among good ones
    let mut lines =
        String::from("{\"DOI\":\"10.1/a\",\"type\":\"journal-article\",\"title\":[\"A\"]}\n");
    lines.push_str("{\"DOI\": broken\n");
    lines.push_str("{\"DOI\":\"not a doi\",\"type\":\"journal-article\",\"title\":[\"B\"]}\n");
    let summary = import::import(
        &store,
        Kind::Crossref,
        "mixed.jsonl",
        lines.as_bytes(),
        false,
    )
    .unwrap();
    assert_eq!((summary.read, summary.imported), (3, 1));
    assert!(
        summary.skips[0].starts_with("mixed.jsonl:2: invalid JSON line"),
        "{:?}",
        summary.skips
    );
    assert!(
        summary.skips[1].starts_with("mixed.jsonl:3: invalid DOI"),
        "{:?}",
        summary.skips
    );
}

#[test]
fn a_corrupt_file_or_a_strict_failure_changes_nothing() {
    let store = demo_store();
    let before = snapshot(&store);
    let gz = fixture("crossref-works-sample.jsonl.gz");
    let truncated = import::import(
        &store,
        Kind::Crossref,
        "t.jsonl.gz",
        &gz[..gz.len() / 2],
        false,
    );
    assert!(
        matches!(truncated, Err(ImportError::Unreadable { .. })),
        "{truncated:?}"
    );
    let html = import::import(&store, Kind::Ror, "page.json", b"<html><body>oops", false);
    assert!(matches!(html, Err(ImportError::NotJson { .. })), "{html:?}");
    let strict = import::import(&store, Kind::Crossref, "s.jsonl.gz", &gz, true);
    match strict {
        Err(ImportError::Strict { count, first, .. }) => {
            assert_eq!(count, 3);
            assert!(first.starts_with("s.jsonl.gz:6: not a work"), "{first}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(snapshot(&store), before);
}

#[tokio::test]
async fn citations_link_to_papers_the_store_has_and_to_dois_otherwise() {
    let citing = br#"{"DOI":"10.1/a","type":"journal-article","title":["A"],"reference":[{"key":"r1","DOI":"10.1/B"}]}"#;
    let cited = br#"{"DOI":"10.1/b","type":"journal-article","title":["B"]}"#;
    let minter = Minter::new(BASE).unwrap();
    let b = minter.paper(&steppe::ids::Doi::parse("10.1/b").unwrap());
    let cites = |store: &steppe::store::Store| -> Vec<String> {
        crate::support::select(
            store,
            "SELECT ?o WHERE { <http://steppe.test/paper/XXX> schema:citation ?o }"
                .replace(
                    "<http://steppe.test/paper/XXX>",
                    &format!(
                        "<{}>",
                        minter
                            .paper(&steppe::ids::Doi::parse("10.1/a").unwrap())
                            .as_str()
                    ),
                )
                .as_str(),
            &[],
        )
        .iter()
        .map(|row| row["o"].to_string())
        .collect()
    };
    // the cited paper first: a link to steppe's paper
    let store = empty_store();
    import::import(&store, Kind::Crossref, "b.json", cited, false).unwrap();
    import::import(&store, Kind::Crossref, "a.json", citing, false).unwrap();
    assert_eq!(cites(&store), [format!("<{}>", b.as_str())]);
    // the citing paper first: a link to the DOI, and the cited paper's page still shows it
    let store = empty_store();
    import::import(&store, Kind::Crossref, "a.json", citing, false).unwrap();
    import::import(&store, Kind::Crossref, "b.json", cited, false).unwrap();
    assert_eq!(cites(&store), ["<https://doi.org/10.1/b>"]);
    let app = steppe::app(steppe::AppState::new(store));
    let path = b.as_str().strip_prefix(BASE).unwrap();
    let page = crate::support::send(
        app,
        axum::http::Request::get(format!("/{path}"))
            .body(axum::body::Body::empty())
            .unwrap(),
    )
    .await;
    assert!(
        page.body.contains("<h2 id=\"cited-by\">Cited by</h2>"),
        "{}",
        page.body
    );
    assert!(page.body.contains(">A</a>"));
}

#[tokio::test]
async fn imports_over_http_need_a_write_token_and_answer_the_summary() {
    let mut state = steppe::AppState::new(demo_store());
    state.tokens = std::sync::Arc::new(
        steppe::auth::Tokens::parse(
            "editor write editor-secret-0123456789abcdef\nreader read reader-secret-0123456789abcdef\n",
            "tokens",
        )
        .unwrap(),
    );
    let app = steppe::app(state);
    let post = |auth: Option<&str>, content_type: &str, body: Vec<u8>, uri: &str| {
        let mut request = axum::http::Request::post(uri).header("content-type", content_type);
        if let Some(auth) = auth {
            request = request.header("authorization", auth);
        }
        request.body(axum::body::Body::from(body)).unwrap()
    };
    let editor = Some("Bearer editor-secret-0123456789abcdef");
    let ror = fixture("05jnvbc31-astana-it-university.v2.json");
    let none = crate::support::send(
        app.clone(),
        post(None, "application/json", ror.clone(), "/import/ror"),
    )
    .await;
    assert_eq!(none.status, axum::http::StatusCode::UNAUTHORIZED);
    let reader = crate::support::send(
        app.clone(),
        post(
            Some("Bearer reader-secret-0123456789abcdef"),
            "application/json",
            ror.clone(),
            "/import/ror",
        ),
    )
    .await;
    assert_eq!(reader.status, axum::http::StatusCode::FORBIDDEN);
    let done = crate::support::send(
        app.clone(),
        post(editor, "application/json", ror, "/import/ror"),
    )
    .await;
    assert_eq!(done.status, axum::http::StatusCode::OK, "{}", done.body);
    let summary: serde_json::Value = serde_json::from_str(&done.body).unwrap();
    assert_eq!(
        (
            summary["read"].as_u64(),
            summary["imported"].as_u64(),
            summary["merged"].as_u64()
        ),
        (Some(1), Some(1), Some(1))
    );
    let gz = fixture("crossref-works-sample.jsonl.gz");
    let strict = crate::support::send(
        app.clone(),
        post(
            editor,
            "application/gzip",
            gz.clone(),
            "/import/crossref?strict=true",
        ),
    )
    .await;
    assert_eq!(strict.status, axum::http::StatusCode::BAD_REQUEST);
    assert!(
        strict.body.contains("--strict") || strict.body.contains("would be skipped"),
        "{}",
        strict.body
    );
    let lenient = crate::support::send(
        app.clone(),
        post(editor, "application/gzip", gz, "/import/crossref"),
    )
    .await;
    let summary: serde_json::Value = serde_json::from_str(&lenient.body).unwrap();
    assert_eq!(summary["imported"].as_u64(), Some(5));
    assert_eq!(summary["skipped"]["not a work"].as_u64(), Some(1));
    let unknown = crate::support::send(
        app.clone(),
        post(
            editor,
            "application/json",
            b"{}".to_vec(),
            "/import/nowhere",
        ),
    )
    .await;
    assert_eq!(unknown.status, axum::http::StatusCode::NOT_FOUND);
    let wrong = crate::support::send(
        app,
        post(editor, "text/csv", b"a,b".to_vec(), "/import/ror"),
    )
    .await;
    assert_eq!(wrong.status, axum::http::StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[test]
fn a_journal_named_by_any_of_its_issns_is_the_journal_the_store_knows() {
    let store = demo_store();
    // only the online ISSN of the seed's journal (its IRI is minted from the print one)
    let record = br#"{"DOI":"10.1080/0955757x.2019.0000001","type":"journal-article","title":["Another paper"],
        "container-title":["Cambridge Review of International Affairs"],
        "issn-type":[{"value":"1474-449X","type":"electronic"}],"volume":"32","issue":"1"}"#;
    import::import(&store, Kind::Crossref, "online-only.json", record, false).unwrap();
    let rows = crate::support::select(
        &store,
        "SELECT ?journal WHERE { ?paper schema:sameAs <https://doi.org/10.1080/0955757x.2019.0000001> ; \
         schema:isPartOf/schema:isPartOf/schema:isPartOf ?journal }",
        &[],
    );
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(
        rows[0]["journal"].to_string(),
        format!("<{BASE}journal/325rvqvkwf>")
    );
    let volumes = crate::support::select(
        &store,
        &format!(
            "SELECT ?v WHERE {{ ?v schema:isPartOf <{BASE}journal/325rvqvkwf> ; schema:volumeNumber \"32\" }}"
        ),
        &[],
    );
    assert_eq!(
        volumes.len(),
        1,
        "the volume is the known journal's too: {volumes:?}"
    );
}

#[test]
fn datacite_records_import_or_are_skipped_for_a_reason() {
    let store = empty_store();
    let file = "datacite-sample.jsonl.gz";
    let summary = import::import(&store, Kind::Datacite, file, &fixture(file), false).unwrap();
    assert_eq!(summary.read, 100);
    assert_eq!(
        summary.imported + summary.skipped.values().sum::<u64>(),
        100,
        "{summary:?}"
    );
    assert!(summary.imported >= 95, "{summary:?}");
}

#[test]
fn openalex_entity_records_import_and_merge_with_the_works_that_name_them() {
    let store = empty_store();
    let work = "openalex-W2741809807.json";
    import::import(&store, Kind::Openalex, work, &fixture(work), false).unwrap();
    let file = "openalex-entities.jsonl";
    let summary = import::import(&store, Kind::Openalex, file, &fixture(file), false).unwrap();
    assert_eq!(summary.read, 9);
    assert_eq!(summary.imported, 8, "{summary:?}");
    assert_eq!(
        summary.skipped.get("deleted record"),
        Some(&1),
        "{summary:?}"
    );
    assert!(
        summary.skips[0].starts_with(&format!("{file}:2: ")),
        "{:?}",
        summary.skips
    );
    // Jason Priem (by ORCID) is the work's second author
    assert_eq!(summary.merged, 1, "{summary:?}");
    let minter = Minter::new(BASE).unwrap();
    let priem = minter.person(&steppe::ids::Orcid::parse("0000-0001-6187-6610").unwrap());
    let graphs = snapshot(&store)
        .iter()
        .filter(|q| q.starts_with(&format!("<{}> ", priem.as_str())))
        .filter_map(|q| q.rsplit(' ').next().map(str::to_owned))
        .filter(|g| g.contains("/graph/source/"))
        .collect::<std::collections::BTreeSet<_>>();
    assert_eq!(
        graphs.len(),
        2,
        "the work's graph and the author record's: {graphs:?}"
    );
    // importing again adds nothing
    let before = data(&store);
    import::import(&store, Kind::Openalex, file, &fixture(file), false).unwrap();
    assert_eq!(before, data(&store));
}

#[test]
fn a_changed_record_replaces_what_it_said_before_exactly() {
    let original = fixture("crossref-work.json");
    let text = String::from_utf8(original.clone()).unwrap();
    let record: serde_json::Value = serde_json::from_str(&text).unwrap();
    let old_title = record["title"][0].as_str().unwrap().to_owned();
    let mut changed = record.clone();
    changed["title"][0] = serde_json::Value::String("A corrected title".into());
    changed["author"].as_array_mut().unwrap().pop();
    let changed = serde_json::to_vec(&changed).unwrap();
    // imported over the original ...
    let store = empty_store();
    import::import(&store, Kind::Crossref, "w.json", &original, false).unwrap();
    let summary = import::import(&store, Kind::Crossref, "w.json", &changed, false).unwrap();
    assert_eq!((summary.imported, summary.unchanged), (1, 0));
    // ... the store holds what a fresh import of the changed record makes, no more
    let fresh = empty_store();
    import::import(&fresh, Kind::Crossref, "w.json", &changed, false).unwrap();
    let (got, want) = (data(&store), data(&fresh));
    let extra: Vec<&String> = got.iter().filter(|q| !want.contains(q)).collect();
    let missing: Vec<&String> = want.iter().filter(|q| !got.contains(q)).collect();
    assert!(
        extra.is_empty() && missing.is_empty(),
        "extra {extra:#?}\nmissing {missing:#?}"
    );
    let all = snapshot(&store).join("\n");
    assert!(!all.contains(&old_title), "the old title is gone");
    assert!(all.contains("A corrected title"));
    // one description of the record's graph in the meta graph
    let loaded_at = snapshot(&store)
        .iter()
        .filter(|q| q.contains("loadedAt") && q.ends_with("/graph/meta>"))
        .cloned()
        .collect::<Vec<_>>();
    assert_eq!(loaded_at.len(), 1, "{loaded_at:#?}");
}

#[test]
fn progress_is_told_after_each_batch() {
    let store = empty_store();
    let file = "crossref-works-sample.jsonl.gz";
    let mut calls = Vec::new();
    let summary = import::import_with_progress(
        &store,
        Kind::Crossref,
        file,
        &fixture(file),
        false,
        |done, total| calls.push((done, total)),
    )
    .unwrap();
    assert_eq!(
        calls.last(),
        Some(&(summary.read, summary.read)),
        "{calls:?}"
    );
    assert_eq!(summary.read, 8);
}
