//! What a block is in a motion, as the template states it with `role="…"`: backends and
//! transformations (line numbers, amendments, bilingual rows) act on roles, not on styles.

/// The part of a motion a block (or list item) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// A block without a role: a plain paragraph.
    Plain,
    /// « Projet de motion », « Extrait du registre … ».
    Kicker,
    /// « Séance du 24 janvier 2017 ».
    Session,
    /// The agenda item: « Objet n° 12 ».
    AgendaItem,
    /// « Séance publique », « Séance à huis clos ».
    Sitting,
    /// Who sat: « Présents : … », « Excusés : … ».
    Attendance,
    Title,
    /// « Déposée par … ».
    Authors,
    /// A paragraph or list of the exposé des motifs.
    Preamble,
    /// « Vu … », « Considérant que … ».
    Considerant,
    /// « le Conseil de l’Action Sociale … »: the body that acts.
    Acting,
    /// The list of demands.
    Demands,
    /// One numbered demand.
    Demand,
    /// « Par 10 voix pour, … ».
    Vote,
    /// « Ont voté pour : … ».
    RollCall,
    /// « Fait à Forest, le … ».
    PlaceDate,
    /// « Pour extrait conforme ».
    Conforme,
    Signatures,
    /// A heading the template adds (« Amendements »).
    Heading,
    /// The ruled room for handwritten amendments.
    AmendmentRoom,
    /// One amendment of an amendment list, and its parts.
    Amendment,
    AmendmentWording,
    AmendmentClause,
    Justification,
    AmendmentResult,
    /// One item of a session's agenda, with the page it starts on.
    AgendaEntry,
}

impl Role {
    /// Every role, in the order the README documents them.
    pub const ALL: [Role; 26] = [
        Role::Plain,
        Role::Kicker,
        Role::Session,
        Role::AgendaItem,
        Role::Sitting,
        Role::Attendance,
        Role::Title,
        Role::Authors,
        Role::Preamble,
        Role::Considerant,
        Role::Acting,
        Role::Demands,
        Role::Demand,
        Role::Vote,
        Role::RollCall,
        Role::PlaceDate,
        Role::Conforme,
        Role::Signatures,
        Role::Heading,
        Role::AmendmentRoom,
        Role::Amendment,
        Role::AmendmentWording,
        Role::AmendmentClause,
        Role::Justification,
        Role::AmendmentResult,
        Role::AgendaEntry,
    ];

    /// The name written in markup (`role="considerant"`) and in the JSON output.
    pub fn code(self) -> &'static str {
        match self {
            Role::Plain => "plain",
            Role::Kicker => "kicker",
            Role::Session => "session",
            Role::AgendaItem => "agenda-item",
            Role::Sitting => "sitting",
            Role::Attendance => "attendance",
            Role::Title => "title",
            Role::Authors => "authors",
            Role::Preamble => "preamble",
            Role::Considerant => "considerant",
            Role::Acting => "acting",
            Role::Demands => "demands",
            Role::Demand => "demand",
            Role::Vote => "vote",
            Role::RollCall => "roll-call",
            Role::PlaceDate => "place-date",
            Role::Conforme => "conforme",
            Role::Signatures => "signatures",
            Role::Heading => "heading",
            Role::AmendmentRoom => "amendment-room",
            Role::AgendaEntry => "agenda-entry",
            Role::Amendment => "amendment",
            Role::AmendmentWording => "amendment-wording",
            Role::AmendmentClause => "amendment-clause",
            Role::Justification => "justification",
            Role::AmendmentResult => "amendment-result",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Whether the role is the motion's own text, the lines a councillor cites in an
    /// amendment (« page 2, lignes 14–16 »): not the furniture around it.
    pub fn is_motion_text(self) -> bool {
        matches!(
            self,
            Role::Preamble
                | Role::Considerant
                | Role::Acting
                | Role::Demands
                | Role::Demand
                | Role::Vote
                | Role::RollCall
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        assert_eq!(Role::from_code("considérant"), None);
    }
}
