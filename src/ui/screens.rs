//! Every screen and overlay, registered once. Each lives in a folder of
//! its own beside this file (its state, its keys and its drawing); adding
//! a screen is that folder and one line in the list below.

use super::screen::Component;

macro_rules! screens {
    ($($(#[$doc:meta])* $module:ident :: $ty:ident,)*) => {
        $($(#[$doc])* pub mod $module;)*
        $(pub use $module::$ty;)*

        /// A screen on the app's stack (a handful at a time, so the
        /// variants are kept inline rather than boxed).
        #[allow(clippy::large_enum_variant)]
        pub enum Screen {
            $($(#[$doc])* $ty($ty),)*
        }

        impl Screen {
            /// The screen as a component.
            pub fn component(&self) -> &dyn Component {
                match self { $(Self::$ty(s) => s,)* }
            }

            /// The screen as a component, to change.
            pub fn component_mut(&mut self) -> &mut dyn Component {
                match self { $(Self::$ty(s) => s,)* }
            }
        }

        $(
            impl From<$ty> for Screen {
                fn from(s: $ty) -> Self {
                    Self::$ty(s)
                }
            }

            impl OnStack for $ty {
                fn of(screen: &Screen) -> Option<&Self> {
                    match screen {
                        Screen::$ty(s) => Some(s),
                        #[allow(unreachable_patterns)]
                        _ => None,
                    }
                }

                fn of_mut(screen: &mut Screen) -> Option<&mut Self> {
                    match screen {
                        Screen::$ty(s) => Some(s),
                        #[allow(unreachable_patterns)]
                        _ => None,
                    }
                }
            }
        )*
    };
}

/// A screen type that can be found on the stack.
pub trait OnStack: Sized {
    /// The screen, if it is of this type.
    fn of(screen: &Screen) -> Option<&Self>;
    /// The screen, if it is of this type, to change.
    fn of_mut(screen: &mut Screen) -> Option<&mut Self>;
}

impl std::fmt::Debug for Screen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Screen({:?})", self.component().mode())
    }
}

screens! {
    /// The caseload list, its search and its filter panel.
    caseload::CaseloadScreen,
    /// A case file and its tabs.
    case_file::CaseFileScreen,
    /// Logging a contact.
    contact_form::ContactForm,
    /// Moving a case along its status.
    move_status::MoveStatusForm,
    /// Raising or clearing a risk flag.
    risk::RiskForm,
    /// Editing a person's and a case's details.
    edit::EditForm,
    /// A new referral.
    intake::IntakeForm,
    /// The guided "What matters to you?" conversation.
    conversation::ConversationScreen,
    /// The action plan editor and its small form.
    plan::PlanEditor,
    /// The agenda, a week at a time.
    agenda::AgendaScreen,
    /// A ladder, time-limit, discharge or wellbeing form.
    casework_form::CaseworkForm,
    /// The commissioner's report.
    reports::ReportScreen,
    /// The community directory, its search and its filter panel.
    directory::DirectoryView,
    /// Adding or editing a directory service.
    service_form::ServiceForm,
    /// A service's quality-assurance checklist.
    quality_checks::QualityForm,
    /// The directory's vocabulary: the feeds' taxonomy terms.
    vocabulary::VocabularyList,
    /// The team's refused changes ("Needs a look").
    needs_a_look::NeedsALook,
    /// The command palette.
    palette::Palette,
    /// The help overlay.
    help::Help,
    /// The screen lock.
    lock::Lock,
    /// Asking before quitting throws away typed work.
    confirm_quit::ConfirmQuit,
}
