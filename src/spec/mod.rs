//! TOML → [`Spec`]: serde types with spans, `extends` merging and validation.
//! Knows nothing of templates or output formats.

pub mod amendment;
mod embed;
mod error;
mod extends;
mod keys;
mod kind;
mod model;
mod parity;
mod raw;
mod read;
mod register;
pub mod schema;
pub mod session_file;
mod sp;
pub mod strspan;
mod validate;
mod vars;

use std::path::Path;

pub use embed::{embedded_name, self_contained};
pub use error::{MAX_FILE_SIZE, SpecError, quote_list};
pub use extends::MAX_DEPTH;
pub use kind::FileKind;
pub use model::*;
pub use read::io_reason;
pub use sp::Sp;
pub use vars::VARIABLES;

use crate::source::Sources;

/// Reads, merges and validates the spec at `path`. Files read are added to `sources`.
pub fn load(path: &Path, sources: &mut Sources) -> Result<Spec, Vec<SpecError>> {
    load_inner(path, None, sources)
}

/// Like [`load`], with the spec's bytes given (its `extends` chain is still read from disk,
/// relative to `path`): for fuzzing and for specs that do not come from a file.
pub fn load_bytes(
    path: &Path,
    bytes: Vec<u8>,
    sources: &mut Sources,
) -> Result<Spec, Vec<SpecError>> {
    load_inner(path, Some(bytes), sources)
}

/// The translation a spec names, loaded, and the differences between the two (an error
/// each, pointing into both files). `None` when the spec names none.
pub fn load_translation(
    spec: &Spec,
    sources: &mut Sources,
) -> Option<Result<Spec, Vec<SpecError>>> {
    let (path, _) = spec.translation.as_ref()?;
    Some(load(path, sources).and_then(|other| {
        let errors = parity::check(spec, &other, sources);
        if errors.is_empty() {
            Ok(other)
        } else {
            Err(errors)
        }
    }))
}

/// Like [`load`], with an attendance for a spec that has none (a session's).
pub fn load_with_attendance(
    path: &Path,
    attendance: Option<&Sp<Vec<Sp<raw::RawAttendee>>>>,
    sources: &mut Sources,
) -> Result<Spec, Vec<SpecError>> {
    let mut merged = extends::load(path, None, sources)?;
    if merged.raw.attendance.is_none() {
        merged.raw.attendance = attendance.cloned();
    }
    finish(merged, sources)
}

fn load_inner(
    path: &Path,
    bytes: Option<Vec<u8>>,
    sources: &mut Sources,
) -> Result<Spec, Vec<SpecError>> {
    let merged = extends::load(path, bytes, sources)?;
    finish(merged, sources)
}

fn finish(merged: extends::Merged, sources: &mut Sources) -> Result<Spec, Vec<SpecError>> {
    let spec = validate::validate(merged.raw, merged.root, sources)?;
    let errors = vars::check_variables(&spec, sources);
    if errors.is_empty() {
        Ok(spec)
    } else {
        Err(errors)
    }
}
