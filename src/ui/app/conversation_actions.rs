//! The app's side of the guided conversation: starting or resuming it
//! from a case file, passing keys to the screen's state machine, and
//! running the effects it returns against the store.

use super::{App, CaseTab, ConversationEffect, ConversationEvent, ConversationScreen, PlanEditor};
use crate::domain::plan::plan_from;
use crate::domain::wellbeing::MeasurePoint;
use crate::ui::mode::Mode;
use std::collections::VecDeque;

impl App {
    /// Starts (or resumes) the conversation with the open case.
    pub(super) fn start_conversation(&mut self) {
        if self.closed_notice() {
            return;
        }
        let (Some(cf), Some(backend)) = (self.case_file.as_ref(), self.backend.clone()) else {
            return;
        };
        let now = self.clock.now();
        match backend.conversation_flow(cf.file.case.id, now) {
            Ok(flow) => {
                let resumed = cf
                    .file
                    .conversations
                    .iter()
                    .any(|c| c.version == flow.conversation.version);
                let previous = cf
                    .file
                    .conversations
                    .iter()
                    .rfind(|c| c.is_complete())
                    .cloned();
                let step = flow.step();
                let version = flow.conversation.version;
                self.conversation = Some(ConversationScreen::new(
                    flow,
                    previous,
                    &cf.file.measures,
                    now,
                ));
                self.mode = Mode::Conversation;
                let text = if resumed {
                    format!(
                        "Resumed at step {} of 10, {}.",
                        step.position() + 1,
                        step.title().to_lowercase()
                    )
                } else if version > 1 {
                    format!("Review conversation (version {version}), filled in from the last one.")
                } else {
                    "New conversation. Each answer is saved as you leave its field.".into()
                };
                self.notify(text, false);
            }
            Err(e) => self.notify(e.to_string(), true),
        }
    }

    /// A key on the conversation screen.
    pub(super) fn conversation_event(&mut self, event: ConversationEvent) {
        let Some(screen) = self.conversation.as_mut() else {
            return;
        };
        let effects = screen.handle(event);
        self.run_conversation_effects(effects);
    }

    /// Saves whatever was typed and not yet saved (before quitting).
    pub(super) fn flush_conversation(&mut self) {
        if let Some(screen) = self.conversation.as_mut() {
            let effects = screen.flush();
            self.run_conversation_effects(effects);
        }
    }

    fn run_conversation_effects(&mut self, effects: Vec<ConversationEffect>) {
        let Some(backend) = self.backend.clone() else {
            return;
        };
        let mut queue: VecDeque<ConversationEffect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            let Some(screen) = self.conversation.as_mut() else {
                return;
            };
            match effect {
                ConversationEffect::Save => {
                    if let Err(e) = backend.save_conversation(screen.conversation()) {
                        self.notify(e.to_string(), true);
                        return;
                    }
                }
                ConversationEffect::SaveMeasure { id, scores } => {
                    let c = screen.conversation();
                    let point = if c.version == 1 {
                        MeasurePoint::Baseline
                    } else {
                        MeasurePoint::Review
                    };
                    match backend.save_measure(c.case_id, id, screen.today(), point, scores) {
                        Ok(m) => queue.extend(screen.measure_saved(&m)),
                        Err(e) => {
                            self.notify(e.to_string(), true);
                            return;
                        }
                    }
                }
                ConversationEffect::BuildPlan => {
                    let conversation = screen.conversation().clone();
                    self.conversation = None;
                    self.reload();
                    let existing = self.case_file.as_ref().and_then(|cf| cf.file.plan.clone());
                    let plan = plan_from(&conversation, existing.as_ref(), self.clock.today());
                    match backend.save_plan(&plan, self.clock.today()) {
                        Ok(_) => {
                            self.reload();
                            self.open_plan_editor();
                            self.notify(
                                "Conversation complete. Choose services for each goal, add steps, then mark the plan agreed (a).",
                                false,
                            );
                        }
                        Err(e) => {
                            self.mode = Mode::CaseFile;
                            self.notify(e.to_string(), true);
                        }
                    }
                    return;
                }
                ConversationEffect::Leave => {
                    let step = screen.step();
                    self.conversation = None;
                    self.mode = Mode::CaseFile;
                    self.reload();
                    if let Some(cf) = self.case_file.as_mut() {
                        cf.tab = CaseTab::Conversation;
                        cf.scroll = 0;
                    }
                    self.notify(
                        format!(
                            "Saved at step {} of 10; w carries on from there.",
                            step.position() + 1
                        ),
                        false,
                    );
                    return;
                }
            }
        }
    }

    /// Opens the plan editor on the case's plan (or a new one).
    pub(super) fn open_plan_editor(&mut self) {
        if self.closed_notice() {
            return;
        }
        let Some(cf) = self.case_file.as_ref() else {
            return;
        };
        let plan = match &cf.file.plan {
            Some(p) => p.clone(),
            None => match cf.file.conversations.last() {
                Some(c) => plan_from(c, None, self.clock.today()),
                None => plan_from(
                    &crate::domain::conversation::Flow::start(cf.file.case.id, None, self.clock.now())
                        .conversation,
                    None,
                    self.clock.today(),
                ),
            },
        };
        self.plan_editor = Some(PlanEditor::new(plan));
        self.refresh_plan_editor();
        self.mode = Mode::Plan;
    }
}
