//! A small caseload whose every report figure was worked out by hand
//! (the expected values are written here, not computed by the report).

use super::*;
use crate::domain::case::Case;
use crate::domain::conversation::{Flow, LifeAreaAnswer, Weight};
use crate::domain::directory::{ServiceStatus, category_bit};
use crate::domain::discharge::{Discharge, DischargeReason};
use crate::domain::fixtures::{person, referral};
use crate::domain::ids::{ConnectionId, ContactId, MeasureId, PersonId, ServiceId};
use crate::domain::ladder::{Companion, LadderEvent, Rung};
use crate::domain::plan::Goal;
use crate::domain::referral::{Consent, ReferralSource};
use crate::domain::wellbeing::{MeasurePoint, Ons4, Scores, Who5};
use chrono::{DateTime, Utc};

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn at(m: u32, day: u32) -> DateTime<Utc> {
    d(m, day).and_hms_opt(12, 0, 0).unwrap().and_utc()
}

fn case(id: u64, person: u64, received: NaiveDate, source: ReferralSource, needs: &[Need]) -> Case {
    let mut r = referral(received, source, needs[0], Consent::Yes);
    r.needs = needs.to_vec();
    Case::open(
        CaseId(id),
        PersonId(person),
        1,
        r,
        "w",
        received.and_hms_opt(9, 0, 0).unwrap().and_utc(),
    )
}

fn contact(id: u64, case: u64, on: NaiveDate) -> ContactEntry {
    ContactEntry {
        id: ContactId(id),
        case_id: CaseId(case),
        on,
        mode: crate::domain::contact::ContactMode::Phone,
        minutes: 20,
        purpose: crate::domain::contact::ContactPurpose::CheckIn,
        notes: String::new(),
        reach: Default::default(),
        revisions: Vec::new(),
        struck: None,
    }
}

fn facts(id: &str, category: Category, verified: NaiveDate, status: ServiceStatus) -> ServiceFacts {
    ServiceFacts {
        sessions_end: Default::default(),
        to_check: Default::default(),
        id: ServiceId::from(id),
        name: id.into(),
        organisation: String::new(),
        town: String::new(),
        categories: category_bit(category),
        free: true,
        lowest_cost_pence: Some(0),
        accompanied_friendly: false,
        days: 0,
        evenings: false,
        districts: vec![],
        minimum_age: None,
        maximum_age: None,
        accessible: false,
        suits: 0,
        point: None,
        status,
        verified_on: Some(verified),
    }
}

fn connection(
    id: u64,
    case: u64,
    service: &str,
    started: NaiveDate,
    steps: &[(NaiveDate, Rung, EventOutcome)],
) -> Connection {
    let mut c = Connection {
        id: ConnectionId(id),
        case_id: CaseId(case),
        service_id: ServiceId::from(service),
        service_name: service.into(),
        goal: Some(0),
        started,
        rung: Rung::Discussion,
        next: None,
        events: vec![],
        visit_plan: None,
        ended: None,
    };
    for (on, rung, outcome) in steps {
        c.record(LadderEvent {
            outcome: *outcome,
            who_went: Companion::usual(*rung),
            ..crate::domain::fixtures::attended(on.and_hms_opt(10, 0, 0).unwrap(), *rung)
        })
        .unwrap();
    }
    c
}

fn who5(id: u64, case: u64, on: NaiveDate, items: [u8; 5]) -> WellbeingMeasure {
    WellbeingMeasure {
        completed_by: None,
        id: MeasureId(id),
        case_id: CaseId(case),
        taken_on: on,
        point: MeasurePoint::Review,
        scores: Scores::Who5(Who5::new(items).unwrap()),
        revisions: Vec::new(),
        struck: None,
    }
}

/// The four cases of the hand count.
fn hand_counted_cases() -> Vec<Case> {
    use ReferralSource::*;
    // C1: referred 2 Oct, contacted 5 Oct, accepted 6 Oct; a limit of 2
    // contacts (it has 3).
    let mut c1 = case(
        1,
        1,
        d(10, 2),
        GeneralPractice,
        &[Need::Loneliness, Need::DebtAndMoney],
    );
    c1.move_to(CaseStatus::Contacted, at(10, 5), None).unwrap();
    c1.move_to(CaseStatus::Active, at(10, 6), None).unwrap();
    c1.referral
        .record_snomed(SnomedCode::ReferralAccepted, d(10, 6));
    c1.limits.contact_limit = 2;
    // C2: referred 10 Oct, contacted 11 Oct.
    let mut c2 = case(2, 2, d(10, 10), Pharmacy, &[Need::Loneliness]);
    c2.move_to(CaseStatus::Contacted, at(10, 11), None).unwrap();
    // C3: referred 1 Sep (before the period), closed 20 Oct, goals met.
    let mut c3 = case(3, 3, d(9, 1), GeneralPractice, &[Need::Housing]);
    c3.move_to(CaseStatus::Contacted, at(9, 3), None).unwrap();
    c3.move_to(CaseStatus::Active, at(9, 5), None).unwrap();
    c3.referral
        .record_snomed(SnomedCode::ReferralAccepted, d(9, 5));
    c3.move_to(CaseStatus::Ending, at(10, 18), None).unwrap();
    c3.move_to(CaseStatus::Closed, at(10, 20), None).unwrap();
    c3.discharge = Some(Discharge {
        reason: DischargeReason::GoalsMet,
        on: d(10, 20),
        summary: String::new(),
        onward_referral: None,
        risks_cleared: false,
    });
    // C4: referred 20 Oct, declined 25 Oct.
    let mut c4 = case(4, 4, d(10, 20), SelfReferral, &[Need::Bereavement]);
    c4.move_to(CaseStatus::Declined, at(10, 25), Some("not now".into()))
        .unwrap();
    c4.referral.record_snomed(SnomedCode::Declined, d(10, 25));
    vec![c1, c2, c3, c4]
}

/// The three connections of the hand count. The walk's first step was
/// with the worker, a community matron and a paramedic together.
fn hand_counted_connections() -> Vec<Connection> {
    use EventOutcome::*;
    let mut made = vec![
        connection(
            101,
            1,
            "walk",
            d(10, 7),
            &[
                (d(10, 7), Rung::Discussion, Attended),
                (d(10, 14), Rung::PlanningVisit, Attended),
                (d(10, 21), Rung::AttendingTogether, DidNotAttend),
            ],
        ),
        connection(
            102,
            2,
            "choir",
            d(10, 12),
            &[(d(10, 12), Rung::Independent, Attended)],
        ),
        connection(
            103,
            3,
            "choir",
            d(9, 6),
            &[
                (d(9, 10), Rung::AttendingTogether, Attended),
                (d(10, 2), Rung::Independent, Attended),
            ],
        ),
    ];
    made[0].events[0].who_went = vec![
        Companion::Worker,
        Companion::Professional("Community Matron".into()),
        Companion::Professional("paramedic".into()),
    ];
    made
}

/// C1's and C2's conversations.
fn hand_counted_conversations() -> [Conversation; 2] {
    // C1's conversation (6 Oct): loneliness and gambling weigh a lot; one
    // goal about housing. C2's (28 Sep) is before the period.
    let mut conv1 = Flow::start(CaseId(1), None, at(10, 6)).conversation;
    for area in [Need::Loneliness, Need::Gambling] {
        conv1.life_areas.retain(|a| a.area != area);
        conv1.life_areas.push(LifeAreaAnswer {
            area,
            weight: Weight::ALot,
            note: String::new(),
        });
    }
    let mut conv2 = Flow::start(CaseId(2), None, at(9, 28)).conversation;
    conv2.life_areas.push(LifeAreaAnswer {
        area: Need::Dementia,
        weight: Weight::ALot,
        note: String::new(),
    });
    [conv1, conv2]
}

/// The measures of the hand count.
fn hand_counted_measures() -> Vec<WellbeingMeasure> {
    vec![
        who5(201, 1, d(10, 6), [2; 5]),           // 40 %
        who5(202, 1, d(10, 20), [3; 5]),          // 60 %: +20, meaningful
        who5(301, 3, d(9, 5), [3; 5]),            // 60 %
        who5(302, 3, d(10, 20), [3, 3, 3, 3, 4]), // 64 %: +4
        WellbeingMeasure {
            completed_by: None,
            id: MeasureId(303),
            case_id: CaseId(3),
            taken_on: d(9, 5),
            point: MeasurePoint::Baseline,
            scores: Scores::Ons4(Ons4::new(4, 5, 5, 6).unwrap()),
            revisions: Vec::new(),
            struck: None,
        },
        WellbeingMeasure {
            completed_by: None,
            id: MeasureId(304),
            case_id: CaseId(3),
            taken_on: d(10, 20),
            point: MeasurePoint::Final,
            scores: Scores::Ons4(Ons4::new(6, 6, 6, 4).unwrap()),
            revisions: Vec::new(),
            struck: None,
        },
    ]
}

/// The report of the hand-counted caseload for October 2026.
fn hand_counted_report() -> Report {
    let persons = vec![
        person(1, "Ann", "One"),
        person(2, "Bob", "Two"),
        person(3, "Cat", "Three"),
        person(4, "Dee", "Four"),
    ];
    let cases = hand_counted_cases();
    let contacts = vec![
        contact(11, 1, d(10, 5)),
        contact(12, 1, d(10, 12)),
        contact(13, 1, d(10, 20)),
        contact(21, 2, d(10, 11)),
        contact(31, 3, d(9, 3)),
        contact(32, 3, d(9, 10)),
        contact(33, 3, d(10, 1)),
        contact(34, 3, d(10, 15)),
    ];
    let connections = hand_counted_connections();
    let services = vec![
        facts("walk", Category::Walking, d(6, 1), ServiceStatus::Active),
        facts(
            "choir",
            Category::Choir,
            NaiveDate::from_ymd_opt(2025, 9, 1).unwrap(),
            ServiceStatus::Active,
        ),
        facts(
            "housing",
            Category::Housing,
            d(10, 1),
            ServiceStatus::Inactive,
        ),
    ];
    let [conv1, conv2] = hand_counted_conversations();
    let plans = vec![ActionPlan {
        case_id: CaseId(1),
        goals: vec![
            Goal {
                text: "Somewhere dry to live".into(),
                life_area: Some(Need::Housing),
                steps: vec![],
                services: vec![],
            },
            Goal {
                text: "Get out walking".into(),
                life_area: Some(Need::PhysicalWellbeing),
                steps: vec![],
                services: vec![],
            },
        ],
        review_date: None,
        agreed_on: None,
    }];
    let measures = hand_counted_measures();
    build(
        ReportInput {
            persons: &persons,
            cases: &cases,
            contacts: &contacts,
            connections: &connections,
            conversations: &[conv1, conv2],
            plans: &plans,
            measures: &measures,
            services: &services,
        },
        d(10, 1),
        d(10, 31),
        b"fixture key",
    )
}

#[test]
fn referrals_contacts_and_the_caseload_match_the_hand_count() {
    let r = hand_counted_report();
    let c = |label: &str, count: usize| Count {
        label: label.into(),
        count,
    };
    // C1, C2 and C4 were referred in October.
    assert_eq!(r.referrals, 3);
    assert_eq!(
        r.by_source,
        [
            c("General practice", 1),
            c("Pharmacy", 1),
            c("Self-referral", 1)
        ]
    );
    assert_eq!(
        r.by_need,
        [
            c("Loneliness and isolation", 2),
            c("Bereavement", 1),
            c("Debt and money", 1)
        ]
    );
    // C1 accepted 6 Oct, C4 declined 25 Oct (C3's acceptance was in Sep).
    assert_eq!(
        r.snomed,
        [
            c("871711000000103 Social prescribing declined (declined)", 1),
            c(
                "871731000000106 Referral to social prescribing service (accepted)",
                1
            ),
        ]
    );
    // C1: 3 days, C2: 1 day (C4 never contacted): median 2, p90 3.
    let s = r.days_to_first_contact.unwrap();
    assert_eq!((s.n, s.median, s.p90), (2, 2.0, 3.0));
    // October contacts by person, ladder steps with the worker counted
    // once: Ann 3 logged + the discussion (7 Oct) and the visit planning
    // (14 Oct) she attended = 5 (the missed visit of 21 Oct is not a
    // contact); Bob 1 (he went to the choir on his own); Cat 2 (her
    // accompanied visit was in September).
    let s = r.contacts_per_person.unwrap();
    assert_eq!((s.n, s.median, s.p90), (3, 2.0, 5.0));
    // Open on 31 Oct: C1 and C2; C1 is past its 2-contact limit; C3 closed.
    assert_eq!((r.open_at_end, r.past_limit, r.closed), (2, 1, 1));
}

#[test]
fn ladder_wellbeing_unmet_needs_and_rows_match_the_hand_count() {
    let r = hand_counted_report();
    let c = |label: &str, count: usize| Count {
        label: label.into(),
        count,
    };
    // Made in October: the walk (rung 2) and C2's choir (rung 6).
    assert_eq!(r.connections, 2);
    assert_eq!(
        r.connections_by_category,
        [c("Choir and singing", 1), c("Walking", 1)]
    );
    assert_eq!(
        r.ladder,
        [
            c("2 Planning the visit", 1),
            c("6 Attends independently", 1)
        ]
    );
    assert_eq!(r.reached_independent, 1);
    // October steps: walk 7th and 14th attended, 21st missed; choir 12th;
    // C3's choir 2nd: 4 attended, 1 missed.
    assert_eq!((r.steps_attended, r.steps_missed), (4, 1));
    assert_eq!(r.dna_rate, Some(0.2));
    // Who went to those 4: the walk's first with three, the planning
    // visit with nobody recorded, both choir steps alone.
    assert_eq!(
        r.steps_by_company,
        [
            c("alone", 2),
            c("another professional: community matron", 1),
            c("another professional: paramedic", 1),
            c("link worker", 1),
            c("not recorded", 1)
        ]
    );
    assert_eq!(r.discharge_reasons, [c("Goals met and connected", 1)]);
    // WHO-5: +20 and +4 -> n 2, mean 12, half meaningful. ONS4 life
    // satisfaction: 4 -> 6 -> +2, meaningful.
    assert_eq!(r.wellbeing.len(), 2);
    let ons4 = &r.wellbeing[0];
    assert_eq!(
        (
            ons4.instrument,
            ons4.n,
            ons4.mean_change,
            ons4.improved_share
        ),
        ("ONS4", 1, 2.0, 1.0)
    );
    let w = &r.wellbeing[1];
    assert_eq!(
        (w.instrument, w.n, w.mean_change, w.improved_share),
        ("WHO-5", 2, 12.0, 0.5)
    );
    // Unmet (C1 only; C2's conversation is September's): gambling (no
    // active service helps with it) and housing (the housing service is
    // inactive); walking is met.
    assert_eq!(r.unmet_needs, [c("Gambling", 1), c("Housing", 1)]);
    // Directory on 31 Oct: 3 services, 2 active; the walk verified in
    // June, the choir over a year ago.
    assert_eq!(
        r.directory,
        Freshness {
            services: 3,
            active: 2,
            verified_share: 0.5,
            stale: 1,
            inactive: 1
        }
    );
    // Rows: all four cases touch October; pseudonyms, not names.
    assert_eq!(r.cases.len(), 4);
    let first = &r.cases[0];
    assert_eq!(first.referred_on, d(9, 1));
    assert_eq!(first.person, pseudonym(b"fixture key", PersonId(3)));
    assert_eq!(first.ons4_life_change, Some(2.0));
    assert_eq!(first.who5_change, Some(4.0));
    assert_eq!(
        first.discharge_reason.as_deref(),
        Some("Goals met and connected")
    );
    assert_eq!(first.days_to_first_contact, Some(2));
}

#[test]
fn a_backdated_discharge_ends_the_episode_on_the_date_entered() {
    // Discharged from the screen today (1 December) but dated 14 December
    // 2018: the report counts it closed in 2018, not in this period.
    let mut c = case(
        7,
        7,
        NaiveDate::from_ymd_opt(2018, 8, 6).unwrap(),
        ReferralSource::GeneralPractice,
        &[Need::Loneliness],
    );
    c.move_to(CaseStatus::Contacted, at(10, 5), None).unwrap();
    c.move_to(CaseStatus::Active, at(10, 6), None).unwrap();
    c.move_to(CaseStatus::Ending, at(10, 7), None).unwrap();
    c.move_to(CaseStatus::Closed, at(10, 8), None).unwrap();
    c.discharge = Some(Discharge {
        reason: DischargeReason::GoalsMet,
        on: NaiveDate::from_ymd_opt(2018, 12, 14).unwrap(),
        summary: String::new(),
        onward_referral: None,
        risks_cleared: false,
    });
    let persons = vec![person(7, "Ben", "Read")];
    let cases = vec![c];
    let report = |from, to| {
        build(
            ReportInput {
                persons: &persons,
                cases: &cases,
                contacts: &[],
                connections: &[],
                conversations: &[],
                plans: &[],
                measures: &[],
                services: &[],
            },
            from,
            to,
            b"fixture key",
        )
    };
    let now = report(d(10, 1), d(10, 31));
    assert_eq!(now.closed, 0, "not closed in October 2026");
    assert!(now.cases.is_empty(), "nor one of its rows");
    let then = report(
        NaiveDate::from_ymd_opt(2018, 8, 1).unwrap(),
        NaiveDate::from_ymd_opt(2018, 12, 31).unwrap(),
    );
    assert_eq!(then.closed, 1);
    assert_eq!(
        then.cases[0].ended_on,
        NaiveDate::from_ymd_opt(2018, 12, 14)
    );
    assert_eq!(then.discharge_reasons.len(), 1);
}

/// One autistic man's case: autism weighs a lot and he is connected to an
/// autism peer group that also gives advice. Counted by hand: the need is
/// met (a connection of his is to a service for it), and the connection
/// counts under learning disability and autism, the area of the goal it
/// serves, not under advice.
#[test]
fn a_need_with_a_connection_for_it_is_met_and_counted_under_its_own_category() {
    let persons = vec![person(5, "Eli", "Five")];
    let mut c5 = case(
        5,
        5,
        d(10, 2),
        ReferralSource::SelfReferral,
        &[Need::LearningDisabilityAutism],
    );
    c5.move_to(CaseStatus::Contacted, at(10, 3), None).unwrap();
    let cases = vec![c5];
    let mut conv = Flow::start(CaseId(5), None, at(10, 6)).conversation;
    conv.life_areas
        .retain(|a| a.area != Need::LearningDisabilityAutism);
    conv.life_areas.push(LifeAreaAnswer {
        area: Need::LearningDisabilityAutism,
        weight: Weight::ALot,
        note: String::new(),
    });
    let mut group = facts(
        "autism-peers",
        Category::Advice,
        d(10, 1),
        ServiceStatus::Active,
    );
    group.categories |= category_bit(Category::LearningDisabilityAutism);
    let plans = vec![ActionPlan {
        case_id: CaseId(5),
        goals: vec![Goal {
            text: "Meet other autistic adults".into(),
            life_area: Some(Need::LearningDisabilityAutism),
            steps: vec![],
            services: vec![ServiceId::from("autism-peers")],
        }],
        review_date: None,
        agreed_on: Some(d(10, 6)),
    }];
    let connections = vec![connection(
        501,
        5,
        "autism-peers",
        d(10, 7),
        &[(d(10, 7), Rung::Discussion, EventOutcome::Attended)],
    )];
    let r = build(
        ReportInput {
            persons: &persons,
            cases: &cases,
            contacts: &[],
            connections: &connections,
            conversations: &[conv],
            plans: &plans,
            measures: &[],
            services: &[group],
        },
        d(10, 1),
        d(10, 31),
        b"fixture key",
    );
    assert!(r.unmet_needs.is_empty(), "{:?}", r.unmet_needs);
    assert_eq!(
        r.connections_by_category,
        [Count {
            label: "Learning disability and autism".into(),
            count: 1
        }]
    );
    // The discussion attended with the worker is his one contact.
    assert_eq!(r.cases[0].contacts, 1);
}

/// Every SWEMWBS change between two metric scores has at most two
/// decimals as the report writes it (4.92, never 4.920000000000002), and
/// the letter labels it meaningful or not as it does WHO-5's.
#[test]
fn swemwbs_changes_have_two_decimals_and_a_meaningful_label() {
    use crate::domain::wellbeing::{Instrument, Swemwbs};
    let score = |raw: u8| {
        // Seven items from 1 to 5 adding up to `raw`.
        let mut items = [1u8; 7];
        let mut left = raw - 7;
        for item in &mut items {
            let add = left.min(4);
            *item += add;
            left -= add;
        }
        Scores::Swemwbs(Swemwbs::new(items).unwrap())
    };
    for from in 7..=35 {
        for to in 7..=35 {
            let ch = change(&score(from), &score(to)).unwrap();
            let written = ch.to_string();
            let decimals = written.split('.').nth(1).map_or(0, str::len);
            assert!(decimals <= 2, "{from} -> {to}: {written}");
            let line = crate::domain::discharge::change_line(
                Instrument::Swemwbs,
                &score(from),
                &score(to),
            )
            .unwrap();
            let meaningful = ch.abs() >= SWEMWBS_MEANINGFUL;
            assert_eq!(line.contains("a meaningful"), meaningful, "{line}");
            assert!(line.contains("count as meaningful") != meaningful, "{line}");
        }
    }
}

/// A WHO-5 answered for the person at the start and by them at the end is
/// not compared: no change on the row, counted apart in the figures.
#[test]
fn a_proxy_answer_and_the_persons_own_are_not_compared() {
    use crate::domain::wellbeing::CompletedBy;
    let persons = vec![person(1, "Ann", "One"), person(2, "Bob", "Two")];
    let cases = hand_counted_cases();
    let mut proxy = who5(201, 1, d(10, 6), [1; 5]);
    proxy.completed_by = Some(CompletedBy::OnBehalf("Joan, wife".into()));
    let mut own = who5(202, 1, d(10, 20), [3; 5]);
    own.completed_by = Some(CompletedBy::Person);
    let mut helped = who5(302, 3, d(10, 20), [3, 3, 3, 3, 4]);
    helped.completed_by = Some(CompletedBy::PersonWithHelp);
    let measures = vec![proxy, own, who5(301, 3, d(9, 5), [3; 5]), helped];
    let r = build(
        ReportInput {
            persons: &persons,
            cases: &cases,
            contacts: &[],
            connections: &[],
            conversations: &[],
            plans: &[],
            measures: &measures,
            services: &[],
        },
        d(10, 1),
        d(10, 31),
        b"fixture key",
    );
    let w = r
        .wellbeing
        .iter()
        .find(|w| w.instrument == "WHO-5")
        .unwrap();
    assert_eq!((w.n, w.not_comparable), (1, 1), "{w:?}");
    assert_eq!(w.mean_change, 4.0, "only the comparable case: 60 % to 64 %");
    let rows: Vec<&CaseRow> = r.cases.iter().filter(|c| c.who5_change.is_none()).collect();
    assert!(rows.iter().any(|c| c.not_comparable == "WHO-5"));
    let csv = super::export::report_csv(&r).unwrap();
    assert!(
        csv.lines().next().unwrap().ends_with(",not_comparable"),
        "{csv}"
    );
    assert!(csv.contains(",WHO-5\n"), "{csv}");
    let text = super::text::report_text(&r);
    assert!(
        text.contains("1 person apart, not comparable (answered for them once)"),
        "{text}"
    );
    // The letter says so too, with who answered.
    let line = crate::domain::discharge::measures_compared(&measures[0], &measures[1]).unwrap();
    assert_eq!(
        line,
        "WHO-5: 20 % at the start (on their behalf by Joan, wife), 60 % at the end (by the person): not comparable, one was answered for them"
    );
}
