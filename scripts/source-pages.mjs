// The documents the policies cite (policies/sources/: press releases, the State Council excerpt, the
// rule book, the account of third-party figures), each as a page of dist/sources/, and the project's
// own documentation a page names (docs/scenario.md: what each column of the table from 复现 means), as
// a page of dist/docs/, for scripts/assemble-dist.mjs. Every figure on the page names its document and
// quotes it; a journalist checking a quote needs the text it was taken from, not a file name. The
// pages keep their names (sources/<file without extension>.html) so that a link to one stays good
// across builds, and the page links each document where it names it (www/js/sources.js); a quote's
// link carries a text fragment (#:~:text=…), which Chromium-based browsers (WeChat's among them) and
// Safari 16.1+ scroll to and highlight.
//
// A .md file is Markdown (marked, pinned in package.json); its numbered sections (「## 2. …」,
// 「### 4.16 …」) get ids sec-2, sec-4.16, … so that a step's 依据「RULES §2 …」 can link to its
// section. Any other file is plain text: a paragraph a line, but for lines the copy cut mid-sentence.

import fs from 'node:fs';
import path from 'node:path';
import { Marked } from 'marked';

export const SOURCES_DIR = 'sources';
export const DOCS_DIR = 'docs';
// The project's documents a page links to (www/panels.js: the table's columns, docs/scenario.md §4.16).
const PUBLISHED_DOCS = ['scenario.md'];
// The page of a document file in `dir` (sources/ has the same rule in www/js/sources.js's sourceHref).
const pageOf = (dir, file) => `${dir}/${file.replace(/\.[^.]+$/, '')}.html`;

const esc = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

const markdown = new Marked({
  gfm: true,
  renderer: {
    heading({ tokens, depth, text }) {
      const num = /^(\d+(?:\.\d+[a-z]?)*)\.?\s/.exec(text);
      return `<h${depth}${num ? ` id="sec-${num[1]}"` : ''}>${this.parser.parseInline(tokens)}</h${depth}>\n`;
    },
    // The documents are the project's own files, but nothing in them is run or styled on the page.
    html({ text }) {
      return esc(text);
    },
  },
});

// A line of body text that ends without a sentence's end was cut where the copied page broke it (the
// Yantai report breaks 「…社保费功⏎⏎能。」 in the middle of a word): it goes on in the next paragraph.
// Headlines and names are short; body text runs to a hundred characters and more.
const CUT = /[^。!?;:」”)…!?]$/;
function paragraphs(text) {
  const out = [];
  let open = false;
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    if (open) out[out.length - 1] += line;
    else out.push(line);
    open = [...line].length >= 60 && CUT.test(line);
  }
  return out;
}

function body(file, text) {
  if (file.endsWith('.md')) return markdown.parse(text);
  return paragraphs(text).map((l) => `<p>${esc(l)}</p>`).join('\n');
}

// The document's own title: a Markdown file's first heading, a text file's first line.
function titleOf(file, text) {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const heading = lines.find((l) => /^#\s/.test(l));
  return (file.endsWith('.md') && heading ? heading.replace(/^#\s+/, '') : lines[0] || file).replace(/[*`]/g, '');
}

// { file, source, content }: the page of the document at `abs`.
function built(file, abs, about, shelf) {
  const text = fs.readFileSync(abs, 'utf8');
  const title = titleOf(file, text);
  const html = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; object-src 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · ${shelf}</title>
<link rel="icon" href="../icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="../style.css">
</head>
<body>
<main id="main" class="card statement source-doc">
<p><a href="../">← 回到医保待遇测算</a></p>
<p class="source-about">${about}</p>
${body(file, text)}
</main>
</body>
</html>
`;
  return { file, source: path.relative(process.cwd(), abs), content: Buffer.from(html, 'utf8') };
}

// dist path -> { source, content } for each file of `dir` that a policy cites; `cited` maps a file
// name to the titles the policies give it. A cited file missing is an error (build.rs checks the
// quotes against the same files, so it should never be).
export function sourcePages(dir, cited) {
  const out = new Map();
  for (const file of cited.keys()) {
    const abs = path.join(dir, file);
    if (!fs.existsSync(abs)) throw new Error(`a policy cites ${file}, which is not in ${dir}`);
    const rel = pageOf(SOURCES_DIR, file);
    if (out.has(rel)) throw new Error(`${file} and ${out.get(rel).file} would both be ${rel}`);
    const titles = [...new Set(cited.get(file))];
    const about = `这是医保待遇测算所引用资料的文字副本(文件 <span class="mono">${esc(file)}</span>),供核对页面上的引文。` +
      `${titles.length ? `测算页面上它的名称:${titles.map((x) => `「${esc(x)}」`).join('、')}。` : ''}`;
    out.set(rel, built(file, abs, about, '医保待遇测算的资料来源'));
  }
  return out;
}

// dist path -> { source, content } for the project documents the page links to, from `dir` (docs/).
export function docPages(dir) {
  const out = new Map();
  for (const file of PUBLISHED_DOCS) {
    const abs = path.join(dir, file);
    const about = `这是医保待遇测算的项目文档(文件 <span class="mono">docs/${esc(file)}</span>):测算程序读什么、写出什么,每个数、每一列是什么意思。`;
    out.set(pageOf(DOCS_DIR, file), built(file, abs, about, '医保待遇测算的项目文档'));
  }
  return out;
}
