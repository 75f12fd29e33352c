//! The five case studies of `shared/seeds/003_*` recorded again from the
//! keyboard (the AHP social prescribing examples), each element of the
//! story kept as it happened: who referred, next of kin, risks, needs,
//! the services with all their sessions, who went to each step, distances
//! and the groups a service is for, and what the person and the GP get.
//! Names and dates are made up; what happened is the story's.

use super::recorder::{Desk, Referral, Talk};
use super::today;
use linkwork::domain::directory::Service;
use linkwork::domain::ladder::{Companion, Rung};
use linkwork::domain::plan::StepOwner;
use linkwork::domain::referral::{Need, ReferralSource};
use linkwork::domain::signature::Signature;
use ratatui::crossterm::event::KeyCode;

fn worker() -> Signature {
    Signature {
        name: "Sam Patel".into(),
        role: Some("Social prescribing link worker".into()),
        contact: Some("0161 496 0000".into()),
    }
}

fn service_named(desk: &Desk, name: &str) -> Service {
    desk.store
        .all::<Service>()
        .unwrap()
        .into_iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no service {name}"))
}

fn flat(s: &str) -> String {
    s.split_whitespace()
        .filter(|w| *w != "│")
        .collect::<Vec<_>>()
        .join(" ")
}

fn autism_group(desk: &mut Desk) {
    desk.add_service(&[
        "Salford Autistic Adults Social",
        "Autism Together Salford",
        "A monthly evening for autistic adults to meet, with quiet space.",
        "Learning disability and autism",
        "1st Mon of the month 18:00-20:00",
        "Salford Civic Centre, Chorley Road",
        "Salford",
        "M27 5AW",
        "0161 496 0105",
    ]);
}

/// Vicky Lack, SLT, outpatient cognitive rehabilitation: a man with a head
/// injury, referred by his wife, aggressive (30 outbursts in three
/// months), whose week was set up around his values: the gym on Monday
/// and Friday, volunteering at a garden charity on Tuesday, a museum in
/// London on Wednesday; each activity with diminishing support down to
/// "the patient and the carer attended and reported back by photograph".
#[test]
fn vicky_lack_a_man_referred_by_his_wife_with_a_week_built_on_his_values() {
    let mut desk = Desk::new();
    autism_group(&mut desk);
    desk.add_service(&[
        "Salford Community Gym",
        "Salford Leisure Trust",
        "Gym sessions with an instructor on hand.",
        "Leisure centre",
        "every Mon, Fri 10:00-12:00",
        "Belvedere Road",
        "Salford",
        "M6 5EJ",
        "0161 496 0101",
        "",
        "",
        "3.50",
    ]);
    desk.add_service(&[
        "Ordsall Hall Garden Volunteers",
        "Ordsall Hall Trust",
        "Volunteer in the walled garden: planting, weeding, watering.",
        "Volunteering, Gardening",
        "every Tue 10:00-15:00",
        "322 Ordsall Lane",
        "Salford",
        "M5 3AN",
        "0161 496 0102",
        "",
        "",
        "free",
    ]);
    desk.add_service(&[
        "British Museum",
        "The British Museum",
        "Free entry to the permanent collection.",
        "Arts",
        "every Mon, Tue, Wed, Thu, Fri, Sat, Sun 10:00-17:00",
        "Great Russell Street",
        "London",
        "WC1B 3DG",
        "020 7946 0000",
        "",
        "",
        "free",
    ]);
    let id = desk.refer(&Referral {
        given: "Martin",
        family: "Hale",
        born: "12/5/1968",
        gender: "male",
        postcode: "M6 8GL",
        received: "15/1/2024",
        source: ReferralSource::FamilyFriendOrCarer,
        referrer: "Susan Hale (his wife)",
        needs: &[Need::LongTermCondition, Need::Loneliness, Need::Relationships],
        reason: "Head injury three years ago; very little social life because of his behaviour. His wife struggles with his behaviour towards the family and his carers.",
    });
    desk.open(id);
    // His wife: next of kin and main carer, who may be contacted.
    desk.edit(&[
        (12, "Susan Hale"),
        (13, "wife"),
        (14, "07700 900456"),
        (15, "yes"),
        (16, "yes"),
    ]);
    // Aggression: a risk to others.
    desk.raise_risk(
        3,
        "Verbally and racially abusive, aggressive: 30 outbursts of anger in three months. Scripted language around his values.",
        "15/1/2024",
    );
    desk.contact("22/1/2024");
    desk.converse(&Talk {
        held: "29/1/2024",
        what_matters: "Worth means having responsibility in life, that things you are doing in life are helpful.",
        areas: &[
            (Need::PhysicalWellbeing, 2, "to keep me fit and strong"),
            (Need::LongTermCondition, 2, "head injury"),
            (Need::Loneliness, 2, "very limited social life"),
            (Need::Relationships, 2, "behaviour towards his family"),
        ],
        strengths: &[(1, "Fit and strong"), (4, "Helpful to others; trusted")],
        barriers: &[],
        other_barriers: "Disinhibition and aggression; needs scripted language",
        days: "mon tue wed fri",
        miles: "200",
        travel: "with his carer; cannot drive",
        accompanied: true,
        risks: true,
        decision: "Risk to others: a worker and his carer with him; everyone follows the scripted language.",
        who5: "22222",
        goals: &[
            "Go to the gym to keep me fit and strong",
            "Volunteer at a garden charity, helpful to others",
            "Visit a museum in London, I could take my family",
        ],
        ..Talk::default()
    });
    // The gym for "go to the gym"; no group for autistic adults, carers or
    // women is offered to him.
    let gym_first = desk.suggested(0);
    assert!(
        gym_first
            .first()
            .is_some_and(|n| n.contains("Gym") || n.contains("Leisure")),
        "{gym_first:?}"
    );
    let demo = desk.store.all::<Service>().unwrap();
    for goal in 0..3 {
        for name in desk.suggested(goal) {
            let s = demo.iter().find(|s| s.name == name).unwrap();
            for group in ["Learning disability", "Carers", "women only"] {
                assert!(
                    !s.local
                        .categories
                        .iter()
                        .any(|c| c.label().starts_with(group))
                        && !s.local.suits.iter().any(|x| x.label() == group),
                    "{name} is for a group he is not in"
                );
            }
        }
    }
    desk.choose_searched(0, "salford community gym");
    desk.choose_searched(1, "ordsall hall garden");
    // The museum, 165 miles away as the crow flies, within his 200.
    desk.choose_searched(2, "british museum");
    desk.plan_step(0, "Plan the route to the gym with Susan", 1, "1/2/2024");
    desk.agree("5/2/2024");
    desk.press(KeyCode::Esc);
    // The gym, step by step down the ladder.
    desk.select_connection(id, "Salford Community Gym");
    desk.log_step("9/2/2024 10:00", Rung::Discussion, "worker", 0, "");
    desk.log_step("12/2/2024 10:00", Rung::PlanningVisit, "worker", 0, "");
    desk.log_step(
        "16/2/2024 10:00",
        Rung::AttendingTogether,
        "worker and his wife",
        0,
        "",
    );
    desk.log_step(
        "19/2/2024 10:00",
        Rung::DistantShadowing,
        "worker, carer",
        0,
        "shadowed his carer",
    );
    desk.log_step(
        "23/2/2024 10:00",
        Rung::WithCarerOrPeer,
        "carer",
        2,
        "photo of the gym",
    );
    let gym = desk
        .connections(id)
        .into_iter()
        .find(|c| c.service_name == "Salford Community Gym")
        .unwrap();
    let went: Vec<Vec<Companion>> = gym.events.iter().map(|e| e.who_went.clone()).collect();
    assert_eq!(
        went,
        [
            vec![Companion::Worker],
            vec![Companion::Worker],
            vec![Companion::Worker, Companion::Family],
            vec![Companion::Worker, Companion::Carer],
            vec![Companion::Carer],
        ]
    );
    assert_eq!(gym.rung, Rung::WithCarerOrPeer);
    let s = flat(&desk.screen());
    for shown in [
        // Who went as typed: "his wife" is counted as family, and shown
        // as the worker wrote it.
        "Attended · with worker and his wife",
        "Attended · with carer · reported back by a photo",
    ] {
        assert!(s.contains(shown), "{shown}\n{s}");
    }
    // The header: his name, the risk flag first, whole at 80 columns.
    let small = desk.small_screen();
    let header = small.lines().next().unwrap();
    assert!(header.starts_with(" Martin Hale (5"), "{header}");
    assert!(header.contains(" risk "), "{small}");
    // The Summary: who referred, his wife's details, the risk.
    desk.tab(0);
    let s = flat(&desk.screen());
    for shown in [
        "From Family, friend or carer",
        "Referrer Susan Hale (his wife)",
        "Next of kin Susan Hale (wife, main carer, may be contacted) 07700 900456",
        "Risk to others",
    ] {
        assert!(s.contains(shown), "{shown}\n{s}");
    }
    // The gym's sessions in the directory, as the form took them.
    let gym = service_named(&desk, "Salford Community Gym");
    assert_eq!(gym.schedules.len(), 1);
    assert_eq!(gym.schedules[0].byday.as_deref(), Some("MO,FR"));
    // The person's copy: who does what, and every session.
    let copy = desk
        .store
        .person_copy(id, Some(&worker()), today())
        .unwrap();
    for line in [
        "What Sam Patel will do:",
        "- Plan the route to the gym with Susan",
        "When: Every Monday and Friday, 10:00 to 12:00.",
        "When: Every Tuesday, 10:00 to 15:00.",
        "### British Museum",
    ] {
        assert!(copy.contains(line), "{line}\n{copy}");
    }
}

/// Kieran Potts, paramedic, North West Ambulance Service: a frequent 999
/// caller referred by the ambulance service in August 2018, to luncheon
/// clubs once a week; in September one was attended jointly by the
/// community matron and the community specialist paramedic.
#[test]
fn kieran_potts_a_frequent_caller_referred_by_the_ambulance_service() {
    let mut desk = Desk::new();
    let id = desk.refer(&Referral {
        given: "Pat",
        family: "Doyle",
        born: "3/3/1946",
        gender: "not stated",
        postcode: "M27 4AA",
        received: "6/8/2018",
        source: ReferralSource::AmbulanceService,
        referrer: "Community Specialist Paramedic, NWAS",
        needs: &[Need::LongTermCondition, Need::Loneliness],
        reason: "Frequent caller of 999 and 111; community care pathway since June 2018 with the community matrons and GP. Consented to social prescribing.",
    });
    desk.open(id);
    desk.contact("13/8/2018");
    desk.converse(&Talk {
        held: "20/8/2018",
        what_matters: "Company, and a hot meal with other people.",
        areas: &[(Need::Loneliness, 2, "alone most days")],
        days: "wed",
        cost: "£5",
        miles: "3",
        accompanied: true,
        decision: "No risks identified; medication review asked of the GP by the paramedic.",
        who5: "11111",
        goals: &["Lunch with other people every week"],
        ..Talk::default()
    });
    desk.choose_searched(0, "swinton friendship lunch");
    desk.agree("27/8/2018");
    desk.press(KeyCode::Esc);
    desk.select_connection(id, "Swinton Friendship Lunch Club");
    desk.log_step("5/9/2018 12:00", Rung::AttendingTogether, "worker", 0, "");
    desk.log_step(
        "12/9/2018 12:00",
        Rung::AttendingTogether,
        "Community Matron and Community Specialist Paramedic",
        0,
        "Went together to support Pat",
    );
    desk.log_step("19/9/2018 12:00", Rung::Independent, "alone", 0, "");
    let club = desk.connections(id).pop().unwrap();
    assert_eq!(
        club.events[1].who_went,
        [
            Companion::Professional("Community Matron".into()),
            Companion::Professional("Community Specialist Paramedic".into())
        ]
    );
    let s = flat(&desk.screen());
    assert!(
        s.contains("Attended · with Community Matron and Community Specialist Paramedic"),
        "{s}"
    );
    // The report of 2018: by who referred, and who went to the steps.
    let d = |m, day| chrono::NaiveDate::from_ymd_opt(2018, m, day).unwrap();
    let report = desk.store.report(d(1, 1), d(12, 31), false).unwrap();
    let text = linkwork::domain::report::report_text(&report);
    for line in [
        "Ambulance service",
        "another professional: community matron",
        "another professional: community specialist paramedic",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    desk.tab(0);
    assert!(flat(&desk.screen()).contains("From Ambulance service"));
}

/// Chloe Baker, SLT, learning disability and autism diagnostic team: after
/// an autism diagnosis a client is signposted to adult learning, mental
/// health support, advocacy, volunteering and leisure; the team goes with
/// clients to the first meeting because they lack confidence.
#[test]
fn chloe_baker_a_client_after_an_autism_diagnosis_needing_education_and_leisure() {
    let mut desk = Desk::new();
    autism_group(&mut desk);
    let id = desk.refer(&Referral {
        given: "Jordan",
        family: "Price",
        born: "9/9/1998",
        gender: "non-binary",
        postcode: "M30 0FN",
        received: "4/11/2026",
        source: ReferralSource::AlliedHealthProfessional,
        referrer: "Speech and language therapist, autism diagnostic team",
        needs: &[
            Need::LearningDisabilityAutism,
            Need::EducationAndLearning,
            Need::LeisureAndHobbies,
        ],
        reason: "Autism diagnosis last month. Would like to learn and take up a hobby; lacks confidence to go alone.",
    });
    desk.open(id);
    desk.contact("10/11/2026");
    desk.converse(&Talk {
        held: "17/11/2026",
        what_matters: "Learning something new and meeting people who get it.",
        areas: &[
            (Need::LowConfidence, 2, "first meetings"),
            (Need::LearningDisabilityAutism, 2, "newly diagnosed"),
            (Need::EducationAndLearning, 2, "an adult learning course"),
            (Need::LeisureAndHobbies, 2, "a hobby"),
        ],
        barriers: &[0, 8],
        accompanied: true,
        decision: "No risks identified.",
        who5: "22332",
        goals: &[
            "Start an adult learning course",
            "Meet other autistic adults",
        ],
        ..Talk::default()
    });
    // Education and leisure are needs, with services for them; the autism
    // group is offered because the conversation found the need.
    let all: Vec<String> = (0..2).flat_map(|g| desk.suggested(g)).collect();

    let services = desk.store.all::<Service>().unwrap();
    let category = |name: &str, label: &str| {
        services
            .iter()
            .find(|s| s.name == name)
            .is_some_and(|s| s.local.categories.iter().any(|c| c.label() == label))
    };
    assert!(
        desk.suggested(0)
            .iter()
            .any(|n| category(n, "Adult learning")),
        "{all:?}"
    );
    assert!(
        all.iter()
            .any(|n| category(n, "Learning disability and autism")),
        "{all:?}"
    );
    let learning = desk
        .suggested(0)
        .into_iter()
        .find(|n| category(n, "Adult learning"))
        .unwrap();
    desk.choose_suggested(0, &learning);
    desk.plan_step(0, "Go with Jordan to the first class", 1, "+7");
    desk.agree("today");
    desk.press(KeyCode::Esc);
    desk.select_connection(id, &learning);
    desk.log_step(
        "20/11/2026 10:00",
        Rung::AttendingTogether,
        "worker",
        0,
        "first meeting together",
    );
    let c = desk
        .connections(id)
        .into_iter()
        .find(|c| c.service_name == learning)
        .unwrap();
    assert_eq!(c.events[0].who_went, [Companion::Worker]);
    desk.tab(0);
    let s = flat(&desk.screen());
    assert!(s.contains("Education and learning"), "{s}");
    assert!(s.contains("Leisure and hobbies"), "{s}");
    assert!(s.contains("Gender non-binary"), "{s}");
}

/// Claire Frost, OT, community learning disability team: Leanne, 23, with
/// a mild to moderate learning disability, depression and anxiety, in
/// 24-hour supported accommodation, joins a drama group that welcomes
/// people with additional support needs; visits with the worker and her
/// support worker; now she travels there on her own.
#[test]
fn claire_frost_leanne_joins_a_drama_group_with_her_support_worker() {
    let mut desk = Desk::new();
    desk.add_service(&[
        "Eccles Open Stage Drama",
        "Eccles Community Theatre",
        "A drama group for adults; welcoming of people with additional support needs.",
        "Drama",
        "every Thu 18:00-20:00",
        "Church Street",
        "Eccles",
        "M30 0DF",
        "0161 496 0103",
        "",
        "",
        "free",
        "Adults",
        "18",
        "",
        "drop in",
        "accompanied-friendly, beginners",
    ]);
    let id = desk.refer(&Referral {
        given: "Leanne",
        family: "Booth",
        born: "2/6/2003",
        gender: "female",
        postcode: "M30 7BR",
        received: "2/10/2026",
        source: ReferralSource::AlliedHealthProfessional,
        referrer: "Occupational therapist, community learning disability team",
        needs: &[
            Need::MentalHealth,
            Need::Loneliness,
            Need::LearningDisabilityAutism,
            Need::LeisureAndHobbies,
        ],
        reason: "Mild to moderate learning disability, depression and anxiety. Lives in 24-hour supported accommodation; contact mostly with staff and online. Would like to join a drama group.",
    });
    desk.open(id);
    desk.edit(&[(11, "Easy read; her support worker helps with letters")]);
    desk.contact("9/10/2026");
    desk.converse(&Talk {
        held: "9/10/2026",
        what_matters: "Acting, and friends outside the flat.",
        areas: &[
            (Need::MentalHealth, 1, "anxiety"),
            (Need::Loneliness, 2, "mostly staff and online"),
            (Need::LearningDisabilityAutism, 1, ""),
            (Need::LeisureAndHobbies, 2, "drama"),
        ],
        barriers: &[0],
        days: "thu",
        evenings: true,
        cost: "free",
        miles: "5",
        travel: "bus with support",
        accompanied: true,
        decision: "No risks identified; risk assessment agreed with the group.",
        who5: "12121",
        goals: &["Join a drama group"],
        ..Talk::default()
    });
    assert!(
        desk.suggested(0)
            .contains(&"Eccles Open Stage Drama".to_owned()),
        "{:?}",
        desk.suggested(0)
    );
    desk.choose_suggested(0, "Eccles Open Stage Drama");
    desk.agree("today");
    desk.press(KeyCode::Esc);
    desk.select_connection(id, "Eccles Open Stage Drama");
    desk.log_step(
        "15/10/2026 18:00",
        Rung::PlanningVisit,
        "worker, support worker",
        0,
        "",
    );
    desk.log_step(
        "22/10/2026 18:00",
        Rung::AttendingTogether,
        "worker and her support worker",
        0,
        "",
    );
    desk.log_step(
        "29/10/2026 18:00",
        Rung::WithCarerOrPeer,
        "support worker",
        1,
        "",
    );
    desk.log_step(
        "5/11/2026 18:00",
        Rung::Independent,
        "alone",
        0,
        "travelled on her own",
    );
    let c = desk.connections(id).pop().unwrap();
    assert_eq!(
        c.events[1].who_went,
        [
            Companion::Worker,
            Companion::Professional("support worker".into())
        ]
    );
    assert_eq!(c.rung, Rung::Independent);
    let s = flat(&desk.screen());
    assert!(
        s.contains("Attended · with link worker and support worker"),
        "{s}"
    );
    assert!(s.contains("Attended · alone · travelled on her own"), "{s}");
    // The visit card gives the worker's name and number.
    let card = desk
        .store
        .visit_card(c.id, Some(&worker()), today())
        .unwrap();
    assert!(
        card.contains("It runs every Thursday, 18:00 to 20:00."),
        "{card}"
    );
    assert!(card.contains("Sam Patel (0161 496 0000)"), "{card}");
}

/// Ben Read, OT in a community mental health team: a young man referred
/// after a serious suicide attempt, anxious in social situations, joins a
/// free running club that meets several times a week, evenings and
/// weekends; once he had attended the first session he flourished; he was
/// discharged after a few months and not re-referred.
#[test]
fn ben_read_a_young_man_joins_a_running_club_and_is_discharged() {
    let mut desk = Desk::new();
    desk.add_service(&[
        "Buile Hill Running Club",
        "Salford Harriers",
        "Runs at every level, from a first 5k up; an active social programme.",
        "Running",
        "every Tue, Thu 18:30-20:00; every Sat 09:00-10:00",
        "Buile Hill Park",
        "Salford",
        "M6 8GL",
        "0161 496 0104",
        "",
        "",
        "free",
        "",
        "16",
        "",
        "drop in",
        "beginners",
    ]);
    let id = desk.refer(&Referral {
        given: "Callum",
        family: "Reid",
        born: "14/3/1997",
        gender: "m",
        postcode: "M6 5EJ",
        received: "6/8/2018",
        source: ReferralSource::MentalHealthServices,
        referrer: "Care coordinator, community mental health team",
        needs: &[
            Need::MentalHealth,
            Need::Loneliness,
            Need::LowConfidence,
        ],
        reason: "Referred after a serious suicide attempt. Low self-esteem, anxiety in social situations, depression; socially isolated; a job he does not enjoy.",
    });
    desk.open(id);
    desk.raise_risk(
        1,
        "Serious suicide attempt before referral; safety plan with the CMHT.",
        "6/8/2018",
    );
    desk.contact("13/8/2018");
    desk.converse(&Talk {
        held: "20/8/2018",
        what_matters: "Something I enjoy, and getting over the anxiety.",
        areas: &[
            (Need::MentalHealth, 2, "anxiety and low mood"),
            (Need::Loneliness, 2, "no one outside work"),
            (Need::Employment, 1, "a job he does not enjoy"),
        ],
        strengths: &[(1, "Enjoys exercise")],
        barriers: &[0],
        days: "tue thu sat",
        evenings: true,
        weekends: true,
        cost: "free",
        miles: "5",
        accompanied: true,
        risks: true,
        decision: "Safety plan held by the CMHT care coordinator; seen weekly.",
        who5: "11101",
        goals: &["Run with other people"],
        ..Talk::default()
    });
    assert!(
        desk.suggested(0)
            .contains(&"Buile Hill Running Club".to_owned()),
        "{:?}",
        desk.suggested(0)
    );
    desk.choose_suggested(0, "Buile Hill Running Club");
    desk.plan_step(0, "Go to the Tuesday run with Callum", 1, "4/9/2018");
    desk.agree("27/8/2018");
    desk.press(KeyCode::Esc);
    desk.select_connection(id, "Buile Hill Running Club");
    desk.log_step(
        "4/9/2018 18:30",
        Rung::AttendingTogether,
        "worker",
        0,
        "first session",
    );
    desk.log_step(
        "8/9/2018 09:00",
        Rung::Independent,
        "alone",
        0,
        "Saturday run on his own",
    );
    // Discharged in December: goals met and connected, a final WHO-5.
    desk.tab(0);
    desk.app.handle_key(&super::key('D'));
    desk.press(KeyCode::Tab);
    desk.retype("14/12/2018");
    desk.ctrl('s');
    desk.press(KeyCode::Tab);
    desk.typed("33343");
    desk.ctrl('s');
    desk.expect(linkwork::ui::Mode::CaseFile);
    let case = desk.case(id);
    assert_eq!(
        case.ended_on(),
        chrono::NaiveDate::from_ymd_opt(2018, 12, 14)
    );
    let copy = desk
        .store
        .person_copy(id, Some(&worker()), today())
        .unwrap();
    for line in [
        "When: Every Tuesday and Thursday, 18:30 to 20:00.",
        "When: Every Saturday, 09:00 to 10:00.",
        "Your support from the link worker ended on",
    ] {
        assert!(copy.contains(line), "{line}\n{copy}");
    }
    assert!(!copy.contains("We will look at it again"), "{copy}");
    let plan = desk.store.case_file(id).unwrap().plan.unwrap();
    assert!(
        plan.goals[0]
            .steps
            .iter()
            .any(|s| s.owner == StepOwner::Worker)
    );
    let letter = desk.store.discharge_letter(id, None, today()).unwrap();
    assert!(letter.contains("Goals met and connected"), "{letter}");
}
