//! Unknown keys, all of them at once, each with a « did you mean » suggestion.

use toml::de::{DeTable, DeValue};

use super::error::SpecError;
use super::raw::{
    RawAttendee, RawAuthor, RawCouncil, RawDemand, RawLint, RawSession, RawSignature, RawSpec,
    RawVote, RawVoteNames, fields_of,
};
use crate::diagnostics::did_you_mean;
use crate::source::{FileId, Span};

/// Checks every key of a spec file against the serde types' field names.
pub fn check_keys(root: &DeTable, file: FileId) -> Vec<SpecError> {
    let mut errors = Vec::new();
    check_table(root, fields_of::<RawSpec>(), None, file, &mut errors);
    for (key, value) in root.iter() {
        let nested: &[&str] = match key.get_ref().as_ref() {
            "council" => fields_of::<RawCouncil>(),
            "vote" => fields_of::<RawVote>(),
            "lint" => fields_of::<RawLint>(),
            "demands" => fields_of::<RawDemand>(),
            "signatures" => fields_of::<RawSignature>(),
            "authors" => fields_of::<RawAuthor>(),
            "session" => fields_of::<RawSession>(),
            "attendance" => fields_of::<RawAttendee>(),
            _ => continue,
        };
        let name = key.get_ref().as_ref();
        match value.get_ref() {
            DeValue::Table(table) => {
                check_table(table, nested, Some(name), file, &mut errors);
                if name == "vote"
                    && let Some(names) = table.get("names")
                    && let DeValue::Table(names) = names.get_ref()
                {
                    let expected = fields_of::<RawVoteNames>();
                    check_table(names, expected, Some("vote.names"), file, &mut errors);
                }
            }
            DeValue::Array(items) => {
                for item in items.iter() {
                    if let DeValue::Table(table) = item.get_ref() {
                        check_table(table, nested, Some(name), file, &mut errors);
                    }
                }
            }
            _ => {}
        }
    }
    errors
}

pub(crate) fn check_table(
    table: &DeTable,
    expected: &[&str],
    name: Option<&str>,
    file: FileId,
    errors: &mut Vec<SpecError>,
) {
    for key in table.keys() {
        let k: &str = key.get_ref().as_ref();
        if expected.contains(&k) {
            continue;
        }
        errors.push(SpecError::UnknownKey {
            key: k.to_string(),
            table: name.map(str::to_string),
            span: Span::new(file, key.span()),
            suggestion: did_you_mean(k, expected.iter().copied())
                .or_else(|| translated(k).filter(|t| expected.contains(t)))
                .map(str::to_string),
            expected: expected.iter().map(|s| s.to_string()).collect(),
        });
    }
}

/// The key a French or Dutch speaker meant by a key written in their language.
fn translated(key: &str) -> Option<&'static str> {
    let key = key.to_lowercase();
    let pairs: &[(&[&str], &str)] = &[
        (&["pour", "voor"], "for"),
        (&["contre", "tegen"], "against"),
        (
            &["abstention", "abstentions", "onthouding", "onthoudingen"],
            "abstain",
        ),
        (
            &["presents", "présents", "aanwezig", "aanwezigen"],
            "present",
        ),
        (
            &["presences", "présences", "aanwezigheden", "presence"],
            "attendance",
        ),
        (&["seance", "séance", "zitting"], "session"),
        (&["publique", "openbaar"], "public"),
        (&["point", "objet", "punt", "agendapunt"], "item"),
        (&["nom", "naam"], "name"),
        (&["rôle", "fonction", "functie", "hoedanigheid"], "role"),
        (&["noms", "namen", "appel", "nominatif"], "names"),
        (&["unanime", "unanimité", "eenparig"], "unanimous"),
        (&["secret", "geheim"], "secret"),
    ];
    pairs
        .iter()
        .find(|(words, _)| words.contains(&key.as_str()))
        .map(|(_, target)| *target)
}
