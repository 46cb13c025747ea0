//! OpenAlex institutions, publishers and funders into organisations: the organisation of the
//! ROR id when the record has one (so it is the ROR record's organisation), else the
//! organisation of the OpenAlex id (which OpenAlex works and sources name too).
//!
//! Institutions: type as ROR's, names in every language (`international.display_name`),
//! acronyms and other names, place, homepage, parent, child and related institutions (by ROR).
//! Publishers: names, countries, homepage, parent publisher. Funders: a `FundingAgency`, names,
//! description, country, homepage, Crossref funder DOI.

use super::{display_name, homepage, iri, mapped, other_ids, short_id, strings, updated};
use crate::ids::{Doi, Ror};
use crate::import::Mapped;
use crate::import::model::Out;
use crate::import::ror::{self, Place};
use crate::mint::{Kind, Minter};
use crate::vocab::{schema, steppe};
use oxigraph::model::{NamedNode, NamedNodeRef};
use serde_json::Value;

const FUNDING_AGENCY: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("http://schema.org/FundingAgency");

/// The organisation a record is: by its ROR id, else by its OpenAlex id.
fn organisation(
    record: &Value,
    id: &str,
    minter: &Minter,
    out: &mut Out,
    dropped: &mut Vec<String>,
) -> NamedNode {
    let ror = record["ror"]
        .as_str()
        .or_else(|| record["ids"]["ror"].as_str());
    match ror.map(Ror::parse) {
        Some(Ok(ror)) => {
            let org = minter.org(&ror);
            out.identifier(&org, "ror", ror.as_str(), Some(&ror.iri()));
            org
        }
        other => {
            if let Some(Err(e)) = other {
                dropped.push(format!("ror: {e}"));
            }
            minter.unidentified(Kind::Org, "openalex", id)
        }
    }
}

/// The display name, then one name per language, then other names.
fn names(record: &Value, org: &NamedNode, name: &str, out: &mut Out) {
    out.text(org, schema::NAME, name, None);
    if let Some(international) = record["international"]["display_name"].as_object() {
        for (lang, value) in international {
            if let Some(value) = value.as_str().filter(|v| *v != name) {
                out.text(org, schema::NAME, value, Some(lang));
            }
        }
    }
    for key in [
        "display_name_acronyms",
        "display_name_alternatives",
        "alternate_titles",
    ] {
        for other in strings(&record[key]).filter(|n| *n != name) {
            out.text(org, schema::ALTERNATE_NAME, other, None);
        }
    }
}

/// A country an organisation is in, as its postal address `{org}#address`.
fn address_country(org: &NamedNode, country: &str, out: &mut Out) {
    let address = NamedNode::new_unchecked(format!("{}#address", org.as_str()));
    out.link(org, schema::ADDRESS, &address);
    out.a(&address, schema::POSTAL_ADDRESS);
    out.text(&address, schema::ADDRESS_COUNTRY, country, None);
}

/// One OpenAlex institution.
pub(super) fn institution(record: &Value, id: &str, minter: &Minter) -> Result<Mapped, String> {
    let name = display_name(record)?;
    let mut out = Out::default();
    let mut dropped = Vec::new();
    let org = organisation(record, id, minter, &mut out, &mut dropped);
    out.a(&org, ror::class(record["type"].as_str().unwrap_or("other")));
    names(record, &org, name, &mut out);
    other_ids(record, &org, id, &mut out, &mut dropped);
    homepage(record, &org, &mut out);
    let geo = &record["geo"];
    if let Some(city) = geo["city"].as_str() {
        ror::place(
            &org,
            0,
            Place {
                name: city.to_owned(),
                region: geo["region"].as_str().map(str::to_owned),
                country: geo["country_code"].as_str().map(str::to_owned),
                geonames: geo["geonames_city_id"]
                    .as_u64()
                    .or_else(|| geo["geonames_city_id"].as_str()?.parse().ok()),
            },
            &mut out,
        );
    }
    for (index, other) in record["associated_institutions"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        let predicate = match other["relationship"].as_str() {
            Some("parent") => schema::PARENT_ORGANIZATION,
            Some("child") => schema::SUB_ORGANIZATION,
            Some("related") => steppe::RELATED_ORGANIZATION,
            _ => continue,
        };
        match other["ror"].as_str().map(Ror::parse) {
            Some(Ok(ror)) => out.link(&org, predicate, &minter.org(&ror)),
            Some(Err(e)) => dropped.push(format!("associated_institutions[{index}].ror: {e}")),
            None => {}
        }
    }
    updated(record, &org, &mut out);
    Ok(mapped(id.to_owned(), org, out, dropped))
}

/// One OpenAlex publisher.
pub(super) fn publisher(record: &Value, id: &str, minter: &Minter) -> Result<Mapped, String> {
    let name = display_name(record)?;
    let mut out = Out::default();
    let mut dropped = Vec::new();
    let org = organisation(record, id, minter, &mut out, &mut dropped);
    out.a(&org, schema::ORGANIZATION);
    names(record, &org, name, &mut out);
    other_ids(record, &org, id, &mut out, &mut dropped);
    homepage(record, &org, &mut out);
    for country in strings(&record["country_codes"]) {
        address_country(&org, country, &mut out);
    }
    if let Some(parent) = record["parent_publisher"]["id"]
        .as_str()
        .or_else(|| record["parent_publisher"].as_str())
        .and_then(short_id)
    {
        let node = minter.unidentified(Kind::Org, "openalex", &parent);
        out.link(&org, schema::PARENT_ORGANIZATION, &node);
        if let Ok(same) = NamedNode::new(iri(&parent)) {
            out.link(&node, schema::SAME_AS, &same);
        }
    }
    updated(record, &org, &mut out);
    Ok(mapped(id.to_owned(), org, out, dropped))
}

/// One OpenAlex funder.
pub(super) fn funder(record: &Value, id: &str, minter: &Minter) -> Result<Mapped, String> {
    let name = display_name(record)?;
    let mut out = Out::default();
    let mut dropped = Vec::new();
    let org = organisation(record, id, minter, &mut out, &mut dropped);
    out.a(&org, FUNDING_AGENCY);
    names(record, &org, name, &mut out);
    if let Some(description) = record["description"].as_str() {
        out.text(&org, schema::DESCRIPTION, description, Some("en"));
    }
    other_ids(record, &org, id, &mut out, &mut dropped);
    homepage(record, &org, &mut out);
    if let Some(country) = record["country_code"].as_str() {
        address_country(&org, country, &mut out);
    }
    match record["ids"]["doi"].as_str().map(Doi::parse) {
        Some(Ok(doi)) => out.identifier(&org, "doi", doi.as_str(), Some(&doi.iri())),
        Some(Err(e)) => dropped.push(format!("ids.doi: {e}")),
        None => {}
    }
    updated(record, &org, &mut out);
    Ok(mapped(id.to_owned(), org, out, dropped))
}
