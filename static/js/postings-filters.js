// The postings filter form, enhanced. Without this file the form works the same: skill names typed in the
// box (comma separated) are matched by the server, and empty fields are dropped from the address with a redirect.
"use strict";

(function () {
  const form = document.querySelector("form.filters");
  if (!form) return;

  // The skill box becomes a combobox: suggestions (from /skills/suggest/) for the word being typed; choosing
  // one adds it as a chip with a hidden skill=<slug>, as the server renders the skills already chosen.
  const picker = form.querySelector("[data-skill-picker]");
  const box = picker && picker.querySelector("[data-typeahead] input");
  const list = picker && picker.querySelector("#skill-suggestions");
  const chosen = picker && picker.querySelector("[data-chosen-skills]");
  if (box && list && chosen) {
    const status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite"); // not role=status: that is the page's count of results
    list.after(status);
    box.setAttribute("role", "combobox");
    box.setAttribute("aria-autocomplete", "list");
    box.setAttribute("aria-expanded", "false");
    box.setAttribute("aria-controls", list.id);

    let active = -1;
    let timer = null;
    let asked = 0; // answers to older questions arrive late: only the latest is shown

    const chosenSlugs = () => Array.from(chosen.querySelectorAll("input[name=skill]"), (input) => input.value);
    const currentWord = () => box.value.split(",").pop().trim();
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
      const taken = chosenSlugs();
      const fresh = results.filter((skill) => !taken.includes(skill.slug));
      list.replaceChildren();
      fresh.forEach((skill, i) => {
        const item = document.createElement("li");
        item.id = "skill-suggestion-" + i;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.dataset.slug = skill.slug;
        item.textContent = skill.name;
        list.append(item);
      });
      active = -1;
      list.hidden = fresh.length === 0;
      box.setAttribute("aria-expanded", String(fresh.length > 0));
      status.textContent = fresh.length
        ? fresh.length + " suggestion" + (fresh.length === 1 ? "" : "s") + ": use the arrow keys"
        : "No skill by that name";
    }

    function ask() {
      const word = currentWord();
      if (!word) {
        close();
        return;
      }
      const question = ++asked;
      fetch(list.dataset.suggestUrl + "?q=" + encodeURIComponent(word), { headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? response.json() : { results: [] }))
        .then((data) => {
          if (question === asked) show(data.results || []);
        })
        .catch(close); // offline: the box still works as a plain field
    }

    function choose(item) {
      const li = document.createElement("li");
      const chip = document.createElement("button");
      chip.type = "button";
      chip.className = "chip";
      chip.dataset.slug = item.dataset.slug;
      chip.append(item.textContent + " ");
      const mark = document.createElement("span");
      mark.className = "remove";
      mark.setAttribute("aria-hidden", "true");
      mark.textContent = "×";
      const hint = document.createElement("span");
      hint.className = "visually-hidden";
      hint.textContent = "(remove)";
      chip.append(mark, hint);
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = "skill";
      input.value = item.dataset.slug;
      li.append(chip, input);
      chosen.append(li);
      chosen.hidden = false;
      // The word typed is now a chip: keep the names before it, for the server to match.
      const before = box.value.split(",").slice(0, -1).map((part) => part.trim()).filter(Boolean);
      box.value = before.length ? before.join(", ") + ", " : "";
      status.textContent = item.textContent + " added";
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
        choose(options()[active]);
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
        choose(item);
      }
    });
    // A chip added here is removed here; a chip the server rendered is a link to the address without it.
    chosen.addEventListener("click", function (event) {
      const chip = event.target.closest("button.chip");
      if (!chip) return;
      chip.parentElement.remove();
      chosen.hidden = chosen.children.length === 0;
      status.textContent = chip.firstChild.textContent.trim() + " removed";
      box.focus();
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
