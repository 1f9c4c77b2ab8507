import { createRequire as __stewardRequire } from 'node:module'; const require = __stewardRequire(import.meta.url);
import{a as b,b as C}from"./chunk-6A6KJV36.js";import"./chunk-PJMIT34A.js";import{e as k}from"./chunk-LPY7KDCS.js";import"./chunk-KZ2OKS6E.js";import{b as j}from"./chunk-V3B3MNU6.js";import{a as E}from"./chunk-IXLYAFB4.js";import{a as $}from"./chunk-P47C4Z5N.js";import{c as A}from"./chunk-WW5EZ44J.js";import{a as v}from"./chunk-OQBAXXEU.js";import{b as m}from"./chunk-EQNV6HDZ.js";import"./chunk-XPDILXWQ.js";import"./chunk-A3C27CRN.js";import{a as y}from"./chunk-NUS6427J.js";import{b as c,d as f,e as g,g as w}from"./chunk-YFHNYD3Y.js";import"./chunk-OXAFA3RK.js";import"./chunk-GCN4ZLXN.js";import{a as u}from"./chunk-PA34RNCL.js";import"./chunk-ETFAOM4C.js";import{resolve as R}from"node:path";var I=t=>t.length===0?"none":t.length===1?t[0].version:t.map(o=>`${o.version} ${o.weight} %`).join(" / "),a=t=>t?`${t.slice(0,16).replace("T"," ")} UTC`:"",h=["model","stage","from","to","commit","committed","pull request","proposed by","approved by","merged","apply started","apply finished","outcome","path"];function U(t){return[t.model,t.stage,I(t.from),I(t.to),t.commit.sha.slice(0,12),a(t.commit.date),t.pull?`#${t.pull.number} ${t.pull.title}`:t.via==="direct push"?"none (direct push)":"unknown",t.pull?.author??"",t.approvers.join(" "),a(t.mergedAt),a(t.apply?.startedAt),a(t.apply?.completedAt),t.outcome,A(t.path)]}function O(t,o=[]){let e=["# Stage changes",""];for(let r of o)e.push(`> ${m(r)}`,"");if(t.length===0)return`${e.join(`
`)}No stage change found.
`;e.push(`| ${h.join(" | ")} |`,`|${h.map(()=>"---").join("|")}|`);for(let r of[...t].reverse()){let i=r.pull&&/^https?:\/\/[^\s()<>]+$/.test(r.pull.url)?r.pull.url:void 0,l=U(r).map((p,n)=>n===6&&r.pull&&i?`[#${r.pull.number}](${i}) ${m(r.pull.title)}`:m(p));e.push(`| ${l.join(" | ")} |`)}return`${e.join(`
`)}
`}function T(t){let o=/^[=+\-@\t\r]/.test(t)?`'${t}`:t;return/[",\n\r]/.test(o)?`"${o.replace(/"/g,'""')}"`:o}function S(t){let o=[h.map(T).join(","),...t.map(e=>[...U(e),e.pull?.url??"",e.commit.sha].map(T).join(","))];return o[0]+=",pull request url,commit sha",`${o.join(`\r
`)}\r
`}function x(t,o=[]){return`${JSON.stringify({entries:t,notes:o},null,2)}
`}var _=`usage: steward audit [--root DIR] [--model M] [--since DATE] [--format md|csv|json]

Every stage change of the governed models (or of --model M) since DATE (ISO, default: all), from
the git history of each models/<model>/model.yaml, with the pull request that proposed it, its
author, the approving reviewers, when it was merged, when the apply workflow ran on the commit and
how it ended (the check run named "apply"), and how the version reached the stage: through the
previous stage of the policy's promotion order, as a rollback, under promotion.allowSkip, or
SKIPPED. Markdown by default; csv for a spreadsheet; json for tools.

Environment: GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL. Without them the trail has git's facts
only. Exit 0 when the trail is complete, 2 when GitHub could not be read (the first line says what
is missing; the rows are still printed) or on usage errors.
`,V=async(t,o)=>{let{values:e}=g(t,{...w,model:{type:"string"},since:{type:"string"}});if(e.help)return o.stdout(_),c;let r=e.format??"md";if(!["md","csv","json"].includes(r))throw new u(`usage: --format takes md, csv or json, not "${r}"`);let i=e.since?new Date(e.since):void 0;if(i&&Number.isNaN(+i))throw new u(`usage: --since must be an ISO date, not "${e.since}"`);let l=R(o.cwd,e.root??"."),p=$({write:o.stderr}),n=E(o.env),d;if(n.token&&n.repository){let{owner:H,repo:N}=k(n.repository);d=C({octokit:j({token:n.token,logger:p,...n.apiUrl?{baseUrl:n.apiUrl}:{}}),owner:H,repo:N})}let s=await b({files:y(l),git:v(l),...d?{github:d}:{}},{...e.model?{model:e.model}:{},...i?{since:i}:{}});return s.complete||o.stderr(`audit incomplete: ${s.notes.join("; ")}
`),o.stdout(r==="json"?x(s.entries,s.notes):r==="csv"?S(s.entries):O(s.entries,s.notes)),s.complete?c:f};export{V as auditCli};
