// The postings filter form, enhanced. Without this file the form works the same: the server drops empty
// fields from the address with a redirect, and every skill stays listed.
"use strict";

(function () {
  const form = document.querySelector("form.filters");
  if (!form) return;

  // A box that narrows the list of skills to those containing what is typed. Ticked skills stay shown.
  const scroll = form.querySelector("[data-narrow]");
  const list = scroll && scroll.querySelector("ul");
  if (list) {
    const box = document.createElement("input");
    box.type = "search";
    box.className = "narrow";
    box.placeholder = "Type to narrow the list";
    box.setAttribute("aria-label", "Narrow the list of skills");
    box.setAttribute("aria-controls", list.id);
    scroll.before(box);
    box.addEventListener("input", function () {
      const words = box.value.trim().toLowerCase();
      for (const item of list.children) {
        const ticked = item.querySelector("input").checked;
        item.hidden = Boolean(words) && !ticked && !item.textContent.toLowerCase().includes(words);
      }
    });
    // Enter in the box narrows; it must not send the form.
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();
    });
  }

  // Send only the fields that say something, so the address is short enough to share.
  form.addEventListener("submit", function (event) {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (value.trim() && !(name === "order" && value === "newest")) params.append(name, value);
    }
    event.preventDefault();
    const query = params.toString();
    window.location.assign(form.action + (query ? "?" + query : ""));
  });
})();
