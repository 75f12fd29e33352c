//! The commissioner's report for a period: referrals, SNOMED events, time
//! to first contact, contacts, caseload, connections and the ladder,
//! discharge reasons, wellbeing change, unmet needs and the freshness of
//! the directory; and one pseudonymised row per case for analysts.
//!
//! How each figure is counted is written beside it, and in the README.

mod changes;
mod export;
mod figures;
mod pseudonym;
mod text;

#[cfg(test)]
use changes::change;
pub use changes::two_decimals;
use changes::{Compared, case_change, wellbeing};

pub use export::{report_csv, report_json};
pub use figures::{Count, Spread, counts, spread};
pub use pseudonym::pseudonym;
pub use text::report_text;

use super::case::{Case, CaseStatus, StatusChange};
use super::contact::{ContactEntry, Counted, counted};
use super::conversation::Conversation;
use super::directory::{Category, ServiceFacts};
use super::ids::{CaseId, PersonId};
use super::ladder::{Connection, EventOutcome, Rung};
use super::limits::weeks_used;
use super::matching::{ForPerson, Reason, suggest};
use super::person::Person;
use super::plan::ActionPlan;
use super::referral::{Need, SnomedCode};
use super::wellbeing::{Instrument, WellbeingMeasure};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// A WHO-5 change that counts as meaningful (percentage points).
pub const WHO5_MEANINGFUL: f64 = 10.0;
/// A SWEMWBS change that counts as meaningful (metric points).
pub const SWEMWBS_MEANINGFUL: f64 = 3.0;
/// An ONS4 life-satisfaction change that counts as meaningful (points).
pub const ONS4_MEANINGFUL: f64 = 1.0;

/// Everything the report reads.
#[derive(Debug, Clone, Copy)]
pub struct ReportInput<'a> {
    /// People.
    pub persons: &'a [Person],
    /// Cases.
    pub cases: &'a [Case],
    /// Contacts.
    pub contacts: &'a [ContactEntry],
    /// Connections.
    pub connections: &'a [Connection],
    /// Conversations.
    pub conversations: &'a [Conversation],
    /// Plans.
    pub plans: &'a [ActionPlan],
    /// Wellbeing measures.
    pub measures: &'a [WellbeingMeasure],
    /// The directory's services.
    pub services: &'a [ServiceFacts],
}

/// Wellbeing change for one instrument.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WellbeingChange {
    /// The instrument.
    pub instrument: &'static str,
    /// What the change is measured in.
    pub measured_as: &'static str,
    /// People with a first and a last measure.
    pub n: usize,
    /// Mean change, last minus first.
    pub mean_change: f64,
    /// Share (0-1) with a meaningful improvement.
    pub improved_share: f64,
    /// People whose first and last measures cannot be compared (one
    /// answered for them, the other by them): counted apart, in no mean.
    pub not_comparable: usize,
}

/// The directory's freshness.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Freshness {
    /// Services in the directory.
    pub services: usize,
    /// Active services.
    pub active: usize,
    /// Share (0-1) of active services verified in the last 12 months.
    pub verified_share: f64,
    /// Active services not verified in the last 12 months.
    pub stale: usize,
    /// Inactive, closed or temporarily closed services.
    pub inactive: usize,
}

/// One case, pseudonymised: no name, NHS number, address, phone number
/// or note.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseRow {
    /// The person's pseudonym (stable for the caseload).
    pub person: String,
    /// Which episode of theirs.
    pub episode: u32,
    /// When the referral came.
    pub referred_on: NaiveDate,
    /// Who referred.
    pub source: String,
    /// The needs named, `;`-separated.
    pub needs: String,
    /// Status now.
    pub status: String,
    /// Days from referral to the first contact.
    pub days_to_first_contact: Option<i64>,
    /// Contacts logged.
    pub contacts: usize,
    /// Connections made.
    pub connections: usize,
    /// Connections where the person went on their own.
    pub reached_independent: usize,
    /// When support ended.
    pub ended_on: Option<NaiveDate>,
    /// Why.
    pub discharge_reason: Option<String>,
    /// WHO-5 change (percentage points), first to last.
    pub who5_change: Option<f64>,
    /// SWEMWBS change (metric points), first to last.
    pub swemwbs_change: Option<f64>,
    /// ONS4 life-satisfaction change, first to last.
    pub ons4_life_change: Option<f64>,
    /// The instruments (`;`-separated) whose first and last measures do
    /// not compare: one answered for the person, the other by them (no
    /// change is given for these).
    pub not_comparable: String,
}

/// The report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// First day counted.
    pub from: NaiveDate,
    /// Last day counted.
    pub to: NaiveDate,
    /// Referrals received in the period.
    pub referrals: usize,
    /// ... by who referred.
    pub by_source: Vec<Count>,
    /// ... by need named (a referral may name several).
    pub by_need: Vec<Count>,
    /// SNOMED CT events recorded in the period, by concept.
    pub snomed: Vec<Count>,
    /// Days from referral to first contact, for the period's referrals
    /// that have been contacted.
    pub days_to_first_contact: Option<Spread>,
    /// Contacts per person, over people with a contact in the period.
    pub contacts_per_person: Option<Spread>,
    /// Cases open on the last day.
    pub open_at_end: usize,
    /// Cases closed in the period (support ended with a discharge).
    pub closed: usize,
    /// Cases open on the last day and past their contact or week limit.
    pub past_limit: usize,
    /// Connections made in the period.
    pub connections: usize,
    /// ... by the service's category.
    pub connections_by_category: Vec<Count>,
    /// ... by the rung they are on now.
    pub ladder: Vec<Count>,
    /// ... that reached independent attendance.
    pub reached_independent: usize,
    /// ... that ended established with support (going with a carer, peer
    /// or family member): a good end, counted apart from independence.
    pub established_with_support: usize,
    /// Ladder steps in the period attended, and not attended.
    pub steps_attended: usize,
    /// ... did not attend.
    pub steps_missed: usize,
    /// Did-not-attend rate (0-1) of those steps.
    pub dna_rate: Option<f64>,
    /// Steps attended in the period by who went with the person (a step
    /// with two companions counts under each; "not recorded" when none
    /// was).
    pub steps_by_company: Vec<Count>,
    /// Discharge reasons in the period.
    pub discharge_reasons: Vec<Count>,
    /// Wellbeing change from first to last measure, per instrument.
    pub wellbeing: Vec<WellbeingChange>,
    /// Unmet needs by life area: for each case whose latest conversation
    /// started in the period, the areas that weigh a lot with no active
    /// service helping with them, and the goals' areas with no active
    /// service that fits the person and helps with the area (each area
    /// once per case).
    pub unmet_needs: Vec<Count>,
    /// The directory's freshness on the last day.
    pub directory: Freshness,
    /// One row per case referred, open or ended in the period.
    pub cases: Vec<CaseRow>,
}

fn within(d: NaiveDate, from: NaiveDate, to: NaiveDate) -> bool {
    d >= from && d <= to
}

/// The day the episode ended: the discharge date the worker entered (which
/// may be in the past), else the day it moved to a closed status.
fn ended(case: &Case) -> Option<NaiveDate> {
    case.discharge.as_ref().map(|d| d.on).or_else(|| {
        case.status_history
            .iter()
            .find(|c| !c.to.is_open())
            .map(StatusChange::day)
    })
}

/// The category a connection counts under: the service's category that
/// helps with the area of the goal it serves (an autism peer group chosen
/// for an autism goal counts as learning disability and autism, not as
/// advice), else its first.
fn category_for(f: &ServiceFacts, area: Option<Need>) -> String {
    let mut own = Category::ALL.iter().filter(|c| f.has_category(**c));
    let fitting = area.and_then(|a| {
        Category::ALL
            .iter()
            .filter(|c| f.has_category(**c))
            .find(|c| c.helps_with().contains(&a))
    });
    fitting
        .or_else(|| own.next())
        .map_or("Uncategorised".to_owned(), |c| c.label().to_owned())
}

/// The area of the plan goal a connection serves, if any.
fn goal_area(plans: &HashMap<CaseId, &ActionPlan>, c: &Connection) -> Option<Need> {
    let goal = usize::try_from(c.goal?).ok()?;
    plans.get(&c.case_id)?.goals.get(goal)?.life_area
}

/// Builds the report for `from`..=`to`, pseudonyms under `key`.
pub fn build(input: ReportInput, from: NaiveDate, to: NaiveDate, key: &[u8]) -> Report {
    let mut contacts: HashMap<CaseId, Vec<&ContactEntry>> = HashMap::new();
    for c in input.contacts {
        contacts.entry(c.case_id).or_default().push(c);
    }
    let mut connections: HashMap<CaseId, Vec<&Connection>> = HashMap::new();
    for c in input.connections {
        connections.entry(c.case_id).or_default().push(c);
    }
    // Contacts as counted: logged ones that reached the person, and the
    // ladder steps the worker was at (see `contact::counted`).
    let contacts: HashMap<CaseId, Vec<Counted>> = input
        .cases
        .iter()
        .map(|c| {
            let logged = contacts.get(&c.id).into_iter().flatten().copied();
            let ladder = connections.get(&c.id).into_iter().flatten().copied();
            (c.id, counted(logged, ladder))
        })
        .collect();
    let mut measures: HashMap<CaseId, Vec<&WellbeingMeasure>> = HashMap::new();
    for m in input.measures.iter().filter(|m| m.stands()) {
        measures.entry(m.case_id).or_default().push(m);
    }
    let mut last_conversation: HashMap<CaseId, &Conversation> = HashMap::new();
    for c in input.conversations {
        let e = last_conversation.entry(c.case_id).or_insert(c);
        if c.version > e.version {
            *e = c;
        }
    }
    let plans: HashMap<CaseId, &ActionPlan> = input.plans.iter().map(|p| (p.case_id, p)).collect();
    let persons: HashMap<_, &Person> = input.persons.iter().map(|p| (p.id, p)).collect();
    let services: HashMap<_, &ServiceFacts> = input.services.iter().map(|s| (&s.id, s)).collect();
    let person_of: HashMap<CaseId, _> = input.cases.iter().map(|c| (c.id, c.person_id)).collect();

    // Referrals in the period.
    let referred: Vec<&Case> = input
        .cases
        .iter()
        .filter(|c| within(c.referral.received, from, to))
        .collect();
    let by_source = counts(
        referred
            .iter()
            .map(|c| c.referral.source.label().to_owned()),
    );
    let by_need = counts(
        referred
            .iter()
            .flat_map(|c| c.referral.needs.iter().map(|n| n.label().to_owned())),
    );
    let snomed = snomed_counts(input.cases, (from, to));
    let days_to_first_contact = days_to_first_contact(&referred, &contacts);
    let contacts_per_person = contacts_per_person(&contacts, &person_of, (from, to));

    // The caseload on the last day.
    let open_on_last_day = |c: &Case| c.referral.received <= to && ended(c).is_none_or(|e| e > to);
    let open: Vec<&Case> = input.cases.iter().filter(|c| open_on_last_day(c)).collect();
    let past_limit = open
        .iter()
        .filter(|c| {
            let used = contacts
                .get(&c.id)
                .map_or(0, |cs| cs.iter().filter(|x| x.on <= to).count());
            let weeks = weeks_used(c.support_started().filter(|s| *s <= to), to);
            used > c.limits.contact_limit as usize || weeks > c.limits.week_limit
        })
        .count();
    let closed = input
        .cases
        .iter()
        .filter(|c| c.status == CaseStatus::Closed && ended(c).is_some_and(|e| within(e, from, to)))
        .count();

    // Connections and the ladder.
    let made: Vec<&Connection> = input
        .connections
        .iter()
        .filter(|c| within(c.started, from, to))
        .collect();
    let independent = reached_independence;
    let connections_by_category = counts(made.iter().map(|c| {
        services
            .get(&c.service_id)
            .map_or("Not in the directory".to_owned(), |f| {
                category_for(f, goal_area(&plans, c))
            })
    }));
    let ladder = counts(
        made.iter()
            .map(|c| format!("{} {}", c.rung.number(), c.rung.label())),
    );
    let reached_independent = made.iter().filter(|c| independent(c)).count();
    let established_with_support = made.iter().filter(|c| with_support(c)).count();
    let (steps_attended, steps_missed) = steps_attended_and_missed(input.connections, (from, to));
    let steps_by_company = steps_by_company(input.connections, (from, to));
    let dna_rate = (steps_attended + steps_missed > 0)
        .then(|| steps_missed as f64 / (steps_attended + steps_missed) as f64);
    let discharge_reasons = discharge_reasons(input.cases, (from, to));

    let wellbeing = wellbeing(input.cases, &measures, (from, to));

    let unmet_needs = unmet_needs(
        &input,
        (&last_conversation, &connections),
        &plans,
        (&person_of, &persons),
        (from, to),
    );
    let directory = freshness(input.services, to);

    let cases = case_rows(
        input.cases,
        (&contacts, &connections, &measures),
        key,
        (from, to),
    );

    Report {
        from,
        to,
        referrals: referred.len(),
        by_source,
        by_need,
        snomed,
        days_to_first_contact,
        contacts_per_person,
        open_at_end: open.len(),
        closed,
        past_limit,
        connections: made.len(),
        connections_by_category,
        ladder,
        reached_independent,
        established_with_support,
        steps_attended,
        steps_missed,
        dna_rate,
        steps_by_company,
        discharge_reasons,
        wellbeing,
        unmet_needs,
        directory,
        cases,
    }
}

/// Why support ended, for the discharges in the period.
fn discharge_reasons(cases: &[Case], (from, to): (NaiveDate, NaiveDate)) -> Vec<Count> {
    counts(
        cases
            .iter()
            .filter_map(|c| c.discharge.as_ref())
            .filter(|d| within(d.on, from, to))
            .map(|d| d.reason.label().to_owned()),
    )
}

/// The SNOMED CT codes recorded in the period, counted by code.
fn snomed_counts(cases: &[Case], (from, to): (NaiveDate, NaiveDate)) -> Vec<Count> {
    counts(
        cases
            .iter()
            .flat_map(|c| &c.referral.snomed_events)
            .filter(|e| within(e.on, from, to))
            .map(|e| {
                let what = match e.code {
                    SnomedCode::ReferralAccepted => "accepted",
                    SnomedCode::Declined => "declined",
                };
                format!("{} {} ({what})", e.code.concept_id(), e.code.term())
            }),
    )
}

/// Ladder steps in the period that were attended, and missed.
fn steps_attended_and_missed(
    connections: &[Connection],
    (from, to): (NaiveDate, NaiveDate),
) -> (usize, usize) {
    let steps: Vec<_> = connections
        .iter()
        .flat_map(|c| c.standing_events())
        .filter(|e| within(e.at.date(), from, to))
        .collect();
    let steps_attended = steps
        .iter()
        .filter(|e| e.outcome == EventOutcome::Attended)
        .count();
    let steps_missed = steps
        .iter()
        .filter(|e| e.outcome == EventOutcome::DidNotAttend)
        .count();
    (steps_attended, steps_missed)
}

/// The steps attended in the period, counted by each one who went.
fn steps_by_company(connections: &[Connection], (from, to): (NaiveDate, NaiveDate)) -> Vec<Count> {
    counts(
        connections
            .iter()
            .flat_map(|c| c.standing_events())
            .filter(|e| within(e.at.date(), from, to) && e.outcome == EventOutcome::Attended)
            .flat_map(|e| {
                if e.who_went.is_empty() {
                    vec!["not recorded".to_owned()]
                } else {
                    e.who_went.iter().map(|c| c.report_label()).collect()
                }
            }),
    )
}

/// Days from referral to the first contact, over the cases referred.
fn days_to_first_contact(
    referred: &[&Case],
    contacts: &HashMap<CaseId, Vec<Counted>>,
) -> Option<Spread> {
    let first_contact = |c: &Case| {
        contacts
            .get(&c.id)
            .and_then(|cs| cs.iter().map(|x| x.on).min())
    };
    spread(
        referred
            .iter()
            .filter_map(|c| first_contact(c).map(|d| (d - c.referral.received).num_days() as f64))
            .collect(),
    )
}

/// Contacts in the period per person who had any, as a spread.
fn contacts_per_person(
    contacts: &HashMap<CaseId, Vec<Counted>>,
    person_of: &HashMap<CaseId, crate::domain::ids::PersonId>,
    (from, to): (NaiveDate, NaiveDate),
) -> Option<Spread> {
    let mut per_person: HashMap<_, usize> = HashMap::new();
    for (case, cs) in contacts {
        let n = cs.iter().filter(|c| within(c.on, from, to)).count();
        if n > 0
            && let Some(p) = person_of.get(case)
        {
            *per_person.entry(*p).or_default() += n;
        }
    }
    spread(per_person.values().map(|&n| n as f64).collect())
}

/// Whether a connection ended established with support (going with a
/// carer, peer or family member).
fn with_support(c: &Connection) -> bool {
    c.ended.as_ref().is_some_and(|e| {
        e.reason == crate::domain::ladder::ConnectionEndReason::EstablishedWithSupport
    })
}

/// Whether a connection reached the last rung: attending independently.
fn reached_independence(c: &Connection) -> bool {
    c.standing_events()
        .any(|e| e.rung == Rung::Independent && e.outcome == EventOutcome::Attended)
}

/// One row per case referred, open or ended in the period, under its
/// pseudonym.
#[allow(clippy::type_complexity)]
fn case_rows(
    cases: &[Case],
    (contacts, connections, measures): (
        &HashMap<CaseId, Vec<Counted>>,
        &HashMap<CaseId, Vec<&Connection>>,
        &HashMap<CaseId, Vec<&WellbeingMeasure>>,
    ),
    key: &[u8],
    (from, to): (NaiveDate, NaiveDate),
) -> Vec<CaseRow> {
    let mut rows: Vec<CaseRow> = cases
        .iter()
        .filter(|c| c.referral.received <= to && ended(c).is_none_or(|e| e >= from))
        .map(|c| {
            let cs = connections.get(&c.id).map_or(&[][..], Vec::as_slice);
            // Each instrument's first and last measures, compared once.
            let compared: Vec<(Instrument, Option<Compared>)> = Instrument::ALL
                .iter()
                .map(|i| (*i, case_change(measures, c.id, *i, (from, to))))
                .collect();
            let change_of = |instrument: Instrument| {
                compared
                    .iter()
                    .find(|(i, _)| *i == instrument)
                    .and_then(|(_, ch)| ch.and_then(Compared::change))
            };
            CaseRow {
                person: pseudonym(key, c.person_id),
                episode: c.episode,
                referred_on: c.referral.received,
                source: c.referral.source.label().to_owned(),
                needs: c
                    .referral
                    .needs
                    .iter()
                    .map(|n| n.label())
                    .collect::<Vec<_>>()
                    .join("; "),
                status: c.status.label().to_owned(),
                days_to_first_contact: contacts
                    .get(&c.id)
                    .and_then(|cs| cs.iter().map(|x| x.on).min())
                    .map(|d| (d - c.referral.received).num_days()),
                contacts: contacts.get(&c.id).map_or(0, Vec::len),
                connections: cs.len(),
                reached_independent: cs.iter().filter(|x| reached_independence(x)).count(),
                ended_on: ended(c),
                discharge_reason: c.discharge.as_ref().map(|d| d.reason.label().to_owned()),
                who5_change: change_of(Instrument::Who5),
                swemwbs_change: change_of(Instrument::Swemwbs),
                ons4_life_change: change_of(Instrument::Ons4),
                not_comparable: compared
                    .iter()
                    .filter(|(_, ch)| *ch == Some(Compared::NotComparable))
                    .map(|(i, _)| i.label())
                    .collect::<Vec<_>>()
                    .join(";"),
            }
        })
        .collect();
    rows.sort_by(|a, b| (a.referred_on, &a.person).cmp(&(b.referred_on, &b.person)));
    rows
}

/// How fresh and trusted the directory is on the last day.
fn freshness(services: &[ServiceFacts], to: NaiveDate) -> Freshness {
    let active: Vec<&ServiceFacts> = services.iter().filter(|s| s.is_active()).collect();

    let active_n = active.len();
    let verified = active.iter().filter(|s| s.verified_recently(to)).count();
    Freshness {
        services: services.len(),
        active: active_n,
        verified_share: if active_n == 0 {
            0.0
        } else {
            verified as f64 / active_n as f64
        },
        stale: active_n - verified,
        inactive: services.len() - active_n,
    }
}

/// Unmet needs: areas that weigh a lot, and goals, with no active service
/// for them, for cases whose conversation was in the period.
fn unmet_needs(
    input: &ReportInput,
    (last_conversation, connections): (
        &HashMap<CaseId, &Conversation>,
        &HashMap<CaseId, Vec<&Connection>>,
    ),
    plans: &HashMap<CaseId, &ActionPlan>,
    (person_of, persons): (&HashMap<CaseId, PersonId>, &HashMap<PersonId, &Person>),
    (from, to): (NaiveDate, NaiveDate),
) -> Vec<Count> {
    let active: Vec<&ServiceFacts> = input.services.iter().filter(|s| s.is_active()).collect();
    let served: HashSet<Need> = active
        .iter()
        .flat_map(|s| {
            Category::ALL
                .iter()
                .filter(|c| s.has_category(**c))
                .flat_map(|c| c.helps_with().iter().copied())
        })
        .collect();
    // The active services that help with each area.
    let mut helpers: HashMap<Need, Vec<&ServiceFacts>> = HashMap::new();
    for s in &active {
        let mut helped: Vec<Need> = Category::ALL
            .iter()
            .filter(|c| s.has_category(**c))
            .flat_map(|c| c.helps_with().iter().copied())
            .collect();
        helped.sort_by_key(|n| Need::ALL.iter().position(|x| x == n));
        helped.dedup();
        for n in helped {
            helpers.entry(n).or_default().push(s);
        }
    }
    let services_by_id: HashMap<_, _> = input.services.iter().map(|s| (&s.id, s)).collect();
    let mut unmet: Vec<String> = Vec::new();
    for (case_id, conversation) in last_conversation {
        if !within(conversation.day(), from, to) {
            continue;
        }
        let mut areas: HashSet<Need> = conversation
            .heavy_areas()
            .filter(|a| !served.contains(a))
            .collect();
        if let Some(plan) = plans.get(case_id) {
            let person = person_of.get(case_id).and_then(|p| persons.get(p));
            let district = person
                .and_then(|p| p.postcode.as_deref())
                .and_then(super::postcode::district);
            let who = ForPerson {
                conversation,
                age: person.and_then(|p| p.age_on(to)),
                district: district.as_deref(),
                gender: person.and_then(|p| p.gender),
            };
            // A goal is met by a service that fits the person (the hard
            // rules of matching) and helps with the goal's area.
            for goal in &plan.goals {
                let Some(area) = goal.life_area else {
                    continue;
                };
                let candidates = helpers.get(&area).map_or(&[][..], Vec::as_slice);
                let fits = suggest(who, Some(goal), candidates.iter().copied(), to, 1)
                    .iter()
                    .any(|s| s.reasons.contains(&Reason::ForGoal(area)));
                if !fits {
                    areas.insert(area);
                }
            }
        }
        // A need is met for this person when a connection of theirs is to
        // a service for it (whatever the directory holds now).
        for c in connections.get(case_id).into_iter().flatten() {
            if let Some(f) = services_by_id.get(&c.service_id) {
                for cat in Category::ALL.iter().filter(|k| f.has_category(**k)) {
                    for need in cat.helps_with() {
                        areas.remove(need);
                    }
                }
            }
        }
        unmet.extend(areas.into_iter().map(|a| a.label().to_owned()));
    }
    counts(unmet)
}

#[cfg(test)]
mod tests;
