//! An amendment file as written (DESIGN.md §7), every key optional until checked.

use serde::Deserialize;

use crate::spec::raw::{RawAuthor, RawVote};
use crate::spec::sp::Sp;

/// The file: the motion it amends and its amendments.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    pub motion: Option<Sp<String>>,
    /// When the amendments were tabled; kept loose for the date message.
    pub date: Option<Sp<toml::Value>>,
    pub amendments: Option<Sp<Vec<Sp<RawAmendment>>>>,
}

/// One `[[amendments]]` entry.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAmendment {
    pub id: Option<Sp<String>>,
    pub authors: Option<Sp<Vec<Sp<RawAuthor>>>>,
    pub target: Option<Sp<String>>,
    pub action: Option<Sp<String>>,
    pub find: Option<Sp<String>>,
    pub text: Option<Sp<String>>,
    pub verb: Option<Sp<String>>,
    pub new_id: Option<Sp<String>>,
    pub justification: Option<Sp<String>>,
    pub status: Option<Sp<String>>,
    pub vote: Option<Sp<RawVote>>,
}
