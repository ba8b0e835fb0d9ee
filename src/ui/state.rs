//! The app's state as a reducer: which articles there are, which is selected,
//! and the draft being pasted. No browser calls here, so it is tested natively.

use super::library::{name_of, Entry, Restored};
use crate::analysis::mention::Label;
use crate::seeds::SEEDS;
use std::rc::Rc;
use yew::Reducible;

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub entries: Vec<Entry>,
    pub selected: usize,
    /// The text in the "New article" editor; None while the editor is closed.
    pub draft: Option<String>,
    /// Entity types whose highlights the reader switched off in the legend.
    pub hidden: Vec<Label>,
    /// The entity chosen in the entities panel or by one of its mentions (its mentions are marked).
    pub selected_entity: Option<usize>,
    /// True when the entity was chosen by a mention in the text: the text stays where it is
    /// (a choice in the panel brings the first mention into view).
    pub picked_in_text: bool,
    /// The quote chosen in the quotes panel (marked in the text).
    pub selected_quote: Option<usize>,
    /// The source chosen in the sources panel (its quotes are marked in the text).
    pub selected_source: Option<usize>,
    /// The user's article the editor is changing; None when it writes a new one.
    pub editing: Option<usize>,
    /// A message for the reader (storage full, a file that could not be read...).
    pub notice: Option<String>,
    /// True once the stored library has been read, so saving cannot overwrite it before.
    pub restored: bool,
    /// Numbers user articles' ids ("user-3"); stored with the library.
    pub counter: usize,
}

/// What Analyze on an empty draft says.
pub const EMPTY_DRAFT: &str =
    "Nothing to analyze yet: type or paste an article in the box (a whole web page works too), or drop a .txt, .md or .html file on the page.";

pub enum Action {
    Select(usize),
    OpenEditor,
    EditDraft(String),
    /// Adds the draft as a new article and selects it; an empty draft is kept open.
    SubmitDraft,
    CloseEditor,
    /// Shows or hides one entity type's highlights.
    ToggleLabel(Label),
    /// Chooses an entity (or clears the choice with None).
    SelectEntity(Option<usize>),
    /// Chooses a quote (or clears the choice with None).
    SelectQuote(Option<usize>),
    /// Chooses a source (or clears the choice with None).
    SelectSource(Option<usize>),
    /// Sets the chosen entity without toggling (from the URL).
    ShowEntity(Option<usize>),
    /// Chooses the entity of a mention clicked (or entered) in the text; again clears it.
    PickMention(usize),
    /// Selects the article with this id (from the URL), if there is one.
    SelectId(String),
    /// The library read back from storage.
    Restore(Restored),
    /// Adds an article (a dropped file) and selects it.
    AddArticle(String),
    /// Opens the editor on a user's article.
    EditArticle(usize),
    Rename(usize, String),
    /// Deletes a user's article (bundled ones stay).
    Delete(usize),
    Notice(Option<String>),
}

impl Default for AppState {
    fn default() -> Self {
        let entries =
            SEEDS.iter().map(|s| Entry { id: s.file.to_string(), name: name_of(s.text), text: Rc::from(s.text), bundled: true }).collect();
        AppState {
            entries,
            selected: 0,
            draft: None,
            hidden: Vec::new(),
            selected_entity: None,
            picked_in_text: false,
            selected_quote: None,
            selected_source: None,
            editing: None,
            notice: None,
            restored: false,
            counter: 0,
        }
    }
}

impl AppState {
    pub fn current(&self) -> Option<&Entry> {
        self.entries.get(self.selected)
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Select(i) if i < s.entries.len() => {
                s.selected = i;
                s.draft = None;
                s.selected_entity = None;
                s.selected_quote = None;
                s.selected_source = None;
                s.notice = None;
            }
            Action::Select(_) => return self,
            Action::OpenEditor => s.draft = Some(s.draft.take().unwrap_or_default()),
            Action::EditDraft(text) => s.draft = Some(text),
            Action::SubmitDraft => {
                let Some(text) = s.draft.take() else { return self };
                if text.trim().is_empty() {
                    s.draft = Some(text);
                    s.notice = Some(EMPTY_DRAFT.into());
                    return Rc::new(s);
                }
                match s.editing.take().filter(|&i| s.entries.get(i).is_some_and(|e| !e.bundled)) {
                    Some(i) => {
                        s.entries[i].text = Rc::from(text);
                        s.selected = i;
                    }
                    None => {
                        s.counter += 1;
                        s.entries.push(Entry {
                            id: format!("user-{}", s.counter),
                            name: name_of(&text),
                            text: Rc::from(text),
                            bundled: false,
                        });
                        s.selected = s.entries.len() - 1;
                    }
                }
                s.selected_entity = None;
                s.selected_quote = None;
                s.selected_source = None;
                s.notice = None;
            }
            Action::CloseEditor => {
                s.draft = None;
                s.editing = None;
            }
            Action::SelectId(id) => match s.entries.iter().position(|e| e.id == id) {
                // The article shown already: leave an open editor (and its draft) alone.
                Some(i) if i != s.selected => {
                    s.selected = i;
                    s.draft = None;
                    s.editing = None;
                    s.selected_entity = None;
                    s.selected_quote = None;
                    s.selected_source = None;
                    s.notice = None;
                }
                _ => return self,
            },
            Action::Restore(r) => {
                s.entries.retain(|e| e.bundled);
                s.entries.extend(r.entries);
                s.counter = s.counter.max(r.counter);
                if s.draft.is_none() {
                    s.draft = r.draft.filter(|d| !d.trim().is_empty());
                }
                s.notice = (!r.problems.is_empty()).then(|| r.problems.join(" "));
                // An unreadable library stays unsaved-over until the reader changes something.
                s.restored = true;
            }
            Action::AddArticle(text) => {
                s.counter += 1;
                s.entries.push(Entry { id: format!("user-{}", s.counter), name: name_of(&text), text: Rc::from(text), bundled: false });
                s.selected = s.entries.len() - 1;
                s.draft = None;
                s.editing = None;
                s.selected_entity = None;
                s.selected_quote = None;
                s.selected_source = None;
                s.notice = None;
            }
            Action::EditArticle(i) => match s.entries.get(i) {
                Some(e) if !e.bundled => {
                    s.draft = Some(e.text.to_string());
                    s.editing = Some(i);
                    s.selected = i;
                }
                _ => return self,
            },
            Action::Rename(i, name) => match s.entries.get_mut(i) {
                Some(e) if !e.bundled && !name.trim().is_empty() => e.name = name.trim().chars().take(120).collect(),
                _ => return self,
            },
            Action::Delete(i) => {
                if s.entries.get(i).is_none_or(|e| e.bundled) {
                    return self;
                }
                s.entries.remove(i);
                if s.selected >= i && s.selected > 0 {
                    s.selected -= 1;
                }
                s.editing = None;
                s.selected_entity = None;
                s.selected_quote = None;
                s.selected_source = None;
                s.notice = None;
            }
            Action::Notice(n) => s.notice = n,
            Action::ToggleLabel(label) => match s.hidden.iter().position(|l| *l == label) {
                Some(i) => {
                    s.hidden.remove(i);
                }
                None => s.hidden.push(label),
            },
            Action::SelectEntity(e) => {
                s.selected_entity = if s.selected_entity == e { None } else { e };
                s.picked_in_text = false;
            }
            Action::PickMention(e) => {
                s.selected_entity = if s.selected_entity == Some(e) { None } else { Some(e) };
                s.picked_in_text = true;
            }
            Action::SelectQuote(q) => s.selected_quote = if s.selected_quote == q { None } else { q },
            Action::SelectSource(x) => s.selected_source = if s.selected_source == x { None } else { x },
            Action::ShowEntity(e) if s.selected_entity == e => return self,
            Action::ShowEntity(e) => {
                s.selected_entity = e;
                s.picked_in_text = false;
            }
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::library;

    fn run(actions: Vec<Action>) -> Rc<AppState> {
        actions.into_iter().fold(Rc::new(AppState::default()), |s, a| s.reduce(a))
    }

    #[test]
    fn opens_on_the_first_seed() {
        let s = AppState::default();
        assert!(!s.entries.is_empty());
        assert_eq!(s.current().unwrap().name, "Russia says it will build close ties with North Korea 'in all areas'");
    }

    #[test]
    fn a_submitted_draft_becomes_the_selected_article() {
        let s = run(vec![Action::OpenEditor, Action::EditDraft("My title\n\nBody.".into()), Action::SubmitDraft]);
        assert_eq!(s.current().unwrap().name, "My title");
        assert!(!s.current().unwrap().bundled);
        assert_eq!(s.draft, None);
    }

    #[test]
    fn an_empty_draft_is_not_added_and_stays_open() {
        let before = AppState::default().entries.len();
        let s = run(vec![Action::OpenEditor, Action::EditDraft("  ".into()), Action::SubmitDraft]);
        assert_eq!(s.entries.len(), before);
        assert_eq!(s.draft.as_deref(), Some("  "));
        assert_eq!(s.notice.as_deref(), Some(EMPTY_DRAFT), "Analyze on an empty draft says what to do");
    }

    #[test]
    fn a_notice_belongs_to_the_article_it_is_about() {
        let notice = || Action::Notice(Some("The paste was refused.".into()));
        let s = run(vec![notice(), Action::AddArticle("Mine\n\nBody.".into())]);
        assert_eq!(s.notice, None, "adding an article");
        let s = s.reduce(notice()).reduce(Action::Select(0));
        assert_eq!(s.notice, None, "choosing another article");
        let id = s.entries.last().unwrap().id.clone();
        let s = s.reduce(notice()).reduce(Action::SelectId(id));
        assert_eq!(s.notice, None, "opening another article by its link");
        let s = s.reduce(notice()).reduce(Action::ToggleLabel(Label::Person)).reduce(Action::SelectEntity(Some(0)));
        assert!(s.notice.is_some(), "a change within the article keeps it");
        let s = s.reduce(Action::OpenEditor).reduce(Action::EditDraft("New\n\nText.".into())).reduce(Action::SubmitDraft);
        assert_eq!(s.notice, None, "analyzing a draft");
    }

    #[test]
    fn legend_toggles_and_entity_choice() {
        let s = run(vec![Action::ToggleLabel(Label::Person), Action::ToggleLabel(Label::Org), Action::ToggleLabel(Label::Person)]);
        assert_eq!(s.hidden, [Label::Org]);
        let s = run(vec![Action::SelectEntity(Some(2))]);
        assert_eq!(s.selected_entity, Some(2));
        let s = s.reduce(Action::SelectEntity(Some(2)));
        assert_eq!(s.selected_entity, None, "choosing the chosen entity again clears it");
        let s = run(vec![Action::SelectEntity(Some(2)), Action::Select(0)]);
        assert_eq!(s.selected_entity, None, "another article clears the choice");
        let s = run(vec![Action::SelectSource(Some(1))]);
        assert_eq!(s.selected_source, Some(1));
        assert_eq!(s.reduce(Action::SelectSource(Some(1))).selected_source, None, "choosing the chosen source again clears it");
        let s = run(vec![Action::SelectSource(Some(1)), Action::Select(0)]);
        assert_eq!(s.selected_source, None, "another article clears the chosen source");
    }

    #[test]
    fn a_mention_picks_its_entity_and_keeps_the_text_in_place() {
        let s = run(vec![Action::PickMention(3)]);
        assert_eq!((s.selected_entity, s.picked_in_text), (Some(3), true));
        assert_eq!(s.clone().reduce(Action::PickMention(3)).selected_entity, None, "the chosen entity's mention again clears it");
        let s = s.reduce(Action::SelectEntity(Some(1)));
        assert_eq!((s.selected_entity, s.picked_in_text), (Some(1), false), "a choice in the panel brings its mention into view");
        assert_eq!(s.reduce(Action::PickMention(2)).selected_entity, Some(2));
    }

    #[test]
    fn user_articles_are_kept_renamed_edited_and_deleted() {
        let s = run(vec![Action::AddArticle("Dropped file\n\nBody.".into())]);
        let i = s.selected;
        assert_eq!(s.entries[i].name, "Dropped file");
        let s = s.reduce(Action::Rename(i, "  Better name ".into()));
        assert_eq!(s.entries[i].name, "Better name");
        let s = s.reduce(Action::EditArticle(i)).reduce(Action::EditDraft("Changed\n\nNew body.".into())).reduce(Action::SubmitDraft);
        assert_eq!(&*s.entries[i].text, "Changed\n\nNew body.");
        assert_eq!(s.entries.len(), i + 1, "editing replaces, it does not add");
        let s = s.reduce(Action::Delete(i));
        assert_eq!(s.entries.len(), i);
        let before = s.entries.len();
        assert_eq!(s.reduce(Action::Delete(0)).entries.len(), before, "bundled articles cannot be deleted");
    }

    #[test]
    fn restoring_brings_back_articles_draft_and_problems() {
        let json = library::encode(
            &[Entry { id: "user-4".into(), name: "Kept".into(), text: Rc::from("Kept\n\nx"), bundled: false }],
            Some("half-typed"),
            4,
        );
        let s = run(vec![Action::Restore(library::decode(&json))]);
        assert_eq!(s.entries.last().unwrap().id, "user-4");
        assert_eq!(s.draft.as_deref(), Some("half-typed"));
        assert_eq!(s.counter, 4);
        let s = s.reduce(Action::AddArticle("New".into()));
        assert_eq!(s.entries.last().unwrap().id, "user-5", "ids never repeat");
        let s = s.reduce(Action::SelectId("user-4".into()));
        assert_eq!(s.current().unwrap().name, "Kept");
    }

    /// What the app does on start (app.rs): the library without its draft, the article the
    /// URL names, then the draft. A draft typed while one of the user's articles was shown
    /// was lost on reload when the draft came back before that article was opened.
    #[test]
    fn a_restored_draft_survives_opening_the_article_the_url_names() {
        let json = library::encode(
            &[Entry { id: "user-1".into(), name: "Kept".into(), text: Rc::from("Kept\n\nx"), bundled: false }],
            Some("Half a thought"),
            1,
        );
        let mut restored = library::decode(&json);
        let draft = restored.draft.take().unwrap();
        let s = run(vec![Action::Restore(restored), Action::SelectId("user-1".into()), Action::EditDraft(draft)]);
        assert_eq!(s.current().unwrap().name, "Kept");
        assert_eq!(s.draft.as_deref(), Some("Half a thought"));
        let stored = library::decode(&library::encode(&s.entries, s.draft.as_deref(), s.counter));
        assert_eq!(stored.draft.as_deref(), Some("Half a thought"), "and it is saved again as it was");
    }

    #[test]
    fn selecting_out_of_range_changes_nothing() {
        let s = run(vec![Action::Select(999)]);
        assert_eq!(s.selected, 0);
    }
}
