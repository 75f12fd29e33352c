//! The facts about a service that the directory list shows and filters on,
//! small enough to keep 100,000 of them in memory. The full record is read
//! only for the one service whose detail is on screen.

use super::{Category, Service, ServiceStatus, Suitability};
use crate::domain::ids::ServiceId;
use crate::domain::postcode;
use chrono::{NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// What the list and the filters need to know about one service.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceFacts {
    /// Its id.
    pub id: ServiceId,
    /// Its name, as published.
    pub name: String,
    /// The organisation's name.
    pub organisation: String,
    /// The town of its first address.
    pub town: String,
    /// Our categories, as a bit set (bit = position in [`Category::ALL`]).
    pub categories: u32,
    /// Free of charge.
    pub free: bool,
    /// The lowest published cost per session, in pence.
    pub lowest_cost_pence: Option<u32>,
    /// Welcomes someone who comes with a worker, carer or peer at first.
    pub accompanied_friendly: bool,
    /// Days it runs, as a bit set (bit 0 = Monday).
    pub days: u8,
    /// Some session opens at or after 17:00.
    pub evenings: bool,
    /// Postcode districts of its locations (`M30`, `M6` ...).
    pub districts: Vec<String>,
    /// Youngest age served.
    pub minimum_age: Option<u32>,
    /// Oldest age served.
    pub maximum_age: Option<u32>,
    /// Published accessibility details or marked wheelchair accessible.
    pub accessible: bool,
    /// Our "suits" marks, as a bit set (bit = position in
    /// [`Suitability::ALL`]).
    #[serde(default)]
    pub suits: u8,
    /// Whether a value looks wrong (see [`super::quality`]): with
    /// `sessions_end`, the "something to check" filter.
    #[serde(default)]
    pub to_check: bool,
    /// The last day its sessions run, when the feed says one.
    #[serde(default)]
    pub sessions_end: Option<NaiveDate>,
    /// Latitude and longitude of its first location that publishes them,
    /// in hundred-thousandths of a degree (about a metre).
    #[serde(default)]
    pub point: Option<[i32; 2]>,
    /// Status.
    pub status: ServiceStatus,
    /// When a worker last verified it.
    pub verified_on: Option<NaiveDate>,
}

/// The bit of a category in [`ServiceFacts::categories`].
pub fn category_bit(category: Category) -> u32 {
    let position = Category::ALL
        .iter()
        .position(|c| *c == category)
        .unwrap_or(0);
    1 << position
}

/// The bit of a "suits" mark in [`ServiceFacts::suits`].
pub fn suitability_bit(suits: Suitability) -> u8 {
    let position = Suitability::ALL
        .iter()
        .position(|s| *s == suits)
        .unwrap_or(0);
    1 << position
}

/// The bit of a weekday in [`ServiceFacts::days`].
pub fn day_bit(day: Weekday) -> u8 {
    1 << day.num_days_from_monday()
}

impl ServiceFacts {
    /// The facts of `service`, run by `organisation`.
    pub fn of(service: &Service, organisation: &str) -> Self {
        let addresses = || service.locations.iter().flat_map(|l| &l.addresses);
        let mut districts: Vec<String> = addresses()
            .filter_map(|a| a.postal_code.as_deref().and_then(postcode::district))
            .collect();
        districts.dedup();
        Self {
            id: service.id.clone(),
            name: service.name.clone(),
            organisation: organisation.to_owned(),
            town: addresses().find_map(|a| a.city.clone()).unwrap_or_default(),
            categories: service
                .local
                .categories
                .iter()
                .fold(0, |bits, c| bits | category_bit(*c)),
            free: service.is_free(),
            lowest_cost_pence: service.lowest_cost_pence(),
            accompanied_friendly: service
                .local
                .suits
                .contains(&Suitability::AccompaniedFriendly),
            days: service.days().into_iter().fold(0, |b, d| b | day_bit(d)),
            evenings: service.runs_evenings(),
            districts,
            minimum_age: service.minimum_age,
            maximum_age: service.maximum_age,
            accessible: service
                .local
                .suits
                .contains(&Suitability::WheelchairAccessible)
                || service
                    .locations
                    .iter()
                    .any(|l| !l.accessibility.is_empty()),
            suits: service
                .local
                .suits
                .iter()
                .fold(0, |bits, s| bits | suitability_bit(*s)),
            to_check: !super::quality::static_warnings(service).is_empty(),
            sessions_end: super::quality::last_session_day(service),
            point: service
                .locations
                .iter()
                .find_map(|l| match (l.latitude, l.longitude) {
                    (Some(lat), Some(lon))
                        if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) =>
                    {
                        Some([(lat * 1e5).round() as i32, (lon * 1e5).round() as i32])
                    }
                    _ => None,
                }),
            status: service.status,
            verified_on: service.local.last_verified.as_ref().map(|v| v.on),
        }
    }

    /// Whether it has `category`.
    pub fn has_category(&self, category: Category) -> bool {
        self.categories & category_bit(category) != 0
    }

    /// Whether it is marked as suiting `mark` (women only, over-50s ...).
    pub fn suits(&self, mark: Suitability) -> bool {
        self.suits & suitability_bit(mark) != 0
    }

    /// Whether it has something to check on `today`: a value that looks
    /// wrong, or sessions that have ended.
    pub fn needs_checking(&self, today: NaiveDate) -> bool {
        self.to_check || self.sessions_end.is_some_and(|d| d < today)
    }

    /// Its latitude and longitude in degrees, when known.
    pub fn coordinates(&self) -> Option<[f32; 2]> {
        self.point
            .map(|[lat, lon]| [lat as f32 / 1e5, lon as f32 / 1e5])
    }

    /// Whether it runs on `day`.
    pub fn runs_on(&self, day: Weekday) -> bool {
        self.days & day_bit(day) != 0
    }

    /// Whether it runs on Saturday or Sunday.
    pub fn weekends(&self) -> bool {
        self.runs_on(Weekday::Sat) || self.runs_on(Weekday::Sun)
    }

    /// Whether someone aged `age` is within its age range.
    pub fn fits_age(&self, age: u32) -> bool {
        self.minimum_age.is_none_or(|min| age >= min)
            && self.maximum_age.is_none_or(|max| age <= max)
    }

    /// Verified within the last 12 months of `today`.
    pub fn verified_recently(&self, today: NaiveDate) -> bool {
        self.verified_on
            .is_some_and(|on| (today - on).num_days() <= 365)
    }

    /// Not verified in the last 12 months.
    pub fn is_stale(&self, today: NaiveDate) -> bool {
        !self.verified_recently(today)
    }

    /// Running (not inactive, closed or temporarily closed).
    pub fn is_active(&self) -> bool {
        self.status == ServiceStatus::Active
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::directory::{Schedule, Verification};

    fn facts() -> ServiceFacts {
        let mut s = crate::domain::fixtures::service(
            "s1",
            "Walking group",
            vec![Schedule::weekly("s", "TU,SA", "18:30", "20:00")],
        );
        s.local.categories = vec![Category::Walking, Category::Befriending];
        s.local.last_verified = Some(Verification {
            on: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            by: "Sam".into(),
        });
        s.minimum_age = Some(18);
        s.locations = vec![crate::domain::fixtures::place("Eccles", Some("m30 0fn"))];
        ServiceFacts::of(&s, "Salford CVS")
    }

    #[test]
    fn facts_of_a_service() {
        let f = facts();
        assert!(f.has_category(Category::Walking) && f.has_category(Category::Befriending));
        assert!(!f.has_category(Category::Choir));
        assert!(f.runs_on(Weekday::Tue) && f.runs_on(Weekday::Sat) && !f.runs_on(Weekday::Mon));
        assert!(f.evenings && f.weekends());
        assert_eq!(f.districts, ["M30"]);
        assert_eq!(f.town, "Eccles");
        assert!(f.fits_age(18) && !f.fits_age(17));
        assert!(!f.accessible);
    }

    #[test]
    fn verification_window_is_twelve_months() {
        let f = facts();
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert!(f.verified_recently(day(2027, 3, 1)));
        assert!(f.is_stale(day(2027, 3, 2)));
    }
}
