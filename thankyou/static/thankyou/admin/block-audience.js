/* Each block's header in the page editor says who sees it: "Everyone", or
 * the segments chosen in its settings (behind the cog). Kept up to date as
 * segments are chosen, replaced or removed. The words come translated on
 * this script's tag. */
(() => {
  const words = document.currentScript.dataset;

  function audience(prefix) {
    const count = document.querySelector(`input[name="${prefix}-count"]`);
    const names = [];
    for (let i = 0; i < Number(count.value); i += 1) {
      const deleted = document.querySelector(`input[name="${prefix}-${i}-deleted"]`);
      const input = document.querySelector(`input[name="${prefix}-${i}-value"]`);
      if (!input || !input.value || (deleted && deleted.value)) {
        continue;
      }
      const title = document.querySelector(`#${CSS.escape(input.id)}-chooser [data-chooser-title]`);
      names.push(title ? title.textContent.trim() : input.value);
    }
    return names.length ? `${words.only} ${names.join(", ")}` : words.everyone;
  }

  function update() {
    for (const count of document.querySelectorAll('input[name$="-value-target_segments-count"]')) {
      const heading = count.closest("section[data-panel]")?.querySelector("[data-panel-heading]");
      if (!heading) {
        continue;
      }
      let badge = heading.querySelector(":scope > .ty-audience");
      if (!badge) {
        badge = document.createElement("span");
        badge.className = "ty-audience w-status";
        heading.append(badge);
      }
      const text = audience(count.name.replace(/-count$/, ""));
      if (badge.textContent !== text) {
        badge.textContent = text;
      }
    }
  }

  let queued = false;
  function queue() {
    if (!queued) {
      queued = true;
      requestAnimationFrame(() => {
        queued = false;
        update();
      });
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    update();
    const form = document.querySelector("form[data-edit-form]") || document.body;
    new MutationObserver(queue).observe(form, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ["value", "hidden", "class"],
    });
    form.addEventListener("change", queue);
    form.addEventListener("click", queue);
  });
})();
