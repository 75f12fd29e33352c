//! The demo directory: every kind of group the seeds name, in five towns,
//! plus borough-wide services.

use super::names::TOWNS;
use crate::domain::directory::{
    AccessRoute, Accessibility, Address, Category, Contact, CostOption, LocalInfo, Location,
    Organisation, Phone, QualityChecks, Schedule, Service, ServiceStatus, Suitability,
    TaxonomyTerm, Verification,
};
use crate::domain::ids::{OrganisationId, ServiceId};
use chrono::{Duration, NaiveDate};

/// A kind of local group, instantiated once per town.
struct Template {
    category: Category,
    name: &'static str,
    org: &'static str,
    description: &'static str,
    byday: &'static str,
    opens: &'static str,
    closes: &'static str,
    cost: Option<f64>,
    suits: &'static [Suitability],
    access: AccessRoute,
    ages: (Option<u32>, Option<u32>),
}

use Suitability::*;

/// A template row; the argument list mirrors the table's columns.
#[allow(clippy::too_many_arguments)]
const fn t(
    category: Category,
    name: &'static str,
    org: &'static str,
    description: &'static str,
    when: (&'static str, &'static str, &'static str),
    cost: Option<f64>,
    suits: &'static [Suitability],
    access: AccessRoute,
    ages: (Option<u32>, Option<u32>),
) -> Template {
    Template {
        category,
        name,
        org,
        description,
        byday: when.0,
        opens: when.1,
        closes: when.2,
        cost,
        suits,
        access,
        ages,
    }
}

const LOCAL: [Template; 31] = [
    t(
        Category::Walking,
        "{town} Health Walks",
        "{town} Ramblers",
        "Gentle led walks of about an hour on flat paths, finishing with a cuppa. Walk leaders welcome newcomers at the start.",
        ("TU", "10:00", "11:30"),
        None,
        &[AccompaniedFriendly, Beginners, Over50s],
        AccessRoute::DropIn,
        (Some(18), None),
    ),
    t(
        Category::Walking,
        "{town} Evening Stroll and Talk",
        "{town} Ramblers",
        "A sociable after-work walk around the park and canal, about 3 miles.",
        ("TH", "18:30", "19:45"),
        None,
        &[Beginners],
        AccessRoute::DropIn,
        (Some(18), None),
    ),
    t(
        Category::Running,
        "{town} Couch to 5k",
        "{town} Harriers",
        "Nine-week beginners' running programme in small groups at every pace. Many start anxious; nobody is left behind.",
        ("MO,SA", "09:00", "10:00"),
        None,
        &[Beginners, AccompaniedFriendly],
        AccessRoute::DropIn,
        (Some(16), None),
    ),
    t(
        Category::Choir,
        "{town} Community Choir",
        "{town} Sings CIC",
        "No auditions and no need to read music. Warm-up, tea break, and songs everyone knows.",
        ("WE", "19:00", "20:30"),
        Some(3.0),
        &[Beginners, AccompaniedFriendly],
        AccessRoute::DropIn,
        (Some(16), None),
    ),
    t(
        Category::Dementia,
        "Singing for the Brain {town}",
        "Alzheimer's Support Salford",
        "Singing sessions for people living with dementia and their carers, in a calm, friendly room.",
        ("FR", "13:30", "15:00"),
        None,
        &[DementiaFriendly, AccompaniedFriendly, Over50s],
        AccessRoute::Referral,
        (None, None),
    ),
    t(
        Category::MensShed,
        "{town} Men's Shed",
        "{town} Men's Shed Association",
        "Woodwork, repairs and a brew. A place for men to make things, chat shoulder to shoulder and share skills.",
        ("TU,TH", "10:00", "15:00"),
        Some(2.0),
        &[MenOnly, AccompaniedFriendly, Beginners],
        AccessRoute::DropIn,
        (Some(18), None),
    ),
    t(
        Category::Befriending,
        "{town} Befriending Service",
        "Age Well Salford",
        "A trained volunteer visits or calls weekly for a chat and can go along to local groups with you.",
        ("MO,TU,WE,TH,FR", "09:00", "17:00"),
        None,
        &[Over50s, AccompaniedFriendly],
        AccessRoute::Referral,
        (Some(50), None),
    ),
    t(
        Category::Gardening,
        "{town} Community Allotment",
        "Grow Salford",
        "Grow fruit and veg with others on a shared plot. Tools, seeds and gloves provided; raised beds for anyone who cannot kneel.",
        ("WE,SA", "10:00", "13:00"),
        None,
        &[Beginners, WheelchairAccessible, AccompaniedFriendly],
        AccessRoute::DropIn,
        (None, None),
    ),
    t(
        Category::Cookery,
        "{town} Cook and Eat",
        "Salford Food Futures",
        "Learn to cook simple, cheap, healthy meals and eat together. Six-week course; ingredients provided.",
        ("TH", "12:00", "14:00"),
        None,
        &[Beginners],
        AccessRoute::Appointment,
        (Some(18), None),
    ),
    t(
        Category::Arts,
        "{town} Creative Corner",
        "{town} Arts Collective",
        "Drop-in art and craft: painting, collage, knitting. Materials provided; no experience needed.",
        ("MO", "13:00", "15:30"),
        Some(2.5),
        &[Beginners, AccompaniedFriendly],
        AccessRoute::DropIn,
        (Some(18), None),
    ),
    t(
        Category::Drama,
        "{town} Playmakers",
        "{town} Arts Collective",
        "Friendly amateur drama group: games, improvisation and a small show each spring.",
        ("TU", "19:00", "21:00"),
        Some(4.0),
        &[Beginners],
        AccessRoute::DropIn,
        (Some(16), None),
    ),
    t(
        Category::Music,
        "{town} Music Jam",
        "Salford Sound Collective",
        "Bring an instrument or borrow one. Jam session for all abilities, from first chords up.",
        ("WE", "18:00", "20:00"),
        None,
        &[Beginners, YoungPeople],
        AccessRoute::DropIn,
        (Some(14), None),
    ),
    t(
        Category::Leisure,
        "{town} Leisure Centre Gentle Gym",
        "Salford Community Leisure",
        "Supported gym sessions with an instructor for people new to exercise or with health conditions. £2.50 with a Leisure Card.",
        ("MO,WE,FR", "10:00", "11:00"),
        Some(2.5),
        &[Beginners, WheelchairAccessible, Over50s],
        AccessRoute::Referral,
        (Some(16), None),
    ),
    t(
        Category::Swimming,
        "{town} Quiet Swim",
        "Salford Community Leisure",
        "Calm, adults-only lane swimming with lifeguards who look out for newcomers. Changing rooms with private cubicles.",
        ("TU,SU", "08:00", "09:00"),
        Some(3.5),
        &[Beginners, WomenOnly],
        AccessRoute::DropIn,
        (Some(18), None),
    ),
    t(
        Category::LunchClub,
        "{town} Friendship Lunch Club",
        "Age Well Salford",
        "Two-course hot lunch with company, quizzes and a raffle. Transport can be arranged.",
        ("WE", "12:00", "14:00"),
        Some(4.5),
        &[Over50s, DementiaFriendly, WheelchairAccessible],
        AccessRoute::DropIn,
        (Some(55), None),
    ),
    t(
        Category::Volunteering,
        "{town} Volunteer Centre",
        "Salford CVS",
        "Find volunteering that fits you: one-to-one chats about what you enjoy and help to get started.",
        ("MO,TH", "10:00", "16:00"),
        None,
        &[Beginners],
        AccessRoute::Appointment,
        (Some(16), None),
    ),
    t(
        Category::Learning,
        "{town} Adult Learning Centre",
        "Salford Adult Learning",
        "Free short courses: English, maths, digital skills and confidence building.",
        ("TU,TH", "13:00", "15:00"),
        None,
        &[Beginners],
        AccessRoute::Appointment,
        (Some(19), None),
    ),
    t(
        Category::DebtAdvice,
        "{town} Debt Advice Drop-in",
        "Salford Money Matters",
        "Free, confidential debt and budgeting advice. Bring any letters or bills you have.",
        ("WE", "09:30", "12:30"),
        None,
        &[],
        AccessRoute::DropIn,
        (Some(18), None),
    ),
    t(
        Category::Faith,
        "{town} Open Door Cafe",
        "Churches Together in {town}",
        "Warm space and free cafe in the church hall, open to all faiths and none.",
        ("FR", "10:00", "13:00"),
        None,
        &[Over50s, AccompaniedFriendly, WheelchairAccessible],
        AccessRoute::DropIn,
        (None, None),
    ),
    t(
        Category::PeerSupport,
        "{town} Mental Health Peer Support",
        "Mind in Salford",
        "Peer-led group for people living with low mood or anxiety. Share as much or as little as you like.",
        ("MO", "18:00", "19:30"),
        None,
        &[AccompaniedFriendly],
        AccessRoute::DropIn,
        (Some(18), None),
    ),
    t(
        Category::Carers,
        "{town} Carers' Cafe",
        "Salford Carers Centre",
        "Monthly cafe for unpaid carers: a break, a brew, advice and other carers who understand.",
        ("TH", "10:30", "12:00"),
        None,
        &[],
        AccessRoute::DropIn,
        (Some(18), None),
    ),
    t(
        Category::Employment,
        "{town} Work Club",
        "Salford Work and Skills",
        "Help with CVs, job searching and interviews, at your own pace.",
        ("TU", "09:30", "12:00"),
        None,
        &[YoungPeople, Beginners],
        AccessRoute::DropIn,
        (Some(16), None),
    ),
    t(
        Category::Walking,
        "{town} Nordic Walking",
        "Salford Community Leisure",
        "Walking with poles: easier on the joints, good for balance. Poles lent for the first sessions.",
        ("SA", "10:00", "11:00"),
        Some(2.0),
        &[Over50s, Beginners],
        AccessRoute::DropIn,
        (Some(18), None),
    ),
    t(
        Category::Arts,
        "{town} Knit and Natter",
        "{town} Library",
        "Bring your knitting or crochet, or learn. Relaxed group in the library.",
        ("TH", "14:00", "16:00"),
        None,
        &[Over50s, WomenOnly, Beginners],
        AccessRoute::DropIn,
        (None, None),
    ),
    t(
        Category::Learning,
        "{town} Digital Drop-in",
        "{town} Library",
        "Help with phones, tablets, email and online forms from patient volunteers.",
        ("MO", "10:00", "12:00"),
        None,
        &[Over50s, Beginners],
        AccessRoute::DropIn,
        (None, None),
    ),
    t(
        Category::Leisure,
        "{town} Chair-based Exercise",
        "Salford Community Leisure",
        "Seated exercise to music for strength and balance.",
        ("FR", "11:00", "12:00"),
        Some(2.5),
        &[Over50s, WheelchairAccessible, DementiaFriendly],
        AccessRoute::DropIn,
        (Some(50), None),
    ),
    t(
        Category::Bereavement,
        "{town} Bereavement Cafe",
        "Salford Bereavement Network",
        "A gentle space for anyone grieving, with trained listeners.",
        ("TU", "14:00", "16:00"),
        None,
        &[AccompaniedFriendly],
        AccessRoute::DropIn,
        (Some(18), None),
    ),
    t(
        Category::Gardening,
        "{town} Green Gym",
        "Salford Conservation Volunteers",
        "Outdoor conservation work in local parks: hedges, paths and planting. Boots lent.",
        ("SA", "10:00", "13:00"),
        None,
        &[Beginners],
        AccessRoute::DropIn,
        (Some(16), None),
    ),
    t(
        Category::Music,
        "{town} Ukulele Group",
        "Salford Sound Collective",
        "Learn the ukulele with friendly beginners; instruments to borrow.",
        ("TH", "18:30", "20:00"),
        Some(2.0),
        &[Beginners, Over50s],
        AccessRoute::DropIn,
        (Some(16), None),
    ),
    t(
        Category::Advice,
        "{town} Welfare Rights Surgery",
        "Salford Welfare Rights",
        "Help with benefits forms, appeals and letters, by appointment at the local hub.",
        ("TH", "09:30", "12:30"),
        None,
        &[],
        AccessRoute::Appointment,
        (Some(18), None),
    ),
    t(
        Category::Housing,
        "{town} Housing Options Clinic",
        "Salford Housing Advice",
        "Advice on repairs, tenancy problems, homelessness prevention and moving home.",
        ("MO", "13:00", "16:00"),
        None,
        &[],
        AccessRoute::Appointment,
        (Some(16), None),
    ),
];

/// Borough-wide services, one each.
const BOROUGH: [Template; 8] = [
    t(
        Category::Telephone,
        "Silver Line Salford Friendship Calls",
        "Age Well Salford",
        "Weekly friendship phone call from a volunteer, for older people who feel lonely.",
        ("MO,TU,WE,TH,FR,SA,SU", "08:00", "20:00"),
        None,
        &[Over50s],
        AccessRoute::Referral,
        (Some(50), None),
    ),
    t(
        Category::Advice,
        "Citizens Advice Salford",
        "Citizens Advice Salford",
        "Free, independent advice on benefits, work, debt, housing and consumer problems.",
        ("MO,TU,WE,TH,FR", "09:00", "17:00"),
        None,
        &[],
        AccessRoute::Appointment,
        (Some(16), None),
    ),
    t(
        Category::DebtAdvice,
        "Salford Money Helpline",
        "Salford Money Matters",
        "Phone line for debt and money worries, with call-backs in the evening.",
        ("MO,TU,WE,TH", "17:00", "20:00"),
        None,
        &[],
        AccessRoute::DropIn,
        (Some(18), None),
    ),
    t(
        Category::Carers,
        "Salford Carers Centre",
        "Salford Carers Centre",
        "Information, carers' assessments, breaks and support groups for unpaid carers.",
        ("MO,TU,WE,TH,FR", "09:00", "17:00"),
        None,
        &[],
        AccessRoute::Referral,
        (None, None),
    ),
    t(
        Category::Advocacy,
        "Salford Advocacy Partnership",
        "Salford Advocacy Partnership",
        "Independent advocacy for people with learning disabilities, autism or mental health needs.",
        ("MO,TU,WE,TH,FR", "09:00", "17:00"),
        None,
        &[],
        AccessRoute::Referral,
        (Some(16), None),
    ),
    t(
        Category::PeerSupport,
        "GamCare Salford Group",
        "GamCare North West",
        "Peer support group for people affected by gambling, and their families.",
        ("WE", "18:30", "20:00"),
        None,
        &[AccompaniedFriendly],
        AccessRoute::DropIn,
        (Some(18), None),
    ),
    t(
        Category::Telephone,
        "Salford Online Wellbeing Cafe",
        "Mind in Salford",
        "A friendly video call for a chat with others, from home.",
        ("SU", "19:00", "20:00"),
        None,
        &[Beginners],
        AccessRoute::DropIn,
        (Some(18), None),
    ),
    t(
        Category::Employment,
        "Salford Supported Employment",
        "Salford Work and Skills",
        "One-to-one job coaching for people with health conditions or disabilities.",
        ("MO,TU,WE,TH,FR", "09:00", "17:00"),
        None,
        &[],
        AccessRoute::Referral,
        (Some(16), None),
    ),
];

fn uuid_like(rng: &mut fastrand::Rng) -> String {
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        rng.u32(..),
        rng.u16(..),
        rng.u16(..0x1000),
        rng.u16(0x8000..0xc000),
        rng.u64(..1 << 48)
    )
}

fn phone(rng: &mut fastrand::Rng) -> String {
    // Ofcom's drama range for Manchester: 0161 496 0000 to 0999.
    format!("0161 496 0{:03}", rng.u16(..1000))
}

fn postcode(rng: &mut fastrand::Rng, district: &str) -> String {
    const LETTERS: &[u8] = b"ABDEFGHJLNPQRSTUWXYZ";
    let a = LETTERS[rng.usize(..LETTERS.len())] as char;
    let b = LETTERS[rng.usize(..LETTERS.len())] as char;
    format!("{district} {}{a}{b}", rng.u8(1..10))
}

struct Builder<'a> {
    rng: &'a mut fastrand::Rng,
    today: NaiveDate,
    organisations: Vec<Organisation>,
    services: Vec<Service>,
}

impl Builder<'_> {
    fn organisation(&mut self, name: &str) -> OrganisationId {
        if let Some(o) = self.organisations.iter().find(|o| o.name == name) {
            return o.id.clone();
        }
        let id = OrganisationId(uuid_like(self.rng));
        let number = phone(self.rng);
        let slug: String = name
            .to_ascii_lowercase()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        self.organisations.push(Organisation {
            extra: Default::default(),
            id: id.clone(),
            name: name.to_owned(),
            description: Some(format!(
                "{name} is a voluntary and community organisation in Salford."
            )),
            email: Some(format!("hello@{slug}.example.org")),
            website: Some(format!("https://{slug}.example.org")),
            legal_status: Some(
                if self.rng.bool() {
                    "Registered charity"
                } else {
                    "Community interest company"
                }
                .into(),
            ),
            phones: vec![Phone {
                at: Default::default(),
                extra: Default::default(),
                id: uuid_like(self.rng),
                number,
                extension: None,
                kind: Some("voice".into()),
                description: None,
            }],
        });
        id
    }

    #[allow(clippy::too_many_arguments)]
    fn service(
        &mut self,
        category: Category,
        name: String,
        org_name: String,
        description: &str,
        when: (&str, &str, &str),
        cost: Option<f64>,
        suits: &[Suitability],
        access: AccessRoute,
        ages: (Option<u32>, Option<u32>),
        town: &str,
        district: &str,
        venue: &str,
        street: &str,
    ) {
        let organization_id = self.organisation(&org_name);
        let index = self.services.len();
        // Most entries are fresh; every ninth is stale (over a year since
        // verification) and every twenty-third inactive.
        let verified_days_ago = if index % 9 == 4 {
            380 + self.rng.i64(0..300)
        } else {
            self.rng.i64(5..330)
        };
        let verified_on = self.today - Duration::days(verified_days_ago);
        let status = match index % 23 {
            11 => ServiceStatus::Inactive,
            17 => ServiceStatus::TemporarilyClosed,
            _ => ServiceStatus::Active,
        };
        let qa_date = verified_on - Duration::days(self.rng.i64(0..60));
        let qa = QualityChecks {
            safeguarding_policy: Some(qa_date),
            insurance: (index % 7 != 3).then_some(qa_date),
            named_contact: Some(verified_on),
            dbs_checked: (index % 5 != 2).then_some(qa_date),
        };
        let id = ServiceId(uuid_like(self.rng));
        let cost_options = cost_options(self.rng, cost);
        let contact_name = format!(
            "{} {}",
            super::names::GIVEN[self.rng.usize(..super::names::GIVEN.len())],
            super::names::FAMILY[self.rng.usize(..super::names::FAMILY.len())]
        );
        let phone_number = phone(self.rng);
        let pc = postcode(self.rng, district);
        let house = self.rng.u16(1..200);
        let wheelchair = suits.contains(&Suitability::WheelchairAccessible);
        self.services.push(Service {
            extra: Default::default(),
            id,
            organization_id,
            name,
            alternate_name: None,
            description: Some(description.to_owned()),
            url: None,
            email: None,
            status,
            interpretation_services: None,
            application_process: Some(access.label().to_owned()),
            fees_description: Some(match cost {
                Some(a) if a > 0.0 => format!("£{a:.2} per session"),
                _ => "Free".into(),
            }),
            eligibility_description: None,
            minimum_age: ages.0,
            maximum_age: ages.1,
            alert: (status == ServiceStatus::TemporarilyClosed)
                .then(|| "Closed for refurbishment; reopening in the new year.".into()),
            last_modified: Some(format!("{verified_on}T09:00:00Z")),
            assured_date: Some(qa_date),
            cost_options,
            phones: vec![Phone {
                at: Default::default(),
                extra: Default::default(),
                id: uuid_like(self.rng),
                number: phone_number,
                extension: None,
                kind: Some("voice".into()),
                description: None,
            }],
            contacts: vec![Contact {
                extra: Default::default(),
                id: uuid_like(self.rng),
                name: Some(contact_name),
                title: Some("Group organiser".into()),
                email: None,
                phones: vec![],
            }],
            schedules: vec![Schedule::weekly(
                &uuid_like(self.rng),
                when.0,
                when.1,
                when.2,
            )],
            languages: vec![],
            service_areas: vec![],
            locations: vec![Location {
                at: Default::default(),
                extra: Default::default(),
                id: uuid_like(self.rng),
                location_type: Some("physical".into()),
                name: Some(venue.to_owned()),
                description: None,
                transportation: Some(format!(
                    "Buses stop on {street}; ask the driver for {venue}."
                )),
                latitude: None,
                longitude: None,
                addresses: vec![Address {
                    extra: Default::default(),
                    id: uuid_like(self.rng),
                    address_1: Some(format!("{house} {street}")),
                    address_2: None,
                    city: Some(town.to_owned()),
                    region: None,
                    state_province: Some("Greater Manchester".into()),
                    postal_code: Some(pc),
                    country: Some("GB".into()),
                    address_type: Some("physical".into()),
                }],
                accessibility: if wheelchair {
                    vec![Accessibility {
                        extra: Default::default(),
                        id: uuid_like(self.rng),
                        description: Some("Step-free access and an accessible toilet".into()),
                        details: None,
                        url: None,
                    }]
                } else {
                    vec![]
                },
            }],
            taxonomy_terms: vec![TaxonomyTerm {
                attribute: Default::default(),
                extra: Default::default(),
                id: crate::import::hsds_export::stable_uuid(
                    &format!("linkwork-{:?}", category).to_ascii_lowercase(),
                ),
                code: Some(format!("{category:?}").to_ascii_lowercase()),
                name: category.label().to_owned(),
                description: Some(format!("linkwork category: {}", category.label())),
                taxonomy: Some("linkwork".into()),
            }],
            local: LocalInfo {
                notes: String::new(),
                categories: vec![category],
                suits: suits.to_vec(),
                access,
                free: cost.is_none_or(|c| c == 0.0),
                last_verified: Some(Verification {
                    on: verified_on,
                    by: "Demo worker".into(),
                }),
                qa,
                gone_from_feed: None,
            },
        });
    }
}

/// Builds the demo directory.
pub fn directory(rng: &mut fastrand::Rng, today: NaiveDate) -> (Vec<Organisation>, Vec<Service>) {
    let mut b = Builder {
        rng,
        today,
        organisations: Vec::new(),
        services: Vec::new(),
    };
    for (ti, town) in TOWNS.iter().enumerate() {
        for (i, tpl) in LOCAL.iter().enumerate() {
            // Not every town has every group: skip a few per town.
            if (i + ti * 7) % 13 == 12 {
                continue;
            }
            let district = town.districts[i % town.districts.len()];
            let street = town.streets[i % town.streets.len()];
            b.service(
                tpl.category,
                tpl.name.replace("{town}", town.name),
                tpl.org.replace("{town}", town.name),
                tpl.description,
                (tpl.byday, tpl.opens, tpl.closes),
                tpl.cost,
                tpl.suits,
                tpl.access,
                tpl.ages,
                town.name,
                district,
                town.venue,
                street,
            );
        }
    }
    for tpl in &BOROUGH {
        b.service(
            tpl.category,
            tpl.name.to_owned(),
            tpl.org.to_owned(),
            tpl.description,
            (tpl.byday, tpl.opens, tpl.closes),
            tpl.cost,
            tpl.suits,
            tpl.access,
            tpl.ages,
            "Salford",
            "M6",
            "Salford Civic Centre",
            "Chorley Road",
        );
    }
    (b.organisations, b.services)
}

/// A per-session cost option, or none for a free service.
fn cost_options(rng: &mut fastrand::Rng, cost: Option<f64>) -> Vec<CostOption> {
    match cost {
        Some(amount) if amount > 0.0 => vec![CostOption {
            extra: Default::default(),
            id: uuid_like(rng),
            option: Some("Per session".into()),
            amount: Some(amount),
            currency: Some("GBP".into()),
            amount_description: Some(format!("£{amount:.2} per session")),
        }],
        _ => Vec::new(),
    }
}
