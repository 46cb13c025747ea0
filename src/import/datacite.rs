//! DataCite DOI records (REST API JSON:API items: `{"id", "type": "dois", "attributes"}`, single
//! in `data`, listed in `data`, or one a line) into works.
//!
//! Type from `types.schemaOrg` (ScholarlyArticle, Dataset, Book, Report, …; CreativeWork when
//! unknown), the first title (with its language), creators in order (by ORCID when a name
//! identifier gives a valid one, else the record's own person; organisations as creators are
//! kept as people no more), affiliations as printed or by ROR, the publisher, the publication
//! year, a container journal by ISSN with volume, issue and pages, abstracts (description type
//! Abstract), subjects as keywords, licences, funders, and related identifiers of type DOI that
//! the record References or Cites as citations.

use super::Mapped;
use super::model::{self, Out};
use crate::ids::{Doi, Issn};
use crate::mint::{Kind, Minter};
use crate::vocab::{schema, steppe, xsd};
use oxigraph::model::{NamedNode, NamedNodeRef};
use serde_json::Value;

fn class(schema_org: &str) -> NamedNodeRef<'static> {
    match schema_org {
        "ScholarlyArticle" | "Article" => schema::SCHOLARLY_ARTICLE,
        "Dataset" => schema::DATASET,
        "Book" => schema::BOOK,
        "Chapter" => schema::CHAPTER,
        "Report" => schema::REPORT,
        "Thesis" => NamedNodeRef::new_unchecked("http://schema.org/Thesis"),
        "SoftwareSourceCode" => NamedNodeRef::new_unchecked("http://schema.org/SoftwareSourceCode"),
        "ImageObject" => NamedNodeRef::new_unchecked("http://schema.org/ImageObject"),
        _ => schema::CREATIVE_WORK,
    }
}

fn text(v: &Value) -> Option<&str> {
    v.as_str().map(str::trim).filter(|s| !s.is_empty())
}

/// One DataCite record as a work.
pub fn map(record: &Value, minter: &Minter) -> Result<Mapped, String> {
    let attributes = if record["attributes"].is_object() {
        &record["attributes"]
    } else {
        record
    };
    let doi = text(&attributes["doi"])
        .or_else(|| text(&record["id"]))
        .ok_or_else(|| "missing DOI (no \"doi\")".to_owned())?;
    let doi = Doi::parse(doi).map_err(|e| format!("invalid DOI ({e})"))?;
    let title = attributes["titles"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|t| t["titleType"].is_null())
        .or_else(|| attributes["titles"].as_array().and_then(|t| t.first()))
        .ok_or_else(|| "missing title (no \"titles\")".to_owned())?;
    let title_text = text(&title["title"]).ok_or_else(|| "missing title (empty)".to_owned())?;
    let lang = text(&title["lang"]).or_else(|| text(&attributes["language"]));
    let paper = minter.paper(&doi);
    let mut out = Out::default();
    let mut dropped = Vec::new();
    out.a(
        &paper,
        class(attributes["types"]["schemaOrg"].as_str().unwrap_or("")),
    );
    out.text(&paper, schema::NAME, title_text, lang);
    out.text(&paper, schema::HEADLINE, title_text, lang);
    if let Some(language) = text(&attributes["language"]) {
        out.text(&paper, schema::IN_LANGUAGE, language, None);
    }
    out.identifier(&paper, "doi", doi.as_str(), Some(&doi.iri()));
    if let Ok(url) = NamedNode::new(doi.iri()) {
        out.link(&paper, schema::URL, &url);
    }
    if let Some(year) = attributes["publicationYear"]
        .as_i64()
        .map(|y| y.to_string())
        .or_else(|| text(&attributes["publicationYear"]).map(str::to_owned))
    {
        out.typed(&paper, schema::DATE_PUBLISHED, &year, xsd::G_YEAR);
    }
    let publisher = match &attributes["publisher"] {
        Value::Object(p) => p.get("name").and_then(Value::as_str),
        other => other.as_str(),
    };
    if let Some(name) = publisher.map(str::trim).filter(|n| !n.is_empty()) {
        let node = minter.unidentified(Kind::Org, "datacite-publisher", &name.to_lowercase());
        out.link(&paper, schema::PUBLISHER, &node);
        out.a(&node, schema::ORGANIZATION);
        out.text(&node, schema::NAME, name, None);
    }
    creators(attributes, &paper, &doi, minter, &mut out, &mut dropped);
    let journals = container(attributes, &paper, minter, &mut out, &mut dropped)
        .into_iter()
        .collect();
    for description in attributes["descriptions"].as_array().into_iter().flatten() {
        if description["descriptionType"] == "Abstract"
            && let Some(abstract_text) = text(&description["description"])
        {
            out.text(
                &paper,
                schema::ABSTRACT,
                abstract_text,
                text(&description["lang"]),
            );
        }
    }
    for subject in attributes["subjects"].as_array().into_iter().flatten() {
        if let Some(subject) = text(&subject["subject"]) {
            out.text(&paper, schema::KEYWORDS, subject, None);
        }
    }
    for rights in attributes["rightsList"].as_array().into_iter().flatten() {
        if let Some(uri) = text(&rights["rightsUri"]).and_then(|u| NamedNode::new(u).ok()) {
            out.link(&paper, schema::LICENSE, &uri);
        }
    }
    for funding in attributes["fundingReferences"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let Some(name) = text(&funding["funderName"]) else {
            continue;
        };
        let node = minter.unidentified(Kind::Org, "datacite-funder", &name.to_lowercase());
        out.link(&paper, schema::FUNDER, &node);
        out.a(&node, schema::ORGANIZATION);
        out.text(&node, schema::NAME, name, None);
    }
    let mut citations = Vec::new();
    for related in attributes["relatedIdentifiers"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let cites = matches!(
            related["relationType"].as_str(),
            Some("References" | "Cites")
        );
        if !cites || related["relatedIdentifierType"] != "DOI" {
            continue;
        }
        match text(&related["relatedIdentifier"]).map(Doi::parse) {
            Some(Ok(cited)) => {
                if let Ok(external) = NamedNode::new(cited.iri()) {
                    citations.push((minter.paper(&cited), external));
                }
            }
            Some(Err(e)) => dropped.push(format!("relatedIdentifiers: {e}")),
            None => {}
        }
    }
    Ok(Mapped {
        id: doi.as_str().to_owned(),
        entity: paper,
        triples: out.into_triples(),
        citations,
        journals,
        dropped,
    })
}

fn creators(
    attributes: &Value,
    paper: &NamedNode,
    doi: &Doi,
    minter: &Minter,
    out: &mut Out,
    dropped: &mut Vec<String>,
) {
    let list: Vec<&Value> = attributes["creators"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["nameType"] != "Organizational")
        .collect();
    for (index, creator) in list.into_iter().enumerate() {
        let position = index + 1;
        let name = match (text(&creator["givenName"]), text(&creator["familyName"])) {
            (Some(given), Some(family)) => format!("{given} {family}"),
            _ => match text(&creator["name"]) {
                Some(name) => name.to_owned(),
                None => continue,
            },
        };
        let orcid_value = creator["nameIdentifiers"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|i| i["nameIdentifierScheme"] == "ORCID")
            .and_then(|i| text(&i["nameIdentifier"]));
        let orcid = model::orcid(
            orcid_value,
            &format!("creators[{index}].nameIdentifiers"),
            dropped,
        );
        let person = model::person(
            minter,
            orcid.as_ref(),
            "datacite-creator",
            &format!("{}#{position}", doi.as_str()),
        );
        let node = out.author(
            paper,
            position,
            &person,
            Some(&name),
            (text(&creator["givenName"]), text(&creator["familyName"])),
            orcid.as_ref(),
        );
        for affiliation in creator["affiliation"].as_array().into_iter().flatten() {
            // strings (older records) or objects with an identifier
            let (printed, ror) = match affiliation {
                Value::String(s) => (Some(s.as_str()), None),
                other => (
                    text(&other["name"]),
                    (other["affiliationIdentifierScheme"] == "ROR")
                        .then(|| text(&other["affiliationIdentifier"]))
                        .flatten(),
                ),
            };
            if let Some(printed) = printed {
                out.text(&node, steppe::AFFILIATION_AS_PRINTED, printed, None);
            }
            out.affiliation(
                &node,
                ror,
                printed,
                &format!("creators[{index}].affiliation"),
                minter,
                dropped,
            );
        }
    }
}

/// The container journal, by its ISSN, with volume, issue and pages.
fn container(
    attributes: &Value,
    paper: &NamedNode,
    minter: &Minter,
    out: &mut Out,
    dropped: &mut Vec<String>,
) -> Option<(NamedNode, Vec<String>)> {
    let container = &attributes["container"];
    if container["identifierType"] != "ISSN" {
        return None;
    }
    let issn = match Issn::parse(text(&container["identifier"])?) {
        Ok(issn) => issn,
        Err(e) => {
            dropped.push(format!("container.identifier: {e}"));
            return None;
        }
    };
    let journal = minter.journal(&issn);
    out.a(&journal, schema::PERIODICAL);
    if let Some(title) = text(&container["title"]) {
        out.text(&journal, schema::NAME, title, None);
    }
    out.text(&journal, schema::ISSN, issn.as_str(), None);
    out.identifier(&journal, "issn", issn.as_str(), Some(&issn.iri()));
    let mut whole = journal.clone();
    if let Some(volume) = text(&container["volume"])
        && let Ok(node) = NamedNode::new(format!("{}/volume/{volume}", journal.as_str()))
    {
        out.a(&node, schema::PUBLICATION_VOLUME);
        out.text(&node, schema::VOLUME_NUMBER, volume, None);
        out.link(&node, schema::IS_PART_OF, &journal);
        whole = node;
    }
    if let Some(issue) = text(&container["issue"])
        && let Ok(node) = NamedNode::new(format!("{}/issue/{issue}", whole.as_str()))
    {
        out.a(&node, schema::PUBLICATION_ISSUE);
        out.text(&node, schema::ISSUE_NUMBER, issue, None);
        out.link(&node, schema::IS_PART_OF, &whole);
        whole = node;
    }
    out.link(paper, schema::IS_PART_OF, &whole);
    if let Some(first) = text(&container["firstPage"]) {
        out.text(paper, schema::PAGE_START, first, None);
    }
    if let Some(last) = text(&container["lastPage"]) {
        out.text(paper, schema::PAGE_END, last, None);
    }
    Some((journal, vec![issn.as_str().to_owned()]))
}
