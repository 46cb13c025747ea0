//! FAIR Signposting (signposting.org, level 1): the typed links a landing page and its
//! documents carry, as `Link` headers and as `<link>` elements, so that a machine finds the
//! persistent identifier, the metadata documents, the authors, the type and the licence
//! without reading the page.

use crate::document::Document;
use crate::pages::paper::Paper;
use crate::vocab::{rdf, schema};
use oxigraph::model::Term;

/// One typed link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signpost {
    pub rel: &'static str,
    pub href: String,
    /// The media type of a `describedby` document.
    pub media: Option<&'static str>,
}

impl Signpost {
    fn new(rel: &'static str, href: impl Into<String>, media: Option<&'static str>) -> Self {
        Self {
            rel,
            href: href.into(),
            media,
        }
    }

    /// As a `Link` header value.
    pub fn header(&self) -> String {
        match self.media {
            Some(media) => format!("<{}>; rel=\"{}\"; type=\"{media}\"", self.href, self.rel),
            None => format!("<{}>; rel=\"{}\"", self.href, self.rel),
        }
    }
}

/// The signposts of an entity: `cite-as` (the DOI of a paper that has one, else the entity's
/// IRI), `describedby` for each `documents` entry (absolute IRI, media type), `author` for each
/// author's ORCID, `type` for each schema.org type (and `AboutPage`, for the landing page), and
/// `license` for each licence it states.
pub fn signposts(
    document: &Document,
    paper: Option<&Paper>,
    documents: &[(&'static str, String)],
) -> Vec<Signpost> {
    let this = document.iri.as_ref();
    let mut out = Vec::new();
    let cite_as = paper
        .and_then(Paper::doi_url)
        .unwrap_or_else(|| this.as_str().to_owned());
    out.push(Signpost::new("cite-as", cite_as, None));
    for (media, href) in documents {
        out.push(Signpost::new("describedby", href.clone(), Some(*media)));
    }
    if let Some(paper) = paper {
        for orcid in paper.authors.iter().filter_map(|a| a.orcid.as_ref()) {
            out.push(Signpost::new("author", orcid.clone(), None));
        }
    }
    for class in document.links(this, rdf::TYPE) {
        if let Some(local) = class.as_str().strip_prefix(schema::NS) {
            out.push(Signpost::new(
                "type",
                format!("https://schema.org/{local}"),
                None,
            ));
        }
    }
    out.push(Signpost::new("type", "https://schema.org/AboutPage", None));
    for licence in document.objects(this, schema::LICENSE) {
        if let Term::NamedNode(licence) = licence {
            out.push(Signpost::new("license", licence.as_str(), None));
        }
    }
    out
}
