//! IRI constants of the vocabularies steppe reads and writes.
//!
//! schema.org terms live under `http://schema.org/`, the namespace the `https://schema.org`
//! JSON-LD context expands to, so page JSON-LD and the store agree triple for triple.
//! Owns no logic: other modules name terms through these constants instead of string literals.

macro_rules! namespace {
    ($module:ident, $ns:literal, { $($name:ident = $local:literal),* $(,)? }) => {
        #[doc = concat!("Terms of `", $ns, "`.")]
        pub mod $module {
            use oxigraph::model::NamedNodeRef;

            /// The namespace IRI.
            pub const NS: &str = $ns;
            $(
                #[doc = concat!("`", $ns, $local, "`")]
                pub const $name: NamedNodeRef<'static> =
                    NamedNodeRef::new_unchecked(concat!($ns, $local));
            )*

            /// Every constant of this module, for the test that parses them.
            #[cfg(test)]
            pub(crate) const ALL: &[NamedNodeRef<'static>] = &[$($name),*];
        }
    };
}

namespace!(rdf, "http://www.w3.org/1999/02/22-rdf-syntax-ns#", {
    TYPE = "type",
    FIRST = "first",
    REST = "rest",
    NIL = "nil",
    LANG_STRING = "langString",
});

namespace!(rdfs, "http://www.w3.org/2000/01/rdf-schema#", {
    SUB_CLASS_OF = "subClassOf",
    SUB_PROPERTY_OF = "subPropertyOf",
    LABEL = "label",
    COMMENT = "comment",
    CLASS = "Class",
});

namespace!(owl, "http://www.w3.org/2002/07/owl#", {
    CLASS = "Class",
    OBJECT_PROPERTY = "ObjectProperty",
    DATATYPE_PROPERTY = "DatatypeProperty",
    EQUIVALENT_CLASS = "equivalentClass",
    EQUIVALENT_PROPERTY = "equivalentProperty",
});

namespace!(xsd, "http://www.w3.org/2001/XMLSchema#", {
    STRING = "string",
    DATE = "date",
    DATE_TIME = "dateTime",
    INTEGER = "integer",
    G_YEAR = "gYear",
    G_YEAR_MONTH = "gYearMonth",
});

namespace!(sh, "http://www.w3.org/ns/shacl#", {
    NODE_SHAPE = "NodeShape",
    PROPERTY_SHAPE = "PropertyShape",
    TARGET_CLASS = "targetClass",
    TARGET_NODE = "targetNode",
    TARGET_SUBJECTS_OF = "targetSubjectsOf",
    TARGET_OBJECTS_OF = "targetObjectsOf",
    PROPERTY = "property",
    PATH = "path",
    INVERSE_PATH = "inversePath",
    MIN_COUNT = "minCount",
    MAX_COUNT = "maxCount",
    DATATYPE = "datatype",
    CLASS = "class",
    NODE_KIND = "nodeKind",
    IRI = "IRI",
    LITERAL = "Literal",
    BLANK_NODE = "BlankNode",
    BLANK_NODE_OR_IRI = "BlankNodeOrIRI",
    IRI_OR_LITERAL = "IRIOrLiteral",
    PATTERN = "pattern",
    FLAGS = "flags",
    MIN_LENGTH = "minLength",
    MAX_LENGTH = "maxLength",
    MIN_INCLUSIVE = "minInclusive",
    MAX_INCLUSIVE = "maxInclusive",
    IN = "in",
    HAS_VALUE = "hasValue",
    NODE = "node",
    AND = "and",
    OR = "or",
    NOT = "not",
    XONE = "xone",
    DESCRIPTION = "description",
    LANGUAGE_IN = "languageIn",
    UNIQUE_LANG = "uniqueLang",
    MESSAGE = "message",
    SEVERITY = "severity",
    VIOLATION = "Violation",
    WARNING = "Warning",
    INFO = "Info",
    DEACTIVATED = "deactivated",
    NAME = "name",
});

namespace!(schema, "http://schema.org/", {
    THING = "Thing",
    CREATIVE_WORK = "CreativeWork",
    ARTICLE = "Article",
    SCHOLARLY_ARTICLE = "ScholarlyArticle",
    PERSON = "Person",
    ORGANIZATION = "Organization",
    EDUCATIONAL_ORGANIZATION = "EducationalOrganization",
    COLLEGE_OR_UNIVERSITY = "CollegeOrUniversity",
    PERIODICAL = "Periodical",
    PUBLICATION_VOLUME = "PublicationVolume",
    PUBLICATION_ISSUE = "PublicationIssue",
    DEFINED_TERM = "DefinedTerm",
    DEFINED_TERM_SET = "DefinedTermSet",
    PROPERTY_VALUE = "PropertyValue",
    NAME = "name",
    HEADLINE = "headline",
    IDENTIFIER = "identifier",
    PROPERTY_ID = "propertyID",
    VALUE = "value",
    SAME_AS = "sameAs",
    AUTHOR = "author",
    AFFILIATION = "affiliation",
    ABSTRACT = "abstract",
    ABOUT = "about",
    IS_PART_OF = "isPartOf",
    ISSN = "issn",
    DATE_PUBLISHED = "datePublished",
    PUBLISHER = "publisher",
    CITATION = "citation",
    IN_LANGUAGE = "inLanguage",
    PAGE_START = "pageStart",
    PAGE_END = "pageEnd",
    PAGINATION = "pagination",
    SUBJECT_OF = "subjectOf",
    TEXT = "text",
    POSITION = "position",
    VOLUME_NUMBER = "volumeNumber",
    ISSUE_NUMBER = "issueNumber",
    IMAGE = "image",
    URL = "url",
    DESCRIPTION = "description",
    DATE_MODIFIED = "dateModified",
    GIVEN_NAME = "givenName",
    FAMILY_NAME = "familyName",
    HONORIFIC_PREFIX = "honorificPrefix",
    ALTERNATE_NAME = "alternateName",
    FOUNDING_DATE = "foundingDate",
    LOCATION = "location",
    ADDRESS = "address",
    ADDRESS_LOCALITY = "addressLocality",
    ADDRESS_COUNTRY = "addressCountry",
    ADDRESS_REGION = "addressRegion",
    PLACE = "Place",
    POSTAL_ADDRESS = "PostalAddress",
    PARENT_ORGANIZATION = "parentOrganization",
    SUB_ORGANIZATION = "subOrganization",
    LICENSE = "license",
    FUNDER = "funder",
    KEYWORDS = "keywords",
    CREATOR = "creator",
    SPATIAL_COVERAGE = "spatialCoverage",
    BOOK = "Book",
    CHAPTER = "Chapter",
    REPORT = "Report",
    DATASET = "Dataset",
    CREATIVE_WORK_SERIES = "CreativeWorkSeries",
    IN_DEFINED_TERM_SET = "inDefinedTermSet",
});

namespace!(skos, "http://www.w3.org/2004/02/skos/core#", {
    BROADER = "broader",
});

namespace!(steppe, "https://w3id.org/steppe/ns#", {
    AUTHORSHIP_CLASS = "Authorship",
    AUTHORSHIP = "authorship",
    AUTHOR = "author",
    POSITION = "position",
    AFFILIATION_AT_PUBLICATION = "affiliationAtPublication",
    AFFILIATION_AS_PRINTED = "affiliationAsPrinted",
    PLAIN_LANGUAGE_SUMMARY = "PlainLanguageSummary",
    SUMMARIZES = "summarizes",
    SECTION = "section",
    SUMMARY_SECTION = "SummarySection",
    SECTION_KIND = "sectionKind",
    ISSN_PRINT = "issnPrint",
    ISSN_ONLINE = "issnOnline",
    ISSN_L = "issnL",
    SOURCE = "Source",
    LOADED_FROM = "loadedFrom",
    LOADED_AT = "loadedAt",
    QUADS = "quads",
    SHA256 = "sha256",
    INFERRED_FROM = "inferredFrom",
    GRAPH_CHANGE = "GraphChange",
    CHANGED_GRAPH = "changedGraph",
    DEFAULT_GRAPH = "defaultGraph",
    WRITTEN_BY = "writtenBy",
    WRITTEN_AT = "writtenAt",
    QUADS_ADDED = "quadsAdded",
    QUADS_REMOVED = "quadsRemoved",
    MODIFIED = "modified",
    BASE_IRI = "baseIri",
    ONTOLOGY_HASH = "ontologyHash",
    RELATED_ORGANIZATION = "relatedOrganization",
});

namespace!(prov, "http://www.w3.org/ns/prov#", {
    WAS_DERIVED_FROM = "wasDerivedFrom",
    GENERATED_AT_TIME = "generatedAtTime",
});

namespace!(dcterms, "http://purl.org/dc/terms/", {
    SOURCE = "source",
    MODIFIED = "modified",
});

namespace!(hydra, "http://www.w3.org/ns/hydra/core#", {
    COLLECTION = "Collection",
    MEMBER = "member",
    VIEW = "view",
    PARTIAL_COLLECTION_VIEW = "PartialCollectionView",
    NEXT = "next",
    PREVIOUS = "previous",
    FIRST = "first",
});

/// Prefixes used when steppe writes Turtle or tables for people.
pub const PREFIXES: &[(&str, &str)] = &[
    ("rdf", rdf::NS),
    ("rdfs", rdfs::NS),
    ("owl", owl::NS),
    ("xsd", xsd::NS),
    ("sh", sh::NS),
    ("schema", schema::NS),
    ("steppe", steppe::NS),
    ("prov", prov::NS),
    ("dcterms", dcterms::NS),
    ("hydra", hydra::NS),
];

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::NamedNode;

    #[test]
    fn every_constant_is_a_valid_iri() {
        for all in [
            rdf::ALL,
            rdfs::ALL,
            owl::ALL,
            xsd::ALL,
            sh::ALL,
            schema::ALL,
            steppe::ALL,
            prov::ALL,
            dcterms::ALL,
            hydra::ALL,
            skos::ALL,
        ] {
            for term in all {
                NamedNode::new(term.as_str()).unwrap();
            }
        }
    }
}
