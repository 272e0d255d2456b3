//! The vote sentence, in French and Dutch, from a recorded ballot.
//! « Par 10 voix pour, 1 voix contre et 2 abstentions, » — zero counts are left out.

use super::Lang;

/// The counts and kind of a ballot, as the vote sentence needs them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ballot {
    pub for_: u32,
    pub against: u32,
    pub abstain: u32,
    pub unanimous: bool,
    pub secret: bool,
}

/// The words of the vote sentence in one language.
struct Words {
    secret: &'static str,
    unanimity: &'static str,
    /// « par », « met »: opens the counts.
    by: &'static str,
    vote: (&'static str, &'static str),
    abstention: (&'static str, &'static str),
    for_: &'static str,
    against: &'static str,
    and: &'static str,
    /// French counts zero in the singular (« 0 abstention »), Dutch in the plural.
    zero_is_singular: bool,
    /// What ends the opening: French sets a comma before « la présente motion est adoptée »;
    /// Dutch inverts the verb and needs none (« Eenparig wordt deze motie aangenomen »).
    end: &'static str,
}

const FRENCH: Words = Words {
    secret: "Au scrutin secret, ",
    unanimity: "à l’unanimité des membres présents",
    by: "par",
    vote: ("voix", "voix"),
    abstention: ("abstention", "abstentions"),
    for_: "pour",
    against: "contre",
    and: "et",
    zero_is_singular: true,
    end: ",",
};

const DUTCH: Words = Words {
    secret: "Bij geheime stemming, ",
    unanimity: "eenparig",
    by: "met",
    vote: ("stem", "stemmen"),
    abstention: ("onthouding", "onthoudingen"),
    for_: "voor",
    against: "tegen",
    and: "en",
    zero_is_singular: false,
    end: "",
};

/// The sentence opening, ending with a comma in French; the template adds the outcome.
pub fn sentence(vote: &Ballot, lang: Lang) -> String {
    let w = match lang {
        Lang::Fr => &FRENCH,
        Lang::Nl => &DUTCH,
    };
    // The sentence starts either with « Au scrutin secret, » or with the words below.
    let (lead, start) = if vote.secret {
        (w.secret, false)
    } else {
        ("", true)
    };
    let cap = |s: &str| if start { capitalize(s) } else { s.to_string() };
    if vote.unanimous {
        return format!("{lead}{}{}", cap(w.unanimity), w.end);
    }
    let plural = |n: u32, (one, many): (&'static str, &'static str)| {
        if n == 1 || (n == 0 && w.zero_is_singular) {
            one
        } else {
            many
        }
    };
    let votes = |n: u32, side: &str| format!("{n} {} {side}", plural(n, w.vote));
    let mut parts = Vec::new();
    if vote.for_ > 0 {
        parts.push(votes(vote.for_, w.for_));
    }
    if vote.against > 0 {
        parts.push(votes(vote.against, w.against));
    }
    if vote.abstain > 0 {
        parts.push(format!(
            "{} {}",
            vote.abstain,
            plural(vote.abstain, w.abstention)
        ));
    }
    if parts.is_empty() {
        parts.push(votes(0, w.for_));
    }
    format!("{lead}{} {}{}", cap(w.by), join(&parts, w.and), w.end)
}

/// The counts as a phrase inside a sentence: « par 9 voix pour et 2 voix contre », « à
/// l’unanimité des membres présents », « met 9 stemmen voor », « eenparig ».
pub fn phrase(vote: &Ballot, lang: Lang) -> String {
    let sentence = sentence(vote, lang);
    let end = match lang {
        Lang::Fr => FRENCH.end,
        Lang::Nl => DUTCH.end,
    };
    let s = sentence.strip_suffix(end).unwrap_or(&sentence);
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

fn join(parts: &[String], and: &str) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {and} {last}", rest.join(", ")),
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(for_: u32, against: u32, abstain: u32) -> Ballot {
        Ballot {
            for_,
            against,
            abstain,
            unanimous: false,
            secret: false,
        }
    }

    #[test]
    fn french_and_dutch_sentences() {
        let unanimous = Ballot {
            unanimous: true,
            ..Ballot::default()
        };
        let secret = Ballot {
            secret: true,
            ..v(7, 5, 1)
        };
        let secret_unanimous = Ballot {
            secret: true,
            unanimous: true,
            ..Ballot::default()
        };
        let cases: &[(Ballot, &str, &str)] = &[
            (v(0, 0, 0), "Par 0 voix pour,", "Met 0 stemmen voor"),
            (
                v(10, 1, 2),
                "Par 10 voix pour, 1 voix contre et 2 abstentions,",
                "Met 10 stemmen voor, 1 stem tegen en 2 onthoudingen",
            ),
            (
                v(10, 0, 2),
                "Par 10 voix pour et 2 abstentions,",
                "Met 10 stemmen voor en 2 onthoudingen",
            ),
            (
                v(10, 3, 0),
                "Par 10 voix pour et 3 voix contre,",
                "Met 10 stemmen voor en 3 stemmen tegen",
            ),
            (
                v(1, 0, 1),
                "Par 1 voix pour et 1 abstention,",
                "Met 1 stem voor en 1 onthouding",
            ),
            (v(12, 0, 0), "Par 12 voix pour,", "Met 12 stemmen voor"),
            (
                v(3, 8, 0),
                "Par 3 voix pour et 8 voix contre,",
                "Met 3 stemmen voor en 8 stemmen tegen",
            ),
            (unanimous, "À l’unanimité des membres présents,", "Eenparig"),
            (
                secret,
                "Au scrutin secret, par 7 voix pour, 5 voix contre et 1 abstention,",
                "Bij geheime stemming, met 7 stemmen voor, 5 stemmen tegen en 1 onthouding",
            ),
            (
                secret_unanimous,
                "Au scrutin secret, à l’unanimité des membres présents,",
                "Bij geheime stemming, eenparig",
            ),
        ];
        for (vote, fr, nl) in cases {
            assert_eq!(sentence(vote, Lang::Fr), *fr, "{vote:?}");
            assert_eq!(sentence(vote, Lang::Nl), *nl, "{vote:?}");
        }
    }
}
