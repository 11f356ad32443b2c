// Suggestions for a box of skill names separated by commas (the plan's "Other skills you have"): as you type,
// skills whose name contains the last word, from /skills/suggest/; choosing one completes that word. Without
// this file the box works the same: the server matches the names.
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
    box.setAttribute("role", "combobox");
    box.setAttribute("aria-autocomplete", "list");
    box.setAttribute("aria-expanded", "false");
    box.setAttribute("aria-controls", list.id);

    let active = -1;
    let timer = null;
    let asked = 0; // answers to older questions arrive late: only the latest is shown
    const parts = () => box.value.split(",");
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
      const typed = parts().slice(0, -1).map((part) => part.trim().toLowerCase());
      const fresh = results.filter((skill) => !typed.includes(skill.name.toLowerCase()));
      list.replaceChildren();
      fresh.forEach((skill, i) => {
        const item = document.createElement("li");
        item.id = list.id + "-" + i;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.textContent = skill.name;
        list.append(item);
      });
      active = -1;
      list.hidden = fresh.length === 0;
      box.setAttribute("aria-expanded", String(fresh.length > 0));
    }

    function ask() {
      const word = parts().pop().trim();
      if (!word) {
        close();
        return;
      }
      const question = ++asked;
      fetch(box.dataset.suggestUrl + "?q=" + encodeURIComponent(word), { headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? response.json() : { results: [] }))
        .then((data) => {
          if (question === asked) show(data.results || []);
        })
        .catch(close);
    }

    function choose(item) {
      const before = parts().slice(0, -1).map((part) => part.trim()).filter(Boolean);
      box.value = before.concat([item.textContent]).join(", ") + ", ";
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
        event.preventDefault(); // completes the word; does not send the form
        choose(options()[active]);
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        close();
      }
    });
    box.addEventListener("blur", function () {
      setTimeout(close, 150);
    });
    list.addEventListener("mousedown", function (event) {
      const item = event.target.closest("[role=option]");
      if (item) {
        event.preventDefault();
        choose(item);
      }
    });
  }
})();
