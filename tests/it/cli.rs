//! The command line as a user runs it: exit status, messages, output.

use crate::support::{repo, steppe};

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn every_command_has_help() {
    for command in ["serve", "load", "query", "dump", "validate"] {
        let output = steppe(&[command, "--help"]);
        assert!(output.status.success(), "{command}");
        assert!(
            stdout(&output).contains("--store"),
            "{command} --help must mention --store"
        );
    }
}

#[test]
fn validate_passes_on_data_and_fails_on_a_broken_copy() {
    let output = steppe(&["validate", "data"]);
    assert!(
        output.status.success(),
        "{}{}",
        stdout(&output),
        stderr(&output)
    );
    assert!(
        stdout(&output).contains("0 violation(s)"),
        "{}",
        stdout(&output)
    );

    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read_to_string(repo("data/seed/kassen-2018.ttl")).unwrap();
    let broken = seed.replace("    steppe:position 1 ;\n", "").replace(
        "steppe:issnOnline \"1474-449X\"",
        "steppe:issnOnline \"1474-44\"",
    );
    assert_ne!(broken, seed);
    let path = dir.path().join("kassen-2018.ttl");
    std::fs::write(&path, broken).unwrap();
    let output = steppe(&["validate", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    assert!(
        out.contains("paper/nftgcjpf72#authorship-1> steppe:position"),
        "{out}"
    );
    assert!(out.contains("sh:MinCountConstraintComponent"), "{out}");
    assert!(out.contains("journal/325rvqvkwf> schema:issn"), "{out}");
    assert!(out.contains("an ISSN has the form NNNN-NNNC"), "{out}");
}

#[test]
fn load_reports_the_file_and_line_of_a_syntax_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ttl");
    std::fs::write(&path, "<a> <b> <c> .\n<a> <b> .\n").unwrap();
    let output = steppe(&["load", "--memory", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("broken.ttl:2:"), "{err}");
    assert!(err.contains("nothing was changed"), "{err}");
}

#[test]
fn load_refuses_an_unknown_extension() {
    let output = steppe(&["load", "--memory", "Cargo.toml"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("Cargo.toml: unknown RDF format"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn query_reports_a_syntax_error_with_its_position() {
    let output = steppe(&["query", "--memory", "SELECT * WHERE { ?s ?p }"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("1:"), "{}", stderr(&output));
}

#[test]
fn load_summarises_a_directory() {
    let output = steppe(&["load", "--memory", "data"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("skipped data/README.md"), "{err}");
    assert!(err.contains("4 file(s):"), "{err}");
    assert!(err.contains("quads/s"), "{err}");
}

/// The persistent store: load, then query by DOI and dump, across separate runs.
#[cfg(feature = "rocksdb")]
#[test]
fn load_then_query_and_dump_a_persistent_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let store = store.to_str().unwrap();
    let output = steppe(&["load", "--store", store, "data"]);
    assert!(output.status.success(), "{}", stderr(&output));

    let output = steppe(&[
        "query",
        "--store",
        store,
        "@queries/paper_by_doi.rq",
        "--bind",
        "doi=10.1080/09557571.2018.1520809",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(
        out.contains("Understanding foreign policy strategies of Kazakhstan"),
        "{out}"
    );
    assert!(out.contains("(1 row)"), "{out}");

    let output = steppe(&[
        "query",
        "--store",
        store,
        "--format",
        "csv",
        "SELECT ?n WHERE { ?j schema:issn \"1474-449X\" ; schema:name ?n }",
    ]);
    assert_eq!(
        stdout(&output).trim(),
        "n\r\nCambridge Review of International Affairs"
    );

    // a failed load leaves the persistent store as it was
    let before = steppe(&["dump", "--store", store]);
    let bad = dir.path().join("kassen-2018.ttl");
    std::fs::write(&bad, "<a> <b> \"unterminated .\n").unwrap();
    let output = steppe(&["load", "--store", store, bad.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let after = steppe(&["dump", "--store", store]);
    assert_eq!(before.stdout, after.stdout);
    assert!(before.stdout.len() > 100_000);

    // the base IRI is recorded with the store
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_steppe"))
        .args([
            "query",
            "--store",
            store,
            "--base-iri",
            "http://other.test/",
            "ASK {}",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("created with base IRI http://steppe.test/"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn every_bad_input_exits_non_zero_and_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(
        &mut gz,
        "<http://x.test/a> <http://x.test/b> \"c\" .\n"
            .repeat(200)
            .as_bytes(),
    )
    .unwrap();
    let gz = gz.finish().unwrap();
    let cases: [(&str, &[u8], &str); 5] = [
        ("last-line.ttl", b"<http://x.test/a> <http://x.test/b> <http://x.test/c> .\n<http://x.test/a> <http://x.test/b> .\n", "last-line.ttl:2:"),
        ("truncated.nt.gz", &gz[..gz.len() / 2], "truncated"),
        ("unknown.xyz", b"<a> <b> <c> .", "unknown RDF format"),
        ("bad-iri.nt", b"<http://x.test/a b> <http://x.test/b> \"c\" .\n", "bad-iri.nt:1:"),
        ("latin1.nt", b"<http://x.test/a> <http://x.test/b> \"caf\xe9\" .\n", "latin1.nt:1:"),
    ];
    for (name, bytes, expected) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let output = steppe(&["load", "--memory", path.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(1), "{name}");
        let err = stderr(&output);
        assert!(
            err.contains(name) && err.contains(expected),
            "{name}: {err}"
        );
    }
}

#[test]
fn an_error_says_its_cause_once() {
    let dir = tempfile::tempdir().unwrap();
    let token = dir.path().join("missing.txt");
    let data = dir.path().join("missing.ttl");
    let (token, data) = (token.to_str().unwrap(), data.to_str().unwrap());
    // the syntax error and the token file's error each said their cause twice; the load's
    // cause is a context's and must still be said
    let cases: [(&[&str], &str); 3] = [
        (&["query", "--memory", "SELEC x"], "error at 1:"),
        (
            &["serve", "--memory", "--token-file", token],
            "(os error 2)",
        ),
        (&["load", "--memory", data], "(os error 2)"),
    ];
    for (args, cause) in cases {
        let output = steppe(args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let err = stderr(&output);
        let line = err.lines().find(|l| l.starts_with("error: ")).unwrap();
        assert_eq!(line.matches(cause).count(), 1, "{line}");
        assert!(line.contains("missing.") || args[0] == "query", "{line}");
    }
}
