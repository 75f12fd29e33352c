use super::*;
use crate::domain::conversation::{ConversationStep, FiveWays, LifeAreaAnswer, Weight};
use crate::domain::directory::{ServiceStatus, category_bit, day_bit};
use crate::domain::referral::Consent;

const TODAY: NaiveDate = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();

fn conversation() -> Conversation {
    Conversation {
        case_id: crate::domain::ids::CaseId(1),
        version: 1,
        started: crate::domain::fixtures::noon(),
        completed: None,
        held_on: None,
        current_step: ConversationStep::Review,
        consent_to_record: true,
        consent_to_share: Consent::Yes,
        what_matters: String::new(),
        life_areas: vec![LifeAreaAnswer {
            area: Need::Loneliness,
            weight: Weight::ALot,
            note: String::new(),
        }],
        strengths: vec![],
        barriers: vec![],
        other_barriers: String::new(),
        preferences: Default::default(),
        safety: None,
        baseline: None,
        goals: vec![],
        skipped: vec![],
    }
}

/// A hand-made service: name, category, days, evening, cost in pence.
fn service(
    name: &str,
    category: Category,
    days: &[Weekday],
    evening: bool,
    cost: Option<u32>,
) -> ServiceFacts {
    ServiceFacts {
        sessions_end: Default::default(),
        to_check: Default::default(),
        id: name.into(),
        name: name.into(),
        organisation: "Org".into(),
        town: "Eccles".into(),
        categories: category_bit(category),
        free: cost == Some(0),
        lowest_cost_pence: cost,
        accompanied_friendly: false,
        days: days.iter().fold(0, |b, d| b | day_bit(*d)),
        evenings: evening,
        districts: vec!["M30".into()],
        minimum_age: None,
        maximum_age: None,
        accessible: false,
        suits: 0,
        point: None,
        status: ServiceStatus::Active,
        verified_on: Some(NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()),
    }
}

fn names(c: &Conversation, services: &[ServiceFacts], goal: Option<&Goal>) -> Vec<String> {
    let person = ForPerson {
        conversation: c,
        age: Some(70),
        district: Some("M30"),
        gender: None,
    };
    suggest(person, goal, services, TODAY, 10)
        .into_iter()
        .map(|s| services[s.index].name.clone())
        .collect()
}

#[test]
fn a_cost_barrier_puts_free_services_first() {
    use Weekday::*;
    let services = vec![
        service("Choir at £4", Category::Choir, &[Tue], false, Some(400)),
        service("Free choir", Category::Choir, &[Wed], false, Some(0)),
        service(
            "Lunch club at £3",
            Category::LunchClub,
            &[Thu],
            false,
            Some(300),
        ),
        service(
            "Free befriending",
            Category::Befriending,
            &[Mon],
            false,
            Some(0),
        ),
    ];
    let mut c = conversation();
    c.barriers = vec![Barrier::Cost];
    let ranked = names(&c, &services, None);
    assert_eq!(&ranked[..2], ["Free befriending", "Free choir"]);
    // Without the barrier, cost counts for much less.
    let c = conversation();
    let person = ForPerson {
        conversation: &c,
        age: None,
        district: None,
        gender: None,
    };
    let all = suggest(person, None, &services, TODAY, 10);
    let gap = all[0].score - all.iter().find(|s| !services[s.index].free).unwrap().score;
    assert!(gap < 60, "free is a small plus without the barrier ({gap})");
}

#[test]
fn the_most_they_can_pay_excludes_dearer_services() {
    let services = vec![
        service(
            "£2 walk",
            Category::Walking,
            &[Weekday::Tue],
            false,
            Some(200),
        ),
        service(
            "£6 swim",
            Category::Swimming,
            &[Weekday::Tue],
            false,
            Some(600),
        ),
    ];
    let mut c = conversation();
    c.preferences.max_cost_pence = Some(300);
    assert_eq!(names(&c, &services, None), ["£2 walk"]);
    let c2 = c.clone();
    let person = ForPerson {
        conversation: &c2,
        age: None,
        district: None,
        gender: None,
    };
    let s = suggest(person, None, &services, TODAY, 1);
    assert!(s[0].reasons.contains(&Reason::Affordable(200)));
}

#[test]
fn a_tuesday_evening_person_gets_no_daytime_only_service() {
    use Weekday::*;
    let services = vec![
        service(
            "Tuesday morning walk",
            Category::Walking,
            &[Tue],
            false,
            Some(0),
        ),
        service(
            "Tuesday evening choir",
            Category::Choir,
            &[Tue],
            true,
            Some(0),
        ),
        service(
            "Thursday evening choir",
            Category::Choir,
            &[Thu],
            true,
            Some(0),
        ),
        service(
            "Weekday drop-in",
            Category::Befriending,
            &[Mon, Tue, Wed, Thu, Fri],
            false,
            Some(0),
        ),
    ];
    let mut c = conversation();
    c.preferences.days = vec![Tue];
    c.preferences.evenings = true;
    assert_eq!(names(&c, &services, None), ["Tuesday evening choir"]);
    let person = ForPerson {
        conversation: &c,
        age: None,
        district: None,
        gender: None,
    };
    let s = &suggest(person, None, &services, TODAY, 1)[0];
    assert!(s.reasons.contains(&Reason::Days(vec![Tue])));
    assert!(s.reasons.contains(&Reason::Evening));
}

#[test]
fn life_areas_and_interests_give_the_reasons() {
    let services = vec![
        service(
            "Debt advice",
            Category::DebtAdvice,
            &[Weekday::Mon],
            false,
            Some(0),
        ),
        service(
            "Walking group",
            Category::Walking,
            &[Weekday::Mon],
            false,
            Some(0),
        ),
        service(
            "Community garden",
            Category::Gardening,
            &[Weekday::Mon],
            false,
            Some(0),
        ),
    ];
    let mut c = conversation();
    c.strengths = vec![(FiveWays::TakeNotice, "Loves his allotment and birds".into())];
    let person = ForPerson {
        conversation: &c,
        age: None,
        district: Some("M30"),
        gender: None,
    };
    let s = suggest(person, None, &services, TODAY, 3);
    assert_eq!(services[s[0].index].name, "Community garden");
    let said: Vec<String> = s[0].reasons.iter().map(Reason::describe).collect();
    assert!(
        said.iter().any(|r| r.starts_with("helps with loneliness")),
        "{said:?}"
    );
    assert!(
        said.contains(&"matches their interest in allotment".to_owned()),
        "{said:?}"
    );
    assert!(said.contains(&"in M30, near them".to_owned()), "{said:?}");
    // The goal's own area counts too.
    let goal = Goal {
        text: "Sort out my money worries".into(),
        life_area: Some(Need::DebtAndMoney),
        steps: vec![],
        services: vec![],
    };
    assert_eq!(names(&c, &services, Some(&goal))[0], "Debt advice");
    let person = ForPerson {
        conversation: &c,
        age: None,
        district: None,
        gender: None,
    };
    let s = suggest(person, Some(&goal), &services, TODAY, 1);
    assert_eq!(
        s[0].reasons[0].describe(),
        "helps with debt and money, this goal's area"
    );
}

#[test]
fn what_the_goal_names_outranks_a_general_interest() {
    let services = vec![
        service(
            "Walking group",
            Category::Walking,
            &[Weekday::Mon],
            false,
            Some(0),
        ),
        service(
            "Community choir",
            Category::Choir,
            &[Weekday::Mon],
            false,
            Some(0),
        ),
    ];
    let mut c = conversation();
    c.strengths = vec![(FiveWays::BeActive, "Used to walk everywhere".into())];
    let goal = Goal {
        text: "Sing again".into(),
        life_area: Some(Need::Loneliness),
        steps: vec![],
        services: vec![],
    };
    assert_eq!(
        names(&c, &services, Some(&goal)),
        ["Community choir", "Walking group"]
    );
    let person = ForPerson {
        conversation: &c,
        age: None,
        district: None,
        gender: None,
    };
    let s = suggest(person, Some(&goal), &services, TODAY, 2);
    let said: Vec<String> = s[0].reasons.iter().map(Reason::describe).collect();
    assert!(
        said.contains(&"what the goal is about (\"sing\")".to_owned()),
        "{said:?}"
    );
    let walking: Vec<String> = s[1].reasons.iter().map(Reason::describe).collect();
    assert!(
        walking.contains(&"matches their interest in walk".to_owned()),
        "{walking:?}"
    );
}

#[test]
fn anxiety_favours_accompanied_friendly_and_inactive_or_wrong_age_never_show() {
    let mut calm = service(
        "Quiet choir",
        Category::Choir,
        &[Weekday::Mon],
        false,
        Some(0),
    );
    calm.accompanied_friendly = true;
    let busy = service(
        "Big choir",
        Category::Choir,
        &[Weekday::Mon],
        false,
        Some(0),
    );
    let mut closed = service(
        "Closed choir",
        Category::Choir,
        &[Weekday::Mon],
        false,
        Some(0),
    );
    closed.status = ServiceStatus::Inactive;
    let mut young = service(
        "Youth choir",
        Category::Choir,
        &[Weekday::Mon],
        false,
        Some(0),
    );
    young.maximum_age = Some(25);
    let services = vec![busy, calm, closed, young];
    let mut c = conversation();
    c.barriers = vec![Barrier::Anxiety];
    assert_eq!(names(&c, &services, None), ["Quiet choir", "Big choir"]);
}

#[test]
fn stale_entries_rank_below_recently_verified_ones() {
    let fresh = service(
        "Fresh walk",
        Category::Walking,
        &[Weekday::Mon],
        false,
        Some(0),
    );
    let mut stale = service(
        "Another walk",
        Category::Walking,
        &[Weekday::Mon],
        false,
        Some(0),
    );
    stale.verified_on = NaiveDate::from_ymd_opt(2024, 1, 1);
    let c = conversation();
    assert_eq!(
        names(&c, &[stale, fresh], None),
        ["Fresh walk", "Another walk"]
    );
}

#[test]
fn a_goal_naming_a_need_in_its_own_words_ranks_the_services_for_it_first() {
    use Weekday::*;
    let services = vec![
        service("Befriending", Category::Befriending, &[Mon], false, Some(0)),
        service("Lunch club", Category::LunchClub, &[Tue], false, Some(0)),
        service(
            "Leisure centre gym",
            Category::Leisure,
            &[Wed],
            false,
            Some(300),
        ),
        service("Choir", Category::Choir, &[Thu], false, Some(0)),
    ];
    let c = conversation();
    let goal = Goal {
        text: "Get back to the gym".into(),
        life_area: Some(Need::Loneliness),
        steps: vec![],
        services: vec![],
    };
    let person = ForPerson {
        conversation: &c,
        age: None,
        district: None,
        gender: None,
    };
    let ranked = suggest(person, Some(&goal), &services, TODAY, 10);
    assert_eq!(services[ranked[0].index].name, "Leisure centre gym");
    assert!(
        ranked[0].reasons.contains(&Reason::GoalWords("gym".into())),
        "{:?}",
        ranked[0].reasons
    );
}

#[test]
fn a_group_service_is_suggested_only_to_people_in_its_group() {
    use Weekday::*;
    let services = vec![
        service(
            "Autism social group",
            Category::LearningDisabilityAutism,
            &[Tue],
            false,
            Some(0),
        ),
        service("Carers' cafe", Category::Carers, &[Wed], false, Some(0)),
        service("Memory cafe", Category::Dementia, &[Thu], false, Some(0)),
        service("Befriending", Category::Befriending, &[Mon], false, Some(0)),
    ];
    let c = conversation();
    assert_eq!(names(&c, &services, None), ["Befriending"]);
    let mut carer = conversation();
    carer.life_areas.push(LifeAreaAnswer {
        area: Need::CarerStrain,
        weight: Weight::ALittle,
        note: String::new(),
    });
    let mut got = names(&carer, &services, None);
    got.sort();
    assert_eq!(got, ["Befriending", "Carers' cafe", "Memory cafe"]);
    let mut autistic = conversation();
    autistic.life_areas.push(LifeAreaAnswer {
        area: Need::LearningDisabilityAutism,
        weight: Weight::ALot,
        note: String::new(),
    });
    assert!(names(&autistic, &services, None).contains(&"Autism social group".to_owned()));
}

#[test]
fn a_short_travel_limit_keeps_to_the_persons_postcode_area_and_online_is_always_near() {
    use Weekday::*;
    let mut museum = service("British Museum", Category::Arts, &[Tue], false, Some(0));
    museum.districts = vec!["WC1".into()];
    let mut gallery = service("Salford Museum", Category::Arts, &[Wed], false, Some(0));
    gallery.districts = vec!["M5".into()];
    let mut online = service(
        "Online art class",
        Category::Telephone,
        &[Thu],
        false,
        Some(0),
    );
    online.districts = vec!["WC1".into()];
    online.categories |= category_bit(Category::Arts);
    let services = vec![museum, gallery, online];
    let mut c = conversation();
    c.life_areas[0].weight = Weight::ALot;
    c.preferences.max_travel_miles = Some(5);
    let mut got = names(&c, &services, None);
    got.sort();
    assert_eq!(got, ["Online art class", "Salford Museum"]);
    c.preferences.any_distance = true;
    assert_eq!(names(&c, &services, None).len(), 3, "any distance");
    c.preferences.any_distance = false;
    c.preferences.max_travel_miles = Some(200);
    assert_eq!(names(&c, &services, None).len(), 3, "a day out");
}

#[test]
fn groups_for_women_men_over_fifties_or_young_people_go_only_to_people_in_them() {
    use crate::domain::directory::{Suitability, suitability_bit};
    use Weekday::*;
    let marked = |name: &str, mark: Suitability| {
        let mut s = service(name, Category::Befriending, &[Mon], false, Some(0));
        s.suits = suitability_bit(mark);
        s
    };
    let services = vec![
        marked("Women's walk and talk", Suitability::WomenOnly),
        marked("Men's breakfast", Suitability::MenOnly),
        marked("Over-50s social", Suitability::Over50s),
        marked("Youth drop-in", Suitability::YoungPeople),
        marked("Open coffee morning", Suitability::Beginners),
    ];
    let c = conversation();
    let offered = |age: Option<u32>, gender: Option<Gender>| {
        let person = ForPerson {
            conversation: &c,
            age,
            district: None,
            gender,
        };
        let mut got: Vec<&str> = suggest(person, None, &services, TODAY, 10)
            .into_iter()
            .map(|s| services[s.index].name.as_str())
            .collect();
        got.sort_unstable();
        got
    };
    assert_eq!(
        offered(Some(67), Some(Gender::Female)),
        [
            "Open coffee morning",
            "Over-50s social",
            "Women's walk and talk"
        ]
    );
    assert_eq!(
        offered(Some(23), Some(Gender::Male)),
        ["Men's breakfast", "Open coffee morning", "Youth drop-in"]
    );
    assert_eq!(
        offered(None, None),
        ["Open coffee morning"],
        "not known to be in a group: not offered its group"
    );
    assert_eq!(
        offered(Some(40), Some(Gender::NonBinary)),
        ["Open coffee morning"]
    );
}

#[test]
fn distance_counts_from_the_persons_area_and_by_a_services_coordinates() {
    use Weekday::*;
    // The British Museum (WC1B, about 163 miles from Salford as the crow
    // flies, 200 by road), published with its coordinates; a gym in Bolton
    // (BL1, 10 miles); an online class.
    let mut museum = service("British Museum", Category::Arts, &[Wed], false, Some(0));
    museum.districts = vec!["WC1B".into()];
    museum.point = Some([5_151_940, -12_700]);
    let mut gym = service("Bolton gym", Category::Leisure, &[Mon], false, Some(0));
    gym.districts = vec!["BL1".into()];
    let mut online = service("Online art", Category::Telephone, &[Thu], false, Some(0));
    online.districts = vec!["WC1B".into()];
    let services = vec![museum, gym, online];
    let mut c = conversation();
    let mut at = |miles: Option<u16>| {
        c.preferences.max_travel_miles = miles;
        let person = ForPerson {
            conversation: &c,
            age: None,
            district: Some("M30"),
            gender: None,
        };
        let mut got: Vec<&str> = suggest(person, None, &services, TODAY, 10)
            .into_iter()
            .map(|s| services[s.index].name.as_str())
            .collect();
        got.sort_unstable();
        got
    };
    assert_eq!(at(Some(5)), ["Online art"]);
    assert_eq!(at(Some(15)), ["Bolton gym", "Online art"]);
    assert_eq!(
        at(Some(50)),
        ["Bolton gym", "Online art"],
        "London is further"
    );
    assert_eq!(
        at(Some(200)),
        ["Bolton gym", "British Museum", "Online art"]
    );
    assert_eq!(at(None), ["Bolton gym", "British Museum", "Online art"]);
}

#[test]
fn the_gym_the_goal_names_comes_before_walks_and_runs_for_the_same_need() {
    use Weekday::*;
    let mut gym = service("Community gym", Category::Leisure, &[Mon], false, Some(350));
    gym.free = false;
    let services = vec![
        service("Couch to 5k", Category::Running, &[Mon], false, Some(0)),
        service("Health walks", Category::Walking, &[Mon], false, Some(0)),
        gym,
    ];
    let mut c = conversation();
    c.life_areas.push(LifeAreaAnswer {
        area: Need::PhysicalWellbeing,
        weight: Weight::ALot,
        note: String::new(),
    });
    let goal = Goal {
        text: "Go to the gym to keep me fit and strong".into(),
        life_area: Some(Need::PhysicalWellbeing),
        steps: vec![],
        services: vec![],
    };
    assert_eq!(
        names(&c, &services, Some(&goal))[0],
        "Community gym",
        "the goal's own word first"
    );
    let person = ForPerson {
        conversation: &c,
        age: None,
        district: None,
        gender: None,
    };
    let s = suggest(person, Some(&goal), &services, TODAY, 3);
    assert!(s[0].reasons.contains(&Reason::GoalWords("gym".into())));
    let walk = s
        .iter()
        .find(|x| services[x.index].name == "Health walks")
        .unwrap();
    assert!(walk.reasons.contains(&Reason::GoalNeed("gym".into())));
}

#[test]
fn words_the_goal_names_are_said_together() {
    let reasons = [
        Reason::GoalWords("garden".into()),
        Reason::GoalWords("volunteer".into()),
        Reason::Free,
    ];
    assert_eq!(
        describe_all(&reasons),
        "what the goal is about (\"garden\", \"volunteer\"); free"
    );
    assert_eq!(
        describe_all(&[Reason::GoalWords("gym".into())]),
        "what the goal is about (\"gym\")"
    );
}

/// "Evenings only" and "weekends suit" with no days named: any evening,
/// and the weekend at any time; never a weekday daytime session. The
/// limits are named for the plan when nothing fits.
#[test]
fn evenings_and_weekends_without_days_suggest_weekday_evenings_and_weekends() {
    use Weekday::*;
    let services = vec![
        service(
            "Wednesday evening choir",
            Category::Choir,
            &[Wed],
            true,
            Some(0),
        ),
        service("Saturday walk", Category::Walking, &[Sat], false, Some(0)),
        service(
            "Weekday drop-in",
            Category::Befriending,
            &[Mon, Tue],
            false,
            Some(0),
        ),
    ];
    let mut c = conversation();
    c.preferences.days = vec![];
    c.preferences.evenings = true;
    c.preferences.weekends = true;
    let mut got = names(&c, &services, None);
    got.sort();
    assert_eq!(got, ["Saturday walk", "Wednesday evening choir"]);
    // Evenings alone: the evening choir only.
    c.preferences.weekends = false;
    assert_eq!(names(&c, &services, None), ["Wednesday evening choir"]);
    c.preferences.max_travel_miles = Some(3);
    c.preferences.max_cost_pence = Some(0);
    assert_eq!(
        crate::domain::matching::limits_said(&c.preferences),
        ["evenings only", "within 3 miles", "free only"]
    );
}
