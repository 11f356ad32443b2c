// One combobox for boxes of skill names separated by commas: as the last word is typed, skills whose name
// contains it, from /skills/suggest/, in a listbox the arrow keys, Enter, Escape and the mouse work. What a
// choice does is the page's: the plan's and the match's boxes complete the word (skill-suggest.js), the
// postings filter turns it into a chip (postings-filters.js). Without JavaScript every box works the same:
// the server matches the names.
"use strict";

window.careerguideTypeahead = function (box, list, { suggestUrl, keep, choose, announce = () => {} }) {
  box.setAttribute("role", "combobox");
  box.setAttribute("aria-autocomplete", "list");
  box.setAttribute("aria-expanded", "false");
  box.setAttribute("aria-controls", list.id);

  let active = -1;
  let timer = null;
  let asked = 0; // answers to older questions arrive late: only the latest is shown
  const options = () => Array.from(list.children);

  function close() {
    list.hidden = true;
    list.replaceChildren();
    active = -1;
    box.setAttribute("aria-expanded", "false");
    box.removeAttribute("aria-activedescendant");
  }

  function highlight(index) {
    const items = options();
    active = items.length ? (index + items.length) % items.length : -1;
    items.forEach((item, i) => item.setAttribute("aria-selected", String(i === active)));
    if (active >= 0) box.setAttribute("aria-activedescendant", items[active].id);
  }

  function show(results) {
    const fresh = results.filter(keep);
    list.replaceChildren();
    fresh.forEach((skill, i) => {
      const item = document.createElement("li");
      item.id = list.id + "-" + i;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.dataset.slug = skill.slug;
      item.textContent = skill.name;
      list.append(item);
    });
    active = -1;
    list.hidden = fresh.length === 0;
    box.setAttribute("aria-expanded", String(fresh.length > 0));
    announce(
      fresh.length
        ? fresh.length + " suggestion" + (fresh.length === 1 ? "" : "s") + ": use the arrow keys"
        : "No skill by that name",
    );
  }

  function ask() {
    const word = box.value.split(",").pop().trim();
    if (!word) {
      close();
      return;
    }
    const question = ++asked;
    fetch(suggestUrl + "?q=" + encodeURIComponent(word), { headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : { results: [] }))
      .then((data) => {
        if (question === asked) show(data.results || []);
      })
      .catch(close); // offline: the box still works as a plain field
  }

  function pick(item) {
    choose(item);
    close();
    box.focus();
  }

  box.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 150);
  });
  box.addEventListener("keydown", function (event) {
    const open = !list.hidden;
    if (event.key === "ArrowDown" && open) {
      event.preventDefault();
      highlight(active + 1);
    } else if (event.key === "ArrowUp" && open) {
      event.preventDefault();
      highlight(active - 1);
    } else if (event.key === "Enter" && open && active >= 0) {
      event.preventDefault(); // chooses the suggestion; does not send the form
      pick(options()[active]);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      close();
    }
  });
  box.addEventListener("blur", function () {
    setTimeout(close, 150); // after a click on a suggestion has been handled
  });
  // mousedown, not click: it comes before the box's blur closes the list.
  list.addEventListener("mousedown", function (event) {
    const item = event.target.closest("[role=option]");
    if (item) {
      event.preventDefault();
      pick(item);
    }
  });
};

// The names typed before the word being typed, trimmed: what a choice keeps.
window.careerguideTypeahead.namesBefore = function (box) {
  return box.value
    .split(",")
    .slice(0, -1)
    .map((part) => part.trim())
    .filter(Boolean);
};
