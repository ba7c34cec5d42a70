// Starts the minutes editor. Imported by a relative path so that no inline import map is
// needed (the admin's CSP allows scripts from files only).
import * as editor from "../django_prose_editor/editor.js";

const ATTRIBUTE = "data-django-prose-editor-configurable";

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null;
  const config = JSON.parse(textarea.getAttribute(ATTRIBUTE) || "{}");
  const extensions = Object.entries(config.extensions || {})
    .filter(([name]) => editor[name])
    .map(([name, options]) =>
      typeof options === "object" ? editor[name].configure(options) : editor[name],
    );
  return editor.createTextareaEditor(textarea, extensions);
}

editor.initializeEditors(createEditor, `[${ATTRIBUTE}]`);
