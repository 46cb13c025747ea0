//! SHACL validation: the demo data passes; each rule fails on a case made to break it.

use crate::support::{demo_store, empty_store};
use oxigraph::io::RdfFormat;
use steppe::shacl::Violation;
use steppe::source::Source;

fn violations_of(turtle: &str) -> Vec<Violation> {
    let store = empty_store();
    store
        .load(Source::from_bytes(
            "case.ttl",
            RdfFormat::Turtle,
            turtle.into(),
        ))
        .unwrap();
    steppe::embedded::shapes()
        .unwrap()
        .validate(&store)
        .unwrap()
}

const GOOD: &str = r#"
@prefix schema: <http://schema.org/> . @prefix steppe: <https://w3id.org/steppe/ns#> .
<paper/p> a schema:ScholarlyArticle ; schema:name "T" ; steppe:authorship <paper/p#a1> ;
    schema:datePublished "2020-01-02"^^<http://www.w3.org/2001/XMLSchema#date> ; schema:identifier <paper/p#doi> .
<paper/p#doi> a schema:PropertyValue ; schema:propertyID "doi" ; schema:value "10.1000/xyz" .
<paper/p#a1> a steppe:Authorship ; steppe:author <person/a> ; steppe:position 1 .
<person/a> a schema:Person ; schema:name "A" .
"#;

fn lines(results: &[Violation]) -> String {
    results
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_demo_data_conforms() {
    let results = steppe::embedded::shapes()
        .unwrap()
        .validate(&demo_store())
        .unwrap();
    assert!(results.is_empty(), "{}", lines(&results));
}

#[test]
fn a_minimal_paper_conforms() {
    assert!(violations_of(GOOD).is_empty(), "{:?}", violations_of(GOOD));
}

/// Breaks GOOD with `from` → `to` and expects a violation at `focus` from `component`.
fn expect(from: &str, to: &str, focus: &str, component: &str) {
    assert!(GOOD.contains(from), "{from}");
    let results = violations_of(&GOOD.replace(from, to));
    assert!(
        results
            .iter()
            .any(|v| v.focus.to_string().contains(focus) && v.component == component),
        "expected {component} at {focus}, got:\n{}",
        lines(&results)
    );
}

#[test]
fn each_rule_fails_on_its_case() {
    expect(
        r#"schema:name "T" ;"#,
        "",
        "paper/p>",
        "sh:MinCountConstraintComponent",
    );
    expect(
        r#"schema:name "T" ;"#,
        r#"schema:name "T", "U" ;"#,
        "paper/p>",
        "sh:MaxCountConstraintComponent",
    );
    expect(
        "steppe:authorship <paper/p#a1> ;",
        "",
        "paper/p>",
        "sh:MinCountConstraintComponent",
    );
    expect(
        "steppe:position 1 .",
        "steppe:position 0 .",
        "paper/p#a1>",
        "sh:MinInclusiveConstraintComponent",
    );
    expect(
        "steppe:position 1 .",
        r#"steppe:position "first" ."#,
        "paper/p#a1>",
        "sh:DatatypeConstraintComponent",
    );
    expect(
        "steppe:position 1 .",
        ".",
        "paper/p#a1>",
        "sh:MinCountConstraintComponent",
    );
    expect(
        "steppe:author <person/a> ;",
        "steppe:author <paper/p> ;",
        "paper/p#a1>",
        "sh:ClassConstraintComponent",
    );
    expect(
        r#""2020-01-02"^^"#,
        r#""2020-13-45"^^"#,
        "paper/p>",
        "sh:OrConstraintComponent",
    );
    expect(
        r#""10.1000/xyz""#,
        r#""doi:10.1000/xyz""#,
        "paper/p#doi>",
        "sh:XoneConstraintComponent",
    );
    expect(
        r#"schema:name "A" ."#,
        ".",
        "person/a>",
        "sh:MinCountConstraintComponent",
    );
    // the authorship shape's node constraint reports at the paper too
    expect(
        "steppe:position 1 .",
        "steppe:position 0 .",
        "paper/p>",
        "sh:NodeConstraintComponent",
    );
}

#[test]
fn identifier_forms_are_checked() {
    let with = |scheme: &str, value: &str| {
        violations_of(&GOOD.replace(
            r#"schema:propertyID "doi" ; schema:value "10.1000/xyz""#,
            &format!(r#"schema:propertyID "{scheme}" ; schema:value "{value}""#),
        ))
    };
    assert!(with("orcid", "0000-0002-1825-0097").is_empty());
    assert!(!with("orcid", "0000-0002-1825-009").is_empty());
    assert!(with("issn-print", "0955-7571").is_empty());
    assert!(!with("issn-print", "0955-757").is_empty());
    assert!(with("ror", "05jnvbc31").is_empty());
    assert!(!with("ror", "5jnvbc31").is_empty());
    assert!(with("wikidata", "Q36442").is_empty());
    assert!(!with("wikidata", "36442").is_empty());
    assert!(!with("unknown-scheme", "x").is_empty());
}

#[test]
fn a_summary_needs_language_tagged_sections_of_a_known_kind() {
    let summary = r#"
@prefix schema: <http://schema.org/> . @prefix steppe: <https://w3id.org/steppe/ns#> .
<paper/p#summary> a steppe:PlainLanguageSummary ; steppe:summarizes <paper/p> ; steppe:section <paper/p#s1> .
<paper/p#s1> a steppe:SummarySection ; steppe:sectionKind steppe:Abstract ; schema:position 1 ; schema:name "H"@en ; schema:text "plain" .
"#;
    let results = violations_of(&format!("{GOOD}{summary}"));
    let components: Vec<&str> = results
        .iter()
        .filter(|v| v.focus.to_string().contains("#s1"))
        .map(|v| v.component)
        .collect();
    assert!(
        components.contains(&"sh:InConstraintComponent"),
        "{results:?}"
    );
    assert!(
        components.contains(&"sh:DatatypeConstraintComponent"),
        "{results:?}"
    );
}

#[test]
fn unsupported_shacl_features_are_refused() {
    let shapes = "@prefix sh: <http://www.w3.org/ns/shacl#> . <http://x.test/s> a sh:NodeShape ; sh:targetNode <http://x.test/x> ; sh:closed true .";
    let error = steppe::embedded::parse_shapes("custom.ttl", shapes)
        .unwrap_err()
        .to_string();
    assert!(error.contains("sh:closed"), "{error}");
}
