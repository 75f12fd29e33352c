//! Whether a service is within the distance a person will travel.
//!
//! A person's place is known by their postcode district only (no
//! coordinates for a person's postcode here); a service's by the
//! latitude and longitude of its locations when the directory publishes
//! them, else by its postcode districts. So:
//!
//! - a service in the person's own district, by telephone or online, or
//!   with no known place, is always within reach;
//! - a limit under 10 miles keeps to the person's postcode area (`M` for
//!   `M6` and `M30`), and within it to services no further than the limit
//!   and the area's spread from its centre;
//! - a longer limit passes a service whose distance from the centre of the
//!   person's postcode area is at most the limit plus [`AREA_SPREAD`];
//! - "any distance" passes everything.

use crate::domain::postcode;

/// How far from its centre a postcode area's places may lie, in miles:
/// the error allowed for knowing a person's place by their area.
pub const AREA_SPREAD: f32 = 15.0;

/// How far someone will travel, from where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reach {
    /// Their postcode district (`M30`).
    pub home: String,
    /// The most miles they will travel.
    pub miles: u16,
}

impl Reach {
    /// In words, for the directory's filter line: `up to 50 miles from
    /// M30`; a short limit says it is kept to the postcode area, as near as
    /// a person's district tells.
    pub fn describe(&self) -> String {
        if self.miles < 10 {
            format!(
                "up to {} miles from {} (its postcode area)",
                self.miles, self.home
            )
        } else {
            format!("up to {} miles from {}", self.miles, self.home)
        }
    }

    /// Whether a service at `districts` (and at `point`, when the
    /// directory gives one) is within reach. `remote` is a service by
    /// telephone or online.
    pub fn includes(&self, districts: &[String], point: Option<[f32; 2]>, remote: bool) -> bool {
        if remote
            || (districts.is_empty() && point.is_none())
            || districts.iter().any(|d| d.eq_ignore_ascii_case(&self.home))
        {
            return true;
        }
        let home_area = postcode::area(&self.home);
        let limit = f32::from(self.miles);
        let Some(home) = postcode::centre(&home_area) else {
            // A place we cannot put on the map: keep to its area.
            return districts.iter().any(|d| postcode::area(d) == home_area);
        };
        let places = point
            .into_iter()
            .chain(districts.iter().filter_map(|d| postcode::centre(d)));
        let nearest = places
            .map(|p| postcode::miles_between(home, p))
            .fold(f32::INFINITY, f32::min);
        if self.miles < 10 {
            let same_area = districts.iter().any(|d| postcode::area(d) == home_area)
                || (districts.is_empty() && nearest <= AREA_SPREAD);
            same_area && nearest <= limit + AREA_SPREAD
        } else {
            nearest <= limit + AREA_SPREAD
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from_eccles(miles: u16) -> Reach {
        Reach {
            home: "M30".into(),
            miles,
        }
    }

    fn at(districts: &[&str]) -> Vec<String> {
        districts.iter().map(|d| (*d).to_owned()).collect()
    }

    #[test]
    fn a_museum_in_london_is_out_of_a_five_mile_reach_from_salford_and_in_at_two_hundred() {
        let museum = at(&["WC1B"]);
        assert!(!from_eccles(5).includes(&museum, None, false));
        assert!(!from_eccles(50).includes(&museum, None, false));
        assert!(from_eccles(200).includes(&museum, None, false));
        // By its coordinates alone (Bloomsbury).
        assert!(!from_eccles(20).includes(&[], Some([51.519, -0.127]), false));
        assert!(from_eccles(170).includes(&[], Some([51.519, -0.127]), false));
    }

    #[test]
    fn near_places_pass_and_remote_or_unknown_ones_always_do() {
        assert!(from_eccles(5).includes(&at(&["M30"]), None, false));
        assert!(from_eccles(5).includes(&at(&["M6"]), None, false));
        assert!(
            !from_eccles(5).includes(&at(&["BL1"]), None, false),
            "Bolton is another area"
        );
        assert!(from_eccles(15).includes(&at(&["BL1"]), None, false));
        assert!(
            from_eccles(5).includes(&at(&["WC1B"]), None, true),
            "online"
        );
        assert!(from_eccles(5).includes(&[], None, false), "no place known");
        // Coordinates of Salford Museum, no district.
        assert!(from_eccles(5).includes(&[], Some([53.488, -2.290]), false));
        assert_eq!(
            from_eccles(5).describe(),
            "up to 5 miles from M30 (its postcode area)"
        );
        assert_eq!(from_eccles(50).describe(), "up to 50 miles from M30");
    }
}
