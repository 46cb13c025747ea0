//! schema.org JSON-LD for the pages of people, organisations, journals and topics, built from
//! the entity's document alone: its types, every name and alternate name in every language,
//! its identifiers' sameAs links, url and description, and, as nodes with their names, the
//! organisations a person is affiliated with and a journal's publisher. A person's page is a
//! `ProfilePage` whose `mainEntity` is the person (Google's guidance for profile pages).

use crate::document::Document;
use crate::vocab::{rdf, schema, xsd};
use oxigraph::model::{NamedNodeRef, Term};
use serde_json::{Map, Value, json};

/// Literal-valued properties written as they are stored.
const LITERALS: &[(&str, NamedNodeRef<'static>)] = &[
    ("name", schema::NAME),
    ("alternateName", schema::ALTERNATE_NAME),
    ("givenName", schema::GIVEN_NAME),
    ("familyName", schema::FAMILY_NAME),
    ("honorificPrefix", schema::HONORIFIC_PREFIX),
    ("description", schema::DESCRIPTION),
];

/// IRI-valued properties written as links (the schema.org context reads them as `@id`).
const LINKS: &[(&str, NamedNodeRef<'static>)] =
    &[("sameAs", schema::SAME_AS), ("url", schema::URL)];

/// Node-valued properties written as nodes with their types, names and sameAs links.
const NODES: &[(&str, NamedNodeRef<'static>)] = &[
    ("affiliation", schema::AFFILIATION),
    ("publisher", schema::PUBLISHER),
];

/// The JSON-LD of an entity page.
pub fn json_ld(document: &Document, kind: &str) -> Value {
    let mut entity = node(document, document.iri.as_ref(), true);
    if kind == "person" {
        if let Value::Object(map) = &mut entity {
            map.remove("@context");
        }
        return json!({
            "@context": "https://schema.org",
            "@type": "ProfilePage",
            "mainEntity": entity,
        });
    }
    entity
}

fn node(document: &Document, iri: NamedNodeRef<'_>, full: bool) -> Value {
    let mut map = Map::new();
    if full {
        map.insert("@context".to_owned(), json!("https://schema.org"));
    }
    map.insert("@id".to_owned(), json!(iri.as_str()));
    let types: Vec<String> = document
        .links(iri, rdf::TYPE)
        .iter()
        .filter_map(|t| t.as_str().strip_prefix(schema::NS).map(str::to_owned))
        .collect();
    match types.as_slice() {
        [] => {}
        [one] => {
            map.insert("@type".to_owned(), json!(one));
        }
        many => {
            map.insert("@type".to_owned(), json!(many));
        }
    }
    let literals: &[(&str, NamedNodeRef<'static>)] = if full { LITERALS } else { &LITERALS[..1] };
    for (key, predicate) in literals {
        let values: Vec<Value> = document
            .objects(iri, *predicate)
            .iter()
            .filter_map(|t| match t {
                Term::Literal(l) => Some(match l.language() {
                    Some(lang) => json!({ "@value": l.value(), "@language": lang }),
                    None if l.datatype() == xsd::STRING => json!(l.value()),
                    None => json!({ "@value": l.value(), "@type": l.datatype().as_str() }),
                }),
                _ => None,
            })
            .collect();
        insert(&mut map, key, values);
    }
    for (key, predicate) in LINKS {
        if !full && *key == "url" {
            continue;
        }
        let values: Vec<Value> = document
            .links(iri, *predicate)
            .iter()
            .map(|n| json!(n.as_str()))
            .collect();
        insert(&mut map, key, values);
    }
    if full {
        for (key, predicate) in NODES {
            let values: Vec<Value> = document
                .links(iri, *predicate)
                .iter()
                .map(|n| node(document, n.as_ref(), false))
                .collect();
            insert(&mut map, key, values);
        }
    }
    Value::Object(map)
}

fn insert(map: &mut Map<String, Value>, key: &str, mut values: Vec<Value>) {
    match values.len() {
        0 => {}
        1 => {
            map.insert(key.to_owned(), values.remove(0));
        }
        _ => {
            map.insert(key.to_owned(), Value::Array(values));
        }
    }
}
