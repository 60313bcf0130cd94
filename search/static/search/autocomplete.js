// Suggestions while typing in any search box with data-autocomplete-url: an ARIA 1.2 combobox
// (input + listbox, arrow keys move through options, Enter opens one, Escape closes).
// Progressive enhancement: without this file the box is a plain search form.
(() => {
  const MIN_CHARS = 2;
  const DELAY_MS = 200;
  const ENGLISH = document.documentElement.lang.startsWith("en");
  const countText = (n) => (ENGLISH ? `${n} suggestion${n === 1 ? "" : "s"}` : `${n} forslag`);
  let counter = 0;

  function setup(input) {
    counter += 1;
    const listId = `search-suggestions-${counter}`;
    const list = document.createElement("ul");
    list.id = listId;
    list.className = "search-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute(
      "aria-label",
      input.labels?.[0]?.textContent?.trim() || (ENGLISH ? "Suggestions" : "Forslag"),
    );
    list.hidden = true;
    const status = document.createElement("p");
    status.className = "sr-only";
    status.setAttribute("role", "status");
    input.insertAdjacentElement("afterend", list);
    list.insertAdjacentElement("afterend", status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    let timer = null;
    let active = -1;
    let lastQuery = "";
    let controller = null;

    const options = () => Array.from(list.querySelectorAll('[role="option"]'));

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      const items = options();
      items.forEach((item, i) => item.setAttribute("aria-selected", i === index ? "true" : "false"));
      active = index;
      if (index >= 0 && items[index]) {
        input.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function render(results) {
      list.replaceChildren();
      results.forEach((result, i) => {
        const item = document.createElement("li");
        item.id = `${listId}-${i}`;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.dataset.url = result.url;
        const title = document.createElement("span");
        title.textContent = result.title;
        const type = document.createElement("span");
        type.className = "search-suggestions__type";
        type.textContent = result.type;
        item.append(title, " ", type);
        item.addEventListener("mousedown", (event) => {
          event.preventDefault(); // keep focus in the input until we navigate
          window.location.assign(result.url);
        });
        list.append(item);
      });
      const count = results.length;
      status.textContent = countText(count);
      if (count) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
      active = -1;
    }

    async function load(query) {
      controller?.abort();
      controller = new AbortController();
      const url = `${input.dataset.autocompleteUrl}?q=${encodeURIComponent(query)}`;
      try {
        const response = await fetch(url, {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
          signal: controller.signal,
        });
        if (!response.ok) return;
        const data = await response.json();
        if (input.value.trim() === query) render(data.results || []);
      } catch (error) {
        if (error.name !== "AbortError") close();
      }
    }

    input.addEventListener("input", () => {
      const query = input.value.trim();
      clearTimeout(timer);
      if (query.length < MIN_CHARS) {
        close();
        lastQuery = "";
        return;
      }
      if (query === lastQuery) return;
      lastQuery = query;
      timer = setTimeout(() => load(query), DELAY_MS);
    });

    input.addEventListener("keydown", (event) => {
      const items = options();
      if (event.key === "ArrowDown") {
        if (list.hidden && items.length) {
          list.hidden = false;
          input.setAttribute("aria-expanded", "true");
        }
        if (items.length) {
          event.preventDefault();
          highlight((active + 1) % items.length);
        }
      } else if (event.key === "ArrowUp") {
        if (items.length && !list.hidden) {
          event.preventDefault();
          highlight(active <= 0 ? items.length - 1 : active - 1);
        }
      } else if (event.key === "Enter") {
        if (!list.hidden && active >= 0 && items[active]) {
          event.preventDefault();
          window.location.assign(items[active].dataset.url);
        }
      } else if (event.key === "Escape") {
        if (!list.hidden) {
          event.preventDefault();
          close();
        }
      }
    });

    input.addEventListener("blur", () => setTimeout(close, 100));
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("input[data-autocomplete-url]").forEach(setup);
  });
})();
