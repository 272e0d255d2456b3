//! motion turns a council motion written in TOML into formally laid-out documents.
//!
//! The data flows one way: [`spec`] (TOML → validated spec) → template → document →
//! backends; [`cli`] is the only module that touches the file system for output.

pub mod amend;
pub mod cli;
pub mod diagnostics;
pub mod diff;
pub mod document;
pub mod docx;
pub mod files;
#[doc(hidden)]
pub mod fuzzing;
pub mod html;
pub mod image;
pub mod json;
pub mod layout;
pub mod lint;
pub mod pdf;
pub mod redline;
pub mod source;
pub mod spec;
pub mod template;
pub mod text;
pub mod theme;
pub mod timestamp;
pub mod vocab;
