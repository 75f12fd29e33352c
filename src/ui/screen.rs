//! What every screen and overlay is: a [`Component`] on the app's stack.
//! A screen owns its state, answers actions from the keymap with
//! [`Effect`]s (open a screen, close this one, pass a message down, run an
//! action), and draws itself. The app applies the effects; "back" is
//! always popping the stack.

use super::action::Action;
use super::context::Context;
use super::layout::Areas;
use super::mode::Mode;
use super::screens::Screen;
use crate::domain::ids::ServiceId;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;

/// How a screen is drawn against what is below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    /// Takes the title and body; the screens below are not drawn.
    Base,
    /// A box over the nearest base screen.
    Overlay,
    /// The whole terminal, nothing else drawn (the lock).
    Full,
}

/// What a screen asks the app to do after an action.
#[derive(Debug)]
pub enum Effect {
    /// Open a screen on top.
    Push(Screen),
    /// Close this screen (the one below is resumed).
    Pop,
    /// Close this screen and open another in its place.
    Replace(Screen),
    /// Close this screen and give the one below a message.
    PopWith(Message),
    /// Run an action on whatever is on top once the effects before it ran.
    Dispatch(Action),
}

/// A result a closing screen hands to the one below it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// A service was chosen in the directory for a plan goal.
    ServiceChosen {
        /// The goal's index in the plan.
        goal: usize,
        /// The service chosen.
        service: ServiceId,
    },
}

/// Effects, in the order they are applied.
pub type Effects = Vec<Effect>;

/// A screen or overlay on the stack.
pub trait Component {
    /// The keymap section that applies while this screen is on top.
    fn mode(&self) -> Mode;

    /// How it is drawn against what is below it.
    fn layer(&self) -> Layer {
        Layer::Overlay
    }

    /// Answers an action resolved from the keymap.
    fn handle(&mut self, action: Action, cx: &mut Context) -> Effects;

    /// A plain key (no Ctrl or Alt) in a screen that takes text; `None`
    /// when the key is not text here and goes through the keymap.
    fn type_key(&mut self, _key: &KeyEvent, _cx: &mut Context) -> Option<Effects> {
        None
    }

    /// Ctrl-u: empties the text field being typed in; false when no text
    /// field has the cursor.
    fn clear_field(&mut self, _cx: &mut Context) -> bool {
        false
    }

    /// The screen is on top again after the one above it closed.
    fn resume(&mut self, _cx: &mut Context) {}

    /// A message from a screen that closed above it.
    fn receive(&mut self, _message: Message, _cx: &mut Context) -> Effects {
        Vec::new()
    }

    /// Shared data finished loading in the background (the directory).
    fn data_loaded(&mut self, _cx: &mut Context) {}

    /// Saves whatever was typed and not yet saved (the app is quitting).
    fn flush(&mut self, _cx: &mut Context) {}

    /// What the worker has typed here that quitting would throw away (a
    /// form not yet saved), in words: "the contact you were logging".
    fn unsaved(&self) -> Option<&'static str> {
        None
    }

    /// The keys this screen is mostly used with just now, first in the
    /// footer (in this order) and shown even when help alone lists them
    /// otherwise. By default, the mode's leading actions.
    fn footer_leads(&self, _cx: &Context) -> Vec<Action> {
        Action::ALL
            .iter()
            .copied()
            .filter(|a| a.leads_footer_in(self.mode()))
            .collect()
    }

    /// Draws the screen: a base screen into `areas.title` and
    /// `areas.body`, an overlay into `areas.overlay`.
    fn draw(&self, frame: &mut Frame, areas: &Areas, cx: &Context);
}

/// Effects that only close the screen.
pub fn pop() -> Effects {
    vec![Effect::Pop]
}

/// Effects that only open a screen.
pub fn push(screen: impl Into<Screen>) -> Effects {
    vec![Effect::Push(screen.into())]
}
