//! OpenAlex authors into people: by ORCID when the record has one, else the person of the
//! OpenAlex id (whom OpenAlex works name too). Names and their variants; the institutions of the
//! last known affiliation as `schema:affiliation` (earlier ones are left to the works, whose
//! authorships carry the affiliation at publication). OpenAlex's "Deleted Author" tombstones
//! are skipped.

use super::{display_name, mapped, other_ids, strings, updated};
use crate::import::Mapped;
use crate::import::model::{self, Out};
use crate::mint::Minter;
use crate::vocab::schema;
use serde_json::Value;

pub(super) fn map(record: &Value, id: &str, minter: &Minter) -> Result<Mapped, String> {
    let name = display_name(record)?;
    if name == "Deleted Author" && record["works_count"].as_u64() == Some(0) {
        return Err(format!(
            "deleted record (OpenAlex author {id} is a tombstone)"
        ));
    }
    let mut out = Out::default();
    let mut dropped = Vec::new();
    let orcid = model::orcid(
        record["orcid"]
            .as_str()
            .or_else(|| record["ids"]["orcid"].as_str()),
        "orcid",
        &mut dropped,
    );
    let person = model::person(minter, orcid.as_ref(), "openalex", id);
    out.a(&person, schema::PERSON);
    out.text(&person, schema::NAME, name, None);
    for other in strings(&record["display_name_alternatives"]).filter(|n| *n != name) {
        out.text(&person, schema::ALTERNATE_NAME, other, None);
    }
    if let Some(orcid) = &orcid {
        out.identifier(&person, "orcid", orcid.as_str(), Some(&orcid.iri()));
    }
    other_ids(record, &person, id, &mut out, &mut dropped);
    for (index, institution) in record["last_known_institutions"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        out.organisation(
            &person,
            schema::AFFILIATION,
            (
                institution["ror"].as_str(),
                institution["display_name"].as_str(),
            ),
            &format!("last_known_institutions[{index}].ror"),
            minter,
            &mut dropped,
        );
    }
    updated(record, &person, &mut out);
    Ok(mapped(id.to_owned(), person, out, dropped))
}
