//! One file per component; each renders a part of an [`Analysis`](crate::analysis::Analysis).

mod article_list;
mod article_view;
mod editor;
mod integrity_panel;
mod metadata_panel;
mod stats_panel;

pub use article_list::{ArticleList, ArticleListProps};
pub use article_view::{ArticleView, ArticleViewProps};
pub use editor::{Editor, EditorProps};
pub use integrity_panel::{IntegrityPanel, IntegrityPanelProps};
pub use metadata_panel::{MetadataPanel, MetadataPanelProps};
pub use stats_panel::{StatsPanel, StatsPanelProps};
