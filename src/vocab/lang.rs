//! The languages motions are written in.

use serde::{Deserialize, Serialize};

/// Language of a motion or of one block: drives labels, hyphenation and typography.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Deserialize,
    Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Fr,
    Nl,
}

impl Lang {
    /// Every language, in the order labels and help texts list them.
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::Nl];

    /// ISO 639-1 code: `fr`, `nl`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::Nl => "nl",
        }
    }

    /// The language of a code, as written in specs and markup.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// BCP 47 tag for Belgium, used in PDF, DOCX and HTML.
    pub fn bcp47(self) -> &'static str {
        match self {
            Lang::Fr => "fr-BE",
            Lang::Nl => "nl-BE",
        }
    }

    /// French sets a (thin) no-break space before `; : ! ?` and inside « »; Dutch does not.
    pub fn spaces_high_punctuation(self) -> bool {
        self == Lang::Fr
    }
}
