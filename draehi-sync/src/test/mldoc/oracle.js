// What Logseq makes of each page file, for draehi-sync's differential test (MldocDifferentialTest).
//
// Usage: node oracle.js GRAPH_ROOT NAME_FORMAT < paths
//   NAME_FORMAT is the graph's :file/name-format, "legacy" or "triple-lowbar";
//   stdin holds one page path per line, relative to GRAPH_ROOT.
// Prints one JSON object per page and line: its name, page properties and the block tree in
// pre-order, each block with its depth, properties, refs, tags, block refs, math and words.
//
// Logseq's parser, mldoc, reads the text with Logseq's own parse config; the AST is then cut
// into blocks the way Logseq's graph-parser does it (logseq.graph-parser.block/extract-blocks,
// with-parent-and-left, extract/get-page-name): every heading is a block, the property drawer,
// planning line and drawers after a heading belong to it, what precedes the first heading is the
// pre-block, and page properties come only from a leading properties node.
'use strict';

const fs = require('fs');
const path = require('path');
const { Mldoc } = require('mldoc');

function parseConfig(format) {
    return JSON.stringify({
        toc: false,
        parse_outline_only: false,
        heading_number: false,
        keep_line_break: true,
        format: format,
        heading_to_list: false,
        exporting_keep_properties: false,
        inline_type_with_pos: false,
        export_md_remove_options: [],
        hiccup_in_block: true,
    });
}

const CONFIGS = { markdown: parseConfig('Markdown'), org: parseConfig('Org') };

function formatOf(file) {
    const ext = path.extname(file).slice(1).toLowerCase();
    return ext === 'org' ? 'org' : 'markdown';
}

// ---- page names (extract/get-page-name and the file name formats) ----

function safeDecode(s) {
    try {
        return decodeURIComponent(s);
    } catch (e) {
        return s;
    }
}

function titleFromFileName(body, nameFormat) {
    if (nameFormat === 'triple-lowbar') {
        let s = body.split('___').join('/');
        s = s.replace(/%[0-7][0-9a-fA-F]/g, (m) => safeDecode(m));
        if (s.includes('/')) {
            const segs = s.split('/').filter((x) => x.length > 0);
            if (segs.length > 0) {
                s = segs.join('/');
            }
        }
        return s;
    }
    return safeDecode(body.split('.').join('/'));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function journalDay(title) {
    let m = /^(\d{4})[_-](\d{2})[_-](\d{2})$/.exec(title);
    if (m) {
        return Number(m[1] + m[2] + m[3]);
    }
    m = /^([A-Za-z]{3}) (\d{1,2})(?:st|nd|rd|th), (\d{4})$/.exec(title);
    if (m) {
        const month = MONTHS.findIndex((x) => x.toLowerCase() === m[1].toLowerCase());
        if (month >= 0) {
            return Number(m[3]) * 10000 + (month + 1) * 100 + Number(m[2]);
        }
    }
    return null;
}

// ---- inline AST helpers ----

function plainOf(inlines) {
    let out = '';
    for (const node of inlines || []) {
        const [type, value] = node;
        if (type === 'Plain') {
            out += value;
        } else if (type === 'Link') {
            out += value.full_text;
        } else if (type === 'Nested_link') {
            out += value.content;
        }
    }
    return out;
}

function unBracket(s) {
    const t = s.trim();
    if (t.startsWith('[[') && t.endsWith(']]')) {
        return t.slice(2, -2);
    }
    return t;
}

function tagText(node) {
    return unBracket(plainOf(node[1]));
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const BLOCK_REF = /^\(\(([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\)\)$/;
const LOCAL_ASSET = /^[./]*assets\//i;

function isLocalAsset(s) {
    return LOCAL_ASSET.test(s);
}

// block/get-page-reference, get-tag and get-block-reference over one node; also what is shown.
function visit(node, acc) {
    if (!Array.isArray(node) || typeof node[0] !== 'string') {
        if (Array.isArray(node)) {
            for (const n of node) {
                visit(n, acc);
            }
        }
        return;
    }
    const [type, value] = node;
    switch (type) {
        case 'Plain':
        case 'Code':
        case 'Verbatim':
            acc.words.push(value);
            return;
        case 'Spaces':
        case 'Break_Line':
        case 'Hard_Break_Line':
            return;
        case 'Link': {
            const [kind, target] = value.url;
            if (kind === 'Page_ref' && typeof target === 'string') {
                if (!isLocalAsset(target) && !target.endsWith('.excalidraw')) {
                    acc.refs.push(target);
                }
            } else if (kind === 'Search' && typeof target === 'string') {
                if (/^\[\[.*\]\]$/.test(target)) {
                    acc.refs.push(unBracket(target));
                } else if (!/^[#*/\[]/.test(target) && !/^(https?|file):/.test(target)
                        && !isLocalAsset(target)) {
                    const ext = path.extname(target).slice(1).toLowerCase();
                    if (ext === 'excalidraw' || !['md', 'markdown', 'org'].includes(ext)) {
                        acc.searchRefs.push(target);
                    }
                }
            } else if (kind === 'Block_ref' && typeof target === 'string') {
                if (UUID.test(target)) {
                    acc.blockRefs.push(target.toLowerCase());
                }
            } else if (kind === 'Complex' && target && target.protocol === 'id'
                    && UUID.test(target.link)) {
                acc.blockRefs.push(target.link.toLowerCase());
            }
            const label = value.label || [];
            if (value.full_text.startsWith('!')) {
                // an image: its label is no text
            } else if (label.length > 0 && !(label.length === 1 && label[0][0] === 'Plain'
                    && label[0][1] === '')) {
                visit(label, acc);
            } else if (kind === 'Page_ref') {
                acc.words.push(target);
            } else if (kind !== 'Block_ref') {
                acc.words.push(value.full_text);
            }
            return;
        }
        case 'Nested_link':
            // graph-parser walks into it: the inner [[b]] of [[a [[b]]]] is a ref too
            acc.refs.push(value.content.slice(2, -2));
            acc.words.push(value.content);
            for (const child of value.children || []) {
                if (child[0] === 'Nested_link') {
                    visit(child, { ...acc, words: [] });
                }
            }
            return;
        case 'Tag': {
            const tag = tagText(node);
            if (tag.length > 0) {
                acc.tags.push(tag);
            }
            // a tag's page ref inside #[[…]] is a ref too, the same page
            acc.words.push(tag);
            return;
        }
        case 'Block_reference':
            if (UUID.test(value)) {
                acc.blockRefs.push(value.toLowerCase());
            }
            return;
        case 'Macro': {
            if (value.name === 'embed') {
                const arg = (value.arguments || []).join(', ').trim();
                const m = BLOCK_REF.exec(arg);
                if (m) {
                    acc.blockRefs.push(m[1].toLowerCase());
                } else if (arg.startsWith('[[') && arg.endsWith(']]')) {
                    acc.refs.push(arg.slice(2, -2));
                }
            }
            return;
        }
        case 'Latex_Fragment':
            acc.math.push({ display: value[0] === 'Displayed', tex: value[1] });
            return;
        case 'Displayed_Math':
            acc.math.push({ display: true, tex: value });
            return;
        case 'Latex_Environment':
            acc.math.push({
                display: true,
                tex: '\\begin{' + node[1] + '}' + node[3] + '\\end{' + node[1] + '}',
            });
            return;
        case 'Footnote_Definition':
            acc.footnotes.push(plainOf(node[2]));
            visit(node[2], acc);
            return;
        case 'Src':
            acc.words.push((value.lines || []).join(''));
            return;
        case 'Example':
            acc.words.push((value || []).join(''));
            return;
        case 'Custom':
            if (node[1] === 'query') {
                return;
            }
            visit(node[3], acc);
            return;
        case 'Property_Drawer':
        case 'Properties':
        case 'Drawer':
        case 'Timestamp':
        case 'Directive':
        case 'Comment':
        case 'Hiccup':
        case 'Raw_Html':
        case 'Inline_Html':
        case 'Export_Snippet':
        case 'Entity':
        case 'Footnote_Reference':
        case 'Cookie':
        case 'Horizontal_Rule':
        case 'Inline_Hiccup':
        case 'Email':
        case 'Target':
        case 'Radio_Target':
        case 'Inline_Source_Block':
            return;
        case 'List':
            for (const item of value) {
                visit(item.content, acc);
                visit(item.name, acc);
            }
            return;
        case 'Table':
            visit(value.header, acc);
            visit(value.groups, acc);
            return;
        default:
            // Paragraph, Emphasis, Quote, Heading titles, Subscript, …: their children
            visit(node.slice(1), acc);
    }
}

// ---- properties ----

function propsOf(node) {
    const out = {};
    const refs = [];
    if (node[0] === 'Properties') {
        for (const [k, v] of Object.entries(node[1])) {
            out[k.toLowerCase()] = String(v);
        }
        return { props: out, refs };
    }
    for (const [k, v, vrefs] of node[1]) {
        const key = k.toLowerCase();
        if (!(key in out)) {
            out[key] = v;
        }
        if (key === 'tags' || key === 'alias') {
            // text/parse-property: comma-separated page names, brackets and # dropped
            for (const item of splitPageList(v)) {
                refs.push({ key, target: item });
            }
            continue;
        }
        const acc = newAcc();
        visit(vrefs || [], acc);
        for (const r of acc.refs.concat(acc.tags)) {
            refs.push({ key, target: r });
        }
    }
    return { props: out, refs };
}

function splitPageList(value) {
    const out = [];
    let depth = 0;
    let start = 0;
    for (let i = 0; i <= value.length; i++) {
        const c = i < value.length ? value[i] : ',';
        if (c === '[') {
            depth++;
        } else if (c === ']') {
            depth = Math.max(0, depth - 1);
        } else if (c === ',' && depth === 0) {
            let item = value.slice(start, i).trim().replace(/^#/, '');
            item = unBracket(item).replace(/^"(.*)"$/, '$1').trim();
            if (item.length > 0) {
                out.push(item);
            }
            start = i + 1;
        }
    }
    return out;
}

function isPropertiesNode(node) {
    return node && (node[0] === 'Property_Drawer' || node[0] === 'Properties');
}

function newAcc() {
    return { refs: [], searchRefs: [], tags: [], blockRefs: [], math: [], words: [], footnotes: [] };
}

// mldoc/collect-page-properties: every directive becomes a page property, in front of the AST.
function collectDirectives(ast) {
    const props = {};
    const rest = [];
    for (const item of ast) {
        if (item[0][0] === 'Directive') {
            const key = item[0][1].toLowerCase();
            if (!(key in props)) {
                props[key] = item[0][2];
            }
        } else {
            rest.push(item);
        }
    }
    return Object.keys(props).length > 0 ? [[['Properties', props], null]].concat(rest) : ast;
}

function paragraphTimestamps(node) {
    return node[0] === 'Paragraph'
        && ((node[1][0] && node[1][0][0] === 'Timestamp')
            || (node[1][1] && node[1][1][0] === 'Timestamp'));
}

function heading(node) {
    return node[0] === 'Heading';
}

function page(root, file, nameFormat) {
    const format = formatOf(file);
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    const ast = text.trim().length === 0
        ? []
        : collectDirectives(JSON.parse(Mldoc.parseJson(text, CONFIGS[format])));

    // page properties: only a leading properties node
    let pageProps = {};
    let pageRefs = [];
    let start = 0;
    if (ast.length > 0 && isPropertiesNode(ast[0][0])) {
        const p = propsOf(ast[0][0]);
        pageProps = p.props;
        pageRefs = p.refs;
        start = 1;
    }

    // blocks: a heading opens one; what follows it up to the next heading is its body
    const blocks = [];
    let pre = null;
    let cur = null;
    for (let i = start; i < ast.length; i++) {
        const node = ast[i][0];
        if (heading(node)) {
            const h = node[1];
            let level = h.level;
            if (format === 'markdown' && h.size && !h.unordered) {
                level = 1;
            }
            cur = { level, title: h.title, orgTags: h.tags || [], body: [], props: null,
                propRefs: [], hasPlanning: false };
            blocks.push(cur);
            continue;
        }
        const target = cur || (pre = pre || { level: 1, title: [], orgTags: [], body: [],
            props: null, propRefs: [], pre: true });
        if (isPropertiesNode(node)) {
            if (target.props === null) {
                const p = propsOf(node);
                target.props = p.props;
                target.propRefs = p.refs;
            }
        } else if (target !== pre && paragraphTimestamps(node)) {
            target.hasPlanning = true;
        } else {
            target.body.push(node);
        }
    }
    if (pre) {
        const visible = pre.body.filter((n) => !(n[0] === 'Paragraph'
            && n[1].every((x) => x[0] === 'Break_Line' || (x[0] === 'Plain' && x[1].trim() === ''))));
        // with page properties, the pre-block holds them and is no block of the outline; a
        // second properties node in it is dropped by graph-parser
        if (visible.length > 0 || (pre.props !== null && start === 0)) {
            pre.body = visible;
            blocks.unshift(pre);
        }
    }

    // block/with-parent-and-left: nesting by level, relative to the open parents
    const parents = [{ level: 0, depth: 0 }];
    for (const b of blocks) {
        let top = parents[parents.length - 1];
        if (b.level === top.level) {
            parents[parents.length - 1] = b;
            b.depth = top.depth;
        } else if (b.level > top.level) {
            b.depth = top.depth + 1;
            parents.push(b);
        } else if (parents.some((p) => p.level === b.level)) {
            while (parents[parents.length - 1].level > b.level) {
                parents.pop();
            }
            b.depth = parents[parents.length - 1].depth;
            parents[parents.length - 1] = b;
        } else {
            let left = null;
            while (parents[parents.length - 1].level > b.level) {
                left = parents.pop();
            }
            b.level = left.level;
            b.depth = parents[parents.length - 1].depth + 1;
            parents.push(b);
        }
    }

    let name;
    let titleFrom;
    const base = path.basename(file);
    const body = base.includes('.') ? base.slice(0, base.lastIndexOf('.')) : base;
    const firstHeading = blocks.find((b) => !b.pre);
    if (/(^|\/)pages\/contents\.[^/]*$/i.test(file)) {
        name = 'Contents';
        titleFrom = 'contents';
    } else if (pageProps.title && pageProps.title.trim() !== '') {
        name = pageProps.title.trim();
        titleFrom = 'property';
    } else if (body.length > 0) {
        name = titleFromFileName(body, nameFormat);
        titleFrom = 'file';
    } else {
        name = firstHeading ? plainOf(firstHeading.title) : '';
        titleFrom = 'heading';
    }

    const out = [];
    for (const b of blocks) {
        const acc = newAcc();
        visit(b.title, acc);
        visit(b.body, acc);
        for (const t of b.orgTags) {
            acc.tags.push(t);
        }
        out.push({
            depth: b.depth,
            pre: b.pre === true,
            properties: b.props || {},
            propertyRefs: b.propRefs,
            refs: acc.refs,
            searchRefs: acc.searchRefs,
            tags: acc.tags,
            blockRefs: acc.blockRefs,
            math: acc.math,
            footnotes: acc.footnotes,
            words: acc.words.join(' '),
            planning: b.hasPlanning,
        });
    }
    return {
        path: file,
        format,
        name,
        titleFrom,
        journalDay: journalDay(name),
        pageProperties: pageProps,
        pagePropertyRefs: pageRefs,
        blocks: out,
    };
}

function main() {
    const [root, nameFormat] = process.argv.slice(2);
    const files = fs.readFileSync(0, 'utf8').split('\n').filter((l) => l.length > 0);
    const lines = [];
    for (const file of files) {
        try {
            lines.push(JSON.stringify(page(root, file, nameFormat || 'legacy')));
        } catch (e) {
            lines.push(JSON.stringify({ path: file, error: String(e && e.stack || e) }));
        }
    }
    process.stdout.write(lines.join('\n') + '\n');
}

main();
