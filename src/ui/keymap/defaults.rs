//! The default key bindings, a small function per keymap section, and
//! which actions a section may bind (a binding to anything else is a
//! config error).

use super::KeyChord;
use crate::ui::action::Action;
use crate::ui::mode::Mode;
use ratatui::crossterm::event::KeyCode::{self, *};

type Bindings = Vec<(KeyChord, Action)>;

fn k(code: KeyCode) -> KeyChord {
    KeyChord::key(code)
}

fn c(ch: char) -> KeyChord {
    KeyChord::char(ch)
}

/// Bindings that hold in every section unless the section binds the key.
pub(super) fn global() -> Bindings {
    vec![
        (k(F(1)), Action::ToggleHelp),
        (KeyChord::ctrl('c'), Action::Quit),
        (KeyChord::ctrl('l'), Action::Lock),
        (KeyChord::ctrl('p'), Action::Palette),
        (KeyChord::ctrl('u'), Action::ClearField),
    ]
}

fn list_moves() -> Bindings {
    vec![
        (c('j'), Action::MoveDown),
        (k(Down), Action::MoveDown),
        (c('k'), Action::MoveUp),
        (k(Up), Action::MoveUp),
        (k(PageDown), Action::PageDown),
        (KeyChord::ctrl('d'), Action::PageDown),
        (k(PageUp), Action::PageUp),
        (KeyChord::ctrl('u'), Action::PageUp),
        (c('g'), Action::First),
        (k(Home), Action::First),
        (c('G'), Action::Last),
        (k(End), Action::Last),
    ]
}

fn caseload() -> Bindings {
    let mut b = list_moves();
    b.extend([
        (k(Enter), Action::Open),
        (c('n'), Action::NewReferral),
        (c('v'), Action::NextView),
        (c('1'), Action::ViewToday),
        (c('2'), Action::ViewOpen),
        (c('3'), Action::ViewWaiting),
        (c('4'), Action::ViewClosed),
        (c('s'), Action::SortNext),
        (c('S'), Action::SortReverse),
        (c('f'), Action::Filter),
        (c('N'), Action::NeedsALook),
        (c('x'), Action::ClearFilters),
        (c('/'), Action::Find),
        (c('d'), Action::Directory),
        (c('a'), Action::Agenda),
        (c('R'), Action::Reports),
        (c('o'), Action::LogOutcome),
        (c(':'), Action::Palette),
        (k(Esc), Action::Back),
        (c('?'), Action::ToggleHelp),
        (c('q'), Action::Quit),
    ]);
    b
}

fn directory() -> Bindings {
    let mut b = list_moves();
    b.extend([
        (c('/'), Action::Find),
        (c('f'), Action::Filter),
        (c('x'), Action::ClearFilters),
        (c('v'), Action::VerifyToday),
        (c('c'), Action::QualityChecks),
        (c('a'), Action::AddService),
        (c('e'), Action::Edit),
        (c('R'), Action::RetireService),
        (c('P'), Action::PullFeeds),
        (c('T'), Action::Vocabulary),
        (k(Enter), Action::Open),
        (c(':'), Action::Palette),
        (k(Esc), Action::Back),
        (c('q'), Action::Back),
        (c('?'), Action::ToggleHelp),
    ]);
    b
}

fn directory_find() -> Bindings {
    vec![
        (k(Enter), Action::Open),
        (k(Esc), Action::Back),
        (k(Down), Action::MoveDown),
        (k(Up), Action::MoveUp),
        (k(PageDown), Action::PageDown),
        (k(PageUp), Action::PageUp),
    ]
}

fn quality_checks() -> Bindings {
    vec![
        (c('j'), Action::MoveDown),
        (k(Down), Action::MoveDown),
        (c('k'), Action::MoveUp),
        (k(Up), Action::MoveUp),
        (k(Char(' ')), Action::NextValue),
        (k(Right), Action::NextValue),
        (k(Enter), Action::Open),
        (KeyChord::ctrl('s'), Action::Open),
        (k(Esc), Action::Back),
    ]
}

fn vocabulary() -> Bindings {
    let mut b = list_moves();
    b.extend([
        (k(Enter), Action::Open),
        (k(Esc), Action::Back),
        (c('q'), Action::Back),
        (c('?'), Action::ToggleHelp),
    ]);
    b
}

fn needs_a_look() -> Bindings {
    let mut b = list_moves();
    b.extend([
        (c('a'), Action::ApplyAgain),
        (c('d'), Action::DropChange),
        (k(Esc), Action::Back),
        (c('q'), Action::Back),
        (c('?'), Action::ToggleHelp),
    ]);
    b
}

fn drop_reason() -> Bindings {
    vec![(k(Enter), Action::Save), (k(Esc), Action::Back)]
}

fn find() -> Bindings {
    vec![
        (k(Enter), Action::Open),
        (k(Esc), Action::Back),
        (k(Down), Action::MoveDown),
        (k(Up), Action::MoveUp),
    ]
}

fn filter() -> Bindings {
    vec![
        (c('j'), Action::MoveDown),
        (k(Down), Action::MoveDown),
        (c('k'), Action::MoveUp),
        (k(Up), Action::MoveUp),
        (c('l'), Action::NextValue),
        (k(Right), Action::NextValue),
        (k(Char(' ')), Action::NextValue),
        (c('h'), Action::PrevValue),
        (k(Left), Action::PrevValue),
        (c('x'), Action::ClearFilters),
        (k(Enter), Action::Back),
        (k(Esc), Action::Back),
        (c('f'), Action::Back),
        (c('?'), Action::ToggleHelp),
    ]
}

fn case_file() -> Bindings {
    vec![
        (k(Tab), Action::NextTab),
        (k(Right), Action::NextTab),
        (c('l'), Action::NextTab),
        (k(BackTab), Action::PrevTab),
        (k(Left), Action::PrevTab),
        (c('h'), Action::PrevTab),
        (c('j'), Action::MoveDown),
        (k(Down), Action::MoveDown),
        (c('k'), Action::MoveUp),
        (k(Up), Action::MoveUp),
        (c('c'), Action::LogContact),
        (c('m'), Action::MoveStatus),
        (c('r'), Action::RiskFlag),
        (c('e'), Action::Edit),
        (c('d'), Action::Directory),
        (c('w'), Action::StartConversation),
        (c('p'), Action::OpenPlan),
        (c('P'), Action::PersonCopy),
        (c('o'), Action::LogOutcome),
        (c('s'), Action::Reschedule),
        (c('v'), Action::VisitPlan),
        (c('V'), Action::VisitCard),
        (c('E'), Action::EndConnection),
        (c('x'), Action::ExtendLimit),
        (c('D'), Action::Discharge),
        (c('L'), Action::DischargeLetter),
        (c('M'), Action::Measure),
        (c('C'), Action::Correct),
        (c('X'), Action::StrikeOut),
        (c(':'), Action::Palette),
        (k(Esc), Action::Back),
        (c('q'), Action::Back),
        (c('?'), Action::ToggleHelp),
    ]
}

fn conversation() -> Bindings {
    vec![
        (KeyChord::ctrl('n'), Action::NextStep),
        (k(PageDown), Action::NextStep),
        (KeyChord::ctrl('b'), Action::PrevStep),
        (k(PageUp), Action::PrevStep),
        (KeyChord::ctrl('k'), Action::SkipStep),
        (k(Esc), Action::Back),
        (k(Tab), Action::NextTab),
        (k(Down), Action::NextTab),
        (k(BackTab), Action::PrevTab),
        (k(Up), Action::PrevTab),
        (k(Right), Action::NextValue),
        (k(Left), Action::PrevValue),
    ]
}

fn plan() -> Bindings {
    vec![
        (c('j'), Action::MoveDown),
        (k(Down), Action::MoveDown),
        (c('k'), Action::MoveUp),
        (k(Up), Action::MoveUp),
        (c('g'), Action::First),
        (k(Home), Action::First),
        (c('G'), Action::Last),
        (k(End), Action::Last),
        (k(Enter), Action::Open),
        (k(Right), Action::NextValue),
        (c('l'), Action::NextValue),
        (k(Left), Action::PrevValue),
        (c('h'), Action::PrevValue),
        (k(Char(' ')), Action::MarkDone),
        (c('a'), Action::AgreePlan),
        (c('u'), Action::UndoPlan),
        (c('x'), Action::Remove),
        (k(Delete), Action::Remove),
        (c('/'), Action::Find),
        (c('P'), Action::PersonCopy),
        (c(':'), Action::Palette),
        (k(Esc), Action::Back),
        (c('q'), Action::Back),
        (c('?'), Action::ToggleHelp),
    ]
}

fn agenda() -> Bindings {
    vec![
        (c('j'), Action::MoveDown),
        (k(Down), Action::MoveDown),
        (c('k'), Action::MoveUp),
        (k(Up), Action::MoveUp),
        (c(']'), Action::NextWeek),
        (k(PageDown), Action::NextWeek),
        (c('['), Action::PrevWeek),
        (k(PageUp), Action::PrevWeek),
        (k(Enter), Action::Open),
        (c('o'), Action::LogOutcome),
        (c('s'), Action::Reschedule),
        (c(':'), Action::Palette),
        (k(Esc), Action::Back),
        (c('q'), Action::Back),
        (c('?'), Action::ToggleHelp),
    ]
}

fn reports() -> Bindings {
    vec![
        (c('j'), Action::MoveDown),
        (k(Down), Action::MoveDown),
        (c('k'), Action::MoveUp),
        (k(Up), Action::MoveUp),
        (c('['), Action::PrevWeek),
        (c(']'), Action::NextWeek),
        (c('x'), Action::ExportReport),
        (c(':'), Action::Palette),
        (k(Esc), Action::Back),
        (c('q'), Action::Back),
        (c('?'), Action::ToggleHelp),
    ]
}

fn casework_form() -> Bindings {
    vec![
        (k(Tab), Action::NextTab),
        (k(Down), Action::NextTab),
        (k(BackTab), Action::PrevTab),
        (k(Up), Action::PrevTab),
        (k(Right), Action::NextValue),
        (k(Left), Action::PrevValue),
        (KeyChord::ctrl('s'), Action::Save),
        (k(Esc), Action::Back),
    ]
}

fn plan_form() -> Bindings {
    vec![
        (k(Tab), Action::NextTab),
        (k(Down), Action::NextTab),
        (k(BackTab), Action::PrevTab),
        (k(Up), Action::PrevTab),
        (k(Right), Action::NextValue),
        (k(Left), Action::PrevValue),
        (KeyChord::ctrl('s'), Action::Save),
        (k(Esc), Action::Back),
    ]
}

fn contact_form() -> Bindings {
    vec![
        (k(Tab), Action::NextTab),
        (k(BackTab), Action::PrevTab),
        (k(Right), Action::NextValue),
        (k(Left), Action::PrevValue),
        (KeyChord::ctrl('s'), Action::Save),
        (k(Esc), Action::Back),
    ]
}

fn move_status() -> Bindings {
    vec![
        (k(Down), Action::MoveDown),
        (k(Up), Action::MoveUp),
        (k(Enter), Action::Open),
        (k(Esc), Action::Back),
    ]
}

fn risk() -> Bindings {
    vec![
        (k(Down), Action::MoveDown),
        (k(Up), Action::MoveUp),
        (k(Right), Action::NextValue),
        (k(Left), Action::PrevValue),
        (k(Tab), Action::NextTab),
        (k(BackTab), Action::PrevTab),
        (k(Enter), Action::Open),
        (k(Esc), Action::Back),
    ]
}

fn intake() -> Bindings {
    vec![
        (k(Tab), Action::NextTab),
        (k(Down), Action::NextTab),
        (k(BackTab), Action::PrevTab),
        (k(Up), Action::PrevTab),
        (k(Right), Action::NextValue),
        (k(Left), Action::PrevValue),
        (KeyChord::ctrl('s'), Action::Save),
        (k(Esc), Action::Back),
    ]
}

fn edit() -> Bindings {
    vec![
        (k(Tab), Action::NextTab),
        (k(Down), Action::NextTab),
        (k(BackTab), Action::PrevTab),
        (k(Up), Action::PrevTab),
        (KeyChord::ctrl('s'), Action::Save),
        (k(Esc), Action::Back),
    ]
}

fn palette() -> Bindings {
    vec![
        (k(Down), Action::MoveDown),
        (k(Up), Action::MoveUp),
        (k(Enter), Action::Open),
        (k(Esc), Action::Back),
    ]
}

fn help() -> Bindings {
    vec![
        (k(Esc), Action::Back),
        (c('q'), Action::Back),
        (c('?'), Action::Back),
        (c('j'), Action::MoveDown),
        (k(Down), Action::MoveDown),
        (c('k'), Action::MoveUp),
        (k(Up), Action::MoveUp),
    ]
}

/// The default bindings of a section.
pub(super) fn bindings(mode: Mode) -> Bindings {
    match mode {
        Mode::Caseload => caseload(),
        Mode::Find => find(),
        // The directory's filter panel works like the caseload's, and the
        // service form like the edit form.
        Mode::Filter | Mode::DirectoryFilter => filter(),
        Mode::CaseFile => case_file(),
        Mode::ContactForm => contact_form(),
        Mode::MoveStatus => move_status(),
        Mode::Risk => risk(),
        Mode::Intake => intake(),
        Mode::Edit | Mode::ServiceForm => edit(),
        Mode::Conversation => conversation(),
        Mode::Plan => plan(),
        Mode::PlanForm => plan_form(),
        Mode::Agenda => agenda(),
        Mode::CaseworkForm => casework_form(),
        Mode::Reports => reports(),
        Mode::Directory => directory(),
        Mode::DirectoryFind => directory_find(),
        Mode::QualityChecks => quality_checks(),
        Mode::Vocabulary => vocabulary(),
        Mode::NeedsALook => needs_a_look(),
        Mode::DropReason => drop_reason(),
        Mode::Palette => palette(),
        Mode::Help => help(),
        Mode::Lock | Mode::ConfirmQuit => Vec::new(),
    }
}
