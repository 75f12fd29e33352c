//! Suggesting directory services for a goal of the action plan: ranked by
//! how well each fits what the conversation found, each with the reasons
//! it fits in plain words.
//!
//! The rules: a service must be active, suit the person's age, be open to
//! them (a group for autistic people, carers or people with dementia only
//! to people the conversation found in it; one for women, men, over-50s or
//! young people only to people recorded as such), be within the distance
//! they will travel (see [`super::reach`]), and run at
//! a time they said suits them (when it publishes its times) and cost no
//! more than they can pay. Then it scores for helping with the goal's life
//! area and the areas that weigh "a lot"; for matching their interests; for
//! being free (first of all when cost is a barrier); for being near them;
//! for welcoming someone who comes with them and being accessible when
//! anxiety or confidence is a barrier or they want company at first; and
//! for having been verified in the last 12 months.

use super::conversation::{Barrier, Conversation};
use super::directory::{Category, ServiceFacts, Suitability, day_name};
use super::person::Gender;
use super::plan::Goal;
use super::referral::Need;
use super::text::fold;
use chrono::{NaiveDate, Weekday};

/// Who the suggestions are for.
#[derive(Debug, Clone, Copy)]
pub struct ForPerson<'a> {
    /// The latest conversation (barriers, preferences, interests, areas).
    pub conversation: &'a Conversation,
    /// Their age today, if known.
    pub age: Option<u32>,
    /// Their postcode district (`M30`), if known.
    pub district: Option<&'a str>,
    /// Their gender, as they state it, if recorded.
    pub gender: Option<Gender>,
}

/// Why a service fits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// It helps with the life area of the goal.
    ForGoal(Need),
    /// It helps with a life area that weighs a lot on them.
    HelpsWith(Need),
    /// It is what the goal names (`sing` in "Sing again", `gym` in "Go to
    /// the gym").
    GoalWords(String),
    /// It serves the need the goal names in its own words (a walking group
    /// for "get fit", where the goal does not name walking).
    GoalNeed(String),
    /// It matches an interest they named.
    Interest(String),
    /// It runs on days that suit them.
    Days(Vec<Weekday>),
    /// It has an evening session.
    Evening,
    /// It runs at the weekend.
    Weekend,
    /// It is free.
    Free,
    /// It costs no more than they can pay.
    Affordable(u32),
    /// It is in their postcode district.
    Near(String),
    /// It welcomes someone who comes with them.
    AccompaniedFriendly,
    /// It has accessibility details.
    Accessible,
    /// It was verified in the last 12 months.
    RecentlyVerified,
}

impl Reason {
    /// The reason in a short phrase.
    pub fn describe(&self) -> String {
        match self {
            Self::ForGoal(need) => format!(
                "helps with {}, this goal's area",
                need.label().to_lowercase()
            ),
            Self::HelpsWith(need) => format!("helps with {}", need.label().to_lowercase()),
            Self::GoalWords(word) => format!("what the goal is about (\"{word}\")"),
            Self::GoalNeed(word) => format!("serves what the goal is for (\"{word}\")"),
            Self::Interest(word) => format!("matches their interest in {word}"),
            Self::Days(days) => {
                let names: Vec<&str> = days.iter().map(|d| day_name(*d)).collect();
                format!("runs on {}", names.join(" and "))
            }
            Self::Evening => "has an evening session".into(),
            Self::Weekend => "runs at the weekend".into(),
            Self::Free => "free".into(),
            Self::Affordable(p) => format!(
                "£{}.{:02} a session, within what they can pay",
                p / 100,
                p % 100
            ),
            Self::Near(d) => format!("in {d}, near them"),
            Self::AccompaniedFriendly => "welcomes someone coming with them".into(),
            Self::Accessible => "accessible".into(),
            Self::RecentlyVerified => "checked in the last 12 months".into(),
        }
    }

    fn weight(&self, cost_barrier: bool) -> i32 {
        match self {
            Self::ForGoal(_) => 80,
            Self::HelpsWith(_) => 40,
            // What the goal names outranks its area and every interest.
            Self::GoalWords(_) => 90,
            Self::GoalNeed(_) => 45,
            Self::Interest(_) => 30,
            Self::Free if cost_barrier => 60,
            Self::Free => 15,
            Self::Affordable(_) => 5,
            Self::Near(_) => 20,
            Self::Days(_) | Self::Evening | Self::Weekend => 10,
            Self::AccompaniedFriendly => 25,
            Self::Accessible => 10,
            Self::RecentlyVerified => 10,
        }
    }
}

/// Every reason in one phrase, strongest first, the words the goal names
/// said together: `what the goal is about ("garden", "volunteer"); free`.
pub fn describe_all(reasons: &[Reason]) -> String {
    let named: Vec<String> = reasons
        .iter()
        .filter_map(|r| match r {
            Reason::GoalWords(w) => Some(format!("\"{w}\"")),
            _ => None,
        })
        .collect();
    let mut out: Vec<String> = Vec::new();
    for r in reasons {
        match r {
            Reason::GoalWords(_) if named.len() > 1 => {
                if !out.iter().any(|o| o.starts_with("what the goal is about")) {
                    out.push(format!("what the goal is about ({})", named.join(", ")));
                }
            }
            other => out.push(other.describe()),
        }
    }
    out.join("; ")
}

/// One suggested service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// Index of the service in the list given.
    pub index: usize,
    /// Higher fits better.
    pub score: i32,
    /// Why it fits, strongest first.
    pub reasons: Vec<Reason>,
}

/// Keywords that tie an interest to a category (besides its own label).
fn keywords(category: Category) -> &'static [&'static str] {
    use Category::*;
    match category {
        Walking => &["walk", "ramble", "outdoors", "hike"],
        Running => &["run", "jog", "5k"],
        Choir => &["sing", "choir", "song"],
        MensShed => &["wood", "making", "tools", "fix", "shed"],
        Befriending => &["chat", "company", "friend"],
        Gardening => &["garden", "allotment", "plant", "grow"],
        Cookery => &["cook", "food", "bake"],
        Arts => &[
            "art", "arts", "paint", "draw", "craft", "knit", "museum", "gallery",
        ],
        Drama => &["drama", "theatre", "act"],
        Music => &["music", "guitar", "band", "play"],
        Swimming => &["swim", "pool"],
        Leisure => &["gym", "fitness", "leisure centre", "workout"],
        LearningDisabilityAutism => &["autis", "asperger", "learning disab"],
        Learning => &["course", "class", "learn", "college", "adult learning"],
        PeerSupport => &["peer support", "support group"],
        Volunteering => &["volunteer"],
        Faith | LunchClub | DebtAdvice | Advice | Carers | Advocacy | Telephone | Employment
        | Housing | Bereavement | Dementia => &[],
    }
}

/// First words of category labels too general to name the category
/// ("adult" in "autistic adults" is not adult learning).
const GENERIC: [&str; 5] = ["adult", "learning", "peer", "telephone", "men's"];

/// Whether folded `text` says `word`: a word of it starts with `word`
/// (`run` in "running", `autis` in "autistic"; not `art` in "start"), or,
/// for a phrase, the text holds it from a word's start.
fn says(text: &str, word: &str) -> bool {
    if word.contains(' ') {
        format!(" {text}").contains(&format!(" {word}"))
    } else {
        text.split(|c: char| !c.is_alphanumeric() && c != '\'')
            .any(|w| w.starts_with(word))
    }
}

/// The interests they named (strengths, what matters, goals), folded.
fn interest_text(c: &Conversation, goal: Option<&Goal>) -> String {
    let mut text: Vec<&str> = c.strengths.iter().map(|(_, s)| s.as_str()).collect();
    text.push(&c.what_matters);
    if let Some(g) = goal {
        text.push(&g.text);
    }
    fold(&text.join(" "))
}

/// Whether a service runs at a time that suits them.
enum TimeFit {
    /// It publishes no days: ask.
    Unknown,
    /// It does not.
    No,
    /// It does, for these reasons.
    Yes(Vec<Reason>),
}

fn time_fit(f: &ServiceFacts, c: &Conversation) -> TimeFit {
    if f.days == 0 {
        return TimeFit::Unknown;
    }
    let p = &c.preferences;
    let weekend = f.weekends();
    let at_the_weekend = p.weekends && weekend;
    let mut reasons = Vec::new();
    let on: Vec<Weekday> = p.days.iter().copied().filter(|d| f.runs_on(*d)).collect();
    // The days: one they named, the weekend when it suits, or, with no
    // days named, any evening when evenings are what they said.
    let days_named = !p.days.is_empty() || p.weekends;
    let evening_any_day = p.days.is_empty() && p.evenings && f.evenings;
    if days_named && on.is_empty() && !at_the_weekend && !evening_any_day {
        return TimeFit::No;
    }
    if !on.is_empty() {
        reasons.push(Reason::Days(on));
    }
    // Evenings (and weekends) only: they work in the day.
    if p.evenings && !f.evenings && !at_the_weekend {
        return TimeFit::No;
    }
    if p.evenings && f.evenings {
        reasons.push(Reason::Evening);
    }
    if at_the_weekend {
        reasons.push(Reason::Weekend);
    }
    TimeFit::Yes(reasons)
}

/// The times, distance and cost the person said, as the plan names them
/// when nothing fits: `evenings only`, `weekends suit`, `within 3 miles`.
pub fn limits_said(p: &crate::domain::conversation::Preferences) -> Vec<String> {
    let mut out = Vec::new();
    if !p.days.is_empty() {
        let names: Vec<&str> = p.days.iter().map(|d| day_name(*d)).collect();
        out.push(format!("on {}", names.join(", ")));
    }
    if p.evenings {
        out.push("evenings only".into());
    }
    if p.weekends {
        out.push("weekends suit".into());
    }
    if let Some(m) = p.max_travel_miles.filter(|_| !p.any_distance) {
        out.push(format!("within {m} miles"));
    }
    match p.max_cost_pence {
        Some(0) => out.push("free only".into()),
        Some(pence) => out.push(format!(
            "up to £{}.{:02} a session",
            pence / 100,
            pence % 100
        )),
        None => {}
    }
    out
}

/// Kinds of service that are for a group of people, and who is in it: an
/// autism or learning disability group for people with that need, a carers'
/// service for carers, dementia support for people with dementia and
/// those who care for them.
const FOR_A_GROUP: [(Category, &[Need]); 3] = [
    (
        Category::LearningDisabilityAutism,
        &[Need::LearningDisabilityAutism],
    ),
    (Category::Carers, &[Need::CarerStrain]),
    (Category::Dementia, &[Need::Dementia, Need::CarerStrain]),
];

/// Whether the person is in the group every group service of `f` is for
/// (a need named in the conversation at all, or the goal's area), and in
/// every group its "suits" marks limit it to: women or men only (their
/// stated gender), over-50s or young people (their age, up to 25). A mark
/// whose answer is not recorded keeps the service out.
fn in_its_group(f: &ServiceFacts, person: &ForPerson, goal_area: Option<Need>) -> bool {
    let c = person.conversation;
    let has = |need: &Need| {
        goal_area == Some(*need)
            || c.life_areas.iter().any(|a| {
                a.area == *need && a.weight != crate::domain::conversation::Weight::NotAtAll
            })
    };
    let marks = [
        (
            Suitability::WomenOnly,
            person.gender == Some(Gender::Female),
        ),
        (Suitability::MenOnly, person.gender == Some(Gender::Male)),
        (Suitability::Over50s, person.age.is_some_and(|a| a >= 50)),
        (
            Suitability::YoungPeople,
            person.age.is_some_and(|a| a <= 25),
        ),
    ];
    FOR_A_GROUP
        .iter()
        .all(|(category, members)| !f.has_category(*category) || members.iter().any(has))
        && marks
            .iter()
            .all(|(mark, member)| !f.suits(*mark) || *member)
}

/// Whether a service is within the distance the person will travel (see
/// [`crate::domain::reach`]); no limit given, "any distance" or no
/// postcode for them always pass.
fn within_reach(f: &ServiceFacts, person: &ForPerson) -> bool {
    let p = &person.conversation.preferences;
    let (Some(miles), Some(home)) = (p.max_travel_miles, person.district) else {
        return true;
    };
    p.any_distance
        || crate::domain::reach::Reach {
            home: home.to_owned(),
            miles,
        }
        .includes(
            &f.districts,
            f.coordinates(),
            f.has_category(Category::Telephone),
        )
}

/// The best `limit` services of `services` for `goal`, best first.
pub fn suggest<'a>(
    person: ForPerson,
    goal: Option<&Goal>,
    services: impl IntoIterator<Item = &'a ServiceFacts>,
    today: NaiveDate,
    limit: usize,
) -> Vec<Suggestion> {
    let c = person.conversation;
    let cost_barrier = c.barriers.contains(&Barrier::Cost);
    let wants_company = c.preferences.accompanied_at_first
        || c.barriers.contains(&Barrier::Anxiety)
        || c.barriers.contains(&Barrier::Confidence);
    let needs_access =
        c.barriers.contains(&Barrier::Sensory) || c.barriers.contains(&Barrier::Fatigue);
    let goal_area = goal.and_then(|g| g.life_area);
    let areas: Vec<Need> = c.heavy_areas().collect();
    let interests = interest_text(c, goal);
    let goal_words = goal.map(|g| fold(&g.text)).unwrap_or_default();
    // Needs the goal names in its own words ("go to the gym"), with the
    // categories that serve them (the directory search's table).
    let goal_needs = crate::domain::directory::vocabulary::named_in(&goal_words);
    let mut out: Vec<(Suggestion, &str)> = services
        .into_iter()
        .enumerate()
        .filter_map(|(index, f)| {
            if !f.is_active()
                || person.age.is_some_and(|a| !f.fits_age(a))
                || !in_its_group(f, &person, goal_area)
                || !within_reach(f, &person)
            {
                return None;
            }
            let mut reasons = Vec::new();
            let mut score = 0;
            match time_fit(f, c) {
                TimeFit::No => return None,
                TimeFit::Unknown => score -= 10,
                TimeFit::Yes(r) => reasons.extend(r),
            }
            let categories = Category::ALL.iter().filter(|k| f.has_category(**k));
            for k in categories {
                for need in k.helps_with() {
                    let reason = if goal_area == Some(*need) {
                        Reason::ForGoal(*need)
                    } else if areas.contains(need) {
                        Reason::HelpsWith(*need)
                    } else {
                        continue;
                    };
                    if !reasons.contains(&reason) {
                        reasons.push(reason);
                    }
                }
                let label = fold(k.label());
                let first = label.split_whitespace().next().unwrap_or("");
                let word = std::iter::once(first)
                    .filter(|w| !GENERIC.contains(w))
                    .chain(keywords(*k).iter().copied())
                    .find(|w| w.len() > 2 && says(&interests, w));
                let interest = |r: &Reason| {
                    matches!(
                        r,
                        Reason::Interest(_) | Reason::GoalWords(_) | Reason::GoalNeed(_)
                    )
                };
                match word {
                    // What the goal names wins over an interest or a need.
                    // Each kind the goal names counts ("volunteer" and
                    // "garden" for a garden charity's volunteers).
                    Some(w)
                        if says(&goal_words, w)
                            && !reasons.contains(&Reason::GoalWords(w.to_owned())) =>
                    {
                        reasons.retain(|r| !matches!(r, Reason::Interest(_) | Reason::GoalNeed(_)));
                        reasons.push(Reason::GoalWords(w.to_owned()));
                    }
                    Some(w) if !reasons.iter().any(interest) => {
                        reasons.push(Reason::Interest(w.to_owned()));
                    }
                    _ => {}
                }
                let served = goal_needs
                    .iter()
                    .find(|(n, _)| n.served_by.iter().any(|w| label.contains(w)));
                if let Some((_, said)) = served
                    && !reasons
                        .iter()
                        .any(|r| matches!(r, Reason::GoalWords(_) | Reason::GoalNeed(_)))
                {
                    reasons.retain(|r| !matches!(r, Reason::Interest(_)));
                    reasons.push(Reason::GoalNeed((*said).to_owned()));
                }
            }
            if f.free {
                reasons.push(Reason::Free);
            } else if let Some(max) = c.preferences.max_cost_pence {
                match f.lowest_cost_pence {
                    Some(p) if p <= max => reasons.push(Reason::Affordable(p)),
                    Some(_) => return None,
                    None => score -= 5,
                }
            }
            if cost_barrier && !f.free {
                score -= 30;
            }
            if let Some(d) = person.district
                && f.districts.iter().any(|x| x.eq_ignore_ascii_case(d))
            {
                reasons.push(Reason::Near(d.to_owned()));
            }
            if wants_company && f.accompanied_friendly {
                reasons.push(Reason::AccompaniedFriendly);
            }
            if (wants_company || needs_access) && f.accessible {
                reasons.push(Reason::Accessible);
            }
            if f.verified_recently(today) {
                reasons.push(Reason::RecentlyVerified);
            } else {
                score -= 10;
            }
            score += reasons.iter().map(|r| r.weight(cost_barrier)).sum::<i32>();
            // Among services of the kind the goal names, the one whose own
            // name says it ("Community Gym" for "go to the gym") first.
            let name = fold(&f.name);
            if reasons
                .iter()
                .any(|r| matches!(r, Reason::GoalWords(w) if says(&name, w)))
            {
                score += 20;
            }
            reasons.sort_by_key(|r| -r.weight(cost_barrier));
            let suggestion = Suggestion {
                index,
                score,
                reasons,
            };
            Some((suggestion, f.name.as_str()))
        })
        .collect();
    out.sort_by(|(a, a_name), (b, b_name)| b.score.cmp(&a.score).then_with(|| a_name.cmp(b_name)));
    out.truncate(limit);
    out.into_iter().map(|(s, _)| s).collect()
}

#[cfg(test)]
mod tests;
