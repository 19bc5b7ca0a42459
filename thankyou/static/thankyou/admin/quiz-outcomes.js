/* A quiz answer's outcome is chosen from its own quiz's outcomes: when the
 * field gets focus, it offers their keys (titled) as the editor has them now. */
document.addEventListener("focusin", (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || !input.hasAttribute("data-ty-outcome-choice")) {
    return;
  }
  const quiz = input.name.split("-value-questions-")[0];
  const listId = `${input.id}-outcomes`;
  let list = document.getElementById(listId);
  if (!list) {
    list = document.createElement("datalist");
    list.id = listId;
    input.after(list);
  }
  list.replaceChildren();
  const keys = document.querySelectorAll(`input[name^="${quiz}-value-outcomes-"][name$="-value-key"]`);
  for (const key of keys) {
    const deleted = document.querySelector(`input[name="${key.name.replace(/-value-key$/, "-deleted")}"]`);
    if (!key.value || (deleted && deleted.value)) {
      continue;
    }
    const title = document.querySelector(`input[name="${key.name.replace(/-key$/, "-title")}"]`);
    const option = document.createElement("option");
    option.value = key.value;
    option.label = title && title.value ? `${title.value} (${key.value})` : key.value;
    list.append(option);
  }
  input.setAttribute("list", listId);
});
