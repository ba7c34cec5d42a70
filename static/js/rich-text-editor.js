// Starts the rich-text editors of the admin (article body, meeting minutes) and cleans what
// is pasted from Microsoft Word.
// Imported by a relative path so that no inline import map is needed (the admin's CSP
// allows scripts from files only).
import * as editor from "../django_prose_editor/editor.js";

const ATTRIBUTE = "data-django-prose-editor-configurable";
const BULLET_MARKERS = /^[\s\u00a0]*[•·o§▪■–\-\uf0b7\uf0a7\uf0d8]/;
const ORDERED_MARKERS = /^[\s\u00a0]*\(?([0-9]+|[a-zA-Z]|[ivxlcdmIVXLCDM]+)[.)]/;

function listInfo(paragraph) {
  const match = /mso-list:\s*(l\d+)\s+level(\d+)/i.exec(paragraph.getAttribute("style") || "");
  return match ? { level: Number(match[2]) } : null;
}

// "a." gives type "a", "ii." gives "i", "1." none: the numbering Word showed.
function numberingType(marker) {
  const match = ORDERED_MARKERS.exec(marker);
  if (!match || /^[0-9]+$/.test(match[1])) return null;
  const roman = /^[ivxlcdm]+$/i.test(match[1]) && (match[1].length > 1 || /^[iI]$/.test(match[1]));
  const type = roman ? "i" : "a";
  return match[1] === match[1].toUpperCase() ? type.toUpperCase() : type;
}

function takeMarker(paragraph) {
  const marker = paragraph.querySelector('span[style*="mso-list"]');
  const text = marker ? marker.textContent : "";
  if (marker) marker.remove();
  return text;
}

// Word writes list items as <p style="mso-list:l0 level1 lfo1"> with the bullet or number
// as text; rebuild real (nested) <ul>/<ol> lists from them.
function convertLists(doc) {
  let stack = [];
  for (const paragraph of Array.from(doc.querySelectorAll("p"))) {
    const info = listInfo(paragraph);
    if (!info) continue;
    if (!stack.length || paragraph.previousElementSibling !== stack[0]) stack = [];
    const marker = takeMarker(paragraph);
    const ordered = ORDERED_MARKERS.test(marker) && !BULLET_MARKERS.test(marker);
    while (stack.length > info.level) stack.pop();
    while (stack.length < info.level) {
      const list = doc.createElement(ordered ? "ol" : "ul");
      const type = ordered && numberingType(marker);
      if (type) list.setAttribute("type", type);
      if (!stack.length) {
        paragraph.before(list);
      } else {
        const parent = stack[stack.length - 1];
        const item = parent.lastElementChild || parent.appendChild(doc.createElement("li"));
        item.appendChild(list);
      }
      stack.push(list);
    }
    const item = doc.createElement("li");
    const text = doc.createElement("p");
    text.append(...paragraph.childNodes);
    item.appendChild(text);
    stack[stack.length - 1].appendChild(item);
    paragraph.remove();
  }
}

// A first row whose cells are all bold is the table's header row.
function markHeaderRows(doc) {
  for (const table of doc.querySelectorAll("table")) {
    const row = table.querySelector("tr");
    if (!row) continue;
    const cells = Array.from(row.children);
    const bold = (cell) =>
      cell.textContent.trim() &&
      Array.from(cell.querySelectorAll("b, strong")).map((b) => b.textContent).join("").trim() ===
        cell.textContent.trim();
    if (!cells.length || !cells.every(bold)) continue;
    for (const cell of cells) {
      const header = doc.createElement("th");
      header.append(...cell.childNodes);
      cell.replaceWith(header);
    }
  }
}

export function cleanWordHtml(html) {
  if (!/mso-|MsoNormal|urn:schemas-microsoft-com/i.test(html)) return html;
  const doc = new DOMParser().parseFromString(html, "text/html");
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_COMMENT);
  const comments = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  for (const comment of comments) comment.remove();
  for (const element of doc.querySelectorAll("style, script, meta, link, xml, o\\:p")) {
    if (element.localName === "o:p" && element.textContent.trim()) {
      element.replaceWith(...element.childNodes);
    } else {
      element.remove();
    }
  }
  convertLists(doc);
  markHeaderRows(doc);
  // The page title is the only <h1>; body headings start at level 2.
  for (const heading of doc.querySelectorAll("h1, h5, h6")) {
    const replacement = doc.createElement(heading.localName === "h1" ? "h2" : "h4");
    replacement.append(...heading.childNodes);
    heading.replaceWith(replacement);
  }
  for (const element of doc.body.querySelectorAll("[class], [style]")) {
    element.removeAttribute("class");
    element.removeAttribute("style");
  }
  return doc.body.innerHTML;
}

const WordPaste = editor.Extension.create({
  name: "wordPaste",
  addProseMirrorPlugins() {
    return [new editor.Plugin({ props: { transformPastedHTML: cleanWordHtml } })];
  },
});

// The editor's own labels are English and bypass gettext (its gettext() strings are in the
// djangojs catalogue): these are said in Vietnamese once the menu and each dialog exist.
const LABELS = {
  paragraph: "Đoạn văn",
  Paragraph: "Đoạn văn",
  "heading 2": "Tiêu đề cấp 2",
  "heading 3": "Tiêu đề cấp 3",
  "heading 4": "Tiêu đề cấp 4",
  "Heading 2": "Tiêu đề cấp 2",
  "Heading 3": "Tiêu đề cấp 3",
  "Heading 4": "Tiêu đề cấp 4",
  "unordered list": "Danh sách gạch đầu dòng",
  "ordered list": "Danh sách đánh số",
  blockquote: "Trích dẫn",
  "horizontal rule": "Đường kẻ ngang",
  figure: "Hình ảnh",
  bold: "In đậm",
  italic: "In nghiêng",
  underline: "Gạch chân",
  strike: "Gạch ngang chữ",
  subscript: "Chỉ số dưới",
  superscript: "Chỉ số trên",
  left: "Căn trái",
  center: "Căn giữa",
  right: "Căn phải",
  justify: "Căn đều hai bên",
  "insert link": "Chèn liên kết",
  "remove link": "Bỏ liên kết",
  "Insert table": "Chèn bảng",
  "Add column": "Thêm cột bên phải",
  "Delete column": "Xóa cột",
  "Add row": "Thêm hàng bên dưới",
  "Delete row": "Xóa hàng",
  "Merge cells": "Gộp ô",
  "Split cell": "Tách ô",
  "Toggle header cell": "Đặt hoặc bỏ ô tiêu đề",
  "Delete table": "Xóa bảng",
  undo: "Hoàn tác",
  redo: "Làm lại",
  "edit HTML": "Sửa mã HTML",
  Yes: "Có",
  No: "Không",
};

function say(label) {
  return LABELS[label] || LABELS[label.trim()] || null;
}

function translate(root) {
  for (const element of root.querySelectorAll("[title], [aria-label]")) {
    for (const name of ["title", "aria-label"]) {
      const label = element.getAttribute(name) && say(element.getAttribute(name));
      if (label) element.setAttribute(name, label);
    }
  }
  for (const option of root.querySelectorAll(".prose-menubar__option > *")) {
    const label = say(option.textContent);
    if (label) option.textContent = label;
  }
  // The table dialog compares the chosen value with "Yes": keep the value, change the text.
  for (const option of root.querySelectorAll("dialog option")) {
    const label = say(option.textContent);
    if (label && !option.hasAttribute("value")) {
      option.value = option.textContent;
      option.textContent = label;
    }
  }
}

function speakVietnamese(textarea) {
  const wrapper = textarea.closest(".prose-editor");
  if (!wrapper) return;
  translate(wrapper);
  // Dialogs (table, link) are added when opened; the dropdown clones translated buttons.
  new MutationObserver(() => translate(wrapper)).observe(wrapper, {
    childList: true,
    subtree: true,
  });
}

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null;
  const config = JSON.parse(textarea.getAttribute(ATTRIBUTE) || "{}");
  const extensions = [WordPaste];
  for (const [name, options] of Object.entries(config.extensions || {})) {
    const extension = editor[name];
    if (!extension) continue;
    extensions.push(typeof options === "object" ? extension.configure(options) : extension);
  }
  const instance = editor.createTextareaEditor(textarea, extensions);
  speakVietnamese(textarea);
  textarea.dispatchEvent(
    new CustomEvent("prose-editor:ready", { detail: { editor: instance, textarea }, bubbles: true }),
  );
  return instance;
}

editor.initializeEditors(createEditor, `[${ATTRIBUTE}]`);
