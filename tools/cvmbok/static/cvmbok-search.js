// Search results a reader can use, on top of Sphinx's search (searchtools.js).
//
// 1. Snippets from the article only. Sphinx cuts each snippet from the text of the
//    page's [role=main] element; in sphinx-book-theme that element also holds the
//    article header (repository, edit, download and colour buttons) and the "Contents"
//    list, so snippets began with the theme's menu text ("Repository Suggest edit .md
//    .pdf ..."). The page's own text is `article.bd-article`.
// 2. One result per page. A glossary term is found twice on the Glossary page: as the
//    term's index entry (with its anchor) and in the page's full text (without one),
//    and Sphinx only removes results that are equal in every field, so "Glossary" was
//    listed twice. The best-scoring result of each page is kept (results are in
//    ascending order of score; the last one is shown first).
document.addEventListener("DOMContentLoaded", () => {
  if (typeof Search === "undefined") return;
  if (typeof Search.htmlToText === "function") {
    const original = Search.htmlToText;
    Search.htmlToText = (htmlString, anchor) => {
      const page = new DOMParser().parseFromString(htmlString, "text/html");
      const article = page.querySelector("article.bd-article");
      if (!article) return original(htmlString, anchor);
      for (const query of [".headerlink", "script", "style"]) {
        article.querySelectorAll(query).forEach((element) => element.remove());
      }
      let block = null;
      try {
        block = anchor ? article.querySelector(anchor) : null;
      } catch (error) {
        block = null; // an id that is no valid selector ("#3-steps"): the whole article instead
      }
      // an anchor on an empty target (a label) gives no text: the snippet then comes from the article
      return (block && block.textContent.trim() ? block : article).textContent;
    };
  }
  if (typeof Search._performSearch === "function") {
    const perform = Search._performSearch;
    Search._performSearch = (...args) => {
      const results = perform(...args);
      const seen = new Set();
      const kept = [];
      for (let index = results.length - 1; index >= 0; index -= 1) {
        const docname = results[index][0];
        if (seen.has(docname)) continue;
        seen.add(docname);
        kept.push(results[index]);
      }
      return kept.reverse();
    };
  }
});
