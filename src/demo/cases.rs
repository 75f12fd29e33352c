//! The demo caseload: people and their episodes at every status, with the
//! records each status implies.

use super::DemoData;
use super::names::{EITHER, FAMILY, FEMALE, GIVEN, GP_PRACTICES, TOWNS};
use crate::domain::case::{Case, CaseStatus, RiskFlag, RiskKind};

/// The referral sources the demo draws from (its caseload stays the same
/// as the vocabulary grows; the case studies use the rest).
const DEMO_SOURCES: [ReferralSource; 13] = [
    ReferralSource::GeneralPractice,
    ReferralSource::LocalAuthority,
    ReferralSource::Pharmacy,
    ReferralSource::MultiDisciplinaryTeam,
    ReferralSource::HospitalDischarge,
    ReferralSource::AlliedHealthProfessional,
    ReferralSource::FireService,
    ReferralSource::Police,
    ReferralSource::JobCentre,
    ReferralSource::SocialCare,
    ReferralSource::HousingAssociation,
    ReferralSource::Vcse,
    ReferralSource::SelfReferral,
];

/// The needs the demo draws from (see [`DEMO_SOURCES`]).
const DEMO_NEEDS: [Need; 16] = [
    Need::MentalHealth,
    Need::PhysicalWellbeing,
    Need::LongTermCondition,
    Need::Loneliness,
    Need::DebtAndMoney,
    Need::Employment,
    Need::Housing,
    Need::Mobility,
    Need::Gambling,
    Need::Bereavement,
    Need::Relationships,
    Need::Lifestyle,
    Need::LowConfidence,
    Need::CarerStrain,
    Need::LearningDisabilityAutism,
    Need::Dementia,
];
use crate::domain::contact::{ContactEntry, ContactMode, ContactPurpose};
use crate::domain::conversation::{
    Barrier, Conversation, ConversationStep, FiveWays, LifeAreaAnswer, Preferences, SafetyDecision,
    Weight,
};
use crate::domain::directory::{Service, ServiceStatus};
use crate::domain::discharge::{Discharge, DischargeReason};
use crate::domain::ids::{CaseId, ConnectionId, ContactId, MeasureId, PersonId};
use crate::domain::ladder::{
    Companion, Connection, ConnectionEnd, ConnectionEndReason, EventOutcome, LadderEvent,
    PlannedStep, ReportBack, Rung, VisitPlan,
};
use crate::domain::nhs_number::NhsNumber;
use crate::domain::person::{Gender, NextOfKin, Person};
use crate::domain::plan::{ActionPlan, Goal, PlanStep, StepOwner};
use crate::domain::referral::{Consent, Need, Referral, ReferralSource, SnomedCode, Urgency};
use crate::domain::wellbeing::{MeasurePoint, Ons4, Scores, Swemwbs, WellbeingMeasure, Who5};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};

/// How many cases of each status (before the two re-referrals).
const MIX: [(CaseStatus, usize); 7] = [
    (CaseStatus::Referred, 7),
    (CaseStatus::Contacted, 6),
    (CaseStatus::Active, 24),
    (CaseStatus::Ending, 5),
    (CaseStatus::Closed, 8),
    (CaseStatus::Declined, 3),
    (CaseStatus::NotContactable, 2),
];

const WORKER: &str = "Demo worker";

/// Names some people prefer to be called.
const NICKNAMES: [(&str, &str); 8] = [
    ("Margaret", "Peggy"),
    ("Derek", "Del"),
    ("Dorothy", "Dot"),
    ("Barbara", "Babs"),
    ("Mohammed", "Mo"),
    ("Agnieszka", "Aga"),
    ("Desmond", "Des"),
    ("Maureen", "Mo"),
];

const GOALS: [(Need, &str); 12] = [
    (
        Need::Loneliness,
        "I want to get out of the house and see people again",
    ),
    (
        Need::Loneliness,
        "I'd like a reason to get up on a Wednesday",
    ),
    (
        Need::MentalHealth,
        "I want to feel less on edge when I go out",
    ),
    (
        Need::PhysicalWellbeing,
        "Get my fitness back so I can play with the grandkids",
    ),
    (
        Need::DebtAndMoney,
        "Sort out the letters from the council and stop worrying about money",
    ),
    (Need::Housing, "Get the damp in the flat fixed"),
    (
        Need::Employment,
        "Find some volunteering to get back into a routine",
    ),
    (
        Need::Bereavement,
        "Talk to people who know what losing someone is like",
    ),
    (
        Need::CarerStrain,
        "Have a couple of hours a week that are just for me",
    ),
    (Need::LowConfidence, "Be able to go somewhere new on my own"),
    (Need::Lifestyle, "Learn to cook proper meals on a budget"),
    (Need::Dementia, "Keep doing things we enjoy together"),
];

const CONTACT_NOTES: [&str; 8] = [
    "Talked through the week; sounded brighter than last time.",
    "Went over the plan together and agreed the next step.",
    "Rang to check the bus times for the visit.",
    "Worried about going on her own; agreed I would meet her outside first.",
    "Has been twice now and says the group are friendly.",
    "Missed the session because of a hospital appointment; rebooked.",
    "Discussed the letters from the council and booked the advice drop-in.",
    "Chatted about what has changed since we started.",
];

struct Ids(u64);

impl Ids {
    fn next(&mut self) -> u64 {
        let id = self.0;
        self.0 += 1;
        id
    }
}

fn at(date: NaiveDate, hour: u32) -> DateTime<Utc> {
    Utc.from_utc_datetime(&date.and_hms_opt(hour, 0, 0).unwrap_or_default())
}

/// `n` dates spread evenly from `start` to `end` inclusive.
fn spread(start: NaiveDate, end: NaiveDate, n: usize) -> Vec<NaiveDate> {
    let span = (end - start).num_days().max(0);
    (0..n)
        .map(|i| {
            let offset = if n <= 1 {
                0
            } else {
                span * i as i64 / (n as i64 - 1)
            };
            start + Duration::days(offset)
        })
        .collect()
}

fn nhs_number(rng: &mut fastrand::Rng) -> NhsNumber {
    loop {
        let mut digits = [9u8, 9, 9, 0, 0, 0, 0, 0, 0];
        for d in digits.iter_mut().skip(3) {
            *d = rng.u8(..10);
        }
        if let Some(n) = NhsNumber::from_first_nine(digits) {
            return n;
        }
    }
}

struct Gen<'a> {
    rng: &'a mut fastrand::Rng,
    today: NaiveDate,
    ids: Ids,
    data: &'a mut DemoData,
}

impl Gen<'_> {
    fn person(&mut self, k: usize) -> Person {
        let given = GIVEN[(k * 7 + 3) % GIVEN.len()];
        let family = FAMILY[(k * 11 + 5) % FAMILY.len()];
        let town = &TOWNS[k % TOWNS.len()];
        let district = town.districts[k % town.districts.len()];
        let age = 19 + self.rng.i64(0..70);
        let dob = self.today - Duration::days(age * 365 + self.rng.i64(0..365));
        let id = PersonId(self.ids.next());
        Person {
            id,
            given_name: given.to_owned(),
            family_name: family.to_owned(),
            preferred_name: NICKNAMES
                .iter()
                .find(|(g, _)| *g == given)
                .filter(|_| k.is_multiple_of(2))
                .map(|(_, n)| (*n).to_owned()),
            date_of_birth: Some(dob),
            gender: match given {
                _ if k % 13 == 7 => Some(Gender::NotStated),
                g if EITHER.contains(&g) => None,
                g if FEMALE.contains(&g) => Some(Gender::Female),
                _ => Some(Gender::Male),
            },
            nhs_number: (k % 10 != 9).then(|| nhs_number(self.rng)),
            phone: Some(format!("07700 900{:03}", self.rng.u16(..1000))),
            email: k.is_multiple_of(3).then(|| {
                format!(
                    "{}.{}@example.com",
                    given.to_lowercase(),
                    family.to_lowercase()
                )
            }),
            address: Some(format!(
                "{} {}\n{}",
                self.rng.u16(1..250),
                town.streets[k % town.streets.len()],
                town.name
            )),
            postcode: Some(format!(
                "{district} {}{}{}",
                self.rng.u8(1..10),
                "ABDEFGHJ".as_bytes()[k % 8] as char,
                "LNPQRSTU".as_bytes()[(k / 8) % 8] as char
            )),
            gp_practice: Some(GP_PRACTICES[k % GP_PRACTICES.len()].to_owned()),
            communication_needs: match k % 9 {
                1 => Some("Prefers large print letters".into()),
                5 => Some("Hard of hearing: face-to-face or text, not phone".into()),
                7 => Some("Urdu interpreter for appointments".into()),
                _ => None,
            },
            next_of_kin: (k % 4 == 1).then(|| NextOfKin {
                name: format!("{} {}", GIVEN[(k * 5 + 1) % GIVEN.len()], family),
                relationship: ["Daughter", "Son", "Husband", "Wife", "Neighbour"][k % 5].into(),
                phone: Some(format!("07700 900{:03}", self.rng.u16(..1000))),
                is_carer: k % 8 == 1,
                may_contact: true,
            }),
        }
    }

    fn referral(&mut self, k: usize, status: CaseStatus, received: NaiveDate) -> Referral {
        let source = DEMO_SOURCES[(k * 5) % DEMO_SOURCES.len()];
        let mut needs = vec![GOALS[k % GOALS.len()].0];
        for _ in 0..self.rng.usize(0..3) {
            let n = DEMO_NEEDS[self.rng.usize(..DEMO_NEEDS.len())];
            if !needs.contains(&n) {
                needs.push(n);
            }
        }
        let consent = if status == CaseStatus::Referred && k.is_multiple_of(2) {
            Consent::NotAsked
        } else if k % 9 == 4 {
            Consent::No
        } else {
            Consent::Yes
        };
        Referral {
            received,
            source,
            referrer_name: (source != ReferralSource::SelfReferral).then(|| {
                format!(
                    "{} {}",
                    GIVEN[(k * 13) % GIVEN.len()],
                    FAMILY[(k * 17) % FAMILY.len()]
                )
            }),
            referrer_organisation: match source {
                ReferralSource::GeneralPractice => {
                    Some(GP_PRACTICES[k % GP_PRACTICES.len()].to_owned())
                }
                ReferralSource::SelfReferral => None,
                other => Some(other.label().to_owned()),
            },
            reason: format!(
                "{} Referred for {}.",
                [
                    "Lives alone since a bereavement.",
                    "Struggling since losing their job.",
                    "Recently discharged from hospital.",
                    "Carer for a partner with dementia.",
                    "Anxious about leaving the house."
                ][k % 5],
                needs
                    .iter()
                    .map(|n| n.label().to_lowercase())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            needs,
            urgency: match k % 10 {
                3 => Urgency::Urgent,
                6 | 7 => Urgency::Soon,
                _ => Urgency::Routine,
            },
            consent_to_share: consent,
            snomed_events: vec![],
        }
    }

    fn contact(
        &mut self,
        case: CaseId,
        on: NaiveDate,
        purpose: ContactPurpose,
        i: usize,
    ) -> ContactEntry {
        let mode = match purpose {
            ContactPurpose::FirstContact => ContactMode::Phone,
            ContactPurpose::WhatMatters => ContactMode::HomeVisit,
            ContactPurpose::ConnectionSupport => ContactMode::FaceToFace,
            _ => ContactMode::ALL[i % ContactMode::ALL.len()],
        };
        ContactEntry {
            id: ContactId(self.ids.next()),
            case_id: case,
            on,
            mode,
            minutes: [15, 20, 30, 45, 60, 90][self.rng.usize(..6)],
            purpose,
            notes: CONTACT_NOTES[(i + case.0 as usize) % CONTACT_NOTES.len()].to_owned(),
            reach: Default::default(),
            revisions: Vec::new(),
            struck: None,
        }
    }

    fn conversation(
        &mut self,
        case: &Case,
        started: NaiveDate,
        complete: bool,
        version: u32,
    ) -> Conversation {
        let needs = &case.referral.needs;
        let step = if complete {
            ConversationStep::Review
        } else {
            ConversationStep::ALL[1 + (case.id.0 as usize % 6)]
        };
        let reached = |s: ConversationStep| complete || s < step;
        Conversation {
            case_id: case.id,
            version,
            started: at(started, 10),
            held_on: None,
            completed: complete.then(|| at(started, 11)),
            current_step: step,
            consent_to_record: true,
            consent_to_share: case.referral.consent_to_share,
            what_matters: if reached(ConversationStep::WhatMatters) {
                [
                    "Seeing my grandchildren and being well enough to enjoy them.",
                    "Getting back to how I was before; I used to be out all the time.",
                    "Not feeling so alone in the evenings.",
                    "Keeping my independence and my own home.",
                ][case.id.0 as usize % 4]
                    .into()
            } else {
                String::new()
            },
            life_areas: if reached(ConversationStep::LifeAreas) {
                needs
                    .iter()
                    .enumerate()
                    .map(|(i, &area)| LifeAreaAnswer {
                        area,
                        weight: if i == 0 {
                            Weight::ALot
                        } else {
                            Weight::ALittle
                        },
                        note: String::new(),
                    })
                    .collect()
            } else {
                vec![]
            },
            strengths: if reached(ConversationStep::Strengths) {
                vec![
                    (
                        FiveWays::Connect,
                        "Good with people once they know them".into(),
                    ),
                    (FiveWays::BeActive, "Used to walk the dog every day".into()),
                ]
            } else {
                vec![]
            },
            barriers: if reached(ConversationStep::Barriers) {
                match case.id.0 % 4 {
                    0 => vec![Barrier::Anxiety, Barrier::Transport],
                    1 => vec![Barrier::Cost],
                    2 => vec![Barrier::Confidence, Barrier::Fatigue],
                    _ => vec![Barrier::CaringDuties],
                }
            } else {
                vec![]
            },
            other_barriers: String::new(),
            preferences: if reached(ConversationStep::Preferences) {
                Preferences {
                    days: vec![Weekday::Tue, Weekday::Wed],
                    evenings: case.id.0.is_multiple_of(3),
                    weekends: case.id.0.is_multiple_of(4),
                    max_cost_pence: Some(if case.id.0 % 4 == 1 { 0 } else { 300 }),
                    max_travel_miles: Some(2),
                    any_distance: false,
                    travel: ["Bus", "Walk", "Lift from daughter"][case.id.0 as usize % 3].into(),
                    accompanied_at_first: case.id.0.is_multiple_of(4),
                }
            } else {
                Preferences::default()
            },
            safety: reached(ConversationStep::Safety).then(|| SafetyDecision {
                risks_identified: case.active_risks().next().is_some(),
                refer_on: vec![],
                decision: "No needs beyond link work identified today.".into(),
            }),
            baseline: None,
            goals: if reached(ConversationStep::Goals) {
                vec![GOALS[case.id.0 as usize % GOALS.len()].1.into()]
            } else {
                vec![]
            },
            skipped: vec![],
        }
    }

    fn measure(
        &mut self,
        case: CaseId,
        on: NaiveDate,
        point: MeasurePoint,
        k: usize,
        better: u8,
    ) -> WellbeingMeasure {
        let scores = match k % 5 {
            0..=2 => Scores::Ons4(Ons4 {
                life_satisfaction: (3 + better).min(10),
                worthwhile: (4 + better).min(10),
                happy: (3 + better).min(10),
                anxious: 7u8.saturating_sub(better),
            }),
            3 => Scores::Who5(Who5 {
                items: [1 + better / 2, 2, 1 + better / 3, 2, 2 + better / 3].map(|v| v.min(5)),
            }),
            _ => Scores::Swemwbs(Swemwbs {
                items: [2 + better / 3, 3, 2, 3 + better / 4, 3, 2 + better / 3, 3]
                    .map(|v| v.min(5)),
            }),
        };
        WellbeingMeasure {
            completed_by: None,
            id: MeasureId(self.ids.next()),
            case_id: case,
            taken_on: on,
            point,
            scores,
            revisions: Vec::new(),
            struck: None,
        }
    }

    fn services_for(&self, needs: &[Need], district_hint: usize, n: usize) -> Vec<&Service> {
        let active = |s: &&Service| s.status == ServiceStatus::Active;
        let mut found: Vec<&Service> = self
            .data
            .services
            .iter()
            .filter(active)
            .filter(|s| {
                s.local
                    .categories
                    .iter()
                    .any(|c| c.helps_with().iter().any(|h| needs.contains(h)))
            })
            .collect();
        if found.is_empty() {
            found = self.data.services.iter().filter(active).collect();
        }
        (0..n.min(found.len()))
            .map(|i| found[(district_hint * 7 + i * 5) % found.len()])
            .collect()
    }

    fn plan_and_connections(
        &mut self,
        case: &Case,
        k: usize,
        agreed: NaiveDate,
        status: CaseStatus,
        closed_on: NaiveDate,
    ) {
        let goal_text = GOALS[k % GOALS.len()];
        let services: Vec<(crate::domain::ids::ServiceId, String)> = self
            .services_for(&case.referral.needs, k, 1 + k % 2)
            .into_iter()
            .map(|s| (s.id.clone(), s.name.clone()))
            .collect();
        // Reviews fall over the coming month; one plan in seven is overdue.
        let review_date = match k % 7 {
            0 => self.today - Duration::days(1 + k as i64 % 6),
            _ => (agreed + Duration::days(42))
                .max(self.today + Duration::days(1 + (k as i64 * 5) % 28)),
        };
        let recent = (self.today - agreed).num_days() < 14;
        let plan = ActionPlan {
            case_id: case.id,
            goals: vec![Goal {
                text: goal_text.1.into(),
                life_area: Some(goal_text.0),
                steps: vec![
                    PlanStep {
                        what: "Look at the group's times together and pick one to try".into(),
                        owner: StepOwner::Person,
                        due: Some(agreed + Duration::days(7)),
                        done: Some(agreed + Duration::days(5)),
                    },
                    PlanStep {
                        what: "Ring the organiser to say we are coming".into(),
                        owner: StepOwner::Worker,
                        due: Some(agreed + Duration::days(10)),
                        done: (!recent).then_some(agreed + Duration::days(8)),
                    },
                ],
                services: services.iter().map(|(id, _)| id.clone()).collect(),
            }],
            review_date: Some(review_date),
            agreed_on: (k % 7 != 5 || status != CaseStatus::Active).then_some(agreed),
        };
        self.data.plans.push(plan);
        for (i, (service_id, service_name)) in services.into_iter().enumerate() {
            let target = match status {
                CaseStatus::Closed => Rung::Independent,
                CaseStatus::Ending => [Rung::WithCarerOrPeer, Rung::Independent][(k + i) % 2],
                _ => Rung::ALL[(k + i * 3) % Rung::ALL.len()],
            };
            let conn = self.connection(
                case.id,
                service_id,
                service_name,
                agreed,
                target,
                (status, closed_on),
                k + i,
            );
            self.data.connections.push(conn);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn connection(
        &mut self,
        case: CaseId,
        service_id: crate::domain::ids::ServiceId,
        service_name: String,
        started: NaiveDate,
        target: Rung,
        (status, closed_on): (CaseStatus, NaiveDate),
        k: usize,
    ) -> Connection {
        let mut c = Connection {
            id: ConnectionId(self.ids.next()),
            case_id: case,
            service_id,
            service_name,
            goal: Some(0),
            started,
            rung: Rung::Discussion,
            next: None,
            events: vec![],
            visit_plan: None,
            ended: None,
        };
        let rungs: Vec<Rung> = Rung::ALL
            .iter()
            .copied()
            .take_while(|&r| r <= target)
            .collect();
        // A closed case's connections end before the case does.
        let last_day = if status.is_open() {
            self.today - Duration::days(1)
        } else {
            closed_on - Duration::days(1)
        };
        let setback = k % 9 == 4 && target >= Rung::WithCarerOrPeer;
        let n = rungs.len() + usize::from(setback) * 2;
        let days = spread(started, last_day.max(started), n.max(1));
        let mut day = days.into_iter();
        let time = NaiveTime::from_hms_opt(10, 30, 0).unwrap_or_default();
        for &rung in &rungs {
            let Some(d) = day.next() else { break };
            let who = match rung {
                Rung::Discussion | Rung::PlanningVisit | Rung::AttendingTogether => {
                    vec![Companion::Worker]
                }
                Rung::DistantShadowing => vec![Companion::Worker],
                Rung::WithCarerOrPeer if k.is_multiple_of(2) => vec![Companion::Carer],
                Rung::WithCarerOrPeer if k % 3 == 1 => vec![Companion::Family],
                Rung::WithCarerOrPeer => vec![Companion::Peer],
                Rung::Independent => vec![Companion::Alone],
            };
            let event = LadderEvent {
                at: d.and_time(time),
                rung,
                outcome: EventOutcome::Attended,
                who_went: who,
                who_went_as_typed: None,
                report_back: (rung == Rung::WithCarerOrPeer).then_some(ReportBack::Photo),
                notes: String::new(),
                step_up_reason: None,
                revisions: Vec::new(),
                struck: None,
            };
            let _ = c.record(event);
            if setback && rung == Rung::DistantShadowing {
                // A setback: did not attend, then back up to attending together.
                if let Some(d2) = day.next() {
                    let _ = c.record(LadderEvent {
                        at: d2.and_time(time),
                        rung: Rung::WithCarerOrPeer,
                        outcome: EventOutcome::DidNotAttend,
                        who_went: Vec::new(),
                        who_went_as_typed: None,
                        report_back: None,
                        notes: "Felt too anxious to go without me after a bad week.".into(),
                        step_up_reason: None,
                        revisions: Vec::new(),
                        struck: None,
                    });
                }
                if let Some(d3) = day.next() {
                    let _ = c.record(LadderEvent {
                        at: d3.and_time(time),
                        rung: Rung::AttendingTogether,
                        outcome: EventOutcome::Attended,
                        who_went: vec![Companion::Worker],
                        who_went_as_typed: None,
                        report_back: None,
                        notes: String::new(),
                        step_up_reason: Some(
                            "Confidence dipped after a fall; going together again for now.".into(),
                        ),
                        revisions: Vec::new(),
                        struck: None,
                    });
                }
            }
        }
        if matches!(
            c.rung,
            Rung::PlanningVisit | Rung::AttendingTogether | Rung::Discussion
        ) {
            c.visit_plan = Some(VisitPlan {
                meeting_point: "Outside the main entrance".into(),
                route: "Number 33 bus from the end of the road, six stops".into(),
                what_to_expect: "About a dozen people; tea first, then the activity".into(),
                who_to_ask_for: "The organiser at the front desk".into(),
                cost_and_payment: "Pay on the door, cash or card".into(),
            });
        }
        if status.is_open() {
            let next_rung = if c.events.is_empty() {
                Rung::Discussion
            } else {
                c.rung.step_down().unwrap_or(c.rung)
            };
            // Spread over the coming fortnight, at the hours groups meet.
            let in_days = 1 + (k as i64 * 7 + 3) % 13;
            let hour = [9, 10, 11, 13, 14, 15, 18][(k * 5) % 7];
            let minute = [0, 30][k % 2];
            c.next = Some(PlannedStep {
                at: (self.today + Duration::days(in_days))
                    .and_hms_opt(hour, minute, 0)
                    .unwrap_or_default(),
                rung: next_rung,
            });
        } else {
            c.ended = Some(ConnectionEnd {
                on: last_day,
                reason: ConnectionEndReason::Established,
            });
        }
        c
    }

    fn case(
        &mut self,
        k: usize,
        person: &Person,
        status: CaseStatus,
        j: usize,
        episode: u32,
        previous: Option<CaseId>,
    ) -> Case {
        let today = self.today;
        let days_ago = match status {
            CaseStatus::Referred => [1, 3, 5, 8, 12, 17, 20][j % 7],
            CaseStatus::Contacted => 8 + self.rng.i64(0..22),
            CaseStatus::Active => 15 + (j as i64 * 2) + self.rng.i64(0..6),
            CaseStatus::Ending => 75 + self.rng.i64(0..25),
            CaseStatus::Closed => 160 + self.rng.i64(0..280),
            CaseStatus::Declined => 20 + self.rng.i64(0..180),
            CaseStatus::NotContactable => 30 + self.rng.i64(0..170),
        };
        let received = today - Duration::days(days_ago);
        let referral = self.referral(k, status, received);
        let id = CaseId(self.ids.next());
        let mut case = Case::open(id, person.id, episode, referral, WORKER, at(received, 9));
        case.previous_case = previous;
        let contacted = received + Duration::days(2 + (k as i64 % 4));
        let active = contacted + Duration::days(3 + (k as i64 % 5));
        let mut contacts = Vec::new();
        // The demo's own fixed transitions, every one checked by the demo
        // tests: a refusal here is a bug in this file, not bad input.
        #[allow(clippy::expect_used)]
        let advance = |case: &mut Case, to: CaseStatus, on: NaiveDate, reason: Option<&str>| {
            case.move_to(to, at(on, 11), reason.map(str::to_owned))
                .expect("demo transitions follow the rules");
        };
        if status == CaseStatus::NotContactable {
            advance(
                &mut case,
                CaseStatus::NotContactable,
                received + Duration::days(21),
                Some("Three calls and a letter, no reply"),
            );
        }
        if matches!(
            status,
            CaseStatus::Contacted
                | CaseStatus::Active
                | CaseStatus::Ending
                | CaseStatus::Closed
                | CaseStatus::Declined
        ) {
            advance(&mut case, CaseStatus::Contacted, contacted, None);
            contacts.push((contacted, ContactPurpose::FirstContact));
        }
        if status == CaseStatus::Declined {
            let on = contacted + Duration::days(1);
            advance(
                &mut case,
                CaseStatus::Declined,
                on,
                Some("Feels things are better now"),
            );
            case.referral.record_snomed(SnomedCode::Declined, on);
        }
        let ending_on = today - Duration::days(5 + (k as i64 % 10));
        let closed_on = received + Duration::days(85 + (k as i64 % 10));
        if matches!(
            status,
            CaseStatus::Active | CaseStatus::Ending | CaseStatus::Closed
        ) {
            advance(&mut case, CaseStatus::Active, active, None);
            case.referral
                .record_snomed(SnomedCode::ReferralAccepted, active);
            contacts.push((active, ContactPurpose::WhatMatters));
        }
        let support_end = match status {
            CaseStatus::Ending => {
                advance(&mut case, CaseStatus::Ending, ending_on, None);
                today
            }
            CaseStatus::Closed => {
                advance(
                    &mut case,
                    CaseStatus::Ending,
                    closed_on - Duration::days(10),
                    None,
                );
                advance(&mut case, CaseStatus::Closed, closed_on, None);
                closed_on
            }
            _ => today,
        };
        let extra = match status {
            CaseStatus::Active if j >= 15 && j % 6 == 5 => 8 + (j % 2),
            CaseStatus::Active => self
                .rng
                .usize(0..6)
                .min(((today - active).num_days() / 7) as usize),
            CaseStatus::Ending => 7 + j % 3 + usize::from(j == 1) * 2,
            CaseStatus::Closed => 4 + self.rng.usize(..6),
            _ => 0,
        };
        if extra > 0 {
            let dates = spread(
                active + Duration::days(5),
                support_end
                    - Duration::days(if status == CaseStatus::Active && j % 5 == 2 {
                        25
                    } else {
                        1
                    }),
                extra,
            );
            for (i, d) in dates.into_iter().enumerate() {
                let purpose = match i % 3 {
                    0 => ContactPurpose::ConnectionSupport,
                    1 => ContactPurpose::CheckIn,
                    _ => ContactPurpose::PlanReview,
                };
                contacts.push((d.max(active), purpose));
            }
        }
        if status == CaseStatus::Closed {
            contacts.push((closed_on, ContactPurpose::Discharge));
        }
        for (i, (on, purpose)) in contacts.into_iter().enumerate() {
            let c = self.contact(id, on, purpose, i);
            self.data.contacts.push(c);
        }
        add_risks(&mut case, k, received, status);
        if status == CaseStatus::Ending && j == 1 {
            let _ = case.limits.extend(
                today - Duration::days(20),
                "Waiting for the housing repair to finish before stepping back",
                16,
                16,
            );
        }
        if status == CaseStatus::Closed {
            case.discharge = Some(discharge(j, closed_on));
        }
        self.casework(&case, (k, j), status, (contacted, active, closed_on));
        case
    }

    /// The case's conversations, plan, connections and measures, as far as
    /// its status has come.
    fn casework(
        &mut self,
        case: &Case,
        (k, j): (usize, usize),
        status: CaseStatus,
        (contacted, active, closed_on): (NaiveDate, NaiveDate, NaiveDate),
    ) {
        let (today, id) = (self.today, case.id);
        // Conversations, plans, connections and measures.
        match status {
            CaseStatus::Contacted if j.is_multiple_of(2) => {
                let conv = self.conversation(case, contacted + Duration::days(1), false, 1);
                self.data.conversations.push(conv);
            }
            CaseStatus::Active | CaseStatus::Ending | CaseStatus::Closed => {
                let mut conv = self.conversation(case, active, true, 1);
                let baseline = self.measure(id, active, MeasurePoint::Baseline, k, 0);
                conv.baseline = Some(baseline.id);
                self.data.conversations.push(conv);
                self.data.measures.push(baseline);
                if status == CaseStatus::Active && j % 8 == 3 {
                    let review = self.conversation(case, today - Duration::days(2), false, 2);
                    self.data.conversations.push(review);
                }
                let agreed = active + Duration::days(k as i64 % 3);
                self.plan_and_connections(case, k, agreed, status, closed_on);
                if (today - active).num_days() > 40 || status != CaseStatus::Active {
                    let on = if status == CaseStatus::Closed {
                        closed_on
                    } else {
                        today - Duration::days(7)
                    };
                    let point = if status == CaseStatus::Closed {
                        MeasurePoint::Final
                    } else {
                        MeasurePoint::Review
                    };
                    let better = [3, 2, 1, 4, 0, 3][k % 6];
                    let m = self.measure(id, on, point, k, better);
                    self.data.measures.push(m);
                }
            }
            _ => {}
        }
    }
}

/// The demo's risk flags: safeguarding or risk to self on every eleventh
/// open case, lone working on every thirteenth.
fn add_risks(case: &mut Case, k: usize, received: NaiveDate, status: CaseStatus) {
    if k % 11 == 3 && status.is_open() {
        case.risk_flags.push(RiskFlag {
            kind: if k.is_multiple_of(2) {
                RiskKind::Safeguarding
            } else {
                RiskKind::RiskToSelf
            },
            note: "Discussed with GP; see safeguarding note.".into(),
            raised: received + Duration::days(3),
            cleared: None,
        });
        case.safeguarding_note = Some(
            "Concern raised with the practice safeguarding lead; agreed plan in place.".into(),
        );
    }
    if k % 13 == 6 {
        case.risk_flags.push(RiskFlag {
            kind: RiskKind::LoneWorking,
            note: "Visit in pairs; dog in the house.".into(),
            raised: received,
            cleared: None,
        });
    }
}

/// How the j-th closed case ended.
fn discharge(j: usize, closed_on: NaiveDate) -> Discharge {
    let reason = [
        DischargeReason::GoalsMet,
        DischargeReason::GoalsMet,
        DischargeReason::PersonChoseToStop,
        DischargeReason::GoalsMet,
        DischargeReason::MovedAway,
        DischargeReason::ReferredOn,
        DischargeReason::GoalsMet,
        DischargeReason::Disengaged,
    ][j % 8];
    Discharge {
        reason,
        on: closed_on,
        summary: "Now attending a weekly group independently and feeling more connected.".into(),
        onward_referral: (reason == DischargeReason::ReferredOn)
            .then(|| "Community mental health team".into()),
        risks_cleared: false,
    }
}

/// Generates people and cases into `data`.
pub fn caseload(rng: &mut fastrand::Rng, today: NaiveDate, first_id: u64, data: &mut DemoData) {
    let mut g = Gen {
        rng,
        today,
        ids: Ids(first_id),
        data,
    };
    let mut k = 0;
    let mut closed = Vec::new();
    for (status, count) in MIX {
        for j in 0..count {
            let person = g.person(k);
            let case = g.case(k, &person, status, j, 1, None);
            if status == CaseStatus::Closed && j < 2 {
                closed.push((person.clone(), case.id));
            }
            g.data.persons.push(person);
            g.data.cases.push(case);
            k += 1;
        }
    }
    // Two people re-referred after an earlier, closed episode.
    for (i, (person, previous)) in closed.into_iter().enumerate() {
        let status = [CaseStatus::Referred, CaseStatus::Active][i];
        let case = g.case(k, &person, status, 2 + i * 5, 2, Some(previous));
        g.data.cases.push(case);
        k += 1;
    }
}
