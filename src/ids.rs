//! External identifiers of scholarly entities: DOI, ORCID, ISSN, ROR, Wikidata.
//!
//! Each type is parsed once ("parse, don't validate") into its normal form, so the same
//! identifier always mints the same IRI. Owns no I/O and no IRIs of ours (that is `mint`).

use std::fmt;

/// Why an identifier did not parse.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum IdError {
    #[error("invalid DOI {0:?}: expected 10.<registrant>/<suffix>")]
    Doi(String),
    #[error("invalid ORCID {0:?}: expected 0000-0000-0000-000X with a valid check digit")]
    Orcid(String),
    #[error("invalid ISSN {0:?}: expected NNNN-NNNC with a valid check digit")]
    Issn(String),
    #[error("invalid ROR id {0:?}: expected 0 + 6 characters + 2 check digits")]
    Ror(String),
    #[error("invalid Wikidata id {0:?}: expected Q followed by digits")]
    Wikidata(String),
}

/// A DOI in lower case without resolver prefix, such as `10.1080/09557571.2018.1520809`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Doi(String);

impl Doi {
    /// Parses a DOI, with or without `doi:` or a `https://doi.org/` resolver prefix.
    pub fn parse(input: &str) -> Result<Self, IdError> {
        let trimmed = input.trim();
        let lower = trimmed.to_lowercase();
        let bare = strip_resolver(
            &lower,
            &[
                "https://doi.org/",
                "http://doi.org/",
                "https://dx.doi.org/",
                "http://dx.doi.org/",
                "doi:",
            ],
        );
        let valid = bare
            .strip_prefix("10.")
            .and_then(|rest| rest.split_once('/'))
            .is_some_and(|(registrant, suffix)| {
                !registrant.is_empty()
                    && registrant.chars().all(|c| c.is_ascii_digit() || c == '.')
                    && !suffix.is_empty()
                    && !suffix.chars().any(char::is_whitespace)
            });
        if valid {
            Ok(Self(bare.to_owned()))
        } else {
            Err(IdError::Doi(input.to_owned()))
        }
    }

    /// The normal form, `10.…/…`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The resolver IRI, `https://doi.org/10.…`.
    pub fn iri(&self) -> String {
        format!("https://doi.org/{}", self.0)
    }
}

/// An ORCID iD such as `0000-0002-1825-0097`, checked with ISO 7064 MOD 11-2.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Orcid(String);

impl Orcid {
    /// Parses an ORCID iD, with or without the `https://orcid.org/` prefix.
    pub fn parse(input: &str) -> Result<Self, IdError> {
        let err = || IdError::Orcid(input.to_owned());
        let trimmed = input.trim();
        let bare = strip_resolver(trimmed, &["https://orcid.org/", "http://orcid.org/"]);
        let chars: Vec<char> = bare.chars().filter(|c| *c != '-').collect();
        if chars.len() != 16
            || bare.len() != 19
            || !bare
                .chars()
                .enumerate()
                .all(|(i, c)| (c == '-') == (i % 5 == 4))
        {
            return Err(err());
        }
        let mut total = 0u32;
        for c in &chars[..15] {
            total = (total + c.to_digit(10).ok_or_else(err)?) * 2;
        }
        let check = (12 - total % 11) % 11;
        let expected = if check == 10 {
            'X'
        } else {
            char::from_digit(check, 10).ok_or_else(err)?
        };
        if chars[15].to_ascii_uppercase() != expected {
            return Err(err());
        }
        Ok(Self(bare.to_ascii_uppercase()))
    }

    /// The normal form, `0000-0000-0000-000X`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The resolver IRI, `https://orcid.org/…`.
    pub fn iri(&self) -> String {
        format!("https://orcid.org/{}", self.0)
    }
}

/// An ISSN such as `0955-7571`, checked with its mod-11 check digit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Issn(String);

impl Issn {
    /// Parses an ISSN written `NNNN-NNNC` or `NNNNNNNC`.
    pub fn parse(input: &str) -> Result<Self, IdError> {
        let err = || IdError::Issn(input.to_owned());
        let compact: String = input.trim().chars().filter(|c| *c != '-').collect();
        if compact.len() != 8 || (input.trim().len() == 9 && input.trim().as_bytes()[4] != b'-') {
            return Err(err());
        }
        let digits: Vec<char> = compact.chars().collect();
        let mut total = 0u32;
        for (i, c) in digits[..7].iter().enumerate() {
            total += c.to_digit(10).ok_or_else(err)? * (8 - u32::try_from(i).map_err(|_| err())?);
        }
        let check = (11 - total % 11) % 11;
        let expected = if check == 10 {
            'X'
        } else {
            char::from_digit(check, 10).ok_or_else(err)?
        };
        if digits[7].to_ascii_uppercase() != expected {
            return Err(err());
        }
        Ok(Self(format!(
            "{}-{}",
            &compact[..4],
            compact[4..].to_ascii_uppercase()
        )))
    }

    /// The normal form, `NNNN-NNNC`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The ISSN portal IRI.
    pub fn iri(&self) -> String {
        format!("https://portal.issn.org/resource/ISSN/{}", self.0)
    }
}

/// A ROR id such as `05jnvbc31` (the part after `https://ror.org/`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ror(String);

impl Ror {
    /// Parses a ROR id, with or without the `https://ror.org/` prefix, checking its
    /// ISO 7064 MOD 97-10 check digits over the Crockford base32 value.
    pub fn parse(input: &str) -> Result<Self, IdError> {
        let err = || IdError::Ror(input.to_owned());
        let trimmed = input.trim();
        let bare =
            strip_resolver(trimmed, &["https://ror.org/", "http://ror.org/"]).to_ascii_lowercase();
        if bare.len() != 9 || !bare.starts_with('0') {
            return Err(err());
        }
        let (body, check) = bare.split_at(7);
        let mut value: u64 = 0;
        for c in body.chars() {
            value = value * 32 + u64::from(crockford_value(c).ok_or_else(err)?);
        }
        let check: u64 = check.parse().map_err(|_| err())?;
        if 98 - (value * 100) % 97 != check {
            return Err(err());
        }
        Ok(Self(bare))
    }

    /// The normal form, nine lower-case characters.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The registry IRI, `https://ror.org/…`.
    pub fn iri(&self) -> String {
        format!("https://ror.org/{}", self.0)
    }
}

/// `input` without the first of `prefixes` it starts with.
fn strip_resolver<'a>(input: &'a str, prefixes: &[&str]) -> &'a str {
    prefixes
        .iter()
        .find_map(|prefix| input.strip_prefix(prefix))
        .unwrap_or(input)
}

fn crockford_value(c: char) -> Option<u32> {
    const ALPHABET: &str = "0123456789abcdefghjkmnpqrstvwxyz";
    ALPHABET.find(c).and_then(|i| u32::try_from(i).ok())
}

/// A Wikidata item id such as `Q36442`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct WikidataId(String);

impl WikidataId {
    /// Parses `Q123`, or an entity or wiki IRI ending in it.
    pub fn parse(input: &str) -> Result<Self, IdError> {
        let trimmed = input.trim();
        let last = trimmed.rsplit('/').next().unwrap_or(trimmed);
        let valid = last.strip_prefix('Q').is_some_and(|digits| {
            !digits.is_empty()
                && !digits.starts_with('0')
                && digits.chars().all(|c| c.is_ascii_digit())
        });
        if valid {
            Ok(Self(last.to_owned()))
        } else {
            Err(IdError::Wikidata(input.to_owned()))
        }
    }

    /// The normal form, `Q…`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The entity IRI, `https://www.wikidata.org/entity/Q…`.
    pub fn iri(&self) -> String {
        format!("https://www.wikidata.org/entity/{}", self.0)
    }
}

macro_rules! display_as_str {
    ($($t:ty),*) => {$(
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    )*};
}
display_as_str!(Doi, Orcid, Issn, Ror, WikidataId);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doi_is_lower_cased_and_stripped_of_resolver() {
        let doi = Doi::parse("https://doi.org/10.1080/09557571.2018.1520809").unwrap();
        assert_eq!(doi.as_str(), "10.1080/09557571.2018.1520809");
        assert_eq!(
            Doi::parse("doi:10.1000/ABC").unwrap().as_str(),
            "10.1000/abc"
        );
        assert!(Doi::parse("11.1000/abc").is_err());
        assert!(Doi::parse("10.1000/").is_err());
        assert!(Doi::parse("10.1000/a b").is_err());
    }

    #[test]
    fn orcid_check_digit() {
        assert_eq!(
            Orcid::parse("https://orcid.org/0000-0002-1825-0097")
                .unwrap()
                .as_str(),
            "0000-0002-1825-0097"
        );
        assert_eq!(
            Orcid::parse("0000-0002-1694-233x").unwrap().as_str(),
            "0000-0002-1694-233X"
        );
        assert!(Orcid::parse("0000-0002-1825-0098").is_err());
        assert!(Orcid::parse("0000000218250097").is_err());
    }

    #[test]
    fn issn_check_digit() {
        assert_eq!(Issn::parse("0955-7571").unwrap().as_str(), "0955-7571");
        assert_eq!(Issn::parse("1474449x").unwrap().as_str(), "1474-449X");
        assert!(Issn::parse("0955-7572").is_err());
        assert!(Issn::parse("095-57571").is_err());
    }

    #[test]
    fn ror_check_digits() {
        assert_eq!(
            Ror::parse("https://ror.org/05jnvbc31").unwrap().as_str(),
            "05jnvbc31"
        );
        assert_eq!(Ror::parse("0242cby63").unwrap().as_str(), "0242cby63");
        assert!(Ror::parse("05jnvbc32").is_err());
        assert!(Ror::parse("15jnvbc31").is_err());
    }

    #[test]
    fn wikidata_ids() {
        assert_eq!(
            WikidataId::parse("https://www.wikidata.org/wiki/Q36442")
                .unwrap()
                .as_str(),
            "Q36442"
        );
        assert!(WikidataId::parse("P31").is_err());
        assert!(WikidataId::parse("Q012").is_err());
    }
}
