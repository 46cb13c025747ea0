//! OpenAlex sources of type journal into journals: the journal of its ISSN-L (so it is the
//! journal Crossref, DataCite and OpenAlex works name by any of its ISSNs), with every ISSN,
//! names, publisher (the host organisation, by its OpenAlex id), homepage and ids. Other kinds of
//! source (repositories, conferences, book series) are skipped: steppe keeps journals.

use super::{display_name, homepage, iri, mapped, other_ids, short_id, strings, updated};
use crate::ids::Issn;
use crate::import::Mapped;
use crate::import::model::Out;
use crate::mint::{Kind, Minter};
use crate::vocab::{schema, steppe};
use oxigraph::model::NamedNode;
use serde_json::Value;

pub(super) fn map(record: &Value, id: &str, minter: &Minter) -> Result<Mapped, String> {
    let kind = record["type"].as_str().unwrap_or("unknown");
    if kind != "journal" {
        return Err(format!(
            "wrong type (OpenAlex source {id} is a {kind}, not a journal)"
        ));
    }
    let name = display_name(record)?;
    let mut out = Out::default();
    let mut dropped = Vec::new();
    let mut issns: Vec<Issn> = Vec::new();
    for (field, value) in std::iter::once(("issn_l", record["issn_l"].as_str()))
        .chain(strings(&record["issn"]).map(|v| ("issn", Some(v))))
    {
        match value.map(Issn::parse) {
            Some(Ok(issn)) if !issns.contains(&issn) => issns.push(issn),
            Some(Ok(_)) | None => {}
            Some(Err(e)) => dropped.push(format!("{field}: {e}")),
        }
    }
    let journal = match issns.first() {
        Some(first) => minter.journal(first),
        None => minter.unidentified(Kind::Journal, "openalex", id),
    };
    out.a(&journal, schema::PERIODICAL);
    out.text(&journal, schema::NAME, name, None);
    for other in strings(&record["alternate_titles"]).filter(|n| *n != name) {
        out.text(&journal, schema::ALTERNATE_NAME, other, None);
    }
    if let Some(short) = record["abbreviated_title"].as_str() {
        out.text(&journal, schema::ALTERNATE_NAME, short, None);
    }
    if let Some(issn_l) = record["issn_l"].as_str().and_then(|i| Issn::parse(i).ok()) {
        out.text(&journal, steppe::ISSN_L, issn_l.as_str(), None);
    }
    for issn in &issns {
        out.text(&journal, schema::ISSN, issn.as_str(), None);
        if let Ok(portal) = NamedNode::new(issn.iri()) {
            out.link(&journal, schema::SAME_AS, &portal);
        }
    }
    other_ids(record, &journal, id, &mut out, &mut dropped);
    homepage(record, &journal, &mut out);
    if let Some(host) = record["host_organization"].as_str().and_then(short_id)
        && host.starts_with('P')
    {
        let publisher = minter.unidentified(Kind::Org, "openalex", &host);
        out.link(&journal, schema::PUBLISHER, &publisher);
        out.a(&publisher, schema::ORGANIZATION);
        if let Some(name) = record["host_organization_name"].as_str() {
            out.text(&publisher, schema::NAME, name, None);
        }
        if let Ok(same) = NamedNode::new(iri(&host)) {
            out.link(&publisher, schema::SAME_AS, &same);
        }
    }
    updated(record, &journal, &mut out);
    let mut result = mapped(id.to_owned(), journal.clone(), out, dropped);
    if !issns.is_empty() {
        result.journals = vec![(
            journal,
            issns.iter().map(|i| i.as_str().to_owned()).collect(),
        )];
    }
    Ok(result)
}
