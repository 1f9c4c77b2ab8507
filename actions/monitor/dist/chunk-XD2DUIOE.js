import { createRequire as __stewardRequire } from 'node:module'; const require = __stewardRequire(import.meta.url);
import{a as p}from"./chunk-GFQTIGCY.js";import{b as f,c as g,d as x,e as $}from"./chunk-YHDW2UEO.js";import{a as y}from"./chunk-NUS6427J.js";import{b as d,e as h,g as w}from"./chunk-JZRPCR7L.js";import"./chunk-OXAFA3RK.js";import"./chunk-GCN4ZLXN.js";import{a as l}from"./chunk-PA34RNCL.js";import"./chunk-ETFAOM4C.js";import{resolve as b}from"node:path";async function c(a,t){let e=g(t.model);if(e)throw new l(`usage: --model: ${e}`);let r=!t.modelOnly||await a.stat("policies/default.yaml")===void 0,i=x({model:t.model,ref:t.ref,layout:r}),n=new Set;for(let o of i)await a.stat(o.path)!==void 0&&n.add(o.path);return{files:i,existing:n,layout:r}}async function k(a,t){let e=await c(a,t),r=`models/${t.model}/model.yaml`;if(e.existing.has(r)&&!t.force)throw new l(`${r} exists: nothing written (--force overwrites it)`);let i=[],n=[];for(let o of e.files){if(e.existing.has(o.path)&&!t.force){n.push(o.path);continue}await a.write(o.path,o.text),i.push(o.path)}return{written:i,kept:n,layout:e.layout}}var E=`usage: steward init [--model NAME] [--yes] [--force] [--root DIR]

Starts model-steward in a repository (empty or not): models/NAME/model.yaml, policies/default.yaml,
.github/workflows/steward-{pr,apply,monitor}.yml calling the published reusable workflows at
${f(p)}, and .vscode/settings.json mapping the schemas for the YAML extension.
With --model NAME in a repository that has the layout, adds that model only.

  --model NAME  the model to create (default: my-model)
  --yes         write without asking (required when standard input is not a terminal)
  --force       overwrite files that exist (default: keep them, and say so)

Then prints the next three steps. Exit 0 written, 2 usage (a model that exists, a bad name).
`,T=async(a,t)=>{let{values:e}=h(a,{...w,model:{type:"string"},yes:{type:"boolean",short:"y"},force:{type:"boolean"}});if(e.help)return t.stdout(E),d;let r=b(t.cwd,e.root??"."),i=y(r),n={model:e.model??"my-model",modelOnly:e.model!==void 0,force:e.force??!1,ref:f(p)};if(!e.yes){let s=await c(i,n),m=s.files.map(u=>`  ${u.path}${s.existing.has(u.path)?n.force?"  (overwrite)":"  (exists, kept)":""}`).join(`
`);if(!t.ask)throw new l(`usage: init would write these files under ${r}; pass --yes to write them without asking:
${m}`);let I=await t.ask(`steward init will write under ${r}:
${m}
Write them? [y/N] `);if(!/^y(es)?$/i.test(I.trim()))return t.stderr(`nothing written
`),d}let o=await k(i,n);for(let s of o.written)t.stdout(`wrote ${s}
`);for(let s of o.kept)t.stdout(`kept  ${s} (exists; --force overwrites it)
`);return t.stdout(`
Next:
${$(n.model).map((s,m)=>`  ${m+1}. ${s}`).join(`
`)}
`),d};export{T as initCli};
