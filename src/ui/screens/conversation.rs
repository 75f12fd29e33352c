//! The guided "What matters to you?" conversation with the person in the
//! open case file, one step at a time, each answer saved as it is given.

mod draw;
mod effects;
mod state;

pub use draw::summary;
pub use effects::open;
pub use state::{
    ConversationEffect, ConversationEvent, ConversationScreen, FieldKind, FieldView, MAX_GOALS,
    ScreenMessage,
};

use crate::ui::action::Action;
use crate::ui::context::Context;
use crate::ui::layout::Areas;
use crate::ui::mode::Mode;
use crate::ui::screen::{Component, Effects, Layer};
use crate::ui::screens::case_file;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

impl Component for ConversationScreen {
    fn mode(&self) -> Mode {
        Mode::Conversation
    }

    fn layer(&self) -> Layer {
        Layer::Base
    }

    fn handle(&mut self, action: Action, cx: &mut Context) -> Effects {
        let event = match action {
            Action::NextTab => ConversationEvent::NextField,
            Action::PrevTab => ConversationEvent::PrevField,
            Action::NextValue => ConversationEvent::Cycle(1),
            Action::PrevValue => ConversationEvent::Cycle(-1),
            Action::NextStep => ConversationEvent::NextStep,
            Action::PrevStep => ConversationEvent::PrevStep,
            Action::SkipStep => ConversationEvent::Skip,
            Action::Back => ConversationEvent::Leave,
            _ => return Vec::new(),
        };
        self.event(event, cx)
    }

    fn clear_field(&mut self, cx: &mut Context) -> bool {
        let effects = self.event(ConversationEvent::Clear, cx);
        debug_assert!(effects.is_empty());
        true
    }

    fn type_key(&mut self, key: &KeyEvent, cx: &mut Context) -> Option<Effects> {
        let event = match key.code {
            KeyCode::Char(c) => ConversationEvent::Char(c),
            KeyCode::Backspace => ConversationEvent::Backspace,
            KeyCode::Enter => ConversationEvent::Enter,
            _ => return None,
        };
        Some(self.event(event, cx))
    }

    fn flush(&mut self, cx: &mut Context) {
        let effects = ConversationScreen::flush(self);
        self.run(effects, cx);
    }

    fn draw(&self, frame: &mut Frame, areas: &Areas, cx: &Context) {
        if let Some(cf) = &cx.case_file {
            case_file::header(frame, cx, cf, areas.title);
        }
        draw::draw(frame, cx, self, areas.body);
    }
}
