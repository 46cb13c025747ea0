//! OpenAlex works into papers, as
//! `data/tools/convert.py` made the demo data's (so re-importing those records merges with it).
//!
//! Types: article, review and preprint → ScholarlyArticle, book-chapter → Chapter, book → Book,
//! dataset → Dataset, dissertation → Thesis, else CreativeWork. The work is named by its DOI
//! when it has one, else by its OpenAlex id. Authors in order (by ORCID, else by their OpenAlex
//! id: an OpenAlex author is one person across OpenAlex records, never merged by name), each
//! with the institutions of the authorship that have a ROR id and the affiliations as printed;
//! the journal of the primary location (by ISSN-L), volume, issue and pages; the abstract rebuilt
//! from the inverted index; concepts with a Wikidata id and topics (under their subfield, field
//! and domain), each with a score of at least 0.4, as topics; keywords;
//! funders; referenced works as citations of their OpenAlex IRI (which the cited work is sameAs).

use super::short_id;
use crate::ids::{Doi, Issn, WikidataId};
use crate::import::Mapped;
use crate::import::model::{self, Out};
use crate::mint::{Kind, Minter};
use crate::vocab::{schema, steppe, xsd};
use oxigraph::model::{NamedNode, NamedNodeRef};
use serde_json::Value;

fn class(kind: &str) -> NamedNodeRef<'static> {
    match kind {
        "article" | "review" | "preprint" | "letter" | "editorial" => schema::SCHOLARLY_ARTICLE,
        "book-chapter" => schema::CHAPTER,
        "book" => schema::BOOK,
        "dataset" => schema::DATASET,
        "dissertation" => NamedNodeRef::new_unchecked("http://schema.org/Thesis"),
        "report" => schema::REPORT,
        _ => schema::CREATIVE_WORK,
    }
}

/// A text rebuilt from OpenAlex's inverted index (word → positions).
pub fn abstract_text(index: &Value) -> Option<String> {
    let map = index.as_object()?;
    let mut words: Vec<(u64, &str)> = Vec::new();
    for (word, positions) in map {
        for position in positions
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_u64)
        {
            words.push((position, word.as_str()));
        }
    }
    if words.is_empty() {
        return None;
    }
    words.sort_by_key(|(position, _)| *position);
    Some(words.iter().map(|(_, w)| *w).collect::<Vec<_>>().join(" "))
}

/// One OpenAlex work as a paper.
pub(super) fn map(record: &Value, minter: &Minter) -> Result<Mapped, String> {
    let id = record["id"]
        .as_str()
        .and_then(short_id)
        .ok_or_else(|| "missing id (no OpenAlex id)".to_owned())?;
    let title = record["title"]
        .as_str()
        .or_else(|| record["display_name"].as_str())
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| "missing title (no \"title\")".to_owned())?;
    let mut out = Out::default();
    let mut dropped = Vec::new();
    let doi = match record["doi"].as_str().map(Doi::parse) {
        Some(Ok(doi)) => Some(doi),
        Some(Err(e)) => {
            dropped.push(format!("doi: {e}"));
            None
        }
        None => None,
    };
    let paper = match &doi {
        Some(doi) => minter.paper(doi),
        None => minter.unidentified(Kind::Paper, "openalex", &id),
    };
    let lang = record["language"].as_str();
    out.a(&paper, class(record["type"].as_str().unwrap_or("")));
    out.text(&paper, schema::NAME, title, lang);
    out.text(&paper, schema::HEADLINE, title, lang);
    if let Some(lang) = lang {
        out.text(&paper, schema::IN_LANGUAGE, lang, None);
    }
    if let Some(date) = record["publication_date"].as_str() {
        out.typed(&paper, schema::DATE_PUBLISHED, date, xsd::DATE);
    }
    if let Some(doi) = &doi {
        out.identifier(&paper, "doi", doi.as_str(), Some(&doi.iri()));
        if let Ok(url) = NamedNode::new(doi.iri()) {
            out.link(&paper, schema::URL, &url);
        }
    }
    out.identifier(
        &paper,
        "openalex",
        &id,
        Some(&format!("https://openalex.org/{id}")),
    );
    let biblio = &record["biblio"];
    let journals: Vec<(NamedNode, Vec<String>)> =
        journal(record, biblio, &paper, minter, &mut out, &mut dropped)
            .into_iter()
            .collect();
    if let Some(first) = biblio["first_page"].as_str() {
        out.text(&paper, schema::PAGE_START, first, None);
    }
    if let Some(last) = biblio["last_page"].as_str() {
        out.text(&paper, schema::PAGE_END, last, None);
    }
    authors(record, &paper, minter, &mut out, &mut dropped);
    if let Some(text) = abstract_text(&record["abstract_inverted_index"]) {
        out.text(&paper, schema::ABSTRACT, &text, lang);
    }
    let topics = NamedNode::new_unchecked(format!("{}topics", minter.base()));
    for concept in record["concepts"].as_array().into_iter().flatten() {
        if concept["score"].as_f64().unwrap_or(0.0) < 0.4 {
            continue;
        }
        let Some(qid) = concept["wikidata"].as_str().map(WikidataId::parse) else {
            continue;
        };
        match qid {
            Ok(qid) => {
                let topic = minter.topic(&qid);
                out.link(&paper, schema::ABOUT, &topic);
                out.a(&topic, schema::DEFINED_TERM);
                if let Some(name) = concept["display_name"].as_str() {
                    out.text(&topic, schema::NAME, name, Some("en"));
                }
                out.link(&topic, schema::IN_DEFINED_TERM_SET, &topics);
                out.identifier(&topic, "wikidata", qid.as_str(), Some(&qid.iri()));
            }
            Err(e) => dropped.push(format!("concepts.wikidata: {e}")),
        }
    }
    // OpenAlex's own topics (with a score of at least 0.4) and keywords
    for topic in record["topics"].as_array().into_iter().flatten() {
        if topic["score"].as_f64().unwrap_or(0.0) >= 0.4
            && let Some(node) = super::topics::of_work(topic, minter, &mut out)
        {
            out.link(&paper, schema::ABOUT, &node);
        }
    }
    for keyword in record["keywords"].as_array().into_iter().flatten() {
        if let Some(name) = keyword["display_name"].as_str() {
            out.text(&paper, schema::KEYWORDS, name, lang);
        }
    }
    for grant in record["grants"].as_array().into_iter().flatten() {
        let (Some(funder), Some(name)) = (
            grant["funder"].as_str().and_then(short_id),
            grant["funder_display_name"].as_str(),
        ) else {
            continue;
        };
        let node = minter.unidentified(Kind::Org, "openalex", &funder);
        out.link(&paper, schema::FUNDER, &node);
        out.a(&node, schema::ORGANIZATION);
        out.text(&node, schema::NAME, name, None);
        out.identifier(
            &node,
            "openalex",
            &funder,
            Some(&format!("https://openalex.org/{funder}")),
        );
    }
    let mut citations = Vec::new();
    for cited in record["referenced_works"].as_array().into_iter().flatten() {
        if let Some(cited) = cited.as_str().and_then(short_id)
            && let Ok(external) = NamedNode::new(format!("https://openalex.org/{cited}"))
        {
            citations.push((
                minter.unidentified(Kind::Paper, "openalex", &cited),
                external,
            ));
        }
    }
    Ok(Mapped {
        id,
        entity: paper,
        triples: out.into_triples(),
        citations,
        journals,
        dropped,
    })
}

fn authors(
    record: &Value,
    paper: &NamedNode,
    minter: &Minter,
    out: &mut Out,
    dropped: &mut Vec<String>,
) {
    for (index, authorship) in record["authorships"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        let author = &authorship["author"];
        let Some(aid) = author["id"].as_str().and_then(short_id) else {
            continue;
        };
        let orcid = model::orcid(
            author["orcid"].as_str(),
            &format!("authorships[{index}].author.orcid"),
            dropped,
        );
        let person = model::person(minter, orcid.as_ref(), "openalex", &aid);
        out.identifier(
            &person,
            "openalex",
            &aid,
            Some(&format!("https://openalex.org/{aid}")),
        );
        let node = out.author(
            paper,
            index + 1,
            &person,
            author["display_name"].as_str(),
            (None, None),
            orcid.as_ref(),
        );
        for printed in authorship["raw_affiliation_strings"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            out.text(&node, steppe::AFFILIATION_AS_PRINTED, printed, None);
        }
        for institution in authorship["institutions"].as_array().into_iter().flatten() {
            out.affiliation(
                &node,
                institution["ror"].as_str(),
                institution["display_name"].as_str(),
                &format!("authorships[{index}].institutions.ror"),
                minter,
                dropped,
            );
        }
    }
}

fn journal(
    record: &Value,
    biblio: &Value,
    paper: &NamedNode,
    minter: &Minter,
    out: &mut Out,
    dropped: &mut Vec<String>,
) -> Option<(NamedNode, Vec<String>)> {
    let source = &record["primary_location"]["source"];
    if source["type"].as_str() != Some("journal") {
        return None;
    }
    let issn_l = match source["issn_l"].as_str().map(Issn::parse)? {
        Ok(issn) => issn,
        Err(e) => {
            dropped.push(format!("primary_location.source.issn_l: {e}"));
            return None;
        }
    };
    let mut issns = vec![issn_l.as_str().to_owned()];
    let journal = minter.journal(&issn_l);
    out.a(&journal, schema::PERIODICAL);
    if let Some(name) = source["display_name"].as_str() {
        out.text(&journal, schema::NAME, name, None);
    }
    out.text(&journal, steppe::ISSN_L, issn_l.as_str(), None);
    for issn in source["issn"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        match Issn::parse(issn) {
            Ok(issn) => {
                issns.push(issn.as_str().to_owned());
                out.text(&journal, schema::ISSN, issn.as_str(), None);
                if let Ok(portal) = NamedNode::new(issn.iri()) {
                    out.link(&journal, schema::SAME_AS, &portal);
                }
            }
            Err(e) => dropped.push(format!("primary_location.source.issn: {e}")),
        }
    }
    if let Some(sid) = source["id"].as_str().and_then(short_id) {
        out.identifier(
            &journal,
            "openalex",
            &sid,
            Some(&format!("https://openalex.org/{sid}")),
        );
    }
    let mut whole = journal.clone();
    if let Some(volume) = biblio["volume"].as_str() {
        let node = NamedNode::new_unchecked(format!("{}/volume/{volume}", journal.as_str()));
        if let Ok(node) = NamedNode::new(node.as_str()) {
            out.a(&node, schema::PUBLICATION_VOLUME);
            out.text(&node, schema::VOLUME_NUMBER, volume, None);
            out.link(&node, schema::IS_PART_OF, &journal);
            whole = node;
            if let Some(issue) = biblio["issue"].as_str()
                && let Ok(issue_node) = NamedNode::new(format!("{}/issue/{issue}", whole.as_str()))
            {
                out.a(&issue_node, schema::PUBLICATION_ISSUE);
                out.text(&issue_node, schema::ISSUE_NUMBER, issue, None);
                out.link(&issue_node, schema::IS_PART_OF, &whole);
                whole = issue_node;
            }
        }
    }
    out.link(paper, schema::IS_PART_OF, &whole);
    Some((journal, issns))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverted_indexes_read_back_in_order() {
        let index = serde_json::json!({ "world": [1], "Hello": [0], "again": [3], "hello": [2] });
        assert_eq!(
            abstract_text(&index).as_deref(),
            Some("Hello world hello again")
        );
        assert_eq!(abstract_text(&serde_json::json!({})), None);
        assert_eq!(abstract_text(&Value::Null), None);
    }
}
