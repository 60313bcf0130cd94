// Escape hides an open term definition (WCAG 1.4.13: content on hover or focus is dismissible).
// Without this file the definitions still work; only the Escape key does nothing.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  document.querySelectorAll(".glossary-term:hover, .glossary-term:focus-within").forEach((term) => {
    term.classList.add("is-dismissed");
  });
});
document.addEventListener("focusin", (event) => {
  document.querySelectorAll(".glossary-term.is-dismissed").forEach((term) => {
    if (!term.contains(event.target)) term.classList.remove("is-dismissed");
  });
});
document.addEventListener("mouseover", (event) => {
  document.querySelectorAll(".glossary-term.is-dismissed").forEach((term) => {
    if (!term.contains(event.target)) term.classList.remove("is-dismissed");
  });
});
