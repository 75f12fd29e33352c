//! Everything the user can ask the app to do from the keyboard. Keys map to
//! actions through the keymap; the help overlay and footer are generated
//! from the same table, so they always tell the truth.

use super::mode::Mode;

macro_rules! actions {
    ($($(#[$doc:meta])* $variant:ident = $name:literal, $label:literal, $desc:literal, $footer:literal;)*) => {
        /// A user action.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            $($(#[$doc])* $variant,)*
        }

        impl Action {
            /// Every action, in the order help lists them.
            pub const ALL: &'static [Action] = &[$(Self::$variant,)*];

            /// The action's name in `config.toml`.
            pub fn name(self) -> &'static str {
                match self { $(Self::$variant => $name,)* }
            }

            /// A short label for the footer.
            pub fn label(self) -> &'static str {
                match self { $(Self::$variant => $label,)* }
            }

            /// A sentence for the help overlay.
            pub fn description(self) -> &'static str {
                match self { $(Self::$variant => $desc,)* }
            }

            /// Whether the footer shows this action (the rest are in help).
            pub fn in_footer(self) -> bool {
                match self { $(Self::$variant => $footer,)* }
            }
        }
    };
}

actions! {
    /// Select the next row (or scroll down).
    MoveDown = "move_down", "down", "Select the next row", false;
    /// Select the previous row (or scroll up).
    MoveUp = "move_up", "up", "Select the previous row", false;
    /// Move down one screenful.
    PageDown = "page_down", "page down", "Move down one screenful", false;
    /// Move up one screenful.
    PageUp = "page_up", "page up", "Move up one screenful", false;
    /// Select the first row.
    First = "first", "first", "Select the first row", false;
    /// Select the last row.
    Last = "last", "last", "Select the last row", false;
    /// Open the selected case, or confirm the choice in an overlay.
    Open = "open", "open", "Open the selected case / confirm", true;
    /// Find a person by name or NHS number.
    Find = "find", "find", "Find a person by name or NHS number (typos forgiven)", true;
    /// Start a new referral.
    NewReferral = "new_referral", "new referral", "New referral (a new person, or a new episode)", true;
    /// Switch to the next caseload view.
    NextView = "next_view", "view", "Switch view: Today, Open, Waiting, Closed", true;
    /// The Today view.
    ViewToday = "view_today", "today", "Show Today: first contacts waiting, due today, overdue", false;
    /// The Open view.
    ViewOpen = "view_open", "open", "Show every open case", false;
    /// The Waiting view.
    ViewWaiting = "view_waiting", "waiting", "Show referrals waiting for first contact, oldest first", false;
    /// The Closed view.
    ViewClosed = "view_closed", "closed", "Show closed, declined and not-contactable episodes", false;
    /// Sort by the next column.
    SortNext = "sort_next", "sort", "Sort by the next column", true;
    /// Reverse the sort order.
    SortReverse = "sort_reverse", "reverse", "Reverse the sort order", false;
    /// Open the filter panel.
    Filter = "filter", "filter", "Filter by status, need, referral source or flag", true;
    /// Clear every filter.
    ClearFilters = "clear_filters", "clear", "Clear every filter", false;
    /// Show the next value of the chosen field.
    NextValue = "next_value", "next value", "Next value of the chosen field", true;
    /// Show the previous value of the chosen field.
    PrevValue = "prev_value", "previous value", "Previous value of the chosen field", false;
    /// The next tab of the case file, or the next field of a form.
    NextTab = "next_tab", "next tab", "Next tab / next field", true;
    /// The previous tab, or the previous field.
    PrevTab = "prev_tab", "previous tab", "Previous tab / previous field", false;
    /// Log a contact on this case.
    LogContact = "log_contact", "log contact", "Log a contact (date, mode, minutes, purpose, notes)", true;
    /// Move this case along its status.
    MoveStatus = "move_status", "status", "Move the case to another status", true;
    /// Edit the person's details or the referral.
    Edit = "edit", "edit", "Edit the person's details or the referral", true;
    /// Raise or clear a risk flag.
    RiskFlag = "risk_flag", "risk", "Raise or clear a risk flag", true;
    /// Hold the "What matters to you?" conversation with this case.
    StartConversation = "conversation", "conversation", "Hold the \"What matters to you?\" conversation (resumes)", true;
    /// Open the action plan editor.
    OpenPlan = "plan", "plan", "Open the action plan: goals, services, steps, review", true;
    /// Write the person's copy of the plan to a file.
    PersonCopy = "person_copy", "person's copy", "Write the person's copy of the plan (Markdown file)", true;
    /// The next step of the conversation.
    NextStep = "next_step", "next step", "Next step of the conversation (answers are saved)", true;
    /// Back one step of the conversation.
    PrevStep = "prev_step", "back a step", "Back one step of the conversation", true;
    /// Leave this step of the conversation for later.
    SkipStep = "skip_step", "skip", "Skip this step for now (never the safety step)", true;
    /// Mark the plan agreed with the person (asks the day, today unless changed).
    AgreePlan = "agree_plan", "agreed", "Mark the plan agreed (asks the day; again: not agreed)", true;
    /// Mark the selected plan step done (asks the day).
    MarkDone = "mark_done", "done", "Mark the step done (asks the day; again: not done)", true;
    /// Undo the last change to the plan.
    UndoPlan = "undo_plan", "undo", "Undo the last change to the plan (as many as were made)", true;
    /// Remove the selected item.
    Remove = "remove", "remove", "Remove the selected service, step or empty goal", true;
    /// Log what happened at a step of a connection.
    LogOutcome = "log_outcome", "log outcome", "Log what happened at a connection's step", true;
    /// Plan or reschedule the next step of a connection.
    Reschedule = "reschedule", "next step", "Plan or reschedule the connection's next step", true;
    /// Plan the practical side of a visit.
    VisitPlan = "visit_plan", "visit plan", "Plan the visit: where to meet, route, who, cost", false;
    /// Write the visit card.
    VisitCard = "visit_card", "visit card", "Write the visit card for the person (Markdown)", false;
    /// End a connection.
    EndConnection = "end_connection", "end connection", "End the connection (established, not for them...)", false;
    /// Extend the time limit.
    ExtendLimit = "extend_limit", "extend", "Extend the time limit (a reason and new limits)", false;
    /// End support.
    Discharge = "discharge", "discharge", "End support: reason, final measure, then the letter", false;
    /// Write the discharge letter.
    DischargeLetter = "discharge_letter", "letter", "Write the letter to the referrer and GP (Markdown)", false;
    /// Put right the selected contact or ladder event.
    Correct = "correct", "put right", "Put right the selected contact or ladder event", false;
    /// Strike out the selected contact or ladder event.
    StrikeOut = "strike_out", "strike out", "Strike out the selected contact or last ladder event", false;
    /// Take a wellbeing measure.
    Measure = "measure", "measure", "Take a wellbeing measure (ONS4, WHO-5, SWEMWBS)", false;
    /// The week's agenda.
    Agenda = "agenda", "agenda", "The agenda: visits, reviews, first contacts by day", true;
    /// The week before.
    PrevWeek = "prev_week", "week before", "The week before", true;
    /// The week after.
    NextWeek = "next_week", "week after", "The week after", true;
    /// The commissioner's report.
    Reports = "reports", "reports", "The report: referrals, outcomes, unmet needs, by period", true;
    /// Write the pseudonymised report as a CSV file.
    ExportReport = "export_report", "export CSV", "Write the pseudonymised report (CSV) to a file", true;
    /// Open the community directory.
    Directory = "directory", "directory", "Open the community directory (search, filters, detail)", true;
    /// Mark the selected service verified today.
    VerifyToday = "verify_today", "verified today", "Mark the service verified with its provider today", true;
    /// Open the quality-assurance checklist of the selected service.
    QualityChecks = "quality_checks", "QA checks", "Quality checks (safeguarding, insurance, contact, DBS)", true;
    /// Add a service to the directory.
    AddService = "add_service", "add", "Add a service to the directory", true;
    /// Browse the feeds' taxonomy terms (pick one to search for it).
    Vocabulary = "vocabulary", "vocabulary", "The feeds' taxonomy terms: pick one to search for it", false;
    /// Pull the live feeds named in config.toml.
    PullFeeds = "pull_feeds", "pull feeds", "Pull the live feeds named in config.toml", false;
    /// Retire the selected service (or bring a retired one back).
    RetireService = "retire_service", "retire", "Retire a service that has closed (again to bring it back)", false;
    /// Save the form.
    Save = "save", "save", "Save", true;
    /// Show or hide the list of keys.
    ToggleHelp = "help", "help", "Show or hide this list of keys", true;
    /// Find any action by name.
    Palette = "palette", "commands", "Find any action by name (command palette)", false;
    /// Empty the text field being typed in.
    ClearField = "clear_field", "clear field", "Empty the field being typed in (Ctrl-u, as in a shell)", false;
    /// Close the overlay or go back one level.
    Back = "back", "back", "Close / cancel / go back", true;
    /// Lock the screen now (personal data hidden until unlocked).
    Lock = "lock", "lock", "Lock the screen now (personal data hidden)", false;
    /// Leave linkwork (saved work is kept; typed work not yet saved is asked about).
    Quit = "quit", "quit", "Leave linkwork (asks first if a form holds unsaved typing)", true;
    /// The team's refused changes: apply again or drop.
    NeedsALook = "needs_a_look", "needs a look", "Team changes refused as stale: apply again or drop", false;
    /// Apply a refused change again on top of the newer state.
    ApplyAgain = "apply_again", "apply again", "Apply the refused change again on top of the newer state", true;
    /// Drop a refused change, saying why.
    DropChange = "drop_change", "drop", "Drop the refused change, saying why (it is kept)", true;
}

impl Action {
    /// The action with this config name.
    pub fn from_name(name: &str) -> Option<Action> {
        Self::ALL.iter().copied().find(|a| a.name() == name)
    }

    /// The footer label, as the action works in `mode`.
    pub fn label_in(self, mode: Mode) -> &'static str {
        match (mode, self) {
            (Mode::Find, Self::Open) => "keep results",
            (Mode::Find, Self::Back) => "clear",
            (Mode::Filter, Self::Back) => "done",
            (Mode::MoveStatus | Mode::Risk, Self::Open) => "choose / confirm",
            (Mode::CaseFile | Mode::Directory, Self::Back) => "back",
            (Mode::DirectoryFind, Self::Open) => "to the list",
            (Mode::DirectoryFind, Self::Back) => "clear",
            (Mode::DirectoryFilter, Self::Back) => "done",
            (Mode::QualityChecks, Self::NextValue) => "tick / untick",
            (Mode::QualityChecks, Self::Open) => "save",
            (Mode::Vocabulary, Self::Open) => "search for it",
            (Mode::NeedsALook, Self::Back) => "close",
            (Mode::DropReason, Self::Save) => "drop it",
            (Mode::DropReason, Self::Back) => "keep it",
            (Mode::Vocabulary, Self::Back) => "close",
            (Mode::Directory, Self::Find) => "search",
            (Mode::Directory, Self::Edit) => "edit service",
            (Mode::Directory, Self::Open) => "choose for the goal",
            (mode, Self::NextTab) if mode.is_form() => "next field",
            (mode, Self::PrevTab) if mode.is_form() => "previous field",
            (Mode::Conversation, Self::NextValue) => "change / tick",
            (Mode::Conversation, Self::Back) => "leave (saved)",
            (Mode::Plan, Self::Open) => "choose / change",
            (Mode::Plan, Self::NextValue) => "area / who",
            (Mode::Plan, Self::Find) => "search the directory",
            (Mode::Plan, Self::Back) => "back",
            (Mode::PlanForm, Self::NextValue) => "who",
            (Mode::Reports, Self::PrevWeek) => "earlier",
            (Mode::Reports, Self::NextWeek) => "later",
            _ => self.label(),
        }
    }

    /// Whether the footer shows this action in `mode` (the rest are in
    /// help).
    pub fn in_footer_in(self, mode: Mode) -> bool {
        match (mode, self) {
            // Only when choosing for a plan goal, and the title says so.
            (Mode::Directory, Self::Open) => false,
            _ => self.in_footer(),
        }
    }

    /// Whether the footer shows this action before the others in `mode`
    /// (the moves a screen is mostly used with).
    pub fn leads_footer_in(self, mode: Mode) -> bool {
        matches!(
            (mode, self),
            (
                Mode::Conversation,
                Self::NextStep | Self::PrevStep | Self::SkipStep | Self::Back
            ) | (Mode::Plan, Self::Open | Self::AgreePlan | Self::Find)
        )
    }

    /// A sentence for the help overlay, as the action works in `mode`.
    pub fn description_in(self, mode: Mode) -> &'static str {
        match (mode, self) {
            (Mode::Help | Mode::CaseFile, Self::MoveDown) => "Scroll down",
            (Mode::Help | Mode::CaseFile, Self::MoveUp) => "Scroll up",
            (Mode::Find, Self::Open) => "Keep these results",
            (Mode::Find, Self::Back) => "Clear the search",
            (Mode::DirectoryFind, Self::Open) => "Keep these results and move to the list",
            (Mode::DirectoryFind, Self::Back) => "Clear the query (again to leave the directory)",
            (Mode::Directory, Self::Find) => {
                "Search by name, organisation, category, area or words"
            }
            (Mode::Directory, Self::Filter) => "Filter: category, cost, days, area, age, access",
            (Mode::Directory, Self::Edit) => "Edit the selected service",
            (Mode::Directory | Mode::DirectoryFilter, Self::ClearFilters) => {
                "Clear every directory filter"
            }
            (Mode::Directory, Self::Back) => "Back to where you were",
            (Mode::DirectoryFilter, Self::NextValue) => "Next value / turn on or off",
            (Mode::QualityChecks, Self::NextValue) => "Tick or untick the check (dated today)",
            (Mode::QualityChecks, Self::Open) => "Save the checks",
            (Mode::Vocabulary, Self::Open) => "Search the directory for the term",
            (Mode::Vocabulary, Self::Back) => "Close the vocabulary",
            (Mode::Directory, Self::Open) => "Choose the service for the plan goal",
            (Mode::Conversation | Mode::PlanForm, Self::NextTab) => {
                "Next field (the answer is saved)"
            }
            (Mode::Conversation | Mode::PlanForm, Self::PrevTab) => "Previous field",
            (Mode::Conversation, Self::NextValue) => "Next choice / tick the box / weigh more",
            (Mode::Conversation, Self::PrevValue) => "Previous choice / weigh less",
            (Mode::Conversation, Self::Back) => "Leave the conversation; w resumes it here",
            (Mode::Plan, Self::Open) => "Choose a suggestion, change a row, add a step or goal",
            (Mode::Plan, Self::NextValue) => "Next life area of the goal / who does the step",
            (Mode::Plan, Self::PrevValue) => "Previous life area / who does the step",
            (Mode::Plan, Self::Find) => "Search the whole directory for the selected goal",
            (Mode::Plan, Self::Back) => "Back to the case file",
            (Mode::PlanForm, Self::NextValue | Self::PrevValue) => "Who does the step",
            (Mode::PlanForm, Self::Save) => "Save the step, goal or date",
            (Mode::Reports, Self::PrevWeek) => "The period three months earlier",
            (Mode::Reports, Self::NextWeek) => "The period three months later",
            (Mode::Reports, Self::MoveDown) => "Scroll down",
            (Mode::Reports, Self::MoveUp) => "Scroll up",
            _ => self.description(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        for a in Action::ALL {
            assert_eq!(Action::from_name(a.name()), Some(*a));
        }
        let mut names: Vec<_> = Action::ALL.iter().map(|a| a.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Action::ALL.len());
    }
}
