//! The open case file and its tabs.

use crate::store::CaseFile;

/// A tab of the case file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CaseTab {
    /// Person, referral, status, limits, risks.
    Summary,
    /// What matters conversations.
    Conversation,
    /// The action plan.
    Plan,
    /// Connections and the support ladder.
    Connections,
    /// The contact log.
    Contacts,
    /// Wellbeing measures.
    Outcomes,
    /// The audit trail of this case.
    History,
}

impl CaseTab {
    /// Every tab, in order.
    pub const ALL: [CaseTab; 7] = [
        Self::Summary,
        Self::Conversation,
        Self::Plan,
        Self::Connections,
        Self::Contacts,
        Self::Outcomes,
        Self::History,
    ];

    /// Tab title.
    pub fn title(self) -> &'static str {
        match self {
            Self::Summary => "Summary",
            Self::Conversation => "Conversation",
            Self::Plan => "Plan",
            Self::Connections => "Connections",
            Self::Contacts => "Contacts",
            Self::Outcomes => "Outcomes",
            Self::History => "History",
        }
    }

    /// The tab `step` places along, wrapping.
    pub fn step(self, step: isize) -> Self {
        crate::ui::widgets::step_value(&Self::ALL, self, step)
    }
}

/// The case file being looked at.
#[derive(Debug, Clone)]
pub struct CaseFileState {
    /// Its records.
    pub file: CaseFile,
    /// The tab shown.
    pub tab: CaseTab,
    /// Scroll position within the tab.
    pub scroll: usize,
    /// The selected connection (on the Connections tab).
    pub connection: usize,
    /// The selected contact (on the Contacts tab; 0 is the newest).
    pub contact: usize,
}
