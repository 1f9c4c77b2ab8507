import { createRequire as __stewardRequire } from 'node:module'; const require = __stewardRequire(import.meta.url);
import{a as C}from"./chunk-FQCL6TEW.js";import{t as N}from"./chunk-XPDILXWQ.js";import"./chunk-A3C27CRN.js";import{a as R}from"./chunk-NUS6427J.js";import{b as f,c as g,e as E,f as O,g as $}from"./chunk-YFHNYD3Y.js";import"./chunk-OXAFA3RK.js";import"./chunk-GCN4ZLXN.js";import{a as l}from"./chunk-PA34RNCL.js";import"./chunk-ETFAOM4C.js";import{resolve as x}from"node:path";var w="# BEGIN model-steward: generated from models/*/model.yaml owners by `steward codeowners --write`; edit the owners there, not here",m="# END model-steward",h=[".github/CODEOWNERS","CODEOWNERS","docs/CODEOWNERS"],b=/^@?[A-Za-z0-9][A-Za-z0-9-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)?$/,W=/^[a-z0-9][a-z0-9/._-]*$/;function D(a){let n=[...a].sort((e,o)=>e.dir<o.dir?-1:e.dir>o.dir?1:0).map(e=>{if(!W.test(e.dir))throw new RangeError(`${e.model}: folder "${e.dir}" cannot be a CODEOWNERS pattern`);let o=e.owners.map(r=>{if(!b.test(r))throw new RangeError(`${e.model}: owner "${r}" is not a GitHub user or @org/team`);return r.startsWith("@")?r:`@${r}`});return`/${e.dir}/ ${o.join(" ")}`});return[w,...n,m].join(`
`)+`
`}function S(a,n){let e=a.replace(/\r\n?/g,`
`).split(`
`),o=e.flatMap((s,c)=>s.trim()===w?[c]:[]),r=e.flatMap((s,c)=>s.trim()===m?[c]:[]);if(o.length===0&&r.length===0){let s=a.replace(/\n*$/,"");return s===""?n:`${s}

${n}`}if(o.length!==1||r.length!==1||r[0]<o[0])throw new RangeError(`the file has ${o.length} "${w.slice(0,22)}..." and ${r.length} "${m}" line(s): fix it to one section (or none)`);let t=e.slice(0,o[0]),d=e.slice(r[0]+1);return[...t,...n.replace(/\n$/,"").split(`
`),...d].join(`
`)}async function y(a,n){let{state:e,findings:o}=await N({files:a}),r=o.filter(i=>i.severity==="error");if(r.length)throw new l(`the repository has ${r.length} error(s) (run \`steward validate\`): CODEOWNERS is generated only from a valid repository`);let t;try{t=D(e.models.map(i=>({model:i.name,dir:i.dir,owners:i.owners})))}catch(i){throw new l(i.message)}let d=h[0],s;for(let i of h){let u=await a.read(i);if(u){d=i,s=new TextDecoder().decode(u);break}}let c;try{c=S(s??"",t)}catch(i){throw new l(`${d}: ${i.message}`)}if(s===c)return{file:d,status:"fresh",section:t,findings:o};let p=C(s??"",c,{from:s===void 0?"/dev/null":`a/${d}`,to:`b/${d}`});return n.mode==="write"?(await a.write(d,c),{file:d,status:"written",section:t,diff:p,findings:o}):{file:d,status:s===void 0?"missing":"stale",section:t,diff:p,findings:o}}var k=`usage: steward codeowners [--check | --write] [--root DIR] [--format text|json]

The CODEOWNERS section generated from every model's owners (users and @org/team): one line per
model folder (/models/<name>/ @owner ...), between the lines "# BEGIN model-steward ..." and
"# END model-steward". The file is the one GitHub uses (.github/CODEOWNERS, CODEOWNERS or
docs/CODEOWNERS; .github/CODEOWNERS when there is none). Without a flag, prints the section.
--check exits 1 with a diff when the file is out of date; --write updates only the marked section
(appended at the end when the file has none: GitHub applies the last matching rule).
Exit 0 up to date (or written), 1 out of date, 2 usage, an invalid repository or broken markers.
`,Z=async(a,n)=>{let{values:e}=E(a,{...$,check:{type:"boolean"},write:{type:"boolean"}});if(e.help)return n.stdout(k),f;let o=O(e.format,["text","json"]);if(e.check&&e.write)throw new l("usage: steward codeowners takes --check or --write, not both");let r=e.check?"check":e.write?"write":"print",t=await y(R(x(n.cwd,e.root??".")),{mode:r});return o==="json"?n.stdout(`${JSON.stringify({file:t.file,status:t.status,section:t.section,...t.diff?{diff:t.diff}:{}},null,2)}
`):r==="print"?n.stdout(t.section):t.status==="fresh"?n.stdout(`${t.file}: up to date
`):t.status==="written"?n.stdout(`${t.file}: written
${t.diff??""}`):n.stdout(`${t.file}: ${t.status==="missing"?"missing":"out of date"}; run \`steward codeowners --write\` and commit it
${t.diff??""}`),r==="check"&&(t.status==="stale"||t.status==="missing")?g:f};export{Z as codeownersCli};
