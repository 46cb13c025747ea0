//! Crossref works (the `message` of `/works/{doi}`, or the items of a work list) into papers.
//!
//! Types: journal-article, proceedings-article and posted-content → ScholarlyArticle,
//! book-chapter → Chapter, book and monograph → Book, report → Report, dataset → Dataset,
//! dissertation → Thesis, anything else → CreativeWork; a record with no type or a journal or
//! issue record (not a work) is refused. Authors in order (`sequence` and list order), each with
//! an ORCID when valid (invalid ones are reported and left out) and their affiliation as printed
//! (an organisation when Crossref gives its ROR id); people without an ORCID are not merged with
//! anyone: their IRI is the record's. The journal (named by its print ISSN, else its electronic
//! one), volume and issue, pages, the publication date, publisher, licences, funders (by their
//! Crossref funder DOI), subjects as keywords, and references with a DOI as citations (of
//! steppe's paper when the store has it, else of the DOI's IRI: `Mapped::resolve`).
//! Abstracts are left out: Crossref passes on the publisher's text, which is not ours to
//! republish.

use super::Mapped;
use super::model::{self, Out};
use crate::ids::{Doi, Issn};
use crate::mint::{Kind, Minter};
use crate::vocab::{schema, steppe, xsd};
use oxigraph::model::{NamedNode, NamedNodeRef};
use serde_json::Value;

fn class(kind: &str) -> Option<NamedNodeRef<'static>> {
    Some(match kind {
        "journal-article" | "proceedings-article" | "posted-content" => schema::SCHOLARLY_ARTICLE,
        "book-chapter" | "book-section" | "book-part" | "reference-entry" => schema::CHAPTER,
        "book" | "monograph" | "edited-book" | "reference-book" => schema::BOOK,
        "report" | "report-component" => schema::REPORT,
        "dataset" => schema::DATASET,
        "dissertation" => NamedNodeRef::new_unchecked("http://schema.org/Thesis"),
        "journal" | "journal-issue" | "journal-volume" | "proceedings" | "book-series" => {
            return None;
        }
        _ => schema::CREATIVE_WORK,
    })
}

fn first_text(value: &Value) -> Option<&str> {
    match value {
        Value::String(s) => Some(s.as_str()),
        Value::Array(items) => items.iter().find_map(Value::as_str),
        _ => None,
    }
    .map(str::trim)
    .filter(|s| !s.is_empty())
}

/// One Crossref work as a paper.
pub fn map(record: &Value, minter: &Minter) -> Result<Mapped, String> {
    let doi = record["DOI"]
        .as_str()
        .ok_or_else(|| "missing DOI (no \"DOI\" field)".to_owned())?;
    let doi = Doi::parse(doi).map_err(|e| format!("invalid DOI ({e})"))?;
    let kind = record["type"]
        .as_str()
        .ok_or_else(|| "missing type (no \"type\" field)".to_owned())?;
    let class = class(kind).ok_or_else(|| format!("not a work (type {kind:?})"))?;
    let title =
        first_text(&record["title"]).ok_or_else(|| "missing title (no \"title\")".to_owned())?;
    let paper = minter.paper(&doi);
    let lang = record["language"].as_str();
    let mut out = Out::default();
    let mut dropped = Vec::new();
    out.a(&paper, class);
    out.text(&paper, schema::NAME, title, lang);
    out.text(&paper, schema::HEADLINE, title, lang);
    if let Some(lang) = lang {
        out.text(&paper, schema::IN_LANGUAGE, lang, None);
    }
    out.identifier(&paper, "doi", doi.as_str(), Some(&doi.iri()));
    if let Ok(url) = NamedNode::new(doi.iri()) {
        out.link(&paper, schema::URL, &url);
    }
    authors(record, &paper, &doi, minter, &mut out, &mut dropped);
    let journals: Vec<(NamedNode, Vec<String>)> =
        journal(record, &paper, minter, &mut out, &mut dropped)
            .into_iter()
            .collect();
    if let Some(pages) = first_text(&record["page"]) {
        out.text(&paper, schema::PAGINATION, pages, None);
        let mut parts = pages.splitn(2, '-');
        if let Some(start) = parts.next() {
            out.text(&paper, schema::PAGE_START, start, None);
        }
        if let Some(end) = parts.next() {
            out.text(&paper, schema::PAGE_END, end, None);
        }
    }
    if let Some((value, datatype)) = ["published", "published-print", "published-online", "issued"]
        .iter()
        .find_map(|key| date(&record[*key]))
    {
        out.typed(&paper, schema::DATE_PUBLISHED, &value, datatype);
    }
    if let Some(name) = first_text(&record["publisher"]) {
        let local = record["member"].as_str().map_or_else(
            || format!("publisher/{}", name.to_lowercase()),
            |member| format!("member/{member}"),
        );
        let publisher = minter.unidentified(Kind::Org, "crossref", &local);
        out.link(&paper, schema::PUBLISHER, &publisher);
        out.a(&publisher, schema::ORGANIZATION);
        out.text(&publisher, schema::NAME, name, None);
    }
    for licence in record["license"].as_array().into_iter().flatten() {
        if let Some(url) = licence["URL"].as_str().and_then(|u| NamedNode::new(u).ok()) {
            out.link(&paper, schema::LICENSE, &url);
        }
    }
    for funder in record["funder"].as_array().into_iter().flatten() {
        let Some(name) = first_text(&funder["name"]) else {
            continue;
        };
        let node = match funder["DOI"].as_str().map(Doi::parse) {
            Some(Ok(funder_doi)) => {
                let node = minter.unidentified(Kind::Org, "funder-doi", funder_doi.as_str());
                out.identifier(&node, "doi", funder_doi.as_str(), Some(&funder_doi.iri()));
                node
            }
            Some(Err(e)) => {
                dropped.push(format!("funder.DOI: {e}"));
                minter.unidentified(Kind::Org, "crossref-funder", &name.to_lowercase())
            }
            None => minter.unidentified(Kind::Org, "crossref-funder", &name.to_lowercase()),
        };
        out.link(&paper, schema::FUNDER, &node);
        out.a(&node, schema::ORGANIZATION);
        out.text(&node, schema::NAME, name, None);
    }
    for subject in record["subject"].as_array().into_iter().flatten() {
        if let Some(subject) = subject.as_str() {
            out.text(&paper, schema::KEYWORDS, subject, None);
        }
    }
    let mut citations = Vec::new();
    for (i, reference) in record["reference"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        match reference["DOI"].as_str().map(Doi::parse) {
            Some(Ok(cited)) => {
                if let Ok(external) = NamedNode::new(cited.iri()) {
                    citations.push((minter.paper(&cited), external));
                }
            }
            Some(Err(e)) => dropped.push(format!("reference[{i}].DOI: {e}")),
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

/// Authors in order: the first by `sequence`, then the others as listed.
fn authors(
    record: &Value,
    paper: &NamedNode,
    doi: &Doi,
    minter: &Minter,
    out: &mut Out,
    dropped: &mut Vec<String>,
) {
    let mut list: Vec<&Value> = record["author"].as_array().into_iter().flatten().collect();
    list.sort_by_key(|a| a["sequence"].as_str() != Some("first"));
    for (index, author) in list.into_iter().enumerate() {
        let position = index + 1;
        let name = match (first_text(&author["given"]), first_text(&author["family"])) {
            (Some(given), Some(family)) => format!("{given} {family}"),
            (None, Some(family)) => family.to_owned(),
            (Some(given), None) => given.to_owned(),
            (None, None) => match first_text(&author["name"]) {
                Some(name) => name.to_owned(),
                None => continue,
            },
        };
        let orcid = model::orcid(
            author["ORCID"].as_str(),
            &format!("author[{index}].ORCID"),
            dropped,
        );
        let person = model::person(
            minter,
            orcid.as_ref(),
            "crossref-author",
            &format!("{}#{position}", doi.as_str()),
        );
        let authorship = out.author(
            paper,
            position,
            &person,
            Some(&name),
            (first_text(&author["given"]), first_text(&author["family"])),
            orcid.as_ref(),
        );
        for affiliation in author["affiliation"].as_array().into_iter().flatten() {
            if let Some(printed) = first_text(&affiliation["name"]) {
                out.text(&authorship, steppe::AFFILIATION_AS_PRINTED, printed, None);
            }
            let ror = affiliation["id"]
                .as_array()
                .into_iter()
                .flatten()
                .find_map(|id| (id["id-type"].as_str()? == "ROR").then(|| id["id"].as_str())?);
            out.affiliation(
                &authorship,
                ror,
                first_text(&affiliation["name"]),
                &format!("author[{index}].affiliation.id"),
                minter,
                dropped,
            );
        }
    }
}

/// The journal, its volume and issue: `{journal}/volume/{v}/issue/{i}` as in steppe's data.
fn journal(
    record: &Value,
    paper: &NamedNode,
    minter: &Minter,
    out: &mut Out,
    dropped: &mut Vec<String>,
) -> Option<(NamedNode, Vec<String>)> {
    let title = first_text(&record["container-title"])?;
    let mut print = None;
    let mut online = None;
    for entry in record["issn-type"].as_array().into_iter().flatten() {
        let Some(value) = entry["value"].as_str() else {
            continue;
        };
        match Issn::parse(value) {
            Ok(issn) if entry["type"] == "print" => print = Some(issn),
            Ok(issn) => online = Some(issn),
            Err(e) => dropped.push(format!("issn-type: {e}")),
        }
    }
    if print.is_none() && online.is_none() {
        for value in record["ISSN"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            match Issn::parse(value) {
                Ok(issn) if print.is_none() => print = Some(issn),
                Ok(issn) => online = Some(issn),
                Err(e) => dropped.push(format!("ISSN: {e}")),
            }
        }
    }
    // a book chapter's book, a proceedings: a series without ISSN is left out
    let naming = print.as_ref().or(online.as_ref())?;
    let journal = minter.journal(naming);
    out.a(&journal, schema::PERIODICAL);
    out.text(&journal, schema::NAME, title, None);
    for (issn, predicate, scheme) in [
        (&print, steppe::ISSN_PRINT, "issn-print"),
        (&online, steppe::ISSN_ONLINE, "issn-online"),
    ] {
        if let Some(issn) = issn {
            out.text(&journal, predicate, issn.as_str(), None);
            out.identifier(&journal, scheme, issn.as_str(), Some(&issn.iri()));
        }
    }
    let mut whole = journal.clone();
    if let Some(volume) = first_text(&record["volume"]) {
        let node =
            NamedNode::new_unchecked(format!("{}/volume/{}", journal.as_str(), segment(volume)));
        out.a(&node, schema::PUBLICATION_VOLUME);
        out.text(&node, schema::VOLUME_NUMBER, volume, None);
        out.link(&node, schema::IS_PART_OF, &journal);
        whole = node;
    }
    if let Some(issue) = first_text(&record["issue"]) {
        let node = NamedNode::new_unchecked(format!("{}/issue/{}", whole.as_str(), segment(issue)));
        out.a(&node, schema::PUBLICATION_ISSUE);
        out.text(&node, schema::ISSUE_NUMBER, issue, None);
        out.link(&node, schema::IS_PART_OF, &whole);
        whole = node;
    }
    out.link(paper, schema::IS_PART_OF, &whole);
    let issns = [&print, &online]
        .into_iter()
        .flatten()
        .map(|i| i.as_str().to_owned())
        .collect();
    Some((journal, issns))
}

/// A volume or issue number as a path segment: letters, digits and `-`, the rest dropped.
fn segment(number: &str) -> String {
    number
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .trim_matches('-')
        .to_owned()
}

/// A Crossref date (`{"date-parts":[[2018, 11, 15]]}`) as xsd:date, gYearMonth or gYear.
fn date(value: &Value) -> Option<(String, NamedNodeRef<'static>)> {
    let parts: Vec<i64> = value["date-parts"]
        .as_array()?
        .first()?
        .as_array()?
        .iter()
        .filter_map(Value::as_i64)
        .collect();
    match parts.as_slice() {
        [y, m, d, ..] => Some((format!("{y:04}-{m:02}-{d:02}"), xsd::DATE)),
        [y, m] => Some((format!("{y:04}-{m:02}"), xsd::G_YEAR_MONTH)),
        [y] => Some((format!("{y:04}"), xsd::G_YEAR)),
        [] => None,
    }
}
