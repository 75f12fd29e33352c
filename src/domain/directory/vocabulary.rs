//! How people say a need, and the categories that serve it: one table,
//! used by directory search (a query that names a need finds the services
//! for it) and by plan matching (a goal's own words point at the
//! categories for its need).

use crate::domain::referral::Need;
use crate::domain::text::fold;

/// One need: the everyday words and phrases for it, and the words of the
/// category names (ours and publishers' taxonomy terms) of the services
/// that serve it. All in folded form (lower case, no accents).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NeedWords {
    /// The need.
    pub need: Need,
    /// What people say (words or phrases).
    pub says: &'static [&'static str],
    /// Words found in the category names of services for it.
    pub served_by: &'static [&'static str],
}

/// The table.
pub const NEED_WORDS: [NeedWords; 14] = [
    NeedWords {
        need: Need::Loneliness,
        says: &[
            "lonely",
            "loneliness",
            "isolated",
            "isolation",
            "alone",
            "no friends",
            "on my own",
            "company",
        ],
        served_by: &[
            "loneliness",
            "isolation",
            "befriending",
            "social activities",
            "men's shed",
            "friendship",
            "luncheon",
        ],
    },
    NeedWords {
        need: Need::DebtAndMoney,
        says: &[
            "money worries",
            "money problems",
            "money",
            "debt",
            "debts",
            "arrears",
            "bills",
            "skint",
            "benefits",
        ],
        served_by: &["debt", "money", "benefits", "welfare rights"],
    },
    NeedWords {
        need: Need::MentalHealth,
        says: &[
            "low mood",
            "anxious",
            "anxiety",
            "depressed",
            "depression",
            "stress",
            "stressed",
            "worried",
            "panic",
            "mental health",
        ],
        served_by: &["mental health", "anxiety", "peer support"],
    },
    NeedWords {
        need: Need::Bereavement,
        says: &[
            "grief",
            "grieving",
            "bereaved",
            "bereavement",
            "widowed",
            "loss",
        ],
        served_by: &["bereavement"],
    },
    NeedWords {
        need: Need::CarerStrain,
        says: &["carer", "carers", "caring"],
        served_by: &["carer"],
    },
    NeedWords {
        need: Need::Housing,
        says: &["housing", "homeless", "eviction", "evicted", "rent"],
        served_by: &["housing", "homeless"],
    },
    NeedWords {
        need: Need::Employment,
        says: &["job", "jobs", "work", "unemployed", "cv"],
        served_by: &["employment", "job"],
    },
    NeedWords {
        need: Need::Gambling,
        says: &["gambling", "betting"],
        served_by: &["gambling"],
    },
    NeedWords {
        need: Need::PhysicalWellbeing,
        says: &["exercise", "fitness", "keep fit", "get active", "gym"],
        served_by: &[
            "physical activity",
            "walking",
            "running",
            "swimming",
            "leisure",
            "gym",
        ],
    },
    NeedWords {
        need: Need::Dementia,
        says: &["dementia", "memory loss", "alzheimer's", "alzheimers"],
        served_by: &["dementia"],
    },
    NeedWords {
        need: Need::LearningDisabilityAutism,
        says: &[
            "autism",
            "autistic",
            "asperger's",
            "aspergers",
            "learning disability",
        ],
        served_by: &["autism", "learning disab"],
    },
    NeedWords {
        need: Need::LowConfidence,
        says: &["confidence", "shy"],
        served_by: &["volunteering", "adult learning", "skills"],
    },
    NeedWords {
        need: Need::DigitalSkills,
        says: &["getting online", "digital skills", "computer skills"],
        served_by: &["adult learning", "digital", "computer"],
    },
    NeedWords {
        need: Need::Food,
        says: &["food bank", "hungry", "food"],
        served_by: &["luncheon club", "cookery", "food"],
    },
];

/// The need a folded word or phrase names, if it is one of the table's.
pub fn said(words: &str) -> Option<&'static NeedWords> {
    NEED_WORDS.iter().find(|n| n.says.contains(&words))
}

/// The needs named anywhere in `text` (any case), each once, with the
/// word or phrase that named it.
pub fn named_in(text: &str) -> Vec<(&'static NeedWords, &'static str)> {
    let folded = fold(text);
    let words: Vec<&str> = folded
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    let joined = format!(" {} ", words.join(" "));
    NEED_WORDS
        .iter()
        .filter_map(|n| {
            n.says
                .iter()
                .find(|s| {
                    if s.contains(' ') {
                        joined.contains(&format!(" {s} "))
                    } else {
                        words.contains(s)
                    }
                })
                .map(|s| (n, *s))
        })
        .collect()
}

/// Splits a folded query into its terms: the table's phrases (longest
/// first) as one term each, every other word on its own.
pub fn terms(query: &str) -> Vec<String> {
    let words: Vec<&str> = query.split_whitespace().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let phrase = (2..=3).rev().find_map(|len| {
            let end = i + len;
            (end <= words.len())
                .then(|| words[i..end].join(" "))
                .filter(|p| said(p).is_some())
                .map(|p| (p, len))
        });
        match phrase {
            Some((p, len)) => {
                out.push(p);
                i += len;
            }
            None => {
                out.push(words[i].to_owned());
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn needs_in(text: &str) -> Vec<Need> {
        named_in(text).into_iter().map(|(n, _)| n.need).collect()
    }

    #[test]
    fn phrases_stay_whole_and_needs_are_found() {
        assert_eq!(terms("money worries eccles"), ["money worries", "eccles"]);
        assert_eq!(terms("low mood"), ["low mood"]);
        assert_eq!(terms("walking group"), ["walking", "group"]);
        assert_eq!(said("lonely").map(|n| n.need), Some(Need::Loneliness));
        assert_eq!(said("walking"), None);
        assert_eq!(
            needs_in("I'd like to get to the gym, and I feel lonely"),
            [Need::Loneliness, Need::PhysicalWellbeing]
        );
        assert!(needs_in("Low mood since the move").contains(&Need::MentalHealth));
    }

    #[test]
    fn every_entry_is_folded_and_every_need_once() {
        let mut seen = Vec::new();
        for n in &NEED_WORDS {
            assert!(!seen.contains(&n.need));
            seen.push(n.need);
            for w in n.says.iter().chain(n.served_by) {
                assert_eq!(fold(w), *w);
            }
        }
    }
}
