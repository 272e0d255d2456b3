//! An amendment file as written (DESIGN.md §7), every key optional until checked.

use serde::Deserialize;

use crate::spec::raw::{RawAuthor, RawVote};
use crate::spec::sp::Sp;

/// The file: the motion it amends and its amendments.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    #[schemars(description = "The motion amended, relative to this file.")]
    pub motion: Option<Sp<String>>,
    /// When the amendments were tabled; kept loose for the date message.
    #[schemars(with = "Option<crate::spec::schema::TomlDate>")]
    #[schemars(description = "When the amendments were tabled, without quotes: 2017-01-24.")]
    pub date: Option<Sp<toml::Value>>,
    #[schemars(description = "The amendments, in the order they are put to the vote.")]
    pub amendments: Option<Sp<Vec<Sp<RawAmendment>>>>,
}

/// One `[[amendments]]` entry.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAmendment {
    #[schemars(description = "The amendment's number: A1, A2 …")]
    pub id: Option<Sp<String>>,
    #[schemars(description = "Who tables it: `{ name = \"…\", group = \"…\" }`.")]
    pub authors: Option<Sp<Vec<Sp<RawAuthor>>>>,
    #[schemars(description = "What it changes: a demand id, `considerant-N`, or `title`.")]
    pub target: Option<Sp<String>>,
    #[schemars(description = "`replace`, `delete`, `insert-after` or `insert-before`.")]
    pub action: Option<Sp<String>>,
    #[schemars(description = "The words changed inside the target (all of it when left out).")]
    pub find: Option<Sp<String>>,
    #[schemars(description = "The new words, or the new demand's text.")]
    pub text: Option<Sp<String>>,
    #[schemars(description = "The new demand's operative verb.")]
    pub verb: Option<Sp<String>>,
    #[schemars(description = "The new demand's id.")]
    pub new_id: Option<Sp<String>>,
    #[schemars(description = "Why: printed in the amendment list.")]
    pub justification: Option<Sp<String>>,
    #[schemars(description = "`depose`, `adopte`, `rejete` or `retire`.")]
    pub status: Option<Sp<String>>,
    #[schemars(description = "The amendment's vote.")]
    pub vote: Option<Sp<RawVote>>,
}
