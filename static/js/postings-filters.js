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
    const chosenSlugs = () => Array.from(chosen.querySelectorAll("input[name=skill]"), (input) => input.value);

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
      const before = window.careerguideTypeahead.namesBefore(box);
      box.value = before.length ? before.join(", ") + ", " : "";
      status.textContent = item.textContent + " added";
    }

    window.careerguideTypeahead(box, list, {
      suggestUrl: list.dataset.suggestUrl,
      keep: (skill) => !chosenSlugs().includes(skill.slug), // a chosen skill is not offered again
      choose,
      announce: (text) => {
        status.textContent = text;
      },
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
