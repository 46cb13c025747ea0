//! Configuration shared by the commands: where the store is and which base IRI it mints under.
//!
//! Parsed by clap (flags with `STEPPE_…` environment fallbacks), validated once, then passed
//! explicitly. There are no globals.

use crate::embedded;
use crate::store::{Store, StoreError};
use clap::Args;
use std::path::PathBuf;

/// The base IRI a new store mints under when none is given.
pub const DEFAULT_BASE: &str = "http://localhost:7878/";

/// Which store a command works on.
#[derive(Debug, Clone, Args)]
pub struct StoreArgs {
    /// Directory of the persistent store (created when missing).
    #[arg(
        long,
        env = "STEPPE_STORE",
        default_value = "steppe-data",
        value_name = "DIR"
    )]
    pub store: PathBuf,
    /// Use a fresh in-memory store instead of --store (nothing is kept on exit).
    #[arg(long, conflicts_with = "store")]
    pub memory: bool,
    /// Base IRI of minted resources, ending in '/'. Recorded when the store is created; a store
    /// keeps its base. Default for a new store: http://localhost:7878/
    #[arg(long, env = "STEPPE_BASE_IRI", value_name = "IRI")]
    pub base_iri: Option<String>,
}

impl StoreArgs {
    /// Opens the store and brings its ontology (and so its inferred graphs) up to date.
    pub fn open(&self) -> Result<Store, StoreError> {
        let store = if self.memory {
            Store::in_memory(self.base_iri.as_deref().unwrap_or(DEFAULT_BASE))?
        } else {
            Store::open(&self.store, self.base_iri.as_deref())?
        };
        store.install_ontology(embedded::ONTOLOGY)?;
        Ok(store)
    }
}
