//! The six rungs of diminishing support.

use serde::{Deserialize, Serialize};

/// One rung of the ladder, from most support to none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rung {
    /// 1. Discussion and exploration.
    Discussion,
    /// 2. Planning the visit (route, transport, what to expect, who to ask for).
    PlanningVisit,
    /// 3. Attending together with the person.
    AttendingTogether,
    /// 4. Distant shadowing: the worker nearby, not alongside.
    DistantShadowing,
    /// 5. The person attends with a carer or peer and reports back.
    WithCarerOrPeer,
    /// 6. The person attends independently.
    Independent,
}

impl Rung {
    /// Every rung, from most support to none.
    pub const ALL: [Rung; 6] = [
        Self::Discussion,
        Self::PlanningVisit,
        Self::AttendingTogether,
        Self::DistantShadowing,
        Self::WithCarerOrPeer,
        Self::Independent,
    ];

    /// 1-based position on the ladder.
    pub fn number(self) -> u8 {
        self as u8 + 1
    }

    /// Whether the link worker is with the person at this step (talking it
    /// through, planning, going along, or nearby): such a step attended is a
    /// contact of the case.
    pub fn worker_present(self) -> bool {
        matches!(
            self,
            Self::Discussion
                | Self::PlanningVisit
                | Self::AttendingTogether
                | Self::DistantShadowing
        )
    }

    /// The next rung down (less support), if any.
    pub fn step_down(self) -> Option<Rung> {
        Self::ALL.get(usize::from(self.number())).copied()
    }

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Discussion => "Discussion and exploration",
            Self::PlanningVisit => "Planning the visit",
            Self::AttendingTogether => "Attending together",
            Self::DistantShadowing => "Distant shadowing",
            Self::WithCarerOrPeer => "With carer or peer, reports back",
            Self::Independent => "Attends independently",
        }
    }

    /// A short label for tables.
    pub fn short(self) -> &'static str {
        match self {
            Self::Discussion => "discuss",
            Self::PlanningVisit => "plan visit",
            Self::AttendingTogether => "together",
            Self::DistantShadowing => "shadowing",
            Self::WithCarerOrPeer => "with peer",
            Self::Independent => "alone",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_down_in_order_and_stops_at_independent() {
        let mut r = Rung::Discussion;
        let mut seen = vec![r];
        while let Some(next) = r.step_down() {
            seen.push(next);
            r = next;
        }
        assert_eq!(seen, Rung::ALL);
        assert_eq!(Rung::Independent.step_down(), None);
        assert_eq!(Rung::Discussion.number(), 1);
        assert_eq!(Rung::Independent.number(), 6);
    }
}
