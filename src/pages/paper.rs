//! The paper page: what a reader, a search engine and Google Scholar need, from the paper's
//! document alone (see `document`): title, authors in order with their affiliation at
//! publication, journal, volume, issue, pages, dates, publisher, DOI, abstract, the
//! plain-language summary with who wrote it, topics, links out; schema.org JSON-LD, Highwire
//! `citation_*` tags and Open Graph tags in the head.

use crate::document::Document;
use crate::vocab::{schema, steppe};
use oxigraph::model::{NamedNode, NamedNodeRef, Term};
use serde_json::{Value, json};

/// A literal's text and language: shown as text, written to JSON-LD with its language.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    pub value: String,
    pub lang: Option<String>,
}

impl Text {
    fn from_literal(literal: &oxigraph::model::Literal) -> Self {
        Self {
            value: literal.value().to_owned(),
            lang: literal.language().map(str::to_owned),
        }
    }

    /// A JSON-LD value: a string, or a value object keeping the language tag.
    pub fn json(&self) -> Value {
        match &self.lang {
            Some(lang) => json!({ "@value": self.value, "@language": lang }),
            None => json!(self.value),
        }
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.value)
    }
}

/// A linked thing with its name and where it lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub iri: String,
    /// A local path for steppe's own entities, else the IRI.
    pub href: String,
    pub name: Text,
    /// Its sameAs links.
    pub same_as: Vec<String>,
    /// Its `schema:url`.
    pub url: Option<String>,
    /// Its schema.org types, by local name.
    pub types: Vec<String>,
}

/// One author, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    pub position: i64,
    pub person: Link,
    pub affiliation: Option<Link>,
    /// The affiliation as printed on the paper, when it differs in form.
    pub printed: Option<String>,
    pub orcid: Option<String>,
    /// Given and family names, when a source states them.
    pub given: Option<String>,
    pub family: Option<String>,
    /// Current affiliations (`schema:affiliation` of the person).
    pub current: Vec<Link>,
}

/// Who wrote something, with their title and current affiliations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Writer {
    pub person: Link,
    pub title: Option<String>,
    pub affiliations: Vec<Link>,
}

/// One section of a plain-language summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub heading: Text,
    pub text: Text,
}

/// Everything the paper page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paper {
    pub iri: String,
    /// The headline, else the name: what the page calls the paper.
    pub title: Text,
    pub headline: Option<Text>,
    pub name: Option<Text>,
    pub language: Option<String>,
    pub authors: Vec<Author>,
    pub journal: Option<Link>,
    pub issns: Vec<String>,
    pub volume: Option<String>,
    pub issue: Option<String>,
    pub issue_iri: Option<String>,
    pub volume_iri: Option<String>,
    pub page_start: Option<String>,
    pub page_end: Option<String>,
    pub date_published: Option<String>,
    pub date_modified: Option<String>,
    pub url: Option<String>,
    pub publisher: Option<Link>,
    pub doi: Option<String>,
    pub abstract_text: Option<Text>,
    pub summary: Vec<Section>,
    pub summary_by: Vec<Writer>,
    pub topics: Vec<Link>,
    pub image: Option<String>,
    /// A featured image a source gives, as the page links it (a local path for our own, same
    /// origin for the CSP); not the title card, which would only repeat the page's head.
    pub image_href: Option<String>,
    pub same_as: Vec<String>,
    pub references: Vec<Link>,
    /// Works that cite it.
    pub cited_by: Vec<Link>,
    /// Its schema.org types, by local name (a ScholarlyArticle, a Book, a Report…).
    pub types: Vec<String>,
}

impl Paper {
    /// The paper of `document`, with literals in the best of `languages`.
    pub fn from_document(document: &Document, base: &str, languages: &[String]) -> Self {
        let this = document.iri.as_ref();
        let text = |s: NamedNodeRef<'_>, p: NamedNodeRef<'_>| document.text(s, p, languages);
        let lang_text = |s: NamedNodeRef<'_>, p: NamedNodeRef<'_>| {
            document
                .literal(s, p, languages)
                .map(|l| Text::from_literal(&l))
        };
        let link = |iri: &NamedNode| Link {
            iri: iri.as_str().to_owned(),
            href: href(iri.as_str(), base),
            name: lang_text(iri.as_ref(), schema::NAME).unwrap_or_else(|| Text {
                value: iri.as_str().to_owned(),
                lang: None,
            }),
            same_as: document
                .links(iri.as_ref(), schema::SAME_AS)
                .into_iter()
                .map(|n| n.as_str().to_owned())
                .collect(),
            url: document
                .link(iri.as_ref(), schema::URL)
                .map(|n| n.as_str().to_owned()),
            types: document
                .links(iri.as_ref(), crate::vocab::rdf::TYPE)
                .iter()
                .filter_map(|t| t.as_str().strip_prefix(schema::NS).map(str::to_owned))
                .collect(),
        };
        let mut authors: Vec<Author> = document
            .links(this, steppe::AUTHORSHIP)
            .iter()
            .filter_map(|authorship| {
                let person = document.link(authorship.as_ref(), steppe::AUTHOR)?;
                let position = match document
                    .objects(authorship.as_ref(), steppe::POSITION)
                    .first()
                {
                    Some(Term::Literal(l)) => l.value().parse().unwrap_or(i64::MAX),
                    _ => i64::MAX,
                };
                let person_iri = person;
                let person = link(&person_iri);
                let orcid = person
                    .same_as
                    .iter()
                    .find(|s| s.starts_with("https://orcid.org/"))
                    .cloned();
                let affiliation = document
                    .link(authorship.as_ref(), steppe::AFFILIATION_AT_PUBLICATION)
                    .map(|org| link(&org));
                let printed = text(authorship.as_ref(), steppe::AFFILIATION_AS_PRINTED)
                    .filter(|p| affiliation.as_ref().is_none_or(|a| &a.name.value != p));
                let current = document
                    .links(person_iri.as_ref(), schema::AFFILIATION)
                    .iter()
                    .map(&link)
                    .collect();
                Some(Author {
                    position,
                    given: text(person_iri.as_ref(), schema::GIVEN_NAME),
                    family: text(person_iri.as_ref(), schema::FAMILY_NAME),
                    person,
                    affiliation,
                    printed,
                    orcid,
                    current,
                })
            })
            .collect();
        authors.sort_by(|a, b| {
            (a.position, &a.person.name.value).cmp(&(b.position, &b.person.name.value))
        });
        // the isPartOf chain: issue, volume, journal (any may be missing)
        let mut issue = None;
        let mut volume = None;
        let mut journal = None;
        let mut whole = document.link(this, schema::IS_PART_OF);
        while let Some(node) = whole {
            if document.has_type(node.as_ref(), schema::PUBLICATION_ISSUE) && issue.is_none() {
                issue = Some(node.clone());
            } else if document.has_type(node.as_ref(), schema::PUBLICATION_VOLUME)
                && volume.is_none()
            {
                volume = Some(node.clone());
            } else if document.has_type(node.as_ref(), schema::PERIODICAL) {
                journal = Some(node.clone());
                break;
            }
            let next = document.link(node.as_ref(), schema::IS_PART_OF);
            if next.as_ref() == Some(&node) {
                break;
            }
            whole = next;
        }
        let mut issns: Vec<String> = journal
            .iter()
            .flat_map(|j| {
                [steppe::ISSN_PRINT, steppe::ISSN_ONLINE, schema::ISSN]
                    .into_iter()
                    .flat_map(|p| document.objects(j.as_ref(), p))
            })
            .filter_map(|t| match t {
                Term::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            })
            .collect();
        let mut seen = std::collections::HashSet::new();
        issns.retain(|issn| seen.insert(issn.clone()));
        let doi = document
            .links(this, schema::IDENTIFIER)
            .iter()
            .find(|id| {
                text(id.as_ref(), schema::PROPERTY_ID)
                    .is_some_and(|p| p.eq_ignore_ascii_case("doi"))
            })
            .and_then(|id| text(id.as_ref(), schema::VALUE));
        let summary_node = document
            .links(this, schema::SUBJECT_OF)
            .into_iter()
            .find(|s| document.has_type(s.as_ref(), steppe::PLAIN_LANGUAGE_SUMMARY));
        let (summary, summary_by) = match &summary_node {
            Some(node) => {
                let mut sections: Vec<(i64, Section)> = document
                    .links(node.as_ref(), steppe::SECTION)
                    .iter()
                    .filter_map(|section| {
                        let position =
                            match document.objects(section.as_ref(), schema::POSITION).first() {
                                Some(Term::Literal(l)) => l.value().parse().unwrap_or(i64::MAX),
                                _ => i64::MAX,
                            };
                        Some((
                            position,
                            Section {
                                heading: lang_text(section.as_ref(), schema::NAME)?,
                                text: lang_text(section.as_ref(), schema::TEXT)?,
                            },
                        ))
                    })
                    .collect();
                sections.sort_by_key(|(p, _)| *p);
                let by = document
                    .links(node.as_ref(), schema::AUTHOR)
                    .iter()
                    .map(|person| Writer {
                        person: link(person),
                        title: text(person.as_ref(), schema::HONORIFIC_PREFIX),
                        affiliations: document
                            .links(person.as_ref(), schema::AFFILIATION)
                            .iter()
                            .map(&link)
                            .collect(),
                    })
                    .collect();
                (sections.into_iter().map(|(_, s)| s).collect(), by)
            }
            None => (Vec::new(), Vec::new()),
        };
        let mut topics: Vec<Link> = document
            .links(this, schema::ABOUT)
            .iter()
            .map(&link)
            .collect();
        topics.sort_by_key(|t| t.name.value.to_lowercase());
        Self {
            iri: this.as_str().to_owned(),
            title: lang_text(this, schema::HEADLINE)
                .or_else(|| lang_text(this, schema::NAME))
                .unwrap_or_else(|| Text {
                    value: this.as_str().to_owned(),
                    lang: None,
                }),
            headline: lang_text(this, schema::HEADLINE),
            name: lang_text(this, schema::NAME),
            language: text(this, schema::IN_LANGUAGE),
            authors,
            journal: journal.as_ref().map(&link),
            issns,
            volume: volume
                .as_ref()
                .and_then(|v| text(v.as_ref(), schema::VOLUME_NUMBER)),
            issue: issue
                .as_ref()
                .and_then(|i| text(i.as_ref(), schema::ISSUE_NUMBER)),
            issue_iri: issue.as_ref().map(|n| n.as_str().to_owned()),
            volume_iri: volume.as_ref().map(|n| n.as_str().to_owned()),
            page_start: text(this, schema::PAGE_START),
            page_end: text(this, schema::PAGE_END),
            date_published: text(this, schema::DATE_PUBLISHED),
            date_modified: text(this, schema::DATE_MODIFIED),
            url: document
                .link(this, schema::URL)
                .map(|n| n.as_str().to_owned()),
            publisher: document.link(this, schema::PUBLISHER).as_ref().map(&link),
            doi,
            abstract_text: lang_text(this, schema::ABSTRACT),
            summary,
            summary_by,
            topics,
            image: document
                .link(this, schema::IMAGE)
                .map(|n| n.as_str().to_owned()),
            image_href: document
                .link(this, schema::IMAGE)
                .filter(|n| n.as_str() != format!("{}/card.svg", this.as_str()))
                .map(|n| href(n.as_str(), base)),
            same_as: document
                .links(this, schema::SAME_AS)
                .into_iter()
                .map(|n| n.as_str().to_owned())
                .collect(),
            references: document
                .links(this, schema::CITATION)
                .iter()
                .map(&link)
                .collect(),
            types: document
                .links(this, crate::vocab::rdf::TYPE)
                .iter()
                .filter_map(|t| t.as_str().strip_prefix(schema::NS).map(str::to_owned))
                .collect(),
            cited_by: {
                let mut citing: Vec<NamedNode> = document
                    .graph
                    .subjects_for_predicate_object(schema::CITATION, this)
                    .filter_map(|s| match s {
                        oxigraph::model::NamedOrBlankNodeRef::NamedNode(n) => Some(n.into_owned()),
                        oxigraph::model::NamedOrBlankNodeRef::BlankNode(_) => None,
                    })
                    .collect();
                citing.sort();
                citing.iter().map(&link).collect()
            },
        }
    }

    /// The DOI's resolver URL.
    pub fn doi_url(&self) -> Option<String> {
        self.doi.as_ref().map(|d| format!("https://doi.org/{d}"))
    }

    /// The year of publication.
    pub fn year(&self) -> Option<&str> {
        self.date_published.as_deref().and_then(|d| d.get(..4))
    }

    /// `citation_publication_date` wants `YYYY/MM/DD` (or the year alone).
    pub fn citation_date(&self) -> Option<String> {
        self.date_published.as_ref().map(|d| d.replace('-', "/"))
    }

    /// Links out to other scholarly graphs, labelled.
    pub fn links_out(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(doi) = self.doi_url() {
            out.push(("DOI", doi));
        }
        for same in &self.same_as {
            let label = if same.starts_with("https://openalex.org/") {
                "OpenAlex"
            } else if same.starts_with("http://www.wikidata.org/entity/")
                || same.starts_with("https://www.wikidata.org/")
            {
                "Wikidata"
            } else {
                continue;
            };
            out.push((label, same.clone()));
        }
        out
    }

    /// schema.org JSON-LD for the page's head: a ScholarlyArticle as Google's Article guidance
    /// asks, made only of statements in the paper's document (a test expands it and checks).
    pub fn json_ld(&self) -> Value {
        // the node's own schema.org types: only what the document says
        let node = |link: &Link| {
            let mut n = json!({ "@id": link.iri, "name": link.name.json() });
            match link.types.as_slice() {
                [] => {}
                [one] => n["@type"] = json!(one),
                many => n["@type"] = json!(many),
            }
            if !link.same_as.is_empty() {
                n["sameAs"] = json!(link.same_as);
            }
            if let Some(url) = &link.url {
                n["url"] = json!(url);
            }
            n
        };
        // its own types, as the document states them
        let mut article = json!({
            "@context": "https://schema.org",
            "@id": self.iri,
        });
        match self.types.as_slice() {
            [] => {}
            [one] => article["@type"] = json!(one),
            many => article["@type"] = json!(many),
        }
        let authors: Vec<Value> = self
            .authors
            .iter()
            .map(|a| {
                let mut person = node(&a.person);
                let current: Vec<Value> = a.current.iter().map(&node).collect();
                if !current.is_empty() {
                    person["affiliation"] = json!(current);
                }
                person
            })
            .collect();
        if !authors.is_empty() {
            article["author"] = json!(authors);
        }
        let mut set = |key: &str, value: Option<Value>| {
            if let Some(value) = value {
                article[key] = value;
            }
        };
        set("headline", self.headline.as_ref().map(Text::json));
        set("name", self.name.as_ref().map(Text::json));
        set(
            "datePublished",
            self.date_published.clone().map(Value::from),
        );
        set("dateModified", self.date_modified.clone().map(Value::from));
        set("url", self.url.clone().map(Value::from));
        set("inLanguage", self.language.clone().map(Value::from));
        set("pageStart", self.page_start.clone().map(Value::from));
        set("pageEnd", self.page_end.clone().map(Value::from));
        set("abstract", self.abstract_text.as_ref().map(Text::json));
        set("image", self.image.clone().map(Value::from));
        set("publisher", self.publisher.as_ref().map(node));
        if let Some(doi) = &self.doi {
            set(
                "identifier",
                Some(json!({
                    "@type": "PropertyValue",
                    "@id": format!("{}#doi", self.iri),
                    "propertyID": "doi",
                    "value": doi,
                })),
            );
        }
        if !self.same_as.is_empty() {
            set("sameAs", Some(json!(self.same_as)));
        }
        let topics: Vec<Value> = self.topics.iter().map(node).collect();
        if !topics.is_empty() {
            set("about", Some(json!(topics)));
        }
        // the isPartOf chain, innermost first
        let mut whole = self.journal.as_ref().map(|j| {
            let mut n = node(j);
            if !self.issns.is_empty() {
                n["issn"] = json!(self.issns);
            }
            n
        });
        if let Some(volume) = &self.volume_iri {
            let mut n = json!({ "@type": "PublicationVolume", "@id": volume });
            if let Some(number) = &self.volume {
                n["volumeNumber"] = json!(number);
            }
            if let Some(outer) = whole.take() {
                n["isPartOf"] = outer;
            }
            whole = Some(n);
        }
        if let Some(issue) = &self.issue_iri {
            let mut n = json!({ "@type": "PublicationIssue", "@id": issue });
            if let Some(number) = &self.issue {
                n["issueNumber"] = json!(number);
            }
            if let Some(outer) = whole.take() {
                n["isPartOf"] = outer;
            }
            whole = Some(n);
        }
        set("isPartOf", whole);
        article
    }
}

/// The title card of a paper: an SVG image (1200 by 675) with its title, authors, journal
/// and year, the paper's `schema:image` when its sources give none.
#[derive(Debug, askama::Template)]
#[template(path = "card.svg", escape = "html")]
pub struct Card {
    pub title: String,
    pub lines: Vec<String>,
    pub kicker: String,
    pub byline: String,
}

impl Card {
    /// The card of `paper`: the title in at most five lines of at most 34 characters.
    pub fn of(paper: &Paper) -> Self {
        let mut lines: Vec<String> = Vec::new();
        for word in paper.title.value.split_whitespace() {
            match lines.last_mut() {
                Some(line) if line.chars().count() + 1 + word.chars().count() <= 34 => {
                    line.push(' ');
                    line.push_str(word);
                }
                _ => lines.push(word.to_owned()),
            }
        }
        if lines.len() > 5 {
            lines.truncate(5);
            if let Some(last) = lines.last_mut() {
                last.push('…');
            }
        }
        let authors: Vec<&str> = paper
            .authors
            .iter()
            .map(|a| a.person.name.value.as_str())
            .collect();
        let byline = match authors.as_slice() {
            [] => String::new(),
            [one] => (*one).to_owned(),
            [one, two] => format!("{one} and {two}"),
            [first, ..] => format!("{first} and others"),
        };
        let kicker = match (&paper.journal, paper.year()) {
            (Some(journal), Some(year)) => format!("{} · {year}", journal.name.value),
            (Some(journal), None) => journal.name.value.clone(),
            (None, Some(year)) => year.to_owned(),
            (None, None) => "Paper".to_owned(),
        }
        .to_uppercase();
        Self {
            title: paper.title.value.clone(),
            lines,
            kicker,
            byline,
        }
    }
}

/// A local path for IRIs under `base`, else the IRI itself.
pub fn href(iri: &str, base: &str) -> String {
    match iri.strip_prefix(base) {
        Some(rest) => format!("/{rest}"),
        None => iri.to_owned(),
    }
}

/// JSON for a `<script type="application/ld+json">` block: `<`, `>` and `&` are escaped as
/// `\u003c`, `\u003e`, `\u0026`, so no literal can close the element or open a comment.
pub fn script_json(value: &Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_its_element() {
        let value = json!({ "headline": "</script><script>alert(1)</script> & <!--" });
        let out = script_json(&value);
        assert!(!out.contains('<') && !out.contains('>'), "{out}");
        let back: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back, value, "escaping keeps the value");
    }
}
