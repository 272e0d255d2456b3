//! The vote sentence, in French and Dutch, from a recorded ballot.
//! « Par 10 voix pour, 1 voix contre et 2 abstentions, » — zero counts are left out.

use crate::spec::{Lang, Vote};

/// The sentence opening, ending with a comma; the template adds the outcome.
pub fn sentence(vote: &Vote, lang: Lang) -> String {
    match lang {
        Lang::Fr => french(vote),
        Lang::Nl => dutch(vote),
    }
}

fn french(vote: &Vote) -> String {
    let secret = if vote.secret {
        "Au scrutin secret, "
    } else {
        ""
    };
    if vote.unanimous {
        let unanimity = "à l’unanimité des membres présents,";
        return if vote.secret {
            format!("{secret}{unanimity}")
        } else {
            capitalize(unanimity)
        };
    }
    let mut parts = Vec::new();
    if vote.for_ > 0 {
        parts.push(format!(
            "{} {} pour",
            vote.for_,
            plural(vote.for_, "voix", "voix")
        ));
    }
    if vote.against > 0 {
        parts.push(format!(
            "{} {} contre",
            vote.against,
            plural(vote.against, "voix", "voix")
        ));
    }
    if vote.abstain > 0 {
        parts.push(format!(
            "{} {}",
            vote.abstain,
            plural(vote.abstain, "abstention", "abstentions")
        ));
    }
    if parts.is_empty() {
        parts.push("0 voix pour".into());
    }
    let par = if vote.secret { "par" } else { "Par" };
    format!("{secret}{par} {},", join(&parts, "et"))
}

fn dutch(vote: &Vote) -> String {
    let secret = if vote.secret {
        "Bij geheime stemming, "
    } else {
        ""
    };
    if vote.unanimous {
        return if vote.secret {
            format!("{secret}eenparig,")
        } else {
            "Eenparig,".into()
        };
    }
    let mut parts = Vec::new();
    if vote.for_ > 0 {
        parts.push(format!(
            "{} {} voor",
            vote.for_,
            plural(vote.for_, "stem", "stemmen")
        ));
    }
    if vote.against > 0 {
        parts.push(format!(
            "{} {} tegen",
            vote.against,
            plural(vote.against, "stem", "stemmen")
        ));
    }
    if vote.abstain > 0 {
        parts.push(format!(
            "{} {}",
            vote.abstain,
            plural(vote.abstain, "onthouding", "onthoudingen")
        ));
    }
    if parts.is_empty() {
        parts.push("0 stemmen voor".into());
    }
    let met = if vote.secret { "met" } else { "Met" };
    format!("{secret}{met} {},", join(&parts, "en"))
}

/// French « 0 voix » and « 1 voix » are singular-looking; `voix` is invariable anyway.
fn plural<'a>(n: u32, one: &'a str, many: &'a str) -> &'a str {
    if n <= 1 { one } else { many }
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

    fn v(for_: u32, against: u32, abstain: u32) -> Vote {
        Vote {
            present: None,
            for_,
            against,
            abstain,
            unanimous: false,
            secret: false,
        }
    }

    #[test]
    fn french_and_dutch_sentences() {
        let unanimous = Vote {
            unanimous: true,
            ..Vote::default()
        };
        let secret = Vote {
            secret: true,
            ..v(7, 5, 1)
        };
        let secret_unanimous = Vote {
            secret: true,
            unanimous: true,
            ..Vote::default()
        };
        let cases: &[(Vote, &str, &str)] = &[
            (
                v(10, 1, 2),
                "Par 10 voix pour, 1 voix contre et 2 abstentions,",
                "Met 10 stemmen voor, 1 stem tegen en 2 onthoudingen,",
            ),
            (
                v(10, 0, 2),
                "Par 10 voix pour et 2 abstentions,",
                "Met 10 stemmen voor en 2 onthoudingen,",
            ),
            (
                v(10, 3, 0),
                "Par 10 voix pour et 3 voix contre,",
                "Met 10 stemmen voor en 3 stemmen tegen,",
            ),
            (
                v(1, 0, 1),
                "Par 1 voix pour et 1 abstention,",
                "Met 1 stem voor en 1 onthouding,",
            ),
            (v(12, 0, 0), "Par 12 voix pour,", "Met 12 stemmen voor,"),
            (
                v(3, 8, 0),
                "Par 3 voix pour et 8 voix contre,",
                "Met 3 stemmen voor en 8 stemmen tegen,",
            ),
            (
                unanimous,
                "À l’unanimité des membres présents,",
                "Eenparig,",
            ),
            (
                secret,
                "Au scrutin secret, par 7 voix pour, 5 voix contre et 1 abstention,",
                "Bij geheime stemming, met 7 stemmen voor, 5 stemmen tegen en 1 onthouding,",
            ),
            (
                secret_unanimous,
                "Au scrutin secret, à l’unanimité des membres présents,",
                "Bij geheime stemming, eenparig,",
            ),
        ];
        for (vote, fr, nl) in cases {
            assert_eq!(sentence(vote, Lang::Fr), *fr, "{vote:?}");
            assert_eq!(sentence(vote, Lang::Nl), *nl, "{vote:?}");
        }
    }
}
