/**
 * The dashboard's inline stylesheet. Colours meet WCAG AA contrast on their backgrounds; tables
 * scroll sideways inside their own box on a phone instead of widening the page.
 */
export const PAGE_CSS = `
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
`;
