//! Directory filters a worker toggles from the keyboard.

use super::Category;
use super::facts::ServiceFacts;
use chrono::{NaiveDate, Weekday};

/// Which services to show. The default shows everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DirectoryFilter {
    /// Only this category.
    pub category: Option<Category>,
    /// Only free services.
    pub free_only: bool,
    /// Only services running on this day.
    pub day: Option<Weekday>,
    /// Only services with an evening session.
    pub evenings: bool,
    /// Only services running at the weekend.
    pub weekends: bool,
    /// Only services in this postcode district (`M30`), or a town.
    pub area: Option<String>,
    /// Only services within this distance of a person (see
    /// [`crate::domain::reach`]).
    pub reach: Option<crate::domain::reach::Reach>,
    /// Only services whose age range fits this age.
    pub age: Option<u32>,
    /// Only services with accessibility details.
    pub accessible: bool,
    /// Only active services.
    pub active_only: bool,
    /// Only services verified in the last 12 months.
    pub verified_only: bool,
    /// Only services with something to check (a value that looks wrong,
    /// sessions that ended).
    pub to_check: bool,
}

impl DirectoryFilter {
    /// Whether `facts` passes every filter that is on.
    pub fn keeps(&self, facts: &ServiceFacts, today: NaiveDate) -> bool {
        self.category.is_none_or(|c| facts.has_category(c))
            && (!self.free_only || facts.free)
            && self.day.is_none_or(|d| facts.runs_on(d))
            && (!self.evenings || facts.evenings)
            && (!self.weekends || facts.weekends())
            && self.area.as_deref().is_none_or(|a| in_area(facts, a))
            && self.reach.as_ref().is_none_or(|r| {
                r.includes(
                    &facts.districts,
                    facts.coordinates(),
                    facts.has_category(Category::Telephone),
                )
            })
            && self.age.is_none_or(|age| facts.fits_age(age))
            && (!self.accessible || facts.accessible)
            && (!self.active_only || facts.is_active())
            && (!self.verified_only || facts.verified_recently(today))
            && (!self.to_check || facts.needs_checking(today))
    }

    /// Whether any filter is on.
    pub fn is_active(&self) -> bool {
        *self != Self::default()
    }

    /// The filters that are on, in words (`free`, `Tuesdays`, `M30` ...).
    pub fn describe(&self) -> Vec<String> {
        let mut on = Vec::new();
        if let Some(c) = self.category {
            on.push(c.label().to_owned());
        }
        if self.free_only {
            on.push("free".into());
        }
        if let Some(d) = self.day {
            on.push(format!("{}s", day_name(d)));
        }
        if self.evenings {
            on.push("evenings".into());
        }
        if self.weekends {
            on.push("weekends".into());
        }
        if let Some(a) = &self.area {
            on.push(format!("in {a}"));
        }
        if let Some(r) = &self.reach {
            on.push(r.describe());
        }
        if let Some(age) = self.age {
            on.push(format!("suits age {age}"));
        }
        if self.accessible {
            on.push("accessible".into());
        }
        if self.active_only {
            on.push("active".into());
        }
        if self.verified_only {
            on.push("verified in 12 months".into());
        }
        if self.to_check {
            on.push("to check".into());
        }
        on
    }
}

/// A postcode district (`M30`, case-insensitive) or a town name.
fn in_area(facts: &ServiceFacts, area: &str) -> bool {
    let area = area.trim();
    facts.districts.iter().any(|d| d.eq_ignore_ascii_case(area))
        || facts.town.eq_ignore_ascii_case(area)
}

/// The days of the week, Monday first.
pub const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// The English name of a weekday.
pub fn day_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::directory::{ServiceStatus, facts};

    fn facts(f: impl FnOnce(&mut ServiceFacts)) -> ServiceFacts {
        let mut x = ServiceFacts {
            sessions_end: Default::default(),
            to_check: Default::default(),
            id: "s".into(),
            name: "Walk".into(),
            organisation: "Org".into(),
            town: "Eccles".into(),
            categories: facts::category_bit(Category::Walking),
            free: false,
            lowest_cost_pence: Some(300),
            accompanied_friendly: false,
            days: facts::day_bit(Weekday::Tue),
            evenings: false,
            districts: vec!["M30".into()],
            minimum_age: None,
            maximum_age: Some(25),
            accessible: false,
            suits: 0,
            point: None,
            status: ServiceStatus::Active,
            verified_on: None,
        };
        f(&mut x);
        x
    }

    const TODAY: NaiveDate = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();

    #[test]
    fn each_filter_keeps_and_drops() {
        let plain = facts(|_| {});
        let cases: Vec<(DirectoryFilter, ServiceFacts)> = vec![
            (
                DirectoryFilter {
                    category: Some(Category::Choir),
                    ..Default::default()
                },
                facts(|f| f.categories |= facts::category_bit(Category::Choir)),
            ),
            (
                DirectoryFilter {
                    free_only: true,
                    ..Default::default()
                },
                facts(|f| f.free = true),
            ),
            (
                DirectoryFilter {
                    day: Some(Weekday::Sat),
                    ..Default::default()
                },
                facts(|f| f.days |= facts::day_bit(Weekday::Sat)),
            ),
            (
                DirectoryFilter {
                    evenings: true,
                    ..Default::default()
                },
                facts(|f| f.evenings = true),
            ),
            (
                DirectoryFilter {
                    weekends: true,
                    ..Default::default()
                },
                facts(|f| f.days |= facts::day_bit(Weekday::Sun)),
            ),
            (
                DirectoryFilter {
                    area: Some("m6".into()),
                    ..Default::default()
                },
                facts(|f| f.districts = vec!["M6".into()]),
            ),
            (
                DirectoryFilter {
                    age: Some(70),
                    ..Default::default()
                },
                facts(|f| f.maximum_age = None),
            ),
            (
                DirectoryFilter {
                    accessible: true,
                    ..Default::default()
                },
                facts(|f| f.accessible = true),
            ),
            (
                DirectoryFilter {
                    active_only: true,
                    ..Default::default()
                },
                plain.clone(),
            ),
            (
                DirectoryFilter {
                    verified_only: true,
                    ..Default::default()
                },
                facts(|f| f.verified_on = NaiveDate::from_ymd_opt(2026, 1, 1)),
            ),
        ];
        for (filter, kept) in cases {
            assert!(
                filter.keeps(&kept, TODAY),
                "{filter:?} should keep {kept:?}"
            );
            let dropped = if filter.active_only {
                facts(|f| f.status = ServiceStatus::Inactive)
            } else {
                plain.clone()
            };
            assert!(
                !filter.keeps(&dropped, TODAY),
                "{filter:?} should drop {dropped:?}"
            );
            assert!(filter.is_active());
            assert_eq!(filter.describe().len(), 1);
        }
        assert!(DirectoryFilter::default().keeps(&plain, TODAY));
    }

    #[test]
    fn area_matches_district_or_town() {
        let f = facts(|_| {});
        let by = |a: &str| DirectoryFilter {
            area: Some(a.into()),
            ..Default::default()
        };
        assert!(by("M30").keeps(&f, TODAY));
        assert!(by("eccles").keeps(&f, TODAY));
        assert!(!by("M3").keeps(&f, TODAY), "M3 is not M30");
    }
}
