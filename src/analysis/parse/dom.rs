//! A page's element tree, built from the tokenizer's tokens ([`super::html`]) the way a browser
//! would for the cases pages rely on: void elements, end tags implied by HTML's rules (a `<p>`
//! ends where a block starts, an `<li>` at the next `<li>`, a cell at the next cell or row, an
//! `<option>` at the next), and an end tag that closes what it matches, or nothing when a
//! block stands in between. Every node keeps its byte span in the input.
//!
//! Linear in the input: each end tag finds its element by a per-name stack of positions, and
//! whether an implied end applies is a flag carried down the stack, never a search of it.

use super::html::{tokenize, Attr, Token};
use crate::analysis::span::Span;
use crate::analysis::util::hash::FastMap;

/// A node of the tree: the document root, an element or a run of text.
#[derive(Debug)]
pub(crate) enum Data {
    Root,
    Element {
        name: String,
        attrs: Vec<Attr>,
        span: Span,
    },
    /// Text as the input has it (character references not decoded).
    Text(Span),
}

#[derive(Debug)]
pub(crate) struct Node {
    pub parent: usize,
    pub children: Vec<usize>,
    pub data: Data,
}

/// The tree: `nodes[0]` is the root, and every node comes after its parent (document order).
#[derive(Debug)]
pub(crate) struct Dom<'a> {
    pub input: &'a str,
    pub nodes: Vec<Node>,
}

impl Dom<'_> {
    /// The element's name, or "" for the root and text.
    pub fn name(&self, n: usize) -> &str {
        match &self.nodes[n].data {
            Data::Element { name, .. } => name,
            _ => "",
        }
    }

    pub fn attrs(&self, n: usize) -> &[Attr] {
        match &self.nodes[n].data {
            Data::Element { attrs, .. } => attrs,
            _ => &[],
        }
    }

    /// The value of attribute `name` of node `n`.
    pub fn attr(&self, n: usize, name: &str) -> Option<&str> {
        self.attrs(n).iter().find(|a| a.name == name).map(|a| a.value.as_str())
    }

    /// The text node's span, if `n` is one.
    pub fn text_span(&self, n: usize) -> Option<Span> {
        match self.nodes[n].data {
            Data::Text(s) => Some(s),
            _ => None,
        }
    }

    /// Whether `n` has an ancestor named `name`, up to `depth` levels up.
    pub fn has_ancestor(&self, mut n: usize, name: &str, depth: usize) -> bool {
        for _ in 0..depth {
            if n == 0 {
                return false;
            }
            n = self.nodes[n].parent;
            if self.name(n) == name {
                return true;
            }
        }
        false
    }
}

/// Elements that never have content.
const VOID: [&str; 15] =
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen"];

/// Elements whose start ends an open `<p>`.
const CLOSES_P: [&str; 37] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
    "li",
    "dd",
    "dt",
];

/// HTML's default scope: what an end tag or an implied end does not reach past.
const SCOPE: [&str; 9] = ["applet", "caption", "html", "table", "td", "th", "marquee", "object", "template"];

/// HTML's "special" elements: an end tag of an inline element does not close past one.
const SPECIAL: [&str; 62] = [
    "address",
    "applet",
    "area",
    "article",
    "aside",
    "blockquote",
    "body",
    "button",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "img",
    "li",
    "main",
    "marquee",
    "menu",
    "nav",
    "object",
    "ol",
    "p",
    "pre",
    "section",
    "select",
    "summary",
    "table",
    "tbody",
    "td",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "noscript",
    "script",
    "style",
    "template",
];

/// End tags that close their element through inline elements (up to the scope's edge).
const BLOCK_END: [&str; 43] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "button",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "main",
    "menu",
    "nav",
    "ol",
    "pre",
    "section",
    "summary",
    "ul",
    "form",
    "li",
    "dd",
    "dt",
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "td",
    "th",
];

// What is open in scope, carried down the stack as bits.
const IN_P: u8 = 1;
const IN_LI: u8 = 2;
const IN_DD: u8 = 4;
const IN_CELL: u8 = 8;
const IN_ROW: u8 = 16;
const IN_A: u8 = 32;
const FOREIGN: u8 = 64;

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

struct Open {
    node: usize,
    flags: u8,
    /// The stack position of the nearest special element at or below this entry.
    special: usize,
    /// The stack position of the nearest scope boundary at or below this entry.
    boundary: usize,
}

struct Builder {
    nodes: Vec<Node>,
    stack: Vec<Open>,
    /// Each open element's stack positions, by name.
    positions: FastMap<String, Vec<usize>>,
}

impl Builder {
    fn top(&self) -> &Open {
        self.stack.last().expect("the root is never popped")
    }

    fn top_name(&self) -> &str {
        match &self.nodes[self.top().node].data {
            Data::Element { name, .. } => name,
            _ => "",
        }
    }

    fn pop(&mut self) {
        if self.stack.len() <= 1 {
            return;
        }
        let open = self.stack.pop().expect("more than the root");
        if let Data::Element { name, .. } = &self.nodes[open.node].data {
            if let Some(p) = self.positions.get_mut(name.as_str()) {
                p.pop();
            }
        }
    }

    /// Pops up to and including the nearest open element that `is` accepts.
    fn pop_until(&mut self, is: impl Fn(&str) -> bool) {
        while self.stack.len() > 1 {
            let hit = is(self.top_name());
            self.pop();
            if hit {
                return;
            }
        }
    }

    fn add(&mut self, data: Data) -> usize {
        let parent = self.top().node;
        let id = self.nodes.len();
        self.nodes.push(Node { parent, children: Vec::new(), data });
        self.nodes[parent].children.push(id);
        id
    }

    fn open(&mut self, name: String, attrs: Vec<Attr>, self_closing: bool, span: Span) {
        let flags = self.top().flags;
        let n = name.as_str();
        if flags & IN_P != 0 && CLOSES_P.contains(&n) {
            self.pop_until(|t| t == "p");
        }
        let flags = self.top().flags;
        if n == "li" && flags & IN_LI != 0 {
            self.pop_until(|t| t == "li");
        } else if matches!(n, "dd" | "dt") && flags & IN_DD != 0 {
            self.pop_until(|t| matches!(t, "dd" | "dt"));
        } else if matches!(n, "td" | "th") && flags & IN_CELL != 0 {
            self.pop_until(|t| matches!(t, "td" | "th"));
        } else if matches!(n, "tr" | "tbody" | "thead" | "tfoot") && flags & IN_ROW != 0 {
            self.pop_until(|t| t == "tr");
        } else if n == "a" && flags & IN_A != 0 {
            self.pop_until(|t| t == "a");
        } else if matches!(n, "option" | "optgroup") && self.top_name() == "option" || is_heading(n) && is_heading(self.top_name()) {
            self.pop();
        }
        let parent = self.top();
        let foreign = parent.flags & FOREIGN != 0 || matches!(n, "svg" | "math");
        let void = VOID.contains(&n) || (self_closing && (foreign || parent.flags & FOREIGN != 0));
        let mut flags = parent.flags;
        if SCOPE.contains(&n) {
            flags &= !(IN_P | IN_LI | IN_DD | IN_A);
        }
        if n == "table" {
            flags &= !(IN_CELL | IN_ROW);
        }
        match n {
            "button" => flags &= !IN_P,
            "ol" | "ul" => flags &= !IN_LI,
            "p" => flags |= IN_P,
            "li" => flags |= IN_LI,
            "dd" | "dt" => flags |= IN_DD,
            "td" | "th" => flags |= IN_CELL,
            "tr" => flags |= IN_ROW,
            "a" => flags |= IN_A,
            _ => {}
        }
        if foreign {
            flags |= FOREIGN;
        }
        let depth = self.stack.len();
        let special = if SPECIAL.contains(&n) { depth } else { parent.special };
        let boundary = if SCOPE.contains(&n) { depth } else { parent.boundary };
        let id = self.add(Data::Element { name, attrs, span });
        if !void {
            let name = self.name_of(id).to_string();
            self.positions.entry(name).or_default().push(depth);
            self.stack.push(Open { node: id, flags, special, boundary });
        }
    }

    fn name_of(&self, n: usize) -> &str {
        match &self.nodes[n].data {
            Data::Element { name, .. } => name,
            _ => "",
        }
    }

    fn close(&mut self, name: &str, span: Span) {
        match name {
            // Content after </body> is the body's, as browsers read it.
            "body" | "html" => return,
            "br" => {
                self.add(Data::Element { name: "br".into(), attrs: Vec::new(), span });
                return;
            }
            _ => {}
        }
        let Some(&at) = self.positions.get(name).and_then(|p| p.last()) else { return };
        let top = self.top();
        let reachable = if BLOCK_END.contains(&name) { top.boundary <= at } else { top.special <= at };
        if reachable {
            while self.stack.len() > at {
                self.pop();
            }
        }
    }
}

/// The tree of `input`.
pub(crate) fn build(input: &str) -> Dom<'_> {
    let mut b = Builder {
        nodes: vec![Node { parent: 0, children: Vec::new(), data: Data::Root }],
        stack: vec![Open { node: 0, flags: 0, special: 0, boundary: 0 }],
        positions: FastMap::default(),
    };
    for (token, span) in tokenize(input) {
        match token {
            Token::Open { name, attrs, self_closing } => b.open(name, attrs, self_closing, span),
            Token::Close { name } => b.close(&name, span),
            Token::Text(_) => {
                b.add(Data::Text(span));
            }
        }
    }
    Dom { input, nodes: b.nodes }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree as nested names: `div(p(#) p(#))`.
    fn shape(dom: &Dom, n: usize) -> String {
        let inner: Vec<String> = dom.nodes[n].children.iter().map(|&c| shape(dom, c)).collect();
        let name = match &dom.nodes[n].data {
            Data::Root => "",
            Data::Element { name, .. } => name,
            Data::Text(_) => return "#".into(),
        };
        if inner.is_empty() {
            name.to_string()
        } else {
            format!("{name}({})", inner.join(" "))
        }
    }

    fn tree(html: &str) -> String {
        let dom = build(html);
        let s = shape(&dom, 0);
        s.strip_prefix('(').and_then(|s| s.strip_suffix(')')).unwrap_or(&s).to_string()
    }

    #[test]
    fn implied_end_tags() {
        assert_eq!(tree("<p>a<p>b<div>c</div>"), "p(#) p(#) div(#)");
        assert_eq!(tree("<ul><li>a<li>b</ul><p>c"), "ul(li(#) li(#)) p(#)");
        assert_eq!(tree("<table><tr><td>a<td>b<tr><td>c</table>"), "table(tr(td(#) td(#)) tr(td(#)))");
        assert_eq!(tree("<select><option>a<option>b</select>"), "select(option(#) option(#))");
        assert_eq!(tree("<img src=x><br/><p>a"), "img br p(#)");
        assert_eq!(tree("<ul><li>a<ul><li>b</ul><li>c</ul>"), "ul(li(# ul(li(#))) li(#))");
    }

    #[test]
    fn end_tags_close_what_they_match() {
        // A block's end tag closes the inline elements left open inside it.
        assert_eq!(tree("<div><b>a</div><p>b"), "div(b(#)) p(#)");
        assert_eq!(tree("<div><ul><li>a</div><p>b"), "div(ul(li(#))) p(#)");
        // An inline end tag does not close a block; a stray one is ignored.
        assert_eq!(tree("<b><div>a</b>c</div>"), "b(div(# #))");
        assert_eq!(tree("</span><p>a</i></p>"), "p(#)");
        // The body goes on after </body>.
        assert_eq!(tree("<body><p>a</p></body><p>b"), "body(p(#) p(#))");
        // A form around the whole page is a container like any other.
        assert_eq!(tree("<form><div><p>a</div></form>"), "form(div(p(#)))");
        // Self-closing tags count in SVG only.
        assert_eq!(tree("<div/><svg><path/></svg>"), "div(svg(path))");
    }

    #[test]
    fn deep_and_unbalanced_markup_is_linear() {
        let deep = "<div>".repeat(50_000) + &"</span>".repeat(50_000) + &"</div>".repeat(50_000);
        assert_eq!(build(&deep).nodes.len(), 50_001);
        let _ = build(&"<p><b>".repeat(20_000));
    }
}
