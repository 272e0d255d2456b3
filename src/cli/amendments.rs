//! Amendment files on the command line: told apart from specs, loaded with their motion and
//! checked for conflicts, their problems as diagnostics.

use std::path::Path;

use super::Exit;
use crate::diagnostics::Diagnostic;
use crate::source::Sources;
use crate::spec::Spec;
use crate::spec::amendment::{self, AmendmentError, Amendments};

/// The motion and its amendments, checked against each other, adopted ones applied in
/// order without conflict.
pub fn load(
    path: &Path,
    sources: &mut Sources,
) -> Result<(Spec, Amendments), (Vec<Diagnostic>, Exit)> {
    let report = |errors: Vec<AmendmentError>| {
        let exit = if errors.iter().all(AmendmentError::is_io) {
            Exit::Io
        } else {
            Exit::Invalid
        };
        (
            errors.iter().map(AmendmentError::diagnostic).collect(),
            exit,
        )
    };
    let (spec, amendments) = amendment::load(path, sources).map_err(report)?;
    let conflicts = crate::amend::conflicts(&spec, &amendments);
    if !conflicts.is_empty() {
        return Err(report(conflicts));
    }
    Ok((spec, amendments))
}
