// Search result snippets from the article only.
//
// Sphinx's search (searchtools.js) cuts each result's snippet from the text of the page's
// [role=main] element. In sphinx-book-theme that element also holds the article header
// (download, edit and contents buttons) and the "On this page" list, so snippets began
// with the theme's menu text. The page's own text is the `article.bd-article` element:
// read the snippet from there, and keep Sphinx's behaviour for anything else.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof Search === "undefined" || typeof Search.htmlToText !== "function") return;
  const original = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    const article = page.querySelector("article.bd-article");
    if (!article) return original(htmlString, anchor);
    for (const query of [".headerlink", "script", "style"]) {
      article.querySelectorAll(query).forEach((element) => element.remove());
    }
    const block = anchor ? article.querySelector(anchor) : null;
    return (block || article).textContent;
  };
});
