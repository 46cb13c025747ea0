//! Loading: one graph per source with its provenance, idempotent reloads, and bad input that
//! changes nothing and says what and where.

use crate::support::{demo_store, empty_store, repo, snapshot};
use oxigraph::io::RdfFormat;
use std::io::Write;
use steppe::source::Source;
use steppe::store::{Store, StoreError, later};

fn load_path(
    store: &Store,
    path: &std::path::Path,
) -> Result<steppe::store::LoadReport, StoreError> {
    store.load(Source::open(path, |r| r)?)
}

#[test]
fn each_source_gets_its_own_graph_with_provenance() {
    let store = demo_store();
    let sources = store.sources().unwrap();
    let names: Vec<&str> = sources.iter().map(|s| s.loaded_from.as_str()).collect();
    assert_eq!(
        names,
        [
            "dataset.ttl",
            "kassen-2018.ttl",
            "openalex-works.ttl",
            "ror-kazakhstan.ttl"
        ]
    );
    assert!(sources.iter().all(|s| s.quads > 0));
    let graph = store.minter().source_graph("kassen-2018.ttl");
    assert_eq!(sources[1].graph, graph);
    let meta = crate::support::select(
        &store,
        "SELECT ?g ?sha ?at WHERE { GRAPH ?meta { ?g steppe:sha256 ?sha ; steppe:loadedAt ?at } }",
        &[("g", graph.into())],
    );
    assert_eq!(crate::support::text(&meta[0]["sha"]).len(), 64);
}

#[test]
fn loading_the_same_file_twice_adds_nothing() {
    let store = empty_store();
    let path = repo("data/seed/kassen-2018.ttl");
    let first = load_path(&store, &path).unwrap();
    assert!(!first.replaced);
    let before = snapshot(&store);
    let second = load_path(&store, &path).unwrap();
    assert!(second.replaced);
    assert_eq!(second.quads, first.quads);
    let after = snapshot(&store);
    // only the load time in the meta graph differs
    let strip = |v: &[String]| {
        v.iter()
            .filter(|l| !l.contains("loadedAt"))
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&before), strip(&after));
}

#[test]
fn every_format_loads_gzipped_or_not() {
    let dir = tempfile::tempdir().unwrap();
    let store = empty_store();
    let ttl = "@prefix s: <http://schema.org/> . <paper/a> a s:ScholarlyArticle ; s:name \"A\" .";
    let cases: &[(&str, &str)] = &[
        ("a.ttl", ttl),
        (
            "b.nt",
            "<http://x.test/b> <http://schema.org/name> \"B\" .\n",
        ),
        (
            "c.nq",
            "<http://x.test/c> <http://schema.org/name> \"C\" <http://x.test/g> .\n",
        ),
        (
            "d.trig",
            "<http://x.test/g> { <http://x.test/d> <http://schema.org/name> \"D\" }",
        ),
        (
            "e.rdf",
            r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:s="http://schema.org/"><rdf:Description rdf:about="http://x.test/e"><s:name>E</s:name></rdf:Description></rdf:RDF>"#,
        ),
        (
            "f.jsonld",
            r#"{"@id": "http://x.test/f", "http://schema.org/name": "F"}"#,
        ),
    ];
    for (name, text) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        assert!(load_path(&store, &path).unwrap().quads >= 1, "{name}");
        let gz = dir.path().join(format!("z{name}.gz"));
        let mut encoder = flate2::write::GzEncoder::new(
            std::fs::File::create(&gz).unwrap(),
            flate2::Compression::default(),
        );
        encoder.write_all(text.as_bytes()).unwrap();
        encoder.finish().unwrap();
        assert!(load_path(&store, &gz).unwrap().quads >= 1, "{name}.gz");
    }
    // relative IRIs resolve against the store's base; quads of a TriG/N-Quads file join the source's graph
    let graphs = |query: &str| {
        let mut graphs: Vec<String> = crate::support::select(&store, query, &[])
            .iter()
            .map(|r| crate::support::text(&r["g"]))
            .collect();
        graphs.sort();
        graphs
    };
    assert_eq!(
        graphs(
            "SELECT ?g WHERE { GRAPH ?g { <http://steppe.test/paper/a> a schema:ScholarlyArticle } }"
        ),
        [
            "http://steppe.test/graph/source/a.ttl",
            "http://steppe.test/graph/source/za.ttl.gz"
        ]
    );
    assert_eq!(
        graphs("SELECT ?g WHERE { GRAPH ?g { <http://x.test/d> schema:name ?o } }"),
        [
            "http://steppe.test/graph/source/d.trig",
            "http://steppe.test/graph/source/zd.trig.gz"
        ]
    );
}

#[test]
fn a_new_source_stamps_what_it_links_to_and_what_links_to_it() {
    let store = empty_store();
    let load = |name: &str, turtle: &str| {
        let turtle = format!("@prefix schema: <http://schema.org/> .\n{turtle}");
        store
            .load(Source::from_bytes(name, RdfFormat::Turtle, turtle.into()))
            .unwrap();
    };
    load(
        "people.ttl",
        r#"<person/a> a schema:Person ; schema:name "A" .
           <org/o> a schema:Organization ; schema:name "O" .
           <person/b> a schema:Person ; schema:name "B" ; schema:subjectOf <paper/p> .
           <person/c> a schema:Person ; schema:name "C" ."#,
    );
    let stamp = |path: &str| {
        let entity = oxigraph::model::NamedNode::new(format!("{}{path}", crate::support::BASE));
        store.modified(entity.unwrap().as_ref()).unwrap()
    };
    let entities = ["person/a", "org/o", "person/b", "person/c"];
    let before = entities.map(stamp);
    assert!(before.iter().all(Option::is_some), "{before:?}");
    assert_eq!(stamp("paper/p"), None);
    // stamps have milliseconds
    std::thread::sleep(std::time::Duration::from_millis(20));
    // the paper's first triple is not shown on other pages and its later ones are: its name is
    // shown by what links to it (b), and its links make it listed on the pages of a and o
    load(
        "paper.ttl",
        r#"<paper/p> schema:abstract "Not shown elsewhere." ; schema:headline "P" ;
             schema:author <person/a> ; schema:sourceOrganization <org/o> ."#,
    );
    let after = entities.map(stamp);
    for ((entity, before), after) in entities.iter().zip(&before).zip(&after) {
        if *entity == "person/c" {
            assert_eq!(before, after, "{entity} has nothing to do with the paper");
        } else {
            let (before, after) = (before.as_deref().unwrap(), after.as_deref().unwrap());
            assert!(later(after, before), "{entity}: {before:?} -> {after:?}");
        }
    }
    let paper = stamp("paper/p").unwrap();
    assert!(
        !later(after[0].as_deref().unwrap(), &paper),
        "{paper} {after:?}"
    );
}

/// Loads `name` holding `bytes` into a demo store; asserts the store is unchanged and returns the error.
fn failed_load(name: &str, bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let store = demo_store();
    // the same source loaded before, so a failed replacement must keep the old version too
    if steppe::source::format_of(&path).is_some() {
        let good = "<paper/kept> <http://schema.org/name> \"kept\" .";
        store
            .load(Source::from_bytes(name, RdfFormat::Turtle, good.into()))
            .unwrap();
    }
    let before = snapshot(&store);
    let len = store.len().unwrap();
    let error = load_path(&store, &path)
        .expect_err("loading must fail")
        .to_string();
    assert_eq!(
        store.len().unwrap(),
        len,
        "quad count changed by a failed load of {name}"
    );
    assert_eq!(
        snapshot(&store),
        before,
        "content changed by a failed load of {name}"
    );
    error
}

#[test]
fn a_syntax_error_on_the_last_line_changes_nothing() {
    let mut text = std::fs::read_to_string(repo("data/seed/kassen-2018.ttl")).unwrap();
    text.push_str("<topic/broken> a schema:DefinedTerm ; schema:name \"unterminated .\n");
    let lines = text.lines().count();
    let error = failed_load("kassen-2018.ttl", text.as_bytes());
    assert!(error.contains("kassen-2018.ttl"), "{error}");
    assert!(
        error.contains(&format!(":{lines}:")),
        "expected line {lines}: {error}"
    );
}

#[test]
fn a_syntax_error_in_a_new_source_changes_nothing() {
    let text = "<http://x.test/a> <http://x.test/b> <http://x.test/c> .\n<http://x.test/a> <http://x.test/b> <http://x.test/c> .\n<http://x.test/a> <http://x.test/b> \"oops\n";
    let error = failed_load("new-source.nt", text.as_bytes());
    assert!(error.contains("new-source.nt:3:"), "{error}");
}

#[test]
fn a_truncated_gzip_changes_nothing() {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder
        .write_all(
            std::fs::read(repo("data/seed/kassen-2018.ttl"))
                .unwrap()
                .as_slice(),
        )
        .unwrap();
    let full = encoder.finish().unwrap();
    let error = failed_load("kassen.ttl.gz", &full[..full.len() / 2]);
    assert!(error.contains("kassen.ttl.gz"), "{error}");
    assert!(error.contains("truncated"), "{error}");
}

#[test]
fn an_unknown_extension_is_refused() {
    let error = failed_load("records.xyz", b"<a> <b> <c> .");
    assert!(error.contains("records.xyz"), "{error}");
    assert!(error.contains("unknown RDF format"), "{error}");
}

#[test]
fn an_invalid_iri_is_refused_with_its_position() {
    let error = failed_load("bad-iri.ttl", b"<http://x.test/a> <http://schema.org/name> \"ok\" .\n<http://x.test/a b> <http://schema.org/name> \"x\" .\n");
    assert!(error.contains("bad-iri.ttl:2:"), "{error}");
}

#[test]
fn a_non_utf8_file_is_refused_with_its_position() {
    let error = failed_load(
        "latin1.nt",
        b"<http://x.test/a> <http://schema.org/name> \"caf\xe9\" .\n",
    );
    assert!(error.contains("latin1.nt:1:"), "{error}");
}

#[test]
fn a_missing_file_is_refused() {
    let store = empty_store();
    let error = load_path(&store, std::path::Path::new("no/such/file.ttl"))
        .unwrap_err()
        .to_string();
    assert!(error.contains("no/such/file.ttl"), "{error}");
}

#[test]
fn directories_skip_files_that_are_not_rdf_and_refuse_duplicate_names() {
    let listing = steppe::source::list(&[repo("data")]).unwrap();
    assert_eq!(listing.files.len(), 4);
    assert!(
        listing.skipped.iter().any(|p| p.ends_with("README.md")),
        "{:?}",
        listing.skipped
    );
    let dir = tempfile::tempdir().unwrap();
    for sub in ["a", "b"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        std::fs::write(dir.path().join(sub).join("same.ttl"), "").unwrap();
    }
    let error = steppe::source::list(&[dir.path().to_owned()])
        .unwrap_err()
        .to_string();
    assert!(error.contains("same.ttl"), "{error}");
}

#[test]
fn a_query_syntax_error_names_its_position() {
    let store = demo_store();
    let error = store
        .query("SELECT ?x WHERE { ?x ?y }", &[], None)
        .err()
        .unwrap()
        .to_string();
    assert!(error.contains("1:"), "{error}");
}

#[test]
fn a_runaway_query_is_cancelled_at_its_time_limit() {
    let store = demo_store();
    // a closure over every link of the graph from every node: reads quads for a long time
    let query = "SELECT (COUNT(*) AS ?n) WHERE { ?x ?y ?z . ?x (<urn:x:none>|!<urn:x:none>)* ?b . ?b (<urn:x:none>|!<urn:x:none>)* ?c }";
    let started = std::time::Instant::now();
    let error = store
        .query(query, &[], Some(std::time::Duration::from_millis(200)))
        .and_then(|results| {
            // evaluation is lazy: pull the results to make it run
            if let oxigraph::sparql::QueryResults::Solutions(s) = results {
                for solution in s {
                    solution?;
                }
            }
            Ok(())
        });
    let message = error.expect_err("the query must not finish").to_string();
    assert!(message.contains("cancelled"), "{message}");
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
}

#[test]
fn a_dump_reloads_into_an_isomorphic_dataset() {
    let store = demo_store();
    // blank nodes get new labels on every parse: only isomorphism can compare them
    let with_blanks = "<paper/b> <http://schema.org/identifier> [ <http://schema.org/propertyID> \"x\" ; <http://schema.org/value> \"1\" ] .";
    store
        .load(Source::from_bytes(
            "blank.ttl",
            RdfFormat::Turtle,
            with_blanks.into(),
        ))
        .unwrap();
    let mut dump = Vec::new();
    store.dump(RdfFormat::NQuads, None, &mut dump).unwrap();
    let reloaded: Vec<oxigraph::model::Quad> =
        oxigraph::io::RdfParser::from_format(RdfFormat::NQuads)
            .rename_blank_nodes()
            .for_slice(&dump)
            .collect::<Result<_, _>>()
            .unwrap();
    let original = store.quads().unwrap();
    assert_eq!(reloaded.len(), original.len());
    let a: Vec<_> = original.iter().map(steppe::pretty::quad).collect();
    let b: Vec<_> = reloaded.iter().map(steppe::pretty::quad).collect();
    assert!(sophia::isomorphism::isomorphic_datasets(&a, &b).unwrap());
    let mut c = b.clone();
    c.pop();
    assert!(!sophia::isomorphism::isomorphic_datasets(&a, &c).unwrap());
}

/// A small generated graph (60 papers), as N-Quads.
#[cfg(feature = "rocksdb")]
fn sixty_papers() -> Vec<u8> {
    let mut nquads = Vec::new();
    let options = steppe::synthetic::Options {
        papers: 60,
        seed: 5,
        base: steppe::mint::Minter::new(crate::support::BASE).unwrap(),
    };
    steppe::synthetic::write(&options, &mut nquads).unwrap();
    nquads
}

/// The vendored bulk loader (`vendor/oxigraph/PATCH.md`) writes each of its nine indexes as
/// the in-memory store holds them: every quad, and the quads matching each term in each
/// position and pair of positions an index serves, for terms of every encoding and for quads in
/// the default graph and in named graphs, over many small batches.
#[cfg(feature = "rocksdb")]
#[test]
fn the_bulk_loader_writes_every_index_as_the_memory_store_holds_it() {
    use oxigraph::model::{GraphName, NamedOrBlankNode, Quad, Term};
    use oxigraph::store::Store as Oxigraph;

    let mut nquads = sixty_papers();
    let objects = [
        "\"a\"",
        "\"a string longer than sixteen bytes\"",
        "\"a\"@en",
        "\"a string longer than sixteen bytes\"@en",
        "\"a\"@en-gb-oxendict-x-private-tag",
        "\"a string longer than sixteen bytes\"@en-gb-oxendict-x-private-tag",
        "\"a\"^^<http://example.com/d>",
        "\"a string longer than sixteen bytes\"^^<http://example.com/d>",
        "\"true\"^^<http://www.w3.org/2001/XMLSchema#boolean>",
        "\"false\"^^<http://www.w3.org/2001/XMLSchema#boolean>",
        "\"0.0\"^^<http://www.w3.org/2001/XMLSchema#float>",
        "\"-0.0\"^^<http://www.w3.org/2001/XMLSchema#float>",
        "\"NaN\"^^<http://www.w3.org/2001/XMLSchema#double>",
        "\"-INF\"^^<http://www.w3.org/2001/XMLSchema#double>",
        "\"-1\"^^<http://www.w3.org/2001/XMLSchema#integer>",
        "\"1\"^^<http://www.w3.org/2001/XMLSchema#integer>",
        "\"-1.5\"^^<http://www.w3.org/2001/XMLSchema#decimal>",
        "\"2018-09-20T10:00:00Z\"^^<http://www.w3.org/2001/XMLSchema#dateTime>",
        "\"2018-09-20\"^^<http://www.w3.org/2001/XMLSchema#date>",
        "\"2018\"^^<http://www.w3.org/2001/XMLSchema#gYear>",
        "\"P1Y2M\"^^<http://www.w3.org/2001/XMLSchema#duration>",
        "_:b1",
        "_:short",
        "_:a-blank-node-label-longer-than-sixteen-bytes",
        "<http://example.com/o>",
    ];
    for (i, object) in objects.iter().enumerate() {
        for graph in ["", "<http://example.com/g1>", "_:graph"] {
            for subject in ["<http://example.com/s>", "_:b1"] {
                let line = format!(
                    "{subject} <http://example.com/p{}> {object} {graph} .\n",
                    i % 3
                );
                nquads.extend_from_slice(line.as_bytes());
            }
        }
    }

    // parsed once, so that blank nodes keep their labels in both stores
    let parsed: Vec<Quad> = oxigraph::io::RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(&nquads)
        .collect::<Result<_, _>>()
        .unwrap();
    let memory = Oxigraph::new().unwrap();
    memory.extend(parsed.clone()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let disk = Oxigraph::open(dir.path()).unwrap();
    // about 500 quads a batch: dozens of files for each index
    let mut loader = disk
        .bulk_loader()
        .with_num_threads(2)
        .with_max_memory_size_in_megabytes(1);
    loader.load_quads(parsed).unwrap();
    loader.commit().unwrap();

    let all = |store: &Oxigraph| -> Vec<Quad> {
        let mut quads: Vec<Quad> = store.iter().map(Result::unwrap).collect();
        quads.sort_by_key(ToString::to_string);
        quads
    };
    let quads = all(&memory);
    assert!(quads.len() > 5_000, "{}", quads.len());
    assert_eq!(all(&disk), quads);

    type Pattern = (
        Option<NamedOrBlankNode>,
        Option<oxigraph::model::NamedNode>,
        Option<Term>,
        Option<GraphName>,
    );
    let matching = |store: &Oxigraph, (s, p, o, g): &Pattern| -> Vec<String> {
        let mut found: Vec<String> = store
            .quads_for_pattern(
                s.as_ref().map(Into::into),
                p.as_ref().map(Into::into),
                o.as_ref().map(Into::into),
                g.as_ref().map(Into::into),
            )
            .map(|q| q.unwrap().to_string())
            .collect();
        found.sort();
        found
    };
    let mut patterns = std::collections::HashSet::<Pattern>::new();
    for q in &quads {
        let (s, p, o, g) = (
            Some(q.subject.clone()),
            Some(q.predicate.clone()),
            Some(q.object.clone()),
            Some(q.graph_name.clone()),
        );
        patterns.extend([
            (s.clone(), None, None, None),
            (None, p.clone(), None, None),
            (None, None, o.clone(), None),
            (None, None, None, g.clone()),
            (s.clone(), p.clone(), None, None),
            (None, p.clone(), o.clone(), None),
            (s.clone(), None, o.clone(), None),
            (s, None, None, g.clone()),
            (None, p, None, g.clone()),
            (None, None, o, g),
        ]);
    }
    for pattern in &patterns {
        assert_eq!(
            matching(&disk, pattern),
            matching(&memory, pattern),
            "{pattern:?}"
        );
    }
}

/// A bulk load ingests a file per batch and index into level 0 (about 230 a column family at a
/// million papers): RocksDB must not slow or stop the writes that follow a large load (its
/// change stamps) until compaction has merged them. Its log lists each column family's options.
#[cfg(feature = "rocksdb")]
#[test]
fn level_zero_holds_a_large_loads_files_before_writes_slow() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(dir.path(), None).unwrap());
    let log = std::fs::read_to_string(dir.path().join("LOG")).unwrap();
    let values = |option: &str| -> Vec<u32> {
        let key = format!("Options.{option}: ");
        log.lines()
            .filter_map(|line| line.split_once(&key))
            .map(|(_, value)| value.trim().parse().unwrap())
            .collect()
    };
    let slowdown = values("level0_slowdown_writes_trigger");
    let stop = values("level0_stop_writes_trigger");
    assert!(slowdown.len() > 6, "every column family lists its options");
    assert!(slowdown.iter().all(|v| *v == 512), "{slowdown:?}");
    assert!(stop.iter().all(|v| *v == 1024), "{stop:?}");
}

/// The bulk loader's files land in level 0, which RocksDB writes uncompressed (as it does the
/// level under it) and compaction rewrites: the loader writes them uncompressed too rather than
/// compressing them for nothing. Each file's table properties say whether a loader wrote it
/// (`rocksdb.external_sst_file.*`) and name its compression.
#[cfg(feature = "rocksdb")]
#[test]
fn the_bulk_loader_writes_its_files_as_rocksdb_writes_level_zero() {
    let nquads = sixty_papers();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), None).unwrap();
    store
        .load(Source::from_bytes("papers.nq", RdfFormat::NQuads, nquads))
        .unwrap();
    drop(store);
    let contains = |bytes: &[u8], text: &[u8]| bytes.windows(text.len()).any(|w| w == text);
    let mut loaded = 0;
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "sst") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        if contains(&bytes, b"external_sst_file") {
            loaded += 1;
            assert!(
                contains(&bytes, b"NoCompression"),
                "{} is compressed",
                path.display()
            );
        }
    }
    assert!(
        loaded >= 8,
        "the strings, the graphs and six quad indexes: {loaded} files"
    );
}
