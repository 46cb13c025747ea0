//! OpenAlex topics, concepts and keywords into topics (`schema:DefinedTerm`s of steppe's topic
//! set). A concept is the topic of its Wikidata id (as works' concepts are), with its names in
//! every language and its ancestors as `skos:broader`; a topic is the topic of its OpenAlex id,
//! under its subfield, field and domain (`skos:broader`, each a topic of its OpenAlex id); a
//! keyword is the topic of its OpenAlex keyword id.

use super::{display_name, iri, mapped, other_ids, short_id, updated};
use crate::ids::WikidataId;
use crate::import::Mapped;
use crate::import::model::Out;
use crate::mint::{Kind, Minter};
use crate::vocab::{schema, skos};
use oxigraph::model::NamedNode;
use serde_json::Value;

/// States that `topic` is a term of steppe's topic set, named `name` in English.
fn term(topic: &NamedNode, name: &str, minter: &Minter, out: &mut Out) {
    out.a(topic, schema::DEFINED_TERM);
    out.text(topic, schema::NAME, name, Some("en"));
    let set = NamedNode::new_unchecked(format!("{}topics", minter.base()));
    out.link(topic, schema::IN_DEFINED_TERM_SET, &set);
}

/// A topic's subfield, field and domain, each `skos:broader` than the one before.
fn hierarchy(topic: &Value, node: &NamedNode, minter: &Minter, out: &mut Out) {
    let mut narrower = node.clone();
    for level in ["subfield", "field", "domain"] {
        let parent = &topic[level];
        let (Some(parent_iri), Some(parent_name)) =
            (parent["id"].as_str(), parent["display_name"].as_str())
        else {
            continue;
        };
        let Some(local) = parent_iri.strip_prefix("https://openalex.org/") else {
            continue;
        };
        let broader = minter.unidentified(Kind::Topic, "openalex", local);
        term(&broader, parent_name, minter, out);
        if let Ok(same) = NamedNode::new(parent_iri) {
            out.link(&broader, schema::SAME_AS, &same);
        }
        out.link(&narrower, skos::BROADER, &broader);
        narrower = broader;
    }
}

/// A topic as a work names it (`topics[]` of a work: id, name, subfield, field, domain).
pub(super) fn of_work(topic: &Value, minter: &Minter, out: &mut Out) -> Option<NamedNode> {
    let id = topic["id"].as_str().and_then(short_id)?;
    let name = topic["display_name"].as_str()?;
    let node = minter.unidentified(Kind::Topic, "openalex", &id);
    term(&node, name, minter, out);
    if let Ok(same) = NamedNode::new(iri(&id)) {
        out.link(&node, schema::SAME_AS, &same);
    }
    hierarchy(topic, &node, minter, out);
    Some(node)
}

/// One OpenAlex topic.
pub(super) fn topic(record: &Value, id: &str, minter: &Minter) -> Result<Mapped, String> {
    let name = display_name(record)?;
    let mut out = Out::default();
    let mut dropped = Vec::new();
    let node = minter.unidentified(Kind::Topic, "openalex", id);
    term(&node, name, minter, &mut out);
    if let Some(description) = record["description"].as_str() {
        out.text(&node, schema::DESCRIPTION, description, Some("en"));
    }
    other_ids(record, &node, id, &mut out, &mut dropped);
    hierarchy(record, &node, minter, &mut out);
    updated(record, &node, &mut out);
    Ok(mapped(id.to_owned(), node, out, dropped))
}

/// One OpenAlex concept (the older topic scheme, tied to Wikidata).
pub(super) fn concept(record: &Value, id: &str, minter: &Minter) -> Result<Mapped, String> {
    let name = display_name(record)?;
    let mut out = Out::default();
    let mut dropped = Vec::new();
    let node = match record["wikidata"]
        .as_str()
        .or_else(|| record["ids"]["wikidata"].as_str())
        .map(WikidataId::parse)
    {
        Some(Ok(qid)) => minter.topic(&qid),
        Some(Err(e)) => {
            dropped.push(format!("wikidata: {e}"));
            minter.unidentified(Kind::Topic, "openalex", id)
        }
        None => minter.unidentified(Kind::Topic, "openalex", id),
    };
    term(&node, name, minter, &mut out);
    if let Some(international) = record["international"]["display_name"].as_object() {
        // the display name is the English one
        for (lang, value) in international.iter().filter(|(lang, _)| *lang != "en") {
            if let Some(value) = value.as_str() {
                out.text(&node, schema::NAME, value, Some(lang));
            }
        }
    }
    if let Some(description) = record["description"].as_str() {
        out.text(&node, schema::DESCRIPTION, description, Some("en"));
    }
    other_ids(record, &node, id, &mut out, &mut dropped);
    for (index, ancestor) in record["ancestors"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        let broader = match ancestor["wikidata"].as_str().map(WikidataId::parse) {
            Some(Ok(qid)) => minter.topic(&qid),
            Some(Err(e)) => {
                dropped.push(format!("ancestors[{index}].wikidata: {e}"));
                continue;
            }
            None => match ancestor["id"].as_str().and_then(short_id) {
                Some(cid) => minter.unidentified(Kind::Topic, "openalex", &cid),
                None => continue,
            },
        };
        if let Some(name) = ancestor["display_name"].as_str() {
            term(&broader, name, minter, &mut out);
        }
        out.link(&node, skos::BROADER, &broader);
    }
    updated(record, &node, &mut out);
    Ok(mapped(id.to_owned(), node, out, dropped))
}

/// One OpenAlex keyword (`https://openalex.org/keywords/{slug}`).
pub(super) fn keyword(record: &Value, minter: &Minter) -> Result<Mapped, String> {
    let name = display_name(record)?;
    let full = record["id"].as_str().unwrap_or_default();
    let local = full
        .split_once("/keywords/")
        .map(|(_, slug)| format!("keywords/{slug}"))
        .filter(|local| local.len() > "keywords/".len())
        .ok_or_else(|| format!("missing id (not an OpenAlex keyword id: {full})"))?;
    let mut out = Out::default();
    let node = minter.unidentified(Kind::Topic, "openalex", &local);
    term(&node, name, minter, &mut out);
    out.identifier(&node, "openalex", &local, Some(&iri(&local)));
    updated(record, &node, &mut out);
    Ok(mapped(local, node, out, Vec::new()))
}
