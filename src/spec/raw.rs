//! The spec as written in one TOML file, before `extends` merging and validation.
//!
//! Every key is optional here: a fork may set only what it changes. Field names are the
//! spec format's contract (DESIGN.md §2); [`fields_of`] reads them back for « did you mean ».
//! Serializing a merged layer gives the self-contained spec a document embeds (`None` keys
//! are left out by the TOML serializer).

use serde::de::{self, Visitor};
use serde::{Deserialize, Serialize};

use super::model::{Kind, Lang, Status};
use super::sp::Sp;

/// One spec file's keys.
#[derive(Debug, Default, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSpec {
    #[schemars(
        description = "Another spec this one forks, relative to this file: only what is set here changes."
    )]
    pub extends: Option<Sp<String>>,
    /// The same motion in the other language (Brussels editions), relative to this file.
    pub translation: Option<Sp<String>>,
    #[schemars(
        description = "A template folder (made with `motion template fork`), relative to this file."
    )]
    pub template: Option<Sp<String>>,
    #[schemars(description = "The motion's language: `fr` or `nl`.")]
    pub lang: Option<Sp<Lang>>,
    #[schemars(description = "`motion` (the default) or `resolution`.")]
    pub kind: Option<Sp<Kind>>,
    #[schemars(description = "The motion's title.")]
    pub title: Option<Sp<String>>,
    /// Kept loose so that a string like "24/01/2017" gets a helpful message, not a type error.
    #[schemars(with = "Option<super::schema::TomlDate>")]
    #[schemars(description = "The session date, without quotes: 2017-01-24.")]
    pub date: Option<Sp<toml::Value>>,
    #[schemars(description = "`projet` (a draft), `adopte` or `rejete` once voted.")]
    pub status: Option<Sp<Status>>,
    #[schemars(description = "The register's reference of the deliberation.")]
    pub reference: Option<Sp<String>>,
    #[schemars(description = "Who tables the motion: `{ name = \"…\", group = \"…\" }`.")]
    pub authors: Option<Sp<Vec<Sp<RawAuthor>>>>,
    #[schemars(
        description = "The explanatory text before the « Vu » and « Considérant » lines; paragraphs separated by a blank line, Markdown emphasis allowed."
    )]
    pub preamble: Option<Sp<String>>,
    #[schemars(description = "« Vu … » and « Considérant que … » lines, one string each.")]
    pub considerants: Option<Sp<Vec<Sp<String>>>>,
    #[schemars(description = "The acting body.")]
    pub council: Option<Sp<RawCouncil>>,
    #[schemars(description = "The numbered demands, each opening with its operative verb.")]
    pub demands: Option<Sp<Vec<Sp<RawDemand>>>>,
    #[schemars(description = "The recorded vote, once the motion is adopted or rejected.")]
    pub vote: Option<Sp<RawVote>>,
    #[schemars(description = "Who signs: `role` and `name`.")]
    pub signatures: Option<Sp<Vec<Sp<RawSignature>>>>,
    #[schemars(description = "The sitting: agenda item, public or closed.")]
    pub session: Option<Sp<RawSession>>,
    #[schemars(description = "Who sat: `name`, `role`, `presence` (present, excused, absent).")]
    pub attendance: Option<Sp<Vec<Sp<RawAttendee>>>>,
    #[schemars(description = "Typography rules to silence for this motion.")]
    pub lint: Option<Sp<RawLint>>,
}

/// `[council]`: the acting body.
#[derive(Debug, Default, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCouncil {
    #[schemars(
        description = "The council as it acts: « Le Conseil de l’Action Sociale du CPAS de Forest »."
    )]
    pub name: Option<Sp<String>>,
    #[schemars(description = "How the text names it: « CPAS de Forest » ({{ council.short }}).")]
    pub short: Option<Sp<String>>,
    #[schemars(description = "Where the motion is signed: « Fait à Forest ».")]
    pub place: Option<Sp<String>>,
    #[schemars(description = "A PNG or JPEG for the page header, relative to this file.")]
    pub logo: Option<Sp<String>>,
}

/// One `[[demands]]` entry.
#[derive(Debug, Default, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawDemand {
    #[schemars(description = "A stable id (`garants`): forks and amendments name demands by it.")]
    pub id: Option<Sp<String>>,
    #[schemars(description = "The operative verb, printed in bold: dénonce, refuse, demande …")]
    pub verb: Option<Sp<String>>,
    #[schemars(description = "A condition set before the text: « en cas de vote de la loi ».")]
    pub condition: Option<Sp<String>>,
    #[schemars(description = "What follows the verb.")]
    pub text: Option<Sp<String>>,
    /// In a fork: drop the base's demand with this id.
    pub remove: Option<Sp<bool>>,
}

/// `[vote]`: the recorded ballot.
#[derive(Debug, Default, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawVote {
    #[schemars(
        description = "Members present (by default, those marked present in the attendance)."
    )]
    pub present: Option<Sp<u32>>,
    #[serde(rename = "for")]
    #[schemars(description = "Votes for.")]
    pub for_: Option<Sp<u32>>,
    #[schemars(description = "Votes against.")]
    pub against: Option<Sp<u32>>,
    #[schemars(description = "Abstentions.")]
    pub abstain: Option<Sp<u32>>,
    #[schemars(description = "Adopted unanimously.")]
    pub unanimous: Option<Sp<bool>>,
    #[schemars(description = "A secret ballot (no roll call).")]
    pub secret: Option<Sp<bool>>,
    #[schemars(description = "The roll call: names from the attendance.")]
    pub names: Option<Sp<RawVoteNames>>,
}

/// `[vote.names]`: the roll call, names from `[[attendance]]`.
#[derive(Debug, Default, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawVoteNames {
    #[serde(rename = "for")]
    pub for_: Option<Sp<Vec<Sp<String>>>>,
    pub against: Option<Sp<Vec<Sp<String>>>>,
    pub abstain: Option<Sp<Vec<Sp<String>>>>,
}

/// `[session]`: the sitting the motion is put to.
#[derive(Debug, Default, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSession {
    /// The agenda item: a number, or a string such as "12bis". Kept loose for the message.
    #[schemars(with = "Option<super::schema::AgendaItem>")]
    #[schemars(description = "The item of the agenda: 12, or \"12bis\".")]
    pub item: Option<Sp<toml::Value>>,
    #[schemars(description = "A public sitting (`true`) or closed (« huis clos »).")]
    pub public: Option<Sp<bool>>,
}

/// One `[[attendance]]` entry.
#[derive(Debug, Default, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAttendee {
    #[schemars(description = "The member's name, as the register writes it.")]
    pub name: Option<Sp<String>>,
    #[schemars(description = "Their role: Président, Conseillère, Directeur général …")]
    pub role: Option<Sp<String>>,
    #[schemars(description = "`present`, `excused` or `absent`.")]
    pub presence: Option<Sp<String>>,
    /// Whether the member votes; by default everyone but the clerk.
    pub votes: Option<Sp<bool>>,
}

/// One `[[signatures]]` entry.
#[derive(Debug, Default, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSignature {
    pub role: Option<Sp<String>>,
    pub name: Option<Sp<String>>,
}

/// One `authors` entry.
#[derive(Debug, Default, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAuthor {
    pub name: Option<Sp<String>>,
    pub group: Option<Sp<String>>,
}

/// `[lint]`: per-spec lint settings.
#[derive(Debug, Default, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLint {
    #[schemars(description = "Rule ids (`motion check --rules`) not to report for this motion.")]
    pub allow: Option<Sp<Vec<Sp<String>>>>,
}

/// The field names serde expects for `T`, read from its derived `Deserialize` impl, so that
/// the unknown-key check and the types can never disagree.
pub fn fields_of<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    let mut grabber = FieldGrabber(&[]);
    let _ = T::deserialize(&mut grabber);
    grabber.0
}

struct FieldGrabber(&'static [&'static str]);

impl<'de> de::Deserializer<'de> for &mut FieldGrabber {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("introspection only"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0 = fields;
        Err(de::Error::custom("introspection only"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn introspection_reads_serde_names() {
        assert_eq!(
            fields_of::<RawVote>(),
            [
                "present",
                "for",
                "against",
                "abstain",
                "unanimous",
                "secret",
                "names"
            ]
        );
        assert!(fields_of::<RawSpec>().contains(&"considerants"));
    }
}
