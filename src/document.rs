//! The document of an entity: the one set of triples its IRI serves in every representation.
//!
//! It is the entity's own statements and those of its hash-IRI parts (`queries/entity.rq`),
//! plus what names the things it links to (`queries/entity_links.rq`: types, names, sameAs,
//! ISSNs, volume and issue numbers, the isPartOf chain). Turtle, JSON-LD, N-Triples and RDF/XML
//! serialise it; the HTML page and its schema.org JSON-LD are built from it and from nothing
//! else, so what a page says is always in the RDF.
//!
//! Three statements are derived rather than stored, and are in every representation alike:
//! `schema:url` of each of steppe's own entities in the document that has none (its page is
//! its IRI), the entity's `schema:dateModified` when its sources give none (the day the newest
//! source that speaks of it or its parts was loaded, from `queries/entity_sources.rq`, added
//! with the sources), and a paper's `schema:image` when its sources give none: its title card,
//! `{iri}/card.svg`.

use crate::queries;
use crate::store::{Direction, EntityLists, ItemRow, List, QueryError, Store};
use oxigraph::model::{
    Graph, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Term, TermRef,
    Triple,
};
use oxigraph::sparql::{QueryResults, QuerySolution};
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

/// An entity and the triples its IRI serves.
#[derive(Debug, Clone)]
pub struct Document {
    pub iri: NamedNode,
    pub graph: Graph,
    /// For a person, organisation, journal or topic: one page of its papers.
    pub papers: Option<Listing>,
    /// Other lists (co-authors, people, topics), each also a Hydra collection in the graph.
    pub related: Vec<Related>,
    /// Papers per year, oldest first (an aggregate: shown on pages, not stated in RDF).
    pub by_year: Vec<(String, u64)>,
    /// The sources of its statements: file, when loaded, the properties each gave (provenance
    /// from the meta graph: shown on pages, queryable there).
    pub sources: Vec<(String, String, Vec<String>)>,
    /// The source graphs stating something about the entity or its parts, with the
    /// properties each states (from `entity.rq`'s rows; `with_sources` names their files).
    stated: BTreeMap<NamedNode, BTreeSet<NamedNode>>,
}

/// A list of things related to the entity, at most fifty, most related first.
#[derive(Debug, Clone)]
pub struct Related {
    /// The collection's fragment: `{iri}#{key}`.
    pub key: &'static str,
    pub heading: &'static str,
    pub items: Vec<RelatedItem>,
}

/// One related thing: its names, how many papers relate it, and over which years.
#[derive(Debug, Clone)]
pub struct RelatedItem {
    pub iri: NamedNode,
    pub names: Vec<Literal>,
    pub count: u64,
    /// First and last year, when the query gives them (`?from`, `?to`).
    pub years: Option<(String, String)>,
}

/// Papers on one page of a list, newest first, and the pages around it.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    pub items: Vec<Listed>,
    /// Where this page is.
    pub at: Cursor,
    /// The next (older) page, when there is one.
    pub next: Option<Cursor>,
    /// The previous (newer) page, when there is one.
    pub previous: Option<Cursor>,
}

/// Where a page of a list starts: the first page, after a key (older than it) or before a key
/// (newer than it). Keys are a paper's date, a space and its IRI.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Cursor {
    #[default]
    First,
    After(String),
    Before(String),
}

impl Cursor {
    /// The cursor a page's `?after=` or `?before=` names.
    pub fn from_params(after: Option<String>, before: Option<String>) -> Self {
        match (after, before) {
            (Some(after), _) => Self::After(after),
            (None, Some(before)) => Self::Before(before),
            (None, None) => Self::First,
        }
    }

    /// The URL query of the page (`after=…`, `before=…`, or nothing for the first).
    pub fn query(&self) -> Option<String> {
        let (name, key) = match self {
            Self::First => return None,
            Self::After(key) => ("after", key),
            Self::Before(key) => ("before", key),
        };
        Some(serde_urlencoded::to_string([(name, key)]).unwrap_or_default())
    }
}

/// One paper in a list.
#[derive(Debug, Clone)]
pub struct Listed {
    pub iri: NamedNode,
    pub title: Option<Literal>,
    pub date: Option<Literal>,
}

/// The IRI of a page of an entity's list: the entity's, with its cursor past the first.
pub fn page_iri(iri: &NamedNode, cursor: &Cursor) -> String {
    match cursor.query() {
        Some(query) => format!("{}?{query}", iri.as_str()),
        None => iri.as_str().to_owned(),
    }
}

/// Papers a page of a list holds.
pub const PAGE_SIZE: usize = 20;

impl Document {
    /// The document of `iri`, or `None` when the store says nothing about it.
    pub fn load(
        store: &Store,
        iri: &NamedNode,
        timeout: Option<Duration>,
    ) -> Result<Option<Self>, QueryError> {
        let mut graph = Graph::new();
        let part = format!("{}#", iri.as_str());
        // the entity's statements, then its parts', then theirs: a level at a time, each level
        // the parts the one before links to
        let mut stated: BTreeMap<NamedNode, BTreeSet<NamedNode>> = BTreeMap::new();
        let mut seen: BTreeSet<NamedNode> = BTreeSet::from([iri.clone()]);
        let mut level = vec![Term::from(iri.clone())];
        for depth in 0..3 {
            if level.is_empty() {
                break;
            }
            let rows = [("s", std::mem::take(&mut level))];
            let QueryResults::Solutions(solutions) =
                store.query_filled(queries::ENTITY, &[], &rows, timeout)?
            else {
                break;
            };
            for solution in solutions {
                let solution = solution?;
                let (
                    Some(Term::NamedNode(g)),
                    Some(Term::NamedNode(s)),
                    Some(Term::NamedNode(p)),
                    Some(o),
                ) = (
                    solution.get("g"),
                    solution.get("s"),
                    solution.get("p"),
                    solution.get("o"),
                )
                else {
                    continue;
                };
                graph.insert(&Triple::new(s.clone(), p.clone(), o.clone()));
                // the sources speak of the entity and its own parts
                if depth < 2 {
                    stated.entry(g.clone()).or_default().insert(p.clone());
                    if let Term::NamedNode(o) = o
                        && o.as_str().starts_with(&part)
                        && seen.insert(o.clone())
                    {
                        level.push(o.clone().into());
                    }
                }
            }
            if depth == 0 && graph.is_empty() {
                return Ok(None);
            }
        }
        // what the entity and its parts link to, and what it is part of, described from there
        let mut links: Vec<NamedNodeRef<'_>> = graph
            .iter()
            .filter(|t| match t.subject {
                NamedOrBlankNodeRef::NamedNode(s) => {
                    s == iri.as_ref() || s.as_str().starts_with(&part)
                }
                NamedOrBlankNodeRef::BlankNode(_) => false,
            })
            .filter_map(|t| match t.object {
                TermRef::NamedNode(o) if o != iri.as_ref() && !o.as_str().starts_with(&part) => {
                    Some(o)
                }
                _ => None,
            })
            .collect();
        links.sort_unstable_by_key(|o| o.as_str());
        links.dedup();
        let links: Vec<Term> = links.into_iter().map(|o| o.into_owned().into()).collect();
        let wholes: Vec<Term> = graph
            .objects_for_subject_predicate(iri, crate::vocab::schema::IS_PART_OF)
            .filter(|o| matches!(o, TermRef::NamedNode(_)))
            .map(TermRef::into_owned)
            .collect();
        if !links.is_empty() {
            let rows = [("link", links), ("whole", wholes)];
            let this = [("this", Term::from(iri.clone()))];
            let found = store.query_filled(queries::ENTITY_LINKS, &this, &rows, timeout)?;
            insert_statements(&mut graph, found)?;
        }
        derive(store, iri, &mut graph);
        Ok(Some(Self {
            iri: iri.clone(),
            graph,
            papers: None,
            related: Vec::new(),
            by_year: Vec::new(),
            sources: Vec::new(),
            stated,
        }))
    }

    /// Adds one page of the entity's papers at `cursor` (`queries/papers_of.rq` going older,
    /// `queries/papers_before.rq` going newer); its RDF is a Hydra collection
    /// (`Document::triples`).
    pub fn with_papers(
        mut self,
        store: &Store,
        lists: Option<&EntityLists<'_>>,
        cursor: Cursor,
        timeout: Option<Duration>,
    ) -> Result<Self, QueryError> {
        let (query, variable, key, direction) = match &cursor {
            Cursor::First => (queries::PAPERS_OF, "after", "~", Direction::Older),
            Cursor::After(key) => (queries::PAPERS_OF, "after", key.as_str(), Direction::Older),
            Cursor::Before(key) => (
                queries::PAPERS_BEFORE,
                "before",
                key.as_str(),
                Direction::Newer,
            ),
        };
        let bindings = [
            ("of", Term::from(self.iri.clone())),
            (variable, Literal::new_simple_literal(key).into()),
        ];
        let mut rows: Vec<(Listed, String)> = Vec::new();
        if let Some(lists) = lists {
            let page = lists.papers_page(key, direction, PAGE_SIZE + 1);
            for row in page {
                rows.push((
                    Listed {
                        iri: row.paper,
                        title: literal(row.title),
                        date: literal(row.date),
                    },
                    row.key,
                ));
            }
        } else if let QueryResults::Solutions(solutions) = store.query(query, &bindings, timeout)? {
            for solution in solutions {
                let solution = solution?;
                let (Some(Term::NamedNode(paper)), Some(Term::Literal(key))) =
                    (solution.get("paper"), solution.get("key"))
                else {
                    continue;
                };
                let literal = |name: &str| match solution.get(name) {
                    Some(Term::Literal(l)) => Some(l.clone()),
                    _ => None,
                };
                rows.push((
                    Listed {
                        iri: paper.clone(),
                        title: literal("title"),
                        date: literal("date"),
                    },
                    key.value().to_owned(),
                ));
            }
        }
        let more = rows.len() > PAGE_SIZE;
        rows.truncate(PAGE_SIZE);
        let backwards = matches!(cursor, Cursor::Before(_));
        if backwards {
            rows.reverse();
        }
        let first_key = rows.first().map(|(_, key)| key.clone());
        let last_key = rows.last().map(|(_, key)| key.clone());
        // going older, a next page exists when the query found more, a previous one whenever
        // this is not the first page; going newer, the other way round
        let (older, newer) = match &cursor {
            Cursor::First => (more, false),
            Cursor::After(_) => (more, true),
            Cursor::Before(_) => (true, more),
        };
        let listing = Listing {
            next: last_key.filter(|_| older).map(Cursor::After),
            previous: first_key.filter(|_| newer).map(Cursor::Before),
            at: cursor,
            items: rows.into_iter().map(|(listed, _)| listed).collect(),
        };
        self.papers = Some(listing);
        Ok(self)
    }

    /// Adds the list `list` (from the index when there is one, else by its query, binding `?of`;
    /// rows `?item ?n`, and `?from ?to`), each item with every name the store gives it; its
    /// RDF is a Hydra collection (`Document::triples`).
    pub fn with_related(
        mut self,
        store: &Store,
        lists: Option<&EntityLists<'_>>,
        (key, heading, list): (&'static str, &'static str, List),
        timeout: Option<Duration>,
    ) -> Result<Self, QueryError> {
        let rows: Vec<ItemRow> = match lists {
            Some(lists) => lists.related(list),
            None => self
                .rows(store, list.query(), "of", timeout)?
                .into_iter()
                .filter_map(|solution| {
                    let count = match solution.get("n") {
                        Some(Term::Literal(n)) => n.value().parse().unwrap_or(0),
                        _ => 0,
                    };
                    let years = match (solution.get("from"), solution.get("to")) {
                        (Some(Term::Literal(from)), Some(Term::Literal(to))) => {
                            Some((from.value().to_owned(), to.value().to_owned()))
                        }
                        _ => None,
                    };
                    Some(ItemRow {
                        item: solution.get("item")?.clone(),
                        count,
                        years,
                    })
                })
                .collect(),
        };
        let mut items = Vec::new();
        for ItemRow { item, count, years } in rows {
            let Term::NamedNode(iri) = item else {
                continue;
            };
            // every name it has (sorted), so that the page names it in the reader's language
            let mut names = match lists {
                Some(lists) => lists.names_of(iri.as_ref().into()).to_vec(),
                None => store.names(iri.as_ref().into())?,
            };
            names.sort_by_key(ToString::to_string);
            let names = names
                .into_iter()
                .filter_map(|name| literal(Some(name)))
                .collect();
            items.push(RelatedItem {
                iri,
                names,
                count,
                years,
            });
        }
        self.related.push(Related {
            key,
            heading,
            items,
        });
        Ok(self)
    }

    /// Adds the works that cite the entity (`queries/cited_by.rq`): their `schema:citation` of
    /// it and their names, statements of the store like any other in the document.
    pub fn with_cited_by(
        mut self,
        store: &Store,
        timeout: Option<Duration>,
    ) -> Result<Self, QueryError> {
        for solution in self.rows(store, queries::CITED_BY, "this", timeout)? {
            let Some(Term::NamedNode(citing)) = solution.get("citing") else {
                continue;
            };
            self.graph.insert(&Triple::new(
                citing.clone(),
                crate::vocab::schema::CITATION,
                self.iri.clone(),
            ));
            if let Some(Term::Literal(title)) = solution.get("title") {
                self.graph.insert(&Triple::new(
                    citing.clone(),
                    crate::vocab::schema::NAME,
                    title.clone(),
                ));
            }
        }
        Ok(self)
    }

    /// Adds where the entity's statements come from (`queries/entity_sources.rq`), and the day
    /// the newest of them was loaded as the entity's `schema:dateModified` when its sources
    /// state none.
    pub fn with_sources(
        mut self,
        store: &Store,
        timeout: Option<Duration>,
    ) -> Result<Self, QueryError> {
        let graphs: Vec<Term> = self.stated.keys().cloned().map(Term::from).collect();
        let rows = [("g", graphs)];
        let QueryResults::Solutions(solutions) =
            store.query_filled(queries::ENTITY_SOURCES, &[], &rows, timeout)?
        else {
            return Ok(self);
        };
        for solution in solutions {
            let solution = solution?;
            if let (Some(Term::NamedNode(g)), Some(Term::Literal(file)), Some(Term::Literal(at))) =
                (solution.get("g"), solution.get("file"), solution.get("at"))
            {
                let mut properties: Vec<String> = self
                    .stated
                    .get(g)
                    .into_iter()
                    .flatten()
                    .filter(|p| p.as_ref() != crate::vocab::rdf::TYPE)
                    .map(|p| crate::results::compact(p.as_str()))
                    .collect();
                properties.sort();
                properties.dedup();
                self.sources.push((
                    file.value().to_owned(),
                    at.value().get(..10).unwrap_or(at.value()).to_owned(),
                    properties,
                ));
            }
        }
        let asserted = self
            .graph
            .objects_for_subject_predicate(&self.iri, crate::vocab::schema::DATE_MODIFIED)
            .next()
            .is_some();
        // days as YYYY-MM-DD order as they fall
        let newest = self.sources.iter().map(|(_, day, _)| day).max();
        if !asserted && let Some(day) = newest {
            let modified = Literal::new_typed_literal(day, crate::vocab::xsd::DATE);
            self.graph.insert(&Triple::new(
                self.iri.clone(),
                crate::vocab::schema::DATE_MODIFIED,
                modified,
            ));
        }
        Ok(self)
    }

    /// Adds how many of the entity's papers appeared each year (`queries/papers_by_year.rq`).
    pub fn with_years(
        mut self,
        store: &Store,
        lists: Option<&EntityLists<'_>>,
        timeout: Option<Duration>,
    ) -> Result<Self, QueryError> {
        if let Some(lists) = lists {
            self.by_year = lists.years();
            return Ok(self);
        }
        for solution in self.rows(store, queries::PAPERS_BY_YEAR, "of", timeout)? {
            if let (Some(Term::Literal(year)), Some(Term::Literal(n))) =
                (solution.get("year"), solution.get("n"))
            {
                self.by_year
                    .push((year.value().to_owned(), n.value().parse().unwrap_or(0)));
            }
        }
        Ok(self)
    }

    /// The rows of `query` with `variable` bound to this entity.
    fn rows(
        &self,
        store: &Store,
        query: &str,
        variable: &str,
        timeout: Option<Duration>,
    ) -> Result<Vec<QuerySolution>, QueryError> {
        let bindings = [(variable, Term::from(self.iri.clone()))];
        match store.query(query, &bindings, timeout)? {
            QueryResults::Solutions(solutions) => Ok(solutions.collect::<Result<_, _>>()?),
            _ => Ok(Vec::new()),
        }
    }

    /// The triples, sorted (stable output for serialisers and tests): the graph's and the
    /// lists' as Hydra collections.
    pub fn triples(&self) -> Vec<Triple> {
        let mut triples: Vec<Triple> = self.graph.iter().map(|t| t.into_owned()).collect();
        self.collections(&mut triples);
        triples.sort_by_cached_key(ToString::to_string);
        triples.dedup();
        triples
    }

    /// The page of papers and the related lists as Hydra: a collection `{iri}#papers` with its
    /// members, their names and dates, and a partial view (`{page}#papers-view`) with its
    /// first, next and previous pages; each related list a collection `{iri}#{key}` whose
    /// members have every name the store gives them. Made only for RDF: a page reads the lists
    /// themselves (building these into the graph was a seventh of an author page's time).
    fn collections(&self, out: &mut Vec<Triple>) {
        use crate::vocab::{hydra, rdf, schema};
        if let Some(listing) = self.papers.as_ref().filter(|l| !l.items.is_empty()) {
            let collection = NamedNode::new_unchecked(format!("{}#papers", self.iri.as_str()));
            // the view is named apart from the entity (the first page's URL is the entity's)
            let view = NamedNode::new_unchecked(format!(
                "{}#papers-view",
                page_iri(&self.iri, &listing.at)
            ));
            out.push(Triple::new(
                collection.clone(),
                rdf::TYPE,
                hydra::COLLECTION,
            ));
            out.push(Triple::new(collection.clone(), hydra::VIEW, view.clone()));
            out.push(Triple::new(
                view.clone(),
                rdf::TYPE,
                hydra::PARTIAL_COLLECTION_VIEW,
            ));
            out.push(Triple::new(
                view.clone(),
                hydra::FIRST,
                NamedNode::new_unchecked(page_iri(&self.iri, &Cursor::First)),
            ));
            for (link, page) in [
                (hydra::NEXT, &listing.next),
                (hydra::PREVIOUS, &listing.previous),
            ] {
                if let Some(page) = page {
                    out.push(Triple::new(
                        view.clone(),
                        link,
                        NamedNode::new_unchecked(page_iri(&self.iri, page)),
                    ));
                }
            }
            for item in &listing.items {
                out.push(Triple::new(
                    collection.clone(),
                    hydra::MEMBER,
                    item.iri.clone(),
                ));
                if let Some(title) = &item.title {
                    out.push(Triple::new(item.iri.clone(), schema::NAME, title.clone()));
                }
                if let Some(date) = &item.date {
                    out.push(Triple::new(
                        item.iri.clone(),
                        schema::DATE_PUBLISHED,
                        date.clone(),
                    ));
                }
            }
        }
        for related in self.related.iter().filter(|r| !r.items.is_empty()) {
            let collection =
                NamedNode::new_unchecked(format!("{}#{}", self.iri.as_str(), related.key));
            out.push(Triple::new(
                collection.clone(),
                rdf::TYPE,
                hydra::COLLECTION,
            ));
            for item in &related.items {
                out.push(Triple::new(
                    collection.clone(),
                    hydra::MEMBER,
                    item.iri.clone(),
                ));
                for name in &item.names {
                    out.push(Triple::new(item.iri.clone(), schema::NAME, name.clone()));
                }
            }
        }
    }

    /// Every object of `subject predicate ?o`, in a stable order.
    pub fn objects(&self, subject: NamedNodeRef<'_>, predicate: NamedNodeRef<'_>) -> Vec<Term> {
        let mut objects: Vec<Term> = self
            .graph
            .objects_for_subject_predicate(subject, predicate)
            .map(TermRef::into_owned)
            .collect();
        objects.sort_by_cached_key(ToString::to_string);
        objects
    }

    /// The IRI objects of `subject predicate ?o`.
    pub fn links(&self, subject: NamedNodeRef<'_>, predicate: NamedNodeRef<'_>) -> Vec<NamedNode> {
        self.objects(subject, predicate)
            .into_iter()
            .filter_map(|t| match t {
                Term::NamedNode(n) => Some(n),
                _ => None,
            })
            .collect()
    }

    /// The first IRI object of `subject predicate ?o`.
    pub fn link(
        &self,
        subject: NamedNodeRef<'_>,
        predicate: NamedNodeRef<'_>,
    ) -> Option<NamedNode> {
        self.links(subject, predicate).into_iter().next()
    }

    /// The literal of `subject predicate ?o` in the best language for `languages` (a
    /// preference list such as `["kk", "en"]`): an exact or prefix match in that order, then a
    /// literal without a language, then English, then any.
    pub fn literal(
        &self,
        subject: NamedNodeRef<'_>,
        predicate: NamedNodeRef<'_>,
        languages: &[String],
    ) -> Option<Literal> {
        let literals: Vec<Literal> = self
            .objects(subject, predicate)
            .into_iter()
            .filter_map(|t| match t {
                Term::Literal(l) => Some(l),
                _ => None,
            })
            .collect();
        pick_language(&literals, languages)
    }

    /// The value of `literal` as a string, or `None`.
    pub fn text(
        &self,
        subject: NamedNodeRef<'_>,
        predicate: NamedNodeRef<'_>,
        languages: &[String],
    ) -> Option<String> {
        self.literal(subject, predicate, languages)
            .map(|l| l.value().to_owned())
    }

    /// Whether `subject` has type `class`.
    pub fn has_type(&self, subject: NamedNodeRef<'_>, class: NamedNodeRef<'_>) -> bool {
        self.graph.contains(oxigraph::model::TripleRef::new(
            subject,
            crate::vocab::rdf::TYPE,
            class,
        ))
    }

    /// Every language tag among the literals of the document's own statements.
    pub fn languages(&self) -> Vec<String> {
        let mut tags: Vec<String> = self
            .graph
            .triples_for_subject(self.iri.as_ref())
            .filter_map(|t| match t.object {
                TermRef::Literal(l) => l.language().map(str::to_owned),
                _ => None,
            })
            .collect();
        tags.sort();
        tags.dedup();
        tags
    }
}

/// Adds the `?s ?p ?o` rows of `results` to `graph`.
fn insert_statements(graph: &mut Graph, results: QueryResults<'_>) -> Result<(), QueryError> {
    let QueryResults::Solutions(solutions) = results else {
        return Ok(());
    };
    for solution in solutions {
        let solution = solution?;
        let (Some(s), Some(Term::NamedNode(p)), Some(o)) =
            (solution.get("s"), solution.get("p"), solution.get("o"))
        else {
            continue;
        };
        let subject = match s {
            Term::NamedNode(n) => NamedOrBlankNode::from(n.clone()),
            Term::BlankNode(b) => NamedOrBlankNode::from(b.clone()),
            Term::Literal(_) => continue,
        };
        graph.insert(&Triple::new(subject, p.clone(), o.clone()));
    }
    Ok(())
}

/// Adds `schema:url` and a paper's `schema:image` where the sources give none (the module's
/// documentation); `schema:dateModified` comes with the sources (`Document::with_sources`).
fn derive(store: &Store, iri: &NamedNode, graph: &mut Graph) {
    let base = store.minter().base();
    let local: Vec<NamedNode> = graph
        .iter()
        .filter(|t| t.predicate == crate::vocab::rdf::TYPE)
        .filter_map(|t| match t.subject {
            oxigraph::model::NamedOrBlankNodeRef::NamedNode(n)
                if n.as_str().starts_with(base) && !n.as_str().contains('#') =>
            {
                Some(n.into_owned())
            }
            _ => None,
        })
        .collect();
    for node in local {
        if graph
            .objects_for_subject_predicate(&node, crate::vocab::schema::URL)
            .next()
            .is_none()
        {
            graph.insert(&Triple::new(
                node.clone(),
                crate::vocab::schema::URL,
                node.clone(),
            ));
        }
    }
    let is_paper = graph.contains(oxigraph::model::TripleRef::new(
        iri,
        crate::vocab::rdf::TYPE,
        crate::vocab::schema::SCHOLARLY_ARTICLE,
    ));
    if is_paper
        && graph
            .objects_for_subject_predicate(iri, crate::vocab::schema::IMAGE)
            .next()
            .is_none()
    {
        graph.insert(&Triple::new(
            iri.clone(),
            crate::vocab::schema::IMAGE,
            NamedNode::new_unchecked(format!("{}/card.svg", iri.as_str())),
        ));
    }
}

/// The literal in the best language for `languages`; see [`Document::literal`].
pub fn pick_language(literals: &[Literal], languages: &[String]) -> Option<Literal> {
    let matches = |literal: &Literal, wanted: &str| {
        literal.language().is_some_and(|tag| {
            let tag = tag.to_ascii_lowercase();
            let wanted = wanted.to_ascii_lowercase();
            tag == wanted
                || tag.starts_with(&format!("{wanted}-"))
                || wanted.starts_with(&format!("{tag}-"))
        })
    };
    for wanted in languages {
        if let Some(found) = literals.iter().find(|l| matches(l, wanted)) {
            return Some(found.clone());
        }
    }
    literals
        .iter()
        .find(|l| l.language().is_none())
        .or_else(|| literals.iter().find(|l| matches(l, "en")))
        .or_else(|| literals.first())
        .cloned()
}

/// A term as a literal, when it is one.
fn literal(term: Option<Term>) -> Option<Literal> {
    match term {
        Some(Term::Literal(l)) => Some(l),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_fall_back_in_a_documented_order() {
        let kk = Literal::new_language_tagged_literal_unchecked("Астана IT университеті", "kk");
        let ru = Literal::new_language_tagged_literal_unchecked("Университет Астана IT", "ru");
        let en = Literal::new_language_tagged_literal_unchecked("Astana IT University", "en");
        let all = vec![en.clone(), kk.clone(), ru.clone()];
        let want = |tags: &[&str]| tags.iter().map(|t| (*t).to_owned()).collect::<Vec<_>>();
        assert_eq!(pick_language(&all, &want(&["kk"])), Some(kk));
        assert_eq!(pick_language(&all, &want(&["ru-RU", "en"])), Some(ru));
        assert_eq!(pick_language(&all, &want(&["de"])), Some(en.clone()));
        assert_eq!(pick_language(&all, &[]), Some(en));
        let plain = Literal::new_simple_literal("Maxat Kassen");
        let fr = Literal::new_language_tagged_literal_unchecked("x", "fr");
        assert_eq!(
            pick_language(&[fr, plain.clone()], &want(&["de"])),
            Some(plain)
        );
    }
}
