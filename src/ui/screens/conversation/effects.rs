//! The conversation's side effects: starting or resuming it from a case
//! file, and running what its state machine asks for (saving answers and
//! measures, building the plan, leaving) against the store.

use super::{ConversationEffect, ConversationEvent, ConversationScreen};
use crate::domain::plan::plan_from;
use crate::domain::wellbeing::MeasurePoint;
use crate::ui::context::Context;
use crate::ui::screen::{Effects, pop, push};
use crate::ui::screens::case_file::CaseTab;
use crate::ui::screens::plan;
use std::collections::VecDeque;

/// Starts (or resumes) the conversation with the open case.
pub fn open(cx: &mut Context) -> Effects {
    if cx.closed_notice() {
        return Vec::new();
    }
    let (Some(cf), Some(backend)) = (cx.case_file.as_ref(), cx.backend()) else {
        return Vec::new();
    };
    let now = cx.clock.now();
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
            let screen = ConversationScreen::new(flow, previous, &cf.file.measures, now);
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
            cx.notify(text, false);
            push(screen)
        }
        Err(e) => {
            cx.notify(e.to_string(), true);
            Vec::new()
        }
    }
}

impl ConversationScreen {
    /// A key on the conversation screen.
    pub(super) fn event(&mut self, event: ConversationEvent, cx: &mut Context) -> Effects {
        let effects = self.handle(event);
        self.run(effects, cx)
    }

    /// Runs what the state machine asked for; returns what the app must do.
    pub(super) fn run(&mut self, effects: Vec<ConversationEffect>, cx: &mut Context) -> Effects {
        let Some(backend) = cx.backend() else {
            return Vec::new();
        };
        let mut queue: VecDeque<ConversationEffect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            match effect {
                ConversationEffect::Save => {
                    if let Err(e) = backend.save_conversation(self.conversation()) {
                        cx.notify(e.to_string(), true);
                        return Vec::new();
                    }
                }
                ConversationEffect::SaveMeasure { id, scores } => {
                    let c = self.conversation();
                    let point = if c.version == 1 {
                        MeasurePoint::Baseline
                    } else {
                        MeasurePoint::Review
                    };
                    match backend.save_measure(c.case_id, id, self.held_on(), point, scores, None) {
                        Ok(m) => queue.extend(self.measure_saved(&m)),
                        Err(e) => {
                            cx.notify(e.to_string(), true);
                            return Vec::new();
                        }
                    }
                }
                ConversationEffect::BuildPlan => return self.build_plan(cx),
                ConversationEffect::Leave => {
                    let step = self.step();
                    cx.reload();
                    if let Some(cf) = cx.case_file.as_mut() {
                        cf.tab = CaseTab::Conversation;
                        cf.scroll = 0;
                    }
                    cx.notify(
                        format!(
                            "Saved at step {} of 10; w carries on from there.",
                            step.position() + 1
                        ),
                        false,
                    );
                    return pop();
                }
            }
        }
        Vec::new()
    }

    fn build_plan(&mut self, cx: &mut Context) -> Effects {
        let Some(backend) = cx.backend() else {
            return Vec::new();
        };
        let conversation = self.conversation().clone();
        cx.reload();
        let existing = cx.case_file.as_ref().and_then(|cf| cf.file.plan.clone());
        let today = cx.clock.today();
        let plan = plan_from(&conversation, existing.as_ref(), today);
        match backend.save_plan(&plan, today) {
            Ok(_) => {
                cx.reload();
                let mut effects = pop();
                effects.extend(plan::open(cx));
                cx.notify(
                    "Conversation complete. Choose services for each goal, add steps, then mark the plan agreed (a).",
                    false,
                );
                effects
            }
            Err(e) => {
                cx.notify(e.to_string(), true);
                pop()
            }
        }
    }
}
