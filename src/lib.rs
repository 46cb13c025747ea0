#![doc = include_str!("../README.md")]

pub mod auth;
pub mod caching;
pub mod catalogue;
pub mod citation;
pub mod cli;
pub mod config;
pub mod conneg;
pub mod dataset;
pub mod document;
pub mod dump;
pub mod embedded;
pub mod entailment;
pub mod graph_store;
pub mod http;
pub mod ids;
pub mod import;
pub mod mint;
pub mod pages;
pub mod pretty;
pub mod queries;
pub mod replay;
pub mod resolver;
pub mod results;
pub mod service;
pub mod shacl;
pub mod sitemap;
pub mod source;
pub mod sparql;
pub mod store;
pub mod synthetic;
pub mod update;
pub mod vocab;

pub use http::{AppState, app};
