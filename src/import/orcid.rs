//! ORCID public API records (v2 and v3 `record` documents) into people.
//!
//! The iD (its check digit verified: a record whose iD is wrong is refused), the name (credit
//! name, else given and family names), other names, biography, researcher URLs, keywords, and
//! employments and educations: an organisation by its ROR id when ORCID's disambiguation gives
//! one, else by its name as ORCID gives it (one organisation for one name across ORCID
//! records, never met by other sources);
//! current employments (no end date) are `schema:affiliation`, educations `schema:alumniOf`.

use super::Mapped;
use super::model::Out;
use crate::ids::{Orcid, Ror};
use crate::mint::{Kind, Minter};
use crate::vocab::schema;
use oxigraph::model::{NamedNode, NamedNodeRef};
use serde_json::Value;

/// `{"value": …}` or a plain string.
fn value(v: &Value) -> Option<&str> {
    v["value"]
        .as_str()
        .or_else(|| v.as_str())
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// One ORCID record as a person.
pub fn map(record: &Value, minter: &Minter) -> Result<Mapped, String> {
    let id = record["orcid-identifier"]["path"]
        .as_str()
        .ok_or_else(|| "missing id (no \"orcid-identifier\")".to_owned())?;
    let orcid = Orcid::parse(id).map_err(|e| format!("invalid ORCID ({e})"))?;
    let person = minter.person(&orcid);
    let details = &record["person"];
    let name = &details["name"];
    let given = value(&name["given-names"]);
    let family = value(&name["family-name"]);
    let full = value(&name["credit-name"])
        .map(str::to_owned)
        .or_else(|| match (given, family) {
            (Some(g), Some(f)) => Some(format!("{g} {f}")),
            (Some(one), None) | (None, Some(one)) => Some(one.to_owned()),
            (None, None) => None,
        })
        .ok_or_else(|| "missing name (no credit, given or family name)".to_owned())?;
    let mut out = Out::default();
    out.a(&person, schema::PERSON);
    out.text(&person, schema::NAME, &full, None);
    if let Some(given) = given {
        out.text(&person, schema::GIVEN_NAME, given, None);
    }
    if let Some(family) = family {
        out.text(&person, schema::FAMILY_NAME, family, None);
    }
    out.identifier(&person, "orcid", orcid.as_str(), Some(&orcid.iri()));
    for other in details["other-names"]["other-name"]
        .as_array()
        .into_iter()
        .flatten()
    {
        if let Some(other) = other["content"].as_str() {
            out.text(&person, schema::ALTERNATE_NAME, other, None);
        }
    }
    if let Some(biography) = details["biography"]["content"].as_str() {
        out.text(&person, schema::DESCRIPTION, biography, None);
    }
    for url in details["researcher-urls"]["researcher-url"]
        .as_array()
        .into_iter()
        .flatten()
    {
        if let Some(url) = value(&url["url"]).and_then(|u| NamedNode::new(u).ok()) {
            out.link(&person, schema::URL, &url);
        }
    }
    for keyword in details["keywords"]["keyword"]
        .as_array()
        .into_iter()
        .flatten()
    {
        if let Some(keyword) = keyword["content"].as_str() {
            out.text(&person, schema::KEYWORDS, keyword, None);
        }
    }
    let activities = &record["activities-summary"];
    for (section, item, current_only, predicate) in [
        (
            "employments",
            "employment-summary",
            true,
            schema::AFFILIATION,
        ),
        ("educations", "education-summary", false, ALUMNI_OF),
    ] {
        for summary in summaries(&activities[section], item) {
            if current_only && !summary["end-date"].is_null() {
                continue;
            }
            if let Some(org) = organisation(&summary["organization"], minter, &mut out) {
                out.link(&person, predicate, &org);
            }
        }
    }
    Ok(Mapped {
        id: orcid.as_str().to_owned(),
        entity: person,
        triples: out.into_triples(),
        citations: Vec::new(),
        journals: Vec::new(),
        dropped: Vec::new(),
    })
}

const ALUMNI_OF: NamedNodeRef<'static> = NamedNodeRef::new_unchecked("http://schema.org/alumniOf");

/// Employment or education summaries: v2 lists them directly, v3 in affiliation groups.
fn summaries<'a>(section: &'a Value, item: &str) -> Vec<&'a Value> {
    let mut found: Vec<&Value> = section[item].as_array().into_iter().flatten().collect();
    for group in section["affiliation-group"]
        .as_array()
        .into_iter()
        .flatten()
    {
        for summary in group["summaries"].as_array().into_iter().flatten() {
            found.push(&summary[item]);
        }
    }
    found
}

/// An organisation of an employment or education: by ROR id when disambiguated so, else by
/// its name within ORCID.
fn organisation(org: &Value, minter: &Minter, out: &mut Out) -> Option<NamedNode> {
    let name = org["name"].as_str()?.trim();
    let disambiguated = &org["disambiguated-organization"];
    let ror = (disambiguated["disambiguation-source"].as_str() == Some("ROR"))
        .then(|| disambiguated["disambiguated-organization-identifier"].as_str())
        .flatten()
        .and_then(|id| Ror::parse(id).ok());
    let node = match &ror {
        Some(ror) => minter.org(ror),
        None => minter.unidentified(Kind::Org, "orcid-organisation", &name.to_lowercase()),
    };
    out.a(&node, schema::ORGANIZATION);
    out.text(&node, schema::NAME, name, None);
    if let Some(ror) = ror {
        out.identifier(&node, "ror", ror.as_str(), Some(&ror.iri()));
    }
    Some(node)
}
