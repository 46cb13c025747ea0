//! The lists index (`store::lists`) gives every list of an entity page as its query does: the
//! demo data and generated papers, every page of papers both ways, and again after a write.

use crate::support::{BASE, demo_store, send};
use axum::body::Body;
use axum::http::Request;
use oxigraph::io::RdfFormat;
use oxigraph::model::NamedNode;
use std::collections::BTreeSet;
use steppe::document::{Cursor, Document, Listed, RelatedItem};
use steppe::mint::Minter;
use steppe::source::Source;
use steppe::store::{Direction, EntityLists, List, Lists, Store};
use steppe::synthetic::{Options, write};

/// `papers` generated papers as N-Quads.
fn generated(papers: usize, seed: u64) -> Source {
    let options = Options {
        papers,
        seed,
        base: Minter::new(BASE).unwrap(),
    };
    let mut bytes = Vec::new();
    write(&options, &mut bytes).unwrap();
    Source::from_bytes(&format!("synthetic-{seed}.nq"), RdfFormat::NQuads, bytes)
}

/// The demo data and `papers` generated papers.
fn store_with(papers: usize) -> Store {
    let store = demo_store();
    store.load(generated(papers, 3)).unwrap();
    store
}

/// The lists a page of `kind` shows besides its papers.
fn related(kind: &str) -> Vec<(&'static str, &'static str, List)> {
    match kind {
        "person" => vec![
            ("affiliations", "", List::Affiliations),
            ("coauthors", "", List::Coauthors),
            ("topics", "", List::Topics),
        ],
        "org" => vec![("people", "", List::People), ("topics", "", List::Topics)],
        "journal" => vec![("topics", "", List::Topics)],
        _ => vec![("related", "", List::RelatedTopics)],
    }
}

/// Entities with pages of `kind` (IRIs `{BASE}{kind}/{id}`), in IRI order.
fn entities(store: &Store, kind: &str) -> Vec<NamedNode> {
    let prefix = format!("{BASE}{kind}/");
    let found: BTreeSet<String> = store
        .quads()
        .unwrap()
        .into_iter()
        .filter_map(|q| match q.subject {
            oxigraph::model::NamedOrBlankNode::NamedNode(n) => Some(n.into_string()),
            oxigraph::model::NamedOrBlankNode::BlankNode(_) => None,
        })
        .filter(|s| s.starts_with(&prefix) && !s.contains('#'))
        .collect();
    found.into_iter().map(NamedNode::new_unchecked).collect()
}

fn rows(items: &[Listed]) -> Vec<String> {
    items
        .iter()
        .map(|l| {
            let text = |x: &Option<oxigraph::model::Literal>| x.as_ref().map(ToString::to_string);
            format!("{} {:?} {:?}", l.iri, text(&l.date), text(&l.title))
        })
        .collect()
}

/// A related list as comparable text, in its order.
fn items(list: &[RelatedItem]) -> Vec<String> {
    list.iter()
        .map(|i| format!("{} {:?} {} {:?}", i.iri, i.names, i.count, i.years))
        .collect()
}

/// Asserts that the page of `iri` at `cursor` has the same lists from the index as from the
/// queries; returns the cursors of the pages around it.
fn same_lists(
    store: &Store,
    lists: &Lists,
    kind: &str,
    iri: &NamedNode,
    cursor: &Cursor,
) -> (Option<Cursor>, Option<Cursor>) {
    let of = lists.of(iri.as_ref());
    let build = |index: Option<&EntityLists<'_>>| {
        let mut document = Document::load(store, iri, None)
            .unwrap()
            .unwrap()
            .with_papers(store, index, cursor.clone(), None)
            .unwrap()
            .with_years(store, index, None)
            .unwrap();
        for list in related(kind) {
            document = document.with_related(store, index, list, None).unwrap();
        }
        document
    };
    let (queried, indexed) = (build(None), build(Some(&of)));
    let (q, i) = (queried.papers.unwrap(), indexed.papers.unwrap());
    assert_eq!(rows(&i.items), rows(&q.items), "{iri} papers at {cursor:?}");
    assert_eq!(i.next, q.next, "{iri} next page at {cursor:?}");
    assert_eq!(i.previous, q.previous, "{iri} previous page at {cursor:?}");
    assert_eq!(indexed.by_year, queried.by_year, "{iri} papers by year");
    for (q, i) in queried.related.iter().zip(&indexed.related) {
        assert_eq!(items(&i.items), items(&q.items), "{iri} {}", q.key);
    }
    assert_eq!(
        indexed.graph.len(),
        queried.graph.len(),
        "{iri}: the same statements"
    );
    (q.next, q.previous)
}

#[test]
fn the_index_lists_what_the_queries_list() {
    let store = store_with(800);
    let lists = store.read_lists().unwrap();
    let mut compared = 0;
    for kind in ["person", "org", "journal", "topic"] {
        let all = entities(&store, kind);
        assert!(!all.is_empty(), "no {kind}");
        // every fourth organisation, journal and topic, every fortieth person, and the one with
        // the most papers of each kind
        let every = if kind == "person" { 40 } else { 4 };
        let mut chosen: Vec<&NamedNode> = all.iter().step_by(every).collect();
        if let Some(largest) = all.iter().max_by_key(|iri| {
            lists
                .of(iri.as_ref())
                .papers_page("~", Direction::Older, usize::MAX)
                .len()
        }) {
            chosen.push(largest);
        }
        for iri in chosen {
            let (mut next, _) = same_lists(&store, &lists, kind, iri, &Cursor::First);
            // page on to the last page, then back one
            let mut pages = 1;
            while let Some(cursor) = next {
                let (after, previous) = same_lists(&store, &lists, kind, iri, &cursor);
                pages += 1;
                if after.is_none()
                    && let Some(back) = previous
                {
                    same_lists(&store, &lists, kind, iri, &back);
                }
                next = after;
            }
            compared += pages;
        }
    }
    eprintln!("{compared} pages compared");
    assert!(compared > 200, "{compared} pages compared");
}

#[test]
fn the_index_of_an_earlier_revision_is_not_used() {
    let store = demo_store();
    let lists = store.read_lists().unwrap();
    assert_eq!(lists.revision(), store.revision());
    assert!(store.lists().is_some());
    store.load(generated(50, 9)).unwrap();
    // stale now: the caller runs the queries while the index is read again
    assert!(store.lists().is_none());
    let fresh = loop {
        if let Some(fresh) = store.lists() {
            break fresh;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert_eq!(fresh.revision(), store.revision());
    // the new papers are in it
    for kind in ["person", "org"] {
        for iri in entities(&store, kind).iter().take(40) {
            same_lists(&store, &fresh, kind, iri, &Cursor::First);
        }
    }
}

#[tokio::test]
async fn a_page_from_the_index_is_the_page_from_the_queries() {
    let store = store_with(300);
    let people = entities(&store, "person");
    let orgs = entities(&store, "org");
    let paths: Vec<String> = people
        .iter()
        .take(10)
        .chain(orgs.iter().take(10))
        .map(|iri| iri.as_str()[BASE.len() - 1..].to_owned())
        .collect();
    let page = |app: axum::Router, path: String| async move {
        let request = Request::get(&path)
            .header("accept", "text/html")
            .body(Body::empty())
            .unwrap();
        let answer = send(app, request).await;
        assert_eq!(answer.status, 200, "{path}");
        answer.body
    };
    // without the index, the pages run the queries
    store.use_lists(false);
    let queried = steppe::app(steppe::AppState::new(store.clone()));
    let mut before = Vec::new();
    for path in &paths {
        before.push(page(queried.clone(), path.clone()).await);
    }
    store.use_lists(true);
    while store.lists().is_none() {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let indexed = steppe::app(steppe::AppState::new(store.clone()));
    for (path, before) in paths.iter().zip(before) {
        assert_eq!(page(indexed.clone(), path.clone()).await, before, "{path}");
    }
}
