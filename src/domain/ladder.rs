//! Connections and the diminishing-support ladder (DOMAIN.md, seed 003):
//! discussion -> planning the visit -> attending together -> distant
//! shadowing -> attends with carer or peer and reports back -> attends
//! independently.

mod company;
mod connection;
pub mod rhythm;
mod rung;
mod steps;
mod visit_card;

pub use company::Companion;
pub use connection::{
    Connection, ConnectionEnd, ConnectionEndReason, EventOutcome, LadderError, LadderEvent,
    PlannedStep, Proposal, ReportBack, VisitPlan, soonest,
};
pub use rung::Rung;
/// Reading and writing who went, as the forms do.
pub mod who_went {
    pub use super::company::{CHOICES, describe, parse, phrase, write};
}
pub use steps::ESTABLISHED_WEEKS;
pub use visit_card::{CardFor, visit_card};
