import { createRequire as __stewardRequire } from 'node:module'; const require = __stewardRequire(import.meta.url);
import{a as ye,b as $e}from"./chunk-6A6KJV36.js";import{e as he,h as ge}from"./chunk-XQCLPBBL.js";import"./chunk-ONGR4XDK.js";import{a as fe}from"./chunk-AHVV7M5W.js";import"./chunk-R47V5UPW.js";import{a as be}from"./chunk-IIPBI3W7.js";import"./chunk-LCKCSFWQ.js";import"./chunk-PNJEGWTF.js";import"./chunk-BH7YRTLT.js";import"./chunk-YDBRU3N2.js";import"./chunk-3NAWYWJK.js";import"./chunk-PJMIT34A.js";import{e as pe}from"./chunk-LPY7KDCS.js";import"./chunk-KZ2OKS6E.js";import{b as ue}from"./chunk-V3B3MNU6.js";import{a as me}from"./chunk-IXLYAFB4.js";import"./chunk-JSEKRUGM.js";import{a as ne}from"./chunk-P47C4Z5N.js";import"./chunk-ICYVHRFH.js";import"./chunk-FQCL6TEW.js";import{c as de}from"./chunk-WW5EZ44J.js";import"./chunk-EP6BYMAN.js";import{a as re,e as ce}from"./chunk-OQBAXXEU.js";import"./chunk-EQNV6HDZ.js";import{k as oe,l as se,t as le}from"./chunk-XPDILXWQ.js";import{b as U,l as ie,m as ae}from"./chunk-A3C27CRN.js";import{a as P}from"./chunk-NUS6427J.js";import{b as _,e as Q,f as ee,g as te}from"./chunk-YFHNYD3Y.js";import"./chunk-OXAFA3RK.js";import"./chunk-GCN4ZLXN.js";import{a as D,e as O}from"./chunk-PA34RNCL.js";import"./chunk-ETFAOM4C.js";import{existsSync as Wt}from"node:fs";import{mkdir as _t}from"node:fs/promises";import{isAbsolute as Ut,relative as qt,resolve as L}from"node:path";function q(e,t){return t.min!==void 0&&e<t.min||t.max!==void 0&&e>t.max}function ve(e){let{check:t,findings:r}=e,n=[...r].sort((l,p)=>(l.latest?.t??0)-(p.latest?.t??0)),i,o;if(e.points&&e.points.length>0)i=e.points,o="metrics";else{let l=new Map;for(let p of n)for(let m of p.evidence)l.set(m.t,m.value);i=[...l].map(([p,m])=>({t:p,value:m})).sort((p,m)=>p.t-m.t),o=i.length>0?"evidence":"none"}let a=n.at(-1)?.bound,u=t.threshold.min!==void 0||t.threshold.max!==void 0?t.threshold:a??{},d=n.filter(l=>l.kind!=="variant"&&l.latest).map(l=>({from:l.since??l.latest.t,to:l.latest.t})),h=[];for(let l of i)q(l.value,u)?h.push({...l,reason:"breach"}):d.some(p=>l.t>=p.from&&l.t<=p.to)&&h.push({...l,reason:"anomaly"});return{checkId:t.id,metric:t.metric,severity:t.severity,points:i.map(l=>({t:l.t,value:l.value})),threshold:{...u.min!==void 0?{min:u.min}:{},...u.max!==void 0?{max:u.max}:{}},marked:h,source:o,...e.latest?{status:e.latest.status,summary:e.latest.summary}:{}}}function we(e){let t=e.marked[0];if(!t||e.points.length<48)return;let r=e.points.findIndex(a=>a.t>=t.t),n=Math.max(0,r-Math.max(12,e.points.length-r));if(e.points.length-n>e.points.length/4)return;let i=e.points[n].t,o=e.events?.filter(a=>a.t>=i);return{...e,points:e.points.slice(n),marked:e.marked.filter(a=>a.t>=i),...o?{events:o}:{}}}var Ke={"&":"&amp;","<":"&lt;",">":"&gt;",'"':"&quot;","'":"&#39;"};function S(e){return String(e).replace(/[^A-Za-z0-9-]/g,"")}function s(e){return String(e).replace(/[&<>"']/g,t=>Ke[t])}function E(e){if(e&&(/^https?:\/\/[^\s"'<>`]+$/i.test(e)||/^[\w./#-]+$/.test(e)&&!e.startsWith("//")))return s(e)}function B(e){let t=e.replace(/[^A-Za-z0-9._-]/g,"_").replace(/^\./,"_");return t===""?"_":t}function Je(e,t){if(e.target==="model-health")return!1;switch(e.kind){case"note":return e.target===t;case"publish-event":return e.summary.endsWith(` for ${t}`);case"propose-change":return e.target.endsWith(`/${t}`);default:return e.target.startsWith(`${t}/`)}}function ke(e,t){let r=[...t].sort((a,u)=>Date.parse(a.now)-Date.parse(u.now)),n=[],i=new Map,o=new Set;for(let a of r){if(!(a.models.some(m=>m.model===e)||a.findings.some(m=>m.model===e)))continue;let d=Date.parse(a.now),h=[],l=new Map;for(let m of a.findings.filter(c=>c.model===e)){let c=`${m.checkId}/${m.kind}`;l.set(c,m.checkId),!i.has(c)&&h.push({at:d,kind:"finding",what:`${m.checkId}: ${m.kind}`,detail:m.summary,severity:m.severity,status:"found"})}for(let[m,c]of i)l.has(m)||h.push({at:d,kind:"finding",what:`${c}: ${m.slice(c.length+1)}`,detail:"no longer found on this run",status:"recovered"});let p=new Set;for(let m of a.actions.filter(c=>Je(c,e))){let c={at:d,kind:"action",what:m.kind,target:m.target,detail:m.error?`${m.summary} (${m.error})`:m.summary,status:a.dryRun&&m.status==="planned"?"dry run":m.status,...m.url?{url:m.url}:{}},f=`${c.what}\0${c.detail}\0${c.status}`;p.add(f),o.has(f)||h.push(c)}i=l,o=p,n.push(h)}return n.reverse().flat()}function z(e,t){let r=e.match(/\d+|\D+/g)??[],n=t.match(/\d+|\D+/g)??[];for(let i=0;i<Math.min(r.length,n.length);i++){let o=r[i],a=n[i];if(o===a)continue;return/^\d/.test(o)&&/^\d/.test(a)&&Number(o)!==Number(a)?Number(o)-Number(a):o<a?-1:1}return r.length-n.length||(e<t?-1:e>t?1:0)}function Ye(e,t){let r=[];for(let n of Object.keys(e.stages).sort()){let i=e.stages[n].variants,o=i.find(a=>a.version===t);o&&r.push(i.length===1?n:`${n} ${o.weight} %`)}return r}function xe(e,t,r){let n=Object.entries(r?.promotion.gates??{}).sort(([o],[a])=>o<a?-1:o>a?1:0),i=new Set(n.flatMap(([,o])=>Object.keys(o.metrics)));return[...t].sort((o,a)=>z(a.version,o.version)).map(o=>{let a=[...new Set([...Object.keys(o.metrics),...i])].sort();return{version:o.version,archived:o.archived,...o.createdAt?{createdAt:o.createdAt}:{},...o.notes?{notes:o.notes}:{},servedIn:Ye(e,o.version),metrics:a.map(u=>{let d=o.metrics[u];return{name:u,...d!==void 0?{value:d}:{},gates:n.filter(([,h])=>h.metrics[u]).map(([h,l])=>({stage:h,bound:l.metrics[u],...d!==void 0?{pass:!q(d,l.metrics[u])}:{}}))}})}})}var F=e=>e.map(t=>t.version).join("/")||"none";function Me(e,t,r,n=[]){if(e.points.length===0)return[];let i=e.points[0].t,o=e.points.at(-1).t,a=e.points.length>1?(o-i)/(e.points.length-1):0,u=l=>l>=i&&l<=o+2*a,d=[];for(let l of t){if(!u(l.at)||(l.kind==="finding"&&l.status==="recovered"&&l.what.startsWith(`${e.checkId}:`)&&d.push({t:l.at,kind:"recovered",label:`${l.what} recovered`}),l.kind!=="action"))continue;let p=l.target?.endsWith(`/${e.checkId}`)===!0;l.what==="open-issue"&&p?d.push({t:l.at,kind:"issue",label:`${l.detail}${l.status?` (${l.status})`:""}`}):l.what==="propose-change"?d.push({t:l.at,kind:"pr",label:`${l.detail}${l.status?` (${l.status})`:""}`}):l.what==="close-issue"&&p&&d.push({t:l.at,kind:"recovered",label:l.detail})}for(let l of r)u(l.at)&&d.push({t:l.at,kind:"stage",label:`${l.stage}: ${F(l.from)} \u2192 ${F(l.to)} (${l.subject})`});for(let l of n){let p=l.apply?.completedAt?Date.parse(l.apply.completedAt):NaN;if(!Number.isFinite(p)||!u(p))continue;let m=l.pull?` (PR #${l.pull.number})`:"";d.push({t:p,kind:"applied",label:`${l.stage}: ${F(l.from)} \u2192 ${F(l.to)} ${l.outcome==="applied"?"applied":l.outcome}${m}`})}let h=new Set;return d.sort((l,p)=>l.t-p.t||l.label.localeCompare(p.label)).filter(l=>{let p=`${l.t}\0${l.kind}\0${l.label}`;return h.has(p)?!1:(h.add(p),!0)})}var Se=e=>e&&/^https?:\/\//i.test(e)?e.replace(/\/+$/,""):void 0,Ze=e=>e.split("/").map(encodeURIComponent).join("/");function Re(e,t,r){let n=Se(r.repoUrl),i=Se(r.mlflowUrl),o=d=>n?`${n}/blob/${encodeURIComponent(r.ref??"main")}/${Ze(d)}`:void 0,a=e.registry?.mlflow?.name??e.name,u=o(`${e.dir}/MODEL_CARD.md`);return{...u?{card:u}:{},...i?{mlflow:`${i}/#/models/${encodeURIComponent(a)}`}:{},versions:t.map(d=>{let h=d.mlflow?.modelVersion,l=d.artifact?.kind==="file"?d.artifact.dvc:d.file,p=o(l);return{version:d.version,...i&&h?{mlflow:`${i}/#/models/${encodeURIComponent(a)}/versions/${encodeURIComponent(h)}`}:{},dvc:{path:l,...p?{url:p}:{}}}})}}function Ae(e){let t=[...e.reports].sort((o,a)=>Date.parse(o.now)-Date.parse(a.now)||(o.shard??"").localeCompare(a.shard??"")),r=new Map(e.state.policies.map(o=>[o.name,o])),n=[...e.state.models].sort((o,a)=>o.name<a.name?-1:o.name>a.name?1:0),i=t.at(-1);return{generatedAt:e.now.toISOString(),...i?{latestRun:i.now}:{},reportCount:t.length,models:n.map(o=>Qe(o,r.get(o.policy),e,t)),warnings:[...e.warnings??[]],...e.audit?{audit:{entries:[...e.audit.entries],notes:[...e.audit.notes]}}:{}}}function Qe(e,t,r,n){let i=[...n].reverse().find(c=>c.models.some(f=>f.model===e.name)),o=i?.models.find(c=>c.model===e.name),a=n.flatMap(c=>c.findings.filter(f=>f.model===e.name)),u=ke(e.name,n),d=ot(r.histories.get(e.name)),h=i?rt(e.name,i,o,r.links?.repoUrl):[],l=(r.audit?.entries??[]).filter(c=>c.model===e.name),p=[...n].reverse().find(c=>c.findings.some(f=>f.model===e.name&&f.kind==="drift"&&f.drift)),m=p?.findings.find(c=>c.model===e.name&&c.kind==="drift"&&c.drift)?.drift;return{checks:(o?.checks??[]).map(c=>({check:c.check,status:c.status,severity:c.severity,summary:c.summary})),worst:h.reduce((c,f)=>Ce[f.severity]>Ce[c]?f.severity:c,"none"),links:Re(e,[...U(r.state,e.name)].sort((c,f)=>z(f.version,c.version)),r.links??{}),...m&&p?{drift:{...m,at:p.now}}:{},name:e.name,slug:B(e.name),description:e.description,owners:[...e.owners],task:e.task,policy:e.policy,stages:Object.keys(e.stages).sort(et(t)).map(c=>({stage:c,variants:e.stages[c].variants.map(f=>({...f}))})),health:o?.status??"unknown",...o?.environments?.length?{environments:o.environments.filter(c=>typeof c.name=="string"&&["ok","no-data","info","warning","critical"].includes(c.status)).map(c=>({name:c.name,health:c.status}))}:{},...i?{checkedAt:i.now}:{},incidents:h,issues:(o?.incidents??[]).flatMap(c=>c.issue!==void 0?[c.issue]:[]),changes:i&&o?nt(o,i):[],versions:xe(e,U(r.state,e.name),t),timeline:d,charts:oe(e,t).map(c=>{let f=ve({check:c,points:r.series.get(`${e.name}/${c.id}`),findings:a.filter(b=>b.checkId===c.id&&b.kind!=="variant"),...tt(o,c.id)}),v=Me(f,u,d,l);return v.length?{...f,events:v}:f}),history:u}}var Ce={none:0,info:1,warning:2,critical:3};function et(e){let t=[...e?.promotion.order??[]].reverse(),r=n=>t.includes(n)?t.indexOf(n):t.length;return(n,i)=>r(n)-r(i)||(n<i?-1:n>i?1:0)}function tt(e,t){let r=e?.checks.find(n=>n.check===t);return r?{latest:{status:r.status,summary:r.summary}}:{}}function rt(e,t,r,n){let i=n&&/^https?:\/\//i.test(n)?n.replace(/\/+$/,""):void 0;return t.findings.filter(o=>o.model===e).map(o=>{let a=r?.incidents.find(d=>d.check===o.checkId)?.issue,u=t.actions.find(d=>d.target===`${e}/${o.checkId}`&&d.url)?.url??(i&&a!==void 0?`${i}/issues/${a}`:void 0);return{checkId:o.checkId,metric:o.metric,severity:o.severity,kind:o.kind,summary:o.summary,...o.since!==void 0?{since:o.since}:{},...u?{url:u}:{}}})}function nt(e,t){return e.changes.map(r=>{let n=t.actions.find(o=>o.kind==="propose-change"&&o.target===r),i=n?.summary.match(/^propose PR "(.*)"$/)?.[1];return{branch:r,...i?{title:i}:{},...n?.url?{url:n.url}:{},...n?{status:t.dryRun&&n.status==="planned"?"dry run":n.status}:{status:"open"}}})}function ot(e){return(e?.changes??[]).map(t=>({at:+t.commit.date,stage:t.stage,from:t.from,to:t.to,sha:t.commit.sha,author:t.commit.author,subject:t.commit.subject})).reverse()}var R=e=>typeof e=="object"&&e!==null&&!Array.isArray(e);function st(e){if(typeof e=="number"&&Number.isInteger(e)&&e>0)return[{check:"unknown",severity:"info",issue:e}];if(!R(e)||typeof e.check!="string")return[];let t=e.severity==="critical"||e.severity==="warning"?e.severity:"info";return[{check:e.check,severity:t,...typeof e.issue=="number"?{issue:e.issue}:{}}]}function je(e){let t;try{t=JSON.parse(e)}catch(d){return{ok:!1,reason:`not JSON: ${d.message}`}}if(!R(t))return{ok:!1,reason:"not a monitor report (not an object)"};if(typeof t.now!="string"||Number.isNaN(Date.parse(t.now)))return{ok:!1,reason:"not a monitor report (no ISO `now`)"};for(let d of["models","findings","actions"])if(!Array.isArray(t[d]))return{ok:!1,reason:`not a monitor report (no \`${d}\` array)`};let r=t.models.filter(d=>R(d)&&typeof d.model=="string"&&typeof d.status=="string"),n=t.findings.filter(d=>R(d)&&typeof d.model=="string"&&typeof d.checkId=="string"),i=t.actions.filter(d=>R(d)&&typeof d.kind=="string"&&typeof d.target=="string"),o=Array.isArray(t.coverage)?t.coverage.filter(d=>R(d)&&typeof d.model=="string"&&typeof d.outcome=="string"):[],a={status:R(t.status)&&typeof t.status.headline=="string"?t.status:he({coverage:o,findings:n,actions:i,dryRun:t.dryRun===!0}),coverage:o,now:t.now,dryRun:t.dryRun===!0,...typeof t.shard=="string"?{shard:t.shard}:{},models:r.map(d=>({...d,checks:Array.isArray(d.checks)?d.checks:[],incidents:Array.isArray(d.incidents)?d.incidents.flatMap(st):[],changes:Array.isArray(d.changes)?d.changes:[]})),findings:n.map(d=>({...d,evidence:Array.isArray(d.evidence)?d.evidence.filter(h=>R(h)&&Number.isFinite(h.t)&&Number.isFinite(h.value)):[]})),actions:i,warnings:Array.isArray(t.warnings)?t.warnings.filter(d=>typeof d=="string"):[],stats:R(t.stats)?t.stats:{models:r.length,series:0,findings:n.length}},u=ae().getSchema(ie);if(!u(a)){let d=u.errors?.[0];return{ok:!1,reason:`does not match schemas/report.schema.json: ${d?.instancePath||"/"} ${d?.message??"is invalid"}`}}return{ok:!0,report:a}}function y(e){if(!Number.isFinite(e))return String(e);if(e===0)return"0";let t=Math.abs(e);return t>=1e6||t<.001?e.toExponential(2):Number.isInteger(e)?String(e):String(Number(e.toPrecision(4)))}function $(e){let t=new Date(typeof e=="string"?Date.parse(e):+e);return Number.isNaN(+t)?String(e):`${t.toISOString().slice(0,16).replace("T"," ")} UTC`}function Ve(e){return new Date(e).toISOString().slice(0,10)}function A(e){return e?e.min!==void 0&&e.max!==void 0?`${y(e.min)} \u2013 ${y(e.max)}`:e.min!==void 0?`\u2265 ${y(e.min)}`:e.max!==void 0?`\u2264 ${y(e.max)}`:"":""}import{createHash as it}from"node:crypto";var De=`
(function () {
  var NS = "http://www.w3.org/2000/svg", W = 720, H = 240, L = 64, R = 16, T = 16, B = 32;
  function fmtTime(t) { return new Date(t).toISOString().slice(0, 16).replace("T", " ") + " UTC"; }
  function fmtValue(v) {
    if (!isFinite(v)) return String(v);
    if (v === 0) return "0";
    var a = Math.abs(v);
    if (a >= 1e6 || a < 1e-3) return v.toExponential(2);
    if (Math.round(v) === v) return String(v);
    return String(Number(v.toPrecision(4)));
  }
  function parse(attr, n) {
    if (!attr) return [];
    return attr.split(" ").map(function (s) { var p = s.split(","); return n === 3 ? { t: +p[0], v: +p[1], r: p[2] } : { t: +p[0], v: +p[1] }; });
  }
  function el(name, attrs, text) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) { var ti = document.createElementNS(NS, "title"); ti.textContent = text; e.appendChild(ti); }
    return e;
  }
  function round(x) { return Math.round(x * 10) / 10; }
  Array.prototype.forEach.call(document.querySelectorAll("svg.chart[data-series]"), function (svg) {
    var figure = svg.closest("figure");
    var all = parse(svg.getAttribute("data-series"), 2);
    if (all.length === 0) return;
    var marks = parse(svg.getAttribute("data-marks"), 3);
    var min = svg.hasAttribute("data-min") ? +svg.getAttribute("data-min") : undefined;
    var max = svg.hasAttribute("data-max") ? +svg.getAttribute("data-max") : undefined;
    var events = [];
    try { events = JSON.parse(svg.getAttribute("data-events") || "[]"); } catch (e) { events = []; }
    var full = [all[0].t, all[all.length - 1].t], view = full.slice(), shown = all, hover = -1, geo;
    var tip = document.createElement("div");
    tip.className = "tip"; tip.id = svg.id + "-tip"; tip.setAttribute("role", "status"); tip.hidden = true;
    figure.appendChild(tip);
    var tools = document.createElement("div");
    tools.className = "chart-tools";
    [["Zoom in", function () { zoomBy(0.5); }], ["Zoom out", function () { zoomBy(2); }], ["Reset zoom", function () { setView(full[0], full[1]); }]].forEach(function (b) {
      var button = document.createElement("button");
      button.type = "button"; button.textContent = b[0];
      button.setAttribute("aria-controls", svg.id);
      button.addEventListener("click", b[1]);
      tools.appendChild(button);
    });
    var range = document.createElement("span");
    range.className = "muted range";
    tools.appendChild(range);
    svg.parentNode.insertBefore(tools, svg);

    function draw() {
      shown = all.filter(function (p) { return p.t >= view[0] && p.t <= view[1]; });
      if (shown.length === 0) shown = [all[0]];
      var vals = shown.map(function (p) { return p.v; });
      if (min !== undefined) vals.push(min);
      if (max !== undefined) vals.push(max);
      var lo = Math.min.apply(null, vals), hi = Math.max.apply(null, vals);
      var pad = hi > lo ? (hi - lo) * 0.08 : Math.abs(hi) * 0.1 || 1;
      lo = lo >= 0 && lo - pad < 0 ? 0 : lo - pad; hi += pad;
      var t0 = view[0], t1 = view[1];
      var x = function (t) { return round(t1 === t0 ? L + (W - L - R) / 2 : L + ((t - t0) / (t1 - t0)) * (W - L - R)); };
      var y = function (v) { return round(T + (1 - (v - lo) / (hi - lo)) * (H - T - B)); };
      geo = { x: x, y: y, t0: t0, t1: t1 };
      Array.prototype.slice.call(svg.childNodes).forEach(function (c) { if (c.nodeName !== "title" && c.nodeName !== "desc") svg.removeChild(c); });
      for (var i = 0; i <= 4; i++) {
        var v = lo + ((hi - lo) * i) / 4;
        svg.appendChild(el("line", { "class": "grid", x1: L, x2: W - R, y1: y(v), y2: y(v) }));
        var tick = el("text", { "class": "tick", x: L - 6, y: y(v) + 4, "text-anchor": "end" }); tick.textContent = fmtValue(Number(v.toPrecision(3))); svg.appendChild(tick);
      }
      var short = t1 - t0 < 2 * 86400000;
      [t0, t0 + (t1 - t0) / 2, t1].forEach(function (t, k) {
        var tx = el("text", { "class": "tick", x: x(t), y: H - 10, "text-anchor": ["start", "middle", "end"][k] });
        tx.textContent = short ? fmtTime(t).slice(5, 16) : fmtTime(t).slice(0, 10); svg.appendChild(tx);
      });
      [["min", min], ["max", max]].forEach(function (b) {
        if (b[1] === undefined) return;
        svg.appendChild(el("line", { "class": "threshold", "data-bound": b[0], x1: L, x2: W - R, y1: y(b[1]), y2: y(b[1]) }, b[0] + " threshold " + fmtValue(b[1])));
        var lab = el("text", { "class": "threshold-label", x: L + 6, y: y(b[1]) + (b[0] === "min" ? 14 : -6) }); lab.textContent = b[0] + " " + fmtValue(b[1]); svg.appendChild(lab);
      });
      events.forEach(function (e) {
        // an event after the last point (the run's own actions) is drawn at the right edge when the view reaches it
        var et = e[0] > full[1] ? full[1] : e[0];
        if (et < t0 || et > t1) return;
        svg.appendChild(el("line", { "class": "event event-" + e[1], x1: x(et), x2: x(et), y1: T, y2: H - B }, fmtTime(e[0]) + ": " + e[2]));
      });
      svg.appendChild(el("polyline", { "class": "series", points: shown.map(function (p) { return x(p.t) + "," + y(p.v); }).join(" ") }));
      marks.forEach(function (m) {
        if (m.t < t0 || m.t > t1) return;
        svg.appendChild(el("circle", { "class": "marker " + (m.r === "b" ? "breach" : "anomaly"), cx: x(m.t), cy: y(m.v), r: 3.5 }, (m.r === "b" ? "outside threshold" : "anomalous") + ": " + fmtValue(m.v) + " at " + fmtTime(m.t)));
      });
      svg.setAttribute("data-view", t0 + "," + t1);
      range.textContent = view[0] === full[0] && view[1] === full[1] ? "whole window" : "showing " + fmtTime(t0) + " to " + fmtTime(t1);
      hover = -1; tip.hidden = true;
    }
    function setView(a, b) {
      a = Math.max(full[0], a); b = Math.min(full[1], b);
      if (b - a < 1) return;
      view = [a, b]; draw();
    }
    function zoomBy(f) {
      var c = hover >= 0 ? shown[hover].t : (view[0] + view[1]) / 2;
      var w = (view[1] - view[0]) * f;
      if (f < 1 && shown.length <= 4) return;
      var a = c - w / 2, b = c + w / 2;
      if (a < full[0]) { b += full[0] - a; a = full[0]; }
      if (b > full[1]) { a -= b - full[1]; b = full[1]; }
      setView(a, b);
    }
    function toViewX(clientX) { var r = svg.getBoundingClientRect(); return ((clientX - r.left) / r.width) * W; }
    function timeAt(vx) { return geo.t0 + ((vx - L) / (W - L - R)) * (geo.t1 - geo.t0); }
    function show(i) {
      if (i < 0 || i >= shown.length) return;
      hover = i;
      var p = shown[i];
      var dot = svg.querySelector("circle.hover");
      if (!dot) { dot = el("circle", { "class": "hover", r: 4.5 }); svg.appendChild(dot); }
      dot.setAttribute("cx", geo.x(p.t)); dot.setAttribute("cy", geo.y(p.v));
      tip.textContent = fmtTime(p.t) + " \\u00b7 " + (svg.getAttribute("data-metric") || "") + " " + fmtValue(p.v);
      tip.hidden = false;
      var r = svg.getBoundingClientRect(), f = figure.getBoundingClientRect();
      var left = r.left - f.left + (geo.x(p.t) / W) * r.width, top = r.top - f.top + (geo.y(p.v) / H) * r.height;
      tip.style.left = Math.max(0, Math.min(left + 12, f.width - tip.offsetWidth - 4)) + "px";
      tip.style.top = Math.max(0, top - tip.offsetHeight - 8) + "px";
    }
    function nearest(t) {
      var best = 0;
      for (var i = 1; i < shown.length; i++) if (Math.abs(shown[i].t - t) < Math.abs(shown[best].t - t)) best = i;
      return best;
    }
    var dragFrom = null;
    svg.addEventListener("mousedown", function (e) { dragFrom = toViewX(e.clientX); e.preventDefault(); });
    svg.addEventListener("mousemove", function (e) {
      var vx = toViewX(e.clientX);
      if (dragFrom !== null) {
        var brush = svg.querySelector("rect.brush");
        if (!brush) { brush = el("rect", { "class": "brush", y: T, height: H - T - B }); svg.appendChild(brush); }
        brush.setAttribute("x", Math.min(dragFrom, vx)); brush.setAttribute("width", Math.abs(vx - dragFrom));
      }
      show(nearest(timeAt(vx)));
    });
    function endDrag(e) {
      if (dragFrom === null) return;
      var vx = toViewX(e.clientX), from = dragFrom;
      dragFrom = null;
      var brush = svg.querySelector("rect.brush");
      if (brush) svg.removeChild(brush);
      if (Math.abs(vx - from) > 6) setView(timeAt(Math.min(from, vx)), timeAt(Math.max(from, vx)));
    }
    svg.addEventListener("mouseup", endDrag);
    svg.addEventListener("mouseleave", function (e) { endDrag(e); tip.hidden = true; var d = svg.querySelector("circle.hover"); if (d) svg.removeChild(d); });
    svg.addEventListener("keydown", function (e) {
      if (e.key === "ArrowRight" || e.key === "ArrowLeft") { show(hover < 0 ? shown.length - 1 : Math.max(0, Math.min(shown.length - 1, hover + (e.key === "ArrowRight" ? 1 : -1)))); e.preventDefault(); }
      else if (e.key === "+" || e.key === "=") { zoomBy(0.5); e.preventDefault(); }
      else if (e.key === "-") { zoomBy(2); e.preventDefault(); }
      else if (e.key === "0") { setView(full[0], full[1]); e.preventDefault(); }
      else if (e.key === "Escape") { tip.hidden = true; }
    });
    svg.addEventListener("blur", function () { tip.hidden = true; });
    draw();
  });
})();
`;var Ee=`
(function () {
  var filter = document.getElementById("filter");
  if (filter) {
    var rows = Array.prototype.slice.call(document.querySelectorAll("#models tbody tr"));
    var count = document.getElementById("filter-count");
    var owner = document.getElementById("f-owner"), severity = document.getElementById("f-severity"), status = document.getElementById("f-status");
    var apply = function () {
      var q = filter.value.trim().toLowerCase();
      var o = owner ? owner.value : "", s = severity ? severity.value : "", h = status ? status.value : "";
      var shown = 0;
      rows.forEach(function (r) {
        var owners = (r.getAttribute("data-owners") || "").split(" ");
        var match = (!q || r.textContent.toLowerCase().indexOf(q) >= 0) && (!o || owners.indexOf(o) >= 0) &&
          (!s || r.getAttribute("data-severity") === s) && (!h || r.getAttribute("data-health") === h);
        r.hidden = !match;
        if (match) shown++;
      });
      if (count) count.textContent = shown + " of " + rows.length + " models shown";
    };
    filter.addEventListener("input", apply);
    [owner, severity, status].forEach(function (sel) { if (sel) sel.addEventListener("change", apply); });
  }
  function key(cell) {
    var s = cell.getAttribute("data-sort");
    if (s === null) s = cell.textContent.trim().toLowerCase();
    var n = Number(s);
    return s !== "" && !isNaN(n) ? n : s;
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.querySelectorAll("thead th button"), function (button) {
      button.addEventListener("click", function () {
        var th = button.parentNode;
        var index = Array.prototype.indexOf.call(th.parentNode.children, th);
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(table.querySelectorAll("thead th"), function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var sorted = Array.prototype.slice.call(body.rows).sort(function (a, b) {
          var x = key(a.cells[index]), y = key(b.cells[index]);
          return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
        });
        sorted.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();
`;var G=`
:root{--fg:#1a1a1a;--muted:#555;--bg:#fff;--panel:#f6f7f9;--line:#d5d9e0;--link:#0b57b0;--series:#1f5fbf;--thr:#a04a00;--bad:#b3261e}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header.site{background:#16213e;color:#fff;padding:.75rem 1rem}
header.site a{color:#fff;text-decoration:none;font-weight:600}
header.site p{margin:0;color:#d7def0;font-size:.9rem}
main{max-width:72rem;margin:0 auto;padding:1rem}
main.wide{max-width:100rem}
#models thead th{white-space:normal}
#models th,#models td{padding:.5rem .55rem}
h1{font-size:1.6rem;margin:.5rem 0}
h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
h3{font-size:1.05rem;margin:1rem 0 .25rem}
a{color:var(--link)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid #f9a825;outline-offset:2px}
.muted{color:var(--muted)}
.summary{display:grid;grid-template-columns:repeat(auto-fill,minmax(8.5rem,1fr));gap:.5rem;margin:1rem 0;padding:0;list-style:none}
.summary li{background:var(--panel);border:1px solid var(--line);border-radius:.5rem;padding:.5rem .75rem}
.summary strong{display:block;font-size:1.4rem}
.table-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:.5rem}
table{border-collapse:collapse;width:100%;font-size:.95rem}
caption{text-align:left;padding:.5rem .75rem;color:var(--muted)}
th,td{padding:.5rem .75rem;border-top:1px solid var(--line);text-align:left;vertical-align:top}
thead th{background:var(--panel);border-top:0;white-space:nowrap}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit}
th button::after{content:" \\2195";color:var(--muted)}
th[aria-sort=ascending] button::after{content:" \\2191"}
th[aria-sort=descending] button::after{content:" \\2193"}
td.num{font-variant-numeric:tabular-nums}
.badge{display:inline-block;border-radius:1rem;padding:0 .6rem;font-size:.85rem;font-weight:600;white-space:nowrap;border:1px solid transparent}
.h-ok,.s-pass{background:#e6f4ea;color:#1b5e20;border-color:#a5d6a7}
.h-info{background:#e3f2fd;color:#0d3c78;border-color:#90caf9}
.h-warning{background:#fff4ce;color:#6b4100;border-color:#f0c36d}
.h-critical,.s-fail{background:#b3261e;color:#fff}
.h-no-data,.h-unknown,.s-none{background:#eceff1;color:#37474f;border-color:#cfd8dc}
.filter{margin:1rem 0;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.filter select,.chart-tools button{font:inherit;padding:.3rem .5rem;border:1px solid #8a94a6;border-radius:.4rem;background:#fff;color:var(--fg)}
.filter label{font-weight:600}
.chart-tools{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.25rem 0;font-size:.9rem}
.chart-tools button{cursor:pointer}
figure.chart-box{position:relative}
.tip{position:absolute;z-index:2;background:#16213e;color:#fff;padding:.25rem .5rem;border-radius:.3rem;font-size:.85rem;white-space:nowrap;pointer-events:none}
svg.chart:focus-visible{outline:3px solid #f9a825;outline-offset:2px}
svg.chart .hover{fill:var(--series);stroke:#fff;stroke-width:2}
svg.chart .brush{fill:rgba(31,95,191,.15);stroke:var(--series);stroke-width:1}
svg.chart .event{stroke:#6a1b9a;stroke-width:1.5;stroke-dasharray:2 3}
svg.chart .event-recovered{stroke:#1b5e20}
svg.chart .event-stage{stroke:#37474f;stroke-dasharray:none}
svg.chart .event-applied{stroke:#0d47a1;stroke-dasharray:8 3}
.lg-event{border-top:2px dotted #6a1b9a}
ul.checks li{margin:0 0 .15rem}
ul.envs{margin:.25rem 0 0;font-size:.85em}
.filter input{font:inherit;padding:.4rem .6rem;border:1px solid #8a94a6;border-radius:.4rem;min-width:16rem;max-width:100%}
ul.plain{margin:0;padding:0;list-style:none}
.nowrap{white-space:nowrap}
.model-link{font-weight:600;white-space:nowrap}
figure.chart-box{margin:1rem 0 1.5rem;padding:.75rem;border:1px solid var(--line);border-radius:.5rem;background:#fff}
figure.chart-box figcaption{font-size:.95rem;margin-bottom:.25rem}
svg.chart{width:100%;height:auto;display:block}
.no-data{margin:.5rem 0 0;padding:.5rem .75rem;background:var(--panel);border-radius:.4rem;color:var(--muted)}
.zoom-title{margin:.75rem 0 0;font-size:.9rem;font-weight:600;color:var(--muted)}
svg.chart .grid{stroke:#e3e6eb;stroke-width:1}
svg.chart .tick{font-size:12px;fill:#4a4a4a}
svg.chart .series{fill:none;stroke:var(--series);stroke-width:1.6;stroke-linejoin:round}
svg.chart .threshold{stroke:var(--thr);stroke-width:1.5;stroke-dasharray:6 4}
svg.chart .threshold-label{font-size:12px;fill:var(--thr);font-weight:600}
svg.chart .marker{stroke:var(--bad);stroke-width:1.5}
svg.chart .marker.anomaly{fill:#fff}
svg.chart .marker.breach{fill:var(--bad)}
svg.chart .empty{fill:var(--muted);font-size:14px}
.legend{display:flex;flex-wrap:wrap;gap:1rem;font-size:.85rem;color:var(--muted);margin:.25rem 0 0;padding:0;list-style:none}
.legend span{display:inline-block;width:1.2rem;height:.7rem;vertical-align:middle;margin-right:.3rem}
.lg-series{border-top:2px solid var(--series)}
.lg-thr{border-top:2px dashed var(--thr)}
.lg-anomaly{border:2px solid var(--bad);border-radius:50%;width:.7rem!important}
.lg-breach{background:var(--bad);border-radius:50%;width:.7rem!important}
svg.hist{width:100%;height:auto;display:block}
svg.hist .grid{stroke:#e3e6eb;stroke-width:1}
svg.hist .tick{font-size:12px;fill:#4a4a4a}
svg.hist .hb{fill:#767f8f}
svg.hist .hc{fill:var(--series)}
.lg-hb{background:#767f8f}
.lg-hc{background:var(--series)}
.hist-table summary{cursor:pointer;margin:.25rem 0;font-size:.9rem}
ol.timeline{list-style:none;margin:0;padding:0 0 0 1rem;border-left:3px solid var(--line)}
ol.timeline li{position:relative;margin:0 0 1rem;padding-left:.75rem}
ol.timeline li::before{content:"";position:absolute;left:-1.55rem;top:.45rem;width:.8rem;height:.8rem;border-radius:50%;background:var(--series);border:2px solid #fff}
code{font-size:.9em;background:var(--panel);padding:0 .25rem;border-radius:.25rem}
footer{max-width:72rem;margin:2rem auto;padding:1rem;color:var(--muted);font-size:.85rem;border-top:1px solid var(--line)}
@media (max-width:40rem){body{font-size:15px}main{padding:.75rem}th,td{padding:.4rem .5rem}.filter input{min-width:0;width:100%}
.summary{grid-template-columns:repeat(3,1fr)}
svg.chart .tick,svg.chart .threshold-label,svg.hist .tick{font-size:20px}svg.chart .marker{stroke-width:2.5}.summary strong{font-size:1.2rem}.summary li{padding:.4rem .5rem;font-size:.85rem}
#models thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
#models,#models tbody,#models tr,#models th,#models td{display:block;width:100%}
#models caption{display:block}
#models tr{border-top:1px solid var(--line);padding:.5rem 0}
#models tbody th,#models td{border:0;padding:.15rem .75rem}
#models td[data-label]::before{content:attr(data-label) ": ";font-weight:600;color:var(--muted)}
#models td[data-label] ul.plain{display:inline-block;vertical-align:top}}
`;var Ie=`${Ee}${De}`,He=e=>`'sha256-${it("sha256").update(e,"utf8").digest("base64")}'`,at=["default-src 'none'",`script-src ${He(Ie)}`,`style-src ${He(G)}`,"img-src data:","base-uri 'none'","form-action 'none'"].join("; ");function V(e){let{view:t}=e,r=t.latestRun?`latest monitor run ${$(t.latestRun)} (${t.reportCount} report${t.reportCount===1?"":"s"})`:"no monitor report";return["<!doctype html>",`<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${at}"><meta name="viewport" content="width=device-width, initial-scale=1">`,`<title>${s(e.title)}</title><style>${G}</style></head><body>`,`<header class="site"><a href="${e.root}index.html">model-steward dashboard</a><p>Models, stages, metrics and remediation, from the repository and the monitor.</p></header>`,`<main id="main"${e.wide?' class="wide"':""}>${e.body}</main>`,`<footer>Generated for ${s($(t.generatedAt))}; ${s(r)}.</footer>`,`<script>${Ie}</script></body></html>`,""].join(`
`)}var lt={ok:"OK",info:"Info",warning:"Warning",critical:"Critical","no-data":"No data",unknown:"Not monitored"},Te={critical:0,warning:1,info:2,"no-data":3,ok:4,unknown:5};function H(e){return`<span class="badge h-${S(e)}">${lt[e]??s(e)}</span>`}function I(e){return e.length===0?"none":e.length===1?s(e[0].version):e.map(t=>`${s(t.version)} (${t.weight} %)`).join(" \xB7 ")}function Le(e){return e.length===0?'<span class="muted">no stage</span>':`<ul class="plain">${e.map(t=>`<li class="stage"><strong>${s(t.stage)}</strong>: ${I(t.variants)}</li>`).join("")}</ul>`}function M(e,t){let r=E(t);return r?`<a href="${r}">${s(e)}</a>`:s(e)}function x(e){let t=e.id?` id="${e.id}"`:"",r=e.className?` class="${e.className}"`:"";return`<div class="table-wrap"><table${t}${r}><caption>${e.caption}</caption><thead><tr>${e.head.map(n=>`<th scope="col">${n}</th>`).join("")}</tr></thead><tbody>${e.rows.join("")}</tbody></table></div>`}var dt=e=>`<button type="button">${e}</button>`;function Ne(e){let t=a=>e.models.filter(a).length,r=e.models.reduce((a,u)=>a+u.incidents.length,0),n=e.models.reduce((a,u)=>a+u.changes.length,0),o=["<h1>Models</h1>",`<ul class="summary" aria-label="Summary">${[["Models",e.models.length],["Critical",t(a=>a.health==="critical")],["Warning",t(a=>a.health==="warning")],["Healthy",t(a=>a.health==="ok")],["Open incidents",r],["Proposed PRs",n]].map(([a,u])=>`<li><strong>${u}</strong>${a}</li>`).join("")}</ul>`,e.audit?`<p><a href="audit.html">Stage changes: who proposed, approved, merged and applied each (${e.audit.entries.length})</a></p>`:"",J(e.warnings),ft(e),x({id:"models",className:"sortable",caption:"Every governed model; health from the latest monitor run that covered it. Select a column header to sort.",head:["Model","Health","Checks","Stages","Owners","Policy","Open incidents","Proposed PRs","Last checked"].map(dt),rows:e.models.map(ct)})].join(`
`);return V({title:"Models \u2014 model-steward dashboard",root:"",body:o,view:e,wide:!0})}function ct(e){let t=e.incidents.length===0?'<span class="muted">none</span>':`<ul class="plain">${e.incidents.map(n=>`<li>${M(`${n.checkId} (${n.severity})`,n.url)}</li>`).join("")}</ul>`,r=e.changes.length===0?'<span class="muted">none</span>':`<ul class="plain">${e.changes.map(n=>`<li>${M(n.title??n.branch,n.url)}${n.status?` <span class="muted">(${s(n.status)})</span>`:""}</li>`).join("")}</ul>`;return[`<tr data-model="${s(e.name)}" data-health="${s(e.health)}" data-severity="${s(e.worst)}" data-owners="${s(e.owners.map(encodeURIComponent).join(" "))}">`,`<th scope="row" data-sort="${s(e.name)}"><a class="model-link" href="models/${s(e.slug)}.html">${s(e.name)}</a><br><span class="muted">${s(e.task)}</span></th>`,`<td data-label="Health" data-sort="${Te[e.health]}">${H(e.health)}${mt(e)}</td>`,`<td data-label="Checks" data-sort="${ht(e)}">${ut(e)}</td>`,`<td data-label="Stages">${Le(e.stages)}</td>`,`<td data-label="Owners">${e.owners.length?`<ul class="plain">${e.owners.map(n=>`<li>${s(n)}</li>`).join("")}</ul>`:'<span class="muted">none</span>'}</td>`,`<td data-label="Policy">${s(e.policy)}</td>`,`<td class="num" data-label="Open incidents" data-sort="${e.incidents.length}">${t}</td>`,`<td class="num" data-label="Proposed PRs" data-sort="${e.changes.length}">${r}</td>`,`<td data-label="Last checked" data-sort="${s(e.checkedAt??"")}">${e.checkedAt?s($(e.checkedAt)):'<span class="muted">never</span>'}</td>`,"</tr>"].join("")}function mt(e){return e.environments?.length?`<ul class="plain envs">${e.environments.map(t=>`<li>${s(t.name)}: ${H(t.health)}</li>`).join("")}</ul>`:""}function ut(e){return e.checks.length===0?`<span class="muted">${e.health==="unknown"?"not checked":"no checks"}</span>`:`<ul class="plain checks">${[...e.checks].sort((r,n)=>X(r)-X(n)||r.check.localeCompare(n.check)).map(r=>`<li><span class="badge ${W(r)}" title="${s(r.summary)}">${s(r.check)}: ${s(K(r.status))}</span></li>`).join("")}</ul>`}var pt={ok:"ok","insufficient-data":"no data","no-data":"no data","read-error":"unreadable",unreadable:"unreadable",stale:"stale",anomaly:"anomaly",breach:"breach",finding:"finding"};function K(e){return pt[e]??e}function W(e){return e.status==="ok"?"h-ok":["insufficient-data","no-data","read-error","unreadable","stale"].includes(e.status)?"h-no-data":`h-${S(e.severity)}`}function X(e){let t=W(e);return t==="h-critical"?0:t==="h-warning"?1:t==="h-info"?2:t==="h-no-data"?3:4}function ht(e){return e.checks.reduce((t,r)=>Math.min(t,X(r)),5)}function ft(e){let t=[...new Set(e.models.flatMap(o=>o.owners))].sort(),r=(o,a)=>`<option value="${s(o)}">${s(a)}</option>`,n=(o,a,u)=>`<label for="${o}">${a}</label><select id="${o}" aria-controls="models">${r("","any")}${u.join("")}</select>`,i=[["critical","Critical"],["warning","Warning"],["info","Info"],["no-data","No data"],["ok","OK"],["unknown","Not monitored"]];return['<div class="filter" role="search" aria-label="Model filters">','<label for="filter">Filter models</label><input id="filter" type="search" placeholder="name, stage, policy, check\u2026" aria-controls="models" autocomplete="off">',n("f-owner","Owner",t.map(o=>r(encodeURIComponent(o),o))),n("f-severity","Incident severity",[["critical","critical"],["warning","warning"],["info","info"],["none","no open incident"]].map(([o,a])=>r(o,a))),n("f-status","Health",i.map(([o,a])=>r(o,a))),`<output id="filter-count" aria-live="polite">${e.models.length} of ${e.models.length} models shown</output>`,"</div>"].join("")}function J(e){return e.length===0?"":`<section aria-labelledby="notes-h"><h2 id="notes-h">Notes</h2><ul>${e.map(t=>`<li>${s(t)}</li>`).join("")}</ul></section>`}var Oe=e=>e.length===0?"none":e.length===1?e[0].version:e.map(t=>`${t.version} ${t.weight} %`).join(" / "),Y=e=>e?`<time datetime="${s(e)}">${s($(e))}</time>`:'<span class="muted">\u2014</span>';function gt(e){let t=e.pull?`${M(`#${e.pull.number}`,e.pull.url)} ${s(e.pull.title)}<br><span class="muted">by ${s(e.pull.author)}</span>`:`<span class="muted">${e.via==="direct push"?"direct push":"unknown"}</span>`,r=e.apply?.url?M(e.outcome,e.apply.url):s(e.outcome),n=e.path.kind==="skipped"?' class="h-critical badge"':"";return[`<tr data-model="${s(e.model)}">`,`<td data-sort="${s(e.commit.date)}">${Y(e.commit.date)}<br><code>${s(e.commit.sha.slice(0,7))}</code> <span class="muted">${s(e.commit.author)}</span></td>`,`<th scope="row"><a href="models/${s(B(e.model))}.html">${s(e.model)}</a></th>`,`<td>${s(e.stage)}</td><td>${s(Oe(e.from))} \u2192 ${s(Oe(e.to))}</td>`,`<td>${t}</td>`,`<td>${e.approvers.length?s(e.approvers.join(", ")):'<span class="muted">none</span>'}</td>`,`<td data-sort="${s(e.mergedAt??"")}">${Y(e.mergedAt)}</td>`,`<td data-sort="${s(e.apply?.completedAt??"")}">${Y(e.apply?.completedAt)}</td>`,`<td>${r}</td>`,`<td><span${n}>${s(de(e.path))}</span></td>`,"</tr>"].join("")}function Pe(e){let t=e.audit,r=["When","Model","Stage","Change","Pull request","Approved by","Merged","Applied","Outcome","How"].map(i=>`<button type="button">${i}</button>`),n=['<nav aria-label="Breadcrumb"><a href="index.html">All models</a></nav>',"<h1>Stage changes</h1>","<p>Every change of a model's stages in git, with the pull request that proposed it, who approved it, when it was merged and applied, and how the version reached the stage. The same trail as <code>steward audit</code>.</p>",J(t.notes),t.entries.length===0?'<p class="muted">No stage change found.</p>':x({className:"sortable",caption:"Newest first. Select a column header to sort.",head:r,rows:[...t.entries].sort((i,o)=>o.commit.date.localeCompare(i.commit.date)).map(gt)})].join(`
`);return V({title:"Stage changes \u2014 model-steward dashboard",root:"",body:n,view:e})}var bt=2*864e5,yt={width:720,height:240,left:64,right:16,top:16,bottom:32},Be=e=>Math.round(e*10)/10;function $t(e){let t=[...e.points.map(o=>o.value),e.threshold.min,e.threshold.max].filter(o=>o!==void 0);if(t.length===0)return[0,1];let r=Math.min(...t),n=Math.max(...t),i=n>r?(n-r)*.08:Math.abs(n)*.1||1;return r=r>=0&&r-i<0?0:r-i,n+=i,[r,n]}function Z(e,t){let{width:r,height:n,left:i,right:o,top:a,bottom:u}=yt,d=wt(e),h=`<svg class="chart" id="${s(t)}" viewBox="0 0 ${r} ${n}" role="img" aria-label="${s(d)}" preserveAspectRatio="xMidYMid meet"${e.points.length?` tabindex="0"${vt(e)}`:""}><title>${s(`${e.metric} over time`)}</title><desc>${s(d)}</desc>`;if(e.points.length===0)return`${h}<text class="empty" x="${r/2}" y="${n/2}" text-anchor="middle">No data points for ${s(e.metric)}</text></svg>`;let[l,p]=$t(e),m=e.points[0].t,c=e.points.at(-1).t,f=g=>Be(c===m?i+(r-i-o)/2:i+(g-m)/(c-m)*(r-i-o)),v=g=>Be(a+(1-(g-l)/(p-l))*(n-a-u)),b=[h];for(let g=0;g<=4;g++){let w=l+(p-l)*g/4;b.push(`<line class="grid" x1="${i}" x2="${r-o}" y1="${v(w)}" y2="${v(w)}"/><text class="tick" x="${i-6}" y="${v(w)+4}" text-anchor="end">${s(y(Number(w.toPrecision(3))))}</text>`)}let k=c===m?[m]:[m,m+(c-m)/2,c],N=g=>c-m<bt?$(g).slice(5,16):Ve(g);k.forEach((g,w)=>b.push(`<text class="tick" x="${f(g)}" y="${n-10}" text-anchor="${k.length===1?"middle":["start","middle","end"][w]}">${s(N(g))}</text>`));for(let g of["min","max"]){let w=e.threshold[g];w!==void 0&&(b.push(`<line class="threshold" data-bound="${g}" x1="${i}" x2="${r-o}" y1="${v(w)}" y2="${v(w)}"><title>${g} threshold ${s(y(w))}</title></line>`),b.push(`<text class="threshold-label" x="${i+6}" y="${v(w)+(g==="min"?14:-6)}">${g} ${s(y(w))}</text>`))}for(let g of e.events??[]){let w=f(Math.min(g.t,c));b.push(`<line class="event event-${g.kind}" x1="${w}" x2="${w}" y1="${a}" y2="${n-u}"><title>${s(`${$(g.t)}: ${g.label}`)}</title></line>`)}b.push(`<polyline class="series" points="${e.points.map(g=>`${f(g.t)},${v(g.value)}`).join(" ")}"/>`);for(let g of e.marked)b.push(`<circle class="marker ${g.reason}" cx="${f(g.t)}" cy="${v(g.value)}" r="3.5"><title>${s(`${g.reason==="breach"?"outside threshold":"anomalous"}: ${y(g.value)} at ${$(g.t)}`)}</title></circle>`);return b.push("</svg>"),b.join("")}function vt(e){return[` data-metric="${s(e.metric)}"`,` data-series="${e.points.map(r=>`${r.t},${r.value}`).join(" ")}"`,e.marked.length?` data-marks="${e.marked.map(r=>`${r.t},${r.value},${r.reason==="breach"?"b":"a"}`).join(" ")}"`:"",e.threshold.min!==void 0?` data-min="${e.threshold.min}"`:"",e.threshold.max!==void 0?` data-max="${e.threshold.max}"`:"",e.events?.length?` data-events="${s(JSON.stringify(e.events.map(r=>[r.t,r.kind,r.label])))}"`:""].join("")}function wt(e){if(e.points.length===0)return`${e.metric}: no data points.`;let t=e.points.map(i=>i.value),r=A(e.threshold),n=e.points.at(-1);return[`${e.metric}: ${e.points.length} points from ${$(e.points[0].t)} to ${$(n.t)}`,`ranging ${y(Math.min(...t))} to ${y(Math.max(...t))}, latest ${y(n.value)}`,r?`threshold ${r}`:"no threshold",`${e.marked.filter(i=>i.reason==="anomaly").length} anomalous and ${e.marked.filter(i=>i.reason==="breach").length} out-of-threshold points marked.`].join("; ")}var kt={metrics:"series from the metric source",evidence:"series from the monitor's evidence",none:"no series available"};function ze(e,t){return e.length===0?'<p class="muted">This model has no monitored metric.</p>':e.map((r,n)=>xt(r,`chart-${t}-${n}`)).join(`
`)}function xt(e,t){let r=e.status??"not checked",n=e.marked.filter(u=>u.reason==="anomaly").length,i=e.marked.length-n,o=A(e.threshold),a=[`<li><span class="lg-series"></span>${s(e.metric)}</li>`,o?`<li><span class="lg-thr"></span>threshold ${s(o)}</li>`:"",n?`<li><span class="lg-anomaly"></span>anomalous (${n})</li>`:"",i?`<li><span class="lg-breach"></span>outside threshold (${i})</li>`:"",e.events?.length?`<li><span class="lg-event"></span>remediation and stage events (${e.events.length})</li>`:""].join("");return[`<figure class="chart-box" data-metric="${s(e.metric)}" data-status="${s(r)}" aria-labelledby="${t}-cap">`,`<figcaption id="${t}-cap"><h3>${s(e.metric)} <span class="badge ${r==="ok"?"h-ok":r==="not checked"||r==="insufficient-data"?"h-no-data":`h-${S(e.severity)}`}">${s(r)}</span></h3>`,`<span class="muted">check <code>${s(e.checkId)}</code>, ${s(e.severity)}; ${kt[e.source]}.</span>${e.summary?`<br>${s(e.summary)}`:""}</figcaption>`,...e.points.length===0?['<p class="no-data">No series to draw: the reports carry no points for this metric. Pass <code>--source</code> to read it.</p>']:[Z(e,t),`<ul class="legend" aria-hidden="true">${a}</ul>`,Mt(e),St(e,`${t}-zoom`)],"</figure>"].join("")}function Mt(e){return e.events?.length?`<details class="events"><summary>${e.events.length} event${e.events.length===1?"":"s"} on this chart</summary><ul>${e.events.map(t=>`<li><time datetime="${new Date(t.t).toISOString()}">${s($(t.t))}</time>: ${s(t.label)}</li>`).join("")}</ul></details>`:""}function St(e,t){let r=we(e);return r?`<p class="zoom-title">Close-up from ${s($(r.points[0].t))}</p>${Z(r,t).replace('class="chart"','class="chart zoom"')}`:""}var Fe={width:720,height:220,left:56,right:12,top:14,bottom:44},T=e=>Math.round(e*10)/10,Rt=24;function j(e){return`${Number((e*100).toFixed(1))} %`}function Ct(e){let t=e.kind==="numeric"?e.edges.slice(0,-1).map((n,i)=>{let o=e.edges[i+1];return e.integers?o-n<=1?y(n+.5):`${y(n+.5)} \u2013 ${y(o-.5)}`:`${y(n)} \u2013 ${y(o)}`}):e.categories;if(t.length===0||t.length!==e.baseline.length||t.length!==e.current.length)return;let r=t.map((n,i)=>({label:n,baseline:e.baseline[i],current:e.current[i]}));return e.kind==="categorical"&&e.other&&r.push({label:`other (${e.other.categories} categor${e.other.categories===1?"y":"ies"})`,baseline:e.other.baseline,current:e.other.current}),r}function At(e,t){let[r,n]=e.kind==="numeric"?e.integers?[e.edges[0]+.5,e.edges.at(-1)-.5]:[e.edges[0],e.edges.at(-1)]:[0,0],i=e.kind==="numeric"?`${t.length} ${e.integers?"bins of whole numbers":"equal-width bins"} from ${y(r)} to ${y(n)}`:`${t.length} categor${t.length===1?"y":"ies"}`,o=t.reduce((a,u)=>Math.abs(u.current-u.baseline)>Math.abs(a.current-a.baseline)?u:a,t[0]);return`${e.column}: share of the baseline and of the current sample in ${i}; largest difference in ${o.label}: baseline ${j(o.baseline)}, current ${j(o.current)}.`}function jt(e,t,r){let{width:n,height:i,left:o,right:a,top:u,bottom:d}=Fe,{step:h,ticks:l}=Et(Math.max(...t.flatMap(b=>[b.baseline,b.current]))),p=h*l,m=b=>T(u+(1-b/p)*(i-u-d)),c=(n-o-a)/t.length,f=c*.4,v=[`<svg class="hist" id="${s(r)}" viewBox="0 0 ${n} ${i}" role="img" aria-label="${s(At(e,t))}" preserveAspectRatio="xMidYMid meet"><title>${s(`${e.column}: baseline and current distributions`)}</title>`];for(let b=0;b<=l;b++){let k=h*b;v.push(`<line class="grid" x1="${o}" x2="${n-a}" y1="${m(k)}" y2="${m(k)}"/><text class="tick" x="${o-6}" y="${m(k)+4}" text-anchor="end">${j(k)}</text>`)}return t.forEach((b,k)=>{let N=o+k*c+c*.1;for(let[g,w,Ge,Xe]of[["hb",b.baseline,"baseline",N],["hc",b.current,"current",N+f]])v.push(`<rect class="${g}" x="${T(Xe)}" y="${m(w)}" width="${T(f)}" height="${T(m(0)-m(w))}"><title>${s(`${b.label}: ${Ge} ${j(w)}`)}</title></rect>`)}),v.push(...Vt(e,t,c)),v.push("</svg>"),v.join("")}function Vt(e,t,r){let{height:n,left:i}=Fe,o=(d,h,l="middle",p)=>`<text class="tick" x="${T(d)}" y="${n-Rt}" text-anchor="${l}">${s(h)}${p!==void 0?`<title>${s(p)}</title>`:""}</text>`;if(e.kind==="categorical"||e.integers){let d=Math.max(3,Math.floor(r/7.5)),h=e.kind==="numeric"&&t.length>12?2:1;return t.flatMap((l,p)=>p%h===0?[o(i+(p+.5)*r,Dt(l.label,d),"middle",l.label)]:[])}let a=t.length;return(a===1?[[0,"start"],[1,"end"]]:[[0,"start"],[Math.floor(a/2),"middle"],[a,"end"]]).map(([d,h])=>o(i+d*r,y(e.edges[d]),h))}function Dt(e,t){let r=[...e];return r.length<=t?e:`${r.slice(0,t-1).join("")}\u2026`}function Et(e){let t=[.01,.02,.05,.1,.2,.25].find(r=>Math.ceil(e/r-1e-9)<=5)??.25;return{step:t,ticks:Math.max(1,Math.ceil(e/t-1e-9))}}function We(e,t,r){return e.length===0?"":`<h3 id="distributions-h">Baseline and current distributions</h3><p class="muted">Share of each sample per bin: numeric columns over equal-width bins spanning both samples, categorical columns by their most frequent categories.</p>${[...e.filter(o=>t.includes(o.column)),...e.filter(o=>!t.includes(o.column))].map((o,a)=>Ht(o,t.includes(o.column),`hist-${r}-${a}`)).join("")}`}function Ht(e,t,r){let n=Ct(e),i=`<figure class="chart-box hist-box" data-column="${s(e.column)}" aria-labelledby="${r}-cap"><figcaption id="${r}-cap"><strong>${s(e.column)}</strong> <span class="badge ${t?"h-warning":"h-ok"}">${t?"drift":"ok"}</span> <span class="muted">${s(e.kind)}</span></figcaption>`;if(!n)return`${i}<p class="no-data">The report's histogram of this column is inconsistent (bins and shares differ in number); it is not drawn.</p></figure>`;let o=n.map(a=>`<tr><th scope="row">${s(a.label)}</th><td class="num">${j(a.baseline)}</td><td class="num">${j(a.current)}</td><td class="num">${a.current>=a.baseline?"+":"\u2212"}${j(Math.abs(a.current-a.baseline))}</td></tr>`);return[i,jt(e,n,r),'<ul class="legend" aria-hidden="true"><li><span class="lg-hb"></span>baseline</li><li><span class="lg-hc"></span>current</li></ul>',`<details class="hist-table"><summary>Table of the ${n.length} bins of ${s(e.column)}</summary>`,x({caption:`Share of the baseline and of the current sample in each bin of ${s(e.column)}.`,head:["Bin","Baseline","Current","Difference"],rows:o}),"</details></figure>"].join("")}function _e(e,t){let r=['<nav aria-label="Breadcrumb"><a href="../index.html">All models</a></nav>',`<h1>${s(e.name)} ${H(e.health)}</h1>`,`<p>${s(e.description)}</p>`,`<p class="muted">Task ${s(e.task)} \xB7 policy ${s(e.policy)} \xB7 owners ${e.owners.map(s).join(", ")}${e.checkedAt?` \xB7 checked ${s($(e.checkedAt))}`:""}</p>`,C("stages","Stages",x({caption:"What each stage serves now, from model.yaml.",head:["Stage","Serves","Traffic"],rows:e.stages.map(n=>`<tr><th scope="row">${s(n.stage)}</th><td>${I(n.variants)}</td><td>${n.variants.map(i=>`${i.weight} %`).join(" \xB7 ")}</td></tr>`)})),C("links","Links",It(e)),C("checks","Checks on the latest run",Tt(e)),C("incidents","Open incidents and proposed changes",Nt(e)),C("metrics","Monitored metrics",ze(e.charts,e.slug)),...e.drift?[C("drift","Data drift",Lt(e))]:[],C("versions","Versions and promotion gates",Ot(e.versions)),C("stage-history","Stage history",Pt(e)),C("remediation","Remediation history",Bt(e))].join(`
`);return V({title:`${e.name} \u2014 model-steward dashboard`,root:"../",body:r,view:t})}function C(e,t,r){return`<section aria-labelledby="${e}-h"><h2 id="${e}-h">${t}</h2>${r}</section>`}function It(e){let t='<span class="muted">(no URL configured)</span>',r=[`<li>Model card: ${e.links.card?`<a href="${E(e.links.card)??""}">MODEL_CARD.md</a>`:`<code>models/${s(e.name)}/MODEL_CARD.md</code> ${t}`}</li>`,`<li>MLflow registered model: ${e.links.mlflow?`<a href="${E(e.links.mlflow)??""}">${s(e.name)} in MLflow</a>`:t}</li>`],n=e.links.versions.map(i=>`<tr><th scope="row">${s(i.version)}</th><td>${i.mlflow?M(`MLflow version of ${i.version}`,i.mlflow):'<span class="muted">\u2014</span>'}</td><td>${i.dvc?i.dvc.url?M(i.dvc.path,i.dvc.url):`<code>${s(i.dvc.path)}</code>`:""}</td></tr>`);return`<ul>${r.join("")}</ul>${n.length?x({caption:"Each version's MLflow model version and the DVC pointer of its artifact.",head:["Version","MLflow","DVC pointer"],rows:n}):""}`}function Tt(e){if(e.checks.length===0)return`<p class="muted">${e.health==="unknown"?"No monitor report covers this model.":"No check ran."}</p>`;let t=e.checks.map(r=>`<tr><th scope="row">${s(r.check)}</th><td><span class="badge ${W(r)}">${s(K(r.status))}</span></td><td>${s(r.severity)}</td><td>${s(r.summary)}</td></tr>`);return x({caption:"Each check's outcome on the latest monitor run: ok, a finding, or no data, stale or unreadable (never silently green).",head:["Check","Outcome","Severity","Summary"],rows:t})}function Lt(e){let t=e.drift,r=t.rows.map(n=>`<tr><th scope="row">${s(n.column)}</th><td>${s(n.test??"\u2014")}</td><td class="num">${n.statistic!==void 0?s(y(n.statistic)):"\u2014"}</td><td class="num">${n.pValue!==void 0?s(y(n.pValue)):"\u2014"}</td><td class="num">${n.threshold!==void 0?s(y(n.threshold)):"\u2014"}</td><td><span class="badge ${n.verdict==="drift"?"h-warning":n.verdict==="ok"?"h-ok":"h-no-data"}">${s(n.verdict)}</span>${n.note?` <span class="muted">${s(n.note)}</span>`:""}</td></tr>`);return`<p>Current sample against the baseline <code>${s(t.baseline)}</code>, run of ${s($(t.at))}: ${t.drifted.length?`drift in ${t.drifted.map(n=>`<code>${s(n)}</code>`).join(", ")}`:"no column drifted"}.</p>`+x({caption:"One row per column and test.",head:["Column","Test","Statistic","p-value","Threshold","Verdict"],rows:r})+We(t.histograms??[],t.drifted,e.slug)}function Nt(e){if(e.incidents.length===0&&e.changes.length===0)return"<p>No open incident and no proposed change.</p>";let t=[...e.incidents.map(n=>`<tr><td><span class="badge h-${S(n.severity)}">${s(n.severity)}</span></td><td>${M(`${n.checkId}: ${n.kind}`,n.url)}</td><td>${s(n.summary)}${n.since!==void 0?`<br><span class="muted">since ${s($(n.since))}</span>`:""}</td></tr>`),...e.changes.map(n=>`<tr><td><span class="badge h-info">PR</span></td><td>${M(n.title??n.branch,n.url)}</td><td>branch <code>${s(n.branch)}</code>${n.status?` (${s(n.status)})`:""}</td></tr>`)],r=e.issues.length?`<p class="muted">Tracked in issue${e.issues.length>1?"s":""} ${e.issues.map(n=>`#${n}`).join(", ")}.</p>`:"";return x({caption:"From the latest monitor run.",head:["Kind","What","Detail"],rows:t})+r}function Ot(e){if(e.length===0)return'<p class="muted">No version file.</p>';let t=[...new Set(e.flatMap(n=>n.metrics.map(i=>i.name)))].sort(),r=e.map(n=>{let i=t.map(a=>{let u=n.metrics.find(l=>l.name===a),d=u?.value===void 0?'<span class="muted">\u2014</span>':s(y(u.value)),h=(u?.gates??[]).map(l=>{let p=l.pass===void 0?"s-none":l.pass?"s-pass":"s-fail",m=l.pass===void 0?"missing":l.pass?"pass":"fail";return`<br><span class="badge ${p}" title="${s(`${l.stage} gate ${A(l.bound)}`)}">${m}: ${s(l.stage)} ${s(A(l.bound))}</span>`});return`<td class="num">${d}${h.join("")}</td>`}),o=n.servedIn.length?n.servedIn.map(s).join(", "):n.archived?"archived":'<span class="muted">\u2014</span>';return`<tr><th scope="row">${s(n.version)}</th><td>${o}</td>${i.join("")}<td>${n.createdAt?s(n.createdAt.slice(0,10)):""}${n.notes?`<br><span class="muted">${s(n.notes)}</span>`:""}</td></tr>`});return x({caption:"Offline evaluation metrics of each version, checked against the policy's promotion gates per stage.",head:["Version","Serves in",...t.map(s),"Created / notes"],rows:r})}function Pt(e){return e.timeline.length===0?'<p class="muted">No stage change found in git history.</p>':`<ol class="timeline" aria-label="Stage changes, newest first">${e.timeline.map(r=>`<li><time datetime="${new Date(r.at).toISOString()}">${s($(r.at))}</time>: <strong>${s(r.stage)}</strong> ${I(r.from)} \u2192 ${I(r.to)}<br><span class="muted">${s(r.subject)} \xB7 <code>${s(r.sha.slice(0,7))}</code> by ${s(r.author)}</span></li>`).join("")}</ol>`}function Bt(e){if(e.history.length===0)return'<p class="muted">No finding or action in the monitor reports.</p>';let t=e.history.map(r=>`<tr><td data-sort="${s(r.at)}">${s($(r.at))}</td><td>${r.severity?`<span class="badge h-${S(r.severity)}">${s(r.severity)}</span> `:""}${s(r.what)}</td><td>${M(r.detail,r.url)}</td><td>${s(r.status??"")}</td></tr>`);return x({className:"sortable",caption:"Findings as they began and recovered, and the actions the monitor took, newest first.",head:["When","Event","Detail","Status"].map(r=>`<button type="button">${r}</button>`),rows:t})}function Ue(e){return[{path:"index.html",html:Ne(e)},...e.models.map(t=>({path:`models/${t.slug}.html`,html:_e(t,e)})),...e.audit?[{path:"audit.html",html:Pe(e)}]:[]]}async function qe(e,t){let r=[],n=await le({files:e.files});for(let m of n.findings)m.severity==="error"&&r.push(`${m.file}${m.line?`:${m.line}`:""}: ${m.message}`);let{state:i}=n,o;e.reports?o=await zt(e.reports,r):e.metrics?o=[await(e.monitor??ge)({metrics:e.metrics,files:e.files,logger:e.logger,load:async()=>n,...e.git?{history:e.git}:{}},{now:t.now,dryRun:!0})]:(o=[],r.push("no monitor report and no metric source: health is unknown"));let a=new Map;if(e.git)for(let m of i.models)try{a.set(m.name,await ce(e.git,m.name,m.file))}catch(c){r.push(`git history of ${m.file}: ${O(c)}`)}let u=new Map(i.policies.map(m=>[m.name,m])),d=e.metrics?await Ft(e.metrics,i.models,u,o,t.now,r):new Map,h=e.git?await ye({files:e.files,git:e.git,...e.changeRecords?{github:e.changeRecords}:{}}).catch(m=>{r.push(`audit trail: ${O(m)}`)}):void 0,l=Ae({state:i,histories:a,reports:o,series:d,now:t.now,warnings:r,...t.links?{links:t.links}:{},...h?{audit:{entries:h.entries,notes:h.notes}}:{}}),p=[];for(let m of Ue(l))await e.out.write(m.path,m.html),p.push(m.path);return{view:l,written:p,warnings:r}}async function zt(e,t){let r=[],n=new TextDecoder,i=(await e.list("")).filter(a=>a.endsWith(".json")),o=[];for(let a of i){let u=await e.read(a);if(!u)continue;let d=je(n.decode(u));d.ok?r.push(d.report):a==="report.json"||a.endsWith("/report.json")?t.push(`${a}: ${d.reason}; skipped`):o.push(a)}return o.length>0&&t.push(`skipped ${o.length} JSON file(s) that are not monitor reports: ${o.slice(0,3).join(", ")}${o.length>3?", \u2026":""}`),r.length===0&&t.push("no monitor report found in the reports folder: health is unknown"),r}async function Ft(e,t,r,n,i,o){let a=new Map;for(let u of[...t].sort((d,h)=>d.name.localeCompare(h.name))){if(!u.monitoring)continue;let d=n.filter(c=>c.models.some(f=>f.model===u.name)).map(c=>Date.parse(c.now)).sort((c,f)=>c-f).at(-1)??+i,l=se([u],r).filter(c=>c.series.version===void 0).map(c=>({key:c.series.key,query:c.query})),p=new Map;for(let c of new Map(l.map(f=>[f.query.id,f.query])).values())p.set(c.period,[...p.get(c.period)??[],c]);let m=new Map;for(let[c,f]of p){let v=fe(d,u.monitoring.window,c);try{let b=await e.read(f,{start:new Date(v.start),end:new Date(v.end)});for(let k of b)k.error?o.push(`metrics ${k.id}: ${k.error}`):m.set(k.id,k.points)}catch(b){o.push(`metrics of ${u.name}: ${O(b)}`)}}for(let c of l)m.has(c.query.id)&&a.set(c.key,m.get(c.query.id))}return a}var Gt=`usage: steward dashboard --out DIR [--root DIR] [--reports DIR] [--source cloudwatch|DIR|samples] [--now ISO]
                         [--format text|json]

Writes a static HTML dashboard: DIR/index.html (every model, its stages, health, open incidents
and proposed PRs) and DIR/models/<model>.html (versions against the promotion gates, stage history
from git, a chart per monitored metric with thresholds and anomalies, remediation history).
Self-contained: no network, works from file:// and on GitHub Pages.

  --reports  a folder of monitor reports (the JSON of steward monitor --format json, or the
             report.json that --out writes), read at any depth: the newest report per model gives
             its health, all of them its remediation history.
             Without it, one dry-run monitor pass runs over --source (GitHub is not touched).
  --source   where chart series are read: cloudwatch, a folder <DIR>/<model>/<metric>.csv|json, or
             samples (the tool's own sample files, replayed to end at --now; only when named).
             Default without --reports: cloudwatch. With --reports: none (charts show the
             reports' evidence points).
  --now      build as of this time (default: now); the same inputs and --now give the same files.

Exit 0 when the site was written (unhealthy models are shown, not failed), 2 on usage errors.
`;function Xt(e){let t=e.GITHUB_REPOSITORY,r;if(e.MLFLOW_TRACKING_URI)try{let n=new URL(e.MLFLOW_TRACKING_URI);(n.protocol==="http:"||n.protocol==="https:")&&(n.username="",n.password="",n.search="",r=n.toString().replace(/\/+$/,""))}catch{}return{...t?{repoUrl:`${e.GITHUB_SERVER_URL||"https://github.com"}/${t}`}:{},...e.GITHUB_SHA?{ref:e.GITHUB_SHA}:{},...r?{mlflowUrl:r}:{}}}function Kt(e,t){let r=me(e);if(!r.token||!r.repository)return{};let{owner:n,repo:i}=pe(r.repository);return{changeRecords:$e({octokit:ue({token:r.token,logger:t,...r.apiUrl?{baseUrl:r.apiUrl}:{}}),owner:n,repo:i})}}var Bn=async(e,t)=>{let{values:r}=Q(e,{...te,out:{type:"string"},reports:{type:"string"},source:{type:"string"},now:{type:"string"}});if(r.help)return t.stdout(Gt),_;let n=ee(r.format,["text","json"]);if(!r.out)throw new D("usage: steward dashboard needs --out DIR");let i=r.now?new Date(r.now):t.now();if(Number.isNaN(+i))throw new D(`usage: --now must be an ISO time, not "${r.now}"`);let o=L(t.cwd,r.root??"."),a=L(t.cwd,r.out),u=(m,c)=>{let f=qt(c,m);return f===""||!f.startsWith("..")&&!Ut(f)};if(u(o,a)||u(a,L(o,"models"))||u(a,L(o,"policies")))throw new D(`usage: --out ${r.out} would write the site into the repository's own files (${a}); choose a folder of its own, e.g. --out site`);let d=r.reports?L(t.cwd,r.reports):void 0;if(d&&!Wt(d))throw new D(`usage: --reports: no folder ${d}`);let h=await be(r.source,o,t.cwd,{optional:d!==void 0});await _t(a,{recursive:!0});let l=ne({write:t.stderr}),p=await qe({files:P(o),out:P(a),logger:l,git:re(o),...h?{metrics:h}:{},...d?{reports:P(d)}:{},...Kt(t.env,l)},{now:i,links:Xt(t.env)});for(let m of p.warnings)t.stderr(`warning: ${m}
`);if(n==="json"){let m=p.view.models.map(c=>({model:c.name,health:c.health,incidents:c.incidents.length,changes:c.changes.length,page:`models/${c.slug}.html`}));t.stdout(`${JSON.stringify({out:a,files:p.written,models:m,warnings:p.warnings},null,2)}
`)}else{let m=p.warnings.length,c=m?`; ${m} warning${m===1?"":"s"}, the pages are incomplete (first: ${p.warnings[0].length>160?`${p.warnings[0].slice(0,160)}\u2026`:p.warnings[0]})`:"";t.stdout(`wrote ${p.written.length} page(s) to ${a}: index.html and ${p.view.models.length} model page(s)${c}
`)}return _};export{Bn as dashboardCli};
