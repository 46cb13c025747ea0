//! ROR records (schema v2, and the older v1) into organisations.
//!
//! Type: education → EducationalOrganization, facility → ResearchOrganization, funder →
//! FundingAgency, … (as `data/tools/convert.py` did). Names: the display name and one label per
//! further language are `schema:name`; acronyms, aliases and further labels are
//! `schema:alternateName`, each with its language. Places with GeoNames sameAs, website, founding
//! year, ISNI/Wikidata/GRID/FundRef ids (Wikidata also as sameAs), parent/child/related
//! organisations, and the record's last modification date.

use super::Mapped;
use super::model::Out;
use crate::ids::{Ror, WikidataId};
use crate::mint::Minter;
use crate::vocab::{schema, steppe, xsd};
use oxigraph::model::{NamedNode, NamedNodeRef};
use serde_json::Value;

/// The schema.org class of an organisation type as ROR (and OpenAlex) name them.
pub(super) fn class(kind: &str) -> NamedNodeRef<'static> {
    let local = match kind.to_ascii_lowercase().as_str() {
        "education" => "EducationalOrganization",
        "funder" => "FundingAgency",
        "healthcare" => "MedicalOrganization",
        "company" => "Corporation",
        "government" => "GovernmentOrganization",
        "nonprofit" => "NGO",
        "facility" => "ResearchOrganization",
        "archive" => "ArchiveOrganization",
        _ => "Organization",
    };
    match local {
        "EducationalOrganization" => schema::EDUCATIONAL_ORGANIZATION,
        "Organization" => schema::ORGANIZATION,
        other => NamedNodeRef::new_unchecked(match other {
            "FundingAgency" => "http://schema.org/FundingAgency",
            "MedicalOrganization" => "http://schema.org/MedicalOrganization",
            "Corporation" => "http://schema.org/Corporation",
            "GovernmentOrganization" => "http://schema.org/GovernmentOrganization",
            "NGO" => "http://schema.org/NGO",
            "ResearchOrganization" => "http://schema.org/ResearchOrganization",
            _ => "http://schema.org/ArchiveOrganization",
        }),
    }
}

/// One ROR record as an organisation.
pub fn map(record: &Value, minter: &Minter) -> Result<Mapped, String> {
    let id = record["id"]
        .as_str()
        .ok_or_else(|| "missing id (no \"id\" field)".to_owned())?;
    let ror = Ror::parse(id).map_err(|e| format!("invalid ROR id ({e})"))?;
    let org = minter.org(&ror);
    let mut out = Out::default();
    let mut dropped = Vec::new();
    let types: Vec<&str> = record["types"]
        .as_array()
        .map(|t| t.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if types.is_empty() {
        out.a(&org, schema::ORGANIZATION);
    }
    for kind in types {
        out.a(&org, class(kind));
    }
    names(record, &org, &mut out)?;
    if let Some(year) = record["established"].as_i64() {
        out.typed(&org, schema::FOUNDING_DATE, &year.to_string(), xsd::G_YEAR);
    }
    let websites = record["links"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|l| {
            // v2: {"type":"website","value":…}; v1: plain strings
            match l {
                Value::String(url) => Some(url.as_str()),
                other if other["type"] == "website" => other["value"].as_str(),
                _ => None,
            }
        });
    for url in websites {
        if let Ok(url) = NamedNode::new(url) {
            out.link(&org, schema::URL, &url);
        }
    }
    out.identifier(&org, "ror", ror.as_str(), Some(&ror.iri()));
    for (scheme, value) in external_ids(record) {
        if scheme == "wikidata" {
            match WikidataId::parse(&value) {
                Ok(q) => out.identifier(&org, "wikidata", q.as_str(), Some(&q.iri())),
                Err(e) => dropped.push(format!("external_ids.wikidata: {e}")),
            }
        } else {
            out.identifier(&org, &scheme, &value, None);
        }
    }
    places(record, &org, &mut out);
    for relation in record["relationships"].as_array().into_iter().flatten() {
        let predicate = match relation["type"]
            .as_str()
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("parent") => schema::PARENT_ORGANIZATION,
            Some("child") => schema::SUB_ORGANIZATION,
            Some("related") => steppe::RELATED_ORGANIZATION,
            _ => continue,
        };
        match relation["id"].as_str().map(Ror::parse) {
            Some(Ok(other)) => out.link(&org, predicate, &minter.org(&other)),
            Some(Err(e)) => dropped.push(format!("relationships.id: {e}")),
            None => {}
        }
    }
    if let Some(date) = record["admin"]["last_modified"]["date"].as_str() {
        out.typed(&org, schema::DATE_MODIFIED, date, xsd::DATE);
    }
    Ok(Mapped {
        id: ror.as_str().to_owned(),
        entity: org,
        triples: out.into_triples(),
        citations: Vec::new(),
        journals: Vec::new(),
        dropped,
    })
}

/// Names: the display name, then one label per further language, as `schema:name`; the rest as
/// `schema:alternateName`. A record without any name is refused.
fn names(record: &Value, org: &NamedNode, out: &mut Out) -> Result<(), String> {
    // (value, lang, is a name)
    let mut all: Vec<(String, Option<String>, u8)> = Vec::new();
    if let Some(list) = record["names"].as_array() {
        for n in list {
            let Some(value) = n["value"].as_str() else {
                continue;
            };
            let types: Vec<&str> = n["types"]
                .as_array()
                .map(|t| t.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let rank = if types.contains(&"ror_display") {
                0
            } else if types.contains(&"label") {
                1
            } else {
                2
            };
            all.push((
                value.to_owned(),
                n["lang"].as_str().map(str::to_owned),
                rank,
            ));
        }
    } else {
        // v1
        if let Some(name) = record["name"].as_str() {
            all.push((name.to_owned(), Some("en".to_owned()), 0));
        }
        for label in record["labels"].as_array().into_iter().flatten() {
            if let Some(value) = label["label"].as_str() {
                all.push((
                    value.to_owned(),
                    label["iso639"].as_str().map(str::to_owned),
                    1,
                ));
            }
        }
        for key in ["acronyms", "aliases"] {
            for value in record[key]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                all.push((value.to_owned(), None, 2));
            }
        }
    }
    if all.is_empty() {
        return Err("missing name (no names, labels or name)".to_owned());
    }
    all.sort_by_key(|(_, _, rank)| *rank);
    let mut languages: Vec<Option<String>> = Vec::new();
    for (value, lang, rank) in all {
        if rank < 2 && !languages.contains(&lang) {
            out.text(org, schema::NAME, &value, lang.as_deref());
            languages.push(lang);
        } else {
            out.text(org, schema::ALTERNATE_NAME, &value, lang.as_deref());
        }
    }
    Ok(())
}

/// External ids as (scheme, preferred or first value); v2 lists, v1 maps.
fn external_ids(record: &Value) -> Vec<(String, String)> {
    let mut ids = Vec::new();
    match &record["external_ids"] {
        Value::Array(list) => {
            for e in list {
                let value = e["preferred"]
                    .as_str()
                    .or_else(|| e["all"].as_array().and_then(|a| a.first()?.as_str()));
                if let (Some(scheme), Some(value)) = (e["type"].as_str(), value) {
                    ids.push((scheme.to_ascii_lowercase(), value.to_owned()));
                }
            }
        }
        Value::Object(map) => {
            for (scheme, e) in map {
                let value = e["preferred"].as_str().or_else(|| match &e["all"] {
                    Value::Array(a) => a.first()?.as_str(),
                    Value::String(s) => Some(s.as_str()),
                    _ => None,
                });
                if let Some(value) = value {
                    ids.push((scheme.to_ascii_lowercase(), value.to_owned()));
                }
            }
        }
        _ => {}
    }
    ids
}

/// A place as a record gives it.
pub(super) struct Place {
    pub name: String,
    pub region: Option<String>,
    pub country: Option<String>,
    pub geonames: Option<u64>,
}

/// Places: GeoNames details (v2) or addresses and country (v1).
fn places(record: &Value, org: &NamedNode, out: &mut Out) {
    let mut found: Vec<Place> = Vec::new();
    for location in record["locations"].as_array().into_iter().flatten() {
        let g = &location["geonames_details"];
        if let Some(name) = g["name"].as_str() {
            found.push(Place {
                name: name.to_owned(),
                region: g["country_subdivision_name"].as_str().map(str::to_owned),
                country: g["country_code"].as_str().map(str::to_owned),
                geonames: location["geonames_id"].as_u64(),
            });
        }
    }
    if found.is_empty() {
        for address in record["addresses"].as_array().into_iter().flatten() {
            if let Some(city) = address["city"].as_str() {
                found.push(Place {
                    name: city.to_owned(),
                    region: None,
                    country: record["country"]["country_code"]
                        .as_str()
                        .map(str::to_owned),
                    geonames: address["geonames_city"]["id"].as_u64(),
                });
            }
        }
    }
    for (i, found) in found.into_iter().enumerate() {
        place(org, i, found, out);
    }
}

/// Writes the `index`th place of an organisation: `{org}#place` (then `#place-2`, …) with its
/// name, GeoNames sameAs and a postal address.
pub(super) fn place(org: &NamedNode, index: usize, found: Place, out: &mut Out) {
    let Place {
        name,
        region,
        country,
        geonames,
    } = found;
    let place = NamedNode::new_unchecked(if index == 0 {
        format!("{}#place", org.as_str())
    } else {
        format!("{}#place-{}", org.as_str(), index + 1)
    });
    let address = NamedNode::new_unchecked(format!("{}-address", place.as_str()));
    out.link(org, schema::LOCATION, &place);
    out.a(&place, schema::PLACE);
    out.text(&place, schema::NAME, &name, Some("en"));
    if let Some(id) = geonames
        && let Ok(iri) = NamedNode::new(format!("https://sws.geonames.org/{id}/"))
    {
        out.link(&place, schema::SAME_AS, &iri);
    }
    out.link(&place, schema::ADDRESS, &address);
    out.a(&address, schema::POSTAL_ADDRESS);
    out.text(&address, schema::ADDRESS_LOCALITY, &name, None);
    if let Some(region) = region {
        out.text(&address, schema::ADDRESS_REGION, &region, None);
    }
    if let Some(country) = country {
        out.text(&address, schema::ADDRESS_COUNTRY, &country, None);
    }
}
