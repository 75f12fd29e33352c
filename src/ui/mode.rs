//! Input modes: which keymap section applies.

/// What has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// The caseload list.
    Caseload,
    /// Typing a name or NHS number to find.
    Find,
    /// The filter panel.
    Filter,
    /// A case file.
    CaseFile,
    /// Logging a contact.
    ContactForm,
    /// Moving a case along its status.
    MoveStatus,
    /// Raising or clearing a risk flag.
    Risk,
    /// The referral intake form.
    Intake,
    /// Editing details from the case file.
    Edit,
    /// The guided "What matters to you?" conversation.
    Conversation,
    /// The action plan editor.
    Plan,
    /// Adding or changing a plan step, a goal or the review date.
    PlanForm,
    /// The agenda, a week at a time.
    Agenda,
    /// A ladder, time-limit, discharge or wellbeing form.
    CaseworkForm,
    /// The commissioner's report.
    Reports,
    /// The community directory: results and the detail of one service.
    Directory,
    /// Typing a directory query.
    DirectoryFind,
    /// The directory's filter panel.
    DirectoryFilter,
    /// Adding or editing a directory service.
    ServiceForm,
    /// A service's quality-assurance checklist.
    QualityChecks,
    /// The directory's vocabulary: the feeds' taxonomy terms.
    Vocabulary,
    /// The team's refused changes ("Needs a look").
    NeedsALook,
    /// Typing why a refused change is dropped.
    DropReason,
    /// The command palette.
    Palette,
    /// The help overlay.
    Help,
    /// The screen lock (it takes every key itself; no bindings, and not a
    /// `config.toml` section).
    Lock,
    /// Asking before quitting throws away typed work (it takes its keys
    /// itself, like the lock).
    ConfirmQuit,
}

impl Mode {
    /// Every mode with key bindings (all but the lock).
    pub const ALL: [Mode; 25] = [
        Self::Caseload,
        Self::Find,
        Self::Filter,
        Self::CaseFile,
        Self::ContactForm,
        Self::MoveStatus,
        Self::Risk,
        Self::Intake,
        Self::Edit,
        Self::Conversation,
        Self::Plan,
        Self::PlanForm,
        Self::Agenda,
        Self::CaseworkForm,
        Self::Reports,
        Self::Directory,
        Self::DirectoryFind,
        Self::DirectoryFilter,
        Self::ServiceForm,
        Self::QualityChecks,
        Self::Vocabulary,
        Self::NeedsALook,
        Self::DropReason,
        Self::Palette,
        Self::Help,
    ];

    /// The mode's section name in `config.toml` (`[keys.NAME]`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Caseload => "caseload",
            Self::Find => "find",
            Self::Filter => "filter",
            Self::CaseFile => "case_file",
            Self::ContactForm => "contact_form",
            Self::MoveStatus => "move_status",
            Self::Risk => "risk",
            Self::Intake => "intake",
            Self::Edit => "edit",
            Self::Conversation => "conversation",
            Self::Plan => "plan",
            Self::PlanForm => "plan_form",
            Self::Agenda => "agenda",
            Self::CaseworkForm => "casework_form",
            Self::Reports => "reports",
            Self::Directory => "directory",
            Self::DirectoryFind => "directory_find",
            Self::DirectoryFilter => "directory_filter",
            Self::ServiceForm => "service_form",
            Self::QualityChecks => "quality_checks",
            Self::Vocabulary => "vocabulary",
            Self::NeedsALook => "needs_a_look",
            Self::DropReason => "drop_reason",
            Self::Palette => "palette",
            Self::Help => "help",
            Self::Lock => "lock",
            Self::ConfirmQuit => "confirm_quit",
        }
    }

    /// A title for the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Self::Caseload => "Caseload",
            Self::Find => "Find",
            Self::Filter => "Filter",
            Self::CaseFile => "Case file",
            Self::ContactForm => "Log a contact",
            Self::MoveStatus => "Move status",
            Self::Risk => "Risk flags",
            Self::Intake => "New referral",
            Self::Edit => "Edit details",
            Self::Conversation => "Conversation",
            Self::Plan => "Action plan",
            Self::PlanForm => "Plan step, goal or date",
            Self::Agenda => "Agenda",
            Self::CaseworkForm => "Ladder, limit, discharge and measure forms",
            Self::Reports => "Reports",
            Self::Directory => "Directory",
            Self::DirectoryFind => "Directory search",
            Self::DirectoryFilter => "Directory filters",
            Self::ServiceForm => "Add or edit a service",
            Self::QualityChecks => "Quality checks",
            Self::Vocabulary => "Vocabulary",
            Self::NeedsALook => "Needs a look (the team)",
            Self::DropReason => "Why drop it?",
            Self::Palette => "Command palette",
            Self::Help => "Help",
            Self::Lock => "Locked",
            Self::ConfirmQuit => "Leave without saving?",
        }
    }

    /// Whether this mode is a form of fields, moved through with Tab.
    pub fn is_form(self) -> bool {
        matches!(
            self,
            Self::Conversation
                | Self::PlanForm
                | Self::CaseworkForm
                | Self::Intake
                | Self::Edit
                | Self::ContactForm
                | Self::ServiceForm
        )
    }

    /// Whether plain characters are typed text in this mode (keys with
    /// Ctrl or Alt, and named keys, still go through the keymap).
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Self::Find
                | Self::ContactForm
                | Self::MoveStatus
                | Self::Risk
                | Self::Intake
                | Self::Edit
                | Self::Conversation
                | Self::PlanForm
                | Self::CaseworkForm
                | Self::DirectoryFind
                | Self::ServiceForm
                | Self::Palette
                | Self::ConfirmQuit
                | Self::DropReason
        )
    }

    /// The mode with this section name.
    pub fn from_name(name: &str) -> Option<Mode> {
        Self::ALL.into_iter().find(|m| m.name() == name)
    }
}
