//! A synthetic scholarly graph in steppe's model, for benchmarks at any size: `steppe generate`.
//!
//! Streams N-Quads, deterministic for a seed (its own PRNG, no hash-map order, no clock). The
//! shapes of the graph follow published statistics of real scholarly graphs; each constant
//! below says where its figure comes from, and `bench/README.md` lists them. Papers are
//! written in publication order, so a paper cites only earlier ones.

mod names;
mod sample;

use crate::ids::{Doi, Issn, Orcid, Ror, WikidataId};
use crate::mint::{Kind, Minter};
use crate::vocab::{rdf, schema, skos, steppe, xsd};
use names::{COUNTRIES, Country, DOMAINS, ORG_TYPES, TITLE_FORMS, WORDS};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{Literal, NamedNode, NamedNodeRef, QuadRef, TermRef};
use sample::{Rng, Weighted};
use std::collections::HashSet;
use std::io::{self, Write};

/// Publication years: 1990 to 2025, the output of each year 4.1 % above the year before
/// (Bornmann, Haunschild and Mutz 2021, "Growth rates of modern science", 4.10 % a year).
const FIRST_YEAR: u32 = 1990;
const LAST_YEAR: u32 = 2025;
const GROWTH: f64 = 1.041;

/// Authors per paper: one plus a geometric count of mean 2.3, so a mean of 3.3 and 30 %
/// single-authored (OpenAlex journal articles: mean 3 to 4 authors in 1990 to 2020, growing;
/// the Crossref and OpenAlex samples in the test fixtures: median 3).
const EXTRA_AUTHORS_MEAN: f64 = 2.3;
const MAX_AUTHORS: usize = 40;

/// Who writes an authorship: a new person with this probability, else someone who wrote one of
/// the last `ACTIVE` authorships, drawn in proportion to their share of them (Simon's model of
/// Lotka's law with a memory: output breeds output while a person stays active, and a career
/// ends when they stop being drawn). Until `ACTIVE` authorships exist, new people fill the
/// rest, so the first people are not the most prolific. Measured: about 45 % of people with one
/// paper, 2.8 times as many with one as with two (Lotka's law with exponent 1.5 to 2 gives 2.8 to
/// 4), and the most prolific author with about 90 papers at 10,000 papers, 230 at 100,000 and 400
/// at a million (DBLP: 0.5 persons and 3.3 authorships per publication).
const NEW_AUTHOR: f64 = 0.2;
const ACTIVE: usize = 4_096;
/// Teams repeat: a later author of a paper is, with this probability, a co-author of the first
/// author's previous paper (Newman 2001: repeat collaboration dominates co-authorship networks).
const SAME_TEAM: f64 = 0.45;
/// An authorship gives an affiliation other than the person's own with this probability
/// (visiting and double affiliations).
const OTHER_AFFILIATION: f64 = 0.1;

/// References to earlier papers of the graph: geometric with mean 10 (about a third of the 30
/// references of an average article resolve to a work in one publisher's graph), at most 150.
/// Each reference goes, with probability 0.5, to a paper drawn in proportion to the citations
/// it has (Price's cumulative advantage), else to a uniformly drawn earlier paper: a power-law
/// in-degree with exponent 3 (Price's model; Redner 1998 measured 3 for physics). Measured: the
/// most cited 1 % of papers receive 18 to 20 % of the citations (about a fifth in Web of
/// Science fields) and 16 % are never cited.
const REFERENCES_MEAN: f64 = 10.0;
const MAX_REFERENCES: usize = 150;
const CUMULATIVE_ADVANTAGE: f64 = 0.5;

/// Shares of papers with a DOI (Crossref-registered journal articles in OpenAlex, about 90 %),
/// with an abstract, in their first author's language when that is not English (so about 5 %
/// of all papers; OpenAlex's journal articles are about 90 % English), with a
/// plain-language summary (few journals ask for one), and of people with an ORCID iD (ORCID
/// coverage of recent authorships in OpenAlex, 40 to 50 %), of institutions with a ROR id.
const WITH_DOI: f64 = 0.92;
const WITH_ABSTRACT: f64 = 0.75;
const NOT_ENGLISH: f64 = 0.1;
const WITH_SUMMARY: f64 = 0.05;
const WITH_ORCID: f64 = 0.45;
const WITH_ROR: f64 = 0.95;
const WITH_ONLINE_ISSN: f64 = 0.7;

/// Sizes follow Zipf's law with these exponents: papers over journals (Bradford's law; a few
/// journals publish much of a field), people over their home institutions, papers over topics,
/// journals over publishers (the five largest publishers hold about half of all articles).
const JOURNAL_ZIPF: f64 = 1.0;
const ORG_ZIPF: f64 = 1.0;
const TOPIC_ZIPF: f64 = 0.9;
const PUBLISHER_ZIPF: f64 = 1.2;
/// A paper's second and third topics come from the first one's subfield with this probability.
const SAME_SUBFIELD: f64 = 0.7;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    pub papers: usize,
    pub seed: u64,
    /// The base IRI the entities are minted under (as `steppe serve` mints them).
    pub base: Minter,
}

/// What was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub quads: u64,
    pub papers: usize,
    pub people: usize,
    pub organisations: usize,
    pub publishers: usize,
    pub journals: usize,
    pub topics: usize,
    pub authorships: usize,
    pub citations: usize,
    pub summaries: usize,
}

/// Scale of the entities that are not papers, for a number of papers.
#[derive(Debug, Clone, Copy)]
struct Scale {
    orgs: usize,
    journals: usize,
    publishers: usize,
    subfields: usize,
    topics: usize,
}

impl Scale {
    /// One institution per 40 papers, one journal per 150 papers, one publisher per 25
    /// journals; OpenAlex's 252 subfields and 4,516 topics at a million papers and more.
    fn of(papers: usize) -> Self {
        let journals = (papers / 150).clamp(10, 20_000);
        let topics = (papers / 25).clamp(60, 4_516);
        Self {
            orgs: (papers / 40).clamp(20, 30_000),
            journals,
            publishers: (journals / 25).clamp(3, 500),
            subfields: (topics / 18).clamp(26, 252),
            topics,
        }
    }
}

/// Writes the graph of `options` to `out` as N-Quads, in the source graph `synthetic`.
pub fn write(options: &Options, out: impl Write) -> io::Result<Report> {
    let mut generator = Generator::new(options, out);
    generator.run()?;
    generator.out.finish()?.flush()?;
    Ok(generator.report)
}

struct Person {
    iri: NamedNode,
    home: u32,
    last_paper: u32,
}

struct Journal {
    iri: NamedNode,
    first_year: u32,
    prefix: u32,
}

struct Org {
    iri: NamedNode,
    country: usize,
}

struct Generator<'a, W: Write> {
    options: &'a Options,
    mint: &'a Minter,
    rng: Rng,
    out: oxigraph::io::WriterQuadSerializer<W>,
    graph: NamedNode,
    report: Report,
    orgs: Vec<Org>,
    org_sizes: Weighted,
    journals: Vec<Journal>,
    topics: Vec<NamedNode>,
    /// The subfield of each topic, and the topics of each subfield.
    topic_subfield: Vec<usize>,
    subfield_topics: Vec<Vec<usize>>,
    people: Vec<Person>,
    /// One entry per authorship so far: drawing from its last `ACTIVE` draws people by their
    /// recent output.
    authorships: Vec<u32>,
    /// The authors of every paper so far, flat, and where each paper's start.
    paper_authors: Vec<u32>,
    paper_start: Vec<u32>,
    papers: Vec<NamedNode>,
    /// One entry per citation so far: drawing from it draws papers by their citations.
    cited: Vec<u32>,
    issues: HashSet<(u32, u32, u32)>,
}

impl<'a, W: Write> Generator<'a, W> {
    fn new(options: &'a Options, out: W) -> Self {
        let mint = &options.base;
        Self {
            options,
            mint,
            rng: Rng::new(options.seed, 0),
            out: RdfSerializer::from_format(RdfFormat::NQuads).for_writer(out),
            graph: mint.source_graph("synthetic"),
            report: Report::default(),
            orgs: Vec::new(),
            org_sizes: Weighted::zipf(1, 1.0),
            journals: Vec::new(),
            topics: Vec::new(),
            topic_subfield: Vec::new(),
            subfield_topics: Vec::new(),
            people: Vec::new(),
            authorships: Vec::new(),
            paper_authors: Vec::new(),
            paper_start: Vec::new(),
            papers: Vec::with_capacity(options.papers),
            cited: Vec::new(),
            issues: HashSet::new(),
        }
    }

    fn run(&mut self) -> io::Result<()> {
        let scale = Scale::of(self.options.papers);
        self.write_orgs(scale.orgs)?;
        let publishers = self.write_publishers(scale.publishers)?;
        self.write_journals(scale.journals, &publishers)?;
        self.write_topics(scale)?;
        let journal_sizes = Weighted::zipf(self.journals.len(), JOURNAL_ZIPF);
        let topic_sizes = Weighted::zipf(self.topics.len(), TOPIC_ZIPF);
        // Papers come in publication order: paper i's year is the growth curve's quantile
        // (i + 0.5) / papers.
        let weights: Vec<f64> = (0..=LAST_YEAR - FIRST_YEAR)
            .map(|k| GROWTH.powi(k as i32))
            .collect();
        let total: f64 = weights.iter().sum();
        let mut cumulative = 0.0;
        let shares: Vec<f64> = weights
            .iter()
            .map(|w| {
                cumulative += w / total;
                cumulative
            })
            .collect();
        let papers = self.options.papers.max(1) as f64;
        let year_of = |i: usize| {
            let q = (i as f64 + 0.5) / papers;
            FIRST_YEAR + shares.partition_point(|&c| c <= q).min(shares.len() - 1) as u32
        };
        for i in 0..self.options.papers {
            let year = year_of(i);
            self.write_paper(i, year, &journal_sizes, &topic_sizes)?;
        }
        Ok(())
    }

    fn quad<'b>(
        &mut self,
        subject: &'b NamedNode,
        predicate: NamedNodeRef<'b>,
        object: impl Into<TermRef<'b>>,
    ) -> io::Result<()> {
        let object: TermRef<'b> = object.into();
        self.out.serialize_quad(QuadRef {
            subject: subject.as_ref().into(),
            predicate,
            object,
            graph_name: self.graph.as_ref().into(),
        })?;
        self.report.quads += 1;
        Ok(())
    }

    /// `subject a class ; schema:identifier <subject#key> . <#key> a PropertyValue …` and
    /// `schema:sameAs <same_as>`.
    fn identifier(
        &mut self,
        subject: &NamedNode,
        key: &str,
        value: &str,
        same_as: &str,
    ) -> io::Result<()> {
        let node = NamedNode::new_unchecked(format!("{}#{key}", subject.as_str()));
        self.quad(subject, schema::IDENTIFIER, &node)?;
        self.quad(&node, rdf::TYPE, schema::PROPERTY_VALUE)?;
        self.quad(
            &node,
            schema::PROPERTY_ID,
            &Literal::new_simple_literal(key),
        )?;
        self.quad(&node, schema::VALUE, &Literal::new_simple_literal(value))?;
        self.quad(
            subject,
            schema::SAME_AS,
            NamedNodeRef::new_unchecked(same_as),
        )
    }

    fn unidentified(&self, kind: Kind, local: &str) -> NamedNode {
        self.mint
            .unidentified(kind, "synthetic", &format!("{}/{local}", self.options.seed))
    }

    fn write_orgs(&mut self, count: usize) -> io::Result<()> {
        let countries = Weighted::new(COUNTRIES.iter().map(|c| c.weight));
        let types = Weighted::new(ORG_TYPES.iter().map(|(w, _)| *w));
        let mut seen: HashSet<String> = HashSet::new();
        for i in 0..count {
            let country_index = countries.draw(&mut self.rng);
            let country = &COUNTRIES[country_index];
            let class = ORG_TYPES[types.draw(&mut self.rng)].1;
            let &(city, local_city) = self.rng.pick(country.cities);
            let ror = self
                .rng
                .chance(WITH_ROR)
                .then(|| ror_id(&mut self.rng))
                .flatten();
            let iri = match &ror {
                Some(ror) => self.mint.org(ror),
                None => self.unidentified(Kind::Org, &format!("org/{i}")),
            };
            self.quad(&iri, rdf::TYPE, NamedNodeRef::new_unchecked(class))?;
            let pattern = names::org_pattern(class);
            let university = pattern.is_empty();
            let mut english = if university {
                [
                    "University of {}",
                    "{} Technical University",
                    "{} State University",
                ][self.rng.below(3)]
                .replace("{}", city)
            } else {
                pattern.replace("{}", city)
            };
            let mut n = 2;
            let base_name = english.clone();
            while !seen.insert(english.clone()) {
                english = format!("{base_name} {n}");
                n += 1;
            }
            // only the first of an English name also gets a local one: two alike would differ
            // only by the number their English names carry
            let first_of_its_name = n == 2;
            self.quad(
                &iri,
                schema::NAME,
                &Literal::new_language_tagged_literal_unchecked(&english, "en"),
            )?;
            if university && country.language != "en" && first_of_its_name {
                let local = country.university.replace("{}", local_city);
                let tag = country.language;
                self.quad(
                    &iri,
                    schema::NAME,
                    &Literal::new_language_tagged_literal_unchecked(local, tag),
                )?;
            }
            let place = NamedNode::new_unchecked(format!("{}#place", iri.as_str()));
            let address = NamedNode::new_unchecked(format!("{}#place-address", iri.as_str()));
            self.quad(&iri, schema::LOCATION, &place)?;
            self.quad(&place, rdf::TYPE, schema::PLACE)?;
            self.quad(
                &place,
                schema::NAME,
                &Literal::new_language_tagged_literal_unchecked(city, "en"),
            )?;
            self.quad(&place, schema::ADDRESS, &address)?;
            self.quad(&address, rdf::TYPE, schema::POSTAL_ADDRESS)?;
            self.quad(
                &address,
                schema::ADDRESS_LOCALITY,
                &Literal::new_simple_literal(city),
            )?;
            self.quad(
                &address,
                schema::ADDRESS_COUNTRY,
                &Literal::new_simple_literal(country.code),
            )?;
            if let Some(ror) = &ror {
                self.identifier(&iri, "ror", ror.as_str(), &ror.iri())?;
            }
            self.orgs.push(Org {
                iri,
                country: country_index,
            });
        }
        self.org_sizes = Weighted::zipf(self.orgs.len(), ORG_ZIPF);
        self.report.organisations = self.orgs.len();
        Ok(())
    }

    fn write_publishers(&mut self, count: usize) -> io::Result<Vec<NamedNode>> {
        let mut publishers = Vec::with_capacity(count);
        for i in 0..count {
            let iri = self.unidentified(Kind::Org, &format!("publisher/{i}"));
            let name = format!(
                "{} {} {}",
                capitalise(self.word()),
                capitalise(self.word()),
                ["Press", "Publishing", "Academic"][i % 3]
            );
            self.quad(&iri, rdf::TYPE, schema::ORGANIZATION)?;
            self.quad(
                &iri,
                schema::NAME,
                &Literal::new_language_tagged_literal_unchecked(name, "en"),
            )?;
            publishers.push(iri);
        }
        self.report.publishers = count;
        Ok(publishers)
    }

    fn write_journals(&mut self, count: usize, publishers: &[NamedNode]) -> io::Result<()> {
        let publisher_sizes = Weighted::zipf(publishers.len(), PUBLISHER_ZIPF);
        let mut issns = HashSet::new();
        for i in 0..count {
            let print = loop {
                let issn = issn(&mut self.rng);
                if issns.insert(issn.as_str().to_owned()) {
                    break issn;
                }
            };
            let iri = self.mint.journal(&print);
            let field = DOMAINS[i % DOMAINS.len()].1;
            let field = field[self.rng.below(field.len())];
            let name = match i % 4 {
                0 => format!("Journal of {field}"),
                1 => format!("International Review of {}", capitalise(self.word())),
                2 => format!("{} and {field}", capitalise(self.word())),
                _ => format!("Annals of {} {}", capitalise(self.word()), field),
            };
            let name = if i >= DOMAINS.len() * 4 {
                format!("{name} {}", romanise(i / 16 + 1))
            } else {
                name
            };
            self.quad(&iri, rdf::TYPE, schema::PERIODICAL)?;
            self.quad(
                &iri,
                schema::NAME,
                &Literal::new_language_tagged_literal_unchecked(name, "en"),
            )?;
            self.quad(
                &iri,
                steppe::ISSN_PRINT,
                &Literal::new_simple_literal(print.as_str()),
            )?;
            let portal = format!("https://portal.issn.org/resource/ISSN/{}", print.as_str());
            self.identifier(&iri, "issn-print", print.as_str(), &portal)?;
            if self.rng.chance(WITH_ONLINE_ISSN) {
                let online = issn(&mut self.rng);
                if issns.insert(online.as_str().to_owned()) {
                    self.quad(
                        &iri,
                        steppe::ISSN_ONLINE,
                        &Literal::new_simple_literal(online.as_str()),
                    )?;
                    let portal =
                        format!("https://portal.issn.org/resource/ISSN/{}", online.as_str());
                    self.identifier(&iri, "issn-online", online.as_str(), &portal)?;
                }
            }
            let publisher = publisher_sizes.draw(&mut self.rng);
            self.quad(&iri, schema::PUBLISHER, &publishers[publisher])?;
            self.journals.push(Journal {
                iri,
                first_year: 1900 + self.rng.below(91) as u32,
                prefix: 1000 + 7 * publisher as u32,
            });
        }
        self.report.journals = count;
        Ok(())
    }

    fn write_topics(&mut self, scale: Scale) -> io::Result<()> {
        let set = NamedNode::new_unchecked(format!("{}topics", self.mint.base()));
        self.quad(&set, rdf::TYPE, schema::DEFINED_TERM_SET)?;
        self.quad(
            &set,
            schema::NAME,
            &Literal::new_language_tagged_literal_unchecked("steppe topics", "en"),
        )?;
        let mut fields = Vec::new();
        let mut qid = 9_000_000u64;
        for (domain, domain_fields) in DOMAINS {
            qid += 1;
            let wikidata = WikidataId::parse(&format!("Q{qid}")).map_err(io::Error::other)?;
            let domain_iri = self.mint.topic(&wikidata);
            self.topic(&domain_iri, domain, None, &set)?;
            self.identifier(
                &domain_iri,
                "wikidata",
                wikidata.as_str(),
                &format!("https://www.wikidata.org/entity/{}", wikidata.as_str()),
            )?;
            for field in *domain_fields {
                qid += 1;
                let wikidata = WikidataId::parse(&format!("Q{qid}")).map_err(io::Error::other)?;
                let iri = self.mint.topic(&wikidata);
                self.topic(&iri, field, Some(&domain_iri), &set)?;
                self.identifier(
                    &iri,
                    "wikidata",
                    wikidata.as_str(),
                    &format!("https://www.wikidata.org/entity/{}", wikidata.as_str()),
                )?;
                fields.push((iri, *field));
            }
        }
        let mut subfields = Vec::new();
        for i in 0..scale.subfields {
            let (field, field_name) = &fields[i % fields.len()];
            let name = format!("{field_name}: {}", self.word());
            let iri = self.unidentified(Kind::Topic, &format!("subfield/{i}"));
            self.topic(&iri, &name, Some(field), &set)?;
            subfields.push(iri);
        }
        self.subfield_topics = vec![Vec::new(); subfields.len()];
        for i in 0..scale.topics {
            let subfield = i % subfields.len();
            let name = format!(
                "{} {} and {}",
                capitalise(self.word()),
                self.word(),
                self.word()
            );
            let iri = self.unidentified(Kind::Topic, &format!("topic/{i}"));
            let broader = subfields[subfield].clone();
            self.topic(&iri, &name, Some(&broader), &set)?;
            self.topics.push(iri);
            self.topic_subfield.push(subfield);
            self.subfield_topics[subfield].push(i);
        }
        self.report.topics = DOMAINS.len() + fields.len() + subfields.len() + self.topics.len();
        Ok(())
    }

    fn topic(
        &mut self,
        iri: &NamedNode,
        name: &str,
        broader: Option<&NamedNode>,
        set: &NamedNode,
    ) -> io::Result<()> {
        self.quad(iri, rdf::TYPE, schema::DEFINED_TERM)?;
        self.quad(
            iri,
            schema::NAME,
            &Literal::new_language_tagged_literal_unchecked(name, "en"),
        )?;
        self.quad(iri, schema::IN_DEFINED_TERM_SET, set)?;
        if let Some(broader) = broader {
            self.quad(iri, skos::BROADER, broader)?;
        }
        Ok(())
    }

    /// A new person at an institution drawn by size, named as people of its country are.
    fn new_person(&mut self) -> io::Result<u32> {
        let index = self.people.len();
        let home = self.org_sizes.draw(&mut self.rng);
        let country: &Country = &COUNTRIES[self.orgs[home].country];
        let given = *self.rng.pick(country.given);
        let family = *self.rng.pick(country.family);
        let orcid = self
            .rng
            .chance(WITH_ORCID)
            .then(|| orcid(&mut self.rng))
            .flatten();
        let iri = match &orcid {
            Some(orcid) => self.mint.person(orcid),
            None => self.unidentified(Kind::Person, &format!("person/{index}")),
        };
        self.quad(&iri, rdf::TYPE, schema::PERSON)?;
        self.quad(
            &iri,
            schema::NAME,
            &Literal::new_simple_literal(format!("{given} {family}")),
        )?;
        self.quad(
            &iri,
            schema::GIVEN_NAME,
            &Literal::new_simple_literal(given),
        )?;
        self.quad(
            &iri,
            schema::FAMILY_NAME,
            &Literal::new_simple_literal(family),
        )?;
        let home_iri = self.orgs[home].iri.clone();
        self.quad(&iri, schema::AFFILIATION, &home_iri)?;
        if let Some(orcid) = &orcid {
            self.identifier(&iri, "orcid", orcid.as_str(), &orcid.iri())?;
        }
        self.people.push(Person {
            iri,
            home: home as u32,
            last_paper: u32::MAX,
        });
        self.report.people += 1;
        Ok(index as u32)
    }

    /// The authors of the next paper, in order, each once.
    fn draw_authors(&mut self) -> io::Result<Vec<u32>> {
        let count = (1 + self.rng.geometric(EXTRA_AUTHORS_MEAN)).min(MAX_AUTHORS);
        let mut authors: Vec<u32> = Vec::with_capacity(count);
        while authors.len() < count {
            let team = authors.first().and_then(|&first| {
                let last = self.people[first as usize].last_paper;
                (last != u32::MAX && self.rng.chance(SAME_TEAM)).then(|| {
                    let start = self.paper_start[last as usize] as usize;
                    let end = self
                        .paper_start
                        .get(last as usize + 1)
                        .map_or(self.paper_authors.len(), |&e| e as usize);
                    self.paper_authors[start + self.rng.below(end - start)]
                })
            });
            let candidate = match team {
                Some(person) => Some(person),
                None => {
                    let filled = self.authorships.len() as f64 / ACTIVE as f64;
                    if self.rng.chance(NEW_AUTHOR.max(1.0 - filled)) {
                        None
                    } else {
                        let active = self.authorships.len().saturating_sub(ACTIVE);
                        Some(*self.rng.pick(&self.authorships[active..]))
                    }
                }
            };
            let person = match candidate {
                Some(person) if !authors.contains(&person) => person,
                // a repeat draw: someone new instead, so teams stay the size drawn
                _ => self.new_person()?,
            };
            authors.push(person);
        }
        Ok(authors)
    }

    fn write_paper(
        &mut self,
        index: usize,
        year: u32,
        journal_sizes: &Weighted,
        topic_sizes: &Weighted,
    ) -> io::Result<()> {
        let journal = journal_sizes.draw(&mut self.rng);
        let doi = self.rng.chance(WITH_DOI).then(|| {
            Doi::parse(&format!(
                "10.{}/synthetic.{}.{index}",
                self.journals[journal].prefix, self.options.seed
            ))
        });
        let doi = doi.transpose().map_err(io::Error::other)?;
        let iri = match &doi {
            Some(doi) => self.mint.paper(doi),
            None => self.unidentified(Kind::Paper, &format!("paper/{index}")),
        };
        let authors = self.draw_authors()?;
        let first_country =
            &COUNTRIES[self.orgs[self.people[authors[0] as usize].home as usize].country];
        let language = if self.rng.chance(NOT_ENGLISH) {
            first_country.language
        } else {
            "en"
        };
        let title = self.title(language);
        let tagged = |text: &str| Literal::new_language_tagged_literal_unchecked(text, language);
        self.quad(&iri, rdf::TYPE, schema::SCHOLARLY_ARTICLE)?;
        self.quad(&iri, schema::NAME, &tagged(&title))?;
        self.quad(&iri, schema::HEADLINE, &tagged(&title))?;
        self.quad(
            &iri,
            schema::IN_LANGUAGE,
            &Literal::new_simple_literal(language),
        )?;
        let date = format!(
            "{year}-{:02}-{:02}",
            1 + self.rng.below(12),
            1 + self.rng.below(28)
        );
        self.quad(
            &iri,
            schema::DATE_PUBLISHED,
            &Literal::new_typed_literal(date, xsd::DATE),
        )?;
        let issue = self.issue(journal, year)?;
        self.quad(&iri, schema::IS_PART_OF, &issue)?;
        let start = 1 + self.rng.below(300);
        let end = start + 4 + self.rng.below(30);
        self.quad(
            &iri,
            schema::PAGE_START,
            &Literal::new_simple_literal(start.to_string()),
        )?;
        self.quad(
            &iri,
            schema::PAGE_END,
            &Literal::new_simple_literal(end.to_string()),
        )?;
        self.quad(
            &iri,
            schema::PAGINATION,
            &Literal::new_simple_literal(format!("{start}-{end}")),
        )?;
        if let Some(doi) = &doi {
            self.identifier(&iri, "doi", doi.as_str(), &doi.iri())?;
            self.quad(&iri, schema::URL, NamedNodeRef::new_unchecked(&doi.iri()))?;
        }
        self.paper_start.push(self.paper_authors.len() as u32);
        for (position, &person) in authors.iter().enumerate() {
            self.write_authorship(&iri, index, position + 1, person)?;
        }
        for &topic in &self.draw_topics(topic_sizes) {
            let topic = self.topics[topic].clone();
            self.quad(&iri, schema::ABOUT, &topic)?;
        }
        if self.rng.chance(WITH_ABSTRACT) {
            let words = 60 + self.rng.below(120);
            let text = self.text(language, words);
            self.quad(&iri, schema::ABSTRACT, &tagged(&text))?;
        }
        for cited in self.draw_references(index) {
            let cited = self.papers[cited as usize].clone();
            self.quad(&iri, schema::CITATION, &cited)?;
        }
        if self.rng.chance(WITH_SUMMARY) {
            self.write_summary(&iri, &title, language, authors[0])?;
        }
        self.papers.push(iri);
        self.report.papers += 1;
        Ok(())
    }

    fn write_authorship(
        &mut self,
        paper: &NamedNode,
        index: usize,
        position: usize,
        person: u32,
    ) -> io::Result<()> {
        let node = NamedNode::new_unchecked(format!("{}#authorship-{position}", paper.as_str()));
        let person_iri = self.people[person as usize].iri.clone();
        self.quad(paper, steppe::AUTHORSHIP, &node)?;
        self.quad(paper, schema::AUTHOR, &person_iri)?;
        self.quad(&node, rdf::TYPE, steppe::AUTHORSHIP_CLASS)?;
        self.quad(&node, steppe::AUTHOR, &person_iri)?;
        self.quad(
            &node,
            steppe::POSITION,
            &Literal::from(i64::try_from(position).unwrap_or(i64::MAX)),
        )?;
        let org = if self.rng.chance(OTHER_AFFILIATION) {
            self.org_sizes.draw(&mut self.rng)
        } else {
            self.people[person as usize].home as usize
        };
        let org = self.orgs[org].iri.clone();
        self.quad(&node, steppe::AFFILIATION_AT_PUBLICATION, &org)?;
        self.authorships.push(person);
        self.paper_authors.push(person);
        self.people[person as usize].last_paper = index as u32;
        self.report.authorships += 1;
        Ok(())
    }

    /// One to three topics: 15 % of papers one, 25 % two, 60 % three (OpenAlex assigns up to
    /// three); the first drawn by size, the others mostly from its subfield.
    fn draw_topics(&mut self, sizes: &Weighted) -> Vec<usize> {
        let count = match self.rng.unit() {
            u if u < 0.15 => 1,
            u if u < 0.4 => 2,
            _ => 3,
        };
        let first = sizes.draw(&mut self.rng);
        let mut topics = vec![first];
        for _ in 1..count {
            let near = &self.subfield_topics[self.topic_subfield[first]];
            let topic = if self.rng.chance(SAME_SUBFIELD) {
                *self.rng.pick(near)
            } else {
                sizes.draw(&mut self.rng)
            };
            if !topics.contains(&topic) {
                topics.push(topic);
            }
        }
        topics
    }

    fn draw_references(&mut self, index: usize) -> Vec<u32> {
        let count = self
            .rng
            .geometric(REFERENCES_MEAN)
            .min(MAX_REFERENCES)
            .min(index);
        let mut references: Vec<u32> = Vec::with_capacity(count);
        for _ in 0..count {
            let cited = if !self.cited.is_empty() && self.rng.chance(CUMULATIVE_ADVANTAGE) {
                *self.rng.pick(&self.cited)
            } else {
                self.rng.below(index) as u32
            };
            if !references.contains(&cited) {
                references.push(cited);
            }
        }
        self.cited.extend_from_slice(&references);
        self.report.citations += references.len();
        references
    }

    fn write_summary(
        &mut self,
        paper: &NamedNode,
        title: &str,
        language: &str,
        author: u32,
    ) -> io::Result<()> {
        let summary = NamedNode::new_unchecked(format!("{}#summary", paper.as_str()));
        let author = self.people[author as usize].iri.clone();
        self.quad(paper, schema::SUBJECT_OF, &summary)?;
        self.quad(&summary, rdf::TYPE, steppe::PLAIN_LANGUAGE_SUMMARY)?;
        self.quad(&summary, steppe::SUMMARIZES, paper)?;
        self.quad(&summary, schema::AUTHOR, &author)?;
        self.quad(
            &summary,
            schema::IN_LANGUAGE,
            &Literal::new_simple_literal(language),
        )?;
        self.quad(
            &summary,
            schema::NAME,
            &Literal::new_language_tagged_literal_unchecked(
                format!("Plain-language summary of: {title}"),
                language,
            ),
        )?;
        let sections = [
            ("about", "WhatIsItAbout", "What is it about?"),
            ("importance", "WhyIsItImportant", "Why is it important?"),
            ("perspectives", "Perspectives", "Perspectives"),
        ];
        for (position, (key, kind, heading)) in sections.into_iter().enumerate() {
            let section = NamedNode::new_unchecked(format!("{}#summary-{key}", paper.as_str()));
            let kind = NamedNode::new_unchecked(format!("{}{kind}", steppe::NS));
            let words = 40 + self.rng.below(60);
            let text = self.text(language, words);
            self.quad(&summary, steppe::SECTION, &section)?;
            self.quad(&section, rdf::TYPE, steppe::SUMMARY_SECTION)?;
            self.quad(&section, steppe::SECTION_KIND, &kind)?;
            self.quad(
                &section,
                schema::POSITION,
                &Literal::from(position as i64 + 1),
            )?;
            self.quad(
                &section,
                schema::NAME,
                &Literal::new_language_tagged_literal_unchecked(heading, "en"),
            )?;
            self.quad(
                &section,
                schema::TEXT,
                &Literal::new_language_tagged_literal_unchecked(text, language),
            )?;
        }
        self.report.summaries += 1;
        Ok(())
    }

    /// The issue a paper of `journal` in `year` is in: one volume a year, four issues, each
    /// written the first time a paper is in it.
    fn issue(&mut self, journal: usize, year: u32) -> io::Result<NamedNode> {
        let number = 1 + self.rng.below(4) as u32;
        let journal_iri = self.journals[journal].iri.clone();
        let volume = year.saturating_sub(self.journals[journal].first_year) + 1;
        let volume_iri =
            NamedNode::new_unchecked(format!("{}/volume/{volume}", journal_iri.as_str()));
        let issue_iri = NamedNode::new_unchecked(format!("{}/issue/{number}", volume_iri.as_str()));
        if self.issues.insert((journal as u32, year, 0)) {
            self.quad(&volume_iri, rdf::TYPE, schema::PUBLICATION_VOLUME)?;
            self.quad(
                &volume_iri,
                schema::VOLUME_NUMBER,
                &Literal::new_simple_literal(volume.to_string()),
            )?;
            self.quad(&volume_iri, schema::IS_PART_OF, &journal_iri)?;
        }
        if self.issues.insert((journal as u32, year, number)) {
            self.quad(&issue_iri, rdf::TYPE, schema::PUBLICATION_ISSUE)?;
            self.quad(
                &issue_iri,
                schema::ISSUE_NUMBER,
                &Literal::new_simple_literal(number.to_string()),
            )?;
            self.quad(
                &issue_iri,
                schema::DATE_PUBLISHED,
                &Literal::new_typed_literal(year.to_string(), xsd::G_YEAR),
            )?;
            self.quad(&issue_iri, schema::IS_PART_OF, &volume_iri)?;
        }
        Ok(issue_iri)
    }

    fn word(&mut self) -> &'static str {
        WORDS[self.rng.below(WORDS.len())]
    }

    fn title(&mut self, language: &str) -> String {
        if language == "en" {
            let form = *self.rng.pick(TITLE_FORMS);
            let text = form
                .replace("{a}", self.word())
                .replace("{b}", self.word())
                .replace("{c}", self.word());
            capitalise(&text)
        } else {
            let words = 4 + self.rng.below(5);
            capitalise(&self.text(language, words))
        }
    }

    fn text(&mut self, language: &str, words: usize) -> String {
        let vocabulary = names::words_of(language);
        let separator = if matches!(language, "zh" | "ja") {
            ""
        } else {
            " "
        };
        let mut text = String::new();
        for i in 0..words {
            if i > 0 {
                text.push_str(separator);
            }
            text.push_str(vocabulary[self.rng.below(vocabulary.len())]);
        }
        text
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn romanise(n: usize) -> String {
    const NUMERALS: &[(usize, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for &(value, numeral) in NUMERALS {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

/// A ROR-like id: `0`, six Crockford base32 characters and ISO 7064 MOD 97-10 check digits.
fn ror_id(rng: &mut Rng) -> Option<Ror> {
    const CROCKFORD: &[u8] = b"0123456789abcdefghjkmnpqrstvwxyz";
    let body: String = std::iter::once('0')
        .chain((0..6).map(|_| char::from(CROCKFORD[rng.below(32)])))
        .collect();
    let value = body.bytes().fold(0u64, |acc, b| {
        acc * 32 + CROCKFORD.iter().position(|&c| c == b).unwrap_or(0) as u64
    });
    Ror::parse(&format!("{body}{:02}", 98 - (value * 100) % 97)).ok()
}

/// An ORCID iD in the ranges ORCID issues, with its ISO 7064 MOD 11-2 check digit.
fn orcid(rng: &mut Rng) -> Option<Orcid> {
    let digits: Vec<u32> = [0, 0, 0, 0, 0, 0, 0]
        .into_iter()
        .chain([1 + rng.below(3) as u32])
        .chain((0..7).map(|_| rng.below(10) as u32))
        .collect();
    let total = digits.iter().fold(0, |total, d| (total + d) * 2);
    let check = (12 - total % 11) % 11;
    let check = if check == 10 {
        'X'
    } else {
        char::from_digit(check, 10)?
    };
    let s: String = digits
        .iter()
        .filter_map(|&d| char::from_digit(d, 10))
        .collect();
    Orcid::parse(&format!(
        "{}-{}-{}-{}{check}",
        &s[0..4],
        &s[4..8],
        &s[8..12],
        &s[12..15]
    ))
    .ok()
}

/// An ISSN with its check digit.
fn issn(rng: &mut Rng) -> Issn {
    loop {
        let digits: Vec<u32> = (0..7).map(|_| rng.below(10) as u32).collect();
        let sum: u32 = digits.iter().zip((2..=8).rev()).map(|(d, w)| d * w).sum();
        let check = (11 - sum % 11) % 11;
        let check = if check == 10 {
            'X'
        } else {
            char::from_digit(check, 10).unwrap_or('0')
        };
        let s: String = digits
            .iter()
            .filter_map(|&d| char::from_digit(d, 10))
            .collect();
        if let Ok(issn) = Issn::parse(&format!("{}-{}{check}", &s[0..4], &s[4..7])) {
            return issn;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_carry_valid_check_digits() {
        let mut rng = Rng::new(3, 0);
        for _ in 0..200 {
            assert!(ror_id(&mut rng).is_some());
            assert!(orcid(&mut rng).is_some());
            issn(&mut rng);
        }
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(romanise(4), "IV");
        assert_eq!(romanise(1994), "MCMXCIV");
    }
}
