// The plan's and the match's "Other skills you have": a box of skill names separated by commas, with
// suggestions (typeahead.js); choosing one completes the word being typed.
"use strict";

(function () {
  for (const box of document.querySelectorAll("input[data-suggest-url]")) {
    const list = document.createElement("ul");
    list.className = "suggestions";
    list.id = box.id + "-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggested skills");
    list.hidden = true;
    box.after(list);
    box.parentElement.classList.add("typeahead");
    const namesBefore = () => window.careerguideTypeahead.namesBefore(box);
    window.careerguideTypeahead(box, list, {
      suggestUrl: box.dataset.suggestUrl,
      // A skill already typed before this word is not offered again.
      keep: (skill) => !namesBefore().some((name) => name.toLowerCase() === skill.name.toLowerCase()),
      choose: (item) => {
        box.value = namesBefore().concat([item.textContent]).join(", ") + ", ";
      },
    });
  }
})();
