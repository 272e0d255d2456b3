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
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawSpec {
    pub extends: Option<Sp<String>>,
    /// The same motion in the other language (Brussels editions), relative to this file.
    pub translation: Option<Sp<String>>,
    pub template: Option<Sp<String>>,
    pub lang: Option<Sp<Lang>>,
    pub kind: Option<Sp<Kind>>,
    pub title: Option<Sp<String>>,
    /// Kept loose so that a string like "24/01/2017" gets a helpful message, not a type error.
    pub date: Option<Sp<toml::Value>>,
    pub status: Option<Sp<Status>>,
    pub reference: Option<Sp<String>>,
    pub authors: Option<Sp<Vec<Sp<RawAuthor>>>>,
    pub preamble: Option<Sp<String>>,
    pub considerants: Option<Sp<Vec<Sp<String>>>>,
    pub council: Option<Sp<RawCouncil>>,
    pub demands: Option<Sp<Vec<Sp<RawDemand>>>>,
    pub vote: Option<Sp<RawVote>>,
    pub signatures: Option<Sp<Vec<Sp<RawSignature>>>>,
    pub session: Option<Sp<RawSession>>,
    pub attendance: Option<Sp<Vec<Sp<RawAttendee>>>>,
    pub lint: Option<Sp<RawLint>>,
}

/// `[council]`: the acting body.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawCouncil {
    pub name: Option<Sp<String>>,
    pub short: Option<Sp<String>>,
    pub place: Option<Sp<String>>,
    pub logo: Option<Sp<String>>,
}

/// One `[[demands]]` entry.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawDemand {
    pub id: Option<Sp<String>>,
    pub verb: Option<Sp<String>>,
    pub condition: Option<Sp<String>>,
    pub text: Option<Sp<String>>,
    /// In a fork: drop the base's demand with this id.
    pub remove: Option<Sp<bool>>,
}

/// `[vote]`: the recorded ballot.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawVote {
    pub present: Option<Sp<u32>>,
    #[serde(rename = "for")]
    pub for_: Option<Sp<u32>>,
    pub against: Option<Sp<u32>>,
    pub abstain: Option<Sp<u32>>,
    pub unanimous: Option<Sp<bool>>,
    pub secret: Option<Sp<bool>>,
    pub names: Option<Sp<RawVoteNames>>,
}

/// `[vote.names]`: the roll call, names from `[[attendance]]`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawVoteNames {
    #[serde(rename = "for")]
    pub for_: Option<Sp<Vec<Sp<String>>>>,
    pub against: Option<Sp<Vec<Sp<String>>>>,
    pub abstain: Option<Sp<Vec<Sp<String>>>>,
}

/// `[session]`: the sitting the motion is put to.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawSession {
    /// The agenda item: a number, or a string such as "12bis". Kept loose for the message.
    pub item: Option<Sp<toml::Value>>,
    pub public: Option<Sp<bool>>,
}

/// One `[[attendance]]` entry.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawAttendee {
    pub name: Option<Sp<String>>,
    pub role: Option<Sp<String>>,
    pub presence: Option<Sp<String>>,
    /// Whether the member votes; by default everyone but the clerk.
    pub votes: Option<Sp<bool>>,
}

/// One `[[signatures]]` entry.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawSignature {
    pub role: Option<Sp<String>>,
    pub name: Option<Sp<String>>,
}

/// One `authors` entry.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawAuthor {
    pub name: Option<Sp<String>>,
    pub group: Option<Sp<String>>,
}

/// `[lint]`: per-spec lint settings.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawLint {
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
