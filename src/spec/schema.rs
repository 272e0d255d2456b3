//! JSON Schemas of the file formats (`motion schema`), derived from the serde types the
//! loader reads, so that they cannot drift; for Taplo / Even Better TOML in editors.

use schemars::{JsonSchema, Schema, SchemaGenerator, generate::SchemaSettings, json_schema};

use super::amendment::RawFile;
use super::raw::RawSpec;

/// Which file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A motion (`motions/forest.toml`).
    Spec,
    /// An amendment file (`forest.amendements.toml`).
    Amendments,
    /// A session file (`seance.toml`): the agenda of a sitting.
    Session,
}

/// The schema as pretty JSON, with a final newline (the files in `schemas/` are these bytes).
pub fn json(format: Format) -> String {
    let generator = SchemaSettings::draft07().into_generator();
    let (schema, title) = match format {
        Format::Spec => (generator.into_root_schema_for::<RawSpec>(), "motion spec"),
        Format::Amendments => (
            generator.into_root_schema_for::<RawFile>(),
            "motion amendment file",
        ),
        Format::Session => (
            generator.into_root_schema_for::<super::session_file::RawSessionFile>(),
            "motion session file",
        ),
    };
    let mut value = schema.to_value();
    // TOML has no null: optional keys are simply absent.
    drop_null(&mut value);
    if let Some(map) = value.as_object_mut() {
        map.insert("title".into(), title.into());
    }
    let mut out = serde_json::to_string_pretty(&value).unwrap_or_default();
    out.push('\n');
    out
}

/// Removes the `null` alternatives schemars adds to `Option` fields.
fn drop_null(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    map.insert("type".into(), only);
                }
            }
            for key in ["anyOf", "oneOf"] {
                if let Some(Value::Array(options)) = map.get_mut(key) {
                    options.retain(|o| o.get("type").is_none_or(|t| t != "null"));
                    if options.len() == 1 {
                        let only = options.remove(0);
                        map.remove(key);
                        if let Value::Object(inner) = only {
                            for (k, v) in inner {
                                map.entry(k).or_insert(v);
                            }
                        }
                    }
                }
            }
            for v in map.values_mut() {
                drop_null(v);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(drop_null),
        _ => {}
    }
}

/// A TOML local date, written without quotes: `date = 2017-01-24`.
pub struct TomlDate;

impl JsonSchema for TomlDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "TomlDate".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A date, written without quotes: 2017-01-24.",
            "type": "string",
            "format": "date"
        })
    }
}

/// An agenda item: a number, or a string such as "12bis".
pub struct AgendaItem;

impl JsonSchema for AgendaItem {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "AgendaItem".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "The item of the agenda: 12, or \"12bis\".",
            "anyOf": [
                { "type": "integer", "minimum": 1 },
                { "type": "string", "minLength": 1 }
            ]
        })
    }
}
