//! OpenAlex records: works, and the entities works point to (authors, institutions, sources,
//! publishers, funders, topics, concepts, keywords), each known by the letter of its id.
//!
//! Identity follows steppe's rule: an entity with a DOI, ORCID, ROR id, ISSN or Wikidata id is
//! the entity minted from it, so an OpenAlex author with an ORCID is the ORCID record's person and
//! an institution is the ROR record's organisation; without one, it is the entity of its OpenAlex
//! id (the same in every OpenAlex record that names it, never merged by name).

mod authors;
mod organisations;
mod sources;
mod topics;
mod works;

pub use works::abstract_text;

use super::Mapped;
use super::model::Out;
use crate::ids::WikidataId;
use crate::mint::Minter;
use oxigraph::model::NamedNode;
use serde_json::Value;

/// One OpenAlex record, by the kind its id names.
pub fn map(record: &Value, minter: &Minter) -> Result<Mapped, String> {
    let iri = record["id"]
        .as_str()
        .ok_or_else(|| "missing id (no OpenAlex id)".to_owned())?;
    if iri.contains("/keywords/") {
        return topics::keyword(record, minter);
    }
    let id = short_id(iri).ok_or_else(|| format!("missing id (not an OpenAlex id: {iri})"))?;
    match id.as_bytes()[0] {
        b'W' => works::map(record, minter),
        b'A' => authors::map(record, &id, minter),
        b'I' => organisations::institution(record, &id, minter),
        b'P' => organisations::publisher(record, &id, minter),
        b'F' => organisations::funder(record, &id, minter),
        b'S' => sources::map(record, &id, minter),
        b'T' => topics::topic(record, &id, minter),
        b'C' => topics::concept(record, &id, minter),
        _ => Err(format!(
            "wrong type (OpenAlex record {id} is of no kind steppe keeps)"
        )),
    }
}

/// The id at the end of an OpenAlex IRI (`https://openalex.org/W123` → `W123`), upper case.
fn short_id(iri: &str) -> Option<String> {
    let id = iri.trim().rsplit('/').next()?.to_ascii_uppercase();
    (id.len() > 1
        && id.as_bytes()[0].is_ascii_alphabetic()
        && id[1..].bytes().all(|b| b.is_ascii_digit()))
    .then_some(id)
}

/// The OpenAlex IRI of a short id.
fn iri(id: &str) -> String {
    format!("https://openalex.org/{id}")
}

/// A record's display name, required.
fn display_name(record: &Value) -> Result<&str, String> {
    record["display_name"]
        .as_str()
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .ok_or_else(|| "missing name (no \"display_name\")".to_owned())
}

/// The identifiers in a record's `ids` that do not make its identity: its OpenAlex id, Wikidata
/// (checked, and sameAs), Wikipedia (sameAs), and MAG, GRID and Scopus ids as values.
fn other_ids(
    record: &Value,
    entity: &NamedNode,
    id: &str,
    out: &mut Out,
    dropped: &mut Vec<String>,
) {
    out.identifier(entity, "openalex", id, Some(&iri(id)));
    let ids = &record["ids"];
    if let Some(wikidata) = ids["wikidata"]
        .as_str()
        .or_else(|| record["wikidata"].as_str())
    {
        match WikidataId::parse(wikidata) {
            Ok(q) => out.identifier(entity, "wikidata", q.as_str(), Some(&q.iri())),
            Err(e) => dropped.push(format!("ids.wikidata: {e}")),
        }
    }
    if let Some(page) = ids["wikipedia"].as_str()
        && let Ok(page) = NamedNode::new(page.replace(' ', "%20"))
    {
        out.link(entity, crate::vocab::schema::SAME_AS, &page);
    }
    for scheme in ["mag", "grid", "scopus"] {
        let value = match &ids[scheme] {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        };
        if let Some(value) = value {
            out.identifier(entity, scheme, &value, None);
        }
    }
}

/// Each string of an array field.
fn strings(value: &Value) -> impl Iterator<Item = &str> {
    value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
}

/// A homepage as `schema:url`.
fn homepage(record: &Value, entity: &NamedNode, out: &mut Out) {
    if let Some(url) = record["homepage_url"].as_str()
        && let Ok(url) = NamedNode::new(url)
    {
        out.link(entity, crate::vocab::schema::URL, &url);
    }
}

/// The record's last update as `schema:dateModified`.
fn updated(record: &Value, entity: &NamedNode, out: &mut Out) {
    if let Some(date) = record["updated_date"].as_str().and_then(|d| d.get(..10)) {
        out.typed(
            entity,
            crate::vocab::schema::DATE_MODIFIED,
            date,
            crate::vocab::xsd::DATE,
        );
    }
}

fn mapped(id: String, entity: NamedNode, out: Out, dropped: Vec<String>) -> Mapped {
    Mapped {
        id,
        entity,
        triples: out.into_triples(),
        citations: Vec::new(),
        journals: Vec::new(),
        dropped,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn short_ids_are_a_letter_and_digits() {
        assert_eq!(
            super::short_id("https://openalex.org/w123").as_deref(),
            Some("W123")
        );
        assert_eq!(
            super::short_id("A5023888391").as_deref(),
            Some("A5023888391")
        );
        assert_eq!(
            super::short_id("https://openalex.org/keywords/cardiac-imaging"),
            None
        );
        assert_eq!(super::short_id("https://openalex.org/123"), None);
        assert_eq!(super::short_id("W"), None);
    }
}
