//! Vocabulary every stage shares and that depends on nothing else in the crate: the
//! language, calendar dates, ordinals and the French/Dutch wording motion writes itself (the
//! vote sentence, month names), as opposed to the template's labels.

mod date;
mod lang;
mod ordinal;
mod plural;
mod roles;
mod vote;

pub use date::{Date, long_date, parse_iso};
pub use lang::Lang;
pub use ordinal::{article_label, ordinal, ordinal_suffixes, ordinal_word};
pub use plural::plural;
pub use roles::{gender_key, is_clerk};
pub use vote::{Ballot, phrase as vote_phrase, sentence as vote_sentence};
