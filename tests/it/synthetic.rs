//! `steppe generate`: the same seed writes the same bytes, the output conforms to the shapes
//! and serves pages, and the distributions `bench/README.md` documents hold on 10,000 papers.

use crate::support::{BASE, empty_store, send};
use axum::body::Body;
use axum::http::Request;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Quad, Term};
use std::collections::{HashMap, HashSet};
use steppe::mint::Minter;
use steppe::source::Source;
use steppe::synthetic::{Options, Report, write};

const SCHEMA: &str = "http://schema.org/";
const STEPPE: &str = "https://w3id.org/steppe/ns#";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

fn generate(papers: usize, seed: u64) -> (Vec<u8>, Report) {
    let options = Options {
        papers,
        seed,
        base: Minter::new(BASE).unwrap(),
    };
    let mut bytes = Vec::new();
    let report = write(&options, &mut bytes).unwrap();
    (bytes, report)
}

fn quads(bytes: &[u8]) -> Vec<Quad> {
    RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(bytes)
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn the_same_seed_writes_the_same_bytes_and_another_seed_other_bytes() {
    let (one, report) = generate(500, 7);
    let (again, _) = generate(500, 7);
    let (other, _) = generate(500, 8);
    assert_eq!(one, again);
    assert_ne!(one, other);
    assert_eq!(report.quads as usize, quads(&one).len());
    assert_eq!(report.papers, 500);
}

#[test]
fn the_generated_graph_conforms_to_the_shapes() {
    let (bytes, _) = generate(1_000, 1);
    let store = empty_store();
    store
        .load(Source::from_bytes("synthetic.nq", RdfFormat::NQuads, bytes))
        .unwrap();
    let results = steppe::embedded::shapes()
        .unwrap()
        .validate(&store)
        .unwrap();
    let lines: Vec<String> = results.iter().take(10).map(ToString::to_string).collect();
    assert!(results.is_empty(), "{}", lines.join("\n"));
}

#[tokio::test]
async fn generated_entities_have_pages() {
    let (bytes, _) = generate(300, 2);
    let graph = quads(&bytes);
    let store = empty_store();
    store
        .load(Source::from_bytes("synthetic.nq", RdfFormat::NQuads, bytes))
        .unwrap();
    let app = steppe::app(steppe::AppState::new(store));
    for class in [
        "ScholarlyArticle",
        "Person",
        "CollegeOrUniversity",
        "Periodical",
    ] {
        let entity = graph
            .iter()
            .find(|q| {
                q.predicate.as_str() == RDF_TYPE
                    && q.object.to_string() == format!("<{SCHEMA}{class}>")
            })
            .map(|q| q.subject.to_string())
            .unwrap();
        let path = entity.trim_matches(['<', '>']).strip_prefix(BASE).unwrap();
        let request = Request::get(format!("/{path}"))
            .header("accept", "text/html")
            .body(Body::empty())
            .unwrap();
        let answer = send(app.clone(), request).await;
        assert_eq!(answer.status, 200, "{class} {path}");
    }
}

/// What the test measures of a generated graph.
#[derive(Debug, Default)]
struct Shape {
    papers: HashSet<String>,
    authors_of: HashMap<String, usize>,
    papers_of: HashMap<String, usize>,
    cited: HashMap<String, usize>,
    citations: usize,
    journal_of_issue: HashMap<String, String>,
    issue_of: HashMap<String, String>,
    volume_of: HashMap<String, String>,
    people: HashSet<String>,
    with_orcid: usize,
    with_doi: usize,
    with_abstract: usize,
    not_english: usize,
    summaries: usize,
    orgs: HashSet<String>,
    with_ror: usize,
    countries: HashSet<String>,
    name_languages: HashSet<String>,
    broader: HashMap<String, String>,
    about: HashMap<String, usize>,
    about_topics: HashSet<String>,
    years: HashMap<String, usize>,
}

fn measure(graph: &[Quad]) -> Shape {
    let mut shape = Shape::default();
    let s = |q: &Quad| q.subject.to_string();
    let o = |q: &Quad| q.object.to_string();
    let value = |q: &Quad| match &q.object {
        Term::Literal(l) => l.value().to_owned(),
        other => other.to_string(),
    };
    for q in graph {
        let p = q.predicate.as_str();
        let local = p
            .strip_prefix(SCHEMA)
            .or_else(|| p.strip_prefix(STEPPE))
            .unwrap_or(p);
        match (local, o(q).as_str()) {
            (RDF_TYPE, t) if t == format!("<{SCHEMA}ScholarlyArticle>") => {
                shape.papers.insert(s(q));
            }
            (RDF_TYPE, t) if t == format!("<{SCHEMA}Person>") => {
                shape.people.insert(s(q));
            }
            (RDF_TYPE, t) if t == format!("<{STEPPE}PlainLanguageSummary>") => {
                shape.summaries += 1;
            }
            ("author", _) if p.starts_with(SCHEMA) && !s(q).contains("#summary") => {
                *shape.authors_of.entry(s(q)).or_default() += 1;
                *shape.papers_of.entry(o(q)).or_default() += 1;
            }
            ("citation", _) => {
                *shape.cited.entry(o(q)).or_default() += 1;
                shape.citations += 1;
            }
            ("isPartOf", _) if s(q).contains("/issue/") => {
                shape.volume_of.insert(s(q), o(q));
            }
            ("isPartOf", _) if s(q).contains("/volume/") => {
                shape.journal_of_issue.insert(s(q), o(q));
            }
            ("isPartOf", _) => {
                shape.issue_of.insert(s(q), o(q));
            }
            ("propertyID", _) => match value(q).as_str() {
                "orcid" => shape.with_orcid += 1,
                "doi" => shape.with_doi += 1,
                "ror" => shape.with_ror += 1,
                _ => {}
            },
            ("abstract", _) => shape.with_abstract += 1,
            ("inLanguage", _) if !s(q).contains('#') && value(q) != "en" => {
                shape.not_english += 1;
            }
            ("addressCountry", _) => {
                shape.countries.insert(value(q));
            }
            ("name", _) if s(q).contains("/org/") && !s(q).contains('#') => {
                shape.orgs.insert(s(q));
                if let Term::Literal(l) = &q.object {
                    shape
                        .name_languages
                        .insert(l.language().unwrap_or("").to_owned());
                }
            }
            ("http://www.w3.org/2004/02/skos/core#broader", _) => {
                shape.broader.insert(s(q), o(q));
            }
            ("about", _) => {
                *shape.about.entry(s(q)).or_default() += 1;
                shape.about_topics.insert(o(q));
            }
            ("datePublished", _) if shape.papers.contains(&s(q)) => {
                *shape.years.entry(value(q)[..4].to_owned()).or_default() += 1;
            }
            _ => {}
        }
    }
    shape
}

fn share(part: usize, whole: usize) -> f64 {
    part as f64 / whole as f64
}

fn assert_within(what: &str, value: f64, range: std::ops::RangeInclusive<f64>) {
    assert!(
        range.contains(&value),
        "{what}: {value:.3} not in {range:?}"
    );
}

/// The share of all `counts` held by the largest `fraction` of them.
fn top_share(counts: impl Iterator<Item = usize>, fraction: f64) -> f64 {
    let mut counts: Vec<usize> = counts.collect();
    counts.sort_unstable_by(|a, b| b.cmp(a));
    let total: usize = counts.iter().sum();
    let top = ((counts.len() as f64 * fraction).ceil() as usize).max(1);
    share(counts[..top].iter().sum(), total)
}

#[test]
fn the_documented_distributions_hold_on_ten_thousand_papers() {
    let (bytes, report) = generate(10_000, 1);
    let shape = measure(&quads(&bytes));
    let papers = shape.papers.len();
    assert_eq!(papers, 10_000);
    assert_eq!(report.people, shape.people.len());

    // authors per paper: mean 3.3, about 30 % single-authored
    let authorships: usize = shape.authors_of.values().sum();
    assert_within("authors per paper", share(authorships, papers), 3.0..=3.6);
    let single = shape.authors_of.values().filter(|&&n| n == 1).count();
    assert_within("single-authored", share(single, papers), 0.25..=0.35);

    // Lotka: most people have one paper, a few very many
    let papers_of: Vec<usize> = shape.papers_of.values().copied().collect();
    let one = papers_of.iter().filter(|&&n| n == 1).count();
    let two = papers_of.iter().filter(|&&n| n == 2).count();
    assert_within(
        "people with one paper",
        share(one, papers_of.len()),
        0.4..=0.6,
    );
    // Lotka's law with an exponent of 1.5 to 2 gives 2^1.5 = 2.8 to 2^2 = 4
    assert_within(
        "people with one paper / with two",
        share(one, two),
        2.4..=4.0,
    );
    let most = *papers_of.iter().max().unwrap();
    let mean = share(authorships, papers_of.len());
    assert!(
        most as f64 > 15.0 * mean,
        "most prolific {most}, mean {mean:.2}"
    );

    // citations: heavy-tailed in-degree, many papers never cited
    assert_within(
        "references per paper",
        share(shape.citations, papers),
        8.0..=11.0,
    );
    let uncited = papers - shape.cited.len();
    assert_within("never cited", share(uncited, papers), 0.1..=0.3);
    let top = top_share(shape.cited.values().copied(), 0.01);
    assert!(
        top > 0.12,
        "the most cited 1 % receive {top:.3} of citations"
    );

    // journals: Bradford, a tenth of the journals publish much of the output
    let mut per_journal: HashMap<&str, usize> = HashMap::new();
    for issue in shape.issue_of.values() {
        let volume = &shape.volume_of[issue];
        *per_journal
            .entry(shape.journal_of_issue[volume].as_str())
            .or_default() += 1;
    }
    let top = top_share(per_journal.values().copied(), 0.1);
    assert!(top > 0.3, "the largest tenth of journals hold {top:.3}");

    // identifiers and shares
    assert_within(
        "papers with a DOI",
        share(shape.with_doi, papers),
        0.9..=0.94,
    );
    assert_within(
        "people with an ORCID",
        share(shape.with_orcid, shape.people.len()),
        0.42..=0.48,
    );
    assert_within(
        "institutions with a ROR id",
        share(shape.with_ror, shape.orgs.len()),
        0.88..=1.0,
    );
    assert_within(
        "with an abstract",
        share(shape.with_abstract, papers),
        0.72..=0.78,
    );
    assert_within(
        "not in English",
        share(shape.not_english, papers),
        0.035..=0.07,
    );
    assert_within(
        "with a summary",
        share(shape.summaries, papers),
        0.04..=0.06,
    );

    // institutions in many countries, named in several languages
    assert!(shape.countries.len() >= 10, "{:?}", shape.countries);
    assert!(
        shape.name_languages.len() >= 5,
        "{:?}",
        shape.name_languages
    );

    // topics: leaf topics under subfield, field and domain; one to three a paper
    let depth = |topic: &String| {
        let mut depth = 0;
        let mut at = topic;
        while let Some(up) = shape.broader.get(at) {
            depth += 1;
            at = up;
        }
        depth
    };
    let topics_of_paper: Vec<usize> = shape.about.values().copied().collect();
    assert_eq!(topics_of_paper.len(), papers);
    assert!(topics_of_paper.iter().all(|n| (1..=3).contains(n)));
    assert!(shape.about_topics.iter().all(|t| depth(t) == 3));
    assert!(shape.broader.keys().all(|t| depth(t) <= 3));

    // growth: each later span of years publishes more
    let span = |from: u32, to: u32| -> usize {
        (from..=to)
            .map(|y| shape.years.get(&y.to_string()).copied().unwrap_or(0))
            .sum()
    };
    assert!(span(2020, 2025) as f64 > 3.0 * span(1990, 1995) as f64);
}
