//! Folding events into the state. `apply` trusts its events (they were
//! decided, here or on the server) and never fails.

use super::*;

impl Handling {
    pub fn apply(&mut self, ev: &HandlingEvent, at: DateTime<FixedOffset>) {
        use HandlingEvent as E;
        match ev {
            E::Presented { by, to, proposal } => {
                self.stage = Stage::Presented;
                self.presented_by = Some(by.clone());
                self.set_leader(to);
                self.proposal = proposal.clone();
            }
            E::Assigned {
                by,
                instruction,
                deadline,
                tasks,
            } => {
                // A new assignment replaces whatever was still open.
                for t in self.tasks.iter_mut().filter(|t| t.state == TaskState::Open) {
                    t.state = TaskState::Closed;
                    t.finished_at = Some(at);
                }
                self.stage = Stage::Assigned;
                self.set_leader(by);
                if instruction.is_some() {
                    self.instruction = instruction.clone();
                }
                self.deadline = *deadline;
                self.add_tasks(tasks, by, at);
            }
            E::Forwarded { to, .. } => self.set_leader(to),
            E::MarkedForInformation { instruction, .. } => {
                self.stage = Stage::ForInformation;
                if instruction.is_some() {
                    self.instruction = instruction.clone();
                }
                self.completed_at = Some(at);
            }
            E::Reassigned { by, tasks, .. } => self.add_tasks(tasks, by, at),
            E::Viewed { tasks, .. } => {
                for t in self.tasks.iter_mut().filter(|t| tasks.contains(&t.no)) {
                    t.first_viewed_at.get_or_insert(at);
                }
            }
            E::ProgressReported { task, percent, .. } => {
                if let Some(t) = self.task_mut(*task) {
                    if percent.is_some() {
                        t.percent = *percent;
                    }
                }
            }
            E::ExtensionRequested { task, until, .. } => {
                if let Some(t) = self.task_mut(*task) {
                    t.extension_asked = Some(*until);
                }
            }
            E::ExtensionDecided {
                task,
                accepted,
                until,
                ..
            } => {
                let mut top_lead = false;
                if let Some(t) = self.task_mut(*task) {
                    t.extension_asked = None;
                    if *accepted {
                        t.deadline = Some(*until);
                        top_lead = t.parent.is_none() && t.part == Part::Lead;
                    }
                }
                if top_lead && self.deadline.is_none_or(|d| d < *until) {
                    self.deadline = Some(*until);
                }
            }
            E::SentBack { task, .. } => {
                let Some(t) = self.task_mut(*task) else {
                    return;
                };
                t.state = TaskState::SentBack;
                t.finished_at = Some(at);
                let (parent, part, assigner) = (t.parent, t.part, t.assigned_by.clone());
                // The lead's own part going back returns the document to the
                // leader who assigned it, for a new instruction.
                if parent.is_none() && part == Part::Lead {
                    self.stage = Stage::Presented;
                    self.set_leader(&assigner);
                }
            }
            E::Completed {
                task,
                result,
                reply,
                ..
            } => {
                let mut current = Some(*task);
                let mut document_done = false;
                while let Some(no) = current.take() {
                    let Some(t) = self.task_mut(no) else { break };
                    if t.state != TaskState::Open {
                        break;
                    }
                    t.state = TaskState::Completed;
                    t.finished_at = Some(at);
                    t.percent = Some(100);
                    if t.part == Part::Lead {
                        match t.parent {
                            // A unit's lead finishing finishes the unit's part.
                            Some(p) => current = Some(p),
                            None => document_done = true,
                        }
                    }
                }
                if document_done {
                    self.stage = Stage::Completed;
                    self.completed_at = Some(at);
                    self.result = Some(result.clone());
                    self.reply = reply.clone();
                    for t in self.tasks.iter_mut().filter(|t| t.state == TaskState::Open) {
                        t.state = TaskState::Closed;
                        t.finished_at = Some(at);
                    }
                }
            }
        }
    }

    fn set_leader(&mut self, who: &str) {
        self.leader = Some(who.to_string());
        if !self.leaders.iter().any(|l| l == who) {
            self.leaders.push(who.to_string());
        }
    }

    fn task_mut(&mut self, no: u32) -> Option<&mut Task> {
        self.tasks.iter_mut().find(|t| t.no == no)
    }

    fn add_tasks(&mut self, tasks: &[NewTask], by: &str, at: DateTime<FixedOffset>) {
        for n in tasks {
            self.tasks.push(Task {
                no: n.no,
                party: n.party.clone(),
                part: n.part,
                deadline: n.deadline,
                assigned_by: by.to_string(),
                parent: n.parent,
                state: TaskState::Open,
                assigned_at: at,
                first_viewed_at: None,
                percent: None,
                finished_at: None,
                extension_asked: None,
            });
        }
    }

    /// Whether the document was finished by its deadline (None while open
    /// or without a deadline and unfinished).
    pub fn on_time(&self) -> Option<bool> {
        let done = self.completed_at?;
        Some(match self.deadline {
            Some(d) => done.date_naive() <= d,
            None => true,
        })
    }
}
