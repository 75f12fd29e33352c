//! A realistic Open Referral UK / HSDS 3.0 feed, for benches and tests:
//! what a council's API pages look like, not copies of the demo. Every
//! service has its own organisation and its own nested records (location,
//! address, accessibility, schedules, phones, contacts, languages, service
//! areas, cost options, taxonomy terms); optional fields are sometimes
//! `null` or absent; there are fields the standard does not name, non-ASCII
//! text, the same service names in many towns, and about a tenth of the
//! records give a minimum age above the maximum (50 and 25), as real feeds
//! do. The first page starts with a byte order mark.
//!
//! Deterministic: the same `seed` and size give the same bytes.

use serde_json::{Value, json};

/// Towns, with a postcode district and a rough latitude/longitude.
const TOWNS: [(&str, &str, f64, f64); 24] = [
    ("Eccles", "M30", 53.483, -2.334),
    ("Salford", "M6", 53.487, -2.290),
    ("Swinton", "M27", 53.512, -2.349),
    ("Walkden", "M28", 53.523, -2.399),
    ("Irlam", "M44", 53.443, -2.418),
    ("Luton", "LU1", 51.879, -0.417),
    ("Measham", "DE12", 52.706, -1.508),
    ("Leicester", "LE1", 52.636, -1.133),
    ("Bristol", "BS1", 51.454, -2.587),
    ("Leeds", "LS1", 53.800, -1.549),
    ("Sheffield", "S1", 53.381, -1.470),
    ("Newcastle", "NE1", 54.978, -1.617),
    ("Norwich", "NR1", 52.630, 1.297),
    ("Plymouth", "PL1", 50.375, -4.143),
    ("Derby", "DE1", 52.922, -1.476),
    ("York", "YO1", 53.960, -1.087),
    ("Bolton", "BL1", 53.578, -2.429),
    ("Wigan", "WN1", 53.545, -2.632),
    ("Stockport", "SK1", 53.410, -2.158),
    ("Oldham", "OL1", 53.541, -2.118),
    ("Coventry", "CV1", 52.406, -1.512),
    ("Reading", "RG1", 51.456, -0.971),
    ("Exeter", "EX1", 50.718, -3.534),
    ("Llandudno", "LL30", 53.324, -3.827),
];

/// Kinds of service: a name, the taxonomy terms a council tags it with, and
/// a sentence of description.
const KINDS: [(&str, &[&str], &str); 30] = [
    (
        "Walking for Health",
        &["Physical activity", "Walking"],
        "Free short walks led by trained volunteers, at an easy pace, with a cuppa after.",
    ),
    (
        "Mental Health Drop-in",
        &["Mental health", "Wellbeing"],
        "A friendly drop-in for adults with low mood, anxiety or stress; no appointment needed.",
    ),
    (
        "Talking Therapies",
        &["Mental health", "Counselling"],
        "NHS Talking Therapies for anxiety and depression: self-refer online or by phone.",
    ),
    (
        "Mind Wellbeing Group",
        &["Mental health", "Peer support"],
        "Peer support for people living with mental health problems, led by people who have been there.",
    ),
    (
        "Anxiety Support Circle",
        &["Mental health", "Anxiety"],
        "A small group to share ways of coping with worry and panic.",
    ),
    (
        "Befriending Service",
        &["Befriending", "Loneliness and isolation"],
        "A volunteer visits or phones each week for a chat, for people who feel lonely or isolated.",
    ),
    (
        "Friendship Café",
        &["Loneliness and isolation", "Social activities"],
        "Meet new people over tea and cake; come on your own, you will be welcomed.",
    ),
    (
        "Luncheon Club",
        &["Older people", "Loneliness and isolation"],
        "A hot two-course lunch and company for older people, with transport for those who need it.",
    ),
    (
        "Debt Advice",
        &["Debt advice", "Money advice"],
        "Free, confidential help with debts, arrears and creditors, and a plan you can afford.",
    ),
    (
        "Citizens Advice",
        &["Benefits advice", "Debt advice", "Housing advice"],
        "Advice on benefits, debt, housing, work and consumer problems.",
    ),
    (
        "Money Matters Clinic",
        &["Money advice", "Benefits advice"],
        "Help to claim what you are entitled to, budget and cut bills.",
    ),
    (
        "Food Bank",
        &["Food", "Emergency support"],
        "Emergency food parcels with a voucher from a GP, link worker or advice service.",
    ),
    (
        "Housing Options",
        &["Housing advice", "Homelessness"],
        "Help if you are homeless, at risk of losing your home, or in poor housing.",
    ),
    (
        "Bereavement Support",
        &["Bereavement", "Counselling"],
        "Support after the death of someone close: one-to-one and a monthly group.",
    ),
    (
        "Carers Centre",
        &["Carers", "Respite"],
        "Information, breaks and a carers' assessment for anyone looking after a family member or friend.",
    ),
    (
        "Men's Shed",
        &["Men's sheds", "Loneliness and isolation"],
        "A workshop where men meet, make, mend and chat.",
    ),
    (
        "Community Choir",
        &["Singing", "Arts and culture"],
        "No auditions, no need to read music: just come and sing.",
    ),
    (
        "Art Club",
        &["Arts and crafts", "Wellbeing"],
        "Painting, drawing and crafts for all abilities; materials provided.",
    ),
    (
        "Dance for Health (Online)",
        &["Physical activity", "Online"],
        "Gentle seated and standing dance sessions online, for all ages.",
    ),
    (
        "Healthy Eating Workshop",
        &["Healthy eating", "Cookery"],
        "Learn to cook simple, cheap and healthy meals.",
    ),
    (
        "Community Garden",
        &["Gardening", "Volunteering"],
        "Grow food and flowers with others; no experience needed.",
    ),
    (
        "Volunteer Centre",
        &["Volunteering", "Employment"],
        "Find a volunteering role that suits you, with support to start.",
    ),
    (
        "Job Club",
        &["Employment", "Skills and training"],
        "Help with CVs, applications and interviews.",
    ),
    (
        "Adult Learning",
        &["Adult education", "Skills and training"],
        "Short courses in English, maths, computers and more.",
    ),
    (
        "Dementia Café",
        &["Dementia", "Carers"],
        "A relaxed café for people living with dementia and those who care for them.",
    ),
    (
        "Parkrun",
        &["Running", "Physical activity"],
        "A free, weekly, timed 5k run, jog or walk in the park.",
    ),
    (
        "Swimming Sessions",
        &["Swimming", "Physical activity"],
        "Quiet swims and aqua aerobics at the leisure centre.",
    ),
    (
        "Autism Social Group",
        &["Autism", "Learning disability"],
        "A social group for autistic adults, run by autistic people.",
    ),
    (
        "Grief Café",
        &["Bereavement", "Peer support"],
        "Talk about the person you have lost with others who understand.",
    ),
    (
        "Gambling Support",
        &["Gambling", "Mental health"],
        "Free help for anyone affected by gambling, including families.",
    ),
];

const FIRST: [&str; 12] = [
    "Siân", "Zoë", "Amir", "Joanna", "Grzegorz", "Aoife", "Kwame", "Priya", "Eilidh", "Tomás",
    "Ngozi", "Dafydd",
];
const LAST: [&str; 10] = [
    "O'Brien",
    "Nowak",
    "Patel",
    "Jones",
    "Okafor",
    "Müller",
    "Ní Bhriain",
    "Smith",
    "Rahman",
    "Evans",
];
const DAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

fn pick<'a, T>(rng: &mut fastrand::Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

fn uuid(rng: &mut fastrand::Rng) -> String {
    let a = rng.u64(..);
    let b = rng.u64(..);
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        0x8000 | (b >> 48) & 0x3fff,
        b & 0xffff_ffff_ffff
    )
}

/// Sometimes `null`, sometimes the value.
fn maybe(rng: &mut fastrand::Rng, value: Value) -> Value {
    if rng.u8(..10) == 0 {
        Value::Null
    } else {
        value
    }
}

fn phone(rng: &mut fastrand::Rng) -> Value {
    let extension = rng.u16(1..500);
    let extension = maybe(rng, json!(extension));
    json!({
        "id": uuid(rng),
        "number": format!("0161 496 {:04}", rng.u16(..10_000)),
        "extension": extension,
        "type": "voice",
        "description": maybe(rng, json!("Lines open Monday to Friday, 9am to 5pm")),
        "languages": [],
    })
}

fn schedule(rng: &mut fastrand::Rng) -> Value {
    let day = *pick(rng, &DAYS);
    let opens = rng.u8(9..18);
    let (freq, interval, byday) = match rng.u8(..6) {
        0 => ("MONTHLY", 1, format!("1{day}")),
        1 => ("WEEKLY", 2, day.to_owned()),
        _ => ("WEEKLY", 1, day.to_owned()),
    };
    json!({
        "id": uuid(rng),
        "freq": freq,
        "interval": interval,
        "byday": byday,
        "opens_at": format!("{opens:02}:00:00"),
        "closes_at": format!("{:02}:30:00", opens + 1),
        "valid_from": "2026-01-01",
        "description": maybe(rng, json!("Not on bank holidays.")),
        "attending_type": "in person",
    })
}

fn location(rng: &mut fastrand::Rng, town: &(&str, &str, f64, f64)) -> Value {
    let (name, district, lat, lon) = *town;
    json!({
        "id": uuid(rng),
        "location_type": "physical",
        "name": format!("{name} Community Centre"),
        "description": maybe(rng, json!("Step-free entrance from the car park.")),
        "latitude": lat + f64::from(rng.i16(-200..200)) / 10_000.0,
        "longitude": lon + f64::from(rng.i16(-200..200)) / 10_000.0,
        "transportation": maybe(rng, json!("Buses 33 and 67 stop outside.")),
        "external_identifier": format!("{}", 100_000_000_000u64 + rng.u64(..1_000_000_000)),
        "external_identifier_type": "UPRN",
        "addresses": [{
            "id": uuid(rng),
            "attention": null,
            "address_1": format!("{} {} Road", rng.u16(1..300), pick(rng, &["Church", "Station", "Mill", "Victoria", "Liverpool"])),
            "address_2": null,
            "city": name,
            "region": null,
            "state_province": "England",
            "postal_code": format!("{district} {}{}{}", rng.u8(1..10), (b'A' + rng.u8(..26)) as char, (b'A' + rng.u8(..26)) as char),
            "country": "GB",
            "address_type": "physical",
        }],
        "accessibility": [{
            "id": uuid(rng),
            "description": pick(rng, &["Wheelchair accessible", "Hearing loop", "Accessible toilet"]),
            "details": null,
            "url": null,
        }],
        "phones": [],
        "schedules": [],
        "languages": [],
        "contacts": [],
    })
}

fn terms(rng: &mut fastrand::Rng, names: &[&str]) -> Vec<Value> {
    names
        .iter()
        .map(|name| {
            json!({
                "id": uuid(rng),
                "link_type": "service",
                "link_id": null,
                "value": null,
                "taxonomy_term": {
                    "id": uuid(rng),
                    "code": maybe(rng, json!(name.to_lowercase().replace(' ', "-"))),
                    "name": name,
                    "description": name,
                    "taxonomy": "LGA Service Types",
                    "language": "en",
                },
            })
        })
        .collect()
}

/// The `i`th service of a feed.
pub fn service(rng: &mut fastrand::Rng, i: usize) -> Value {
    let town = pick(rng, &TOWNS);
    let (kind, tags, about) = *pick(rng, &KINDS);
    let person = format!("{} {}", pick(rng, &FIRST), pick(rng, &LAST));
    let odd_ages = rng.u8(..10) == 0;
    let (min, max) = if odd_ages {
        (json!(50), json!(25))
    } else {
        let min = rng.u8(16..19);
        (maybe(rng, json!(min)), maybe(rng, json!(99)))
    };
    let org_id = uuid(rng);
    let org_name = format!("{} {kind} Trust", town.0);
    let online = kind.contains("Online");
    let assured = format!("2025-{:02}-{:02}", rng.u8(1..13), rng.u8(1..29));
    let assured = maybe(rng, json!(assured));
    json!({
        "id": uuid(rng),
        "name": format!("{} {kind}", town.0),
        "alternate_name": maybe(rng, json!(format!("{kind} ({})", town.1))),
        "description": format!(
            "{about} Run by local people in {} since {}. Ring {person} to ask about the next session; carers and friends are welcome too. Café au lait, Zoë's famous bara brith and a warm welcome — croeso!",
            town.0,
            1990 + i % 35
        ),
        "url": maybe(rng, json!(format!("https://example.org/{}/{i}", town.0.to_lowercase()))),
        "email": maybe(rng, json!(format!("hello{i}@example.org"))),
        "status": if rng.u8(..20) == 0 { "inactive" } else { "active" },
        "interpretation_services": maybe(rng, json!("Interpreters on request (Polish, Urdu, Welsh)")),
        "application_process": "Just come along, or ask your link worker to refer you.",
        "fees_description": maybe(rng, json!("Free")),
        "eligibility_description": maybe(rng, json!("Adults living in the area")),
        "minimum_age": min,
        "maximum_age": max,
        "assured_date": assured,
        "assurer_email": null,
        "last_modified": "2026-10-01T09:30:00Z",
        "x_council_reference": format!("SC-{i:07}"),
        "x_internal": {"imported_by": "feed-bot", "flags": [1, 2, 3]},
        "organization": {
            "id": org_id,
            "name": org_name,
            "description": format!("A charity serving {} and district.", town.0),
            "email": maybe(rng, json!(format!("info{i}@example.org"))),
            "website": maybe(rng, json!("https://example.org")),
            "legal_status": maybe(rng, json!("Registered charity")),
            "phones": [phone(rng)],
        },
        "service_at_locations": if online { json!([]) } else { json!([{
            "id": uuid(rng),
            "description": null,
            "location": location(rng, town),
            "schedules": [],
            "phones": [],
            "contacts": [],
        }]) },
        "schedules": [schedule(rng)],
        "phones": [phone(rng)],
        "contacts": [{
            "id": uuid(rng),
            "name": person,
            "title": maybe(rng, json!("Coordinator")),
            "department": null,
            "email": maybe(rng, json!(format!("contact{i}@example.org"))),
            "phones": [],
        }],
        "languages": [{"id": uuid(rng), "name": "English", "code": "en", "note": null}],
        "service_areas": [{"id": uuid(rng), "name": format!("{} and district", town.0), "description": null, "extent": null, "extent_type": null, "uri": null}],
        "cost_options": [{"id": uuid(rng), "option": null, "amount": 0, "currency": "GBP", "amount_description": "Free"}],
        "attributes": terms(rng, tags),
    })
}

/// A feed of `total` services in API pages of `per_page`, as bytes.
pub fn pages(total: usize, per_page: usize, seed: u64) -> impl Iterator<Item = Vec<u8>> {
    let per_page = per_page.max(1);
    let page_count = total.div_ceil(per_page).max(1);
    let mut rng = fastrand::Rng::with_seed(seed);
    (0..page_count).map(move |p| {
        let start = p * per_page;
        let end = (start + per_page).min(total);
        let contents: Vec<Value> = (start..end).map(|i| service(&mut rng, i)).collect();
        let page = json!({
            "total_items": total,
            "total_pages": page_count,
            "page_number": p + 1,
            "size": contents.len(),
            "first_page": p == 0,
            "last_page": p + 1 == page_count,
            "empty": contents.is_empty(),
            "contents": contents,
        });
        let mut bytes = if p == 0 {
            b"\xEF\xBB\xBF".to_vec()
        } else {
            Vec::new()
        };
        // Serialising a tree of plain values cannot fail.
        bytes.extend(serde_json::to_vec(&page).unwrap_or_default());
        bytes
    })
}

/// Writes a feed of `total` services into `dir` as `page-NNNN.json` files
/// of `per_page` services each; returns the bytes written.
pub fn write(
    dir: &std::path::Path,
    total: usize,
    per_page: usize,
    seed: u64,
) -> std::io::Result<u64> {
    std::fs::create_dir_all(dir)?;
    let mut written = 0;
    for (p, bytes) in pages(total, per_page, seed).enumerate() {
        written += bytes.len() as u64;
        std::fs::write(dir.join(format!("page-{:04}.json", p + 1)), bytes)?;
    }
    Ok(written)
}

/// The search index of a feed of `total` services, parsed page by page as
/// an import would (pages that do not parse are left out).
pub fn search_index(total: usize, seed: u64) -> crate::domain::directory::search::SearchIndex {
    let mut services = Vec::new();
    let mut orgs = std::collections::HashMap::new();
    for (p, page) in pages(total, 1000, seed).enumerate() {
        let Ok(parsed) = crate::import::hsds_json::parse(&format!("page-{p}.json"), &page) else {
            continue;
        };
        for o in parsed.organisations {
            orgs.insert(o.id.clone(), o.name);
        }
        services.extend(parsed.services);
    }
    crate::domain::directory::search::SearchIndex::new(&services, |s| {
        orgs.get(&s.organization_id).map(String::as_str)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feed_is_deterministic_and_looks_like_a_councils() {
        let a: Vec<Vec<u8>> = pages(250, 100, 7).collect();
        let b: Vec<Vec<u8>> = pages(250, 100, 7).collect();
        assert_eq!(a, b);
        assert_eq!(a.len(), 3);
        assert!(a[0].starts_with(b"\xEF\xBB\xBF") && !a[1].starts_with(b"\xEF"));
        let page: Value = serde_json::from_slice(&a[2]).unwrap();
        assert_eq!(page["page_number"], 3);
        assert_eq!(page["contents"].as_array().unwrap().len(), 50);
        let all: Vec<Value> = a
            .iter()
            .flat_map(|p| {
                let p = p.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(p);
                let v: Value = serde_json::from_slice(p).unwrap();
                v["contents"].as_array().unwrap().clone()
            })
            .collect();
        let orgs: std::collections::HashSet<&str> = all
            .iter()
            .map(|s| s["organization"]["id"].as_str().unwrap())
            .collect();
        assert_eq!(orgs.len(), 250, "every service has its own organisation");
        let odd = all.iter().filter(|s| s["minimum_age"] == 50).count();
        assert!((10..50).contains(&odd), "{odd} odd ages");
        let bytes: usize = a.iter().map(Vec::len).sum();
        assert!(
            (1500..4000).contains(&(bytes / 250)),
            "{} bytes a service",
            bytes / 250
        );
    }
}
