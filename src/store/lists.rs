//! An entity page's lists, answered from memory.
//!
//! The lists are defined by their queries: `papers_of.rq` and `papers_before.rq` (a page of
//! papers), `papers_by_year.rq`, `affiliations_of.rq`, `coauthors_of.rq`, `people_of.rq`,
//! `topics_of.rq` and `related_topics.rq`. As SPARQL each joins over every paper of the entity
//! at every request: hundreds of milliseconds for an institution of a thousand papers. `Lists`
//! holds what those queries follow (authors, authorships as paper/person/organisation,
//! affiliations, parts, topics, publishers, broader topics, publication dates, names, the
//! article and person types) as adjacency lists over interned terms, read from the union of the
//! graphs through `links.rq`, `authorships.rq` and `instances.rq` at one store revision, with
//! each article's paging keys made once, and answers each list as its query does.
//!
//! **Invariant:** a `Lists` is used only while the store is at the revision it was read at
//! (`Store::lists`); after a write it is read again in the background, and pages use the
//! queries until it is ready. A test compares both answers, page by page, for entities of
//! every kind of the demo data and a generated graph.

use super::{QueryError, Store};
use crate::queries;
use crate::vocab::{schema, skos};
use oxigraph::model::{NamedNode, NamedNodeRef, Term, TermRef};
use oxigraph::sparql::QueryEvaluationError;
use oxigraph::sparql::QueryResults;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

/// A list of an entity page besides its papers, and the query that defines it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// A person's affiliations at publication, latest first (`affiliations_of.rq`).
    Affiliations,
    /// A person's co-authors, most papers together first (`coauthors_of.rq`).
    Coauthors,
    /// An organisation's people (`people_of.rq`).
    People,
    /// The topics of an entity's papers (`topics_of.rq`).
    Topics,
    /// Topics related to a topic (`related_topics.rq`).
    RelatedTopics,
}

impl List {
    /// The query that defines the list (binds `?of`; rows `?item ?label ?n`, and `?from ?to`
    /// for affiliations).
    pub fn query(self) -> &'static str {
        match self {
            Self::Affiliations => queries::AFFILIATIONS_OF,
            Self::Coauthors => queries::COAUTHORS_OF,
            Self::People => queries::PEOPLE_OF,
            Self::Topics => queries::TOPICS_OF,
            Self::RelatedTopics => queries::RELATED_TOPICS,
        }
    }
}

/// Rows a related list keeps (its queries' `LIMIT`).
const RELATED_LIMIT: usize = 50;

/// One row of a page of papers, as `papers_of.rq` gives it.
#[derive(Debug, Clone)]
pub struct PaperRow {
    pub paper: NamedNode,
    pub title: Option<Term>,
    pub date: Option<Term>,
    /// The paging key: the date (or `0000`), a space and the paper's IRI.
    pub key: String,
}

/// One row of a related list: the item, how many papers relate it, and for affiliations the
/// first and last year.
#[derive(Debug, Clone)]
pub struct ItemRow {
    pub item: Term,
    pub count: u64,
    pub years: Option<(String, String)>,
}

/// Which direction a page of papers goes from its key.
#[derive(Debug, Clone, Copy)]
pub enum Direction {
    /// Keys below the key, newest first (`papers_of.rq`, `?after`).
    Older,
    /// Keys above the key, oldest first (`papers_before.rq`, `?before`).
    Newer,
}

type Id = u32;

/// The first and last year of an affiliation, when its papers have dates.
type Span = Option<(String, String)>;

/// The links followed, in the order of `LINKS` (authorships are read apart: `Authorship`).
#[derive(Debug, Clone, Copy)]
enum Link {
    Author,
    Affiliation,
    PartOf,
    About,
    Publisher,
    Broader,
}

const LINKS: [(Link, NamedNodeRef<'static>); 6] = [
    (Link::Author, schema::AUTHOR),
    (Link::Affiliation, schema::AFFILIATION),
    (Link::PartOf, schema::IS_PART_OF),
    (Link::About, schema::ABOUT),
    (Link::Publisher, schema::PUBLISHER),
    (Link::Broader, skos::BROADER),
];

/// Subjects to objects and back, for one link.
#[derive(Debug, Default)]
struct Adjacency {
    out: HashMap<Id, Vec<Id>>,
    back: HashMap<Id, Vec<Id>>,
}

impl Adjacency {
    fn insert(&mut self, subject: Id, object: Id) {
        self.out.entry(subject).or_default().push(object);
        self.back.entry(object).or_default().push(subject);
    }

    /// Sorts and removes repeats (a triple stated in two graphs).
    fn settle(&mut self) {
        for list in self.out.values_mut().chain(self.back.values_mut()) {
            list.sort_unstable();
            list.dedup();
        }
    }
}

/// One authorship (`steppe:authorship`) as the queries join it: its paper, and its author and
/// affiliation at publication when it states them (one per pair when it states several).
#[derive(Debug, Clone, Copy)]
struct Authorship {
    paper: Id,
    person: Option<Id>,
    org: Option<Id>,
}

/// Which of the ways a paper belongs to an entity a list counts (the branches of its query).
#[derive(Debug, Clone, Copy)]
struct Ways {
    /// It wrote it (`schema:author`, or an authorship's `steppe:author`).
    authored: bool,
    /// An authorship's affiliation at publication.
    at_publication: bool,
    /// Written by a person with `schema:affiliation` to it (through `schema:author`).
    members: bool,
    /// `schema:isPartOf` one and two steps.
    near_parts: bool,
    /// `schema:isPartOf` three steps (journal, volume, issue).
    parts: bool,
    about: bool,
    published: bool,
}

impl Ways {
    const ALL: Self = Self {
        authored: true,
        at_publication: true,
        members: true,
        near_parts: true,
        parts: true,
        about: true,
        published: true,
    };
    const NONE: Self = Self {
        authored: false,
        at_publication: false,
        members: false,
        near_parts: false,
        parts: false,
        about: false,
        published: false,
    };
}

/// The links of the graph an entity's lists follow, at one store revision.
#[derive(Debug)]
pub struct Lists {
    revision: String,
    ids: HashMap<Term, Id>,
    terms: Vec<Term>,
    links: Vec<Adjacency>,
    authorships: Vec<Authorship>,
    /// Indexes into `authorships` by paper, by person and by organisation.
    by_paper: HashMap<Id, Vec<u32>>,
    by_person: HashMap<Id, Vec<u32>>,
    by_org: HashMap<Id, Vec<u32>>,
    articles: HashSet<Id>,
    people: HashSet<Id>,
    dates: HashMap<Id, Vec<Term>>,
    /// Every `schema:name` of everything the lists show (titles of papers too), sorted.
    names: HashMap<Id, Vec<Term>>,
    /// Each article's paging keys (date or `0000`, a space, its IRI) with the date of each.
    keys: HashMap<Id, Vec<(String, Option<Term>)>>,
}

impl Lists {
    /// Reads the links from the store as it is now.
    pub(super) fn read(store: &Store) -> Result<Self, QueryError> {
        let revision = store.revision();
        let mut lists = Self {
            revision,
            ids: HashMap::new(),
            terms: Vec::new(),
            links: LINKS.iter().map(|_| Adjacency::default()).collect(),
            authorships: Vec::new(),
            by_paper: HashMap::new(),
            by_person: HashMap::new(),
            by_org: HashMap::new(),
            articles: HashSet::new(),
            people: HashSet::new(),
            dates: HashMap::new(),
            names: HashMap::new(),
            keys: HashMap::new(),
        };
        for (link, property) in LINKS {
            store.each_link(property, |subject, object| {
                if matches!(object, Term::Literal(_)) {
                    return;
                }
                let (s, o) = (lists.intern(subject), lists.intern(object));
                lists.links[link as usize].insert(s, o);
            })?;
        }
        for adjacency in &mut lists.links {
            adjacency.settle();
        }
        // the authorship nodes stay in the store: the join names only what they link
        store.each_row(
            queries::AUTHORSHIPS,
            &[],
            &["paper", "person", "org"],
            |row| {
                let [Some(paper), person, org] = row else {
                    return;
                };
                let resource = |t: Option<Term>| t.filter(|t| !matches!(t, Term::Literal(_)));
                let authorship = Authorship {
                    paper: lists.intern(paper),
                    person: resource(person).map(|t| lists.intern(t)),
                    org: resource(org).map(|t| lists.intern(t)),
                };
                let index = u32::try_from(lists.authorships.len()).unwrap_or(u32::MAX);
                lists
                    .by_paper
                    .entry(authorship.paper)
                    .or_default()
                    .push(index);
                if let Some(person) = authorship.person {
                    lists.by_person.entry(person).or_default().push(index);
                }
                if let Some(org) = authorship.org {
                    lists.by_org.entry(org).or_default().push(index);
                }
                lists.authorships.push(authorship);
            },
        )?;
        for (class, articles) in [(schema::SCHOLARLY_ARTICLE, true), (schema::PERSON, false)] {
            let bindings = [("class", Term::from(class.into_owned()))];
            store.each_row(queries::INSTANCES, &bindings, &["s"], |[s]| {
                if let Some(s) = s {
                    let id = lists.intern(s);
                    if articles {
                        lists.articles.insert(id);
                    } else {
                        lists.people.insert(id);
                    }
                }
            })?;
        }
        store.each_link(schema::DATE_PUBLISHED, |subject, object| {
            let id = lists.intern(subject);
            let dates = lists.dates.entry(id).or_default();
            if !dates.contains(&object) {
                dates.push(object);
            }
        })?;
        store.each_link(schema::NAME, |subject, name| {
            let id = lists.intern(subject);
            lists.names.entry(id).or_default().push(name);
        })?;
        for names in lists.names.values_mut() {
            names.sort_by(order_terms);
            names.dedup();
        }
        for &paper in &lists.articles {
            // a blank node has no string: its key is an error and its rows are left out
            let Term::NamedNode(iri) = &lists.terms[paper as usize] else {
                continue;
            };
            let mut keys = Vec::new();
            for date in optional(lists.dates.get(&paper)) {
                let shown = match date {
                    None => "0000",
                    Some(Term::NamedNode(n)) => n.as_str(),
                    Some(Term::Literal(l)) => l.value(),
                    Some(Term::BlankNode(_)) => continue,
                };
                keys.push((format!("{shown} {}", iri.as_str()), date.cloned()));
            }
            lists.keys.insert(paper, keys);
        }
        Ok(lists)
    }

    /// The names of `item` in the store, sorted.
    pub fn names_of(&self, item: TermRef<'_>) -> &[Term] {
        self.id(item)
            .and_then(|id| self.names.get(&id))
            .map_or(&[], Vec::as_slice)
    }

    /// The revision of the store the links were read at.
    pub fn revision(&self) -> &str {
        &self.revision
    }

    fn intern(&mut self, term: Term) -> Id {
        if let Some(id) = self.ids.get(&term) {
            return *id;
        }
        let id = Id::try_from(self.terms.len()).unwrap_or(Id::MAX);
        self.terms.push(term.clone());
        self.ids.insert(term, id);
        id
    }

    fn id(&self, term: TermRef<'_>) -> Option<Id> {
        self.ids.get(&term.into_owned()).copied()
    }

    fn out(&self, link: Link, id: Id) -> &[Id] {
        self.links[link as usize]
            .out
            .get(&id)
            .map_or(&[], Vec::as_slice)
    }

    fn back(&self, link: Link, id: Id) -> &[Id] {
        self.links[link as usize]
            .back
            .get(&id)
            .map_or(&[], Vec::as_slice)
    }

    /// The authorships of `of` as paper, person or organisation.
    fn authorships<'a>(
        &'a self,
        index: &'a HashMap<Id, Vec<u32>>,
        of: Id,
    ) -> impl Iterator<Item = &'a Authorship> + 'a {
        index
            .get(&of)
            .into_iter()
            .flatten()
            .map(|i| &self.authorships[*i as usize])
    }

    /// What `?x path ?of` finds for `?x`, a path of `steps` links each followed backwards.
    fn back_path(&self, steps: &[Link], of: Id) -> Vec<Id> {
        let mut at = vec![of];
        for link in steps.iter().rev() {
            at = at
                .iter()
                .flat_map(|id| self.back(*link, *id).iter().copied())
                .collect();
        }
        at
    }

    /// The articles that belong to `of` in the `ways` given.
    fn papers(&self, of: Id, ways: Ways) -> Vec<Id> {
        use Link::{About, Author, PartOf, Publisher};
        let mut found: Vec<Id> = Vec::new();
        if ways.authored {
            found.extend(self.back_path(&[Author], of));
            found.extend(self.authorships(&self.by_person, of).map(|a| a.paper));
        }
        if ways.at_publication {
            found.extend(self.authorships(&self.by_org, of).map(|a| a.paper));
        }
        if ways.members {
            found.extend(self.back_path(&[Author, Link::Affiliation], of));
        }
        if ways.near_parts {
            found.extend(self.back_path(&[PartOf], of));
            found.extend(self.back_path(&[PartOf, PartOf], of));
        }
        if ways.parts {
            found.extend(self.back_path(&[PartOf, PartOf, PartOf], of));
        }
        if ways.about {
            found.extend(self.back_path(&[About], of));
        }
        if ways.published {
            found.extend(self.back_path(&[Publisher], of));
        }
        found.sort_unstable();
        found.dedup();
        found.retain(|paper| self.articles.contains(paper));
        found
    }

    /// One page of the papers of `of`: at most `limit` rows with keys beyond `key` in
    /// `direction`, as `papers_of.rq` (older) or `papers_before.rq` (newer) gives them.
    pub fn papers_page(
        &self,
        of: NamedNodeRef<'_>,
        key: &str,
        direction: Direction,
        limit: usize,
    ) -> Vec<PaperRow> {
        let Some(of) = self.id(of.into()) else {
            return Vec::new();
        };
        let mut keyed: Vec<(&str, Id, Option<&Term>)> = Vec::new();
        for paper in self.papers(of, Ways::ALL) {
            for (row_key, date) in self.keys.get(&paper).map_or(&[][..], Vec::as_slice) {
                let beyond = match direction {
                    Direction::Older => row_key.as_str() < key,
                    Direction::Newer => row_key.as_str() > key,
                };
                if beyond {
                    keyed.push((row_key, paper, date.as_ref()));
                }
            }
        }
        let order = |a: &(&str, Id, Option<&Term>), b: &(&str, Id, Option<&Term>)| match direction {
            Direction::Older => b.0.cmp(a.0),
            Direction::Newer => a.0.cmp(b.0),
        };
        if keyed.len() > limit {
            keyed.select_nth_unstable_by(limit, order);
            keyed.truncate(limit);
        }
        keyed.sort_unstable_by(order);
        let mut rows = Vec::new();
        for (row_key, paper, date) in keyed {
            let Term::NamedNode(iri) = &self.terms[paper as usize] else {
                continue;
            };
            for title in optional(self.names.get(&paper)) {
                rows.push(PaperRow {
                    paper: iri.clone(),
                    title: title.cloned(),
                    date: date.cloned(),
                    key: row_key.to_owned(),
                });
            }
            if rows.len() >= limit {
                break;
            }
        }
        rows.truncate(limit);
        rows
    }

    /// How many papers of `of` appeared each year, oldest first (`papers_by_year.rq`).
    pub fn years(&self, of: NamedNodeRef<'_>) -> Vec<(String, u64)> {
        let Some(of) = self.id(of.into()) else {
            return Vec::new();
        };
        let ways = Ways {
            near_parts: false,
            published: false,
            ..Ways::ALL
        };
        let mut years: BTreeMap<String, HashSet<Id>> = BTreeMap::new();
        for paper in self.papers(of, ways) {
            for date in self.dates.get(&paper).map_or(&[][..], Vec::as_slice) {
                if let Some(year) = year(date) {
                    years.entry(year).or_default().insert(paper);
                }
            }
        }
        years
            .into_iter()
            .map(|(year, papers)| (year, papers.len() as u64))
            .collect()
    }

    /// The list `list` of `of`, as its query gives it.
    pub fn related(&self, of: NamedNodeRef<'_>, list: List) -> Vec<ItemRow> {
        let Some(of) = self.id(of.into()) else {
            return Vec::new();
        };
        // each item and the papers that relate it (a set, so that each counts once)
        let mut counted: HashMap<Id, HashSet<Id>> = HashMap::new();
        let mut years: HashMap<Id, (String, String)> = HashMap::new();
        match list {
            List::Affiliations => {
                for authorship in self.authorships(&self.by_person, of) {
                    let (paper, Some(item)) = (authorship.paper, authorship.org) else {
                        continue;
                    };
                    counted.entry(item).or_default().insert(paper);
                    for date in self.dates.get(&paper).map_or(&[][..], Vec::as_slice) {
                        if let Some(year) = year(date) {
                            let span = years
                                .entry(item)
                                .or_insert_with(|| (year.clone(), year.clone()));
                            if year < span.0 {
                                span.0.clone_from(&year);
                            }
                            if year > span.1 {
                                span.1 = year;
                            }
                        }
                    }
                }
            }
            List::Coauthors => {
                let ways = Ways {
                    authored: true,
                    ..Ways::NONE
                };
                for paper in self.papers(of, ways) {
                    let authors = self.out(Link::Author, paper).iter().copied().chain(
                        self.authorships(&self.by_paper, paper)
                            .filter_map(|a| a.person),
                    );
                    for item in authors {
                        if item != of {
                            counted.entry(item).or_default().insert(paper);
                        }
                    }
                }
            }
            List::People => {
                for &item in self.back(Link::Affiliation, of) {
                    counted.entry(item).or_default();
                }
                for authorship in self.authorships(&self.by_org, of) {
                    if let Some(item) = authorship.person {
                        counted.entry(item).or_default().insert(authorship.paper);
                    }
                }
                counted.retain(|item, _| self.people.contains(item));
            }
            List::Topics => {
                let ways = Ways {
                    authored: true,
                    at_publication: true,
                    parts: true,
                    ..Ways::NONE
                };
                for paper in self.papers(of, ways) {
                    for &item in self.out(Link::About, paper) {
                        counted.entry(item).or_default().insert(paper);
                    }
                }
            }
            List::RelatedTopics => {
                for &paper in self.back(Link::About, of) {
                    if !self.articles.contains(&paper) {
                        continue;
                    }
                    for &item in self.out(Link::About, paper) {
                        if item != of {
                            counted.entry(item).or_default().insert(paper);
                        }
                    }
                }
                for &item in self
                    .out(Link::Broader, of)
                    .iter()
                    .chain(self.back(Link::Broader, of))
                {
                    counted.entry(item).or_default();
                }
            }
        }
        // in the queries' order: most papers (latest year for affiliations), then the item;
        // named one by one until the list is full (an item without a name is left out, as the
        // queries join on it)
        let mut ranked: Vec<(Id, u64, Span)> = counted
            .into_iter()
            .map(|(item, papers)| (item, papers.len() as u64, years.remove(&item)))
            .collect();
        ranked.sort_by(|a, b| {
            match list {
                List::Affiliations => {
                    let to = |r: &(Id, u64, Span)| r.2.as_ref().map(|(_, to)| to.clone());
                    to(b).cmp(&to(a))
                }
                _ => b.1.cmp(&a.1),
            }
            .then_with(|| order_terms(&self.terms[a.0 as usize], &self.terms[b.0 as usize]))
        });
        let mut rows = Vec::new();
        for (item, count, years) in ranked {
            if rows.len() == RELATED_LIMIT {
                break;
            }
            if self.names.contains_key(&item) {
                rows.push(ItemRow {
                    item: self.terms[item as usize].clone(),
                    count,
                    years,
                });
            }
        }
        rows
    }
}

/// The values an `OPTIONAL` gives: each of `values`, or one unbound row when there are none.
fn optional(values: Option<&Vec<Term>>) -> Vec<Option<&Term>> {
    match values {
        Some(values) if !values.is_empty() => values.iter().map(Some).collect(),
        _ => vec![None],
    }
}

/// `SUBSTR(STR(?date), 1, 4)`; none for a blank node, which has no string.
fn year(date: &Term) -> Option<String> {
    let text = match date {
        Term::NamedNode(n) => n.as_str(),
        Term::Literal(l) => l.value(),
        Term::BlankNode(_) => return None,
    };
    Some(text.chars().take(4).collect())
}

/// SPARQL's order of terms in `ORDER BY`: blank nodes, then IRIs, then literals (by their
/// text, then their language).
fn order_terms(a: &Term, b: &Term) -> Ordering {
    fn rank(term: &Term) -> (u8, &str, &str) {
        match term {
            Term::BlankNode(b) => (0, b.as_str(), ""),
            Term::NamedNode(n) => (1, n.as_str(), ""),
            Term::Literal(l) => (2, l.value(), l.language().unwrap_or_default()),
        }
    }
    rank(a).cmp(&rank(b))
}

/// The index of the store and whether one is being read (`Store::lists`).
#[derive(Debug, Default)]
pub(super) struct Shelf {
    pub(super) current: Option<Arc<Lists>>,
    pub(super) reading: bool,
    /// Set by `use_lists(false)`: no index is read or used.
    pub(super) off: bool,
}

impl Store {
    /// The lists index at the store's current revision, when it is ready; otherwise starts
    /// reading one in the background (once) and answers `None`, so the caller runs the queries.
    pub fn lists(&self) -> Option<Arc<Lists>> {
        let revision = self.revision();
        let Ok(mut shelf) = self.lists.lock() else {
            return None;
        };
        if shelf.off {
            return None;
        }
        if let Some(current) = &shelf.current
            && current.revision == revision
        {
            return Some(Arc::clone(current));
        }
        if !shelf.reading {
            shelf.reading = true;
            let store = self.clone();
            std::thread::spawn(move || {
                if let Err(e) = store.read_lists() {
                    tracing::warn!(error = %e, "could not read the lists index");
                }
                if let Ok(mut shelf) = store.lists.lock() {
                    shelf.reading = false;
                }
            });
        }
        None
    }

    /// The lists index as `/health` reports it: `ready` (current), `reading` (being read for
    /// the current revision: pages run their queries meanwhile) or `off`.
    pub fn lists_state(&self) -> &'static str {
        if self.lists().is_some() {
            return "ready";
        }
        match self.lists.lock() {
            Ok(shelf) if !shelf.off => "reading",
            _ => "off",
        }
    }

    /// Whether pages may use a lists index (on unless turned off; off, they run the queries and
    /// no memory goes to an index). Holds for every clone of this store.
    pub fn use_lists(&self, on: bool) {
        if let Ok(mut shelf) = self.lists.lock() {
            shelf.off = !on;
            if !on {
                shelf.current = None;
            }
        }
    }

    /// Reads the lists index now and keeps it for the revision it was read at.
    pub fn read_lists(&self) -> Result<Arc<Lists>, QueryError> {
        let started = std::time::Instant::now();
        let lists = Arc::new(Lists::read(self)?);
        tracing::info!(
            revision = %lists.revision,
            terms = lists.terms.len(),
            ms = started.elapsed().as_millis() as u64,
            "lists index read"
        );
        if let Ok(mut shelf) = self.lists.lock() {
            shelf.current = Some(Arc::clone(&lists));
        }
        Ok(lists)
    }

    /// The names of `subject` in the union of the graphs, in the store's order (the first is
    /// the one `SAMPLE` takes).
    pub fn names(
        &self,
        subject: oxigraph::model::NamedOrBlankNodeRef<'_>,
    ) -> Result<Vec<Term>, QueryError> {
        self.objects(subject, schema::NAME)
            .map_err(|e| QueryError::Evaluation(QueryEvaluationError::Unexpected(Box::new(e))))
    }

    /// Calls `each` with the subject and object of every triple of `property` in the union of
    /// the graphs (`queries/links.rq`).
    fn each_link(
        &self,
        property: NamedNodeRef<'_>,
        mut each: impl FnMut(Term, Term),
    ) -> Result<(), QueryError> {
        let bindings = [("property", Term::from(property.into_owned()))];
        self.each_row(queries::LINKS, &bindings, &["s", "o"], |[s, o]| {
            if let (Some(s), Some(o)) = (s, o) {
                each(s, o);
            }
        })
    }

    /// Calls `each` with the values of `variables` in every row of `query`.
    fn each_row<const N: usize>(
        &self,
        query: &str,
        bindings: &[(&str, Term)],
        variables: &[&str; N],
        mut each: impl FnMut([Option<Term>; N]),
    ) -> Result<(), QueryError> {
        if let QueryResults::Solutions(solutions) = self.query(query, bindings, None)? {
            for solution in solutions {
                let solution = solution?;
                each(variables.map(|v| solution.get(v).cloned()));
            }
        }
        Ok(())
    }
}
