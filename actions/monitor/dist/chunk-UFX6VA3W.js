import { createRequire as __stewardRequire } from 'node:module'; const require = __stewardRequire(import.meta.url);
import{a as c}from"./chunk-DWVVAJ7S.js";import{b as p,c as b,d as x,e as $}from"./chunk-IXPUEM3R.js";import{a as y}from"./chunk-NUS6427J.js";import{b as d,e as w,g}from"./chunk-YFHNYD3Y.js";import"./chunk-OXAFA3RK.js";import"./chunk-GCN4ZLXN.js";import{a as m}from"./chunk-PA34RNCL.js";import"./chunk-ETFAOM4C.js";import{resolve as v}from"node:path";import{execFile as R}from"node:child_process";var k=(o,t)=>new Promise(e=>{R("git",t,{cwd:o,encoding:"utf8"},(r,i)=>e(r?void 0:i.trim()||void 0))});async function E(o){let t=await k(o,["symbolic-ref","--quiet","--short","refs/remotes/origin/HEAD"]);return t?.startsWith("origin/")?t.slice(7):k(o,["symbolic-ref","--quiet","--short","HEAD"])}async function h(o,t){let e=b(t.model);if(e)throw new m(`usage: --model: ${e}`);let r=!t.modelOnly||await o.stat("policies/default.yaml")===void 0,i=x({model:t.model,ref:t.ref,layout:r,...t.branch?{branch:t.branch}:{}}),s=new Set;for(let n of i)await o.stat(n.path)!==void 0&&s.add(n.path);return{files:i,existing:s,layout:r}}async function I(o,t){let e=await h(o,t),r=`models/${t.model}/model.yaml`;if(e.existing.has(r)&&!t.force)throw new m(`${r} exists: nothing written (--force overwrites it)`);let i=[],s=[];for(let n of e.files){if(e.existing.has(n.path)&&!t.force){s.push(n.path);continue}await o.write(n.path,n.text),i.push(n.path)}return{written:i,kept:s,layout:e.layout}}var A=`usage: steward init [--model NAME] [--yes] [--force] [--root DIR]

Starts model-steward in a repository (empty or not): models/NAME/model.yaml, policies/default.yaml,
.github/workflows/steward-{pr,apply,monitor}.yml calling the published reusable workflows at
${p(c)}, and .vscode/settings.json mapping the schemas for the YAML extension.
With --model NAME in a repository that has the layout, adds that model only.

  --model NAME  the model to create (default: my-model)
  --yes         write without asking (required when standard input is not a terminal)
  --force       overwrite files that exist (default: keep them, and say so)

Then prints the next three steps. Exit 0 written, 2 usage (a model that exists, a bad name).
`,K=async(o,t)=>{let{values:e}=w(o,{...g,model:{type:"string"},yes:{type:"boolean",short:"y"},force:{type:"boolean"}});if(e.help)return t.stdout(A),d;let r=v(t.cwd,e.root??"."),i=y(r),s=await E(r),n={model:e.model??"my-model",modelOnly:e.model!==void 0,force:e.force??!1,ref:p(c),...s?{branch:s}:{}};if(!e.yes){let a=await h(i,n),f=a.files.map(u=>`  ${u.path}${a.existing.has(u.path)?n.force?"  (overwrite)":"  (exists, kept)":""}`).join(`
`);if(!t.ask)throw new m(`usage: init would write these files under ${r}; pass --yes to write them without asking:
${f}`);let F=await t.ask(`steward init will write under ${r}:
${f}
Write them? [y/N] `);if(!/^y(es)?$/i.test(F.trim()))return t.stderr(`nothing written
`),d}let l=await I(i,n);l.kept.length&&t.stdout(`init: ${l.written.length} file(s) written, ${l.kept.length} KEPT because they exist (${l.kept.join(", ")}); --force overwrites them
`);for(let a of l.written)t.stdout(`wrote ${a}
`);for(let a of l.kept)t.stdout(`kept  ${a} (exists; --force overwrites it)
`);return l.written.includes(".github/workflows/steward-apply.yml")&&t.stdout(`apply runs on pushes to ${s??"main"} (${s?"this clone's default branch":"no branch found in this clone"}); change \`branches:\` in .github/workflows/steward-apply.yml if merges land elsewhere
`),t.stdout(`
Next:
${$(n.model).map((a,f)=>`  ${f+1}. ${a}`).join(`
`)}
`),d};export{K as initCli};
