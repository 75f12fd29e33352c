//! Adding and editing a directory service from the app: each field's text
//! form and its rule. The form edits every session of a service in one
//! line (see [`super::session_text`]), and the first address, the first
//! phone and the first cost; any others published for it are kept as they
//! are. A plain CSV sheet may give the first session as days, opening and
//! closing time instead.

use super::{
    AccessRoute, Address, Category, CostOption, Location, Phone, Schedule, Service, Suitability,
};
use crate::domain::postcode;
use crate::domain::text::fold;

/// A field of the service form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ServiceField {
    /// Name (required).
    Name,
    /// The organisation that runs it (required; matched by name).
    Organisation,
    /// What happens there.
    Description,
    /// Our categories, comma separated.
    Categories,
    /// Every session (`every Tue, Thu 18:30-20:00; every Sat 09:00-10:00`).
    When,
    /// Days the first session runs (`Tue, Thu`; plain CSV only).
    Days,
    /// Opening time (`18:30`).
    Opens,
    /// Closing time.
    Closes,
    /// First address line.
    Address,
    /// Town.
    Town,
    /// Postcode.
    Postcode,
    /// Phone.
    Phone,
    /// Email.
    Email,
    /// Web page.
    Website,
    /// Cost per session (`free` or `2.50`).
    Cost,
    /// Who it is for.
    Eligibility,
    /// Youngest age.
    MinimumAge,
    /// Oldest age.
    MaximumAge,
    /// How to get in.
    Access,
    /// Who it suits, comma separated.
    Suits,
    /// Link workers' notes.
    Notes,
}

impl ServiceField {
    /// Every field, in form order.
    pub const ALL: [ServiceField; 18] = [
        Self::Name,
        Self::Organisation,
        Self::Description,
        Self::Categories,
        Self::When,
        Self::Address,
        Self::Town,
        Self::Postcode,
        Self::Phone,
        Self::Email,
        Self::Website,
        Self::Cost,
        Self::Eligibility,
        Self::MinimumAge,
        Self::MaximumAge,
        Self::Access,
        Self::Suits,
        Self::Notes,
    ];

    /// Label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Name => "Name",
            Self::Organisation => "Organisation",
            Self::Description => "What happens",
            Self::Categories => "Categories",
            Self::When => "When",
            Self::Days => "Days",
            Self::Opens => "Opens at",
            Self::Closes => "Closes at",
            Self::Address => "Address",
            Self::Town => "Town",
            Self::Postcode => "Postcode",
            Self::Phone => "Phone",
            Self::Email => "Email",
            Self::Website => "Web page",
            Self::Cost => "Cost per session",
            Self::Eligibility => "Who it is for",
            Self::MinimumAge => "Minimum age",
            Self::MaximumAge => "Maximum age",
            Self::Access => "How to get in",
            Self::Suits => "Suits",
            Self::Notes => "Our notes",
        }
    }

    /// A hint shown beside an empty field.
    pub fn hint(self) -> &'static str {
        match self {
            Self::Categories => "e.g. walking, befriending",
            Self::When => super::session_text::example(),
            Self::Days => "e.g. Tue, Thu",
            Self::Opens | Self::Closes => "HH:MM",
            Self::Cost => "free, or e.g. 2.50",
            Self::Access => "drop in, referral or appointment",
            Self::Suits => "e.g. accompanied-friendly, over-50s",
            _ => "",
        }
    }

    /// The current value of the field, as text.
    pub fn get(self, s: &Service, organisation: &str) -> String {
        let schedule = s.schedules.first();
        let address = s.locations.first().and_then(|l| l.addresses.first());
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        match self {
            Self::Name => s.name.clone(),
            Self::Organisation => organisation.to_owned(),
            Self::Description => text(&s.description),
            Self::Categories => join(s.local.categories.iter().map(|c| c.label())),
            Self::When => s
                .schedules
                .iter()
                .map(super::session_text::write)
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join("; "),
            Self::Days => join(
                schedule
                    .map(Schedule::weekdays)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|d| &super::day_name(d)[..3]),
            ),
            Self::Opens => schedule.map(|x| text(&x.opens_at)).unwrap_or_default(),
            Self::Closes => schedule.map(|x| text(&x.closes_at)).unwrap_or_default(),
            Self::Address => address.map(|a| text(&a.address_1)).unwrap_or_default(),
            Self::Town => address.map(|a| text(&a.city)).unwrap_or_default(),
            Self::Postcode => address.map(|a| text(&a.postal_code)).unwrap_or_default(),
            Self::Phone => s
                .phones
                .first()
                .map(|p| p.number.clone())
                .unwrap_or_default(),
            Self::Email => text(&s.email),
            Self::Website => text(&s.url),
            Self::Cost => match s.cost_options.first().and_then(|c| c.amount) {
                Some(a) if a > 0.0 => format!("{a:.2}"),
                Some(_) => "free".into(),
                None if s.local.free => "free".into(),
                None => String::new(),
            },
            Self::Eligibility => text(&s.eligibility_description),
            Self::MinimumAge => s.minimum_age.map(|a| a.to_string()).unwrap_or_default(),
            Self::MaximumAge => s.maximum_age.map(|a| a.to_string()).unwrap_or_default(),
            Self::Access => s.local.access.label().to_owned(),
            Self::Suits => join(s.local.suits.iter().map(|x| x.label())),
            Self::Notes => s.local.notes.clone(),
        }
    }

    /// Sets the field from `value`, or says what is wrong. The organisation
    /// name is returned through `organisation`.
    pub fn set(
        self,
        value: &str,
        s: &mut Service,
        organisation: &mut String,
    ) -> Result<(), String> {
        let v = value.trim();
        let opt = || (!v.is_empty()).then(|| v.to_owned());
        match self {
            Self::Name if v.is_empty() => return Err("is needed".into()),
            Self::Name => s.name = v.to_owned(),
            Self::Organisation if v.is_empty() => return Err("is needed".into()),
            Self::Organisation => *organisation = v.to_owned(),
            Self::Description => s.description = opt(),
            Self::Categories => s.local.categories = parse_list(v, &Category::ALL, |c| c.label())?,
            Self::When => {
                // Sessions with nothing the form can write (a note only) are
                // kept as they are.
                let (shown, unseen): (Vec<Schedule>, Vec<Schedule>) = s
                    .schedules
                    .drain(..)
                    .partition(|sc| !super::session_text::write(sc).is_empty());
                let mut sessions = super::session_text::parse(v, &s.id.to_string(), &shown)?;
                sessions.extend(unseen);
                s.schedules = sessions;
            }
            Self::Days => {
                let days = parse_days(v)?;
                schedule(s).byday = (!days.is_empty()).then_some(days);
            }
            Self::Opens => schedule(s).opens_at = parse_time(v)?,
            Self::Closes => schedule(s).closes_at = parse_time(v)?,
            Self::Address => address(s).address_1 = opt(),
            Self::Town => address(s).city = opt(),
            Self::Postcode if v.is_empty() => address(s).postal_code = None,
            Self::Postcode => {
                let p = postcode::normalise(v).ok_or("is not a UK postcode")?;
                address(s).postal_code = Some(p);
            }
            Self::Phone => match (v.is_empty(), s.phones.first_mut()) {
                (true, _) => {
                    if !s.phones.is_empty() {
                        s.phones.remove(0);
                    }
                }
                (false, Some(p)) => p.number = v.to_owned(),
                (false, None) => s.phones.push(Phone {
                    at: Default::default(),
                    extra: Default::default(),
                    id: format!("{}-phone", s.id),
                    number: v.to_owned(),
                    extension: None,
                    kind: None,
                    description: None,
                }),
            },
            Self::Email if !v.is_empty() && !v.contains('@') => {
                return Err("is not an email address".into());
            }
            Self::Email => s.email = opt(),
            Self::Website => s.url = opt(),
            Self::Cost => set_cost(v, s)?,
            Self::Eligibility => s.eligibility_description = opt(),
            Self::MinimumAge => s.minimum_age = parse_age(v)?,
            Self::MaximumAge => s.maximum_age = parse_age(v)?,
            Self::Access => {
                s.local.access = [
                    AccessRoute::DropIn,
                    AccessRoute::Referral,
                    AccessRoute::Appointment,
                ]
                .into_iter()
                .find(|a| starts(a.label(), v))
                .ok_or("should be drop in, referral or appointment")?;
            }
            Self::Suits => {
                s.local.suits = parse_list(v, &Suitability::ALL, |x| x.label())?;
            }
            Self::Notes => s.local.notes = v.to_owned(),
        }
        Ok(())
    }
}

/// Checks the whole service after every field is set.
pub fn check(s: &Service) -> Result<(), (ServiceField, String)> {
    if let (Some(min), Some(max)) = (s.minimum_age, s.maximum_age)
        && min > max
    {
        return Err((
            ServiceField::MaximumAge,
            format!("is below the minimum age {min}"),
        ));
    }
    if let Some(sc) = s.schedules.first()
        && let (Some(o), Some(c)) = (&sc.opens_at, &sc.closes_at)
        && c <= o
    {
        return Err((ServiceField::When, "should close after it opens".into()));
    }
    Ok(())
}

fn join<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

/// Whether `label`, or a word of it, starts with what was typed (folded):
/// `appointment` finds "By appointment", `referral` "Referral needed".
fn starts(label: &str, typed: &str) -> bool {
    let (label, typed) = (fold(label), fold(typed.trim()));
    !typed.is_empty()
        && (label.starts_with(&typed) || label.split(' ').any(|w| w.starts_with(&typed)))
}

fn parse_list<T: Copy + PartialEq>(
    v: &str,
    all: &[T],
    label: impl Fn(T) -> &'static str,
) -> Result<Vec<T>, String> {
    let mut out = Vec::new();
    for part in v.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let found = all
            .iter()
            .copied()
            .find(|x| fold(label(*x)) == fold(part))
            .or_else(|| all.iter().copied().find(|x| starts(label(*x), part)))
            .ok_or_else(|| {
                let known: Vec<&str> = all.iter().map(|x| label(*x)).collect();
                format!("\"{part}\" is not one we know ({})", known.join(", "))
            })?;
        if !out.contains(&found) {
            out.push(found);
        }
    }
    Ok(out)
}

/// `Tue, Thu` (or `TU,TH`, `tuesday`) -> `TU,TH`.
fn parse_days(v: &str) -> Result<String, String> {
    let mut codes = Vec::new();
    for part in v.split([',', ' ']).map(str::trim).filter(|p| !p.is_empty()) {
        let f = fold(part);
        let code = ["mo", "tu", "we", "th", "fr", "sa", "su"]
            .into_iter()
            .find(|c| f.starts_with(c))
            .ok_or_else(|| format!("\"{part}\" is not a day"))?;
        let code = code.to_ascii_uppercase();
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    Ok(codes.join(","))
}

fn parse_time(v: &str) -> Result<Option<String>, String> {
    if v.is_empty() {
        return Ok(None);
    }
    chrono::NaiveTime::parse_from_str(v, "%H:%M")
        .map(|t| Some(t.format("%H:%M").to_string()))
        .map_err(|_| format!("\"{v}\" is not a time (HH:MM)"))
}

fn parse_age(v: &str) -> Result<Option<u32>, String> {
    if v.is_empty() {
        return Ok(None);
    }
    v.parse::<u32>()
        .ok()
        .filter(|a| *a <= 120)
        .map(Some)
        .ok_or_else(|| format!("\"{v}\" is not an age"))
}

fn set_cost(v: &str, s: &mut Service) -> Result<(), String> {
    if v.is_empty() {
        s.cost_options.clear();
        s.local.free = false;
        return Ok(());
    }
    let amount = if fold(v) == "free" {
        0.0
    } else {
        v.trim_start_matches('£')
            .parse::<f64>()
            .ok()
            .filter(|a| a.is_finite() && *a >= 0.0)
            .ok_or_else(|| format!("\"{v}\" is not free or an amount"))?
    };
    s.local.free = amount == 0.0;
    match s.cost_options.first_mut() {
        Some(c) => c.amount = Some(amount),
        None => s.cost_options.push(CostOption {
            extra: Default::default(),
            id: format!("{}-cost", s.id),
            option: Some("Per session".into()),
            amount: Some(amount),
            currency: Some("GBP".into()),
            amount_description: None,
        }),
    }
    Ok(())
}

fn schedule(s: &mut Service) -> &mut Schedule {
    if s.schedules.is_empty() {
        let mut first = Schedule::weekly(&format!("{}-schedule", s.id), "", "", "");
        first.byday = None;
        first.opens_at = None;
        first.closes_at = None;
        s.schedules.push(first);
    }
    &mut s.schedules[0]
}

fn address(s: &mut Service) -> &mut Address {
    if s.locations.is_empty() {
        s.locations.push(Location {
            at: Default::default(),
            extra: Default::default(),
            id: format!("{}-location", s.id),
            location_type: Some("physical".into()),
            name: None,
            description: None,
            transportation: None,
            latitude: None,
            longitude: None,
            addresses: vec![],
            accessibility: vec![],
        });
    }
    let location = &mut s.locations[0];
    if location.addresses.is_empty() {
        location.addresses.push(Address {
            extra: Default::default(),
            id: format!("{}-address", location.id),
            address_1: None,
            address_2: None,
            city: None,
            region: None,
            state_province: None,
            postal_code: None,
            country: Some("GB".into()),
            address_type: Some("physical".into()),
        });
    }
    &mut location.addresses[0]
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;

    fn blank() -> Service {
        crate::domain::fixtures::service("local-1", "", vec![])
    }

    fn set(s: &mut Service, f: ServiceField, v: &str) -> Result<(), String> {
        let mut org = String::new();
        f.set(v, s, &mut org)
    }

    /// The README's list of the categories and "suits" values a service
    /// may take, as the form and the CSV import take them.
    fn readme_lists() -> String {
        let categories: Vec<&str> = Category::ALL.iter().map(|c| c.label()).collect();
        let suits: Vec<&str> = Suitability::ALL.iter().map(|s| s.label()).collect();
        format!(
            "Categories: {}.\n\n\"Suits\": {}.",
            categories.join(", "),
            suits.join(", ")
        )
    }

    #[test]
    fn the_readme_lists_every_category_and_suits_value() {
        let readme = include_str!("../../../README.md");
        let want = readme_lists();
        assert!(readme.contains(&want), "the README should say:\n{want}");
    }

    #[test]
    fn access_and_lists_take_the_words_the_readme_gives_and_name_the_choices() {
        let mut s = blank();
        for (typed, want) in [
            ("appointment", AccessRoute::Appointment),
            ("by appointment", AccessRoute::Appointment),
            ("referral", AccessRoute::Referral),
            ("drop in", AccessRoute::DropIn),
        ] {
            set(&mut s, ServiceField::Access, typed).unwrap();
            assert_eq!(s.local.access, want, "{typed}");
        }
        let err = set(&mut s, ServiceField::Categories, "knitting, walking").unwrap_err();
        assert!(
            err.starts_with("\"knitting\" is not one we know ("),
            "{err}"
        );
        assert!(
            err.contains("Walking") && err.contains("Befriending"),
            "{err}"
        );
        let err = set(&mut s, ServiceField::Suits, "cats").unwrap_err();
        assert!(err.contains("Over 50s") || err.contains("over"), "{err}");
    }

    #[test]
    fn every_field_round_trips_through_its_text() {
        let mut s = blank();
        let mut org = String::new();
        let values = [
            "Eccles Walk and Talk",
            "Salford CVS",
            "A gentle hour's walk",
            "Walking, Befriending",
            "every Tue, Sat 18:30-20:00; 1st Wed of the month 10:00-12:00",
            "Eccles Library, Church Street",
            "Eccles",
            "M30 0FN",
            "0161 123 4567",
            "walks@example.org",
            "https://example.org",
            "2.50",
            "Adults",
            "18",
            "90",
            "Drop in",
            "accompanied-friendly, over-50s",
            "Ask for Pat",
        ];
        for (f, v) in ServiceField::ALL.iter().zip(values) {
            f.set(v, &mut s, &mut org).unwrap();
        }
        for (f, v) in ServiceField::ALL.iter().zip(values) {
            assert_eq!(f.get(&s, &org), v, "{f:?}");
        }
        assert_eq!(s.days(), [Weekday::Tue, Weekday::Wed, Weekday::Sat]);
        assert_eq!(s.schedules.len(), 2);
        assert!(s.runs_evenings());
        assert_eq!(s.lowest_cost_pence(), Some(250));
        assert!(check(&s).is_ok());
    }

    #[test]
    fn bad_values_say_what_is_wrong() {
        let mut s = blank();
        assert_eq!(
            set(&mut s, ServiceField::Name, " "),
            Err("is needed".into())
        );
        assert!(
            set(&mut s, ServiceField::Days, "Funday")
                .unwrap_err()
                .contains("not a day")
        );
        assert!(
            set(&mut s, ServiceField::When, "Funday 10:00")
                .unwrap_err()
                .contains("not a day")
        );
        assert!(
            set(&mut s, ServiceField::Opens, "6pm")
                .unwrap_err()
                .contains("HH:MM")
        );
        assert!(set(&mut s, ServiceField::Postcode, "nowhere").is_err());
        assert!(set(&mut s, ServiceField::Cost, "cheap").is_err());
        assert!(set(&mut s, ServiceField::MinimumAge, "twelve").is_err());
        assert!(
            set(&mut s, ServiceField::Categories, "knitting")
                .unwrap_err()
                .contains("knitting")
        );
        assert!(set(&mut s, ServiceField::Email, "pat").is_err());
        set(&mut s, ServiceField::MinimumAge, "50").unwrap();
        set(&mut s, ServiceField::MaximumAge, "18").unwrap();
        assert_eq!(check(&s).unwrap_err().0, ServiceField::MaximumAge);
    }

    #[test]
    fn free_and_prefixes() {
        let mut s = blank();
        set(&mut s, ServiceField::Cost, "Free").unwrap();
        assert!(s.is_free());
        set(&mut s, ServiceField::Categories, "debt").unwrap();
        assert_eq!(s.local.categories, [Category::DebtAdvice]);
        set(&mut s, ServiceField::Access, "ref").unwrap();
        assert_eq!(s.local.access, AccessRoute::Referral);
    }
}
